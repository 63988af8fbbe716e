package cohort

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// Build builds the cohort Table from customer-month MRR rows in any order.
// The rows follow mrr.Row's rules: a customer-month with no row is 0 MRR,
// rows of one (customer, month) with different Subscription IDs add up, a
// repeated (customer, subscription, month) is metrics.ErrDuplicate (lenient:
// the first in input order is kept), a zero-MRR row means "0 this month".
// A member joins its cohort in its first month of positive MRR; customers
// that never pay are in no cohort.
//
// Bad records are *metrics.RowError values naming the record's 1-based
// position, the customer, subscription, month and field: an empty Customer
// (metrics.ErrMissing, "customer"), a zero Month (metrics.ErrInvalid,
// "month"), a Month after Options.Through or more than MaxSpanMonths from
// the data (metrics.ErrOutOfRange, "month"), a negative MRR
// (metrics.ErrNegative, "mrr"), an amount with an exponent beyond ±1,000
// (metrics.ErrOutOfRange, "mrr"), an empty currency (metrics.ErrMissing,
// "currency"), another currency than Options.Currency (a
// *metrics.MismatchError, "currency"), a customer Options.Segment does not
// know (metrics.ErrMissing, "segment"). A source yields a bare
// *metrics.RowError for a record it can skip; any other error from the
// source ends the build. Strict builds return the first field error in
// input order, else the first duplicate or unknown key in customer order;
// Options.Lenient lists them in Table.Rejected and goes on. No rows at all,
// or no paid month, is metrics.ErrEmpty.
//
// Build keeps one compact, pointer-free record per row (about 40 bytes)
// and sorts them unless they come sorted; BuildSorted streams sorted rows in
// memory proportional to one customer and the cells.
func Build(rows iter.Seq2[mrr.Row, error], opts Options) (*Table, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	// One pointer-free record per row (the garbage collector need not scan
	// them): customer and subscription as indices into tables of their
	// names, the amount inline or as an index into the few that are not.
	type held struct {
		p         int64 // the amount in 10^-12 units, unless big ≥ 0
		rec       int64
		cust, sub int32
		month     metrics.Month
		big       int32 // index into bigs, or -1
	}
	const chunk = 1 << 16 // records grow by chunks: no copying as they grow
	var (
		chunks [][]held
		last   *held
		bigs   []amt
		names  []string
		subs   []string
		nameI  = map[string]int32{}
		subI   = map[string]int32{}
		lastC  = int32(-1)
	)
	intern := func(s string, tab *[]string, idx map[string]int32) int32 {
		i, ok := idx[s]
		if !ok {
			i = int32(len(*tab))
			idx[s] = i
			*tab = append(*tab, s)
		}
		return i
	}
	sorted := true // rows already in customer, month order need no sort
	for r, rerr := range rows {
		b.rows++
		v, err := b.check(&r, rerr)
		if err != nil {
			if err = b.bad(err); err != nil {
				return nil, err
			}
			continue
		}
		h := held{p: v.p, rec: b.rows, month: r.Month, big: -1}
		if lastC >= 0 && names[lastC] == r.Customer {
			h.cust = lastC
		} else {
			h.cust = intern(r.Customer, &names, nameI)
			lastC = h.cust
		}
		h.sub = intern(r.Subscription, &subs, subI)
		if v.d != nil {
			h.big = int32(len(bigs))
			bigs = append(bigs, v)
		}
		if q := last; sorted && q != nil {
			sorted = q.cust == h.cust && !h.month.Before(q.month) || q.cust != h.cust && names[q.cust] < r.Customer
		}
		if n := len(chunks); n == 0 || len(chunks[n-1]) == chunk {
			chunks = append(chunks, make([]held, 0, chunk))
		}
		c := &chunks[len(chunks)-1]
		*c = append(*c, h)
		last = &(*c)[len(*c)-1]
	}
	if !sorted {
		all := slices.Concat(chunks...)
		chunks = [][]held{all}
		// Customers by name: rank them once, then sort integers.
		order := make([]int32, len(names))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(x, y int32) int { return strings.Compare(names[x], names[y]) })
		rank := make([]int32, len(names))
		for r, i := range order {
			rank[i] = int32(r)
		}
		slices.SortFunc(all, func(x, y held) int {
			if c := cmp.Compare(rank[x.cust], rank[y.cust]); c != 0 {
				return c
			}
			if c := x.month.Compare(y.month); c != 0 {
				return c
			}
			return cmp.Compare(x.rec, y.rec)
		})
	}
	for _, c := range chunks {
		for i := range c {
			h := &c[i]
			v := amt{p: h.p}
			if h.big >= 0 {
				v = bigs[h.big]
			}
			if err := b.feed(names[h.cust], subs[h.sub], h.month, v, h.rec); err != nil {
				return nil, err
			}
		}
	}
	return b.done()
}

