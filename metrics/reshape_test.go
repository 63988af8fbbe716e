package metrics

// Tests of the behaviour the reshape (issue 7) introduced: comparable
// Contexts, ratios in lowest terms with exact text, money that always has a
// currency, typed errors, an immutable dictionary, money bands with a
// currency, exclusive band bounds and months that never wrap.

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The zero Context is the default one, and Contexts compare with ==.
func TestContextComparable(t *testing.T) {
	if (Context{}) != DefaultContext() {
		t.Errorf("Context{} = %s, DefaultContext() = %s: not ==", Context{}, DefaultContext())
	}
	if (Context{}) != NewContext(12, RoundHalfEven) {
		t.Errorf("Context{} = %s, NewContext(12, RoundHalfEven) = %s: not ==", Context{}, NewContext(12, RoundHalfEven))
	}
	if Places(2) != NewContext(2, RoundHalfEven) {
		t.Errorf("Places(2) = %s, NewContext(2, RoundHalfEven) = %s: not ==", Places(2), NewContext(2, RoundHalfEven))
	}
	if Places(2) == DefaultContext() || NewContext(12, RoundDown) == DefaultContext() {
		t.Error("Contexts of another scale or mode compare equal to the default")
	}
	// Usable as a map key: equal Contexts are one key.
	seen := map[Context]int{{}: 1}
	seen[NewContext(DefaultScale, RoundHalfEven)]++
	if len(seen) != 1 || seen[Context{}] != 2 {
		t.Errorf("equal Contexts are different map keys: %v", seen)
	}
}

// Arithmetic keeps ratios in lowest terms, so their denominators stay small
// however many values are added.
func TestRatioBoundedDenominator(t *testing.T) {
	third := frac(t, 1, 3)
	var sum Ratio
	for range 1000 {
		sum = sum.Add(third)
	}
	if num, den := sum.Fraction(); !num.Equal(decimal.New(1000, 0)) || !den.Equal(decimal.New(3, 0)) {
		t.Errorf("1/3 added 1,000 times = %s/%s, want 1000/3", num.Coefficient(), den.Coefficient())
	}

	// 1,000 percentages: the denominator always divides 100.
	sum = Ratio{}
	var want int64
	hundred := decimal.New(100, 0)
	for i := int64(1); i <= 1000; i++ {
		p := i*37%1000 - 500 // −500..499, many distinct values
		sum = sum.Add(Percent(p))
		want += p
		if _, den := sum.Fraction(); den.Cmp(hundred) > 0 {
			t.Fatalf("after %d percentages the denominator is %s, want ≤ 100", i, den.Coefficient())
		}
	}
	if !sum.Equal(frac(t, want, 100)) {
		t.Errorf("sum of the percentages = %v, want %d/100", sum, want)
	}
}

// A Ratio is held in lowest terms with a positive denominator, so every
// spelling of one number is one value.
func TestRatioLowestTerms(t *testing.T) {
	half := frac(t, 2, 4)
	if num, den := half.Fraction(); !num.Equal(decimal.New(1, 0)) || !den.Equal(decimal.New(2, 0)) {
		t.Errorf("NewRatio(2, 4).Fraction() = %s/%s, want 1/2", num.Coefficient(), den.Coefficient())
	}
	if num, den := frac(t, 2, -4).Fraction(); !num.Equal(decimal.New(-1, 0)) || !den.Equal(decimal.New(2, 0)) {
		t.Errorf("NewRatio(2, -4).Fraction() = %s/%s, want -1/2", num.Coefficient(), den.Coefficient())
	}
	parse := func(s string) Ratio {
		t.Helper()
		r, err := ParseRatio(s)
		if err != nil {
			t.Fatalf("ParseRatio(%q): %v", s, err)
		}
		return r
	}
	spellings := map[string]Ratio{
		"NewRatio(2, 4)":        half,
		"NewRatio(-3, -6)":      frac(t, -3, -6),
		"Percent(50)":           Percent(50),
		"RatioOf(0.25, 0.50)":   mustRatio(t)(RatioOf(d(t, "0.25"), d(t, "0.50"))),
		`ParseRatio("0.5")`:     parse("0.5"),
		`ParseRatio("50%")`:     parse("50%"),
		`ParseRatio("0.50x")`:   parse("0.50x"),
		`ParseRatio("1/2")`:     parse("1/2"),
		`ParseRatio("-7/-14")`:  parse("-7/-14"),
		"Percent(25).MulInt(2)": Percent(25).MulInt(2),
	}
	for name, r := range spellings {
		if !r.Equal(half) || r.Cmp(half) != 0 {
			t.Errorf("%s = %v, not equal to 1/2", name, r)
		}
		if num, den := r.Fraction(); !num.Equal(decimal.New(1, 0)) || !den.Equal(decimal.New(2, 0)) {
			t.Errorf("%s is held as %s/%s, not in lowest terms", name, num.Coefficient(), den.Coefficient())
		}
		if diff := cmp.Diff(half, r); diff != "" {
			t.Errorf("cmp.Diff(1/2, %s): %s", name, diff)
		}
	}
	if frac(t, 1, 3).Equal(half) || Percent(51).Equal(half) {
		t.Error("different ratios compare equal")
	}
}

