package mrr

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// ledgerEURRates is a test rate table: USD per EUR by month.
func ledgerEURRates(t testing.TB) func(string, metrics.Month) (decimal.Decimal, error) {
	table := map[metrics.Month]string{ledgerMon(t, "2024-01"): "1.10", ledgerMon(t, "2024-02"): "1.20", ledgerMon(t, "2024-03"): "1.00", ledgerMon(t, "2024-04"): "1.0"}
	return func(cur string, m metrics.Month) (decimal.Decimal, error) {
		if v, ok := table[m]; ok && cur == "EUR" {
			return d(t, v), nil
		}
		return decimal.Decimal{}, fmt.Errorf("no rate for %s %s: %w", cur, m, metrics.ErrMissing)
	}
}

// FX is its own movement. Hand-checked: X pays 100 EUR (Jan, Feb) then 150
// EUR (Mar) and churns in Apr; Y pays 10 USD throughout. Rates 1.10, 1.20,
// 1.00, 1.00 USD per EUR.
//
//	Feb: FX = 100 × (1.20 − 1.10) = 10, retained
//	Mar: FX = 100 × (1.00 − 1.20) = −20, expansion = (150 − 100) × 1.00 = 50
//	Apr: churn = 150 (Mar's converted MRR)
func TestLedgerFX(t *testing.T) {
	eur := func(s string) metrics.Money { return money(t, d(t, s), "EUR") }
	rows := []Row{
		ledgerRow(t, "X", "", "2024-01", eur("100")), ledgerRow(t, "X", "", "2024-02", eur("100")), ledgerRow(t, "X", "", "2024-03", eur("150")),
		ledgerRow(t, "Y", "", "2024-01", usd(t, "10")), ledgerRow(t, "Y", "", "2024-02", usd(t, "10")), ledgerRow(t, "Y", "", "2024-03", usd(t, "10")), ledgerRow(t, "Y", "", "2024-04", usd(t, "10")),
	}
	l, err := BuildSorted(ledgerSeq(rows), Options{Currency: "USD", Rates: ledgerEURRates(t), KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Summary{
		ledgerSum(t, "2024-01", "0", "120", "0", "0", "0", "0", "120", [10]int64{0, 2, 0, 0, 2, 0, 0, 0, 0, 0}),
		ledgerSum(t, "2024-02", "120", "0", "0", "0", "0", "0", "130", [10]int64{2, 0, 0, 0, 2, 0, 0, 2, 0, 0}),
		ledgerSum(t, "2024-03", "130", "0", "50", "0", "0", "0", "160", [10]int64{2, 0, 0, 0, 2, 1, 0, 1, 0, 0}),
		ledgerSum(t, "2024-04", "160", "0", "0", "0", "150", "0", "10", [10]int64{2, 0, 0, 1, 1, 0, 0, 1, 0, 0}),
	}
	want[1].FX, want[2].FX = usd(t, "10"), usd(t, "-20")
	if diff := cmp.Diff(want, l.Months(), ledgerMonthCmp); diff != "" {
		t.Errorf("FX ledger (-want +got):\n%s", diff)
	}
	fx, err := l.Movements(ledgerMon(t, "2024-03"), MovementFX)
	if err != nil || len(fx) != 1 || !fx[0].Amount.Equal(usd(t, "-20")) || !fx[0].From.Equal(usd(t, "120")) || !fx[0].To.Equal(usd(t, "150")) {
		t.Errorf("March FX movements = %+v, %v", fx, err)
	}
	// A month whose rate is missing rejects the row (field currency).
	bad := append(rows, ledgerRow(t, "Z", "", "2024-05", eur("1")))
	if _, err := Build(ledgerSeq(bad), Options{Currency: "USD", Rates: ledgerEURRates(t)}); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("missing rate: %v", err)
	}
}

// With random rates and currencies, the identities hold, the two builds agree
// and shards merge exactly.
func TestLedgerFXProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := genLedgerRows(t)
		curs := []string{"USD", "EUR", "GBP"}
		for i := range rows {
			rows[i].MRR = money(t, rows[i].MRR.Amount(), curs[rapid.IntRange(0, 2).Draw(t, "cur")])
		}
		rates := map[string]decimal.Decimal{}
		rate := func(cur string, m metrics.Month) (decimal.Decimal, error) {
			k := cur + m.String()
			if _, ok := rates[k]; !ok {
				return decimal.Decimal{}, fmt.Errorf("rate %s not drawn", k)
			}
			return rates[k], nil
		}
		base, _ := metrics.NewMonth(2023, 11)
		for _, c := range curs[1:] {
			for k := 0; k < 16; k++ {
				rates[c+base.Add(k).String()] = decimal.New(rapid.Int64Range(1, 300).Draw(t, "rate"), -2)
			}
		}
		opts := Options{Currency: "USD", Lenient: true, Rates: rate}
		a, err := BuildSorted(ledgerSeq(ledgerSortRows(rows)), opts)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Build(ledgerSeq(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		ledgerCheckIdentities(t, a.Months())
		if diff := cmp.Diff(a.Months(), b.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("builds differ:\n%s", diff)
		}
		var left, right []Row
		for _, r := range rows {
			if r.Customer < "c" {
				left = append(left, r)
			} else {
				right = append(right, r)
			}
		}
		l1, err1 := Build(ledgerSeq(left), opts)
		l2, err2 := Build(ledgerSeq(right), opts)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		m, err := l1.Merge(l2)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a.Months(), m.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("merge differs:\n%s", diff)
		}
	})
}

