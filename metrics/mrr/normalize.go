package metrics

// MRR normalisation: a subscription's monthly-equivalent amount in a month,
// and the expansion of subscriptions into customer-month MRR rows.

import (
	"fmt"
	"iter"
	"time"

	"github.com/shopspring/decimal"
)

// monthEnd returns the first instant after month m (UTC).
func monthEnd(m Month) time.Time { return m.Add(1).Start(time.UTC) }

// effectiveEnd is the instant the subscription stops counting (zero: never).
func (s Subscription) effectiveEnd(conv Conventions) time.Time {
	end := s.End
	if s.Status == PastDue && conv.PastDueGraceDays > 0 && !s.End.IsZero() {
		end = s.End.AddDate(0, 0, conv.PastDueGraceDays)
	}
	if conv.ChurnTiming == ChurnAtCancellation && !s.CancelledAt.IsZero() && (end.IsZero() || s.CancelledAt.Before(end)) {
		end = s.CancelledAt // a cancellation ends it even inside a dunning window
	}
	return end
}

// activeAt reports whether the subscription is active at the end of month m.
func (s Subscription) activeAt(m Month, conv Conventions) bool {
	return s.activeBy(monthEnd(m), s.effectiveEnd(conv))
}

// activeBy reports whether the subscription, with effective end end, is
// active at the instant next (the end of a month).
func (s *Subscription) activeBy(next, end time.Time) bool {
	return s.Start.Before(next) && (end.IsZero() || !end.Before(next))
}

// discountApplies reports whether d reduces MRR in month m under policy.
func (s Subscription) discountApplies(d Discount, m Month, policy DiscountPolicy) bool {
	start := d.Start
	if start.IsZero() {
		start = s.Start
	}
	first := MonthOf(start.UTC())
	switch {
	case policy == NoDiscounts:
		return false
	case d.Duration == Once:
		return policy == AllDiscounts && m == first
	case d.Duration == Repeating:
		return policy != ForeverDiscountsOnly && !m.Before(first) && m.Before(first.Add(d.Months))
	}
	return !m.Before(first) // Forever
}

// monthlyFactor returns the exact factor num/den that turns one billing
// interval's amount into a month's: ÷ N months, ÷ 12N for years, × weekly ÷ N
// for weeks (52/12 by default), × 365/12 ÷ N for days.
func monthlyFactor(iv Interval, conv Conventions) (num, den decimal.Decimal) {
	n := decimal.New(int64(iv.Count), 0)
	switch iv.Unit {
	case Year:
		return decimal.New(1, 0), n.Mul(decimal.New(12, 0))
	case Week:
		wn, wd := conv.Weekly().Fraction()
		return wn, wd.Mul(n)
	case Day:
		return decimal.New(365, 0), n.Mul(decimal.New(12, 0))
	}
	return decimal.New(1, 0), n // months
}

// MRR returns the subscription's monthly recurring revenue in calendar month
// m under conv:
//
//	MRR = max(0, amount × quantity − discounts applying in m) × monthly factor
//
// with the monthly factor ÷ N for N-month intervals (an annual contract of
// 12,000 is 1,000), ÷ 12N for years, × conv.Weekly() ÷ N for weeks (52/12,
// 4.33 or 4) and × 365/12 ÷ N for days, rounded once with conv.Precision
// (12 places, half to even by default). It is 0 in a month the subscription
// is not active at the end of (see Subscription), in trial months (Trialing,
// or months ending before TrialEnd), for one-off, metered and free charges,
// and, under PausedIsZero, from PausedFrom on. Percent discounts apply to the
// list amount; amount discounts to each interval. An invalid record returns
// its Validate error; invalid conventions ErrOutOfRange.
func (s Subscription) MRR(m Month, conv Conventions) (Money, error) {
	if err := s.Validate(); err != nil {
		return Money{}, err
	}
	if err := conv.Validate(); err != nil {
		return Money{}, err
	}
	if m.IsZero() {
		return Money{}, subErr(&s, "month", ErrInvalid)
	}
	return s.mrr(m, conv), nil
}

// mrr is MRR for a validated record and conventions.
func (s *Subscription) mrr(m Month, conv Conventions) Money {
	if s.zeroIn(m, conv) {
		return Money{currency: s.Amount.currency}
	}
	return s.netMRR(m, conv)
}

// zeroIn reports the months whose MRR is 0 whatever the amount: not active
// at the month's end, not a recurring charge, in trial, or paused under
// PausedIsZero.
func (s *Subscription) zeroIn(m Month, conv Conventions) bool {
	return s.zeroAt(monthEnd(m), s.effectiveEnd(conv), conv)
}

// zeroAt is zeroIn for the month that ends at next, given the effective end.
func (s *Subscription) zeroAt(next, end time.Time, conv Conventions) bool {
	return !s.activeBy(next, end) || s.Charge != Recurring || s.Status == Trialing ||
		!s.TrialEnd.IsZero() && !s.TrialEnd.Before(next) || // still in trial at the month's end
		s.Status == Paused && conv.Paused == PausedIsZero && s.PausedFrom.Before(next)
}

