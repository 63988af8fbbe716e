// Command quickstart reads the bundled customer-month MRR sample
// (examples/data/mrr_sample.csv), builds the MRR ledger, and prints the
// monthly waterfall, the last quarter's headline metrics with their
// dictionary definitions, and the quarterly cohorts' net revenue retention.
//
// Run it from the repository root:
//
//	go -C examples run ./quickstart
//
// or point it at your own file: go -C examples run ./quickstart path/to/mrr.csv
// (header customer,month,mrr,currency; one row per customer and month).
package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/saasmetrics/saasmetrics/cohort"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/catalog"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

func main() {
	path := "data/mrr_sample.csv"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	if err := run(path, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	// The CSV streams into the ledger with its errors: a bad record stops the
	// build with a *metrics.RowError naming the record and its line (set
	// Lenient to list bad records in ledger.Rejected() and go on instead).
	ledger, err := mrr.Build(mrr.NewCSVReader(f).Rows(), mrr.Options{
		Currency:    "USD",
		Conventions: mrr.Recommended(),
		KeepLog:     true, // for the cohort retention of the last quarter
	})
	if err != nil {
		return err
	}

	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "month\tstart\tnew\texpansion\tcontraction\tchurn\treactivation\tend\tcustomers\t")
	for _, s := range ledger.Months() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", s.From,
			amt(s.Start), amt(s.New), amt(s.Expansion), amt(s.Contraction), amt(s.Churn), amt(s.Reactivation), amt(s.End), s.EndCustomers)
	}
	if err := w.Flush(); err != nil {
		return err
	}

	// The last quarter: logo churn and quick ratio from its summed movements,
	// NRR and GRR from its start cohort (the customers paying before it).
	from := ledger.Last().Add(-2)
	q, err := ledger.Span(from, ledger.Last())
	if err != nil {
		return err
	}
	start, err := cohort.SpanRetention(ledger, cohort.Span{From: from, To: ledger.Last()})
	if err != nil {
		return err
	}
	dict, err := catalog.New()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s to %s\n", q.From, q.To)
	fmt.Fprintf(out, "  %-44s %s\n", "ARR at the end", q.ARR())
	fmt.Fprintf(out, "  %-44s %s\n", "Net new MRR", q.NetNew())
	for _, m := range []struct {
		id    string
		value func() (metrics.Ratio, error)
	}{
		{"span_nrr", start.NRR},
		{"span_grr", start.GRR},
		{"quick_ratio", q.QuickRatio},
		{"ledger_logo_churn_rate", q.LogoChurnRate},
	} {
		def, ok := dict.Lookup(m.id)
		if !ok {
			return fmt.Errorf("no definition %q", m.id)
		}
		v, err := m.value()
		if err != nil {
			fmt.Fprintf(out, "  %-44s undefined: %v\n", def.Name, err)
			continue
		}
		text := v.StringPercent(metrics.Places(1))
		if def.Display == "multiple" {
			text = v.StringMultiple(metrics.Places(2))
		}
		fmt.Fprintf(out, "  %-44s %s  (%s v%d)\n", def.Name, text, def.ID, def.Version)
	}

	// The same log, as quarterly acquisition cohorts: net revenue retention
	// by quarters since each customer's first paid month ("·" where the data
	// cannot have observed the cell yet, "*" where only part of it).
	table, err := cohort.FromLedger(ledger, cohort.Options{Grain: cohort.GrainQuarter})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\nNet revenue retention by quarterly cohort")
	return table.WriteText(out, cohort.MetricNRR, metrics.Places(1))
}

// amt prints an amount rounded to cents for the table.
func amt(m metrics.Money) string {
	return m.Round(metrics.Places(2)).Amount().StringFixed(2)
}