// LTV under each Conventions.LTVChurn on the hand-checked data set.
//
//	Trailing 6 at Jul: monthly logo churn Feb 0/3, Mar 0/4, Apr 2/4, May 0/3,
//	Jun 0/3 (Jan has no customers at its start, skipped): average 1/10;
//	ARPA = 510 ÷ 5 = 102; LTV = 102 ÷ 0.1 = 1020.
//	Current at Apr: churn 2/4; LTV = 230 ÷ (3 × 0.5) = 153.333333333333 (12 places, half even).
func TestLedgerLTV(t *testing.T) {
	build := func(c Conventions) *Ledger {
		l, err := BuildSorted(ledgerSeq(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true, Conventions: c})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	trailing, current, retention := build(Conventions{}), build(Conventions{LTVChurn: LTVChurnCurrent}), build(Conventions{LTVChurn: LTVChurnOneMinusRetention})
	// Trailing 2 at Jun: May 0/3 and Apr 2/4 average 1/4 (the furthest
	// month of the window counts); ARPA = (120 + 250 + 60 + 70) ÷ 4 = 125;
	// LTV = 125 ÷ 1/4 = 500. Trailing 5 at Jun reaches Jan, which has no
	// customers at its start: Feb–May average (0 + 0 + 1/2 + 0) ÷ 4 = 1/8,
	// LTV 1000.
	two, five := build(Conventions{LTVTrailingMonths: 2}), build(Conventions{LTVTrailingMonths: 5})
	for _, tc := range []struct {
		name string
		l    *Ledger
		m    string
		want string
		err  error
	}{
		{"trailing Jul", trailing, "2024-07", "1020", nil},
		{"trailing 2 at Jun", two, "2024-06", "500", nil},
		{"trailing 5 at Jun", five, "2024-06", "1000", nil},
		{"trailing Jan: no trailing month", trailing, "2024-01", "", metrics.ErrEmpty},
		{"trailing Feb: Jan has no start customers", trailing, "2024-02", "", metrics.ErrEmpty},
		{"trailing Mar: zero churn", trailing, "2024-03", "", metrics.ErrZeroDenominator},
		{"trailing outside span", trailing, "2024-08", "", metrics.ErrUnknownMonth},
		{"current Apr", current, "2024-04", "153.333333333333", nil},
		{"current Jul: zero churn", current, "2024-07", "", metrics.ErrZeroDenominator},
		{"1 − retention Apr", retention, "2024-04", "153.333333333333", nil},
		{"1 − retention Jan: no start customers", retention, "2024-01", "", metrics.ErrZeroDenominator},
	} {
		got, err := tc.l.LTV(ledgerMon(t, tc.m))
		if tc.err != nil {
			var me *metrics.MetricError
			if !errors.Is(err, tc.err) || !errors.As(err, &me) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || !got.Equal(usd(t, tc.want)) {
			t.Errorf("%s: LTV = %v, %v; want %s", tc.name, got, err, tc.want)
		}
	}
}

// The summary's rates, hand-checked on Q2 of the hand data set: start 470,
// new 40, expansion 20, contraction 30, churn 250, reactivation 250, end 500.
func TestSummaryRates(t *testing.T) {
	l, err := BuildSorted(ledgerSeq(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	q2, _ := metrics.NewQuarter(2024, 2)
	s, err := l.Quarter(q2)
	if err != nil {
		t.Fatal(err)
	}
	frac := func(n, d int64) metrics.Ratio { return ledgerMust(metrics.NewRatio(n, d)) }
	for _, tc := range []struct {
		name string
		got  func() (metrics.Ratio, error)
		want metrics.Ratio
	}{
		{"quick ratio (40+20+250)/(30+250)", s.QuickRatio, frac(310, 280)},
		{"growth (500−470)/470", s.Growth, frac(30, 470)},
	} {
		got, err := tc.got()
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// Retention rates over a quarter would mix in the quarter's new customers:
	// they are one-month rates (cohort.SpanRetention gives the cohort figure).
	for name, f := range map[string]func() (metrics.Ratio, error){"gross": s.GrossMRRChurnRate, "net": s.NetMRRChurnRate, "nrr": s.NRR, "grr": s.GRR} {
		if _, err := f(); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s over a quarter: %v, want ErrInvalid", name, err)
		}
	}
	if a, err := s.ARPA(); err != nil || !a.Equal(usd(t, "125")) { // 500 ÷ 4
		t.Errorf("ARPA = %v, %v", a, err)
	}
	if n := s.NetNew(); !n.Equal(usd(t, "30")) {
		t.Errorf("NetNew = %v", n)
	}
	arr := s.Annualized()
	if !arr.Start.Equal(usd(t, "5640")) || !arr.End.Equal(usd(t, "6000")) || !arr.Churn.Equal(usd(t, "3000")) || arr.EndCustomers != 4 {
		t.Errorf("Annualized = %+v", arr)
	}
}

// Every exported function of the ledger returns the right sentinel, wrapped
// in a *RowError (rows) or *MetricError (everything else).
func TestLedgerErrors(t *testing.T) {
	jan := "2024-01"
	ok := ledgerRow(t, "A", "", jan, usd(t, "1"))
	type build func([]Row, Options) error
	sorted := func(r []Row, o Options) error { _, err := BuildSorted(ledgerSeq(r), o); return err }
	unsorted := func(r []Row, o Options) error { _, err := Build(ledgerSeq(r), o); return err }
	usdOpts := Options{Currency: "USD"}
	failRate := func(string, metrics.Month) (decimal.Decimal, error) { return decimal.Decimal{}, metrics.ErrInvalid }
	zeroRate := func(string, metrics.Month) (decimal.Decimal, error) { return decimal.Decimal{}, nil }
	rowCases := []struct {
		name  string
		rows  []Row
		opts  Options
		want  error
		field string
	}{
		{"no customer", []Row{ledgerRow(t, "", "", jan, usd(t, "1"))}, usdOpts, metrics.ErrMissing, "customer"},
		{"zero month", []Row{{Customer: "A", MRR: usd(t, "1")}}, usdOpts, metrics.ErrInvalid, "month"},
		{"negative", []Row{ledgerRow(t, "A", "", jan, usd(t, "-0.01"))}, usdOpts, metrics.ErrNegative, "mrr"},
		{"no currency", []Row{ledgerRow(t, "A", "", jan, metrics.Money{})}, usdOpts, metrics.ErrMissing, "currency"},
		{"other currency without rates", []Row{ledgerRow(t, "A", "", jan, money(t, d(t, "1"), "EUR"))}, usdOpts, metrics.ErrCurrencyMismatch, "currency"},
		{"rate fails", []Row{ledgerRow(t, "A", "", jan, money(t, d(t, "1"), "EUR"))}, Options{Currency: "USD", Rates: failRate}, metrics.ErrInvalid, "currency"},
		{"zero rate", []Row{ledgerRow(t, "A", "", jan, money(t, d(t, "1"), "EUR"))}, Options{Currency: "USD", Rates: zeroRate}, metrics.ErrOutOfRange, "currency"},
		{"after Through", []Row{ledgerRow(t, "A", "", "2024-02", usd(t, "1"))}, Options{Currency: "USD", Through: ledgerMon(t, jan)}, metrics.ErrOutOfRange, "month"},
		{"huge exponent", []Row{ledgerRow(t, "A", "", jan, money(t, decimal.New(1, 5000), "USD"))}, usdOpts, metrics.ErrOutOfRange, "mrr"},
		{"duplicate", []Row{ok, ok}, usdOpts, metrics.ErrDuplicate, "subscription"},
	}
	for _, tc := range rowCases {
		for name, b := range map[string]build{"sorted": sorted, "unsorted": unsorted} {
			err := b(tc.rows, tc.opts)
			var re *metrics.RowError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("%s (%s): err = %v, want %v in field %s", tc.name, name, err, tc.want, tc.field)
			}
		}
	}
	// A malformed currency ("E1R") cannot reach the ledger in a Money any
	// more (NewMoney refuses it): the CSV reader rejects the record in field
	// currency, and either build stops there.
	if _, err := metrics.NewMoney(d(t, "1"), "E1R"); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("NewMoney(1, E1R): %v, want ErrInvalid", err)
	}
	for name, b := range map[string]func(iter.Seq2[Row, error], Options) (*Ledger, error){"sorted": BuildSorted, "unsorted": Build} {
		_, err := b(NewCSVReader(strings.NewReader("customer,month,mrr,currency\nA,2024-01,1,E1R\n")).Rows(), usdOpts)
		var re *metrics.RowError
		if !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &re) || re.Field != "currency" {
			t.Errorf("bad currency (%s): err = %v, want ErrInvalid in field currency", name, err)
		}
	}
	// Out of order: only the sorted path cares, in lenient mode too.
	for _, rows := range [][]Row{
		{ledgerRow(t, "B", "", jan, usd(t, "1")), ledgerRow(t, "A", "", jan, usd(t, "1"))},
		{ledgerRow(t, "A", "", "2024-02", usd(t, "1")), ledgerRow(t, "A", "", jan, usd(t, "1"))},
	} {
		_, err := BuildSorted(ledgerSeq(rows), Options{Currency: "USD", Lenient: true})
		var re *metrics.RowError
		if !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &re) || re.Field != "order" || re.Record != 2 {
			t.Errorf("out of order: %v", err)
		}
		if err := unsorted(rows, usdOpts); err != nil {
			t.Errorf("Build on unsorted rows: %v", err)
		}
	}

	l, err := BuildSorted(ledgerSeq(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	logged, err := BuildSorted(ledgerSeq(ledgerHandRows(t)), Options{Currency: "USD", Lenient: true, KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	q4, _ := metrics.NewQuarter(2023, 4)
	other := func(o Options) *Ledger {
		x, err := Build(ledgerSeq([]Row{ledgerRow(t, "Z", "", jan, money(t, d(t, "1"), o.Currency))}), o)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	empty := Summary{}
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"options: no currency", sorted(nil, Options{}), metrics.ErrMissing},
		{"options: bad currency", unsorted(nil, Options{Currency: "dollars"}), metrics.ErrInvalid},
		{"options: bad conventions", sorted(nil, Options{Currency: "USD", Conventions: Conventions{MinHistoryMonths: -1}}), metrics.ErrOutOfRange},
		{"Month outside", second(l.Month(ledgerMon(t, "2023-12"))), metrics.ErrUnknownMonth},
		{"Span reversed", second(l.Span(ledgerMon(t, "2024-03"), ledgerMon(t, "2024-02"))), metrics.ErrUnknownMonth},
		{"Span past the end", second(l.Span(ledgerMon(t, "2024-03"), ledgerMon(t, "2024-08"))), metrics.ErrUnknownMonth},
		{"Quarter outside", second(l.Quarter(q4)), metrics.ErrUnknownMonth},
		{"Year outside", second(l.Year(2023)), metrics.ErrUnknownMonth},
		{"Year invalid", second(l.Year(0)), metrics.ErrOutOfRange},
		{"Movements without log", second(l.Movements(ledgerMon(t, jan), MovementNew)), metrics.ErrMissing},
		{"Movements inactive", second(logged.Movements(ledgerMon(t, jan), MovementInactive)), metrics.ErrInvalid},
		{"Movements outside", second(logged.Movements(ledgerMon(t, "2025-01"), MovementNew)), metrics.ErrUnknownMonth},
		{"LTV outside", second(l.LTV(ledgerMon(t, "2025-01"))), metrics.ErrUnknownMonth},
		{"Merge nil", second(l.Merge(nil)), metrics.ErrMissing},
		{"Merge currency", second(l.Merge(other(Options{Currency: "EUR", Lenient: true}))), metrics.ErrCurrencyMismatch},
		{"Merge through", second(l.Merge(other(Options{Currency: "USD", Lenient: true, Through: ledgerMon(t, "2024-09")}))), metrics.ErrInvalid},
		{"Merge log", second(l.Merge(logged)), metrics.ErrInvalid},
		{"Merge conventions", second(l.Merge(other(Options{Currency: "USD", Lenient: true, Conventions: Recommended()}))), metrics.ErrInvalid},
		{"Merge overlap (log)", second(logged.Merge(logged)), metrics.ErrDuplicate},
		{"LogoChurnRate no start", second(empty.LogoChurnRate()), metrics.ErrZeroDenominator},
		{"LogoChurnRate bad conventions", second(under(empty, Conventions{LTVChurn: 9}).LogoChurnRate()), metrics.ErrOutOfRange},
		{"GrossMRRChurnRate", second(empty.GrossMRRChurnRate()), metrics.ErrZeroDenominator},
		{"NetMRRChurnRate", second(empty.NetMRRChurnRate()), metrics.ErrZeroDenominator},
		{"NRR", second(empty.NRR()), metrics.ErrZeroDenominator},
		{"GRR", second(empty.GRR()), metrics.ErrZeroDenominator},
		{"QuickRatio", second(empty.QuickRatio()), metrics.ErrZeroDenominator},
		{"Growth", second(empty.Growth()), metrics.ErrZeroDenominator},
		{"ARPA", second(empty.ARPA()), metrics.ErrZeroDenominator},
		{"Anomalies K", second(l.Anomalies(AnomalyOptions{K: d(t, "-1")})), metrics.ErrOutOfRange},
		{"Anomalies window", second(l.Anomalies(AnomalyOptions{TrailingMonths: -1})), metrics.ErrOutOfRange},
		{"Anomalies floor", second(l.Anomalies(AnomalyOptions{Floor: pctR(t, "-1")})), metrics.ErrOutOfRange},
		{"Anomalies min deviation currency", second(l.Anomalies(AnomalyOptions{MinDeviation: money(t, d(t, "1"), "EUR")})), metrics.ErrCurrencyMismatch},
		{"Anomalies min deviation negative", second(l.Anomalies(AnomalyOptions{MinDeviation: usd(t, "-1")})), metrics.ErrNegative},
	}
	for _, tc := range cases {
		var me *metrics.MetricError
		if !errors.Is(tc.err, tc.want) || !errors.As(tc.err, &me) {
			t.Errorf("%s: err = %v, want %v in a *MetricError", tc.name, tc.err, tc.want)
		}
	}
}

// End-of-span churn: a customer paying in the last month is not churned,
// and a shard that ends early is churned only once merged with a later one.
func TestLedgerEndOfSpanChurn(t *testing.T) {
	early := []Row{ledgerRow(t, "A", "", "2024-01", usd(t, "10")), ledgerRow(t, "A", "", "2024-02", usd(t, "10"))}
	late := []Row{ledgerRow(t, "B", "", "2024-01", usd(t, "5")), ledgerRow(t, "B", "", "2024-04", usd(t, "5"))}
	a, _ := Build(ledgerSeq(early), Options{Currency: "USD"})
	if s := a.Months(); len(s) != 2 || s[1].ChurnedCustomers != 0 || s[1].EndCustomers != 1 {
		t.Fatalf("early shard alone = %+v", s)
	}
	b, _ := Build(ledgerSeq(late), Options{Currency: "USD"})
	m, err := a.Merge(b)
	if err != nil {
		t.Fatal(err)
	}
	mar, _ := m.Month(ledgerMon(t, "2024-03"))
	if mar.ChurnedCustomers != 1 || !mar.Churn.Equal(usd(t, "10")) {
		t.Errorf("merged March = %+v; want A's churn of 10", mar)
	}
	// With Through, the span runs on and the churn appears in a single shard.
	c, _ := Build(ledgerSeq(early), Options{Currency: "USD", Through: ledgerMon(t, "2024-04")})
	if mar, _ := c.Month(ledgerMon(t, "2024-03")); mar.ChurnedCustomers != 1 || c.Last() != ledgerMon(t, "2024-04") {
		t.Errorf("Through: March = %+v", mar)
	}
}

// Anomalies: one new customer of 100 a month (net change +100 each month),
// then 5,100 in month 9 (flagged: median 100, MAD 0, floor 10% × 100 = 10,
// 5 × 10 = 50 < 5,000) and 120 in month 10 (not flagged: deviation 20 ≤ 50;
// the robust window ignores month 9's outlier).
func TestLedgerAnomalies(t *testing.T) {
	var rows []Row
	start := ledgerMon(t, "2024-01")
	add := func(c string, first int, amt string) {
		for k := first; k < 10; k++ {
			rows = append(rows, Row{Customer: c, Month: start.Add(k), MRR: usd(t, amt)})
		}
	}
	for i := 0; i < 8; i++ {
		add(fmt.Sprintf("c%d", i), i, "100")
	}
	add("big", 8, "5100")
	add("late", 9, "120")
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Anomalies(AnomalyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Anomaly{{Month: start.Add(8), Measure: AnomalyMRRChange, Value: usd(t, "5100"), Median: usd(t, "100"), MAD: usd(t, "0"), Scale: usd(t, "10")}}
	if diff := cmp.Diff(want, got, ledgerMonthCmp); diff != "" {
		t.Errorf("anomalies (-want +got):\n%s", diff)
	}
	// A minimum deviation above 5,000 silences it.
	if got, _ := l.Anomalies(AnomalyOptions{MinDeviation: usd(t, "5000")}); len(got) != 0 {
		t.Errorf("with MinDeviation 5000: %+v", got)
	}
}

// The ledger family's definitions are valid and registered exactly once
// beside the stand-alone metrics' (package catalog assembles the complete
// dictionary from the same two lists; it imports mrr, so this test cannot).
func TestLedgerDefinitions(t *testing.T) {
	dict, err := metrics.NewDictionary(metrics.Definitions(), Definitions())
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, def := range dict.All() {
		count[def.ID]++
	}
	for _, def := range Definitions() {
		if err := def.Validate(); err != nil {
			t.Error(err)
		}
		if count[def.ID] != 1 {
			t.Errorf("definition %q is registered %d times, want once", def.ID, count[def.ID])
		}
	}
}

// Published examples, reproduced through the ledger.
func TestLedgerPublishedExamples(t *testing.T) {
	q1, _ := metrics.NewQuarter(2024, 1)
	dec := ledgerMon(t, "2023-12")
	var rows []Row
	pay := func(c string, from, to metrics.Month, amt string) {
		for m := from; !m.After(to); m = m.Add(1) {
			rows = append(rows, Row{Customer: c, Month: m, MRR: usd(t, amt)})
		}
	}

	// ChartMogul B2B customer churn (help.chartmogul.com/hc/en-us/articles/203359321):
	// 100 customers at the start, 11 cancel, one of whom joined in the same
	// period: 10 / 100 = 10%. Period = Q1 2024: 100 customers pay in Dec; 10
	// of them stop after Jan (churn in Feb); one joins in Jan and stops (churn
	// in Feb).
	for i := 0; i < 100; i++ {
		to := ledgerMon(t, "2024-03")
		if i < 10 {
			to = ledgerMon(t, "2024-01")
		}
		pay(fmt.Sprintf("c%03d", i), dec, to, "50")
	}
	pay("joiner", ledgerMon(t, "2024-01"), ledgerMon(t, "2024-01"), "50")
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.Quarter(q1)
	if err != nil {
		t.Fatal(err)
	}
	if s.StartCustomers != 100 || s.ChurnedCustomers != 11 || s.JoinedAndChurnedCustomers != 1 {
		t.Fatalf("Q1 = %+v", s)
	}
	if r, err := s.LogoChurnRate(); err != nil || !r.Equal(pctR(t, "10")) {
		t.Errorf("ChartMogul churn = %v, %v; want 10%%", r, err)
	}
	// Stripe (support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing):
	// the joiner counts in numerator and denominator: 11 ÷ (100 + 1).
	stripe := Conventions{ChurnDenominator: DenominatorStartPlusNew, JoinedAndChurned: IncludeJoinedAndChurned}
	if r, err := under(s, stripe).LogoChurnRate(); err != nil || !r.Equal(ledgerMust(metrics.NewRatio(11, 101))) {
		t.Errorf("Stripe churn = %v, %v; want 11/101", r, err)
	}

	// ChartMogul ARPA (help.chartmogul.com/hc/en-us/articles/203359301):
	// customers paying 1, 1, 3, 5 and 5 → 15 ÷ 5 = 3; one of them with two
	// subscriptions (2 + 3) counts once.
	arpaRows := []Row{
		ledgerRow(t, "1", "", "2024-01", usd(t, "1")), ledgerRow(t, "2", "", "2024-01", usd(t, "1")), ledgerRow(t, "3", "", "2024-01", usd(t, "3")),
		ledgerRow(t, "4", "", "2024-01", usd(t, "5")), ledgerRow(t, "5", "a", "2024-01", usd(t, "2")), ledgerRow(t, "5", "b", "2024-01", usd(t, "3")),
	}
	al, err := Build(ledgerSeq(arpaRows), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	jan, _ := al.Month(ledgerMon(t, "2024-01"))
	if a, err := jan.ARPA(); err != nil || !a.Equal(usd(t, "3")) {
		t.Errorf("ChartMogul ARPA = %v, %v; want 3", a, err)
	}

	// ChartMogul LTV (help.chartmogul.com/hc/en-us/articles/203359061): ARPA
	// $100 and a 5% six-month trailing average churn give $2,000. Twenty
	// customers at $100; in each of the six months before Jul 2024 one leaves
	// (1/20 = 5%) and one joins.
	rows = nil
	start := ledgerMon(t, "2024-01")
	jul := ledgerMon(t, "2024-07")
	for i := 0; i < 14; i++ {
		pay(fmt.Sprintf("stay%02d", i), start, jul, "100")
	}
	for i := 1; i <= 6; i++ {
		pay(fmt.Sprintf("leave%d", i), start, start.Add(i-1), "100") // churns in month i
		pay(fmt.Sprintf("join%d", i), start.Add(i), jul, "100")
	}
	ll, err := Build(ledgerSeq(rows), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := ll.LTV(jul); err != nil || !v.Equal(usd(t, "2000")) {
		t.Errorf("ChartMogul LTV = %v, %v; want 2000", v, err)
	}
}
