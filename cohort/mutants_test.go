package cohort

// Tests that pin details the mutation tester found loose: names of
// out-of-range enums, the hot path of sorted input, the subscription set of
// a month, the cell budget's exact edges, error identities, bands.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
)

func TestEnumNames(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Grain(3).String(), "Grain(3)"}, {GrainQuarter.String(), "quarter"},
		{Reactivation(3).String(), "Reactivation(3)"}, {ReactivationExcluded.String(), "excluded"},
		{Index(3).String(), "Index(3)"}, {IndexCalendar.String(), "calendar"},
		{Metric(4).String(), "Metric(4)"}, {MetricChurnRate.String(), "churn_rate"},
		{Average(3).String(), "Average(3)"}, {AveragePooled.String(), "pooled"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	for _, name := range []string{"month", "quarter", "year"} {
		var g Grain
		if err := g.UnmarshalText([]byte(name)); err != nil || g.String() != name {
			t.Errorf("grain %q: %v %v", name, g, err)
		}
	}
	var r Reactivation
	var x Index
	var g Grain
	if r.UnmarshalText([]byte("x")) == nil || x.UnmarshalText([]byte("x")) == nil || g.UnmarshalText([]byte("x")) == nil {
		t.Errorf("unknown names accepted")
	}
	if err := x.UnmarshalText([]byte("one")); err != nil || x != IndexOne {
		t.Errorf("index one: %v %v", x, err)
	}
	if err := r.UnmarshalText([]byte("fills-gaps")); err != nil || r != ReactivationFillsGaps {
		t.Errorf("fills-gaps: %v %v", r, err)
	}
}

// The churn-rate triangle prints (the last Metric).
func TestWriteTextChurn(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tab.WriteText(&b, MetricChurnRate, metrics.Places(0)); err != nil || !strings.Contains(b.String(), "churn_rate") || !strings.Contains(b.String(), "100%") {
		t.Errorf("%v:\n%s", err, b.String())
	}
}

// The zero Cell: every rate is an error naming its metric, never 0.
func TestZeroCellErrors(t *testing.T) {
	var c Cell
	var me *metrics.MetricError
	for id, f := range map[string]func() (metrics.Ratio, error){
		"cohort_logo_retention": c.LogoRetention, "cohort_churn_rate": c.ChurnRate, "cohort_nrr": c.NRR, "cohort_grr": c.GRR,
		"cohort_land_and_expand": c.LandAndExpand,
	} {
		if _, err := f(); !errors.Is(err, metrics.ErrZeroDenominator) || !errors.As(err, &me) || me.Metric != id {
			t.Errorf("%s: %v", id, err)
		}
	}
	if _, err := c.PeriodChurnRate(); !errors.As(err, &me) || me.Input != "prev_active" {
		t.Errorf("period churn: %v", err)
	}
	if _, err := c.LTV(metrics.Places(2)); !errors.As(err, &me) || me.Metric != "cohort_ltv" {
		t.Errorf("LTV: %v", err)
	}
	if _, err := c.LandAndExpand(); !errors.As(err, &me) || me.Input != "active" {
		t.Errorf("land and expand of no one: %v", err)
	}
	// Active members but no base MRR (a hand-made cell).
	c.Active, c.Observed = 1, 1
	if _, err := c.LandAndExpand(); !errors.As(err, &me) || me.Input != "base_mrr" {
		t.Errorf("land and expand without base: %v", err)
	}
}

