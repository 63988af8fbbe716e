package mrr

// Hostile input, one test per class: each asserts the documented error (or
// the exact answer) within a time and memory budget, and runs the call in a
// goroutine with a deadline, so a regression fails the test instead of
// hanging the binary.

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// withinBudget runs f in a goroutine and fails the test when it takes longer
// than d (scaled under the race detector) or allocates more than mem bytes
// (the process's TotalAlloc over the call, so run it without t.Parallel).
func withinBudget(t *testing.T, name string, d time.Duration, mem uint64, f func()) {
	t.Helper()
	d *= raceScale
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still running after %v", name, d)
	}
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > mem {
		t.Errorf("%s: allocated %d MB, budget %d MB", name, alloc>>20, mem>>20)
	}
	t.Logf("%s: %v", name, took)
}

// mustIs fails unless err wraps want.
func mustIs(t *testing.T, name string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: %v; want %v", name, err, want)
	}
}

const mb = 1 << 20

// genText is an io.Reader of text made on the fly: a head, then n copies of
// a repeated part, then a tail, so a test can feed gigabytes without holding
// them.
type genText struct {
	head, part, tail string
	n                int
	cur              string
}

// Read fills p from the head, the parts, then the tail.
func (g *genText) Read(p []byte) (int, error) {
	w := 0
	for w < len(p) {
		if g.cur == "" {
			switch {
			case g.head != "":
				g.cur, g.head = g.head, ""
			case g.n > 0:
				g.cur, g.n = g.part, g.n-1
			case g.tail != "":
				g.cur, g.tail = g.tail, ""
			default:
				if w == 0 {
					return 0, io.EOF
				}
				return w, nil
			}
		}
		k := copy(p[w:], g.cur)
		g.cur = g.cur[k:]
		w += k
	}
	return w, nil
}

// buildAll builds rows every way (BuildSorted on the rows as given, Build,
// and the CSV reader's fused builds over the same rows as text).
func buildAll(rows []Row, opts Options) map[string]func() (*Ledger, error) {
	text := bookCSV(rows)
	return map[string]func() (*Ledger, error){
		"BuildSorted":           func() (*Ledger, error) { return BuildSorted(seq2(rows), opts) },
		"Build":                 func() (*Ledger, error) { return Build(seq2(rows), opts) },
		"CSVReader.BuildSorted": func() (*Ledger, error) { return NewCSVReader(strings.NewReader(text)).BuildSorted(opts) },
		"CSVReader.Build":       func() (*Ledger, error) { return NewCSVReader(strings.NewReader(text)).Build(opts) },
	}
}

// linear checks that a job's time grows linearly: prepare(n) makes the job
// of size n (untimed), and the job of size 4n may take at most 10 times the
// job of size n in CPU time (linear is 4, quadratic 16; the best of three
// runs each, with the collector off), every run within the generous wall-clock budget that keeps a
// regression from hanging the binary. Comparing two sizes' CPU time in one
// run holds on a loaded machine, where an absolute wall time does not.
func linear(t *testing.T, name string, n int, prepare func(n int) func()) {
	t.Helper()
	var took [2]time.Duration
	for k, size := range []int{n, 4 * n} {
		job := prepare(size)
		for range 3 {
			// Time the algorithm, not the collector: collect first, then
			// keep the collector off during the run (a collection's CPU
			// time counts as the process's, and whether one falls inside a
			// run of 10,000 rows or only of 40,000 is what made the ratio
			// flaky). The memory budget still bounds what the run allocates.
			runtime.GC()
			func() {
				// Restored here, in the test's goroutine, so that a run
				// over budget (t.Fatalf) does not leave the collector off
				// for the tests after it.
				defer debug.SetGCPercent(debug.SetGCPercent(-1))
				withinBudget(t, fmt.Sprintf("%s, n=%d", name, size), 20*time.Second, 2000*mb, func() {
					start := cpuTime()
					job()
					if d := cpuTime() - start; took[k] == 0 || d < took[k] {
						took[k] = d
					}
				})
			}()
		}
	}
	if took[1] > 10*max(took[0], 10*time.Millisecond) {
		t.Errorf("%s: %v for n=%d, %v for 4n: more than linear", name, took[0], n, took[1])
	}
}