// mustRatio returns a function that unpacks a (Ratio, error) pair, failing the
// test on error.
func mustRatio(t fataler) func(Ratio, error) Ratio {
	return func(r Ratio, err error) Ratio {
		t.Helper()
		if err != nil {
			t.Fatalf("%v", err)
		}
		return r
	}
}

// Ratio text and JSON are exact: a finite decimal when the ratio has one,
// else numerator/denominator, and both read back to the same value.
func TestRatioTextExact(t *testing.T) {
	for _, tc := range []struct {
		r    Ratio
		text string
	}{
		{frac(t, 1, 3), "1/3"},
		{frac(t, 21, 20), "1.05"},
		{frac(t, -2, 3), "-2/3"},
		{frac(t, 1, 8), "0.125"},
		{RatioFromInt(3), "3"},
		{Ratio{}, "0"},
	} {
		b, err := tc.r.MarshalText()
		if err != nil || string(b) != tc.text {
			t.Errorf("MarshalText(%v) = %q, %v; want %q", tc.r, b, err, tc.text)
		}
		j, err := json.Marshal(tc.r)
		if err != nil || string(j) != `"`+tc.text+`"` {
			t.Errorf("MarshalJSON(%v) = %s, %v; want %q", tc.r, j, err, tc.text)
		}
		var back Ratio
		if err := back.UnmarshalText(b); err != nil || !back.Equal(tc.r) {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, tc.r)
		}
		back = Ratio{}
		if err := json.Unmarshal(j, &back); err != nil || !back.Equal(tc.r) {
			t.Errorf("UnmarshalJSON(%s) = %v, %v; want %v", j, back, err, tc.r)
		}
	}
}

// Every ratio of two int64s survives a text and a JSON round trip exactly.
func TestRatioTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.Int64().Draw(t, "num")
		den := rapid.Int64().Filter(func(v int64) bool { return v != 0 }).Draw(t, "den")
		r := frac(t, num, den)
		b, err := r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Ratio
		if err := back.UnmarshalText(b); err != nil || !back.Equal(r) {
			t.Fatalf("%d/%d: text %q reads back as %v, %v", num, den, b, back, err)
		}
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		back = Ratio{}
		if err := json.Unmarshal(j, &back); err != nil || !back.Equal(r) {
			t.Fatalf("%d/%d: JSON %s reads back as %v, %v", num, den, j, back, err)
		}
	})
}

