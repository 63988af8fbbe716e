package mrr

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// ledgerBenchRow is a compact generated row: customer index, month offset and the
// amount in cents (and its index in the shared decimal table).
type ledgerBenchRow struct {
	cust  int32
	month int16
	amt   int32 // index into ledgerBenchData.decimals / cents
}

// ledgerBenchData is the generated data set shared by the benchmarks.
type ledgerBenchData struct {
	rows     []ledgerBenchRow
	names    []string          // customer IDs, ascending
	cents    []int64           // amount table in cents
	decimals []decimal.Decimal // the same amounts as decimals with 2 places
	first    metrics.Month
	months   int
	monthOf  []metrics.Month // monthOf[k] = first + k: rows carry a ready Month, as a parser's would
}

// seq streams the data set as sorted Rows whose amounts are built with
// MoneyFromMinor from integer cents, as ParseMoney builds a plain amount read
// from CSV: held inline, no allocation per row (names come from a shared
// table). A constructor error would end the stream, as a source's error does.
func (d *ledgerBenchData) seq() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for _, r := range d.rows {
			mrr, err := metrics.MoneyFromMinor(d.cents[r.amt], 2, "USD")
			if err != nil {
				yield(Row{}, err)
				return
			}
			if !yield(Row{Customer: d.names[r.cust], Subscription: "s", Month: d.monthOf[r.month], MRR: mrr}, nil) {
				return
			}
		}
	}
}

// seqDecimal streams the same rows with each amount arriving as a
// decimal.Decimal of its own (allocated row by row, as a caller holding
// decimals would have them) passed through NewMoney, which reads it through
// shopspring's *big.Int to hold it inline.
func (d *ledgerBenchData) seqDecimal() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for _, r := range d.rows {
			mrr, err := metrics.NewMoney(decimal.New(d.cents[r.amt], -2), "USD")
			if err != nil {
				yield(Row{}, err)
				return
			}
			if !yield(Row{Customer: d.names[r.cust], Subscription: "s", Month: d.monthOf[r.month], MRR: mrr}, nil) {
				return
			}
		}
	}
}

