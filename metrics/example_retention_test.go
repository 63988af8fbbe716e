package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The worked example: 10M starting ARR, 1.5M expansion, 200K contraction,
// 800K churn.
func ExampleNRR() {
	start := metrics.MoneyFromInt(10_000_000, "USD")
	expansion := metrics.MoneyFromInt(1_500_000, "USD")
	contraction := metrics.MoneyFromInt(200_000, "USD")
	churn := metrics.MoneyFromInt(800_000, "USD")

	nrr, _ := metrics.NRR(start, expansion, contraction, churn)
	grr, _ := metrics.GRR(start, contraction, churn)
	band, _ := metrics.NewDictionary().Lookup("nrr")
	class, _ := band.Classify(nrr)
	fmt.Println("NRR", nrr, class.Name, class.Status)
	fmt.Println("GRR", grr)
	// Output:
	// NRR 105% acceptable yellow
	// GRR 90%
}