// BuildSorted builds the Table as Build does from rows sorted by customer
// (byte-wise ascending, as strings.Compare) then month; rows of one
// (customer, month) may come in any order. It streams: memory is one
// customer's state plus the cells. Rows out of that order return a
// *metrics.RowError wrapping metrics.ErrInvalid (field "order"), in lenient
// mode too: never a silent wrong answer.
func BuildSorted(rows iter.Seq2[mrr.Row, error], opts Options) (*Table, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	for r, rerr := range rows {
		b.rows++
		if rerr == nil && b.hot(&r) {
			if b.err != nil {
				return nil, b.err
			}
			continue
		}
		v, err := b.check(&r, rerr)
		if err == nil {
			err = b.feed(r.Customer, r.Subscription, r.Month, v, b.rows)
		} else {
			err = b.bad(err)
		}
		if err != nil {
			return nil, err
		}
	}
	return b.done()
}

// FromLedger builds the Table from a ledger's movement log (the ledger must
// be built with mrr.Options.KeepLog, else metrics.ErrMissing): each
// customer's paid months at the converted MRR the ledger recorded. The
// Table takes the ledger's currency and last month; opts.Currency and
// opts.Through must be zero or equal to them (else metrics.ErrInvalid), and
// BySubscription is refused (the log is per customer). Errors name the
// movement's 1-based position in the log.
func FromLedger(l *mrr.Ledger, opts Options) (*Table, error) {
	if l == nil {
		return nil, optionsErr("ledger", metrics.ErrMissing)
	}
	log, err := l.Log()
	if err != nil {
		return nil, err
	}
	switch {
	case opts.Currency != "" && !strings.EqualFold(opts.Currency, l.Currency()):
		return nil, optionsErr("currency", fmt.Errorf("%w: %s, the ledger reports in %s", metrics.ErrInvalid, opts.Currency, l.Currency()))
	case !opts.Through.IsZero() && opts.Through != l.Last():
		return nil, optionsErr("through", fmt.Errorf("%w: %s, the ledger ends in %s", metrics.ErrInvalid, opts.Through, l.Last()))
	case opts.BySubscription:
		return nil, optionsErr("by_subscription", fmt.Errorf("%w: the movement log has no subscriptions", metrics.ErrInvalid))
	}
	opts.Currency, opts.Through = l.Currency(), l.Last()
	paid := func(yield func(mrr.Row, error) bool) {
		for mv := range log {
			switch mv.Kind {
			case mrr.MovementNew, mrr.MovementExpansion, mrr.MovementContraction, mrr.MovementRetained, mrr.MovementReactivation:
			default:
				// churn and FX carry no paid month; keep the positions.
				if !yield(mrr.Row{}, errSkip) {
					return
				}
				continue
			}
			if !yield(mrr.Row{Customer: mv.Customer, Month: mv.Month, MRR: mv.To}, nil) {
				return
			}
		}
	}
	return Build(paid, opts)
}

// errSkip marks a log entry that is no row (FromLedger).
var errSkip = errors.New("cohort: not a paid month")

// core is what a member's updates need: the grain, the rule, the currency
// and the cell budget.
type core struct {
	g       int32
	rule    Reactivation
	cur     string
	rows    int64 // records read
	used    int64 // cells allocated
	err     error // the budget is spent
	scratch subCell
}

// builder is one build's state.
type builder struct {
	core
	opts     Options
	through  int32 // month index of Options.Through; 0 when unset
	lo, hi   int32 // month indices of the earliest and latest valid rows
	fedHi    int32 // month index of the latest row taken
	seen     bool  // lo and hi are set
	rejected []metrics.RowError
	subs     map[subKey]*subCohort
	lastSub  *subCohort

	cust    string // the current customer
	custSet bool
	skip    bool   // the current customer is rejected
	segment string // its key

	// By customer: the month being summed and the subscriptions seen in it.
	one         member
	month       int32
	monthVal    amt
	monthSubs   []string
	monthSubSet map[string]struct{}
	monthSet    bool

	// By subscription: the customer's members.
	members map[string]*member
	pool    []*member
}

// subKey identifies a sub-cohort.
type subKey struct {
	segment  string
	acquired int32
}

