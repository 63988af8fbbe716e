package cohort

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	rtmetrics "runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// benchRow is a compact generated row: customer index, month offset, cents.
type benchRow struct {
	cust  int32
	month int16
	cents int64
}

// benchData is a generated data set, sorted by customer then month.
type benchData struct {
	rows    []benchRow
	names   []string
	first   metrics.Month
	months  int
	monthOf []metrics.Month
}

// genBenchData generates customers × months with a seeded PCG source: a
// quarter of the customers start in a random month, the others in the
// first; each month 2% churn, 5% expand, 3% contract; churned customers
// return with 10% probability a month. Amounts in cents.
func genBenchData(customers, months int) *benchData {
	rng := rand.New(rand.NewPCG(2024, 10))
	first, _ := metrics.NewMonth(2022, 1)
	d := &benchData{first: first, months: months}
	for k := range months {
		d.monthOf = append(d.monthOf, first.Add(k))
	}
	plans := []int64{2900, 4900, 4999, 9900, 19900, 29900, 99900, 249950}
	for c := range customers {
		d.names = append(d.names, fmt.Sprintf("cus_%07d", c))
		start := 0
		if rng.IntN(4) == 0 {
			start = rng.IntN(months)
		}
		mrr := plans[rng.IntN(len(plans))]
		paying := true
		for m := start; m < months; m++ {
			if !paying {
				if rng.IntN(10) != 0 {
					continue
				}
				paying, mrr = true, plans[rng.IntN(len(plans))]
			} else if m > start {
				switch p := rng.IntN(100); {
				case p < 2:
					paying = false
					continue
				case p < 7:
					mrr += int64(rng.IntN(5000)+1) * 10
				case p < 10:
					mrr = max(mrr-int64(rng.IntN(2000)+1)*10, 100)
				}
			}
			d.rows = append(d.rows, benchRow{cust: int32(c), month: int16(m), cents: mrr})
		}
	}
	return d
}

// seq streams the data as sorted mrr.Rows, amounts built inline with
// MoneyFromMinor from cents (as a CSV or database reader would).
func (d *benchData) seq() iter.Seq2[mrr.Row, error] {
	return func(yield func(mrr.Row, error) bool) {
		for _, r := range d.rows {
			v, err := metrics.MoneyFromMinor(r.cents, 2, "USD")
			if err != nil {
				yield(mrr.Row{}, err)
				return
			}
			if !yield(mrr.Row{Customer: d.names[r.cust], Subscription: "s", Month: d.monthOf[r.month], MRR: v}, nil) {
				return
			}
		}
	}
}

// centsRow is the plain pipeline's row: string ID, Month, int64 cents.
type centsRow struct {
	Customer string
	Month    metrics.Month
	Cents    int64
}

// centsSeq streams the same rows as centsRows.
func (d *benchData) centsSeq() iter.Seq[centsRow] {
	return func(yield func(centsRow) bool) {
		for _, r := range d.rows {
			if !yield(centsRow{Customer: d.names[r.cust], Month: d.monthOf[r.month], Cents: r.cents}) {
				return
			}
		}
	}
}

// baseCell is one cell of the int64 triangle.
type baseCell struct {
	observed, active, prevActive, churned, reactivated            int64
	mrr, base, capped, prevMRR, exp, contr, churn, react, revenue int64
}

// baselineInt64 computes the monthly triangle (ReactivationCounts) with
// plain int64 cents, the way a team would write it over its row stream:
// each customer's months into an array, then every period of its window
// cell by cell. It returns cells[acquisition offset][period].
//
//go:noinline
func baselineInt64(rows iter.Seq[centsRow], first, through metrics.Month) [][]baseCell {
	n := through.Sub(first) + 1
	cells := make([][]baseCell, n)
	for a := range cells {
		cells[a] = make([]baseCell, n-a)
	}
	series := make([]int64, n)
	cust, lo, hi := "", -1, -1
	flush := func() {
		if lo < 0 {
			return
		}
		row, base := cells[lo], series[lo]
		var prev, rev int64
		for k := range n - lo {
			v := series[lo+k]
			c := &row[k]
			rev += v
			c.observed++
			c.mrr += v
			c.base += base
			c.capped += min(v, base)
			c.revenue += rev
			if v > 0 {
				c.active++
			}
			if k > 0 {
				c.prevMRR += prev
				if prev > 0 {
					c.prevActive++
				}
				switch {
				case prev > 0 && v > prev:
					c.exp += v - prev
				case prev > 0 && v > 0:
					c.contr += prev - v
				case prev > 0:
					c.churn += prev
					c.churned++
				case v > 0:
					c.react += v
					c.reactivated++
				}
			}
			prev = v
		}
		clear(series[lo : hi+1])
		lo, hi = -1, -1
	}
	for r := range rows {
		if r.Customer != cust {
			flush()
			cust = r.Customer
		}
		m := r.Month.Sub(first)
		series[m] += r.Cents
		if lo < 0 && r.Cents > 0 {
			lo = m
		}
		hi = m
	}
	flush()
	return cells
}

// The 100,000 × 36 data set, built once per process on first use.
var (
	benchOnce sync.Once
	benchBig  *benchData
)

func bigBenchData() *benchData {
	benchOnce.Do(func() { benchBig = genBenchData(100_000, 36) })
	return benchBig
}

