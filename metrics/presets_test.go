package metrics

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	if _, err := PresetByName("excel"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown preset: %v", err)
	}
	if len(seen) != 6 {
		t.Errorf("%d presets, want 6", len(seen))
	}
}

// One quarter, four vendors: the customer churn rate of the same data under
// each preset reproduces that vendor's documented formula.
func TestPresetChurnRates(t *testing.T) {
	var rows []MRRRow
	pay := func(c string, from, to string) {
		for m := mustMonth(t, from); !m.After(mustMonth(t, to)); m = m.Add(1) {
			rows = append(rows, MRRRow{Customer: c, Month: m, MRR: usd(t, "50")})
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
	l, err := BuildLedger(ledgerSeq(rows), LedgerOptions{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	q1, _ := NewQuarter(2024, 1)
	s, err := l.Quarter(q1)
	if err != nil {
		t.Fatal(err)
	}
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
		want, _ := CountRatio(tc.num, tc.den)
		got, err := s.LogoChurnRate(tc.preset)
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: churn %v, %v; want %d/%d", tc.source, got, err, tc.num, tc.den)
		}
	}
}

// ChartMogul, "Metric: MRR Churn Rate" (help.chartmogul.com/hc/en-us/articles/
// 203359341): $100 MRR at the start of the month, $10 lost to churn, $10 to
// contraction, one customer expanding by $10 → gross MRR churn 20%, net 10%.
func TestPresetChartMogulMRRChurn(t *testing.T) {
	rows := []MRRRow{
		{Customer: "a", Month: mustMonth(t, "2024-01"), MRR: usd(t, "50")}, {Customer: "a", Month: mustMonth(t, "2024-02"), MRR: usd(t, "60")},
		{Customer: "b", Month: mustMonth(t, "2024-01"), MRR: usd(t, "30")}, {Customer: "b", Month: mustMonth(t, "2024-02"), MRR: usd(t, "20")},
		{Customer: "c", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")},
		{Customer: "d", Month: mustMonth(t, "2024-01"), MRR: usd(t, "10")}, {Customer: "d", Month: mustMonth(t, "2024-02"), MRR: usd(t, "10")},
	}
	l, err := BuildLedger(ledgerSeq(rows), LedgerOptions{Currency: "USD", Conventions: ChartMogul()})
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
	var rows []MRRRow
	pay := func(c string, from, to Month) {
		for m := from; !m.After(to); m = m.Add(1) {
			rows = append(rows, MRRRow{Customer: c, Month: m, MRR: usd(t, "100")})
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
		l, err := BuildLedger(ledgerSeq(rows), LedgerOptions{Currency: "USD", Conventions: tc.preset})
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
	var rows []MRRRow
	for i, a := range amounts {
		if a != "0" {
			rows = append(rows, MRRRow{Customer: "x", Month: mustMonth(t, "2024-01").Add(i), MRR: usd(t, a)})
		}
	}
	l, err := BuildLedger(ledgerSeq(rows), LedgerOptions{Currency: "USD", Conventions: DBTMRRPlaybook(), KeepLog: true})
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
