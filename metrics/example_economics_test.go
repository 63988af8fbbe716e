package metrics_test

import (
	"errors"
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The worked example: a customer paying 30,000 a year at an 80% gross margin,
// with 10% annual revenue churn, acquired for 80,000.
func ExampleLTVGrossMargin() {
	arpa, err1 := metrics.MoneyFromInt(30_000, "USD")
	cac, err2 := metrics.MoneyFromInt(80_000, "USD")
	monthly, err3 := metrics.MoneyFromInt(2_500, "USD")
	dict, err4 := metrics.NewDictionary(metrics.Definitions())
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		fmt.Println(err)
		return
	}
	ltv, _ := metrics.LTVGrossMargin(metrics.UnitEconomics{ARPA: arpa, GrossMargin: metrics.Percent(80), Churn: metrics.Percent(10)})
	ratio, _ := metrics.LTVToCAC(metrics.UnitEconomics{LTV: ltv, CAC: cac})

	def, _ := dict.Lookup("ltv_cac")
	band, _ := def.Classify(ratio)
	payback, _ := metrics.CACPaybackMonths(metrics.UnitEconomics{CAC: cac, ARPA: monthly, GrossMargin: metrics.Percent(80)})

	fmt.Println("LTV", ltv)
	fmt.Println("LTV:CAC", ratio.StringMultiple(metrics.Places(2)), band.Name, band.Status)
	fmt.Println("payback", payback)
	// Output:
	// LTV 240000.00 USD
	// LTV:CAC 3x good green
	// payback 40 months
}

// ChartMogul's example: ARPA $100 at 5% monthly churn is an LTV of $2,000.
func ExampleLTV() {
	arpa, err := metrics.MoneyFromInt(100, "USD")
	if err != nil {
		fmt.Println(err)
		return
	}
	ltv, _ := metrics.LTV(arpa, metrics.Percent(5))
	lifetime, _ := metrics.CustomerLifetimeMonths(metrics.Percent(5))
	fmt.Println(ltv, "over", lifetime)

	_, err = metrics.LTV(arpa, metrics.Percent(0))
	fmt.Println(err)
	// Output:
	// 2000.00 USD over 20 months
	// metrics: ltv: churn: zero denominator
}

// Efficiency of growth: burn multiple, magic number, quick ratio and runway.
func ExampleBurnMultiple() {
	usd := func(n int64) metrics.Money {
		m, err := metrics.MoneyFromInt(n, "USD")
		if err != nil {
			panic(err) // "USD" is a valid code: MoneyFromInt cannot fail here
		}
		return m
	}
	burn, _ := metrics.BurnMultiple(metrics.Efficiency{NetBurn: usd(4_000_000), NetNewARR: usd(5_000_000)})
	magic, _ := metrics.MagicNumber(metrics.Efficiency{NetNewARR: usd(60_000), SalesMarketing: usd(40_000)})
	quick, _ := metrics.QuickRatio(metrics.Movements{New: usd(20_000), Expansion: usd(8_000), Reactivation: usd(0), Churn: usd(5_000), Contraction: usd(3_000)})
	runway, _ := metrics.RunwayMonths(metrics.BalanceSheet{Cash: usd(1_200_000)}, usd(100_000))
	_, noLimit := metrics.RunwayMonths(metrics.BalanceSheet{Cash: usd(1_200_000)}, usd(0))

	fmt.Println("burn multiple", burn.StringMultiple(metrics.Places(2)))
	fmt.Println("magic number", magic.StringMultiple(metrics.Places(2)))
	fmt.Println("quick ratio", quick.StringMultiple(metrics.Places(2)))
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
	paid, err1 := metrics.MoneyFromInt(10_000, "USD")
	organic, err2 := metrics.MoneyFromInt(2_000, "USD")
	if err := errors.Join(err1, err2); err != nil {
		fmt.Println(err)
		return
	}
	res, _ := metrics.CACByChannel([]metrics.ChannelSpend{
		{Channel: "paid", Spend: paid, NewCustomers: 20},
		{Channel: "organic", Spend: organic, NewCustomers: 10},
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
