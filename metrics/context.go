package metrics

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// RoundingMode says how Context.Quo and Context.Round resolve a result that
// does not fit the scale. The zero value is HalfEven.
type RoundingMode uint8

// The rounding modes. "Toward zero" and "away from zero" refer to the sign of
// the exact result.
const (
	HalfEven RoundingMode = iota // to nearest; ties to the even neighbour (banker's rounding)
	HalfUp                       // to nearest; ties away from zero (shopspring's Round)
	HalfDown                     // to nearest; ties toward zero
	Down                         // toward zero (truncate)
	Up                           // away from zero
	Floor                        // toward negative infinity
	Ceiling                      // toward positive infinity
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

// Context is the precision of a division: a scale (decimal places; negative
// scales round to tens, hundreds, ...) and a rounding mode. It is a small value
// passed by value and never mutated in place. The zero value is the default:
// DefaultScale (12) places, HalfEven.
type Context struct {
	scale int32
	mode  RoundingMode
	set   bool
}

// NewContext returns a Context that rounds to scale places with mode. A scale
// outside [-MaxScale, MaxScale] is clamped to that range; an unknown mode is
// treated as HalfEven.
func NewContext(scale int32, mode RoundingMode) Context {
	scale = min(max(scale, -MaxScale), MaxScale)
	if int(mode) >= len(roundingModeNames) {
		mode = HalfEven
	}
	return Context{scale: scale, mode: mode, set: true}
}

// DefaultContext returns the Context used wherever none is given: 12 decimal
// places, HalfEven. It behaves exactly like the zero Context.
func DefaultContext() Context { return NewContext(DefaultScale, HalfEven) }

// Scale returns the number of decimal places the Context rounds to.
func (c Context) Scale() int32 {
	if !c.set {
		return DefaultScale
	}
	return c.scale
}

// Mode returns the Context's rounding mode.
func (c Context) Mode() RoundingMode {
	if !c.set {
		return HalfEven
	}
	return c.mode
}

// String returns a description such as "12 places, half-even".
func (c Context) String() string {
	return fmt.Sprintf("%d places, %s", c.Scale(), c.Mode())
}

// Quo returns a ÷ b rounded once, to c's scale with c's rounding mode. The
// quotient is computed exactly with QuoRem and the rounding decision is taken
// from the exact remainder, so the result is never rounded twice (shopspring's
// Div(...).RoundBank(2) is: 12500000000000000001e-20 gives 0.12, Quo 0.13).
// Dividing by zero returns ErrZeroDenominator; operands whose exponents lie
// beyond ±maxExponent (values no amount or ratio has, which would need
// gigabytes of digits) return ErrOutOfRange.
func (c Context) Quo(a, b decimal.Decimal) (decimal.Decimal, error) {
	if b.Sign() == 0 {
		return decimal.Decimal{}, ErrZeroDenominator
	}
	if !exponentInRange(a) || !exponentInRange(b) {
		return decimal.Decimal{}, ErrOutOfRange
	}
	return c.quo(a, b), nil
}

// maxExponent bounds the exponents Quo accepts.
const maxExponent = 1_000_000

// exponentInRange reports whether d's exponent lies within ±maxExponent.
func exponentInRange(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -maxExponent && e <= maxExponent
}

// errExponent is the error for an operand beyond exponentInRange: aligning
// it with another value (to add, compare or print it) would take gigabytes of
// digits, so the functions that return errors refuse it instead of hanging.
var errExponent = fmt.Errorf("%w: exponent beyond ±%d", ErrOutOfRange, maxExponent)

// inRange reports whether m's exponent is within range (an inline amount
// always is).
func (m Money) inRange() bool { return m.big == nil || exponentInRange(*m.big) }

// inRange reports whether both of r's exponents are within range.
func (r Ratio) inRange() bool { return exponentInRange(r.num) && exponentInRange(r.den) }

// decimalEqual is a.Equal(b) for any exponents: beyond the range it compares
// the values' shortest forms (coefficient without trailing zeros, and
// exponent) instead of aligning them.
func decimalEqual(a, b decimal.Decimal) bool {
	if exponentInRange(a) && exponentInRange(b) {
		return a.Equal(b)
	}
	ca, ea := shortestForm(a)
	cb, eb := shortestForm(b)
	return ea == eb && ca.Cmp(cb) == 0
}

// shortestForm returns d as coefficient × 10^exponent with no trailing zero
// in the coefficient (0 × 10^0 for zero).
func shortestForm(d decimal.Decimal) (*big.Int, int64) {
	c, e := d.Coefficient(), int64(d.Exponent())
	if c.Sign() == 0 {
		return c, 0
	}
	ten, q, r := big.NewInt(10), new(big.Int), new(big.Int)
	for {
		q.QuoRem(c, ten, r)
		if r.Sign() != 0 {
			return c, e
		}
		c.Set(q)
		e++
	}
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
	case HalfEven:
		away = half > 0 || (half == 0 && isOdd(q, scale))
	case HalfUp:
		away = half >= 0
	case HalfDown:
		away = half > 0
	case Down:
		away = false
	case Up:
		away = true
	case Floor:
		away = negative
	case Ceiling:
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
// already fits is returned unchanged (with its own exponent).
func (c Context) Round(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() >= -c.Scale() {
		return d
	}
	return c.quo(d, decimal.New(1, 0))
}
