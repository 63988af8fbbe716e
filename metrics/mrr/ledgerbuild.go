package mrr

// The ledger's streaming build: one customer at a time, months in order.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
	"github.com/shopspring/decimal"
)

// rateKey caches one (currency, month) rate.
type rateKey struct {
	cur string
	m   metrics.Month
}

// native is one currency's native MRR of a customer in a month.
type native struct {
	cur string
	amt decimal.Decimal
}

// builder is the state of a build: the ledger under construction, and the
// current customer's state (O(subscriptions of one month) memory).
type builder struct {
	l    *Ledger
	row  int64 // the 1-based position of the last item read from the source
	lax  bool
	fx   bool
	keep bool // KeepLog
	hot  bool // !fx && !keep: the hot path may take rows
	// throughN is Through's month number, or the largest one when Through is
	// zero; hotLast is the smaller of throughN and the span's last month.
	throughN, hotLast int32
	rates             map[rateKey]decimal.Decimal

	// the current customer and month being accumulated
	has  bool
	cust string
	// streak: with b.hot, the current month's amount is positive in fixed
	// point and the month either continues an open paying stint (lastPaid =
	// month−1, prevAmt positive in fixed point) or is the customer's first
	// paid month; the next month's row may then take the hot path.
	streak bool
	month  metrics.Month
	amt    fixed.Amount // the month's sum (without Rates)
	nat    []native     // the month's native sums per currency (with Rates)
	subs   []string     // subscriptions seen in the month

	// the current customer's history
	everPaid   bool
	open       bool // paying in lastPaid, stint not yet closed
	paidMonths int
	stintStart metrics.Month
	lastPaid   metrics.Month
	prevAmt    fixed.Amount // converted MRR in lastPaid
	prevNat    []native     // native MRR in lastPaid (with Rates)
}

// newBuilder validates opts and starts a build.
func newBuilder(opts Options) (*builder, error) {
	cur, err := checkOptions(opts)
	if err != nil {
		return nil, err
	}
	b := &builder{
		l:    &Ledger{opts: opts, cur: cur, stints: make(map[[2]int32]int64), returns: make(map[[3]int32]int64)},
		lax:  opts.Lenient,
		fx:   opts.Rates != nil,
		keep: opts.KeepLog,
		hot:  opts.Rates == nil && !opts.KeepLog,
	}
	b.throughN = math.MaxInt32
	if !opts.Through.IsZero() {
		b.throughN = opts.Through.Index()
	}
	if b.fx {
		b.rates = make(map[rateKey]decimal.Decimal)
	}
	return b, nil
}

// rowErr builds the *metrics.RowError of row r at 1-based position i.
func rowErr(r *Row, i int64, field string, err error) *metrics.RowError {
	re := &metrics.RowError{Record: i, Entity: "customer", ID: r.Customer, Month: r.Month, Field: field, Err: err}
	if r.Subscription != "" {
		re.Detail = "subscription " + strconv.Quote(r.Subscription)
	}
	return re
}

// reject records a lenient rejection.
func (b *builder) reject(err error) {
	if re, ok := err.(*metrics.RowError); ok {
		b.l.rejected = append(b.l.rejected, *re)
	}
}

// sourceErr handles an error the row source yielded (or a row check found)
// for item b.row: a *metrics.RowError is numbered (when it is not yet) and,
// in lenient mode, listed, so the build goes on (nil); in strict mode it is
// returned, as is any other error, which stops the build.
func (b *builder) sourceErr(err error) error {
	re, ok := err.(*metrics.RowError)
	if !ok {
		return err
	}
	if re.Record == 0 {
		c := *re
		c.Record = b.row
		re = &c
	}
	if !b.lax {
		return re
	}
	b.l.rejected = append(b.l.rejected, *re)
	return nil
}

// check validates one row's fields (not its order or uniqueness) and
// returns its amount on the fixed-point path (meaningful without Rates), or a
// *RowError. The common row — reporting currency, an amount that fits —
// takes the first branch and allocates nothing.
func (b *builder) check(r *Row, i int64) (fixed.Amount, error) {
	through := b.l.opts.Through
	if r.Customer != "" && !r.Month.IsZero() && r.MRR.Currency() == b.l.cur && (through.IsZero() || !r.Month.After(through)) {
		if p, ok := r.MRR.Minor(fixed.Scale); ok && p >= 0 {
			return fixed.Amount{I: p}, nil
		}
	}
	if err := b.checkSlow(r, i); err != nil {
		return fixed.Amount{}, err
	}
	return amountOf(&r.MRR), nil
}

