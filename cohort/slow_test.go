package cohort

// The slow reference: every cell computed from scratch, member by member and
// period by period, from each member's full monthly series, with decimals —
// the obviously correct version the streaming build is compared with.

import (
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
)

// slowResult is the reference's answer: every observed cell, by key and
// period, and each cohort's survival counts.
type slowResult struct {
	cells    []Cell
	ends     map[Key][]int64
	censored map[Key][]int64
}

// slowTable computes the Table's cells for valid rows (no bad record, no
// repeated (customer, subscription, month)).
func slowTable(rows []mrr.Row, opts Options) slowResult {
	type unitKey struct{ cust, sub string }
	series := map[unitKey]map[metrics.Month]decimal.Decimal{}
	var through metrics.Month
	for _, r := range rows {
		k := unitKey{cust: r.Customer}
		if opts.BySubscription {
			k.sub = r.Subscription
		}
		if series[k] == nil {
			series[k] = map[metrics.Month]decimal.Decimal{}
		}
		series[k][r.Month] = series[k][r.Month].Add(r.MRR.Amount())
		if r.Month.After(through) {
			through = r.Month
		}
	}
	if !opts.Through.IsZero() {
		through = opts.Through
	}
	g := int(opts.Grain.months())
	type acc struct {
		cell                                                      Cell
		mrr, base, capped, prevMRR, exp, contr, churn, react, rev decimal.Decimal
		atThrough                                                 bool
	}
	cells := map[Key]map[int]*acc{}
	sizes := map[Key]int64{}
	res := slowResult{ends: map[Key][]int64{}, censored: map[Key][]int64{}}
	for uk, s := range series {
		var a metrics.Month
		for m, v := range s {
			if v.Sign() > 0 && (a.IsZero() || m.Before(a)) {
				a = m
			}
		}
		if a.IsZero() {
			continue // never paid
		}
		v := func(m metrics.Month) decimal.Decimal { return s[m] }
		paid := func(m metrics.Month) bool { return v(m).Sign() > 0 }
		firstGap := a
		for firstGap.Compare(through) <= 0 && paid(firstGap) {
			firstGap = firstGap.Add(1)
		}
		lastPaid := through
		for !paid(lastPaid) {
			lastPaid = lastPaid.Add(-1)
		}
		vr := func(m metrics.Month) decimal.Decimal {
			if opts.Reactivation == ReactivationExcluded && !m.Before(firstGap) {
				return decimal.Decimal{}
			}
			return v(m)
		}
		act := func(m metrics.Month) bool {
			switch opts.Reactivation {
			case ReactivationFillsGaps:
				return !m.After(lastPaid)
			case ReactivationExcluded:
				return m.Before(firstGap)
			}
			return paid(m)
		}
		key := Key{}
		if opts.Segment != nil {
			key.Segment, _ = opts.Segment(uk.cust)
		}
		if !opts.SegmentOnly {
			key.Acquired = opts.Grain.start(a)
		}
		sizes[key]++
		if cells[key] == nil {
			cells[key] = map[int]*acc{}
		}
		base := v(a)
		last := through.Sub(a) / g
		for k := 0; k <= last; k++ {
			sm := a.Add(k * g)
			c := cells[key][k]
			if c == nil {
				c = &acc{cell: Cell{Cohort: key, Period: k}}
				if !opts.SegmentOnly {
					c.cell.Calendar = key.Acquired.Add(k * g)
				}
				cells[key][k] = c
			}
			c.cell.Observed++
			c.atThrough = c.atThrough || sm == through
			if act(sm) {
				c.cell.Active++
			}
			c.mrr = c.mrr.Add(vr(sm))
			c.base = c.base.Add(base)
			c.capped = c.capped.Add(decimal.Min(vr(sm), base))
			for m := a; !m.After(sm); m = m.Add(1) {
				c.rev = c.rev.Add(vr(m))
			}
			if k == 0 {
				continue
			}
			pm := sm.Add(-g)
			if act(pm) {
				c.cell.PrevActive++
			}
			if act(pm) && !act(sm) {
				c.cell.ChurnedCustomers++
			}
			if !act(pm) && act(sm) {
				c.cell.ReactivatedCustomers++
			}
			x, y := vr(pm), vr(sm)
			c.prevMRR = c.prevMRR.Add(x)
			switch {
			case x.Sign() > 0 && y.Sign() > 0 && y.Cmp(x) > 0:
				c.exp = c.exp.Add(y.Sub(x))
			case x.Sign() > 0 && y.Sign() > 0:
				c.contr = c.contr.Add(x.Sub(y))
			case x.Sign() > 0:
				c.churn = c.churn.Add(x)
			case y.Sign() > 0:
				c.react = c.react.Add(y)
			}
		}
		// Survival: the first period not active under the rule (the first
		// churn under ReactivationCounts), an event when observed.
		e := 1
		for ; ; e++ {
			sm := a.Add(e * g)
			if opts.Reactivation == ReactivationFillsGaps && sm.After(lastPaid) || opts.Reactivation != ReactivationFillsGaps && !sm.Before(firstGap) {
				break
			}
		}
		if len(res.ends[key]) < last+1 {
			res.ends[key] = append(res.ends[key], make([]int64, last+1-len(res.ends[key]))...)
			res.censored[key] = append(res.censored[key], make([]int64, last+1-len(res.censored[key]))...)
		}
		if e <= last {
			res.ends[key][e]++
		} else {
			res.censored[key][last]++
		}
	}
	money := func(d decimal.Decimal) metrics.Money {
		m, err := metrics.NewMoney(d, opts.Currency)
		if err != nil {
			panic(err)
		}
		return m
	}
	for key, byPeriod := range cells {
		for _, c := range byPeriod {
			c.cell.Size = sizes[key]
			c.cell.Partial = c.cell.Observed < c.cell.Size || opts.PartialLast && c.atThrough
			c.cell.MRR, c.cell.BaseMRR, c.cell.CappedMRR, c.cell.PrevMRR = money(c.mrr), money(c.base), money(c.capped), money(c.prevMRR)
			c.cell.Expansion, c.cell.Contraction, c.cell.Churn, c.cell.Reactivation = money(c.exp), money(c.contr), money(c.churn), money(c.react)
			c.cell.Revenue = money(c.rev)
			res.cells = append(res.cells, c.cell)
		}
	}
	slices.SortFunc(res.cells, func(x, y Cell) int {
		if c := compareKeys(x.Cohort, y.Cohort); c != 0 {
			return c
		}
		return x.Period - y.Period
	})
	return res
}
