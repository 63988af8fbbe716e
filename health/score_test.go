package health

import (
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// defaultReads returns the ten readings of the default model in its order.
func defaultReads(t *testing.T, wa, dau, core, meet, outreach, resp, esc, csat, success, roi string) []Reading {
	return reads(t, "weekly_active_seats", wa, "dau_mau", dau, "core_feature_adoption", core,
		"meeting_attendance", meet, "outreach_response_rate", outreach, "response_hours", resp,
		"escalation_rate", esc, "csat", csat, "success_metrics_met", success, "roi_realised", roi)
}

// Hand-computed scores under the default model. Effective weights: each
// usage signal 40% ÷ 3 = 2/15, each engagement signal 30% ÷ 3 = 1/10, each
// support and outcomes signal 15% ÷ 2 = 3/40.
func TestDefaultModelScores(t *testing.T) {
	m := DefaultModel()
	cases := []struct {
		name     string
		readings []Reading
		score    string
		band     metrics.Status
	}{
		// Every signal at or beyond its goal: 100 points each, score 100.
		{"all green", defaultReads(t, "0.6", "0.5", "0.7", "1", "1", "2", "0", "4.8", "1", "1.2"), "100", metrics.StatusGreen},
		// Every signal at half its goal (response 38 h: (72 − 38) ÷ 68 = 50%;
		// escalations 5%: 50) except CSAT 4.2 (60 points): usage 50 × 0.4 = 20,
		// engagement 50 × 0.3 = 15, support (50 + 60) ÷ 2 × 0.15 = 8.25,
		// outcomes 50 × 0.15 = 7.5: 50.75.
		{"half way", defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.5", "38", "0.05", "4.2", "0.5", "0.5"), "50.75", metrics.StatusYellow},
		// Every component at 80 (response 17.6 h: (72 − 17.6) ÷ 68 = 80%;
		// support: escalations 0 → 100 and CSAT 4.0 → 60 average 80): 80 is
		// green (the band includes its lower edge).
		{"green edge 80", defaultReads(t, "0.48", "0.32", "0.56", "0.8", "0.8", "17.6", "0", "4.0", "0.8", "0.8"), "80", metrics.StatusGreen},
		// The same with meetings at 75%: 80 − 0.1 × 5 = 79.5, yellow.
		{"79.5 is yellow", defaultReads(t, "0.48", "0.32", "0.56", "0.75", "0.8", "17.6", "0", "4.0", "0.8", "0.8"), "79.5", metrics.StatusYellow},
		// Every component at 50 (escalations 6% → 40 and CSAT 4.0 → 60
		// average 50): 50 is yellow.
		{"yellow edge 50", defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.5", "38", "0.06", "4.0", "0.5", "0.5"), "50", metrics.StatusYellow},
		// The same with outreach answered 49%: 50 − 0.1 × 1 = 49.9, red.
		{"49.9 is red", defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.49", "38", "0.06", "4.0", "0.5", "0.5"), "49.9", metrics.StatusRed},
		// All 100 but a 5-hour response: (72 − 5) ÷ 68 × 100 = 1675/17 points;
		// the score is 100 − 0.1 × (100 − 1675/17) = 100 − 5/34 = 3395/34.
		{"exact fraction", defaultReads(t, "0.6", "0.4", "0.7", "1", "1", "5", "0", "4.5", "1", "1"), "3395/34", metrics.StatusGreen},
		// Nothing used, nothing answered, slow, many escalations, poor CSAT: 0.
		{"all red", defaultReads(t, "0", "0", "0", "0", "0", "100", "0.5", "3.9", "0", "0"), "0", metrics.StatusRed},
	}
	for _, tc := range cases {
		r, err := m.Score("acct", tc.readings)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !r.Score.Equal(pts(t, tc.score)) || r.Band != tc.band || r.Missing != 0 || !r.Coverage().Equal(metrics.RatioFromInt(1)) {
			t.Errorf("%s: score %s band %v missing %d coverage %v; want %s %v", tc.name, r.Score, r.Band, r.Missing, r.Coverage(), tc.score, tc.band)
		}
		// The exact path agrees, and its parts sum to the score.
		e, err := m.Explain("acct", tc.readings)
		if err != nil || !e.Score.Equal(r.Score) || e.Band != r.Band {
			t.Errorf("%s: Explain %v %v, Score %v", tc.name, e.Score, err, r.Score)
		}
		checkParts(t, tc.name, e)
	}
}

// checkParts checks that the signals' and the components' contributions sum
// exactly to the score.
func checkParts(t *testing.T, name string, e Explanation) {
	t.Helper()
	var bySignal, byComponent Points
	for _, s := range e.Signals {
		bySignal = bySignal.Add(s.Contribution)
	}
	for _, c := range e.Components {
		byComponent = byComponent.Add(c.Contribution)
	}
	if !bySignal.Equal(e.Score) || !byComponent.Equal(e.Score) {
		t.Errorf("%s: signals sum to %s, components to %s, score %s", name, bySignal, byComponent, e.Score)
	}
}

// The parts of the half-way account: usage 50 points × 40% = 20, support
// 55 points × 15% = 8.25, and the CSAT signal's 60 points × 3/40 = 4.5.
func TestExplainParts(t *testing.T) {
	e, err := DefaultModel().Explain("acct", defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.5", "38", "0.05", "4.2", "0.5", "0.5"))
	if err != nil {
		t.Fatal(err)
	}
	usage, support := e.Components[0], e.Components[2]
	if usage.Component != "usage" || !usage.Points.Equal(PointsOf(50)) || !usage.Contribution.Equal(PointsOf(20)) || !usage.Weight.Equal(metrics.Percent(40)) {
		t.Errorf("usage part %+v", usage)
	}
	if support.Component != "support" || !support.Points.Equal(PointsOf(55)) || !support.Contribution.Equal(pts(t, "8.25")) {
		t.Errorf("support part %+v", support)
	}
	csat := e.Signals[7]
	if csat.Signal != "csat" || csat.Component != "support" || !csat.Points.Equal(PointsOf(60)) || !csat.Contribution.Equal(pts(t, "4.5")) || !csat.Weight.Equal(rat(t, "3/40")) || !csat.Value.Equal(val(t, "4.2")) {
		t.Errorf("csat part %+v", csat)
	}
}

// A two-signal model for the missing rules: logins (target 20) 60%,
// tickets (inverse 0–10, imputed 5) 40%.
func missingModel(t *testing.T, rule Missing) *Model {
	t.Helper()
	m, err := NewModel(Config{Missing: rule, Components: []Component{
		{Name: "usage", Weight: metrics.Percent(60), Signals: []Signal{{Name: "logins", Weight: metrics.Percent(100), Normaliser: Target{At: dec(t, "20")}}}},
		{Name: "support", Weight: metrics.Percent(40), Signals: []Signal{{Name: "tickets", Weight: metrics.Percent(100), Normaliser: Inverse{Best: dec(t, "0"), Worst: dec(t, "10")}, Impute: val(t, "5")}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Ten logins (50 points) and no ticket reading, under each rule.
func TestMissingRules(t *testing.T) {
	only := reads(t, "logins", "10")
	cases := []struct {
		rule  Missing
		score string // "" for an error
	}{
		{MissingReject, ""},
		{MissingReweight, "50"}, // 60% × 50 ÷ 60%
		{MissingZero, "30"},     // 60% × 50 + 40% × 0
		{MissingImpute, "50"},   // 60% × 50 + 40% × (10 − 5) ÷ 10 × 100
	}
	for _, tc := range cases {
		m := missingModel(t, tc.rule)
		r, err := m.Score("a1", only)
		e, errE := m.Explain("a1", only)
		if tc.score == "" {
			wantRowErr(t, err, "a1", "tickets", metrics.ErrMissing)
			wantRowErr(t, errE, "a1", "tickets", metrics.ErrMissing)
			continue
		}
		if err != nil || errE != nil {
			t.Fatalf("%v: %v, %v", tc.rule, err, errE)
		}
		if !r.Score.Equal(pts(t, tc.score)) || !r.Coverage().Equal(metrics.Percent(60)) || r.Missing != 1 {
			t.Errorf("%v: score %s coverage %v missing %d; want %s, 60%%, 1", tc.rule, r.Score, r.Coverage(), r.Missing, tc.score)
		}
		if !e.Score.Equal(r.Score) || !e.Coverage().Equal(r.Coverage()) || e.Missing != 1 {
			t.Errorf("%v: Explain %s %v", tc.rule, e.Score, e.Coverage())
		}
		tickets := e.Signals[1]
		if !tickets.Missing || tickets.Imputed != (tc.rule == MissingImpute) {
			t.Errorf("%v: tickets part %+v", tc.rule, tickets)
		}
		checkParts(t, tc.rule.String(), e)
	}
	// With nothing read, re-weighting has nothing to weigh.
	_, err := missingModel(t, MissingReweight).Score("a2", nil)
	wantRowErr(t, err, "a2", "signals", metrics.ErrMissing)
	_, err = missingModel(t, MissingReweight).Explain("a2", nil)
	wantRowErr(t, err, "a2", "signals", metrics.ErrMissing)
	// Counting missing as zero, nothing read scores 0 with coverage 0.
	r, err := missingModel(t, MissingZero).Score("a3", nil)
	if err != nil || !r.Score.Equal(Points{}) || r.Coverage().Sign() != 0 || r.Band != metrics.StatusRed || r.Missing != 2 {
		t.Errorf("zero rule, nothing read: %+v %v", r, err)
	}
}

// The default model re-weights: without the DAU/MAU reading the half-way
// account scores (50.75 − 2/15 × 50) ÷ (13/15) = 2645/52 with coverage
// 13/15.
func TestDefaultModelReweights(t *testing.T) {
	rs := defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.5", "38", "0.05", "4.2", "0.5", "0.5")
	rs = append(rs[:1], rs[2:]...)
	r, err := DefaultModel().Score("acct", rs)
	if err != nil || !r.Score.Equal(pts(t, "2645/52")) || !r.Coverage().Equal(rat(t, "13/15")) || r.Missing != 1 {
		t.Errorf("score %s coverage %v missing %d (%v); want 2645/52, 13/15, 1", r.Score, r.Coverage(), r.Missing, err)
	}
}

// seeds/003's checklist of at most five key events.
func eventModel(t *testing.T) *Model {
	t.Helper()
	m, err := NewEventModel(EventConfig{Missing: MissingZero, Events: []Event{
		{Name: "onboarding_completed", Points: 30},
		{Name: "qbr_held", Points: 25},
		{Name: "exec_sponsor_met", Points: 20},
		{Name: "escalation", Points: 15, Absent: true},
		{Name: "core_feature_adopted", Points: 10},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEventModelScores(t *testing.T) {
	m := eventModel(t)
	cases := []struct {
		name     string
		readings []Reading
		score    string
		coverage string
		band     metrics.Status
	}{
		// Everything happened and no escalation: 100.
		{"all", reads(t, "onboarding_completed", "1", "qbr_held", "2", "exec_sponsor_met", "1", "escalation", "0", "core_feature_adopted", "1"), "100", "1", metrics.StatusGreen},
		// No QBR and two escalations: 30 + 20 + 10 = 60.
		{"escalated", reads(t, "onboarding_completed", "1", "qbr_held", "0", "exec_sponsor_met", "1", "escalation", "2", "core_feature_adopted", "1"), "60", "1", metrics.StatusYellow},
		// Only onboarding read (and done); the rest count as 0: 30, coverage 30%.
		{"one read", reads(t, "onboarding_completed", "1"), "30", "0.3", metrics.StatusRed},
		// Read in another order: onboarding 30 + escalation absent 15 + QBR 25 = 70.
		{"any order", reads(t, "escalation", "0", "qbr_held", "1", "onboarding_completed", "3", "exec_sponsor_met", "0", "core_feature_adopted", "0"), "70", "1", metrics.StatusYellow},
	}
	for _, tc := range cases {
		r, err := m.Score("acct", tc.readings)
		if err != nil || !r.Score.Equal(pts(t, tc.score)) || !r.Coverage().Equal(rat(t, tc.coverage)) || r.Band != tc.band {
			t.Errorf("%s: %s coverage %v band %v (%v); want %s %s %v", tc.name, r.Score, r.Coverage(), r.Band, err, tc.score, tc.coverage, tc.band)
		}
	}
}

// The default and event models take the hot path (their denominators fit).
func TestModelsAreFast(t *testing.T) {
	if m := DefaultModel(); !m.fast || m.d != 120 {
		t.Errorf("default model: fast %v, D %d; want true, 120", m.fast, m.d)
	}
	if m := eventModel(t); !m.fast || m.d != 20 || m.lcm != 1 {
		t.Errorf("event model: fast %v, D %d, lcm %d; want true, 20, 1", m.fast, m.d, m.lcm)
	}
}

// Names in other memory and names of the same length that differ take the
// byte comparison and the general path, with the same scores.
func TestScoreNamesByBytes(t *testing.T) {
	m := DefaultModel()
	rs := defaultReads(t, "0.3", "0.2", "0.35", "0.5", "0.5", "38", "0.05", "4.2", "0.5", "0.5")
	for i := range rs {
		rs[i].Signal = strings.Clone(rs[i].Signal)
	}
	r, err := m.Score("a", rs)
	if err != nil || !r.Score.Equal(pts(t, "50.75")) {
		t.Errorf("copied names: %s %v", r.Score, err)
	}
	if names := m.Signals(); len(names) != 10 || names[0] != "weekly_active_seats" || names[9] != "roi_realised" {
		t.Errorf("Signals %v", names)
	}
	// Swap two readings: the aligned pass fails on a name of another length
	// and the general path scores the same.
	rs[0], rs[1] = rs[1], rs[0]
	if r2, err := m.Score("a", rs); err != nil || !r2.Score.Equal(r.Score) {
		t.Errorf("swapped: %s %v", r2.Score, err)
	}
	// meeting_attendance and outreach_response_rate differ in length; two
	// signals of one length swapped: same score.
	m2, err := NewModel(Config{Components: []Component{
		{Name: "c", Weight: metrics.Percent(100), Signals: []Signal{
			{Name: "aa", Weight: metrics.Percent(50), Normaliser: Target{At: dec(t, "10")}},
			{Name: "bb", Weight: metrics.Percent(50), Normaliser: Target{At: dec(t, "20")}},
		}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// aa 5 (50 points), bb 20 (100 points): 75, in either order.
	for _, rs := range [][]Reading{reads(t, "aa", "5", "bb", "20"), reads(t, "bb", "20", "aa", "5")} {
		if r, err := m2.Score("a", rs); err != nil || !r.Score.Equal(PointsOf(75)) {
			t.Errorf("%v: %s %v", rs, r.Score, err)
		}
	}
}

// Band edges with more places than the hot path keeps (79.9999999) are
// compared exactly on every path.
func TestFineBandEdges(t *testing.T) {
	m, err := NewModel(Config{Bands: Bands{Green: dec(t, "79.9999999"), Yellow: dec(t, "49.9999999")}, Components: []Component{
		sig1(t, "c", "x", 100, Target{At: dec(t, "1000")}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	// 100 × v ÷ 1000: 799.999999 is 79.9999999 points, on the green edge.
	for v, want := range map[string]metrics.Status{
		"799.999999": metrics.StatusGreen, "799.999998": metrics.StatusYellow,
		"499.999999": metrics.StatusYellow, "499.999998": metrics.StatusRed, "1000": metrics.StatusGreen,
	} {
		r, err := m.Score("a", reads(t, "x", v))
		if err != nil || r.Band != want || m.Classify(r.Score) != want {
			t.Errorf("%s: %v %v; want %v", v, r.Band, err, want)
		}
	}
	// The same edges on the general path (missing readings, zero rule).
	m2, _ := NewModel(Config{Missing: MissingZero, Bands: Bands{Green: dec(t, "39.99999995"), Yellow: dec(t, "10")}, Components: []Component{
		sig1(t, "c", "x", 50, Target{At: dec(t, "1000")}), sig1(t, "d", "y", 50, Target{At: dec(t, "1")}),
	}})
	// x 799.999999 → 79.9999999 × 50% = 39.99999995: green; y missing.
	if r, err := m2.Score("a", reads(t, "x", "799.999999")); err != nil || r.Band != metrics.StatusGreen || !r.Score.Equal(pts(t, "39.99999995")) {
		t.Errorf("general path: %v %v %v", r.Score, r.Band, err)
	}
	if r, err := m2.Score("a", reads(t, "x", "799.999998")); err != nil || r.Band != metrics.StatusYellow {
		t.Errorf("general path below the edge: %v %v %v", r.Score, r.Band, err)
	}
}
