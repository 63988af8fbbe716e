package mrr

// The unsorted build: rows become compact fixed-size records with dense
// integer customer numbers, a counting sort puts them in customer order, and
// the streaming engine runs over them.

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
)

// rec is one row of an unsorted build, 24 bytes.
type rec struct {
	cust  uint32 // dense customer number (order of first appearance)
	month int32  // month index; sideBit set: val indexes recordBuilder.side
	pair  uint32 // 0 for subscription ""; else a dense (customer, subscription) number
	pos   uint32 // the row's 1-based position in the source
	val   int64  // the amount in pico units of the reporting currency (or a side index)
}

// sideBit marks a record whose amount is kept as a Money beside the records:
// one off the pico path, or in another currency (with Rates).
const sideBit = 1 << 30

// Records are appended in chunks, so growing costs no copy and the memory is
// about the records' own: each bucket's chunks double from firstChunkRecs
// records to chunkRecs.
const (
	firstChunkRecs = 1 << 5
	chunkRecs      = 1 << 12
)

// segShift sets the customers of a bucket of records: customer numbers
// with the same value >> segShift, 1,024 customers.
const segShift = 10

// recBucket is a bucket's records: full chunks, then the one being filled.
type recBucket struct {
	full [][]rec
	tail []rec
}

// grow starts a new chunk in the bucket.
func (k *recBucket) grow() {
	n := firstChunkRecs
	if c := cap(k.tail); c > 0 {
		k.full = append(k.full, k.tail)
		n = min(2*c, chunkRecs)
	}
	k.tail = make([]rec, 0, n)
}

// recordBuilder collects the records of an unsorted build.
type recordBuilder struct {
	b      *builder
	ids    map[string]uint32 // customer → number
	names  []string          // number → customer
	counts []uint32          // records per customer
	lastM  []int32           // each customer's latest month so far
	// lastPair is each customer's last subscription pair: rows of one
	// subscription month after month skip the maps.
	lastPair []uint32
	// succ is the customer that followed each customer last (noCustomer:
	// none yet), to skip the map on files sorted by month.
	succ   []uint32
	broken bool // some customer's months went back: sort each customer's records by month

	subIDs    map[string]uint32 // subscription → number (from 1)
	pairs     map[uint64]uint32 // customer number << 32 | subscription number → pair (from 1)
	subNames  []string          // subscription number − 1 → subscription
	pairNames []string          // pair → subscription

	// The records, by customer number >> segShift, each bucket in input
	// order: the counting sort then writes one bucket's customers at a time,
	// whose slots stay in the cache, instead of all customers' at once, and
	// the build sorts and runs one bucket after another.
	buckets []recBucket
	n       int
	side    []metrics.Money

	lastCust string // the previous row's customer and number: sorted input skips the map
	lastID   uint32
}

// newRecordBuilder starts an unsorted build on b.
func newRecordBuilder(b *builder) *recordBuilder {
	return &recordBuilder{b: b, ids: make(map[string]uint32), pairNames: []string{""}}
}

// addRow checks row r (number b.row) and keeps it as a record; a bad row is
// its *metrics.RowError, any other error ends the build.
func (rb *recordBuilder) addRow(r *Row) error {
	b := rb.b
	if re := b.check(r, b.row); re != nil {
		return re
	}
	id := rb.lastID
	if r.Customer != rb.lastCust || rb.n == 0 {
		id = rb.customer(r.Customer, nil)
	}
	var pair uint32
	if r.Subscription != "" {
		if pair = rb.lastPair[id]; pair == 0 || rb.pairNames[pair] != r.Subscription {
			s, ok := rb.subIDs[r.Subscription]
			if !ok {
				s = rb.newSub(r.Subscription)
			}
			pair = rb.pair(id, s, r.Subscription)
			rb.lastPair[id] = pair
		}
	}
	return rb.add(id, pair, r.Month.Index(), &r.MRR)
}

// addFast keeps a row of customer cust (bytes), subscription sub and month
// m, with amount p ≥ 0 in pico units of the reporting currency, whose fields
// would pass builder.check (the caller has made sure, and accepted the month
// already): the CSV reader's path, which makes a customer string only for a
// customer not seen before.
func (rb *recordBuilder) addFast(cust, sub []byte, m int32, p int64) error {
	id := rb.lastID
	if string(cust) != rb.lastCust || rb.n == 0 {
		id = rb.customer("", cust)
	}
	var pair uint32
	if len(sub) > 0 {
		if pair = rb.lastPair[id]; pair == 0 || rb.pairNames[pair] != string(sub) {
			s, ok := rb.subIDs[string(sub)]
			if !ok {
				s = rb.newSub(string(sub))
			}
			pair = rb.pair(id, s, rb.subName(s))
			rb.lastPair[id] = pair
		}
	}
	return rb.addPico(id, pair, m, p)
}

