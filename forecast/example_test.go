package forecast_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/forecast"
	"github.com/saasmetrics/saasmetrics/metrics"
)

// usd returns a whole amount in USD (the examples' amounts are valid).
func usd(n int64) metrics.Money {
	m, _ := metrics.MoneyFromInt(n, "USD")
	return m
}

// date returns midnight UTC of a day.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// policy is a stage map: Negotiation sits in Best Case although deals there
// carry 90% (the thresholds would say Commit); Prospecting leaves the
// category to the thresholds.
var policy = forecast.Policy{Stages: []forecast.Stage{
	{Name: "Prospecting"},
	{Name: "Proposal", Category: forecast.CategoryPipeline},
	{Name: "Negotiation", Category: forecast.CategoryBestCase},
	{Name: "Contract", Category: forecast.CategoryCommit},
	{Name: "Closed Won", Category: forecast.CategoryClosed},
	{Name: "Closed Lost", Category: forecast.CategoryOmitted},
}}

// pipeline is a small quarter of deals.
func pipeline() []forecast.Opportunity {
	o := func(id, owner, stage string, amount int64, pct int64, status forecast.Status) forecast.Opportunity {
		return forecast.Opportunity{ID: id, Owner: owner, Manager: "maria", Stage: stage, Amount: usd(amount),
			Probability: metrics.Percent(pct), Created: date(2024, 4, 1), Close: date(2024, 6, 15), Status: status}
	}
	override := o("o5", "ben", "Proposal", 30_000, 60, forecast.StatusOpen)
	override.Category = forecast.CategoryCommit // the rep's call
	return []forecast.Opportunity{
		o("o1", "ana", "Closed Won", 20_000, 100, forecast.StatusWon),
		o("o2", "ana", "Contract", 40_000, 90, forecast.StatusOpen),
		o("o3", "ana", "Negotiation", 10_000, 90, forecast.StatusOpen),
		o("o4", "ben", "Prospecting", 50_000, 10, forecast.StatusOpen),
		override,
		o("o6", "ben", "Closed Lost", 25_000, 0, forecast.StatusLost),
	}
}

// A category comes from the status, an override, the stage map, then the
// probability thresholds (commit ≥ 90%, best case ≥ 50%).
func ExamplePolicy_Categorize() {
	for _, o := range pipeline() {
		a, err := policy.Categorize(o)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %-11s by %-9s (stage says %s, probability says %s)\n", o.ID, a.Category, a.Source, a.Stage, a.Threshold)
	}
	bad := pipeline()[1]
	bad.Probability = metrics.Percent(120)
	_, err := policy.Categorize(bad)
	fmt.Println(err)
	// Output:
	// o1 Closed      by status    (stage says Closed, probability says Commit)
	// o2 Commit      by stage     (stage says Commit, probability says Commit)
	// o3 Best Case   by stage     (stage says Best Case, probability says Commit)
	// o4 Pipeline    by threshold (stage says none, probability says Pipeline)
	// o5 Commit      by override  (stage says Pipeline, probability says Best Case)
	// o6 Omitted     by status    (stage says Omitted, probability says Pipeline)
	// metrics: record ? (opportunity "o2", month 2024-06): probability: value out of range: 120% not in [0%, 100%]
}

