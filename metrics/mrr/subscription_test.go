package mrr

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func monthly(cust, id, amount string, start, end time.Time) Subscription {
	a, _ := metrics.ParseMoney(amount, "USD")
	return Subscription{Customer: cust, ID: id, Amount: a, Interval: Interval{1, IntervalMonth}, Start: start, End: end}
}

// Normalisation table: each interval, quantity, discount and status rule.
func TestSubscriptionMRR(t *testing.T) {
	jan, mar := mustMonth(t, "2024-01"), mustMonth(t, "2024-03")
	base := monthly("c", "s", "100", date(2024, 1, 1), time.Time{})
	with := func(f func(*Subscription)) Subscription { s := base; f(&s); return s }
	tests := []struct {
		name string
		sub  Subscription
		m    metrics.Month
		conv Conventions
		want string
	}{
		{"monthly", base, jan, Recommended(), "100"},
		{"annual 12,000 is 1,000 a month", with(func(s *Subscription) { s.Amount = usd(t, "12000"); s.Interval = Interval{1, IntervalYear} }), jan, Recommended(), "1000"},
		{"12-month interval", with(func(s *Subscription) { s.Amount = usd(t, "1200"); s.Interval = Interval{12, IntervalMonth} }), jan, Recommended(), "100"},
		{"quarterly ÷ 3", with(func(s *Subscription) { s.Amount = usd(t, "300"); s.Interval = Interval{3, IntervalMonth} }), jan, Recommended(), "100"},
		{"annual 100 rounds once to 12 places", with(func(s *Subscription) { s.Interval = Interval{1, IntervalYear} }), jan, Recommended(), "8.333333333333"},
		{"weekly × 52/12", with(func(s *Subscription) { s.Interval = Interval{1, IntervalWeek} }), jan, Recommended(), "433.333333333333"},
		{"weekly × 4.33", with(func(s *Subscription) { s.Interval = Interval{1, IntervalWeek} }), jan, Conventions{WeeklyMultiplier: Weekly433}, "433"},
		{"weekly × 4", with(func(s *Subscription) { s.Interval = Interval{1, IntervalWeek} }), jan, Conventions{WeeklyMultiplier: Weekly4}, "400"},
		{"fortnightly", with(func(s *Subscription) { s.Interval = Interval{2, IntervalWeek} }), jan, Conventions{WeeklyMultiplier: Weekly4}, "200"},
		{"daily × 365/12", with(func(s *Subscription) { s.Amount = usd(t, "12"); s.Interval = Interval{1, IntervalDay} }), jan, Recommended(), "365"},
		{"quantity", with(func(s *Subscription) { s.Quantity = 5; s.Amount = usd(t, "20") }), jan, Recommended(), "100"},
		{"20% forever", with(func(s *Subscription) { s.Discounts = []Discount{{Percent: metrics.Percent(20)}} }), mar, Recommended(), "80"},
		{"amount off, annual", with(func(s *Subscription) {
			s.Amount, s.Interval = usd(t, "1200"), Interval{1, IntervalYear}
			s.Discounts = []Discount{{Amount: usd(t, "120")}}
		}), mar, Recommended(), "90"},
		{"repeating discount still on", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountRepeating, Months: 3}}
		}), mar, Recommended(), "50"},
		{"repeating discount expired", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountRepeating, Months: 2}}
		}), mar, Recommended(), "100"},
		{"once discount not MRR (recurring policy)", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountOnce}}
		}), jan, Recommended(), "100"},
		{"once discount, all-discounts policy", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountOnce}}
		}), jan, ProfitWell(), "50"},
		{"forever-only ignores repeating", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountRepeating, Months: 3}}
		}), jan, Conventions{Discounts: ForeverDiscountsOnly}, "100"},
		{"no-discount policy", with(func(s *Subscription) { s.Discounts = []Discount{{Percent: metrics.Percent(50)}} }), jan, Conventions{Discounts: NoDiscounts}, "100"},
		{"discounts floor at zero", with(func(s *Subscription) {
			s.Discounts = []Discount{{Percent: metrics.Percent(80)}, {Amount: usd(t, "50")}}
		}), jan, Recommended(), "0"},
		{"trialing", with(func(s *Subscription) { s.Status = StatusTrialing }), jan, Recommended(), "0"},
		{"trial month", with(func(s *Subscription) { s.TrialEnd = date(2024, 2, 1) }), jan, Recommended(), "0"},
		{"after trial", with(func(s *Subscription) { s.TrialEnd = date(2024, 1, 15) }), jan, Recommended(), "100"},
		{"one-off", with(func(s *Subscription) { s.Charge = ChargeOneOff }), jan, Recommended(), "0"},
		{"metered", with(func(s *Subscription) { s.Charge = ChargeMetered }), jan, Recommended(), "0"},
		{"free", with(func(s *Subscription) { s.Charge = ChargeFree }), jan, Recommended(), "0"},
		{"paused is zero", with(func(s *Subscription) { s.Status, s.PausedFrom = StatusPaused, date(2024, 2, 10) }), mar, Recommended(), "0"},
		{"paused before pause", with(func(s *Subscription) { s.Status, s.PausedFrom = StatusPaused, date(2024, 2, 10) }), jan, Recommended(), "100"},
		{"paused keeps MRR", with(func(s *Subscription) { s.Status, s.PausedFrom = StatusPaused, date(2024, 2, 10) }), mar, Conventions{Paused: PausedKeepsMRR}, "100"},
		{"before start", with(func(s *Subscription) { s.Start = date(2024, 2, 1) }), jan, Recommended(), "0"},
		{"starts mid-month: counts (active at month end)", with(func(s *Subscription) { s.Start = date(2024, 1, 20) }), jan, Recommended(), "100"},
		{"starts and ends within a month: never MRR", with(func(s *Subscription) { s.Start, s.End = date(2024, 1, 5), date(2024, 1, 20) }), jan, Recommended(), "0"},
		{"ends on the 1st: the month before counts", with(func(s *Subscription) { s.End = date(2024, 3, 1) }), mar, Recommended(), "0"},
		{"cancelled, period end: still counts", with(func(s *Subscription) { s.CancelledAt, s.End = date(2024, 3, 10), date(2024, 4, 1) }), mar, Recommended(), "100"},
		{"cancelled, at cancellation: gone", with(func(s *Subscription) { s.CancelledAt, s.End = date(2024, 3, 10), date(2024, 4, 1) }), mar, Conventions{ChurnTiming: ChurnAtCancellation}, "0"},
		{"past due within grace", with(func(s *Subscription) { s.Status, s.End = StatusPastDue, date(2024, 3, 20) }), mar, Conventions{PastDueGraceDays: 14}, "100"},
		{"past due, cancelled inside the grace window, at cancellation", with(func(s *Subscription) {
			s.Status, s.End, s.CancelledAt = StatusPastDue, date(2024, 3, 20), date(2024, 3, 25)
		}), mar, Conventions{PastDueGraceDays: 14, ChurnTiming: ChurnAtCancellation}, "0"},
		{"past due beyond grace", with(func(s *Subscription) { s.Status, s.End = StatusPastDue, date(2024, 3, 10) }), mar, Conventions{PastDueGraceDays: 14}, "0"},
	}
	for _, tc := range tests {
		got, err := tc.sub.MRR(tc.m, tc.conv)
		if err != nil || !got.Amount().Equal(d(t, tc.want)) || got.Currency() != "USD" {
			t.Errorf("%s: MRR = %v, %v; want %s USD", tc.name, got, err, tc.want)
		}
	}
}

