package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Seed 000 asks whether quarterly growth is accelerating (great), stable
// (good) or decelerating (worrying) over the last 8–12 quarters. Eight
// quarters slowing by exactly one point a quarter on the least-squares line
// (Σi = 28, Σr = 70%, Σi·r = 203%: (8·203 − 28·70) ÷ 336 = −1), read with a
// tolerance of half a point per quarter.
func ExampleGrowthTrend() {
	var rates []metrics.Ratio
	for _, p := range []string{"12%", "11%", "11%", "9%", "8%", "8%", "6%", "5%"} {
		r, err := metrics.ParseRatio(p)
		if err != nil {
			fmt.Println(err)
			return
		}
		rates = append(rates, r)
	}
	tolerance, _ := metrics.ParseRatio("0.5%")
	trend, err := metrics.GrowthTrend(rates, tolerance)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(trend.Direction, trend.Slope.StringPercent(metrics.Places(2)), "a quarter")
	// Output:
	// decelerating -1% a quarter
}

// Seed 004's two LTV formulas: the simple one (annual revenue × years) and
// the advanced one (ARPA × gross margin ÷ revenue churn, its worked example).
func ExampleLTVYears() {
	arpa, _ := metrics.MoneyFromInt(30_000, "USD")
	simple, err := metrics.LTVYears(arpa, decimal.New(4, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	margin, _ := metrics.ParseRatio("80%")
	churn, _ := metrics.ParseRatio("10%")
	advanced, err := metrics.LTVGrossMargin(metrics.UnitEconomics{ARPA: arpa, GrossMargin: margin, Churn: churn})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(simple, advanced)
	// Output:
	// 120000.00 USD 240000.00 USD
}

// Seed 004's save rate counts every at-risk customer; its expansion rate
// counts customers, not MRR.
func ExampleSaveRate() {
	save, err := metrics.SaveRate(11, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	expansion, err := metrics.CustomerExpansionRate(45, 200)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("save rate", save, "expansion rate", expansion)
	// Output:
	// save rate 55% expansion rate 22.5%
}

// The share of CSM time on one activity, against seed 004's targets.
func ExampleTimeShare() {
	admin, err := metrics.TimeShare(decimal.New(12, 0), decimal.New(40, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("administration", admin)
	// Output:
	// administration 30%
}
