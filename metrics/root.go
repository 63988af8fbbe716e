package metrics

// Exact n-th roots: the one irrational operation of the library (CMGR, and a
// per-period churn rate from a rate over several periods). The root is found
// with integer arithmetic only (math/big, no floating point) and rounded once,
// like Context.Quo: the rounding decision is taken from exact comparisons of
// integer powers, so the result is the correctly rounded exact root.

import (
	"fmt"
	"math/big"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// rootMaxN bounds the degree of a root and rootMaxBits the size of the exact
// integers a root may need, so that a mistaken input cannot ask for millions
// of digits. 1<<16 bits is about 19,700 decimal digits: a 12th root at 12
// places needs about 150 digits.
const (
	rootMaxN    int64 = 1 << 16
	rootMaxBits int64 = 1 << 16
)

// Root returns the n-th root of x, the exact root rounded once to c's scale
// with c's rounding mode (a correctly rounded result: with Down, r^n ≤ |x| <
// (|r| + 10^-scale)^n). It uses integer Newton iteration and bisection on
// math/big, never floating point. Errors (a *ValueError for operation
// "Context.Root"): n outside [1, 65536] returns ErrOutOfRange (input "n");
// x < 0 with an even n returns ErrNegative (an odd root of a negative number
// is negative); inputs whose exact computation would need more than about
// 19,700 digits (huge scales or exponents; at the default 12 places, a degree
// above about 1,300) return ErrOutOfRange (input "x").
//
//	Root(x, n) = x^(1/n), rounded once
func (c Context) Root(x decimal.Decimal, n int64) (decimal.Decimal, error) {
	const op = "Context.Root"
	if n < 1 || n > rootMaxN {
		return decimal.Decimal{}, valueErr(op, "n", fmt.Errorf("%w: degree %d outside [1, %d]", ErrOutOfRange, n, rootMaxN))
	}
	if !dec.InRange(x) {
		return decimal.Decimal{}, valueErr(op, "x", dec.ErrExponent)
	}
	if x.Sign() < 0 && n%2 == 0 {
		return decimal.Decimal{}, valueErr(op, "x", fmt.Errorf("%w: even root of %s", ErrNegative, dec.Format(x, 0)))
	}
	v, err := c.rootOfFraction(x.Abs(), decimal.New(1, 0), n, x.Sign() < 0, 0)
	if err != nil {
		return decimal.Decimal{}, valueErr(op, "x", err)
	}
	return v, nil
}

// rootOfFraction is rootAffine for the fraction a/b of non-negative decimals
// (b ≠ 0), checking its size before building any integer.
func (c Context) rootOfFraction(a, b decimal.Decimal, n int64, neg bool, k int64) (decimal.Decimal, error) {
	if cost := rootFractionCost(a, b); cost > rootMaxBits {
		return decimal.Decimal{}, fmt.Errorf("%w: the exact root needs about %d bits, more than %d", ErrOutOfRange, cost, rootMaxBits)
	}
	num, den := rootFraction(a, b)
	return c.rootAffine(num, den, n, neg, k)
}

// rootFraction returns a/b (decimals, b ≠ 0, both ≥ 0) as a fraction of
// integers, without dividing: a = ca·10^ea, b = cb·10^eb.
func rootFraction(a, b decimal.Decimal) (num, den *big.Int) {
	num, den = a.Coefficient(), b.Coefficient()
	num.Abs(num)
	den.Abs(den)
	switch e := int64(a.Exponent()) - int64(b.Exponent()); {
	case e > 0:
		num.Mul(num, rootPow10(e))
	case e < 0:
		den.Mul(den, rootPow10(-e))
	}
	return num, den
}

// rootFractionCost is the size in bits that rootFraction's integers will
// have, estimated from above without building them (10^e has under 4e bits).
func rootFractionCost(a, b decimal.Decimal) int64 {
	e := int64(a.Exponent()) - int64(b.Exponent())
	if e < 0 {
		e = -e
	}
	return int64(a.Coefficient().BitLen()) + int64(b.Coefficient().BitLen()) + 4*e
}

// rootPow10 returns 10^e for e ≥ 0.
func rootPow10(e int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)
}

