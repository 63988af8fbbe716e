package mrr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

func TestPresetsValid(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Presets() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		if p.Name == "" || seen[p.Name] {
			t.Errorf("preset name %q empty or repeated", p.Name)
		}
		seen[p.Name] = true
		back, err := PresetByName(p.Name)
		if err != nil || back.Name != p.Name {
			t.Errorf("PresetByName(%q) = %v, %v", p.Name, back.Name, err)
		}
	}
	if _, err := PresetByName("excel"); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("unknown preset: %v", err)
	}
	if len(seen) != 6 {
		t.Errorf("%d presets, want 6", len(seen))
	}
}

// One quarter, four vendors: the customer churn rate of the same data under
// each preset reproduces that vendor's documented formula.
func TestPresetChurnRates(t *testing.T) {
	var rows []Row
	pay := func(c string, from, to string) {
		for m := mustMonth(t, from); !m.After(mustMonth(t, to)); m = m.Add(1) {
			rows = append(rows, Row{Customer: c, Month: m, MRR: usd(t, "50")})
		}
	}
	// 100 customers pay in Dec 2023; 10 stop after January; one customer
	// joins in January and stops after it (churns in February, inside Q1).
	for i := 0; i < 100; i++ {
		to := "2024-03"
		if i < 10 {
			to = "2024-01"
		}
		pay(fmt.Sprintf("c%03d", i), "2023-12", to)
	}
	pay("joiner", "2024-01", "2024-01")
	q1, _ := metrics.NewQuarter(2024, 1)
	tests := []struct {
		preset Conventions
		num    int64
		den    int64
		source string
	}{
		// help.chartmogul.com/hc/en-us/articles/203359321 (B2B): churned in the
		// period, excluding those who joined in it, ÷ customers at the start.
		{ChartMogul(), 10, 100, "ChartMogul"},
		// support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing:
		// churned ÷ (active at the start + new in the period).
		{StripeBilling(), 11, 101, "Stripe"},
		// Baremetrics: cancellations in the period ÷ customers active at its start.
		{Baremetrics(), 11, 100, "Baremetrics"},
		{Recommended(), 10, 100, "recommended"},
	}
	for _, tc := range tests {
		// The rate follows the conventions the ledger was built with.
		l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: tc.preset})
		if err != nil {
			t.Fatal(err)
		}
		s, err := l.Quarter(q1)
		if err != nil {
			t.Fatal(err)
		}
		if s.Conventions != tc.preset {
			t.Errorf("%s: summary conventions %+v, want the ledger's", tc.source, s.Conventions)
		}
		want, _ := metrics.NewRatio(tc.num, tc.den)
		got, err := s.LogoChurnRate()
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: churn %v, %v; want %d/%d", tc.source, got, err, tc.num, tc.den)
		}
	}
}

// ChartMogul, "Metric: MRR Churn Rate" (help.chartmogul.com/hc/en-us/articles/
// 203359341): $100 MRR at the start of the month, $10 lost to churn, $10 to
// contraction, one customer expanding by $10 → gross MRR churn 20%, net 10%.
func TestPresetChartMogulMRRChurn(t *testing.T) {
	rows := []Row{
		{Customer: "a", Month: mustMonth(t, "2024-01"), MRR: usd(t, "50")}, {Customer: "a", Month: mustMonth(t, "2024-02"), MRR: usd(t, "60")},
		{Customer: "b", Month: mustMonth(t, "2024-01"), MRR: usd(t, "30")}, {Customer: "b", Month: mustMonth(t, "2024-02"), MRR: usd(t, "20")},
		{Customer: "c", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")},
		{Customer: "d", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")}, {Customer: "d", Month: mustMonth(t, "2024-02"), MRR: usd(t, "10")},
	}
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: ChartMogul()})
	if err != nil {
		t.Fatal(err)
	}
	feb, _ := l.Month(mustMonth(t, "2024-02"))
	gross, err1 := feb.GrossMRRChurnRate()
	net, err2 := feb.NetMRRChurnRate()
	if err1 != nil || err2 != nil || !gross.Equal(pctR(t, "20")) || !net.Equal(pctR(t, "10")) {
		t.Errorf("gross %v (%v), net %v (%v); want 20%% and 10%%", gross, err1, net, err2)
	}
}

