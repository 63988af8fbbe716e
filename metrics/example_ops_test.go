package metrics_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Balance-sheet ratios are exact fractions, shown as multiples.
func ExampleCurrentRatio() {
	assets, err1 := metrics.MoneyFromInt(300_000, "USD")
	liabilities, err2 := metrics.MoneyFromInt(200_000, "USD")
	cash, err3 := metrics.MoneyFromInt(50_000, "USD")
	securities, err4 := metrics.MoneyFromInt(25_000, "USD")
	due, err5 := metrics.MoneyFromInt(100_000, "USD")
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		fmt.Println(err)
		return
	}
	cr, _ := metrics.CurrentRatio(metrics.BalanceSheet{CurrentAssets: assets, CurrentLiabilities: liabilities})
	at, _ := metrics.AcidTestRatio(metrics.BalanceSheet{Cash: cash, MarketableSecurities: securities, CurrentLiabilities: due})
	fmt.Println(cr.StringMultiple(metrics.Places(2)), at.StringMultiple(metrics.Places(2)))
	// Output: 1.5x 0.75x
}

// Context for a value: change, attainment, gap and the trailing average.
func ExampleChangeMoney() {
	usd := func(n int64) metrics.Money {
		m, err := metrics.MoneyFromInt(n, "USD")
		if err != nil {
			panic(err) // "USD" is a valid code: MoneyFromInt cannot fail here
		}
		return m
	}
	c, _ := metrics.ChangeMoney(metrics.Periods{Previous: usd(80), Current: usd(100)})
	gap, _ := metrics.GapToTarget(metrics.Goal{Target: usd(20_000_000), Actual: usd(15_000_000)})
	avg, _ := metrics.TrailingAverage([]metrics.Money{usd(90), usd(100), usd(110)}, 3)
	fmt.Println(c.Absolute, c.Relative, gap, avg)
	// Output: 20.00 USD 25% 5000000.00 USD 100.00 USD
}

// CS operations: support times in hours, averaged exactly.
func ExampleFirstResponseTimeHours() {
	frt, _ := metrics.FirstResponseTimeHours([]time.Duration{30 * time.Minute, 90 * time.Minute})
	fmt.Println(frt)
	// Output: 1 hours
}
