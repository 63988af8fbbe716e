package attribution

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Continuous time-decay weights, 2^(−p/q) for integers p ≥ 0 and q > 0,
// computed with integer arithmetic only.
//
// The result is an integer w ≈ 2^decayBits × 2^(−p/q). With p/q = n + r/q
// (n whole, 0 ≤ r < q), 2^(−r/q) = exp(−x) for x = (r/q)·ln 2 in [0, ln 2),
// summed from its Taylor series in fixed point with G = decayGuard
// fractional bits, then shifted right by n. Every step truncates, and in
// units of 2^-G: ln 2 is off by less than 1, x by less than 2; each term
// t_k = ⌊⌊t_(k−1)·x⌋/k⌋ is off by e_k < 0.7·e_(k−1) + 2 < 7 (x < 0.7), over
// fewer than 60 terms, with a tail below 16; so the sum is within 500 units
// of exp(−x) and within 502 of exp(−(r/q)·ln 2). Shifting right by G −
// decayBits + n adds less than one unit of 2^-decayBits: the weight w ÷
// 2^decayBits is within 2 × 2^-decayBits = 2^-127 of 2^(−p/q), which
// TimeDecay states as 2^-100. At whole half-lives (r = 0) the sum is
// exactly 1 and w exactly 2^(decayBits−n) for n ≤ decayBits.

// decayBits is the number of fractional bits of a continuous weight.
const decayBits = 128

// decayGuard is the number of fractional bits the series is summed with.
const decayGuard = 192

// ln2Hex is ⌊ln 2 × 2^192⌋ (checked against the series
// ln 2 = Σ 1/(k·2^k) in the tests).
const ln2Hex = "b17217f7d1cf79abc9e3b39803f2f6af40f343267298b62d"

// ln2Fixed returns ⌊ln 2 × 2^decayGuard⌋ as a new big.Int.
func ln2Fixed() *big.Int {
	v, _ := new(big.Int).SetString(ln2Hex, 16)
	return v
}

// exp2neg returns ⌊2^decayBits × 2^(−p/q)⌋ up to the error stated above,
// for p ≥ 0 and q > 0; 0 when p/q > decayBits (the true value is below
// one unit).
func exp2neg(p, q int64, ln2 *big.Int) *big.Int {
	n, r := p/q, p%q
	if n > decayBits {
		return new(big.Int)
	}
	one := new(big.Int).Lsh(big.NewInt(1), decayGuard)
	sum := new(big.Int).Set(one)
	if r != 0 {
		x := new(big.Int).Mul(ln2, big.NewInt(r))
		x.Quo(x, big.NewInt(q)) // x = ⌊r·ln2·2^G / q⌋ < ln 2 · 2^G
		term := new(big.Int).Set(one)
		for k := int64(1); ; k++ {
			term.Mul(term, x)
			term.Rsh(term, decayGuard)
			term.Quo(term, big.NewInt(k))
			if term.Sign() == 0 {
				break
			}
			if k%2 == 1 {
				sum.Sub(sum, term)
			} else {
				sum.Add(sum, term)
			}
		}
	}
	return sum.Rsh(sum, uint(decayGuard-decayBits+n))
}

// decayWeights fills w (one per path position) with m's time-decay weights
// for journey j in path p: small integers in small when they fit an int64
// together (stepped decay over a narrow spread), else big integers in wb
// (and small is nil).
func (wk *worker) decayWeights(j *Journey) *metrics.RowError {
	p := &wk.p
	n := len(p.order)
	h := int64(wk.model.halfLife)
	wk.dt = wk.dt[:0]
	minDt := int64(math.MaxInt64)
	for _, i := range p.order {
		d := int64(j.Conversion.Sub(j.Touches[i].Time))
		if d == math.MaxInt64 { // saturated: beyond time.Duration's range
			return touchErr(j, int(i), "time", fmt.Errorf("%w: touch more than %s before the conversion", metrics.ErrOutOfRange, maxDurationText))
		}
		wk.dt = append(wk.dt, d)
		minDt = min(minDt, d)
	}
	if wk.model.stepped {
		kmin := minDt / h
		spread := int64(0)
		for _, d := range wk.dt {
			spread = max(spread, d/h-kmin)
		}
		if spread > MaxStepSpread {
			return journeyErr(j, "time", fmt.Errorf("%w: touches %d half-lives apart, more than %d", metrics.ErrOutOfRange, spread, MaxStepSpread))
		}
		if spread+int64(bits.Len(uint(n))) <= 62 {
			wk.big = false
			wk.hold = wk.hold[:0]
			for _, d := range wk.dt {
				wk.hold = append(wk.hold, int64(1)<<(spread-(d/h-kmin)))
			}
			return nil
		}
		wk.big = true
		wk.bhold = growBig(wk.bhold, n)
		for x, d := range wk.dt {
			wk.bhold[x].Lsh(big.NewInt(1), uint(spread-(d/h-kmin)))
		}
		return nil
	}
	wk.big = true
	wk.bhold = growBig(wk.bhold, n)
	if wk.ln2 == nil {
		wk.ln2 = ln2Fixed()
	}
	for x, d := range wk.dt {
		wk.bhold[x].Set(exp2neg(d-minDt, h, wk.ln2))
	}
	return nil
}

// maxDurationText is time.Duration's range in years, for messages.
const maxDurationText = "about 292 years"

// growBig returns s with at least n non-nil big.Ints (reusing them).
func growBig(s []*big.Int, n int) []*big.Int {
	s = slices.Grow(s[:0], n)[:n] // keeps the big.Ints already made
	for i, b := range s {
		if b == nil {
			s[i] = new(big.Int)
		} else {
			b.SetInt64(0)
		}
	}
	return s
}
