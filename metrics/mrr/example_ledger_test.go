package metrics_test

import (
	"fmt"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// ledgerExampleRows is a small book of business: acme expands in February and
// cancels one of its two subscriptions in March; beta churns in March; gamma
// joins in February.
func ledgerExampleRows() []metrics.MRRRow {
	m := func(s string) metrics.Month { v, _ := metrics.ParseMonth(s); return v }
	usd := func(s string) metrics.Money { v, _ := metrics.ParseMoney(s, "USD"); return v }
	return []metrics.MRRRow{
		{Customer: "acme", Subscription: "sub_1", Month: m("2024-01"), MRR: usd("100")},
		{Customer: "acme", Subscription: "sub_1", Month: m("2024-02"), MRR: usd("150")},
		{Customer: "acme", Subscription: "sub_2", Month: m("2024-02"), MRR: usd("50")},
		{Customer: "acme", Subscription: "sub_1", Month: m("2024-03"), MRR: usd("150")},
		{Customer: "beta", Subscription: "sub_3", Month: m("2024-01"), MRR: usd("80")},
		{Customer: "beta", Subscription: "sub_3", Month: m("2024-02"), MRR: usd("80")},
		{Customer: "gamma", Subscription: "sub_4", Month: m("2024-02"), MRR: usd("40")},
		{Customer: "gamma", Subscription: "sub_4", Month: m("2024-03"), MRR: usd("40")},
	}
}

func ExampleBuildLedger() {
	l, err := metrics.BuildLedger(slices.Values(ledgerExampleRows()), metrics.LedgerOptions{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range l.Months() {
		fmt.Printf("%s start %s +new %s +exp %s −contr %s −churn %s = end %s (%d → %d customers)\n",
			s.From, s.Start, s.New, s.Expansion, s.Contraction, s.Churn, s.End, s.StartCustomers, s.EndCustomers)
	}
	// Output:
	// 2024-01 start 0.00 USD +new 180.00 USD +exp 0.00 USD −contr 0.00 USD −churn 0.00 USD = end 180.00 USD (0 → 2 customers)
	// 2024-02 start 180.00 USD +new 40.00 USD +exp 100.00 USD −contr 0.00 USD −churn 0.00 USD = end 320.00 USD (2 → 3 customers)
	// 2024-03 start 320.00 USD +new 0.00 USD +exp 0.00 USD −contr 50.00 USD −churn 80.00 USD = end 190.00 USD (3 → 2 customers)
}

func ExampleLedger_Quarter() {
	l, _ := metrics.BuildLedger(slices.Values(ledgerExampleRows()), metrics.LedgerOptions{Currency: "USD"})
	q1, _ := metrics.NewQuarter(2024, 1)
	s, _ := l.Quarter(q1)
	fmt.Println(s.From, "to", s.To, "net new", s.NetNew(), "ARR", s.ARR())
	arr := s.Annualized()
	fmt.Println("ARR waterfall: start", arr.Start, "new", arr.New, "expansion", arr.Expansion, "contraction", arr.Contraction, "churn", arr.Churn, "end", arr.End)
	// The book started in January: no customers at the quarter's start, so
	// its churn rate is undefined, not 0.
	_, err := s.LogoChurnRate(l.Conventions())
	fmt.Println(err)
	// Output:
	// 2024-01 to 2024-03 net new 190.00 USD ARR 2280.00 USD
	// ARR waterfall: start 0.00 USD new 2640.00 USD expansion 1200.00 USD contraction 600.00 USD churn 960.00 USD end 2280.00 USD
	// metrics: ledger_logo_churn_rate: start_customers: zero denominator
}

func ExampleLedger_Span() {
	l, _ := metrics.BuildLedger(slices.Values(ledgerExampleRows()), metrics.LedgerOptions{Currency: "USD", KeepLog: true})
	feb, _ := metrics.ParseMonth("2024-02")
	mar, _ := metrics.ParseMonth("2024-03")
	s, _ := l.Span(feb, mar)
	churn, _ := s.LogoChurnRate(l.Conventions())
	// Retention over a span is a cohort figure: the customers paying in January.
	r, _ := l.Retention(feb, mar)
	nrr, _ := r.NRR()
	grr, _ := r.GRR()
	fmt.Println("start", s.Start, "customers", s.StartCustomers, "churned", s.ChurnedCustomers)
	fmt.Println("logo churn", churn, "NRR", nrr.StringPercent(2), "GRR", grr.StringPercent(2))
	// Output:
	// start 180.00 USD customers 2 churned 1
	// logo churn 50% NRR 83.33% GRR 55.56%
}

func ExampleLedger_Movements() {
	l, _ := metrics.BuildLedger(slices.Values(ledgerExampleRows()), metrics.LedgerOptions{Currency: "USD", KeepLog: true})
	mar, _ := metrics.ParseMonth("2024-03")
	for _, kind := range []metrics.MovementKind{metrics.MovementContraction, metrics.MovementChurn} {
		moves, _ := l.Movements(mar, kind)
		for _, mv := range moves {
			fmt.Println(mv.Month, mv.Kind, mv.Customer, mv.From, "→", mv.To, "amount", mv.Amount)
		}
	}
	// Output:
	// 2024-03 contraction acme 200.00 USD → 150.00 USD amount 50.00 USD
	// 2024-03 churn beta 80.00 USD → 0.00 USD amount 80.00 USD
}

func ExampleLedger_Merge() {
	var shardA, shardB []metrics.MRRRow
	for _, r := range ledgerExampleRows() {
		if r.Customer == "beta" {
			shardB = append(shardB, r)
		} else {
			shardA = append(shardA, r)
		}
	}
	opts := metrics.LedgerOptions{Currency: "USD"}
	a, _ := metrics.BuildLedgerSorted(slices.Values(shardA), opts)
	b, _ := metrics.BuildLedgerSorted(slices.Values(shardB), opts)
	// Alone, shard B ends in February, so beta is not churned there ...
	fmt.Println("shard B span", b.First(), "to", b.Last())
	merged, _ := a.Merge(b)
	mar, _ := metrics.ParseMonth("2024-03")
	s, _ := merged.Month(mar)
	// ... but the merged span runs to March and beta's churn appears.
	fmt.Println("merged March churn", s.Churn, "end", s.End)
	// Output:
	// shard B span 2024-01 to 2024-02
	// merged March churn 80.00 USD end 190.00 USD
}

func ExampleLedger_Anomalies() {
	var rows []metrics.MRRRow
	jan, _ := metrics.ParseMonth("2024-01")
	for i := 0; i < 10; i++ {
		amount := decimal.New(100, 0)
		if i == 8 {
			amount = decimal.New(100000, 0) // a likely data error: 1,000 times the usual new MRR
		}
		for k := i; k < 10; k++ {
			rows = append(rows, metrics.MRRRow{Customer: fmt.Sprint("c", i), Month: jan.Add(k), MRR: metrics.NewMoney(amount, "USD")})
		}
	}
	l, _ := metrics.BuildLedger(slices.Values(rows), metrics.LedgerOptions{Currency: "USD"})
	found, _ := l.Anomalies(metrics.AnomalyOptions{})
	for _, a := range found {
		fmt.Println(a.Month, a.Measure, a.Value, "trailing median", a.Median)
	}
	// Output:
	// 2024-09 mrr-change 100000.00 USD trailing median 100.00 USD
}
