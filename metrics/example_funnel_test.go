package metrics_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// A quarter's pipeline: win rate, velocity, coverage and sales cycle.
func ExamplePipelineVelocity() {
	dealSize, err1 := metrics.MoneyFromInt(25_000, "USD")
	pipeline, err2 := metrics.MoneyFromInt(4_800_000, "USD")
	remaining, err3 := metrics.MoneyFromInt(1_600_000, "USD")
	dict, err4 := metrics.NewDictionary(metrics.Definitions())
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		fmt.Println(err)
		return
	}
	winRate, _ := metrics.WinRate(25, 75)
	cycle, _ := metrics.AverageSalesCycleDays([]time.Duration{
		45 * 24 * time.Hour, 60 * 24 * time.Hour, 75 * 24 * time.Hour,
	})
	velocity, _ := metrics.PipelineVelocity(50, dealSize, winRate, cycle)
	coverage, _ := metrics.PipelineCoverage(pipeline, remaining)
	def, _ := dict.Lookup("pipeline_coverage")
	band, _ := def.Classify(coverage)

	fmt.Println("win rate", winRate)
	fmt.Println("cycle", cycle)
	fmt.Println("velocity per day", velocity.Round(metrics.Places(2)))
	fmt.Println("coverage", coverage.StringMultiple(metrics.Places(1)), band.Name)
	// Output:
	// win rate 25%
	// cycle 60 days
	// velocity per day 5208.33 USD
	// coverage 3x healthy
}

// The worked example: capacity of 15M against a 20M target leaves a 5M gap.
func ExampleCapacityGap() {
	quota, err1 := metrics.MoneyFromInt(1_250_000, "USD")
	target, err2 := metrics.MoneyFromInt(20_000_000, "USD")
	if err := errors.Join(err1, err2); err != nil {
		fmt.Println(err)
		return
	}
	capacity, _ := metrics.TeamCapacity(15, quota, metrics.Percent(80), metrics.Percent(100))
	gap, _ := metrics.CapacityGap(target, capacity)
	fmt.Println("capacity", capacity)
	fmt.Println("gap", gap)
	// Output:
	// capacity 15000000.00 USD
	// gap 5000000.00 USD
}

// Funnel conversions and forecast accuracy.
func ExampleStageConversion() {
	actual, err1 := metrics.MoneyFromInt(1_000_000, "USD")
	forecast, err2 := metrics.MoneyFromInt(920_000, "USD")
	if err := errors.Join(err1, err2); err != nil {
		fmt.Println(err)
		return
	}
	mql, _ := metrics.MQLToSQL(130, 1000)
	trial, _ := metrics.TrialToPaid(45, 300)
	acc, _ := metrics.ForecastAccuracy(actual, forecast)
	_, err := metrics.WinRate(0, 0)
	fmt.Println("MQL→SQL", mql)
	fmt.Println("trial→paid", trial)
	fmt.Println("forecast accuracy", acc)
	fmt.Println(err)
	// Output:
	// MQL→SQL 13%
	// trial→paid 15%
	// forecast accuracy 92%
	// metrics: win_rate: won+lost: zero denominator
}
