package mrr_test

import (
	"fmt"
	"iter"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
)

// ledgerExampleRows is a small book of business: acme expands in February and
// cancels one of its two subscriptions in March; beta churns in March; gamma
// joins in February. It is a row source as a caller would write one over its
// own store (a database/sql scan, say): each record is parsed, and a record
// that does not parse is yielded as its *metrics.RowError, numbered from 1,
// so a strict build stops there and a lenient one lists it and goes on.
func ledgerExampleRows() iter.Seq2[mrr.Row, error] {
	records := [][4]string{ // customer, subscription, month, MRR in USD
		{"acme", "sub_1", "2024-01", "100"},
		{"acme", "sub_1", "2024-02", "150"},
		{"acme", "sub_2", "2024-02", "50"},
		{"acme", "sub_1", "2024-03", "150"},
		{"beta", "sub_3", "2024-01", "80"},
		{"beta", "sub_3", "2024-02", "80"},
		{"gamma", "sub_4", "2024-02", "40"},
		{"gamma", "sub_4", "2024-03", "40"},
	}
	return func(yield func(mrr.Row, error) bool) {
		for k, rec := range records {
			bad := func(field string, err error) bool {
				return yield(mrr.Row{}, &metrics.RowError{Record: int64(k + 1), Entity: "customer", ID: rec[0], Field: field, Err: err})
			}
			m, err := metrics.ParseMonth(rec[2])
			if err != nil {
				if !bad("month", err) {
					return
				}
				continue
			}
			amount, err := metrics.ParseMoney(rec[3], "USD")
			if err != nil {
				if !bad("mrr", err) {
					return
				}
				continue
			}
			if !yield(mrr.Row{Customer: rec[0], Subscription: rec[1], Month: m, MRR: amount}, nil) {
				return
			}
		}
	}
}