// customer returns the number of the customer named by c (or, when b is
// not nil, by b's bytes), numbering it when new; the caller has made sure
// that it is not the previous row's customer. It first tries the customer
// that followed the previous row's the last time that one was seen (a file
// sorted by month lists its customers in the same order month after month,
// so one comparison usually replaces the map lookup), then the one that
// followed that one (the predicted customer has gone). A new customer is
// taken to precede the predicted one, so the next row tries that one.
func (rb *recordBuilder) customer(c string, b []byte) uint32 {
	if b != nil {
		c = "" // look up the bytes, make a string only for a new customer
	}
	is := func(id uint32) bool {
		if b != nil {
			return string(b) == rb.names[id]
		}
		return c == rb.names[id]
	}
	next := uint32(noCustomer)
	if rb.n > 0 {
		if next = rb.succ[rb.lastID]; next != noCustomer {
			if is(next) {
				rb.lastCust, rb.lastID = rb.names[next], next
				return next
			}
			if after := rb.succ[next]; after != noCustomer && is(after) {
				rb.succ[rb.lastID] = after
				rb.lastCust, rb.lastID = rb.names[after], after
				return after
			}
		}
	}
	var id uint32
	var ok bool
	if b != nil {
		id, ok = rb.ids[string(b)]
		if !ok {
			c = string(b)
		}
	} else {
		id, ok = rb.ids[c]
	}
	if !ok {
		id = rb.newCustomer(c)
		rb.succ[id] = next
	}
	if rb.n > 0 {
		rb.succ[rb.lastID] = id
	}
	rb.lastCust, rb.lastID = rb.names[id], id
	return id
}

// noCustomer marks no successor in recordBuilder.succ.
const noCustomer = math.MaxUint32

// newCustomer numbers a customer seen for the first time.
func (rb *recordBuilder) newCustomer(c string) uint32 {
	id := uint32(len(rb.names))
	rb.ids[c] = id
	rb.names = append(rb.names, c)
	rb.counts = append(rb.counts, 0)
	rb.lastM = append(rb.lastM, 0)
	rb.lastPair = append(rb.lastPair, 0)
	rb.succ = append(rb.succ, noCustomer)
	if int(id>>segShift) == len(rb.buckets) {
		rb.buckets = append(rb.buckets, recBucket{})
	}
	return id
}

// newSub numbers a subscription ID seen for the first time.
func (rb *recordBuilder) newSub(s string) uint32 {
	if rb.subIDs == nil {
		rb.subIDs = make(map[string]uint32)
		rb.pairs = make(map[uint64]uint32)
	}
	n := uint32(len(rb.subIDs) + 1)
	rb.subIDs[s] = n
	rb.subNames = append(rb.subNames, s)
	return n
}

// subName returns subscription number s's ID.
func (rb *recordBuilder) subName(s uint32) string { return rb.subNames[s-1] }

// pair returns the number of (customer id, subscription number s), named
// sub, numbering it when new.
func (rb *recordBuilder) pair(id, s uint32, sub string) uint32 {
	k := uint64(id)<<32 | uint64(s)
	p, ok := rb.pairs[k]
	if !ok {
		p = uint32(len(rb.pairNames))
		rb.pairs[k] = p
		rb.pairNames = append(rb.pairNames, sub)
	}
	return p
}

// add keeps a checked row of customer id, pair and month m with amount mrr.
func (rb *recordBuilder) add(id, pair uint32, m int32, mrr *metrics.Money) error {
	if p, ok := mrr.Minor(fixed.Scale); ok && sameCode(mrr.Currency(), rb.b.l.cur) {
		return rb.addPico(id, pair, m, p)
	}
	rb.side = append(rb.side, *mrr)
	return rb.addPico(id, pair, m|sideBit, int64(len(rb.side)-1))
}

