package cohort

// Net and gross revenue retention over a span of months, as cohort figures:
// the customers paying in the month before the span, followed to its end.

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// Span is a range of calendar months, both ends included.
type Span struct {
	From metrics.Month // the first month; the cohort is who paid in the month before it
	To   metrics.Month // the last month, where the cohort is followed to
}

// Retention follows the start cohort of a span — the customers paying in the
// month before From — to the span's last month To. New customers who join
// inside the span are not in it; cohort members who churn and return are
// counted at what they pay in To.
type Retention struct {
	Span                            // the span
	StartMRR          metrics.Money // the cohort's MRR in the month before From
	EndMRR            metrics.Money // the cohort's MRR in To (expansion and returns included)
	CappedEndMRR      metrics.Money // Σ min(MRR in To, MRR at the start) over the cohort
	StartCustomers    int64         // customers in the cohort
	RetainedCustomers int64         // cohort customers still paying in To
}

// SpanRetention returns the start cohort of span s followed to s.To,
// computed from the ledger's movement log (so the ledger must be built with
// mrr.Options.KeepLog, else metrics.ErrMissing). s.From must be after the
// ledger's first month and s.To within its span, not before s.From (else
// metrics.ErrUnknownMonth or metrics.ErrInvalid). With mrr.Options.Rates,
// the amounts are the converted ones the ledger records for each month.
// Over one month it gives the numbers of the ledger's one-month Summary.NRR
// and Summary.GRR; over a longer span, the cohort figures a summed waterfall
// cannot give. Source: ChartMogul's NRR (new business and reactivation of
// customers outside the cohort excluded), GRR capping each customer at its
// starting MRR.
func SpanRetention(l *mrr.Ledger, s Span) (Retention, error) {
	const id = "span_retention"
	if l == nil {
		return Retention{}, metrics.NewMetricError(id, "ledger", metrics.ErrMissing)
	}
	log, err := l.Log()
	if err != nil {
		return Retention{}, err
	}
	before, ok := s.From.AddChecked(-1)
	switch {
	case s.To.Before(s.From):
		return Retention{}, metrics.NewMetricError(id, "to", fmt.Errorf("%w: %s before %s", metrics.ErrInvalid, s.To, s.From))
	case !ok || s.From.IsZero() || before.Before(l.First()) || before.After(l.Last()):
		return Retention{}, metrics.NewMetricError(id, "from", fmt.Errorf("%w: the month before %s is outside the ledger (%s to %s)", metrics.ErrUnknownMonth, s.From, l.First(), l.Last()))
	case s.To.After(l.Last()):
		return Retention{}, metrics.NewMetricError(id, "to", fmt.Errorf("%w: %s is outside the ledger (%s to %s)", metrics.ErrUnknownMonth, s.To, l.First(), l.Last()))
	}
	start := map[string]metrics.Money{} // the cohort: MRR in From − 1
	end := map[string]metrics.Money{}   // MRR in To, of anyone logged then
	for mv := range log {
		if mv.Kind == mrr.MovementFX {
			continue
		}
		if mv.Month == s.From && mv.From.Sign() > 0 {
			start[mv.Customer] = mv.From
		}
		if mv.Month == s.To && mv.To.Sign() > 0 {
			end[mv.Customer] = mv.To
		}
	}
	out := Retention{Span: s, StartCustomers: int64(len(start))}
	var st, en, capped metrics.Accumulator
	for cust, a := range start {
		_ = st.Add(a)
		b, ok := end[cust]
		if !ok {
			continue
		}
		out.RetainedCustomers++
		_ = en.Add(b)
		if c, _ := a.Cmp(b); c < 0 {
			b = a
		}
		_ = capped.Add(b)
	}
	zero, _ := metrics.MoneyFromInt(0, l.Currency())
	for _, p := range []struct {
		dst *metrics.Money
		acc metrics.Accumulator
	}{{&out.StartMRR, st}, {&out.EndMRR, en}, {&out.CappedEndMRR, capped}} {
		_ = p.acc.Add(zero)
		*p.dst = p.acc.Money()
	}
	return out, nil
}

// NRR is the cohort's net revenue retention over the span, EndMRR ÷
// StartMRR, exact; an empty cohort returns metrics.ErrZeroDenominator.
func (r Retention) NRR() (metrics.Ratio, error) {
	return cellRatio("span_nrr", "start", r.EndMRR, r.StartMRR)
}

// GRR is the cohort's gross revenue retention over the span, CappedEndMRR
// ÷ StartMRR, exact, in [0, 1] and never above NRR; an empty cohort returns
// metrics.ErrZeroDenominator.
func (r Retention) GRR() (metrics.Ratio, error) {
	return cellRatio("span_grr", "start", r.CappedEndMRR, r.StartMRR)
}

// LogoRetention is RetainedCustomers ÷ StartCustomers, exact; an empty
// cohort returns metrics.ErrZeroDenominator.
func (r Retention) LogoRetention() (metrics.Ratio, error) {
	if r.StartCustomers <= 0 {
		return metrics.Ratio{}, metrics.NewMetricError("ledger_logo_retention", "start_customers", metrics.ErrZeroDenominator)
	}
	return metrics.NewRatio(r.RetainedCustomers, r.StartCustomers)
}
