package fixed

// Slow, obviously correct references for the fast paths of fixed.go, in
// big.Int and decimal arithmetic (as net/netip's slow_test.go).

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// fromCoefSlow is FromCoef through big.Int: c × 10^(exp+12) when that is an
// integer that fits an int64.
func fromCoefSlow(c int64, exp int32) (int64, bool) {
	v := new(big.Rat).SetInt64(c)
	e := int64(exp) + Scale
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs(e)), nil)
	if e >= 0 {
		v.Mul(v, new(big.Rat).SetInt(p))
	} else {
		v.Quo(v, new(big.Rat).SetInt(p))
	}
	if !v.IsInt() || !v.Num().IsInt64() {
		return 0, false
	}
	return v.Num().Int64(), true
}

func abs(e int64) int64 {
	if e < 0 {
		return -e
	}
	return e
}

// addSlow, subSlow and mulSlow compute in big.Int and report whether the
// result fits an int64.
func addSlow(a, b int64) (int64, bool) { return fits(new(big.Int).Add(big.NewInt(a), big.NewInt(b))) }
func subSlow(a, b int64) (int64, bool) { return fits(new(big.Int).Sub(big.NewInt(a), big.NewInt(b))) }
func mulSlow(a, b int64) (int64, bool) { return fits(new(big.Int).Mul(big.NewInt(a), big.NewInt(b))) }

func fits(v *big.Int) (int64, bool) {
	if !v.IsInt64() {
		return 0, false
	}
	return v.Int64(), true
}

// sumSlow adds pico amounts and decimals as one decimal.
func sumSlow(picos []int64, bigs []decimal.Decimal) decimal.Decimal {
	total := new(big.Int)
	for _, p := range picos {
		total.Add(total, big.NewInt(p))
	}
	out := decimal.NewFromBigInt(total, -Scale)
	for _, d := range bigs {
		out = out.Add(d)
	}
	return out
}

// edges are the int64 values where overflow checks go wrong.
var edges = []int64{0, 1, -1, 2, -2, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1,
	math.MaxInt64 / 10, math.MinInt64 / 10, 1 << 62, -(1 << 62), 999_999_999_999, 1_000_000_000_000}
