package mrr

// MRR normalisation: a subscription's monthly-equivalent amount in a month.

import (
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// monthEnd returns the first instant after month m (UTC): for 9999-12, the
// first instant of year 10000.
func monthEnd(m metrics.Month) time.Time {
	return time.Date(m.Year(), m.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

// effectiveEnd is the instant the subscription stops counting (zero: never).
func (s Subscription) effectiveEnd(conv Conventions) time.Time {
	end := s.End
	if s.Status == StatusPastDue && conv.PastDueGraceDays > 0 && !s.End.IsZero() {
		// Conventions.Validate bounds the days (MaxGraceDays), so the date
		// cannot overflow; beyond year 9999 it is later than every month.
		end = s.End.AddDate(0, 0, min(conv.PastDueGraceDays, MaxGraceDays))
	}
	if conv.ChurnTiming == ChurnAtCancellation && !s.CancelledAt.IsZero() && (end.IsZero() || s.CancelledAt.Before(end)) {
		end = s.CancelledAt // a cancellation ends it even inside a dunning window
	}
	return end
}

// monthStart returns the first instant of the month that ends at next (the
// first instant of the month after it).
func monthStart(next time.Time) time.Time {
	return time.Date(next.Year(), next.Month()-1, 1, 0, 0, 0, 0, time.UTC)
}

// activeAt reports whether the subscription counts in month m under conv's
// month rule.
func (s Subscription) activeAt(m metrics.Month, conv Conventions) bool {
	return s.activeBy(monthEnd(m), s.effectiveEnd(conv), conv.MonthRule)
}

// activeBy reports whether the subscription, with effective end end, counts
// in the month that ends at next (the first instant of the month after):
// under MonthActiveAtEnd when it is active at next (Start before it, end not
// before it); under MonthFirstDayInside when the month's first day is at or
// after Start and the month is before the month of the end (dbt's
// mrr-playbook: the first day lies in [start, end) and the month spine stops
// before the end's month).
func (s *Subscription) activeBy(next, end time.Time, rule MonthRule) bool {
	if rule == MonthFirstDayInside {
		if end.IsZero() {
			return !s.Start.After(monthStart(next))
		}
		e := end.UTC()
		endMonth := time.Date(e.Year(), e.Month(), 1, 0, 0, 0, 0, time.UTC)
		return !s.Start.After(monthStart(next)) && !next.After(endMonth)
	}
	return s.Start.Before(next) && (end.IsZero() || !end.Before(next))
}

// firstInvoice is when the first paid billing period begins: Start, or
// TrialEnd when a trial runs past Start.
func (s *Subscription) firstInvoice() time.Time {
	if s.TrialEnd.After(s.Start) {
		return s.TrialEnd
	}
	return s.Start
}

// addMonthsClamped returns t plus n calendar months, with the day clamped to
// the last day of the target month (Jan 31 + 1 month is Feb 28 or 29, as
// billing systems renew), at t's time of day, in UTC.
func addMonthsClamped(t time.Time, n int) time.Time {
	t = t.UTC()
	y, m := t.Year(), int(t.Month())-1+n
	y, m = y+m/12, m%12
	last := time.Date(y, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day() // day 0 of the next month
	day := min(t.Day(), last)
	return time.Date(y, time.Month(m+1), day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// periodEnd returns the end of the billing period of interval iv that
// starts at from (exclusive): N months or 12N months later (day clamped),
// 7N days, or N days.
func periodEnd(from time.Time, iv Interval) time.Time {
	switch iv.Unit {
	case IntervalYear:
		return addMonthsClamped(from, 12*iv.Count)
	case IntervalWeek:
		return from.AddDate(0, 0, 7*iv.Count)
	case IntervalDay:
		return from.AddDate(0, 0, iv.Count)
	}
	return addMonthsClamped(from, iv.Count)
}

// discountApplies reports whether d reduces MRR in month m under conv.
//
// A forever discount applies from the month of its start; a repeating one
// for Months months from it (not under ForeverDiscountsOnly). A once-only
// discount discounts the first invoice, which covers one billing period
// from the discount's Start (or, when unset, from the first paid period:
// Start, or TrialEnd after a trial): under AllDiscounts it applies in the
// months whose snapshot falls in that period, the month-end snapshot
// (from, to] under MonthActiveAtEnd, the first day [from, to) under
// MonthFirstDayInside. A once coupon on a monthly plan discounts one month;
// on an annual plan the invoice is the whole year, so it discounts twelve
// months (spread over the year it pays for, rather than a first month at a
// discount followed by a false expansion). Under the other policies a once
// discount never reduces MRR.
func (s Subscription) discountApplies(d Discount, m metrics.Month, conv Conventions) bool {
	if conv.Discounts == NoDiscounts {
		return false
	}
	if d.Duration == DiscountOnce {
		if conv.Discounts != AllDiscounts {
			return false
		}
		from := d.Start
		if from.IsZero() {
			from = s.firstInvoice()
		}
		to := periodEnd(from, s.Interval)
		next := monthEnd(m)
		if conv.MonthRule == MonthFirstDayInside {
			first := monthStart(next)
			return !first.Before(from) && first.Before(to)
		}
		return next.After(from) && !next.After(to)
	}
	start := d.Start
	if start.IsZero() {
		start = s.Start
	}
	first := metrics.MonthOf(start.UTC())
	if d.Duration == DiscountRepeating {
		// AddChecked: a discount lasting past 9999-12 (Months up to MaxInt)
		// applies in every month from its first, never wrapping around.
		end, inRange := first.AddChecked(d.Months)
		return conv.Discounts != ForeverDiscountsOnly && !m.Before(first) && (!inRange || m.Before(end))
	}
	return !m.Before(first) // Forever
}

// monthlyFactor returns the exact factor num/den that turns one billing
// interval's amount into a month's: ÷ N months, ÷ 12N for years, × weekly ÷ N
// for weeks (52/12 by default), × 365/12 ÷ N for days.
func monthlyFactor(iv Interval, conv Conventions) (num, den decimal.Decimal) {
	n := decimal.New(int64(iv.Count), 0)
	switch iv.Unit {
	case IntervalYear:
		return decimal.New(1, 0), n.Mul(decimal.New(12, 0))
	case IntervalWeek:
		wn, wd := conv.WeeklyMultiplier.Ratio().Fraction()
		return wn, wd.Mul(n)
	case IntervalDay:
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
// 12,000 is 1,000), ÷ 12N for years, × conv.WeeklyMultiplier ÷ N for weeks (52/12,
// 4.33 or 4) and × 365/12 ÷ N for days, rounded once with conv.Precision
// (12 places, half to even by default). It is 0 in a month the subscription
// does not count in (see Subscription and Conventions.MonthRule), in trial
// months (Trialing,
// or months ending before TrialEnd), for one-off, metered and free charges,
// and, under PausedIsZero, from PausedFrom on. Percent discounts apply to the
// list amount; amount discounts to each interval. Which discounts apply in m
// follows conv.Discounts: a once-only discount discounts one billing period
// (an annual plan's whole year) under AllDiscounts and nothing otherwise.
// An invalid record returns
// its Validate error; invalid conventions ErrOutOfRange.
func (s Subscription) MRR(m metrics.Month, conv Conventions) (metrics.Money, error) {
	if err := s.Validate(); err != nil {
		return metrics.Money{}, err
	}
	if err := conv.Validate(); err != nil {
		return metrics.Money{}, err
	}
	if m.IsZero() {
		return metrics.Money{}, subErr(&s, "month", metrics.ErrInvalid)
	}
	return s.mrr(m, conv), nil
}

// zeroMoney returns 0 in the subscription's currency.
func (s *Subscription) zeroMoney() metrics.Money {
	z, _ := metrics.MoneyFromInt(0, s.Amount.Currency())
	return z
}

// mrr is MRR for a validated record and conventions.
func (s *Subscription) mrr(m metrics.Month, conv Conventions) metrics.Money {
	if s.zeroIn(m, conv) {
		return s.zeroMoney()
	}
	return s.netMRR(m, conv)
}

// zeroIn reports the months whose MRR is 0 whatever the amount: not active
// at the month's end, not a recurring charge, in trial, or paused under
// PausedIsZero.
func (s *Subscription) zeroIn(m metrics.Month, conv Conventions) bool {
	return s.zeroAt(monthEnd(m), s.effectiveEnd(conv), conv)
}

// zeroAt is zeroIn for the month that ends at next, given the effective end.
func (s *Subscription) zeroAt(next, end time.Time, conv Conventions) bool {
	return !s.activeBy(next, end, conv.MonthRule) || s.Charge != ChargeRecurring || s.Status == StatusTrialing ||
		!s.TrialEnd.IsZero() && !s.TrialEnd.Before(next) || // still in trial at the month's end
		s.Status == StatusPaused && conv.Paused == PausedIsZero && s.PausedFrom.Before(next)
}

// netMRR is the amount part of mrr: list × quantity less the discounts that
// apply in m, times the monthly factor, rounded once (0 when the discounts
// take it all). It depends on m only through which discounts apply.
func (s *Subscription) netMRR(m metrics.Month, conv Conventions) metrics.Money {
	qty := max(s.Quantity, 1)
	list := s.Amount.Amount().Mul(decimal.New(qty, 0))
	// Percent discounts are exact fractions: collect them over one common
	// denominator so the whole amount is rounded once, at the end.
	var pctOff metrics.Ratio
	amountOff := decimal.Decimal{}
	for _, d := range s.Discounts {
		if !s.discountApplies(d, m, conv) {
			continue
		}
		pctOff = pctOff.Add(d.Percent)
		amountOff = amountOff.Add(d.Amount.Amount())
	}
	pn, pd := pctOff.Fraction()
	// net = list − list × pn/pd − amountOff = (list × (pd − pn) − amountOff × pd) / pd
	netNum := list.Mul(pd.Sub(pn)).Sub(amountOff.Mul(pd))
	if netNum.Sign() <= 0 {
		return s.zeroMoney()
	}
	fn, fd := monthlyFactor(s.Interval, conv)
	v, _ := conv.Precision.Quo(netNum.Mul(fn), pd.Mul(fd)) // fd > 0, values within the exponent bound
	out, _ := metrics.NewMoney(v, s.Amount.Currency())
	return out
}

// expanding is one subscription being expanded: its effective end, first
// month, and the last netMRR computed with the set of discounts it used (a
// bit per discount), so the months between discount changes cost no decimal
// arithmetic.
type expanding struct {
	s      Subscription
	record int64     // the record's 1-based position in its source
	end    time.Time // effectiveEnd; zero = open-ended
	first  metrics.Month

	memo     metrics.Money
	memoMask uint64
	memoOK   bool
}

// mrr is Subscription.mrr in month m, which ends at next, reusing the last
// amount while the same discounts apply (a validated record has at most
// MaxDiscounts = 64, one bit each).
func (g *expanding) mrr(m metrics.Month, next time.Time, conv Conventions) metrics.Money {
	s := &g.s
	if s.zeroAt(next, g.end, conv) {
		return s.zeroMoney()
	}
	var mask uint64
	for k, d := range s.Discounts {
		if s.discountApplies(d, m, conv) {
			mask |= 1 << k
		}
	}
	if !g.memoOK || g.memoMask != mask {
		g.memo, g.memoMask, g.memoOK = s.netMRR(m, conv), mask, true
	}
	return g.memo
}
