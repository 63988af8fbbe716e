package metrics

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestRatioEquality(t *testing.T) {
	a := rat(t, "1.05")
	b := Percent(105)
	c, err := RatioOf(d(t, "21"), d(t, "20"))
	if err != nil {
		t.Fatal(err)
	}
	e, _ := RatioOf(d(t, "-21"), d(t, "-20.0"))
	for _, r := range []Ratio{b, c, e, rat(t, "1.0500")} {
		if !a.Equal(r) {
			t.Errorf("%v != %v", a, r)
		}
	}
	if diff := cmp.Diff(a, c); diff != "" {
		t.Errorf("cmp.Diff(1.05, 21/20): %s", diff)
	}
	if !(Ratio{}).Equal(ratDec(t, decimal.Decimal{})) || !(Ratio{}).IsZero() {
		t.Error("zero Ratio is not 0")
	}
}

func TestRatioText(t *testing.T) {
	third := frac(t, 1, 3)
	tests := []struct {
		r        Ratio
		str      string
		multiple string
		json     string
	}{
		{Ratio{}, "0%", "0x", `"0"`},
		{rat(t, "1.05"), "105%", "1.05x", `"1.05"`},
		{third, "33.3333333333%", "0.33x", `"1/3"`}, // exact: 1/3 has no finite decimal
		{rat(t, "3.2"), "320%", "3.2x", `"3.2"`},
		{rat(t, "-0.125"), "-12.5%", "-0.12x", `"-0.125"`},
	}
	for _, tc := range tests {
		if got := tc.r.String(); got != tc.str {
			t.Errorf("String = %q, want %q", got, tc.str)
		}
		if got := tc.r.StringMultiple(Places(2)); got != tc.multiple {
			t.Errorf("StringMultiple = %q, want %q", got, tc.multiple)
		}
		b, err := json.Marshal(tc.r)
		if err != nil || string(b) != tc.json {
			t.Errorf("MarshalJSON = %s, %v; want %s", b, err, tc.json)
		}
	}
}

func TestParseRatio(t *testing.T) {
	for in, want := range map[string]string{"1.05": "1.05", "105%": "1.05", "3.2x": "3.2", " 12.5 % ": "0.125", "0": "0"} {
		r, err := ParseRatio(in)
		if err != nil || !r.Equal(rat(t, want)) {
			t.Errorf("ParseRatio(%q) = %v, %v; want %s", in, r, err, want)
		}
	}
	for _, bad := range []string{"", "%", "x", "abc%", "1..2"} {
		if _, err := ParseRatio(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRatio(%q): %v", bad, err)
		}
	}
	var r Ratio
	if err := json.Unmarshal([]byte(`"105%"`), &r); err != nil || !r.Equal(rat(t, "1.05")) {
		t.Errorf("UnmarshalJSON = %v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`1.05`), &r); err == nil {
		t.Error("UnmarshalJSON accepted an unquoted number")
	}
}

func TestRatioZeroDenominator(t *testing.T) {
	if _, err := RatioOf(decimal.New(1, 0), decimal.Decimal{}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("RatioOf: %v", err)
	}
	if _, err := NewRatio(1, 0); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("NewRatio: %v", err)
	}
	if _, err := (Ratio{}).Inverse(); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("Inverse: %v", err)
	}
	if _, err := Percent(5).Quo(Ratio{}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("Quo: %v", err)
	}
}

// The single rounding of Round: 1/8 to 2 places half-even is 0.12, and the
// exact fraction means no intermediate 12-place rounding can flip a tie.
func TestRatioRoundOnce(t *testing.T) {
	r, _ := RatioOf(d(t, "12500000000000000001"), d(t, "100000000000000000000"))
	if got := r.Round(Places(2)); !got.Equal(rat(t, "0.13")) {
		t.Errorf("Round = %v, want 0.13", got)
	}
	eighth := frac(t, 1, 8)
	if got := eighth.Round(Places(2)); !got.Equal(rat(t, "0.12")) {
		t.Errorf("Round(1/8) = %v, want 0.12", got)
	}
}

// genRatio draws a fraction with a non-zero denominator.
func genRatio(t *rapid.T, label string) Ratio {
	n := decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, label+"-n"), -rapid.Int32Range(0, 4).Draw(t, label+"-en"))
	den := decimal.New(rapid.Int64Range(1, 1e9).Draw(t, label+"-d"), -rapid.Int32Range(0, 4).Draw(t, label+"-ed"))
	if rapid.Bool().Draw(t, label+"-neg") {
		den = den.Neg()
	}
	r, err := RatioOf(n, den)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Field laws hold exactly on fractions.
func TestRatioArithmeticProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := genRatio(t, "a"), genRatio(t, "b"), genRatio(t, "c")
		if !a.Add(b).Equal(b.Add(a)) {
			t.Fatal("Add not commutative")
		}
		if !a.Add(b).Sub(b).Equal(a) {
			t.Fatal("(a+b)−b ≠ a")
		}
		if !a.Mul(b.Add(c)).Equal(a.Mul(b).Add(a.Mul(c))) {
			t.Fatal("Mul does not distribute")
		}
		if !b.IsZero() {
			q, err := a.Quo(b)
			if err != nil || !q.Mul(b).Equal(a) {
				t.Fatalf("(a÷b)×b ≠ a: %v", err)
			}
		}
		if got, want := a.Cmp(b), a.Sub(b).Sign(); got != want {
			t.Fatalf("Cmp = %d, sign of difference %d", got, want)
		}
		// Decimal() is within half a unit of the 12th place.
		diff := ratDec(t, a.Decimal(Context{})).Sub(a)
		if diff.Mul(RatioFromInt(2)).cmpDecimal(decimal.New(1, -DefaultScale)) > 0 || diff.Neg().Mul(RatioFromInt(2)).cmpDecimal(decimal.New(1, -DefaultScale)) > 0 {
			t.Fatalf("Decimal() %s is more than half an ulp from %v", dec.Format(a.Decimal(Context{}), 0), a)
		}
	})
}

func FuzzParseRatio(f *testing.F) {
	for _, s := range []string{"1.05", "105%", "3.2x", "-0", "1e5%", "%%", "x", "1e400", "9e999x", "1/3", "-4/6", "1/0", "1e-1000%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRatio(s)
		if err != nil {
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Ratio
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		// JSON is exact ("1.05" or "1/3"), so the round trip is too.
		if !back.Equal(r) {
			t.Fatalf("round trip %s: %v != %v", b, back, r)
		}
	})
}