// Only a zero amount may lack a currency: every constructor and decoder
// refuses a nonzero one (ErrMissing) and a malformed code (ErrInvalid).
func TestMoneyNeedsCurrency(t *testing.T) {
	five := decimal.New(5, 0)
	constructors := map[string]func(cur string, zero bool) (Money, error){
		"NewMoney": func(cur string, zero bool) (Money, error) {
			if zero {
				return NewMoney(decimal.Decimal{}, cur)
			}
			return NewMoney(five, cur)
		},
		"MoneyFromInt": func(cur string, zero bool) (Money, error) {
			if zero {
				return MoneyFromInt(0, cur)
			}
			return MoneyFromInt(5, cur)
		},
		"MoneyFromMinor": func(cur string, zero bool) (Money, error) {
			if zero {
				return MoneyFromMinor(0, 2, cur)
			}
			return MoneyFromMinor(500, 2, cur)
		},
		"ParseMoney": func(cur string, zero bool) (Money, error) {
			if zero {
				return ParseMoney("0.00", cur)
			}
			return ParseMoney("5", cur)
		},
		"UnmarshalJSON": func(cur string, zero bool) (Money, error) {
			amount := "5"
			if zero {
				amount = "0"
			}
			var m Money
			b, _ := json.Marshal(map[string]string{"amount": amount, "currency": cur})
			err := json.Unmarshal(b, &m)
			return m, err
		},
		"UnmarshalText": func(cur string, zero bool) (Money, error) {
			text := "5"
			if zero {
				text = "0"
			}
			if cur != "" {
				text += " " + cur
			}
			var m Money
			err := m.UnmarshalText([]byte(text))
			return m, err
		},
	}
	for name, construct := range constructors {
		if m, err := construct("", false); !errors.Is(err, ErrMissing) {
			t.Errorf("%s: 5 without a currency = %v, %v; want ErrMissing", name, m, err)
		}
		if m, err := construct("", true); err != nil || !m.Equal(Money{}) || m.Currency() != "" {
			t.Errorf("%s: 0 without a currency = %#v, %v; want Money{}", name, m, err)
		}
		for _, bad := range []string{"US", "U$D", "USDX", "12A"} {
			if m, err := construct(bad, false); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: currency %q = %v, %v; want ErrInvalid", name, bad, m, err)
			}
		}
		if m, err := construct("usd", false); err != nil || m.Currency() != "USD" || !m.Equal(whole(t, 5, "USD")) {
			t.Errorf("%s: 5 usd = %v, %v; want 5.00 USD", name, m, err)
		}
	}
	// The JSON of the brief: an amount with an empty currency.
	var m Money
	if err := json.Unmarshal([]byte(`{"amount":"5","currency":""}`), &m); !errors.Is(err, ErrMissing) {
		t.Errorf(`Unmarshal {"amount":"5","currency":""}: %v, want ErrMissing`, err)
	}
	if err := m.UnmarshalText([]byte("5")); !errors.Is(err, ErrMissing) {
		t.Errorf(`UnmarshalText "5": %v, want ErrMissing`, err)
	}
	// Text round trip.
	price := minor(t, 2999, 2, "USD")
	b, err := price.MarshalText()
	if err != nil || string(b) != "29.99 USD" {
		t.Errorf("MarshalText = %q, %v; want 29.99 USD", b, err)
	}
	var back Money
	if err := back.UnmarshalText(b); err != nil || !back.Equal(price) {
		t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
	}
}

// Adding two currencies is a *MismatchError naming both.
func TestMoneyMismatchError(t *testing.T) {
	_, err := usd(t, "1").Add(money(t, "2", "EUR"))
	var mm *MismatchError
	if !errors.As(err, &mm) || mm.A != "USD" || mm.B != "EUR" {
		t.Fatalf("USD + EUR: %v, want a *MismatchError{USD, EUR}", err)
	}
	if !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("%v is not ErrCurrencyMismatch", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "USD") || !strings.Contains(msg, "EUR") {
		t.Errorf("message %q does not name both currencies", msg)
	}
}

// An amount whose exponent is beyond the library's bound is refused with
// one answer, ErrOutOfRange in a *ValueError, however far beyond it lies:
// the library's own bound (internal/dec.Parse) must answer before
// shopspring's MaxDecodeExponent global (10,000 by default) refuses the text
// as malformed.
func TestParseMoneyExponentBound(t *testing.T) {
	for _, s := range []string{"1e1001", "1e-1001", "1e99999", "1e999999999", "1e-999999999"} {
		_, err := ParseMoney(s, "USD")
		var ve *ValueError
		if !errors.Is(err, ErrOutOfRange) || !errors.As(err, &ve) {
			t.Errorf("ParseMoney(%q, USD): %v, want a *ValueError wrapping ErrOutOfRange", s, err)
		}
	}
}

