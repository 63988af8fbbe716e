package metrics

import (
	"encoding/json"
	"fmt"

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
// say its unit in their name (CACPaybackMonths, TimeToValueDays).
type Quantity struct {
	value decimal.Decimal
	unit  Unit
}

// Count returns n things.
func Count(n int64) Quantity { return Quantity{value: decimal.New(n, 0), unit: UnitCount} }

// Days returns a duration of d days.
func Days(d decimal.Decimal) Quantity { return Quantity{value: d, unit: UnitDays} }

// Hours returns a duration of h hours.
func Hours(h decimal.Decimal) Quantity { return Quantity{value: h, unit: UnitHours} }

// Months returns a duration of m months.
func Months(m decimal.Decimal) Quantity { return Quantity{value: m, unit: UnitMonths} }

// Score returns a score (NPS, CSAT, CES, a health score).
func Score(s decimal.Decimal) Quantity { return Quantity{value: s, unit: UnitScore} }

// Value returns the number.
func (q Quantity) Value() decimal.Decimal { return q.value }

// Unit returns the quantity's unit.
func (q Quantity) Unit() Unit { return q.unit }

func (q Quantity) fraction() (decimal.Decimal, decimal.Decimal) { return q.value, decimal.New(1, 0) }

// Equal reports whether q and o have the same unit and number (scale does not
// matter).
func (q Quantity) Equal(o Quantity) bool { return q.unit == o.unit && q.value.Equal(o.value) }

// String returns the exact number and unit, such as "42 days" or "3.5 months".
func (q Quantity) String() string { return formatDecimal(q.value, 0) + " " + q.unit.String() }

// quantityJSON is Quantity's JSON form.
type quantityJSON struct {
	Value string `json:"value"`
	Unit  Unit   `json:"unit"`
}

// MarshalJSON writes {"value":"42","unit":"days"}, the value exact and quoted.
func (q Quantity) MarshalJSON() ([]byte, error) {
	return json.Marshal(quantityJSON{Value: formatDecimal(q.value, 0), Unit: q.unit})
}
