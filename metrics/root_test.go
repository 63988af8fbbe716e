package metrics

import (
	"errors"
	"math/big"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// rootPowDec returns x^n exactly (n ≥ 0), by repeated exact multiplication.
func rootPowDec(x decimal.Decimal, n int64) decimal.Decimal {
	p := decimal.New(1, 0)
	for i := int64(0); i < n; i++ {
		p = p.Mul(x)
	}
	return p
}

func TestRootTable(t *testing.T) {
	// √2 = 1.41421356…, ∛2 = 1.25992104…, 2^(1/12) = 1.05946309435929526…
	// (decimal expansions of well-known constants).
	tests := []struct {
		x     string
		n     int64
		scale int32
		mode  RoundingMode
		want  string
	}{
		{"2", 2, 2, RoundDown, "1.41"},
		{"2", 2, 2, RoundUp, "1.42"},
		{"2", 2, 2, RoundFloor, "1.41"},
		{"2", 2, 2, RoundCeiling, "1.42"},
		{"2", 2, 2, RoundHalfEven, "1.41"},
		{"2", 2, 8, RoundHalfEven, "1.41421356"},
		{"2", 12, 12, RoundHalfEven, "1.059463094359"},
		{"-2", 3, 2, RoundDown, "-1.25"},
		{"-2", 3, 2, RoundUp, "-1.26"},
		{"-2", 3, 2, RoundFloor, "-1.26"},
		{"-2", 3, 2, RoundCeiling, "-1.25"},
		{"-2", 3, 2, RoundHalfEven, "-1.26"},
		{"-8", 3, 0, RoundHalfEven, "-2"},
		// Exact roots are returned unchanged, whatever the mode.
		{"1.21", 2, 12, RoundUp, "1.1"},
		{"1.2100", 2, 1, RoundDown, "1.1"},
		{"0.0001", 4, 3, RoundCeiling, "0.1"},
		// Ties: √0.25 = 0.5 and √2.25 = 1.5 exactly, rounded to 0 places.
		{"0.25", 2, 0, RoundHalfEven, "0"},
		{"0.25", 2, 0, RoundHalfUp, "1"},
		{"0.25", 2, 0, RoundHalfDown, "0"},
		{"2.25", 2, 0, RoundHalfEven, "2"},
		{"2.25", 2, 0, RoundHalfDown, "1"},
		{"-0.125", 3, 0, RoundHalfUp, "-1"},   // ∛−0.125 = −0.5: away from zero
		{"-0.125", 3, 0, RoundHalfDown, "0"},  // toward zero
		{"-0.125", 3, 0, RoundHalfEven, "0"},  // to even
		{"-3.375", 3, 0, RoundHalfEven, "-2"}, // ∛−3.375 = −1.5
		// Negative scales round to tens.
		{"12345", 1, -1, RoundHalfEven, "12340"}, // 1234.5 tens: tie to even
		{"12355", 1, -1, RoundHalfEven, "12360"},
		{"1000000", 2, -1, RoundDown, "1000"},
		{"0", 5, 12, RoundUp, "0"},
		{"1", 1000, 12, RoundHalfEven, "1"},
		{"3", 60000, 0, RoundDown, "1"},
	}
	for _, tc := range tests {
		got, err := NewContext(tc.scale, tc.mode).Root(d(t, tc.x), tc.n)
		if err != nil || !got.Equal(d(t, tc.want)) {
			t.Errorf("Root(%s, %d) at %d places %s = %s, %v; want %s", tc.x, tc.n, tc.scale, tc.mode, dec.Format(got, 0), err, tc.want)
		}
	}
	// The zero decimal and the zero Context.
	if got, err := (Context{}).Root(decimal.Decimal{}, 3); err != nil || !got.IsZero() {
		t.Errorf("Root(0, 3) = %v, %v", got, err)
	}
}

func TestRootErrors(t *testing.T) {
	ctx := Context{}
	tests := []struct {
		name  string
		err   error
		want  error
		input string
	}{
		{"n = 0", second(ctx.Root(d(t, "2"), 0)), ErrOutOfRange, "n"},
		{"n < 0", second(ctx.Root(d(t, "2"), -3)), ErrOutOfRange, "n"},
		{"even root of a negative", second(ctx.Root(d(t, "-4"), 2)), ErrNegative, "x"},
		{"degree too large", second(ctx.Root(d(t, "2"), rootMaxN+1)), ErrOutOfRange, "n"},
		{"too many digits (scale)", second(NewContext(MaxScale, RoundHalfEven).Root(d(t, "2"), 100)), ErrOutOfRange, "x"},
		{"too many digits (exponent)", second(ctx.Root(decimal.New(1, -2_000_000_000), 2)), ErrOutOfRange, "x"},
	}
	for _, tc := range tests {
		checkValueError(t, tc.name, tc.err, tc.want, "Context.Root", tc.input)
	}
}

// genRootInput draws a decimal x ≥ 0 and a degree n in [1, 7].
func genRootInput(t *rapid.T) (decimal.Decimal, int64, int32) {
	x := genAmount(t, "x")
	n := rapid.Int64Range(1, 7).Draw(t, "n")
	scale := rapid.Int32Range(0, 14).Draw(t, "scale")
	return x, n, scale
}

// With Down the root r satisfies r^n ≤ x < (r + ulp)^n: r is the floor of the
// exact root at the scale. Checked with exact decimal powers.
func TestRootDownBracket(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, n, scale := genRootInput(t)
		r, err := NewContext(scale, RoundDown).Root(x, n)
		if err != nil {
			t.Fatalf("Root(%s, %d): %v", dec.Format(x, 0), n, err)
		}
		ulp := decimal.New(1, -scale)
		if rootPowDec(r, n).Cmp(x) > 0 || rootPowDec(r.Add(ulp), n).Cmp(x) <= 0 {
			t.Fatalf("Root(%s, %d) at %d places = %s: bracket fails", dec.Format(x, 0), n, scale, dec.Format(r, 0))
		}
		if r.Exponent() < -scale {
			t.Fatalf("result %s has more than %d places", dec.Format(r, 0), scale)
		}
	})
}

