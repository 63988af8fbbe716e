package metrics

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestMoneyZeroValueFolds(t *testing.T) {
	total, err := Sum()
	if err != nil || !total.Equal(Money{}) {
		t.Fatalf("Sum() = %v, %v; want the zero Money", total, err)
	}
	total, err = Sum(Money{}, usd(t, "1.50"), usd(t, "2.5"), usdDec(t, decimal.Decimal{}))
	if err != nil || !total.Equal(usd(t, "4")) || total.Currency() != "USD" {
		t.Fatalf("Sum = %v, %v; want 4.00 USD", total, err)
	}
}

func TestMoneyCurrencyMismatch(t *testing.T) {
	eur, err := MoneyFromInt(1, "eur")
	if err != nil || eur.Currency() != "EUR" {
		t.Fatalf("currency not upper-cased: %q, %v", eur.Currency(), err)
	}
	if _, err := usd(t, "1").Add(eur); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Add: %v", err)
	}
	if _, err := usd(t, "1").Sub(eur); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Sub: %v", err)
	}
	if _, err := usd(t, "1").Cmp(eur); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Cmp: %v", err)
	}
	if _, err := usd(t, "1").Ratio(eur); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Ratio: %v", err)
	}
	if _, err := Sum(usd(t, "1"), eur); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Sum: %v", err)
	}
}

func TestMoneyEqualIgnoresScale(t *testing.T) {
	if !usd(t, "1.5").Equal(usd(t, "1.50")) {
		t.Error("1.5 USD != 1.50 USD")
	}
	if usd(t, "1.5").Equal(money(t, "1.5", "EUR")) {
		t.Error("1.5 USD == 1.5 EUR")
	}
	// go-cmp uses the Equal method.
	if diff := cmp.Diff(usd(t, "10"), usd(t, "10.000")); diff != "" {
		t.Errorf("cmp.Diff of equal amounts: %s", diff)
	}
}

func TestMoneyArithmetic(t *testing.T) {
	m := usd(t, "100")
	third, err := NewRatio(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.MulRatio(third, NewContext(2, RoundHalfEven)); !got.Equal(usd(t, "33.33")) {
		t.Errorf("100 × 1/3 = %v, want 33.33", got)
	}
	if got, err := m.QuoInt(3, Context{}); err != nil || !got.Equal(usd(t, "33.333333333333")) {
		t.Errorf("100 ÷ 3 = %v, %v", got, err)
	}
	if _, err := m.QuoInt(0, Context{}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("÷ 0: %v", err)
	}
	if got, err := m.QuoRatio(Percent(10), Context{}); err != nil || !got.Equal(usd(t, "1000")) {
		t.Errorf("100 ÷ 10%% = %v, %v", got, err)
	}
	if _, err := m.QuoRatio(Ratio{}, Context{}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("÷ 0%%: %v", err)
	}
	if got := m.MulInt(12); !got.Equal(usd(t, "1200")) {
		t.Errorf("× 12 = %v", got)
	}
	if got := usd(t, "2.675").Round(Places(2)); !got.Equal(usd(t, "2.68")) {
		t.Errorf("Round = %v", got)
	}
	if got, err := whole(t, 100, "EUR").Convert("usd", d(t, "1.085")); err != nil || !got.Equal(usd(t, "108.5")) {
		t.Errorf("Convert = %v, %v", got, err)
	}
	if _, err := m.Convert("EUR", d(t, "-1")); !errors.Is(err, ErrNegative) {
		t.Errorf("Convert negative rate: %v", err)
	}
	if _, err := m.Convert("EUR", decimal.Decimal{}); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("Convert zero rate: %v", err)
	}
}

func TestMoneyText(t *testing.T) {
	tests := []struct {
		m    Money
		str  string
		json string
	}{
		{Money{}, "0.00", `{"amount":"0.00","currency":""}`},
		{usd(t, "1000"), "1000.00 USD", `{"amount":"1000.00","currency":"USD"}`},
		{usd(t, "1000.500"), "1000.50 USD", `{"amount":"1000.50","currency":"USD"}`},
		{usd(t, "83.333333333333"), "83.333333333333 USD", `{"amount":"83.333333333333","currency":"USD"}`},
		{usd(t, "-0.1"), "-0.10 USD", `{"amount":"-0.10","currency":"USD"}`},
		{usd(t, "1e3"), "1000.00 USD", `{"amount":"1000.00","currency":"USD"}`},
	}
	for _, tc := range tests {
		if got := tc.m.String(); got != tc.str {
			t.Errorf("String = %q, want %q", got, tc.str)
		}
		b, err := json.Marshal(tc.m)
		if err != nil || string(b) != tc.json {
			t.Errorf("MarshalJSON = %s, %v; want %s", b, err, tc.json)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tc.m) {
			t.Errorf("round trip of %s = %v, %v", b, back, err)
		}
	}
	for _, bad := range []string{`{"amount":"x","currency":"USD"}`, `{"amount":"1","currency":"US"}`, `[1]`} {
		var m Money
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}

func TestParseMoney(t *testing.T) {
	m, err := ParseMoney("1200.50", "usd")
	if err != nil || !m.Equal(usd(t, "1200.5")) {
		t.Fatalf("ParseMoney = %v, %v", m, err)
	}
	for _, tc := range []struct {
		amount, cur string
		want        error
	}{
		{"1", "", ErrMissing}, // a nonzero amount needs a currency
		{"1", "US1", ErrInvalid},
		{"", "USD", ErrInvalid},
		{"1.2.3", "USD", ErrInvalid},
		{"1e1001", "USD", ErrOutOfRange}, // beyond the exponent bound of ±1,000
	} {
		if _, err := ParseMoney(tc.amount, tc.cur); !errors.Is(err, tc.want) {
			t.Errorf("ParseMoney(%q, %q): %v, want %v", tc.amount, tc.cur, err, tc.want)
		}
	}
	// Far beyond the bound (TestParseMoneyExponentBound pins ErrOutOfRange).
	if _, err := ParseMoney("1e99999", "USD"); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrOutOfRange) {
		t.Errorf("ParseMoney(%q, %q): %v", "1e99999", "USD", err)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"0", "1.50", "-3", "1e3", "1e-1001", "abc", "", "  7 ", "1e999", "-1e-999"} {
		f.Add(s, "USD")
	}
	f.Fuzz(func(t *testing.T, amount, cur string) {
		m, err := ParseMoney(amount, cur)
		if err != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("marshal %v: %v", m, err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(m) {
			t.Fatalf("round trip %s: %v, %v", b, back, err)
		}
	})
}

// The inline form of ParseMoney must accept exactly what dec.Parse accepts
// and give the same value: the fuzzer compares the two parsers.
func FuzzParseMoneyInline(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.50", "-3", "007.10", "1.", ".5", "-", "1.2.3", "+1", "999999999999999999",
		"9999999999999999999", "-999999999999999999.5", " 12.5 ", "1e3", "１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := parseMoneyAmount(s)
		want, wantErr := dec.Parse(s)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: inline parse error %v, dec.Parse error %v", s, gotErr, wantErr)
		}
		if gotErr == nil && !got.dec().Equal(want) {
			t.Fatalf("%q: inline %s, dec.Parse %s", s, dec.Format(got.dec(), 0), dec.Format(want, 0))
		}
	})
}

