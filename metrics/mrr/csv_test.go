package mrr

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
)

// The acceptance set as a file a person would open parses to the records of
// subs15 (plans aside), so the hand-checked waterfall holds for the file too.
func TestSubscriptionCSVAcceptanceFile(t *testing.T) {
	f, err := os.Open("testdata/subscriptions_17.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewSubscriptionCSVReader(f)
	got, errs := drain(r.Subscriptions())
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := subs15(t)
	for i := range got {
		got[i].Plan = ""
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("file differs from subs15 (-want +got):\n%s", diff)
	}
}

func TestMRRCSV(t *testing.T) {
	in := "month,customer,mrr,currency,subscription\n2024-01,c1,99.00,usd,s1\n2024-02,c1,120,USD,s1\n"
	r := NewCSVReader(strings.NewReader(in))
	got, errs := drain(r.Rows())
	want := []Row{
		{Customer: "c1", Subscription: "s1", Month: mustMonth(t, "2024-01"), MRR: usd(t, "99")},
		{Customer: "c1", Subscription: "s1", Month: mustMonth(t, "2024-02"), MRR: usd(t, "120.00")},
	}
	if diff := cmp.Diff(want, got); len(errs) != 0 || diff != "" {
		t.Errorf("rows (-want +got):\n%s %v", diff, errs)
	}
	bad := []struct {
		in    string
		line  int64
		field string
		want  error
	}{
		{"customer,month,mrr\n", 1, "header", metrics.ErrMissing},
		{"customer,month,mrr,currency,customer_id\n", 1, "header", metrics.ErrDuplicate},
		{"customer,month,mrr,currency\nc,2024-01,1,USD,x\n", 2, "", metrics.ErrInvalid},
		{"customer,month,mrr,currency,month\n", 1, "header", metrics.ErrDuplicate},
		{"customer,month,mrr,currency\nc,2024-13,1,USD\n", 2, "month", metrics.ErrOutOfRange},
		{"customer,month,mrr,currency\nc,2024-01,1,USD\nc,2024-02,x,USD\n", 3, "mrr", metrics.ErrInvalid},
		{"customer,month,mrr,currency\nc,2024-01,1,US\n", 2, "currency", metrics.ErrInvalid},
		{"customer,month,mrr,currency\nc,2024-01,1\n", 2, "", metrics.ErrInvalid},
		{"", 1, "header", metrics.ErrInvalid},
	}
	for _, tc := range bad {
		r := NewCSVReader(strings.NewReader(tc.in))
		_, errs := drain(r.Rows())
		if len(errs) != 1 {
			t.Errorf("%q: errors %v; want one", tc.in, errs)
			continue
		}
		// The record after the header line is record 1; a header error
		// belongs to no record (Record 0) and, since the stream cannot go on,
		// is not a bare *RowError (which a lenient build would skip).
		err := errs[0]
		var re *metrics.RowError
		if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Line != tc.line || re.Record != tc.line-1 || re.Field != tc.field {
			t.Errorf("%q: %v; want %v on line %d (record %d) field %q", tc.in, err, tc.want, tc.line, tc.line-1, tc.field)
		}
		if _, bare := err.(*metrics.RowError); bare == (tc.line == 1) {
			t.Errorf("%q: %T %v: a bare *RowError must be a record's error, not the header's", tc.in, err, err)
		}
	}
}

func TestSubscriptionCSVErrors(t *testing.T) {
	head := strings.Join(subscriptionColumns, ",") + "\n"
	row := func(cols map[string]string) string {
		var vals []string
		for _, c := range subscriptionColumns {
			vals = append(vals, cols[c])
		}
		return strings.Join(vals, ",") + "\n"
	}
	base := map[string]string{"customer": "c", "subscription": "s", "amount": "10", "currency": "USD", "interval": "1 month", "start": "2024-01-01"}
	for field, val := range map[string]string{"amount": "ten", "quantity": "1.5", "interval": "monthly", "start": "2024/01/01", "end": "tomorrow",
		"status": "paused", "charge": "gift", "discount_percent": "x", "discount_months": "forever"} {
		cols := map[string]string{}
		for k, v := range base {
			cols[k] = v
		}
		cols[field] = val
		if field == "discount_months" {
			cols["discount_percent"] = "10"
		}
		r := NewSubscriptionCSVReader(strings.NewReader(head + row(cols)))
		subs, errs := drain(r.Subscriptions())
		var re *metrics.RowError
		if len(subs) != 0 || len(errs) != 1 || !errors.Is(errs[0], metrics.ErrInvalid) || !errors.As(errs[0], &re) || re.Field != field || re.Line != 2 || re.Record != 1 {
			t.Errorf("%s=%q: %v", field, val, errs)
		}
	}
}

// formatSubscriptionCSV writes s in the reader's format (tests only).
func formatSubscriptionCSV(s Subscription) string {
	date := func(t2 string) string { return t2 }
	d := func(tm interface{ IsZero() bool }, f func() string) string {
		if tm.IsZero() {
			return ""
		}
		return f()
	}
	status := map[SubscriptionStatus]string{StatusActive: "active", StatusTrialing: "trialing", StatusPastDue: "past_due", StatusCancelled: "cancelled"}[s.Status]
	charge := map[ChargeKind]string{ChargeRecurring: "recurring", ChargeOneOff: "one_off", ChargeMetered: "metered", ChargeFree: "free"}[s.Charge]
	pct, months := "", ""
	if len(s.Discounts) == 1 {
		// Exact: a percent the reader parsed has at most 1,000 places (the
		// 12 of the zero Context would round 0.0000000000001 to 0).
		pct = dec.Format(s.Discounts[0].Percent.Percent(metrics.NewContext(metrics.MaxScale, metrics.RoundHalfEven)), 0)
		switch s.Discounts[0].Duration {
		case DiscountOnce:
			months = "once"
		case DiscountRepeating:
			months = fmt.Sprint(s.Discounts[0].Months)
		}
	}
	vals := []string{s.Customer, s.ID, dec.Format(s.Amount.Amount(), 0), s.Amount.Currency(),
		fmt.Sprintf("%d %s", s.Interval.Count, s.Interval.Unit), date(s.Start.Format("2006-01-02")), s.Plan, fmt.Sprint(s.Quantity),
		d(s.End, func() string { return s.End.Format("2006-01-02") }), d(s.CancelledAt, func() string { return s.CancelledAt.Format("2006-01-02") }),
		d(s.TrialEnd, func() string { return s.TrialEnd.Format("2006-01-02") }), status, charge, pct, months}
	return strings.Join(vals, ",") + "\n"
}

func FuzzSubscriptionCSV(f *testing.F) {
	b, _ := os.ReadFile("testdata/subscriptions_17.csv")
	f.Add(string(b))
	f.Add(strings.Join(subscriptionColumns, ",") + "\nc,s,1e3,eur,2 weeks,2024-02-29,p,3,,,,past_due,metered,12.5,once\n")
	f.Add("customer,subscription\n\"")
	f.Add("customer,subscription,amount,currency,interval,start,discount_percent\nc,s,10,USD,1 month,2024-01-01,0.0000000000001\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewSubscriptionCSVReader(strings.NewReader(in))
		for s, err := range r.Subscriptions() {
			if err != nil {
				continue // a bad record or header: nothing to round-trip
			}
			if strings.ContainsAny(s.Customer+s.ID+s.Plan, ",\"\n\r") || strings.TrimSpace(s.Plan) != s.Plan {
				continue // the test writer does not quote
			}
			again := NewSubscriptionCSVReader(strings.NewReader(strings.Join(subscriptionColumns, ",") + "\n" + formatSubscriptionCSV(s)))
			back, errs := drain(again.Subscriptions())
			if len(errs) != 0 || len(back) != 1 {
				t.Fatalf("re-reading %+v: %v", s, errs)
			}
			if s.Quantity == 0 {
				back[0].Quantity = 0
			}
			if diff := cmp.Diff(s, back[0]); diff != "" {
				t.Fatalf("round trip (-first +second):\n%s", diff)
			}
			_ = s.Validate() // must not panic
		}
	})
}