// amountOf returns a Money's amount as a fixed.Amount: pico units when it is
// held inline, else its decimal.
func amountOf(m *metrics.Money) fixed.Amount {
	if p, ok := m.Minor(fixed.Scale); ok {
		return fixed.Amount{I: p}
	}
	return fixed.Amount{D: m.Amount(), Big: true}
}

// checkSlow is check's full list of rules.
func (b *builder) checkSlow(r *Row, i int64) error {
	through := b.l.opts.Through
	switch {
	case r.Customer == "":
		return rowErr(r, i, "customer", metrics.ErrMissing)
	case r.Month.IsZero():
		return rowErr(r, i, "month", metrics.ErrInvalid)
	case !through.IsZero() && r.Month.After(through):
		return rowErr(r, i, "month", fmt.Errorf("%w: after Through %s", metrics.ErrOutOfRange, through))
	case r.MRR.Currency() == "":
		return rowErr(r, i, "currency", metrics.ErrMissing)
	case r.MRR.Sign() < 0:
		return rowErr(r, i, "mrr", metrics.ErrNegative)
	}
	if e := r.MRR.Amount().Exponent(); e > metrics.MaxScale || e < -metrics.MaxScale { // inline amounts have 12 places
		return rowErr(r, i, "mrr", fmt.Errorf("%w: exponent beyond ±%d", metrics.ErrOutOfRange, metrics.MaxScale))
	}
	if r.MRR.Currency() != b.l.cur {
		if !b.fx {
			return rowErr(r, i, "currency", fmt.Errorf("%w (reporting in %s without Rates)", &metrics.MismatchError{A: b.l.cur, B: r.MRR.Currency()}, b.l.cur))
		}
		if _, err := b.rate(r.MRR.Currency(), r.Month); err != nil {
			return rowErr(r, i, "currency", err)
		}
	}
	return nil
}

// rate returns the (cached) rate of cur in month m; 1 for the reporting
// currency.
func (b *builder) rate(cur string, m metrics.Month) (decimal.Decimal, error) {
	if cur == b.l.cur {
		return decimal.New(1, 0), nil
	}
	k := rateKey{cur, m}
	if r, ok := b.rates[k]; ok {
		return r, nil
	}
	r, err := b.l.opts.Rates(cur, m)
	switch {
	case err != nil:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s: %w", cur, m, err)
	case r.Exponent() > metrics.MaxScale || r.Exponent() < -metrics.MaxScale:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s: exponent beyond ±%d: %w", cur, m, metrics.MaxScale, metrics.ErrOutOfRange)
	case r.Sign() <= 0:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s is not positive: %w", cur, m, metrics.ErrOutOfRange)
	}
	b.rates[k] = r
	return r, nil
}

// ensure extends the span to hold m.
func (b *builder) ensure(m metrics.Month) {
	l := b.l
	if !l.first.IsZero() && !m.Before(l.first) && !m.After(l.last) {
		return
	}
	switch {
	case l.first.IsZero():
		l.first, l.last = m, m
		l.months = append(l.months[:0], monthAgg{})
	case m.Before(l.first):
		grown := make([]monthAgg, l.last.Sub(m)+1)
		copy(grown[l.first.Sub(m):], l.months)
		l.months, l.first = grown, m
	case m.After(l.last):
		for l.last.Before(m) {
			l.months = append(l.months, monthAgg{})
			l.last = l.last.Add(1)
		}
	}
	b.hotLast = min(b.throughN, l.last.Index())
}

// agg returns month m's aggregates (m must be within the span).
func (b *builder) agg(m metrics.Month) *monthAgg { return &b.l.months[m.Sub(b.l.first)] }

