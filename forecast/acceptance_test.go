package forecast

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
)

// figures are the cumulative amounts of one cell, for comparisons.
type figures struct {
	Closed, Commit, MostLikely, BestCase, Open, Weighted, Lost, Omitted metrics.Money
	Won, LostN, OpenN                                                   int64
}

// figuresOf reads a cell's figures (the weighted pipeline to 12 places).
func figuresOf(t Totals) figures {
	d := t.Deals()
	return figures{
		Closed: t.Closed(), Commit: t.CommitForecast(), MostLikely: t.MostLikelyForecast(), BestCase: t.BestCaseForecast(),
		Open: t.OpenPipeline(), Weighted: t.WeightedPipeline(metrics.Context{}), Lost: t.Lost(), Omitted: t.Amount(CategoryOmitted),
		Won: d.Won, LostN: d.Lost, OpenN: t.OpenCount(),
	}
}

// fig writes expected figures in thousands of USD.
func fig(t *testing.T, closed, commit, mostLikely, bestCase, open, weighted, lost, omitted string, won, lostN, openN int64) figures {
	t.Helper()
	k := func(s string) metrics.Money { return usd(t, s).MulInt(1000) }
	return figures{Closed: k(closed), Commit: k(commit), MostLikely: k(mostLikely), BestCase: k(bestCase), Open: k(open),
		Weighted: k(weighted), Lost: k(lost), Omitted: k(omitted), Won: won, LostN: lostN, OpenN: openN}
}

// Each opportunity's category and how it was decided: status for closed
// deals, the manual category, the stage map, the thresholds (commit ≥ 90%,
// best case ≥ 50%, pipeline below) as the fallback; Stage and Threshold show
// where the stage map disagrees with the probability.
func TestAcceptanceCategories(t *testing.T) {
	p := acceptancePolicy()
	want := map[string]Assignment{
		"o01": {CategoryClosed, SourceStatus, CategoryClosed, CategoryCommit}, // 100% is ≥ 90%
		"o02": {CategoryOmitted, SourceStatus, CategoryOmitted, CategoryPipeline},
		"o03": {CategoryClosed, SourceStatus, CategoryClosed, CategoryCommit},
		"o04": {CategoryClosed, SourceStatus, CategoryClosed, CategoryCommit},
		"o05": {CategoryClosed, SourceStatus, CategoryClosed, CategoryCommit},
		"o06": {CategoryCommit, SourceStage, CategoryCommit, CategoryCommit},
		"o07": {CategoryBestCase, SourceStage, CategoryBestCase, CategoryCommit},    // Negotiation at 90%: the stage wins
		"o08": {CategoryPipeline, SourceStage, CategoryPipeline, CategoryBestCase},  // Proposal at 60%: the stage wins
		"o09": {CategoryCommit, SourceOverride, CategoryPipeline, CategoryPipeline}, // the rep's override
		"o10": {CategoryClosed, SourceStatus, CategoryClosed, CategoryCommit},
		"o11": {CategoryPipeline, SourceThreshold, 0, CategoryPipeline}, // Prospecting has no category: 10% < 50%
		"o12": {CategoryOmitted, SourceStatus, CategoryOmitted, CategoryPipeline},
		"o13": {CategoryBestCase, SourceThreshold, 0, CategoryBestCase}, // 50% is the Best Case edge, inclusive
		"o14": {CategoryCommit, SourceStage, CategoryCommit, CategoryCommit},
		"o15": {CategoryBestCase, SourceStage, CategoryBestCase, CategoryCommit},
		"o16": {CategoryPipeline, SourceStage, CategoryPipeline, CategoryBestCase},
		"o17": {CategoryOmitted, SourceOverride, CategoryCommit, CategoryCommit},       // excluded by its owner
		"o18": {CategoryMostLikely, SourceStage, CategoryMostLikely, CategoryBestCase}, // Legal at 80%
	}
	for _, o := range acceptanceOpportunities(t) {
		got, err := p.Categorize(o)
		if err != nil {
			t.Errorf("%s: %v", o.ID, err)
			continue
		}
		if got != want[o.ID] {
			t.Errorf("%s: got %+v, want %+v", o.ID, got, want[o.ID])
		}
	}
}

