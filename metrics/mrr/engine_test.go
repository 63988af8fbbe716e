package mrr

// The engine's paths against the slow reference: every entry point, with the
// hot path on and off, on generated books where the common case is common —
// equal consecutive amounts, zero months, gaps, reactivations, duplicates,
// several subscriptions, several currencies — and on a fuzzer's rows.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// bookBase is the first month of generated books.
var bookBase = metrics.MonthOf(date(2023, time.November, 1))

// bookRates are the generated books' exchange rates: a few values, equal in
// consecutive months more often than not, so FX is both zero and not.
func bookRates(table map[string][]decimal.Decimal) func(string, metrics.Month) (decimal.Decimal, error) {
	return func(cur string, m metrics.Month) (decimal.Decimal, error) {
		rs, ok := table[cur]
		k := m.Sub(bookBase)
		if !ok || k < 0 || k >= len(rs) {
			return decimal.Decimal{}, fmt.Errorf("no rate for %s %s: %w", cur, m, metrics.ErrMissing)
		}
		return rs[k], nil
	}
}

// genUnits draws an amount the way MRR repeats: 0–3 units mostly, sometimes
// with cents, sometimes one too large for pico units in an int64.
func genUnits(t *rapid.T, label string) decimal.Decimal {
	switch rapid.IntRange(0, 9).Draw(t, label+"-kind") {
	case 0:
		return decimal.New(rapid.Int64Range(1, 399).Draw(t, label+"-cents"), -2)
	case 1:
		return decimal.New(rapid.Int64Range(1, 3).Draw(t, label+"-big"), 7) // 10–30 million: off the pico path
	}
	return decimal.New(rapid.Int64Range(0, 3).Draw(t, label+"-units"), 0)
}

// genBook draws a book and the options to build it with. Each customer has
// one to three subscriptions, each a timeline over up to 14 months: the same
// amount again (the common case), a new amount, a zero row, a gap; some rows
// repeat (duplicates), a few are bad (no customer, zero month); with Rates,
// subscriptions may bill in EUR or GBP.
func genBook(t *rapid.T) ([]Row, Options) {
	opts := Options{
		Currency: "USD",
		Lenient:  rapid.IntRange(0, 4).Draw(t, "strict") != 0,
		KeepLog:  rapid.Bool().Draw(t, "log"),
		Conventions: Conventions{
			ReactivationWindowMonths: rapid.IntRange(0, 3).Draw(t, "window"),
			MinHistoryMonths:         rapid.IntRange(0, 3).Draw(t, "minHistory"),
		},
	}
	months := rapid.IntRange(1, 14).Draw(t, "months")
	if rapid.IntRange(0, 3).Draw(t, "through") == 0 {
		opts.Through = bookBase.Add(rapid.IntRange(months-2, months+1).Draw(t, "throughAt"))
	}
	currencies := []string{"USD"}
	if rapid.IntRange(0, 3).Draw(t, "fx") == 0 {
		currencies = []string{"USD", "EUR", "GBP"}
		table := map[string][]decimal.Decimal{}
		for _, c := range currencies[1:] {
			r := decimal.New(11, -1)
			for range months + 2 {
				if rapid.IntRange(0, 2).Draw(t, "rateMoves") == 0 {
					r = []decimal.Decimal{decimal.New(9, -1), decimal.New(1, 0), decimal.New(11, -1), decimal.New(125, -2)}[rapid.IntRange(0, 3).Draw(t, "rate")]
				}
				table[c] = append(table[c], r)
			}
		}
		opts.Rates = bookRates(table)
	}
	var rows []Row
	for c := range rapid.IntRange(1, 6).Draw(t, "customers") {
		cust := string(rune('a' + c))
		for s := range rapid.IntRange(1, 3).Draw(t, "subs") {
			sub := []string{"", "s1", "s2"}[s]
			cur := currencies[rapid.IntRange(0, len(currencies)-1).Draw(t, "currency")]
			amount := genUnits(t, "amount")
			for m := rapid.IntRange(0, months-1).Draw(t, "start"); m < months; m++ {
				switch rapid.IntRange(0, 9).Draw(t, "step") {
				case 0, 1:
					amount = genUnits(t, "amount") // a new amount (maybe the same again)
				case 2:
					continue // a gap: no row this month
				case 3:
					rows = append(rows, Row{Customer: cust, Subscription: sub, Month: bookBase.Add(m), MRR: money(t, decimal.Decimal{}, cur)})
					continue // a zero row
				}
				rows = append(rows, Row{Customer: cust, Subscription: sub, Month: bookBase.Add(m), MRR: money(t, amount, cur)})
			}
		}
	}
	for range rapid.IntRange(0, 2).Draw(t, "duplicates") {
		if len(rows) > 0 {
			r := rows[rapid.IntRange(0, len(rows)-1).Draw(t, "dupOf")]
			r.MRR = money(t, genUnits(t, "dupAmount"), r.MRR.Currency())
			rows = append(rows, r)
		}
	}
	if rapid.IntRange(0, 5).Draw(t, "bad") == 0 && len(rows) > 0 {
		r := rows[rapid.IntRange(0, len(rows)-1).Draw(t, "badOf")]
		if rapid.Bool().Draw(t, "badKind") {
			r.Customer = ""
		} else {
			r.Month = metrics.Month{}
		}
		rows = append(rows, r)
	}
	return rapid.Permutation(rows).Draw(t, "order"), opts
}

// stableSorted returns rows sorted by customer then month, stably (repeated
// rows keep their input order, so every build keeps the same copy), and each
// sorted row's input position.
func stableSorted(rows []Row) ([]Row, []int64) {
	idx := make([]int, len(rows))
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := strings.Compare(rows[a].Customer, rows[b].Customer); c != 0 {
			return c
		}
		return rows[a].Month.Compare(rows[b].Month)
	})
	out := make([]Row, len(rows))
	pos := make([]int64, len(rows))
	for k, i := range idx {
		out[k], pos[k] = rows[i], int64(i+1)
	}
	return out, pos
}

// pathRun is one build of a book.
type pathRun struct {
	name       string
	l          *Ledger
	err        error
	hot, other int64 // rows taken by the hot and the general path
	input      []int64
}

// buildPaths builds rows with every entry point, the hot path on and off:
// BuildSorted over the stably sorted rows, Build over the rows as given.
func buildPaths(rows []Row, opts Options) []pathRun {
	sorted, pos := stableSorted(rows)
	var runs []pathRun
	for _, hot := range []bool{true, false} {
		b, err := newBuilder(opts)
		if err != nil {
			return []pathRun{{name: "options", err: err}}
		}
		b.hot = b.hot && hot
		l, err := b.runRows(seq2(sorted))
		runs = append(runs, pathRun{fmt.Sprintf("BuildSorted hot=%v", hot), l, err, b.hotRows, b.generalRows, pos})

		b, _ = newBuilder(opts)
		b.hot = b.hot && hot
		rb := newRecordBuilder(b)
		l, err = buildRecords(rb, rows)
		runs = append(runs, pathRun{fmt.Sprintf("Build hot=%v", hot), l, err, b.hotRows, b.generalRows, nil})
	}
	return runs
}

// buildRecords is Build with a given record builder (so a test can switch
// the hot path off).
func buildRecords(rb *recordBuilder, rows []Row) (*Ledger, error) {
	b := rb.b
	for r, err := range seq2(rows) {
		b.row++
		if err == nil {
			err = rb.addRow(&r)
		}
		if err != nil {
			if err := b.sourceErr(err); err != nil {
				return nil, err
			}
		}
	}
	return rb.build()
}

