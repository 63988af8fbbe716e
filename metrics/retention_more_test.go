package metrics

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Worked examples of the retention family, exact.
func TestRetentionMoreExamples(t *testing.T) {
	tests := []struct {
		name string
		got  func() (Ratio, error)
		want Ratio
	}{
		// Issue 2: 15 lost of 500 customers → logo churn 3%; a quarterly 3%
		// over a year (4 quarters) is 12% simple and 1 − 0.97^4 = 0.11470719
		// compounded (0.97² = 0.9409, 0.9409² = 0.88529281).
		{"logo churn 15 of 500", func() (Ratio, error) { return LogoChurnRate(Customers{Churned: 15, Start: 500}) }, pctR(t, "3")},
		{"simple 3% × 4", func() (Ratio, error) { return SimpleChurn(pctR(t, "3"), 4) }, pctR(t, "12")},
		{"compound 3% over 4", func() (Ratio, error) { return CompoundChurn(pctR(t, "3.00"), 4) }, pctR(t, "11.470719")},
		{"compound 3% over 4 (fraction)", func() (Ratio, error) { return CompoundChurn(rat(t, "0.03"), 4) }, rat(t, "0.11470719")},
		{"compound of the counted 15/500", func() (Ratio, error) { return CompoundChurn(revenueFrac(t, 15, 500), 4) }, rat(t, "0.11470719")},
		// The inverse recovers the quarterly 3% exactly (it has ≤ 12 decimals).
		{"per period of 11.470719% over 4", func() (Ratio, error) { return PerPeriodChurn(pctR(t, "11.470719"), 4) }, pctR(t, "3")},
		// 5% monthly is about 46% a year (the doc comment): 1 − 0.95^12 exactly.
		{"compound 5% over 12", func() (Ratio, error) { return CompoundChurn(pctR(t, "5"), 12) }, rat(t, "0.459639912337363037109375")},
		{"simple 10% × 12 exceeds 100%", func() (Ratio, error) { return SimpleChurn(pctR(t, "10"), 12) }, pctR(t, "120")},
		{"compound 0 stays 0", func() (Ratio, error) { return CompoundChurn(Ratio{}, 12) }, Ratio{}},
		{"compound 100% stays 100%", func() (Ratio, error) { return CompoundChurn(RatioFromInt(1), 3) }, pctR(t, "100")},
		// 10% a year as a monthly rate: 1 − 0.9^(1/12) = 0.0087416109546967…
		// (60 digits computed with Python's decimal module) → 12 places half-even.
		{"per period of 10% over 12", func() (Ratio, error) { return PerPeriodChurn(pctR(t, "10"), 12) }, rat(t, "0.008741610955")},
		{"per period of 0", func() (Ratio, error) { return PerPeriodChurn(Ratio{}, 12) }, Ratio{}},
		{"per period of 100%", func() (Ratio, error) { return PerPeriodChurn(pctR(t, "100"), 12) }, pctR(t, "100")},
		{"per period over 1 is the rate", func() (Ratio, error) { return PerPeriodChurn(pctR(t, "7.5"), 1) }, pctR(t, "7.5")},
		// ChartMogul, Metric: MRR Churn Rate
		// (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate):
		// $100 at the start, $10 churn, $10 contraction, $10 expansion →
		// gross MRR churn 20%, net MRR churn 10%.
		{"chartmogul gross", func() (Ratio, error) {
			return GrossMRRChurnRate(Movements{Start: usd(t, "100"), Contraction: usd(t, "10"), Churn: usd(t, "10.00")})
		}, pctR(t, "20")},
		{"chartmogul net", func() (Ratio, error) {
			return NetMRRChurnRate(Movements{Start: usd(t, "100"), Expansion: usd(t, "10"), Contraction: usd(t, "10"), Churn: usd(t, "10")})
		}, pctR(t, "10")},
		// Gains above losses: (20 − 30 − 5) ÷ 100 = −15%, net negative churn.
		{"net negative churn", func() (Ratio, error) {
			return NetMRRChurnRate(Movements{Start: usd(t, "100"), Expansion: usd(t, "30"), Reactivation: usd(t, "5"), Contraction: usd(t, "10"), Churn: usd(t, "10")})
		}, pctR(t, "-15")},
		{"gross all lost", func() (Ratio, error) {
			return GrossMRRChurnRate(Movements{Start: usd(t, "1.5"), Contraction: usd(t, "0.5"), Churn: usd(t, "1.00")})
		}, pctR(t, "100")},
		// 500 at the start, 505 at the end of whom 20 are new → 485 ÷ 500.
		{"customer retention", func() (Ratio, error) { return CustomerRetentionRate(Customers{Start: 500, End: 505, New: 20}) }, pctR(t, "97")},
		{"renewal 45 of 50", func() (Ratio, error) { return RenewalRate(45, 50) }, pctR(t, "90")},
		{"save 3 of 20", func() (Ratio, error) { return SaveRate(3, 20) }, pctR(t, "15")},
		{"save 0 of 7", func() (Ratio, error) { return SaveRate(0, 7) }, Ratio{}},
		// LostChurn's cancel flow: 35 saved of 100 attempts is 35%.
		{"cancel save 35 of 100", func() (Ratio, error) { return CancelSaveRate(35, 100) }, pctR(t, "35")},
		// 004: 30 of 120 eligible customers expanded in the year: 25%.
		{"customer expansion 30 of 120", func() (Ratio, error) { return CustomerExpansionRate(30, 120) }, pctR(t, "25")},
		{"expansion 10 of 100", func() (Ratio, error) {
			return ExpansionRate(Movements{Start: usd(t, "100"), Expansion: usd(t, "10.00")})
		}, pctR(t, "10")},
		{"expansion of zero Money", func() (Ratio, error) { return ExpansionRate(Movements{Start: usd(t, "100")}) }, Ratio{}},
	}
	for _, tc := range tests {
		got, err := tc.got()
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// The figure to the digit, as printed.
	if c, _ := CompoundChurn(pctR(t, "3"), 4); c.String() != "11.470719%" {
		t.Errorf("CompoundChurn(3%%, 4).String() = %q, want 11.470719%%", c.String())
	}
}

// Every exported function of retention.go, each invalid input.
func TestRetentionMoreErrors(t *testing.T) {
	one, two, neg, eur := usd(t, "1"), usd(t, "2"), usd(t, "-0.5"), whole(t, 1, "EUR")
	zeroScaled := money(t, "0.000", "USD")
	r3 := pctR(t, "3")
	checkErrCases(t, []namedErrCase{
		{"nrr negative start", second(NRR(Movements{Start: neg})), ErrNegative, "nrr", "start"},
		{"nrr negative expansion", second(NRR(Movements{Start: one, Expansion: neg})), ErrNegative, "nrr", "expansion"},
		{"nrr negative contraction", second(NRR(Movements{Start: one, Contraction: neg})), ErrNegative, "nrr", "contraction"},
		{"nrr negative churn", second(NRR(Movements{Start: one, Churn: neg})), ErrNegative, "nrr", "churn"},
		{"nrr currencies", second(NRR(Movements{Start: one, Expansion: eur})), ErrCurrencyMismatch, "nrr", "expansion"},
		{"nrr zero start", second(NRR(Movements{Start: zeroScaled})), ErrZeroDenominator, "nrr", "start"},
		{"nrr losses above start + expansion", second(NRR(Movements{Start: one, Expansion: one, Contraction: two, Churn: one})), ErrOutOfRange, "nrr", "churn"},

		{"grr negative start", second(GRR(Movements{Start: neg})), ErrNegative, "grr", "start"},
		{"grr negative contraction", second(GRR(Movements{Start: one, Contraction: neg})), ErrNegative, "grr", "contraction"},
		{"grr negative churn", second(GRR(Movements{Start: one, Churn: neg})), ErrNegative, "grr", "churn"},
		{"grr currencies", second(GRR(Movements{Start: eur, Contraction: one})), ErrCurrencyMismatch, "grr", "contraction"},
		{"grr zero start", second(GRR(Movements{})), ErrZeroDenominator, "grr", "start"},
		{"grr losses above start", second(GRR(Movements{Start: one, Contraction: one, Churn: one})), ErrOutOfRange, "grr", "churn"},

		{"logo churn negative lost", second(LogoChurnRate(Customers{Churned: -1, Start: 5})), ErrNegative, "logo_churn_rate", "churned"},
		{"logo churn negative start", second(LogoChurnRate(Customers{Start: -5})), ErrNegative, "logo_churn_rate", "start"},
		{"logo churn zero start", second(LogoChurnRate(Customers{})), ErrZeroDenominator, "logo_churn_rate", "start"},
		{"logo churn lost above start", second(LogoChurnRate(Customers{Churned: 6, Start: 5})), ErrOutOfRange, "logo_churn_rate", "churned"},

		{"gross negative start", second(GrossMRRChurnRate(Movements{Start: neg})), ErrNegative, "gross_mrr_churn_rate", "start"},
		{"gross negative contraction", second(GrossMRRChurnRate(Movements{Start: one, Contraction: neg})), ErrNegative, "gross_mrr_churn_rate", "contraction"},
		{"gross negative churn", second(GrossMRRChurnRate(Movements{Start: one, Churn: neg})), ErrNegative, "gross_mrr_churn_rate", "churn"},
		{"gross currencies", second(GrossMRRChurnRate(Movements{Start: one, Churn: eur})), ErrCurrencyMismatch, "gross_mrr_churn_rate", "churn"},
		{"gross zero start", second(GrossMRRChurnRate(Movements{Start: zeroScaled})), ErrZeroDenominator, "gross_mrr_churn_rate", "start"},
		{"gross zero start with losses", second(GrossMRRChurnRate(Movements{Contraction: one})), ErrZeroDenominator, "gross_mrr_churn_rate", "start"},
		{"gross losses above start", second(GrossMRRChurnRate(Movements{Start: one, Contraction: one, Churn: usd(t, "0.01")})), ErrOutOfRange, "gross_mrr_churn_rate", "churn"},

		{"net negative start", second(NetMRRChurnRate(Movements{Start: neg})), ErrNegative, "net_mrr_churn_rate", "start"},
		{"net negative expansion", second(NetMRRChurnRate(Movements{Start: one, Expansion: neg})), ErrNegative, "net_mrr_churn_rate", "expansion"},
		{"net negative reactivation", second(NetMRRChurnRate(Movements{Start: one, Reactivation: neg})), ErrNegative, "net_mrr_churn_rate", "reactivation"},
		{"net negative contraction", second(NetMRRChurnRate(Movements{Start: one, Contraction: neg})), ErrNegative, "net_mrr_churn_rate", "contraction"},
		{"net negative churn", second(NetMRRChurnRate(Movements{Start: one, Churn: neg})), ErrNegative, "net_mrr_churn_rate", "churn"},
		{"net currencies", second(NetMRRChurnRate(Movements{Start: one, Reactivation: eur})), ErrCurrencyMismatch, "net_mrr_churn_rate", "reactivation"},
		{"net zero start", second(NetMRRChurnRate(Movements{Expansion: one})), ErrZeroDenominator, "net_mrr_churn_rate", "start"},
		{"net losses above start", second(NetMRRChurnRate(Movements{Start: one, Expansion: two, Contraction: one, Churn: one})), ErrOutOfRange, "net_mrr_churn_rate", "churn"},

		{"crr negative start", second(CustomerRetentionRate(Customers{Start: -1})), ErrNegative, "customer_retention_rate", "start"},
		{"crr negative end", second(CustomerRetentionRate(Customers{Start: 1, End: -1})), ErrNegative, "customer_retention_rate", "end"},
		{"crr negative new", second(CustomerRetentionRate(Customers{Start: 1, End: 1, New: -1})), ErrNegative, "customer_retention_rate", "new"},
		{"crr zero start", second(CustomerRetentionRate(Customers{})), ErrZeroDenominator, "customer_retention_rate", "start"},
		{"crr new above end", second(CustomerRetentionRate(Customers{Start: 10, End: 3, New: 4})), ErrOutOfRange, "customer_retention_rate", "new"},
		{"crr retained above start", second(CustomerRetentionRate(Customers{Start: 10, End: 12, New: 1})), ErrOutOfRange, "customer_retention_rate", "end"},

		{"renewal negative renewed", second(RenewalRate(-1, 1)), ErrNegative, "renewal_rate", "renewed"},
		{"renewal negative due", second(RenewalRate(0, -1)), ErrNegative, "renewal_rate", "due"},
		{"renewal zero due", second(RenewalRate(0, 0)), ErrZeroDenominator, "renewal_rate", "due"},
		{"renewal renewed above due", second(RenewalRate(2, 1)), ErrOutOfRange, "renewal_rate", "renewed"},

		{"save negative retained", second(SaveRate(-1, 1)), ErrNegative, "save_rate", "retained"},
		{"save negative at risk", second(SaveRate(0, -1)), ErrNegative, "save_rate", "atRisk"},
		{"save no one at risk", second(SaveRate(0, 0)), ErrZeroDenominator, "save_rate", "atRisk"},
		{"save retained above at risk", second(SaveRate(3, 2)), ErrOutOfRange, "save_rate", "retained"},
		{"cancel save negative saved", second(CancelSaveRate(-1, 1)), ErrNegative, "cancel_save_rate", "saved"},
		{"cancel save negative attempts", second(CancelSaveRate(0, -1)), ErrNegative, "cancel_save_rate", "attempts"},
		{"cancel save zero attempts", second(CancelSaveRate(0, 0)), ErrZeroDenominator, "cancel_save_rate", "attempts"},
		{"cancel save saved above attempts", second(CancelSaveRate(3, 2)), ErrOutOfRange, "cancel_save_rate", "saved"},
		{"customer expansion negative expanded", second(CustomerExpansionRate(-1, 1)), ErrNegative, "customer_expansion_rate", "expanded"},
		{"customer expansion negative eligible", second(CustomerExpansionRate(0, -1)), ErrNegative, "customer_expansion_rate", "eligible"},
		{"customer expansion none eligible", second(CustomerExpansionRate(0, 0)), ErrZeroDenominator, "customer_expansion_rate", "eligible"},
		{"customer expansion above eligible", second(CustomerExpansionRate(5, 4)), ErrOutOfRange, "customer_expansion_rate", "expanded"},

		{"expansion negative start", second(ExpansionRate(Movements{Start: neg, Expansion: one})), ErrNegative, "expansion_rate", "start"},
		{"expansion negative expansion", second(ExpansionRate(Movements{Start: one, Expansion: neg})), ErrNegative, "expansion_rate", "expansion"},
		{"expansion currencies", second(ExpansionRate(Movements{Start: one, Expansion: eur})), ErrCurrencyMismatch, "expansion_rate", "expansion"},
		{"expansion zero start", second(ExpansionRate(Movements{Start: zeroScaled, Expansion: one})), ErrZeroDenominator, "expansion_rate", "start"},

		{"simple negative rate", second(SimpleChurn(pctR(t, "-0.1"), 4)), ErrOutOfRange, "simple_churn", "rate"},
		{"simple rate above 1", second(SimpleChurn(pctR(t, "100.1"), 4)), ErrOutOfRange, "simple_churn", "rate"},
		{"simple 0 periods", second(SimpleChurn(r3, 0)), ErrOutOfRange, "simple_churn", "periods"},
		{"simple negative periods", second(SimpleChurn(r3, -4)), ErrOutOfRange, "simple_churn", "periods"},

		{"compound negative rate", second(CompoundChurn(pctR(t, "-3"), 4)), ErrOutOfRange, "compound_churn", "rate"},
		{"compound rate above 1", second(CompoundChurn(RatioFromInt(2), 4)), ErrOutOfRange, "compound_churn", "rate"},
		{"compound 0 periods", second(CompoundChurn(r3, 0)), ErrOutOfRange, "compound_churn", "periods"},
		{"compound negative periods", second(CompoundChurn(r3, -1)), ErrOutOfRange, "compound_churn", "periods"},
		// 0.97 adds about 16 bits per period to the exact power: 20,000
		// periods is over the 2^18-bit bound.
		{"compound result too large", second(CompoundChurn(r3, 20000)), ErrOutOfRange, "compound_churn", "periods"},

		{"per period negative rate", second(PerPeriodChurn(pctR(t, "-3"), 12)), ErrOutOfRange, "per_period_churn", "rate"},
		{"per period rate above 1", second(PerPeriodChurn(pctR(t, "101"), 12)), ErrOutOfRange, "per_period_churn", "rate"},
		{"per period 0 periods", second(PerPeriodChurn(r3, 0)), ErrOutOfRange, "per_period_churn", "periods"},
		{"per period negative periods", second(PerPeriodChurn(r3, -12)), ErrOutOfRange, "per_period_churn", "periods"},
		// Hourly from annual (8,760 periods) is beyond the documented ~1,300.
		{"per period too many periods", second(PerPeriodChurn(r3, 8760)), ErrOutOfRange, "per_period_churn", "periods"},
	})
}

// Root names the degree when it exceeds the bound (it named x before; this
// regression test lives here because root_test.go is not this file's owner's).
func TestRetentionRootDegreeError(t *testing.T) {
	checkValueError(t, "root degree too large", second(Context{}.Root(d(t, "2"), rootMaxN+1)), ErrOutOfRange, "Context.Root", "n")
	checkValueError(t, "root too many digits", second(Context{}.Root(d(t, "2"), 2000)), ErrOutOfRange, "Context.Root", "x")
}

// genCounts draws start ≥ 1 and 0 ≤ lost ≤ start.
func genCounts(t *rapid.T) (lost, start int64) {
	start = rapid.Int64Range(1, 1e9).Draw(t, "start")
	lost = rapid.Int64Range(0, start).Draw(t, "lost")
	return lost, start
}

// Logo churn: 0 ≤ churn ≤ 1; churn + (start − lost) ÷ start = 1 exactly;
// customer retention with no new customers = 1 − churn.
func TestRetentionLogoChurnProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lost, start := genCounts(t)
		churn, err := LogoChurnRate(Customers{Churned: lost, Start: start})
		if err != nil {
			t.Fatal(err)
		}
		if churn.Sign() < 0 || churn.cmpDecimal(decimal.New(1, 0)) > 0 {
			t.Fatalf("logo churn %v outside [0, 1]", churn)
		}
		kept, err := NewRatio(start-lost, start)
		if err != nil {
			t.Fatal(err)
		}
		if sum := churn.Add(kept); !sum.Equal(RatioFromInt(1)) {
			t.Fatalf("churn %v + kept %v = %v, want 1", churn, kept, sum)
		}
		crr, err := CustomerRetentionRate(Customers{Start: start, End: start - lost})
		if err != nil {
			t.Fatal(err)
		}
		if !crr.Equal(RatioFromInt(1).Sub(churn)) {
			t.Fatalf("retention %v ≠ 1 − churn %v", crr, churn)
		}
		// New customers do not change retention of the starting base.
		newC := rapid.Int64Range(0, 1e9).Draw(t, "new")
		crr2, err := CustomerRetentionRate(Customers{Start: start, End: start - lost + newC, New: newC})
		if err != nil || !crr2.Equal(crr) {
			t.Fatalf("retention with %d new = %v, %v; want %v", newC, crr2, err, crr)
		}
	})
}