// The cells by quarter and owner. Weighted = Σ amount × probability over the
// open deals not omitted; each number is derived in the comment.
func TestAcceptanceQuarterOwner(t *testing.T) {
	r := buildAcceptance(t, Dimensions{Period: ByQuarter, Owner: true})
	q1, q2, q3 := quarter(t, "2024-Q1"), quarter(t, "2024-Q2"), quarter(t, "2024-Q3")
	//                             closed commit ML  BC   open weighted lost omitted won lost open
	want := map[Key]figures{
		// o01 won 10k; o02 lost 20k.
		{Quarter: q1, Owner: "ana"}: fig(t, "10", "10", "10", "10", "0", "0", "20", "20", 1, 1, 0),
		{Quarter: q1, Owner: "ben"}: fig(t, "30", "30", "30", "30", "0", "0", "0", "0", 1, 0, 0),
		{Quarter: q1, Owner: "cai"}: fig(t, "50", "50", "50", "50", "0", "0", "0", "0", 1, 0, 0),
		{Quarter: q1, Owner: "dee"}: fig(t, "15", "15", "15", "15", "0", "0", "0", "0", 1, 0, 0),
		// o06 Commit 40k at 90%, o07 Best Case 12k at 90%: weighted 36 + 10.8 = 46.8k.
		{Quarter: q2, Owner: "ana"}: fig(t, "0", "40", "40", "52", "52", "46.8", "0", "0", 0, 0, 2),
		// o08 Pipeline 25k at 60%, o09 Commit (override) 35k at 20%: weighted 15 + 7 = 22k.
		{Quarter: q2, Owner: "ben"}: fig(t, "0", "35", "35", "35", "60", "22", "0", "0", 0, 0, 2),
		// o10 won 60k; o11 Pipeline 80k at 10%: weighted 8k.
		{Quarter: q2, Owner: "cai"}: fig(t, "60", "60", "60", "60", "80", "8", "0", "0", 1, 0, 1),
		// o12 lost 18k; o13 Best Case 22k at 50%: weighted 11k.
		{Quarter: q2, Owner: "dee"}: fig(t, "0", "0", "0", "22", "22", "11", "18", "18", 0, 1, 1),
		// o14 Commit 45k at 90%: 40.5k.
		{Quarter: q3, Owner: "ana"}: fig(t, "0", "45", "45", "45", "45", "40.5", "0", "0", 0, 0, 1),
		// o15 Best Case 16k at 90%: 14.4k.
		{Quarter: q3, Owner: "ben"}: fig(t, "0", "0", "0", "16", "16", "14.4", "0", "0", 0, 0, 1),
		// o16 Pipeline 100k at 60%: 60k.
		{Quarter: q3, Owner: "cai"}: fig(t, "0", "0", "0", "0", "100", "60", "0", "0", 0, 0, 1),
		// o17 omitted (open, 14k, not in the pipeline); o18 Most Likely 9k at 80%: 7.2k.
		{Quarter: q3, Owner: "dee"}: fig(t, "0", "0", "9", "9", "9", "7.2", "0", "14", 0, 0, 1),
	}
	got := map[Key]figures{}
	for _, c := range r.Cells() {
		got[c.Key] = figuresOf(c.Totals)
	}
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}

