// Command quickstart prints headline SaaS metrics for a small bundled data set.
package main

import (
	"fmt"
	"os"

	"github.com/saasmetrics/saasmetrics/metrics"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	start := metrics.MoneyFromInt(10_000_000, "USD")
	nrr, err := metrics.NRR(start, metrics.MoneyFromInt(1_500_000, "USD"), metrics.MoneyFromInt(200_000, "USD"), metrics.MoneyFromInt(800_000, "USD"))
	if err != nil {
		return err
	}
	fmt.Println("NRR", nrr)
	return nil
}
