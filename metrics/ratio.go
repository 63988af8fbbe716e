package metrics

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Ratio is a dimensionless quantity — churn, NRR, GRR, conversion, win rate,
// coverage, LTV:CAC — stored as an exact fraction num/den (den > 0), never as
// money and never as a float. It is shown as a percent ("105%") or a multiple
// ("3.2x"); 1.05 and 105% are the same Ratio.
//
// Because the fraction is exact, a metric that divides loses nothing until its
// digits are requested: Decimal rounds with DefaultContext, Round rounds once
// with the places and mode the caller chooses. The zero value is 0.
type Ratio struct {
	num decimal.Decimal
	den decimal.Decimal // zero means 1 (so the zero Ratio is 0)
}

// NewRatio returns the ratio d (a fraction: 1.05 means 105%). A ratio whose
// exponent lies beyond ±1,000,000 is refused with ErrOutOfRange by RatioOf and
// by every metric; Ratio's own methods, which return no error, do not check it
// and may take time and memory proportional to the exponent.
func NewRatio(d decimal.Decimal) Ratio { return Ratio{num: d} }

// RatioFromInt returns the ratio n (an integer multiple: 3 means 3x, 300%).
func RatioFromInt(n int64) Ratio { return Ratio{num: decimal.New(n, 0)} }

// Percent returns the ratio p/100: Percent(105) is 1.05.
func Percent(p decimal.Decimal) Ratio { return Ratio{num: p, den: decimal.New(100, 0)} }

// PercentInt returns the ratio p/100 for a whole percent: PercentInt(90) is 0.9.
func PercentInt(p int64) Ratio { return Percent(decimal.New(p, 0)) }

// RatioOf returns num/den exactly; den = 0 returns ErrZeroDenominator, and
// an exponent beyond ±1,000,000 (a value no metric has) ErrOutOfRange.
func RatioOf(num, den decimal.Decimal) (Ratio, error) {
	if den.Sign() == 0 {
		return Ratio{}, ErrZeroDenominator
	}
	if !exponentInRange(num) || !exponentInRange(den) {
		return Ratio{}, errExponent
	}
	if den.Sign() < 0 {
		num, den = num.Neg(), den.Neg()
	}
	return Ratio{num: num, den: den}, nil
}

// CountRatio returns num/den for counts (15 lost of 500); den = 0 returns
// ErrZeroDenominator.
func CountRatio(num, den int64) (Ratio, error) {
	return RatioOf(decimal.New(num, 0), decimal.New(den, 0))
}

// ParseRatio parses "1.05" (a fraction), "105%" (a percent) or "3.2x" (a
// multiple).
func ParseRatio(s string) (Ratio, error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasSuffix(t, "%"):
		d, err := parseDecimal(strings.TrimSuffix(t, "%"))
		if err != nil {
			return Ratio{}, fmt.Errorf("metrics: ratio %q: %w", s, err)
		}
		return Percent(d), nil
	case strings.HasSuffix(t, "x"), strings.HasSuffix(t, "X"):
		t = t[:len(t)-1]
	}
	d, err := parseDecimal(t)
	if err != nil {
		return Ratio{}, fmt.Errorf("metrics: ratio %q: %w", s, err)
	}
	return NewRatio(d), nil
}

// Fraction returns the exact numerator and (positive) denominator.
func (r Ratio) Fraction() (num, den decimal.Decimal) {
	if r.den.Sign() == 0 {
		return r.num, decimal.New(1, 0)
	}
	return r.num, r.den
}

// Unit returns UnitRatio.
func (r Ratio) Unit() Unit { return UnitRatio }

// Sign returns -1, 0 or +1.
func (r Ratio) Sign() int { return r.num.Sign() }

// IsZero reports whether r is 0.
func (r Ratio) IsZero() bool { return r.num.Sign() == 0 }

// Cmp compares r and o exactly: -1, 0 or +1.
func (r Ratio) Cmp(o Ratio) int {
	a, b := r.Fraction()
	c, d := o.Fraction()
	return a.Mul(d).Cmp(c.Mul(b)) // b, d > 0
}

// CmpDecimal compares r with the plain number d exactly.
func (r Ratio) CmpDecimal(d decimal.Decimal) int {
	a, b := r.Fraction()
	return a.Cmp(d.Mul(b))
}

