package cohort

import (
	"github.com/saasmetrics/saasmetrics/metrics"
)

// Cell is one cohort at one period since acquisition, over the members the
// data observes there. Period p samples each member at the month p periods
// after its own first paid month (its p-th monthly, quarterly or yearly
// anniversary), so period 0 is every member's first paid month and its
// retention is exactly 100%. A member is observed at period p when that
// month is not after Through; a cell some of whose members are not yet
// observed (quarterly or yearly cohorts near the end of the data), or one
// sampled in a Through marked PartialLast, is Partial.
//
// Movements compare each observed member's sampled MRR with its sample one
// period earlier: MRR = PrevMRR + Expansion − Contraction − Churn +
// Reactivation, exactly, and Active = PrevActive − ChurnedCustomers +
// ReactivatedCustomers.
type Cell struct {
	Cohort   Key           // the cohort
	Period   int           // periods since acquisition, from 0
	Calendar metrics.Month // first month of the calendar period the cell samples (zero for cohorts by segment alone)
	Size     int64         // the cohort's members
	Observed int64         // members observed at this period (Size unless Partial)
	Partial  bool          // not every member is observed, or the sample month is a Through still under way

	Active               int64 // observed members active at this period, under the reactivation rule
	PrevActive           int64 // the same members active one period earlier (0 at period 0)
	ChurnedCustomers     int64 // active one period earlier, not now
	ReactivatedCustomers int64 // not active one period earlier, active now

	MRR          metrics.Money // Σ the observed members' MRR at this period
	BaseMRR      metrics.Money // Σ their MRR in their first paid month
	CappedMRR    metrics.Money // Σ min(MRR now, first-month MRR): expansion left out
	PrevMRR      metrics.Money // Σ their MRR one period earlier (0 at period 0)
	Expansion    metrics.Money // increases of members paying both periods
	Contraction  metrics.Money // decreases of members paying both periods
	Churn        metrics.Money // MRR one period earlier of members paying nothing now
	Reactivation metrics.Money // MRR of members paying now but not one period earlier
	Revenue      metrics.Money // Σ MRR of every month from first paid month through this sample (cumulative revenue)
}

// LogoRetention is the cohort's customer (logo) retention at this period,
// exact:
//
//	logo retention = Active ÷ Observed
//
// Period 0 is 100%. Under ReactivationCounts a returning customer is active
// again; under ReactivationExcluded the curve never rises. Source:
// ChartMogul's customer retention cohort (customers still active ÷ cohort
// size).
func (c Cell) LogoRetention() (metrics.Ratio, error) {
	if c.Observed <= 0 {
		return metrics.Ratio{}, metrics.NewMetricError("cohort_logo_retention", "observed", metrics.ErrZeroDenominator)
	}
	return metrics.NewRatio(c.Active, c.Observed)
}

// ChurnRate is the share of the cohort's customers lost by this period,
// exact, 1 − LogoRetention:
//
//	cohort churn = (Observed − Active) ÷ Observed
//
// At period 12 of monthly cohorts (4 of quarterly, 1 of yearly) it is the
// cohort's annual logo churn; comparing cohorts at one period shows whether
// churn improves (seeds/004 §Churn by cohort: a Q4 2024 cohort at 15%
// against a Q1 2026 cohort at 8% means onboarding or product improved).
func (c Cell) ChurnRate() (metrics.Ratio, error) {
	if c.Observed <= 0 {
		return metrics.Ratio{}, metrics.NewMetricError("cohort_churn_rate", "observed", metrics.ErrZeroDenominator)
	}
	return metrics.NewRatio(c.Observed-c.Active, c.Observed)
}

// NRR is the cohort's net revenue retention at this period, exact:
//
//	cohort NRR = MRR ÷ BaseMRR
//
// expansion and reactivation included, new business of other cohorts
// excluded; it may exceed 100%. Source: ChartMogul, Cohort: Net MRR
// Retention (the cohort's MRR in the interval ÷ its new-business MRR);
// seeds/000 §NRR (a cohort's ARR one year later ÷ its starting ARR).
func (c Cell) NRR() (metrics.Ratio, error) {
	return cellRatio("cohort_nrr", "base_mrr", c.MRR, c.BaseMRR)
}

// GRR is the cohort's gross revenue retention at this period, exact, each
// member capped at its first-month MRR:
//
//	cohort GRR = CappedMRR ÷ BaseMRR = Σ min(MRR, base) ÷ Σ base
//
// so 0 ≤ GRR ≤ 1 and GRR ≤ NRR in every cell. Source: ChartMogul's gross
// MRR retention (expansion excluded); seeds/004 §GRR.
func (c Cell) GRR() (metrics.Ratio, error) {
	return cellRatio("cohort_grr", "base_mrr", c.CappedMRR, c.BaseMRR)
}

// PeriodChurnRate is the logo churn of this period alone (the hazard),
// exact:
//
//	period churn = ChurnedCustomers ÷ PrevActive
//
// Period 0 and a period with no one active before return
// metrics.ErrZeroDenominator.
func (c Cell) PeriodChurnRate() (metrics.Ratio, error) {
	if c.PrevActive <= 0 {
		return metrics.Ratio{}, metrics.NewMetricError("cohort_churn_rate", "prev_active", metrics.ErrZeroDenominator)
	}
	return metrics.NewRatio(c.ChurnedCustomers, c.PrevActive)
}

// LTV is the cohort's cumulative revenue per original customer through this
// period (cohort LTV by period), rounded once with ctx:
//
//	cohort LTV = Revenue ÷ Observed
//
// Source: seeds/000 §LTV ("use a cohort-based calculation for accuracy").
func (c Cell) LTV(ctx metrics.Context) (metrics.Money, error) {
	if c.Observed <= 0 {
		return metrics.Money{}, metrics.NewMetricError("cohort_ltv", "observed", metrics.ErrZeroDenominator)
	}
	return c.Revenue.QuoInt(c.Observed, ctx)
}

// LandAndExpand is the cohort's land-and-expand ratio at this period: the
// average MRR of its customers still active now over their average MRR when
// they landed, exact:
//
//	land-and-expand = (MRR ÷ Active) ÷ (BaseMRR ÷ Observed)
//
// Read at 24 months (period 24 of monthly cohorts, 8 of quarterly, 2 of
// yearly) against land_and_expand_ratio's bands (seeds/004 §Land and
// expand efficiency). No active customer returns metrics.ErrZeroDenominator.
func (c Cell) LandAndExpand() (metrics.Ratio, error) {
	const id = "cohort_land_and_expand"
	if c.Active <= 0 {
		return metrics.Ratio{}, metrics.NewMetricError(id, "active", metrics.ErrZeroDenominator)
	}
	r, err := cellRatio(id, "base_mrr", c.MRR, c.BaseMRR)
	if err != nil {
		return metrics.Ratio{}, err
	}
	per, _ := metrics.NewRatio(c.Observed, c.Active)
	return r.Mul(per), nil
}

// cellRatio is num ÷ den, or a *metrics.MetricError for id naming den (a
// zero den wraps metrics.ErrZeroDenominator).
func cellRatio(id, denName string, num, den metrics.Money) (metrics.Ratio, error) {
	r, err := num.Ratio(den)
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, denName, err)
	}
	return r, nil
}
