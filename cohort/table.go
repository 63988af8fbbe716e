package cohort

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Key identifies a cohort: the first month of its acquisition period (zero
// when cohorts ignore acquisition, Options.SegmentOnly) and the caller's
// segment ("" without Options.Segment). Keys compare with ==.
type Key struct {
	Acquired metrics.Month // first month of the acquisition month, quarter or year
	Segment  string        // the caller's key
}

// compareKeys orders keys by acquisition, then segment.
func compareKeys(a, b Key) int {
	if c := a.Acquired.Compare(b.Acquired); c != 0 {
		return c
	}
	return strings.Compare(a.Segment, b.Segment)
}

// Table is the cohort triangle: for every cohort and every period since
// acquisition that the data observes, a Cell. Build it with Build,
// BuildSorted or FromLedger; combine tables of disjoint customer shards
// with Merge. A Table is immutable once built and safe for concurrent
// reads; its JSON is its complete state.
type Table struct {
	s        settings
	rows     []cohortRow // by key
	rejected []metrics.RowError
	index    map[Key]int // row positions while the rows are added (nil once sorted)
}

// cohortRow is one cohort: its members by acquisition month, its cells and
// its survival counts.
type cohortRow struct {
	key      Key
	acquired []acquiredCount // by month
	cells    []cellSums      // by period: the members observed there
	ends     []int64         // Kaplan–Meier events at period k
	censored []int64         // members last observed (alive) at period k
}

// acquiredCount is how many members of a cohort first paid in a month.
type acquiredCount struct {
	month metrics.Month
	n     int64
}

// cellSums are a cell's additive sums over the members observed in it.
type cellSums struct {
	observed, active, prevActive, churned, reactivated   int64
	mrr, base, capped, prevMRR, exp, contr, churn, react metrics.Money
	revenue                                              metrics.Money
}

// add adds o to c (one currency: the table's).
func (c *cellSums) add(o *cellSums) {
	c.observed += o.observed
	c.active += o.active
	c.prevActive += o.prevActive
	c.churned += o.churned
	c.reactivated += o.reactivated
	for _, p := range [...]struct{ a, b *metrics.Money }{
		{&c.mrr, &o.mrr}, {&c.base, &o.base}, {&c.capped, &o.capped}, {&c.prevMRR, &o.prevMRR},
		{&c.exp, &o.exp}, {&c.contr, &o.contr}, {&c.churn, &o.churn}, {&c.react, &o.react}, {&c.revenue, &o.revenue},
	} {
		*p.a = plus(*p.a, *p.b)
	}
}

// plus returns a + b for amounts of the table's one currency (or zero).
func plus(a, b metrics.Money) metrics.Money {
	s, _ := a.Add(b)
	return s
}

// minus returns a − b for amounts of the table's one currency.
func minus(a, b metrics.Money) metrics.Money {
	s, _ := a.Sub(b)
	return s
}

// key returns the cohort key of a sub-cohort.
func (t *Table) key(s *subCohort) Key {
	k := Key{Segment: s.segment}
	if !t.s.SegmentOnly {
		k.Acquired = t.s.Grain.start(monthOf(s.acquired))
	}
	return k
}

// row returns the row of key k, adding it at the end when absent (sortRows
// restores the order).
func (t *Table) row(k Key) *cohortRow {
	if t.index == nil {
		t.index = make(map[Key]int, len(t.rows))
		for i := range t.rows {
			t.index[t.rows[i].key] = i
		}
	}
	i, ok := t.index[k]
	if !ok {
		i = len(t.rows)
		t.index[k] = i
		t.rows = append(t.rows, cohortRow{key: k})
	}
	return &t.rows[i]
}

// sortRows orders the rows by key.
func (t *Table) sortRows() {
	slices.SortFunc(t.rows, func(a, b cohortRow) int { return compareKeys(a.key, b.key) })
	t.index = nil
}

// grow extends r's periods to n, with empty cells.
func (r *cohortRow) grow(n int) {
	if d := n - len(r.cells); d > 0 {
		r.cells = append(r.cells, make([]cellSums, d)...)
		r.ends = append(r.ends, make([]int64, d)...)
		r.censored = append(r.censored, make([]int64, d)...)
	}
}

// addSub finalises a sub-cohort into its cohort's row: it runs the sums of
// its changes period by period up to the last period Through observes, and
// cuts what lies beyond (a cell after Through is not observed; a member
// paying in Through has not churned).
func (t *Table) addSub(s *subCohort, cur string) {
	r := t.row(t.key(s))
	acq := monthOf(s.acquired)
	r.addAcquired(acq, s.size)
	last := t.s.Through.Sub(acq) / int(t.s.Grain.months()) // the last period observed
	r.grow(last + 1)
	zero, _ := metrics.MoneyFromInt(0, cur)
	base := s.base.money(cur)
	mrr, shortfall, revenue := base, zero, zero
	active := s.size
	for k := 0; k <= last; k++ {
		c := cellSums{observed: s.size, base: base, prevMRR: zero}
		if k > 0 {
			c.prevActive, c.prevMRR = active, mrr
		}
		if k < len(s.cells) {
			sc := &s.cells[k]
			c.exp, c.contr, c.churn, c.react = sc.exp.money(cur), sc.contr.money(cur), sc.churn.money(cur), sc.react.money(cur)
			c.churned, c.reactivated = sc.churned, sc.reactivated
			mrr = plus(minus(plus(minus(mrr, c.churn), c.react), c.contr), c.exp)
			shortfall = plus(shortfall, sc.short.money(cur))
			revenue = plus(revenue, sc.between.money(cur))
			active += c.reactivated - c.churned
		} else {
			c.exp, c.contr, c.churn, c.react = zero, zero, zero, zero
		}
		revenue = plus(revenue, mrr)
		c.active, c.mrr, c.capped, c.revenue = active, mrr, minus(base, shortfall), revenue
		r.cells[k].add(&c)
	}
	// Survival: an end within the window is an event; the others (still
	// alive at the last period observed) are censored there.
	alive := s.size
	for k, n := range s.ends {
		if k > last {
			break
		}
		r.ends[k] += n
		alive -= n
	}
	r.censored[last] += alive
}

// addAcquired adds n members first paid in month m.
func (r *cohortRow) addAcquired(m metrics.Month, n int64) {
	i, found := slices.BinarySearchFunc(r.acquired, m, func(a acquiredCount, m metrics.Month) int { return a.month.Compare(m) })
	if found {
		r.acquired[i].n += n
		return
	}
	r.acquired = slices.Insert(r.acquired, i, acquiredCount{m, n})
}

// size returns the cohort's member count.
func (r *cohortRow) size() int64 {
	var n int64
	for _, a := range r.acquired {
		n += a.n
	}
	return n
}

// Currency returns the reporting currency.
func (t *Table) Currency() string { return t.s.Currency }

// Through returns the last month of the data.
func (t *Table) Through() metrics.Month { return t.s.Through }

// Grain returns the cohorts' and periods' grain.
func (t *Table) Grain() Grain { return t.s.Grain }

// Rejected returns the records a lenient build skipped, by record number.
func (t *Table) Rejected() []metrics.RowError { return slices.Clone(t.rejected) }

// Keys returns the cohorts' keys, by acquisition then segment.
func (t *Table) Keys() []Key {
	out := make([]Key, len(t.rows))
	for i := range t.rows {
		out[i] = t.rows[i].key
	}
	return out
}

// find returns the row of key k.
func (t *Table) find(k Key) (*cohortRow, bool) {
	i, ok := slices.BinarySearchFunc(t.rows, k, func(r cohortRow, k Key) int { return compareKeys(r.key, k) })
	if !ok {
		return nil, false
	}
	return &t.rows[i], true
}

// Size returns the number of members of cohort k (0 when there is no such
// cohort).
func (t *Table) Size(k Key) int64 {
	r, ok := t.find(k)
	if !ok {
		return 0
	}
	return r.size()
}

// Periods returns the number of periods of the widest cohort: its periods
// run from 0 to Periods()−1.
func (t *Table) Periods() int {
	n := 0
	for i := range t.rows {
		n = max(n, len(t.rows[i].cells))
	}
	return n
}

// Cell returns the cell of cohort k at period p (0-based, whatever the
// Index), and false when the data cannot have observed it.
func (t *Table) Cell(k Key, p int) (Cell, bool) {
	r, ok := t.find(k)
	if !ok || p < 0 || p >= len(r.cells) || r.cells[p].observed == 0 {
		return Cell{}, false
	}
	return t.cell(r, p), true
}

// Cells ranges over every observed cell, cohort by cohort (by key), period
// by period.
func (t *Table) Cells() iter.Seq[Cell] {
	return func(yield func(Cell) bool) {
		for i := range t.rows {
			r := &t.rows[i]
			for p := range r.cells {
				if r.cells[p].observed == 0 {
					continue
				}
				if !yield(t.cell(r, p)) {
					return
				}
			}
		}
	}
}

// cell builds the exported Cell of row r at period p.
func (t *Table) cell(r *cohortRow, p int) Cell {
	c := &r.cells[p]
	size := r.size()
	g := int(t.s.Grain.months())
	partial := c.observed < size
	if t.s.PartialLast && !partial {
		for _, a := range r.acquired {
			if a.month.Add(p*g) == t.s.Through {
				partial = true
				break
			}
		}
	}
	out := Cell{
		Cohort: r.key, Period: p, Size: size, Observed: c.observed, Partial: partial,
		Active: c.active, PrevActive: c.prevActive, ChurnedCustomers: c.churned, ReactivatedCustomers: c.reactivated,
		MRR: c.mrr, BaseMRR: c.base, CappedMRR: c.capped, PrevMRR: c.prevMRR,
		Expansion: c.exp, Contraction: c.contr, Churn: c.churn, Reactivation: c.react, Revenue: c.revenue,
	}
	if !t.s.SegmentOnly {
		out.Calendar = r.key.Acquired.Add(p * g)
	}
	return out
}

// Label returns the label of period p under the Table's Index: "0", "1"
// or the calendar period of cohort k ("2024-03", "2024-Q2", "2024").
func (t *Table) Label(k Key, p int) string {
	switch t.s.Index {
	case IndexOne:
		return fmt.Sprint(p + 1)
	case IndexCalendar:
		return t.s.Grain.label(k.Acquired.Add(p * int(t.s.Grain.months())))
	}
	return fmt.Sprint(p)
}

// KeyLabel returns a cohort's label: its acquisition period ("2024-03",
// "2024-Q2", "2024") and segment, joined by a space.
func (t *Table) KeyLabel(k Key) string {
	if t.s.SegmentOnly {
		return k.Segment
	}
	s := t.s.Grain.label(k.Acquired)
	if t.s.Segmented {
		s += " " + k.Segment
	}
	return s
}

// Merge returns the Table of t's and o's customers together: tables built
// on disjoint shards of customers, with equal options (metrics.ErrInvalid
// otherwise), merge into exactly the single-pass Table. A customer in both
// shards would be counted twice: the Table cannot tell, so shard by
// customer. Rejected records are listed together.
func (t *Table) Merge(o *Table) (*Table, error) {
	if t.s != o.s {
		return nil, metrics.NewMetricError("cohort", "merge", fmt.Errorf("%w: the tables were built with different options", metrics.ErrInvalid))
	}
	out := &Table{s: t.s, rows: make([]cohortRow, 0, len(t.rows)+len(o.rows))}
	for _, src := range []*Table{t, o} {
		for i := range src.rows {
			out.mergeRow(&src.rows[i])
		}
	}
	out.sortRows()
	out.rejected = append(slices.Clone(t.rejected), o.rejected...)
	slices.SortStableFunc(out.rejected, func(x, y metrics.RowError) int { return cmp.Compare(x.Record, y.Record) })
	return out, nil
}

// mergeRow adds a copy of row src into t.
func (t *Table) mergeRow(src *cohortRow) {
	r := t.row(src.key)
	for _, a := range src.acquired {
		r.addAcquired(a.month, a.n)
	}
	r.grow(len(src.cells))
	for k := range src.cells {
		r.cells[k].add(&src.cells[k])
		r.ends[k] += src.ends[k]
		r.censored[k] += src.censored[k]
	}
}

// Equal reports whether t and o hold the same options, cohorts, cells and
// rejected records (amounts compared by value: 1.5 equals 1.50), so go-cmp
// compares Tables with it.
func (t *Table) Equal(o *Table) bool {
	if t == nil || o == nil {
		return t == o
	}
	if t.s != o.s || len(t.rows) != len(o.rows) || !slices.EqualFunc(t.rejected, o.rejected, rowErrorEqual) {
		return false
	}
	for i := range t.rows {
		a, b := &t.rows[i], &o.rows[i]
		if a.key != b.key || !slices.Equal(a.acquired, b.acquired) || !slices.Equal(a.ends, b.ends) || !slices.Equal(a.censored, b.censored) ||
			!slices.EqualFunc(a.cells, b.cells, cellSumsEqual) {
			return false
		}
	}
	return true
}

// rowErrorEqual compares two rejected records by their fields and their
// errors' text.
func rowErrorEqual(a, b metrics.RowError) bool {
	return a.Record == b.Record && a.Line == b.Line && a.Entity == b.Entity && a.ID == b.ID && a.Detail == b.Detail &&
		a.Month == b.Month && a.Field == b.Field && a.Error() == b.Error()
}

// cellSumsEqual compares two cells' sums by value.
func cellSumsEqual(a, b cellSums) bool {
	return a.observed == b.observed && a.active == b.active && a.prevActive == b.prevActive && a.churned == b.churned &&
		a.reactivated == b.reactivated && a.mrr.Equal(b.mrr) && a.base.Equal(b.base) && a.capped.Equal(b.capped) &&
		a.prevMRR.Equal(b.prevMRR) && a.exp.Equal(b.exp) && a.contr.Equal(b.contr) && a.churn.Equal(b.churn) &&
		a.react.Equal(b.react) && a.revenue.Equal(b.revenue)
}