func TestSubscriptionValidate(t *testing.T) {
	good := monthly("c", "s", "100", date(2024, 1, 1), time.Time{})
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field string
		f     func(*Subscription)
		want  error
	}{
		{"customer", func(s *Subscription) { s.Customer = "" }, metrics.ErrMissing},
		{"id", func(s *Subscription) { s.ID = "" }, metrics.ErrMissing},
		{"currency", func(s *Subscription) { s.Amount = metrics.Money{} }, metrics.ErrMissing},
		{"amount", func(s *Subscription) { s.Amount = usd(t, "-1") }, metrics.ErrNegative},
		{"quantity", func(s *Subscription) { s.Quantity = -1 }, metrics.ErrNegative},
		{"interval", func(s *Subscription) { s.Interval = Interval{} }, metrics.ErrInvalid},
		{"interval", func(s *Subscription) { s.Interval = Interval{1, IntervalUnit(9)} }, metrics.ErrInvalid},
		{"start", func(s *Subscription) { s.Start = time.Time{} }, metrics.ErrMissing},
		{"end", func(s *Subscription) { s.End = date(2023, 12, 1) }, metrics.ErrInvalid},
		{"cancelled_at", func(s *Subscription) { s.CancelledAt = date(2023, 12, 1) }, metrics.ErrInvalid},
		{"paused_from", func(s *Subscription) { s.Status = StatusPaused }, metrics.ErrMissing},
		{"status", func(s *Subscription) { s.Status = SubscriptionStatus(9) }, metrics.ErrInvalid},
		{"charge", func(s *Subscription) { s.Charge = ChargeKind(9) }, metrics.ErrInvalid},
		{"discounts[0].percent", func(s *Subscription) { s.Discounts = []Discount{{Percent: metrics.Percent(101)}} }, metrics.ErrOutOfRange},
		{"discounts[0].amount", func(s *Subscription) { s.Discounts = []Discount{{Amount: money(t, d(t, "1"), "EUR")}} }, metrics.ErrCurrencyMismatch},
		{"discounts[0].months", func(s *Subscription) { s.Discounts = []Discount{{Duration: DiscountRepeating}} }, metrics.ErrOutOfRange},
	}
	for _, tc := range tests {
		s := good
		tc.f(&s)
		err := s.Validate()
		var re *metrics.RowError
		if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
			t.Errorf("%s: %v, want %v on field %s", tc.field, err, tc.want, tc.field)
		}
		if _, err := s.MRR(mustMonth(t, "2024-01"), Recommended()); !errors.Is(err, tc.want) {
			t.Errorf("%s: MRR error %v", tc.field, err)
		}
	}
	// A malformed currency ("DOLLARS") can no longer be held in a Money
	// (NewMoney refuses it), so no record carries one: it is refused where
	// it is read, by the subscription CSV reader, as the record's error in
	// field currency.
	if _, err := metrics.NewMoney(d(t, "1"), "DOLLARS"); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("NewMoney(1, DOLLARS): %v, want ErrInvalid", err)
	}
	in := "customer,subscription,amount,currency,interval,start\nc,s,1,DOLLARS,1 month,2024-01-01\n"
	subs, errs := drain(NewSubscriptionCSVReader(strings.NewReader(in)).Subscriptions())
	var re *metrics.RowError
	if len(subs) != 0 || len(errs) != 1 || !errors.Is(errs[0], metrics.ErrInvalid) || !errors.As(errs[0], &re) || re.Field != "currency" {
		t.Errorf("currency DOLLARS in CSV: %v, %v; want ErrInvalid in field currency", subs, errs)
	}
}

