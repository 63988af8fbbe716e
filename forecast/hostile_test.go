package forecast

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// deadline bounds each hostile call, so that a regression fails here
// instead of stalling the suite.
const deadline = 5 * time.Second

// within runs call under the deadline and returns its error; ok is false
// (and the test has failed) when it is still running.
func within(t *testing.T, name string, call func() error) (err error, ok bool) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err, true
	case <-time.After(deadline):
		t.Errorf("%s still running after %s", name, deadline)
		return nil, false
	}
}

// typed reports whether err is nil or one of the library's error types.
func typed(err error) bool {
	var (
		me *metrics.MetricError
		ve *metrics.ValueError
		mm *metrics.MismatchError
		re *metrics.RowError
	)
	return err == nil || errors.As(err, &me) || errors.As(err, &ve) || errors.As(err, &mm) || errors.As(err, &re)
}

// The largest and smallest amounts the constructors allow (exponents
// ±10^6) go through every function in time, returning a value or a typed
// error.
func TestHostileExtremeAmounts(t *testing.T) {
	for _, s := range []string{"1e1000000", "1e-1000000"} {
		x, _ := decimal.NewFromString(s)
		m, err := metrics.NewMoney(x, "USD")
		if err != nil {
			t.Fatal(err)
		}
		r, err := metrics.RatioOf(x, decimal.New(1, 0))
		if err != nil {
			t.Fatal(err)
		}
		hundred := usd(t, "100")
		o := Opportunity{ID: "x", Owner: "ana", Amount: m, Probability: rat(t, "1/3"), Created: fixedDay, Close: fixedDay.AddDate(0, 1, 0)}
		won := o
		won.ID, won.Status = "w", StatusWon
		lost := o
		lost.ID, lost.Status = "l", StatusLost
		calls := map[string]func() error{
			"Build": func() error {
				rl, err := Build(metrics.FromSlice([]Opportunity{o, won, lost, o}), Options{By: Dimensions{SizeBands: []metrics.Money{hundred}}})
				if err != nil {
					return err
				}
				tt := rl.Total()
				_ = tt.WeightedPipeline(metrics.Context{})
				_ = tt.String()
				if _, err := tt.Velocity(); err != nil && !typed(err) {
					return err
				}
				if _, err := tt.AverageDeal(metrics.Places(2)); err != nil {
					return err
				}
				_, err = tt.AverageCycleDays()
				return err
			},
			"PipelineCoverage": func() error { _, err := PipelineCoverage(Coverage{Pipeline: m, Target: hundred}); return err },
			"RemainingCoverage": func() error {
				_, err := RemainingCoverage(Coverage{Pipeline: hundred, Closed: m, Target: hundred})
				return err
			},
			"ImpliedCoverage": func() error { _, err := ImpliedCoverage(r); return err },
			"PipelineVelocity": func() error {
				_, err := PipelineVelocity(Velocity{Opportunities: 3, AverageDeal: m, WinRate: rat(t, "1/3"), Cycle: qty(t, "7", metrics.UnitDays)})
				return err
			},
			"QuotaPacing": func() error {
				_, err := QuotaPacing(Quota{Achieved: m, Target: hundred, Elapsed: rat(t, "1/7")})
				return err
			},
			"ForecastAccuracy": func() error { _, err := ForecastAccuracy(Outcome{Forecast: m, Actual: hundred}); return err },
			"WAPE":             func() error { _, err := WAPE([]Outcome{{m, hundred}, {hundred, m}}); return err },
			"Bias":             func() error { _, err := Bias([]Outcome{{m, hundred}, {hundred, m}}); return err },
			"TeamCapacity": func() error {
				_, err := TeamCapacity(Team{Reps: 3, QuotaPerRep: m, Attainment: r, Ramp: rat(t, "1/3")})
				return err
			},
			"CapacityGap": func() error { _, err := CapacityGap(Gap{Target: m, Capacity: hundred}); return err },
			"Plan.Capacity": func() error {
				_, err := Plan{Hires: []Hire{{Start: month(t, "2024-01"), Reps: 3}}, QuotaPerRep: m, Attainment: r,
					Ramp: []metrics.Ratio{rat(t, "1/3")}}.Capacity([]MonthTarget{{month(t, "2024-01"), m}, {month(t, "2024-02"), hundred}})
				return err
			},
		}
		for name, call := range calls {
			if err, ok := within(t, name+"("+s+")", call); ok && !typed(err) {
				t.Errorf("%s(%s): untyped error %v", name, s, err)
			}
		}
	}
}

