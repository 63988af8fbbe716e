package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// 15 customers lost of 500 in a quarter, converted to a year of 4 quarters:
// simple churn overstates, compounded churn is exact, and PerPeriodChurn
// recovers the quarterly rate.
func ExamplePerPeriodChurn() {
	quarterly, _ := metrics.LogoChurnRate(metrics.Customers{Start: 500, Churned: 15})
	simple, _ := metrics.SimpleChurn(quarterly, 4)
	compound, _ := metrics.CompoundChurn(quarterly, 4)
	back, _ := metrics.PerPeriodChurn(compound, 4)
	fmt.Println("quarterly", quarterly)
	fmt.Println("annual, simple", simple)
	fmt.Println("annual, compounded", compound)
	fmt.Println("back to quarterly", back)
	// Output:
	// quarterly 3%
	// annual, simple 12%
	// annual, compounded 11.470719%
	// back to quarterly 3%
}

// ChartMogul's MRR churn example
// (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate):
// $100 at the start, $10 churn, $10 contraction, $10 expansion.
func ExampleNetMRRChurnRate() {
	usd := func(n int64) metrics.Money {
		m, err := metrics.MoneyFromInt(n, "USD")
		if err != nil {
			panic(err) // "USD" is a valid code: MoneyFromInt cannot fail here
		}
		return m
	}
	period := metrics.Movements{Start: usd(100), Expansion: usd(10), Contraction: usd(10), Churn: usd(10)}
	gross, _ := metrics.GrossMRRChurnRate(period)
	net, _ := metrics.NetMRRChurnRate(period)
	fmt.Println("gross MRR churn", gross)
	fmt.Println("net MRR churn", net)
	// Output:
	// gross MRR churn 20%
	// net MRR churn 10%
}

// The exact n-th root, rounded once (and an even root of a negative number,
// refused): √2 to 8 places, the 12th root of 2
// (one semitone) to 12, and an exact root that needs no rounding.
func ExampleContext_Root_negative() {
	sqrt2, _ := metrics.NewContext(8, metrics.RoundHalfEven).Root(decimal.NewFromInt(2), 2)
	semitone, _ := metrics.DefaultContext().Root(decimal.NewFromInt(2), 12)
	exact, _ := metrics.Context{}.Root(decimal.New(121, -2), 2)
	_, err := metrics.Context{}.Root(decimal.NewFromInt(-4), 2)
	fmt.Println(sqrt2.StringFixed(8))
	fmt.Println(semitone.StringFixed(12))
	fmt.Println(exact.StringFixed(1))
	fmt.Println(err)
	// Output:
	// 1.41421356
	// 1.059463094359
	// 1.1
	// metrics: Context.Root x: negative value: even root of -4
}
