package mrr

// The ledger's engine: one customer at a time, months in order. One function,
// classify, decides every customer-month's class; two paths call it: the hot
// path (closeHot: a customer paying in consecutive months, amounts in int64
// pico units, no Rates, no log) and the general path (closeMonth and settle:
// everything else). The sources — sorted rows (BuildSorted), sorted compact
// records (Build) and CSV bytes (CSVReader) — check and de-duplicate their
// rows and feed them to hotStep, falling back to general.

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
	"github.com/shopspring/decimal"
)

// MaxSpanMonths is the longest span a ledger covers: 1,200 months (100
// years), from its first month through its last (or Options.Through). A row
// that would stretch the span further is a *metrics.RowError wrapping
// metrics.ErrOutOfRange (field "month"), so a mistyped year (0024 for 2024)
// costs an error, not memory for every month in between.
const MaxSpanMonths = 1200

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

// natives are a customer's native sums per currency in one month: a short
// list, indexed by a map once it holds more than a few currencies, so that
// many currencies cost linear time.
type natives struct {
	list []native
	idx  map[string]int
}

// smallSet is how many entries natives and subSet scan before they index.
const smallSet = 8

// reset empties the sums (a large index is dropped, not cleared, so the next
// customer does not pay for it).
func (n *natives) reset() {
	n.list = n.list[:0]
	n.idx = nil
}

// find returns the position of cur in the list, or -1.
func (n *natives) find(cur string) int {
	if n.idx != nil {
		if k, ok := n.idx[cur]; ok {
			return k
		}
		return -1
	}
	for k := range n.list {
		if n.list[k].cur == cur {
			return k
		}
	}
	return -1
}

// add adds amt in currency cur.
func (n *natives) add(cur string, amt decimal.Decimal) {
	if k := n.find(cur); k >= 0 {
		n.list[k].amt = n.list[k].amt.Add(amt)
		return
	}
	n.list = append(n.list, native{cur, amt})
	switch {
	case n.idx != nil:
		n.idx[cur] = len(n.list) - 1
	case len(n.list) > smallSet:
		n.idx = make(map[string]int)
		for k, x := range n.list {
			n.idx[x.cur] = k
		}
	}
}

// get returns the sum in cur (zero when absent).
func (n *natives) get(cur string) decimal.Decimal {
	if k := n.find(cur); k >= 0 {
		return n.list[k].amt
	}
	return decimal.Decimal{}
}

// subSet holds the subscriptions seen in one customer-month, to find
// repeated rows: the first in a reused buffer (the common month has one, and
// costs no allocation), the others in a short list, indexed by a map once it
// grows, so that many subscriptions in one month cost linear time, not
// quadratic.
type subSet struct {
	first []byte
	more  []string
	set   map[string]struct{}
}

// reset starts a month with one subscription (a string or bytes).
func (s *subSet) reset(sub string) {
	s.first = append(s.first[:0], sub...)
	s.more = s.more[:0]
	s.set = nil
}

// resetBytes is reset for bytes.
func (s *subSet) resetBytes(sub []byte) {
	s.first = append(s.first[:0], sub...)
	s.more = s.more[:0]
	s.set = nil
}

// add adds sub and reports whether it was new.
func (s *subSet) add(sub string) bool {
	if sub == string(s.first) {
		return false
	}
	if s.set != nil {
		if _, ok := s.set[sub]; ok {
			return false
		}
		s.set[sub] = struct{}{}
		return true
	}
	if slices.Contains(s.more, sub) {
		return false
	}
	s.more = append(s.more, sub)
	if len(s.more) > smallSet {
		s.set = make(map[string]struct{})
		for _, x := range s.more {
			s.set[x] = struct{}{}
		}
	}
	return true
}

// history is what classification needs of a customer's past.
type history struct {
	everPaid   bool  // paid in an earlier month
	open       bool  // paying in lastPaid, its stint not yet closed
	lastPaid   int32 // month index of the last paid month
	stintStart int32 // month index where the open (or last) stint began
	paidMonths int32 // paid months so far
}