// ledgerGenBenchData generates customers × months, sorted by customer then month,
// with a seeded PCG source: start months spread over the span (three quarters
// in the first month), monthly 2% churn, 5% expansion, 3% contraction, and churned
// customers returning with 10% probability a month. Amounts have 2 decimals.
func ledgerGenBenchData(customers, months int) *ledgerBenchData {
	rng := rand.New(rand.NewPCG(2024, 11))
	first, _ := metrics.NewMonth(2022, 1)
	d := &ledgerBenchData{first: first, months: months}
	for k := range months {
		d.monthOf = append(d.monthOf, first.Add(k))
	}
	index := map[int64]int32{}
	amount := func(c int64) int32 {
		if i, ok := index[c]; ok {
			return i
		}
		i := int32(len(d.cents))
		index[c] = i
		d.cents = append(d.cents, c)
		d.decimals = append(d.decimals, decimal.New(c, -2))
		return i
	}
	plans := []int64{2900, 4900, 4999, 9900, 19900, 29900, 99900, 249950}
	for c := 0; c < customers; c++ {
		d.names = append(d.names, fmt.Sprintf("cus_%07d", c))
		start := 0
		if rng.IntN(4) == 0 {
			start = rng.IntN(months)
		}
		mrr := plans[rng.IntN(len(plans))]
		paying := true
		for m := start; m < months; m++ {
			if !paying {
				if rng.IntN(10) == 0 {
					paying, mrr = true, plans[rng.IntN(len(plans))]
				} else {
					continue
				}
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
			d.rows = append(d.rows, ledgerBenchRow{cust: int32(c), month: int16(m), amt: amount(mrr)})
		}
	}
	return d
}

// The 100,000 × 36 data set, built once per process on first use.
var (
	ledgerBenchOnce sync.Once
	ledgerBenchBig  *ledgerBenchData
)

func ledgerBigBenchData() *ledgerBenchData {
	ledgerBenchOnce.Do(func() { ledgerBenchBig = ledgerGenBenchData(100_000, 36) })
	return ledgerBenchBig
}

// ledgerBaselineMonth is the int64-cents waterfall of one month.
type ledgerBaselineMonth struct {
	mrr, newAmt, exp, contr, react, churnLast            int64
	active, newN, reactN, expN, contrN, retN, churnLastN int64
}

// ledgerBaselineInt64 computes the same monthly waterfall as the ledger with plain
// int64 cents over the sorted compact rows: per customer, compare each month
// with the previous, defer the churn of a stint to its last paid month.
func ledgerBaselineInt64(d *ledgerBenchData) []ledgerBaselineMonth {
	out := make([]ledgerBaselineMonth, d.months)
	cust := int32(-1)
	var lastPaid int16
	var prev int64
	open, ever := false, false
	closeStint := func() {
		out[lastPaid].churnLast += prev
		out[lastPaid].churnLastN++
		open = false
	}
	for _, r := range d.rows {
		if r.cust != cust {
			if open {
				closeStint()
			}
			cust, ever = r.cust, false
		}
		if open && lastPaid < r.month-1 {
			closeStint()
		}
		a := d.cents[r.amt]
		o := &out[r.month]
		o.mrr += a
		o.active++
		switch {
		case open:
			switch {
			case a > prev:
				o.exp += a - prev
				o.expN++
			case a < prev:
				o.contr += prev - a
				o.contrN++
			default:
				o.retN++
			}
		case !ever:
			o.newAmt += a
			o.newN++
		default:
			o.react += a
			o.reactN++
		}
		open, ever, lastPaid, prev = true, true, r.month, a
	}
	if open {
		closeStint()
	}
	return out
}

// ledgerCentsRow is the row of a plain int64-cents pipeline: Row's
// fields with the amount as int64 cents instead of a Money.
type ledgerCentsRow struct {
	Customer, Subscription string
	Month                  metrics.Month
	Cents                  int64
	Currency               string
}

// centsSeq streams the data set as ledgerCentsRows, produced as seq produces
// Rows.
func (d *ledgerBenchData) centsSeq() iter.Seq[ledgerCentsRow] {
	return func(yield func(ledgerCentsRow) bool) {
		for _, r := range d.rows {
			if !yield(ledgerCentsRow{Customer: d.names[r.cust], Subscription: "s", Month: d.monthOf[r.month], Cents: d.cents[r.amt], Currency: "USD"}) {
				return
			}
		}
	}
}

// ledgerBaselineInt64Rows is ledgerBaselineInt64 reading the same rows as the
// ledger — string customer IDs, Month values, through an iter.Seq passed in
// (noinline keeps the call shape of BuildSorted, which is too large
// to inline) — with plain int64 cents and no validation: the int64 program a
// team would write over its row stream instead of using the library.
//
//go:noinline
func ledgerBaselineInt64Rows(rows iter.Seq[ledgerCentsRow], first metrics.Month, months int) []ledgerBaselineMonth {
	out := make([]ledgerBaselineMonth, months)
	cust := ""
	var lastPaid int
	var prev int64
	open, ever := false, false
	closeStint := func() {
		out[lastPaid].churnLast += prev
		out[lastPaid].churnLastN++
		open = false
	}
	for r := range rows {
		if r.Customer != cust {
			if open {
				closeStint()
			}
			cust, ever = r.Customer, false
		}
		m := r.Month.Sub(first)
		if open && lastPaid < m-1 {
			closeStint()
		}
		a := r.Cents
		o := &out[m]
		o.mrr += a
		o.active++
		switch {
		case open:
			switch {
			case a > prev:
				o.exp += a - prev
				o.expN++
			case a < prev:
				o.contr += prev - a
				o.contrN++
			default:
				o.retN++
			}
		case !ever:
			o.newAmt += a
			o.newN++
		default:
			o.react += a
			o.reactN++
		}
		open, ever, lastPaid, prev = true, true, m, a
	}
	if open {
		closeStint()
	}
	return out
}

// ledgerReportPerRow reports ns/row as a whole number of nanoseconds (ReportMetric's
// signature takes a float64; the value itself is computed in integers).
func ledgerReportPerRow(b *testing.B, rows int) {
	ns := b.Elapsed().Nanoseconds() / int64(b.N) / int64(rows)
	b.ReportMetric(float64(ns), "ns/row")
}

func BenchmarkLedgerSorted(b *testing.B) {
	d := ledgerBigBenchData()
	opts := Options{Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := BuildSorted(d.seq(), opts); err != nil {
			b.Fatal(err)
		}
	}
	ledgerReportPerRow(b, len(d.rows))
	b.ReportMetric(float64(len(d.rows)), "rows")
}

func BenchmarkLedgerSortedDecimal(b *testing.B) {
	d := ledgerBigBenchData()
	opts := Options{Currency: "USD"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := BuildSorted(d.seqDecimal(), opts); err != nil {
			b.Fatal(err)
		}
	}
	ledgerReportPerRow(b, len(d.rows))
}

func BenchmarkBaselineInt64(b *testing.B) {
	d := ledgerBigBenchData()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ledgerBaselineInt64(d)
	}
	ledgerReportPerRow(b, len(d.rows))
}

