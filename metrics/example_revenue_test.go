package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Revenue and growth: ARR from MRR, ACV growth and compound monthly growth.
func ExampleGrowthRate() {
	mrr, _ := metrics.MRRFromARPA(10, metrics.MoneyFromInt(10, "USD"))
	arr, _ := metrics.ARR(mrr)
	acv, _ := metrics.ACVGrowth(metrics.MoneyFromInt(35_000, "USD"), metrics.MoneyFromInt(42_000, "USD"))
	cmgr, _ := metrics.CMGR(metrics.MoneyFromInt(100, "USD"), metrics.MoneyFromInt(121, "USD"), 2)
	fmt.Println(mrr, arr, acv, cmgr)
	// Output: 100.00 USD 1200.00 USD 20% 10%
}

// Churn over longer periods: simple (× n) overstates; compounding is exact;
// the inverse (a per-period rate from a longer one) is rounded once to 12
// places.
func ExampleCompoundChurn() {
	quarterly, _ := metrics.LogoChurnRate(15, 500)
	simple, _ := metrics.SimpleChurn(quarterly, 4)
	annual, _ := metrics.CompoundChurn(quarterly, 4)
	monthly, _ := metrics.PerPeriodChurn(metrics.NewRatio(decimal.New(5, -2)), 12)
	fmt.Println(quarterly, simple, annual, monthly.StringPercent(4))
	// Output: 3% 12% 11.470719% 0.4265%
}

// ChartMogul's ARPA example (help.chartmogul.com/hc/en-us/articles/203359301):
// five customers paying $1, $1, $3, $5 and $5 a month.
func ExampleMRRSum() {
	var amounts []metrics.Money
	for _, a := range []int64{1, 1, 3, 5, 5} {
		amounts = append(amounts, metrics.MoneyFromInt(a, "USD"))
	}
	mrr, _ := metrics.MRRSum(amounts...)
	arr, _ := metrics.ARR(mrr)
	arpa, _ := metrics.ARPA(mrr, int64(len(amounts)))
	fmt.Println("MRR", mrr)
	fmt.Println("ARR", arr)
	fmt.Println("ARPA", arpa.Round(2, metrics.HalfEven))
	// Output:
	// MRR 15.00 USD
	// ARR 180.00 USD
	// ARPA 3.00 USD
}

// Growth from one period to the next, and compounded over several months.
func ExampleCMGR() {
	acvGrowth, _ := metrics.ACVGrowth(metrics.MoneyFromInt(35_000, "USD"), metrics.MoneyFromInt(42_000, "USD"))
	fmt.Println("ACV growth", acvGrowth)

	start, end := metrics.MoneyFromInt(10_000, "USD"), metrics.MoneyFromInt(50_000, "USD")
	total, _ := metrics.GrowthRate(start, end)
	cmgr, _ := metrics.CMGR(start, end, 6)
	fmt.Println("growth over 6 months", total)
	fmt.Println("CMGR", cmgr.StringPercent(2))
	// Output:
	// ACV growth 20%
	// growth over 6 months 400%
	// CMGR 30.77%
}