// addPico keeps a record: month m (with sideBit, val indexes side) and val.
func (rb *recordBuilder) addPico(id, pair uint32, m int32, val int64) error {
	b := rb.b
	if b.row > math.MaxUint32 {
		return metrics.NewMetricError("ledger", "rows", fmt.Errorf("%w: more than %d rows in one build; build shards and Merge them", metrics.ErrOutOfRange, uint32(math.MaxUint32)))
	}
	r := rec{cust: id, month: m, pair: pair, pos: uint32(b.row), val: val}
	k := &rb.buckets[id>>segShift]
	if len(k.tail) == cap(k.tail) {
		k.grow()
	}
	k.tail = append(k.tail, r)
	rb.n++
	rb.counts[id]++
	m &^= sideBit
	if m < rb.lastM[id] {
		rb.broken = true
	}
	rb.lastM[id] = m
	return nil
}

// build sorts the records by customer (and month) and runs the engine over
// them: one bucket at a time, when customers are in order of first
// appearance (so the records sorted are only a bucket's beyond the
// records themselves), else all at once.
func (rb *recordBuilder) build() (*Ledger, error) {
	b := rb.b
	if rb.n == 0 {
		return b.finish()
	}
	if b.keep {
		sorted := rb.sort()
		if rb.broken {
			rb.sortMonths(sorted)
		}
		return rb.run(sorted)
	}
	st := rb.runStart()
	size := 0
	for k := range rb.buckets {
		size = max(size, rb.bucketLen(k))
	}
	scratch := make([]rec, size)
	var start []uint32
	for k := range rb.buckets {
		var seg []rec
		seg, start = rb.sortBucket(k, scratch, start)
		if rb.broken {
			rb.sortMonths(seg)
		}
		if err := st.feed(seg); err != nil {
			return nil, err
		}
	}
	return st.end()
}

// bucketLen is the number of records in bucket k.
func (rb *recordBuilder) bucketLen(k int) int {
	n := len(rb.buckets[k].tail)
	for _, c := range rb.buckets[k].full {
		n += len(c)
	}
	return n
}

// sortBucket sorts bucket k's records by customer into scratch, stably,
// with start as the counting sort's offsets (grown when too short; returned
// for the next bucket), and lets the bucket go.
func (rb *recordBuilder) sortBucket(k int, scratch []rec, start []uint32) ([]rec, []uint32) {
	lo := k << segShift
	hi := min(lo+1<<segShift, len(rb.names))
	if cap(start) < hi-lo+1 {
		start = make([]uint32, hi-lo+1)
	}
	start = start[:hi-lo+1]
	start[0] = 0
	for id := lo; id < hi; id++ {
		start[id-lo+1] = start[id-lo] + rb.counts[id]
	}
	out := scratch[:start[hi-lo]]
	bk := &rb.buckets[k]
	for _, c := range append(bk.full, bk.tail) {
		for _, r := range c {
			j := int(r.cust) - lo
			out[start[j]] = r
			start[j]++
		}
	}
	*bk = recBucket{}
	return out, start
}

// run is the streaming build over the records in customer then month order.
func (rb *recordBuilder) run(sorted []rec) (*Ledger, error) {
	st := rb.runStart()
	if err := st.feed(sorted); err != nil {
		return nil, err
	}
	return st.end()
}

// recRun is the streaming build over records in customer then month order,
// fed in parts that do not split a customer's records.
type recRun struct {
	rb *recordBuilder
	// A repeated (customer, subscription, month) can only be a record of
	// the same customer and month as the one before it (the records are in
	// month order): the first record of a month is never one, and costs one
	// comparison. From the month's second record on, lastPair (the month
	// each subscription was last seen) and empty (the subscription "") tell.
	lastPair       []int32
	dup            *metrics.RowError
	cur            uint32
	month          int32
	firstPair      uint32
	grouped, empty bool
}

// runStart starts the streaming build.
func (rb *recordBuilder) runStart() *recRun {
	b := rb.b
	b.ensure(b.lo) // the whole span at once: every month is the hot path's
	b.ensure(b.hi)
	return &recRun{rb: rb, lastPair: make([]int32, len(rb.pairNames)), cur: math.MaxUint32}
}

// end ends the streaming build.
func (st *recRun) end() (*Ledger, error) {
	if st.dup != nil {
		return nil, st.dup
	}
	return st.rb.b.finish()
}

