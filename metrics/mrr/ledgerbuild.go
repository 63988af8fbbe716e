package metrics

// The ledger's streaming build: one customer at a time, months in order.

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
)

// ledgerRateKey caches one (currency, month) rate.
type ledgerRateKey struct {
	cur string
	m   Month
}

// ledgerNative is one currency's native MRR of a customer in a month.
type ledgerNative struct {
	cur string
	amt decimal.Decimal
}

// ledgerBuilder is the state of a build: the ledger under construction, and
// the current customer's state (O(subscriptions of one month) memory).
type ledgerBuilder struct {
	l    *Ledger
	row  int64 // the next row's position in the input
	lax  bool
	fx   bool
	keep bool // KeepLog
	hot  bool // !fx && !keep: the hot path may take rows
	// throughN is Through's month number, or the largest one when Through is
	// zero; hotLast is the smaller of throughN and the span's last month.
	throughN, hotLast int32
	rates             map[ledgerRateKey]decimal.Decimal

	// the current customer and month being accumulated
	has  bool
	cust string
	// streak: with b.hot, the current month's amount is positive in fixed
	// point and the month either continues an open paying stint (lastPaid =
	// month−1, prevAmt positive in fixed point) or is the customer's first
	// paid month; the next month's row may then take the hot path.
	streak bool
	month  Month
	amt    ledgerFixed    // the month's sum (without Rates)
	nat    []ledgerNative // the month's native sums per currency (with Rates)
	subs   []string       // subscriptions seen in the month

	// the current customer's history
	everPaid   bool
	open       bool // paying in lastPaid, stint not yet closed
	paidMonths int
	stintStart Month
	lastPaid   Month
	prevAmt    ledgerFixed    // converted MRR in lastPaid
	prevNat    []ledgerNative // native MRR in lastPaid (with Rates)
}

// newLedgerBuilder validates opts and starts a build.
func newLedgerBuilder(opts LedgerOptions) (*ledgerBuilder, error) {
	cur, err := ledgerCheckOptions(opts)
	if err != nil {
		return nil, err
	}
	b := &ledgerBuilder{
		l:    &Ledger{opts: opts, cur: cur, stints: make(map[[2]int32]int64), returns: make(map[[3]int32]int64)},
		lax:  opts.Lenient,
		fx:   opts.Rates != nil,
		keep: opts.KeepLog,
		hot:  opts.Rates == nil && !opts.KeepLog,
	}
	b.throughN = math.MaxInt32
	if !opts.Through.IsZero() {
		b.throughN = opts.Through.n
	}
	if b.fx {
		b.rates = make(map[ledgerRateKey]decimal.Decimal)
	}
	return b, nil
}

// rowErr builds the *RowError of row r at position i.
func ledgerRowErr(r *MRRRow, i int64, field string, err error) *RowError {
	return &RowError{Row: i, Customer: r.Customer, Subscription: r.Subscription, Month: r.Month, Field: field, Err: err}
}

// reject records a lenient rejection.
func (b *ledgerBuilder) reject(err error) {
	if re, ok := err.(*RowError); ok {
		b.l.rejected = append(b.l.rejected, *re)
	}
}

// check validates one row's fields (not its order or uniqueness) and
// returns its amount on the fixed-point path (meaningful without Rates), or a
// *RowError. The common row — reporting currency, an amount that fits —
// takes the first branch and allocates nothing.
func (b *ledgerBuilder) check(r *MRRRow, i int64) (ledgerFixed, error) {
	through := b.l.opts.Through
	if r.Customer != "" && !r.Month.IsZero() && r.MRR.currency == b.l.cur && (through.IsZero() || !r.Month.After(through)) {
		if r.MRR.big == nil && r.MRR.pico >= 0 {
			return ledgerFixed{i: r.MRR.pico}, nil
		}
	}
	if err := b.checkSlow(r, i); err != nil {
		return ledgerFixed{}, err
	}
	return ledgerMoneyFixed(&r.MRR), nil
}

