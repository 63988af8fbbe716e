package mrr

// Issue 7's acceptance: errors travel with the data. Every source — the MRR
// CSV reader, the subscription CSV reader, a hand-written subscription
// source, a hand-written row source such as a database/sql scanner — yields
// a bad record as a *metrics.RowError naming it, and a build never returns a
// shorter ledger with a nil error: strict mode fails with that error, lenient
// mode lists it in Rejected and counts every record after it. Any other
// error from a source fails the build in both modes. And the conventions
// travel with the ledger: they compare with ==, Merge checks them, and a
// Summary's rates follow them.

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
)

// recordCase is a source that fails at one record, and what the builds must
// make of it.
type recordCase struct {
	name  string
	build func(lenient bool) (*Ledger, error) // reads a fresh source each call
	// record and line: the bad record's 1-based number and, for text, its
	// first line (0 otherwise).
	record, line int64
	rejected     int    // how many rejections name it in lenient mode (one per month for a row-level failure)
	month, total string // a month whose total includes records after the bad one
	customers    int64  // the paying customers of that month
}

// checkRecordCase runs a recordCase in strict and lenient mode.
func checkRecordCase(t *testing.T, c recordCase) {
	t.Helper()
	l, err := c.build(false)
	var re *metrics.RowError
	switch {
	case err == nil:
		t.Errorf("%s: strict build returned a ledger and a nil error (%d months); want record %d's error", c.name, len(l.Months()), c.record)
	case l != nil:
		t.Errorf("%s: strict build returned a ledger beside its error %v", c.name, err)
	case !errors.As(err, &re) || re.Record != c.record || re.Line != c.line:
		t.Errorf("%s: strict error %v (%+v); want a *metrics.RowError for record %d, line %d", c.name, err, re, c.record, c.line)
	}
	l, err = c.build(true)
	if err != nil {
		t.Errorf("%s: lenient build: %v", c.name, err)
		return
	}
	rej := l.Rejected()
	if len(rej) != c.rejected {
		t.Errorf("%s: lenient Rejected = %+v; want %d naming record %d", c.name, rej, c.rejected, c.record)
	}
	for _, r := range rej {
		if r.Record != c.record || r.Line != c.line || r.Err == nil {
			t.Errorf("%s: lenient rejected %+v; want record %d, line %d", c.name, r, c.record, c.line)
		}
	}
	s, err := l.Month(mustMonth(t, c.month))
	if err != nil || !s.End.Equal(usd(t, c.total)) || s.EndCustomers != c.customers {
		t.Errorf("%s: lenient %s = %v from %d customers (%v); want %s from %d: the records after the bad one count", c.name, c.month, s.End, s.EndCustomers, err, c.total, c.customers)
	}
}

// buildBoth returns the cases of one row source through Build and
// BuildSorted (the source's rows are sorted).
func buildBoth(name string, src func() iter.Seq2[Row, error], c recordCase) []recordCase {
	sorted, unsorted := c, c
	sorted.name, unsorted.name = name+" → BuildSorted", name+" → Build"
	sorted.build = func(lenient bool) (*Ledger, error) {
		return BuildSorted(src(), Options{Currency: "USD", Lenient: lenient})
	}
	unsorted.build = func(lenient bool) (*Ledger, error) {
		return Build(src(), Options{Currency: "USD", Lenient: lenient})
	}
	return []recordCase{sorted, unsorted}
}

// subscriptionCases returns the cases of one subscription source through
// FromSubscriptions and through Expand into Build and BuildSorted (the
// source's records are sorted by customer), with opts.
func subscriptionCases(name string, src func() iter.Seq2[Subscription, error], opts Options, c recordCase) []recordCase {
	with := func(lenient bool) Options {
		o := opts
		o.Lenient = lenient
		return o
	}
	from, sorted, unsorted := c, c, c
	from.name, sorted.name, unsorted.name = name+" → FromSubscriptions", name+" → Expand → BuildSorted", name+" → Expand → Build"
	from.build = func(lenient bool) (*Ledger, error) { return FromSubscriptions(src(), with(lenient)) }
	sorted.build = func(lenient bool) (*Ledger, error) {
		return BuildSorted(Expand(src(), with(lenient)), with(lenient))
	}
	unsorted.build = func(lenient bool) (*Ledger, error) { return Build(Expand(src(), with(lenient)), with(lenient)) }
	return []recordCase{from, sorted, unsorted}
}

