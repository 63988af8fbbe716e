package metrics

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestFunnelRatioExamples(t *testing.T) {
	dict := dictionary(t)
	tests := []struct {
		name, id string
		got      econResult[Ratio]
		want     Ratio
		band     string
	}{
		{"stage conversion", "stage_conversion", econPair(StageConversion(25, 100)), pctR(t, "25"), ""},
		{"stage conversion none converted", "stage_conversion", econPair(StageConversion(0, 7)), Ratio{}, ""},
		{"stage conversion all converted", "stage_conversion", econPair(StageConversion(7, 7)), RatioFromInt(1), ""},
		{"mql to sql", "mql_to_sql", econPair(MQLToSQL(130, 1000)), pctR(t, "13"), ""},
		{"pql to paid", "pql_to_paid", econPair(PQLToPaid(1, 3)), econPair(NewRatio(1, 3)).v, ""},
		{"trial to paid", "trial_to_paid", econPair(TrialToPaid(45, 300)), pctR(t, "15"), ""},
		{"visitor conversion", "visitor_conversion", econPair(VisitorConversion(250, 10000)), pctR(t, "2.50"), ""},
		{"win rate", "win_rate", econPair(WinRate(20, 60)), pctR(t, "25"), ""},
		{"win rate no losses", "win_rate", econPair(WinRate(3, 0)), RatioFromInt(1), ""},
		// winsabove.pages.dev: $4.8M open pipeline against $1.6M remaining → 3.0x.
		{"coverage winsabove", "pipeline_coverage", econPair(PipelineCoverage(usd(t, "4800000"), usd(t, "1600000"))), RatioFromInt(3), "healthy"},
		// calclet.com: $2.4M qualified pipeline against an $800,000 quota → 3.0x.
		{"coverage calclet", "pipeline_coverage", econPair(PipelineCoverage(usd(t, "2400000.00"), usd(t, "800000"))), rat(t, "3.0"), "healthy"},
		{"coverage thin", "pipeline_coverage", econPair(PipelineCoverage(usd(t, "2.6"), usd(t, "1"))), rat(t, "2.6"), "thin"},
		{"coverage insufficient", "pipeline_coverage", econPair(PipelineCoverage(Money{}, usd(t, "1"))), Ratio{}, "insufficient"},
		{"coverage bloated", "pipeline_coverage", econPair(PipelineCoverage(usd(t, "5"), usd(t, "1"))), RatioFromInt(5), "bloated"},
		{"quota attainment", "quota_attainment", econPair(QuotaAttainment(usd(t, "1200000"), usd(t, "1000000"))), pctR(t, "120"), ""},
		// kpitree.co: forecast 920,000 against 1,000,000 booked → 92%.
		{"forecast accuracy kpitree", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "1000000"), usd(t, "920000"))), pctR(t, "92"), "excellent"},
		{"forecast accuracy over-forecast alike", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "1000000"), usd(t, "1080000"))), pctR(t, "92"), "excellent"},
		{"forecast accuracy perfect", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "10"), usd(t, "10.00"))), RatioFromInt(1), "excellent"},
		{"forecast accuracy 85%", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "100"), usd(t, "85"))), pctR(t, "85"), "good"},
		{"forecast accuracy not clamped", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "100"), usd(t, "250"))), pctR(t, "-50"), "weak"},
		{"forecast accuracy zero forecast", "forecast_accuracy", econPair(ForecastAccuracy(usd(t, "100"), Money{})), Ratio{}, "weak"},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
		if tc.band == "" {
			continue
		}
		def, _ := dict.Lookup(tc.id)
		b, err := def.Classify(tc.got.v)
		if err != nil || b.Name != tc.band {
			t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.band)
		}
	}
}

