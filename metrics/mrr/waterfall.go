package metrics

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Summary is the MRR and logo waterfall of one month or of a span of months,
// as returned by Ledger.Months, Month, Span, Quarter and Year. Amounts are in
// the ledger's reporting currency (never the zero Money). The identities hold
// exactly, for money and for logos:
//
//	Start + New + Expansion + Reactivation + FX − Contraction − Churn = End
//	StartCustomers + NewCustomers + ReactivatedCustomers − ChurnedCustomers = EndCustomers
//
// and Start of a month is End of the month before. For one month each
// customer-month is in exactly one class, so StartCustomers = Expanded +
// Contracted + Retained + Churned; over a span the class counts add up month
// by month (a customer who expands twice counts twice; Retained and Inactive
// count customer-months). Rates derived from a Summary are its methods.
// Source: ChartMogul MRR movements (help.chartmogul.com/hc/en-us/articles/203299912).
type Summary struct {
	From, To Month // the months covered; From == To for one month

	Start        Money // MRR at the end of the month before From
	New          Money // MRR of customers in their first paid month (or new again, see Conventions)
	Expansion    Money // increases of retained customers, FX excluded
	Contraction  Money // decreases of retained customers (positive), FX excluded
	Churn        Money // previous MRR of customers who went to 0 (positive)
	Reactivation Money // MRR of returning customers
	FX           Money // effect of exchange-rate changes on retained customers (signed)
	End          Money // MRR in To

	StartCustomers       int64 // paying customers at the start
	NewCustomers         int64 // customers in their first paid month
	ReactivatedCustomers int64 // customers returning after months at zero
	ChurnedCustomers     int64 // customers who went from paid to zero
	EndCustomers         int64 // paying customers in To
	ExpandedCustomers    int64 // paying customers whose MRR rose (FX excluded)
	ContractedCustomers  int64 // paying customers whose MRR fell (FX excluded)
	RetainedCustomers    int64 // same native amount as the month before
	InactiveCustomers    int64 // at 0 in a month and the one before, having paid before
	// JoinedAndChurnedCustomers counts churns in the span of customers whose
	// paying stint began (new or reactivated) within the span.
	JoinedAndChurnedCustomers int64
	// ChurnedAndReactivatedCustomers counts churns in the span of customers
	// who had paid since before the span and were reactivated within it
	// (ChartMogul leaves them out of the churn rate).
	ChurnedAndReactivatedCustomers int64
}

// summarize computes the per-month summaries from the aggregates: Start and
// churn of month k come from month k−1 (the deferred churn of stints whose
// last paid month is k−1), and the inactive count is the customers known by
// then (first paid month ≤ k) minus the paying and the just-churned.
func (l *Ledger) summarize() {
	l.summary = nil
	if len(l.months) > 0 {
		l.summary = make([]Summary, len(l.months))
	}
	var known int64
	var prev *monthAgg
	for k := range l.months {
		a := &l.months[k]
		m := l.first.Add(k)
		known += a.firstN
		s := Summary{
			From: m, To: m,
			New: l.money(a.newAmt), Expansion: l.money(a.exp), Contraction: l.money(a.contr),
			Reactivation: l.money(a.react), FX: l.money(a.fx), End: l.money(a.mrr),
			Start: l.money(ledgerAcc{}), Churn: l.money(ledgerAcc{}),
			NewCustomers: a.newN, ReactivatedCustomers: a.reactN, EndCustomers: a.active,
			ExpandedCustomers: a.expN, ContractedCustomers: a.contrN, RetainedCustomers: a.retN,
		}
		if prev != nil {
			s.Start, s.Churn = l.money(prev.mrr), l.money(prev.churnLast)
			s.StartCustomers, s.ChurnedCustomers = prev.active, prev.churnLastN
		}
		s.InactiveCustomers = known - s.EndCustomers - s.ChurnedCustomers
		l.summary[k] = s
		prev = a
	}
}

// money returns an accumulated amount in the reporting currency.
func (l *Ledger) money(a ledgerAcc) Money { return moneyOf(a.value(), l.cur) }

