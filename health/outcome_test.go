package health

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
)

func outcomes(t *testing.T) []Outcome {
	t.Helper()
	o := func(id, score, usage string, churned bool) Outcome {
		return Outcome{Account: id, Score: pts(t, score), Usage: val(t, usage), Churned: churned}
	}
	return []Outcome{
		o("o1", "90", "0.5", false), o("o2", "85", "0.4", false), o("o3", "85", "0.1", true),
		o("o4", "60", "0.3", false), o("o5", "55", "0.2", true),
		o("o6", "30", "0.1", true), o("o7", "20", "0.35", false),
	}
}

// Green o1 o2 o3 (1 of 3 churned), yellow o4 o5 (1 of 2), red o6 o7 (1 of
// 2). AUC: churned o3 (85) is below o1 and ties o2: 1.5 pairs; o5 (55) and
// o6 (30) are below o1, o2, o4: 3 each; 7.5 of 3 × 4 = 12 pairs is 5/8.
// Lift: ½ ÷ ⅓ = 1.5. Usage: at 0.3 every retained account and no churned
// one is at or above: J = 1.
func TestCalibrate(t *testing.T) {
	c, err := Calibrate(metrics.FromSlice(outcomes(t)), CalibrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Green != (BandOutcomes{3, 1}) || c.Yellow != (BandOutcomes{2, 1}) || c.Red != (BandOutcomes{2, 1}) {
		t.Errorf("bands %+v %+v %+v", c.Green, c.Yellow, c.Red)
	}
	auc, err := c.AUC()
	if err != nil || !auc.Equal(rat(t, "5/8")) {
		t.Errorf("AUC %v %v; want 5/8", auc, err)
	}
	lift, err := c.Lift()
	if err != nil || !lift.Equal(rat(t, "1.5")) {
		t.Errorf("lift %v %v; want 1.5", lift, err)
	}
	risk, err := c.Risk()
	if err != nil || !risk.Green.Equal(rat(t, "1/3")) || !risk.Yellow.Equal(rat(t, "1/2")) || !risk.Red.Equal(rat(t, "1/2")) {
		t.Errorf("risk %+v %v", risk, err)
	}
	th, err := c.UsageThreshold()
	if err != nil || !th.Usage.Equal(val(t, "0.3")) || !th.J.Equal(metrics.RatioFromInt(1)) || th.RetainedAtLeast != 4 || th.ChurnedAtLeast != 0 {
		t.Errorf("threshold %+v %v", th, err)
	}
}

// A tie of the best J goes to the lowest level; undefined measures are
// errors, not zeros.
func TestCalibrateEdges(t *testing.T) {
	o := func(id, score, usage string, churned bool) Outcome {
		return Outcome{Account: id, Score: pts(t, score), Usage: val(t, usage), Churned: churned}
	}
	// J at 1: 1/2 − 0 = ½; at 2: ½ − 0 = ½; at 3: 0: the lowest best is 1.
	c, err := Calibrate(metrics.FromSlice([]Outcome{
		o("a", "90", "3", false), o("b", "10", "0", true), o("c", "50", "1", false), o("d", "60", "0", false),
	}), CalibrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := c.UsageThreshold()
	if err != nil || !th.Usage.Equal(val(t, "1")) || !th.J.Equal(rat(t, "2/3")) {
		t.Errorf("threshold %+v %v", th, err)
	}
	// A real tie: churned at 1 and 3, retained at 2 and 4; J × 4 is 0, 2,
	// 0, 2 at 1, 2, 3, 4: the lowest best level is 2 (J = ½).
	c, err = Calibrate(metrics.FromSlice([]Outcome{
		o("a", "10", "1", true), o("b", "20", "3", true), o("c", "30", "2", false), o("d", "40", "4", false),
	}), CalibrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	th, err = c.UsageThreshold()
	if err != nil || !th.Usage.Equal(val(t, "2")) || !th.J.Equal(rat(t, "1/2")) || th.RetainedAtLeast != 2 || th.ChurnedAtLeast != 1 {
		t.Errorf("tied threshold %+v %v", th, err)
	}
	// Only retained accounts: no AUC, no threshold; no green churn: no lift.
	c, err = Calibrate(metrics.FromSlice([]Outcome{o("a", "90", "1", false), o("b", "10", "1", false)}), CalibrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AUC(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("AUC without churn: %v", err)
	}
	if _, err := c.UsageThreshold(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("threshold without churn: %v", err)
	}
	if _, err := c.Lift(); !errors.Is(err, metrics.ErrZeroDenominator) {
		t.Errorf("lift without green churn: %v", err)
	}
	if _, err := c.Risk(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("risk with yellow unobserved: %v", err)
	}
	if _, err := c.Yellow.ChurnRate(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("unobserved churn rate: %v", err)
	}
	// Bad outcomes name the account.
	_, err = Calibrate(metrics.FromSlice([]Outcome{o("a", "90", "1", false), o("a", "10", "1", true)}), CalibrationOptions{})
	wantRowErr(t, err, "a", "id", metrics.ErrDuplicate)
	_, err = Calibrate(metrics.FromSlice([]Outcome{o("x", "101", "1", false)}), CalibrationOptions{})
	wantRowErr(t, err, "x", "score", metrics.ErrOutOfRange)
	c, err = Calibrate(metrics.FromSlice([]Outcome{o("", "1", "1", false), o("y", "1", "1", true)}), CalibrationOptions{Lenient: true})
	if err != nil || len(c.Rejected) != 1 || c.Rejected[0].Record != 1 || c.Red.Accounts != 1 {
		t.Errorf("lenient: %+v %v", c, err)
	}
}

// A 90-day window from 1 January 2026 runs to 1 April (31 + 28 + 31 = 90
// days), both included. Due: r1 (day 0, green 1000 × 5% = 50), r6 (day 45,
// red 3000 × 50% = 1500), r2 (day 90, yellow 2000 × ⅓ = 666.666666666667
// at 12 places). Not due: r3 (day 91), r4 (past), r5 (no date). Total
// churn 2216.666… rounded once: 2216.666666666667; renewed 6000 − that.
func TestRenewals(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 0, 0, 0, time.UTC) }
	acct := func(id string, renew time.Time, arr, score string) Account {
		return Account{ID: id, Renewal: renew, ARR: usd(t, arr), Score: pts(t, score)}
	}
	accts := []Account{
		acct("r1", day(2026, 1, 1), "1000", "90"),
		acct("r2", day(2026, 4, 1), "2000", "60"),
		acct("r3", day(2026, 4, 2), "5000", "10"),
		acct("r4", day(2025, 12, 31), "5000", "10"),
		acct("r5", time.Time{}, "5000", "10"),
		acct("r6", day(2026, 2, 15), "3000", "10"),
	}
	risk := BandRisk{Green: metrics.Percent(5), Yellow: rat(t, "1/3"), Red: metrics.Percent(50)}
	f, err := Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: time.Date(2026, 1, 1, 23, 0, 0, 0, time.UTC), Risk: risk})
	if err != nil {
		t.Fatal(err)
	}
	type due struct {
		ID          string
		Days        int
		Band        metrics.Status
		Churn, Keep metrics.Money
	}
	var got []due
	for _, r := range f.Due {
		got = append(got, due{r.ID, r.DaysLeft, r.Band, r.ExpectedChurn, r.ExpectedRenewal})
	}
	want := []due{
		{"r1", 0, metrics.StatusGreen, usd(t, "50"), usd(t, "950")},
		{"r6", 45, metrics.StatusRed, usd(t, "1500"), usd(t, "1500")},
		{"r2", 90, metrics.StatusYellow, usd(t, "666.666666666667"), usd(t, "1333.333333333333")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due (-want +got):\n%s", diff)
	}
	if !f.DueARR.Equal(usd(t, "6000")) || !f.ExpectedChurn.Equal(usd(t, "2216.666666666667")) || !f.ExpectedRenewal.Equal(usd(t, "3783.333333333333")) {
		t.Errorf("totals %v %v %v", f.DueARR, f.ExpectedChurn, f.ExpectedRenewal)
	}
	// To cents: each rounded once, the total rounded once from the exact sum.
	f, err = Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: day(2026, 1, 1), Risk: risk, Context: metrics.Places(2)})
	if err != nil || !f.Due[2].ExpectedChurn.Equal(usd(t, "666.67")) || !f.ExpectedChurn.Equal(usd(t, "2216.67")) || !f.ExpectedRenewal.Equal(usd(t, "3783.33")) {
		t.Errorf("cents: %v %v (%v)", f.ExpectedChurn, f.ExpectedRenewal, err)
	}
	// A 30-day window keeps r1 only.
	f, err = Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: day(2026, 1, 1), Days: 30, Risk: risk})
	if err != nil || len(f.Due) != 1 || f.Due[0].ID != "r1" {
		t.Errorf("30 days: %+v %v", f.Due, err)
	}
	// Bad options and accounts.
	_, err = Renewals(metrics.FromSlice(accts), RenewalOptions{Risk: risk})
	wantMetricErr(t, err, idRenewal, "as of", metrics.ErrMissing)
	_, err = Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: day(2026, 1, 1), Days: 4000, Risk: risk})
	wantMetricErr(t, err, idRenewal, "days", metrics.ErrOutOfRange)
	_, err = Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: day(2026, 1, 1), Risk: BandRisk{Red: rat(t, "1.5")}})
	wantMetricErr(t, err, idRenewal, "risk red", metrics.ErrOutOfRange)
	_, err = Renewals(metrics.FromSlice(append(accts, acct("r1", day(2026, 1, 2), "1", "1"))), RenewalOptions{AsOf: day(2026, 1, 1), Risk: risk})
	wantRowErr(t, err, "r1", "id", metrics.ErrDuplicate)
	// Risk calibrated from outcomes feeds the forecast.
	c, _ := Calibrate(metrics.FromSlice(outcomes(t)), CalibrationOptions{})
	cal, _ := c.Risk()
	f, err = Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: day(2026, 1, 1), Risk: cal})
	// 1000 × ⅓ + 3000 × ½ + 2000 × ½ = 2833.333…
	if err != nil || !f.ExpectedChurn.Equal(usd(t, "2833.333333333333")) {
		t.Errorf("calibrated: %v %v", f.ExpectedChurn, err)
	}
	// With a model, accounts are scored from their readings.
	m := missingModel(t, MissingZero)
	f, err = Renewals(metrics.FromSlice([]Account{{ID: "m", Renewal: day(2026, 1, 5), ARR: usd(t, "100"), Readings: reads(t, "logins", "20")}}), RenewalOptions{AsOf: day(2026, 1, 1), Risk: risk, Model: m})
	// 60 points: yellow, ⅓ of 100.
	if err != nil || len(f.Due) != 1 || f.Due[0].Band != metrics.StatusYellow || !f.Due[0].Score.Equal(PointsOf(60)) {
		t.Errorf("with model: %+v %v", f.Due, err)
	}
}