// LTV under each preset's churn: twenty customers at $100; one leaves in each
// of six months and one joins. In July one leaves and one joins.
func TestPresetLTV(t *testing.T) {
	var rows []Row
	pay := func(c string, from, to metrics.Month) {
		for m := from; !m.After(to); m = m.Add(1) {
			rows = append(rows, Row{Customer: c, Month: m, MRR: usd(t, "100")})
		}
	}
	start, jul := mustMonth(t, "2024-01"), mustMonth(t, "2024-07")
	for i := 0; i < 14; i++ {
		pay(fmt.Sprintf("stay%02d", i), start, jul)
	}
	for i := 1; i <= 6; i++ {
		pay(fmt.Sprintf("leave%d", i), start, start.Add(i-1))
		pay(fmt.Sprintf("join%d", i), start.Add(i), jul)
	}
	tests := []struct {
		preset Conventions
		want   string
		why    string
	}{
		// ChartMogul (help.chartmogul.com/hc/en-us/articles/203359061): ARPA
		// $100 ÷ the 5% average churn of the six months before → $2,000.
		{ChartMogul(), "2000", "ARPA ÷ trailing 6-month churn"},
		// ProfitWell: ARPU ÷ (1 − retention); July's retention is 19/20.
		{ProfitWell(), "2000", "ARPU ÷ (1 − retention)"},
		// Stripe: ARPU ÷ the period's churn, whose denominator includes the
		// month's new subscriber: 1/21 → $2,100.
		{StripeBilling(), "2100", "ARPU ÷ churn over start + new"},
	}
	for _, tc := range tests {
		l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: tc.preset})
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.LTV(jul)
		if err != nil || !got.Equal(usd(t, tc.want)) {
			t.Errorf("%s (%s): LTV %v, %v; want %s", tc.preset.Name, tc.why, got, err, tc.want)
		}
	}
}

// dbt mrr-playbook (github.com/dbt-labs/mrr-playbook, customer_revenue_by_month
// and mrr models): categories new (first month), churn (active → inactive),
// reactivation (inactive → active), upgrade, downgrade.
func TestPresetDBTClassification(t *testing.T) {
	amounts := []string{"10", "20", "15", "0", "15", "15"} // Jan..Jun
	var rows []Row
	for i, a := range amounts {
		if a != "0" {
			rows = append(rows, Row{Customer: "x", Month: mustMonth(t, "2024-01").Add(i), MRR: usd(t, a)})
		}
	}
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: DBTMRRPlaybook(), KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []MovementKind{MovementNew, MovementExpansion, MovementContraction, MovementChurn, MovementReactivation, MovementRetained}
	var got []MovementKind
	for i := range amounts {
		m := mustMonth(t, "2024-01").Add(i)
		for _, k := range want {
			mv, err := l.Movements(m, k)
			if err != nil {
				t.Fatal(err)
			}
			if len(mv) == 1 {
				got = append(got, k)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
}

// presetPay appends a customer's rows paying amt in every month from..to.
func presetPay(t *testing.T, rows *[]Row, c, from, to, amt string) {
	t.Helper()
	for m := mustMonth(t, from); !m.After(mustMonth(t, to)); m = m.Add(1) {
		*rows = append(*rows, Row{Customer: c, Month: m, MRR: usd(t, amt)})
	}
}

// Baremetrics' quick ratio (changelog.baremetrics.com, "New Quick Ratio
// Metric": (New MRR + Expansion MRR) ÷ (Contraction MRR + Churned MRR)), with
// the figures of pitchkit.net/resources/glossary/quick-ratio: new $20k,
// expansion $8k, churn $5k, contraction $3k → 28 ÷ 8 = 3.5. No reactivation,
// so the ledger's QuickRatio agrees.
func TestPresetBaremetricsQuickRatio(t *testing.T) {
	var rows []Row
	presetPay(t, &rows, "grow", "2024-01", "2024-01", "10000")
	presetPay(t, &rows, "grow", "2024-02", "2024-02", "18000.00") // expansion 8k, another scale
	presetPay(t, &rows, "leave", "2024-01", "2024-01", "5000")    // churn 5k in Feb
	presetPay(t, &rows, "shrink", "2024-01", "2024-01", "10000")
	presetPay(t, &rows, "shrink", "2024-02", "2024-02", "7000") // contraction 3k
	presetPay(t, &rows, "new", "2024-02", "2024-02", "20000")   // new 20k
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: Baremetrics()})
	if err != nil {
		t.Fatal(err)
	}
	feb, _ := l.Month(mustMonth(t, "2024-02"))
	if got, err := feb.QuickRatio(); err != nil || !got.Equal(ledgerMust(metrics.NewRatio(7, 2))) {
		t.Errorf("quick ratio = %v, %v; want 3.5", got, err)
	}
}

// Baremetrics' published quick ratio leaves reactivation out of the
// numerator (same changelog formula). Same month as above plus a customer
// who left in January and returns in February with $7k: Baremetrics still
// shows 28 ÷ 8 = 3.5; the ledger adds reactivation (35 ÷ 8).
func TestPresetBaremetricsQuickRatioReactivation(t *testing.T) {
	var rows []Row
	presetPay(t, &rows, "grow", "2024-01", "2024-01", "10000")
	presetPay(t, &rows, "grow", "2024-02", "2024-02", "18000")
	presetPay(t, &rows, "leave", "2024-01", "2024-01", "5000")
	presetPay(t, &rows, "shrink", "2024-01", "2024-01", "10000")
	presetPay(t, &rows, "shrink", "2024-02", "2024-02", "7000")
	presetPay(t, &rows, "new", "2024-02", "2024-02", "20000")
	presetPay(t, &rows, "back", "2023-12", "2023-12", "7000")
	presetPay(t, &rows, "back", "2024-02", "2024-02", "7000")
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: Baremetrics()})
	if err != nil {
		t.Fatal(err)
	}
	feb, _ := l.Month(mustMonth(t, "2024-02"))
	if got, err := feb.QuickRatio(); err != nil || !got.Equal(ledgerMust(metrics.NewRatio(7, 2))) {
		t.Errorf("quick ratio = %v, %v; want 3.5", got, err)
	}
}