// genRate draws a rate in [0, 1] as an exact fraction k/den.
func genRate(t *rapid.T) Ratio {
	den := rapid.Int64Range(1, 1000).Draw(t, "den")
	k := rapid.Int64Range(0, den).Draw(t, "k")
	r, err := NewRatio(k, den)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Compounded churn lies in [0, 1] and never above simple churn (Bernoulli's
// inequality (1 − r)^n ≥ 1 − n·r); the two agree over one period.
func TestRetentionCompoundBelowSimple(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRate(t)
		n := rapid.Int64Range(1, 24).Draw(t, "n")
		c, err1 := CompoundChurn(r, n)
		s, err2 := SimpleChurn(r, n)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if c.Cmp(s) > 0 {
			t.Fatalf("compound %v > simple %v for %v over %d", c, s, r, n)
		}
		if c.Sign() < 0 || c.cmpDecimal(decimal.New(1, 0)) > 0 {
			t.Fatalf("compound %v outside [0, 1]", c)
		}
		if !s.Equal(r.MulInt(n)) {
			t.Fatalf("simple %v ≠ %v × %d", s, r, n)
		}
		if c1, err := CompoundChurn(r, 1); err != nil || !c1.Equal(r) {
			t.Fatalf("compound over 1 period = %v, %v; want %v", c1, err, r)
		}
	})
}

