package cohort

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// SurvivalPoint is the Kaplan–Meier curve at one period since acquisition,
// with lifelines' survival-table counts (additive, so shards merge
// exactly).
type SurvivalPoint struct {
	Period   int           // periods since acquisition
	AtRisk   int64         // members still active and observed entering the period
	Events   int64         // members whose cohort life ends at this period
	Censored int64         // members last observed, still active, at this period
	Survival metrics.Ratio // S(p), exact
	Hazard   metrics.Ratio // Events ÷ AtRisk: the period's churn among those at risk
}

// Survival is a Kaplan–Meier curve of member lifetime in periods of Grain.
type Survival struct {
	Grain  Grain           // the length of a period
	Points []SurvivalPoint // from period 0, while anyone is at risk
}

// Survival returns the Kaplan–Meier curve of the cohorts match accepts (all
// when match is nil), pooled:
//
//	S(p) = Π over periods i ≤ p of (1 − dᵢ ÷ nᵢ)
//
// where dᵢ counts the members whose cohort life ends at period i and nᵢ
// those at risk: still active and observed at period i. A member still
// active at the last period the data observes for it is censored there —
// it stays in nᵢ up to that period and never counts as churned — so young
// cohorts lower no one's survival. A member's life ends at the first period
// it is not active under the reactivation rule, except that under
// ReactivationCounts it ends at its first churn (survival has no re-entry):
// so the curve equals the logo curve of fully observed cells under
// ReactivationExcluded and ReactivationFillsGaps. Exact fractions, rounded
// only when printed. No matching member returns metrics.ErrEmpty. Source:
// Kaplan–Meier product-limit estimator; lifelines' survival_table_from_events
// (removed, observed, censored, at risk).
func (t *Table) Survival(match func(Key) bool) (Survival, error) {
	var ends, cens []int64
	var n int64
	for i := range t.rows {
		r := &t.rows[i]
		if match != nil && !match(r.key) {
			continue
		}
		if d := len(r.ends) - len(ends); d > 0 {
			ends = append(ends, make([]int64, d)...)
			cens = append(cens, make([]int64, d)...)
		}
		for k := range r.ends {
			ends[k] += r.ends[k]
			cens[k] += r.censored[k]
		}
		n += r.size()
	}
	if n == 0 {
		return Survival{}, metrics.NewMetricError("cohort_survival", "cohorts", metrics.ErrEmpty)
	}
	out := Survival{Grain: t.s.Grain}
	s := metrics.RatioFromInt(1)
	for k := 0; n > 0; k++ { // every member ends or is censored within its row
		h, _ := metrics.NewRatio(ends[k], n)
		s = s.Mul(metrics.RatioFromInt(1).Sub(h))
		out.Points = append(out.Points, SurvivalPoint{Period: k, AtRisk: n, Events: ends[k], Censored: cens[k], Survival: s, Hazard: h})
		n -= ends[k] + cens[k]
	}
	return out, nil
}

// At returns S(p), and false beyond the curve's last period.
func (s Survival) At(p int) (metrics.Ratio, bool) {
	if p < 0 || p >= len(s.Points) {
		return metrics.Ratio{}, false
	}
	return s.Points[p].Survival, true
}

// Median is the median member lifetime, in months: the first period at
// which the exact curve falls to 50% or below (lifelines' convention),
// times the grain's months. A curve that stays above 50% has no median yet:
// metrics.ErrOutOfRange.
func (s Survival) Median() (metrics.Quantity, error) {
	half, _ := metrics.NewRatio(1, 2)
	for _, p := range s.Points {
		if p.Survival.Cmp(half) <= 0 {
			return metrics.NewQuantity(decimal.New(int64(p.Period)*int64(s.Grain.months()), 0), metrics.UnitMonths)
		}
	}
	return metrics.Quantity{}, metrics.NewMetricError("cohort_median_lifetime", "survival", fmt.Errorf("%w: survival stays above 50%% through period %d", metrics.ErrOutOfRange, len(s.Points)-1))
}