// subs15 is the acceptance data set of issue 3: 17 customers over 2024 with
// annual, quarterly and weekly plans, a discount that expires, trials (one
// converting, one not), a second subscription, a cancellation of one of two
// subscriptions, churns, a reactivation, a downgrade by plan change, a
// cancellation inside a paid period and a one-off charge. Monthly MRR by
// customer (Jan..Dec), computed by hand:
//
//	c01 monthly 100                              100 ×12
//	c02 annual 1,200 → 100                       100 ×12
//	c03 200 with 50% off for 3 months            100 100 100 | 200 from Apr   (expansion +100 Apr)
//	c04 100, trial until Mar 1                   0 0 | 100 from Mar           (new Mar)
//	c05 100, second subscription 50 from May     100 ×4 | 150 from May        (expansion +50 May)
//	c06 two subscriptions of 100, one ends Jul 1 200 ×6 | 100 from Jul        (contraction −100 Jul)
//	c07 300, ends Jun 1                          300 ×5 | 0                   (churn −300 Jun)
//	c08 100 Feb–Mar, a new subscription from Jul 0 100 100 0 0 0 | 100 from Jul (churn Apr, reactivation Jul)
//	c09 quarterly 300 → 100 from Mar             0 0 | 100 from Mar           (new Mar)
//	c10 weekly 30 × 52/12 = 130                  130 ×12
//	c11 annual 2,400 → 200 from Jun              0 ×5 | 200 from Jun          (new Jun)
//	c12 trialing, never converts                 0 ×12
//	c13 500 until Sep 1, then a 250 plan         500 ×8 | 250 from Sep        (contraction −250 Sep)
//	c14 100 from Oct                             0 ×9 | 100                   (new Oct)
//	c15 80, cancelled Aug 15, paid to Sep 1      80 ×8 | 0                    (churn −80 Sep)
//	c16 one-off 1,000                            0 ×12
//	c17 annual 600 → 50 from Apr                 0 ×3 | 50 from Apr           (new Apr)
func subs15(t testing.TB) []Subscription {
	open := time.Time{}
	m := func(cust, id, amount string, start, end time.Time) Subscription {
		t.Helper()
		return monthly(cust, id, amount, start, end)
	}
	every := func(s Subscription, iv Interval) Subscription { s.Interval = iv; return s }
	c03 := m("c03", "s1", "200", date(2024, 1, 1), open)
	c03.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountRepeating, Months: 3}}
	c04 := m("c04", "s1", "100", date(2024, 1, 1), open)
	c04.TrialEnd = date(2024, 3, 1)
	c12 := m("c12", "s1", "100", date(2024, 2, 1), open)
	c12.Status = StatusTrialing
	c15 := m("c15", "s1", "80", date(2024, 1, 1), date(2024, 9, 1))
	c15.CancelledAt, c15.Status = date(2024, 8, 15), StatusCancelled
	c16 := m("c16", "s1", "1000", date(2024, 1, 1), open)
	c16.Charge = ChargeOneOff
	return []Subscription{
		m("c01", "s1", "100", date(2024, 1, 1), open),
		every(m("c02", "s1", "1200", date(2024, 1, 1), open), Interval{1, IntervalYear}),
		c03, c04,
		m("c05", "s1", "100", date(2024, 1, 1), open),
		m("c05", "s2", "50", date(2024, 5, 1), open),
		m("c06", "s1", "100", date(2024, 1, 1), open),
		m("c06", "s2", "100", date(2024, 1, 1), date(2024, 7, 1)),
		m("c07", "s1", "300", date(2024, 1, 1), date(2024, 6, 1)),
		m("c08", "s1", "100", date(2024, 2, 1), date(2024, 4, 1)),
		m("c08", "s2", "100", date(2024, 7, 1), open),
		every(m("c09", "s1", "300", date(2024, 3, 1), open), Interval{3, IntervalMonth}),
		every(m("c10", "s1", "30", date(2024, 1, 1), open), Interval{1, IntervalWeek}),
		every(m("c11", "s1", "2400", date(2024, 6, 1), open), Interval{1, IntervalYear}),
		c12,
		m("c13", "s1", "500", date(2024, 1, 1), date(2024, 9, 1)),
		m("c13", "s2", "250", date(2024, 9, 1), open),
		m("c14", "s1", "100", date(2024, 10, 1), open),
		c15, c16,
		every(m("c17", "s1", "600", date(2024, 4, 1), open), Interval{1, IntervalYear}),
	}
}

