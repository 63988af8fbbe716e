package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The worked example: a customer paying 30,000 a year at an 80% gross margin,
// with 10% annual revenue churn, acquired for 80,000.
func ExampleLTVGrossMargin() {
	arpa := metrics.MoneyFromInt(30_000, "USD")
	ltv, _ := metrics.LTVGrossMargin(arpa, metrics.PercentInt(80), metrics.PercentInt(10))
	cac := metrics.MoneyFromInt(80_000, "USD")
	ratio, _ := metrics.LTVToCAC(ltv, cac)

	def, _ := metrics.NewDictionary().Lookup("ltv_cac")
	band, _ := def.Classify(ratio)
	payback, _ := metrics.CACPaybackMonths(cac, metrics.MoneyFromInt(2_500, "USD"), metrics.PercentInt(80))

	fmt.Println("LTV", ltv)
	fmt.Println("LTV:CAC", ratio.StringMultiple(2), band.Name, band.Status)
	fmt.Println("payback", payback)
	// Output:
	// LTV 240000.00 USD
	// LTV:CAC 3x good green
	// payback 40 months
}

// ChartMogul's example: ARPA $100 at 5% monthly churn is an LTV of $2,000.
func ExampleLTV() {
	ltv, _ := metrics.LTV(metrics.MoneyFromInt(100, "USD"), metrics.PercentInt(5))
	lifetime, _ := metrics.CustomerLifetimeMonths(metrics.PercentInt(5))
	fmt.Println(ltv, "over", lifetime)

	_, err := metrics.LTV(metrics.MoneyFromInt(100, "USD"), metrics.PercentInt(0))
	fmt.Println(err)
	// Output:
	// 2000.00 USD over 20 months
	// metrics: ltv: churn: zero denominator
}

// Efficiency of growth: burn multiple, magic number, quick ratio and runway.
func ExampleBurnMultiple() {
	usd := func(n int64) metrics.Money { return metrics.MoneyFromInt(n, "USD") }
	burn, _ := metrics.BurnMultiple(usd(4_000_000), usd(5_000_000))
	magic, _ := metrics.MagicNumber(usd(60_000), usd(40_000))
	quick, _ := metrics.QuickRatio(usd(20_000), usd(8_000), usd(0), usd(5_000), usd(3_000))
	runway, _ := metrics.RunwayMonths(usd(1_200_000), usd(100_000))
	_, noLimit := metrics.RunwayMonths(usd(1_200_000), usd(0))

	fmt.Println("burn multiple", burn.StringMultiple(2))
	fmt.Println("magic number", magic.StringMultiple(2))
	fmt.Println("quick ratio", quick.StringMultiple(2))
	fmt.Println("runway", runway)
	fmt.Println(noLimit)
	// Output:
	// burn multiple 0.8x
	// magic number 1.5x
	// quick ratio 3.5x
	// runway 12 months
	// metrics: runway: monthlyNetBurn: value out of range: burn 0.00 USD is not positive, so there is no runway limit
}

// CAC per channel and blended, from the sums.
func ExampleCACByChannel() {
	res, _ := metrics.CACByChannel([]metrics.ChannelSpend{
		{Channel: "paid", Spend: metrics.MoneyFromInt(10_000, "USD"), NewCustomers: 20},
		{Channel: "organic", Spend: metrics.MoneyFromInt(2_000, "USD"), NewCustomers: 10},
	})
	for _, c := range res.Channels {
		fmt.Println(c.Channel, c.CAC)
	}
	fmt.Println("blended", res.Blended)
	// Output:
	// paid 500.00 USD
	// organic 200.00 USD
	// blended 400.00 USD
}