func BenchmarkBaselineInt64Rows(b *testing.B) {
	d := ledgerBigBenchData()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ledgerBaselineInt64Rows(d.centsSeq(), d.first, d.months)
	}
	ledgerReportPerRow(b, len(d.rows))
}

// BenchmarkLedgerRatio runs the ledger and both baselines in turn in every
// iteration, so that a noisy machine slows all three alike, and reports each
// one's CPU ns/row (see measure) and the ledger's CPU time as a percentage
// of each baseline's.
func BenchmarkLedgerRatio(b *testing.B) {
	d := ledgerBigBenchData()
	opts := Options{Currency: "USD"}
	var ledger, rows, array time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, c0, _, _ := measure(func() {
			if _, err := BuildSorted(d.seq(), opts); err != nil {
				b.Fatal(err)
			}
		})
		_, c1, _, _ := measure(func() { _ = ledgerBaselineInt64Rows(d.centsSeq(), d.first, d.months) })
		_, c2, _, _ := measure(func() { _ = ledgerBaselineInt64(d) })
		ledger, rows, array = ledger+c0, rows+c1, array+c2
	}
	n := int64(b.N) * int64(len(d.rows))
	b.ReportMetric(float64(ledger.Nanoseconds()/n), "ledger-cpu-ns/row")
	b.ReportMetric(float64(rows.Nanoseconds()/n), "int64rows-cpu-ns/row")
	b.ReportMetric(float64(array.Nanoseconds()/n), "int64array-cpu-ns/row")
	b.ReportMetric(float64(100*ledger.Nanoseconds()/max(rows.Nanoseconds(), 1)), "%-of-int64rows")
	b.ReportMetric(float64(100*ledger.Nanoseconds()/max(array.Nanoseconds(), 1)), "%-of-int64array")
}

