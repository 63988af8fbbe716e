package mrr

// Vendor conventions reproduced from their published rules: the once-only
// coupon discounts one billing period (an annual plan's whole year), and
// dbt's mrr-playbook counts a month when its first day falls in
// [start_date, end_date) inside the customer's month spine.

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// fidelityMonths returns the months of from..to (inclusive) in which s has
// a non-zero MRR under conv, with the MRR of each.
func fidelityMonths(t *testing.T, s Subscription, conv Conventions, from, to string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for m := mustMonth(t, from); !m.After(mustMonth(t, to)); m = m.Add(1) {
		v, err := s.MRR(m, conv)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if !v.IsZero() {
			out[m.String()] = v.Amount().String()
		}
	}
	return out
}

// fidelityYear returns a map of the twelve months of 2024 to amount.
func fidelityYear(amount string) map[string]string {
	out := map[string]string{}
	for m := time.January; m <= time.December; m++ {
		out[time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")] = amount
	}
	return out
}

// A once-only coupon discounts the first invoice. On an annual plan of
// $12,000 (MRR $1,000) a 50% once coupon halves the first invoice, which
// pays for the whole of 2024: the vendors that count one-time discounts
// (ChartMogul: MRR from invoice amounts net of discounts over the invoice's
// service period; ProfitWell: discounts always subtracted) show $500 for
// twelve months and $1,000 from the renewal, never a month at $500 followed
// by a false expansion in February. Stripe leaves once coupons out of MRR
// (support.stripe.com/questions/impact-of-discounts-and-coupons-on-monthly-
// recurring-revenue-mrr-in-billing), as does the recommended policy.
func TestOnceCouponAnnualPlan(t *testing.T) {
	s := monthly("acme", "annual", "12000", date(2024, 1, 1), time.Time{})
	s.Interval = Interval{1, IntervalYear}
	s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountOnce}}
	spread := fidelityYear("500")
	spread["2025-01"], spread["2025-02"] = "1000", "1000"
	full := fidelityYear("1000")
	full["2025-01"], full["2025-02"] = "1000", "1000"
	for _, tc := range []struct {
		conv Conventions
		want map[string]string
	}{
		{ChartMogul(), spread},
		{ProfitWell(), spread},
		{StripeBilling(), full},
		{Recommended(), full},
		{Baremetrics(), full},
	} {
		if diff := cmp.Diff(tc.want, fidelityMonths(t, s, tc.conv, "2023-12", "2025-02")); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.conv.Name, diff)
		}
	}

	// Through the ledger: new $500 in January, no movement until the
	// renewal, then the real expansion of $500 when the discount ends.
	l, err := FromSubscriptions(metrics.FromSlice([]Subscription{s}), Options{Currency: "USD", Conventions: ChartMogul(), Through: mustMonth(t, "2025-01")})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2024-01", "2024-02", "2024-12", "2025-01"} {
		sum, err := l.Month(mustMonth(t, m))
		if err != nil {
			t.Fatal(err)
		}
		wantNew, wantExp := "0", "0"
		switch m {
		case "2024-01":
			wantNew = "500"
		case "2025-01":
			wantExp = "500"
		}
		if !sum.New.Amount().Equal(d(t, wantNew)) || !sum.Expansion.Amount().Equal(d(t, wantExp)) {
			t.Errorf("%s: new %v, expansion %v; want %s, %s", m, sum.New, sum.Expansion, wantNew, wantExp)
		}
	}
}