// newBuilder validates opts.
func newBuilder(opts Options) (*builder, error) {
	cur, err := opts.check()
	if err != nil {
		return nil, err
	}
	b := &builder{opts: opts, core: core{g: opts.Grain.months(), rule: opts.Reactivation, cur: cur}, subs: map[subKey]*subCohort{}}
	if !opts.Through.IsZero() {
		b.through = opts.Through.Index()
	}
	if opts.BySubscription {
		b.members = map[string]*member{}
	}
	return b, nil
}

// rowErr builds the *metrics.RowError of a row.
func rowErr(rec int64, cust, sub string, month metrics.Month, field string, err error) *metrics.RowError {
	re := &metrics.RowError{Record: rec, Entity: "customer", ID: cust, Month: month, Field: field, Err: err}
	if sub != "" {
		re.Detail = "subscription " + strconv.Quote(sub)
	}
	return re
}

// check validates one row (or takes the source's error) and returns its
// amount. The common row — reporting currency, an inline amount, a month in
// range — takes the first branch.
func (b *builder) check(r *mrr.Row, srcErr error) (amt, error) {
	if srcErr != nil {
		return amt{}, srcErr
	}
	if r.Customer != "" && !r.Month.IsZero() && r.MRR.Currency() == b.cur {
		if p, ok := r.MRR.Minor(picoScale); ok && p >= 0 {
			if err := b.span(r); err != nil {
				return amt{}, err
			}
			return amt{p: p}, nil
		}
	}
	if err := b.checkSlow(r); err != nil {
		return amt{}, err
	}
	if err := b.span(r); err != nil {
		return amt{}, err
	}
	return amtOf(r.MRR), nil
}

// checkSlow is check's full list of rules.
func (b *builder) checkSlow(r *mrr.Row) error {
	bad := func(field string, err error) error {
		return rowErr(b.rows, r.Customer, r.Subscription, r.Month, field, err)
	}
	switch {
	case r.Customer == "":
		return bad("customer", metrics.ErrMissing)
	case r.Month.IsZero():
		return bad("month", metrics.ErrInvalid)
	case r.MRR.Currency() == "":
		return bad("currency", metrics.ErrMissing)
	case r.MRR.Sign() < 0:
		return bad("mrr", metrics.ErrNegative)
	case r.MRR.Currency() != b.cur:
		return bad("currency", &metrics.MismatchError{A: b.cur, B: r.MRR.Currency()})
	}
	if e := r.MRR.Amount().Exponent(); e > metrics.MaxScale || e < -metrics.MaxScale { // inline amounts have 12 places
		return bad("mrr", fmt.Errorf("%w: exponent beyond ±%d", metrics.ErrOutOfRange, metrics.MaxScale))
	}
	return nil
}

// span checks the row's month against Through and MaxSpanMonths and widens
// the data's range.
func (b *builder) span(r *mrr.Row) error {
	m := r.Month.Index()
	if b.seen && m >= b.lo && m <= b.hi { // within the months seen: checked already
		return nil
	}
	bad := func(format string, args ...any) error {
		return rowErr(b.rows, r.Customer, r.Subscription, r.Month, "month", fmt.Errorf("%w: "+format, append([]any{metrics.ErrOutOfRange}, args...)...))
	}
	switch {
	case b.through != 0 && m > b.through:
		return bad("after Through %s", b.opts.Through)
	case b.through != 0 && b.through-m > MaxSpanMonths:
		return bad("more than %d months before Through %s", MaxSpanMonths, b.opts.Through)
	case b.seen && (m-b.lo > MaxSpanMonths || b.hi-m > MaxSpanMonths):
		return bad("more than %d months from the data's other months", MaxSpanMonths)
	}
	if !b.seen {
		b.lo, b.hi, b.seen = m, m, true
	}
	b.lo, b.hi = min(b.lo, m), max(b.hi, m)
	return nil
}

// bad handles a record's error: a *metrics.RowError is numbered (when it is
// not yet) and, when lenient, listed (nil: the build goes on); in strict
// mode it is returned, as is any other error, which ends the build.
func (b *builder) bad(err error) error {
	if err == errSkip {
		return nil
	}
	re, ok := err.(*metrics.RowError)
	if !ok {
		return err
	}
	if re.Record == 0 {
		c := *re
		c.Record = b.rows
		re = &c
	}
	if !b.opts.Lenient {
		return re
	}
	if b.opts.MaxRejected > 0 && len(b.rejected) >= b.opts.MaxRejected {
		return metrics.NewMetricError("cohort", "rows", fmt.Errorf("%w: more than %d rejected rows; the last: %w", metrics.ErrOutOfRange, b.opts.MaxRejected, re))
	}
	b.rejected = append(b.rejected, *re)
	return nil
}