// sortedRecords returns the data set as the unsorted build keeps it — compact
// records in customer then month order — and the builder they belong to.
func sortedRecords(d *ledgerBenchData, opts Options) (*recordBuilder, []rec, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, nil, err
	}
	rb := newRecordBuilder(b)
	for r, err := range d.seq() {
		b.row++
		if err == nil {
			err = rb.addRow(&r)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	recs := rb.sort()
	return rb, recs, nil
}

// computeOnce runs the engine over sorted records with a fresh builder (the
// names and subscriptions of rb), as Build does after its sort.
func computeOnce(rb *recordBuilder, recs []rec, opts Options) (*Ledger, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	b.lo, b.hi = rb.b.lo, rb.b.hi
	run := *rb
	run.b = b
	return run.run(recs)
}

// BenchmarkComputeRatio is compute only, rows already in memory: the engine
// (classification, the hot and general paths, aggregates, summaries) over
// the rows in the compact form the unsorted build sorts them into (24-byte
// records: customer number, month, amount in pico units), beside the int64
// loop over the compact array (ledgerBaselineInt64), in turn in every
// iteration.
func BenchmarkComputeRatio(b *testing.B) {
	d := ledgerBigBenchData()
	opts := Options{Currency: "USD"}
	rb, recs, err := sortedRecords(d, opts)
	if err != nil {
		b.Fatal(err)
	}
	ratioBench(b, len(recs), func() {
		if _, err := computeOnce(rb, recs, opts); err != nil {
			b.Fatal(err)
		}
	}, func() { _ = ledgerBaselineInt64(d) })
}

// The benchmark's contestants compute the same waterfall: checked on a
// smaller data set of the same generator.
func TestLedgerBenchBaselineAgrees(t *testing.T) {
	d := ledgerGenBenchData(2000, 36)
	l, err := BuildSorted(d.seq(), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	ld, err := BuildSorted(d.seqDecimal(), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(l.Months(), ld.Months(), conventionsCmp); diff != "" {
		t.Fatalf("inline and decimal amounts build different ledgers:\n%s", diff)
	}
	base := ledgerBaselineInt64(d)
	if diff := gocmp.Diff(base, ledgerBaselineInt64Rows(d.centsSeq(), d.first, d.months), gocmp.AllowUnexported(ledgerBaselineMonth{})); diff != "" {
		t.Fatalf("baselines differ:\n%s", diff)
	}
	cents := func(c int64) metrics.Money { return mustMinor(t, c, 2, "USD") }
	for k, s := range l.Months() {
		o := base[k]
		churn, churnN := int64(0), int64(0)
		if k > 0 {
			churn, churnN = base[k-1].churnLast, base[k-1].churnLastN
		}
		if !s.End.Equal(cents(o.mrr)) || !s.New.Equal(cents(o.newAmt)) || !s.Expansion.Equal(cents(o.exp)) ||
			!s.Contraction.Equal(cents(o.contr)) || !s.Reactivation.Equal(cents(o.react)) || !s.Churn.Equal(cents(churn)) ||
			s.EndCustomers != o.active || s.NewCustomers != o.newN || s.ReactivatedCustomers != o.reactN ||
			s.ExpandedCustomers != o.expN || s.ContractedCustomers != o.contrN || s.RetainedCustomers != o.retN || s.ChurnedCustomers != churnN {
			t.Fatalf("month %d: ledger %+v ≠ baseline %+v", k, s, o)
		}
	}
	if n := len(l.Months()); n != 36 {
		t.Fatalf("%d months", n)
	}
	rb, recs, err := sortedRecords(d, Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := computeOnce(rb, recs, Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstBaseline(t, "compute only", c, base)
}

// ledgerBenchSubscriptions generates n customers' subscriptions, sorted by
// customer: monthly plans (two in three), annual plans billed yearly, one
// customer in five with a second subscription starting later, one in four
// cancelling, one in ten with a 3-month 20% discount. Seeded.
func ledgerBenchSubscriptions(n int) []Subscription {
	rng := rand.New(rand.NewPCG(7, 3))
	jan := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var subs []Subscription
	for c := 0; c < n; c++ {
		cust := fmt.Sprintf("cus_%07d", c)
		k := 1
		if rng.IntN(5) == 0 {
			k = 2
		}
		for j := 0; j < k; j++ {
			amount, err := metrics.MoneyFromMinor(int64(rng.IntN(20_000)+900), 2, "USD")
			if err != nil {
				panic(err)
			}
			s := Subscription{Customer: cust, ID: fmt.Sprint("sub_", j), Amount: amount,
				Interval: Interval{1, IntervalMonth}, Start: jan.AddDate(0, rng.IntN(30), rng.IntN(28))}
			if rng.IntN(3) == 0 {
				s.Amount, s.Interval = s.Amount.MulInt(10), Interval{1, IntervalYear}
			}
			if rng.IntN(4) == 0 {
				s.End = s.Start.AddDate(0, rng.IntN(24)+1, 0)
				s.Status = StatusCancelled
			}
			if rng.IntN(10) == 0 {
				s.Discounts = []Discount{{Percent: metrics.Percent(20), Duration: DiscountRepeating, Months: 3}}
			}
			subs = append(subs, s)
		}
	}
	return subs
}

// BenchmarkLedgerFromSubscriptions expands 100,000 customers' subscriptions
// (sorted by customer) to MRR rows and builds the ledger as they stream
// (BuildSorted: Expand yields customer-then-month order).
func BenchmarkLedgerFromSubscriptions(b *testing.B) {
	subs := ledgerBenchSubscriptions(100_000)
	through, _ := metrics.NewMonth(2024, 12)
	rows := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opts := Options{Currency: "USD", Through: through}
		rows = 0
		counted := func(yield func(Row, error) bool) {
			for r, err := range Expand(seq2(subs), opts) {
				if err == nil {
					rows++
				}
				if !yield(r, err) {
					return
				}
			}
		}
		if _, err := BuildSorted(counted, opts); err != nil {
			b.Fatal(err)
		}
	}
	ledgerReportPerRow(b, rows)
	b.ReportMetric(float64(len(subs)), "subscriptions")
	b.ReportMetric(float64(rows), "rows")
}

// BenchmarkLedgerFromSubscriptionsOneCall is the same job through
// FromSubscriptions, which reads every record first and sorts them by
// customer (the records here are sorted already).
func BenchmarkLedgerFromSubscriptionsOneCall(b *testing.B) {
	subs := ledgerBenchSubscriptions(100_000)
	through, _ := metrics.NewMonth(2024, 12)
	opts := Options{Currency: "USD", Through: through}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := FromSubscriptions(seq2(subs), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(subs)), "subscriptions")
}
