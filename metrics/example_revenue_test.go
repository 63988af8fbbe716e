package metrics_test

import (
	"errors"
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Revenue and growth: ARR from MRR, ACV growth and compound monthly growth.
func ExampleGrowthRate() {
	usd := func(n int64) metrics.Money {
		m, err := metrics.MoneyFromInt(n, "USD")
		if err != nil {
			panic(err) // "USD" is a valid code: MoneyFromInt cannot fail here
		}
		return m
	}
	mrr, _ := metrics.MRRFromARPA(10, usd(10))
	arr, _ := metrics.ARR(mrr)
	acv, _ := metrics.ACVGrowth(metrics.Periods{Previous: usd(35_000), Current: usd(42_000)})
	cmgr, _ := metrics.CMGR(metrics.Periods{Previous: usd(100), Current: usd(121)}, 2)
	fmt.Println(mrr, arr, acv, cmgr)
	// Output: 100.00 USD 1200.00 USD 20% 10%
}

// Churn over longer periods: simple (× n) overstates; compounding is exact;
// the inverse (a per-period rate from a longer one) is rounded once to 12
// places.
func ExampleCompoundChurn() {
	quarterly, _ := metrics.LogoChurnRate(metrics.Customers{Start: 500, Churned: 15})
	simple, _ := metrics.SimpleChurn(quarterly, 4)
	annual, _ := metrics.CompoundChurn(quarterly, 4)
	monthly, _ := metrics.PerPeriodChurn(metrics.Percent(5), 12)
	fmt.Println(quarterly, simple, annual, monthly.StringPercent(metrics.Places(4)))
	// Output: 3% 12% 11.470719% 0.4265%
}

// ChartMogul's ARPA example (help.chartmogul.com/hc/en-us/articles/203359301):
// five customers paying $1, $1, $3, $5 and $5 a month.
func ExampleMRRSum() {
	var amounts []metrics.Money
	for _, a := range []int64{1, 1, 3, 5, 5} {
		m, err := metrics.MoneyFromInt(a, "USD")
		if err != nil {
			fmt.Println(err)
			return
		}
		amounts = append(amounts, m)
	}
	mrr, _ := metrics.MRRSum(amounts...)
	arr, _ := metrics.ARR(mrr)
	arpa, _ := metrics.ARPA(mrr, int64(len(amounts)))
	fmt.Println("MRR", mrr)
	fmt.Println("ARR", arr)
	fmt.Println("ARPA", arpa.Round(metrics.Places(2)))
	// Output:
	// MRR 15.00 USD
	// ARR 180.00 USD
	// ARPA 3.00 USD
}

// Growth from one period to the next, and compounded over several months.
func ExampleCMGR() {
	prevACV, err1 := metrics.MoneyFromInt(35_000, "USD")
	curACV, err2 := metrics.MoneyFromInt(42_000, "USD")
	start, err3 := metrics.MoneyFromInt(10_000, "USD")
	end, err4 := metrics.MoneyFromInt(50_000, "USD")
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		fmt.Println(err)
		return
	}
	acvGrowth, _ := metrics.ACVGrowth(metrics.Periods{Previous: prevACV, Current: curACV})
	fmt.Println("ACV growth", acvGrowth)

	period := metrics.Periods{Previous: start, Current: end}
	total, _ := metrics.GrowthRate(period)
	cmgr, _ := metrics.CMGR(period, 6)
	fmt.Println("growth over 6 months", total)
	fmt.Println("CMGR", cmgr.StringPercent(metrics.Places(2)))
	// Output:
	// ACV growth 20%
	// growth over 6 months 400%
	// CMGR 30.77%
}