// Time or memory growing with the square of the input: up to 40,000 rows
// of one customer-month, with distinct subscriptions (they add up) or one
// repeated (metrics.ErrDuplicate); as many subscriptions of one customer,
// distinct or repeated. Each check of a repeated subscription is a set
// lookup, not a scan of the month's list: four times the rows take about
// four times as long.
func TestHostileDuplicatesOfOneCustomerMonth(t *testing.T) {
	jan := mustMonth(t, "2024-01")
	one := mustMinor(t, 1, 0, "USD")
	rowsOf := func(n int, distinct bool) []Row {
		rows := make([]Row, n)
		for i := range rows {
			rows[i] = Row{Customer: "a", Month: jan, MRR: one}
			if distinct {
				rows[i].Subscription = fmt.Sprint("s", i)
			}
		}
		return rows
	}
	for _, name := range []string{"BuildSorted", "Build", "CSVReader.BuildSorted", "CSVReader.Build"} {
		linear(t, "distinct subscriptions, "+name, 10_000, func(n int) func() {
			build := buildAll(rowsOf(n, true), Options{Currency: "USD"})[name]
			return func() {
				l, err := build()
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				if s, _ := l.Month(jan); !s.End.Equal(mustMinor(t, int64(n), 0, "USD")) || s.EndCustomers != 1 {
					t.Errorf("%s: %+v", name, s)
				}
			}
		})
		linear(t, "one repeated subscription, strict, "+name, 10_000, func(n int) func() {
			build := buildAll(rowsOf(n, false), Options{Currency: "USD"})[name]
			return func() {
				_, err := build()
				mustIs(t, name, err, metrics.ErrDuplicate)
			}
		})
		linear(t, "one repeated subscription, lenient, "+name, 10_000, func(n int) func() {
			build := buildAll(rowsOf(n, false), Options{Currency: "USD", Lenient: true})[name]
			return func() {
				l, err := build()
				if err != nil || len(l.Rejected()) != n-1 {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
	start := date(2024, time.January, 1)
	through := mustMonth(t, "2024-03")
	subsOf := func(n int, distinct bool) []Subscription {
		subs := make([]Subscription, n)
		for i := range subs {
			id := "s"
			if distinct {
				id = fmt.Sprint("s", i)
			}
			subs[i] = monthly("a", id, "1", start, time.Time{})
		}
		return subs
	}
	linear(t, "subscriptions of one customer", 5_000, func(n int) func() {
		subs := subsOf(n, true)
		return func() {
			l, err := FromSubscriptions(seq2(subs), Options{Currency: "USD", Through: through})
			if s, _ := l.Month(through); err != nil || !s.End.Equal(mustMinor(t, int64(n), 0, "USD")) {
				t.Errorf("FromSubscriptions: %v", err)
			}
		}
	})
	linear(t, "copies of one subscription", 5_000, func(n int) func() {
		subs := subsOf(n, false)
		return func() {
			_, err := FromSubscriptions(seq2(subs), Options{Currency: "USD", Through: through})
			mustIs(t, "FromSubscriptions", err, metrics.ErrDuplicate)
			var errs int
			for _, err := range Expand(seq2(subs), Options{Through: through}) {
				if errors.Is(err, metrics.ErrDuplicate) {
					errs++
				}
			}
			if errs != n-1 {
				t.Errorf("Expand: %d duplicates; want %d", errs, n-1)
			}
		}
	})
}

// Many currencies under Rates: a customer paying in up to 8,000 of the
// three-letter codes in two months. The month's currencies are a set, and
// the FX split looks each up once: linear, not quadratic.
func TestHostileManyCurrencies(t *testing.T) {
	jan, feb := mustMonth(t, "2024-01"), mustMonth(t, "2024-02")
	rowsOf := func(n int) []Row {
		var rows []Row
		for _, m := range []metrics.Month{jan, feb} {
			for k := range n {
				code := string([]byte{byte('A' + k/676), byte('A' + k/26%26), byte('A' + k%26)})
				rows = append(rows, Row{Customer: "a", Subscription: code, Month: m, MRR: mustMinor(t, 1, 0, code)})
			}
		}
		return rows
	}
	rates := func(cur string, m metrics.Month) (decimal.Decimal, error) {
		if m == feb && cur != "USD" {
			return decimal.New(2, 0), nil // every currency but USD doubles: FX = its January MRR
		}
		return decimal.New(1, 0), nil
	}
	opts := Options{Currency: "USD", Rates: rates}
	for name, build := range map[string]func([]Row) (*Ledger, error){
		"BuildSorted": func(rows []Row) (*Ledger, error) { return BuildSorted(seq2(rows), opts) },
		"Build":       func(rows []Row) (*Ledger, error) { return Build(seq2(rows), opts) },
	} {
		linear(t, name, 2000, func(n int) func() { rows := rowsOf(n); return func() { checkCurrencies(t, name, n, build, rows) } })
	}
}

// checkCurrencies builds rows of n currencies and checks February: n
// currencies (USD among them when n > 13,806) at 1 in January and 2 in
// February but USD, so the change is all FX.
func checkCurrencies(t *testing.T, name string, n int, build func([]Row) (*Ledger, error), rows []Row) {
	l, err := build(rows)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	usd := int64(0)
	if n > 20*676+12*26+3 {
		usd = 1
	}
	s, _ := l.Month(rows[len(rows)-1].Month)
	if !s.End.Equal(mustMinor(t, 2*int64(n)-usd, 0, "USD")) || !s.FX.Equal(mustMinor(t, int64(n)-usd, 0, "USD")) || !s.Expansion.IsZero() || s.RetainedCustomers != 1 {
		t.Errorf("%s: February %+v", name, s)
	}
}

// Memory set by the span of months: a ledger covers at most MaxSpanMonths,
// so rows at 0001-01 and 9999-12 are metrics.ErrOutOfRange (field "month"),
// not 120,000 months of aggregates; likewise a Through far from the data, a
// merge of far-apart shards, and subscriptions starting centuries before
// Through.
func TestHostileMonthSpan(t *testing.T) {
	const text = "customer,month,mrr,currency\na,0001-01,1,USD\nb,9999-12,1,USD\n"
	rows := rowsOfText(t, text)
	for _, order := range [][]Row{rows, {rows[1], rows[0]}, {{Customer: "a", Month: rows[1].Month, MRR: rows[1].MRR}, {Customer: "b", Month: rows[0].Month, MRR: rows[0].MRR}}} {
		for name, build := range buildAll(order, Options{Currency: "USD"}) {
			withinBudget(t, fmt.Sprintf("%s to %s, %s", order[0].Month, order[1].Month, name), time.Second, 10*mb, func() {
				_, err := build()
				var re *metrics.RowError
				if !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Field != "month" || re.Record != 2 {
					t.Errorf("%s: %v", name, err)
				}
			})
		}
	}
	for name, build := range buildAll(rows, Options{Currency: "USD", Lenient: true}) {
		withinBudget(t, "0001-01 to 9999-12, lenient, "+name, time.Second, 10*mb, func() {
			l, err := build()
			if err != nil || len(l.Rejected()) != 1 || len(l.Months()) != 1 {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
	far := Options{Currency: "USD", Through: mustMonth(t, "9999-12")}
	for name, build := range buildAll(rowsOfText(t, "customer,month,mrr,currency\na,2024-01,1,USD\n"), far) {
		withinBudget(t, "Through 9999-12, "+name, time.Second, 10*mb, func() {
			_, err := build()
			mustIs(t, name, err, metrics.ErrOutOfRange)
		})
	}
	early, err1 := Build(seq2(rowsOfText(t, "customer,month,mrr,currency\na,1900-01,1,USD\n")), Options{Currency: "USD"})
	late, err2 := Build(seq2(rowsOfText(t, "customer,month,mrr,currency\nb,2100-01,1,USD\n")), Options{Currency: "USD"})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	withinBudget(t, "Merge of 1900 and 2100", time.Second, 10*mb, func() {
		_, err := early.Merge(late)
		mustIs(t, "Merge", err, metrics.ErrOutOfRange)
	})
	// The bound's edge: a merged span of exactly MaxSpanMonths is fine, one
	// month more is not; so for a single build.
	first := mustMonth(t, "1901-01")
	for _, tc := range []struct {
		months int
		ok     bool
	}{{MaxSpanMonths, true}, {MaxSpanMonths + 1, false}} {
		last := first.Add(tc.months - 1)
		a, err1 := Build(seq2([]Row{{Customer: "a", Month: first, MRR: usd(t, "1")}}), Options{Currency: "USD"})
		b, err2 := Build(seq2([]Row{{Customer: "b", Month: last, MRR: usd(t, "1")}}), Options{Currency: "USD"})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		m, err := a.Merge(b)
		if tc.ok && (err != nil || len(m.Months()) != tc.months) || !tc.ok && !errors.Is(err, metrics.ErrOutOfRange) {
			t.Errorf("Merge over %d months: %v", tc.months, err)
		}
		_, err = Build(seq2([]Row{{Customer: "a", Month: first, MRR: usd(t, "1")}, {Customer: "b", Month: last, MRR: usd(t, "1")}}), Options{Currency: "USD"})
		if tc.ok != (err == nil) || !tc.ok && !errors.Is(err, metrics.ErrOutOfRange) {
			t.Errorf("Build over %d months: %v", tc.months, err)
		}
		_, err = BuildSorted(seq2([]Row{{Customer: "a", Month: first, MRR: usd(t, "1")}, {Customer: "a", Month: last, MRR: usd(t, "1")}}), Options{Currency: "USD"})
		if tc.ok != (err == nil) || !tc.ok && !errors.Is(err, metrics.ErrOutOfRange) {
			t.Errorf("BuildSorted over %d months: %v", tc.months, err)
		}
		var every []Row // one customer paying every month: the hot path grows the span
		for k := range tc.months {
			every = append(every, Row{Customer: "a", Month: first.Add(k), MRR: usd(t, "1")})
		}
		for name, build := range map[string]func(iter.Seq2[Row, error], Options) (*Ledger, error){"BuildSorted": BuildSorted, "Build": Build} {
			l, err := build(seq2(every), Options{Currency: "USD"})
			if tc.ok && (err != nil || len(l.Months()) != tc.months) || !tc.ok && !errors.Is(err, metrics.ErrOutOfRange) {
				t.Errorf("%s of %d paid months: %v", name, tc.months, err)
			}
		}
	}
	old := []Subscription{monthly("a", "s", "1", date(100, time.January, 1), time.Time{})}
	withinBudget(t, "a subscription from 0100 through 9999", time.Second, 10*mb, func() {
		_, err := FromSubscriptions(seq2(old), far)
		var re *metrics.RowError
		if !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Field != "start" {
			t.Errorf("FromSubscriptions: %v", err)
		}
		_, errs := drain(Expand(seq2(old), far))
		if len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) {
			t.Errorf("Expand: %v", errs)
		}
	})
}

// User-supplied decimals pass the exponent bound before any arithmetic:
// discount percents and amounts, subscription amounts, rows' MRR, rates and
// anomaly options at 10^±999,999 (inside Money's own ±1,000,000, far beyond
// the ledger's ±1,000) are metrics.ErrOutOfRange at once; the weekly
// multiplier is an enum; and the dictionary's Classify stays fast at the
// very edge of the bound.
func TestHostileDecimals(t *testing.T) {
	huge, tiny := decimal.New(1, 999_999), decimal.New(1, -999_999)
	hugeUSD, tinyUSD := money(t, huge, "USD"), money(t, tiny, "USD")
	hugeRatio, err := metrics.RatioOf(huge, decimal.New(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	tinyRatio, err := metrics.RatioOf(decimal.New(1, 0), huge)
	if err != nil {
		t.Fatal(err)
	}
	base := monthly("a", "s", "100", date(2024, time.January, 1), time.Time{})
	subCases := map[string]func(s *Subscription){
		"amount 10^999999":          func(s *Subscription) { s.Amount = hugeUSD },
		"amount 10^-999999":         func(s *Subscription) { s.Amount = tinyUSD },
		"discount amount":           func(s *Subscription) { s.Discounts = []Discount{{Amount: hugeUSD}} },
		"discount amount, decimals": func(s *Subscription) { s.Discounts = []Discount{{Amount: tinyUSD}} },
		"discount percent 1/10^n":   func(s *Subscription) { s.Discounts = []Discount{{Percent: tinyRatio}} },
	}
	for name, edit := range subCases {
		s := base
		edit(&s)
		withinBudget(t, name, time.Second, 10*mb, func() {
			mustIs(t, name+": Validate", s.Validate(), metrics.ErrOutOfRange)
			_, err := s.MRR(mustMonth(t, "2024-02"), Conventions{})
			mustIs(t, name+": MRR", err, metrics.ErrOutOfRange)
			_, err = FromSubscriptions(seq2([]Subscription{s}), Options{Currency: "USD"})
			mustIs(t, name+": FromSubscriptions", err, metrics.ErrOutOfRange)
		})
	}
	jan := mustMonth(t, "2024-01")
	for name, build := range buildAll([]Row{{Customer: "a", Month: jan, MRR: hugeUSD}}, Options{Currency: "USD"}) {
		withinBudget(t, "row MRR 10^999999, "+name, time.Second, 10*mb, func() {
			_, err := build()
			mustIs(t, name, err, metrics.ErrOutOfRange)
		})
	}
	// The bound's edge: 1,000 decimals (or an exponent of 1,000) are fine,
	// one more is not.
	for _, tc := range []struct {
		exp int32
		ok  bool
	}{{-1000, true}, {-1001, false}, {1000, true}, {1001, false}} {
		row := Row{Customer: "a", Month: jan, MRR: money(t, decimal.New(7, tc.exp), "USD")}
		for name, build := range map[string]func(iter.Seq2[Row, error], Options) (*Ledger, error){"BuildSorted": BuildSorted, "Build": Build} {
			_, err := build(seq2([]Row{row}), Options{Currency: "USD"})
			if tc.ok != (err == nil) || !tc.ok && !errors.Is(err, metrics.ErrOutOfRange) {
				t.Errorf("%s, 7e%d: %v", name, tc.exp, err)
			}
		}
		s := base
		s.Amount = money(t, decimal.New(7, tc.exp), "USD")
		if err := s.Validate(); tc.ok != (err == nil) {
			t.Errorf("Validate, amount 7e%d: %v", tc.exp, err)
		}
	}
	hugeRate := func(string, metrics.Month) (decimal.Decimal, error) { return huge, nil }
	withinBudget(t, "rate 10^999999", time.Second, 10*mb, func() {
		_, err := Build(seq2([]Row{{Customer: "a", Month: jan, MRR: money(t, decimal.New(1, 0), "EUR")}}), Options{Currency: "USD", Rates: hugeRate})
		mustIs(t, "Build", err, metrics.ErrOutOfRange)
	})
	l, err := BuildSorted(seq2(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string]AnomalyOptions{
		"K 10^999999":            {K: huge},
		"K 10^-999999":           {K: tiny},
		"K 1001":                 {K: decimal.New(1001, 0)},
		"Floor 10^999999/3":      {Floor: hugeRatio},
		"Floor 1/10^999999":      {Floor: tinyRatio},
		"MinDeviation 10^999999": {MinDeviation: hugeUSD},
	} {
		withinBudget(t, "anomalies, "+name, time.Second, 10*mb, func() {
			_, err := l.Anomalies(opts)
			mustIs(t, name, err, metrics.ErrOutOfRange)
		})
	}
	withinBudget(t, "weekly multiplier", time.Second, mb, func() {
		mustIs(t, "WeeklyMultiplier(200)", Conventions{WeeklyMultiplier: 200}.Validate(), metrics.ErrOutOfRange)
	})
	// Classify: a value at the edge of the bound is classified quickly; one
	// beyond cannot be made.
	if _, err := metrics.NewMoney(decimal.New(1, 1_000_001), "USD"); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("NewMoney beyond the bound: %v", err)
	}
	for _, def := range metrics.Definitions() {
		if len(def.Bands) == 0 {
			continue
		}
		var values []metrics.Value
		switch def.Unit {
		case metrics.UnitRatio:
			values = []metrics.Value{hugeRatio, tinyRatio}
		case metrics.UnitMoney:
			values = []metrics.Value{money(t, huge, def.Bands[0].Currency), money(t, tiny, def.Bands[0].Currency)}
		default:
			continue
		}
		withinBudget(t, "Classify "+def.ID, time.Second, 100*mb, func() {
			for _, v := range values {
				if _, err := def.Classify(v); err != nil {
					t.Errorf("Classify %s: %v", def.ID, err)
				}
			}
		})
		break
	}
}

// Integer settings that overflow or loop: a repeating discount of
// 9,223,372,036,854,775,807 months applies in every month (MRR 50, not 100:
// Month.AddChecked, never a wrap); grace days, windows and trailing months
// beyond their bounds are metrics.ErrOutOfRange before anything runs; the
// largest allowed values still finish at once.
func TestHostileIntegerSettings(t *testing.T) {
	csv := strings.Join(subscriptionColumns, ",") + "\n" +
		"a,s,100,USD,1 month,2024-01-01,,,,,,,,50,9223372036854775807\n"
	withinBudget(t, "discount_months MaxInt64", time.Second, 10*mb, func() {
		subs, errs := drain(NewSubscriptionCSVReader(strings.NewReader(csv)).Subscriptions())
		if len(errs) != 0 || len(subs) != 1 {
			t.Fatalf("%v", errs)
		}
		for _, m := range []string{"2024-01", "2030-06", "9999-12"} {
			got, err := subs[0].MRR(mustMonth(t, m), Conventions{})
			if err != nil || !got.Equal(usd(t, "50")) {
				t.Errorf("MRR in %s = %v, %v; want 50 USD", m, got, err)
			}
		}
	})
	for name, c := range map[string]Conventions{
		"PastDueGraceDays MaxInt":         {PastDueGraceDays: math.MaxInt},
		"PastDueGraceDays MaxGraceDays+1": {PastDueGraceDays: MaxGraceDays + 1},
		"LTVTrailingMonths MaxInt":        {LTVTrailingMonths: math.MaxInt},
		"ReactivationWindowMonths MaxInt": {ReactivationWindowMonths: math.MaxInt},
		"MinHistoryMonths MaxInt":         {MinHistoryMonths: math.MaxInt},
	} {
		withinBudget(t, name, time.Second, mb, func() {
			mustIs(t, name, c.Validate(), metrics.ErrOutOfRange)
			_, err := Build(seq2(ledgerHandRows(t)), Options{Currency: "USD", Conventions: c})
			mustIs(t, name+": Build", err, metrics.ErrOutOfRange)
		})
	}
	withinBudget(t, "the largest allowed settings", time.Second, 10*mb, func() {
		c := Conventions{PastDueGraceDays: MaxGraceDays, LTVTrailingMonths: MaxSpanMonths, ReactivationWindowMonths: MaxSpanMonths, MinHistoryMonths: MaxSpanMonths}
		s := monthly("a", "s", "100", date(9999, time.January, 1), date(9999, time.December, 31))
		s.Status = StatusPastDue // grace runs past year 9999: still active in 9999-12, no overflow
		if got, err := s.MRR(mustMonth(t, "9999-12"), c); err != nil || !got.Equal(usd(t, "100")) {
			t.Errorf("MRR with MaxGraceDays = %v, %v", got, err)
		}
		l, err := Build(seq2(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true, Conventions: c})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.LTV(mustMonth(t, "2024-07")); err != nil {
			t.Errorf("LTV over 1,200 trailing months: %v", err)
		}
	})
	l, err := Build(seq2(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	withinBudget(t, "anomaly TrailingMonths MaxInt", time.Second, mb, func() {
		_, err := l.Anomalies(AnomalyOptions{TrailingMonths: math.MaxInt})
		mustIs(t, "Anomalies", err, metrics.ErrOutOfRange)
	})
	withinBudget(t, "MaxRejected −1", time.Second, mb, func() {
		_, err := Build(seq2(ledgerHandRows(t)), Options{Currency: "USD", MaxRejected: -1})
		mustIs(t, "Build", err, metrics.ErrOutOfRange)
	})
	many := monthly("a", "s", "100", date(2024, time.January, 1), time.Time{})
	for range MaxDiscounts + 1 {
		many.Discounts = append(many.Discounts, Discount{Percent: metrics.Percent(1)})
	}
	mustIs(t, "65 discounts", many.Validate(), metrics.ErrOutOfRange)
	huge := monthly("a", "s", "100", date(2024, time.January, 1), time.Time{})
	huge.Interval.Count = math.MaxInt
	mustIs(t, "interval MaxInt", huge.Validate(), metrics.ErrInvalid)
}

// l.Merge(l) would double every figure, and so would any merge of ledgers
// that share a customer: both are metrics.ErrDuplicate, with or without the
// log; disjoint shards merge.
func TestHostileMergeSharedCustomers(t *testing.T) {
	build := func(text string, keep bool) *Ledger {
		l, err := Build(seq2(rowsOfText(t, "customer,month,mrr,currency\n"+text)), Options{Currency: "USD", KeepLog: keep})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	for _, keep := range []bool{false, true} {
		a := build("a,2024-01,1,USD\nb,2024-01,2,USD\n", keep)
		b := build("c,2024-01,3,USD\n", keep)
		c := build("b,2024-02,5,USD\n", keep)
		mustIs(t, "l.Merge(l)", second(a.Merge(a)), metrics.ErrDuplicate)
		mustIs(t, "shared customer b", second(a.Merge(c)), metrics.ErrDuplicate)
		ab, err := a.Merge(b)
		if err != nil {
			t.Fatal(err)
		}
		mustIs(t, "(a+b)+a", second(ab.Merge(a)), metrics.ErrDuplicate)
		mustIs(t, "b+(a+b)", second(b.Merge(ab)), metrics.ErrDuplicate)
		if s, _ := ab.Month(mustMonth(t, "2024-01")); !s.End.Equal(usd(t, "6")) || s.EndCustomers != 3 {
			t.Errorf("a+b: %+v", s)
		}
	}
}

// Unbounded CSV fields and records: a 256 MB field, an unterminated quote
// running to the end of 64 MB, a header of 100,000 columns are each one
// *metrics.RowError (metrics.ErrOutOfRange) in bounded memory, and reading
// goes on after the bad record; a reader that makes no progress ends the
// stream.
func TestHostileCSVFields(t *testing.T) {
	const head = "customer,month,mrr,currency\n"
	longField := func() io.Reader {
		return &genText{head: head + "a,2024-01,", part: strings.Repeat("9", 1<<16), n: 1 << 12, tail: ",USD\nb,2024-01,1,USD\n"}
	}
	withinBudget(t, "a 256 MB field, Rows", 3*time.Second, 20*mb, func() {
		rows, errs := drain(NewCSVReader(longField()).Rows())
		var re *metrics.RowError
		if len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) || !errors.As(errs[0], &re) || re.Record != 1 || re.Line != 2 {
			t.Errorf("errors %v", errs)
		}
		if len(rows) != 1 || rows[0].Customer != "b" {
			t.Errorf("rows after the long field: %+v", rows)
		}
	})
	withinBudget(t, "a 256 MB field, lenient fused Build", 3*time.Second, 20*mb, func() {
		l, err := NewCSVReader(longField()).Build(Options{Currency: "USD", Lenient: true})
		if err != nil || len(l.Rejected()) != 1 {
			t.Errorf("%v", err)
		}
	})
	withinBudget(t, "a field just over MaxFieldBytes", time.Second, 10*mb, func() {
		r := NewCSVReader(strings.NewReader(head + strings.Repeat("c", 101) + ",2024-01,1,USD\n"))
		r.MaxFieldBytes = 100
		_, errs := drain(r.Rows())
		var re *metrics.RowError
		if len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) || !errors.As(errs[0], &re) || re.Field != "customer" {
			t.Errorf("errors %v", errs)
		}
	})
	withinBudget(t, "an unterminated quote", 3*time.Second, 20*mb, func() {
		rows, errs := drain(NewCSVReader(&genText{head: head + "\"a,2024-01,1,USD\n", part: strings.Repeat("x,", 1<<15) + "\n", n: 1 << 10}).Rows())
		if len(rows) != 0 || len(errs) == 0 || !errors.Is(errs[0], metrics.ErrOutOfRange) {
			t.Errorf("rows %d, errors %v", len(rows), errs[:min(len(errs), 3)])
		}
	})
	withinBudget(t, "100,000 columns", time.Second, 20*mb, func() {
		_, errs := drain(NewCSVReader(&genText{head: "customer,month,mrr", part: ",x", n: 100_000, tail: "\n"}).Rows())
		if len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) {
			t.Errorf("errors %v", errs)
		}
	})
	withinBudget(t, "a 256 MB subscription field", 3*time.Second, 20*mb, func() {
		r := NewSubscriptionCSVReader(&genText{head: strings.Join(subscriptionColumns[:6], ",") + "\na,", part: strings.Repeat("s", 1<<16), n: 1 << 12,
			tail: ",1,USD,1 month,2024-01-01\n"})
		subs, errs := drain(r.Subscriptions())
		if len(subs) != 0 || len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) {
			t.Errorf("subscriptions %d, errors %v", len(subs), errs)
		}
	})
	withinBudget(t, "a reader that makes no progress", time.Second, mb, func() {
		_, errs := drain(NewCSVReader(stalled{}).Rows())
		if len(errs) != 1 || !errors.Is(errs[0], io.ErrNoProgress) {
			t.Errorf("errors %v", errs)
		}
	})
}

// stalled is a reader that returns no bytes and no error, forever.
type stalled struct{}

// Read returns 0, nil.
func (stalled) Read([]byte) (int, error) { return 0, nil }

// Unbounded lists of rejected rows: a lenient build of a million bad records
// with MaxRejected 100 stops at the 101st with metrics.ErrOutOfRange, in
// bounded time and memory, whatever the entry point.
func TestHostileRejectedList(t *testing.T) {
	bad := func() io.Reader {
		return &genText{head: "customer,month,mrr,currency\n", part: "a,2024-13,1,USD\n", n: 1_000_000}
	}
	opts := Options{Currency: "USD", Lenient: true, MaxRejected: 100}
	for name, build := range map[string]func() (*Ledger, error){
		"Build":                 func() (*Ledger, error) { return Build(NewCSVReader(bad()).Rows(), opts) },
		"BuildSorted":           func() (*Ledger, error) { return BuildSorted(NewCSVReader(bad()).Rows(), opts) },
		"CSVReader.Build":       func() (*Ledger, error) { return NewCSVReader(bad()).Build(opts) },
		"CSVReader.BuildSorted": func() (*Ledger, error) { return NewCSVReader(bad()).BuildSorted(opts) },
		"FromSubscriptions": func() (*Ledger, error) {
			r := NewSubscriptionCSVReader(&genText{head: strings.Join(subscriptionColumns[:6], ",") + "\n", part: "a,s,1,USD,1 fortnight,2024-01-01\n", n: 1_000_000})
			return FromSubscriptions(r.Subscriptions(), opts)
		},
	} {
		withinBudget(t, name, time.Second, 20*mb, func() {
			l, err := build()
			var re *metrics.RowError
			if l != nil || !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Record != 101 {
				t.Errorf("%s: %v, %v", name, l != nil, err)
			}
		})
	}
}

// Streaming memory stays flat: BuildSorted over 10,000 and over 40,000
// customers paying 12 months each allocates all but the same — no row is
// kept, one customer's state at a time, 8 bytes per customer for Merge's
// fingerprint (in 32 KB chunks) and the months' aggregates.
func TestStreamingMemoryIsFlat(t *testing.T) {
	jan := mustMonth(t, "2024-01")
	names := make([]string, 40_000)
	for i := range names {
		names[i] = fmt.Sprintf("cus_%06d", i)
	}
	amount := mustMinor(t, 4900, 2, "USD")
	source := func(n int) iter.Seq2[Row, error] {
		return func(yield func(Row, error) bool) {
			for _, c := range names[:n] {
				for m := range 12 {
					if !yield(Row{Customer: c, Month: jan.Add(m), MRR: amount}, nil) {
						return
					}
				}
			}
		}
	}
	var alloc [2]uint64
	for k, n := range []int{10_000, 40_000} {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		l, err := BuildSorted(source(n), Options{Currency: "USD"})
		runtime.ReadMemStats(&b)
		if err != nil || l.Months()[11].EndCustomers != int64(n) {
			t.Fatalf("%d customers: %v", n, err)
		}
		alloc[k] = b.TotalAlloc - a.TotalAlloc
	}
	if grown := int64(alloc[1]) - int64(alloc[0]); grown > 1<<20 {
		t.Errorf("30,000 more customers (360,000 more rows) allocated %d KB more (%d KB, %d KB): not flat", grown>>10, alloc[0]>>10, alloc[1]>>10)
	}
	t.Logf("allocated %d KB for 10,000 customers, %d KB for 40,000", alloc[0]>>10, alloc[1]>>10)
}