// minorRef is the reference for Money.Minor: the amount × 10^places as an
// exact rational, which must be an integer that fits an int64.
func minorRef(amount decimal.Decimal, places uint8) (int64, bool) {
	v := amount.Rat()
	v.Mul(v, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	if !v.IsInt() || !v.Num().IsInt64() {
		return 0, false
	}
	return v.Num().Int64(), true
}

func TestMoneyMinor(t *testing.T) {
	price := minor(t, 2999, 2, "USD")
	if n, ok := price.Minor(2); n != 2999 || !ok {
		t.Errorf("29.99 USD Minor(2) = %d, %v; want 2999, true", n, ok)
	}
	if _, ok := price.Minor(1); ok {
		t.Error("29.99 USD Minor(1) reports an exact value")
	}
	if n, ok := price.Minor(12); n != 29_990_000_000_000 || !ok {
		t.Errorf("29.99 USD Minor(12) = %d, %v; want 29990000000000, true", n, ok)
	}
	if n, ok := price.Minor(0); ok {
		t.Errorf("29.99 USD Minor(0) = %d, true; want not exact", n)
	}
	if n, ok := whole(t, 500, "JPY").Minor(0); n != 500 || !ok {
		t.Errorf("500 JPY Minor(0) = %d, %v", n, ok)
	}
	// Ten million is beyond the inline range (about 9.2 million): held as a
	// decimal, its cents are still 10^9.
	tenMillion, err := ParseMoney("10000000", "USD")
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := tenMillion.Minor(2); n != 1_000_000_000 || !ok {
		t.Errorf("10000000 USD Minor(2) = %d, %v; want 1000000000, true", n, ok)
	}
	if n, ok := usd(t, "1e20").Minor(0); ok {
		t.Errorf("1e20 USD Minor(0) = %d, true; want not an int64", n)
	}
}

// Minor agrees with the exact reference for amounts held inline and as
// decimals, at 0 to 20 places.
func TestMoneyMinorMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var c int64
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			c = rapid.Int64Range(-100_000, 100_000).Draw(t, "c")
		case 1:
			c = rapid.Int64().Draw(t, "c")
		default:
			c = rapid.SampledFrom([]int64{0, 1, -1, math.MaxInt64, math.MinInt64, 9_223_372, 10_000_000_000_000}).Draw(t, "c")
		}
		amount := decimal.New(c, rapid.Int32Range(-24, 8).Draw(t, "exp"))
		places := uint8(rapid.IntRange(0, 20).Draw(t, "places"))
		m := usdDec(t, amount)
		got, gotOK := m.Minor(places)
		want, wantOK := minorRef(amount, places)
		if gotOK != wantOK || gotOK && got != want {
			t.Fatalf("%v Minor(%d) = %d, %v; reference %d, %v", m, places, got, gotOK, want, wantOK)
		}
	})
}

// dictionarySnapshot deep-copies definitions, so that later changes to what a
// Dictionary returned cannot reach the copy.
func dictionarySnapshot(defs []Definition) []Definition {
	out := make([]Definition, len(defs))
	for i, d := range defs {
		d.Bands = slices.Clone(d.Bands)
		d.Audiences = slices.Clone(d.Audiences)
		out[i] = d
	}
	return out
}

// dictionaryMutate changes everything reachable from defs.
func dictionaryMutate(defs []Definition) {
	for i := range defs {
		defs[i].ID += "-changed"
		defs[i].Name = "changed"
		for j := range defs[i].Bands {
			defs[i].Bands[j].Name = "changed"
			defs[i].Bands[j].From = decimal.New(-999, 0)
			defs[i].Bands[j].Status = StatusRed
		}
		for j := range defs[i].Audiences {
			defs[i].Audiences[j] = AudienceFrontline
		}
		defs[i].Bands = append(defs[i].Bands, Band{Name: "appended"})
		defs[i].Audiences = append(defs[i].Audiences, AudienceBoard)
	}
}

