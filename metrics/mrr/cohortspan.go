package metrics

// Net and gross revenue retention over a span of months, as cohort figures:
// the customers paying in the month before the span, followed to its end.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Retention follows the start cohort of a span — the customers paying in the
// month before From — to the span's last month To. New customers who join
// inside the span are not in it; cohort members who churn and return are
// counted at what they pay in To.
type Retention struct {
	From, To          Month // the span
	StartMRR          Money // the cohort's MRR in the month before From
	EndMRR            Money // the cohort's MRR in To (expansion and returns included)
	CappedEndMRR      Money // Σ min(MRR in To, MRR at the start) over the cohort
	StartCustomers    int64 // customers in the cohort
	RetainedCustomers int64 // cohort customers still paying in To
}

// Retention returns the start cohort of [from, to] followed to to, computed
// from the movement log (so the ledger must be built with KeepLog, else
// ErrMissing). from must be after the ledger's first month and to within the
// span, not before from (else ErrUnknownMonth or ErrInvalid). With Rates, the
// amounts are the converted ones the ledger records for each month.
// Source: ChartMogul's NRR (new business and reactivation of customers outside
// the cohort excluded), GRR capping each customer at its starting MRR.
func (l *Ledger) Retention(from, to Month) (Retention, error) {
	const id = "ledger_retention"
	switch {
	case !l.opts.KeepLog:
		return Retention{}, metricErr(id, "ledger", fmt.Errorf("%w: build the ledger with LedgerOptions.KeepLog", ErrMissing))
	case to.Before(from):
		return Retention{}, metricErr(id, "to", fmt.Errorf("%w: %s before %s", ErrInvalid, to, from))
	}
	if _, ok := l.index(from.Add(-1)); !ok || from.Add(-1) == from {
		return Retention{}, metricErr(id, "from", fmt.Errorf("%w: the month before %s is outside the ledger", ErrUnknownMonth, from))
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
			start[mv.Customer] = mv.From.dec()
		}
		if mv.Month == to && mv.To.Sign() > 0 {
			end[mv.Customer] = mv.To.dec()
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
	out.StartMRR = moneyOf(s, l.cur)
	out.EndMRR = moneyOf(e, l.cur)
	out.CappedEndMRR = moneyOf(c, l.cur)
	return out, nil
}

// NRR is the cohort's net revenue retention, EndMRR ÷ StartMRR, exact; an
// empty cohort returns ErrZeroDenominator.
func (r Retention) NRR() (Ratio, error) {
	return ratio("nrr", "start", r.EndMRR.dec(), r.StartMRR.dec())
}

// GRR is the cohort's gross revenue retention, CappedEndMRR ÷ StartMRR,
// exact, in [0, 1] and never above NRR; an empty cohort returns
// ErrZeroDenominator.
func (r Retention) GRR() (Ratio, error) {
	return ratio("grr", "start", r.CappedEndMRR.dec(), r.StartMRR.dec())
}

// LogoRetention is RetainedCustomers ÷ StartCustomers, exact; an empty cohort
// returns ErrZeroDenominator.
func (r Retention) LogoRetention() (Ratio, error) {
	return ratio("ledger_logo_retention", "start_customers", decimal.New(r.RetainedCustomers, 0), decimal.New(r.StartCustomers, 0))
}
