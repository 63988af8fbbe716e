package metrics_test

import (
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Balance-sheet ratios are exact fractions, shown as multiples.
func ExampleCurrentRatio() {
	cr, _ := metrics.CurrentRatio(metrics.MoneyFromInt(300_000, "USD"), metrics.MoneyFromInt(200_000, "USD"))
	at, _ := metrics.AcidTestRatio(metrics.MoneyFromInt(50_000, "USD"), metrics.MoneyFromInt(25_000, "USD"), metrics.Money{}, metrics.MoneyFromInt(100_000, "USD"))
	fmt.Println(cr.StringMultiple(2), at.StringMultiple(2))
	// Output: 1.5x 0.75x
}

// Context for a value: change, attainment, gap and the trailing average.
func ExampleChangeMoney() {
	c, _ := metrics.ChangeMoney(metrics.MoneyFromInt(80, "USD"), metrics.MoneyFromInt(100, "USD"))
	gap, _ := metrics.GapToTarget(metrics.MoneyFromInt(20_000_000, "USD"), metrics.MoneyFromInt(15_000_000, "USD"))
	avg, _ := metrics.TrailingAverage([]metrics.Money{metrics.MoneyFromInt(90, "USD"), metrics.MoneyFromInt(100, "USD"), metrics.MoneyFromInt(110, "USD")}, 3)
	fmt.Println(c.Absolute, c.Relative, gap, avg)
	// Output: 20.00 USD 25% 5000000.00 USD 100.00 USD
}

// CS operations: support times in hours and the health distribution.
func ExampleHealthDistribution() {
	frt, _ := metrics.FirstResponseTimeHours([]time.Duration{30 * time.Minute, 90 * time.Minute})
	scores := []decimal.Decimal{decimal.New(92, 0), decimal.New(85, 0), decimal.New(81, 0), decimal.New(60, 0), decimal.New(30, 0)}
	h, _ := metrics.HealthDistribution(scores, metrics.HealthBands{})
	def, _ := metrics.NewDictionary().Lookup("health_distribution_healthy")
	band, _ := def.Classify(h.HealthyShare)
	fmt.Println(frt, h.Healthy, h.AtRisk, h.Critical, h.HealthyShare, band.Name)
	// Output: 1 hours 3 1 1 60% watch
}