func TestFunnelMoneyExamples(t *testing.T) {
	tests := []struct {
		name string
		got  econResult[Money]
		want Money
	}{
		// prospectengine.com: 50 opportunities × $25,000 × 25% ÷ 60 days
		// ≈ $5,208 a day; exactly 312,500 ÷ 60, rounded once to 12 places.
		{"velocity prospectengine", econPair(PipelineVelocity(50, usd(t, "25000"), pctR(t, "25"), qty(t, "60", UnitDays))), usd(t, "5208.333333333333")},
		// ooligo.com: 100 × $50K × 25% ÷ 60 days = $20,833 a day.
		{"velocity ooligo", econPair(PipelineVelocity(100, usd(t, "50000.00"), rat(t, "0.25"), qty(t, "60", UnitDays))), usd(t, "20833.333333333333")},
		// nrev.ai: 50 × $10,000 × 20% ÷ 30 days = $3,333.33 a day.
		{"velocity nrev", econPair(PipelineVelocity(50, usd(t, "10000"), pctR(t, "20"), qty(t, "30", UnitDays))), usd(t, "3333.333333333333")},
		{"velocity zero win rate", econPair(PipelineVelocity(50, usd(t, "10000"), Ratio{}, qty(t, "30", UnitDays))), usd(t, "0")},
		{"velocity fractional days", econPair(PipelineVelocity(1, usd(t, "3"), RatioFromInt(1), qty(t, "1.5", UnitDays))), usd(t, "2")},
		// metrickittools.com: 10 reps × $150k × 85% attainment × 0.82 ramp
		// ≈ $1.045M; exactly 1,045,500.
		{"capacity metrickittools", econPair(TeamCapacity(10, usd(t, "150000"), pctR(t, "85"), rat(t, "0.82"))), usd(t, "1045500")},
		{"capacity all ramped, full attainment", econPair(TeamCapacity(15, whole(t, 1_000_000, "USD"), RatioFromInt(1), RatioFromInt(1))), usd(t, "15000000")},
		{"capacity no reps", econPair(TeamCapacity(0, usd(t, "150000"), pctR(t, "85"), RatioFromInt(1))), usd(t, "0")},
		// The task's worked example: capacity 15M against a 20M target → gap 5M.
		{"gap worked example", econPair(CapacityGap(whole(t, 20_000_000, "USD"), usd(t, "15000000.00"))), usd(t, "5000000")},
		{"gap surplus is negative", econPair(CapacityGap(usd(t, "15000000"), usd(t, "20000000"))), usd(t, "-5000000")},
		{"gap zero Money target", econPair(CapacityGap(Money{}, usd(t, "1"))), usd(t, "-1")},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
	}
}

