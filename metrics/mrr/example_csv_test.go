package mrr_test

import (
	"fmt"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// A typical export, as a spreadsheet saves it: a byte order mark, CRLF line
// ends, a quoted customer name, an account_id column, dates instead of
// months, amounts in cents and no currency column. The reader maps the
// usual column names itself, and the fused build reads the bytes straight
// into the ledger (rows in any order).
func ExampleCSVReader_Build() {
	const export = "\xef\xbb\xbfaccount_id,Plan,date,mrr_cents\r\n" +
		"\"Acme, Inc.\",pro,2024-02-01,15000\r\n" +
		"beta,basic,2024-01-01,8000\r\n" +
		"\"Acme, Inc.\",pro,2024-01-01,10000\r\n" +
		"beta,basic,2024-02-01,8000\r\n"
	r := mrr.NewCSVReader(strings.NewReader(export))
	r.Columns.MRR = "mrr_cents"                     // not one of the usual names: say which column holds MRR
	r.AmountPlaces = 2                              // integers in cents
	l, err := r.Build(mrr.Options{Currency: "USD"}) // no currency column: USD
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range l.Months() {
		fmt.Println(s.From, "new", s.New, "expansion", s.Expansion, "end", s.End, s.EndCustomers, "customers")
	}
	// Output:
	// 2024-01 new 180.00 USD expansion 0.00 USD end 180.00 USD 2 customers
	// 2024-02 new 0.00 USD expansion 50.00 USD end 230.00 USD 2 customers
}

// A file sorted by customer then month streams: memory is one customer's
// state, whatever the size of the file. A row out of that order is an error
// (field "order"), never a silent wrong answer.
func ExampleCSVReader_BuildSorted() {
	const sorted = "customer_id,month,mrr,currency\n" +
		"acme,2024-01,100.00,USD\n" +
		"acme,2024-02,100.00,USD\n" +
		"beta,2024-01,80.00,USD\n"
	l, err := mrr.NewCSVReader(strings.NewReader(sorted)).BuildSorted(mrr.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	feb, _ := l.Month(l.Last())
	fmt.Println(feb.From, "retained", feb.RetainedCustomers, "churned", feb.ChurnedCustomers, "end", feb.End)

	const unsorted = "customer_id,month,mrr,currency\n" +
		"beta,2024-01,80.00,USD\n" +
		"acme,2024-01,100.00,USD\n"
	_, err = mrr.NewCSVReader(strings.NewReader(unsorted)).BuildSorted(mrr.Options{Currency: "USD"})
	fmt.Println(err)
	// Output:
	// 2024-02 retained 1 churned 1 end 100.00 USD
	// metrics: record 2 (customer "acme", month 2024-01): order: invalid input: rows must be sorted by customer then month (after customer "beta", month 2024-01)
}

// Lenient builds list every bad record; MaxRejected caps the list, so a file
// that is mostly wrong fails instead of yielding a ledger of its few good
// rows.
func ExampleOptions_maxRejected() {
	const in = "customer,month,mrr,currency\n" +
		"acme,2024-01,100,USD\n" +
		"beta,2024-13,80,USD\n" +
		"gamma,2024-01,-5,USD\n" +
		"delta,January,40,USD\n"
	opts := mrr.Options{Currency: "USD", Lenient: true}
	l, err := mrr.NewCSVReader(strings.NewReader(in)).Build(opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(l.Rejected()), "rejected")
	opts.MaxRejected = 2
	_, err = mrr.NewCSVReader(strings.NewReader(in)).Build(opts)
	fmt.Println(err)
	// Output:
	// 3 rejected
	// metrics: ledger: rejected: value out of range: more than MaxRejected = 2 rejected records; the next: metrics: record 4 (line 5, customer "delta"): month: ParseMonth "January" (want YYYY-MM): invalid input
}
