package forecast

import (
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// dictionary returns this package's definitions as a dictionary.
func dictionary(t *testing.T) metrics.Dictionary {
	t.Helper()
	d, err := metrics.NewDictionary(Definitions())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The ratio metrics' worked examples (moved from package metrics, with
// struct inputs) and the bands they fall in.
func TestPipelineRatioExamples(t *testing.T) {
	dict := dictionary(t)
	cov := func(pipeline, target string) Coverage {
		return Coverage{Pipeline: usd(t, pipeline), Target: usd(t, target)}
	}
	tests := []struct {
		name, id string
		got      result[metrics.Ratio]
		want     metrics.Ratio
		band     string
	}{
		{"win rate", "win_rate", res(WinRate(Deals{Won: 20, Lost: 60})), rat(t, "25%"), ""},
		{"win rate no losses", "win_rate", res(WinRate(Deals{Won: 3})), rat(t, "1"), ""},
		{"win rate no wins", "win_rate", res(WinRate(Deals{Lost: 3})), metrics.Ratio{}, ""},
		// calclet.com: $2.4M qualified pipeline against an $800,000 quota → 3.0x.
		{"coverage calclet", "pipeline_coverage", res(PipelineCoverage(cov("2400000.00", "800000"))), rat(t, "3.0"), "healthy"},
		// seeds/000 §Metrik Saluran: 3–5x needed; 5x itself is inside.
		{"coverage 5x healthy", "pipeline_coverage", res(PipelineCoverage(cov("5", "1"))), rat(t, "5"), "healthy"},
		{"coverage just above 5x ample", "pipeline_coverage", res(PipelineCoverage(cov("5.000001", "1"))), rat(t, "5.000001"), "ample"},
		{"coverage just below 3x", "pipeline_coverage", res(PipelineCoverage(cov("2.999999", "1"))), rat(t, "2.999999"), "insufficient"},
		{"coverage none", "pipeline_coverage", res(PipelineCoverage(Coverage{Target: usd(t, "1")})), metrics.Ratio{}, "insufficient"},
		// winsabove.pages.dev: $4.8M open pipeline against $1.6M remaining → 3.0x.
		{"remaining winsabove", "remaining_pipeline_coverage", res(RemainingCoverage(Coverage{Pipeline: usd(t, "4800000"), Closed: usd(t, "400000"), Target: usd(t, "2000000")})), rat(t, "3"), "healthy"},
		{"remaining zero closed", "remaining_pipeline_coverage", res(RemainingCoverage(cov("7", "2"))), rat(t, "3.5"), "healthy"},
		// a 25% win rate needs 4x; 100% needs 1x; 1/3 needs 3x.
		{"implied 25%", "implied_coverage", res(ImpliedCoverage(rat(t, "25%"))), rat(t, "4"), ""},
		{"implied 100%", "implied_coverage", res(ImpliedCoverage(rat(t, "1"))), rat(t, "1"), ""},
		{"implied 1/3", "implied_coverage", res(ImpliedCoverage(rat(t, "1/3"))), rat(t, "3"), ""},
		{"quota attainment", "quota_attainment", res(QuotaAttainment(Quota{Achieved: usd(t, "1200000"), Target: usd(t, "1000000")})), rat(t, "120%"), ""},
		// 40% attained with half the period gone: 80% of pace.
		{"pacing behind", "quota_pacing", res(QuotaPacing(Quota{Achieved: usd(t, "40"), Target: usd(t, "100"), Elapsed: rat(t, "50%")})), rat(t, "80%"), ""},
		{"pacing at the end", "quota_pacing", res(QuotaPacing(Quota{Achieved: usd(t, "100"), Target: usd(t, "100"), Elapsed: rat(t, "1")})), rat(t, "1"), ""},
		// kpitree.co: forecast 920,000 against 1,000,000 booked → 92%.
		{"forecast accuracy kpitree", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "1000000"), Forecast: usd(t, "920000")})), rat(t, "92%"), "excellent"},
		{"forecast accuracy over-forecast alike", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "1000000"), Forecast: usd(t, "1080000")})), rat(t, "92%"), "excellent"},
		{"forecast accuracy perfect", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "10"), Forecast: usd(t, "10.00")})), rat(t, "1"), "excellent"},
		{"forecast accuracy 85%", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "100"), Forecast: usd(t, "85")})), rat(t, "85%"), "good"},
		{"forecast accuracy 80% edge", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "100"), Forecast: usd(t, "120")})), rat(t, "80%"), "good"},
		{"forecast accuracy not clamped", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "100"), Forecast: usd(t, "250")})), rat(t, "-50%"), "weak"},
		{"forecast accuracy zero forecast", "forecast_accuracy", res(ForecastAccuracy(Outcome{Actual: usd(t, "100")})), metrics.Ratio{}, "weak"},
		// WAPE of (F 90, A 100) and (F 30, A 0): (10 + 30) ÷ 100 = 40%; bias
		// (−10 + 30) ÷ 100 = +20%: an actual of 0 is fine in a sum.
		{"wape", "forecast_wape", res(WAPE([]Outcome{{usd(t, "90"), usd(t, "100")}, {usd(t, "30"), usd(t, "0")}})), rat(t, "40%"), ""},
		{"bias", "forecast_bias", res(Bias([]Outcome{{usd(t, "90"), usd(t, "100")}, {usd(t, "30"), usd(t, "0")}})), rat(t, "20%"), ""},
		// over and under by 10 offset in the bias, not in WAPE.
		{"bias offsets", "forecast_bias", res(Bias([]Outcome{{usd(t, "110"), usd(t, "100")}, {usd(t, "90"), usd(t, "100")}})), metrics.Ratio{}, ""},
		{"wape does not offset", "forecast_wape", res(WAPE([]Outcome{{usd(t, "110"), usd(t, "100")}, {usd(t, "90"), usd(t, "100")}})), rat(t, "10%"), ""},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
		def, ok := dict.Lookup(tc.id)
		if !ok {
			t.Errorf("%s: no definition %q", tc.name, tc.id)
			continue
		}
		if tc.band == "" {
			continue
		}
		b, err := def.Classify(tc.got.v)
		if err != nil || b.Name != tc.band {
			t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.band)
		}
	}
}