// wf is the part of a Summary the hand computation pins.
type wf struct {
	Start, New, Expansion, Contraction, Churn, Reactivation, End string
	StartC, NewC, ReactC, ChurnC, EndC                           int64
}

func toWF(s Summary) wf {
	f := func(m metrics.Money) string { return dec.Format(m.Amount(), 0) }
	return wf{f(s.Start), f(s.New), f(s.Expansion), f(s.Contraction), f(s.Churn), f(s.Reactivation), f(s.End),
		s.StartCustomers, s.NewCustomers, s.ReactivatedCustomers, s.ChurnedCustomers, s.EndCustomers}
}

// The hand-checked month-by-month waterfall of the acceptance set (see subs15).
func TestSubscriptions15Waterfall(t *testing.T) {
	want := []wf{
		//  start   new  exp  contr churn react  end    logos: start new react churn end
		{"0", "1610", "0", "0", "0", "0", "1610", 0, 9, 0, 0, 9},        // Jan: c01 c02 c03 c05 c06 c07 c10 c13 c15
		{"1610", "100", "0", "0", "0", "0", "1710", 9, 1, 0, 0, 10},     // Feb: c08 new
		{"1710", "200", "0", "0", "0", "0", "1910", 10, 2, 0, 0, 12},    // Mar: c04 (trial over), c09
		{"1910", "50", "100", "0", "100", "0", "1960", 12, 1, 0, 1, 12}, // Apr: c17 new, c03 discount expires, c08 churns
		{"1960", "0", "50", "0", "0", "0", "2010", 12, 0, 0, 0, 12},     // May: c05 second subscription
		{"2010", "200", "0", "0", "300", "0", "1910", 12, 1, 0, 1, 12},  // Jun: c11 new, c07 churns
		{"1910", "0", "0", "100", "0", "100", "1910", 12, 0, 1, 0, 13},  // Jul: c06 cancels one of two, c08 returns
		{"1910", "0", "0", "0", "0", "0", "1910", 13, 0, 0, 0, 13},      // Aug: c15 cancelled but paid to Sep 1
		{"1910", "0", "0", "250", "80", "0", "1580", 13, 0, 0, 1, 12},   // Sep: c13 downgrades, c15 churns
		{"1580", "100", "0", "0", "0", "0", "1680", 12, 1, 0, 0, 13},    // Oct: c14 new
		{"1680", "0", "0", "0", "0", "0", "1680", 13, 0, 0, 0, 13},      // Nov
		{"1680", "0", "0", "0", "0", "0", "1680", 13, 0, 0, 0, 13},      // Dec: nobody churned at the end of the data
	}
	opts := Options{Currency: "USD", Conventions: Recommended(), Through: mustMonth(t, "2024-12")}
	l, err := Build(Expand(seq2(subs15(t)), opts), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []wf
	for _, s := range l.Months() {
		got = append(got, toWF(s))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waterfall (-want +got):\n%s", diff)
	}
	// FromSubscriptions, from the records and from the acceptance file, gives
	// the same waterfall.
	f, err := os.Open("testdata/subscriptions_17.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, src := range map[string]iter.Seq2[Subscription, error]{"records": seq2(subs15(t)), "file": NewSubscriptionCSVReader(f).Subscriptions()} {
		l, err := FromSubscriptions(src, opts)
		if err != nil {
			t.Fatalf("FromSubscriptions (%s): %v", name, err)
		}
		got = nil
		for _, s := range l.Months() {
			got = append(got, toWF(s))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("FromSubscriptions (%s) waterfall (-want +got):\n%s", name, diff)
		}
	}
	// Churn recognised at cancellation moves c15's churn from September to
	// August.
	opts2 := Options{Currency: "USD", Conventions: Conventions{ChurnTiming: ChurnAtCancellation}, Through: mustMonth(t, "2024-12")}
	l2, err := Build(Expand(seq2(subs15(t)), opts2), opts2)
	if err != nil {
		t.Fatal(err)
	}
	aug, _ := l2.Month(mustMonth(t, "2024-08"))
	sep, _ := l2.Month(mustMonth(t, "2024-09"))
	if !aug.Churn.Equal(usd(t, "80")) || !sep.Churn.Equal(usd(t, "0")) {
		t.Errorf("at cancellation: Aug churn %v, Sep churn %v; want 80 and 0", aug.Churn, sep.Churn)
	}
}

func TestExpandErrors(t *testing.T) {
	bad := monthly("", "s1", "100", date(2024, 1, 1), time.Time{})
	subs := []Subscription{monthly("a", "s1", "100", date(2024, 1, 1), time.Time{}), bad, monthly("b", "s1", "100", date(2024, 1, 1), time.Time{})}
	opts := Options{Currency: "USD", Through: mustMonth(t, "2024-02")}
	// Expand yields the bad record in place, as a *RowError naming record 2,
	// and goes on: every row of a and b comes out.
	rows, errs := drain(Expand(seq2(subs), opts))
	var re *metrics.RowError
	if len(rows) != 4 || len(errs) != 1 || !errors.Is(errs[0], metrics.ErrMissing) || !errors.As(errs[0], &re) || re.Record != 2 {
		t.Errorf("expand: %d rows, errors %v", len(rows), errs)
	}
	// Strict: the build stops at it.
	if _, err := BuildSorted(Expand(seq2(subs), opts), opts); !errors.Is(err, metrics.ErrMissing) || !errors.As(err, &re) || re.Record != 2 {
		t.Errorf("strict: err %v", err)
	}
	// Lenient: the build lists it and counts a and b.
	lenient := opts
	lenient.Lenient = true
	l, err := BuildSorted(Expand(seq2(subs), lenient), lenient)
	if err != nil || len(l.Rejected()) != 1 || l.Rejected()[0].Record != 2 {
		t.Fatalf("lenient: %v, rejected %v", err, l.Rejected())
	}
	if feb, _ := l.Month(mustMonth(t, "2024-02")); feb.EndCustomers != 2 {
		t.Errorf("lenient: February %+v, want 2 customers", feb)
	}
	// A subscription running to the last representable month ends there.
	rows, errs = drain(Expand(seq2([]Subscription{monthly("z", "s", "1", date(9999, 11, 1), time.Time{})}), Options{Through: mustMonth(t, "9999-12")}))
	if len(rows) != 2 || len(errs) != 0 {
		t.Errorf("through 9999-12: %d rows, %v", len(rows), errs)
	}
	ancient := monthly("a", "s", "1", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	if err := ancient.Validate(); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("year 0 start: %v", err)
	}
	// Without Through (once ErrMissing), the span ends at the data's last
	// month: here January 2024, the latest date of the valid records.
	rows, errs = drain(Expand(seq2(subs), Options{}))
	want, wantErrs := drain(Expand(seq2(subs), Options{Through: mustMonth(t, "2024-01")}))
	if diff := cmp.Diff(want, rows); diff != "" || len(rows) != 2 || len(errs) != 1 || len(wantErrs) != 1 {
		t.Errorf("no Through: rows (-through 2024-01 +none):\n%s errors %v", diff, errs)
	}
	// Invalid conventions end the stream with their error.
	rows, errs = drain(Expand(seq2(subs), Options{Conventions: Conventions{MinHistoryMonths: -1}}))
	if len(rows) != 0 || len(errs) != 1 || !errors.Is(errs[0], metrics.ErrOutOfRange) {
		t.Errorf("bad conventions: %d rows, %v", len(rows), errs)
	}
}

// Properties of normalisation: an annual plan round-trips to the cent; ARR is
// 12 × MRR; rows never pass Through and each active month yields one row.
func TestNormalisationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cents := rapid.Int64Range(0, 1_000_000_000_00).Draw(t, "cents")
		annual := money(t, decimal.New(cents, -2), "USD")
		s := Subscription{Customer: "c", ID: "s", Amount: annual, Interval: Interval{1, IntervalYear}, Start: date(2024, 1, 1)}
		m, err := s.MRR(metrics.MonthOf(date(2024, 6, 1)), Recommended())
		if err != nil {
			t.Fatal(err)
		}
		// |12 × round₁₂(A/12) − A| ≤ 12 × ½·10⁻¹² = 6·10⁻¹², far below half a cent.
		back := m.MulInt(12)
		diff, _ := back.Sub(annual)
		if diff.Abs().Amount().Cmp(decimal.New(6, -12)) > 0 || !back.Round(metrics.Places(2)).Equal(annual) {
			t.Fatalf("annual %v → monthly %v → ×12 %v", annual, m, back)
		}
		// Rows: one per active month, none after Through.
		startM := rapid.IntRange(0, 11).Draw(t, "start")
		length := rapid.IntRange(1, 24).Draw(t, "length")
		through := metrics.MonthOf(date(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "through")), 1)).Add(12)
		start := date(2024, time.Month(startM+1), 1)
		sub := monthly("c", "s", "10", start, start.AddDate(0, length, 0))
		var months []metrics.Month
		for r, err := range Expand(seq2([]Subscription{sub}), Options{Through: through}) {
			if err != nil {
				t.Fatal(err)
			}
			if r.Month.After(through) {
				t.Fatalf("row %s after through %s", r.Month, through)
			}
			months = append(months, r.Month)
		}
		want := 0
		for m := metrics.MonthOf(start); !m.After(through); m = m.Add(1) {
			if sub.activeAt(m, Recommended()) {
				want++
			}
		}
		if len(months) != want || want > length {
			t.Fatalf("%d rows for %d active months (length %d)", len(months), want, length)
		}
		l, err := Build(rowsOf(Row{Customer: "c", Month: metrics.MonthOf(start), MRR: m}), Options{Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := l.Month(metrics.MonthOf(start))
		if !sum.ARR().Equal(m.MulInt(12)) {
			t.Fatalf("ARR %v ≠ 12 × %v", sum.ARR(), m)
		}
	})
}