// The once coupon's billing period follows the plan's interval, renews on
// the same day of the month (clamped: a monthly plan from January 31 renews
// on February 29 in 2024), starts at the discount's own Start when set, and
// after a trial at the first paid period.
func TestOnceCouponPeriods(t *testing.T) {
	once := []Discount{{Percent: metrics.Percent(50), Duration: DiscountOnce}}
	with := func(start time.Time, iv Interval, f func(*Subscription)) Subscription {
		s := monthly("c", "s", "120", start, time.Time{})
		s.Interval, s.Discounts = iv, slices.Clone(once) // a case may change its own copy
		if f != nil {
			f(&s)
		}
		return s
	}
	month, quarter, week := Interval{1, IntervalMonth}, Interval{3, IntervalMonth}, Interval{1, IntervalWeek}
	conv := Conventions{Discounts: AllDiscounts}
	for _, tc := range []struct {
		name string
		sub  Subscription
		conv Conventions
		want map[string]string // Jan..Apr 2024
	}{
		// Monthly: the invoice of (Jan 1, Feb 1] holds January's month-end snapshot only.
		{"monthly", with(date(2024, 1, 1), month, nil), conv,
			map[string]string{"2024-01": "60", "2024-02": "120", "2024-03": "120", "2024-04": "120"}},
		// Monthly from Jan 31: the period ends on Feb 29 (clamped), so
		// February's snapshot (Mar 1) is past it. Unclamped, Jan 31 + 1 month
		// would be Mar 2 and February would be discounted too.
		{"monthly from the 31st", with(date(2024, 1, 31), month, nil), conv,
			map[string]string{"2024-01": "60", "2024-02": "120", "2024-03": "120", "2024-04": "120"}},
		// Quarterly $120 is $40 a month; the once coupon discounts the
		// quarter's three month-end snapshots.
		{"quarterly", with(date(2024, 1, 15), quarter, nil), conv,
			map[string]string{"2024-01": "20", "2024-02": "20", "2024-03": "20", "2024-04": "40"}},
		// Weekly $120 is $520 a month (× 52/12). The first week (Jan 28, Feb 4]
		// holds January's snapshot; a week inside a month holds none.
		{"weekly across a month end", with(date(2024, 1, 28), week, nil), conv,
			map[string]string{"2024-01": "260", "2024-02": "520", "2024-03": "520", "2024-04": "520"}},
		{"weekly inside a month", with(date(2024, 1, 10), week, nil), conv,
			map[string]string{"2024-01": "520", "2024-02": "520", "2024-03": "520", "2024-04": "520"}},
		// The discount's own Start: applied to the March invoice.
		{"discount start", with(date(2024, 1, 1), month, func(s *Subscription) { s.Discounts[0].Start = date(2024, 3, 1) }), conv,
			map[string]string{"2024-01": "120", "2024-02": "120", "2024-03": "60", "2024-04": "120"}},
		// A trial until Feb 1: January is free, the first invoice pays February.
		{"after a trial", with(date(2024, 1, 1), month, func(s *Subscription) { s.TrialEnd = date(2024, 2, 1) }), conv,
			map[string]string{"2024-02": "60", "2024-03": "120", "2024-04": "120"}},
		// dbt's first-day rule: from Jan 15 the subscription counts from
		// February, and the first invoice [Jan 15, Feb 15) holds February's
		// first day, so the month it first counts is the one discounted.
		{"first-day rule", with(date(2024, 1, 15), month, nil), Conventions{Discounts: AllDiscounts, MonthRule: MonthFirstDayInside},
			map[string]string{"2024-02": "60", "2024-03": "120", "2024-04": "120"}},
		// A two-year plan of $2,880 is $120 a month; its first invoice covers
		// 24 months, so all four months shown are discounted.
		{"two-year plan", with(date(2024, 1, 1), Interval{2, IntervalYear}, func(s *Subscription) { s.Amount = usd(t, "2880") }), conv,
			map[string]string{"2024-01": "60", "2024-02": "60", "2024-03": "60", "2024-04": "60"}},
		// Fortnightly $120 is $260 a month (× 52/12 ÷ 2): the first fortnight
		// (Jan 20, Feb 3] holds January's snapshot, the next one does not.
		{"fortnightly", with(date(2024, 1, 20), Interval{2, IntervalWeek}, nil), conv,
			map[string]string{"2024-01": "130", "2024-02": "260", "2024-03": "260", "2024-04": "260"}},
		// Every 10 days: (Jan 25, Feb 4] holds January's snapshot; a 1-day
		// reading of the interval would end on Jan 26 and miss it.
		{"ten-daily", with(date(2024, 1, 25), Interval{10, IntervalDay}, func(s *Subscription) { s.Amount = usd(t, "12") }), conv,
			map[string]string{"2024-01": "18.25", "2024-02": "36.5", "2024-03": "36.5", "2024-04": "36.5"}},
		// Other policies never count a once coupon.
		{"recurring policy", with(date(2024, 1, 1), month, nil), Recommended(),
			map[string]string{"2024-01": "120", "2024-02": "120", "2024-03": "120", "2024-04": "120"}},
		{"forever-only policy", with(date(2024, 1, 1), month, nil), StripeBilling(),
			map[string]string{"2024-01": "120", "2024-02": "120", "2024-03": "120", "2024-04": "120"}},
	} {
		if diff := cmp.Diff(tc.want, fidelityMonths(t, tc.sub, tc.conv, "2024-01", "2024-04")); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// dbt's mrr-playbook (models/customer_revenue_by_month.sql): a month counts
// when its first day is ≥ start_date and < end_date, on a month spine from
// the first start month up to, not including, the month of the last end
// date. A subscription from 2019-01-15 to 2019-03-15 gives February only;
// the recommended month-end snapshot gives January and February.
func TestDBTMonthRule(t *testing.T) {
	mid := monthly("c", "s", "100", date(2019, 1, 15), date(2019, 3, 15))
	if diff := cmp.Diff(map[string]string{"2019-02": "100"}, fidelityMonths(t, mid, DBTMRRPlaybook(), "2018-12", "2019-04")); diff != "" {
		t.Errorf("dbt (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"2019-01": "100", "2019-02": "100"}, fidelityMonths(t, mid, Recommended(), "2018-12", "2019-04")); diff != "" {
		t.Errorf("recommended (-want +got):\n%s", diff)
	}
	// Month-aligned dates: the rules agree (Jan and Feb).
	aligned := monthly("c", "s", "100", date(2019, 1, 1), date(2019, 3, 1))
	for _, conv := range []Conventions{DBTMRRPlaybook(), Recommended()} {
		if diff := cmp.Diff(map[string]string{"2019-01": "100", "2019-02": "100"}, fidelityMonths(t, aligned, conv, "2018-12", "2019-04")); diff != "" {
			t.Errorf("%s aligned (-want +got):\n%s", conv.Name, diff)
		}
	}
	// Open-ended from the 15th: dbt from February on.
	open := monthly("c", "s", "100", date(2019, 1, 15), time.Time{})
	if diff := cmp.Diff(map[string]string{"2019-02": "100", "2019-03": "100"}, fidelityMonths(t, open, DBTMRRPlaybook(), "2019-01", "2019-03")); diff != "" {
		t.Errorf("dbt open-ended (-want +got):\n%s", diff)
	}
	// Through the ledger: the customer is new in February and churns in
	// March under dbt, new in January and churns in March by default.
	for _, tc := range []struct {
		conv         Conventions
		newIn, churn string
	}{{DBTMRRPlaybook(), "2019-02", "2019-03"}, {Recommended(), "2019-01", "2019-03"}} {
		l, err := FromSubscriptions(metrics.FromSlice([]Subscription{mid}), Options{Currency: "USD", Conventions: tc.conv, Through: mustMonth(t, "2019-03")})
		if err != nil {
			t.Fatal(err)
		}
		var newIn, churnIn []string
		for _, s := range l.Months() {
			if s.NewCustomers == 1 {
				newIn = append(newIn, s.From.String())
			}
			if s.ChurnedCustomers == 1 {
				churnIn = append(churnIn, s.From.String())
			}
		}
		if !slices.Equal(newIn, []string{tc.newIn}) || !slices.Equal(churnIn, []string{tc.churn}) {
			t.Errorf("%s: new in %v, churned in %v; want %s, %s", tc.conv.Name, newIn, churnIn, tc.newIn, tc.churn)
		}
	}
}

// The months dbt's rule counts are the recommended months less at most the
// first (a start after the 1st) and the last (an end after the 1st); with
// month-aligned dates the two rules agree exactly.
func TestMonthRulesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		startDay := rapid.SampledFrom([]int{1, 1, 1, 2, 15, 28, 31}).Draw(t, "startDay")
		start := time.Date(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "startMonth")), 1, 0, 0, 0, 0, time.UTC)
		start = start.AddDate(0, 0, min(startDay, 28)-1)
		var end time.Time
		if rapid.Bool().Draw(t, "ends") {
			end = start.AddDate(0, rapid.IntRange(0, 6).Draw(t, "months"), rapid.SampledFrom([]int{0, 0, 1, 10, 30}).Draw(t, "days"))
		}
		s := monthly("c", "s", "10", start, end)
		var rec, dbt []metrics.Month
		first := metrics.MonthOf(start)
		for m := first.Add(-1); m.Before(first.Add(9)); m = m.Add(1) {
			if s.activeAt(m, Recommended()) {
				rec = append(rec, m)
			}
			if s.activeAt(m, DBTMRRPlaybook()) {
				dbt = append(dbt, m)
			}
		}
		for _, m := range dbt {
			if !slices.Contains(rec, m) {
				t.Fatalf("dbt counts %s, the month-end rule does not (rec %v, dbt %v)", m, rec, dbt)
			}
		}
		if len(rec)-len(dbt) > 2 || len(dbt) > len(rec) {
			t.Fatalf("rec %v, dbt %v: more than the first and last month apart", rec, dbt)
		}
		if len(dbt) > 0 && len(rec) > 0 && (dbt[0].Sub(rec[0]) > 1 || rec[len(rec)-1].Sub(dbt[len(dbt)-1]) > 1) {
			t.Fatalf("rec %v, dbt %v: dbt must drop only edge months", rec, dbt)
		}
		aligned := start.Day() == 1 && (end.IsZero() || end.Day() == 1)
		if aligned && !slices.Equal(rec, dbt) {
			t.Fatalf("month-aligned %s–%s: rec %v, dbt %v", start, end, rec, dbt)
		}
		if start.Day() != 1 && len(dbt) > 0 && dbt[0] == first {
			t.Fatalf("start %s after the 1st, yet dbt counts its month", start)
		}
	})
}