func FuzzMRRCSV(f *testing.F) {
	f.Add("customer,month,mrr,currency\nc1,2024-01,99.00,USD\n")
	f.Add("customer,month,mrr,currency,subscription\nc1,2024-01,1e-3,eur,\"s,1\"\n")
	f.Add("customer,month,mrr,currency\nacme,2024-01,100,USD\nbeta,2024-01,oops,USD\ngamma,2024-01,40,USD\n")
	f.Add("customer,month,mrr\nacme,2024-01,100\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewCSVReader(strings.NewReader(in))
		rows, errs := drain(r.Rows())
		for _, row := range rows {
			if strings.ContainsAny(row.Customer+row.Subscription, ",\"\n\r") || strings.TrimSpace(row.Customer) != row.Customer {
				continue
			}
			line := fmt.Sprintf("customer,month,mrr,currency,subscription\n%s,%s,%s,%s,%s\n", row.Customer, row.Month, dec.Format(row.MRR.Amount(), 0), row.MRR.Currency(), row.Subscription)
			again := NewCSVReader(strings.NewReader(line))
			back, errs := drain(again.Rows())
			if len(errs) != 0 || len(back) != 1 || !cmp.Equal(back[0], row) {
				t.Fatalf("round trip of %+v: %+v %v", row, back, errs)
			}
		}
		// Whatever parsed feeds the ledger without a panic.
		_, _ = Build(seq2(rows), Options{Currency: "USD", Lenient: true})
		// Errors travel with the rows: when the reader failed (an error that
		// is not a bare *RowError) a lenient build fails too; otherwise it
		// succeeds and lists every record the reader refused.
		failed := false
		var refused []int64
		for _, err := range errs {
			if re, ok := err.(*metrics.RowError); ok {
				refused = append(refused, re.Record)
			} else {
				failed = true
			}
		}
		l, err := Build(NewCSVReader(strings.NewReader(in)).Rows(), Options{Currency: "USD", Lenient: true})
		switch {
		case failed && (err == nil || l != nil):
			t.Fatalf("reader failed (%v) but the lenient build returned %v, %v", errs, l != nil, err)
		case failed:
			return
		case err != nil:
			t.Fatalf("lenient build of a readable CSV: %v", err)
		}
		listed := map[int64]bool{}
		for _, re := range l.Rejected() {
			listed[re.Record] = true
		}
		for _, k := range refused {
			if !listed[k] {
				t.Fatalf("record %d refused by the reader is not in Rejected %+v", k, l.Rejected())
			}
		}
	})
}

