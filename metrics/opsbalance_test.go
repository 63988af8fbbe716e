package metrics

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestBalanceSheetExamples(t *testing.T) {
	eq := func(name string, got Ratio, err error, want string) {
		t.Helper()
		if err != nil || !got.Equal(rat(t, want)) {
			t.Errorf("%s = %v, %v; want %s", name, got, err, want)
		}
	}
	// Current assets 300K over liabilities 200K: 1.5x (the healthy band's floor).
	cr, err := CurrentRatio(BalanceSheet{CurrentAssets: usd(t, "300000"), CurrentLiabilities: usd(t, "200000.00")})
	eq("current ratio", cr, err, "1.5")
	def, _ := dictionary(t).Lookup("current_ratio")
	if b, err := def.Classify(cr); err != nil || b.Status != StatusGreen {
		t.Errorf("1.5x classified %v, %v", b, err)
	}
	at, err := AcidTestRatio(BalanceSheet{Cash: usd(t, "50000"), MarketableSecurities: usd(t, "25000"), CurrentLiabilities: usd(t, "100000")})
	eq("acid test", at, err, "0.75")
	de, err := DebtToEquity(BalanceSheet{TotalDebt: usd(t, "40"), Equity: usd(t, "160")})
	eq("debt to equity", de, err, "0.25")
	er, err := EquityRatio(BalanceSheet{Equity: usd(t, "-50"), TotalAssets: usd(t, "200")})
	eq("equity ratio (deficit)", er, err, "-0.25")
	ic, err := InterestCoverage(Income{EBIT: usd(t, "90"), InterestExpense: usd(t, "20")})
	eq("interest coverage", ic, err, "4.5")
}

func TestContextExamples(t *testing.T) {
	c, err := ChangeMoney(Periods{Previous: usd(t, "80"), Current: usd(t, "100")})
	if err != nil || !c.Absolute.Equal(usd(t, "20")) || !c.Relative.Equal(pctR(t, "25")) {
		t.Errorf("change 80 → 100 = %+v, %v", c, err)
	}
	// From a loss of 50 to a loss of 25: an improvement reads +50%.
	c, err = ChangeMoney(Periods{Previous: usd(t, "-50"), Current: usd(t, "-25")})
	if err != nil || !c.Relative.Equal(pctR(t, "50")) {
		t.Errorf("change −50 → −25 = %+v, %v", c, err)
	}
	// Points of change between two ratios (change_points): current − previous.
	if p := pctR(t, "107").Sub(pctR(t, "104")); !p.Equal(pctR(t, "3")) {
		t.Errorf("104%% → 107%% = %v points", p)
	}
	a, err := Attainment(Goal{Actual: usd(t, "15000000"), Target: usd(t, "20000000")})
	if err != nil || !a.Equal(pctR(t, "75")) {
		t.Errorf("attainment = %v, %v", a, err)
	}
	// Issue 2: capacity 15M against a 20M target leaves a 5M gap.
	g, err := GapToTarget(Goal{Target: usd(t, "20000000"), Actual: usd(t, "15000000")})
	if err != nil || !g.Equal(usd(t, "5000000")) {
		t.Errorf("gap = %v, %v", g, err)
	}
	vals := []Money{usd(t, "100"), usd(t, "110"), usd(t, "120"), usd(t, "130"), usd(t, "160")}
	avg, err := TrailingAverage(vals, 3)
	if err != nil || !avg.Equal(usd(t, "136.666666666667")) {
		t.Errorf("trailing average = %v, %v", avg, err)
	}
	diff, err := DiffFromTrailingAverage(vals, 3)
	if err != nil || !diff.Equal(usd(t, "40")) { // 160 − (110+120+130)/3
		t.Errorf("diff from trailing = %v, %v", diff, err)
	}
}

func TestCSOpsExamples(t *testing.T) {
	apc, err := AccountsPerCSM(120, 8)
	if err != nil || !apc.Equal(rat(t, "15")) {
		t.Errorf("accounts per CSM = %v, %v", apc, err)
	}
	arr, err := ARRPerCSM(usd(t, "6000000"), 3)
	if err != nil || !arr.Equal(usd(t, "2000000")) {
		t.Errorf("ARR per CSM = %v, %v", arr, err)
	}
	hrs, err := FirstResponseTimeHours([]time.Duration{30 * time.Minute, 2 * time.Hour, 90 * time.Minute})
	if err != nil || !hrs.Equal(qty(t, "1.333333333333", UnitHours)) {
		t.Errorf("first response = %v, %v", hrs, err)
	}
	res, err := ResolutionTimeHours([]time.Duration{24 * time.Hour, 48 * time.Hour})
	if err != nil || !res.Equal(qty(t, "36", UnitHours)) {
		t.Errorf("resolution = %v, %v", res, err)
	}
}