// Equal reports whether r and o are the same number: 1.05, 105% and 21/20 are
// equal.
func (r Ratio) Equal(o Ratio) bool { return r.Cmp(o) == 0 }

// Add returns r + o exactly.
func (r Ratio) Add(o Ratio) Ratio {
	a, b := r.Fraction()
	c, d := o.Fraction()
	if b.Equal(d) {
		return Ratio{num: a.Add(c), den: b}
	}
	return Ratio{num: a.Mul(d).Add(c.Mul(b)), den: b.Mul(d)}
}

// Sub returns r − o exactly.
func (r Ratio) Sub(o Ratio) Ratio { return r.Add(o.Neg()) }

// Neg returns −r.
func (r Ratio) Neg() Ratio { return Ratio{num: r.num.Neg(), den: r.den} }

// Mul returns r × o exactly.
func (r Ratio) Mul(o Ratio) Ratio {
	a, b := r.Fraction()
	c, d := o.Fraction()
	return Ratio{num: a.Mul(c), den: b.Mul(d)}
}

// MulInt returns r × n exactly.
func (r Ratio) MulInt(n int64) Ratio {
	return Ratio{num: r.num.Mul(decimal.New(n, 0)), den: r.den}
}

// Quo returns r ÷ o exactly; a zero o returns ErrZeroDenominator.
func (r Ratio) Quo(o Ratio) (Ratio, error) {
	a, b := r.Fraction()
	c, d := o.Fraction()
	return RatioOf(a.Mul(d), b.Mul(c))
}

// Inverse returns 1 ÷ r exactly; a zero r returns ErrZeroDenominator.
func (r Ratio) Inverse() (Ratio, error) {
	num, den := r.Fraction()
	return RatioOf(den, num)
}

// Decimal returns r as a decimal fraction rounded once with DefaultContext
// (12 places, half to even); exact when r has at most 12 decimals.
func (r Ratio) Decimal() decimal.Decimal { return r.Rounded(Context{}) }

// Rounded returns r as a decimal fraction rounded once with ctx.
func (r Ratio) Rounded(ctx Context) decimal.Decimal {
	num, den := r.Fraction()
	if den.Equal(decimal.New(1, 0)) {
		return ctx.Round(num)
	}
	return ctx.quo(num, den)
}

// Round returns r rounded once to places decimal places of the fraction
// (Round(4, HalfEven) of 1/3 is 0.3333) as a Ratio.
func (r Ratio) Round(places int32, mode RoundingMode) Ratio {
	return NewRatio(r.Rounded(NewContext(places, mode)))
}

// Percent returns r × 100 rounded once with ctx: 1.05 gives 105.
func (r Ratio) Percent(ctx Context) decimal.Decimal {
	num, den := r.Fraction()
	return ctx.quo(num.Mul(decimal.New(100, 0)), den)
}

// StringPercent returns r as a percent rounded once to places with HalfEven,
// with trailing zeros trimmed: "105%", "11.470719%".
func (r Ratio) StringPercent(places int32) string {
	return formatDecimal(r.Percent(NewContext(places, HalfEven)), 0) + "%"
}

// StringMultiple returns r as a multiple rounded once to places with HalfEven,
// trailing zeros trimmed: "3.2x".
func (r Ratio) StringMultiple(places int32) string {
	return formatDecimal(r.Rounded(NewContext(places, HalfEven)), 0) + "x"
}

// String returns r as a percent to 10 places (the fraction's 12), trailing
// zeros trimmed: "105%", "33.3333333333%".
func (r Ratio) String() string { return r.StringPercent(DefaultScale - 2) }

// MarshalJSON writes the fraction as a quoted decimal rounded once with
// DefaultContext, trailing zeros trimmed: "1.05". Equal ratios marshal alike.
func (r Ratio) MarshalJSON() ([]byte, error) {
	return json.Marshal(formatDecimal(r.Decimal(), 0))
}

// UnmarshalJSON reads a quoted fraction ("1.05"), percent ("105%") or
// multiple ("3.2x").
func (r *Ratio) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("metrics: ratio must be a quoted string: %w", err)
	}
	v, err := ParseRatio(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}
