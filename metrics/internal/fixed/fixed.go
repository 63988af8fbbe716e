// Package fixed holds exact amounts as integers of 10^-12 units ("pico"
// units) when they fit an int64, falling back to shopspring decimals when
// they do not, and sums them exactly in a 128-bit accumulator. Nothing here
// rounds: a value that is not an exact int64 of pico units stays a decimal.
//
// Every fast path has a slow, obviously correct reference beside it in
// slow_test.go (big.Int and decimal arithmetic), and the tests compare them.
package fixed

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Scale is the number of decimal places of a pico unit: 12, the scale of an
// inline Money and of the zero Context, so amounts rounded by the zero
// Context stay on the fast path.
const Scale = 12

// Pow10 holds 10^0 … 10^18.
var Pow10 = [19]int64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
	10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
	1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000}

// MinorLimit[p] is the largest amount of p decimal places (0–12) whose pico
// value fits an int64: MaxInt64 ÷ 10^(12−p).
var MinorLimit = [Scale + 1]int64{
	math.MaxInt64 / 1_000_000_000_000, math.MaxInt64 / 100_000_000_000, math.MaxInt64 / 10_000_000_000,
	math.MaxInt64 / 1_000_000_000, math.MaxInt64 / 100_000_000, math.MaxInt64 / 10_000_000, math.MaxInt64 / 1_000_000,
	math.MaxInt64 / 100_000, math.MaxInt64 / 10_000, math.MaxInt64 / 1_000, math.MaxInt64 / 100, math.MaxInt64 / 10,
	math.MaxInt64,
}

// FromCoef returns c × 10^exp in pico units, and whether that is an exact
// int64.
func FromCoef(c int64, exp int32) (int64, bool) {
	e := int(exp) + Scale
	switch {
	case e == 0:
		return c, true
	case e > 0 && e <= 18:
		return MulCheck(c, Pow10[e])
	case e < 0 && e >= -18:
		if p := Pow10[-e]; c%p == 0 {
			return c / p, true
		}
	case c == 0:
		return 0, true
	}
	return 0, false
}

// FromDecimal returns d in pico units, and whether that is an exact int64.
// It does not allocate.
func FromDecimal(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	return FromCoef(d.CoefficientInt64(), d.Exponent())
}

// MulCheck returns c × p and whether it fits an int64 (p > 0).
func MulCheck(c, p int64) (int64, bool) {
	neg := c < 0
	u := uint64(c)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, uint64(p))
	switch {
	case hi != 0:
		return 0, false
	case neg && lo == 1<<63: // −2^63 fits, +2^63 does not
		return math.MinInt64, true
	case lo > math.MaxInt64:
		return 0, false
	case neg:
		return -int64(lo), true
	}
	return int64(lo), true
}

// AddCheck returns a + b and whether it did not overflow.
func AddCheck(a, b int64) (int64, bool) {
	s := a + b
	return s, (s >= 0) == (a >= 0) || (a >= 0) != (b >= 0)
}

// SubCheck returns a − b and whether it did not overflow.
func SubCheck(a, b int64) (int64, bool) {
	s := a - b
	return s, (a >= 0) == (b >= 0) || (s >= 0) == (a >= 0)
}

// Decimal returns v pico units as a decimal.
func Decimal(v int64) decimal.Decimal { return decimal.New(v, -Scale) }

// Amount is an exact amount: I pico units when !Big, else D. The zero value
// is 0.
type Amount struct {
	I   int64           // the amount in pico units, when !Big
	D   decimal.Decimal // the amount, when Big
	Big bool            // the amount does not fit pico units in an int64
}

// Of returns d as an Amount, without allocating when it fits.
func Of(d decimal.Decimal) Amount {
	if v, ok := FromDecimal(d); ok {
		return Amount{I: v}
	}
	return Amount{D: d, Big: true}
}

// Decimal returns the value as a decimal.
func (a Amount) Decimal() decimal.Decimal {
	if a.Big {
		return a.D
	}
	return Decimal(a.I)
}

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int {
	if a.Big {
		return a.D.Sign()
	}
	switch {
	case a.I < 0:
		return -1
	case a.I > 0:
		return 1
	}
	return 0
}

// Add returns a + o exactly, on the fast path when both fit and the sum does
// not overflow.
func (a Amount) Add(o Amount) Amount {
	if !a.Big && !o.Big {
		if s, ok := AddCheck(a.I, o.I); ok {
			return Amount{I: s}
		}
	}
	return Amount{D: a.Decimal().Add(o.Decimal()), Big: true}
}

// Neg returns −a.
func (a Amount) Neg() Amount {
	if !a.Big && a.I != math.MinInt64 {
		return Amount{I: -a.I}
	}
	return Amount{D: a.Decimal().Neg(), Big: true}
}

// Sub returns a − o exactly.
func (a Amount) Sub(o Amount) Amount {
	if !a.Big && !o.Big {
		if s, ok := SubCheck(a.I, o.I); ok {
			return Amount{I: s}
		}
	}
	return Amount{D: a.Decimal().Sub(o.Decimal()), Big: true}
}

// Cmp compares a and o: -1, 0 or +1.
func (a Amount) Cmp(o Amount) int {
	if !a.Big && !o.Big {
		switch {
		case a.I < o.I:
			return -1
		case a.I > o.I:
			return 1
		}
		return 0
	}
	return a.Decimal().Cmp(o.Decimal())
}

// Sum is an exact running sum: a signed 128-bit integer of pico units (which
// cannot overflow for fewer than 2^64 additions of int64 values) plus a
// decimal part for the amounts that did not fit. The zero value is 0.
type Sum struct {
	hi   int64
	lo   uint64
	slow decimal.Decimal
}

// AddPico adds v pico units.
func (s *Sum) AddPico(v int64) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, uint64(v), 0)
	s.hi += (v >> 63) + int64(carry)
}

// Add adds a.
func (s *Sum) Add(a *Amount) {
	if a.Big {
		s.slow = s.slow.Add(a.D)
		return
	}
	s.AddPico(a.I)
}

// Merge adds another sum.
func (s *Sum) Merge(o Sum) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, o.lo, 0)
	s.hi += o.hi + int64(carry)
	if o.slow.Sign() != 0 {
		s.slow = s.slow.Add(o.slow)
	}
}

// Decimal returns the exact sum as a decimal.
func (s Sum) Decimal() decimal.Decimal {
	var fast decimal.Decimal
	switch {
	case s.hi == 0 && s.lo <= math.MaxInt64, s.hi == -1 && s.lo > math.MaxInt64:
		fast = decimal.New(int64(s.lo), -Scale)
	default:
		b := new(big.Int).SetInt64(s.hi)
		b.Lsh(b, 64)
		b.Add(b, new(big.Int).SetUint64(s.lo))
		fast = decimal.NewFromBigInt(b, -Scale)
	}
	if s.slow.Sign() == 0 {
		return fast
	}
	return fast.Add(s.slow)
}

// Amount returns the exact sum as an Amount (pico units when it fits).
func (s Sum) Amount() Amount {
	if s.slow.Sign() == 0 {
		if s.hi == 0 && s.lo <= math.MaxInt64 || s.hi == -1 && s.lo > math.MaxInt64 {
			return Amount{I: int64(s.lo)}
		}
	}
	return Of(s.Decimal())
}
