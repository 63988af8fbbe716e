package forecast

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// benchData is a seeded pipeline for the benchmarks, with the same rows in
// plain form (int64 cents and percents, a byte category per stage) for the
// baseline loop.
type benchData struct {
	opps  []Opportunity
	plain []plainOpp
}

// plainOpp is an opportunity as a plain loop would hold it.
type plainOpp struct {
	owner  string
	stage  string
	close  time.Time
	cents  int64
	pct    int64
	status Status
	manual Category
}

// plainCell is the baseline's cell: cents per category, weighted cents ×
// percent, counts.
type plainCell struct {
	amount   [numCategories + 1]int64
	count    [numCategories + 1]int64
	weighted int64
}

// benchStages are the stages with their default probability (percent).
var benchStages = []struct {
	name string
	cat  Category
	pct  int64
}{
	{"Prospecting", 0, 10}, {"Qualification", CategoryPipeline, 20}, {"Proposal", CategoryPipeline, 60}, {"Negotiation", CategoryBestCase, 90},
	{"Legal", CategoryMostLikely, 80}, {"Contract", CategoryCommit, 90}, {"Closed Won", CategoryClosed, 100}, {"Closed Lost", CategoryOmitted, 0},
}

// benchPolicy is the benchmark's stage map.
func benchPolicy() Policy {
	var p Policy
	for _, s := range benchStages {
		p.Stages = append(p.Stages, Stage{Name: s.name, Category: s.cat})
	}
	return p
}

// genBench returns n opportunities over 50 owners and eight quarters,
// seeded: amounts in cents, most at their stage's default probability.
func genBench(n int) benchData {
	rng := rand.New(rand.NewPCG(12, 34))
	probs := make([]metrics.Ratio, len(benchStages))
	for i, s := range benchStages {
		probs[i] = metrics.Percent(s.pct)
	}
	owners := make([]string, 50)
	for i := range owners {
		owners[i] = "rep-" + strconv.Itoa(i)
	}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	d := benchData{opps: make([]Opportunity, n), plain: make([]plainOpp, n)}
	for i := range n {
		si := rng.IntN(len(benchStages))
		s := benchStages[si]
		cents := int64(rng.IntN(20_000_000)) // up to 200,000.00
		created := base.AddDate(0, 0, rng.IntN(600))
		closeDate := created.AddDate(0, 0, rng.IntN(120))
		amt, _ := metrics.MoneyFromMinor(cents, 2, "USD")
		o := Opportunity{ID: "o" + strconv.Itoa(i), Owner: owners[rng.IntN(len(owners))], Stage: s.name, Amount: amt,
			Probability: probs[si], Created: created, Close: closeDate}
		switch s.cat {
		case CategoryClosed:
			o.Status = StatusWon
		case CategoryOmitted:
			o.Status = StatusLost
		}
		if o.Status == StatusOpen && rng.IntN(50) == 0 {
			o.Category = CategoryCommit
		}
		d.opps[i] = o
		d.plain[i] = plainOpp{owner: o.Owner, stage: o.Stage, close: closeDate, cents: cents, pct: s.pct, status: o.Status, manual: o.Category}
	}
	return d
}

// plainRollup is the baseline: the same roll-up by close quarter and owner
// as a plain loop over int64 cents and percents.
func plainRollup(rows []plainOpp) map[[2]any]*plainCell {
	stageCat := make(map[string]Category, len(benchStages))
	for _, s := range benchStages {
		stageCat[s.name] = s.cat
	}
	type key struct {
		q     int32
		owner string
	}
	cells := map[key]*plainCell{}
	for i := range rows {
		r := &rows[i]
		cat := CategoryPipeline
		switch {
		case r.status == StatusWon:
			cat = CategoryClosed
		case r.status == StatusLost:
			cat = CategoryOmitted
		case r.manual != 0:
			cat = r.manual
		case stageCat[r.stage] != 0:
			cat = stageCat[r.stage]
		case r.pct >= 90:
			cat = CategoryCommit
		case r.pct >= 50:
			cat = CategoryBestCase
		}
		y, m, _ := r.close.Date()
		k := key{int32(y*4 + (int(m)-1)/3), r.owner}
		c := cells[k]
		if c == nil {
			c = new(plainCell)
			cells[k] = c
		}
		c.amount[cat] += r.cents
		c.count[cat]++
		if cat.open() {
			c.weighted += r.cents * r.pct
		}
	}
	out := make(map[[2]any]*plainCell, len(cells))
	for k, c := range cells {
		out[[2]any{k.q, k.owner}] = c
	}
	return out
}

