package cohort

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
)

// within runs f in a goroutine and fails the test if it has not returned
// after d: a hostile input must not hang the test binary.
func within(t *testing.T, d time.Duration, name string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still running after %s", name, d)
	}
}

// Hostile inputs: time and memory stay proportional to the input.
func TestHostileInputs(t *testing.T) {
	m := month(t, "2000-01")
	// Thousands of segments, each with a customer paying in the first month
	// and a century later: the cells needed (one per segment per period)
	// exceed the budget for so few rows and the build refuses early.
	within(t, 20*time.Second, "long spans in many segments", func() {
		var rows []mrr.Row
		for i := range 3000 {
			c := fmt.Sprint("c", i)
			rows = append(rows, mrr.Row{Customer: c, Month: m, MRR: usd(t, "1")}, mrr.Row{Customer: c, Month: m.Add(MaxSpanMonths - 1), MRR: usd(t, "1")})
		}
		seg := func(c string) (string, bool) { return c, true }
		for name, build := range map[string]func() (*Table, error){
			"Build": func() (*Table, error) { return Build(source(rows), Options{Currency: "USD", Segment: seg}) },
			"BuildSorted": func() (*Table, error) {
				return BuildSorted(source(sortedRows(rows)), Options{Currency: "USD", Segment: seg})
			},
			"Build with a later Through": func() (*Table, error) {
				return Build(source(rows[:2]), Options{Currency: "USD", Segment: seg, Through: m.Add(MaxSpanMonths)})
			},
		} {
			tab, err := build()
			if name == "Build with a later Through" {
				// One customer over a century: 1,201 cells, within the floor.
				if err != nil || tab.Periods() != MaxSpanMonths+1 {
					t.Errorf("%s: %v", name, err)
					continue
				}
				// The widest table travels as JSON.
				b, err := json.Marshal(tab)
				var back Table
				if err != nil || json.Unmarshal(b, &back) != nil || !back.Equal(tab) {
					t.Errorf("%s: JSON round trip: %v", name, err)
				}
				continue
			}
			var me *metrics.MetricError
			if !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &me) || me.Input != "through" {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
	// A table too wide at finalisation (members spread over the span, every
	// sub-cohort short but the cohort rows long): refused before allocating.
	within(t, 20*time.Second, "wide table", func() {
		var rows []mrr.Row
		for i := range 1100 {
			rows = append(rows, mrr.Row{Customer: fmt.Sprint("c", i), Month: m.Add(i % 1100), MRR: usd(t, "1")})
		}
		seg := func(c string) (string, bool) { return c, true }
		_, err := Build(source(rows), Options{Currency: "USD", Segment: seg, SegmentOnly: true, Through: m.Add(MaxSpanMonths)})
		if !errors.Is(err, metrics.ErrOutOfRange) {
			t.Errorf("wide: %v", err)
		}
	})
	// One customer with 50,000 subscriptions in one month: linear, not
	// quadratic, in the duplicate check.
	within(t, 20*time.Second, "many subscriptions", func() {
		rows := make([]mrr.Row, 50_000)
		for i := range rows {
			rows[i] = mrr.Row{Customer: "a", Subscription: fmt.Sprint("s", i), Month: m, MRR: usd(t, "1")}
		}
		for _, bySub := range []bool{false, true} {
			tab, err := BuildSorted(source(rows), Options{Currency: "USD", BySubscription: bySub})
			if err != nil || tab.Size(Key{Acquired: m}) != map[bool]int64{false: 1, true: 50_000}[bySub] {
				t.Errorf("by subscription %v: %v", bySub, err)
			}
		}
	})
	// Amounts at the rows' exponent bound (±1,000, as mrr.Row) take the
	// decimal path and stay exact; beyond it they are refused.
	within(t, 20*time.Second, "huge amounts", func() {
		huge, err := metrics.NewMoney(decimal.New(1, 1000), "USD")
		if err != nil {
			t.Fatal(err)
		}
		tiny, _ := metrics.NewMoney(decimal.New(1, -1000), "USD")
		for _, v := range []decimal.Decimal{decimal.New(1, 1001), decimal.New(1, -1001), decimal.New(1, 999_999)} {
			beyond, err := metrics.NewMoney(v, "USD")
			if err != nil {
				t.Fatal(err)
			}
			var re *metrics.RowError
			if _, err := Build(source([]mrr.Row{{Customer: "a", Month: m, MRR: beyond}}), Options{Currency: "USD"}); !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Field != "mrr" {
				t.Errorf("exponent %d: %v", v.Exponent(), err)
			}
		}
		var rows []mrr.Row
		for i := range 20 {
			rows = append(rows, mrr.Row{Customer: fmt.Sprint("c", i), Month: m.Add(i % 3), MRR: huge}, mrr.Row{Customer: fmt.Sprint("c", i), Month: m.Add(i%3 + 1), MRR: tiny})
		}
		tab, err := Build(source(rows), Options{Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := tab.Cell(Key{Acquired: m}, 1)
		if nrr, _ := c.NRR(); nrr.Sign() <= 0 || nrr.Cmp(metrics.RatioFromInt(1)) >= 0 || c.Active != 7 {
			t.Errorf("huge: NRR %v active %d", nrr, c.Active)
		}
	})
}