// Probabilities with thousands of digits, each opportunity a different one
// (no cache hit), take time proportional to the input.
func TestHostileProbabilities(t *testing.T) {
	num := strings.Repeat("7", 2000)
	den := "1" + strings.Repeat("0", 2000)
	p, err := metrics.ParseRatio(num + "/" + den)
	if err != nil {
		t.Fatal(err)
	}
	var opps []Opportunity
	for i := range 2000 {
		q := p
		if i%2 == 1 {
			q = p.Mul(rat(t, "1/3"))
		}
		opps = append(opps, Opportunity{ID: itoa(i), Owner: "ana", Amount: usd(t, "1000"), Probability: q, Created: fixedDay, Close: fixedDay})
	}
	err, _ = within(t, "Build", func() error {
		r, err := Build(metrics.FromSlice(opps), Options{})
		if err == nil {
			_ = r.Total().WeightedPipeline(metrics.Context{})
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

// Caller integers are bounded: a stale threshold of 2^62 days, a coverage
// report of a million quarters, a ramp of 10,000 months are refused; a
// capacity plan over many months and hires runs in time.
func TestHostileSizes(t *testing.T) {
	h, err := LoadHistory(metrics.FromSlice(acceptanceHistory(t)), Options{Policy: acceptancePolicy(), By: Dimensions{Period: ByQuarter, Owner: true}})
	if err != nil {
		t.Fatal(err)
	}
	wantValueErr(t, "stale days", errOf(h.Aging(day(t, "2024-05-15"), 1<<62)), metrics.ErrOutOfRange)
	q := buildAcceptance(t, Dimensions{Period: ByQuarter})
	wantValueErr(t, "a million quarters", errOf(q.Coverage(quarter(t, "2024-Q1"), make([]metrics.Money, 1_000_000)...)), metrics.ErrOutOfRange)
	wantMetricErr(t, "ramp", errOf(Plan{Ramp: make([]metrics.Ratio, 10_000)}.Capacity(nil)), metrics.ErrOutOfRange, "team_capacity")
	var hires []Hire
	var targets []MonthTarget
	start := month(t, "0001-01")
	for i := range 15_000 {
		hires = append(hires, Hire{Start: start.Add(i * 5), Reps: 1})
		targets = append(targets, MonthTarget{Month: start.Add(i * 6), Target: usd(t, "1")})
	}
	ramp := make([]metrics.Ratio, MaxRampMonths)
	for i := range ramp {
		ramp[i], _ = metrics.NewRatio(int64(i), MaxRampMonths)
	}
	err, _ = within(t, "Plan.Capacity", func() error {
		_, err := Plan{Hires: hires, QuotaPerRep: usd(t, "10"), Attainment: rat(t, "1"), Ramp: ramp}.Capacity(targets)
		return err
	})
	if err != nil {
		t.Error(err)
	}
	// Many snapshots of a long history: one copy of the live cells each.
	var changes []Change
	for i := range 20_000 {
		o := Opportunity{ID: itoa(i % 500), Owner: genOwners[i%5], Stage: "Proposal", Amount: usd(t, "10"), Probability: rat(t, "60%"),
			Created: fixedDay, Close: fixedDay.AddDate(0, 0, i%300)}
		changes = append(changes, Change{At: fixedDay.Add(time.Duration(i) * time.Minute), Opportunity: o})
	}
	at := make([]time.Time, 5000)
	for i := range at {
		at[i] = fixedDay.Add(time.Duration(i*4) * time.Minute)
	}
	err, _ = within(t, "Snapshots", func() error {
		h, err := LoadHistory(metrics.FromSlice(changes), Options{Policy: acceptancePolicy(), By: Dimensions{Owner: true}})
		if err != nil {
			return err
		}
		_, err = h.Snapshots(at...)
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

// Dates at the calendar's ends: 0001-01-02 (midnight UTC of 0001-01-01 is
// the zero time.Time, "missing") and 9999-12-31 are valid, the cycle
// between them 3,652,057 days.
func TestHostileDates(t *testing.T) {
	o := Opportunity{ID: "long", Owner: "ana", Amount: usd(t, "1"), Created: day(t, "0001-01-02"), Close: day(t, "9999-12-31"), Status: StatusWon}
	r, err := Build(metrics.FromSlice([]Opportunity{o}), Options{By: Dimensions{Period: ByQuarter, Created: true}})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Cells()
	if len(c) != 1 || c[0].Key.Quarter != quarter(t, "0001-Q1") {
		t.Fatalf("cells %v", c)
	}
	if d, err := c[0].Totals.AverageCycleDays(); err != nil || !d.Equal(qty(t, "3652057", metrics.UnitDays)) {
		t.Errorf("cycle %v, %v", d, err)
	}
	// A date in another location counts by its own calendar date.
	tokyo := time.FixedZone("JST", 9*3600)
	o2 := Opportunity{ID: "tz", Owner: "ana", Amount: usd(t, "1"), Created: time.Date(2024, 3, 31, 23, 0, 0, 0, time.UTC),
		Close: time.Date(2024, 4, 1, 1, 0, 0, 0, tokyo), Status: StatusWon} // 31 Mar 16:00 UTC, but 1 Apr in Tokyo
	r, err = Build(metrics.FromSlice([]Opportunity{o2}), Options{By: Dimensions{Period: ByMonth}})
	if err != nil || r.Cells()[0].Key.Month != month(t, "2024-04") {
		t.Fatalf("%v, %v", r.Cells(), err)
	}
	if d, _ := r.Total().AverageCycleDays(); !d.Equal(qty(t, "1", metrics.UnitDays)) {
		t.Errorf("cycle across zones %v", d)
	}
}