// Months returns the summary of every month of the span, in order (nil for an
// empty ledger).
func (l *Ledger) Months() []Summary { return slices.Clone(l.summary) }

// Month returns the summary of month m; ErrUnknownMonth outside the span.
func (l *Ledger) Month(m Month) (Summary, error) {
	k, ok := l.index(m)
	if !ok {
		return Summary{}, l.unknown(m)
	}
	return l.summary[k], nil
}

// unknown is the error of a month outside the span.
func (l *Ledger) unknown(m Month) error {
	return metricErr("ledger", "month", fmt.Errorf("%w: %s not in %s..%s", ErrUnknownMonth, m, l.first, l.last))
}

// Span returns the summary of the months from..to, inclusive: Start of from,
// End of to, and the sums of the movements and logo counts in between (event
// counts: a customer who expands twice counts twice; Retained and Inactive
// count customer-months). JoinedAndChurnedCustomers counts the churns within
// the span of stints that began within it, so churn-rate conventions can
// exclude or include them. ErrUnknownMonth when from or to lies outside the
// span or from is after to.
func (l *Ledger) Span(from, to Month) (Summary, error) {
	i, ok := l.index(from)
	if !ok {
		return Summary{}, l.unknown(from)
	}
	j, ok := l.index(to)
	if !ok || j < i {
		return Summary{}, l.unknown(to)
	}
	s := l.summary[i]
	s.To = to
	for _, o := range l.summary[i+1 : j+1] {
		s.New = moneyOf(s.New.dec().Add(o.New.dec()), s.New.currency)
		s.Expansion = moneyOf(s.Expansion.dec().Add(o.Expansion.dec()), s.Expansion.currency)
		s.Contraction = moneyOf(s.Contraction.dec().Add(o.Contraction.dec()), s.Contraction.currency)
		s.Churn = moneyOf(s.Churn.dec().Add(o.Churn.dec()), s.Churn.currency)
		s.Reactivation = moneyOf(s.Reactivation.dec().Add(o.Reactivation.dec()), s.Reactivation.currency)
		s.FX = moneyOf(s.FX.dec().Add(o.FX.dec()), s.FX.currency)
		s.NewCustomers += o.NewCustomers
		s.ReactivatedCustomers += o.ReactivatedCustomers
		s.ChurnedCustomers += o.ChurnedCustomers
		s.ExpandedCustomers += o.ExpandedCustomers
		s.ContractedCustomers += o.ContractedCustomers
		s.RetainedCustomers += o.RetainedCustomers
		s.InactiveCustomers += o.InactiveCustomers
	}
	s.End, s.EndCustomers = l.summary[j].End, l.summary[j].EndCustomers
	for k, n := range l.stints {
		if k[0] >= from.n && k[1]+1 <= to.n {
			s.JoinedAndChurnedCustomers += n
		}
	}
	for k, n := range l.returns { // {stint start, churn month, reactivation month}
		if k[0] < from.n && k[1] >= from.n && k[2] <= to.n {
			s.ChurnedAndReactivatedCustomers += n
		}
	}
	return s, nil
}

// clip returns the part of from..to within the span, or ErrUnknownMonth when
// they do not overlap.
func (l *Ledger) clip(from, to Month) (Summary, error) {
	if l.first.IsZero() || to.Before(l.first) || from.After(l.last) {
		return Summary{}, l.unknown(from)
	}
	if from.Before(l.first) {
		from = l.first
	}
	if to.After(l.last) {
		to = l.last
	}
	return l.Span(from, to)
}

// Quarter returns the summary of quarter q, clipped to the span (so the
// current quarter reads as quarter-to-date; From and To say which months were
// covered). ErrUnknownMonth when q does not overlap the span.
func (l *Ledger) Quarter(q Quarter) (Summary, error) { return l.clip(q.First(), q.Last()) }

// Year returns the summary of calendar year y, clipped to the span like
// Quarter.
func (l *Ledger) Year(y int) (Summary, error) {
	first, err := NewMonth(y, time.January)
	if err != nil {
		return Summary{}, metricErr("ledger", "year", err)
	}
	return l.clip(first, first.Add(11))
}