// checkSlow is check's full list of rules.
func (b *ledgerBuilder) checkSlow(r *MRRRow, i int64) error {
	through := b.l.opts.Through
	switch {
	case r.Customer == "":
		return ledgerRowErr(r, i, "customer", ErrMissing)
	case r.Month.IsZero():
		return ledgerRowErr(r, i, "month", ErrInvalid)
	case !through.IsZero() && r.Month.After(through):
		return ledgerRowErr(r, i, "month", fmt.Errorf("%w: after Through %s", ErrOutOfRange, through))
	case r.MRR.currency == "":
		return ledgerRowErr(r, i, "currency", ErrMissing)
	case !validCurrency(r.MRR.currency):
		return ledgerRowErr(r, i, "currency", fmt.Errorf("%w: %q", ErrInvalid, r.MRR.currency))
	case r.MRR.Sign() < 0:
		return ledgerRowErr(r, i, "mrr", ErrNegative)
	case r.MRR.big != nil && (r.MRR.big.Exponent() > MaxScale || r.MRR.big.Exponent() < -MaxScale): // inline amounts have 12 places
		return ledgerRowErr(r, i, "mrr", fmt.Errorf("%w: exponent beyond ±%d", ErrOutOfRange, MaxScale))
	}
	if r.MRR.currency != b.l.cur && !strings.EqualFold(r.MRR.currency, b.l.cur) {
		if !b.fx {
			return ledgerRowErr(r, i, "currency", fmt.Errorf("%w: %s, reporting in %s without Rates", ErrCurrencyMismatch, r.MRR.currency, b.l.cur))
		}
		if _, err := b.rate(strings.ToUpper(r.MRR.currency), r.Month); err != nil {
			return ledgerRowErr(r, i, "currency", err)
		}
	}
	return nil
}

// rate returns the (cached) rate of cur in month m; 1 for the reporting
// currency.
func (b *ledgerBuilder) rate(cur string, m Month) (decimal.Decimal, error) {
	if cur == b.l.cur {
		return decimal.New(1, 0), nil
	}
	k := ledgerRateKey{cur, m}
	if r, ok := b.rates[k]; ok {
		return r, nil
	}
	r, err := b.l.opts.Rates(cur, m)
	switch {
	case err != nil:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s: %w", cur, m, err)
	case r.Sign() <= 0:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s = %s: %w", cur, m, formatDecimal(r, 0), ErrOutOfRange)
	case r.Exponent() > MaxScale || r.Exponent() < -MaxScale:
		return decimal.Decimal{}, fmt.Errorf("rate %s %s: exponent beyond ±%d: %w", cur, m, MaxScale, ErrOutOfRange)
	}
	b.rates[k] = r
	return r, nil
}