func FuzzSubscriptionValidate(f *testing.F) {
	f.Add("c", "s", int64(100), int32(0), "USD", int64(1), 1, uint8(3), int64(0), int64(30), uint8(0), uint8(0), int64(50), uint8(1), 2)
	f.Add("", "", int64(-1), int32(-3), "", int64(-1), 0, uint8(9), int64(10), int64(-5), uint8(9), uint8(9), int64(101), uint8(7), -1)
	f.Fuzz(func(t *testing.T, cust, id string, amount int64, exp int32, cur string, qty int64, count int, unit uint8,
		startDays, lenDays int64, status, charge uint8, pct int64, dur uint8, months int) {
		start := date(2024, 1, 1).AddDate(0, 0, int(startDays%4000))
		amt, err := metrics.NewMoney(decimal.New(amount, exp%2000), cur)
		if err != nil {
			// A malformed currency, or none for a nonzero amount, cannot be
			// held in a Money any more: the record gets the zero Money, whose
			// missing currency Validate reports.
			var ve *metrics.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("NewMoney error %v is not a *ValueError", err)
			}
			amt = metrics.Money{}
		}
		s := Subscription{
			Customer: cust, ID: id, Amount: amt, Quantity: qty,
			Interval: Interval{count, IntervalUnit(unit)}, Start: start, End: start.AddDate(0, 0, int(lenDays%4000)),
			Status: SubscriptionStatus(status), Charge: ChargeKind(charge), PausedFrom: start,
			Discounts: []Discount{{Percent: metrics.Percent(pct), Duration: DiscountDuration(dur), Months: months}},
		}
		err = s.Validate()
		m, merr := s.MRR(metrics.MonthOf(start), Recommended())
		if (err == nil) != (merr == nil) {
			t.Fatalf("Validate %v but MRR %v", err, merr)
		}
		if err == nil && m.Sign() < 0 {
			t.Fatalf("negative MRR %v", m)
		}
		var re *metrics.RowError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("Validate error %v is not a *RowError", err)
		}
	})
}