// With RoundHalfEven the root is within half an ulp: (r − ulp/2)^n ≤ x ≤ (r + ulp/2)^n,
// RoundCeiling is Down + ulp unless exact, and odd roots of −x are −(roots of x)
// with RoundFloor and RoundCeiling swapped.
func TestRootModesAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, n, scale := genRootInput(t)
		ulp := decimal.New(1, -scale)
		halfULP := decimal.New(5, -scale-1)
		down, err1 := NewContext(scale, RoundDown).Root(x, n)
		ceil, err2 := NewContext(scale, RoundCeiling).Root(x, n)
		even, err3 := NewContext(scale, RoundHalfEven).Root(x, n)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		exact := rootPowDec(down, n).Equal(x)
		if exact && !ceil.Equal(down) || !exact && !ceil.Equal(down.Add(ulp)) {
			t.Fatalf("ceiling %s vs down %s (exact %v)", dec.Format(ceil, 0), dec.Format(down, 0), exact)
		}
		if lo := even.Sub(halfULP); lo.Sign() > 0 && rootPowDec(lo, n).Cmp(x) > 0 {
			t.Fatalf("half-even %s too large", dec.Format(even, 0))
		}
		if rootPowDec(even.Add(halfULP), n).Cmp(x) < 0 {
			t.Fatalf("half-even %s too small", dec.Format(even, 0))
		}
		if n%2 == 1 {
			negFloor, err := NewContext(scale, RoundFloor).Root(x.Neg(), n)
			if err != nil || !negFloor.Equal(ceil.Neg()) {
				t.Fatalf("floor root of −x = %s, %v; want −%s", dec.Format(negFloor, 0), err, dec.Format(ceil, 0))
			}
		}
	})
}

// rootFloor agrees with a bisection reference on big integers, on both of
// its branches (Newton for roots wider than n bits, bisection otherwise).
func TestRootFloorInteger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := new(big.Int).SetUint64(rapid.Uint64().Draw(t, "y"))
		y.Mul(y, new(big.Int).Lsh(big.NewInt(1), uint(rapid.IntRange(0, 300).Draw(t, "shift"))))
		n := rapid.Int64Range(1, 40).Draw(t, "n")
		r := rootFloor(y, n)
		if new(big.Int).Exp(r, big.NewInt(n), nil).Cmp(y) > 0 {
			t.Fatalf("rootFloor(%v, %d) = %v too large", y, n, r)
		}
		if new(big.Int).Exp(new(big.Int).Add(r, big.NewInt(1)), big.NewInt(n), nil).Cmp(y) <= 0 {
			t.Fatalf("rootFloor(%v, %d) = %v too small", y, n, r)
		}
	})
}