func TestMoneyFromMinor(t *testing.T) {
	for _, tc := range []struct {
		amount int64
		places uint8
		cur    string
		want   string
	}{
		{2999, 2, "usd", "29.99 USD"},
		{500, 0, "JPY", "500.00 JPY"},
		{-1, 3, "EUR", "-0.001 EUR"},
		{math.MaxInt64, 255, "USD", "0." + strings.Repeat("0", 255-19) + "9223372036854775807 USD"},
	} {
		if got, err := MoneyFromMinor(tc.amount, tc.places, tc.cur); err != nil || got.String() != tc.want {
			t.Errorf("MoneyFromMinor(%d, %d, %q) = %s, %v; want %s", tc.amount, tc.places, tc.cur, got, err, tc.want)
		}
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = MoneyFromMinor(2999, 2, "USD") }); a != 0 {
		t.Errorf("MoneyFromMinor allocates %v times", a)
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = ParseMoney("1200.50", "USD") }); a != 0 {
		t.Errorf("ParseMoney of a plain amount allocates %v times", a)
	}
}

// Money held inline (10^-12 units in an int64) and Money held as a decimal
// are the same value to every operation: each result, compared through its
// decimal and its text, matches the decimal-only computation.
func TestMoneyInlineMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := func(label string) (inline, asDecimal Money) {
			var c int64
			switch rapid.IntRange(0, 3).Draw(t, label+"kind") {
			case 0:
				c = rapid.Int64Range(-1000, 1000).Draw(t, label+"c")
			case 1:
				c = rapid.Int64().Draw(t, label+"c")
			case 2:
				c = rapid.SampledFrom([]int64{math.MaxInt64, math.MinInt64, math.MinInt64 + 1, 0}).Draw(t, label+"c")
			default:
				c = rapid.Int64Range(-1e12, 1e12).Draw(t, label+"c")
			}
			p := uint8(rapid.IntRange(0, 14).Draw(t, label+"p"))
			big := decimal.New(c, -int32(p)) // forced into the decimal form, which NewMoney would avoid when it fits
			return minor(t, c, p, "USD"), Money{big: &big, currency: "USD"}
		}
		a, ad := gen("a")
		b, bd := gen("b")
		same := func(op string, got, want Money) {
			if !got.dec().Equal(want.dec()) || got.String() != want.String() || got.Currency() != want.Currency() || got.Sign() != want.Sign() {
				t.Fatalf("%s: inline %s, decimal %s", op, got, want)
			}
		}
		sum, err1 := a.Add(b)
		sumd, err2 := ad.Add(bd)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("add", sum, sumd)
		diff, _ := a.Sub(b)
		diffd, _ := ad.Sub(bd)
		same("sub", diff, diffd)
		same("neg", a.Neg(), ad.Neg())
		same("abs", a.Abs(), ad.Abs())
		c1, _ := a.Cmp(b)
		c2, _ := ad.Cmp(bd)
		if c1 != c2 || a.Equal(b) != ad.Equal(bd) || !a.Equal(ad) || a.IsZero() != ad.IsZero() {
			t.Fatalf("compare %s, %s: inline %d %v, decimal %d %v", a, b, c1, a.Equal(b), c2, ad.Equal(bd))
		}
		ja, _ := json.Marshal(a)
		jd, _ := json.Marshal(ad)
		if string(ja) != string(jd) {
			t.Fatalf("json %s ≠ %s", ja, jd)
		}
	})
}

// Amount gives an inline amount in its shortest form.
func TestMoneyAmountShortest(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		coef int64
		exp  int32
	}{
		{minor(t, 2999, 2, "USD"), 2999, -2},
		{minor(t, 2990, 2, "USD"), 299, -1},
		{whole(t, 1200, "USD"), 1200, 0},
		{whole(t, 0, "USD"), 0, 0},
		{minor(t, -1, 12, "USD"), -1, -12},
	} {
		a := tc.m.Amount()
		if a.CoefficientInt64() != tc.coef || a.Exponent() != tc.exp {
			t.Errorf("%s: Amount = %d × 10^%d, want %d × 10^%d", tc.m, a.CoefficientInt64(), a.Exponent(), tc.coef, tc.exp)
		}
	}
}
