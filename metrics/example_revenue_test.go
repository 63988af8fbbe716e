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