// push adds a checked row. It returns an error that stops the build: input
// out of order, or a duplicate in strict mode.
func (b *builder) push(r *Row, i int64, f fixed.Amount) error {
	if b.has && r.Customer == b.cust && r.Month.After(b.month) { // the common case: next month
		if err := b.closeMonth(); err != nil {
			return err
		}
		b.month = r.Month
		b.ensure(r.Month)
		b.subs = append(b.subs[:0], r.Subscription)
		if !b.fx && !f.Big {
			b.amt = fixed.Amount{I: f.I}
			return nil
		}
		b.amt = fixed.Amount{}
		b.nat = b.nat[:0]
		b.addAmount(r, f)
		return nil
	}
	if b.has {
		c := strings.Compare(r.Customer, b.cust)
		if c < 0 || (c == 0 && r.Month.Before(b.month)) {
			return rowErr(r, i, "order", fmt.Errorf("%w: rows must be sorted by customer then month (after customer %q, month %s)", metrics.ErrInvalid, b.cust, b.month))
		}
		if c > 0 {
			if err := b.closeMonth(); err != nil {
				return err
			}
			b.closeCustomer()
		} else if r.Month != b.month {
			if err := b.closeMonth(); err != nil {
				return err
			}
		} else {
			for _, s := range b.subs {
				if s == r.Subscription {
					err := rowErr(r, i, "subscription", fmt.Errorf("%w: customer, subscription and month repeated", metrics.ErrDuplicate))
					if !b.lax {
						return err
					}
					b.reject(err)
					return nil
				}
			}
			b.subs = append(b.subs, r.Subscription)
			b.addAmount(r, f)
			return nil
		}
	}
	if !b.has || r.Customer != b.cust {
		b.startCustomer(r.Customer)
	}
	b.ensure(r.Month)
	b.month = r.Month
	b.amt = fixed.Amount{}
	b.nat = b.nat[:0]
	b.subs = append(b.subs[:0], r.Subscription)
	b.addAmount(r, f)
	return nil
}

// hotOK reports whether row r may take the hot path: the streak holds, and r
// is the same customer's next month, within the span and Through, in the
// reporting currency, with a positive inline amount.
func (b *builder) hotOK(r *Row) bool {
	p, inline := r.MRR.Minor(fixed.Scale)
	return b.streak && inline && p > 0 && r.Month.Index() == b.month.Index()+1 && r.Month.Index() <= b.hotLast &&
		sameCode(r.MRR.Currency(), b.l.cur) && r.Customer == b.cust
}

// hotAdvance takes a row that hotOK admitted (the same customer's next
// month): it closes the current month and starts the row's month. The
// streak continues: the closed month is now lastPaid, and both amounts are
// positive in fixed point.
func (b *builder) hotAdvance(r *Row) {
	b.hotClose()
	b.month = r.Month
	b.subs = append(b.subs[:0], r.Subscription)
	b.amt.I, _ = r.MRR.Minor(fixed.Scale)
	b.row++
}

// hotSwitchOK reports whether row r may take the hot path to a new
// customer: the streak holds, r's customer sorts after the current one, and
// r's month is within the span and Through, in the reporting currency, with
// a positive inline amount. (hotOK has failed, so r is not the current
// customer's next month.)
func (b *builder) hotSwitchOK(r *Row) bool {
	p, inline := r.MRR.Minor(fixed.Scale)
	return b.streak && inline && p > 0 && r.Month.Index() >= b.l.first.Index() && r.Month.Index() <= b.hotLast &&
		sameCode(r.MRR.Currency(), b.l.cur) && r.Customer > b.cust
}

// hotSwitch takes a row that hotSwitchOK admitted: it closes the current
// month, ends the current customer (its stint is open: closeStint) and
// starts r's customer with r's month as its first paid month, which keeps
// the streak.
func (b *builder) hotSwitch(r *Row) {
	b.hotClose()
	b.closeStint()
	b.startCustomer(r.Customer)
	b.month = r.Month
	b.subs = append(b.subs[:0], r.Subscription)
	p, _ := r.MRR.Minor(fixed.Scale)
	b.amt = fixed.Amount{I: p}
	b.row++
}

// hotClose closes the current month of a streak: closeMonth's classification
// for the two streak states, without its tests. The month becomes lastPaid
// of an open stint.
func (b *builder) hotClose() {
	amt := b.amt.I
	a := &b.l.months[b.month.Index()-b.l.first.Index()]
	a.mrr.AddPico(amt)
	a.active++
	if b.open { // paying in month−1 and month
		switch d := amt - b.prevAmt.I; { // both positive: cannot overflow
		case d > 0:
			a.exp.AddPico(d)
			a.expN++
		case d < 0:
			a.contr.AddPico(-d)
			a.contrN++
		default:
			a.retN++
		}
	} else { // the customer's first paid month
		a.newAmt.AddPico(amt)
		a.newN++
		a.firstN++
		b.stintStart = b.month
		b.everPaid, b.open = true, true
	}
	b.paidMonths++
	b.lastPaid = b.month
	b.prevAmt.I = amt
}

// take is the general path of one row: check it, add it (or, in lenient
// mode, record its rejection) and recompute the streak. It returns an error
// that stops the build.
func (b *builder) take(r Row) error {
	b.row++
	i := b.row
	if f, err := b.check(&r, i); err != nil {
		if !b.lax {
			return err
		}
		b.reject(err)
	} else if err := b.push(&r, i, f); err != nil {
		return err
	}
	b.setStreak()
	return nil
}