// cleanHotRows is a lower bound of the rows the hot path must take: for each
// customer whose rows (before any other) are one positive row in the
// reporting currency per consecutive month, fitting pico units, with no
// Rates and no log, every row of that run but the first. A build that takes
// fewer has switched its hot path off.
func cleanHotRows(rows []Row, opts Options) int64 {
	if opts.Rates != nil || opts.KeepLog {
		return 0
	}
	sorted, _ := stableSorted(rows)
	var n int64
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].Customer == sorted[i].Customer {
			j++
		}
		run := sorted[i:j]
		for k := 1; k < len(run); k++ {
			p, inline := run[k].MRR.Minor(12)
			q, inlineQ := run[k-1].MRR.Minor(12)
			if run[k].Month.Sub(run[k-1].Month) != 1 || !inline || !inlineQ || p <= 0 || q <= 0 ||
				run[k].MRR.Currency() != opts.Currency || run[k-1].MRR.Currency() != opts.Currency || sorted[i].Customer == "" || run[0].Month.IsZero() ||
				!opts.Through.IsZero() && run[k].Month.After(opts.Through) {
				break
			}
			n++
		}
		i = j
	}
	return n
}

// checkPaths builds rows every way and compares each build with the slow
// reference: the months, the rejected records, the strict error, the log,
// the span counts, and which path ran.
func checkPaths(t fatalfer, rows []Row, opts Options) {
	want := slowLedger(t, rows, opts)
	minHot := cleanHotRows(rows, opts)
	for _, run := range buildPaths(rows, opts) {
		fail := func(format string, args ...any) {
			t.Fatalf("%s: %s\nrows:\n%s", run.name, fmt.Sprintf(format, args...), describeRows(rows))
		}
		if !opts.Lenient && want.strict != 0 {
			var re *metrics.RowError
			if !errors.As(run.err, &re) || run.l != nil {
				fail("strict build: %v, %v; want the RowError of record %d", run.l != nil, run.err, want.strict)
			}
			if run.input == nil && re.Record != want.strict { // Build numbers records in input order
				fail("strict Build stopped at record %d (%v); want %d", re.Record, run.err, want.strict)
			}
			continue
		}
		if run.err != nil {
			fail("build failed: %v", run.err)
		}
		if diff := gocmp.Diff(want.months, run.l.Months(), ledgerMonthCmp); diff != "" {
			fail("months differ from the reference (-want +got):\n%s", diff)
		}
		ledgerCheckIdentities(t, run.l.Months())
		var got []int64
		for _, re := range run.l.Rejected() {
			k := re.Record
			if run.input != nil {
				k = run.input[k-1] // BuildSorted numbers the sorted rows
			}
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, want.rejected) {
			fail("rejected records %v; want %v", got, want.rejected)
		}
		if opts.KeepLog {
			var log []Movement
			seq, err := run.l.Log()
			if err != nil {
				fail("Log: %v", err)
			}
			for mv := range seq {
				if !mv.Month.After(run.l.Last()) { // churn after the span's end waits for a Merge
					log = append(log, mv)
				}
			}
			sortLog(log)
			if diff := gocmp.Diff(want.log, log, ledgerMonthCmp); diff != "" {
				fail("log differs (-want +got):\n%s", diff)
			}
		}
		if strings.HasSuffix(run.name, "hot=false") && run.hot != 0 {
			fail("the hot path took %d rows while switched off", run.hot)
		}
		if strings.HasSuffix(run.name, "hot=true") && run.hot < minHot {
			fail("the hot path took %d rows; want at least %d", run.hot, minHot)
		}
		for k := range want.months {
			for j := k; j < len(want.months); j++ {
				from, to := want.months[k].From, want.months[j].From
				s, err := run.l.Span(from, to)
				if err != nil {
					fail("Span(%s, %s): %v", from, to, err)
				}
				jc, cr := want.span(from, to)
				if s.JoinedAndChurnedCustomers != jc || s.ChurnedAndReactivatedCustomers != cr {
					fail("Span(%s, %s): joined-and-churned %d, churned-and-reactivated %d; want %d, %d",
						from, to, s.JoinedAndChurnedCustomers, s.ChurnedAndReactivatedCustomers, jc, cr)
				}
			}
		}
	}
}

// Both paths of every entry point equal the slow reference on generated
// books.
func TestEnginePathsMatchReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows, opts := genBook(t)
		checkPaths(t, rows, opts)
	})
}

// bookCSV writes rows as CSV text with the header h (customer, subscription,
// month, mrr, currency), quoting where needed; a zero month is an empty cell
// (a record the reader refuses, as the ledger refuses the row).
func bookCSV(rows []Row) string {
	var b strings.Builder
	b.WriteString("customer,subscription,month,mrr,currency\r\n")
	for _, r := range rows {
		m := ""
		if !r.Month.IsZero() {
			m = r.Month.String()
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\r\n", csvQuote(r.Customer), csvQuote(r.Subscription), m, dec.Format(r.MRR.Amount(), 0), r.MRR.Currency())
	}
	return b.String()
}

// csvQuote quotes a field when it needs it (and sometimes when not).
func csvQuote(s string) string {
	if s == "" || strings.ContainsAny(s, ",\"\r\n ") || s == "b" {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// The CSV reader's fused builds equal the builds over its rows, and the slow
// reference: the same months, the same rejected records.
func TestEngineCSVPathsMatchReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows, opts := genBook(t)
		if rapid.Bool().Draw(t, "sorted") {
			rows, _ = stableSorted(rows)
		}
		text := bookCSV(rows)
		viaRows, errRows := Build(NewCSVReader(strings.NewReader(text)).Rows(), opts)
		fused, errFused := NewCSVReader(strings.NewReader(text)).Build(opts)
		checkSameBuild(t, "CSVReader.Build", viaRows, errRows, fused, errFused)
		if errRows == nil {
			want := slowLedger(t, rows, opts)
			if diff := gocmp.Diff(want.months, fused.Months(), ledgerMonthCmp); diff != "" {
				t.Fatalf("fused CSV build ≠ reference (-want +got):\n%s\n%s", diff, text)
			}
		}
		sorted, _ := stableSorted(rows)
		text = bookCSV(sorted)
		viaRows, errRows = BuildSorted(NewCSVReader(strings.NewReader(text)).Rows(), opts)
		fused, errFused = NewCSVReader(strings.NewReader(text)).BuildSorted(opts)
		checkSameBuild(t, "CSVReader.BuildSorted", viaRows, errRows, fused, errFused)
	})
}

// rowErrorCmp compares RowErrors by their text, which names every field.
var rowErrorCmp = gocmp.Comparer(func(a, b metrics.RowError) bool { return a.Error() == b.Error() })

// checkSameBuild fails unless two builds agree: the same error, or the same
// months and rejected records.
func checkSameBuild(t fatalfer, name string, a *Ledger, errA error, b *Ledger, errB error) {
	if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
		t.Fatalf("%s: errors differ: %v / %v", name, errA, errB)
	}
	if errA != nil {
		return
	}
	if diff := gocmp.Diff(a.Months(), b.Months(), ledgerMonthCmp); diff != "" {
		t.Fatalf("%s: months differ (-rows +fused):\n%s", name, diff)
	}
	if diff := gocmp.Diff(a.Rejected(), b.Rejected(), rowErrorCmp); diff != "" {
		t.Fatalf("%s: rejected differ (-rows +fused):\n%s", name, diff)
	}
}