// feed runs the build over the next records.
func (st *recRun) feed(sorted []rec) error {
	rb := st.rb
	b := rb.b
	lastPair, dup := st.lastPair, st.dup
	cur, month, firstPair, grouped, empty := st.cur, st.month, st.firstPair, st.grouped, st.empty
	defer func() {
		st.dup = dup
		st.cur, st.month, st.firstPair, st.grouped, st.empty = cur, month, firstPair, grouped, empty
	}()
	for i := 0; i < len(sorted); i++ {
		r := &sorted[i]
		same := r.cust == cur
		if same && b.streak {
			// The customer's next months, as far as the hot path goes: a
			// record of the month after the one before cannot repeat it.
			if n := b.hotRun(sorted[i:]); n > 0 {
				i += n - 1
				month, firstPair, grouped, empty = sorted[i].month, sorted[i].pair, false, false
				continue
			}
		}
		m := r.month &^ sideBit
		repeated := false
		switch {
		case !same || m != month:
			cur, month, firstPair, grouped, empty = r.cust, m, r.pair, false, false
		default:
			if !grouped { // the month's first record, seen now
				if grouped = true; firstPair == 0 {
					empty = true
				} else {
					lastPair[firstPair] = m
				}
			}
			if r.pair == 0 {
				repeated, empty = empty, true
			} else {
				repeated, lastPair[r.pair] = lastPair[r.pair] == m, m
			}
		}
		if repeated {
			re := rowErr(&Row{Customer: rb.names[r.cust], Subscription: rb.pairNames[r.pair], Month: monthOfIndex(m)}, int64(r.pos), "subscription",
				fmt.Errorf("%w: customer, subscription and month repeated", metrics.ErrDuplicate))
			if !b.lax {
				if dup == nil || re.Record < dup.Record {
					dup = re
				}
				continue
			}
			if err := b.reject(re); err != nil {
				return err
			}
			continue
		}
		if r.month&sideBit == 0 {
			name := ""
			if !same {
				name = rb.names[r.cust]
			}
			if b.hotStep(same, name, m, r.val) {
				continue
			}
		}
		b.row = int64(r.pos)
		var mrr metrics.Money
		if r.month&sideBit != 0 {
			mrr = rb.side[r.val]
		} else {
			mrr, _ = metrics.MoneyFromMinor(r.val, fixed.Scale, b.l.cur) // the currency was checked
		}
		if err := b.general(same, rb.names[r.cust], m, &mrr); err != nil {
			return err
		}
	}
	return nil
}

// sort returns the records in customer order with a stable counting sort:
// customers by first appearance, or by ID (as strings.Compare) with KeepLog,
// so the log reads as BuildSorted's.
func (rb *recordBuilder) sort() []rec {
	n := len(rb.names)
	start := make([]uint32, n+1)
	var rank []uint32
	if rb.b.keep {
		byName := make([]uint32, n)
		for k := range byName {
			byName[k] = uint32(k)
		}
		slices.SortFunc(byName, func(x, y uint32) int { return strings.Compare(rb.names[x], rb.names[y]) })
		rank = make([]uint32, n)
		for k, id := range byName {
			rank[id] = uint32(k)
		}
		for id, c := range rb.counts {
			start[rank[id]+1] = c
		}
	} else {
		copy(start[1:], rb.counts)
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	// Each customer's records are in one bucket, in input order: the sort
	// is stable whatever the order of the buckets. Each bucket is let go
	// once sorted.
	out := make([]rec, rb.n)
	for b := range rb.buckets {
		k := &rb.buckets[b]
		for _, c := range append(k.full, k.tail) {
			if rank == nil {
				for _, r := range c {
					out[start[r.cust]] = r
					start[r.cust]++
				}
				continue
			}
			for _, r := range c {
				k := rank[r.cust]
				out[start[k]] = r
				start[k]++
			}
		}
		*k = recBucket{}
	}
	return out
}

// sortMonths sorts each customer's records by month, stably (so rows of one
// month keep their input order), where they are out of order.
func (rb *recordBuilder) sortMonths(recs []rec) {
	for i := 0; i < len(recs); {
		j := i + 1
		ordered := true
		for ; j < len(recs) && recs[j].cust == recs[i].cust; j++ {
			ordered = ordered && recs[j].month&^sideBit >= recs[j-1].month&^sideBit
		}
		if !ordered {
			slices.SortStableFunc(recs[i:j], func(x, y rec) int { return int(x.month&^sideBit) - int(y.month&^sideBit) })
		}
		i = j
	}
}