// setStreak recomputes b.streak after a row taken by the general path.
func (b *builder) setStreak() {
	b.streak = b.hot && b.has && !b.amt.Big && b.amt.I > 0 &&
		((b.open && !b.prevAmt.Big && b.prevAmt.I > 0 && b.lastPaid.Index() == b.month.Index()-1) || (!b.open && !b.everPaid))
}

// sameCode reports whether a and b are the same three-byte currency code,
// without a call.
func sameCode(a, b string) bool {
	return len(a) == 3 && len(b) == 3 && a[0] == b[0] && a[1] == b[1] && a[2] == b[2]
}

// startCustomer resets the customer state.
func (b *builder) startCustomer(c string) {
	b.has, b.cust = true, c
	b.everPaid, b.open, b.paidMonths = false, false, 0
	b.stintStart, b.lastPaid = metrics.Month{}, metrics.Month{}
	b.prevAmt = fixed.Amount{}
	b.prevNat = b.prevNat[:0]
}

// addAmount adds a row's MRR to the current month.
func (b *builder) addAmount(r *Row, f fixed.Amount) {
	if !b.fx {
		if !b.amt.Big && !f.Big && b.amt.I == 0 {
			b.amt.I = f.I
			return
		}
		b.amt = b.amt.Add(f)
		return
	}
	cur := r.MRR.Currency()
	for k := range b.nat {
		if b.nat[k].cur == cur {
			b.nat[k].amt = b.nat[k].amt.Add(r.MRR.Amount())
			return
		}
	}
	b.nat = append(b.nat, native{cur, r.MRR.Amount()})
}

// logMove appends to the movement log (callers check b.keep first, so the
// hot path does not pay for the call).
func (b *builder) logMove(m metrics.Month, kind MovementKind, from, to, amount fixed.Amount) {
	l := b.l
	b.l.log = append(b.l.log, Movement{Customer: b.cust, Month: m, Kind: kind, From: l.amount(from), To: l.amount(to), Amount: l.amount(amount)})
}

// closeStint ends the open paying stint at lastPaid: its churn is deferred to
// lastPaid+1 (counted only if that month is within the span).
func (b *builder) closeStint() {
	a := b.agg(b.lastPaid)
	a.churnLast.Add(&b.prevAmt)
	a.churnLastN++
	b.l.stints[[2]int32{b.stintStart.Index(), b.lastPaid.Index()}]++
	if b.keep {
		b.logMove(b.lastPaid.Add(1), MovementChurn, b.prevAmt, fixed.Amount{}, b.prevAmt)
	}
	b.open = false
}

// closeCustomer ends the current customer.
func (b *builder) closeCustomer() {
	if b.open {
		b.closeStint()
	}
}

