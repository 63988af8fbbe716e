package cohort

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"pgregory.net/rapid"
)

// genCase is a generated data set and the options to build it with.
type genCase struct {
	rows []mrr.Row
	opts Options
}

// genAmounts is a small set of amounts, so that equal consecutive values
// are common, with a few that leave the int64 fast path (13 decimals, and
// amounts whose sums overflow it).
var genAmounts = []string{"10", "25", "25", "25.50", "100", "100", "0.0000000000001", "9000000", "9223372"}

// genRows draws customers over a few months: each customer's months are
// absent, a zero row, the previous amount again (the common case), or a
// new amount; some customers have two subscriptions.
func genRows(t *rapid.T, first metrics.Month, cur string) []mrr.Row {
	nc := rapid.IntRange(1, 9).Draw(t, "customers")
	nm := rapid.IntRange(1, 14).Draw(t, "months")
	var rows []mrr.Row
	for c := range nc {
		name := fmt.Sprintf("c%02d", c)
		subs := []string{""}
		if rapid.IntRange(0, 3).Draw(t, "twoSubs") == 0 {
			subs = []string{"s1", "s2"}
		}
		for _, sub := range subs {
			start := rapid.IntRange(0, nm-1).Draw(t, "start")
			prev := ""
			for m := start; m < nm; m++ {
				var a string
				switch rapid.IntRange(0, 9).Draw(t, "kind") {
				case 0, 1:
					continue // no row
				case 2:
					a = "0"
				case 3, 4:
					a = rapid.SampledFrom(genAmounts).Draw(t, "amount")
				default:
					a = prev
					if a == "" {
						a = rapid.SampledFrom(genAmounts).Draw(t, "amount")
					}
				}
				prev = a
				v, err := metrics.ParseMoney(a, cur)
				if err != nil {
					t.Fatal(err)
				}
				rows = append(rows, mrr.Row{Customer: name, Subscription: sub, Month: first.Add(m), MRR: v})
			}
		}
	}
	return rows
}

// genOptions draws the options.
func genOptions(t *rapid.T, rows []mrr.Row, first metrics.Month) Options {
	o := Options{
		Currency:       "USD",
		Grain:          Grain(rapid.IntRange(0, 2).Draw(t, "grain")),
		Reactivation:   Reactivation(rapid.IntRange(0, 2).Draw(t, "rule")),
		BySubscription: rapid.Bool().Draw(t, "bySub"),
		PartialLast:    rapid.Bool().Draw(t, "partialLast"),
	}
	if rapid.Bool().Draw(t, "segmented") {
		segs := map[string]string{}
		for _, r := range rows {
			segs[r.Customer] = string(rune('x' + int(r.Customer[2])%2))
		}
		o.Segment = SegmentMap(segs)
		o.SegmentOnly = rapid.Bool().Draw(t, "segmentOnly")
	}
	if rapid.Bool().Draw(t, "through") {
		last := first
		for _, r := range rows {
			if r.Month.After(last) {
				last = r.Month
			}
		}
		o.Through = last.Add(rapid.IntRange(0, 4).Draw(t, "after"))
	}
	return o
}

// genFirst is the generated data's first month: December, so quarterly and
// yearly cohorts start mid-period.
func genFirst(t fatalfer) metrics.Month { return month(t, "2023-12") }

// sortedRows returns rows sorted by customer then month (BuildSorted's
// order), keeping the relative order of equal keys.
func sortedRows(rows []mrr.Row) []mrr.Row {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b mrr.Row) int {
		if c := strings.Compare(a.Customer, b.Customer); c != 0 {
			return c
		}
		return a.Month.Compare(b.Month)
	})
	return out
}

// paying counts the members (customers, or subscriptions) with a paid month.
func paying(rows []mrr.Row, bySub bool) int64 {
	type k struct{ c, s string }
	sums := map[k]map[metrics.Month]metrics.Money{}
	for _, r := range rows {
		key := k{c: r.Customer}
		if bySub {
			key.s = r.Subscription
		}
		if sums[key] == nil {
			sums[key] = map[metrics.Month]metrics.Money{}
		}
		sums[key][r.Month] = plus(sums[key][r.Month], r.MRR)
	}
	var n int64
	for _, ms := range sums {
		for _, v := range ms {
			if v.Sign() > 0 {
				n++
				break
			}
		}
	}
	return n
}