// Expand, on records grouped by customer, yields exactly the rows a
// brute force gives (each record's non-zero MRR in each month from its start
// through Through), sorted by customer then month with each month's records
// in input order, so BuildSorted takes them and agrees with Build.
// The per-record memo of the discounted amount must not change any amount.
func TestExpandCustomerMonthOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		through := metrics.MonthOf(date(2024, 12, 1))
		var subs []Subscription
		for c := range rapid.IntRange(0, 4).Draw(t, "customers") {
			for k := range rapid.IntRange(1, 3).Draw(t, "subs") {
				start := date(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "startMonth")), rapid.IntRange(1, 28).Draw(t, "startDay"))
				s := Subscription{Customer: fmt.Sprint("c", c), ID: fmt.Sprint("s", k),
					Amount:   mustMinor(t, rapid.Int64Range(0, 100_000).Draw(t, "cents"), 2, "USD"),
					Interval: Interval{rapid.IntRange(1, 3).Draw(t, "count"), []IntervalUnit{IntervalWeek, IntervalMonth, IntervalYear}[rapid.IntRange(0, 2).Draw(t, "unit")]},
					Start:    start}
				if rapid.Bool().Draw(t, "ends") {
					s.End = start.AddDate(0, rapid.IntRange(0, 14).Draw(t, "length"), rapid.IntRange(0, 27).Draw(t, "days"))
				}
				if rapid.Bool().Draw(t, "trial") {
					s.TrialEnd = start.AddDate(0, 0, rapid.IntRange(1, 60).Draw(t, "trialDays"))
				}
				for range rapid.IntRange(0, 2).Draw(t, "discounts") {
					s.Discounts = append(s.Discounts, Discount{Percent: metrics.Percent(rapid.Int64Range(0, 100).Draw(t, "pct")),
						Duration: DiscountDuration(rapid.IntRange(0, 2).Draw(t, "duration")), Months: rapid.IntRange(1, 4).Draw(t, "months"),
						Start: start.AddDate(0, rapid.IntRange(0, 5).Draw(t, "discountStart"), 0)})
				}
				subs = append(subs, s)
			}
		}
		conv := Recommended()
		conv.Discounts = DiscountPolicy(rapid.IntRange(0, 3).Draw(t, "policy"))
		var want []Row
		for _, s := range subs {
			for m := metrics.MonthOf(s.Start); !m.After(through); m = m.Add(1) {
				mrr, err := s.MRR(m, conv)
				if err != nil {
					t.Fatal(err)
				}
				if !mrr.IsZero() {
					want = append(want, Row{Customer: s.Customer, Subscription: s.ID, Month: m, MRR: mrr})
				}
			}
		}
		opts := Options{Currency: "USD", Through: through, Conventions: conv}
		got, errs := drain(Expand(seq2(subs), opts))
		if len(errs) != 0 {
			t.Fatal(errs)
		}
		order := func(a, b Row) int {
			if c := strings.Compare(a.Customer, b.Customer); c != 0 {
				return c
			}
			if c := a.Month.Compare(b.Month); c != 0 {
				return c
			}
			return strings.Compare(a.Subscription, b.Subscription) // IDs ascend in input order here
		}
		if !slices.IsSortedFunc(got, order) {
			t.Fatalf("rows not in customer, month, input order: %v", got)
		}
		slices.SortStableFunc(want, order)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("expander rows (-brute force +expander):\n%s", diff)
		}
		sorted, err1 := BuildSorted(seq2(got), opts)
		unsorted, err2 := Build(seq2(got), opts)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(unsorted.Months(), sorted.Months(), conventionsCmp); diff != "" {
			t.Fatalf("sorted and unsorted builds differ:\n%s", diff)
		}
		// FromSubscriptions is the same pipeline in one call.
		from, err := FromSubscriptions(seq2(subs), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sorted.Months(), from.Months(), conventionsCmp); diff != "" {
			t.Fatalf("FromSubscriptions differs from BuildSorted(Expand):\n%s", diff)
		}
	})
}