// Survival: At's edges, a curve that ends when no one is left at risk, and
// a median in months of a quarterly grain.
func TestSurvivalEdges(t *testing.T) {
	var rows []mrr.Row
	rows = series(t, rows, "a", "", "2024-01", "10")                   // ends at period 1
	rows = series(t, rows, "b", "", "2024-01", "10", "10", "10", "10") // censored at period 3
	rows = series(t, rows, "c", "", "2024-03", "10")                   // Mar cohort: ends at period 1
	tab, err := Build(source(rows), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	mar := Key{Acquired: month(t, "2024-03")}
	s, err := tab.Survival(func(k Key) bool { return k == mar })
	if err != nil {
		t.Fatal(err)
	}
	// c: at risk 1 at p0 and p1, ended at p1: the curve stops at 0 (no p2
	// with no one at risk).
	if len(s.Points) != 2 || !s.Points[1].Survival.IsZero() || s.Points[1].AtRisk != 1 {
		t.Fatalf("%+v", s.Points)
	}
	if v, ok := s.At(0); !ok || !v.Equal(metrics.RatioFromInt(1)) {
		t.Errorf("At(0) = %v, %v", v, ok)
	}
	for _, p := range []int{-1, 2} {
		if _, ok := s.At(p); ok {
			t.Errorf("At(%d) answered", p)
		}
	}
	// Quarterly: a and b in Q1; a ends at period 1 (its month 3 is unpaid):
	// S(1) = 1/2, a median of 3 months.
	q, err := Build(source(rows), Options{Currency: "USD", Grain: GrainQuarter})
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := q.Survival(nil)
	if med, err := qs.Median(); err != nil || med.String() != "3 months" {
		t.Errorf("quarterly median %v, %v (%+v)", med, err, qs.Points)
	}
}

// The hot path of sorted input (the current customer's next month) still
// checks the currency, the sign and the amount's form.
func TestHotPathRows(t *testing.T) {
	eur, _ := metrics.MoneyFromInt(5, "EUR")
	tiny, _ := metrics.NewMoney(decimal.New(1, -13), "USD") // not inline
	var base []mrr.Row
	base = series(t, base, "a", "", "2024-01", "10", "10", "10", "10") // makes April a month already seen
	for _, tc := range []struct {
		name  string
		v     metrics.Money
		want  error
		field string
	}{
		{"other currency", eur, metrics.ErrCurrencyMismatch, "currency"},
		{"negative", usd(t, "-1"), metrics.ErrNegative, "mrr"},
	} {
		rows := series(t, append([]mrr.Row{}, base...), "b", "", "2024-01", "10")
		rows = append(rows, mrr.Row{Customer: "b", Month: month(t, "2024-02"), MRR: tc.v})
		var re *metrics.RowError
		if _, err := BuildSorted(source(rows), Options{Currency: "USD"}); !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Record != 6 || re.Field != tc.field {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// An amount off the fast path in the hot position counts exactly.
	rows := series(t, append([]mrr.Row{}, base...), "b", "", "2024-01", "10")
	rows = append(rows, mrr.Row{Customer: "b", Month: month(t, "2024-02"), MRR: tiny}, mrr.Row{Customer: "b", Month: month(t, "2024-03"), MRR: tiny})
	sorted, err1 := BuildSorted(source(rows), Options{Currency: "USD"})
	any, err2 := Build(source(rows), Options{Currency: "USD"})
	if err1 != nil || err2 != nil || !sorted.Equal(any) {
		t.Fatalf("tiny amounts: %v %v", err1, err2)
	}
	c, _ := sorted.Cell(Key{Acquired: month(t, "2024-01")}, 2)
	want, _ := metrics.NewMoney(decimal.New(10, 0).Add(decimal.New(1, -13)), "USD")
	if !c.MRR.Equal(want) {
		t.Errorf("March MRR %s, want %s", c.MRR, want)
	}
}

// Many subscriptions in one month, month after month: the set of a month
// does not leak into the next, and a repeat of one of the first
// subscriptions is found when it comes right after the short list.
func TestMonthSubscriptionSet(t *testing.T) {
	// Customer 0 first, so that BuildSorted's hot path takes a's later
	// months (they are months already seen).
	rows := series(t, nil, "0", "", "2024-01", "1", "1", "1")
	for m := range 3 {
		for i := range smallSubs + 4 {
			rows = append(rows, mrr.Row{Customer: "a", Subscription: fmt.Sprint("s", i), Month: month(t, "2024-01").Add(m), MRR: usd(t, "1")})
		}
	}
	for name, build := range map[string]func() (*Table, error){
		"Build":       func() (*Table, error) { return Build(source(rows), Options{Currency: "USD"}) },
		"BuildSorted": func() (*Table, error) { return BuildSorted(source(rows), Options{Currency: "USD"}) },
	} {
		tab, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c, _ := tab.Cell(Key{Acquired: month(t, "2024-01")}, 2)
		if !c.MRR.Equal(usd(t, fmt.Sprint(smallSubs+4+1))) { // a's subscriptions and customer 0
			t.Errorf("%s: %s", name, c.MRR)
		}
	}
	var dup []mrr.Row
	for i := range smallSubs {
		dup = append(dup, mrr.Row{Customer: "a", Subscription: fmt.Sprint("s", i), Month: month(t, "2024-01"), MRR: usd(t, "1")})
	}
	dup = append(dup, mrr.Row{Customer: "a", Subscription: "s0", Month: month(t, "2024-01"), MRR: usd(t, "1")})
	var re *metrics.RowError
	if _, err := BuildSorted(source(dup), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrDuplicate) || !errors.As(err, &re) || re.Record != smallSubs+1 || re.Detail != `subscription "s0"` {
		t.Errorf("repeat after the short list: %v", err)
	}
}

// The cell budget's exact edges. While building: each customer paying in
// months 0 and N, in its own segment, spends N + 4 cells (2 survival ends,
// cells 1, N and N + 1); 64 of them over 128 rows may spend
// 64 × 128 + 65,536 = 73,728 = 64 × (1148 + 4); with N = 1149 the last
// customer crosses it after 63 × 1153 + 2 + 2 + 1148 = 73,791. At
// finalisation: 256
// quarterly cohorts of one customer, 320 periods each (957 months to
// Through), hold 81,920 = 64 × 256 + 65,536 cells.
func TestCellBudgetEdges(t *testing.T) {
	within(t, 60*time.Second, "budget", func() {
		first := month(t, "2000-01")
		build := func(n int) error {
			var rows []mrr.Row
			for i := range 64 {
				c := fmt.Sprintf("c%02d", i)
				rows = append(rows, mrr.Row{Customer: c, Month: first, MRR: usd(t, "1")}, mrr.Row{Customer: c, Month: first.Add(n), MRR: usd(t, "1")})
			}
			_, err := Build(source(rows), Options{Currency: "USD", Segment: func(c string) (string, bool) { return c, true }})
			return err
		}
		if err := build(1148); err != nil {
			t.Errorf("at the edge: %v", err)
		}
		if err := build(1149); !errors.Is(err, metrics.ErrOutOfRange) || !strings.Contains(err.Error(), "73791 cells for 128 rows") {
			t.Errorf("past the edge: %v", err)
		}
		wide := func(months int) error {
			var rows []mrr.Row
			for i := range 256 {
				rows = append(rows, mrr.Row{Customer: fmt.Sprintf("c%03d", i), Month: first, MRR: usd(t, "1")})
			}
			_, err := Build(source(rows), Options{Currency: "USD", Grain: GrainQuarter, Through: first.Add(months), Segment: func(c string) (string, bool) { return c, true }})
			return err
		}
		if err := wide(957); err != nil {
			t.Errorf("table at the edge: %v", err)
		}
		if err := wide(960); !errors.Is(err, metrics.ErrOutOfRange) || !strings.Contains(err.Error(), "82176 cells for 256 rows") {
			t.Errorf("table past the edge: %v", err)
		}
	})
}

// Duplicate cohorts and inconsistent survival counts in JSON are refused.
func TestUnmarshalJSONMore(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(tab)
	s := string(b)
	i := strings.Index(s, `{"label":"2024-02"`)
	first := s[strings.Index(s, `{"label":"2024-01"`):i]
	dup := s[:i] + first + s[i:]
	var back Table
	if err := json.Unmarshal([]byte(dup), &back); err == nil {
		t.Errorf("a repeated cohort accepted")
	}
	for name, edit := range map[string][2]string{
		"censored count":   {`"survival_censored":[0,0,1]`, `"survival_censored":[0,0,2]`},
		"no one censored":  {`"survival_censored":[0,0,1]`, `"survival_censored":[0,0,0]`},
		"too many events":  {`"survival_events":[0,0,0]`, `"survival_events":[0,2,0]`},
		"members overflow": {`"members":[{"month":"2024-01","n":1}]`, `"members":[{"month":"2024-01","n":9223372036854775807},{"month":"2024-01","n":9223372036854775807}]`},
		"too many periods": {`"survival_events":[0,0,0]`, `"survival_events":[0,0,0]` + strings.Repeat(" ", 0)},
	} {
		if name == "too many periods" {
			long := strings.Replace(s, `"cells":[{"period":0`, `"cells":[`+strings.Repeat("null,", MaxSpanMonths+1)+`{"period":0`, 1)
			if err := json.Unmarshal([]byte(long), &back); err == nil {
				t.Errorf("%s accepted", name)
			}
			continue
		}
		if !strings.Contains(s, edit[0]) {
			t.Errorf("%s: %q not in %s", name, edit[0], s)
			continue
		}
		if err := json.Unmarshal([]byte(strings.Replace(s, edit[0], edit[1], 1)), &back); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

// The definitions' bands classify as the seeds say.
func TestDefinitionBands(t *testing.T) {
	for _, tc := range []struct {
		id, value, band string
	}{
		{"cohort_nrr", "0.8999", "critical"}, {"cohort_nrr", "0.9", "warning"}, {"cohort_nrr", "1.05", "acceptable"},
		{"cohort_nrr", "1.1", "good"}, {"cohort_nrr", "1.25", "best-in-class"},
		{"cohort_grr", "0.79", "critical"}, {"cohort_grr", "0.8", "warning"}, {"cohort_grr", "0.85", "acceptable"},
		{"cohort_grr", "0.91", "good"}, {"cohort_grr", "0.95", "best-in-class"},
		{"cohort_churn_rate", "0.04", "best-in-class"}, {"cohort_churn_rate", "0.05", "good"}, {"cohort_churn_rate", "0.1", "acceptable"},
		{"cohort_churn_rate", "0.15", "warning"}, {"cohort_churn_rate", "0.2", "warning"}, {"cohort_churn_rate", "0.2001", "critical"},
		{"cohort_land_and_expand", "1.19", "weak"}, {"cohort_land_and_expand", "1.2", "acceptable"},
		{"cohort_land_and_expand", "1.5", "good"}, {"cohort_land_and_expand", "3.5", "excellent"},
	} {
		r, err := metrics.ParseRatio(tc.value)
		if err != nil {
			t.Fatal(err)
		}
		b, err := findDef(t, tc.id).Classify(r)
		if err != nil || b.Name != tc.band {
			t.Errorf("%s %s: %q, %v; want %q", tc.id, tc.value, b.Name, err, tc.band)
		}
	}
	ids := map[string]bool{}
	for _, d := range Definitions() {
		if err := d.Validate(); err != nil || ids[d.ID] || !strings.HasPrefix(d.Func, "cohort.") {
			t.Errorf("%s: %v (repeated %v, func %s)", d.ID, err, ids[d.ID], d.Func)
		}
		ids[d.ID] = true
	}
}

// TimeToValue numbers the records it rejects.
func TestTimeToValueRecords(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var re *metrics.RowError
	_, err := TimeToValue(metrics.FromSlice([]Milestone{{"a", start, start}, {"b", start, start}, {"", start, start}}), Options{})
	if !errors.As(err, &re) || re.Record != 3 {
		t.Errorf("third record: %v", err)
	}
}

// The row checks' exact edges: a zero amount in another currency is a
// currency error; a row far before Through is refused even when it is the
// first; rows exactly MaxSpanMonths apart are accepted either way round.
func TestRowCheckEdges(t *testing.T) {
	m := month(t, "2024-02")
	zeroEUR, _ := metrics.MoneyFromInt(0, "EUR")
	var re *metrics.RowError
	if _, err := Build(source([]mrr.Row{{Customer: "a", Month: m, MRR: zeroEUR}}), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrCurrencyMismatch) || !errors.As(err, &re) || re.Field != "currency" {
		t.Errorf("zero EUR: %v", err)
	}
	far := mrr.Row{Customer: "a", Month: m.Add(-MaxSpanMonths - 1), MRR: usd(t, "1")}
	if _, err := Build(source([]mrr.Row{far}), Options{Currency: "USD", Through: m}); !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Field != "month" {
		t.Errorf("far first row: %v", err)
	}
	if _, err := Build(source([]mrr.Row{{Customer: "a", Month: m.Add(-MaxSpanMonths), MRR: usd(t, "1")}}), Options{Currency: "USD", Through: m}); err != nil {
		t.Errorf("exactly MaxSpanMonths before Through: %v", err)
	}
	for _, d := range []int{MaxSpanMonths, -MaxSpanMonths} {
		rows := []mrr.Row{{Customer: "a", Month: m, MRR: usd(t, "1")}, {Customer: "b", Month: m.Add(d), MRR: usd(t, "1")}}
		if _, err := Build(source(rows), Options{Currency: "USD"}); err != nil {
			t.Errorf("%d months apart: %v", d, err)
		}
	}
}

// JSON members: none in a month is refused; the largest count a cohort can
// hold is read.
func TestUnmarshalJSONMembers(t *testing.T) {
	tab, err := Build(source(series(t, nil, "a", "", "2024-01", "100", "100", "100")), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(tab)
	s := string(b)
	var back Table
	// A month of no members, its cells and counts made consistent with
	// that: still refused.
	empty := strings.Replace(s, `"n":1`, `"n":0`, 1)
	empty = strings.Replace(empty, `"survival_censored":[0,0,1]`, `"survival_censored":[0,0,0]`, 1)
	empty = empty[:strings.Index(empty, `"cells":[`)] + `"cells":[null,null,null],` + empty[strings.Index(empty, `"survival_events"`):]
	if err := json.Unmarshal([]byte(empty), &back); err == nil || !strings.Contains(err.Error(), "members 0") {
		t.Errorf("no members accepted: %v", err)
	}
	const most = "9223372036854775807"
	for _, f := range []string{`"n":`, `"observed":`, `"active":`, `"prev_active":`} {
		s = strings.ReplaceAll(s, f+"1", f+most)
	}
	s = strings.Replace(s, `"survival_censored":[0,0,1]`, `"survival_censored":[0,0,`+most+`]`, 1)
	if err := json.Unmarshal([]byte(s), &back); err != nil || back.Size(Key{Acquired: month(t, "2024-01")}) != 9223372036854775807 {
		t.Errorf("the largest count: %v\n%s", err, s)
	}
}