// A once coupon under AllDiscounts takes exactly the first invoice's
// discount out of MRR, spread over the months of its billing period,
// whatever the interval of whole months and the start day: Σ over the months
// of (undiscounted − discounted MRR) = amount × percent.
func TestOnceCouponSpreadProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.Int64Range(1, 50).Draw(t, "k")
		n := rapid.SampledFrom([]int{1, 1, 3, 6, 12}).Draw(t, "monthsPerInvoice")
		p := rapid.Int64Range(1, 100).Draw(t, "percent")
		amount, _ := metrics.MoneyFromInt(k*1200, "USD") // divisible by every n: exact months
		start := time.Date(2024, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 31).Draw(t, "day"), 0, 0, 0, 0, time.UTC)
		iv := Interval{n, IntervalMonth}
		if n == 12 && rapid.Bool().Draw(t, "yearly") {
			iv = Interval{1, IntervalYear}
		}
		s := Subscription{Customer: "c", ID: "s", Amount: amount, Interval: iv, Start: start}
		plain := s
		s.Discounts = []Discount{{Percent: metrics.Percent(p), Duration: DiscountOnce}}
		var gone metrics.Money
		first := metrics.MonthOf(start)
		for m := first; m.Before(first.Add(n + 2)); m = m.Add(1) {
			a, err1 := plain.MRR(m, ProfitWell())
			b, err2 := s.MRR(m, ProfitWell())
			if err1 != nil || err2 != nil {
				t.Fatalf("%v %v", err1, err2)
			}
			diff, _ := a.Sub(b)
			if diff.Sign() != 0 && m.Sub(first) >= n {
				t.Fatalf("%s: discounted %v after the first period of %d months", m, diff, n)
			}
			gone, _ = gone.Add(diff)
		}
		want, _ := metrics.MoneyFromInt(k*12*p, "USD") // 1200k × p%
		if !gone.Equal(want) {
			t.Fatalf("discounted %v in all, want %v (the first invoice's discount)", gone, want)
		}
	})
}

