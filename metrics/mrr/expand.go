package mrr

// Subscriptions → customer-month MRR rows → the ledger, with one Options
// value and errors travelling with the data.

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Expand turns subscription records into customer-month MRR rows for the
// ledger, under opts.Conventions: one row per subscription and month in which
// its MRR is positive, from the month of its Start through opts.Through —
// never later, so open-ended subscriptions do not run past the data (the
// "spine past today" bug). When opts.Through is zero it is the data's last
// month: the latest month of any date in the records (start, end,
// cancellation, trial end, pause, discount start); Expand then reads every
// record before it yields the first row (memory proportional to the
// records), so set Through to stream.
//
// Errors travel in the stream: a record that fails Subscription.Validate, a
// subscription ID repeated within a customer's consecutive records, and any
// *metrics.RowError the source yields are yielded in place as a
// *metrics.RowError (its Record the item's 1-based position in subs unless
// the source set one), and expansion goes on with the next record; a consumer
// in strict mode stops there, a lenient one records it. Any other error from
// the source, or invalid conventions, is yielded and ends the stream.
//
// Consecutive records of one customer are expanded together, month by month
// (within a month, in input order), so when subs is sorted by customer the
// rows come out sorted by customer then month and stream straight into
// BuildSorted, holding one customer's subscriptions in memory. Records of
// one customer that are not consecutive still give every row, but in
// separate runs: use Build for them, or FromSubscriptions, which sorts.
//
// When you feed Expand's rows to Build or BuildSorted yourself, give both the
// same opts with Through set: the ledger learns its span from the rows it
// sees, so with a zero Through a subscription that ended before the data's
// last month would not show its churn. FromSubscriptions does this for you.
func Expand(subs iter.Seq2[Subscription, error], opts Options) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		if err := opts.Conventions.Validate(); err != nil {
			yield(Row{}, err)
			return
		}
		if opts.Through.IsZero() {
			items := collect(subs)
			opts.Through = lastDataMonth(items)
			subs = replay(items)
		}
		e := expansion{conv: opts.Conventions, through: opts.Through}
		var k int64
		for s, err := range subs {
			k++
			if err == nil {
				err = e.add(s, k)
			}
			if err != nil {
				if re, ok := err.(*metrics.RowError); ok && re.Record == 0 {
					c := *re
					c.Record = k
					err = &c
				}
				if !yield(Row{}, err) {
					return
				}
				if _, ok := err.(*metrics.RowError); !ok {
					return // not a record's error: the source cannot go on
				}
				continue
			}
			if !e.flushIfNew(yield) {
				return
			}
		}
		e.emit(yield)
	}
}

// FromSubscriptions builds the ledger of subscription records in any order,
// with one Options value from the records to the ledger: the conventions
// decide both each month's MRR and the ledger's classification and rates, and
// a zero opts.Through is the data's last month, as Expand says. It reads every
// record first (memory proportional to the records, not to the customer-months
// they expand to), sorts them by customer (stably), and streams their rows
// into the sorted build.
//
// A bad record is a *metrics.RowError naming its 1-based record number (and
// its line, when the source is text): in strict mode the first one is the
// build's error; with opts.Lenient every one is listed by Ledger.Rejected and
// the build goes on. Any other error from the source ends the build with that
// error. A build never returns a ledger with a nil error after its source
// failed.
func FromSubscriptions(subs iter.Seq2[Subscription, error], opts Options) (*Ledger, error) {
	if _, err := checkOptions(opts); err != nil {
		return nil, err
	}
	var recs []expanding
	var rejected []metrics.RowError
	var k int64
	for s, err := range subs {
		k++
		if err == nil {
			if verr := s.Validate(); verr != nil {
				err = verr
			}
		}
		if err != nil {
			re, ok := err.(*metrics.RowError)
			if !ok || !opts.Lenient {
				if ok && re.Record == 0 {
					c := *re
					c.Record = k
					return nil, &c
				}
				return nil, err
			}
			c := *re
			if c.Record == 0 {
				c.Record = k
			}
			if opts.MaxRejected > 0 && len(rejected) >= opts.MaxRejected {
				return nil, tooManyRejected(opts.MaxRejected, &c)
			}
			rejected = append(rejected, c)
			continue
		}
		recs = append(recs, expanding{s: s, record: k})
	}
	if opts.Through.IsZero() {
		for _, r := range recs {
			opts.Through = laterMonth(opts.Through, r.s.lastMonth())
		}
	}
	slices.SortStableFunc(recs, func(a, b expanding) int { return cmp.Compare(a.s.Customer, b.s.Customer) })
	e := expansion{conv: opts.Conventions, through: opts.Through}
	var b *builder
	rows := func(yield func(Row, error) bool) {
		// Each row takes its record's number (b.row is the number of the
		// item the build reads), so an error the build finds in a row — a
		// currency other than the reporting one without Rates, a failing
		// rate — names the record, not the row's place among the rows.
		numbered := func(r Row, err error) bool {
			if err == nil {
				b.row = e.record - 1
			}
			return yield(r, err)
		}
		for _, r := range recs {
			if err := e.add(r.s, r.record); err != nil {
				if !yield(Row{}, err) {
					return
				}
				continue
			}
			if !e.flushIfNew(numbered) {
				return
			}
		}
		e.emit(numbered)
	}
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	b.l.rejected = rejected
	if opts.Through.IsZero() { // no valid record: an empty ledger
		return b.finish()
	}
	return b.runRows(rows)
}

// item is one pair of a subscription stream.
type item struct {
	s   Subscription
	err error
}

