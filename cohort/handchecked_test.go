package cohort

import (
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// handRows is the hand-checked data set: 13 customers over January–August
// 2024 (Through 2024-08), two segments, MRR per month ("" = no row):
//
//	    seg  Jan  Feb  Mar  Apr  May  Jun  Jul  Aug
//	A   smb  100  100  100  100  100  100  100  100   steady
//	B   smb  100  100  100  150  150  150  150  150   upgrade in Apr
//	C   smb   50   50    –    –   50   50   50   50   churns in Mar, reactivates in May
//	D   ent  500  500  500  500  300  300  300  300   downgrade in May
//	E   ent  200  200    –    –    –    –    –    –   churns in Mar
//	F   smb    –  100  100  150  150  150  150  150   two subscriptions: s1 100 from Feb, s2 50 from Apr
//	G   smb    –   80   80   80   80   80    –    –   churns in Jul
//	H   ent    –  400  400  400  400  400  400  400
//	I   smb    –    –   60   60   60   60   60   60
//	J   ent    –    –  300  300  300    –    –    –   churns in Jun
//	K   smb    –    –    –    –   70   70   70   70   May cohort: observed to period 3 only
//	L   ent    –    –    –    –  250  250    0    –   churns in Jul (an explicit zero row)
//	M   smb    0    –    –    –    –    –    –    –   never pays: in no cohort
//
// Monthly cohorts: Jan {A,B,C,D,E}, Feb {F,G,H}, Mar {I,J}, May {K,L}.
func handRows(t fatalfer) []mrr.Row {
	var rows []mrr.Row
	rows = series(t, rows, "A", "", "2024-01", "100", "100", "100", "100", "100", "100", "100", "100")
	rows = series(t, rows, "B", "", "2024-01", "100", "100", "100", "150", "150", "150", "150", "150")
	rows = series(t, rows, "C", "", "2024-01", "50", "50", "", "", "50", "50", "50", "50")
	rows = series(t, rows, "D", "", "2024-01", "500", "500", "500", "500", "300", "300", "300", "300")
	rows = series(t, rows, "E", "", "2024-01", "200", "200")
	rows = series(t, rows, "F", "s1", "2024-02", "100", "100", "100", "100", "100", "100", "100")
	rows = series(t, rows, "F", "s2", "2024-04", "50", "50", "50", "50", "50")
	rows = series(t, rows, "G", "", "2024-02", "80", "80", "80", "80", "80")
	rows = series(t, rows, "H", "", "2024-02", "400", "400", "400", "400", "400", "400", "400")
	rows = series(t, rows, "I", "", "2024-03", "60", "60", "60", "60", "60", "60")
	rows = series(t, rows, "J", "", "2024-03", "300", "300", "300")
	rows = series(t, rows, "K", "", "2024-05", "70", "70", "70", "70")
	rows = series(t, rows, "L", "", "2024-05", "250", "250", "0")
	rows = series(t, rows, "M", "", "2024-01", "0")
	return rows
}

// handSegments are the customers' segments.
var handSegments = map[string]string{
	"A": "smb", "B": "smb", "C": "smb", "F": "smb", "G": "smb", "I": "smb", "K": "smb", "M": "smb",
	"D": "ent", "E": "ent", "H": "ent", "J": "ent", "L": "ent",
}

// wantCell is the hand-derived part of a cell a table test checks.
type wantCell struct {
	period                 int
	observed, active       int64
	mrr, base, capped, rev string
	partial                bool
}

// checkCells compares the cells of cohort k with want.
func checkCells(t *testing.T, tab *Table, k Key, want []wantCell) {
	t.Helper()
	for _, w := range want {
		c, ok := tab.Cell(k, w.period)
		if !ok {
			t.Errorf("%v period %d: not observed", k, w.period)
			continue
		}
		if c.Observed != w.observed || c.Active != w.active || c.Partial != w.partial || !c.MRR.Equal(usd(t, w.mrr)) ||
			!c.BaseMRR.Equal(usd(t, w.base)) || !c.CappedMRR.Equal(usd(t, w.capped)) || !c.Revenue.Equal(usd(t, w.rev)) {
			t.Errorf("%v period %d: observed %d active %d partial %v MRR %s base %s capped %s revenue %s; want %+v",
				k, w.period, c.Observed, c.Active, c.Partial, c.MRR, c.BaseMRR, c.CappedMRR, c.Revenue, w)
		}
	}
}

func TestHandCheckedMonthly(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	jan, feb, mar, may := Key{Acquired: month(t, "2024-01")}, Key{Acquired: month(t, "2024-02")}, Key{Acquired: month(t, "2024-03")}, Key{Acquired: month(t, "2024-05")}
	if got := tab.Keys(); len(got) != 4 || got[0] != jan || got[1] != feb || got[2] != mar || got[3] != may {
		t.Fatalf("keys %v", got)
	}
	// Sizes 5 + 3 + 2 + 2 = 12 paying customers (M never pays).
	for k, n := range map[Key]int64{jan: 5, feb: 3, mar: 2, may: 2} {
		if tab.Size(k) != n {
			t.Errorf("size %v = %d, want %d", k, tab.Size(k), n)
		}
	}
	if tab.Through() != month(t, "2024-08") || tab.Periods() != 8 {
		t.Errorf("through %s periods %d", tab.Through(), tab.Periods())
	}
	// January: base 100+100+50+500+200 = 950.
	//  p0 Jan: MRR 950, capped 950, active 5, revenue 950
	//  p1 Feb: 950, 950, 5, revenue 1900
	//  p2 Mar: C and E churn: 100+100+500 = 700, capped 700, active 3, revenue 2600
	//  p3 Apr: B upgrades to 150: 750; capped 100+100+500 = 700; active 3; revenue 3350
	//  p4 May: C returns at 50, D down to 300: 100+150+50+300 = 600;
	//          capped 100+100+50+300 = 550; active 4; revenue 3950
	//  p7 Aug: 600, 550, 4, revenue 3950 + 3×600 = 5750
	checkCells(t, tab, jan, []wantCell{
		{0, 5, 5, "950", "950", "950", "950", false},
		{1, 5, 5, "950", "950", "950", "1900", false},
		{2, 5, 3, "700", "950", "700", "2600", false},
		{3, 5, 3, "750", "950", "700", "3350", false},
		{4, 5, 4, "600", "950", "550", "3950", false},
		{7, 5, 4, "600", "950", "550", "5750", false},
	})
	// February: base F 100 + G 80 + H 400 = 580.
	//  p2 Apr: F's second subscription: 150+80+400 = 630, capped 580
	//  p5 Jul: G churns: 150+400 = 550, capped 100+400 = 500, active 2
	//  revenue: 580, 1160, 1790, 2420, 3050, then 3600 (p5), 4150 (p6)
	checkCells(t, tab, feb, []wantCell{
		{0, 3, 3, "580", "580", "580", "580", false},
		{2, 3, 3, "630", "580", "580", "1790", false},
		{5, 3, 2, "550", "580", "500", "3600", false},
		{6, 3, 2, "550", "580", "500", "4150", false},
	})
	// March: base 60 + 300 = 360; J churns in June (p3): MRR 60, active 1.
	// Revenue p5: I 6 × 60 + J 3 × 300 = 1260.
	checkCells(t, tab, mar, []wantCell{
		{3, 2, 1, "60", "360", "60", "1140", false},
		{5, 2, 1, "60", "360", "60", "1260", false},
	})
	// May: base 70 + 250 = 320; L's zero row in July is its churn (p2).
	// Periods 4–7 are after Through: not observed, never 0%.
	checkCells(t, tab, may, []wantCell{
		{2, 2, 1, "70", "320", "70", "710", false},
		{3, 2, 1, "70", "320", "70", "780", false},
	})
	for p := 4; p < 8; p++ {
		if c, ok := tab.Cell(may, p); ok {
			t.Errorf("May period %d observed: %+v", p, c)
		}
	}
	// Rates of January: NRR p3 750/950 = 15/19, p4 600/950 = 12/19; GRR p4
	// 550/950 = 11/19; logo p2 3/5, p4 4/5 (C's return counts); churn p2 2/5.
	c3, _ := tab.Cell(jan, 3)
	c4, _ := tab.Cell(jan, 4)
	c2, _ := tab.Cell(jan, 2)
	for _, tc := range []struct {
		name string
		f    func() (metrics.Ratio, error)
		want metrics.Ratio
	}{
		{"NRR p3", c3.NRR, frac(t, 15, 19)},
		{"NRR p4", c4.NRR, frac(t, 12, 19)},
		{"GRR p3", c3.GRR, frac(t, 14, 19)},
		{"GRR p4", c4.GRR, frac(t, 11, 19)},
		{"logo p2", c2.LogoRetention, frac(t, 3, 5)},
		{"logo p4", c4.LogoRetention, frac(t, 4, 5)},
		{"churn p2", c2.ChurnRate, frac(t, 2, 5)},
		{"period churn p2 (2 of 5)", c2.PeriodChurnRate, frac(t, 2, 5)},
		{"period churn p4 (0 of 3)", c4.PeriodChurnRate, frac(t, 0, 1)},
		// Land-and-expand p4: (600 ÷ 4) ÷ (950 ÷ 5) = 150/190 = 15/19.
		{"land and expand p4", c4.LandAndExpand, frac(t, 15, 19)},
	} {
		got, err := tc.f()
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("January %s = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// Movements into January's p2 (C and E churn 50 + 200), p3 (B +50), p4
	// (C reactivates 50, D contracts 200); MRR = prev + exp − contr − churn + react.
	if !c2.Churn.Equal(usd(t, "250")) || c2.ChurnedCustomers != 2 || !c2.PrevMRR.Equal(usd(t, "950")) || c2.PrevActive != 5 {
		t.Errorf("January p2 movements %+v", c2)
	}
	if !c3.Expansion.Equal(usd(t, "50")) || !c3.Contraction.IsZero() || !c3.Churn.IsZero() {
		t.Errorf("January p3 movements %+v", c3)
	}
	if !c4.Reactivation.Equal(usd(t, "50")) || c4.ReactivatedCustomers != 1 || !c4.Contraction.Equal(usd(t, "200")) || c4.PrevActive != 3 {
		t.Errorf("January p4 movements %+v", c4)
	}
	// LTV at Aug: 5750 ÷ 5 = 1150.
	c7, _ := tab.Cell(jan, 7)
	if ltv, err := c7.LTV(metrics.Places(2)); err != nil || !ltv.Equal(usd(t, "1150")) {
		t.Errorf("LTV = %v, %v", ltv, err)
	}
	// Calendar months of the cells: January p4 samples May.
	if c4.Calendar != month(t, "2024-05") || tab.Label(jan, 4) != "4" {
		t.Errorf("calendar %s label %s", c4.Calendar, tab.Label(jan, 4))
	}
}

// Averages across the hand-checked cohorts.
//
//	period 3: Jan 3/5, Feb 3/3, Mar 1/2, May 1/2 (base 950, 580, 360, 320)
//	  pooled logo (3+3+1+1) ÷ (5+3+2+2) = 8/12 = 2/3
//	  simple (3/5 + 1 + 1/2 + 1/2) ÷ 4 = 13/20
//	  MRR-weighted (950×3/5 + 580 + 360/2 + 320/2) ÷ 2210 = 1490/2210 = 149/221
//	  pooled NRR (750 + 630 + 60 + 70) ÷ 2210 = 151/221 (= MRR-weighted NRR)
//	period 4: May not observed: pooled (4+3+1) ÷ (5+3+2) = 4/5; simple (4/5 + 1 + 1/2) ÷ 3 = 23/30
func TestHandCheckedAverages(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	at := func(q Query, p int) Point {
		t.Helper()
		pts, err := tab.Average(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range pts {
			if pt.Period == p {
				return pt
			}
		}
		t.Fatalf("%+v: no period %d", q, p)
		return Point{}
	}
	for _, tc := range []struct {
		name    string
		q       Query
		p       int
		want    metrics.Ratio
		cohorts int
	}{
		{"pooled logo p3", Query{}, 3, frac(t, 2, 3), 4},
		{"simple logo p3", Query{Average: AverageSimple}, 3, frac(t, 13, 20), 4},
		{"mrr-weighted logo p3", Query{Average: AverageMRRWeighted}, 3, frac(t, 149, 221), 4},
		{"pooled NRR p3", Query{Metric: MetricNRR}, 3, frac(t, 151, 221), 4},
		{"mrr-weighted NRR p3", Query{Metric: MetricNRR, Average: AverageMRRWeighted}, 3, frac(t, 151, 221), 4},
		{"pooled churn p3", Query{Metric: MetricChurnRate}, 3, frac(t, 1, 3), 4},
		{"pooled logo p4", Query{}, 4, frac(t, 4, 5), 3},
		{"simple logo p4", Query{Average: AverageSimple}, 4, frac(t, 23, 30), 3},
		// GRR p7: only January (550/950 = 11/19).
		{"pooled GRR p7", Query{Metric: MetricGRR}, 7, frac(t, 11, 19), 1},
		// Drill-down to February alone at p5: 2 of 3.
		{"matched", Query{Match: func(k Key) bool { return k.Acquired.Month() == 2 }}, 5, frac(t, 2, 3), 1},
	} {
		pt := at(tc.q, tc.p)
		if !pt.Value.Equal(tc.want) || pt.Cohorts != tc.cohorts {
			t.Errorf("%s = %v over %d cohorts; want %v over %d", tc.name, pt.Value, pt.Cohorts, tc.want, tc.cohorts)
		}
	}
	if _, err := tab.Average(Query{Match: func(Key) bool { return false }}); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("no cohort: %v", err)
	}
	if _, err := tab.Average(Query{Metric: 9}); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("bad metric: %v", err)
	}
	if _, err := tab.Average(Query{Average: 9}); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("bad average: %v", err)
	}
}

// Kaplan–Meier over the hand-checked set (first churn ends a life):
//
//	events: C, E, L at p2; J at p3; G at p5
//	censored (paying at Through): K at p3, I at p5, F and H at p6, A, B, D at p7
//	p2: 12 at risk, 3 events: S = 9/12 = 3/4
//	p3: 9 at risk, 1 event, 1 censored: S = 3/4 × 8/9 = 2/3
//	p5: 7 at risk, 1 event, 1 censored: S = 2/3 × 6/7 = 4/7
//	p6: 5 at risk, 2 censored; p7: 3 at risk, 3 censored: S stays 4/7
//
// The curve never falls to 50%: no median.
func TestHandCheckedSurvival(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := tab.Survival(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		n, d, c  int64
		survival metrics.Ratio
	}{
		{12, 0, 0, frac(t, 1, 1)}, {12, 0, 0, frac(t, 1, 1)}, {12, 3, 0, frac(t, 3, 4)}, {9, 1, 1, frac(t, 2, 3)},
		{7, 0, 0, frac(t, 2, 3)}, {7, 1, 1, frac(t, 4, 7)}, {5, 0, 2, frac(t, 4, 7)}, {3, 0, 3, frac(t, 4, 7)},
	}
	if len(s.Points) != len(want) {
		t.Fatalf("%d points: %+v", len(s.Points), s.Points)
	}
	for i, w := range want {
		p := s.Points[i]
		if p.AtRisk != w.n || p.Events != w.d || p.Censored != w.c || !p.Survival.Equal(w.survival) {
			t.Errorf("p%d: %+v, want %+v", i, p, w)
		}
	}
	if !s.Points[3].Hazard.Equal(frac(t, 1, 9)) {
		t.Errorf("hazard p3 = %v, want 1/9", s.Points[3].Hazard)
	}
	if _, err := s.Median(); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("median: %v", err)
	}
	// January alone: C and E end at p2 (S = 3/5), A, B, D censored at p7.
	js, err := tab.Survival(func(k Key) bool { return k.Acquired == month(t, "2024-01") })
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := js.At(7); !ok || !v.Equal(frac(t, 3, 5)) {
		t.Errorf("January S(7) = %v, %v", v, ok)
	}
	// March alone: J ends at p3 of 2: S(3) = 1/2, the median is 3 months.
	ms, _ := tab.Survival(func(k Key) bool { return k.Acquired == month(t, "2024-03") })
	if med, err := ms.Median(); err != nil || med.String() != "3 months" {
		t.Errorf("March median = %v, %v", med, err)
	}
	if _, err := tab.Survival(func(Key) bool { return false }); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("no cohort: %v", err)
	}
}