// Annual ↔ monthly conversion round-trips within the stated precision.
//
// Let f(p) = 1 − (1 − p)^n (CompoundChurn) and h = ½·10^-12. PerPeriodChurn
// returns p, the exact root p* rounded once to 12 places, so |p − p*| ≤ h and
// p ∈ [0, 1] (0 and 1 are representable). Since f is increasing on [0, 1]
// this is checked as f(max(p − h, 0)) ≤ a ≤ f(min(p + h, 1)). And since
// |f′(x)| = n(1 − x)^(n−1) ≤ n on [0, 1], the mean value theorem bounds the
// round trip: |f(p) − a| ≤ n·h. Both are asserted with exact arithmetic.
// Conversely a per-period rate m with at most 12 decimals returns exactly.
func TestRetentionConversionRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.Int64Range(1, 12).Draw(t, "periods")
		a := ratDec(t, decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "annual"), -6))
		p, err := PerPeriodChurn(a, n)
		if err != nil {
			t.Fatal(err)
		}
		pd := p.Decimal(Context{})
		if !ratDec(t, pd).Equal(p) || pd.Exponent() < -DefaultScale {
			t.Fatalf("PerPeriodChurn(%v, %d) = %v has more than 12 places", a, n, p)
		}
		one := RatioFromInt(1)
		if p.Sign() < 0 || p.Cmp(one) > 0 {
			t.Fatalf("PerPeriodChurn(%v, %d) = %v outside [0, 1]", a, n, p)
		}
		h := ratDec(t, decimal.New(5, -13))
		lo, hi := p.Sub(h), p.Add(h)
		if lo.Sign() < 0 {
			lo = Ratio{}
		}
		if hi.Cmp(one) > 0 {
			hi = one
		}
		flo, err1 := CompoundChurn(lo, n)
		fhi, err2 := CompoundChurn(hi, n)
		fp, err3 := CompoundChurn(p, n)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		if flo.Cmp(a) > 0 || fhi.Cmp(a) < 0 {
			t.Fatalf("PerPeriodChurn(%v, %d) = %v is not within ½·10^-12 of the exact rate", a, n, p)
		}
		diff := fp.Sub(a)
		if diff.Sign() < 0 {
			diff = diff.Neg()
		}
		if diff.Cmp(h.MulInt(n)) > 0 {
			t.Fatalf("CompoundChurn(PerPeriodChurn(%v, %d)) = %v, off by %v > n·h", a, n, fp, diff)
		}

		m := ratDec(t, decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "monthly"), -12))
		c, err := CompoundChurn(m, n)
		if err != nil {
			t.Fatal(err)
		}
		back, err := PerPeriodChurn(c, n)
		if err != nil || !back.Equal(m) {
			t.Fatalf("PerPeriodChurn(CompoundChurn(%v, %d)) = %v, %v; want %v exactly", m, n, back, err, m)
		}
	})
}