// closeMonth classifies the current customer's current month.
func (b *builder) closeMonth() error {
	// Fast path: a customer paying in consecutive months, amounts on the
	// fixed-point path, no Rates, no log: integer arithmetic only.
	if !b.fx && !b.keep && b.open && !b.amt.Big && !b.prevAmt.Big && b.amt.I > 0 && b.lastPaid.Index() == b.month.Index()-1 {
		if d, ok := fixed.SubCheck(b.amt.I, b.prevAmt.I); ok {
			a := &b.l.months[b.month.Index()-b.l.first.Index()]
			a.mrr.AddPico(b.amt.I)
			a.active++
			switch {
			case d > 0:
				a.exp.AddPico(d)
				a.expN++
			case d < 0:
				a.contr.AddPico(-d) // d > −MaxInt64: both amounts are positive
				a.contrN++
			default:
				a.retN++
			}
			b.paidMonths++
			b.lastPaid = b.month
			b.prevAmt.I = b.amt.I
			return nil
		}
	}
	m := b.month
	amt := b.amt
	if b.fx {
		sum := decimal.Decimal{}
		for _, n := range b.nat {
			r, err := b.rate(n.cur, m)
			if err != nil {
				return &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: m, Field: "currency", Err: err}
			}
			sum = sum.Add(n.amt.Mul(r))
		}
		amt = fixed.Of(sum)
	}
	if b.open && (amt.Sign() == 0 || b.lastPaid.Index() < m.Index()-1) {
		b.closeStint()
	}
	if amt.Sign() == 0 {
		return nil
	}
	a := b.agg(m)
	a.mrr.Add(&amt)
	a.active++
	zero := fixed.Amount{}
	switch {
	case b.open: // paying in m−1 and m
		var fx, delta fixed.Amount
		if !b.fx {
			delta = amt.Sub(b.prevAmt)
		} else {
			var err error
			if fx, delta, err = b.split(m, amt); err != nil {
				return err
			}
		}
		if fx.Sign() != 0 {
			a.fx.Add(&fx)
			if b.keep {
				b.logMove(m, MovementFX, b.prevAmt, amt, fx)
			}
		}
		switch delta.Sign() {
		case 1:
			a.exp.Add(&delta)
			a.expN++
			if b.keep {
				b.logMove(m, MovementExpansion, b.prevAmt, amt, delta)
			}
		case -1:
			neg := delta.Neg()
			a.contr.Add(&neg)
			a.contrN++
			if b.keep {
				b.logMove(m, MovementContraction, b.prevAmt, amt, neg)
			}
		default:
			a.retN++
			if b.keep {
				b.logMove(m, MovementRetained, b.prevAmt, amt, zero)
			}
		}
	case !b.everPaid:
		a.newAmt.Add(&amt)
		a.newN++
		a.firstN++
		if b.keep {
			b.logMove(m, MovementNew, zero, amt, amt)
		}
		b.stintStart = m
	default: // returning after at least one month at zero
		c := b.l.opts.Conventions
		gap := m.Sub(b.lastPaid) - 1
		if (c.ReactivationWindowMonths > 0 && gap > c.ReactivationWindowMonths) ||
			(c.MinHistoryMonths > 0 && b.paidMonths < c.MinHistoryMonths) {
			a.newAmt.Add(&amt)
			a.newN++
			if b.keep {
				b.logMove(m, MovementNew, zero, amt, amt)
			}
		} else {
			a.react.Add(&amt)
			a.reactN++
			b.l.returns[[3]int32{b.stintStart.Index(), b.lastPaid.Index() + 1, m.Index()}]++
			if b.keep {
				b.logMove(m, MovementReactivation, zero, amt, amt)
			}
		}
		b.stintStart = m
	}
	b.everPaid, b.open = true, true
	b.paidMonths++
	b.lastPaid = m
	b.prevAmt = amt
	if b.fx {
		b.prevNat = append(b.prevNat[:0], b.nat...)
	}
	return nil
}

// split returns the FX part and the rest (expansion when positive,
// contraction when negative) of a paying customer's change from lastPaid
// (= m−1) to m. Without Rates there is no FX. With Rates, per currency c:
//
//	FX = prev_c × (rate_m − rate_prev)   rest = (now_c − prev_c) × rate_m
func (b *builder) split(m metrics.Month, amt fixed.Amount) (fx, rest fixed.Amount, err error) {
	if !b.fx {
		return fixed.Amount{}, amt.Sub(b.prevAmt), nil
	}
	var fxd, restd decimal.Decimal
	for _, p := range b.prevNat {
		rNow, err := b.rate(p.cur, m)
		if err != nil {
			return fx, rest, &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: m, Field: "currency", Err: err}
		}
		rPrev, err := b.rate(p.cur, b.lastPaid)
		if err != nil {
			return fx, rest, &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: b.lastPaid, Field: "currency", Err: err}
		}
		fxd = fxd.Add(p.amt.Mul(rNow.Sub(rPrev)))
		now := decimal.Decimal{}
		for _, n := range b.nat {
			if n.cur == p.cur {
				now = n.amt
			}
		}
		restd = restd.Add(now.Sub(p.amt).Mul(rNow))
	}
	for _, n := range b.nat {
		held := false
		for _, p := range b.prevNat {
			held = held || p.cur == n.cur
		}
		if !held {
			rNow, _ := b.rate(n.cur, m) // fetched by closeMonth
			restd = restd.Add(n.amt.Mul(rNow))
		}
	}
	return fixed.Of(fxd), fixed.Of(restd), nil
}

// finish closes the last customer, extends the span to Through and computes
// the summaries.
func (b *builder) finish() (*Ledger, error) {
	if b.has {
		if err := b.closeMonth(); err != nil {
			return nil, err
		}
		b.closeCustomer()
		b.has = false
	}
	if t := b.l.opts.Through; !t.IsZero() && !b.l.first.IsZero() {
		b.ensure(t)
	}
	slices.SortStableFunc(b.l.rejected, func(x, y metrics.RowError) int { return cmp.Compare(x.Record, y.Record) })
	b.l.summarize()
	return b.l, nil
}