// Segments crossed with acquisition: January smb {A, B, C}, January ent
// {D, E}, February smb {F, G}, February ent {H}, March smb {I}, March ent
// {J}, May smb {K}, May ent {L}.
//
//	Jan ent p2: E churned: D 500 of base 700 → NRR 5/7, logo 1/2
//	Jan smb p4: A 100 + B 150 + C 50 = 300 of base 250 → NRR 6/5, logo 3/3
//
// By segment alone (each customer from its own first month): smb {A, B, C,
// F, G, I, K}, ent {D, E, H, J, L}.
//
//	smb p2: active A, B, F, G, I, K = 6 of 7 (C out in March): churn 1/7
//	ent p2: active D, H, J = 3 of 5 (E out in March, L in July): churn 2/5
//	smb p4: K (May + 4 = September) not observed: partial, 6 of 6 active
func TestHandCheckedSegments(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD", Segment: SegmentMap(handSegments)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.Keys()); n != 8 {
		t.Fatalf("%d cohorts: %v", n, tab.Keys())
	}
	janEnt := Key{Acquired: month(t, "2024-01"), Segment: "ent"}
	janSMB := Key{Acquired: month(t, "2024-01"), Segment: "smb"}
	c, _ := tab.Cell(janEnt, 2)
	if nrr, _ := c.NRR(); !nrr.Equal(frac(t, 5, 7)) || c.Active != 1 || c.Observed != 2 {
		t.Errorf("Jan ent p2: NRR %v active %d of %d", nrr, c.Active, c.Observed)
	}
	c, _ = tab.Cell(janSMB, 4)
	if nrr, _ := c.NRR(); !nrr.Equal(frac(t, 6, 5)) || c.Active != 3 {
		t.Errorf("Jan smb p4: NRR %v active %d", nrr, c.Active)
	}
	if tab.KeyLabel(janSMB) != "2024-01 smb" {
		t.Errorf("label %q", tab.KeyLabel(janSMB))
	}

	seg, err := Build(source(handRows(t)), Options{Currency: "USD", Segment: SegmentMap(handSegments), SegmentOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	smb, ent := Key{Segment: "smb"}, Key{Segment: "ent"}
	if seg.Size(smb) != 7 || seg.Size(ent) != 5 || seg.KeyLabel(smb) != "smb" {
		t.Fatalf("sizes smb %d ent %d", seg.Size(smb), seg.Size(ent))
	}
	for _, tc := range []struct {
		k       Key
		p       int
		churn   metrics.Ratio
		partial bool
	}{
		{smb, 2, frac(t, 1, 7), false},
		{ent, 2, frac(t, 2, 5), false},
		{smb, 4, frac(t, 0, 1), true},
	} {
		c, ok := seg.Cell(tc.k, tc.p)
		got, err := c.ChurnRate()
		if !ok || err != nil || !got.Equal(tc.churn) || c.Partial != tc.partial {
			t.Errorf("%s p%d: churn %v partial %v (%v, %v); want %v partial %v", tc.k.Segment, tc.p, got, c.Partial, ok, err, tc.churn, tc.partial)
		}
	}
	// The partial smb cell at p4 is left out of averages unless asked.
	pts, _ := seg.Average(Query{Match: func(k Key) bool { return k == smb }})
	for _, pt := range pts {
		if pt.Period == 4 {
			t.Errorf("partial cell averaged: %+v", pt)
		}
	}
	pts, _ = seg.Average(Query{Match: func(k Key) bool { return k == smb }, Partial: true})
	if pt := pts[4]; pt.Period != 4 || !pt.Value.Equal(frac(t, 1, 1)) || pt.Members != 6 {
		t.Errorf("with partial cells: %+v", pts)
	}
}

// Quarterly cohorts: Q1 {A … J} (10), Q2 {K, L}. Period p samples each
// customer 3p months after its own first month; Through August leaves
// January's and February's customers observed to p2, March's to p1 only.
//
//	Q1 p1 (Jan customers in Apr, Feb's in May, Mar's in Jun):
//	  A 100, B 150, C 0, D 500, E 0, F 150, G 80, H 400, I 60, J 0
//	  MRR 1440 of base 950 + 580 + 360 = 1890, active 7 of 10
//	  capped: 100 + 100 + 500 + 100 + 80 + 400 + 60 = 1340 (B and F capped at 100)
//	  revenue: A 400, B 450, C 100, D 2000, E 400, F 500, G 320, H 1600, I 240, J 900 = 6910
//	Q1 p2 (partial: Jan's in Jul, Feb's in Aug; I and J not observed):
//	  A 100, B 150, C 50, D 300, E 0, F 150, G 0, H 400 = 1150 of base 1530, active 6 of 8
//	  capped: 100 + 100 + 50 + 300 + 100 + 400 = 1050
//	  revenue: Jan's through Jul 700 + 900 + 250 + 2900 + 400 = 5150,
//	           Feb's through Aug 950 + 400 + 2800 = 4150: 9300
//	Q2 p1 (Aug): K 70, L 0: 70 of 320; revenue K 4 × 70 + L 250 + 250 = 780
func TestHandCheckedQuarterly(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD", Grain: GrainQuarter, Index: IndexCalendar})
	if err != nil {
		t.Fatal(err)
	}
	q1, q2 := Key{Acquired: month(t, "2024-01")}, Key{Acquired: month(t, "2024-04")}
	if tab.Size(q1) != 10 || tab.Size(q2) != 2 || tab.KeyLabel(q1) != "2024-Q1" {
		t.Fatalf("sizes %d %d, label %q", tab.Size(q1), tab.Size(q2), tab.KeyLabel(q1))
	}
	checkCells(t, tab, q1, []wantCell{
		{0, 10, 10, "1890", "1890", "1890", "1890", false},
		{1, 10, 7, "1440", "1890", "1340", "6910", false},
		{2, 8, 6, "1150", "1530", "1050", "9300", true},
	})
	checkCells(t, tab, q2, []wantCell{{1, 2, 1, "70", "320", "70", "780", false}})
	if tab.Label(q1, 2) != "2024-Q3" || tab.Label(q2, 1) != "2024-Q3" {
		t.Errorf("calendar labels %q %q", tab.Label(q1, 2), tab.Label(q2, 1))
	}
	// Averages leave the partial Q1 p2 out: p2 has no fully observed cell.
	pts, err := tab.Average(Query{Metric: MetricNRR})
	if err != nil || len(pts) != 2 {
		t.Fatalf("averages %+v, %v", pts, err)
	}
}

// The reactivation rules on January's cohort:
//
//	excluded:   C's May return does not count: p4 active 3 (A, B, D),
//	            MRR 100 + 150 + 300 = 550 (NRR 11/19), revenue 3350 + 550 = 3900
//	fills-gaps: C is retained through its gap: p2 active 4 of 5 (E churned),
//	            MRR still 700; only E churns as a logo at p2
func TestHandCheckedReactivationRules(t *testing.T) {
	jan := Key{Acquired: month(t, "2024-01")}
	ex, err := Build(source(handRows(t)), Options{Currency: "USD", Reactivation: ReactivationExcluded})
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, ex, jan, []wantCell{
		{2, 5, 3, "700", "950", "700", "2600", false},
		{4, 5, 3, "550", "950", "500", "3900", false},
	})
	c, _ := ex.Cell(jan, 4)
	if !c.Reactivation.IsZero() || c.ReactivatedCustomers != 0 {
		t.Errorf("excluded: reactivation %s (%d)", c.Reactivation, c.ReactivatedCustomers)
	}
	fill, err := Build(source(handRows(t)), Options{Currency: "USD", Reactivation: ReactivationFillsGaps})
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, fill, jan, []wantCell{
		{2, 5, 4, "700", "950", "700", "2600", false},
		{4, 5, 4, "600", "950", "550", "3950", false},
	})
	c, _ = fill.Cell(jan, 2)
	if c.ChurnedCustomers != 1 || !c.Churn.Equal(usd(t, "250")) {
		t.Errorf("fills-gaps p2: %d churned, churn MRR %s", c.ChurnedCustomers, c.Churn)
	}
	c, _ = fill.Cell(jan, 4)
	if c.ReactivatedCustomers != 0 || !c.Reactivation.Equal(usd(t, "50")) {
		t.Errorf("fills-gaps p4: %d reactivated, reactivation MRR %s", c.ReactivatedCustomers, c.Reactivation)
	}
}