func TestOpsBalanceContextErrors(t *testing.T) {
	eur := whole(t, 1, "EUR")
	checkMetricErrors(t, []errCase{
		{"current ratio zero liabilities", second(CurrentRatio(BalanceSheet{CurrentAssets: usd(t, "1")})), ErrZeroDenominator},
		{"current ratio negative", second(CurrentRatio(BalanceSheet{CurrentAssets: usd(t, "-1"), CurrentLiabilities: usd(t, "1")})), ErrNegative},
		{"acid test currencies", second(AcidTestRatio(BalanceSheet{Cash: usd(t, "1"), MarketableSecurities: eur, CurrentLiabilities: usd(t, "1")})), ErrCurrencyMismatch},
		{"debt to equity deficit", second(DebtToEquity(BalanceSheet{TotalDebt: usd(t, "1"), Equity: usd(t, "-1")})), ErrOutOfRange},
		{"debt to equity zero equity", second(DebtToEquity(BalanceSheet{TotalDebt: usd(t, "1")})), ErrZeroDenominator},
		{"equity ratio zero assets", second(EquityRatio(BalanceSheet{Equity: usd(t, "1")})), ErrZeroDenominator},
		{"equity ratio currencies", second(EquityRatio(BalanceSheet{Equity: eur, TotalAssets: usd(t, "1")})), ErrCurrencyMismatch},
		{"interest coverage zero", second(InterestCoverage(Income{EBIT: usd(t, "1")})), ErrZeroDenominator},
		{"interest coverage negative expense", second(InterestCoverage(Income{EBIT: usd(t, "1"), InterestExpense: usd(t, "-1")})), ErrNegative},
		{"change from zero", second(ChangeMoney(Periods{Current: usd(t, "1")})), ErrZeroDenominator},
		{"change currencies", second(ChangeMoney(Periods{Previous: usd(t, "1"), Current: eur})), ErrCurrencyMismatch},
		{"attainment zero target", second(Attainment(Goal{Actual: usd(t, "1")})), ErrZeroDenominator},
		{"gap negative", second(GapToTarget(Goal{Target: usd(t, "-1")})), ErrNegative},
		{"trailing n < 1", second(TrailingAverage([]Money{usd(t, "1")}, 0)), ErrOutOfRange},
		{"trailing too few", second(TrailingAverage([]Money{usd(t, "1")}, 2)), ErrEmpty},
		{"trailing currencies", second(TrailingAverage([]Money{usd(t, "1"), eur}, 2)), ErrCurrencyMismatch},
		{"diff too few", second(DiffFromTrailingAverage([]Money{usd(t, "1"), usd(t, "2")}, 2)), ErrEmpty},
		{"diff n < 1", second(DiffFromTrailingAverage([]Money{usd(t, "1"), usd(t, "2")}, 0)), ErrOutOfRange},
		{"accounts per csm zero", second(AccountsPerCSM(3, 0)), ErrZeroDenominator},
		{"accounts per csm negative", second(AccountsPerCSM(-3, 1)), ErrNegative},
		{"arr per csm zero", second(ARRPerCSM(usd(t, "1"), 0)), ErrZeroDenominator},
		{"expansion per csm negative", second(ExpansionPerCSM(usd(t, "-1"), 1)), ErrNegative},
		{"proactive above total", second(ProactiveTimeShare(d(t, "5"), d(t, "4"))), ErrOutOfRange},
		{"proactive zero total", second(ProactiveTimeShare(decimal.Decimal{}, decimal.Decimal{})), ErrZeroDenominator},
		{"proactive negative", second(ProactiveTimeShare(d(t, "-1"), d(t, "4"))), ErrNegative},
		{"first response none", second(FirstResponseTimeHours(nil)), ErrEmpty},
		{"resolution negative", second(ResolutionTimeHours([]time.Duration{-time.Second})), ErrNegative},
		{"escalation above tickets", second(EscalationRate(3, 2)), ErrOutOfRange},
		{"reopen zero resolved", second(ReopenRate(0, 0)), ErrZeroDenominator},
	})
}

func TestOpsBalanceContextProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		target := usdDec(t, genAmount(t, "target").Add(decimal.New(1, -2)))
		actual := usdDec(t, genAmount(t, "actual"))
		att, err := Attainment(Goal{Actual: actual, Target: target})
		if err != nil || !target.MulRatio(att, NewContext(20, RoundHalfEven)).Equal(actual) {
			t.Fatalf("attainment × target ≠ actual: %v %v", att, err)
		}
		gap, err := GapToTarget(Goal{Target: target, Actual: actual})
		if sum, _ := gap.Add(actual); err != nil || !sum.Equal(target) {
			t.Fatalf("gap + actual ≠ target: %v %v", gap, err)
		}
		// The trailing average of a constant series is the constant.
		n := rapid.IntRange(1, 12).Draw(t, "n")
		series := make([]Money, n+rapid.IntRange(0, 5).Draw(t, "extra"))
		for i := range series {
			series[i] = actual
		}
		avg, err := TrailingAverage(series, n)
		if err != nil || !avg.Equal(actual) {
			t.Fatalf("trailing average of constant %v = %v (%v)", actual, avg, err)
		}
		// Escalation rate lies in [0, 1]; acid test ≤ current ratio when the
		// quick assets are part of the current assets.
		tickets := rapid.Int64Range(1, 1_000_000).Draw(t, "tickets")
		esc, err := EscalationRate(rapid.Int64Range(0, tickets).Draw(t, "esc"), tickets)
		if err != nil || esc.Sign() < 0 || esc.cmpDecimal(decimal.New(1, 0)) > 0 {
			t.Fatalf("escalation %v (%v)", esc, err)
		}
		liab := usdDec(t, genAmount(t, "liab").Add(decimal.New(1, 0)))
		quick := usdDec(t, genAmount(t, "quick"))
		other := usdDec(t, genAmount(t, "other"))
		current, _ := quick.Add(other)
		at, err1 := AcidTestRatio(BalanceSheet{Cash: quick, CurrentLiabilities: liab})
		cr, err2 := CurrentRatio(BalanceSheet{CurrentAssets: current, CurrentLiabilities: liab})
		if err1 != nil || err2 != nil || at.Cmp(cr) > 0 {
			t.Fatalf("acid test %v > current %v", at, cr)
		}
	})
}