// ChartMogul's customer churn rate (help.chartmogul.com/hc/en-us/articles/
// 203359321, B2B formula) excludes customers who churned and reactivated
// within the period. 100 customers at the start of Q1 2024; 10 stop after
// January (churn in February), one of whom returns in March: ChartMogul
// shows 9 ÷ 100 = 9%.
func TestPresetChartMogulChurnedAndReactivated(t *testing.T) {
	var rows []Row
	for i := 0; i < 100; i++ {
		to := "2024-03"
		if i < 10 {
			to = "2024-01"
		}
		presetPay(t, &rows, fmt.Sprintf("c%03d", i), "2023-12", to, "50")
	}
	presetPay(t, &rows, "c000", "2024-03", "2024-03", "50")
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: ChartMogul()})
	if err != nil {
		t.Fatal(err)
	}
	q1, _ := metrics.NewQuarter(2024, 1)
	s, err := l.Quarter(q1)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.LogoChurnRate(); err != nil || !got.Equal(pctR(t, "9")) {
		t.Errorf("churn = %v, %v; want 9%%", got, err)
	}
}

// ProfitWell (paddle.com/help/profitwell-metrics/measure/subscription-retention/
// are-cancellations-in-the-first-month-counted-as-churn): a user who pays
// $100 on 12/5 and churns on 12/6 is never churned revenue nor a churned
// customer. In monthly MRR rows such a user has no row at month end; a
// user's zero row (decimal.Decimal{}) must not make them new or churned
// either. The other customer keeps churn at 0 of 1.
func TestPresetProfitWellSameMonthChurn(t *testing.T) {
	var rows []Row
	presetPay(t, &rows, "stay", "2023-11", "2024-01", "100")
	rows = append(rows, Row{Customer: "sarah", Month: mustMonth(t, "2023-12"), MRR: money(t, decimal.Decimal{}, "USD")})
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: ProfitWell()})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2023-12", "2024-01"} {
		s, _ := l.Month(mustMonth(t, m))
		if s.NewCustomers != 0 || s.ChurnedCustomers != 0 || !s.Churn.IsZero() || !s.New.IsZero() {
			t.Errorf("%s: new %d (%v), churned %d (%v); want none", m, s.NewCustomers, s.New, s.ChurnedCustomers, s.Churn)
		}
		if got, err := s.LogoChurnRate(); err != nil || !got.IsZero() {
			t.Errorf("%s: churn rate %v, %v; want 0", m, got, err)
		}
	}
}

