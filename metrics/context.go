package metrics

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// RoundingMode says how a Context resolves a result that does not fit its
// scale. The zero value is RoundHalfEven.
type RoundingMode uint8

// The rounding modes. "Toward zero" and "away from zero" refer to the sign of
// the exact result.
const (
	RoundHalfEven RoundingMode = iota // to nearest; ties to the even neighbour (banker's rounding)
	RoundHalfUp                       // to nearest; ties away from zero (shopspring's Round)
	RoundHalfDown                     // to nearest; ties toward zero
	RoundDown                         // toward zero (truncate)
	RoundUp                           // away from zero
	RoundFloor                        // toward negative infinity
	RoundCeiling                      // toward positive infinity
)

var roundingModeNames = [...]string{"half-even", "half-up", "half-down", "down", "up", "floor", "ceiling"}

// String returns the mode's name, such as "half-even".
func (m RoundingMode) String() string {
	if int(m) < len(roundingModeNames) {
		return roundingModeNames[m]
	}
	return fmt.Sprintf("RoundingMode(%d)", uint8(m))
}

// DefaultScale is the number of decimal places the zero Context rounds to.
const DefaultScale int32 = 12

// MaxScale bounds the scale of a Context, so that a mistaken scale cannot ask
// for billions of digits. NewContext clamps to [-MaxScale, MaxScale].
const MaxScale int32 = 1000

// Context is how a result is rounded: a scale (decimal places; negative
// scales round to tens, hundreds, ...) and a rounding mode. It is the one
// spelling of rounding across the library: every method that rounds takes a
// Context. It is a small comparable value; the zero value is the default,
// DefaultScale (12) places with RoundHalfEven, and Context{} == DefaultContext().
type Context struct {
	offset int32 // scale − DefaultScale, so the zero value has the default scale
	mode   RoundingMode
}

// NewContext returns a Context that rounds to scale places with mode. A scale
// outside [-MaxScale, MaxScale] is clamped to that range; a mode that is not
// one of the constants is treated as RoundHalfEven.
func NewContext(scale int32, mode RoundingMode) Context {
	scale = min(max(scale, -MaxScale), MaxScale)
	if int(mode) >= len(roundingModeNames) {
		mode = RoundHalfEven
	}
	return Context{offset: scale - DefaultScale, mode: mode}
}

// Places returns the Context that rounds half to even to n places, the usual
// way to show a figure: Places(2) for cents, Places(1) for a percent with one
// decimal.
func Places(n int32) Context { return NewContext(n, RoundHalfEven) }

// DefaultContext returns the Context used wherever none is given: 12 decimal
// places, RoundHalfEven. It equals the zero Context.
func DefaultContext() Context { return Context{} }

// Scale returns the number of decimal places the Context rounds to.
func (c Context) Scale() int32 { return c.offset + DefaultScale }

// Mode returns the Context's rounding mode.
func (c Context) Mode() RoundingMode { return c.mode }

// String returns a description such as "12 places, half-even".
func (c Context) String() string {
	return fmt.Sprintf("%d places, %s", c.Scale(), c.Mode())
}

// Quo returns a ÷ b rounded once, to c's scale with c's rounding mode. The
// quotient is computed exactly with QuoRem and the rounding decision is taken
// from the exact remainder, so the result is never rounded twice (shopspring's
// Div(...).RoundBank(2) is: 12500000000000000001e-20 gives 0.12, Quo 0.13).
// Dividing by zero returns a *ValueError wrapping ErrZeroDenominator;
// operands whose exponents lie beyond ±1,000,000 (values no amount or ratio
// has) one wrapping ErrOutOfRange.
func (c Context) Quo(a, b decimal.Decimal) (decimal.Decimal, error) {
	if b.Sign() == 0 {
		return decimal.Decimal{}, valueErr("Context.Quo", "", ErrZeroDenominator)
	}
	if !dec.InRange(a) || !dec.InRange(b) {
		return decimal.Decimal{}, valueErr("Context.Quo", "", dec.ErrExponent)
	}
	return c.quo(a, b), nil
}

// quo is Quo for a divisor the caller has checked is non-zero.
func (c Context) quo(a, b decimal.Decimal) decimal.Decimal {
	scale := c.Scale()
	q, r := a.QuoRem(b, scale) // q truncated toward zero; a = q*b + r
	if r.Sign() == 0 {
		return q
	}
	negative := a.Sign()*b.Sign() < 0
	// Compare the discarded part of one unit, |r| / (|b| × 10^-scale), with one half.
	twice := r.Abs().Add(r.Abs())
	unit := b.Abs().Shift(-scale)
	half := twice.Cmp(unit) // <0 below half, 0 exactly half, >0 above half
	var away bool
	switch c.Mode() {
	case RoundHalfEven:
		away = half > 0 || (half == 0 && isOdd(q, scale))
	case RoundHalfUp:
		away = half >= 0
	case RoundHalfDown:
		away = half > 0
	case RoundDown:
		away = false
	case RoundUp:
		away = true
	case RoundFloor:
		away = negative
	case RoundCeiling:
		away = !negative
	}
	if !away {
		return q
	}
	ulp := decimal.New(1, -scale)
	if negative {
		return q.Sub(ulp)
	}
	return q.Add(ulp)
}

// isOdd reports whether q, a multiple of 10^-scale, has an odd last digit at
// that scale.
func isOdd(q decimal.Decimal, scale int32) bool {
	units := q.Shift(scale) // an integer
	return units.Abs().Mod(decimal.New(2, 0)).Sign() != 0
}

// Round rounds d once to c's scale with c's rounding mode. A value that
// already fits is returned unchanged (with its own exponent). A d whose
// exponent lies beyond ±1,000,000 returns a *ValueError wrapping
// ErrOutOfRange.
func (c Context) Round(d decimal.Decimal) (decimal.Decimal, error) {
	if !dec.InRange(d) {
		return decimal.Decimal{}, valueErr("Context.Round", "", dec.ErrExponent)
	}
	return c.round(d), nil
}

// round is Round for a value in range.
func (c Context) round(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= -c.Scale() {
		return d
	}
	return c.quo(d, decimal.New(1, 0))
}