// collect reads a whole stream: every pair, up to and including the first
// error that is not a record's (which the replay yields last).
func collect(subs iter.Seq2[Subscription, error]) []item {
	var items []item
	for s, err := range subs {
		items = append(items, item{s, err})
		if _, ok := err.(*metrics.RowError); err != nil && !ok {
			break
		}
	}
	return items
}

// replay yields collected pairs again.
func replay(items []item) iter.Seq2[Subscription, error] {
	return func(yield func(Subscription, error) bool) {
		for _, it := range items {
			if !yield(it.s, it.err) {
				return
			}
		}
	}
}

// lastDataMonth is the latest month of any date in the valid records.
func lastDataMonth(items []item) metrics.Month {
	var last metrics.Month
	for _, it := range items {
		if it.err == nil && it.s.Validate() == nil {
			last = laterMonth(last, it.s.lastMonth())
		}
	}
	return last
}

// lastMonth is the latest month of any date of a valid record.
func (s *Subscription) lastMonth() metrics.Month {
	last := metrics.MonthOf(s.Start.UTC())
	dates := []time.Time{s.End, s.CancelledAt, s.TrialEnd, s.PausedFrom}
	for _, d := range s.Discounts {
		dates = append(dates, d.Start)
	}
	for _, t := range dates {
		if !t.IsZero() {
			last = laterMonth(last, metrics.MonthOf(t.UTC()))
		}
	}
	return last
}

// laterMonth returns the later of two months (a zero month counts as none).
func laterMonth(a, b metrics.Month) metrics.Month {
	if a.IsZero() || b.After(a) {
		return b
	}
	return a
}

// expansion is the state of an expansion: the current customer's records,
// and the customer whose records are complete and wait to be emitted.
type expansion struct {
	conv    Conventions
	through metrics.Month
	group   []expanding      // the current customer's valid records
	ids     map[string]int64 // their IDs → records, to find a repeated ID in linear time
	done    []expanding      // a finished customer's records, to emit
	record  int64            // the record of the row last yielded
}

// add takes a valid-or-not record at 1-based position record: it validates
// it and a repeated subscription ID within the customer, and starts a new
// group when the customer changes (the finished one waits in e.done).
func (e *expansion) add(s Subscription, record int64) error {
	if err := s.Validate(); err != nil {
		re := *err.(*metrics.RowError)
		re.Record = record
		return &re
	}
	first := metrics.MonthOf(s.Start.UTC())
	if !e.through.IsZero() && e.through.Sub(first) >= MaxSpanMonths {
		re := subErr(&s, "start", fmt.Errorf("%w: %s is more than %d months before %s (MaxSpanMonths)", metrics.ErrOutOfRange, first, MaxSpanMonths, e.through))
		re.Record = record
		return re
	}
	if len(e.group) > 0 && e.group[0].s.Customer != s.Customer {
		e.done, e.group, e.ids = e.group, nil, nil
	}
	if e.ids == nil {
		e.ids = make(map[string]int64)
	}
	if prev, dup := e.ids[s.ID]; dup {
		re := subErr(&s, "id", metrics.ErrDuplicate)
		re.Record = record
		re.Detail += " (also record " + strconv.FormatInt(prev, 10) + ")"
		return re
	}
	e.ids[s.ID] = record
	e.group = append(e.group, expanding{s: s, record: record, end: s.effectiveEnd(e.conv), first: first})
	return nil
}

// flushIfNew emits a finished customer's rows, and reports whether the
// consumer wants more.
func (e *expansion) flushIfNew(yield func(Row, error) bool) bool {
	if e.done == nil {
		return true
	}
	ok := e.rows(e.done, yield)
	e.done = nil
	return ok
}

// emit emits whatever is left at the end of the stream.
func (e *expansion) emit(yield func(Row, error) bool) {
	if e.flushIfNew(yield) {
		e.rows(e.group, yield)
	}
	e.group = nil
}

// rows yields the rows of one customer's records, month by month from the
// earliest start through the last month (within a month, in input order),
// and reports whether the consumer wants more. It visits only the records
// live in a month and skips months in which none is, so its time is
// proportional to the rows it yields plus the records, not to the months
// between them.
func (e *expansion) rows(group []expanding, yield func(Row, error) bool) bool {
	if len(group) == 0 {
		return true
	}
	pending := make([]int, len(group)) // records by first month
	for k := range pending {
		pending[k] = k
	}
	slices.SortStableFunc(pending, func(a, b int) int { return group[a].first.Compare(group[b].first) })
	var active []int // records started and not ended, in input order
	next := 0
	m := group[pending[0]].first
	for {
		if len(active) == 0 { // nothing live: jump to the next start
			if next == len(pending) || group[pending[next]].first.After(e.through) {
				return true
			}
			m = group[pending[next]].first
		}
		added := false
		for next < len(pending) && !group[pending[next]].first.After(m) {
			active = append(active, pending[next])
			next, added = next+1, true
		}
		if added {
			slices.Sort(active)
		}
		start, end := m.Start(time.UTC), monthEnd(m)
		live := active[:0]
		for _, k := range active {
			g := &group[k]
			if !g.end.IsZero() && g.end.Before(start) {
				continue // ended before this month began: no later month can count
			}
			live = append(live, k)
			if mrr := g.mrr(m, end, e.conv); mrr.Sign() != 0 {
				e.record = g.record
				if !yield(Row{Customer: g.s.Customer, Subscription: g.s.ID, Month: m, MRR: mrr}, nil) {
					return false
				}
			}
		}
		active = live
		if m == e.through || !m.Before(e.through) {
			return true // the last month (Add saturates at 9999-12: stop there, not forever)
		}
		m = m.Add(1)
	}
}