// FuzzEnginePaths compares both paths of both builds with the reference on
// a fuzzer's rows: each 3 bytes are a row (customer and subscription,
// month, amount: 0–3 units mostly, a zero, cents, or an amount off the pico
// path), the first byte the options.
func FuzzEnginePaths(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 0, 1, 1, 0, 2, 1})
	f.Add([]byte{3, 1, 0, 2, 1, 1, 2, 1, 3, 0, 2, 0, 9, 0, 5, 1})
	f.Add([]byte{0x41, 0, 0, 1, 0, 1, 1, 0, 2, 1, 0, 3, 1, 0, 4, 1})
	f.Add([]byte{0x82, 2, 0, 3, 2, 0, 3, 2, 1, 3, 2, 3, 3, 2, 4, 200})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 3*64+1 {
			return
		}
		flags := data[0]
		opts := Options{
			Currency:    "USD",
			Lenient:     flags&1 == 0,
			KeepLog:     flags&2 != 0,
			Conventions: Conventions{ReactivationWindowMonths: int(flags>>2) % 3, MinHistoryMonths: int(flags>>4) % 3},
		}
		if flags&64 != 0 {
			opts.Through = bookBase.Add(7)
		}
		if flags&128 != 0 {
			opts.Rates = bookRates(map[string][]decimal.Decimal{"EUR": {decimal.New(11, -1), decimal.New(11, -1), decimal.New(12, -1), decimal.New(1, 0),
				decimal.New(1, 0), decimal.New(1, 0), decimal.New(9, -1), decimal.New(9, -1), decimal.New(11, -1), decimal.New(11, -1), decimal.New(11, -1), decimal.New(11, -1)}})
		}
		var rows []Row
		for data = data[1:]; len(data) >= 3; data = data[3:] {
			cur := "USD"
			if data[2]&0x80 != 0 && opts.Rates != nil {
				cur = "EUR"
			}
			var amount decimal.Decimal
			switch a := data[2] & 0x7f; {
			case a < 96:
				amount = decimal.New(int64(a%4), 0)
			case a < 104:
				amount = decimal.New(int64(a), -2)
			case a < 112:
				amount = decimal.New(int64(a), 6) // beyond pico units in an int64
			default:
				amount = decimal.New(int64(a), -13) // 13 places: off the pico path
			}
			r := Row{Customer: []string{"a", "b", "c", ""}[data[0]&3], Subscription: []string{"", "s1", "s2", "s3"}[data[0]>>2&3],
				Month: bookBase.Add(int(data[1] % 11)), MRR: money(t, amount, cur)}
			if data[1]%11 == 10 {
				r.Month = metrics.Month{}
			}
			rows = append(rows, r)
		}
		checkPaths(t, rows, opts)
	})
}

// rowsOfText reads CSV rows for tests, failing on any error.
func rowsOfText(t *testing.T, text string) []Row {
	t.Helper()
	rows, errs := drain(NewCSVReader(bytes.NewReader([]byte(text))).Rows())
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	return rows
}

