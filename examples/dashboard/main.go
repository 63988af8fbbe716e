// Command dashboard prints the sample company's metrics as the dashboard
// hierarchy of our sources (seeds/000: executive, revenue leadership,
// departments, rep and CSM; seeds/004: the CS leadership weekly view and the
// CSM's daily list) and writes them as one self-contained HTML report with
// charts.
//
//	go -C examples run ./dashboard                 # reads data/company, writes dashboard.html
//	go -C examples run ./dashboard -data DIR -html FILE
//
// Every figure is computed by the library (packages metrics, metrics/mrr,
// cohort, health, forecast, metrics/attribution); this program reads the CSV
// files, calls it, and formats the results. Progress goes to stderr.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	data := flag.String("data", filepath.Join("data", "company"), "the sample company's directory (see ./samplecompany)")
	html := flag.String("html", "dashboard.html", "where to write the HTML report (empty: none)")
	flag.Parse()
	if err := run(*data, *html); err != nil {
		fmt.Fprintln(os.Stderr, "dashboard:", err)
		os.Exit(1)
	}
}

func run(data, html string) error {
	if _, err := os.Stat(filepath.Join(data, "customers.csv")); err != nil {
		return fmt.Errorf("%s: %w", data, errNoData)
	}
	r, err := compute(data, os.Stderr)
	if err != nil {
		return err
	}
	if err := r.print(os.Stdout); err != nil {
		return err
	}
	if html == "" {
		return nil
	}
	fmt.Fprintf(os.Stderr, "dashboard: drawing the charts\n")
	f, err := os.Create(html)
	if err != nil {
		return err
	}
	if err := r.html(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "dashboard: wrote %s\n", html)
	return nil
}