func ExampleBuild() {
	l, err := mrr.Build(ledgerExampleRows(), mrr.Options{Currency: "USD"})
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

// A source's errors travel with its rows: a strict build returns the first
// bad record's *metrics.RowError (its record and line numbers), a lenient one
// lists every bad record in Rejected and counts the rest.
func ExampleNewCSVReader() {
	const in = "customer,month,mrr,currency\n" +
		"acme,2024-01,100,USD\n" +
		"beta,2024-01,oops,USD\n" +
		"gamma,2024-01,40,USD\n"
	_, err := mrr.Build(mrr.NewCSVReader(strings.NewReader(in)).Rows(), mrr.Options{Currency: "USD"})
	fmt.Println("strict:", err)
	l, err := mrr.Build(mrr.NewCSVReader(strings.NewReader(in)).Rows(), mrr.Options{Currency: "USD", Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, re := range l.Rejected() {
		fmt.Println("rejected record", re.Record, "line", re.Line, "field", re.Field)
	}
	jan, _ := l.Month(l.First())
	fmt.Println("lenient:", jan.End, "from", jan.EndCustomers, "customers")
	// Output:
	// strict: metrics: record 2 (line 3, customer "beta", month 2024-01): mrr: ParseMoney "oops": invalid input: "oops" is not a decimal number
	// rejected record 2 line 3 field mrr
	// lenient: 140.00 USD from 2 customers
}

func ExampleLedger_Quarter() {
	l, err := mrr.Build(ledgerExampleRows(), mrr.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1, _ := metrics.NewQuarter(2024, 1)
	s, _ := l.Quarter(q1)
	fmt.Println(s.From, "to", s.To, "net new", s.NetNew(), "ARR", s.ARR())
	arr := s.Annualized()
	fmt.Println("ARR waterfall: start", arr.Start, "new", arr.New, "expansion", arr.Expansion, "contraction", arr.Contraction, "churn", arr.Churn, "end", arr.End)
	// The book started in January: no customers at the quarter's start, so
	// its churn rate is undefined, not 0.
	_, err = s.LogoChurnRate()
	fmt.Println(err)
	// Output:
	// 2024-01 to 2024-03 net new 190.00 USD ARR 2280.00 USD
	// ARR waterfall: start 0.00 USD new 2640.00 USD expansion 1200.00 USD contraction 600.00 USD churn 960.00 USD end 2280.00 USD
	// metrics: ledger_logo_churn_rate: start_customers: zero denominator
}

func ExampleLedger_Span() {
	l, err := mrr.Build(ledgerExampleRows(), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	feb, _ := metrics.ParseMonth("2024-02")
	mar, _ := metrics.ParseMonth("2024-03")
	s, _ := l.Span(feb, mar)
	churn, _ := s.LogoChurnRate() // under the ledger's conventions
	// Retention over a span is a cohort figure (cohort.SpanRetention): the
	// summed movements mix in the span's new customers.
	_, err = s.NRR()
	fmt.Println("start", s.Start, "customers", s.StartCustomers, "churned", s.ChurnedCustomers)
	fmt.Println("logo churn", churn)
	fmt.Println(err)
	// Output:
	// start 180.00 USD customers 2 churned 1
	// logo churn 50%
	// metrics: nrr: span: invalid input: 2024-02 to 2024-03 is longer than a month; use cohort.SpanRetention for the cohort figure
}

func ExampleLedger_Movements() {
	l, err := mrr.Build(ledgerExampleRows(), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	mar, _ := metrics.ParseMonth("2024-03")
	for _, kind := range []mrr.MovementKind{mrr.MovementContraction, mrr.MovementChurn} {
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
	var shardA, shardB []mrr.Row
	for r, err := range ledgerExampleRows() {
		if err != nil {
			fmt.Println(err)
			return
		}
		if r.Customer == "beta" {
			shardB = append(shardB, r)
		} else {
			shardA = append(shardA, r)
		}
	}
	opts := mrr.Options{Currency: "USD"}
	a, errA := mrr.BuildSorted(rowSource(shardA), opts)
	b, errB := mrr.BuildSorted(rowSource(shardB), opts)
	if errA != nil || errB != nil {
		fmt.Println(errA, errB)
		return
	}
	// Alone, shard B ends in February, so beta is not churned there ...
	fmt.Println("shard B span", b.First(), "to", b.Last())
	merged, err := a.Merge(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	mar, _ := metrics.ParseMonth("2024-03")
	s, _ := merged.Month(mar)
	// ... but the merged span runs to March and beta's churn appears.
	fmt.Println("merged March churn", s.Churn, "end", s.End)
	// Output:
	// shard B span 2024-01 to 2024-02
	// merged March churn 80.00 USD end 190.00 USD
}

// rowSource streams rows held in memory: a source that cannot fail.
func rowSource(rows []mrr.Row) iter.Seq2[mrr.Row, error] {
	return func(yield func(mrr.Row, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func ExampleLedger_Anomalies() {
	var rows []mrr.Row
	jan, _ := metrics.ParseMonth("2024-01")
	for i := 0; i < 10; i++ {
		amount := decimal.New(100, 0)
		if i == 8 {
			amount = decimal.New(100000, 0) // a likely data error: 1,000 times the usual new MRR
		}
		m, err := metrics.NewMoney(amount, "USD")
		if err != nil {
			fmt.Println(err)
			return
		}
		for k := i; k < 10; k++ {
			rows = append(rows, mrr.Row{Customer: fmt.Sprint("c", i), Month: jan.Add(k), MRR: m})
		}
	}
	l, err := mrr.Build(rowSource(rows), mrr.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	found, _ := l.Anomalies(mrr.AnomalyOptions{})
	for _, a := range found {
		fmt.Println(a.Month, a.Measure, a.Value, "trailing median", a.Median)
	}
	// Output:
	// 2024-09 mrr-change 100000.00 USD trailing median 100.00 USD
}

// A customer in two shards would count twice: Merge refuses it, as it
// refuses a ledger merged with itself.
func ExampleLedger_Merge_overlap() {
	a, errA := mrr.Build(rowSource([]mrr.Row{row("acme", "2024-01", 100), row("beta", "2024-01", 80)}), mrr.Options{Currency: "USD"})
	b, errB := mrr.Build(rowSource([]mrr.Row{row("beta", "2024-02", 80)}), mrr.Options{Currency: "USD"})
	if errA != nil || errB != nil {
		fmt.Println(errA, errB)
		return
	}
	_, err := a.Merge(b)
	fmt.Println(err)
	_, err = a.Merge(a)
	fmt.Println(err)
	// Output:
	// metrics: ledger: merge: conflicting duplicate: a customer is in both ledgers
	// metrics: ledger: merge: conflicting duplicate: a ledger merged with itself
}

// row is a USD row for examples.
func row(customer, month string, usd int64) mrr.Row {
	m, _ := metrics.ParseMonth(month)
	amount, _ := metrics.MoneyFromInt(usd, "USD")
	return mrr.Row{Customer: customer, Month: m, MRR: amount}
}