// feed adds one valid row, in customer-then-month order, and handles the
// errors take finds: out of order ends the build, in lenient mode too; a
// duplicate or an unknown key is a bad record.
func (b *builder) feed(cust, sub string, month metrics.Month, v amt, rec int64) error {
	err := b.take(cust, sub, month, v, rec)
	if err == nil {
		return nil
	}
	if re, ok := err.(*metrics.RowError); !ok || re.Field == "order" {
		return err
	}
	return b.bad(err)
}

// take adds one valid row, in customer-then-month order.
func (b *builder) take(cust, sub string, month metrics.Month, v amt, rec int64) error {
	m := month.Index()
	if !b.custSet || cust != b.cust {
		if b.custSet && cust < b.cust {
			return rowErr(rec, cust, sub, month, "order", fmt.Errorf("%w: customer %q after %q (BuildSorted needs rows sorted by customer, then month)", metrics.ErrInvalid, cust, b.cust))
		}
		b.endCustomer()
		if b.err != nil {
			return b.err
		}
		if err := b.startCustomer(cust, sub, month, rec); err != nil {
			return err
		}
	}
	if b.skip {
		return nil
	}
	b.fedHi = max(b.fedHi, m)
	if b.members != nil {
		mb := b.members[sub]
		if mb == nil {
			mb = b.newMember()
			b.members[sub] = mb
		}
		switch {
		case mb.rowSet && m < mb.row:
			return b.orderErr(cust, sub, month, rec)
		case mb.rowSet && m == mb.row:
			return rowErr(rec, cust, sub, month, "subscription", fmt.Errorf("%w: a second row for this subscription and month", metrics.ErrDuplicate))
		}
		mb.row, mb.rowSet = m, true
		b.paid(mb, m, v)
		return b.err
	}
	switch {
	case b.monthSet && m < b.month:
		return b.orderErr(cust, sub, month, rec)
	case b.monthSet && m == b.month:
		if b.seenSub(sub) {
			return rowErr(rec, cust, sub, month, "subscription", fmt.Errorf("%w: a second row for this subscription and month", metrics.ErrDuplicate))
		}
		b.monthVal = b.monthVal.add(v)
		return nil
	}
	b.flushMonth()
	if b.err != nil {
		return b.err
	}
	b.month, b.monthVal, b.monthSet = m, v, true
	b.monthSubs = append(b.monthSubs[:0], sub)
	if len(b.monthSubSet) > 0 {
		clear(b.monthSubSet)
	}
	return nil
}

// seenSub reports whether the current month already has a row of sub, and
// notes it: a short list, and a set beyond it, so that many subscriptions in
// one month cost linear time.
func (b *builder) seenSub(sub string) bool {
	if len(b.monthSubs) < smallSubs {
		if slices.Contains(b.monthSubs, sub) {
			return true
		}
		b.monthSubs = append(b.monthSubs, sub)
		return false
	}
	if b.monthSubSet == nil {
		b.monthSubSet = map[string]struct{}{}
	}
	if len(b.monthSubSet) == 0 {
		for _, s := range b.monthSubs {
			b.monthSubSet[s] = struct{}{}
		}
	}
	if _, ok := b.monthSubSet[sub]; ok {
		return true
	}
	b.monthSubSet[sub] = struct{}{}
	return false
}

// smallSubs is the length of the list seenSub searches before its set.
const smallSubs = 16

// hot takes the common row of sorted input on a short path and reports
// whether it did: the current customer's next month, by customer, an
// inline amount in the reporting currency, in a month already seen (so
// within the span checks). It does what check and take would: give the
// customer's previous month to its member and start summing this one.
func (b *builder) hot(r *mrr.Row) bool {
	m := r.Month.Index()
	if b.members != nil || !b.monthSet || b.skip || m <= b.month || m > b.hi || r.Customer != b.cust || r.MRR.Currency() != b.cur {
		return false
	}
	p, ok := r.MRR.Minor(picoScale)
	if !ok || p < 0 {
		return false
	}
	if v, mb := b.monthVal, &b.one; mb.sub != nil && b.steady(mb, b.month-mb.sub.acquired, v) {
		mb.last, mb.sk = b.month-mb.sub.acquired, b.month-mb.sub.acquired
	} else {
		b.flushMonth()
		b.monthSet = true
	}
	b.month, b.monthVal, b.fedHi = m, amt{p: p}, max(b.fedHi, m)
	b.monthSubs = append(b.monthSubs[:0], r.Subscription)
	if len(b.monthSubSet) > 0 {
		clear(b.monthSubSet)
	}
	return true
}