// BenchmarkRollupRatio rolls 1,000,000 opportunities up by quarter × owner
// with Build and with the plain loop, in each iteration, and reports both
// per opportunity and Build's time as a percentage of the loop's (the
// issue's target: ≤ 300%).
func BenchmarkRollupRatio(b *testing.B) {
	d := genBench(1_000_000)
	opts := Options{Policy: benchPolicy(), By: Dimensions{Period: ByQuarter, Owner: true}, Currency: "USD"}
	var build, plain time.Duration
	minBuild, minPlain := time.Duration(1<<62), time.Duration(1<<62)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := Build(metrics.FromSlice(d.opps), opts); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		_ = plainRollup(d.plain)
		t2 := time.Now()
		build, plain = build+t1.Sub(t0), plain+t2.Sub(t1)
		minBuild, minPlain = min(minBuild, t1.Sub(t0)), min(minPlain, t2.Sub(t1))
	}
	n := int64(b.N) * int64(len(d.opps))
	b.ReportMetric(float64(build.Nanoseconds()/n), "build-ns/opp")
	b.ReportMetric(float64(plain.Nanoseconds()/n), "plain-ns/opp")
	b.ReportMetric(float64(100*build.Nanoseconds()/max(plain.Nanoseconds(), 1)), "%-of-plain")
	// On a shared machine the fastest run of each is the least disturbed.
	b.ReportMetric(float64(100*minBuild.Nanoseconds()/max(minPlain.Nanoseconds(), 1)), "%-of-plain-fastest")
}

// BenchmarkBuild is Build alone on 100,000 opportunities.
func BenchmarkBuild(b *testing.B) {
	d := genBench(100_000)
	opts := Options{Policy: benchPolicy(), By: Dimensions{Period: ByQuarter, Owner: true}, Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Build(metrics.FromSlice(d.opps), opts); err != nil {
			b.Fatal(err)
		}
	}
}

// The benchmark's contestants compute the same roll-up: checked on a
// smaller data set of the same generator.
func TestBenchBaselineAgrees(t *testing.T) {
	d := genBench(20_000)
	r, err := Build(metrics.FromSlice(d.opps), Options{Policy: benchPolicy(), By: Dimensions{Period: ByQuarter, Owner: true}})
	if err != nil {
		t.Fatal(err)
	}
	base := plainRollup(d.plain)
	if len(base) != len(r.Cells()) {
		t.Fatalf("%d cells, baseline %d", len(r.Cells()), len(base))
	}
	cents := func(c int64) metrics.Money { m, _ := metrics.MoneyFromMinor(c, 2, "USD"); return m }
	for _, c := range r.Cells() {
		p := base[[2]any{int32(c.Key.Quarter.Year()*4 + c.Key.Quarter.Number() - 1), c.Key.Owner}]
		if p == nil {
			t.Fatalf("%s: not in the baseline", c.Key)
		}
		for cat := CategoryPipeline; cat <= CategoryOmitted; cat++ {
			if !sameAmount(c.Totals.Amount(cat), cents(p.amount[cat])) || c.Totals.Count(cat) != p.count[cat] {
				t.Fatalf("%s %s: %v (%d) vs %d (%d)", c.Key, cat, c.Totals.Amount(cat), c.Totals.Count(cat), p.amount[cat], p.count[cat])
			}
		}
		w, _ := metrics.MoneyFromMinor(p.weighted, 4, "USD") // cents × percent = 10^-4 units
		if got := c.Totals.WeightedPipeline(metrics.Context{}); !sameAmount(got, w) {
			t.Fatalf("%s weighted %v vs %v", c.Key, got, w)
		}
	}
}