// LTV returns the customer lifetime value at month m, rounded once with the
// zero Context (12 places, half to even):
//
//	LTV = ARPA ÷ churn = End ÷ (EndCustomers × churn)
//
// where churn follows Conventions.LTVChurn: LTVChurnTrailing averages the
// logo churn rates (Summary.LogoChurnRate with the ledger's conventions) of
// the Conventions.TrailingMonths() months before m, excluding m, as ChartMogul
// does (months before the span or with no customers at their start are
// skipped; none left is ErrEmpty); LTVChurnCurrent uses m's own rate;
// LTVChurnOneMinusRetention uses 1 − m's logo retention, (StartCustomers −
// churned) ÷ StartCustomers (ProfitWell's approximation). A churn of 0 or no
// paying customers returns ErrZeroDenominator (ChartMogul does not compute
// LTV then); a month outside the span ErrUnknownMonth.
// Sources: help.chartmogul.com/hc/en-us/articles/203359061-Chart-Customer-Lifetime-Value-LTV;
// ProfitWell "roughly ARPU/(1-Retention)",
// paddle.com/help/profitwell-metrics/measure/compare/profit-well-vs-braintree.
func (l *Ledger) LTV(m Month) (Money, error) {
	const id = "ledger_ltv"
	s, err := l.Month(m)
	if err != nil {
		return Money{}, err
	}
	c := l.opts.Conventions
	var churn Ratio
	switch c.LTVChurn {
	case LTVChurnCurrent:
		if churn, err = s.LogoChurnRate(c); err != nil {
			return Money{}, metricErr(id, "churn", err)
		}
	case LTVChurnOneMinusRetention:
		if churn, err = ratio(id, "start_customers", decimal.New(s.ChurnedCustomers, 0), decimal.New(s.StartCustomers, 0)); err != nil {
			return Money{}, err
		}
	default:
		var sum Ratio
		var n int64
		for k := 1; k <= c.TrailingMonths(); k++ {
			t, err := l.Month(m.Add(-k))
			if err != nil || t.StartCustomers == 0 {
				continue
			}
			r, err := t.LogoChurnRate(c)
			if err != nil {
				return Money{}, metricErr(id, "churn", err)
			}
			sum, n = sum.Add(r), n+1
		}
		if n == 0 {
			return Money{}, metricErr(id, "churn", fmt.Errorf("%w: no trailing month with customers before %s", ErrEmpty, m))
		}
		churn, _ = sum.Quo(RatioFromInt(n))
	}
	den := churn.MulInt(s.EndCustomers)
	if den.IsZero() {
		return Money{}, metricErr(id, "churn", ErrZeroDenominator)
	}
	return s.End.QuoRatio(den, Context{})
}

// ARR returns annual recurring revenue at the end, 12 × End, exactly.
// Source: industry convention (ARR = 12 × MRR).
func (s Summary) ARR() Money { return s.End.MulInt(12) }

// Annualized returns the ARR waterfall: every amount × 12, exactly, so
//
//	start ARR + new + expansion + reactivation + FX − contraction − churn = end ARR
//
// Counts are unchanged. Source: industry convention (ARR = 12 × MRR).
func (s Summary) Annualized() Summary {
	for _, p := range []*Money{&s.Start, &s.New, &s.Expansion, &s.Contraction, &s.Churn, &s.Reactivation, &s.FX, &s.End} {
		*p = p.MulInt(12)
	}
	return s
}

// NetNew returns net new MRR, End − Start, which equals New + Expansion +
// Reactivation + FX − Contraction − Churn (FX included: subtract s.FX for the
// constant-currency figure). Source: Stripe's MRR growth,
// docs.stripe.com/billing/subscriptions/analytics/glossary.
func (s Summary) NetNew() Money {
	return moneyOf(s.End.dec().Sub(s.Start.dec()), s.End.currency)
}

// Growth returns the MRR growth rate over the summary, exactly:
//
//	growth = (End − Start) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source: industry convention
// (month-over-month MRR growth).
func (s Summary) Growth() (Ratio, error) { return GrowthRate(s.Start, s.End) }