// The reader reads exports as spreadsheets and databases write them. Each
// case gives the text, the reader's settings and the rows or errors wanted.
func TestCSVReaderExports(t *testing.T) {
	jan, feb := mustMonth(t, "2024-01"), mustMonth(t, "2024-02")
	eur := func(s string) metrics.Money { return money(t, d(t, s), "EUR") }
	cases := []struct {
		name  string
		in    string
		set   func(*CSVReader)
		want  []Row
		errAt []int64 // the lines of the records refused
		fail  error   // a header error (wanted with errors.Is)
	}{
		{name: "the usual names, any case and spacing, extra columns ignored",
			in:   "Account ID,Plan,Period,Amount,Currency Code\na1,pro,2024-01,10.5,usd\n",
			want: []Row{{Customer: "a1", Month: jan, MRR: usd(t, "10.5")}}},
		{name: "dbt's customer_revenue_by_month", in: "date_month,customer_id,mrr\n2024-01-01,c,7\n2024-02-01,c,7\n",
			set:  func(r *CSVReader) { r.Currency = "usd" },
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "7")}, {Customer: "c", Month: feb, MRR: usd(t, "7")}}},
		{name: "dates with a time", in: "customer,date,mrr,currency\nc,2024-01-31T23:59:59Z,1,USD\nc,2024-02-01 00:00,1,USD\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "1")}, {Customer: "c", Month: feb, MRR: usd(t, "1")}}},
		{name: "a date that does not exist, a month 13", in: "customer,date,mrr,currency\nc,2024-02-30,1,USD\nc,2024-13,1,USD\nc,2024-1,1,USD\n", errAt: []int64{2, 3, 4}},
		{name: "columns named by the caller", in: "acct,mon,usd_mrr,sub\na,2024-01,3,s1\n",
			set: func(r *CSVReader) {
				r.Columns = CSVColumns{Customer: "acct", Month: "MON", MRR: "usd_mrr", Subscription: "sub"}
				r.Currency = "USD"
			},
			want: []Row{{Customer: "a", Subscription: "s1", Month: jan, MRR: usd(t, "3")}}},
		{name: "a named column replaces the usual ones", in: "customer,client,month,mrr\na,b,2024-01,1\n",
			set:  func(r *CSVReader) { r.Columns.Customer = "client"; r.Currency = "USD" },
			want: []Row{{Customer: "b", Month: jan, MRR: usd(t, "1")}}},
		{name: "two columns read as one", in: "customer_id,account_id,month,mrr,currency\n", fail: metrics.ErrDuplicate},
		{name: "no currency column and no default", in: "customer,month,mrr\n", fail: metrics.ErrMissing},
		{name: "a bad default currency", in: "customer,month,mrr\n", set: func(r *CSVReader) { r.Currency = "dollars" }, fail: metrics.ErrInvalid},
		{name: "AmountPlaces out of range", in: "customer,month,mrr,currency\n", set: func(r *CSVReader) { r.AmountPlaces = 13 }, fail: metrics.ErrOutOfRange},
		{name: "MaxFieldBytes negative", in: "customer,month,mrr,currency\n", set: func(r *CSVReader) { r.MaxFieldBytes = -1 }, fail: metrics.ErrOutOfRange},
		{name: "no customer column", in: "month,mrr,currency\n", fail: metrics.ErrMissing},
		{name: "minor units", in: "customer,month,mrr,currency\nc,2024-01,1999,EUR\nc,2024-02,12.50,EUR\nd,2024-01,12345678901234567890123,EUR\n",
			set:   func(r *CSVReader) { r.AmountPlaces = 2 },
			want:  []Row{{Customer: "c", Month: jan, MRR: eur("19.99")}, {Customer: "d", Month: jan, MRR: eur("123456789012345678901.23")}},
			errAt: []int64{3}},
		{name: "the default currency fills empty cells", in: "customer,month,mrr,currency\nc,2024-01,1,\nc,2024-02,2,EUR\n",
			set:  func(r *CSVReader) { r.Currency = "USD" },
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "1")}, {Customer: "c", Month: feb, MRR: eur("2")}}},
		{name: "a byte order mark, CRLF, blank lines, spaces", in: "\xef\xbb\xbfcustomer,month,mrr,currency\r\n\r\n  c , 2024-01 , 5 ,USD\r\n\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "5")}}},
		{name: "quotes: commas, doubled quotes, a line break", in: "customer,month,mrr,currency\n\"a, \"\"the\"\"\n co\",2024-01,\"1,0\",USD\n\"b\",2024-01,2,USD\n",
			want:  []Row{{Customer: "b", Month: jan, MRR: usd(t, "2")}},
			errAt: []int64{2}}, // "1,0" is not an amount; the next record starts on line 4
		{name: "a quote out of place", in: "customer,month,mrr,currency\na\"b,2024-01,1,USD\n\"a\"b,2024-01,1,USD\nc,2024-01,1,USD\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "1")}}, errAt: []int64{2, 3}},
		{name: "a quote never closed", in: "customer,month,mrr,currency\nc,2024-01,1,USD\n\"d,2024-01,1,USD\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "1")}}, errAt: []int64{3}},
		{name: "negative and malformed amounts", in: "customer,month,mrr,currency\nc,2024-01,-1,USD\nc,2024-01,1.2.3,USD\nc,2024-01,,USD\nc,2024-01,1e2,USD\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "100")}}, errAt: []int64{2, 3, 4}},
		{name: "a month and an amount longer than MaxFieldBytes", in: "c,m,a\nc,2024-01,1\nc,2024-02,1234567.12\nc,2024-03,123456.1\n",
			set: func(r *CSVReader) {
				r.Columns, r.Currency, r.MaxFieldBytes = CSVColumns{Customer: "c", Month: "m", MRR: "a"}, "USD", 8
			},
			want:  []Row{{Customer: "c", Month: jan, MRR: usd(t, "1")}, {Customer: "c", Month: mustMonth(t, "2024-03"), MRR: usd(t, "123456.1")}},
			errAt: []int64{3}},
		{name: "a month longer than MaxFieldBytes", in: "c,m,a\nc,2024-01,1\n",
			set: func(r *CSVReader) {
				r.Columns, r.Currency, r.MaxFieldBytes = CSVColumns{Customer: "c", Month: "m", MRR: "a"}, "USD", 6
			},
			errAt: []int64{2}},
		{name: "amounts beyond pico units in an int64, or with 13 places", in: "customer,month,mrr,currency\nc,2024-01,12345678901234567890,USD\nc,2024-02,0.0000000000001,USD\n",
			want: []Row{{Customer: "c", Month: jan, MRR: usd(t, "12345678901234567890")}, {Customer: "c", Month: feb, MRR: usd(t, "0.0000000000001")}}},
	}
	for _, tc := range cases {
		for _, slow := range []bool{false, true} {
			r := NewCSVReader(strings.NewReader(tc.in))
			r.slowOnly = slow
			if tc.set != nil {
				tc.set(r)
			}
			rows, errs := drain(r.Rows())
			name := fmt.Sprintf("%s (slow %v)", tc.name, slow)
			if tc.fail != nil {
				var re *metrics.RowError
				if len(errs) != 1 || !errors.Is(errs[0], tc.fail) || !errors.As(errs[0], &re) || re.Field != "header" {
					t.Errorf("%s: %v; want a header error %v", name, errs, tc.fail)
				}
				continue
			}
			var lines []int64
			for _, err := range errs {
				var re *metrics.RowError
				if !errors.As(err, &re) {
					t.Fatalf("%s: %v", name, err)
				}
				lines = append(lines, re.Line)
			}
			if diff := cmp.Diff(tc.want, rows); diff != "" || !slices.Equal(lines, tc.errAt) {
				t.Errorf("%s: rows (-want +got):\n%s\nerror lines %v, want %v: %v", name, diff, lines, tc.errAt, errs)
			}
		}
	}
}

// FuzzCSVReaderPaths: whatever the bytes, the reader's fast path reads what
// its full parser reads (rows and errors alike), and the reader's fused
// builds equal the builds over its rows.
func FuzzCSVReaderPaths(f *testing.F) {
	f.Add("customer,month,mrr,currency\nc1,2024-01,99.00,USD\nc1,2024-02,99.00,USD\nc2,2024-01,5,EUR\n", uint8(0))
	f.Add("customer_id,month,mrr\r\nc1,2024-01,1\r\n\"c,2\",2024-01,2\r\nc3,2024-13,3\r\n c4 ,2024-02, 4 \r\n", uint8(1))
	f.Add("\xef\xbb\xbfaccount_id,date,amount,currency\na,2024-01-15,100,usd\na,2024-02-15,1e2,USD\n,2024-01,1,USD\n", uint8(2))
	f.Add("customer,subscription,month,mrr,currency\na,s,2024-01,1,USD\na,s,2024-01,2,USD\na,t,2024-01,3,USD\n", uint8(3))
	f.Add("customer,month,mrr\nc,2024-01,1234567.12\nc,2024-02,123456.1\n", uint8(2)) // fields longer than MaxFieldBytes 8
	// customer,month,mrr: scanPlain3 and hotPlain3, customers of 1, 7, 15 and 16 bytes
	f.Add("customer_id,month,mrr\na,2024-01,1\na,2024-02,1.5\ncus_001,2024-01,99.00\ncus_001,2024-02,99.00\ncus_001,2024-03,0\n"+
		"abcdefghijklmno,2024-02,9223372\nabcdefghijklmno,2024-03,9223373\nabcdefghijklmnop,2024-01,2\nabcdefghijklmnop,2024-02,2\n", uint8(8))
	f.Add("account,period,amount\r\nx,2024-01,150\r\nx,2024-02,150\r\ny,2024-02,9223372.03685478\r\ny,2024-03,1\r\n", uint8(1))
	// sorted by month: recordPlain3, a month back, a repeat, a record not plain
	f.Add("customer_id,month,mrr\na,2024-01,1\nb,2024-01,2\na,2024-02,1\nb,2024-02,0\n\"c\",2024-02,5\na,2024-01,3\nb,2024-02,2\n", uint8(8))
	f.Add("customer_id,month,mrr\nabcdefghijklmnop,2024-01,1\nx,2024-01,2\nabcdefghijklmnop,2024-02,1.5\nx,2024-02,2\nx,2024-03,2\n", uint8(0))
	f.Fuzz(func(t *testing.T, in string, flags uint8) {
		setup := func(r *CSVReader) {
			r.Currency = "USD"
			r.AmountPlaces = int(flags&1) * 2
			r.MaxFieldBytes = []int{0, 8, 64}[flags>>1%3]
		}
		fast, slow := NewCSVReader(strings.NewReader(in)), NewCSVReader(strings.NewReader(in))
		setup(fast)
		setup(slow)
		slow.slowOnly = true
		for a, b := range zipRows(fast.Rows(), slow.Rows()) {
			if diff := cmp.Diff(a, b, rowErrorCmp, cmp.Comparer(func(x, y error) bool { return x == nil && y == nil || x != nil && y != nil && x.Error() == y.Error() })); diff != "" {
				t.Fatalf("fast and full parsers differ (-fast +full):\n%s", diff)
			}
		}
		opts := Options{Currency: "USD", Lenient: flags&8 != 0}
		for name, pair := range map[string][2]func() (*Ledger, error){
			"Build": {func() (*Ledger, error) { r := NewCSVReader(strings.NewReader(in)); setup(r); return r.Build(opts) },
				func() (*Ledger, error) {
					r := NewCSVReader(strings.NewReader(in))
					setup(r)
					return Build(r.Rows(), opts)
				}},
			"BuildSorted": {func() (*Ledger, error) {
				r := NewCSVReader(strings.NewReader(in))
				setup(r)
				return r.BuildSorted(opts)
			},
				func() (*Ledger, error) {
					r := NewCSVReader(strings.NewReader(in))
					setup(r)
					return BuildSorted(r.Rows(), opts)
				}},
		} {
			a, errA := pair[0]()
			b, errB := pair[1]()
			checkSameBuild(t, name, b, errB, a, errA)
		}
	})
}

// readResult is one pair of a row stream.
type readResult struct {
	Row Row
	Err error
}

// zipRows pairs two row streams item by item (a missing item is a zero
// readResult), so two readers of the same text can be compared.
func zipRows(a, b iter.Seq2[Row, error]) iter.Seq2[readResult, readResult] {
	return func(yield func(readResult, readResult) bool) {
		var xs, ys []readResult
		for r, err := range a {
			xs = append(xs, readResult{r, err})
		}
		for r, err := range b {
			ys = append(ys, readResult{r, err})
		}
		for k := range max(len(xs), len(ys)) {
			var x, y readResult
			if k < len(xs) {
				x = xs[k]
			}
			if k < len(ys) {
				y = ys[k]
			}
			if !yield(x, y) {
				return
			}
		}
	}
}

// swarAmount reads what scanPlainRest's byte loops read, whenever the
// amount ends within its eight bytes: every string of eight bytes over the
// digits 0 and 9, '.', the bytes either side of the digits, a line end and
// a byte above 0x7F, with and without the dot; then random strings, digits
// most often.
func TestSwarAmountMatchesLoops(t *testing.T) {
	alphabet := []byte("09./:\n\xba")
	loops := func(b []byte, dotOK bool) (k int, v int64, dot int) {
		dot = -1
		for k < len(b) && b[k]-'0' <= 9 {
			v = v*10 + int64(b[k]-'0')
			k++
		}
		if k < len(b) && b[k] == '.' && dotOK {
			dot = k
			for k++; k < len(b) && b[k]-'0' <= 9; k++ {
				v = v*10 + int64(b[k]-'0')
			}
		}
		return k, v, dot
	}
	b := make([]byte, 8)
	var idx [8]int
	n := 0
	for {
		for j := range b {
			b[j] = alphabet[idx[j]]
		}
		for _, dotOK := range []bool{true, false} {
			k, v, dot, ok := swarAmount(b, dotOK)
			wk, wv, wdot := loops(b, dotOK)
			if ok != (wk < 8) || ok && (k != wk || v != wv || dot != wdot) {
				t.Fatalf("%q dot %v: swarAmount %d %d %d %v, loops %d %d %d", b, dotOK, k, v, dot, ok, wk, wv, wdot)
			}
			n++
		}
		j := 0
		for ; j < len(idx) && idx[j] == len(alphabet)-1; j++ {
			idx[j] = 0
		}
		if j == len(idx) {
			break
		}
		idx[j]++
	}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 1 << 20 {
		for j := range b {
			if b[j] = byte(rng.IntN(256)); rng.IntN(4) != 0 {
				b[j] = '0' + byte(rng.IntN(10))
			} else if rng.IntN(2) == 0 {
				b[j] = '.'
			}
		}
		dotOK := rng.IntN(2) == 0
		k, v, dot, ok := swarAmount(b, dotOK)
		wk, wv, wdot := loops(b, dotOK)
		if ok != (wk < 8) || ok && (k != wk || v != wv || dot != wdot) {
			t.Fatalf("%q dot %v: swarAmount %d %d %d %v, loops %d %d %d", b, dotOK, k, v, dot, ok, wk, wv, wdot)
		}
	}
	if _, _, _, ok := swarAmount([]byte("1.5\n"), true); ok {
		t.Error("swarAmount read fewer than eight bytes")
	}
	t.Logf("%d strings", n)
}
