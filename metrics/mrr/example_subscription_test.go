package mrr_test

import (
	"fmt"
	"iter"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// exampleSubscriptions is a source of two subscription records: acme's
// annual plan and bolt's weekly plan with a one-month 50% discount. A record
// that cannot be made is yielded as its *metrics.RowError (numbered from 1),
// as a reader of a real store would.
func exampleSubscriptions() iter.Seq2[mrr.Subscription, error] {
	jan := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	return func(yield func(mrr.Subscription, error) bool) {
		annual, err := metrics.MoneyFromInt(12_000, "USD")
		if err != nil {
			yield(mrr.Subscription{}, &metrics.RowError{Record: 1, Entity: "customer", ID: "acme", Field: "amount", Err: err})
			return
		}
		if !yield(mrr.Subscription{Customer: "acme", ID: "annual", Amount: annual, Interval: mrr.Interval{Count: 1, Unit: mrr.IntervalYear}, Start: jan(1)}, nil) {
			return
		}
		weekly, err := metrics.MoneyFromInt(30, "USD")
		if err != nil {
			yield(mrr.Subscription{}, &metrics.RowError{Record: 2, Entity: "customer", ID: "bolt", Field: "amount", Err: err})
			return
		}
		yield(mrr.Subscription{Customer: "bolt", ID: "weekly", Amount: weekly, Interval: mrr.Interval{Count: 1, Unit: mrr.IntervalWeek}, Start: jan(15),
			Discounts: []mrr.Discount{{Percent: metrics.Percent(50), Duration: mrr.DiscountRepeating, Months: 1}}}, nil)
	}
}

// Subscriptions become customer-month MRR rows under a vendor's conventions,
// then a ledger, with one Options value. Records sorted by customer expand in
// customer-then-month order, so they stream into BuildSorted.
func ExampleExpand() {
	through, _ := metrics.ParseMonth("2024-02")
	opts := mrr.Options{Currency: "USD", Conventions: mrr.ChartMogul(), Through: through}
	ledger, err := mrr.BuildSorted(mrr.Expand(exampleSubscriptions(), opts), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range ledger.Months() {
		fmt.Println(s.From, s.New, s.Expansion, s.End)
	}
	// Output:
	// 2024-01 1065.00 USD 0.00 USD 1065.00 USD
	// 2024-02 0.00 USD 65.00 USD 1130.00 USD
}

// FromSubscriptions is the same pipeline in one call, for records in any
// order; without Through the span ends at the data's last month (here
// January, the latest date in the records).
func ExampleFromSubscriptions() {
	ledger, err := mrr.FromSubscriptions(exampleSubscriptions(), mrr.Options{Currency: "USD", Conventions: mrr.ChartMogul()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range ledger.Months() {
		fmt.Println(s.From, s.New, s.End, s.Conventions.Name)
	}
	// Output:
	// 2024-01 1065.00 USD 1065.00 USD chartmogul
}

// The presets make the vendors' disagreements explicit settings.
func ExamplePresets() {
	for _, p := range mrr.Presets() {
		denominator := "start"
		if p.ChurnDenominator == mrr.DenominatorStartPlusNew {
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
