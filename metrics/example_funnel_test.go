package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Funnel conversions. (The sales-pipeline metrics — win rate, coverage,
// velocity, forecast accuracy, capacity — are in package forecast.)
func ExampleStageConversion() {
	mql, _ := metrics.MQLToSQL(130, 1000)
	trial, _ := metrics.TrialToPaid(45, 300)
	_, err := metrics.StageConversion(0, 0)
	fmt.Println("MQL→SQL", mql)
	fmt.Println("trial→paid", trial)
	fmt.Println(err)
	// Output:
	// MQL→SQL 13%
	// trial→paid 15%
	// metrics: stage_conversion: entered: zero denominator
}