// peakHeap runs f while sampling the live heap every 200µs and returns the
// largest value seen above the heap before f (a lower bound of the peak).
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { rtmetrics.Read(sample); return sample[0].Value.Uint64() }
	before := read()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	f()
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	close(stop)
	<-done
	if p := peak.Load(); p > before {
		return p - before
	}
	return 0
}

// reportPerRow reports ns/row as a whole number of nanoseconds.
func reportPerRow(b *testing.B, rows int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds()/int64(b.N)/int64(rows)), "ns/row")
}

// BenchmarkBuildSorted streams 100,000 customers × 36 months (sorted rows,
// inline amounts) into the full monthly triangle.
func BenchmarkBuildSorted(b *testing.B) {
	d := bigBenchData()
	opts := Options{Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := BuildSorted(d.seq(), opts); err != nil {
			b.Fatal(err)
		}
	}
	reportPerRow(b, len(d.rows))
	b.StopTimer()
	peak := peakHeap(func() { _, _ = BuildSorted(d.seq(), opts) })
	b.ReportMetric(float64(peak>>20), "peak-MB")
	b.ReportMetric(float64(len(d.rows)), "rows")
}

// BenchmarkBuild is the same data through Build (any order: it keeps one
// compact record per row and sorts them).
func BenchmarkBuild(b *testing.B) {
	d := bigBenchData()
	opts := Options{Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Build(d.seq(), opts); err != nil {
			b.Fatal(err)
		}
	}
	reportPerRow(b, len(d.rows))
	b.StopTimer()
	peak := peakHeap(func() { _, _ = Build(d.seq(), opts) })
	b.ReportMetric(float64(peak>>20), "peak-MB")
}

// BenchmarkBuildShuffled is Build over the same rows in a seeded random
// order: it must sort them.
func BenchmarkBuildShuffled(b *testing.B) {
	d := bigBenchData()
	shuffled := &benchData{rows: slices.Clone(d.rows), names: d.names, first: d.first, months: d.months, monthOf: d.monthOf}
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled.rows), func(i, j int) {
		shuffled.rows[i], shuffled.rows[j] = shuffled.rows[j], shuffled.rows[i]
	})
	opts := Options{Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Build(shuffled.seq(), opts); err != nil {
			b.Fatal(err)
		}
	}
	reportPerRow(b, len(d.rows))
	b.StopTimer()
	peak := peakHeap(func() { _, _ = Build(shuffled.seq(), opts) })
	b.ReportMetric(float64(peak>>20), "peak-MB")
}

// BenchmarkBaselineInt64 is the plain int64 triangle over the same row
// stream.
func BenchmarkBaselineInt64(b *testing.B) {
	d := bigBenchData()
	last := d.first.Add(d.months - 1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_ = baselineInt64(d.centsSeq(), d.first, last)
	}
	reportPerRow(b, len(d.rows))
}

// BenchmarkBuildSortedRatio runs BuildSorted and the int64 baseline in turn
// in every iteration, so that a noisy machine slows both alike, and reports
// each one's ns/row and the build's time as a percentage of the baseline's
// (the target is at most 300%).
func BenchmarkBuildSortedRatio(b *testing.B) {
	d := bigBenchData()
	opts := Options{Currency: "USD"}
	last := d.first.Add(d.months - 1)
	var build, base time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := BuildSorted(d.seq(), opts); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		_ = baselineInt64(d.centsSeq(), d.first, last)
		t2 := time.Now()
		build, base = build+t1.Sub(t0), base+t2.Sub(t1)
	}
	n := int64(b.N) * int64(len(d.rows))
	b.ReportMetric(float64(build.Nanoseconds()/n), "cohort-ns/row")
	b.ReportMetric(float64(base.Nanoseconds()/n), "int64-ns/row")
	b.ReportMetric(float64(100*build.Nanoseconds()/max(base.Nanoseconds(), 1)), "%-of-int64")
}

// The benchmark's contestants compute the same triangle: checked on a
// smaller data set of the same generator.
func TestBenchBaselineAgrees(t *testing.T) {
	d := genBenchData(3000, 36)
	last := d.first.Add(d.months - 1)
	tab, err := BuildSorted(d.seq(), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	base := baselineInt64(d.centsSeq(), d.first, last)
	cents := func(v int64) metrics.Money { m, _ := metrics.MoneyFromMinor(v, 2, "USD"); return m }
	n := 0
	for c := range tab.Cells() {
		w := base[c.Cohort.Acquired.Sub(d.first)][c.Period]
		n++
		if c.Observed != w.observed || c.Active != w.active || c.PrevActive != w.prevActive || c.ChurnedCustomers != w.churned ||
			c.ReactivatedCustomers != w.reactivated || !c.MRR.Equal(cents(w.mrr)) || !c.BaseMRR.Equal(cents(w.base)) ||
			!c.CappedMRR.Equal(cents(w.capped)) || !c.PrevMRR.Equal(cents(w.prevMRR)) || !c.Expansion.Equal(cents(w.exp)) ||
			!c.Contraction.Equal(cents(w.contr)) || !c.Churn.Equal(cents(w.churn)) || !c.Reactivation.Equal(cents(w.react)) ||
			!c.Revenue.Equal(cents(w.revenue)) {
			t.Fatalf("%v p%d: %+v, baseline %+v", c.Cohort, c.Period, c, w)
		}
	}
	if n != 36*37/2 {
		t.Fatalf("%d cells", n)
	}
}