// Nothing a Dictionary returns, nor the slice it was built from, reaches
// inside it.
func TestDictionaryImmutable(t *testing.T) {
	defs := Definitions()
	dict, err := NewDictionary(defs)
	if err != nil {
		t.Fatal(err)
	}
	want := dictionarySnapshot(dict.All())
	nrr, ok := dict.Lookup("nrr")
	if !ok || len(nrr.Bands) == 0 || len(nrr.Audiences) == 0 {
		t.Fatalf("nrr: %+v, %v", nrr, ok)
	}
	wantNRR := dictionarySnapshot([]Definition{nrr})[0]

	// Lookup's copy.
	nrr.Bands[0].Name = "changed"
	nrr.Bands[0].From = decimal.New(42, 0)
	nrr.Audiences[0] = AudienceFrontline
	// The slice given to NewDictionary.
	dictionaryMutate(defs)
	// All, Filter and the filters built on it.
	dictionaryMutate(dict.All())
	dictionaryMutate(dict.Filter(func(d Definition) bool { return len(d.Bands) > 0 }))
	dictionaryMutate(dict.ForAudience(AudienceBoard))
	dictionaryMutate(dict.BySignal(SignalLeading))
	dictionaryMutate(dict.ByCategory(CategoryRetention))
	// The definition Filter's callback sees.
	dict.Filter(func(d Definition) bool {
		dictionaryMutate([]Definition{d})
		return false
	})

	again, ok := dict.Lookup("nrr")
	if !ok {
		t.Fatal("nrr gone")
	}
	if diff := cmp.Diff(wantNRR, again); diff != "" {
		t.Errorf("Lookup(nrr) changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(want, dict.All()); diff != "" {
		t.Errorf("All() changed (-before +after):\n%s", diff)
	}
}

// testMoneyDefinition returns a valid money definition with bands in USD.
func testMoneyDefinition() Definition {
	return Definition{
		ID: "test_money", Name: "Test money", Category: CategoryRevenue, Formula: "an amount",
		Unit: UnitMoney, Direction: HigherIsBetter, Audiences: []Audience{AudienceBoard}, Signal: SignalLagging,
		Source: "test", Version: 1, Func: "metrics.Test",
		Bands: []Band{
			{Name: "low", Currency: "USD", Status: StatusRed},
			{Name: "high", From: decimal.New(100, 0), Currency: "USD", Status: StatusGreen},
		},
	}
}

// A money band carries its currency: classifying an amount in another
// currency is a mismatch, not a comparison of bare numbers.
func TestMoneyBandCurrency(t *testing.T) {
	def := testMoneyDefinition()
	if _, err := NewDictionary([]Definition{def}); err != nil {
		t.Fatalf("NewDictionary refuses a valid money definition: %v", err)
	}
	_, err := def.Classify(whole(t, 500, "JPY"))
	var mm *MismatchError
	if !errors.Is(err, ErrCurrencyMismatch) || !errors.As(err, &mm) || mm.A != "JPY" || mm.B != "USD" {
		t.Errorf("classify 500 JPY against USD bands: %v, want a *MismatchError{JPY, USD}", err)
	}
	for amount, want := range map[string]string{"99.99": "low", "100": "high", "150": "high", "0": "low"} {
		if b, err := def.Classify(usd(t, amount)); err != nil || b.Name != want {
			t.Errorf("classify %s USD = %q, %v; want %q", amount, b.Name, err, want)
		}
	}

	noCurrency := testMoneyDefinition()
	noCurrency.Bands = []Band{{Name: "low", Status: StatusRed}, {Name: "high", From: decimal.New(100, 0), Status: StatusGreen}}
	if _, err := NewDictionary([]Definition{noCurrency}); !errors.Is(err, ErrInvalid) {
		t.Errorf("NewDictionary of a money definition whose bands lack a currency: %v, want ErrInvalid", err)
	}
	if err := noCurrency.Validate(); err == nil {
		t.Error("Validate accepts a money definition whose bands lack a currency")
	}
}

// testRatioDefinition returns a valid ratio definition with the given bands.
func testRatioDefinition(bands ...Band) Definition {
	return Definition{
		ID: "test_churn", Name: "Test churn", Category: CategoryRetention, Formula: "lost ÷ start",
		Unit: UnitRatio, Display: "percent", Direction: LowerIsBetter, Audiences: []Audience{AudienceBoard},
		Signal: SignalLagging, Source: "test", Version: 1, Func: "metrics.Test", Bands: bands,
	}
}

// An Exclusive band starts just above its From: From itself belongs to the
// band below.
func TestBandExclusive(t *testing.T) {
	def := testRatioDefinition(
		Band{Name: "ok", Status: StatusGreen},
		Band{Name: "watch", From: pct(10), Status: StatusYellow},
		Band{Name: "critical", From: pct(20), Exclusive: true, Status: StatusRed}, // "above 20%"
	)
	if err := def.Validate(); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"9.9999": "ok", "10": "watch", "19.9999": "watch", "20": "watch", "20.0001": "critical", "50": "critical"} {
		if b, err := def.Classify(pctR(t, p)); err != nil || b.Name != want {
			t.Errorf("classify %s%% = %q, %v; want %q", p, b.Name, err, want)
		}
	}

	// Two bands may share a From when the second is Exclusive: "exactly 20%"
	// and "above 20%".
	same := testRatioDefinition(
		Band{Name: "below", Status: StatusGreen},
		Band{Name: "at", From: pct(20), Status: StatusYellow},
		Band{Name: "above", From: pct(20), Exclusive: true, Status: StatusRed},
	)
	if err := same.Validate(); err != nil {
		t.Fatalf("Validate refuses an Exclusive band sharing its predecessor's From: %v", err)
	}
	if _, err := NewDictionary([]Definition{same}); err != nil {
		t.Fatalf("NewDictionary: %v", err)
	}
	for p, want := range map[string]string{"19.9999": "below", "20": "at", "20.0001": "above"} {
		if b, err := same.Classify(pctR(t, p)); err != nil || b.Name != want {
			t.Errorf("classify %s%% = %q, %v; want %q", p, b.Name, err, want)
		}
	}
}