// The vendors' documented settings, pinned so a preset cannot drift from its
// doc comment: ChartMogul (article 203359321: excludes joined-and-churned and
// churned-and-reactivated; article 203359061: trailing 6 months), Stripe
// (churn over start + new; removal at cancellation and forever coupons only,
// learn.profitwell.com/article/gf9qqkyplu-profitwell-vs-stripe), ProfitWell
// (profitwell-vs-chargify: churn at the end of the billing cycle, all
// discounts, on hold = $0, reactivation after any period, LTV 1 − retention),
// Baremetrics (changelog: joined-and-cancelled included; quick ratio without
// reactivation).
func TestPresetDocumentedSettings(t *testing.T) {
	cm, st, pw, bm := ChartMogul(), StripeBilling(), ProfitWell(), Baremetrics()
	checks := []struct {
		name string
		ok   bool
	}{
		{"chartmogul excludes joined-and-churned", cm.JoinedAndChurned == ExcludeJoinedAndChurned},
		{"chartmogul excludes churned-and-reactivated", cm.ExcludeChurnedAndReactivated},
		{"chartmogul trailing 6", cm.LTVChurn == LTVChurnTrailing && cm.TrailingMonths() == 6},
		{"chartmogul any-gap reactivation", cm.ReactivationWindowMonths == 0 && cm.MinHistoryMonths == 0},
		{"stripe start + new", st.ChurnDenominator == DenominatorStartPlusNew && st.JoinedAndChurned == IncludeJoinedAndChurned},
		{"stripe at cancellation", st.ChurnTiming == ChurnAtCancellation},
		{"stripe forever coupons", st.Discounts == ForeverDiscountsOnly},
		{"profitwell end of cycle", pw.ChurnTiming == ChurnAtPeriodEnd},
		{"profitwell all discounts", pw.Discounts == AllDiscounts},
		{"profitwell on hold is zero", pw.Paused == PausedIsZero},
		{"profitwell any-gap reactivation", pw.ReactivationWindowMonths == 0 && pw.MinHistoryMonths == 0},
		{"profitwell 1 − retention", pw.LTVChurn == LTVChurnOneMinusRetention},
		{"baremetrics joined-and-cancelled included", bm.JoinedAndChurned == IncludeJoinedAndChurned && bm.ChurnDenominator == DenominatorStart},
		{"baremetrics quick ratio", bm.QuickRatioWithoutReactivation},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: not set", c.name)
		}
	}
	// Presets returns a fresh slice: changing it does not change the next.
	ps := Presets()
	ps[0].Name = "changed"
	if Presets()[0].Name != "recommended" {
		t.Error("Presets shares its slice")
	}
}

// Stripe's Billing metric definitions (docs.stripe.com/billing/subscriptions/
// analytics/glossary): 100 subscribers on Plan A at $100 a month and 50 on
// Plan B at $600 a year give MRR = 100 × 100 + 50 × (600 ÷ 12) = $12,500
// (the page prints "800 USD/12" but its total, 12,500, is 600 ÷ 12). And
// support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing:
// a customer with two paid subscriptions who cancels one has not churned.
func TestPresetStripeMRRAndChurn(t *testing.T) {
	var rows []Row
	for i := 0; i < 100; i++ {
		presetPay(t, &rows, fmt.Sprintf("a%03d", i), "2024-01", "2024-02", "100")
	}
	planB, err := metrics.Context{}.Quo(d(t, "600"), d(t, "12"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		for _, m := range []string{"2024-01", "2024-02"} {
			rows = append(rows, Row{Customer: fmt.Sprintf("b%03d", i), Subscription: "annual", Month: mustMonth(t, m), MRR: money(t, planB, "USD")})
		}
	}
	// b000 also has a monthly add-on in January only: cancelling it is a
	// contraction, not a churn.
	rows = append(rows, Row{Customer: "b000", Subscription: "addon", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")})
	l, err := Build(ledgerSeq(rows), Options{Currency: "USD", Conventions: StripeBilling()})
	if err != nil {
		t.Fatal(err)
	}
	feb, _ := l.Month(mustMonth(t, "2024-02"))
	if !feb.End.Equal(usd(t, "12500")) || feb.ChurnedCustomers != 0 || !feb.Contraction.Equal(usd(t, "10")) {
		t.Errorf("Feb: MRR %v, churned %d, contraction %v; want 12500, 0, 10", feb.End, feb.ChurnedCustomers, feb.Contraction)
	}
	if r, err := feb.LogoChurnRate(); err != nil || !r.IsZero() {
		t.Errorf("Feb churn rate %v, %v; want 0", r, err)
	}
}