// The managers see the sum of their teams; the total is the sum of both,
// built directly and regrouped from finer cells alike.
func TestAcceptanceManagers(t *testing.T) {
	want := map[Key]figures{
		// maria: ana + ben. Closed 10 + 30; Commit 40 + 35 + 45 = 120; Best Case 12 + 16;
		// Pipeline 25; open 120 + 28 + 25 = 173; weighted 46.8 + 40.5 + 22 + 14.4 = 123.7.
		{Manager: "maria"}: fig(t, "40", "160", "160", "188", "173", "123.7", "20", "20", 2, 1, 6),
		// noah: cai + dee. Closed 50 + 60 + 15 = 125; Most Likely 9; Best Case 22;
		// Pipeline 80 + 100 = 180; open 211; weighted 8 + 60 + 11 + 7.2 = 86.2;
		// omitted 18 (lost) + 14 (o17).
		{Manager: "noah"}: fig(t, "125", "125", "134", "156", "211", "86.2", "18", "32", 3, 1, 4),
	}
	total := fig(t, "165", "285", "294", "344", "384", "209.9", "38", "52", 5, 2, 10)
	direct := buildAcceptance(t, Dimensions{Manager: true})
	fine := buildAcceptance(t, Dimensions{Period: ByMonth, Owner: true, Manager: true, Type: true, Segment: true})
	regrouped, err := fine.Regroup(Dimensions{Manager: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*Rollup{"direct": direct, "regrouped": regrouped} {
		got := map[Key]figures{}
		for _, c := range r.Cells() {
			got[c.Key] = figuresOf(c.Totals)
		}
		if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
			t.Errorf("%s managers (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(total, figuresOf(r.Total()), cmpOpts...); diff != "" {
			t.Errorf("%s total (-want +got):\n%s", name, diff)
		}
	}
	if diff := cmp.Diff(direct.Cells(), regrouped.Cells()); diff != "" {
		t.Errorf("regrouped ≠ direct:\n%s", diff)
	}
	// Months regroup to the same quarters as a direct quarterly build.
	byQ, err := buildAcceptance(t, Dimensions{Period: ByMonth, Owner: true}).Regroup(Dimensions{Period: ByQuarter, Owner: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(buildAcceptance(t, Dimensions{Period: ByQuarter, Owner: true}).Cells(), byQ.Cells()); diff != "" {
		t.Errorf("months regrouped to quarters ≠ quarters:\n%s", diff)
	}
}

// The two overrides are reported with what the policy would have said.
func TestAcceptanceOverrides(t *testing.T) {
	r := buildAcceptance(t, Dimensions{})
	want := []Override{
		{ID: "o09", Owner: "ben", Record: 9, Category: CategoryCommit, Policy: CategoryPipeline, Source: SourceStage},
		{ID: "o17", Owner: "dee", Record: 17, Category: CategoryOmitted, Policy: CategoryCommit, Source: SourceStage},
	}
	if diff := cmp.Diff(want, r.Overrides()); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
}

// Win rate, average deal, cycle and velocity of the whole pipeline.
func TestAcceptancePipelineMetrics(t *testing.T) {
	total := buildAcceptance(t, Dimensions{}).Total()
	// Won o01, o03, o04, o05, o10; lost o02, o12: 5 ÷ 7.
	if got, err := total.WinRate(); err != nil || !got.Equal(rat(t, "5/7")) {
		t.Errorf("win rate %v, %v; want 5/7", got, err)
	}
	// Won amount 10 + 30 + 50 + 15 + 60 = 165k over 5 deals.
	if got, err := total.AverageDeal(metrics.Places(2)); err != nil || !got.Equal(usd(t, "33000")) {
		t.Errorf("average deal %v, %v; want 33000", got, err)
	}
	// Cycles 45 (Dec 1 → Jan 15), 60 (Jan 10 → Mar 10, 2024 a leap year),
	// 59 (Feb 1 → Mar 31), 19 (Mar 1 → 20), 60 (Mar 1 → Apr 30): 243 ÷ 5.
	if got, err := total.AverageCycleDays(); err != nil || !got.Equal(qty(t, "48.6", metrics.UnitDays)) {
		t.Errorf("cycle %v, %v; want 48.6 days", got, err)
	}
	// 10 open deals × 33,000 × 5/7 ÷ 48.6 days = 165,000 × 10 × 5 ÷ (7 × 243)
	// = 8,250,000 ÷ 1,701 = 4850.0881834215167548…, rounded once to 12 places.
	if got, err := total.Velocity(); err != nil || !got.Equal(usd(t, "4850.088183421517")) {
		t.Errorf("velocity %v, %v", got, err)
	}
	// The same through PipelineVelocity, from rounded inputs: 10 × 33,000 ×
	// 5/7 ÷ 48.6 = 330,000 × 50 ÷ 3,402 — the same fraction, as the inputs
	// were exact.
	v, err := PipelineVelocity(Velocity{Opportunities: 10, AverageDeal: usd(t, "33000"), WinRate: rat(t, "5/7"), Cycle: qty(t, "48.6", metrics.UnitDays)})
	if err != nil || !v.Equal(usd(t, "4850.088183421517")) {
		t.Errorf("PipelineVelocity %v, %v", v, err)
	}
}

// Coverage for the current quarter (2024-Q2) and the two after it, against
// targets of 100k, 50k and 30k, beside the coverage the 5/7 win rate
// implies.
func TestAcceptanceCoverage(t *testing.T) {
	dict, err := metrics.NewDictionary(Definitions())
	if err != nil {
		t.Fatal(err)
	}
	band := func(id string, r metrics.Ratio) string {
		def, _ := dict.Lookup(id)
		b, err := def.Classify(r)
		if err != nil {
			t.Fatal(err)
		}
		return b.Name
	}
	r := buildAcceptance(t, Dimensions{Period: ByQuarter, Owner: true})
	cs, err := r.Coverage(quarter(t, "2024-Q2"), usd(t, "100000"), usd(t, "50000"), usd(t, "30000"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Coverage{
		{Quarter: quarter(t, "2024-Q2"), Pipeline: usd(t, "214000"), Closed: usd(t, "60000"), Target: usd(t, "100000")},
		{Quarter: quarter(t, "2024-Q3"), Pipeline: usd(t, "170000"), Closed: usd(t, "0"), Target: usd(t, "50000")},
		{Quarter: quarter(t, "2024-Q4"), Pipeline: usd(t, "0"), Closed: usd(t, "0"), Target: usd(t, "30000")},
	}
	if diff := cmp.Diff(want, cs, cmpOpts...); diff != "" {
		t.Fatalf("coverage inputs (-want +got):\n%s", diff)
	}
	tests := []struct {
		q                      int
		coverage, remaining    string
		covBand, remainingBand string
	}{
		// 214 ÷ 100 = 2.14x; 214 ÷ (100 − 60) = 5.35x: above 5x is "ample".
		{0, "2.14", "5.35", "insufficient", "ample"},
		// 170 ÷ 50 = 3.4x; nothing closed yet.
		{1, "3.4", "3.4", "healthy", "healthy"},
		// no pipeline yet.
		{2, "0", "0", "insufficient", "insufficient"},
	}
	for _, tc := range tests {
		c, err1 := PipelineCoverage(cs[tc.q])
		rc, err2 := RemainingCoverage(cs[tc.q])
		if err1 != nil || err2 != nil || !c.Equal(rat(t, tc.coverage)) || !rc.Equal(rat(t, tc.remaining)) {
			t.Errorf("%s: coverage %v, %v remaining %v, %v; want %s, %s", cs[tc.q].Quarter, c, err1, rc, err2, tc.coverage, tc.remaining)
			continue
		}
		if b := band("pipeline_coverage", c); b != tc.covBand {
			t.Errorf("%s: coverage band %s, want %s", cs[tc.q].Quarter, b, tc.covBand)
		}
		if b := band("remaining_pipeline_coverage", rc); b != tc.remainingBand {
			t.Errorf("%s: remaining band %s, want %s", cs[tc.q].Quarter, b, tc.remainingBand)
		}
	}
	// A 5/7 win rate implies 7/5 = 1.4x.
	wr, _ := r.Total().WinRate()
	if got, err := ImpliedCoverage(wr); err != nil || !got.Equal(rat(t, "1.4")) {
		t.Errorf("implied %v, %v; want 1.4x", got, err)
	}
	// Q2's target met: the remaining coverage is undefined.
	met := cs[0]
	met.Target = usd(t, "60000")
	wantMetricErr(t, "target met", errOf(RemainingCoverage(met)), metrics.ErrZeroDenominator, "remaining_pipeline_coverage")
}

// The expansion pipeline (seed 004): o03 won 30k (60-day cycle), o07 and
// o15 open in Best Case (12k and 16k at 90%).
func TestAcceptanceExpansion(t *testing.T) {
	if _, err := buildAcceptance(t, Dimensions{}).Expansion(); err == nil {
		t.Error("Expansion without the type dimension: no error")
	}
	e, err := buildAcceptance(t, Dimensions{Type: true, Owner: true}).Expansion()
	if err != nil {
		t.Fatal(err)
	}
	// weighted 0.9 × (12 + 16) = 25.2k; win rate 1/1; average deal 30k.
	if diff := cmp.Diff(fig(t, "30", "30", "30", "58", "28", "25.2", "0", "0", 1, 0, 2), figuresOf(e), cmpOpts...); diff != "" {
		t.Errorf("expansion (-want +got):\n%s", diff)
	}
	if c, err := e.AverageCycleDays(); err != nil || !c.Equal(qty(t, "60", metrics.UnitDays)) {
		t.Errorf("expansion cycle %v, %v", c, err)
	}
	if w, err := e.WinRate(); err != nil || !w.Equal(rat(t, "1")) {
		t.Errorf("expansion win rate %v, %v", w, err)
	}
}

// Win rate by segment and by deal-size band (edges 20k and 50k, inclusive
// lower edges), loss reasons, and the cycle's trend by quarter.
func TestAcceptanceSegmentsSizesReasonsTrend(t *testing.T) {
	winRates := func(r *Rollup) map[Key]string {
		out := map[Key]string{}
		for _, c := range r.Cells() {
			if w, err := c.Totals.WinRate(); err == nil {
				out[c.Key] = w.StringPercent(metrics.Places(2))
			}
		}
		return out
	}
	// SMB: won o01, o05, lost o02, o12 → 50%; Mid: o03 won; Ent: o04, o10 won.
	bySegment := winRates(buildAcceptance(t, Dimensions{Segment: true}))
	if diff := cmp.Diff(map[Key]string{{Segment: "SMB"}: "50%", {Segment: "Mid"}: "100%", {Segment: "Ent"}: "100%"}, bySegment); diff != "" {
		t.Errorf("by segment (-want +got):\n%s", diff)
	}
	// Band 0 (< 20k): won o01 10k, o05 15k, lost o12 18k → 2/3. Band 1
	// (20k ≤ a < 50k): lost o02 at exactly 20k, won o03 30k → 1/2. Band 2
	// (≥ 50k): won o04 at exactly 50k and o10 60k → 2/2.
	bySize := winRates(buildAcceptance(t, Dimensions{SizeBands: []metrics.Money{usd(t, "20000"), usd(t, "50000")}}))
	if diff := cmp.Diff(map[Key]string{{Size: 0}: "66.67%", {Size: 1}: "50%", {Size: 2}: "100%"}, bySize); diff != "" {
		t.Errorf("by size band (-want +got):\n%s", diff)
	}
	// Loss reasons: price (o02, 20k), competitor (o12, 18k).
	reasons := map[string]metrics.Money{}
	for _, c := range buildAcceptance(t, Dimensions{Reason: true}).Cells() {
		if c.Totals.Deals().Lost > 0 {
			reasons[c.Key.Reason] = c.Totals.Lost()
		}
	}
	if diff := cmp.Diff(map[string]metrics.Money{"price": usd(t, "20000"), "competitor": usd(t, "18000")}, reasons, cmpOpts...); diff != "" {
		t.Errorf("loss reasons (-want +got):\n%s", diff)
	}
	// Cycle by close quarter: Q1 (45 + 60 + 59 + 19) ÷ 4 = 45.75 days; Q2 60.
	cycles := map[string]string{}
	for _, c := range buildAcceptance(t, Dimensions{Period: ByQuarter}).Cells() {
		if d, err := c.Totals.AverageCycleDays(); err == nil {
			cycles[c.Key.Quarter.String()] = d.String()
		} else if !errors.Is(err, metrics.ErrZeroDenominator) {
			t.Errorf("%s: %v", c.Key, err)
		}
	}
	if diff := cmp.Diff(map[string]string{"2024-Q1": "45.75 days", "2024-Q2": "60 days"}, cycles); diff != "" {
		t.Errorf("cycle trend (-want +got):\n%s", diff)
	}
}

// Reps ranked by quota attainment; pacing of one rep in the current quarter.
func TestAcceptanceRankingAndPacing(t *testing.T) {
	r := buildAcceptance(t, Dimensions{Owner: true})
	quotas := map[string]metrics.Money{"ana": usd(t, "100000"), "ben": usd(t, "60000"), "cai": usd(t, "100000"), "dee": usd(t, "30000")}
	ranks, err := r.Ranking(quotas)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Owner      string
		Attainment string
		Position   int
	}
	var got []line
	for _, rk := range ranks {
		got = append(got, line{rk.Owner, rk.Attainment.StringPercent(metrics.Places(1)), rk.Position})
	}
	// cai 110k ÷ 100k; ben 30k ÷ 60k and dee 15k ÷ 30k tie at 50%; ana 10k ÷ 100k.
	want := []line{{"cai", "110%", 1}, {"ben", "50%", 2}, {"dee", "50%", 2}, {"ana", "10%", 4}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
	delete(quotas, "dee")
	wantMetricErr(t, "missing quota", errOf(r.Ranking(quotas)), metrics.ErrMissing, "quota_attainment")
	// 2024-Q2 has 30 + 31 + 30 = 91 days; through 15 May 30 + 15 = 45 gone.
	elapsed, err := ElapsedShare(quarter(t, "2024-Q2"), day(t, "2024-05-15"))
	if err != nil || !elapsed.Equal(rat(t, "45/91")) {
		t.Fatalf("elapsed %v, %v; want 45/91", elapsed, err)
	}
	// cai closed 60k of a 100k Q2 quota: 60% ÷ 45/91 = 91/75 ≈ 121.3%: ahead.
	pace, err := QuotaPacing(Quota{Achieved: usd(t, "60000"), Target: usd(t, "100000"), Elapsed: elapsed})
	if err != nil || !pace.Equal(rat(t, "91/75")) {
		t.Errorf("pacing %v, %v; want 91/75", pace, err)
	}
}

// The forecast as it stood at points in time, from the history: Q1's commit
// forecast on 15 February against Q1's actual, the slipped deal moving from
// Q2 to Q3, and the last snapshot equal to the final roll-up.
func TestAcceptanceSnapshots(t *testing.T) {
	by := Dimensions{Period: ByQuarter, Owner: true}
	h, err := LoadHistory(metrics.FromSlice(acceptanceHistory(t)), Options{Policy: acceptancePolicy(), By: by})
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := h.Snapshots(day(t, "2024-02-15"), day(t, "2024-06-01"), day(t, "2024-07-01"), day(t, "2025-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	final := buildAcceptance(t, by)
	if diff := cmp.Diff(final.Cells(), snaps[3].Cells()); diff != "" {
		t.Errorf("last snapshot ≠ final roll-up:\n%s", diff)
	}
	// The overrides are the same, at their records in the history.
	if diff := cmp.Diff(final.Overrides(), snaps[3].Overrides(), cmpopts.IgnoreFields(Override{}, "Record")); diff != "" {
		t.Errorf("last snapshot's overrides:\n%s", diff)
	}
	q1, q2, q3 := quarter(t, "2024-Q1"), quarter(t, "2024-Q2"), quarter(t, "2024-Q3")
	// On 15 Feb: o01 won (10k), o02 lost; o03 (30k) and o04 (50k) open at
	// Contract: Q1 commit forecast 10 + 30 + 50 = 90k; dee's o05 not yet
	// created. Q1's actual is 105k.
	cmpQ1, err := Compare(snaps[0], final, Totals.CommitForecast)
	if err != nil {
		t.Fatal(err)
	}
	var q1Outcomes []Outcome
	for _, c := range cmpQ1 {
		if c.Key.Quarter == q1 {
			q1Outcomes = append(q1Outcomes, c.Outcome)
		}
	}
	wantQ1 := []Outcome{
		{Forecast: usd(t, "10000"), Actual: usd(t, "10000")}, // ana
		{Forecast: usd(t, "30000"), Actual: usd(t, "30000")}, // ben
		{Forecast: usd(t, "50000"), Actual: usd(t, "50000")}, // cai
		{Forecast: metrics.Money{}, Actual: usd(t, "15000")}, // dee: nothing forecast
	}
	if diff := cmp.Diff(wantQ1, q1Outcomes, cmpOpts...); diff != "" {
		t.Fatalf("Q1 outcomes (-want +got):\n%s", diff)
	}
	// Team: 1 − |105 − 90| ÷ 105 = 6/7 ≈ 85.7%, "good".
	acc, err := ForecastAccuracy(Outcome{Forecast: usd(t, "90000"), Actual: usd(t, "105000")})
	if err != nil || !acc.Equal(rat(t, "6/7")) {
		t.Errorf("accuracy %v, %v; want 6/7", acc, err)
	}
	// By owner: Σ|A − F| = 15k over Σ A = 105k: WAPE 1/7; bias −15/105 = −1/7.
	if w, err := WAPE(q1Outcomes); err != nil || !w.Equal(rat(t, "1/7")) {
		t.Errorf("WAPE %v, %v; want 1/7", w, err)
	}
	if b, err := Bias(q1Outcomes); err != nil || !b.Equal(rat(t, "-1/7")) {
		t.Errorf("bias %v, %v; want -1/7", b, err)
	}
	// dee forecast nothing of 15k: accuracy 0. ana's Q2 actual is 0: undefined.
	if a, err := ForecastAccuracy(q1Outcomes[3]); err != nil || !a.IsZero() {
		t.Errorf("dee accuracy %v, %v; want 0", a, err)
	}
	ana2, _ := final.Cell(Key{Quarter: q2, Owner: "ana"})
	wantMetricErr(t, "actual 0", errOf(ForecastAccuracy(Outcome{Forecast: usd(t, "40000"), Actual: ana2.Closed()})), metrics.ErrZeroDenominator, "forecast_accuracy")
	// o14 slipped on 20 June: on 1 June ana's Q2 commit holds o06 and o14
	// (40 + 45); on 1 July o14 is in Q3.
	commitOf := func(r *Rollup, q metrics.Quarter) metrics.Money {
		c, _ := r.Cell(Key{Quarter: q, Owner: "ana"})
		return c.Amount(CategoryCommit)
	}
	for _, tc := range []struct {
		snap   int
		q2, q3 string
	}{{1, "85000", "0"}, {2, "40000", "45000"}} {
		if a, b := commitOf(snaps[tc.snap], q2), commitOf(snaps[tc.snap], q3); !sameAmount(a, usd(t, tc.q2)) || !sameAmount(b, usd(t, tc.q3)) {
			t.Errorf("snapshot %d: ana commit Q2 %v Q3 %v; want %s, %s", tc.snap, a, b, tc.q2, tc.q3)
		}
	}
	// o17's override took effect on 10 May: not in force on 15 Feb (o17 did
	// not exist), in force from then on.
	if n := len(snaps[0].Overrides()); n != 0 {
		t.Errorf("overrides on 15 Feb: %d", n)
	}
	if got := snaps[1].Overrides(); len(got) != 2 || got[1].ID != "o17" {
		t.Errorf("overrides on 1 June: %+v", got)
	}
}

// Stage-to-stage conversion and aging from the history.
func TestAcceptanceConversionAndAging(t *testing.T) {
	h, err := LoadHistory(metrics.FromSlice(acceptanceHistory(t)), Options{Policy: acceptancePolicy()})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := h.Conversion()
	if err != nil {
		t.Fatal(err)
	}
	// Furthest step reached: Prospecting o11, o13; Qualification o09;
	// Proposal o02, o08, o12, o16; Negotiation o07, o15; Legal o18;
	// Contract o06, o14, o17; won o01, o03, o04, o05, o10. Reached at least:
	// 18, 16, 15, 11, 9, 8, 5.
	want := []Step{
		{"Prospecting", "Qualification", 18, 16},
		{"Qualification", "Proposal", 16, 15},
		{"Proposal", "Negotiation", 15, 11},
		{"Negotiation", "Legal", 11, 9},
		{"Legal", "Contract", 9, 8},
		{"Contract", "won", 8, 5},
	}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("conversion (-want +got):\n%s", diff)
	}
	if r, err := steps[5].Rate(); err != nil || !r.Equal(rat(t, "5/8")) {
		t.Errorf("Contract → won %v, %v", r, err)
	}
	ages, err := h.Aging(day(t, "2024-05-15"), 30)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		ID         string
		Age, Stage int64
		Stale      bool
	}
	var got []line
	for _, a := range ages {
		got = append(got, line{a.ID, a.AgeDays, a.InStageDays, a.Stale})
	}
	// Open on 15 May (o10 won 30 Apr, o12 lost 5 May). Days from 15 Mar: 16
	// + 30 + 15 = 61; from 10 Apr 35; from 15 Apr 30 (stale at 30, inclusive);
	// o07 moved to Negotiation on 20 Apr (25 days) but is 44 days old; o14
	// moved to Contract on 1 May (14 days); o17's override (10 May) is not a
	// stage change.
	want2 := []line{
		{"o06", 61, 61, true}, {"o08", 35, 35, true}, {"o13", 30, 30, true},
		{"o07", 44, 25, false}, {"o09", 25, 25, false},
		{"o11", 14, 14, false}, {"o14", 44, 14, false}, {"o15", 14, 14, false}, {"o17", 14, 14, false},
		{"o16", 5, 5, false}, {"o18", 3, 3, false},
	}
	if diff := cmp.Diff(want2, got); diff != "" {
		t.Errorf("aging (-want +got):\n%s", diff)
	}
}

// Filter keeps one quarter: Q2's ranking by closed amount.
func TestAcceptanceFilter(t *testing.T) {
	r := buildAcceptance(t, Dimensions{Period: ByQuarter, Owner: true})
	q2 := r.Filter(func(k Key) bool { return k.Quarter == quarter(t, "2024-Q2") })
	if n := len(q2.Cells()); n != 4 {
		t.Fatalf("%d cells", n)
	}
	// Q2: cai closed 60k of 100k; the others nothing.
	ranks, err := q2.Ranking(map[string]metrics.Money{"ana": usd(t, "100000"), "ben": usd(t, "100000"), "cai": usd(t, "100000"), "dee": usd(t, "100000")})
	if err != nil || ranks[0].Owner != "cai" || !ranks[0].Attainment.Equal(rat(t, "60%")) || ranks[1].Position != 2 || ranks[3].Position != 2 {
		t.Errorf("Q2 ranking %+v, %v", ranks, err)
	}
	if len(q2.Overrides()) != 2 || len(r.Cells()) != 12 {
		t.Error("Filter changed the overrides or the original")
	}
}