// The streaming build agrees with the slow reference on every cell and
// survival count, whatever the input order, and BuildSorted with Build.
func TestBuildMatchesSlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		first := genFirst(t)
		rows := genRows(t, first, "USD")
		opts := genOptions(t, rows, first)
		want := slowTable(rows, opts)
		shuffled := slices.Clone(rows)
		rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		tab, err := Build(source(shuffled), opts)
		if len(want.cells) == 0 {
			if err == nil {
				t.Fatalf("no paid month, but a table")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Collect(tab.Cells())
		if diff := gocmp.Diff(want.cells, got); diff != "" {
			t.Fatalf("cells differ from the slow reference (-want +got):\n%s", diff)
		}
		for _, k := range tab.Keys() {
			s, err := tab.Survival(func(x Key) bool { return x == k })
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range s.Points {
				if p.Events != want.ends[k][p.Period] || p.Censored != want.censored[k][p.Period] {
					t.Fatalf("%v p%d: events %d censored %d; want %d, %d", k, p.Period, p.Events, p.Censored, want.ends[k][p.Period], want.censored[k][p.Period])
				}
			}
		}
		sorted, err := BuildSorted(source(sortedRows(rows)), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !sorted.Equal(tab) || !gocmp.Equal(sorted, tab) { // go-cmp uses Table.Equal
			t.Fatalf("BuildSorted differs from Build:\n%s", gocmp.Diff(slices.Collect(tab.Cells()), slices.Collect(sorted.Cells())))
		}
	})
}

// The invariants of every observed cell, curve and average.
func TestTableInvariants(t *testing.T) {
	one := metrics.RatioFromInt(1)
	rapid.Check(t, func(t *rapid.T) {
		first := genFirst(t)
		rows := genRows(t, first, "USD")
		opts := genOptions(t, rows, first)
		tab, err := Build(source(rows), opts)
		if err != nil {
			return // no paid month
		}
		// Cohort sizes sum to the paying members.
		var total int64
		for _, k := range tab.Keys() {
			total += tab.Size(k)
		}
		if want := paying(rows, opts.BySubscription); total != want {
			t.Fatalf("sizes sum to %d, %d members pay", total, want)
		}
		for c := range tab.Cells() {
			nrr, err1 := c.NRR()
			grr, err2 := c.GRR()
			logo, err3 := c.LogoRetention()
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("%+v: %v %v %v", c, err1, err2, err3)
			}
			// GRR ≤ NRR, 0 ≤ GRR ≤ 100%, logo in [0, 1].
			if grr.Cmp(nrr) > 0 || grr.Sign() < 0 || grr.Cmp(one) > 0 || logo.Sign() < 0 || logo.Cmp(one) > 0 {
				t.Fatalf("%v p%d: GRR %v NRR %v logo %v", c.Cohort, c.Period, grr, nrr, logo)
			}
			// Period 0 is exactly 100%.
			if c.Period == 0 && (!logo.Equal(one) || !nrr.Equal(one) || !grr.Equal(one)) {
				t.Fatalf("%v p0: logo %v NRR %v GRR %v", c.Cohort, logo, nrr, grr)
			}
			// The waterfall identities.
			m := plus(minus(plus(minus(c.PrevMRR, c.Churn), c.Reactivation), c.Contraction), c.Expansion)
			if c.Period > 0 && !m.Equal(c.MRR) || c.PrevActive-c.ChurnedCustomers+c.ReactivatedCustomers != c.Active && c.Period > 0 {
				t.Fatalf("%v p%d: identities fail: %+v", c.Cohort, c.Period, c)
			}
			if c.Observed > c.Size || c.Observed < c.Size != c.Partial && !opts.PartialLast {
				t.Fatalf("%v p%d: observed %d of %d, partial %v", c.Cohort, c.Period, c.Observed, c.Size, c.Partial)
			}
		}
		// Logo curves never rise (complete cells) without gap filling or
		// reactivation; the Kaplan–Meier curve is non-increasing in [0, 1]
		// and, under those rules, equals each cohort's logo curve.
		for _, k := range tab.Keys() {
			s, err := tab.Survival(func(x Key) bool { return x == k })
			if err != nil {
				t.Fatal(err)
			}
			prevS, prevLogo := one, one
			for _, p := range s.Points {
				if p.Survival.Cmp(prevS) > 0 || p.Survival.Sign() < 0 {
					t.Fatalf("%v: S(%d) = %v after %v", k, p.Period, p.Survival, prevS)
				}
				prevS = p.Survival
				c, ok := tab.Cell(k, p.Period)
				if !ok || c.Observed < c.Size {
					continue
				}
				logo, _ := c.LogoRetention()
				if opts.Reactivation != ReactivationCounts && !logo.Equal(p.Survival) {
					t.Fatalf("%v p%d: S %v, logo %v", k, p.Period, p.Survival, logo)
				}
				if opts.Reactivation == ReactivationExcluded && logo.Cmp(prevLogo) > 0 {
					t.Fatalf("%v p%d: logo rises from %v to %v", k, p.Period, prevLogo, logo)
				}
				prevLogo = logo
			}
		}
		// Averages: only observed (complete, unless asked) cells, the pooled
		// one between the smallest and the largest cohort rate.
		metric := Metric(rapid.IntRange(0, 3).Draw(t, "metric"))
		partial := rapid.Bool().Draw(t, "partial")
		pooled, errP := tab.Average(Query{Metric: metric, Partial: partial})
		simple, errS := tab.Average(Query{Metric: metric, Partial: partial, Average: AverageSimple})
		weighted, errW := tab.Average(Query{Metric: metric, Partial: partial, Average: AverageMRRWeighted})
		if (errP == nil) != (errS == nil) || (errP == nil) != (errW == nil) {
			t.Fatalf("averages disagree on existing: %v %v %v", errP, errS, errW)
		}
		for i, pt := range pooled {
			var lo, hi metrics.Ratio
			n, members := 0, int64(0)
			for _, k := range tab.Keys() {
				c, ok := tab.Cell(k, pt.Period)
				if !ok || c.Partial && !partial {
					continue
				}
				r, _ := metric.of(&c)
				if n == 0 || r.Cmp(lo) < 0 {
					lo = r
				}
				if n == 0 || r.Cmp(hi) > 0 {
					hi = r
				}
				n++
				members += c.Observed
			}
			if pt.Cohorts != n || pt.Members != members || simple[i].Cohorts != n || weighted[i].Cohorts != n {
				t.Fatalf("p%d: averaged %d cohorts (%d members), %d observed (%d)", pt.Period, pt.Cohorts, pt.Members, n, members)
			}
			for _, v := range []metrics.Ratio{pt.Value, simple[i].Value, weighted[i].Value} {
				if v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
					t.Fatalf("p%d: average %v outside [%v, %v]", pt.Period, v, lo, hi)
				}
			}
			if (metric == MetricNRR || metric == MetricGRR) && !weighted[i].Value.Equal(pt.Value) {
				t.Fatalf("p%d: MRR-weighted %v, pooled %v", pt.Period, weighted[i].Value, pt.Value)
			}
		}
	})
}