func TestAverageSalesCycleDays(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		in   []time.Duration
		want Quantity
	}{
		{"mean of 30, 45, 60 days", []time.Duration{30 * day, 45 * day, 60 * day}, qty(t, "45", UnitDays)},
		{"36 hours", []time.Duration{36 * time.Hour}, qty(t, "1.5", UnitDays)},
		{"one hour rounds once", []time.Duration{time.Hour}, qty(t, "0.041666666667", UnitDays)},
		{"zero-length deal", []time.Duration{0, 2 * day}, qty(t, "1", UnitDays)},
		// (2^63−1) ns ÷ 86,400e9 ns = 106751.9911673006459143…, rounded once.
		{"huge durations do not overflow", []time.Duration{time.Duration(1<<63 - 1), time.Duration(1<<63 - 1)}, qty(t, "106751.991167300646", UnitDays)},
	}
	for _, tc := range tests {
		got, err := AverageSalesCycleDays(tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestFunnelErrors(t *testing.T) {
	zero := Money{}
	eur := whole(t, 1, "EUR")
	neg := usd(t, "-1")
	ten := usd(t, "10")
	days := qty(t, "30", UnitDays)
	half := pctR(t, "50")
	tests := []struct {
		name, id string
		err      error
		want     error
	}{
		{"stage none entered", "stage_conversion", second(StageConversion(0, 0)), ErrZeroDenominator},
		{"stage more converted than entered", "stage_conversion", second(StageConversion(5, 4)), ErrOutOfRange},
		{"stage negative converted", "stage_conversion", second(StageConversion(-1, 4)), ErrNegative},
		{"stage negative entered", "stage_conversion", second(StageConversion(1, -4)), ErrNegative},
		{"mql no mqls", "mql_to_sql", second(MQLToSQL(0, 0)), ErrZeroDenominator},
		{"mql sql > mql", "mql_to_sql", second(MQLToSQL(2, 1)), ErrOutOfRange},
		{"mql negative", "mql_to_sql", second(MQLToSQL(-2, 1)), ErrNegative},
		{"pql no pqls", "pql_to_paid", second(PQLToPaid(0, 0)), ErrZeroDenominator},
		{"pql paid > pql", "pql_to_paid", second(PQLToPaid(2, 1)), ErrOutOfRange},
		{"pql negative", "pql_to_paid", second(PQLToPaid(1, -1)), ErrNegative},
		{"trial no trials", "trial_to_paid", second(TrialToPaid(0, 0)), ErrZeroDenominator},
		{"trial paid > trials", "trial_to_paid", second(TrialToPaid(2, 1)), ErrOutOfRange},
		{"trial negative", "trial_to_paid", second(TrialToPaid(-1, 1)), ErrNegative},
		{"visitor none", "visitor_conversion", second(VisitorConversion(0, 0)), ErrZeroDenominator},
		{"visitor conversions > visitors", "visitor_conversion", second(VisitorConversion(11, 10)), ErrOutOfRange},
		{"visitor negative", "visitor_conversion", second(VisitorConversion(1, -10)), ErrNegative},

		{"win rate no closed deals", "win_rate", second(WinRate(0, 0)), ErrZeroDenominator},
		{"win rate negative won", "win_rate", second(WinRate(-1, 3)), ErrNegative},
		{"win rate negative lost", "win_rate", second(WinRate(1, -3)), ErrNegative},

		{"coverage target met", "pipeline_coverage", second(PipelineCoverage(ten, zero)), ErrZeroDenominator},
		{"coverage negative pipeline", "pipeline_coverage", second(PipelineCoverage(neg, ten)), ErrNegative},
		{"coverage currency", "pipeline_coverage", second(PipelineCoverage(ten, eur)), ErrCurrencyMismatch},

		{"velocity zero cycle", "pipeline_velocity", second(PipelineVelocity(5, ten, half, qty(t, "0.0", UnitDays))), ErrZeroDenominator},
		{"velocity negative cycle", "pipeline_velocity", second(PipelineVelocity(5, ten, half, qty(t, "-1", UnitDays))), ErrNegative},
		{"velocity cycle in months", "pipeline_velocity", second(PipelineVelocity(5, ten, half, qty(t, "1", UnitMonths))), ErrUnitMismatch},
		{"velocity win rate > 1", "pipeline_velocity", second(PipelineVelocity(5, ten, pctR(t, "101"), days)), ErrOutOfRange},
		{"velocity win rate < 0", "pipeline_velocity", second(PipelineVelocity(5, ten, pctR(t, "-1"), days)), ErrOutOfRange},
		{"velocity negative opportunities", "pipeline_velocity", second(PipelineVelocity(-5, ten, half, days)), ErrNegative},
		{"velocity negative deal size", "pipeline_velocity", second(PipelineVelocity(5, neg, half, days)), ErrNegative},

		{"cycle empty", "sales_cycle", second(AverageSalesCycleDays(nil)), ErrEmpty},
		{"cycle negative duration", "sales_cycle", second(AverageSalesCycleDays([]time.Duration{time.Hour, -time.Hour})), ErrNegative},

		{"attainment zero quota", "quota_attainment", second(QuotaAttainment(ten, zero)), ErrZeroDenominator},
		{"attainment negative", "quota_attainment", second(QuotaAttainment(neg, ten)), ErrNegative},
		{"attainment currency", "quota_attainment", second(QuotaAttainment(ten, eur)), ErrCurrencyMismatch},

		{"accuracy zero actual", "forecast_accuracy", second(ForecastAccuracy(zero, ten)), ErrZeroDenominator},
		{"accuracy zero actual and forecast", "forecast_accuracy", second(ForecastAccuracy(usd(t, "0.00"), zero)), ErrZeroDenominator},
		{"accuracy negative forecast", "forecast_accuracy", second(ForecastAccuracy(ten, neg)), ErrNegative},
		{"accuracy currency", "forecast_accuracy", second(ForecastAccuracy(ten, eur)), ErrCurrencyMismatch},

		{"capacity negative reps", "team_capacity", second(TeamCapacity(-1, ten, half, half)), ErrNegative},
		{"capacity negative quota", "team_capacity", second(TeamCapacity(1, neg, half, half)), ErrNegative},
		{"capacity negative attainment", "team_capacity", second(TeamCapacity(1, ten, pctR(t, "-5"), half)), ErrNegative},
		{"capacity ramp > 1", "team_capacity", second(TeamCapacity(1, ten, half, pctR(t, "101"))), ErrOutOfRange},
		{"capacity ramp < 0", "team_capacity", second(TeamCapacity(1, ten, half, pctR(t, "-1"))), ErrOutOfRange},

		{"gap negative target", "capacity_gap", second(CapacityGap(neg, ten)), ErrNegative},
		{"gap negative capacity", "capacity_gap", second(CapacityGap(ten, neg)), ErrNegative},
		{"gap currency", "capacity_gap", second(CapacityGap(ten, eur)), ErrCurrencyMismatch},
	}
	for _, tc := range tests {
		econCheckErr(t, tc.name, tc.err, tc.want, tc.id)
	}
}

func TestFunnelDefinitions(t *testing.T) {
	econCheckDefinitions(t, funnelDefinitions(), CategoryFunnel)
}

// The named conversions are StageConversion under their own IDs: same value,
// different definition.
func TestNamedConversionsMatchGeneric(t *testing.T) {
	named := map[string]func(a, b int64) (Ratio, error){
		"mql_to_sql": MQLToSQL, "pql_to_paid": PQLToPaid, "trial_to_paid": TrialToPaid, "visitor_conversion": VisitorConversion,
	}
	rapid.Check(t, func(t *rapid.T) {
		entered := rapid.Int64Range(1, 1e9).Draw(t, "entered")
		converted := rapid.Int64Range(0, entered).Draw(t, "converted")
		want, err := StageConversion(converted, entered)
		if err != nil {
			t.Fatal(err)
		}
		for id, f := range named {
			got, err := f(converted, entered)
			if err != nil || !got.Equal(want) {
				t.Fatalf("%s = %v, %v; want %v", id, got, err, want)
			}
			econCheckErrRapid(t, id, second(f(0, 0)))
		}
	})
}

// econCheckErrRapid checks inside rapid that a zero denominator is
// reported as a *MetricError naming id.
func econCheckErrRapid(t *rapid.T, id string, err error) {
	var me *MetricError
	if !errors.Is(err, ErrZeroDenominator) || !errors.As(err, &me) || me.Metric != id {
		t.Fatalf("error %v does not name %s", err, id)
	}
}

// Win rate lies in [0, 1] for any closed deals.
func TestWinRateInUnitInterval(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		won := rapid.Int64Range(0, 1<<62).Draw(t, "won")
		lost := rapid.Int64Range(0, 1<<62).Draw(t, "lost")
		if won+lost == 0 {
			lost = 1
		}
		r, err := WinRate(won, lost)
		if err != nil {
			t.Fatal(err)
		}
		if r.Sign() < 0 || r.cmpDecimal(decimal.New(1, 0)) > 0 {
			t.Fatalf("WinRate(%d, %d) = %v outside [0, 1]", won, lost, r)
		}
	})
}

// gap + capacity = target, exactly, whichever is larger.
func TestCapacityGapIdentity(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		target := usdDec(t, genAmount(t, "target"))
		reps := rapid.Int64Range(0, 500).Draw(t, "reps")
		quota := usdDec(t, genAmount(t, "quota"))
		att := ratDec(t, decimal.New(rapid.Int64Range(0, 200).Draw(t, "attainment%"), -2))
		ramp := ratDec(t, decimal.New(rapid.Int64Range(0, 100).Draw(t, "ramp%"), -2))
		capacity, err := TeamCapacity(reps, quota, att, ramp)
		if err != nil {
			t.Fatal(err)
		}
		gap, err := CapacityGap(target, capacity)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := gap.Add(capacity)
		if err != nil || !sum.Equal(target) {
			t.Fatalf("gap %v + capacity %v = %v, want %v", gap, capacity, sum, target)
		}
	})
}