// By subscription (Stripe): F's second subscription is its own member of an
// April cohort; 13 members in all. With PartialLast, every cell sampled in
// August is partial.
func TestHandCheckedBySubscriptionAndPartialLast(t *testing.T) {
	tab, err := Build(source(handRows(t)), Options{Currency: "USD", BySubscription: true, PartialLast: true})
	if err != nil {
		t.Fatal(err)
	}
	apr, feb := Key{Acquired: month(t, "2024-04")}, Key{Acquired: month(t, "2024-02")}
	var total int64
	for _, k := range tab.Keys() {
		total += tab.Size(k)
	}
	if total != 13 || tab.Size(apr) != 1 {
		t.Fatalf("members %d, April %d", total, tab.Size(apr))
	}
	// February by subscription: F/s1 100, G 80, H 400 → p2 580 (no
	// expansion); p6 (Aug) 100 + 400 = 500, revenue F/s1 700 + G 400 + H 2800 = 3900.
	checkCells(t, tab, feb, []wantCell{
		{2, 3, 3, "580", "580", "580", "1740", false},
		{6, 3, 2, "500", "580", "500", "3900", true},
	})
	checkCells(t, tab, apr, []wantCell{{4, 1, 1, "50", "50", "50", "250", true}})
}

// Errors name what was wrong and where.
func TestHandCheckedErrors(t *testing.T) {
	rows := handRows(t)
	// A customer without a segment key: strict stops naming it; lenient
	// skips the customer and lists it once.
	segs := map[string]string{}
	for k, v := range handSegments {
		segs[k] = v
	}
	delete(segs, "G")
	_, err := Build(source(rows), Options{Currency: "USD", Segment: SegmentMap(segs)})
	var re *metrics.RowError
	if !errors.Is(err, metrics.ErrMissing) || !errors.As(err, &re) || re.ID != "G" || re.Field != "segment" || re.Record == 0 {
		t.Fatalf("unknown key: %v", err)
	}
	tab, err := Build(source(rows), Options{Currency: "USD", Segment: SegmentMap(segs), Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if rej := tab.Rejected(); len(rej) != 1 || rej[0].ID != "G" || tab.Size(Key{Acquired: month(t, "2024-02"), Segment: "smb"}) != 1 {
		t.Errorf("lenient unknown key: %+v", rej)
	}
	// Empty input, and input with no paid month.
	if _, err := Build(source(nil), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := Build(source(rows[len(rows)-1:]), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("never paid: %v", err)
	}
	// Bad rows name their record, customer, month and field.
	bad := append([]mrr.Row{}, rows[:3]...)
	bad = append(bad, mrr.Row{Customer: "Z", Month: month(t, "2024-02"), MRR: usd(t, "-5")})
	_, err = Build(source(bad), Options{Currency: "USD"})
	if !errors.Is(err, metrics.ErrNegative) || !errors.As(err, &re) || re.Record != 4 || re.ID != "Z" || re.Field != "mrr" || re.Month != month(t, "2024-02") {
		t.Errorf("negative: %v", err)
	}
	tab, err = Build(source(bad), Options{Currency: "USD", Lenient: true})
	if err != nil || len(tab.Rejected()) != 1 || tab.Rejected()[0].Record != 4 {
		t.Errorf("lenient negative: %v", err)
	}
}
