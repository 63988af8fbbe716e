package metrics

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Issue 2's worked examples for the revenue and retention families, exact.
func TestRevenueRetentionWorkedExamples(t *testing.T) {
	eq := func(name string, got Ratio, err error, want Ratio) {
		t.Helper()
		if err != nil || !got.Equal(want) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
	// ACV 35K → 42K is 20% growth.
	g, err := ACVGrowth(Periods{Previous: usd(t, "35000"), Current: usd(t, "42000.00")})
	eq("ACV growth", g, err, pctR(t, "20"))

	// 10 customers × ARPA 10 = MRR 100; ARR = 12 × MRR.
	mrr, err := MRRFromARPA(10, usd(t, "10"))
	if err != nil || !mrr.Equal(usd(t, "100")) {
		t.Errorf("MRR = %v, %v; want 100", mrr, err)
	}
	if arr, err := ARR(mrr); err != nil || !arr.Equal(usd(t, "1200")) {
		t.Errorf("ARR = %v, %v; want 1200", arr, err)
	}
	if sum, err := MRRSum(usd(t, "40"), usd(t, "60.00"), Money{}); err != nil || !sum.Equal(mrr) {
		t.Errorf("MRRSum = %v, %v; want 100", sum, err)
	}

	// 15 lost of 500 customers is 3% logo churn; as a quarterly rate over
	// 4 quarters: simple 12%, compounded 1 − 0.97^4 = 0.11470719 exactly.
	churn, err := LogoChurnRate(Customers{Churned: 15, Start: 500})
	eq("logo churn", churn, err, pctR(t, "3"))
	simple, err := SimpleChurn(churn, 4)
	eq("simple annual", simple, err, pctR(t, "12"))
	compound, err := CompoundChurn(churn, 4)
	eq("compound annual", compound, err, pctR(t, "11.470719"))
	if s := compound.StringPercent(Places(6)); s != "11.470719%" {
		t.Errorf("compound annual prints %q", s)
	}
	back, err := PerPeriodChurn(compound, 4)
	eq("per-period from compound", back, err, pctR(t, "3"))

	// ChartMogul, "Metric: MRR Churn Rate" (help.chartmogul.com/hc/en-us/
	// articles/203359341): $100 MRR at the start, $10 churn, $10 contraction,
	// one customer expanding by $10 → gross MRR churn 20%, net MRR churn 10%.
	gross, err := GrossMRRChurnRate(Movements{Start: usd(t, "100"), Contraction: usd(t, "10"), Churn: usd(t, "10")})
	eq("gross MRR churn", gross, err, pctR(t, "20"))
	net, err := NetMRRChurnRate(Movements{Start: usd(t, "100"), Expansion: usd(t, "10"), Contraction: usd(t, "10"), Churn: usd(t, "10")})
	eq("net MRR churn", net, err, pctR(t, "10"))

	// Customer retention rate ((end − new) ÷ start): 100 at the start, 20 new,
	// 110 at the end → 90%.
	crr, err := CustomerRetentionRate(Customers{Start: 100, End: 110, New: 20})
	eq("customer retention", crr, err, pctR(t, "90"))
}

func TestRevenueRetentionErrors(t *testing.T) {
	eur := whole(t, 1, "EUR")
	checkMetricErrors(t, []errCase{
		{"growth from zero", second(GrowthRate(Periods{Current: usd(t, "1")})), ErrZeroDenominator},
		{"growth negative", second(GrowthRate(Periods{Previous: usd(t, "-1"), Current: usd(t, "1")})), ErrNegative},
		{"growth currencies", second(GrowthRate(Periods{Previous: usd(t, "1"), Current: eur})), ErrCurrencyMismatch},
		{"cmgr zero start", second(CMGR(Periods{Current: usd(t, "1")}, 3)), ErrZeroDenominator},
		{"cmgr zero months", second(CMGR(Periods{Previous: usd(t, "1"), Current: usd(t, "2")}, 0)), ErrOutOfRange},
		{"arpa no customers", second(ARPA(usd(t, "10"), 0)), ErrZeroDenominator},
		{"arpa negative customers", second(ARPA(usd(t, "10"), -1)), ErrNegative},
		{"arpu no users", second(ARPU(usd(t, "10"), 0)), ErrZeroDenominator},
		{"acv zero years", second(ACV(usd(t, "10"), decimal.Decimal{})), ErrZeroDenominator},
		{"mrr from arpa negative", second(MRRFromARPA(-1, usd(t, "1"))), ErrNegative},
		{"mrr sum currencies", second(MRRSum(usd(t, "1"), eur)), ErrCurrencyMismatch},
		{"logo churn no start", second(LogoChurnRate(Customers{})), ErrZeroDenominator},
		{"logo churn lost > start", second(LogoChurnRate(Customers{Churned: 6, Start: 5})), ErrOutOfRange},
		{"logo churn negative", second(LogoChurnRate(Customers{Churned: -1, Start: 5})), ErrNegative},
		{"gross churn zero start", second(GrossMRRChurnRate(Movements{})), ErrZeroDenominator},
		{"net churn zero start", second(NetMRRChurnRate(Movements{})), ErrZeroDenominator},
		{"retention zero start", second(CustomerRetentionRate(Customers{End: 5, New: 5})), ErrZeroDenominator},
		{"renewal none due", second(RenewalRate(0, 0)), ErrZeroDenominator},
		{"save none attempted", second(SaveRate(0, 0)), ErrZeroDenominator},
		{"expansion zero start", second(ExpansionRate(Movements{Expansion: usd(t, "1")})), ErrZeroDenominator},
		{"simple churn above 1", second(SimpleChurn(pctR(t, "101"), 4)), ErrOutOfRange},
		{"compound churn zero periods", second(CompoundChurn(pctR(t, "3"), 0)), ErrOutOfRange},
		{"per-period negative", second(PerPeriodChurn(pctR(t, "-1"), 12)), ErrOutOfRange},
	})
}

// Churn and retention identities, conversion bounds and round trips.
func TestChurnConversionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := rapid.Int64Range(1, 1_000_000).Draw(t, "start")
		lost := rapid.Int64Range(0, start).Draw(t, "lost")
		churn, err := LogoChurnRate(Customers{Churned: lost, Start: start})
		if err != nil {
			t.Fatal(err)
		}
		if churn.Sign() < 0 || churn.cmpDecimal(decimal.New(1, 0)) > 0 {
			t.Fatalf("churn %v outside [0, 1]", churn)
		}
		kept, err := NewRatio(start-lost, start)
		if err != nil {
			t.Fatal(err)
		}
		if !churn.Add(kept).Equal(RatioFromInt(1)) {
			t.Fatalf("churn + retained share = %v", churn.Add(kept))
		}
		crr, err := CustomerRetentionRate(Customers{Start: start, End: start - lost})
		if err != nil || !crr.Equal(RatioFromInt(1).Sub(churn)) {
			t.Fatalf("retention with no new customers %v ≠ 1 − churn %v (%v)", crr, churn, err)
		}

		// A monthly rate with at most 6 decimals: compounding never exceeds the
		// simple figure, and the inverse recovers it exactly (PerPeriodChurn
		// rounds once to 12 places, and the rate has fewer).
		m := ratDec(t, decimal.New(rapid.Int64Range(0, 1_000_000).Draw(t, "m"), -6))
		n := rapid.Int64Range(1, 24).Draw(t, "n")
		simple, err1 := SimpleChurn(m, n)
		compound, err2 := CompoundChurn(m, n)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if compound.Cmp(simple) > 0 {
			t.Fatalf("compound %v > simple %v", compound, simple)
		}
		back, err := PerPeriodChurn(compound, n)
		if err != nil || !back.Equal(m) {
			t.Fatalf("PerPeriodChurn(CompoundChurn(%v, %d)) = %v (%v)", m, n, back, err)
		}
	})
}

// Growth inverts exactly, and ARR is exactly 12 × MRR.
func TestGrowthAndARRProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		prev := usdDec(t, genAmount(t, "prev").Add(decimal.New(1, -2)))
		cur := usdDec(t, genAmount(t, "cur"))
		g, err := GrowthRate(Periods{Previous: prev, Current: cur})
		if err != nil {
			t.Fatal(err)
		}
		// previous × (1 + g) = current, as exact fractions.
		p, _ := prev.Ratio(usdDec(t, decimal.New(1, 0)))
		c, _ := cur.Ratio(usdDec(t, decimal.New(1, 0)))
		if !p.Mul(RatioFromInt(1).Add(g)).Equal(c) {
			t.Fatalf("%v × (1 + %v) ≠ %v", prev, g, cur)
		}
		arr, err := ARR(cur)
		if err != nil || !arr.Equal(cur.MulInt(12)) {
			t.Fatalf("ARR(%v) = %v (%v)", cur, arr, err)
		}
	})
}
