package mrr_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// PresetByName looks a preset up by the name a user types; each preset's
// churn-rate denominator is the setting users most often need to match.
func ExamplePresetByName() {
	for _, name := range []string{"recommended", "chartmogul", "stripe", "baremetrics", "profitwell", "dbt-mrr-playbook", "excel"} {
		p, err := mrr.PresetByName(name)
		if err != nil {
			fmt.Println(name, "unknown")
			continue
		}
		denominator := "customers at start"
		if p.ChurnDenominator == mrr.DenominatorStartPlusNew {
			denominator = "customers at start + new"
		}
		fmt.Printf("%s: churn ÷ %s\n", p.Name, denominator)
	}
	// Output:
	// recommended: churn ÷ customers at start
	// chartmogul: churn ÷ customers at start
	// stripe: churn ÷ customers at start + new
	// baremetrics: churn ÷ customers at start
	// profitwell: churn ÷ customers at start
	// dbt-mrr-playbook: churn ÷ customers at start
	// excel unknown
}
