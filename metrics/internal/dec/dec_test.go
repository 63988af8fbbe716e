package dec

import (
	"errors"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/sentinel"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// ParseSmall accepts a subset of what shopspring parses, with the same value.
func FuzzParseSmall(f *testing.F) {
	for _, s := range []string{"0", "-12.50", "1.", ".5", "-", "123456789012345678", "1234567890123456789", "1e3", "+5", "00.10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, e, ok := ParseSmall(s)
		if !ok {
			return
		}
		want, wok := parseSmallSlow(s)
		if !wok || !decimal.New(c, e).Equal(want) {
			t.Fatalf("ParseSmall(%q) = %de%d, shopspring says %s, %v", s, c, e, want, wok)
		}
		got, err := Parse(s)
		if err != nil || !got.Equal(want) {
			t.Fatalf("Parse(%q) = %s, %v", s, got, err)
		}
	})
}

func TestFormatMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(rapid.Int64().Draw(t, "c"), rapid.Int32Range(-30, 10).Draw(t, "e"))
		if got, want := Format(d, 0), formatSlow(d); got != want {
			t.Fatalf("Format(%v) = %q, want %q", d, got, want)
		}
		back, err := Parse(Format(d, 2))
		if err != nil || !back.Equal(d) {
			t.Fatalf("Format(%v, 2) does not parse back: %v %v", d, back, err)
		}
	})
}

func TestFormatMinPlaces(t *testing.T) {
	for _, tc := range []struct {
		d    decimal.Decimal
		min  int32
		want string
	}{
		{decimal.New(15, -1), 0, "1.5"},
		{decimal.New(150, -2), 0, "1.5"},
		{decimal.New(15, -1), 2, "1.50"},
		{decimal.New(1000, 0), 2, "1000.00"},
		{decimal.New(-5, -3), 2, "-0.005"},
		{decimal.New(1, -2_000_000_000), 2, "1e-2000000000"},
	} {
		if got := Format(tc.d, tc.min); got != tc.want {
			t.Errorf("Format(%v, %d) = %q, want %q", tc.d, tc.min, got, tc.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want error
	}{
		{"", sentinel.Invalid},
		{"  ", sentinel.Invalid},
		{"12,5", sentinel.Invalid},
		{"abc", sentinel.Invalid},
		{strings.Repeat("1", MaxParseLen+1), sentinel.Invalid},
		{"1e1001", sentinel.OutOfRange},
		{"1e-1001", sentinel.OutOfRange},
		{"1e999", sentinel.OutOfRange}, // its plain form is longer than MaxParseLen? no: 1000 chars — accepted below
	} {
		_, err := Parse(tc.s)
		if tc.s == "1e999" {
			if err != nil {
				t.Errorf("Parse(1e999): %v, want accepted (1,000 digits written out)", err)
			}
			continue
		}
		if !errors.Is(err, tc.want) {
			t.Errorf("Parse(%.20q) = %v, want %v", tc.s, err, tc.want)
		}
	}
	// 4,100 digits: too long written out.
	if _, err := Parse("1" + strings.Repeat("0", 50) + "e4050"); !errors.Is(err, sentinel.OutOfRange) {
		t.Errorf("a value longer than MaxParseLen written out: %v", err)
	}
}

func TestEqualBeyondRange(t *testing.T) {
	a := decimal.New(10, -2_000_000_001)
	b := decimal.New(1, -2_000_000_000)
	if !Equal(a, b) || Equal(a, decimal.New(2, -2_000_000_000)) || !Equal(decimal.New(15, -1), decimal.New(150, -2)) {
		t.Fatal("Equal compares values, not representations, at any exponent")
	}
	if InRange(a) || !InRange(decimal.New(1, -MaxExponent)) || InRange(decimal.New(1, MaxExponent+1)) {
		t.Fatal("InRange bounds at ±MaxExponent")
	}
}

// Parse accepts what shopspring parses, with the same value, whenever the
// exponent is within MaxParseScale; beyond, it answers ErrOutOfRange from its
// own bound whatever shopspring's MaxDecodeExponent global says.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1e3", "1.5E-2", "-0.001e+5", "1e1001", "1e-999999999", "1e99999999999999999999", "e5", "1e", "1.e2", "+7", "1e2e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		want, werr := decimal.NewFromString(strings.TrimSpace(s))
		switch {
		case err == nil && werr != nil:
			t.Fatalf("Parse(%q) = %s, shopspring refuses: %v", s, got, werr)
		case err == nil && !got.Equal(want):
			t.Fatalf("Parse(%q) = %s, shopspring %s", s, got, want)
		case err != nil && werr == nil && want.Exponent() >= -MaxParseScale && want.Exponent() <= MaxParseScale && len(s) <= MaxParseLen &&
			want.NumDigits()+int(max(want.Exponent(), -want.Exponent()))+2 <= MaxParseLen:
			t.Fatalf("Parse(%q): %v, shopspring accepts %s", s, err, want)
		case err != nil && !errors.Is(err, sentinel.Invalid) && !errors.Is(err, sentinel.OutOfRange):
			t.Fatalf("Parse(%q): %v is neither invalid nor out of range", s, err)
		}
	})
}

func TestParseExponentOwnBound(t *testing.T) {
	for _, s := range []string{"1e99999", "1e999999999", "1e-999999999", "1e99999999999999999999"} {
		if _, err := Parse(s); !errors.Is(err, sentinel.OutOfRange) {
			t.Errorf("Parse(%q) = %v, want out of range", s, err)
		}
	}
	if d, err := Parse("1.5e3"); err != nil || !d.Equal(decimal.New(1500, 0)) {
		t.Errorf("Parse(1.5e3) = %v, %v", d, err)
	}
}
