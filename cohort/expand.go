package cohort

// Land and expand: how much more customers pay after landing, one account
// at a time and across cohorts.

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// LandAndExpandRatio is land-and-expand efficiency: what an account (or a
// group of accounts) pays later — at month 24 in the benchmark — as a
// multiple of what it paid when it landed, exact:
//
//	land-and-expand = p.Current ÷ p.Previous
//
// with p.Previous the initial value and p.Current the later one. 2–3x by
// year 2 is excellent, 1.5–2x good, below 1.2x weak (seeds/004 §Land and
// expand efficiency); the dictionary classifies 1.2–1.5x as acceptable.
// Amounts are non-negative (metrics.ErrNegative) in one currency (a
// *metrics.MismatchError naming "current"); a zero initial value returns
// metrics.ErrZeroDenominator. For a cohort's average customer, see
// Cell.LandAndExpand.
func LandAndExpandRatio(p metrics.Periods) (metrics.Ratio, error) {
	const id = "land_and_expand_ratio"
	switch {
	case p.Previous.Sign() < 0:
		return metrics.Ratio{}, metrics.NewMetricError(id, "previous", fmt.Errorf("%w: %s", metrics.ErrNegative, p.Previous))
	case p.Current.Sign() < 0:
		return metrics.Ratio{}, metrics.NewMetricError(id, "current", fmt.Errorf("%w: %s", metrics.ErrNegative, p.Current))
	case p.Previous.Currency() != "" && p.Current.Currency() != "" && p.Previous.Currency() != p.Current.Currency():
		return metrics.Ratio{}, metrics.NewMetricError(id, "current", &metrics.MismatchError{A: p.Previous.Currency(), B: p.Current.Currency()})
	case p.Previous.IsZero():
		return metrics.Ratio{}, metrics.NewMetricError(id, "previous", metrics.ErrZeroDenominator)
	}
	cur := p.Current
	if cur.IsZero() {
		return metrics.Ratio{}, nil
	}
	return cur.Ratio(p.Previous)
}

// Cohorts names two cohorts compared: the earlier (Previous) and the later
// (Current).
type Cohorts struct {
	Previous Key // the earlier cohort, the base
	Current  Key // the later cohort
}

// ACVGrowth is the growth of the average landing contract between two
// cohorts: the later cohort's average first-month MRR over the earlier
// one's, less one, exact:
//
//	ACV growth = (base MRR_cur ÷ size_cur) ÷ (base MRR_prev ÷ size_prev) − 1
//
// (the ×12 of ACV cancels). Land-and-expand works when it grows: seeds/004
// §ACV growth, where an average of $35K last year and $42K this year is
// 20%. An unknown cohort returns metrics.ErrMissing naming it.
func (t *Table) ACVGrowth(c Cohorts) (metrics.Ratio, error) {
	const id = "cohort_acv_growth"
	var avg [2]metrics.Ratio
	for i, k := range []Key{c.Previous, c.Current} {
		r, ok := t.find(k)
		if !ok {
			name := [...]string{"previous", "current"}[i]
			return metrics.Ratio{}, metrics.NewMetricError(id, name, fmt.Errorf("%w: no cohort %s", metrics.ErrMissing, t.KeyLabel(k)))
		}
		c := t.cell(r, 0)
		one, _ := metrics.MoneyFromInt(1, t.s.Currency)
		base, _ := c.BaseMRR.Ratio(one)
		per, _ := metrics.NewRatio(1, c.Observed)
		avg[i] = base.Mul(per)
	}
	g, _ := avg[1].Quo(avg[0]) // a base MRR is positive
	return g.Sub(metrics.RatioFromInt(1)), nil
}