// orderErr is the error of a month before the customer's previous one.
func (b *builder) orderErr(cust, sub string, month metrics.Month, rec int64) error {
	return rowErr(rec, cust, sub, month, "order", fmt.Errorf("%w: month before the customer's previous row (BuildSorted needs rows sorted by customer, then month)", metrics.ErrInvalid))
}

// startCustomer begins customer cust, looking up its segment.
func (b *builder) startCustomer(cust, sub string, month metrics.Month, rec int64) error {
	b.cust, b.custSet, b.skip, b.segment = cust, true, false, ""
	if b.opts.Segment != nil {
		key, ok := b.opts.Segment(cust)
		if !ok {
			b.skip = true
			return rowErr(rec, cust, sub, month, "segment", fmt.Errorf("%w: no cohort key for customer %q", metrics.ErrMissing, cust))
		}
		b.segment = key
	}
	return nil
}

// endCustomer closes the current customer's members.
func (b *builder) endCustomer() {
	if !b.custSet || b.skip {
		return
	}
	if b.members != nil {
		for _, mb := range b.members {
			b.finish(mb)
		}
		clear(b.members)
		b.pool = b.pool[:0]
		return
	}
	b.flushMonth()
	b.finish(&b.one)
	b.one.reset()
	b.monthSet = false
}

// newMember returns a fresh member for the current customer.
func (b *builder) newMember() *member {
	if n := len(b.pool); n < cap(b.pool) {
		b.pool = b.pool[:n+1]
		if mb := b.pool[n]; mb != nil {
			mb.reset()
			return mb
		}
	}
	mb := &member{}
	b.pool = append(b.pool, mb)
	return mb
}

// flushMonth gives the summed month of the customer to its member.
func (b *builder) flushMonth() {
	if !b.monthSet {
		return
	}
	b.paid(&b.one, b.month, b.monthVal)
	b.monthSet = false
}

// paid gives member mb its MRR v in month index m.
func (b *builder) paid(mb *member, m int32, v amt) {
	if v.sign() <= 0 {
		return
	}
	if mb.sub == nil {
		b.start(mb, b.subFor(m), v)
		return
	}
	b.pay(mb, m-mb.sub.acquired, v)
}

// subFor returns the sub-cohort of the current segment acquired in month m.
func (b *builder) subFor(m int32) *subCohort {
	if s := b.lastSub; s != nil && s.acquired == m && s.segment == b.segment {
		return s
	}
	k := subKey{b.segment, m}
	s := b.subs[k]
	if s == nil {
		s = &subCohort{segment: b.segment, acquired: m}
		b.subs[k] = s
	}
	b.lastSub = s
	return s
}

// done ends the build and finalises the Table.
func (b *builder) done() (*Table, error) {
	b.endCustomer()
	if b.err != nil {
		return nil, b.err
	}
	if len(b.subs) == 0 {
		return nil, metrics.NewMetricError("cohort", "rows", fmt.Errorf("%w: no paid month", metrics.ErrEmpty))
	}
	through := b.opts.Through
	if through.IsZero() {
		through = monthOf(b.fedHi) // the last month of a row taken (not of a skipped customer's)
	}
	t := &Table{s: settings{
		Currency: b.cur, Through: through, Grain: b.opts.Grain, BySubscription: b.opts.BySubscription,
		Segmented: b.opts.Segment != nil, SegmentOnly: b.opts.SegmentOnly, Reactivation: b.opts.Reactivation,
		Index: b.opts.Index, PartialLast: b.opts.PartialLast,
	}}
	slices.SortFunc(b.rejected, func(x, y metrics.RowError) int { return cmp.Compare(x.Record, y.Record) })
	t.rejected = b.rejected
	// The table's cells: per cohort, up to its last observed period; the
	// same budget as the build's.
	width := map[Key]int64{}
	for _, s := range b.subs {
		k := t.key(s)
		width[k] = max(width[k], int64(through.Sub(monthOf(s.acquired))/int(b.g))+1)
	}
	var cells int64
	for _, w := range width {
		cells += w
	}
	if cells > cellsPerRow*b.rows+cellsFloor {
		return nil, errTooManyCells(cells, b.rows)
	}
	for _, s := range b.subs { // in any order: the sums are exact and sortRows orders the rows
		t.addSub(s, b.cur)
	}
	t.sortRows()
	return t, nil
}

// monthOf returns the month of a dense month index (Month.Index).
func monthOf(i int32) metrics.Month {
	var first metrics.Month
	first, _ = metrics.NewMonth(1, 1)
	return first.Add(int(i - first.Index()))
}
