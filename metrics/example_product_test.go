package metrics_test

import (
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// A month of product usage: 3,000 average daily actives among 15,000
// monthly actives (the runfutureproof.com example), 12,000 of them using the
// core features, and new-user growth of 26%.
func ExampleProductEngagementScore() {
	dict, err := metrics.NewDictionary(metrics.Definitions())
	if err != nil {
		fmt.Println(err)
		return
	}
	stickiness, _ := metrics.Stickiness(3_000, 15_000)
	adoption, _ := metrics.CoreFeatureAdoption(12_000, 15_000)
	growth := metrics.Percent(26)
	pes, _ := metrics.ProductEngagementScore(adoption, stickiness, growth)

	def, _ := dict.Lookup("stickiness")
	band, _ := def.Classify(stickiness)
	fmt.Println("stickiness", stickiness, band.Name, band.Status)
	fmt.Println("core adoption", adoption)
	fmt.Println("PES", pes)

	start := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	ttv, _ := metrics.TimeToValueDays(start, start.Add(36*time.Hour))
	median, _ := metrics.MedianTimeToValueDays([]time.Duration{72 * time.Hour, 24 * time.Hour, 240 * time.Hour, 48 * time.Hour})
	fmt.Println("time to value", ttv)
	fmt.Println("median time to value", median)
	// Output:
	// stickiness 20% typical green
	// core adoption 80%
	// PES 42%
	// time to value 1.5 days
	// median time to value 2.5 days
}