// Salesforce's cumulative forecasts by owner, and the exact weighted
// pipeline.
func ExampleBuild() {
	r, err := forecast.Build(metrics.FromSlice(pipeline()), forecast.Options{Policy: policy, By: forecast.Dimensions{Owner: true}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Cells() {
		t := c.Totals
		fmt.Printf("%s: closed %s, commit %s, best case %s, open %s, weighted %s\n", c.Key.Owner,
			t.Closed(), t.CommitForecast(), t.BestCaseForecast(), t.OpenPipeline(), t.WeightedPipeline(metrics.Places(2)))
	}
	for _, ov := range r.Overrides() {
		fmt.Printf("override: %s counts in %s, the policy says %s (%s)\n", ov.ID, ov.Category, ov.Policy, ov.Source)
	}
	// Output:
	// ana: closed 20000.00 USD, commit 60000.00 USD, best case 70000.00 USD, open 50000.00 USD, weighted 45000.00 USD
	// ben: closed 0.00 USD, commit 30000.00 USD, best case 30000.00 USD, open 80000.00 USD, weighted 23000.00 USD
	// override: o5 counts in Commit, the policy says Pipeline (stage)
}

// Coverage of this quarter's target and of what remains of it, beside the
// coverage the win rate implies; the bands follow the seed (3–5x needed).
func ExampleRollup_Coverage() {
	r, err := forecast.Build(metrics.FromSlice(pipeline()), forecast.Options{Policy: policy, By: forecast.Dimensions{Period: forecast.ByQuarter}})
	dict, err2 := metrics.NewDictionary(forecast.Definitions())
	if err := errors.Join(err, err2); err != nil {
		fmt.Println(err)
		return
	}
	q2, _ := metrics.NewQuarter(2024, 2)
	cs, err := r.Coverage(q2, usd(40_000), usd(100_000), usd(100_000))
	if err != nil {
		fmt.Println(err)
		return
	}
	show := func(id string, c metrics.Ratio, err error) string {
		if err != nil {
			return err.Error()
		}
		def, _ := dict.Lookup(id)
		b, _ := def.Classify(c)
		return c.StringMultiple(metrics.Places(2)) + " " + b.Name
	}
	for _, c := range cs {
		cov, err1 := forecast.PipelineCoverage(c)
		rem, err2 := forecast.RemainingCoverage(c)
		fmt.Printf("%s pipeline %s target %s: %s; of the remaining target %s\n", c.Quarter, c.Pipeline, c.Target,
			show("pipeline_coverage", cov, err1), show("remaining_pipeline_coverage", rem, err2))
	}
	win, _ := r.Total().WinRate()
	implied, _ := forecast.ImpliedCoverage(win)
	fmt.Println("win rate", win, "implies", implied.StringMultiple(metrics.Places(2)))
	// Output:
	// 2024-Q2 pipeline 130000.00 USD target 40000.00 USD: 3.25x healthy; of the remaining target 6.5x ample
	// 2024-Q3 pipeline 0.00 USD target 100000.00 USD: 0x insufficient; of the remaining target 0x insufficient
	// 2024-Q4 pipeline 0.00 USD target 100000.00 USD: 0x insufficient; of the remaining target 0x insufficient
	// win rate 50% implies 2x
}

// Velocity from its four inputs; a roll-up cell computes it from its own
// sums.
func ExamplePipelineVelocity() {
	win, err1 := forecast.WinRate(forecast.Deals{Won: 25, Lost: 75})
	cycle, err2 := forecast.AverageSalesCycleDays([]time.Duration{45 * 24 * time.Hour, 60 * 24 * time.Hour, 75 * 24 * time.Hour})
	if err := errors.Join(err1, err2); err != nil {
		fmt.Println(err)
		return
	}
	v, err := forecast.PipelineVelocity(forecast.Velocity{Opportunities: 50, AverageDeal: usd(25_000), WinRate: win, Cycle: cycle})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("win rate", win, "cycle", cycle)
	fmt.Println("velocity per day", v.Round(metrics.Places(2)))
	// Output:
	// win rate 25% cycle 60 days
	// velocity per day 5208.33 USD
}

// Forecast against actual: accuracy of one forecast, and WAPE and bias
// over several; an actual of 0 leaves the accuracy undefined.
func ExampleForecastAccuracy() {
	outcomes := []forecast.Outcome{
		{Forecast: usd(920_000), Actual: usd(1_000_000)},
		{Forecast: usd(300_000), Actual: usd(250_000)},
		{Forecast: usd(50_000), Actual: metrics.Money{}},
	}
	for _, o := range outcomes {
		acc, err := forecast.ForecastAccuracy(o)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println("accuracy", acc)
	}
	wape, _ := forecast.WAPE(outcomes)
	bias, _ := forecast.Bias(outcomes)
	fmt.Println("WAPE", wape.StringPercent(metrics.Places(2)), "bias", bias.StringPercent(metrics.Places(2)))
	// Output:
	// accuracy 92%
	// accuracy 80%
	// metrics: forecast_accuracy: actual: zero denominator
	// WAPE 14.4% bias 1.6%
}

// Snapshots from opportunity history: the commit forecast for 2024-Q2 as it
// stood on 1 May, against what closed; the deal that slipped to Q3 made the
// miss.
func ExampleHistory_Snapshots() {
	deal := forecast.Opportunity{ID: "o1", Owner: "ana", Stage: "Contract", Amount: usd(40_000),
		Probability: metrics.Percent(90), Created: date(2024, 4, 1), Close: date(2024, 6, 20)}
	slipped := deal
	slipped.Close = date(2024, 7, 15)
	small := forecast.Opportunity{ID: "o2", Owner: "ana", Stage: "Contract", Amount: usd(10_000),
		Probability: metrics.Percent(90), Created: date(2024, 4, 2), Close: date(2024, 6, 1)}
	won := small
	won.Stage, won.Status = "Closed Won", forecast.StatusWon
	history := []forecast.Change{
		{At: date(2024, 4, 1), Opportunity: deal},
		{At: date(2024, 4, 2), Opportunity: small},
		{At: date(2024, 6, 1), Opportunity: won},
		{At: date(2024, 6, 10), Opportunity: slipped},
	}
	by := forecast.Dimensions{Period: forecast.ByQuarter}
	h, err := forecast.LoadHistory(metrics.FromSlice(history), forecast.Options{Policy: policy, By: by})
	if err != nil {
		fmt.Println(err)
		return
	}
	snaps, err := h.Snapshots(date(2024, 5, 1), date(2024, 12, 31))
	if err != nil {
		fmt.Println(err)
		return
	}
	cmp, err := forecast.Compare(snaps[0], snaps[1], forecast.Totals.CommitForecast)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cmp {
		acc, err := forecast.ForecastAccuracy(c.Outcome)
		if err != nil {
			fmt.Println(c.Key, "forecast", c.Outcome.Forecast, "actual", c.Outcome.Actual, err)
			continue
		}
		fmt.Println(c.Key, "forecast", c.Outcome.Forecast, "actual", c.Outcome.Actual, "accuracy", acc)
	}
	// Output:
	// 2024-Q2 forecast 50000.00 USD actual 10000.00 USD accuracy -300%
	// 2024-Q3 forecast 0.00 USD actual 0.00 USD metrics: forecast_accuracy: actual: zero denominator
}

// Stage-to-stage conversion and stale deals from stage history: b skipped
// Proposal (it counts as passed), c was lost at Prospecting, d sits at
// Proposal.
func ExampleHistory_Conversion() {
	at := func(id, stage string, d int, status forecast.Status) forecast.Change {
		return forecast.Change{At: date(2024, 4, d), Opportunity: forecast.Opportunity{ID: id, Owner: "ana", Stage: stage,
			Amount: usd(1_000), Created: date(2024, 4, 1), Close: date(2024, 6, 30), Status: status}}
	}
	history := []forecast.Change{
		at("a", "Prospecting", 1, forecast.StatusOpen), at("a", "Proposal", 3, forecast.StatusOpen), at("a", "Closed Won", 20, forecast.StatusWon),
		at("b", "Prospecting", 1, forecast.StatusOpen), at("b", "Negotiation", 5, forecast.StatusOpen),
		at("c", "Prospecting", 2, forecast.StatusOpen), at("c", "Closed Lost", 9, forecast.StatusLost),
		at("d", "Proposal", 2, forecast.StatusOpen),
	}
	h, err := forecast.LoadHistory(metrics.FromSlice(history), forecast.Options{Policy: policy})
	if err != nil {
		fmt.Println(err)
		return
	}
	steps, _ := h.Conversion()
	for _, s := range steps {
		r, _ := s.Rate()
		fmt.Printf("%s → %s: %d of %d (%s)\n", s.From, s.To, s.Converted, s.Entered, r.StringPercent(metrics.Places(1)))
	}
	ages, _ := h.Aging(date(2024, 4, 30), 21)
	for _, a := range ages {
		fmt.Printf("%s at %s for %d days, stale %v\n", a.ID, a.Stage, a.InStageDays, a.Stale)
	}
	// Output:
	// Prospecting → Proposal: 3 of 4 (75%)
	// Proposal → Negotiation: 2 of 3 (66.7%)
	// Negotiation → Contract: 1 of 2 (50%)
	// Contract → won: 1 of 1 (100%)
	// d at Proposal for 28 days, stale true
	// b at Negotiation for 25 days, stale true
}

// The seed's capacity example: a $20M target against $15M of capacity is a
// $5M gap; and a plan that ramps new reps month by month.
func ExamplePlan_Capacity() {
	capacity, err := forecast.TeamCapacity(forecast.Team{Reps: 15, QuotaPerRep: usd(1_250_000), Attainment: metrics.Percent(80), Ramp: metrics.Percent(100)})
	if err != nil {
		fmt.Println(err)
		return
	}
	gap, _ := forecast.CapacityGap(forecast.Gap{Target: usd(20_000_000), Capacity: capacity})
	fmt.Println("capacity", capacity, "gap", gap)
	jan, _ := metrics.NewMonth(2024, time.January)
	plan := forecast.Plan{
		Hires:       []forecast.Hire{{Start: jan.Add(-12), Reps: 4}, {Start: jan, Reps: 2}},
		QuotaPerRep: usd(50_000), Attainment: metrics.Percent(80),
		Ramp: []metrics.Ratio{metrics.Percent(25), metrics.Percent(50), metrics.Percent(75)},
	}
	months, err := plan.Capacity([]forecast.MonthTarget{{Month: jan, Target: usd(200_000)}, {Month: jan.Add(1), Target: usd(200_000)}, {Month: jan.Add(3), Target: usd(200_000)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range months {
		fmt.Printf("%s: %d reps, %s ramped, capacity %s, gap %s\n", m.Month, m.Headcount, m.Ramped.StringMultiple(metrics.Places(2)), m.Capacity, m.Gap)
	}
	// Output:
	// capacity 15000000.00 USD gap 5000000.00 USD
	// 2024-01: 6 reps, 4.5x ramped, capacity 180000.00 USD, gap 20000.00 USD
	// 2024-02: 6 reps, 5x ramped, capacity 200000.00 USD, gap 0.00 USD
	// 2024-04: 6 reps, 6x ramped, capacity 240000.00 USD, gap -40000.00 USD
}

// Reps ranked by quota attainment, and one rep's pace through the quarter.
func ExampleRollup_Ranking() {
	r, err := forecast.Build(metrics.FromSlice(pipeline()), forecast.Options{Policy: policy, By: forecast.Dimensions{Owner: true}})
	if err != nil {
		fmt.Println(err)
		return
	}
	ranks, err := r.Ranking(map[string]metrics.Money{"ana": usd(50_000), "ben": usd(40_000)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rk := range ranks {
		fmt.Println(rk.Position, rk.Owner, rk.Attainment)
	}
	q2, _ := metrics.NewQuarter(2024, 2)
	elapsed, _ := forecast.ElapsedShare(q2, date(2024, 5, 15))
	pace, _ := forecast.QuotaPacing(forecast.Quota{Achieved: usd(20_000), Target: usd(50_000), Elapsed: elapsed})
	fmt.Println("elapsed", elapsed.StringPercent(metrics.Places(1)), "pace", pace.StringPercent(metrics.Places(1)))
	// Output:
	// 1 ana 40%
	// 2 ben 0%
	// elapsed 49.5% pace 80.9%
}

// Activities per rep and kind in April.
func ExampleCountActivities() {
	acts := []forecast.Activity{
		{Owner: "ana", Kind: "call", At: date(2024, 4, 2)}, {Owner: "ana", Kind: "call", At: date(2024, 4, 3)},
		{Owner: "ana", Kind: "demo", At: date(2024, 4, 9)}, {Owner: "ben", Kind: "email", At: date(2024, 5, 2)},
	}
	got, err := forecast.CountActivities(metrics.FromSlice(acts), date(2024, 4, 1), date(2024, 5, 1), forecast.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range got.Counts {
		fmt.Println(c.Owner, c.Kind, c.Count)
	}
	// Output:
	// ana call 2
	// ana demo 1
}