// Revenue churn identities for a generated period: gross MRR churn = 1 − GRR;
// net MRR churn = gross − (expansion + reactivation) ÷ start; 1 − net churn =
// NRR + reactivation ÷ start; expansion rate = NRR − GRR.
func TestRetentionMRRChurnIdentities(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := genPositiveMoney(t, "start")
		contr := usdDec(t, start.Amount().Mul(decimal.New(rapid.Int64Range(0, 100).Draw(t, "contr%"), -2)))
		churn := usdDec(t, start.Amount().Sub(contr.Amount()).Mul(decimal.New(rapid.Int64Range(0, 100).Draw(t, "churn%"), -2)))
		exp, react := genMoney(t, "expansion"), genMoney(t, "reactivation")
		gross, err1 := GrossMRRChurnRate(Movements{Start: start, Contraction: contr, Churn: churn})
		net, err2 := NetMRRChurnRate(Movements{Start: start, Expansion: exp, Reactivation: react, Contraction: contr, Churn: churn})
		grr, err3 := GRR(Movements{Start: start, Contraction: contr, Churn: churn})
		nrr, err4 := NRR(Movements{Start: start, Expansion: exp, Contraction: contr, Churn: churn})
		expRate, err5 := ExpansionRate(Movements{Start: start, Expansion: exp})
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
			t.Fatal(err)
		}
		one := RatioFromInt(1)
		if !gross.Equal(one.Sub(grr)) {
			t.Fatalf("gross %v ≠ 1 − GRR %v", gross, grr)
		}
		if gross.Sign() < 0 || gross.Cmp(one) > 0 {
			t.Fatalf("gross %v outside [0, 1]", gross)
		}
		gains, err := RatioOf(exp.Amount().Add(react.Amount()), start.Amount())
		if err != nil {
			t.Fatal(err)
		}
		if !net.Equal(gross.Sub(gains)) {
			t.Fatalf("net %v ≠ gross %v − gains %v", net, gross, gains)
		}
		reactShare, err := RatioOf(react.Amount(), start.Amount())
		if err != nil {
			t.Fatal(err)
		}
		if !one.Sub(net).Equal(nrr.Add(reactShare)) {
			t.Fatalf("1 − net %v ≠ NRR %v + reactivation share %v", net, nrr, reactShare)
		}
		if !expRate.Equal(nrr.Sub(grr)) {
			t.Fatalf("expansion rate %v ≠ NRR − GRR", expRate)
		}
	})
}

