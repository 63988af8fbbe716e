package health_test

import (
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/health"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// readings builds readings from name, value text pairs.
func readings(kv ...string) []health.Reading {
	var out []health.Reading
	for i := 0; i+1 < len(kv); i += 2 {
		v, err := health.ParseValue(kv[i+1])
		if err != nil {
			panic(err) // the examples' values are valid
		}
		out = append(out, health.Reading{Signal: kv[i], Value: v})
	}
	return out
}

// usd returns a whole amount in USD.
func usd(n int64) metrics.Money {
	m, err := metrics.MoneyFromInt(n, "USD")
	if err != nil {
		panic(err) // "USD" is a valid code
	}
	return m
}

// The default model of seeds/004 (usage 40%, engagement 30%, support 15%,
// outcomes 15%): every signal at half its goal except a CSAT of 4.2 (60
// points) gives 20 + 15 + 8.25 + 7.5 = 50.75, yellow. Without the DAU/MAU
// reading the model re-weights over what is present and says so in the
// coverage.
func ExampleDefaultModel() {
	m := health.DefaultModel()
	rs := readings("weekly_active_seats", "0.3", "dau_mau", "0.2", "core_feature_adoption", "0.35",
		"meeting_attendance", "0.5", "outreach_response_rate", "0.5", "response_hours", "38",
		"escalation_rate", "0.05", "csat", "4.2", "success_metrics_met", "0.5", "roi_realised", "0.5")
	r, err := m.Score("acme", rs)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Score, r.Band, r.Coverage())
	e, _ := m.Explain("acme", rs)
	for _, c := range e.Components {
		fmt.Printf("%s: %s points × %s = %s\n", c.Component, c.Points, c.Weight, c.Contribution)
	}
	partial, _ := m.Score("acme", append(rs[:1:1], rs[2:]...))
	fmt.Println(partial.Score, partial.Coverage().StringPercent(metrics.Places(1)), partial.Missing)
	// Output:
	// 50.75 yellow 100%
	// usage: 50 points × 40% = 20
	// engagement: 50 points × 30% = 15
	// support: 55 points × 15% = 8.25
	// outcomes: 50 points × 15% = 7.5
	// 50.8653846154 86.7% 1
}