// classify is the one decision of the ledger: the class of a customer-month
// m, from the customer's history before m, whether the customer pays in m,
// and (for a customer paying in m−1 and m) the sign of the change net of FX.
//
//	pays, paid in m−1:      expansion (change > 0), contraction (< 0), retained (0)
//	pays, never paid:       new
//	pays, paid before m−1:  reactivation; new again when the months at zero
//	                        exceed Conventions.ReactivationWindowMonths or the
//	                        paid months fall short of MinHistoryMonths
//	pays nothing, paid in m−1: churn
//	pays nothing, paid before: inactive; never paid: 0 (no class)
//
// The hot path (closeHot) and the general path (closeMonth, settle) both
// call it; nothing else decides a class.
func classify(h *history, m int32, pays bool, change int, r *rules) MovementKind {
	paidBefore := h.open && h.lastPaid == m-1
	if !pays {
		if paidBefore {
			return MovementChurn
		}
		if h.everPaid {
			return MovementInactive
		}
		return 0
	}
	if paidBefore {
		if change > 0 {
			return MovementExpansion
		}
		if change < 0 {
			return MovementContraction
		}
		return MovementRetained
	}
	if !h.everPaid || m-h.lastPaid-1 > r.window || h.paidMonths < r.minHistory {
		return MovementNew
	}
	return MovementReactivation
}

// rules are the conventions classify reads, as integers: window is
// Conventions.ReactivationWindowMonths (the largest int32 when 0: any gap is
// a reactivation), minHistory Conventions.MinHistoryMonths (Validate bounds
// both).
type rules struct {
	window, minHistory int32
}

// rulesOf returns the rules of c.
func rulesOf(c Conventions) rules {
	r := rules{window: math.MaxInt32, minHistory: int32(c.MinHistoryMonths)}
	if c.ReactivationWindowMonths > 0 {
		r.window = int32(c.ReactivationWindowMonths)
	}
	return r
}

// builder is the state of a build: the ledger under construction, and the
// current customer's state (O(subscriptions of one month) memory).
type builder struct {
	l     *Ledger
	rules rules // the ledger's conventions, for classify
	row   int64 // the 1-based position of the last item read from the source
	lax   bool
	fx    bool
	keep  bool // KeepLog
	// hot: the hot path may take rows (!fx && !keep); tests switch it off
	// to compare the paths.
	hot bool
	// hotRows and generalRows count the rows each path took (tests read
	// them to see which path ran).
	hotRows, generalRows int64
	maxRej               int // Options.MaxRejected
	// throughN is Through's month index, or the largest one when Through is
	// zero; hotLast is the smaller of throughN and the span's last month.
	throughN, hotLast int32
	first             int32 // the span's first month index (0 until a row)
	lo, hi            int32 // the months of the accepted rows so far (for MaxSpanMonths)
	rates             map[rateKey]decimal.Decimal

	// the current customer and month being accumulated
	has  bool
	cust string
	// streak: with b.hot, the current month's amount is positive in fixed
	// point and the month either continues an open paying stint (lastPaid =
	// month−1, prevAmt positive in fixed point) or is the customer's first
	// paid month; the next month's row may then take the hot path.
	streak bool
	month  int32
	amt    fixed.Amount // the month's sum (without Rates)
	nat    natives      // the month's native sums per currency (with Rates)
	subs   subSet       // the subscriptions of the month (sorted rows only)

	// the current customer's history
	h       history
	prevAmt fixed.Amount // converted MRR in lastPaid
	prevNat natives      // native MRR in lastPaid (with Rates)

	// stintCache counts closed stints by (first, last) month before they
	// reach the map (Ledger.stints): customers in a row mostly share the
	// pair, and an array increment is cheaper than a map's.
	stintCache [64]struct {
		key [2]int32
		n   int64
	}

	seed   maphash.Seed // for the customer fingerprints Merge compares
	hashes [][]uint64
}

