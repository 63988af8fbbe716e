package metrics

// The ledger's exact fast path: amounts as scaled integers (units of 10^-12)
// with overflow detection, falling back to decimal arithmetic for any amount
// that does not fit. Nothing here rounds: a value that cannot be represented
// exactly at the fixed scale stays a decimal.

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// ledgerFixScale is the fixed scale of the fast path: 12 decimal places, the
// scale of an inline Money and of the zero Context, so normalised amounts
// (annual ÷ 12 rounded by Conventions.Precision) stay on the fast path. An
// int64 holds up to about 9.2 million units of currency per customer-month at
// this scale.
const ledgerFixScale = moneyScale

// ledgerFixed is an exact amount: i × 10^-12 when !big, else d.
type ledgerFixed struct {
	i   int64
	d   decimal.Decimal
	big bool
}

// ledgerToFixed converts d exactly, without allocating when it fits.
func ledgerToFixed(d decimal.Decimal) ledgerFixed {
	if v, ok := decimalToPico(d); ok {
		return ledgerFixed{i: v}
	}
	return ledgerFixed{d: d, big: true}
}

// ledgerMoneyFixed is ledgerToFixed for a Money: an inline amount is
// already in 10^-12 units; a Money holds a decimal only when it does not fit.
func ledgerMoneyFixed(m *Money) ledgerFixed {
	if m.big == nil {
		return ledgerFixed{i: m.pico}
	}
	return ledgerFixed{d: *m.big, big: true}
}

// ledgerSubInt returns a − b and whether it did not overflow.
func ledgerSubInt(a, b int64) (int64, bool) {
	s := a - b
	return s, (a >= 0) == (b >= 0) || (s >= 0) == (a >= 0)
}

// dec returns the value as a decimal.
func (f ledgerFixed) dec() decimal.Decimal {
	if f.big {
		return f.d
	}
	return decimal.New(f.i, -ledgerFixScale)
}

// sign returns -1, 0 or +1.
func (f ledgerFixed) sign() int {
	if f.big {
		return f.d.Sign()
	}
	switch {
	case f.i < 0:
		return -1
	case f.i > 0:
		return 1
	}
	return 0
}

// add returns f + o exactly, on the fast path when both fit and the sum does
// not overflow.
func (f ledgerFixed) add(o ledgerFixed) ledgerFixed {
	if !f.big && !o.big {
		s := f.i + o.i
		if (f.i >= 0) == (o.i >= 0) && (s >= 0) != (f.i >= 0) {
			return ledgerFixed{d: f.dec().Add(o.dec()), big: true}
		}
		return ledgerFixed{i: s}
	}
	return ledgerFixed{d: f.dec().Add(o.dec()), big: true}
}

// neg returns −f.
func (f ledgerFixed) neg() ledgerFixed {
	if !f.big && f.i != math.MinInt64 {
		return ledgerFixed{i: -f.i}
	}
	return ledgerFixed{d: f.dec().Neg(), big: true}
}

// sub returns f − o exactly.
func (f ledgerFixed) sub(o ledgerFixed) ledgerFixed { return f.add(o.neg()) }

// ledgerAcc is an exact running sum: a signed 128-bit integer of 10^-12
// units (which cannot overflow for fewer than 2^64 additions of int64
// values) plus a decimal part for the amounts that did not fit. The zero
// value is 0.
type ledgerAcc struct {
	hi   int64
	lo   uint64
	slow decimal.Decimal
}

// addFixed adds f.
func (a *ledgerAcc) addFixed(f *ledgerFixed) {
	if f.big {
		a.slow = a.slow.Add(f.d)
		return
	}
	a.addInt(f.i)
}

// addInt adds v units of 10^-12.
func (a *ledgerAcc) addInt(v int64) {
	var carry uint64
	a.lo, carry = bits.Add64(a.lo, uint64(v), 0)
	a.hi += (v >> 63) + int64(carry)
}

// merge adds another accumulator.
func (a *ledgerAcc) merge(o ledgerAcc) {
	var carry uint64
	a.lo, carry = bits.Add64(a.lo, o.lo, 0)
	a.hi += o.hi + int64(carry)
	if o.slow.Sign() != 0 {
		a.slow = a.slow.Add(o.slow)
	}
}

// value returns the exact sum as a decimal.
func (a ledgerAcc) value() decimal.Decimal {
	var fast decimal.Decimal
	switch {
	case a.hi == 0 && a.lo <= math.MaxInt64, a.hi == -1 && a.lo > math.MaxInt64:
		fast = decimal.New(int64(a.lo), -ledgerFixScale)
	default:
		b := new(big.Int).SetInt64(a.hi)
		b.Lsh(b, 64)
		b.Add(b, new(big.Int).SetUint64(a.lo))
		fast = decimal.NewFromBigInt(b, -ledgerFixScale)
	}
	if a.slow.Sign() == 0 {
		return fast
	}
	return fast.Add(a.slow)
}