// rootAffine returns the exact value v = s·(num/den)^(1/n) + k, where s is −1
// when neg and +1 otherwise and k is a whole number, rounded once to c's scale
// with c's mode. num ≥ 0 and den > 0 are integers. A whole offset k ≠ 0 needs
// a scale ≥ 0 (else ErrOutOfRange). Errors are bare sentinels; callers wrap
// them.
func (c Context) rootAffine(num, den *big.Int, n int64, neg bool, k int64) (decimal.Decimal, error) {
	if n < 1 || n > rootMaxN {
		return decimal.Decimal{}, fmt.Errorf("%w: degree %d outside [1, %d]", ErrOutOfRange, n, rootMaxN)
	}
	scale := int64(c.Scale())
	if k != 0 && scale < 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: a negative scale with an offset", ErrOutOfRange)
	}
	sn := scale * n // |scale| ≤ 1000 and n ≤ 65536: no overflow
	abs := sn
	if abs < 0 {
		abs = -abs
	}
	if cost := int64(num.BitLen()) + int64(den.BitLen()) + 4*abs + n; cost > rootMaxBits {
		return decimal.Decimal{}, fmt.Errorf("%w: the exact root needs about %d bits, more than %d", ErrOutOfRange, cost, rootMaxBits)
	}
	// T = (num/den)^(1/n) × 10^scale is the root in units of 10^-scale; its
	// n-th power is Y = ynum/yden.
	ynum, yden := new(big.Int).Set(num), new(big.Int).Set(den)
	if sn > 0 {
		ynum.Mul(ynum, rootPow10(sn))
	} else if sn < 0 {
		yden.Mul(yden, rootPow10(-sn))
	}
	// q = floor(T) = floor(floor(Y)^(1/n)).
	q := rootFloor(new(big.Int).Quo(ynum, yden), n)
	big1 := big.NewInt(1)
	off := new(big.Int).Mul(big.NewInt(k), rootPow10(max(scale, 0)))
	// exact: q^n = Y.
	qn := new(big.Int).Exp(q, big.NewInt(n), nil)
	if qn.Mul(qn, yden).Cmp(ynum) == 0 {
		if neg {
			q.Neg(q)
		}
		return decimal.NewFromBigInt(q.Add(q, off), int32(-scale)), nil
	}
	// T lies strictly between q and q+1; half = sign(T − (q + ½)), from
	// 2^n·Y against (2q+1)^n.
	left := new(big.Int).Lsh(ynum, uint(n))
	right := new(big.Int).Lsh(q, 1)
	right.Add(right, big1)
	right.Exp(right, big.NewInt(n), nil)
	right.Mul(right, yden)
	half := left.Cmp(right)
	// v = ±T + off lies strictly between lo and lo+1; h = sign(v − (lo + ½)).
	lo, h := new(big.Int), half
	if neg {
		lo.Neg(q).Sub(lo, big1).Add(lo, off) // v ∈ (−q−1+off, −q+off)
		h = -half
	} else {
		lo.Add(q, off)
	}
	return decimal.NewFromBigInt(rootRoundUnits(lo, h, c.Mode()), int32(-scale)), nil
}

// rootRoundUnits rounds an exact value v that lies strictly between the
// integers lo and lo+1 with mode; h is the sign of v − (lo + ½). The sign of
// v is that of lo + ½ (v is never an integer).
func rootRoundUnits(lo *big.Int, h int, mode RoundingMode) *big.Int {
	positive := lo.Sign() >= 0
	var up bool // take lo+1
	switch mode {
	case RoundFloor:
		up = false
	case RoundCeiling:
		up = true
	case RoundDown:
		up = !positive
	case RoundUp:
		up = positive
	default: // the half modes
		switch {
		case h > 0:
			up = true
		case h < 0:
			up = false
		case mode == RoundHalfUp: // ties away from zero
			up = positive
		case mode == RoundHalfDown: // ties toward zero
			up = !positive
		default: // HalfEven: ties to the even neighbour
			up = lo.Bit(0) == 1
		}
	}
	out := new(big.Int).Set(lo)
	if up {
		out.Add(out, big.NewInt(1))
	}
	return out
}

// rootFloor returns floor(y^(1/n)) for y ≥ 0 and n ≥ 1, with integers only:
// bisection when the root has fewer bits than n (each step is one power),
// Newton's iteration otherwise, then a check that r^n ≤ y < (r+1)^n.
func rootFloor(y *big.Int, n int64) *big.Int {
	if y.Sign() == 0 {
		return new(big.Int)
	}
	if n == 1 {
		return new(big.Int).Set(y)
	}
	bits := int64(y.BitLen()) // 2^(bits−1) ≤ y < 2^bits
	rootBits := (bits + n - 1) / n
	bigN := big.NewInt(n)
	pow := func(r *big.Int) *big.Int { return new(big.Int).Exp(r, bigN, nil) }
	var r *big.Int
	if rootBits <= n {
		// The root lies in [2^floor((bits−1)/n), 2^rootBits).
		lo := new(big.Int).Lsh(big.NewInt(1), uint((bits-1)/n))
		hi := new(big.Int).Lsh(big.NewInt(1), uint(rootBits))
		mid := new(big.Int)
		for new(big.Int).Sub(hi, lo).Cmp(big.NewInt(1)) > 0 {
			mid.Add(lo, hi).Rsh(mid, 1)
			if pow(mid).Cmp(y) <= 0 {
				lo.Set(mid)
			} else {
				hi.Set(mid)
			}
		}
		r = lo
	} else {
		// Newton from above: x' = ((n−1)·x + y ÷ x^(n−1)) ÷ n decreases
		// strictly while x exceeds the floor root and never falls below it.
		x := new(big.Int).Lsh(big.NewInt(1), uint(rootBits)) // > the root
		nm1 := big.NewInt(n - 1)
		for {
			t := new(big.Int).Exp(x, nm1, nil)
			t.Quo(y, t)
			t.Add(t, new(big.Int).Mul(nm1, x))
			t.Quo(t, bigN)
			if t.Cmp(x) >= 0 {
				break
			}
			x = t
		}
		r = x
	}
	// Guard the invariant r^n ≤ y < (r+1)^n.
	for r.Sign() > 0 && pow(r).Cmp(y) > 0 {
		r.Sub(r, big.NewInt(1))
	}
	for pow(new(big.Int).Add(r, big.NewInt(1))).Cmp(y) <= 0 {
		r.Add(r, big.NewInt(1))
	}
	return r
}