// retentionExportedFuncs returns the exported top-level functions declared
// in file.
func retentionExportedFuncs(t *testing.T, file string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, decl := range f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.IsExported() {
			names = append(names, fn.Name.Name)
		}
	}
	return names
}

// Every Definition of the revenue and retention families passes validate(),
// has a unique ID, and names an exported function of its family's file; every
// exported function of those files has a Definition.
func TestRevenueRetentionDefinitions(t *testing.T) {
	for _, fam := range []struct {
		file string
		defs []Definition
	}{{"revenue.go", revenueDefinitions()}, {"retention.go", retentionDefinitions()}} {
		funcs := map[string]bool{}
		for _, name := range retentionExportedFuncs(t, fam.file) {
			funcs["metrics."+name] = false
		}
		if len(funcs) == 0 {
			t.Fatalf("%s: no exported functions found", fam.file)
		}
		ids := map[string]bool{}
		for _, def := range fam.defs {
			if err := def.Validate(); err != nil {
				t.Errorf("%s: %v", fam.file, err)
			}
			if ids[def.ID] {
				t.Errorf("%s: duplicate ID %q", fam.file, def.ID)
			}
			ids[def.ID] = true
			if _, ok := funcs[def.Func]; !ok {
				t.Errorf("%s: definition %q names %s, not an exported function of the file", fam.file, def.ID, def.Func)
			}
			funcs[def.Func] = true
		}
		for fn, covered := range funcs {
			if !covered {
				t.Errorf("%s: %s has no Definition", fam.file, fn)
			}
		}
	}
	dict := dictionary(t)
	for _, id := range []string{"mrr", "arr", "cmgr", "logo_churn_rate", "compound_churn", "per_period_churn", "net_mrr_churn_rate"} {
		if _, ok := dict.Lookup(id); !ok {
			t.Errorf("dictionary lacks %q", id)
		}
	}
}