// LogoChurnRate returns the customer (logo) churn rate under c, exactly:
//
//	rate = churned ÷ denominator
//
// where churned is ChurnedCustomers, less JoinedAndChurnedCustomers with
// ExcludeJoinedAndChurned (ChartMogul) and less
// ChurnedAndReactivatedCustomers with ExcludeChurnedAndReactivated
// (ChartMogul), and the denominator is
// StartCustomers (DenominatorStart: ChartMogul, Baremetrics) or
// StartCustomers + NewCustomers + ReactivatedCustomers
// (DenominatorStartPlusNew: Stripe Billing). A zero denominator returns
// ErrZeroDenominator; invalid conventions ErrOutOfRange. Sources:
// help.chartmogul.com/hc/en-us/articles/203359321-Metric-Customer-Churn-rate
// (B2B formula); support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing
// ("active subscribers as of 30 days ago, plus any new subscribers"; we read
// reactivated subscribers as new there).
//
// Over a span ChurnedCustomers counts churn events: a start customer who
// churns, returns and churns again inside the span counts 2, of which 1 is
// joined-and-churned (the second stint began with a reactivation in the span).
// So with ExcludeJoinedAndChurned each start customer counts at most once and
// the rate is in [0, 1]; with IncludeJoinedAndChurned every churn event counts
// and over DenominatorStart the rate can exceed 1.
func (s Summary) LogoChurnRate(c Conventions) (Ratio, error) {
	const id = "ledger_logo_churn_rate"
	if err := c.Validate(); err != nil {
		return Ratio{}, metricErr(id, "conventions", err)
	}
	churned := s.ChurnedCustomers
	if c.JoinedAndChurned == ExcludeJoinedAndChurned {
		churned -= s.JoinedAndChurnedCustomers
	}
	if c.ExcludeChurnedAndReactivated {
		churned -= s.ChurnedAndReactivatedCustomers
	}
	den := s.StartCustomers
	if c.ChurnDenominator == DenominatorStartPlusNew {
		den += s.NewCustomers + s.ReactivatedCustomers
	}
	return ratio(id, "start_customers", decimal.New(churned, 0), decimal.New(den, 0))
}

// GrossMRRChurnRate returns the gross MRR churn rate, exactly:
//
//	gross = (Churn + Contraction) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source:
// help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate.
//
// It is a one-month rate: a longer span returns ErrInvalid.
func (s Summary) GrossMRRChurnRate() (Ratio, error) {
	if err := s.oneMonth("gross_mrr_churn_rate"); err != nil {
		return Ratio{}, err
	}
	return GrossMRRChurnRate(s.Start, s.Contraction, s.Churn)
}

// NetMRRChurnRate returns the net MRR churn rate, exactly (negative when
// expansion outweighs losses; new MRR is never subtracted):
//
//	net = (Churn + Contraction − Expansion − Reactivation) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source: as GrossMRRChurnRate.
//
// It is a one-month rate: a longer span returns ErrInvalid.
func (s Summary) NetMRRChurnRate() (Ratio, error) {
	if err := s.oneMonth("net_mrr_churn_rate"); err != nil {
		return Ratio{}, err
	}
	return NetMRRChurnRate(s.Start, s.Expansion, s.Reactivation, s.Contraction, s.Churn)
}

// oneMonth returns ErrInvalid for a summary of more than one month: its
// summed movements include those of customers who joined inside the span,
// so a retention rate over it would not be a cohort figure.
func (s Summary) oneMonth(id string) error {
	if s.From == s.To {
		return nil
	}
	return metricErr(id, "span", fmt.Errorf("%w: %s to %s is longer than a month; use Ledger.Retention for the cohort figure", ErrInvalid, s.From, s.To))
}

