package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Ten survey answers: six promoters (9–10), two passives (7–8) and two
// detractors (0–6).
func ExampleNPS() {
	dict, err := metrics.NewDictionary(metrics.Definitions())
	if err != nil {
		fmt.Println(err)
		return
	}
	answers := []int{10, 9, 9, 10, 9, 10, 8, 7, 6, 0}
	nps, _ := metrics.NPS(answers)
	def, _ := dict.Lookup("nps")
	band, _ := def.Classify(nps)
	fmt.Println("NPS", nps, band.Name, band.Status)

	csat, _ := metrics.CSATShare([]int{5, 4, 4, 3, 5, 2, 5, 4}, metrics.CSATScale5)
	avg, _ := metrics.CSATAverage([]int{5, 4, 4, 3, 5, 2, 5, 4}, metrics.CSATScale5)
	ces, _ := metrics.CESAverage([]int{1, 2, 2, 3})
	fmt.Println("CSAT", csat, "average", avg)
	fmt.Println("CES", ces)

	reasons, _ := metrics.ChurnReasonShares(map[string]int64{"price": 5, "missing feature": 3, "support": 2})
	for _, r := range reasons {
		fmt.Println(r.Reason, r.Count, r.Share)
	}
	// Output:
	// NPS 40 score good green
	// CSAT 75% average 4 score
	// CES 2 score
	// price 5 50%
	// missing feature 3 30%
	// support 2 20%
}
