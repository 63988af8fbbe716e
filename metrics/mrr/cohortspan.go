package mrr

// Net and gross revenue retention over a span of months, as cohort figures:
// the customers paying in the month before the span, followed to its end.

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Retention follows the start cohort of a span — the customers paying in the
// month before From — to the span's last month To. New customers who join
// inside the span are not in it; cohort members who churn and return are
// counted at what they pay in To.
type Retention struct {
	From, To          metrics.Month // the span
	StartMRR          metrics.Money // the cohort's MRR in the month before From
	EndMRR            metrics.Money // the cohort's MRR in To (expansion and returns included)
	CappedEndMRR      metrics.Money // Σ min(MRR in To, MRR at the start) over the cohort
	StartCustomers    int64         // customers in the cohort
	RetainedCustomers int64         // cohort customers still paying in To
}

// Retention returns the start cohort of [from, to] followed to to, computed
// from the movement log (so the ledger must be built with KeepLog, else
// ErrMissing). from must be after the ledger's first month and to within the
// span, not before from (else ErrUnknownMonth or ErrInvalid). With Rates, the
// amounts are the converted ones the ledger records for each month.
// Source: ChartMogul's NRR (new business and reactivation of customers outside
// the cohort excluded), GRR capping each customer at its starting MRR.
func (l *Ledger) Retention(from, to metrics.Month) (Retention, error) {
	const id = "ledger_retention"
	switch {
	case !l.opts.KeepLog:
		return Retention{}, errNoLog("retention")
	case to.Before(from):
		return Retention{}, metrics.NewMetricError(id, "to", fmt.Errorf("%w: %s before %s", metrics.ErrInvalid, to, from))
	}
	if _, ok := l.index(from.Add(-1)); !ok || from.Add(-1) == from {
		return Retention{}, metrics.NewMetricError(id, "from", fmt.Errorf("%w: the month before %s is outside the ledger", metrics.ErrUnknownMonth, from))
	}
	if _, ok := l.index(to); !ok {
		return Retention{}, l.unknown(to)
	}
	start := map[string]decimal.Decimal{} // cohort: MRR in from−1
	end := map[string]decimal.Decimal{}   // MRR in to, of anyone logged then
	for _, mv := range l.log {
		if mv.Kind == MovementFX {
			continue
		}
		if mv.Month == from && mv.From.Sign() > 0 {
			start[mv.Customer] = mv.From.Amount()
		}
		if mv.Month == to && mv.To.Sign() > 0 {
			end[mv.Customer] = mv.To.Amount()
		}
	}
	out := Retention{From: from, To: to, StartCustomers: int64(len(start))}
	var s, e, c decimal.Decimal
	for cust, a := range start {
		s = s.Add(a)
		b, ok := end[cust]
		if !ok {
			continue
		}
		out.RetainedCustomers++
		e = e.Add(b)
		c = c.Add(decimal.Min(a, b))
	}
	out.StartMRR, _ = metrics.NewMoney(s, l.cur)
	out.EndMRR, _ = metrics.NewMoney(e, l.cur)
	out.CappedEndMRR, _ = metrics.NewMoney(c, l.cur)
	return out, nil
}

// NRR is the cohort's net revenue retention, EndMRR ÷ StartMRR, exact; an
// empty cohort returns metrics.ErrZeroDenominator.
func (r Retention) NRR() (metrics.Ratio, error) {
	return cohortRatio("nrr", "start", r.EndMRR, r.StartMRR)
}

// GRR is the cohort's gross revenue retention, CappedEndMRR ÷ StartMRR,
// exact, in [0, 1] and never above NRR; an empty cohort returns
// metrics.ErrZeroDenominator.
func (r Retention) GRR() (metrics.Ratio, error) {
	return cohortRatio("grr", "start", r.CappedEndMRR, r.StartMRR)
}

// LogoRetention is RetainedCustomers ÷ StartCustomers, exact; an empty cohort
// returns metrics.ErrZeroDenominator.
func (r Retention) LogoRetention() (metrics.Ratio, error) {
	if r.StartCustomers == 0 {
		return metrics.Ratio{}, metrics.NewMetricError("ledger_logo_retention", "start_customers", metrics.ErrZeroDenominator)
	}
	return metrics.NewRatio(r.RetainedCustomers, r.StartCustomers)
}

// cohortRatio is num ÷ den, or a *metrics.MetricError for id naming den.
func cohortRatio(id, denName string, num, den metrics.Money) (metrics.Ratio, error) {
	if den.IsZero() {
		return metrics.Ratio{}, metrics.NewMetricError(id, denName, metrics.ErrZeroDenominator)
	}
	r, err := num.Ratio(den)
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, denName, err)
	}
	return r, nil
}