// A test-only counter shows which path took each row. Hand-checked on a
// paying 1, 1, 2 from January, b paying 3, 3 from February, c paying 5 in
// January only, d paying 4 in March only, and e paying 1 in January, 1 + 2
// on two subscriptions in February and 3 in March: the very first row goes
// the general way (there is no streak yet), and so does e's second
// subscription in February (a month's second row); every other row is the
// next month of a streak — after a general row too, as e's March — or the
// next customer's first row within the span (its first month and its last
// included), and the hot path takes it — BuildSorted's span grows with a's
// months, up to and including Through; Build knows it before it starts.
// With Rates or the log, or switched off, the hot path takes none. The
// months are the same every way: in March a expands (1 → 2), b and e are
// retained (3 → 3), d is new, and c, gone since February, is inactive.
func TestEngineHotPathTakesTheCommonRows(t *testing.T) {
	rows := rowsOfText(t, "customer,subscription,month,mrr,currency\na,,2024-01,1,USD\na,,2024-02,1,USD\na,,2024-03,2,USD\nb,,2024-02,3,USD\nb,,2024-03,3,USD\n"+
		"c,,2024-01,5,USD\nd,,2024-03,4,USD\ne,s1,2024-01,1,USD\ne,s1,2024-02,1,USD\ne,s2,2024-02,2,USD\ne,s1,2024-03,3,USD\n")
	mar := ledgerMon(t, "2024-03")
	cases := []struct {
		name string
		opts Options
		off  bool
		hot  int64
	}{
		{"hot", Options{Currency: "USD"}, false, 9},
		{"hot, Through the last month", Options{Currency: "USD", Through: mar}, false, 9},
		{"switched off", Options{Currency: "USD"}, true, 0},
		{"with the log", Options{Currency: "USD", KeepLog: true}, false, 0},
		{"with Rates", Options{Currency: "USD", Rates: bookRates(nil)}, false, 0},
	}
	for _, tc := range cases {
		for _, sorted := range []bool{true, false} {
			b, err := newBuilder(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			b.hot = b.hot && !tc.off
			var l *Ledger
			if sorted {
				l, err = b.runRows(seq2(rows))
			} else {
				l, err = buildRecords(newRecordBuilder(b), rows)
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.hotRows != tc.hot || b.generalRows != 11-tc.hot {
				t.Errorf("%s (sorted %v): hot %d, general %d rows; want %d, %d", tc.name, sorted, b.hotRows, b.generalRows, tc.hot, 11-tc.hot)
			}
			s, err := l.Month(mar)
			if err != nil || s.RetainedCustomers != 2 || s.ExpandedCustomers != 1 || s.NewCustomers != 1 || s.InactiveCustomers != 1 ||
				!s.Expansion.Equal(usd(t, "1")) || !s.End.Equal(usd(t, "12")) {
				t.Errorf("%s (sorted %v): March %+v, %v", tc.name, sorted, s, err)
			}
		}
	}
}

// Wide months: a customer paying in twelve currencies at twelve rates, and
// another with twelve subscriptions in a month, some repeated — past the
// few entries the month's sets scan before they index — equal the slow
// reference on every path.
func TestEngineWideMonths(t *testing.T) {
	table := map[string][]decimal.Decimal{}
	var codes []string
	for k := range 12 {
		code := string([]byte{'A', 'A', byte('A' + k)})
		codes = append(codes, code)
		for m := range 4 {
			table[code] = append(table[code], decimal.New(int64(10+k+m*(k%3)), -1)) // 1.0 + k/10, moving with the month for some
		}
	}
	var rows []Row
	for m := range 3 {
		for k, code := range codes {
			if m == 2 && k%4 == 0 {
				continue // some currencies stop
			}
			rows = append(rows, Row{Customer: "x", Subscription: code, Month: bookBase.Add(m), MRR: mustMinor(t, int64(k+m), 0, code)})
		}
		for s := range 12 {
			rows = append(rows, Row{Customer: "y", Subscription: fmt.Sprint("s", s%10), Month: bookBase.Add(m), MRR: mustMinor(t, int64(s%3+m), 0, "USD")})
		}
	}
	for _, keep := range []bool{false, true} {
		opts := Options{Currency: "USD", Lenient: true, KeepLog: keep, Rates: bookRates(table)}
		checkPaths(t, rows, opts)
		opts.Rates = nil // y alone, on the hot path where it can
		var usd []Row
		for _, r := range rows {
			if r.Customer == "y" {
				usd = append(usd, r)
			}
		}
		checkPaths(t, usd, opts)
	}
}

// plain3Names are customer IDs for the customer,month,mrr files: plain
// ones of 1, 7, 8, 15 and 16 bytes (either side of the one- and two-word
// compares of hotPlain3), UTF-8, and some that scanPlain3 leaves to the
// other parsers: a space, a byte below '-', a quote.
var plain3Names = []string{"-", "a", "cus_001", "cus_0001", "abcdefghijklmno", "abcdefghijklmnop", "é/ü:@", "a b", "x#1", "\"q,1\"", "zz.9"}

// genPlain3 draws a customer,month,mrr file: customers sorted by their IDs
// (sometimes not), months in order with gaps, amounts repeating from a small
// set — zero, plain decimals, minor units, ones either side of the largest
// pico amount, one off the pico path, one with an exponent, a blank — some
// months as dates or out of range, some rows
// repeated, LF or CRLF, the last line end sometimes missing.
func genPlain3(t *rapid.T) string {
	var b strings.Builder
	eol := []string{"\n", "\r\n"}[rapid.IntRange(0, 1).Draw(t, "crlf")]
	b.WriteString([]string{"customer_id,month,mrr", "account,period,amount", "Customer ID,Month,MRR"}[rapid.IntRange(0, 2).Draw(t, "header")] + eol)
	names := rapid.SliceOfNDistinct(rapid.SampledFrom(plain3Names), 1, 6, rapid.ID).Draw(t, "customers")
	if rapid.IntRange(0, 4).Draw(t, "unsorted") != 0 {
		slices.Sort(names)
	}
	// 9223372.03685477 is the most pico units an int64 holds, to 10^-8.
	amounts := []string{"0", "1", "1", "2", "2.50", "3", "300", "0.125", "1234567.12", "12345678901234567890", "1e2", "",
		"9223372", "9223373", "9223372.03685477", "9223372.03685478", "5."}
	for _, name := range names {
		amount := amounts[rapid.IntRange(1, 6).Draw(t, "amount")]
		for m := rapid.IntRange(0, 13).Draw(t, "start"); m < 14; m++ {
			month := bookBase.Add(m).String()
			switch rapid.IntRange(0, 19).Draw(t, "step") {
			case 0, 1, 2:
				amount = amounts[rapid.IntRange(0, len(amounts)-1).Draw(t, "amount")]
			case 3, 4:
				continue // a gap
			case 5:
				month += "-15" // a date: not plain
			case 6:
				month = "2024-13"
			case 7:
				fmt.Fprintf(&b, "%s,%s,%s%s", name, month, amount, eol) // a repeated row
			case 8:
				month = bookBase.Add(m + 30).String() // beyond Through, or a month the span grows to
			}
			fmt.Fprintf(&b, "%s,%s,%s%s", name, month, amount, eol)
		}
	}
	text := b.String()
	if rapid.IntRange(0, 4).Draw(t, "noLastEnd") == 0 {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	return text
}

// On customer,month,mrr files the reader's own BuildSorted — scanPlain3,
// hotPlain3 and its word compare — and its own Build — recordPlain3 — on
// the file and on its records sorted by month, equal the builds over the
// reader's rows, over the full parser's rows, and the slow reference,
// whatever the reader's and the build's settings.
func TestEnginePlain3MatchesReference(t *testing.T) {
	var fused, scanned, recorded int64
	// The generator reaches the fused paths in nearly every run of 100
	// cases, but not every one (a run of tiny files with a reader currency
	// other than the ledger's once took none): up to three runs, so that
	// the path checks below report a generator that misses a path, not an
	// unlucky draw. Every run checks its cases in full.
	for run := 0; run < 3 && (run == 0 || fused == 0 || recorded == 0); run++ {
		checkPlain3(t, &fused, &scanned, &recorded)
	}
	if fused == 0 || scanned <= fused {
		t.Errorf("hotPlain3 took %d records, scanPlain3 read %d: the generator misses a path", fused, scanned)
	}
	if recorded == 0 {
		t.Errorf("recordPlain3 took no record: the generator misses a path")
	}
}

// checkPlain3 is one rapid run of TestEnginePlain3MatchesReference, adding
// the records the fused paths took and scanPlain3 read to the counts.
func checkPlain3(t *testing.T, fusedAll, scannedAll, recordedAll *int64) {
	var fused, scanned, recorded int64
	defer func() {
		*fusedAll, *scannedAll, *recordedAll = *fusedAll+fused, *scannedAll+scanned, *recordedAll+recorded
	}()
	rapid.Check(t, func(t *rapid.T) {
		text := genPlain3(t)
		opts := Options{
			Currency:    "USD",
			Lenient:     rapid.IntRange(0, 3).Draw(t, "strict") != 0,
			MaxRejected: rapid.IntRange(0, 3).Draw(t, "maxRejected"),
			Conventions: Conventions{
				ReactivationWindowMonths: rapid.IntRange(0, 3).Draw(t, "window"),
				MinHistoryMonths:         rapid.IntRange(0, 2).Draw(t, "minHistory"),
			},
		}
		if rapid.IntRange(0, 3).Draw(t, "through") == 0 {
			opts.Through = bookBase.Add(rapid.IntRange(0, 16).Draw(t, "throughAt"))
		}
		places := []int{0, 0, 2}[rapid.IntRange(0, 2).Draw(t, "places")]
		maxField := []int{0, 0, 7, 8, 15}[rapid.IntRange(0, 4).Draw(t, "maxField")]
		cur := []string{"", "", "usd", "EUR"}[rapid.IntRange(0, 3).Draw(t, "readerCurrency")]
		reader := func(slow bool) *CSVReader {
			r := NewCSVReader(strings.NewReader(text))
			r.AmountPlaces, r.MaxFieldBytes, r.slowOnly = places, maxField, slow
			r.Currency = cur
			if cur == "" {
				r.Currency = "USD" // Rows needs it; BuildSorted defaults to it
			}
			return r
		}
		// The unsorted build (recordPlain3) on the file and on its rows
		// sorted by month.
		for _, text := range []string{text, plain3ByMonth(text)} {
			reader := func(slow bool) *CSVReader {
				r := reader(slow)
				r.r = strings.NewReader(text)
				return r
			}
			r := reader(false)
			l, err := r.Build(opts)
			recorded += r.recorded
			viaRows, errRows := Build(reader(false).Rows(), opts)
			checkSameBuild(t, "Build(Rows)", viaRows, errRows, l, err)
			viaSlow, errSlow := Build(reader(true).Rows(), opts)
			checkSameBuild(t, "Build(full parser's Rows)", viaSlow, errSlow, l, err)
			if err == nil {
				rows, _ := drain(reader(true).Rows())
				want := slowLedger(t, rows, opts)
				if diff := gocmp.Diff(want.months, l.Months(), ledgerMonthCmp); diff != "" {
					t.Fatalf("CSVReader.Build ≠ reference (-want +got):\n%s\n%s", diff, text)
				}
			}
		}
		r := reader(false)
		l, err := r.BuildSorted(opts)
		fused, scanned = fused+r.fused, scanned+r.scanned3
		viaRows, errRows := BuildSorted(reader(false).Rows(), opts)
		checkSameBuild(t, "BuildSorted(Rows)", viaRows, errRows, l, err)
		viaSlow, errSlow := BuildSorted(reader(true).Rows(), opts)
		checkSameBuild(t, "BuildSorted(full parser's Rows)", viaSlow, errSlow, l, err)
		if err == nil {
			rows, _ := drain(reader(true).Rows())
			want := slowLedger(t, rows, opts)
			if diff := gocmp.Diff(want.months, l.Months(), ledgerMonthCmp); diff != "" {
				t.Fatalf("CSVReader.BuildSorted ≠ reference (-want +got):\n%s\n%s", diff, text)
			}
		}
	})
}

// plain3ByMonth is genPlain3's file with its records stably sorted by their
// second field (the month), the header first.
func plain3ByMonth(text string) string {
	eol := "\n"
	if strings.Contains(text, "\r\n") {
		eol = "\r\n"
	}
	lines := strings.Split(strings.TrimSuffix(text, eol), eol)
	recs := lines[1:]
	month := func(l string) string {
		if f := strings.Split(l, ","); len(f) > 1 {
			return f[1]
		}
		return ""
	}
	slices.SortStableFunc(recs, func(a, b string) int { return strings.Compare(month(a), month(b)) })
	return strings.Join(lines, eol) + eol
}

// The counters show which reader read each record of a customer,month,mrr
// file: hotPlain3 takes the plain records the hot path takes within the
// span (here all but the first, which has no streak yet, a's February,
// which grows the span — BuildSorted's hotStep takes it — a's zero month and
// the two after it, and c's record with a space, which scanPlain3 leaves to
// nextPlain);
// nextPlain's scanPlain3 reads the plain ones hotPlain3 did not take. The
// full parser alone, or a reader currency other than the build's, takes none.
func TestCSVPlain3Paths(t *testing.T) {
	text := "customer_id,month,mrr\na,2024-01,1\na,2024-02,1.50\na,2024-03,0\na,2024-04,2\na,2024-05,2\n" +
		"abcdefghijklmno,2024-01,3\nabcdefghijklmno,2024-02,3\nabcdefghijklmnop,2024-02,4\nabcdefghijklmnop,2024-03,4\nc d,2024-03,5\n"
	cases := []struct {
		name          string
		set           func(*CSVReader)
		fused, plain3 int64
	}{
		{"plain", func(*CSVReader) {}, 4, 9},
		{"full parser only", func(r *CSVReader) { r.slowOnly = true }, 0, 0},
		{"another currency", func(r *CSVReader) { r.Currency = "EUR" }, 0, 9},
	}
	for _, tc := range cases {
		r := NewCSVReader(strings.NewReader(text))
		tc.set(r)
		l, err := r.BuildSorted(Options{Currency: "USD", Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.fused != tc.fused || r.scanned3 != tc.plain3 {
			t.Errorf("%s: hotPlain3 took %d records, scanPlain3 read %d; want %d, %d", tc.name, r.fused, r.scanned3, tc.fused, tc.plain3)
		}
		if tc.name == "plain" {
			s, err := l.Month(ledgerMon(t, "2024-02"))
			if err != nil || s.ExpandedCustomers != 1 || s.RetainedCustomers != 1 || s.NewCustomers != 1 || !s.End.Equal(usd(t, "8.5")) {
				t.Errorf("February %+v, %v", s, err)
			}
		}
	}
}

// scanPlain3 reads records at its bounds — a customer and an amount of
// exactly MaxFieldBytes, a month of exactly MaxFieldBytes (7), years and
// months of every digit — as the full parser does, itself: the counter
// shows it read every record.
func TestCSVPlain3Bounds(t *testing.T) {
	text := "c,m,a\nabcdefg,1999-09,9.99\nabcdefg,2000-10,1234567\nh,8765-12,0.5\ni,0001-01,3\nj,4321-11,12\nk,9999-12,1\n"
	want := []string{"1999-09", "2000-10", "8765-12", "0001-01", "4321-11", "9999-12"}
	for _, slow := range []bool{false, true} {
		r := NewCSVReader(strings.NewReader(text))
		r.Columns, r.Currency, r.MaxFieldBytes, r.slowOnly = CSVColumns{Customer: "c", Month: "m", MRR: "a"}, "USD", 7, slow
		rows, errs := drain(r.Rows())
		if len(errs) != 0 || len(rows) != len(want) {
			t.Fatalf("slow %v: %v, %v", slow, rows, errs)
		}
		for k, row := range rows {
			if row.Month.String() != want[k] {
				t.Errorf("slow %v: record %d month %s, want %s", slow, k+1, row.Month, want[k])
			}
		}
		if !rows[1].MRR.Equal(usd(t, "1234567")) || !rows[0].MRR.Equal(usd(t, "9.99")) {
			t.Errorf("slow %v: amounts %v", slow, rows)
		}
		if n := int64(len(want)); !slow && r.scanned3 != n || slow && r.scanned3 != 0 {
			t.Errorf("slow %v: scanPlain3 read %d records", slow, r.scanned3)
		}
	}
}

// Every plain record of a file with a currency column is read by nextPlain,
// field by field, and read right: years with every digit in every place,
// all twelve months, amounts of 1 to 18 digits with 0 to 12 decimals, fields
// of exactly MaxFieldBytes. The records just past each limit are read by the
// full parser, with the same result or the same error. (nextPlain's checks
// only send a record to the full parser, so only the counter shows a check
// that is off by one.)
func TestPlainRecordsTakeThePlainPath(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		plainRecords(t, eol)
	}
}

// plainRecords is TestPlainRecordsTakeThePlainPath with lines ending in eol.
func plainRecords(t *testing.T, eol string) {
	const maxField = 18
	var b strings.Builder
	b.WriteString("customer,month,mrr,currency" + eol)
	plain := 0
	texts := map[string][2]string{} // customer → month, amount as written
	addAs := func(id, month, amount, currency string, isPlain bool) {
		texts[id] = [2]string{month, amount}
		fmt.Fprintf(&b, "%s,%s,%s,%s%s", id, month, amount, currency, eol)
		if isPlain {
			plain++
		}
	}
	add := func(month, amount string, isPlain bool) {
		addAs(fmt.Sprintf("c%04d", len(texts)), month, amount, "USD", isPlain)
	}
	add("2024-01", "1", false)                                 // the first record: the currency is not known yet
	addAs("customer-of-18-byte", "2024-02", "3", "USD", false) // 19 bytes: past MaxFieldBytes
	addAs("customer-of-18-byt", "2024-02", "3", "USD", true)   // exactly MaxFieldBytes
	addAs("c-no-currency", "2024-03", "4", "", true)           // an empty currency: the reader's (USD)
	// Plain amounts fit 10^-12 units in an int64 (below about 9.2 million).
	amounts := []string{"0", "9", "10", "99.5", "1234567.89", "9223372", "0.000000000001", "12345.123456789012", "000000000000000001"}
	for d := range 10 {
		for place := range 4 {
			year := []byte("2024")
			year[place] = byte('0' + d)
			if string(year) == "0000" {
				continue
			}
			for mo := 1; mo <= 12; mo++ {
				add(fmt.Sprintf("%s-%02d", year, mo), amounts[(d+place+mo)%len(amounts)], true)
			}
		}
	}
	// Just past each limit: not plain.
	for _, rec := range [][2]string{
		{"0000-01", "1"}, {"2024-00", "1"}, {"2024-13", "1"}, {"2024-1", "1"}, {"2024/01", "1"},
		{"2024-01", "1234567890123456789"}, // 19 digits
		{"2024-01", "123456789012345678"},  // 18 digits, past an int64 of 10^-12 units
		{"2024-01", "0.0000000000001"},     // 13 decimals
		{"2024-01", "12345678901234567.8"}, // 19 bytes > MaxFieldBytes
		{"2024-01", ""}, {"2024-01", "1e3"}, {"2024-01", "1.2.3"},
	} {
		add(rec[0], rec[1], false)
	}
	add("2024-01", ".5", true) // a digit either side of the point is enough
	add("2024-01", "5.", true)
	text := b.String()
	reader := func(slow bool) *CSVReader {
		r := NewCSVReader(strings.NewReader(text))
		r.MaxFieldBytes, r.slowOnly, r.Currency = maxField, slow, "USD"
		return r
	}
	fast := reader(false)
	rows, errs := drain(fast.Rows())
	wantRows, wantErrs := drain(reader(true).Rows())
	if diff := gocmp.Diff(wantRows, rows, gocmp.Comparer(func(a, b metrics.Money) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("rows (-full parser +plain path):\n%s", diff)
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("%d errors, the full parser %d", len(errs), len(wantErrs))
	}
	for i := range min(len(errs), len(wantErrs)) {
		if errs[i].Error() != wantErrs[i].Error() {
			t.Errorf("error %d: %v, the full parser %v", i, errs[i], wantErrs[i])
		}
	}
	if fast.plain != int64(plain) {
		t.Errorf("nextPlain read %d records, want the %d plain ones", fast.plain, plain)
	}
	// The months and amounts are the text's, not only the full parser's.
	for _, r := range rows {
		want := texts[r.Customer]
		amount, err := metrics.ParseMoney(want[1], "USD")
		if err != nil || r.Month.String() != want[0] || !r.MRR.Equal(amount) {
			t.Errorf("%s: %s %s, want %s %s", r.Customer, r.Month, r.MRR, want[0], want[1])
		}
	}
	if len(rows) < plain {
		t.Errorf("%d rows, fewer than the %d plain records", len(rows), plain)
	}
}

// A record that ends in a lone CR at the end of the input is read as the
// full parser reads it (the plain paths must not look past the input for
// its LF), with and without a currency column.
func TestPlainPathLoneCRAtEnd(t *testing.T) {
	for _, text := range []string{
		"customer,month,mrr,currency\nc1,2024-01,1,USD\nc2,2024-02,2,USD\r",
		"customer,month,mrr\nc1,2024-01,1\nc2,2024-02,2.5\r",
	} {
		var got [2][]Row
		var gotErrs [2][]error
		for k, slow := range []bool{false, true} {
			r := NewCSVReader(strings.NewReader(text))
			r.slowOnly, r.Currency = slow, "USD"
			got[k], gotErrs[k] = drain(r.Rows())
		}
		if diff := gocmp.Diff(got[1], got[0], gocmp.Comparer(func(a, b metrics.Money) bool { return a.Equal(b) })); diff != "" || len(gotErrs[0]) != len(gotErrs[1]) {
			t.Errorf("%q: plain path vs full parser (-full +plain):\n%s\nerrors %v / %v", text, diff, gotErrs[0], gotErrs[1])
		}
	}
}

// The limits of the reader's settings are inclusive on the plain path: an
// AmountPlaces of 12 (pico units, the most) and a MaxFieldBytes of 7 (a
// YYYY-MM month just fits) read plain records plainly.
func TestPlainPathSettingEdges(t *testing.T) {
	for _, tc := range []struct {
		name          string
		places, field int
		text          string
		want          string // the second record's MRR
	}{
		{"AmountPlaces 12", 12, 0, "customer,month,mrr,currency\nc1,2024-01,1,USD\nc2,2024-02,1500000000000,USD\n", "1.5 USD"},
		{"MaxFieldBytes 7", 0, 7, "c,m,a,cur\nc1,2024-01,1,USD\nc2,2024-02,2.5,USD\n", "2.5 USD"},
	} {
		r := NewCSVReader(strings.NewReader(tc.text))
		r.AmountPlaces, r.MaxFieldBytes = tc.places, tc.field
		if tc.field != 0 {
			r.Columns = CSVColumns{Customer: "c", Month: "m", MRR: "a", Currency: "cur"}
		}
		rows, errs := drain(r.Rows())
		if len(errs) != 0 || len(rows) != 2 || !rows[1].MRR.Equal(usd(t, strings.TrimSuffix(tc.want, " USD"))) {
			t.Errorf("%s: %v %v", tc.name, rows, errs)
			continue
		}
		if r.plain != 1 {
			t.Errorf("%s: nextPlain read %d records, want the second", tc.name, r.plain)
		}
	}
}

// The unsorted build sorts and runs its records one bucket of customers at
// a time unless KeepLog orders customers by ID: on 2,500 customers (three
// buckets) listed by month, with repeated rows, months going back and bad
// rows in every bucket, both ways, CSVReader.Build and Build over the
// reader's rows give the same months, rejected records and errors, and the
// slow reference's months.
func TestBuildBuckets(t *testing.T) {
	d := ledgerGenBenchData(2500, 8)
	var b strings.Builder
	b.WriteString("customer_id,month,mrr\n")
	text := string(d.csv(true))
	for k, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n")[1:] {
		b.WriteString(line + "\n")
		switch k % 997 {
		case 5:
			b.WriteString(line + "\n") // repeated
		case 11:
			b.WriteString(strings.Replace(line, ",2022-", ",2021-", 1) + "\n") // a month back
		case 17:
			b.WriteString(strings.Replace(line, ",", ",x", 1) + "\n") // a bad month
		}
	}
	text = b.String()
	for _, lenient := range []bool{false, true} {
		var months [][]Summary
		for _, keep := range []bool{false, true} {
			opts := Options{Currency: "USD", Lenient: lenient, KeepLog: keep}
			r := NewCSVReader(strings.NewReader(text))
			l, err := r.Build(opts)
			if r.recorded == 0 {
				t.Errorf("lenient %v, keep %v: recordPlain3 took no record", lenient, keep)
			}
			rr := NewCSVReader(strings.NewReader(text))
			rr.Currency = "USD"
			viaRows, errRows := Build(rr.Rows(), opts)
			checkSameBuild(t, fmt.Sprintf("lenient %v, keep %v", lenient, keep), viaRows, errRows, l, err)
			if lenient != (err == nil) {
				t.Fatalf("lenient %v, keep %v: %v", lenient, keep, err)
			}
			if err != nil {
				if _, ok := err.(*metrics.RowError); !ok {
					t.Fatalf("keep %v: %v is not a *metrics.RowError", keep, err)
				}
				continue
			}
			months = append(months, l.Months())
			if n := len(l.Rejected()); n < 3 {
				t.Errorf("lenient, keep %v: %d rejected", keep, n)
			}
		}
		if lenient {
			if diff := gocmp.Diff(months[0], months[1], ledgerMonthCmp); diff != "" {
				t.Fatalf("by bucket ≠ all at once (KeepLog):\n%s", diff)
			}
			rr := NewCSVReader(strings.NewReader(text))
			rr.Currency = "USD"
			rows, _ := drain(rr.Rows())
			want := slowLedger(t, rows, Options{Currency: "USD", Lenient: true})
			if diff := gocmp.Diff(want.months, months[0], ledgerMonthCmp); diff != "" {
				t.Fatalf("CSVReader.Build ≠ reference (-want +got):\n%s", diff)
			}
		}
	}
}

// The counters show which reader read each record of a customer,month,mrr
// file in the unsorted build: recordPlain3 takes the plain records within
// the span accepted so far (here b's January and February and a's January
// again), and leaves the first (no span yet), a's February (which grows the
// span) and "c d" (not plain: nextPlain reads it) to Build's general path;
// the full parser alone, or a reader currency other than the build's, takes
// none.
func TestCSVRecordPlain3Paths(t *testing.T) {
	text := "customer_id,month,mrr\na,2024-01,1\nb,2024-01,2\na,2024-02,1\nb,2024-02,0\nc d,2024-02,5\na,2024-01,3\n"
	cases := []struct {
		name             string
		set              func(*CSVReader)
		recorded, plain3 int64
	}{
		{"plain", func(*CSVReader) {}, 3, 5},
		{"full parser only", func(r *CSVReader) { r.slowOnly = true }, 0, 0},
		{"another currency", func(r *CSVReader) { r.Currency = "EUR" }, 0, 5},
	}
	for _, tc := range cases {
		r := NewCSVReader(strings.NewReader(text))
		tc.set(r)
		opts := Options{Currency: "USD", Lenient: true, Rates: nil}
		l, err := r.Build(opts)
		if r.recorded != tc.recorded || r.scanned3 != tc.plain3 {
			t.Errorf("%s: recordPlain3 took %d records, scanPlain3 read %d; want %d, %d", tc.name, r.recorded, r.scanned3, tc.recorded, tc.plain3)
		}
		rr := NewCSVReader(strings.NewReader(text))
		tc.set(rr)
		if rr.Currency == "" {
			rr.Currency = "USD"
		}
		viaRows, errRows := Build(rr.Rows(), opts)
		checkSameBuild(t, tc.name, viaRows, errRows, l, err)
		if tc.name == "plain" {
			s, err := l.Month(ledgerMon(t, "2024-02"))
			if err != nil || s.EndCustomers != 2 || !s.End.Equal(usd(t, "6")) || len(l.Rejected()) != 1 {
				t.Errorf("February %+v, %v, rejected %v", s, err, l.Rejected())
			}
		}
	}
}

// hotPlain3 reads a customer's amount with one compare when its bytes and
// line end repeat the last amount it read (c.amt): here a's records 3, 6, 8,
// 12, 14 and 16 (the last, its amount the input's last eight bytes, in the
// span's last month). It does not where the bytes differ only past a
// shorter amount (10.00 and 10.001), only in the line end (LF and CRLF), or
// in a digit (1 and 10); nor for an amount and line end of nine bytes
// (12345.67), never cached. (Customer 0 sets the span; a's first record
// follows its gap the general way.) The build equals the full parser's.
func TestHotPlain3AmountCache(t *testing.T) {
	amts := []string{"5\n", "10.00\n", "10.00\n", "10.001\n", "10.00\r\n", "10.00\r\n", "1234.56\n", "1234.56\n",
		"12345.67\n", "12345.67\n", "1\n", "1\n", "10\n", "10\n", "1234.56\n", "1234.56\n"}
	var sb strings.Builder
	sb.WriteString("customer_id,month,mrr\n0,2020-01,7\n0,2021-04,7\n")
	for k, a := range amts {
		fmt.Fprintf(&sb, "a,%04d-%02d,%s", 2020+k/12, k%12+1, a)
	}
	text := sb.String()
	r := NewCSVReader(strings.NewReader(text))
	l, err := r.BuildSorted(Options{Currency: "USD"})
	slow := NewCSVReader(strings.NewReader(text))
	slow.slowOnly = true
	ls, errs := slow.BuildSorted(Options{Currency: "USD"})
	checkSameBuild(t, "amount cache", ls, errs, l, err)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(amts) - 1); r.fused != want || r.amtHits != 6 {
		t.Errorf("hotPlain3 took %d records (want %d), %d amounts from the cache (want 6)", r.fused, want, r.amtHits)
	}
	if s, _ := l.Month(ledgerMon(t, "2021-04")); !s.End.Equal(usd(t, "1241.56")) {
		t.Errorf("April 2021 ends at %v, want 1241.56", s.End)
	}
}

// chunkReader returns one part of its text per Read.
type chunkReader struct{ parts []string }

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.parts[0])
	if r.parts[0] = r.parts[0][n:]; r.parts[0] == "" {
		r.parts = r.parts[1:]
	}
	return n, nil
}

// An amount that ends the bytes read so far, exactly eight bytes after its
// month, is cached all the same: the record after the next (the next is
// read record by record, after the scanner reads on) takes it.
func TestHotPlain3AmountCacheAtReadEnd(t *testing.T) {
	head := "customer_id,month,mrr\n0,2020-01,1\n0,2020-06,1\na,2020-01,5\na,2020-02,9\na,2020-03,1234.56\n"
	tail := "a,2020-04,1234.56\na,2020-05,1234.56\na,2020-06,1\n"
	r := NewCSVReader(&chunkReader{parts: []string{head, tail}})
	l, err := r.BuildSorted(Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	slow := NewCSVReader(strings.NewReader(head + tail))
	slow.slowOnly = true
	ls, errs := slow.BuildSorted(Options{Currency: "USD"})
	checkSameBuild(t, "read end", ls, errs, l, err)
	if r.fused != 4 || r.amtHits != 1 { // a's February, March, May and June
		t.Errorf("hotPlain3 took %d records (want 4), %d amounts from the cache (want 1)", r.fused, r.amtHits)
	}
}

// With MaxFieldBytes 7, a month's exact size, hotPlain3 still takes a's
// next months.
func TestHotPlain3MaxField7(t *testing.T) {
	text := "c,m,a\n0,2024-01,1\n0,2024-04,1\na,2024-01,2\na,2024-02,2\na,2024-03,2\na,2024-04,2\n"
	r := NewCSVReader(strings.NewReader(text))
	r.Columns, r.MaxFieldBytes = CSVColumns{Customer: "c", Month: "m", MRR: "a"}, 7
	l, err := r.BuildSorted(Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if r.fused != 3 {
		t.Errorf("hotPlain3 took %d records, want 3", r.fused)
	}
	if s, _ := l.Month(ledgerMon(t, "2024-04")); !s.End.Equal(usd(t, "3")) {
		t.Errorf("April ends at %v, want 3", s.End)
	}
}

// The amount cache holds for one AmountPlaces: a build that stops at a bad
// record and goes on under other places reads the repeated amount again
// (c's 100 is 1.00, not a's 100.00; one amount from the cache in each build).
func TestHotPlain3AmountCachePlaces(t *testing.T) {
	text := "customer_id,month,mrr\n0,2024-01,1\n0,2024-04,1\na,2024-01,100\na,2024-02,100\na,2024-03,100\nb,2024-01,x\n" +
		"b,2024-04,100\nc,2024-01,100\nc,2024-02,100\nc,2024-03,100\nc,2024-04,100\n"
	run := func(slow bool) (*Ledger, error, *CSVReader) {
		r := NewCSVReader(strings.NewReader(text))
		r.slowOnly = slow
		if _, err := r.BuildSorted(Options{Currency: "USD"}); err == nil {
			t.Fatal("the bad record passed")
		}
		r.AmountPlaces = 2
		l, err := r.BuildSorted(Options{Currency: "USD"})
		return l, err, r
	}
	l, err, r := run(false)
	ls, errs, _ := run(true)
	checkSameBuild(t, "places changed", ls, errs, l, err)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := l.Month(ledgerMon(t, "2024-04")); !s.End.Equal(usd(t, "2")) {
		t.Errorf("April ends at %v, want 2 (100 cents twice)", s.End)
	}
	if r.amtHits != 2 {
		t.Errorf("%d amounts from the cache, want 2", r.amtHits)
	}
	// Under AmountPlaces 2 from the start, the cache holds across hotPlain3's
	// calls: c's quoted record goes the general way, and its last month's
	// amount is the one read before it.
	text = "customer_id,month,mrr\n0,2024-01,1\n0,2024-05,1\nc,2024-01,100\nc,2024-02,100\nc,2024-03,\"100\"\nc,2024-04,100\nc,2024-05,100\n"
	r = NewCSVReader(strings.NewReader(text))
	r.AmountPlaces = 2
	l, err = r.BuildSorted(Options{Currency: "USD"})
	slow := NewCSVReader(strings.NewReader(text))
	slow.AmountPlaces, slow.slowOnly = 2, true
	ls, errs = slow.BuildSorted(Options{Currency: "USD"})
	checkSameBuild(t, "places 2", ls, errs, l, err)
	if r.amtHits != 1 {
		t.Errorf("places 2: %d amounts from the cache, want 1", r.amtHits)
	}
}

// monthWord is the eight bytes "YYYY-MM," of every month index of years 1
// to 9999, and 0 for the indexes either side.
func TestMonthWord(t *testing.T) {
	for m := int32(-13); m <= 10000*12+13; m++ {
		want := uint64(0)
		if y, mm := (m-1)/12, (m-1)%12; m >= 13 && y <= 9999 {
			month, err := metrics.NewMonth(int(y), time.Month(mm+1))
			if err != nil || month.Index() != m {
				t.Fatalf("index %d: month %v (index %d), %v", m, month, month.Index(), err)
			}
			want = binary.LittleEndian.Uint64([]byte(month.String() + ","))
		}
		if got := monthWord(m); got != want {
			t.Fatalf("monthWord(%d) = %x, want %x", m, got, want)
		}
	}
}

// scanPlain3 takes a customer of exactly MaxFieldBytes, and a MaxFieldBytes
// of 7 (a YYYY-MM month just fits): every record of such a file is read by
// it, and read as the full parser reads it.
func TestPlain3SettingEdges(t *testing.T) {
	text := "c,m,a\nabcdefg,2024-01,1\nabcdefg,2024-02,2\nxyz,2024-01,3\n"
	var rows [2][]Row
	var scanned [2]int64
	for k, slow := range []bool{false, true} {
		r := NewCSVReader(strings.NewReader(text))
		r.Columns, r.Currency, r.MaxFieldBytes, r.slowOnly = CSVColumns{Customer: "c", Month: "m", MRR: "a"}, "USD", 7, slow
		var errs []error
		rows[k], errs = drain(r.Rows())
		if len(errs) != 0 || len(rows[k]) != 3 {
			t.Fatalf("slow %v: %v %v", slow, rows[k], errs)
		}
		scanned[k] = r.scanned3
	}
	if scanned[0] != 3 {
		t.Errorf("scanPlain3 read %d of the 3 records", scanned[0])
	}
	if diff := gocmp.Diff(rows[1], rows[0], gocmp.Comparer(func(a, b metrics.Money) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("scanPlain3 vs the full parser (-full +plain):\n%s", diff)
	}
}

// Every plain record of a customer,month,mrr file is read by scanPlain3, and
// read right, with LF and CRLF: years with every digit in every place, all
// twelve months, amounts of every length from 1 to 18 digits with 0 to 12
// decimals (the short ones by word arithmetic, the long ones digit by
// digit), customers of 1 to 18 bytes (the word compare holds up to 15).
// Those just past a limit are read by the other parsers with the same
// result or error. (scanPlain3's checks only send a record elsewhere, so
// only its counter shows a check that is off by one.)
func TestPlain3RecordsTakeThePlainPath(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		const maxField = 18
		var b strings.Builder
		b.WriteString("customer,month,mrr" + eol)
		plain := 0
		texts := map[string][2]string{}
		add := func(id, month, amount string, isPlain bool) {
			texts[id] = [2]string{month, amount}
			fmt.Fprintf(&b, "%s,%s,%s%s", id, month, amount, eol)
			if isPlain {
				plain++
			}
		}
		amounts := []string{"0", "7", "12", "99.5", "1234.56", "12345.67", "1234567.8", "9223372", "0.000000000001",
			"12345.123456789012", "000000000000000001", ".5", "5.", "00000001", "1.0000000", "9199999.999", "999.99999999"}
		n := 0
		id := func() string { n++; return fmt.Sprintf("c%05d", n) }
		for d := range 10 {
			for place := range 4 {
				year := []byte("2024")
				year[place] = byte('0' + d)
				if string(year) == "0000" {
					continue
				}
				for mo := 1; mo <= 12; mo++ {
					add(id(), fmt.Sprintf("%s-%02d", year, mo), amounts[(d+place+mo)%len(amounts)], true)
				}
			}
		}
		for l := 1; l <= maxField; l++ {
			add(strings.Repeat("k", l-1)+string(rune('a'+l%26)), "2024-05", "3", true)
		}
		for _, rec := range [][3]string{
			{"customer-of-nineteen", "2024-01", "1"}, // 20 bytes > MaxFieldBytes
			{"c-bad-year", "0000-01", "1"}, {"c-month-0", "2024-00", "1"}, {"c-month-13", "2024-13", "1"}, {"c-short", "2024-1", "1"},
			{"c-19", "2024-01", "1234567890123456789"}, {"c-18big", "2024-01", "123456789012345678"}, {"c-8big", "2024-01", "12345678"},
			{"c-13dec", "2024-01", "0.0000000000001"}, {"c-long", "2024-01", "12345678901234567.8"},
			{"c-empty", "2024-01", ""}, {"c-exp", "2024-01", "1e3"}, {"c-dots", "2024-01", "1.2.3"}, {"c-space", "2024-01", " 1"},
		} {
			add(rec[0], rec[1], rec[2], false)
		}
		text := b.String()
		reader := func(slow bool) *CSVReader {
			r := NewCSVReader(strings.NewReader(text))
			r.MaxFieldBytes, r.slowOnly, r.Currency = maxField, slow, "USD"
			return r
		}
		fast := reader(false)
		rows, errs := drain(fast.Rows())
		wantRows, wantErrs := drain(reader(true).Rows())
		if diff := gocmp.Diff(wantRows, rows, gocmp.Comparer(func(a, b metrics.Money) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("%q: rows (-full parser +plain paths):\n%s", eol, diff)
		}
		if len(errs) != len(wantErrs) {
			t.Errorf("%q: %d errors, the full parser %d", eol, len(errs), len(wantErrs))
		}
		if fast.scanned3 != int64(plain) {
			t.Errorf("%q: scanPlain3 read %d records, want the %d plain ones", eol, fast.scanned3, plain)
		}
		for _, r := range rows {
			want := texts[r.Customer]
			amount, err := metrics.ParseMoney(want[1], "USD")
			if err != nil || r.Month.String() != want[0] || !r.MRR.Equal(amount) {
				t.Errorf("%q: %s: %s %s, want %s %s", eol, r.Customer, r.Month, r.MRR, want[0], want[1])
			}
		}
	}
}