// The money metrics' worked examples.
func TestPipelineMoneyExamples(t *testing.T) {
	days := func(s string) metrics.Quantity { return qty(t, s, metrics.UnitDays) }
	tests := []struct {
		name string
		got  result[metrics.Money]
		want metrics.Money
	}{
		// prospectengine.com: 50 opportunities × $25,000 × 25% ÷ 60 days
		// ≈ $5,208 a day; exactly 312,500 ÷ 60, rounded once to 12 places.
		{"velocity prospectengine", res(PipelineVelocity(Velocity{50, usd(t, "25000"), rat(t, "25%"), days("60")})), usd(t, "5208.333333333333")},
		// ooligo.com: 100 × $50K × 25% ÷ 60 days = $20,833 a day.
		{"velocity ooligo", res(PipelineVelocity(Velocity{100, usd(t, "50000.00"), rat(t, "0.25"), days("60")})), usd(t, "20833.333333333333")},
		// nrev.ai: 50 × $10,000 × 20% ÷ 30 days = $3,333.33 a day.
		{"velocity nrev", res(PipelineVelocity(Velocity{50, usd(t, "10000"), rat(t, "20%"), days("30")})), usd(t, "3333.333333333333")},
		{"velocity zero win rate", res(PipelineVelocity(Velocity{50, usd(t, "10000"), metrics.Ratio{}, days("30")})), usd(t, "0")},
		{"velocity fractional days", res(PipelineVelocity(Velocity{1, usd(t, "3"), rat(t, "1"), days("1.5")})), usd(t, "2")},
		// metrickittools.com: 10 reps × $150k × 85% attainment × 0.82 ramp
		// ≈ $1.045M; exactly 1,045,500.
		{"capacity metrickittools", res(TeamCapacity(Team{10, usd(t, "150000"), rat(t, "85%"), rat(t, "0.82")})), usd(t, "1045500")},
		{"capacity all ramped, full attainment", res(TeamCapacity(Team{15, usd(t, "1000000"), rat(t, "1"), rat(t, "1")})), usd(t, "15000000")},
		{"capacity no reps", res(TeamCapacity(Team{0, usd(t, "150000"), rat(t, "85%"), rat(t, "1")})), usd(t, "0")},
		// seeds/000 §Kapasiti Pasukan Hasil: capacity 15M against a 20M
		// target → gap 5M.
		{"gap seed", res(CapacityGap(Gap{Target: usd(t, "20000000"), Capacity: usd(t, "15000000.00")})), usd(t, "5000000")},
		{"gap surplus is negative", res(CapacityGap(Gap{Target: usd(t, "15000000"), Capacity: usd(t, "20000000")})), usd(t, "-5000000")},
		{"gap zero Money target", res(CapacityGap(Gap{Capacity: usd(t, "1")})), usd(t, "-1")},
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
	d := 24 * time.Hour
	tests := []struct {
		name string
		in   []time.Duration
		want metrics.Quantity
	}{
		{"mean of 30, 45, 60 days", []time.Duration{30 * d, 45 * d, 60 * d}, qty(t, "45", metrics.UnitDays)},
		{"36 hours", []time.Duration{36 * time.Hour}, qty(t, "1.5", metrics.UnitDays)},
		{"one hour rounds once", []time.Duration{time.Hour}, qty(t, "0.041666666667", metrics.UnitDays)},
		{"zero-length deal", []time.Duration{0, 2 * d}, qty(t, "1", metrics.UnitDays)},
		// (2^63−1) ns ÷ 86,400e9 ns = 106751.9911673006459143…, rounded once.
		{"huge durations do not overflow", []time.Duration{time.Duration(1<<63 - 1), time.Duration(1<<63 - 1)}, qty(t, "106751.991167300646", metrics.UnitDays)},
	}
	for _, tc := range tests {
		got, err := AverageSalesCycleDays(tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

// ElapsedShare counts the day of at as gone, and clamps outside the quarter.
func TestElapsedShare(t *testing.T) {
	q := quarter(t, "2024-Q1") // 31 + 29 + 31 = 91 days
	tests := []struct {
		at, want string
	}{
		{"2023-12-31", "0"},
		{"2024-01-01", "1/91"},
		{"2024-02-15", "46/91"},
		{"2024-03-31", "1"},
		{"2024-04-01", "1"},
	}
	for _, tc := range tests {
		got, err := ElapsedShare(q, day(t, tc.at))
		if err != nil || !got.Equal(rat(t, tc.want)) {
			t.Errorf("%s: %v, %v; want %s", tc.at, got, err, tc.want)
		}
	}
	// Q4 runs to 31 December: 92 days.
	if got, err := ElapsedShare(quarter(t, "2023-Q4"), day(t, "2023-12-31")); err != nil || !got.Equal(rat(t, "1")) {
		t.Errorf("Q4 end: %v, %v", got, err)
	}
	if got, err := ElapsedShare(quarter(t, "2023-Q4"), day(t, "2023-10-02")); err != nil || !got.Equal(rat(t, "2/92")) {
		t.Errorf("Q4 second day: %v, %v", got, err)
	}
	wantMetricErr(t, "zero quarter", errOf(ElapsedShare(metrics.Quarter{}, day(t, "2024-01-01"))), metrics.ErrMissing, "quota_pacing")
	wantMetricErr(t, "year 10000", errOf(ElapsedShare(q, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))), metrics.ErrOutOfRange, "quota_pacing")
}

func TestPipelineErrors(t *testing.T) {
	zero := metrics.Money{}
	e := eur(t, "1")
	neg := usd(t, "-1")
	ten := usd(t, "10")
	days := qty(t, "30", metrics.UnitDays)
	half := rat(t, "50%")
	tests := []struct {
		name, id string
		err      error
		want     error
	}{
		{"win rate no closed deals", "win_rate", errOf(WinRate(Deals{})), metrics.ErrZeroDenominator},
		{"win rate negative won", "win_rate", errOf(WinRate(Deals{Won: -1, Lost: 3})), metrics.ErrNegative},
		{"win rate negative lost", "win_rate", errOf(WinRate(Deals{Won: 1, Lost: -3})), metrics.ErrNegative},

		{"coverage zero target", "pipeline_coverage", errOf(PipelineCoverage(Coverage{Pipeline: ten})), metrics.ErrZeroDenominator},
		{"coverage negative pipeline", "pipeline_coverage", errOf(PipelineCoverage(Coverage{Pipeline: neg, Target: ten})), metrics.ErrNegative},
		{"coverage negative target", "pipeline_coverage", errOf(PipelineCoverage(Coverage{Pipeline: ten, Target: neg})), metrics.ErrNegative},
		{"coverage currency", "pipeline_coverage", errOf(PipelineCoverage(Coverage{Pipeline: ten, Target: e})), metrics.ErrCurrencyMismatch},
		{"remaining target met", "remaining_pipeline_coverage", errOf(RemainingCoverage(Coverage{Pipeline: ten, Closed: ten, Target: ten})), metrics.ErrZeroDenominator},
		{"remaining beyond target", "remaining_pipeline_coverage", errOf(RemainingCoverage(Coverage{Pipeline: ten, Closed: usd(t, "11"), Target: ten})), metrics.ErrZeroDenominator},
		{"remaining negative closed", "remaining_pipeline_coverage", errOf(RemainingCoverage(Coverage{Pipeline: ten, Closed: neg, Target: ten})), metrics.ErrNegative},
		{"remaining currency", "remaining_pipeline_coverage", errOf(RemainingCoverage(Coverage{Pipeline: ten, Closed: e, Target: ten})), metrics.ErrCurrencyMismatch},
		{"implied zero", "implied_coverage", errOf(ImpliedCoverage(metrics.Ratio{})), metrics.ErrZeroDenominator},
		{"implied > 1", "implied_coverage", errOf(ImpliedCoverage(rat(t, "101%"))), metrics.ErrOutOfRange},
		{"implied < 0", "implied_coverage", errOf(ImpliedCoverage(rat(t, "-1%"))), metrics.ErrOutOfRange},

		{"velocity zero cycle", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, half, qty(t, "0.0", metrics.UnitDays)})), metrics.ErrZeroDenominator},
		{"velocity negative cycle", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, half, qty(t, "-1", metrics.UnitDays)})), metrics.ErrNegative},
		{"velocity cycle in months", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, half, qty(t, "1", metrics.UnitMonths)})), metrics.ErrUnitMismatch},
		{"velocity no cycle", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, half, metrics.Quantity{}})), metrics.ErrUnitMismatch},
		{"velocity win rate > 1", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, rat(t, "101%"), days})), metrics.ErrOutOfRange},
		{"velocity win rate < 0", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, ten, rat(t, "-1%"), days})), metrics.ErrOutOfRange},
		{"velocity negative opportunities", "pipeline_velocity", errOf(PipelineVelocity(Velocity{-5, ten, half, days})), metrics.ErrNegative},
		{"velocity negative deal size", "pipeline_velocity", errOf(PipelineVelocity(Velocity{5, neg, half, days})), metrics.ErrNegative},

		{"cycle empty", "sales_cycle", errOf(AverageSalesCycleDays(nil)), metrics.ErrEmpty},
		{"cycle negative duration", "sales_cycle", errOf(AverageSalesCycleDays([]time.Duration{time.Hour, -time.Hour})), metrics.ErrNegative},

		{"attainment zero quota", "quota_attainment", errOf(QuotaAttainment(Quota{Achieved: ten, Target: zero})), metrics.ErrZeroDenominator},
		{"attainment negative", "quota_attainment", errOf(QuotaAttainment(Quota{Achieved: neg, Target: ten})), metrics.ErrNegative},
		{"attainment currency", "quota_attainment", errOf(QuotaAttainment(Quota{Achieved: ten, Target: e})), metrics.ErrCurrencyMismatch},
		{"pacing zero elapsed", "quota_pacing", errOf(QuotaPacing(Quota{Achieved: ten, Target: ten})), metrics.ErrZeroDenominator},
		{"pacing elapsed > 1", "quota_pacing", errOf(QuotaPacing(Quota{Achieved: ten, Target: ten, Elapsed: rat(t, "101%")})), metrics.ErrOutOfRange},
		{"pacing zero quota", "quota_pacing", errOf(QuotaPacing(Quota{Achieved: ten, Elapsed: half})), metrics.ErrZeroDenominator},
		{"pacing negative", "quota_pacing", errOf(QuotaPacing(Quota{Achieved: neg, Target: ten, Elapsed: half})), metrics.ErrNegative},

		{"accuracy zero actual", "forecast_accuracy", errOf(ForecastAccuracy(Outcome{Actual: zero, Forecast: ten})), metrics.ErrZeroDenominator},
		{"accuracy zero actual and forecast", "forecast_accuracy", errOf(ForecastAccuracy(Outcome{Actual: usd(t, "0.00")})), metrics.ErrZeroDenominator},
		{"accuracy negative forecast", "forecast_accuracy", errOf(ForecastAccuracy(Outcome{Actual: ten, Forecast: neg})), metrics.ErrNegative},
		{"accuracy currency", "forecast_accuracy", errOf(ForecastAccuracy(Outcome{Actual: ten, Forecast: e})), metrics.ErrCurrencyMismatch},
		{"wape empty", "forecast_wape", errOf(WAPE(nil)), metrics.ErrEmpty},
		{"wape all actuals 0", "forecast_wape", errOf(WAPE([]Outcome{{Forecast: ten}, {}})), metrics.ErrZeroDenominator},
		{"wape negative", "forecast_wape", errOf(WAPE([]Outcome{{Forecast: ten, Actual: ten}, {Forecast: neg, Actual: ten}})), metrics.ErrNegative},
		{"wape currencies across outcomes", "forecast_wape", errOf(WAPE([]Outcome{{Forecast: ten, Actual: ten}, {Forecast: e, Actual: e}})), metrics.ErrCurrencyMismatch},
		{"bias empty", "forecast_bias", errOf(Bias(nil)), metrics.ErrEmpty},
		{"bias all actuals 0", "forecast_bias", errOf(Bias([]Outcome{{Forecast: ten}})), metrics.ErrZeroDenominator},

		{"capacity negative reps", "team_capacity", errOf(TeamCapacity(Team{-1, ten, half, half})), metrics.ErrNegative},
		{"capacity negative quota", "team_capacity", errOf(TeamCapacity(Team{1, neg, half, half})), metrics.ErrNegative},
		{"capacity negative attainment", "team_capacity", errOf(TeamCapacity(Team{1, ten, rat(t, "-5%"), half})), metrics.ErrNegative},
		{"capacity ramp > 1", "team_capacity", errOf(TeamCapacity(Team{1, ten, half, rat(t, "101%")})), metrics.ErrOutOfRange},
		{"capacity ramp < 0", "team_capacity", errOf(TeamCapacity(Team{1, ten, half, rat(t, "-1%")})), metrics.ErrOutOfRange},

		{"gap negative target", "capacity_gap", errOf(CapacityGap(Gap{Target: neg, Capacity: ten})), metrics.ErrNegative},
		{"gap negative capacity", "capacity_gap", errOf(CapacityGap(Gap{Target: ten, Capacity: neg})), metrics.ErrNegative},
		{"gap currency", "capacity_gap", errOf(CapacityGap(Gap{Target: ten, Capacity: e})), metrics.ErrCurrencyMismatch},
	}
	for _, tc := range tests {
		wantMetricErr(t, tc.name, tc.err, tc.want, tc.id)
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
		r, err := WinRate(Deals{Won: won, Lost: lost})
		if err != nil {
			t.Fatal(err)
		}
		if r.Sign() < 0 || r.Cmp(metrics.RatioFromInt(1)) > 0 {
			t.Fatalf("WinRate(%d, %d) = %v outside [0, 1]", won, lost, r)
		}
		// The coverage it implies is at least 1x, exactly the inverse.
		if won > 0 {
			c, err := ImpliedCoverage(r)
			if err != nil || c.Cmp(metrics.RatioFromInt(1)) < 0 || !c.Mul(r).Equal(metrics.RatioFromInt(1)) {
				t.Fatalf("ImpliedCoverage(%v) = %v, %v", r, c, err)
			}
		}
	})
}