// The presets' documented settings for discounts and months (pinned against
// their doc comments).
func TestPresetDiscountAndMonthSettings(t *testing.T) {
	checks := []struct {
		name string
		ok   bool
	}{
		{"chartmogul counts every discount on an invoice", ChartMogul().Discounts == AllDiscounts},
		{"profitwell counts every discount", ProfitWell().Discounts == AllDiscounts},
		{"stripe counts forever coupons only", StripeBilling().Discounts == ForeverDiscountsOnly},
		{"dbt first-day rule", DBTMRRPlaybook().MonthRule == MonthFirstDayInside},
		{"recommended month-end snapshot", Recommended().MonthRule == MonthActiveAtEnd && Recommended().Discounts == RecurringDiscounts},
		{"dbt differs from recommended only by its month rule", func() bool {
			c := DBTMRRPlaybook()
			c.Name, c.MonthRule = "recommended", MonthActiveAtEnd
			return c == Recommended()
		}()},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: not set", c.name)
		}
	}
	for _, p := range Presets() {
		if p.Name != "dbt-mrr-playbook" && p.MonthRule != MonthActiveAtEnd {
			t.Errorf("%s: month rule %s", p.Name, p.MonthRule)
		}
	}
	if err := (Conventions{MonthRule: MonthFirstDayInside + 1}).Validate(); err == nil {
		t.Error("an unknown month rule passed Validate")
	}
	if MonthActiveAtEnd.String() != "active at month end" || MonthFirstDayInside.String() != "first day inside" || MonthRule(2).String() != "MonthRule(2)" || MonthRule(9).String() != "MonthRule(9)" {
		t.Error("MonthRule.String")
	}
}

