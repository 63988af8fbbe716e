package metrics

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// Unit is the kind of value a metric produces. Units keep money, ratios,
// counts and durations apart: Definition.Classify refuses a value of the
// wrong unit.
type Unit uint8

// The units.
const (
	UnitRatio  Unit = iota + 1 // a fraction, shown as a percent (NRR 105%) or multiple (LTV:CAC 3.2x)
	UnitMoney                  // an amount in a currency (MRR, LTV, CAC)
	UnitCount                  // a whole number of things (customers, logos)
	UnitDays                   // a duration in days (sales cycle, time to value)
	UnitHours                  // a duration in hours (first response time)
	UnitMonths                 // a duration in months (CAC payback, runway, lifetime)
	UnitScore                  // a score on a stated scale (NPS −100..100, CSAT 1–5)
)

var unitNames = [...]string{"", "ratio", "money", "count", "days", "hours", "months", "score"}

// String returns the unit's name, such as "ratio".
func (u Unit) String() string {
	if u > 0 && int(u) < len(unitNames) {
		return unitNames[u]
	}
	return fmt.Sprintf("Unit(%d)", uint8(u))
}

// MarshalText writes the unit's name.
func (u Unit) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads a unit's name.
func (u *Unit) UnmarshalText(b []byte) error {
	for i, n := range unitNames {
		if i > 0 && n == string(b) {
			*u = Unit(i)
			return nil
		}
	}
	return valueErr("Unit.UnmarshalText", strconv.Quote(string(b)), ErrInvalid)
}

// Value is a metric result that the dictionary can classify: a Ratio, a Money
// or a Quantity.
type Value interface {
	// Unit is the value's unit.
	Unit() Unit
	// fraction returns the value as an exact fraction (den > 0).
	fraction() (num, den decimal.Decimal)
}

func (r Ratio) fraction() (decimal.Decimal, decimal.Decimal) { return r.Fraction() }

func (m Money) fraction() (decimal.Decimal, decimal.Decimal) { return m.dec(), decimal.New(1, 0) }

// Quantity is a number with a unit other than money or ratio: a count, a
// duration in days, hours or months, or a score. Functions that return one
// say its unit in their name (CACPaybackMonths, TimeToValueDays). The zero
// value has no unit.
type Quantity struct {
	value decimal.Decimal
	unit  Unit
}

// NewQuantity returns value in unit, which must be UnitCount, UnitDays,
// UnitHours, UnitMonths or UnitScore (else ErrUnitMismatch), with an
// exponent within ±1,000,000 (else ErrOutOfRange), each in a *ValueError.
func NewQuantity(value decimal.Decimal, unit Unit) (Quantity, error) {
	switch {
	case unit < UnitCount || unit > UnitScore:
		return Quantity{}, valueErr("NewQuantity", "unit "+unit.String(), ErrUnitMismatch)
	case !dec.InRange(value):
		return Quantity{}, valueErr("NewQuantity", dec.Format(value, 0), dec.ErrExponent)
	}
	return Quantity{value: value, unit: unit}, nil
}

// Count returns n things.
func Count(n int64) Quantity { return Quantity{value: decimal.New(n, 0), unit: UnitCount} }

// quantity returns value in unit (both known good), for the metric functions.
func quantity(value decimal.Decimal, unit Unit) Quantity { return Quantity{value: value, unit: unit} }

// Value returns the number.
func (q Quantity) Value() decimal.Decimal { return q.value }

// Unit returns the quantity's unit.
func (q Quantity) Unit() Unit { return q.unit }

func (q Quantity) fraction() (decimal.Decimal, decimal.Decimal) { return q.value, decimal.New(1, 0) }

// Equal reports whether q and o have the same unit and number (scale does not
// matter).
func (q Quantity) Equal(o Quantity) bool { return q.unit == o.unit && dec.Equal(q.value, o.value) }

// Round returns q with its number rounded once with ctx.
func (q Quantity) Round(ctx Context) Quantity {
	q.value = ctx.round(q.value)
	return q
}

// String returns the exact number and unit, such as "42 days" or "3.5 months".
func (q Quantity) String() string { return dec.Format(q.value, 0) + " " + q.unit.String() }

// MarshalText writes String's form, "42 days".
func (q Quantity) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads "42 days": a decimal, one space, a unit name.
func (q *Quantity) UnmarshalText(b []byte) error {
	num, unit, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	v, err := dec.Parse(num)
	if err != nil {
		return valueErr("Quantity.UnmarshalText", strconv.Quote(string(b)), err)
	}
	var u Unit
	if err := u.UnmarshalText([]byte(unit)); err != nil {
		return err
	}
	out, err := NewQuantity(v, u)
	if err != nil {
		return err
	}
	*q = out
	return nil
}

// MarshalJSON writes the quoted text form, "42 days".
func (q Quantity) MarshalJSON() ([]byte, error) { return json.Marshal(q.String()) }

// UnmarshalJSON reads the quoted text form.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return valueErr("Quantity.UnmarshalJSON", "", ErrInvalid)
	}
	return q.UnmarshalText([]byte(s))
}