// ensure extends the span to hold m.
func (b *ledgerBuilder) ensure(m Month) {
	l := b.l
	if !l.first.IsZero() && m.n >= l.first.n && m.n <= l.last.n {
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
	b.hotLast = min(b.throughN, l.last.n)
}

// agg returns month m's aggregates (m must be within the span).
func (b *ledgerBuilder) agg(m Month) *monthAgg { return &b.l.months[m.Sub(b.l.first)] }

// push adds a checked row. It returns an error that stops the build: input
// out of order, or a duplicate in strict mode.
func (b *ledgerBuilder) push(r *MRRRow, i int64, f ledgerFixed) error {
	if b.has && r.Customer == b.cust && r.Month.After(b.month) { // the common case: next month
		if err := b.closeMonth(); err != nil {
			return err
		}
		b.month = r.Month
		b.ensure(r.Month)
		b.subs = append(b.subs[:0], r.Subscription)
		if !b.fx && !f.big {
			b.amt = ledgerFixed{i: f.i}
			return nil
		}
		b.amt = ledgerFixed{}
		b.nat = b.nat[:0]
		b.addAmount(r, f)
		return nil
	}
	if b.has {
		c := strings.Compare(r.Customer, b.cust)
		if c < 0 || (c == 0 && r.Month.Before(b.month)) {
			return ledgerRowErr(r, i, "order", fmt.Errorf("%w: rows must be sorted by customer then month (after customer %q, month %s)", ErrInvalid, b.cust, b.month))
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
					err := ledgerRowErr(r, i, "subscription", fmt.Errorf("%w: customer, subscription and month repeated", ErrDuplicate))
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
	b.amt = ledgerFixed{}
	b.nat = b.nat[:0]
	b.subs = append(b.subs[:0], r.Subscription)
	b.addAmount(r, f)
	return nil
}

// hotOK reports whether row r may take the hot path: the streak holds, and r
// is the same customer's next month, within the span and Through, in the
// reporting currency, with a positive inline amount.
func (b *ledgerBuilder) hotOK(r *MRRRow) bool {
	return b.streak && r.Month.n == b.month.n+1 && r.Month.n <= b.hotLast && r.MRR.pico > 0 && // pico > 0: inline (see Money)
		sameCode(r.MRR.currency, b.l.cur) && r.Customer == b.cust
}

// hotAdvance takes a row that hotOK admitted (the same customer's next
// month): it closes the current month and starts the row's month. The
// streak continues: the closed month is now lastPaid, and both amounts are
// positive in fixed point.
func (b *ledgerBuilder) hotAdvance(m Month, sub string, pico int64) {
	b.hotClose()
	b.month = m
	b.subs = append(b.subs[:0], sub)
	b.amt.i = pico
	b.row++
}

// hotSwitchOK reports whether row r may take the hot path to a new
// customer: the streak holds, r's customer sorts after the current one, and
// r's month is within the span and Through, in the reporting currency, with
// a positive inline amount. (hotOK has failed, so r is not the current
// customer's next month.)
func (b *ledgerBuilder) hotSwitchOK(r *MRRRow) bool {
	return b.streak && r.Month.n >= b.l.first.n && r.Month.n <= b.hotLast && r.MRR.pico > 0 &&
		sameCode(r.MRR.currency, b.l.cur) && r.Customer > b.cust
}

// hotSwitch takes a row that hotSwitchOK admitted: it closes the current
// month, ends the current customer (its stint is open: closeStint) and
// starts r's customer with r's month as its first paid month, which keeps
// the streak.
func (b *ledgerBuilder) hotSwitch(r *MRRRow) {
	b.hotClose()
	b.closeStint()
	b.startCustomer(r.Customer)
	b.month = r.Month
	b.subs = append(b.subs[:0], r.Subscription)
	b.amt = ledgerFixed{i: r.MRR.pico}
	b.row++
}

// hotClose closes the current month of a streak: closeMonth's classification
// for the two streak states, without its tests. The month becomes lastPaid
// of an open stint.
func (b *ledgerBuilder) hotClose() {
	amt := b.amt.i
	a := &b.l.months[b.month.n-b.l.first.n]
	a.mrr.addInt(amt)
	a.active++
	if b.open { // paying in month−1 and month
		switch d := amt - b.prevAmt.i; { // both positive: cannot overflow
		case d > 0:
			a.exp.addInt(d)
			a.expN++
		case d < 0:
			a.contr.addInt(-d)
			a.contrN++
		default:
			a.retN++
		}
	} else { // the customer's first paid month
		a.newAmt.addInt(amt)
		a.newN++
		a.firstN++
		b.stintStart = b.month
		b.everPaid, b.open = true, true
	}
	b.paidMonths++
	b.lastPaid = b.month
	b.prevAmt.i = amt
}

// take is the general path of one row: check it, add it (or, in lenient
// mode, record its rejection) and recompute the streak. It returns an error
// that stops the build.
func (b *ledgerBuilder) take(r MRRRow) error {
	i := b.row
	b.row++
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
func (b *ledgerBuilder) setStreak() {
	b.streak = b.hot && b.has && !b.amt.big && b.amt.i > 0 &&
		((b.open && !b.prevAmt.big && b.prevAmt.i > 0 && b.lastPaid.n == b.month.n-1) || (!b.open && !b.everPaid))
}

// sameCode reports whether a and b are the same three-byte currency code,
// without a call.
func sameCode(a, b string) bool {
	return len(a) == 3 && len(b) == 3 && a[0] == b[0] && a[1] == b[1] && a[2] == b[2]
}

// startCustomer resets the customer state.
func (b *ledgerBuilder) startCustomer(c string) {
	b.has, b.cust = true, c
	b.everPaid, b.open, b.paidMonths = false, false, 0
	b.stintStart, b.lastPaid = Month{}, Month{}
	b.prevAmt = ledgerFixed{}
	b.prevNat = b.prevNat[:0]
}

// addAmount adds a row's MRR to the current month.
func (b *ledgerBuilder) addAmount(r *MRRRow, f ledgerFixed) {
	if !b.fx {
		if !b.amt.big && !f.big && b.amt.i == 0 {
			b.amt.i = f.i
			return
		}
		b.amt = b.amt.add(f)
		return
	}
	cur := strings.ToUpper(r.MRR.currency)
	for k := range b.nat {
		if b.nat[k].cur == cur {
			b.nat[k].amt = b.nat[k].amt.Add(r.MRR.dec())
			return
		}
	}
	b.nat = append(b.nat, ledgerNative{cur, r.MRR.dec()})
}

// money wraps an exact amount in the reporting currency.
func (b *ledgerBuilder) money(f ledgerFixed) Money {
	if !f.big {
		return Money{pico: f.i, currency: b.l.cur}
	}
	return moneyOf(f.d, b.l.cur)
}

// logMove appends to the movement log (callers check b.keep first, so the
// hot path does not pay for the call).
func (b *ledgerBuilder) logMove(m Month, kind MovementKind, from, to, amount ledgerFixed) {
	b.l.log = append(b.l.log, Movement{Customer: b.cust, Month: m, Kind: kind, From: b.money(from), To: b.money(to), Amount: b.money(amount)})
}

// closeStint ends the open paying stint at lastPaid: its churn is deferred to
// lastPaid+1 (counted only if that month is within the span).
func (b *ledgerBuilder) closeStint() {
	a := b.agg(b.lastPaid)
	a.churnLast.addFixed(&b.prevAmt)
	a.churnLastN++
	b.l.stints[[2]int32{b.stintStart.n, b.lastPaid.n}]++
	if b.keep {
		b.logMove(b.lastPaid.Add(1), MovementChurn, b.prevAmt, ledgerFixed{}, b.prevAmt)
	}
	b.open = false
}

// closeCustomer ends the current customer.
func (b *ledgerBuilder) closeCustomer() {
	if b.open {
		b.closeStint()
	}
}

// closeMonth classifies the current customer's current month.
func (b *ledgerBuilder) closeMonth() error {
	// Fast path: a customer paying in consecutive months, amounts on the
	// fixed-point path, no Rates, no log: integer arithmetic only.
	if !b.fx && !b.keep && b.open && !b.amt.big && !b.prevAmt.big && b.amt.i > 0 && b.lastPaid.n == b.month.n-1 {
		if d, ok := ledgerSubInt(b.amt.i, b.prevAmt.i); ok {
			a := &b.l.months[b.month.n-b.l.first.n]
			a.mrr.addInt(b.amt.i)
			a.active++
			switch {
			case d > 0:
				a.exp.addInt(d)
				a.expN++
			case d < 0:
				a.contr.addInt(-d) // d > −MaxInt64: both amounts are positive
				a.contrN++
			default:
				a.retN++
			}
			b.paidMonths++
			b.lastPaid = b.month
			b.prevAmt.i = b.amt.i
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
				return &RowError{Row: -1, Customer: b.cust, Month: m, Field: "currency", Err: err}
			}
			sum = sum.Add(n.amt.Mul(r))
		}
		amt = ledgerToFixed(sum)
	}
	if b.open && (amt.sign() == 0 || b.lastPaid.n < m.n-1) {
		b.closeStint()
	}
	if amt.sign() == 0 {
		return nil
	}
	a := b.agg(m)
	a.mrr.addFixed(&amt)
	a.active++
	zero := ledgerFixed{}
	switch {
	case b.open: // paying in m−1 and m
		var fx, delta ledgerFixed
		if !b.fx && !amt.big && !b.prevAmt.big {
			if d, ok := ledgerSubInt(amt.i, b.prevAmt.i); ok {
				delta.i = d
			} else {
				delta = amt.sub(b.prevAmt)
			}
		} else {
			var err error
			if fx, delta, err = b.split(m, amt); err != nil {
				return err
			}
		}
		if fx.sign() != 0 {
			a.fx.addFixed(&fx)
			if b.keep {
				b.logMove(m, MovementFX, b.prevAmt, amt, fx)
			}
		}
		switch delta.sign() {
		case 1:
			a.exp.addFixed(&delta)
			a.expN++
			if b.keep {
				b.logMove(m, MovementExpansion, b.prevAmt, amt, delta)
			}
		case -1:
			neg := delta.neg()
			a.contr.addFixed(&neg)
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
		a.newAmt.addFixed(&amt)
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
			a.newAmt.addFixed(&amt)
			a.newN++
			if b.keep {
				b.logMove(m, MovementNew, zero, amt, amt)
			}
		} else {
			a.react.addFixed(&amt)
			a.reactN++
			b.l.returns[[3]int32{b.stintStart.n, b.lastPaid.n + 1, m.n}]++
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
func (b *ledgerBuilder) split(m Month, amt ledgerFixed) (fx, rest ledgerFixed, err error) {
	if !b.fx {
		return ledgerFixed{}, amt.sub(b.prevAmt), nil
	}
	var fxd, restd decimal.Decimal
	for _, p := range b.prevNat {
		rNow, err := b.rate(p.cur, m)
		if err != nil {
			return fx, rest, &RowError{Row: -1, Customer: b.cust, Month: m, Field: "currency", Err: err}
		}
		rPrev, err := b.rate(p.cur, b.lastPaid)
		if err != nil {
			return fx, rest, &RowError{Row: -1, Customer: b.cust, Month: b.lastPaid, Field: "currency", Err: err}
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
	return ledgerToFixed(fxd), ledgerToFixed(restd), nil
}

// finish closes the last customer, extends the span to Through and computes
// the summaries.
func (b *ledgerBuilder) finish() (*Ledger, error) {
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
	b.l.summarize()
	return b.l, nil
}