// netMRR is the amount part of mrr: list × quantity less the discounts that
// apply in m, times the monthly factor, rounded once (0 when the discounts
// take it all). It depends on m only through which discounts apply.
func (s *Subscription) netMRR(m Month, conv Conventions) Money {
	qty := max(s.Quantity, 1)
	list := s.Amount.dec().Mul(decimal.New(qty, 0))
	// Percent discounts are exact fractions: collect them over one common
	// denominator so the whole amount is rounded once, at the end.
	pctOff := RatioFromInt(0)
	amountOff := decimal.Decimal{}
	for _, d := range s.Discounts {
		if !s.discountApplies(d, m, conv.Discounts) {
			continue
		}
		pctOff = pctOff.Add(d.Percent)
		amountOff = amountOff.Add(d.Amount.dec())
	}
	pn, pd := pctOff.Fraction()
	// net = list − list × pn/pd − amountOff = (list × (pd − pn) − amountOff × pd) / pd
	netNum := list.Mul(pd.Sub(pn)).Sub(amountOff.Mul(pd))
	if netNum.Sign() <= 0 {
		return Money{currency: s.Amount.currency}
	}
	fn, fd := monthlyFactor(s.Interval, conv)
	return moneyOf(conv.Precision.quo(netNum.Mul(fn), pd.Mul(fd)), s.Amount.currency)
}

// expanding is one subscription being expanded: its effective end, first
// month, and the last netMRR computed with the set of discounts it used (a
// bit per discount), so the months between discount changes cost no decimal
// arithmetic.
type expanding struct {
	s     Subscription
	end   time.Time // effectiveEnd; zero = open-ended
	first Month
	done  bool // ended before the current month began

	memo     Money
	memoMask uint64
	memoOK   bool
}

// mrr is Subscription.mrr in month m, which ends at next, reusing the last
// amount while the same discounts apply (for up to 64 discounts; more are
// recomputed every month).
func (g *expanding) mrr(m Month, next time.Time, conv Conventions) Money {
	s := &g.s
	if s.zeroAt(next, g.end, conv) {
		return Money{currency: s.Amount.currency}
	}
	if len(s.Discounts) > 64 {
		return s.netMRR(m, conv)
	}
	var mask uint64
	for k, d := range s.Discounts {
		if s.discountApplies(d, m, conv.Discounts) {
			mask |= 1 << k
		}
	}
	if !g.memoOK || g.memoMask != mask {
		g.memo, g.memoMask, g.memoOK = s.netMRR(m, conv), mask, true
	}
	return g.memo
}

// Expander turns subscription records into customer-month MRR rows for the
// ledger: one row per subscription and month in which its MRR is positive,
// from the month of its Start through Through — never later, so open-ended
// subscriptions do not run past the data (the "spine past today" bug).
// Invalid records are never dropped silently: in strict mode (the default)
// the first one stops the stream and Err returns it; with Lenient they are
// skipped and listed by Rejected. An Expander is used once.
type Expander struct {
	Conventions Conventions // normalisation settings
	Through     Month       // the last month to emit; required
	Lenient     bool        // skip and list invalid records instead of stopping

	err      error
	rejected []RowError
}

// Err returns the error that stopped the stream, if any.
func (e *Expander) Err() error { return e.err }

// Rejected returns the records skipped in lenient mode.
func (e *Expander) Rejected() []RowError { return append([]RowError(nil), e.rejected...) }

// Rows returns the MRR rows of subs. Row errors carry the record's 0-based
// position in subs.
//
// Consecutive records of one customer are expanded together, month by month
// (within a month, in input order), so when subs is sorted by customer the
// rows come out sorted by customer then month and stream straight into
// BuildLedgerSorted, holding one customer's subscriptions in memory. Records
// of one customer that are not consecutive still give every row, but in
// separate runs: use BuildLedger for them.
func (e *Expander) Rows(subs iter.Seq[Subscription]) iter.Seq[MRRRow] {
	return func(yield func(MRRRow) bool) {
		if e.Through.IsZero() {
			e.err = fmt.Errorf("metrics: expander: through: %w", ErrMissing)
			return
		}
		if err := e.Conventions.Validate(); err != nil {
			e.err = err
			return
		}
		var group []expanding // the current customer's valid records
		var i int64 = -1
		for s := range subs {
			i++
			if err := s.Validate(); err != nil {
				re := *err.(*RowError)
				re.Row = i
				if !e.Lenient {
					if e.emit(group, yield) {
						e.err = &re
					}
					return
				}
				e.rejected = append(e.rejected, re)
				continue
			}
			if len(group) > 0 && group[0].s.Customer != s.Customer {
				if !e.emit(group, yield) {
					return
				}
				group = group[:0]
			}
			group = append(group, expanding{s: s, end: s.effectiveEnd(e.Conventions), first: MonthOf(s.Start.UTC())})
		}
		e.emit(group, yield)
	}
}

// emit yields the rows of one customer's records, month by month from the
// earliest start through Through, and reports whether the consumer wants
// more.
func (e *Expander) emit(group []expanding, yield func(MRRRow) bool) bool {
	if len(group) == 0 {
		return true
	}
	m := group[0].first
	for _, g := range group[1:] {
		if g.first.Before(m) {
			m = g.first
		}
	}
	next := m.Start(time.UTC)
	for ; !m.After(e.Through); m = m.Add(1) {
		start := next
		next = monthEnd(m)
		live := false
		for k := range group {
			g := &group[k]
			switch {
			case g.done:
				continue
			case !g.end.IsZero() && g.end.Before(start):
				g.done = true // ended before this month began: no later month can count
				continue
			}
			live = true
			if m.Before(g.first) {
				continue
			}
			if mrr := g.mrr(m, next, e.Conventions); mrr.Sign() != 0 {
				if !yield(MRRRow{Customer: g.s.Customer, Subscription: g.s.ID, Month: m, MRR: mrr}) {
					return false
				}
			}
		}
		if !live || m == e.Through {
			break // every record has ended; or Add saturates at 9999-12: stop there, not forever
		}
	}
	return true
}