// newBuilder validates opts and starts a build.
func newBuilder(opts Options) (*builder, error) {
	cur, err := checkOptions(opts)
	if err != nil {
		return nil, err
	}
	b := &builder{
		l:      &Ledger{opts: opts, cur: cur, stints: make(map[[2]int32]int64), returns: make(map[[3]int32]int64)},
		rules:  rulesOf(opts.Conventions),
		lax:    opts.Lenient,
		fx:     opts.Rates != nil,
		keep:   opts.KeepLog,
		hot:    opts.Rates == nil && !opts.KeepLog,
		maxRej: opts.MaxRejected,
		seed:   fingerprintSeed,
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

// reject lists a lenient rejection, or returns the error that ends the build
// when the list is full (Options.MaxRejected).
func (b *builder) reject(re *metrics.RowError) error {
	if b.maxRej > 0 && len(b.l.rejected) >= b.maxRej {
		return tooManyRejected(b.maxRej, re)
	}
	b.l.rejected = append(b.l.rejected, *re)
	return nil
}

// tooManyRejected is the error of a lenient build that rejects more than max
// records.
func tooManyRejected(max int, re *metrics.RowError) error {
	return metrics.NewMetricError("ledger", "rejected", fmt.Errorf("%w: more than MaxRejected = %d rejected records; the next: %w", metrics.ErrOutOfRange, max, re))
}

// fail handles a bad row the build found: strict mode returns it (the build
// stops); lenient mode lists it and returns nil, unless the list is full.
func (b *builder) fail(re *metrics.RowError) error {
	if !b.lax {
		return re
	}
	return b.reject(re)
}

// sourceErr handles an error the row source yielded for item b.row: a
// *metrics.RowError is numbered (when it is not yet) and failed (see fail);
// any other error stops the build.
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
	return b.fail(re)
}

// check validates one row's fields (not its order or uniqueness) and
// accepts its month into the span, or returns a *metrics.RowError. The
// common row — reporting currency, an amount that fits, a month within the
// span — takes the first branch and allocates nothing.
func (b *builder) check(r *Row, i int64) *metrics.RowError {
	m := r.Month.Index()
	if p, ok := r.MRR.Minor(fixed.Scale); ok && p >= 0 && r.Customer != "" && m >= b.lo && m <= b.hi && m != 0 && sameCode(r.MRR.Currency(), b.l.cur) {
		return nil // hi ≤ throughN: an accepted month is within Through
	}
	if re := b.checkSlow(r, i); re != nil {
		return re
	}
	if b.lo == 0 {
		b.lo, b.hi = m, m
	}
	b.lo, b.hi = min(b.lo, m), max(b.hi, m)
	return nil
}

// checkSlow is check's full list of rules.
func (b *builder) checkSlow(r *Row, i int64) *metrics.RowError {
	through := b.l.opts.Through
	m := r.Month.Index()
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
	lo, hi := m, m
	if b.lo != 0 {
		lo, hi = min(b.lo, m), max(b.hi, m)
	}
	if !through.IsZero() {
		hi = b.throughN
	}
	if hi-lo >= MaxSpanMonths {
		return rowErr(r, i, "month", fmt.Errorf("%w: the span would run %s to %s, longer than %d months", metrics.ErrOutOfRange,
			monthOfIndex(lo), monthOfIndex(hi), MaxSpanMonths))
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

// monthOfIndex is the inverse of metrics.Month.Index for valid months.
func monthOfIndex(n int32) metrics.Month {
	first, _ := metrics.NewMonth(1, time.January)
	return first.Add(int(n - first.Index()))
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

// ensure extends the span to hold month index m (the checks keep it within
// MaxSpanMonths).
func (b *builder) ensure(m int32) {
	l := b.l
	switch {
	case b.first == 0:
		b.first = m
		l.months = append(l.months[:0], monthAgg{})
	case m < b.first:
		grown := make([]monthAgg, len(l.months)+int(b.first-m))
		copy(grown[b.first-m:], l.months)
		l.months, b.first = grown, m
	case int(m-b.first) >= len(l.months):
		l.months = append(l.months, make([]monthAgg, int(m-b.first)+1-len(l.months))...)
	default:
		return
	}
	b.hotLast = min(b.throughN, b.first+int32(len(l.months))-1)
}

// agg returns month index m's aggregates (m must be within the span).
func (b *builder) agg(m int32) *monthAgg { return &b.l.months[m-b.first] }

// hotStep takes a row on the hot path when it can, and reports whether it
// did. The caller has checked the row's customer, currency, order and
// subscription; same says whether it is the current customer's. It can when
// the streak holds (see builder), the amount p is positive pico units in the
// reporting currency, month m is within the span (or just after it, within
// Through and MaxSpanMonths: the span grows), and m is the current
// customer's next month, or a later customer's (same false) month. Such a
// row passes every check of builder.check. The current customer's next
// month goes to hotRun, a later customer's first row to hotSwitch, a month
// past the span to hotExtend.
func (b *builder) hotStep(same bool, cust string, m int32, p int64) bool {
	switch {
	case !same:
		return b.hotSwitch(cust, m, p)
	case m > b.hotLast:
		return b.hotExtend(m, p)
	}
	one := [1]rec{{month: m, val: p}}
	return b.hotRun(one[:]) == 1
}

// hotRun takes the current customer's next months from recs (of one
// customer, recs[0].cust, in month order) on the hot path while it can, and
// returns how many it took: the record pass hands it a whole customer's
// records, a row source one row. Each record must be the streak's next
// month within the span, with a positive amount in pico units (a record
// whose amount is kept beside, sideBit, is not); hotClose takes it.
func (b *builder) hotRun(recs []rec) int {
	cust := recs[0].cust
	if !b.streak { // hotClose keeps it, and b.hotLast
		return 0
	}
	month, last := b.month, b.hotLast
	for i := range recs {
		r := &recs[i]
		m, p := r.month, r.val
		if r.cust != cust || p <= 0 || m != month+1 || m > last {
			return i
		}
		b.hotClose(m, p)
		month = m // b.month
	}
	return len(recs)
}

// hotClose takes month m = b.month+1 of the current customer with p > 0
// pico units, the streak holding and m within the span (the caller checks):
// it closes the month of the streak — the hot path's call of classify, in
// integer arithmetic only — which becomes lastPaid of an open stint, so the
// streak holds, and starts month m at p.
func (b *builder) hotClose(m int32, p int64) {
	amt := b.amt.I
	a := &b.l.months[b.month-b.first]
	a.mrr.AddPico(amt)
	a.active++
	d := amt - b.prevAmt.I // both positive (prevAmt 0 for a first month): cannot overflow
	k := classify(&b.h, b.month, true, cmp.Compare(d, 0), &b.rules)
	if b.h.open {
		a.sum[k].AddPico(max(d, -d))
	} else {
		a.sum[k].AddPico(amt)
		a.firstN++
		b.h.stintStart = b.month
		b.h.everPaid, b.h.open = true, true
	}
	a.n[k]++
	b.h.paidMonths++
	b.h.lastPaid = b.month
	b.prevAmt.I = amt
	b.month = m
	b.amt.I = p
	b.hotRows++
}

// hotSwitch is hotStep for the first row of a later customer: the current
// customer's last month closes the general way (once per customer), and
// the row starts the new customer's first paid month, which keeps the
// streak.
func (b *builder) hotSwitch(cust string, m int32, p int64) bool {
	if !b.streak || p <= 0 || m < b.first || m > b.hotLast {
		return false
	}
	_ = b.closeMonth() // no Rates on the hot path: it cannot fail
	b.settle(0, false)
	b.startCustomer(cust)
	b.month = m
	b.amt = fixed.Amount{I: p}
	b.hotRows++
	return true
}

// hotExtend is hotStep for the current customer's next month past the end
// of the span: within Through and MaxSpanMonths, the month joins the span.
func (b *builder) hotExtend(m int32, p int64) bool {
	if m > b.throughN || m-b.lo >= MaxSpanMonths {
		return false
	}
	b.hi = m
	b.ensure(m)
	return b.hotStep(true, "", m, p)
}

// general takes a checked, de-duplicated row on the general path: it closes
// the month (and the customer) the row leaves, starts the row's month, and
// adds its amount. same says whether it is the current customer's row.
func (b *builder) general(same bool, cust string, m int32, mrr *metrics.Money) error {
	b.generalRows++
	switch {
	case !same:
		if b.has {
			if err := b.closeMonth(); err != nil {
				return err
			}
			b.settle(0, false)
		}
		b.startCustomer(cust)
		b.begin(m)
	case m != b.month:
		if err := b.closeMonth(); err != nil {
			return err
		}
		b.begin(m)
	}
	if b.fx {
		b.nat.add(mrr.Currency(), mrr.Amount())
	} else if p, ok := mrr.Minor(fixed.Scale); ok && !b.amt.Big {
		b.amt = fixed.Amount{I: p}.Add(b.amt)
	} else {
		b.amt = amountOf(mrr).Add(b.amt)
	}
	b.setStreak()
	return nil
}

// begin starts month m of the current customer, at zero.
func (b *builder) begin(m int32) {
	b.ensure(m)
	b.month = m
	b.amt = fixed.Amount{}
	b.nat.reset()
}

// amountOf returns a Money's amount as a fixed.Amount: pico units when it is
// held inline, else its decimal.
func amountOf(m *metrics.Money) fixed.Amount {
	if p, ok := m.Minor(fixed.Scale); ok {
		return fixed.Amount{I: p}
	}
	return fixed.Amount{D: m.Amount(), Big: true}
}

// setStreak recomputes b.streak after a row taken by the general path.
func (b *builder) setStreak() {
	b.streak = b.hot && b.has && !b.amt.Big && b.amt.I > 0 &&
		((b.h.open && !b.prevAmt.Big && b.prevAmt.I > 0 && b.h.lastPaid == b.month-1) || (!b.h.open && !b.h.everPaid))
}

// sameCode reports whether a and b are the same three-byte currency code,
// without a call.
func sameCode(a, b string) bool {
	return len(a) == 3 && len(b) == 3 && a[0] == b[0] && a[1] == b[1] && a[2] == b[2]
}

// startCustomer resets the customer state.
func (b *builder) startCustomer(c string) {
	b.has, b.cust = true, c
	b.h = history{}
	b.prevAmt = fixed.Amount{}
	b.prevNat.reset()
	if n := len(b.hashes); n == 0 || len(b.hashes[n-1]) == fingerprintChunk {
		b.hashes = append(b.hashes, make([]uint64, 0, fingerprintChunk))
	}
	last := &b.hashes[len(b.hashes)-1]
	*last = append(*last, maphash.String(b.seed, c))
}

// logMove appends to the movement log (callers check b.keep first, so the
// hot path does not pay for the call).
func (b *builder) logMove(m int32, kind MovementKind, from, to, amount fixed.Amount) {
	l := b.l
	l.log = append(l.log, Movement{Customer: b.cust, Month: monthOfIndex(m), Kind: kind, From: l.amount(from), To: l.amount(to), Amount: l.amount(amount)})
}

// settle closes the open stint when the month after lastPaid shows it ended:
// month m (0 for the end of the customer) has no row for lastPaid+1, or pays
// nothing (pays false). Its churn is deferred to lastPaid+1, counted only if
// that month is within the span.
func (b *builder) settle(m int32, pays bool) {
	next := b.h.lastPaid + 1
	if !b.h.open || classify(&b.h, next, pays && m == next, 0, &b.rules) != MovementChurn {
		return
	}
	a := b.agg(b.h.lastPaid)
	a.churnLast.Add(&b.prevAmt)
	a.churnLastN++
	k := [2]int32{b.h.stintStart, b.h.lastPaid}
	e := &b.stintCache[uint32(k[0]*31+k[1])%uint32(len(b.stintCache))]
	if e.n > 0 && e.key != k {
		b.l.stints[e.key] += e.n
		e.n = 0
	}
	e.key = k
	e.n++
	if b.keep {
		b.logMove(next, MovementChurn, b.prevAmt, fixed.Amount{}, b.prevAmt)
	}
	b.h.open = false
}

// closeMonth classifies the current customer's current month: the general
// path's call of classify.
func (b *builder) closeMonth() error {
	m := b.month
	amt := b.amt
	if b.fx {
		sum := decimal.Decimal{}
		for _, n := range b.nat.list {
			r, err := b.rate(n.cur, monthOfIndex(m))
			if err != nil {
				return &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: monthOfIndex(m), Field: "currency", Err: err}
			}
			sum = sum.Add(n.amt.Mul(r))
		}
		amt = fixed.Of(sum)
	}
	pays := amt.Sign() > 0
	b.settle(m, pays)
	if !pays {
		return nil
	}
	a := b.agg(m)
	a.mrr.Add(&amt)
	a.active++
	var fx, change fixed.Amount
	if b.h.open { // paying in m−1 and m
		var err error
		if fx, change, err = b.split(m, amt); err != nil {
			return err
		}
	}
	k := classify(&b.h, m, true, change.Sign(), &b.rules)
	zero := fixed.Amount{}
	if fx.Sign() != 0 {
		a.fx.Add(&fx)
		if b.keep {
			b.logMove(m, MovementFX, b.prevAmt, amt, fx)
		}
	}
	size := amt // new and reactivation
	switch k {
	case MovementExpansion:
		size = change
	case MovementContraction:
		size = change.Neg()
	case MovementRetained:
		size = zero
	case MovementReactivation:
		b.l.returns[[3]int32{b.h.stintStart, b.h.lastPaid + 1, m}]++
	}
	a.sum[k].Add(&size)
	a.n[k]++
	if !b.h.everPaid {
		a.firstN++
	}
	if b.keep {
		from := b.prevAmt
		if !b.h.open {
			from = zero
		}
		b.logMove(m, k, from, amt, size)
	}
	if !b.h.open {
		b.h.stintStart = m
	}
	b.h.everPaid, b.h.open = true, true
	b.h.paidMonths++
	b.h.lastPaid = m
	b.prevAmt = amt
	if b.fx {
		b.prevNat, b.nat = b.nat, b.prevNat
		b.nat.reset()
	}
	return nil
}

// split returns the FX part and the rest (expansion when positive,
// contraction when negative) of a paying customer's change from lastPaid
// (= m−1) to m. Without Rates there is no FX. With Rates, per currency c:
//
//	FX = prev_c × (rate_m − rate_prev)   rest = (now_c − prev_c) × rate_m
func (b *builder) split(m int32, amt fixed.Amount) (fx, rest fixed.Amount, err error) {
	if !b.fx {
		return fixed.Amount{}, amt.Sub(b.prevAmt), nil
	}
	mm, prev := monthOfIndex(m), monthOfIndex(b.h.lastPaid)
	var fxd, restd decimal.Decimal
	for _, p := range b.prevNat.list {
		rNow, err := b.rate(p.cur, mm)
		if err != nil {
			return fx, rest, &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: mm, Field: "currency", Err: err}
		}
		rPrev, err := b.rate(p.cur, prev)
		if err != nil {
			return fx, rest, &metrics.RowError{Record: b.row, Entity: "customer", ID: b.cust, Month: prev, Field: "currency", Err: err}
		}
		fxd = fxd.Add(p.amt.Mul(rNow.Sub(rPrev)))
		restd = restd.Add(b.nat.get(p.cur).Sub(p.amt).Mul(rNow))
	}
	for _, n := range b.nat.list {
		if b.prevNat.find(n.cur) < 0 {
			rNow, _ := b.rate(n.cur, mm) // fetched by closeMonth
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
		b.settle(0, false)
		b.has = false
	}
	l := b.l
	for _, e := range b.stintCache {
		if e.n > 0 {
			l.stints[e.key] += e.n
		}
	}
	if b.first != 0 {
		if t := l.opts.Through; !t.IsZero() {
			b.ensure(t.Index())
		}
		l.first = monthOfIndex(b.first)
		l.last = l.first.Add(len(l.months) - 1)
	}
	l.fingerprint = b.hashes
	slices.SortStableFunc(l.rejected, func(x, y metrics.RowError) int { return cmp.Compare(x.Record, y.Record) })
	l.summarize()
	return l, nil
}

// runRows is the streaming build of sorted rows (BuildSorted): each row is
// checked, its order and subscription verified, and handed to the hot path
// or the general one.
func (b *builder) runRows(rows func(yield func(Row, error) bool)) (*Ledger, error) {
	var err error
	for r, rerr := range rows {
		b.row++
		if rerr != nil {
			if err = b.sourceErr(rerr); err != nil {
				break
			}
			continue
		}
		same := b.has && r.Customer == b.cust
		m := r.Month.Index()
		// The hot path's row: the current customer's next month, or the
		// first row of a later customer, in the reporting currency with a
		// positive inline amount (hotStep checks the streak and the span).
		if p, inline := r.MRR.Minor(fixed.Scale); inline && p > 0 && sameCode(r.MRR.Currency(), b.l.cur) &&
			(same || r.Customer > b.cust) && b.hotStep(same, r.Customer, m, p) {
			b.subs.reset(r.Subscription)
			continue
		}
		if err = b.takeRow(&r, same); err != nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return b.finish()
}

// takeRow is the general path of one sorted row: check it, its order and its
// subscription, and add it; a bad row is failed (see fail). It returns an
// error that stops the build.
func (b *builder) takeRow(r *Row, same bool) error {
	if re := b.check(r, b.row); re != nil {
		return b.fail(re)
	}
	m := r.Month.Index()
	if b.has && (r.Customer < b.cust || same && m < b.month) {
		return rowErr(r, b.row, "order", fmt.Errorf("%w: rows must be sorted by customer then month (after customer %q, month %s)", metrics.ErrInvalid, b.cust, monthOfIndex(b.month)))
	}
	if same && m == b.month {
		if !b.subs.add(r.Subscription) {
			return b.fail(rowErr(r, b.row, "subscription", fmt.Errorf("%w: customer, subscription and month repeated", metrics.ErrDuplicate)))
		}
	} else {
		b.subs.reset(r.Subscription)
	}
	return b.general(same, r.Customer, m, &r.MRR)
}
