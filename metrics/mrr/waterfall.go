package mrr

import (
	"fmt"
	"slices"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
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
// count customer-months). Rates derived from a Summary are its methods, under
// the Conventions the ledger was built with.
// Source: ChartMogul MRR movements (help.chartmogul.com/hc/en-us/articles/203299912).
type Summary struct {
	From, To metrics.Month // the months covered; From == To for one month

	// Movements: Start (MRR at the end of the month before From), New (MRR
	// of customers in their first paid month, or new again, see
	// Conventions), Expansion and Contraction (changes of retained customers,
	// FX excluded; Contraction positive), Churn (previous MRR of customers
	// who went to 0, positive) and Reactivation (MRR of returning customers).
	metrics.Movements
	FX  metrics.Money // effect of exchange-rate changes on retained customers (signed)
	End metrics.Money // MRR in To

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

	// Conventions are the ledger's: LogoChurnRate and QuickRatio follow them.
	Conventions Conventions
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
			Movements: metrics.Movements{
				New: l.money(a.sum[MovementNew]), Expansion: l.money(a.sum[MovementExpansion]), Contraction: l.money(a.sum[MovementContraction]),
				Reactivation: l.money(a.sum[MovementReactivation]), Start: l.money(fixed.Sum{}), Churn: l.money(fixed.Sum{}),
			},
			FX: l.money(a.fx), End: l.money(a.mrr),
			NewCustomers: a.n[MovementNew], ReactivatedCustomers: a.n[MovementReactivation], EndCustomers: a.active,
			ExpandedCustomers: a.n[MovementExpansion], ContractedCustomers: a.n[MovementContraction], RetainedCustomers: a.n[MovementRetained],
			Conventions: l.opts.Conventions,
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
func (l *Ledger) money(a fixed.Sum) metrics.Money { return l.amount(a.Amount()) }

// amount returns an exact amount in the reporting currency.
func (l *Ledger) amount(f fixed.Amount) metrics.Money {
	if !f.Big {
		m, _ := metrics.MoneyFromMinor(f.I, fixed.Scale, l.cur) // the currency was checked
		return m
	}
	m, _ := metrics.NewMoney(f.D, l.cur) // sums of bounded amounts stay within the exponent bound
	return m
}

// add returns a + b, both in the reporting currency.
func add(a, b metrics.Money) metrics.Money {
	s, _ := a.Add(b)
	return s
}

// Months returns the summary of every month of the span, in order (nil for an
// empty ledger).
func (l *Ledger) Months() []Summary { return slices.Clone(l.summary) }

// Month returns the summary of month m; ErrUnknownMonth outside the span.
func (l *Ledger) Month(m metrics.Month) (Summary, error) {
	k, ok := l.index(m)
	if !ok {
		return Summary{}, l.unknown(m)
	}
	return l.summary[k], nil
}

// unknown is the error of a month outside the span.
func (l *Ledger) unknown(m metrics.Month) error {
	return metrics.NewMetricError("ledger", "month", fmt.Errorf("%w: %s not in %s..%s", metrics.ErrUnknownMonth, m, l.first, l.last))
}

// Span returns the summary of the months from..to, inclusive: Start of from,
// End of to, and the sums of the movements and logo counts in between (event
// counts: a customer who expands twice counts twice; Retained and Inactive
// count customer-months). JoinedAndChurnedCustomers counts the churns within
// the span of stints that began within it, so churn-rate conventions can
// exclude or include them. ErrUnknownMonth when from or to lies outside the
// span or from is after to.
func (l *Ledger) Span(from, to metrics.Month) (Summary, error) {
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
		s.New = add(s.New, o.New)
		s.Expansion = add(s.Expansion, o.Expansion)
		s.Contraction = add(s.Contraction, o.Contraction)
		s.Churn = add(s.Churn, o.Churn)
		s.Reactivation = add(s.Reactivation, o.Reactivation)
		s.FX = add(s.FX, o.FX)
		s.NewCustomers += o.NewCustomers
		s.ReactivatedCustomers += o.ReactivatedCustomers
		s.ChurnedCustomers += o.ChurnedCustomers
		s.ExpandedCustomers += o.ExpandedCustomers
		s.ContractedCustomers += o.ContractedCustomers
		s.RetainedCustomers += o.RetainedCustomers
		s.InactiveCustomers += o.InactiveCustomers
	}
	s.End, s.EndCustomers = l.summary[j].End, l.summary[j].EndCustomers
	fromN, toN := from.Index(), to.Index()
	for k, n := range l.stints {
		if k[0] >= fromN && k[1]+1 <= toN {
			s.JoinedAndChurnedCustomers += n
		}
	}
	for k, n := range l.returns { // {stint start, churn month, reactivation month}
		if k[0] < fromN && k[1] >= fromN && k[2] <= toN {
			s.ChurnedAndReactivatedCustomers += n
		}
	}
	return s, nil
}

// clip returns the part of from..to within the span, or ErrUnknownMonth when
// they do not overlap.
func (l *Ledger) clip(from, to metrics.Month) (Summary, error) {
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
func (l *Ledger) Quarter(q metrics.Quarter) (Summary, error) { return l.clip(q.First(), q.Last()) }

// Year returns the summary of calendar year y, clipped to the span like
// Quarter.
func (l *Ledger) Year(y int) (Summary, error) {
	first, err := metrics.NewMonth(y, time.January)
	if err != nil {
		return Summary{}, metrics.NewMetricError("ledger", "year", err)
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
// skipped; none left is metrics.ErrEmpty); LTVChurnCurrent uses m's own
// rate; LTVChurnOneMinusRetention uses 1 − m's logo retention,
// (StartCustomers − churned) ÷ StartCustomers (ProfitWell's approximation).
// A churn of 0 or no paying customers returns metrics.ErrZeroDenominator
// (ChartMogul does not compute LTV then); a month outside the span
// metrics.ErrUnknownMonth.
// Sources: help.chartmogul.com/hc/en-us/articles/203359061-Chart-Customer-Lifetime-Value-LTV;
// ProfitWell "roughly ARPU/(1-Retention)",
// paddle.com/help/profitwell-metrics/measure/compare/profit-well-vs-braintree.
func (l *Ledger) LTV(m metrics.Month) (metrics.Money, error) {
	const id = "ledger_ltv"
	s, err := l.Month(m)
	if err != nil {
		return metrics.Money{}, err
	}
	c := l.opts.Conventions
	var churn metrics.Ratio
	switch c.LTVChurn {
	case LTVChurnCurrent:
		if churn, err = s.LogoChurnRate(); err != nil {
			return metrics.Money{}, metrics.NewMetricError(id, "churn", err)
		}
	case LTVChurnOneMinusRetention:
		if s.StartCustomers == 0 {
			return metrics.Money{}, metrics.NewMetricError(id, "start_customers", metrics.ErrZeroDenominator)
		}
		churn, _ = metrics.NewRatio(s.ChurnedCustomers, s.StartCustomers)
	default:
		var sum metrics.Ratio
		var n int64
		for k := 1; k <= min(c.TrailingMonths(), m.Sub(l.first)); k++ { // months before the span are skipped: stop at its start
			t, err := l.Month(m.Add(-k))
			if err != nil || t.StartCustomers == 0 {
				continue
			}
			r, err := t.LogoChurnRate()
			if err != nil {
				return metrics.Money{}, metrics.NewMetricError(id, "churn", err)
			}
			sum, n = sum.Add(r), n+1
		}
		if n == 0 {
			return metrics.Money{}, metrics.NewMetricError(id, "churn", fmt.Errorf("%w: no trailing month with customers before %s", metrics.ErrEmpty, m))
		}
		churn, _ = sum.Quo(metrics.RatioFromInt(n))
	}
	den := churn.MulInt(s.EndCustomers)
	if den.IsZero() {
		return metrics.Money{}, metrics.NewMetricError(id, "churn", metrics.ErrZeroDenominator)
	}
	return s.End.QuoRatio(den, metrics.Context{})
}

// ARR returns annual recurring revenue at the end, 12 × End, exactly.
// Source: industry convention (ARR = 12 × MRR).
func (s Summary) ARR() metrics.Money { return s.End.MulInt(12) }

// Annualized returns the ARR waterfall: every amount × 12, exactly, so
//
//	start ARR + new + expansion + reactivation + FX − contraction − churn = end ARR
//
// Counts are unchanged. Source: industry convention (ARR = 12 × MRR).
func (s Summary) Annualized() Summary {
	for _, p := range []*metrics.Money{&s.Start, &s.New, &s.Expansion, &s.Contraction, &s.Churn, &s.Reactivation, &s.FX, &s.End} {
		*p = p.MulInt(12)
	}
	return s
}

// NetNew returns net new MRR, End − Start, which equals New + Expansion +
// Reactivation + FX − Contraction − Churn (FX included: subtract s.FX for the
// constant-currency figure). Source: Stripe's MRR growth,
// docs.stripe.com/billing/subscriptions/analytics/glossary.
func (s Summary) NetNew() metrics.Money {
	d, _ := s.End.Sub(s.Start) // one currency
	return d
}

// Growth returns the MRR growth rate over the summary, exactly:
//
//	growth = (End − Start) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source: industry convention
// (month-over-month MRR growth).
func (s Summary) Growth() (metrics.Ratio, error) {
	return metrics.GrowthRate(metrics.Periods{Previous: s.Start, Current: s.End})
}

// LogoChurnRate returns the customer (logo) churn rate under s.Conventions
// (the ledger's), exactly:
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
func (s Summary) LogoChurnRate() (metrics.Ratio, error) {
	const id = "ledger_logo_churn_rate"
	c := s.Conventions
	if err := c.Validate(); err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, "conventions", err)
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
	if den == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(id, "start_customers", metrics.ErrZeroDenominator)
	}
	r, _ := metrics.NewRatio(churned, den)
	return r, nil
}

// GrossMRRChurnRate returns the gross MRR churn rate, exactly:
//
//	gross = (Churn + Contraction) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source:
// help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate.
//
// It is a one-month rate: a longer span returns ErrInvalid.
func (s Summary) GrossMRRChurnRate() (metrics.Ratio, error) {
	if err := s.oneMonth("gross_mrr_churn_rate"); err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.GrossMRRChurnRate(s.Movements)
}

// NetMRRChurnRate returns the net MRR churn rate, exactly (negative when
// expansion outweighs losses; new MRR is never subtracted):
//
//	net = (Churn + Contraction − Expansion − Reactivation) ÷ Start
//
// A zero Start returns ErrZeroDenominator. Source: as GrossMRRChurnRate.
//
// It is a one-month rate: a longer span returns ErrInvalid.
func (s Summary) NetMRRChurnRate() (metrics.Ratio, error) {
	if err := s.oneMonth("net_mrr_churn_rate"); err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.NetMRRChurnRate(s.Movements)
}

// oneMonth returns ErrInvalid for a summary of more than one month: its
// summed movements include those of customers who joined inside the span,
// so a retention rate over it would not be a cohort figure.
func (s Summary) oneMonth(id string) error {
	if s.From == s.To {
		return nil
	}
	return metrics.NewMetricError(id, "span", fmt.Errorf("%w: %s to %s is longer than a month; use cohort.SpanRetention for the cohort figure", metrics.ErrInvalid, s.From, s.To))
}

// NRR returns metrics.NRR(s.Movements) for a one-month summary: FX, new and
// reactivation excluded. Over one month the movements of the customers
// paying at the start are the cohort's, so this is exact; a longer span
// returns metrics.ErrInvalid (cohort.SpanRetention gives the cohort figure).
func (s Summary) NRR() (metrics.Ratio, error) {
	if err := s.oneMonth("nrr"); err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.NRR(s.Movements)
}

// GRR returns metrics.GRR(s.Movements) for a one-month summary; a longer span
// returns metrics.ErrInvalid (cohort.SpanRetention gives the cohort figure).
func (s Summary) GRR() (metrics.Ratio, error) {
	if err := s.oneMonth("grr"); err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.GRR(s.Movements)
}

// QuickRatio returns the SaaS quick ratio under s.Conventions (the
// ledger's), exactly (metrics.QuickRatio):
//
//	quick = (New + Expansion + Reactivation) ÷ (Contraction + Churn)
//
// with Reactivation left out when QuickRatioWithoutReactivation
// (Baremetrics). No losses return ErrZeroDenominator. Source: Mamoon Hamid's
// SaaS quick ratio (reactivation counted as gained MRR); Baremetrics'
// changelog "New Quick Ratio Metric" omits reactivation.
func (s Summary) QuickRatio() (metrics.Ratio, error) {
	m := s.Movements
	if s.Conventions.QuickRatioWithoutReactivation {
		m.Reactivation = metrics.Money{}
	}
	return metrics.QuickRatio(m)
}

// ARPA returns the average revenue per account at the end, rounded once with
// the zero Context (12 places, half to even):
//
//	ARPA = End ÷ EndCustomers
//
// A customer with several subscriptions counts once (ChartMogul). No paying
// customers return metrics.ErrZeroDenominator. Source:
// help.chartmogul.com/hc/en-us/articles/203359301.
func (s Summary) ARPA() (metrics.Money, error) { return metrics.ARPA(s.End, s.EndCustomers) }

// Definitions returns the dictionary entries of package mrr (new copies on
// each call; package catalog assembles the complete dictionary): only
// the figures whose formula differs from a stand-alone metric (the churn rate
// under the conventions, net new MRR with FX, the ledger's LTV). The other
// Summary methods call the stand-alone functions and share their definitions
// (nrr, grr, gross_mrr_churn_rate, net_mrr_churn_rate, quick_ratio,
// growth_rate, arr, arpa): one definition per metric.
func Definitions() []metrics.Definition {
	return append(ledgerDefinitions(), movementDefinitions()...)
}

// Sources of the movement definitions: the five documents by file name and
// the vendors' pages.
const (
	seed000 = "seeds/000_47655b065fd9dd72.txt"
	seed001 = "seeds/001_017c61518b225a18.txt"
	seed002 = "seeds/002_12b06b23a7dd3532.txt"
	seed003 = "seeds/003_e1aea96652a224fd.txt"
	seed004 = "seeds/004_9a66e740fba960a2.txt"

	sourceMovements      = "ChartMogul, MRR movements (help.chartmogul.com/hc/en-us/articles/201244842): new business, expansion (a second subscription, a discount ending), contraction (a discount added, one of several subscriptions cancelled), churn only when no subscription remains, reactivation"
	sourceMovements004   = seed004 + " §Pergerakan Monthly Recurring Revenue (MRR): new MRR from new customers (not owned by CS), expansion from upsell, cross-sell and added seats, contraction from downgrades or seat reductions, churn from cancelled customers"
	sourceWaterfall000   = seed000 + " §Air Terjun ARR (starting ARR + new + expansion − contraction − churn = ending ARR) and §ARR dan Net New ARR"
	ocMovementsCS        = "owner and cadence: " + seed004 + " §Pergerakan MRR (CS owns churn and contraction and maximises expansion; month-to-month dynamics)"
	ocMovementsSales     = "owner and cadence: " + seed004 + " §Pergerakan MRR (new MRR is not CS's: a sales problem; month-to-month dynamics); the CRO is the library's choice"
	ocLedgerChoice       = "owner and cadence: the library's choice (the documents name none)"
	ocLedgerChurn        = "owner and cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (logo churn monthly; CS owns churn)"
	ocLedgerLTV          = "cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (customer lifetime value monthly); owner the library's choice"
	ocLedgerNetNew       = "owner: " + seed000 + " (finance keeps the ARR spreadsheet); cadence the library's choice"
	sourceLedgerNetNew   = seed000 + " §Air Terjun ARR; " + seed003 + " §1 (new, expansion and lost MRR)"
	sourceLedgerLTVSeeds = seed003 + " §3 Prix client LTV (LTV = ARPA ÷ customer churn rate; ARPA = MRR ÷ paying customers in the month)"
)

// movementDefinitions returns the definitions of the MRR movements, the
// parts of the waterfall: each is a field of the Summary of Ledger.Month.
func movementDefinitions() []metrics.Definition {
	mv := func(id, name, formula string, dir metrics.Direction, owner, oc, source, differs string) metrics.Definition {
		return metrics.Definition{
			ID: id, Name: name, Category: metrics.CategoryRevenue, Formula: formula,
			Unit: metrics.UnitMoney, Direction: dir,
			Audiences: []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership, metrics.AudienceDepartment},
			Signal:    metrics.SignalLagging, Owner: owner, Cadence: metrics.CadenceMonthly,
			Source: source + "; " + oc, Differs: differs, Version: 1, Func: "mrr.Ledger.Month",
		}
	}
	return []metrics.Definition{
		mv("new_mrr", "New MRR (new business)", "MRR of customers in their first paid month (or new again under the conventions)",
			metrics.HigherIsBetter, "CRO", ocMovementsSales, sourceMovements004+"; "+seed003+" §1a (new MRR from new paying customers); "+sourceWaterfall000+"; "+sourceMovements, ""),
		mv("expansion_mrr", "Expansion MRR", "increases of customers paying in the month before (upgrades, add-ons, cross-sell, seats), FX excluded",
			metrics.HigherIsBetter, "VP Customer Success", ocMovementsCS, sourceMovements004+"; "+seed002+" §Transformarea semnalelor (upgrades, add-ons and cross-sell among existing customers); "+seed003+" §1b (existing customers buying features or upgrading); "+sourceMovements, ""),
		mv("contraction_mrr", "Contraction MRR", "decreases of customers still paying (downgrades, fewer seats), FX excluded; a cancellation is churn, not contraction",
			metrics.LowerIsBetter, "VP Customer Success", ocMovementsCS, sourceMovements004+"; "+sourceWaterfall000+"; "+sourceMovements,
			"002 (§Transformarea semnalelor) sums downgrades and cancellations into 'contraction MRR'; the library, like 004 and ChartMogul, keeps cancellations apart as churn: 002's contraction is contraction_mrr + churned_mrr."),
		mv("churned_mrr", "Churned MRR", "MRR in the month before of customers who pay nothing in the month (cancelled)",
			metrics.LowerIsBetter, "VP Customer Success", ocMovementsCS, sourceMovements004+"; "+seed003+" §1d (lost MRR: the customer stops paying); "+seed001+" §2 (revenue lost to cancellations); "+sourceMovements, ""),
		mv("reactivation_mrr", "Reactivation MRR", "MRR of customers who paid before, paid nothing in the month before, and pay again",
			metrics.HigherIsBetter, "CRO", ocLedgerChoice, sourceMovements,
			"000's ARR waterfall and 004's movements have no reactivation: a returning customer is new business there; the library counts them apart (ChartMogul), and its conventions can make them new (ReactivationWindowMonths, MinHistoryMonths)."),
	}
}

// ledgerDefinitions returns the definitions of the ledger's own figures.
func ledgerDefinitions() []metrics.Definition {
	defs := []metrics.Definition{
		{
			ID: "ledger_logo_churn_rate", Name: "Customer (logo) churn rate, from the ledger", Category: metrics.CategoryRetention,
			Formula: "(churned customers − joined-and-churned when excluded − churned-and-reactivated when excluded) ÷ customers at start (or start + new + reactivated)",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter,
			Audiences: []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership}, Signal: metrics.SignalLagging,
			Source: sourceChartMogulChurn + "; " + sourceStripeChurn, Version: 2, Func: "mrr.Summary.LogoChurnRate",
		},
		{
			ID: "ledger_net_new_mrr", Name: "Net new MRR, from the ledger", Category: metrics.CategoryRevenue,
			Formula: "end MRR − start MRR = new + expansion + reactivation + FX − contraction − churn",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter,
			Audiences: []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership}, Signal: metrics.SignalLagging,
			Source: sourceStripeGlossary, Version: 1, Func: "mrr.Summary.NetNew",
		},
		{
			ID: "ledger_ltv", Name: "Customer lifetime value, from the ledger", Category: metrics.CategoryUnitEconomics,
			Formula: "ARPA ÷ customer churn (trailing N-month average excluding the month, the month's own, or 1 − retention)",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter,
			Audiences: []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership}, Signal: metrics.SignalLagging,
			Source: sourceChartMogulLTVChart, Version: 1, Func: "mrr.Ledger.LTV",
		},
	}
	stewards := map[string][3]string{ // owner, cadence source, source addition
		"ledger_logo_churn_rate": {"VP Customer Success", ocLedgerChurn, seed001 + " §1, " + seed004 + " §Logo Churn Rate"},
		"ledger_net_new_mrr":     {"CFO", ocLedgerNetNew, sourceLedgerNetNew},
		"ledger_ltv":             {"CFO", ocLedgerLTV, sourceLedgerLTVSeeds},
	}
	for i := range defs {
		if st, ok := stewards[defs[i].ID]; ok {
			defs[i].Owner, defs[i].Cadence = st[0], metrics.CadenceMonthly
			defs[i].Source += "; " + st[2] + "; " + st[1]
		}
	}
	return defs
}