// Every setting out of its range is refused, naming the field.
func TestConventionsValidateFields(t *testing.T) {
	for field, c := range map[string]Conventions{
		"ReactivationWindowMonths": {ReactivationWindowMonths: -1},
		"MinHistoryMonths":         {MinHistoryMonths: -1},
		"PastDueGraceDays":         {PastDueGraceDays: -1},
		"LTVTrailingMonths":        {LTVTrailingMonths: -1},
		"WeeklyMultiplier":         {WeeklyMultiplier: Weekly4 + 1},
		"ChurnTiming":              {ChurnTiming: ChurnAtCancellation + 1},
		"ChurnDenominator":         {ChurnDenominator: DenominatorStartPlusNew + 1},
		"JoinedAndChurned":         {JoinedAndChurned: IncludeJoinedAndChurned + 1},
		"Discounts":                {Discounts: NoDiscounts + 1},
		"Paused":                   {Paused: PausedKeepsMRR + 1},
		"LTVChurn":                 {LTVChurn: LTVChurnOneMinusRetention + 1},
		"MonthRule":                {MonthRule: MonthFirstDayInside + 1},
	} {
		err := c.Validate()
		var me *metrics.MetricError
		if !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &me) || me.Input != field {
			t.Errorf("%s: %v", field, err)
		}
	}
	// The largest valid value of each enum passes.
	edge := Conventions{WeeklyMultiplier: Weekly4, ChurnTiming: ChurnAtCancellation, ChurnDenominator: DenominatorStartPlusNew,
		JoinedAndChurned: IncludeJoinedAndChurned, Discounts: NoDiscounts, Paused: PausedKeepsMRR, LTVChurn: LTVChurnOneMinusRetention, MonthRule: MonthFirstDayInside}
	if err := edge.Validate(); err != nil {
		t.Errorf("the last value of every enum: %v", err)
	}
}

// A once coupon on a two-year plan discounts its 24 months and no more:
// $2,880 every two years is $120 a month, $60 at 50% from January 2024 to
// December 2025, $120 from January 2026.
func TestOnceCouponTwoYears(t *testing.T) {
	s := monthly("c", "s", "2880", date(2024, 1, 1), time.Time{})
	s.Interval = Interval{2, IntervalYear}
	s.Discounts = []Discount{{Percent: metrics.Percent(50), Duration: DiscountOnce}}
	for m, want := range map[string]string{"2024-01": "60", "2024-07": "60", "2025-12": "60", "2026-01": "120"} {
		v, err := s.MRR(mustMonth(t, m), ProfitWell())
		if err != nil || !v.Amount().Equal(d(t, want)) {
			t.Errorf("%s: %v, %v; want %s", m, v, err, want)
		}
	}
}

// The weekly multipliers' names, and an unknown one's.
func TestWeeklyMultiplierString(t *testing.T) {
	for w, want := range map[WeeklyMultiplier]string{Weekly52Over12: "52/12", Weekly433: "4.33", Weekly4: "4", 3: "WeeklyMultiplier(3)"} {
		if got := w.String(); got != want {
			t.Errorf("%d: %q, want %q", w, got, want)
		}
	}
}