// seeds/003's health index: points for a few key events happening (or, for
// an escalation, not happening).
func ExampleNewEventModel() {
	m, err := health.NewEventModel(health.EventConfig{Missing: health.MissingZero, Events: []health.Event{
		{Name: "onboarding_completed", Points: 30},
		{Name: "qbr_held", Points: 25},
		{Name: "exec_sponsor_met", Points: 20},
		{Name: "escalation", Points: 15, Absent: true},
		{Name: "core_feature_adopted", Points: 10},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := m.Score("acme", readings("onboarding_completed", "1", "qbr_held", "0", "exec_sponsor_met", "1", "escalation", "2", "core_feature_adopted", "1"))
	fmt.Println(r.Score, r.Band)
	// Output: 60 yellow
}

// Weights as any positive numbers are normalised exactly, as Gainsight
// does: 5, 3 and 2 become 50%, 30% and 20%; a third stays a third.
func ExampleNewModelNormalised() {
	one := metrics.RatioFromInt(1)
	m, err := health.NewModelNormalised(health.Config{Missing: health.MissingReject, Components: []health.Component{
		{Name: "usage", Weight: metrics.RatioFromInt(5), Signals: []health.Signal{{Name: "logins", Weight: one, Normaliser: health.Target{At: decimal.New(20, 0)}}}},
		{Name: "engagement", Weight: metrics.RatioFromInt(3), Signals: []health.Signal{{Name: "meetings", Weight: one, Normaliser: health.MinMax{Min: decimal.New(0, 0), Max: decimal.New(3, 0)}}}},
		{Name: "support", Weight: metrics.RatioFromInt(2), Signals: []health.Signal{{Name: "tickets", Weight: one, Normaliser: health.Inverse{Best: decimal.New(0, 0), Worst: decimal.New(10, 0)}}}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range m.Config().Components {
		if i > 0 {
			fmt.Print(", ")
		}
		fmt.Print(c.Name, " ", c.Weight)
	}
	fmt.Println()
	// 10 logins: 50 points; 1 meeting of 3: 100/3; 2 tickets: 80.
	r, _ := m.Score("acme", readings("logins", "10", "meetings", "1", "tickets", "2"))
	b, _ := r.Score.MarshalText()
	fmt.Println(r.Score, string(b), r.Band)
	// Output:
	// usage 50%, engagement 30%, support 20%
	// 51 51 yellow
}

// A book by band, by count and by ARR, against seeds/000's target of 70%+
// healthy; the accounts at risk (below green) and the ARR at risk.
func ExampleBuildPortfolio() {
	p, err := health.BuildPortfolio(metrics.FromSlice([]health.Account{
		{ID: "a1", CSM: "ana", ARR: usd(1_000_000), Score: health.PointsOf(85)},
		{ID: "a2", CSM: "ana", ARR: usd(600_000), Score: health.PointsOf(79)},
		{ID: "a3", CSM: "ben", ARR: usd(400_000), Score: health.PointsOf(40)},
		{ID: "a4", CSM: "ben", ARR: usd(2_000_000), Score: health.PointsOf(80)},
	}), health.Options{TopN: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	byCount, _ := p.Distribution(health.ByCount)
	byARR, _ := p.Distribution(health.ByARR)
	fmt.Println("by count:", byCount.Green, byCount.Yellow, byCount.Red, byCount.MeetsTarget())
	fmt.Println("by ARR:  ", byARR.Green, byARR.Yellow, byARR.Red, byARR.MeetsTarget())
	risk, _ := p.AtRisk()
	share, _ := risk.ARRShare()
	fmt.Println("at risk:", risk.AtRisk.Accounts, risk.AtRisk.ARR, share, "critical:", risk.Critical.Accounts)
	for _, a := range p.TopAtRisk() {
		fmt.Println(a.ID, a.ARR, a.Score, a.Band)
	}
	// Output:
	// by count: 50% 25% 25% false
	// by ARR:   75% 15% 10% false
	// at risk: 2 1000000.00 USD 25% critical: 1
	// a2 600000.00 USD 79 yellow
	// a3 400000.00 USD 40 red
}

// Each CSM's book against the ARR-per-CSM band of its segment, looked up
// in the dictionary.
func ExamplePortfolio_Books() {
	p, _ := health.BuildPortfolio(metrics.FromSlice([]health.Account{
		{ID: "a1", CSM: "ana", Segment: "enterprise", ARR: usd(1_200_000), Score: health.PointsOf(85)},
		{ID: "a2", CSM: "ana", Segment: "enterprise", ARR: usd(900_000), Score: health.PointsOf(60)},
	}), health.Options{})
	dict, err := metrics.NewDictionary(metrics.Definitions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range p.Books(dict) {
		t := b.Mix.Total()
		fmt.Println(b.CSM, b.Segment, t.Accounts, t.ARR, b.Classified, b.Mix.Green.Accounts, b.Mix.Yellow.Accounts)
	}
	// Output: ana enterprise 2 2100000.00 USD true 1 1
}

// Renewals due in the next 90 days, each band's churn risk applied to the
// ARR: 1,000 green at 5%, 3,000 red at 50%; the one renewing in April is
// outside the window.
func ExampleRenewals() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	f, err := health.Renewals(metrics.FromSlice([]health.Account{
		{ID: "r1", Renewal: day(1, 20), ARR: usd(1000), Score: health.PointsOf(90)},
		{ID: "r2", Renewal: day(2, 15), ARR: usd(3000), Score: health.PointsOf(10)},
		{ID: "r3", Renewal: day(4, 15), ARR: usd(5000), Score: health.PointsOf(10)},
	}), health.RenewalOptions{
		AsOf: day(1, 1),
		Risk: health.BandRisk{Green: metrics.Percent(5), Yellow: metrics.Percent(20), Red: metrics.Percent(50)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range f.Due {
		fmt.Println(r.ID, r.DaysLeft, r.Band, r.ExpectedChurn, r.ExpectedRenewal)
	}
	fmt.Println(f.DueARR, f.ExpectedChurn, f.ExpectedRenewal)
	// Output:
	// r1 19 green 50.00 USD 950.00 USD
	// r2 45 red 1500.00 USD 1500.00 USD
	// 4000.00 USD 1550.00 USD 2450.00 USD
}

// Calibrating a score against what happened: churn per band, the AUC (a
// churned account scored below a retained one 5 times in 8, ties counting
// half), the lift of red over green, and the usage level that separates
// retained from churned customers.
func ExampleCalibrate() {
	o := func(id string, score int64, usage string, churned bool) health.Outcome {
		v, _ := health.ParseValue(usage)
		return health.Outcome{Account: id, Score: health.PointsOf(score), Usage: v, Churned: churned}
	}
	c, err := health.Calibrate(metrics.FromSlice([]health.Outcome{
		o("o1", 90, "0.5", false), o("o2", 85, "0.4", false), o("o3", 85, "0.1", true),
		o("o4", 60, "0.3", false), o("o5", 55, "0.2", true),
		o("o6", 30, "0.1", true), o("o7", 20, "0.35", false),
	}), health.CalibrationOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	green, _ := c.Green.ChurnRate()
	red, _ := c.Red.ChurnRate()
	auc, _ := c.AUC()
	lift, _ := c.Lift()
	th, _ := c.UsageThreshold()
	fmt.Println(green.StringPercent(metrics.Places(1)), red, auc, lift.StringMultiple(metrics.Places(2)))
	fmt.Println("retained at usage ≥", th.Usage, "J =", th.J)
	// Output:
	// 33.3% 50% 62.5% 1.5x
	// retained at usage ≥ 0.3 J = 100%
}

// A score's trend between two snapshots, with the leading indicators
// seeds/004 names. Seven of the ten signals are read (77.5% of the weight,
// re-weighted): before, 74.8333… ÷ 0.775 = 96.559…; after, with DAU/MAU
// falling from 35% to 15% and answers taking 72 hours instead of 4,
// 42.6905… ÷ 0.775 = 55.084…: down, a decline, and both the usage and the
// engagement points fell by more than 20%.
func ExampleCompare() {
	m := health.DefaultModel()
	before, _ := m.Explain("acme", readings("weekly_active_seats", "0.6", "dau_mau", "0.35", "core_feature_adoption", "0.7",
		"meeting_attendance", "1", "outreach_response_rate", "0.9", "response_hours", "4", "csat", "4.6"))
	after, _ := m.Explain("acme", readings("weekly_active_seats", "0.3", "dau_mau", "0.15", "core_feature_adoption", "0.5",
		"meeting_attendance", "0.5", "outreach_response_rate", "0.9", "response_hours", "72", "csat", "4.6"))
	c, err := health.Compare(health.Pair{Previous: before, Current: after}, health.Rules{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Previous, "→", c.Current, c.Arrow, c.Declined, c.Flags)
	// Output: 96.5591397849 → 55.0844854071 down true usage drop, engagement drop
}