// gap + capacity = target, exactly, whichever is larger.
func TestCapacityGapIdentity(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := func(label string) metrics.Money {
			m, err := metrics.NewMoney(decimal.New(rapid.Int64Range(0, 1<<50).Draw(t, label), -rapid.Int32Range(0, 6).Draw(t, label+" places")), "USD")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		target, quota := amount("target"), amount("quota")
		reps := rapid.Int64Range(0, 500).Draw(t, "reps")
		att, _ := metrics.NewRatio(rapid.Int64Range(0, 200).Draw(t, "attainment%"), 100)
		ramp, _ := metrics.NewRatio(rapid.Int64Range(0, 100).Draw(t, "ramp%"), 100)
		capacity, err := TeamCapacity(Team{reps, quota, att, ramp})
		if err != nil {
			t.Fatal(err)
		}
		gap, err := CapacityGap(Gap{Target: target, Capacity: capacity})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := gap.Add(capacity)
		if err != nil || !sameAmount(sum, target) {
			t.Fatalf("gap %v + capacity %v = %v, want %v", gap, capacity, sum, target)
		}
	})
}

// Ranking without an owner dimension, and coverage without quarters, are
// refused; a zero quota names the owner.
func TestRollupReportsNeedTheirDimensions(t *testing.T) {
	r := buildAcceptance(t, Dimensions{Period: ByMonth})
	wantValueErr(t, "ranking", errOf(r.Ranking(nil)), metrics.ErrInvalid)
	wantValueErr(t, "coverage by month", errOf(r.Coverage(quarter(t, "2024-Q1"), usd(t, "1"))), metrics.ErrInvalid)
	created := buildAcceptance(t, Dimensions{Period: ByQuarter, Created: true})
	wantValueErr(t, "coverage by created quarter", errOf(created.Coverage(quarter(t, "2024-Q1"), usd(t, "1"))), metrics.ErrInvalid)
	q := buildAcceptance(t, Dimensions{Period: ByQuarter})
	wantValueErr(t, "coverage without first", errOf(q.Coverage(metrics.Quarter{}, usd(t, "1"))), metrics.ErrMissing)
	wantValueErr(t, "coverage past 9999", errOf(q.Coverage(quarter(t, "9999-Q3"), usd(t, "1"), usd(t, "1"), usd(t, "1"))), metrics.ErrOutOfRange)
	if cs, err := q.Coverage(quarter(t, "9999-Q3"), usd(t, "1"), usd(t, "1")); err != nil || len(cs) != 2 || cs[1].Quarter != quarter(t, "9999-Q4") {
		t.Errorf("coverage to 9999-Q4: %v, %v", cs, err)
	}
	if cs, err := q.Coverage(quarter(t, "2024-Q1")); err != nil || len(cs) != 0 {
		t.Errorf("no targets: %v, %v", cs, err)
	}
	owners := buildAcceptance(t, Dimensions{Owner: true})
	quotas := map[string]metrics.Money{"ana": usd(t, "1"), "ben": usd(t, "1"), "cai": usd(t, "0"), "dee": usd(t, "1")}
	err := errOf(owners.Ranking(quotas))
	wantMetricErr(t, "zero quota", err, metrics.ErrZeroDenominator, "quota_attainment")
	if me := err.(*metrics.MetricError); me.Input != `quotas["cai"]` {
		t.Errorf("zero quota names %q", me.Input)
	}
	// An owner with a quota and no deals ranks at 0%.
	quotas["cai"] = usd(t, "1")
	quotas["zed"] = usd(t, "5")
	ranks, err := owners.Ranking(quotas)
	if err != nil || len(ranks) != 5 || ranks[4].Owner != "zed" || !ranks[4].Attainment.IsZero() || ranks[4].Position != 5 {
		t.Errorf("ranking with an idle rep: %+v, %v", ranks, err)
	}
}

// Every definition says where its owner and its cadence come from (an owner
// Definitions has no provenance for would leave "owner:" out).
func TestDefinitionsOwnerCadenceSources(t *testing.T) {
	for _, d := range Definitions() {
		if d.Owner == "" || d.Cadence == 0 || !strings.Contains(d.Source, "owner: ") || !strings.Contains(d.Source, "cadence: ") {
			t.Errorf("%s: owner %q, cadence %v, source %q", d.ID, d.Owner, d.Cadence, d.Source)
		}
	}
}
