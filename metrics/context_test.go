package metrics

import (
	"errors"
	"math/big"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// refQuo is the slow reference for Context.Quo: the exact quotient as a
// big.Rat, rounded to scale by mode with integer arithmetic only.
func refQuo(a, b decimal.Decimal, scale int32, mode RoundingMode) decimal.Decimal {
	q := new(big.Rat).Quo(a.Rat(), b.Rat())
	// Scale up: units = q × 10^scale.
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(scale))), nil))
	if scale >= 0 {
		q.Mul(q, p)
	} else {
		q.Quo(q, p)
	}
	num, den := q.Num(), q.Denom() // den > 0
	tr, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Sign() != 0 {
		neg := num.Sign() < 0
		twice := new(big.Int).Mul(new(big.Int).Abs(rem), big.NewInt(2))
		c := twice.Cmp(den)
		odd := new(big.Int).Abs(tr).Bit(0) == 1
		var away bool
		switch mode {
		case RoundHalfEven:
			away = c > 0 || c == 0 && odd
		case RoundHalfUp:
			away = c >= 0
		case RoundHalfDown:
			away = c > 0
		case RoundUp:
			away = true
		case RoundFloor:
			away = neg
		case RoundCeiling:
			away = !neg
		}
		if away {
			if neg {
				tr.Sub(tr, big.NewInt(1))
			} else {
				tr.Add(tr, big.NewInt(1))
			}
		}
	}
	return decimal.NewFromBigInt(tr, -scale)
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestQuoKnownValues(t *testing.T) {
	tests := []struct {
		a, b  string
		scale int32
		mode  RoundingMode
		want  string
	}{
		// DESIGN.md §2: shopspring's Div then RoundBank(2) double-rounds this to 0.12.
		{"12500000000000000001", "100000000000000000000", 2, RoundHalfEven, "0.13"},
		{"1", "3", 12, RoundHalfEven, "0.333333333333"},
		{"2", "3", 12, RoundHalfEven, "0.666666666667"},
		{"-2", "3", 2, RoundHalfEven, "-0.67"},
		{"1", "8", 2, RoundHalfEven, "0.12"}, // tie, even neighbour
		{"3", "8", 2, RoundHalfEven, "0.38"}, // tie, even neighbour
		{"1", "8", 2, RoundHalfUp, "0.13"},   // tie, away from zero
		{"-1", "8", 2, RoundHalfUp, "-0.13"}, // tie, away from zero
		{"1", "8", 2, RoundHalfDown, "0.12"}, // tie, toward zero
		{"-1", "3", 0, RoundFloor, "-1"},     // toward −∞
		{"-1", "3", 0, RoundCeiling, "0"},    // toward +∞
		{"1", "3", 0, RoundUp, "1"},          // away from zero
		{"-5", "3", 0, RoundDown, "-1"},      // toward zero
		{"1250", "1", -2, RoundHalfEven, "1200"},
		{"1", "1", 12, RoundHalfEven, "1"},
	}
	for _, tc := range tests {
		got, err := NewContext(tc.scale, tc.mode).Quo(d(t, tc.a), d(t, tc.b))
		if err != nil || !got.Equal(d(t, tc.want)) {
			t.Errorf("Quo(%s, %s, %d, %s) = %s, %v; want %s", tc.a, tc.b, tc.scale, tc.mode, dec.Format(got, 0), err, tc.want)
		}
	}
}

func TestQuoZeroDenominator(t *testing.T) {
	for _, b := range []decimal.Decimal{{}, decimal.New(0, -3), decimal.Zero} {
		if _, err := (Context{}).Quo(decimal.New(1, 0), b); !errors.Is(err, ErrZeroDenominator) {
			t.Errorf("Quo(1, %s): error %v, want ErrZeroDenominator", dec.Format(b, 0), err)
		}
	}
}

func TestQuoExtremeExponents(t *testing.T) {
	huge := decimal.New(1, 2_000_000_000)
	for _, tc := range [][2]decimal.Decimal{{huge, decimal.New(1, 0)}, {decimal.New(1, 0), decimal.New(1, -2_000_000_000)}} {
		if _, err := (Context{}).Quo(tc[0], tc[1]); !errors.Is(err, ErrOutOfRange) {
			t.Errorf("Quo with exponent %d/%d: %v", tc[0].Exponent(), tc[1].Exponent(), err)
		}
	}
}

func TestZeroContextIsDefault(t *testing.T) {
	var z Context
	if z.Scale() != DefaultScale || z.Mode() != RoundHalfEven {
		t.Fatalf("zero Context = %s, want %d places half-even", z, DefaultScale)
	}
	if DefaultContext().Scale() != z.Scale() || DefaultContext().Mode() != z.Mode() {
		t.Fatalf("DefaultContext %s differs from the zero Context %s", DefaultContext(), z)
	}
	if c := NewContext(MaxScale+5, RoundingMode(99)); c.Scale() != MaxScale || c.Mode() != RoundHalfEven {
		t.Fatalf("NewContext did not clamp: %s", c)
	}
}

// Context.Quo agrees with the big.Rat reference for every mode and scale.
func TestQuoMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := decimal.New(rapid.Int64().Draw(t, "a"), rapid.Int32Range(-6, 6).Draw(t, "ea"))
		b := decimal.New(rapid.Int64().Filter(func(v int64) bool { return v != 0 }).Draw(t, "b"), rapid.Int32Range(-6, 6).Draw(t, "eb"))
		scale := rapid.Int32Range(-4, 20).Draw(t, "scale")
		mode := RoundingMode(rapid.IntRange(0, 6).Draw(t, "mode"))
		got, err := NewContext(scale, mode).Quo(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if want := refQuo(a, b, scale, mode); !got.Equal(want) {
			t.Fatalf("Quo(%s, %s) at %d %s = %s, reference %s", dec.Format(a, 0), dec.Format(b, 0), scale, mode, dec.Format(got, 0), dec.Format(want, 0))
		}
	})
}

// Round rounds once and leaves values that fit alone.
func TestContextRound(t *testing.T) {
	c := NewContext(2, RoundHalfEven)
	for in, want := range map[string]string{"1.005": "1.00", "1.015": "1.02", "-1.005": "-1.00", "7": "7", "1.5": "1.5"} {
		if got, err := c.Round(d(t, in)); err != nil || !got.Equal(d(t, want)) {
			t.Errorf("Round(%s) = %s, %v; want %s", in, dec.Format(got, 0), err, want)
		}
	}
}

func FuzzQuo(f *testing.F) {
	f.Add(int64(1), int32(0), int64(3), int32(0), int32(12), uint8(0))
	f.Add(int64(-125), int32(-3), int64(1), int32(0), int32(2), uint8(1))
	f.Fuzz(func(t *testing.T, a int64, ea int32, b int64, eb int32, scale int32, mode uint8) {
		ea, eb, scale = ea%20, eb%20, scale%40
		m := RoundingMode(mode % 7)
		x, y := decimal.New(a, ea), decimal.New(b, eb)
		got, err := NewContext(scale, m).Quo(x, y)
		if b == 0 {
			if !errors.Is(err, ErrZeroDenominator) {
				t.Fatalf("Quo by zero: %v", err)
			}
			return
		}
		if want := refQuo(x, y, scale, m); err != nil || !got.Equal(want) {
			t.Fatalf("Quo(%s, %s) at %d %s = %s (%v), reference %s", dec.Format(x, 0), dec.Format(y, 0), scale, m, dec.Format(got, 0), err, dec.Format(want, 0))
		}
	})
}
