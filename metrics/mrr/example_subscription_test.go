package metrics_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Subscriptions become customer-month MRR rows under a vendor's conventions,
// then a ledger. Records sorted by customer expand in customer-then-month
// order, so they stream into BuildLedgerSorted.
func ExampleExpander() {
	jan := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	subs := []metrics.Subscription{
		{Customer: "acme", ID: "annual", Amount: metrics.MoneyFromInt(12_000, "USD"), Interval: metrics.Interval{Count: 1, Unit: metrics.Year}, Start: jan(1)},
		{Customer: "bolt", ID: "weekly", Amount: metrics.MoneyFromInt(30, "USD"), Interval: metrics.Interval{Count: 1, Unit: metrics.Week}, Start: jan(15),
			Discounts: []metrics.Discount{{Percent: metrics.PercentInt(50), Duration: metrics.Repeating, Months: 1}}},
	}
	through, _ := metrics.ParseMonth("2024-02")
	e := &metrics.Expander{Conventions: metrics.ChartMogul(), Through: through}
	ledger, err := metrics.BuildLedgerSorted(e.Rows(slices.Values(subs)), metrics.LedgerOptions{Currency: "USD", Conventions: e.Conventions})
	if err != nil || e.Err() != nil {
		fmt.Println(err, e.Err())
		return
	}
	for _, s := range ledger.Months() {
		fmt.Println(s.From, s.New, s.Expansion, s.End)
	}
	// Output:
	// 2024-01 1065.00 USD 0.00 USD 1065.00 USD
	// 2024-02 0.00 USD 65.00 USD 1130.00 USD
}

// The presets make the vendors' disagreements explicit settings.
func ExamplePresets() {
	for _, p := range metrics.Presets() {
		denominator := "start"
		if p.ChurnDenominator == metrics.DenominatorStartPlusNew {
			denominator = "start + new"
		}
		fmt.Printf("%-17s churn over %s\n", p.Name, denominator)
	}
	// Output:
	// recommended       churn over start
	// chartmogul        churn over start
	// stripe            churn over start + new
	// baremetrics       churn over start
	// profitwell        churn over start
	// dbt-mrr-playbook  churn over start
}