// Every error of a value type's constructor or operation is a *ValueError
// (or, for two currencies, a *MismatchError) wrapping the right sentinel.
func TestValueErrorsTyped(t *testing.T) {
	one := decimal.New(1, 0)
	var (
		unit Unit
		q    Quantity
		qtr  Quarter
	)
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"ParseMoney bad amount", second(ParseMoney("12,50", "USD")), ErrInvalid},
		{"ParseMoney bad currency", second(ParseMoney("12.50", "US")), ErrInvalid},
		{"ParseMoney no currency", second(ParseMoney("12.50", "")), ErrMissing},
		{"NewMoney no currency", second(NewMoney(one, "")), ErrMissing},
		{"MoneyFromInt bad currency", second(MoneyFromInt(1, "U$D")), ErrInvalid},
		{"Context.Quo by zero", second(Context{}.Quo(one, decimal.Decimal{})), ErrZeroDenominator},
		{"Context.Root even root of a negative", second(Context{}.Root(decimal.New(-4, 0), 2)), ErrNegative},
		{"RatioOf den 0", second(RatioOf(one, decimal.Decimal{})), ErrZeroDenominator},
		{"NewRatio den 0", second(NewRatio(1, 0)), ErrZeroDenominator},
		{"ParseRatio bad", second(ParseRatio("abc%")), ErrInvalid},
		{"ParseRatio a/0", second(ParseRatio("1/0")), ErrZeroDenominator},
		{"Ratio.Quo by zero", second(Percent(5).Quo(Ratio{})), ErrZeroDenominator},
		{"Ratio.Inverse of zero", second(Ratio{}.Inverse()), ErrZeroDenominator},
		{"ParseMonth bad", second(ParseMonth("2024/08")), ErrInvalid},
		{"ParseMonth month 13", second(ParseMonth("2024-13")), ErrOutOfRange},
		{"NewMonth(0, 1)", second(NewMonth(0, time.January)), ErrOutOfRange},
		{"NewQuarter(2024, 5)", second(NewQuarter(2024, 5)), ErrOutOfRange},
		{"ParseQuarter bad", second(ParseQuarter("2024-3")), ErrInvalid},
		{"Quarter.UnmarshalText bad", qtr.UnmarshalText([]byte("2024-Q5")), ErrOutOfRange},
		{"NewQuantity bad unit", second(NewQuantity(one, UnitMoney)), ErrUnitMismatch},
		{"NewQuantity no unit", second(NewQuantity(one, 0)), ErrUnitMismatch},
		{"Quantity.UnmarshalText bad", q.UnmarshalText([]byte("x days")), ErrInvalid},
		{"Unit.UnmarshalText bad", unit.UnmarshalText([]byte("furlongs")), ErrInvalid},
		{"Money.QuoInt(0)", second(usd(t, "1").QuoInt(0, Context{})), ErrZeroDenominator},
		{"Money.QuoRatio(0)", second(usd(t, "1").QuoRatio(Ratio{}, Context{})), ErrZeroDenominator},
		{"Money.Ratio(zero)", second(usd(t, "1").Ratio(usd(t, "0"))), ErrZeroDenominator},
		{"Money.Convert bad code", second(usd(t, "1").Convert("EURO", one)), ErrInvalid},
		{"Money.Convert negative rate", second(usd(t, "1").Convert("EUR", decimal.New(-1, 0))), ErrNegative},
	}
	for _, tc := range tests {
		var ve *ValueError
		switch {
		case !errors.Is(tc.err, tc.want):
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		case !errors.As(tc.err, &ve) || ve.Op == "":
			t.Errorf("%s: %v is not a *ValueError naming its operation", tc.name, tc.err)
		}
	}
	mismatches := map[string]error{
		"Money.Add":   second(usd(t, "1").Add(money(t, "1", "EUR"))),
		"Money.Sub":   second(usd(t, "1").Sub(money(t, "1", "EUR"))),
		"Money.Cmp":   second(usd(t, "1").Cmp(money(t, "1", "EUR"))),
		"Money.Ratio": second(usd(t, "1").Ratio(money(t, "1", "EUR"))),
		"Sum":         second(Sum(usd(t, "1"), money(t, "1", "EUR"))),
	}
	for name, err := range mismatches {
		var mm *MismatchError
		if !errors.Is(err, ErrCurrencyMismatch) || !errors.As(err, &mm) {
			t.Errorf("%s: %v is not a *MismatchError", name, err)
		}
	}
}

