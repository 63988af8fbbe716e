package metrics_test

import (
	"errors"
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The worked example: 10M starting ARR, 1.5M expansion, 200K contraction,
// 800K churn.
func ExampleNRR() {
	start, err1 := metrics.MoneyFromInt(10_000_000, "USD")
	expansion, err2 := metrics.MoneyFromInt(1_500_000, "USD")
	contraction, err3 := metrics.MoneyFromInt(200_000, "USD")
	churn, err4 := metrics.MoneyFromInt(800_000, "USD")
	dict, err5 := metrics.NewDictionary(metrics.Definitions())
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		fmt.Println(err)
		return
	}
	period := metrics.Movements{Start: start, Expansion: expansion, Contraction: contraction, Churn: churn}

	nrr, _ := metrics.NRR(period)
	grr, _ := metrics.GRR(period)
	band, _ := dict.Lookup("nrr")
	class, _ := band.Classify(nrr)
	fmt.Println("NRR", nrr, class.Name, class.Status)
	fmt.Println("GRR", grr)
	// Output:
	// NRR 105% acceptable yellow
	// GRR 90%
}