// trendModel: usage (logins, target 20) 50%, engagement (meetings, 0–4)
// 30%, support (tickets inverse 0–10, time to value inverse 0–120 days)
// 20%.
func trendModel(t *testing.T) *Model {
	t.Helper()
	m, err := NewModelNormalised(Config{Components: []Component{
		{Name: "usage", Weight: metrics.RatioFromInt(5), Signals: []Signal{{Name: "logins", Weight: metrics.RatioFromInt(1), Normaliser: Target{At: dec(t, "20")}}}},
		{Name: "engagement", Weight: metrics.RatioFromInt(3), Signals: []Signal{{Name: "meetings", Weight: metrics.RatioFromInt(1), Normaliser: MinMax{Min: dec(t, "0"), Max: dec(t, "4")}}}},
		{Name: "support", Weight: metrics.RatioFromInt(2), Signals: []Signal{
			{Name: "tickets", Weight: metrics.RatioFromInt(7), Normaliser: Inverse{Best: dec(t, "0"), Worst: dec(t, "10")}},
			{Name: "time_to_value_days", Weight: metrics.RatioFromInt(7), Normaliser: Inverse{Best: dec(t, "0"), Worst: dec(t, "120")}},
		}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Before: logins 20 (100), meetings 4 (100), tickets 2 (80), TTV 30 days
// (75): 50 + 30 + 0.2 × 77.5 = 95.5. After: logins 15 (75, a 25% usage
// drop), meetings 3.5 (87.5, a 12.5% fall: no flag), tickets 3 (70, a 50%
// spike), TTV 65 days (275/6 points; over mid-market's 60): 37.5 + 26.25 +
// 0.2 × 695/12 = 226/3. Delta 226/3 − 95.5 = −121/6: down, a decline.
func TestCompare(t *testing.T) {
	m := trendModel(t)
	prev, err := m.Explain("acct", reads(t, "logins", "20", "meetings", "4", "tickets", "2", "time_to_value_days", "30"))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := m.Explain("acct", reads(t, "logins", "15", "meetings", "3.5", "tickets", "3", "time_to_value_days", "65"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(Pair{Previous: prev, Current: cur, Segment: "mid_market"}, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	all := UsageDrop | EngagementDrop | TimeToValueDelay | TicketSpike
	if !c.Previous.Equal(pts(t, "95.5")) || !c.Current.Equal(pts(t, "226/3")) || !c.Delta.Equal(pts(t, "-121/6")) || c.Arrow != ArrowDown || !c.Declined {
		t.Errorf("score change %+v", c)
	}
	if c.Flags != UsageDrop|TicketSpike|TimeToValueDelay || c.Evaluated != all || c.Flags.String() != "usage drop, time-to-value delay, ticket spike" {
		t.Errorf("flags %v evaluated %v", c.Flags, c.Evaluated)
	}
	if u := c.Components[0]; u.Name != "usage" || !u.Delta.Equal(PointsOf(-25)) || u.Arrow != ArrowDown {
		t.Errorf("usage change %+v", u)
	}
	if s := c.Signals[1]; s.Name != "meetings" || !s.Previous.Equal(PointsOf(100)) || !s.Current.Equal(pts(t, "87.5")) {
		t.Errorf("meetings change %+v", s)
	}
	// Stricter rules: a 30-point decline, a 10% drop, a 60% spike, TTV up to 70 days.
	c, err = Compare(Pair{Previous: prev, Current: cur}, Rules{Decline: PointsOf(30), Drop: metrics.Percent(10), Spike: metrics.Percent(60), TimeToValueLimit: IntValue(70)})
	if err != nil || c.Declined || c.Flags != UsageDrop|EngagementDrop {
		t.Errorf("strict rules: declined %v flags %v (%v)", c.Declined, c.Flags, err)
	}
	// Without a segment or a limit, time to value is not evaluated; the
	// same snapshot twice is "same" with no flags.
	c, err = Compare(Pair{Previous: cur, Current: cur}, Rules{})
	if err != nil || c.Arrow != ArrowSame || c.Flags != 0 || c.Evaluated != UsageDrop|EngagementDrop|TicketSpike || c.Arrow.String() != "same" || c.Flags.String() != "none" {
		t.Errorf("same: %+v %v", c, err)
	}
	// Up.
	c, _ = Compare(Pair{Previous: cur, Current: prev}, Rules{})
	if c.Arrow != ArrowUp || c.Declined || c.Arrow.String() != "up" {
		t.Errorf("up: %+v", c)
	}
	// Other accounts or models are refused.
	other, _ := m.Explain("other", reads(t, "logins", "1", "meetings", "1", "tickets", "1", "time_to_value_days", "1"))
	_, err = Compare(Pair{Previous: prev, Current: other}, Rules{})
	wantMetricErr(t, err, idTrend, "account", metrics.ErrInvalid)
	def, _ := DefaultModel().Explain("acct", defaultReads(t, "0.6", "0.5", "0.7", "1", "1", "2", "0", "4.8", "1", "1.2"))
	_, err = Compare(Pair{Previous: prev, Current: def}, Rules{})
	wantMetricErr(t, err, idTrend, "model", metrics.ErrInvalid)
	_, err = Compare(Pair{Previous: prev, Current: cur}, Rules{Drop: rat(t, "-0.1")})
	wantMetricErr(t, err, idTrend, "rules", metrics.ErrOutOfRange)
}

// Lift and risk need every band they divide by.
func TestCalibrationUndefined(t *testing.T) {
	o := func(id, score string, churned bool) Outcome {
		return Outcome{Account: id, Score: pts(t, score), Churned: churned}
	}
	onlyGreen, _ := Calibrate(metrics.FromSlice([]Outcome{o("a", "90", true)}), CalibrationOptions{})
	_, err := onlyGreen.Lift()
	wantMetricErr(t, err, idLift, "red", metrics.ErrEmpty)
	_, err = onlyGreen.Risk()
	wantMetricErr(t, err, idChurnByBand, "yellow", metrics.ErrEmpty)
	onlyRed, _ := Calibrate(metrics.FromSlice([]Outcome{o("a", "10", true)}), CalibrationOptions{})
	_, err = onlyRed.Lift()
	wantMetricErr(t, err, idLift, "green", metrics.ErrEmpty)
	_, err = onlyRed.Risk()
	wantMetricErr(t, err, idChurnByBand, "green", metrics.ErrEmpty)
	noRed, _ := Calibrate(metrics.FromSlice([]Outcome{o("a", "90", true), o("b", "60", false)}), CalibrationOptions{})
	_, err = noRed.Risk()
	wantMetricErr(t, err, idChurnByBand, "red", metrics.ErrEmpty)
	// Custom bands: 60 is green when green starts at 60.
	c, err := Calibrate(metrics.FromSlice([]Outcome{o("a", "60", false)}), CalibrationOptions{Bands: Bands{Green: dec(t, "60"), Yellow: dec(t, "30")}})
	if err != nil || c.Green.Accounts != 1 {
		t.Errorf("custom bands: %+v %v", c, err)
	}
	_, err = Calibrate(metrics.FromSlice([]Outcome{}), CalibrationOptions{Bands: Bands{Green: dec(t, "30"), Yellow: dec(t, "60")}})
	wantMetricErr(t, err, idScore, "bands", metrics.ErrInvalid)
	// An empty portfolio's at-risk summary has no count share.
	if _, err := (AtRiskSummary{}).CountShare(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("count share of nothing: %v", err)
	}
	if _, err := BuildPortfolio(metrics.FromSlice([]Account{}), Options{TopN: -1}); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("negative TopN: %v", err)
	}
}

// The edges of the trend rules: a fall of exactly 10 points is a decline,
// a drop of exactly 20% is flagged, nothing falls from 0, and 0 tickets
// staying 0 is no spike.
func TestCompareEdges(t *testing.T) {
	m := trendModel(t)
	ex := func(logins, tickets string) Explanation {
		e, err := m.Explain("acct", reads(t, "logins", logins, "meetings", "2", "tickets", tickets, "time_to_value_days", "30"))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	// Logins 20 → 16: usage 100 → 80 points (a 20% drop), the score falls
	// by 50% × 20 = 10 points.
	c, err := Compare(Pair{Previous: ex("20", "1"), Current: ex("16", "1")}, Rules{})
	if err != nil || !c.Delta.Equal(PointsOf(-10)) || !c.Declined || c.Flags != UsageDrop {
		t.Errorf("exact edges: delta %s declined %v flags %v (%v)", c.Delta, c.Declined, c.Flags, err)
	}
	// Logins 20 → 16.2: 19% drop, 9.5 points: neither.
	c, _ = Compare(Pair{Previous: ex("20", "1"), Current: ex("16.2", "1")}, Rules{})
	if c.Declined || c.Flags != 0 {
		t.Errorf("below the edges: declined %v flags %v", c.Declined, c.Flags)
	}
	// Nothing to drop from, no tickets before or after.
	c, _ = Compare(Pair{Previous: ex("0", "0"), Current: ex("0", "0")}, Rules{})
	if c.Flags != 0 || c.Evaluated != UsageDrop|EngagementDrop|TicketSpike {
		t.Errorf("zeros: flags %v evaluated %v", c.Flags, c.Evaluated)
	}
	// From 0 tickets to 1 is a spike; from 2 to 3 exactly 50% is one too.
	for _, tc := range [][2]string{{"0", "1"}, {"2", "3"}} {
		if c, _ := Compare(Pair{Previous: ex("10", tc[0]), Current: ex("10", tc[1])}, Rules{}); c.Flags != TicketSpike {
			t.Errorf("tickets %s → %s: flags %v", tc[0], tc[1], c.Flags)
		}
	}
	if c, _ := Compare(Pair{Previous: ex("10", "2"), Current: ex("10", "2.9")}, Rules{}); c.Flags != 0 {
		t.Errorf("tickets 2 → 2.9: flags %v", c.Flags)
	}
}

// Time to value at the segment's limit is not a delay; above it is. Text
// of exactly 4,096 bytes is read.
func TestTimeToValueEdgeAndTextLimit(t *testing.T) {
	m := trendModel(t)
	ex := func(ttv string) Explanation {
		e, err := m.Explain("acct", reads(t, "logins", "10", "meetings", "2", "tickets", "1", "time_to_value_days", ttv))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	for ttv, want := range map[string]Flags{"60": 0, "60.5": TimeToValueDelay} {
		c, err := Compare(Pair{Previous: ex("10"), Current: ex(ttv), Segment: "mid_market"}, Rules{})
		if err != nil || c.Flags != want || !c.Evaluated.Has(TimeToValueDelay) {
			t.Errorf("TTV %s: flags %v (%v)", ttv, c.Flags, err)
		}
	}
	// An unknown segment is not evaluated.
	if c, _ := Compare(Pair{Previous: ex("10"), Current: ex("500"), Segment: "galactic"}, Rules{}); c.Evaluated.Has(TimeToValueDelay) || c.Flags != 0 {
		t.Errorf("unknown segment: %v %v", c.Evaluated, c.Flags)
	}
	long := "1" + strings.Repeat("0", maxParseLen-1)
	if v, err := ParseValue(long); err != nil || v.String() != long {
		t.Errorf("%d bytes: %v", len(long), err)
	}
	if _, err := ParseValue(long + "0"); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("%d bytes: %v", len(long)+1, err)
	}
}