// Month.Add and Quarter.Add saturate at the ends of the range for any n;
// AddChecked says when they did.
func TestMonthAddNeverWraps(t *testing.T) {
	m := mustMonth(t, "2024-01")
	first, last := mustMonth(t, "0001-01"), mustMonth(t, "9999-12")
	for _, tc := range []struct {
		n    int
		want Month
		ok   bool
	}{
		{math.MaxInt, last, false},
		{math.MinInt, first, false},
		{math.MaxInt32, last, false},
		{math.MinInt32, first, false},
		{(9999-2024)*12 + 11, last, true},
		{(9999-2024)*12 + 12, last, false},
		{-(2024 - 1) * 12, first, true},
		{-(2024-1)*12 - 1, first, false},
		{0, m, true},
		{5, mustMonth(t, "2024-06"), true},
	} {
		if got := m.Add(tc.n); got != tc.want {
			t.Errorf("2024-01.Add(%d) = %s, want %s", tc.n, got, tc.want)
		}
		if got, ok := m.AddChecked(tc.n); got != tc.want || ok != tc.ok {
			t.Errorf("2024-01.AddChecked(%d) = %s, %v; want %s, %v", tc.n, got, ok, tc.want, tc.ok)
		}
	}
	if got, ok := last.AddChecked(1); got != last || ok {
		t.Errorf("9999-12.AddChecked(1) = %s, %v", got, ok)
	}
	if got, ok := first.AddChecked(-1); got != first || ok {
		t.Errorf("0001-01.AddChecked(-1) = %s, %v", got, ok)
	}
	if got := last.Add(math.MinInt); got != first {
		t.Errorf("9999-12.Add(MinInt) = %s", got)
	}
	if got := first.Add(math.MaxInt); got != last {
		t.Errorf("0001-01.Add(MaxInt) = %s", got)
	}

	q := m.Quarter()
	q1, q4 := mustQuarter(t, "0001-Q1"), mustQuarter(t, "9999-Q4")
	for _, tc := range []struct {
		n    int
		want Quarter
	}{
		{math.MaxInt, q4},
		{math.MinInt, q1},
		{math.MaxInt32, q4},
		{math.MinInt32, q1},
		{4, mustQuarter(t, "2025-Q1")},
		{-1, mustQuarter(t, "2023-Q4")},
		{0, q},
	} {
		if got := q.Add(tc.n); got != tc.want {
			t.Errorf("2024-Q1.Add(%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
	if got := q4.Add(math.MinInt); got != q1 {
		t.Errorf("9999-Q4.Add(MinInt) = %s", got)
	}
	if got := q1.Add(math.MaxInt); got != q4 {
		t.Errorf("0001-Q1.Add(MaxInt) = %s", got)
	}
}

// mustQuarter parses "YYYY-Qn" or fails the test.
func mustQuarter(t *testing.T, s string) Quarter {
	t.Helper()
	q, err := ParseQuarter(s)
	if err != nil {
		t.Fatalf("ParseQuarter(%q): %v", s, err)
	}
	return q
}

// FromSlice yields every item in order with a nil error, and stops when the
// consumer does.
func TestFromSlice(t *testing.T) {
	var got []int
	for v, err := range FromSlice([]int{3, 1, 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		if len(got) == 2 {
			break
		}
	}
	if len(got) != 2 || got[0] != 3 || got[1] != 1 {
		t.Fatalf("FromSlice gave %v, want [3 1] then stop", got)
	}
}