// A failure at record k, from every source: strict mode returns record k's
// *metrics.RowError (with its line for CSV), lenient mode lists it and counts
// the records after it.
func TestSourceRecordErrors(t *testing.T) {
	var cases []recordCase

	// The MRR CSV reader. Record 3 spans lines 4–5 (a quoted customer ID
	// with a line break), so the bad record 4 starts on line 6.
	const mrrCSV = "customer,month,mrr,currency\n" +
		"a,2024-01,10,USD\n" + // record 1, line 2
		"a,2024-02,10,USD\n" + // record 2, line 3
		"\"a\nb\",2024-02,5,USD\n" + // record 3, lines 4–5
		"b,2024-01,oops,USD\n" + // record 4, line 6: bad amount
		"b,2024-02,20,USD\n" + // record 5, line 7
		"c,2024-02,30,USD\n" // record 6, line 8
	cases = append(cases, buildBoth("MRR CSV", func() iter.Seq2[Row, error] { return NewCSVReader(strings.NewReader(mrrCSV)).Rows() },
		recordCase{record: 4, line: 6, rejected: 1, month: "2024-02", total: "65", customers: 4})...)
	// A record with the wrong number of fields is a record's error too.
	short := strings.Replace(mrrCSV, "b,2024-01,oops,USD", "b,2024-01,7", 1)
	cases = append(cases, buildBoth("MRR CSV, short record", func() iter.Seq2[Row, error] { return NewCSVReader(strings.NewReader(short)).Rows() },
		recordCase{record: 4, line: 6, rejected: 1, month: "2024-02", total: "65", customers: 4})...)

	// A hand-written row source that fails to scan record 3, as a
	// database/sql scanner would: it yields a *metrics.RowError without a
	// record number (the build numbers it) and goes on.
	scanned := []struct {
		cust, month, mrr string
	}{{"a", "2024-01", "10"}, {"a", "2024-02", "10"}, {"b", "2024-01", "NULL"}, {"b", "2024-02", "20"}, {"c", "2024-02", "30"}}
	scanner := func(number bool) func() iter.Seq2[Row, error] {
		return func() iter.Seq2[Row, error] {
			return func(yield func(Row, error) bool) {
				for k, rec := range scanned {
					amount, err := metrics.ParseMoney(rec.mrr, "USD")
					if err != nil {
						re := &metrics.RowError{Entity: "customer", ID: rec.cust, Field: "mrr", Err: fmt.Errorf("scan: %w", err)}
						if number {
							re.Record = int64(k + 1)
						}
						if !yield(Row{}, re) {
							return
						}
						continue
					}
					if !yield(Row{Customer: rec.cust, Month: mustMonth(t, rec.month), MRR: amount}, nil) {
						return
					}
				}
			}
		}
	}
	cases = append(cases, buildBoth("row scanner", scanner(false),
		recordCase{record: 3, rejected: 1, month: "2024-02", total: "60", customers: 3})...)
	cases = append(cases, buildBoth("row scanner numbering its records", scanner(true),
		recordCase{record: 3, rejected: 1, month: "2024-02", total: "60", customers: 3})...)
	// A row the build itself refuses (a negative MRR) at record 3.
	negative := []Row{
		{Customer: "a", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")}, {Customer: "a", Month: mustMonth(t, "2024-02"), MRR: usd(t, "10")},
		{Customer: "b", Month: mustMonth(t, "2024-01"), MRR: usd(t, "-1")},
		{Customer: "b", Month: mustMonth(t, "2024-02"), MRR: usd(t, "20")}, {Customer: "c", Month: mustMonth(t, "2024-02"), MRR: usd(t, "30")},
	}
	cases = append(cases, buildBoth("rows with a negative MRR", func() iter.Seq2[Row, error] { return seq2(negative) },
		recordCase{record: 3, rejected: 1, month: "2024-02", total: "60", customers: 3})...)

	// The subscription CSV reader: record 2 (line 3) ends before it starts,
	// record 3 (line 4) has a bad amount; c (record 4) starts in February.
	const subCSV = "customer,subscription,amount,currency,interval,start,end\n" +
		"a,s1,10,USD,1 month,2024-01-01,\n" + // record 1, line 2
		"b,s1,20,USD,1 month,2024-01-01,2023-12-01\n" + // record 2, line 3: end before start
		"c,s1,30,USD,1 month,2024-02-01,\n" // record 3, line 4
	subOpts := Options{Currency: "USD"} // Through: the data's last month, 2024-02
	cases = append(cases, subscriptionCases("subscription CSV", func() iter.Seq2[Subscription, error] {
		return NewSubscriptionCSVReader(strings.NewReader(subCSV)).Subscriptions()
	}, subOpts, recordCase{record: 2, line: 3, rejected: 1, month: "2024-02", total: "40", customers: 2})...)
	badAmount := strings.Replace(subCSV, "b,s1,20,USD,1 month,2024-01-01,2023-12-01", "b,s1,twenty,USD,1 month,2024-01-01,", 1)
	cases = append(cases, subscriptionCases("subscription CSV, bad amount", func() iter.Seq2[Subscription, error] {
		return NewSubscriptionCSVReader(strings.NewReader(badAmount)).Subscriptions()
	}, subOpts, recordCase{record: 2, line: 3, rejected: 1, month: "2024-02", total: "40", customers: 2})...)

	// A hand-written subscription source: record 2 is invalid (no customer)
	// and yielded as a record; record 3 is a *metrics.RowError the source
	// found itself, without a number. Expansion numbers both.
	good := func(cust string, start time.Time, amount string) Subscription {
		return monthly(cust, "s1", amount, start, time.Time{})
	}
	invalid := func() iter.Seq2[Subscription, error] {
		return seq2([]Subscription{good("a", date(2024, 1, 1), "10"), good("", date(2024, 1, 1), "20"), good("c", date(2024, 2, 1), "30")})
	}
	cases = append(cases, subscriptionCases("subscription source, invalid record", invalid, Options{Currency: "USD", Through: mustMonth(t, "2024-02")},
		recordCase{record: 2, rejected: 1, month: "2024-02", total: "40", customers: 2})...)
	sourceErr := func() iter.Seq2[Subscription, error] {
		return func(yield func(Subscription, error) bool) {
			_ = yield(good("a", date(2023, 11, 1), "10"), nil) && // four rows before the error: it is not the 3rd row
				yield(good("b", date(2024, 1, 1), "20"), nil) &&
				yield(Subscription{}, &metrics.RowError{Entity: "customer", ID: "bb", Field: "amount", Err: metrics.ErrInvalid}) &&
				yield(good("c", date(2024, 2, 1), "30"), nil)
		}
	}
	cases = append(cases, subscriptionCases("subscription source, its own RowError", sourceErr, Options{Currency: "USD"},
		recordCase{record: 3, rejected: 1, month: "2024-02", total: "60", customers: 3})...)

	// A subscription in a currency other than the reporting one, without
	// Rates: FromSubscriptions names the record (one rejection per month it
	// would have counted in), not the position of its rows.
	eur := good("b", date(2024, 1, 1), "20")
	eur.Amount = money(t, d(t, "20"), "EUR")
	from := subscriptionCases("subscription source, other currency", func() iter.Seq2[Subscription, error] {
		return seq2([]Subscription{good("a", date(2024, 1, 1), "10"), eur, good("c", date(2024, 2, 1), "30")})
	}, Options{Currency: "USD", Through: mustMonth(t, "2024-02")}, recordCase{record: 2, rejected: 2, month: "2024-02", total: "40", customers: 2})[0]
	cases = append(cases, from)

	for _, c := range cases {
		checkRecordCase(t, c)
	}
}

// failingReader returns text, then err (a reader that breaks mid-stream).
func failingReader(text string, err error) io.Reader {
	return io.MultiReader(strings.NewReader(text), iotest.ErrReader(err))
}

// A source that fails with an error other than a bare *metrics.RowError —
// the stream broke, or a CSV header is bad — fails Build, BuildSorted and
// FromSubscriptions in strict and lenient mode alike.
func TestSourceFailureStopsBuild(t *testing.T) {
	rowsThen := func(err error) func() iter.Seq2[Row, error] {
		return func() iter.Seq2[Row, error] {
			return func(yield func(Row, error) bool) {
				_ = yield(Row{Customer: "a", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")}, nil) &&
					yield(Row{Customer: "b", Month: mustMonth(t, "2024-01"), MRR: usd(t, "20")}, nil) &&
					yield(Row{}, err) &&
					yield(Row{Customer: "c", Month: mustMonth(t, "2024-01"), MRR: usd(t, "30")}, nil)
			}
		}
	}
	const mrrCSV = "customer,month,mrr,currency\na,2024-01,10,USD\nb,2024-01,20,USD\n"
	rowSources := map[string]struct {
		src  func() iter.Seq2[Row, error]
		want error // errors.Is target
	}{
		"row source: unexpected EOF mid-stream": {rowsThen(io.ErrUnexpectedEOF), io.ErrUnexpectedEOF},
		"row source: a wrapped RowError":        {rowsThen(fmt.Errorf("scan: %w", &metrics.RowError{Field: "mrr", Err: metrics.ErrInvalid})), metrics.ErrInvalid},
		// A misspelled column is ignored, as any column the reader does not
		// know: here that leaves no currency column and no default currency.
		"MRR CSV: bad header": {func() iter.Seq2[Row, error] {
			return NewCSVReader(strings.NewReader(strings.Replace(mrrCSV, "currency", "curency", 1))).Rows()
		}, metrics.ErrMissing},
		"MRR CSV: no header": {func() iter.Seq2[Row, error] { return NewCSVReader(strings.NewReader("")).Rows() }, metrics.ErrInvalid},
		"MRR CSV: reader fails": {func() iter.Seq2[Row, error] {
			return NewCSVReader(failingReader(mrrCSV, io.ErrUnexpectedEOF)).Rows()
		}, io.ErrUnexpectedEOF},
	}
	for name, tc := range rowSources {
		for _, lenient := range []bool{false, true} {
			opts := Options{Currency: "USD", Lenient: lenient}
			for build, f := range map[string]func(iter.Seq2[Row, error], Options) (*Ledger, error){"Build": Build, "BuildSorted": BuildSorted} {
				l, err := f(tc.src(), opts)
				if err == nil || l != nil || !errors.Is(err, tc.want) {
					t.Errorf("%s, %s (lenient %v): ledger %v, error %v; want no ledger and an error matching %v", name, build, lenient, l != nil, err, tc.want)
				}
			}
		}
	}

	subsThen := func(err error) func() iter.Seq2[Subscription, error] {
		return func() iter.Seq2[Subscription, error] {
			return func(yield func(Subscription, error) bool) {
				_ = yield(monthly("a", "s1", "10", date(2024, 1, 1), time.Time{}), nil) &&
					yield(Subscription{}, err) &&
					yield(monthly("c", "s1", "30", date(2024, 2, 1), time.Time{}), nil)
			}
		}
	}
	const subCSV = "customer,subscription,amount,currency,interval,start\na,s1,10,USD,1 month,2024-01-01\nb,s1,20,USD,1 month,2024-02-01\n"
	subSources := map[string]struct {
		src  func() iter.Seq2[Subscription, error]
		want error
	}{
		"subscription source: unexpected EOF mid-stream": {subsThen(io.ErrUnexpectedEOF), io.ErrUnexpectedEOF},
		"subscription CSV: bad header": {func() iter.Seq2[Subscription, error] {
			return NewSubscriptionCSVReader(strings.NewReader(strings.Replace(subCSV, "interval", "period", 1))).Subscriptions()
		}, metrics.ErrInvalid},
		"subscription CSV: missing column": {func() iter.Seq2[Subscription, error] {
			return NewSubscriptionCSVReader(strings.NewReader(strings.Replace(subCSV, ",start", "", 1))).Subscriptions()
		}, metrics.ErrMissing},
		"subscription CSV: reader fails": {func() iter.Seq2[Subscription, error] {
			return NewSubscriptionCSVReader(failingReader(subCSV, io.ErrUnexpectedEOF)).Subscriptions()
		}, io.ErrUnexpectedEOF},
	}
	for name, tc := range subSources {
		for _, lenient := range []bool{false, true} {
			for _, through := range []metrics.Month{{}, mustMonth(t, "2024-03")} {
				opts := Options{Currency: "USD", Lenient: lenient, Through: through}
				builds := map[string]func() (*Ledger, error){
					"FromSubscriptions":    func() (*Ledger, error) { return FromSubscriptions(tc.src(), opts) },
					"Expand → Build":       func() (*Ledger, error) { return Build(Expand(tc.src(), opts), opts) },
					"Expand → BuildSorted": func() (*Ledger, error) { return BuildSorted(Expand(tc.src(), opts), opts) },
				}
				for build, f := range builds {
					l, err := f()
					if err == nil || l != nil || !errors.Is(err, tc.want) {
						t.Errorf("%s, %s (lenient %v, through %v): ledger %v, error %v; want no ledger and an error matching %v", name, build, lenient, through, l != nil, err, tc.want)
					}
				}
			}
		}
	}
}

// The issue's example: the third line of the CSV has "oops" as its amount.
// Strict: the error names record 2, line 3. Lenient: Rejected has it, and
// the record after it counts.
func TestIssue7OopsExample(t *testing.T) {
	const in = "customer,month,mrr,currency\n" +
		"acme,2024-01,100,USD\n" +
		"beta,2024-01,oops,USD\n" +
		"gamma,2024-01,40,USD\n"
	for build, f := range map[string]func(iter.Seq2[Row, error], Options) (*Ledger, error){"Build": Build, "BuildSorted": BuildSorted} {
		_, err := f(NewCSVReader(strings.NewReader(in)).Rows(), Options{Currency: "USD"})
		var re *metrics.RowError
		if !errors.As(err, &re) || re.Record != 2 || re.Line != 3 || re.Field != "mrr" || re.ID != "beta" || !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s strict: %v; want record 2, line 3, field mrr", build, err)
		} else if msg := err.Error(); !strings.Contains(msg, "record 2") || !strings.Contains(msg, "line 3") {
			t.Errorf("%s strict: message %q does not name record 2 and line 3", build, msg)
		}
		l, err := f(NewCSVReader(strings.NewReader(in)).Rows(), Options{Currency: "USD", Lenient: true})
		if err != nil {
			t.Fatalf("%s lenient: %v", build, err)
		}
		rej := l.Rejected()
		if len(rej) != 1 || rej[0].Record != 2 || rej[0].Line != 3 || rej[0].Field != "mrr" || !errors.Is(rej[0].Err, metrics.ErrInvalid) {
			t.Errorf("%s lenient: Rejected = %+v", build, rej)
		}
		if jan, err := l.Month(mustMonth(t, "2024-01")); err != nil || !jan.End.Equal(usd(t, "140")) || jan.EndCustomers != 2 {
			t.Errorf("%s lenient: January %v from %d customers (%v); want 140 from 2", build, jan.End, jan.EndCustomers, err)
		}
	}
}

// Conventions compare with ==; Merge refuses ledgers built with different
// ones; every Summary carries the ledger's, and its rates follow them.
func TestConventionsTravelWithTheLedger(t *testing.T) {
	// ==: equal presets are equal, any changed field is not.
	if ChartMogul() != ChartMogul() || Recommended() != Recommended() {
		t.Error("a preset is not == to itself")
	}
	presets := Presets()
	for i, p := range presets {
		back, err := PresetByName(p.Name)
		if err != nil || back != p {
			t.Errorf("PresetByName(%q) = %+v, %v; want == the preset", p.Name, back, err)
		}
		for j, q := range presets {
			if (i == j) != (p == q) {
				t.Errorf("%s == %s is %v", p.Name, q.Name, p == q)
			}
		}
	}
	for name, change := range map[string]func(*Conventions){
		"Name":                          func(c *Conventions) { c.Name = "mine" },
		"ReactivationWindowMonths":      func(c *Conventions) { c.ReactivationWindowMonths = 1 },
		"WeeklyMultiplier":              func(c *Conventions) { c.WeeklyMultiplier = Weekly4 },
		"LTVTrailingMonths":             func(c *Conventions) { c.LTVTrailingMonths = 3 },
		"QuickRatioWithoutReactivation": func(c *Conventions) { c.QuickRatioWithoutReactivation = true },
		"Precision":                     func(c *Conventions) { c.Precision = metrics.Places(2) },
	} {
		c := ChartMogul()
		change(&c)
		if c == ChartMogul() {
			t.Errorf("changing %s leaves the conventions ==", name)
		}
	}
	if (Conventions{Precision: metrics.DefaultContext()}) != (Conventions{}) {
		t.Error("the default Precision spelled out is not == the zero value")
	}

	// The churn data set of the presets: 100 customers at the start of Q1
	// 2024, 10 of whom stop after January, and a customer who joins in
	// January and stops after it.
	var churnRows []Row
	for i := 0; i < 100; i++ {
		to := "2024-03"
		if i < 10 {
			to = "2024-01"
		}
		presetPay(t, &churnRows, fmt.Sprintf("c%03d", i), "2023-12", to, "50")
	}
	presetPay(t, &churnRows, "joiner", "2024-01", "2024-01", "50")
	build := func(rows []Row, c Conventions) *Ledger {
		t.Helper()
		l, err := Build(seq2(rows), Options{Currency: "USD", Conventions: c, KeepLog: true})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	cm, bm := build(churnRows, ChartMogul()), build(churnRows, Baremetrics())
	q1, _ := metrics.NewQuarter(2024, 1)
	for _, l := range []*Ledger{cm, bm} {
		var sums []Summary
		sums = append(sums, l.Months()...)
		for _, f := range []func() (Summary, error){
			func() (Summary, error) { return l.Month(mustMonth(t, "2024-02")) },
			func() (Summary, error) { return l.Span(mustMonth(t, "2024-01"), mustMonth(t, "2024-03")) },
			func() (Summary, error) { return l.Quarter(q1) },
			func() (Summary, error) { return l.Year(2024) },
		} {
			s, err := f()
			if err != nil {
				t.Fatal(err)
			}
			sums = append(sums, s)
		}
		for _, s := range sums {
			if s.Conventions != l.Conventions() {
				t.Errorf("%s..%s: Summary.Conventions %q ≠ the ledger's %q", s.From, s.To, s.Conventions.Name, l.Conventions().Name)
			}
		}
	}
	// Same data, published numbers: ChartMogul excludes the joiner (10 ÷ 100),
	// Baremetrics counts it (11 ÷ 100).
	for _, tc := range []struct {
		l    *Ledger
		want metrics.Ratio
	}{{cm, pctR(t, "10")}, {bm, pctR(t, "11")}} {
		s, err := tc.l.Quarter(q1)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.LogoChurnRate(); err != nil || !got.Equal(tc.want) {
			t.Errorf("%s Q1 logo churn = %v, %v; want %v", tc.l.Conventions().Name, got, err, tc.want)
		}
	}
	// The quick ratio of the Baremetrics example with a reactivation (new
	// 20k, expansion 8k, reactivation 7k, churn 5k, contraction 3k):
	// Baremetrics publishes (20 + 8) ÷ (5 + 3) = 3.5; ChartMogul's ledger
	// adds reactivation, (20 + 8 + 7) ÷ 8 = 4.375.
	var qrRows []Row
	presetPay(t, &qrRows, "grow", "2024-01", "2024-01", "10000")
	presetPay(t, &qrRows, "grow", "2024-02", "2024-02", "18000")
	presetPay(t, &qrRows, "leave", "2024-01", "2024-01", "5000")
	presetPay(t, &qrRows, "shrink", "2024-01", "2024-01", "10000")
	presetPay(t, &qrRows, "shrink", "2024-02", "2024-02", "7000")
	presetPay(t, &qrRows, "new", "2024-02", "2024-02", "20000")
	presetPay(t, &qrRows, "back", "2023-12", "2023-12", "7000")
	presetPay(t, &qrRows, "back", "2024-02", "2024-02", "7000")
	for _, tc := range []struct {
		c        Conventions
		num, den int64
	}{{Baremetrics(), 7, 2}, {ChartMogul(), 35, 8}} {
		feb, err := build(qrRows, tc.c).Month(mustMonth(t, "2024-02"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := feb.QuickRatio(); err != nil || !got.Equal(ledgerMust(metrics.NewRatio(tc.num, tc.den))) {
			t.Errorf("%s quick ratio = %v, %v; want %d/%d", tc.c.Name, got, err, tc.num, tc.den)
		}
	}

	// Merge: shards built with == conventions merge (and keep them); any
	// difference, even under the same Name, is refused.
	var shardA, shardB []Row
	for _, r := range churnRows {
		if r.Customer < "c050" {
			shardA = append(shardA, r)
		} else {
			shardB = append(shardB, r)
		}
	}
	renamed := ChartMogul()
	renamed.ReactivationWindowMonths = 2 // still named "chartmogul"
	a := build(shardA, ChartMogul())
	merged, err := a.Merge(build(shardB, ChartMogul()))
	if err != nil {
		t.Fatalf("merging == conventions: %v", err)
	}
	if merged.Conventions() != ChartMogul() {
		t.Errorf("merged conventions %+v", merged.Conventions())
	}
	if diff := cmp.Diff(cm.Months(), merged.Months(), conventionsCmp); diff != "" {
		t.Errorf("merged shards ≠ single pass (-single +merged):\n%s", diff)
	}
	for name, other := range map[string]Conventions{"baremetrics": Baremetrics(), "chartmogul with a changed field": renamed} {
		var me *metrics.MetricError
		if _, err := a.Merge(build(shardB, other)); !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &me) {
			t.Errorf("merging chartmogul with %s: %v; want ErrInvalid", name, err)
		}
	}
}

// With a zero Through, FromSubscriptions and Expand end the span at the data's
// last month: the latest month of any date of the valid records, whichever
// kind of date it is. Expand then gives the same rows as with that Through
// set explicitly, and FromSubscriptions the same ledger.
func TestZeroThroughIsTheDataLastMonth(t *testing.T) {
	base := monthly("a", "s1", "10", date(2024, 1, 10), time.Time{})
	for _, tc := range []struct {
		name string
		b    func(*Subscription)
		last string
	}{
		{"start", func(s *Subscription) { s.Start = date(2024, 11, 20) }, "2024-11"},
		{"end", func(s *Subscription) { s.End = date(2024, 6, 15) }, "2024-06"},
		{"cancelled_at", func(s *Subscription) { s.CancelledAt, s.Status = date(2024, 7, 20), StatusCancelled }, "2024-07"},
		{"trial_end", func(s *Subscription) { s.TrialEnd = date(2024, 8, 1) }, "2024-08"},
		{"paused_from", func(s *Subscription) { s.Status, s.PausedFrom = StatusPaused, date(2024, 9, 5) }, "2024-09"},
		{"discount start", func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(10), Start: date(2024, 10, 1)}}
		}, "2024-10"},
	} {
		b := monthly("b", "s1", "20", date(2024, 2, 1), time.Time{})
		tc.b(&b)
		// A rejected record's dates are not data: this one would end in 2030.
		bad := monthly("", "s1", "5", date(2030, 1, 1), time.Time{})
		subs := []Subscription{base, b, bad}
		last := mustMonth(t, tc.last)
		opts := Options{Currency: "USD", Lenient: true}
		explicit := opts
		explicit.Through = last

		l, err := FromSubscriptions(seq2(subs), opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if l.Last() != last || len(l.Rejected()) != 1 {
			t.Errorf("%s: FromSubscriptions without Through ends at %s (rejected %v); want %s", tc.name, l.Last(), l.Rejected(), last)
		}
		le, err := FromSubscriptions(seq2(subs), explicit)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(le.Months(), l.Months(), conventionsCmp); diff != "" {
			t.Errorf("%s: FromSubscriptions without Through (-Through %s +none):\n%s", tc.name, last, diff)
		}

		rows, errs := drain(Expand(seq2(subs), opts))
		want, wantErrs := drain(Expand(seq2(subs), explicit))
		if diff := cmp.Diff(want, rows); diff != "" || len(rows) == 0 || len(errs) != 1 || len(wantErrs) != 1 {
			t.Errorf("%s: Expand without Through (-Through %s +none):\n%s errors %v", tc.name, last, diff, errs)
		}
	}
}