// Tables built on any split of the customers merge into the single-pass
// table, in either order and through their JSON.
func TestShardsMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		first := genFirst(t)
		rows := genRows(t, first, "USD")
		opts := genOptions(t, rows, first)
		if opts.Through.IsZero() {
			// Shards must agree on Through: pin it to the data's last month.
			for _, r := range rows {
				if r.Month.After(opts.Through) {
					opts.Through = r.Month
				}
			}
		}
		whole, err := Build(source(rows), opts)
		if err != nil {
			return
		}
		nShards := rapid.IntRange(1, 4).Draw(t, "shards")
		shardOf := map[string]int{}
		shards := make([][]mrr.Row, nShards)
		for _, r := range rows {
			s, ok := shardOf[r.Customer]
			if !ok {
				s = rapid.IntRange(0, nShards-1).Draw(t, "shard")
				shardOf[r.Customer] = s
			}
			shards[s] = append(shards[s], r)
		}
		var merged *Table
		for _, sh := range shards {
			part, err := Build(source(sh), opts)
			if err != nil {
				continue // a shard with no paid month adds nothing
			}
			b, err := json.Marshal(part)
			if err != nil {
				t.Fatal(err)
			}
			var back Table
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%v\n%s", err, b)
			}
			if !back.Equal(part) {
				t.Fatalf("JSON round trip differs:\n%s", b)
			}
			if merged == nil {
				merged = &back
				continue
			}
			if rapid.Bool().Draw(t, "order") {
				merged, err = merged.Merge(&back)
			} else {
				merged, err = back.Merge(merged)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if !merged.Equal(whole) {
			t.Fatalf("merged shards differ:\n%s", gocmp.Diff(slices.Collect(whole.Cells()), slices.Collect(merged.Cells())))
		}
	})
}