// NRR returns metrics.NRR(Start, Expansion, Contraction, Churn) for a
// one-month summary: FX, new and reactivation excluded. Over one month the
// movements of the customers paying at the start are the cohort's, so this
// is exact; a longer span returns ErrInvalid (use Ledger.Retention).
func (s Summary) NRR() (Ratio, error) {
	if err := s.oneMonth("nrr"); err != nil {
		return Ratio{}, err
	}
	return NRR(s.Start, s.Expansion, s.Contraction, s.Churn)
}

// GRR returns metrics.GRR(Start, Contraction, Churn) for a one-month
// summary; a longer span returns ErrInvalid (use Ledger.Retention).
func (s Summary) GRR() (Ratio, error) {
	if err := s.oneMonth("grr"); err != nil {
		return Ratio{}, err
	}
	return GRR(s.Start, s.Contraction, s.Churn)
}

// QuickRatio returns the SaaS quick ratio under c, exactly (metrics.QuickRatio):
//
//	quick = (New + Expansion + Reactivation) ÷ (Contraction + Churn)
//
// with Reactivation left out when c.QuickRatioWithoutReactivation
// (Baremetrics). No losses return ErrZeroDenominator. Source: Mamoon Hamid's
// SaaS quick ratio (reactivation counted as gained MRR); Baremetrics'
// changelog "New Quick Ratio Metric" omits reactivation.
func (s Summary) QuickRatio(c Conventions) (Ratio, error) {
	react := s.Reactivation
	if c.QuickRatioWithoutReactivation {
		react = Money{currency: s.Reactivation.currency}
	}
	return QuickRatio(s.New, s.Expansion, react, s.Churn, s.Contraction)
}

// ARPA returns the average revenue per account at the end, rounded once with
// the zero Context (12 places, half to even):
//
//	ARPA = End ÷ EndCustomers
//
// A customer with several subscriptions counts once (ChartMogul). No paying
// customers return ErrZeroDenominator. Source:
// help.chartmogul.com/hc/en-us/articles/203359301.
func (s Summary) ARPA() (Money, error) { return ARPA(s.End, s.EndCustomers) }

// ledgerDefinitions returns the dictionary entries of the ledger family: only
// the figures whose formula differs from a stand-alone metric (the churn rate
// under the conventions, net new MRR with FX, the ledger's LTV). The other
// Summary methods call the stand-alone functions and share their definitions
// (nrr, grr, gross_mrr_churn_rate, net_mrr_churn_rate, quick_ratio,
// growth_rate, arr, arpa): one definition per metric.
func ledgerDefinitions() []Definition {
	return []Definition{
		{
			ID: "ledger_logo_churn_rate", Name: "Customer (logo) churn rate, from the ledger", Category: CategoryRetention,
			Formula: "(churned customers − joined-and-churned when excluded − churned-and-reactivated when excluded) ÷ customers at start (or start + new + reactivated)",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceChartMogulChurn + "; " + sourceStripeChurn, Version: 2, Func: "metrics.Summary.LogoChurnRate",
		},
		{
			ID: "ledger_logo_retention", Name: "Customer (logo) retention of the start cohort, from the ledger", Category: CategoryRetention,
			Formula: "customers paying in the month before the span still paying in its last month ÷ customers paying in the month before the span",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceChartMogulChurn + "; cohort follows ChartMogul NRR (new business and reactivation outside the cohort excluded)", Version: 1, Func: "metrics.Retention.LogoRetention",
		},
		{
			ID: "ledger_net_new_mrr", Name: "Net new MRR, from the ledger", Category: CategoryRevenue,
			Formula: "end MRR − start MRR = new + expansion + reactivation + FX − contraction − churn",
			Unit:    UnitMoney, Direction: HigherIsBetter,
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceStripeGlossary, Version: 1, Func: "metrics.Summary.NetNew",
		},
		{
			ID: "ledger_ltv", Name: "Customer lifetime value, from the ledger", Category: CategoryUnitEconomics,
			Formula: "ARPA ÷ customer churn (trailing N-month average excluding the month, the month's own, or 1 − retention)",
			Unit:    UnitMoney, Direction: HigherIsBetter,
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceChartMogulLTVChart, Version: 1, Func: "metrics.Ledger.LTV",
		},
	}
}
