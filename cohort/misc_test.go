package cohort

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// Land-and-expand of one account (moved from package metrics), with the
// seed's bands: 250 after landing at 100 is 2.5x, excellent; 3 → 1 is 1/3.
func TestLandAndExpandRatio(t *testing.T) {
	for _, tc := range []struct {
		name     string
		p        metrics.Periods
		want     metrics.Ratio
		wantBand string
	}{
		{"2.5x", metrics.Periods{Previous: usd(t, "100"), Current: usd(t, "250")}, frac(t, 5, 2), "excellent"},
		{"1/3", metrics.Periods{Previous: usd(t, "3"), Current: usd(t, "1")}, frac(t, 1, 3), "weak"},
		{"1.2x is acceptable (the seed's gap)", metrics.Periods{Previous: usd(t, "100"), Current: usd(t, "120")}, frac(t, 6, 5), "acceptable"},
		{"1.5x is good", metrics.Periods{Previous: usd(t, "100"), Current: usd(t, "150")}, frac(t, 3, 2), "good"},
		{"nothing later", metrics.Periods{Previous: usd(t, "100")}, metrics.Ratio{}, "weak"},
	} {
		got, err := LandAndExpandRatio(tc.p)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.name, got, err, tc.want)
			continue
		}
		def := findDef(t, "land_and_expand_ratio")
		if b, err := def.Classify(got); err != nil || b.Name != tc.wantBand {
			t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.wantBand)
		}
	}
	eur, _ := metrics.MoneyFromInt(1, "EUR")
	var me *metrics.MetricError
	for _, tc := range []struct {
		name  string
		p     metrics.Periods
		want  error
		input string
	}{
		{"negative initial", metrics.Periods{Previous: usd(t, "-0.5"), Current: usd(t, "1")}, metrics.ErrNegative, "previous"},
		{"negative later", metrics.Periods{Previous: usd(t, "1"), Current: usd(t, "-0.5")}, metrics.ErrNegative, "current"},
		{"currencies", metrics.Periods{Previous: eur, Current: usd(t, "1")}, metrics.ErrCurrencyMismatch, "current"},
		{"zero initial", metrics.Periods{Current: usd(t, "1")}, metrics.ErrZeroDenominator, "previous"},
		{"zero initial with currency", metrics.Periods{Previous: usd(t, "0.00"), Current: usd(t, "1")}, metrics.ErrZeroDenominator, "previous"},
	} {
		_, err := LandAndExpandRatio(tc.p)
		if !errors.Is(err, tc.want) || !errors.As(err, &me) || me.Metric != "land_and_expand_ratio" || me.Input != tc.input {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// findDef returns the cohort definition id.
func findDef(t *testing.T, id string) metrics.Definition {
	t.Helper()
	for _, d := range Definitions() {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no definition %q", id)
	return metrics.Definition{}
}

// ACV growth between cohorts: seed 004's $35K → $42K is 20%. Cohort 2023
// lands two customers at 35,000/12 and 2 × 35,000/12 in total 70,000/12;
// cohort 2024 one at 42,000/12.
func TestACVGrowth(t *testing.T) {
	var rows []mrr.Row
	rows = series(t, rows, "a", "", "2023-03", "2916.66")
	rows = series(t, rows, "b", "", "2023-07", "2916.68")
	rows = series(t, rows, "c", "", "2024-02", "3500")
	tab, err := Build(source(rows), Options{Currency: "USD", Grain: GrainYear})
	if err != nil {
		t.Fatal(err)
	}
	y23, y24 := Key{Acquired: month(t, "2023-01")}, Key{Acquired: month(t, "2024-01")}
	// (3500 ÷ 1) ÷ (5833.34 ÷ 2) − 1 = 7000 / 5833.34 − 1 = 1166.66 / 5833.34
	g, err := tab.ACVGrowth(Cohorts{Previous: y23, Current: y24})
	want, _ := metrics.RatioOf(usd(t, "1166.66").Amount(), usd(t, "5833.34").Amount())
	if err != nil || !g.Equal(want) || g.StringPercent(metrics.Places(0)) != "20%" {
		t.Errorf("ACV growth = %v, %v; want %v", g, err, want)
	}
	var me *metrics.MetricError
	if _, err := tab.ACVGrowth(Cohorts{Previous: y23, Current: Key{Acquired: month(t, "2025-01")}}); !errors.Is(err, metrics.ErrMissing) || !errors.As(err, &me) || me.Input != "current" {
		t.Errorf("unknown cohort: %v", err)
	}
	if _, err := tab.ACVGrowth(Cohorts{Previous: Key{}, Current: y24}); !errors.As(err, &me) || me.Input != "previous" {
		t.Errorf("unknown previous cohort: %v", err)
	}
}

// Time to value per segment: smb takes 2, 4, 6, 8 and 30 days (median 6,
// p90 by nearest rank: rank ⌈4.5⌉ = 5, 30 days); ent 45 and 60 days
// (median 52.5, p90 rank ⌈1.8⌉ = 2: 60 days) and one customer pending.
func TestTimeToValue(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return start.AddDate(0, 0, n) }
	ms := []Milestone{
		{"s1", start, day(2)}, {"s2", start, day(30)}, {"s3", start, day(4)}, {"s4", start, day(8)}, {"s5", start, day(6)},
		{"e1", start, day(45)}, {"e2", start, day(60)}, {"e3", start, time.Time{}},
	}
	seg := func(c string) (string, bool) { return map[byte]string{'s': "smb", 'e': "ent"}[c[0]], true }
	got, err := TimeToValue(metrics.FromSlice(ms), Options{Segment: seg})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Segment != "ent" || got[1].Segment != "smb" || got[0].Pending != 1 || got[0].Reached != 2 || got[1].Reached != 5 {
		t.Fatalf("%+v", got)
	}
	for _, tc := range []struct {
		seg         int
		median, p90 string
	}{{1, "6 days", "30 days"}, {0, "52.5 days", "60 days"}} {
		m, err1 := got[tc.seg].Median()
		p, err2 := got[tc.seg].P90()
		if err1 != nil || err2 != nil || m.String() != tc.median || p.String() != tc.p90 {
			t.Errorf("%s: median %v p90 %v (%v, %v); want %s, %s", got[tc.seg].Segment, m, p, err1, err2, tc.median, tc.p90)
		}
	}
	if d := got[1].Durations(); len(d) != 5 || d[0] != 48*time.Hour || !slices.IsSorted(d) {
		t.Errorf("durations %v", d)
	}
	// Only pending: no median, no p90.
	pend, err := TimeToValue(metrics.FromSlice([]Milestone{{"x", start, time.Time{}}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pend[0].Median(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("median of none: %v", err)
	}
	if _, err := pend[0].P90(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("p90 of none: %v", err)
	}
	// Bad records name themselves; lenient lists them.
	bad := []Milestone{
		{"", start, day(1)}, {"a", time.Time{}, day(1)}, {"b", day(5), day(1)}, {"c", start, start.AddDate(101, 0, 0)},
		{"d", start, day(1)}, {"d", start, day(2)}, {"?", start, day(1)},
	}
	fields := []string{"customer", "start", "reached", "reached", "", "customer", "segment"}
	sentinels := []error{metrics.ErrMissing, metrics.ErrMissing, metrics.ErrNegative, metrics.ErrOutOfRange, nil, metrics.ErrDuplicate, metrics.ErrMissing}
	known := func(c string) (string, bool) { return "x", c != "?" }
	for i, f := range fields {
		if f == "" {
			continue
		}
		var re *metrics.RowError
		_, err := TimeToValue(metrics.FromSlice(bad[i:i+1]), Options{Segment: known})
		if i == 5 {
			_, err = TimeToValue(metrics.FromSlice(bad[4:6]), Options{Segment: known})
		}
		if !errors.Is(err, sentinels[i]) || !errors.As(err, &re) || re.Field != f {
			t.Errorf("record %d: %v", i+1, err)
		}
	}
	lax, err := TimeToValue(metrics.FromSlice(bad), Options{Segment: known, Lenient: true})
	if err != nil || len(lax) != 1 || lax[0].Reached != 1 {
		t.Errorf("lenient: %+v, %v", lax, err)
	}
	if _, err := TimeToValue(metrics.FromSlice([]Milestone(nil)), Options{}); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("no milestones: %v", err)
	}
	if _, err := TimeToValue(metrics.FromSlice(ms), Options{MaxRejected: -1}); !errors.Is(err, metrics.ErrNegative) {
		t.Errorf("negative cap: %v", err)
	}
	if _, err := TimeToValue(metrics.FromSlice(bad), Options{Segment: known, Lenient: true, MaxRejected: 2}); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("cap: %v", err)
	}
}

// FromLedger reads the movement log into the same table as the rows: the
// ledger's converted amounts, currency and last month.
func TestFromLedger(t *testing.T) {
	rows := handRows(t)
	l, err := mrr.Build(source(rows), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{}, {Reactivation: ReactivationFillsGaps, Grain: GrainQuarter}, {Segment: SegmentMap(handSegments), Currency: "usd", Through: l.Last()}} {
		got, err := FromLedger(l, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Currency, opts.Through = "USD", l.Last()
		want, err := Build(source(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("%+v: FromLedger differs from Build", opts)
		}
	}
	var me *metrics.MetricError
	for name, tc := range map[string]struct {
		opts  Options
		input string
	}{
		"currency":        {Options{Currency: "EUR"}, "currency"},
		"through":         {Options{Through: month(t, "2024-09")}, "through"},
		"by subscription": {Options{BySubscription: true}, "by_subscription"},
	} {
		if _, err := FromLedger(l, tc.opts); !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &me) || me.Input != tc.input {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := FromLedger(nil, Options{}); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("nil ledger: %v", err)
	}
	nolog, _ := mrr.Build(source(rows), mrr.Options{Currency: "USD"})
	if _, err := FromLedger(nolog, Options{}); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("no log: %v", err)
	}
	// An unknown key names the customer and its position in the log.
	var re *metrics.RowError
	if _, err := FromLedger(l, Options{Segment: SegmentMap(map[string]string{"A": "x"})}); !errors.As(err, &re) || re.ID != "B" || re.Field != "segment" || re.Record == 0 {
		t.Errorf("unknown key: %v", err)
	}
}

func TestOptionsErrors(t *testing.T) {
	seg := func(string) (string, bool) { return "", true }
	var me *metrics.MetricError
	for _, tc := range []struct {
		opts  Options
		want  error
		input string
	}{
		{Options{}, metrics.ErrMissing, "currency"},
		{Options{Currency: "US"}, metrics.ErrInvalid, "currency"},
		{Options{Currency: "USD", Grain: 3}, metrics.ErrInvalid, "grain"},
		{Options{Currency: "USD", Reactivation: 3}, metrics.ErrInvalid, "reactivation"},
		{Options{Currency: "USD", Index: 3}, metrics.ErrInvalid, "index"},
		{Options{Currency: "USD", SegmentOnly: true}, metrics.ErrMissing, "segment"},
		{Options{Currency: "USD", SegmentOnly: true, Segment: seg, Index: IndexCalendar}, metrics.ErrInvalid, "index"},
		{Options{Currency: "USD", MaxRejected: -1}, metrics.ErrNegative, "max_rejected"},
	} {
		for name, build := range map[string]func(iter.Seq2[mrr.Row, error], Options) (*Table, error){"Build": Build, "BuildSorted": BuildSorted} {
			if _, err := build(source(smallRows(t)), tc.opts); !errors.Is(err, tc.want) || !errors.As(err, &me) || me.Input != tc.input {
				t.Errorf("%s %+v: %v", name, tc.opts, err)
			}
		}
	}
	if Grain(7).String() != "Grain(7)" || Reactivation(7).String() != "Reactivation(7)" || Index(7).String() != "Index(7)" ||
		Metric(7).String() != "Metric(7)" || Average(7).String() != "Average(7)" || GrainYear.String() != "year" || AverageMRRWeighted.String() != "mrr_weighted" {
		t.Errorf("names")
	}
}

// Row errors: each field, duplicates, order (BuildSorted), source errors,
// the lenient cap.
func TestRowErrors(t *testing.T) {
	eur, _ := metrics.MoneyFromInt(5, "EUR")
	m := month(t, "2024-02")
	ok := mrr.Row{Customer: "a", Month: m, MRR: usd(t, "10")}
	for _, tc := range []struct {
		name  string
		row   mrr.Row
		opts  Options
		want  error
		field string
	}{
		{"no customer", mrr.Row{Month: m, MRR: usd(t, "1")}, Options{}, metrics.ErrMissing, "customer"},
		{"no month", mrr.Row{Customer: "b", MRR: usd(t, "1")}, Options{}, metrics.ErrInvalid, "month"},
		{"no currency", mrr.Row{Customer: "b", Month: m}, Options{}, metrics.ErrMissing, "currency"},
		{"negative", mrr.Row{Customer: "b", Month: m, MRR: usd(t, "-1")}, Options{}, metrics.ErrNegative, "mrr"},
		{"big negative", mrr.Row{Customer: "b", Month: m, MRR: usd(t, "-100000000000")}, Options{}, metrics.ErrNegative, "mrr"},
		{"other currency", mrr.Row{Customer: "b", Month: m, MRR: eur}, Options{}, metrics.ErrCurrencyMismatch, "currency"},
		{"after through", mrr.Row{Customer: "b", Month: m.Add(1), MRR: usd(t, "1")}, Options{Through: m}, metrics.ErrOutOfRange, "month"},
		{"long before through", mrr.Row{Customer: "b", Month: m.Add(-MaxSpanMonths - 1), MRR: usd(t, "1")}, Options{Through: m}, metrics.ErrOutOfRange, "month"},
		{"far from the data", mrr.Row{Customer: "b", Month: m.Add(MaxSpanMonths + 1), MRR: usd(t, "1")}, Options{}, metrics.ErrOutOfRange, "month"},
		{"far before the data", mrr.Row{Customer: "b", Month: m.Add(-MaxSpanMonths - 1), MRR: usd(t, "1")}, Options{}, metrics.ErrOutOfRange, "month"},
		{"duplicate", ok, Options{}, metrics.ErrDuplicate, "subscription"},
		{"duplicate subscription", mrr.Row{Customer: "a", Month: m, MRR: usd(t, "1")}, Options{BySubscription: true}, metrics.ErrDuplicate, "subscription"},
	} {
		rows := []mrr.Row{ok, tc.row}
		tc.opts.Currency = "USD"
		for name, build := range map[string]func(iter.Seq2[mrr.Row, error], Options) (*Table, error){"Build": Build, "BuildSorted": BuildSorted} {
			var re *metrics.RowError
			_, err := build(source(rows), tc.opts)
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Record != 2 || re.Field != tc.field {
				t.Errorf("%s %s: %v", name, tc.name, err)
			}
			lax := tc.opts
			lax.Lenient = true
			tab, err := build(source(rows), lax)
			if err != nil || len(tab.Rejected()) != 1 || tab.Rejected()[0].Record != 2 || tab.Size(Key{Acquired: m}) != 1 {
				t.Errorf("%s %s lenient: %v", name, tc.name, err)
			}
		}
	}
	// Out of order (BuildSorted only), in lenient mode too.
	for _, rows := range [][]mrr.Row{
		{{Customer: "b", Month: m, MRR: usd(t, "1")}, ok},
		{ok, {Customer: "a", Month: m.Add(-1), MRR: usd(t, "1")}},
		{{Customer: "a", Subscription: "s", Month: m, MRR: usd(t, "1")}, {Customer: "a", Subscription: "s", Month: m.Add(-1), MRR: usd(t, "1")}},
	} {
		for _, bySub := range []bool{false, true} {
			var re *metrics.RowError
			_, err := BuildSorted(source(rows), Options{Currency: "USD", Lenient: true, BySubscription: bySub})
			if !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &re) || re.Field != "order" || re.Record != 2 {
				t.Errorf("order %v (by subscription %v): %v", rows, bySub, err)
			}
			if _, err := Build(source(rows), Options{Currency: "USD", BySubscription: bySub}); err != nil {
				t.Errorf("Build takes any order: %v", err)
			}
		}
	}
	// Source errors: a RowError is skipped when lenient (numbered when it
	// has no record); any other error ends the build.
	boom := errors.New("boom")
	src := func(errs ...error) iter.Seq2[mrr.Row, error] {
		return func(yield func(mrr.Row, error) bool) {
			if !yield(ok, nil) {
				return
			}
			for _, e := range errs {
				if !yield(mrr.Row{}, e) {
					return
				}
			}
		}
	}
	for name, build := range map[string]func(iter.Seq2[mrr.Row, error], Options) (*Table, error){"Build": Build, "BuildSorted": BuildSorted} {
		if _, err := build(src(boom), Options{Currency: "USD", Lenient: true}); !errors.Is(err, boom) {
			t.Errorf("%s: other error: %v", name, err)
		}
		tab, err := build(src(&metrics.RowError{Field: "x", Err: metrics.ErrInvalid}), Options{Currency: "USD", Lenient: true})
		if err != nil || tab.Rejected()[0].Record != 2 {
			t.Errorf("%s: source row error: %v", name, err)
		}
		if _, err := build(src(&metrics.RowError{Record: 9, Err: metrics.ErrInvalid}), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s: strict source row error: %v", name, err)
		}
		re := &metrics.RowError{Err: metrics.ErrInvalid}
		if _, err := build(src(re, re, re), Options{Currency: "USD", Lenient: true, MaxRejected: 2}); !errors.Is(err, metrics.ErrOutOfRange) {
			t.Errorf("%s: cap: %v", name, err)
		}
		if tab, err := build(src(re, re), Options{Currency: "USD", Lenient: true, MaxRejected: 2}); err != nil || len(tab.Rejected()) != 2 {
			t.Errorf("%s: at the cap: %v", name, err)
		}
	}
	// Many subscriptions of one customer in one month: one duplicate among
	// them is found (past the short list).
	var many []mrr.Row
	for i := range 40 {
		many = append(many, mrr.Row{Customer: "a", Subscription: fmt.Sprint("s", i), Month: m, MRR: usd(t, "1")})
	}
	many = append(many, mrr.Row{Customer: "a", Subscription: "s33", Month: m, MRR: usd(t, "1")})
	many = append(many, mrr.Row{Customer: "a", Subscription: "s3", Month: m, MRR: usd(t, "1")})
	tab, err := BuildSorted(source(many), Options{Currency: "USD", Lenient: true})
	if err != nil || len(tab.Rejected()) != 2 || tab.Rejected()[0].Record != 41 {
		t.Fatalf("many subscriptions: %v %+v", err, tab)
	}
	c, _ := tab.Cell(Key{Acquired: m}, 0)
	if !c.MRR.Equal(usd(t, "40")) {
		t.Errorf("40 subscriptions sum to %s", c.MRR)
	}
}

// Without Through, the data ends at the last month of a row taken: a
// lenient build's skipped customer (no key) does not stretch it, so the
// others paying in August have not churned.
func TestThroughIgnoresSkippedRows(t *testing.T) {
	rows := []mrr.Row{
		{Customer: "a", Month: month(t, "2024-07"), MRR: usd(t, "10")},
		{Customer: "a", Month: month(t, "2024-08"), MRR: usd(t, "10")},
		{Customer: "z", Month: month(t, "2024-09"), MRR: usd(t, "10")},
	}
	seg := SegmentMap(map[string]string{"a": "x"})
	for name, build := range map[string]func(iter.Seq2[mrr.Row, error], Options) (*Table, error){"Build": Build, "BuildSorted": BuildSorted} {
		tab, err := build(source(rows), Options{Currency: "USD", Segment: seg, Lenient: true})
		if err != nil || tab.Through() != month(t, "2024-08") || len(tab.Rejected()) != 1 {
			t.Errorf("%s: through %s, %v", name, tab.Through(), err)
		}
	}
}
