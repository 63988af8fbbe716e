package forecast

import (
	"math/big"
	"math/bits"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// wsum is an exact sum of amount × probability. The fast part is a signed
// 128-bit integer of 10^-18 units: an amount held inline (an int64 of 10^-12
// units) times a probability that is a whole number of millionths. Anything
// else — an amount held as a decimal, a probability such as 1/3 — goes to
// the slow part, an exact fraction. The value is fast × 10^-18 + slow,
// whatever path each term took, so sums built in any order or merged from
// shards are equal.
type wsum struct {
	hi   int64
	lo   uint64
	slow *big.Rat // nil means 0; replaced, never mutated, once set
}

// fastLimit bounds |hi|: each term adds less than 2^20 to it (pico < 2^63,
// ppm ≤ 10^6 < 2^20), and a merge adds at most another fastLimit, so hi
// never overflows; past it the fast part moves to the slow one.
const fastLimit = 1 << 61

// addFast adds sign × pico × ppm (pico ≥ 0, 0 ≤ ppm ≤ 10^6, sign ±1).
func (w *wsum) addFast(pico, ppm int64, neg bool) {
	hi, lo := bits.Mul64(uint64(pico), uint64(ppm))
	shi := int64(hi)
	if neg { // two's complement of (hi, lo)
		lo = ^lo + 1
		shi = ^shi
		if lo == 0 {
			shi++
		}
	}
	w.add128(shi, lo)
}

// add128 adds the signed 128-bit (hi, lo), moving the fast part to the slow
// one when it grows past fastLimit.
func (w *wsum) add128(hi int64, lo uint64) {
	var carry uint64
	w.lo, carry = bits.Add64(w.lo, lo, 0)
	w.hi += hi + int64(carry)
	if w.hi > fastLimit || w.hi < -fastLimit {
		w.flush()
	}
}

// fastInt returns the fast part as a big.Int of 10^-18 units.
func (w *wsum) fastInt() *big.Int {
	v := new(big.Int).SetInt64(w.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(w.lo))
}

// e18 is 10^18 (never mutated).
var e18 = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// flush moves the fast part into the slow part.
func (w *wsum) flush() {
	f := new(big.Rat).SetFrac(w.fastInt(), e18)
	w.addSlow(f)
	w.hi, w.lo = 0, 0
}

// addSlow adds the exact fraction r.
func (w *wsum) addSlow(r *big.Rat) {
	if w.slow == nil {
		w.slow = r
		return
	}
	w.slow = new(big.Rat).Add(w.slow, r)
}

// add adds sign × amount × p, by the fast path when it can.
func (w *wsum) add(amount metrics.Money, p metrics.Ratio, ppm int64, neg bool) {
	if pico, ok := amount.Minor(12); ok && ppm >= 0 && pico >= 0 {
		w.addFast(pico, ppm, neg)
		return
	}
	r := ratOfDecimal(amount.Amount())
	num, den := p.Fraction()
	r.Mul(r, new(big.Rat).SetFrac(num.BigInt(), den.BigInt()))
	if neg {
		r.Neg(r)
	}
	w.addSlow(r)
}

// merge adds o.
func (w *wsum) merge(o wsum) {
	w.add128(o.hi, o.lo)
	if o.slow != nil {
		w.addSlow(o.slow)
	}
}

// rat returns the exact value.
func (w wsum) rat() *big.Rat {
	v := new(big.Rat).SetFrac(w.fastInt(), e18)
	if w.slow != nil {
		v.Add(v, w.slow)
	}
	return v
}

// ratOfDecimal returns d as an exact fraction.
func ratOfDecimal(d decimal.Decimal) *big.Rat {
	c := d.Coefficient()
	e := int64(d.Exponent())
	if e >= 0 {
		return new(big.Rat).SetInt(c.Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)))
	}
	return new(big.Rat).SetFrac(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(-e), nil))
}

// moneyOfRat returns r in currency cur rounded once with ctx.
func moneyOfRat(r *big.Rat, cur string, ctx metrics.Context) (metrics.Money, error) {
	d, err := ctx.Quo(decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0))
	if err != nil {
		return metrics.Money{}, err
	}
	return metrics.NewMoney(d, cur)
}

// ratioOfRat returns r as a metrics.Ratio.
func ratioOfRat(r *big.Rat) metrics.Ratio {
	v, _ := metrics.RatioOf(decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0)) // denominator > 0, integers
	return v
}
