package cohort

// One member's life in its cohort, month by month: the build feeds each
// member's paid months in ascending order and the member records, per
// period since its first paid month, only what changes — movements at the
// periods where its sampled MRR changes, its revenue between samples, the
// period its cohort life ends — so that a member paying the same amount
// every month costs a comparison per month. The finalisation (table.go)
// turns those changes into the cells by running sums.

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// subCohort holds the members acquired in one month with one segment: they
// share their observation window, so its cells are complete or absent,
// never partial.
type subCohort struct {
	segment  string
	acquired int32 // month index of the first paid month
	size     int64
	base     sum       // Σ first-month MRR
	cells    []subCell // by period since acquisition
	ends     []int64   // members whose cohort life ends at period k (Kaplan–Meier events, before censoring)
}

// subCell is what changes at one period of a sub-cohort.
type subCell struct {
	exp, contr, churn, react sum   // MRR movements from the period before
	short                    sum   // change of Σ max(0, base − MRR): the gross-retention shortfall
	between                  sum   // MRR of paid months strictly after the previous sample month (revenue)
	churned, reactivated     int64 // logo movements under the reactivation rule
}

// cell returns s's cell of period k, growing the row within the cell
// budget; past it, it records the error and returns a scratch cell (the
// build then stops).
func (c *core) cell(s *subCohort, k int32) *subCell {
	if int(k) < len(s.cells) {
		return &s.cells[k]
	}
	return c.grow(s, k)
}

// grow is cell's path when the row must grow.
func (c *core) grow(s *subCohort, k int32) *subCell {
	if !c.spend(int64(int(k) + 1 - len(s.cells))) {
		return &c.scratch
	}
	s.cells = append(s.cells, make([]subCell, int(k)+1-len(s.cells))...)
	return &s.cells[k]
}

// end records that a member's cohort life ends at period k of s.
func (c *core) end(s *subCohort, k int32) {
	if d := int(k) + 1 - len(s.ends); d > 0 {
		if !c.spend(int64(d)) {
			return
		}
		s.ends = append(s.ends, make([]int64, d)...)
	}
	s.ends[k]++
}

// Cells are bounded by the input: at most cellsPerRow a row read, beyond
// a floor of cellsFloor, so that no date a caller sends (a first month
// a century before Through, in many segments) makes the build allocate
// more than a constant times its input.
const (
	cellsPerRow = 64
	cellsFloor  = 1 << 16
)

// spend takes n cells from the budget, or records the error.
func (c *core) spend(n int64) bool {
	if c.err != nil {
		return false
	}
	c.used += n
	if c.used > cellsPerRow*c.rows+cellsFloor {
		c.err = errTooManyCells(c.used, c.rows)
		return false
	}
	return true
}

// errTooManyCells is the error of a table too large for its input.
func errTooManyCells(cells, rows int64) error {
	return metrics.NewMetricError("cohort", "through", fmt.Errorf("%w: %d cells for %d rows (at most %d a row beyond %d): a shorter span (Through) or a coarser Grain",
		metrics.ErrOutOfRange, cells, rows, cellsPerRow, cellsFloor))
}

// member is the state of one member (a customer, or a subscription) while
// its paid months stream in.
type member struct {
	sub     *subCohort // nil until its first paid month
	base    amt        // MRR of the first paid month
	last    int32      // months from the first paid month to the last paid month seen
	sk      int32      // the last period sampled
	sv      amt        // MRR at that sample (0 when unpaid or excluded)
	active  bool       // logo state at that sample, under the rule
	gapSeen bool       // the first paying stint has ended
	done    bool       // ReactivationExcluded: the first stint has ended, nothing more counts
	row     int32      // month index of the member's last row (order and duplicate checks)
	rowSet  bool       // row is set
}

// reset makes m a new member.
func (m *member) reset() { *m = member{} }

// start makes m paying from its first paid month, in sub, at MRR v.
func (c *core) start(m *member, sub *subCohort, v amt) {
	*m = member{sub: sub, base: v, sv: v, active: true, row: m.row, rowSet: m.rowSet}
	sub.size++
	sub.base.add(v, c.cur)
}

// pay takes the member's paid month t months after its first, at MRR
// v > 0; t is larger than every month given before.
func (c *core) pay(m *member, t int32, v amt) {
	if c.steady(m, t, v) {
		m.last, m.sk = t, t
		return
	}
	c.payGeneral(m, t, v)
}

// steady reports whether month t at v is the common one — the next month,
// with monthly periods (so the last paid month was the last sample), at the
// same amount, the member active — which changes nothing but the member's
// position.
func (c *core) steady(m *member, t int32, v amt) bool {
	return t == m.last+1 && c.g == 1 && v == m.sv && m.active
}

// payGeneral is pay's path for every other month.
func (c *core) payGeneral(m *member, t int32, v amt) {
	if m.done {
		return
	}
	g := c.g
	if t > m.last+1 { // unpaid months m.last+1 … t−1
		k1 := m.last/g + 1 // the first period sampled after the last paid month
		if !m.gapSeen {
			m.gapSeen = true
			if c.rule != ReactivationFillsGaps {
				c.end(m.sub, k1) // the first stint's end is the survival event
			}
		}
		if c.rule == ReactivationExcluded {
			c.finish(m)
			m.done = true
			return
		}
		if k1*g < t { // that sample falls in the gap
			c.move(m, k1, amt{})
			if c.rule == ReactivationCounts && m.active {
				c.cell(m.sub, k1).churned++
				m.active = false
			}
			m.sk, m.sv = k1, amt{}
		}
	}
	if t%g == 0 {
		k := t / g
		c.move(m, k, v)
		if !m.active {
			c.cell(m.sub, k).reactivated++
			m.active = true
		}
		m.sk, m.sv = k, v
	} else {
		c.cell(m.sub, t/g+1).between.add(v, c.cur)
	}
	m.last = t
}

// finish closes a member after its last paid month: its MRR falls to 0 at
// the next sample and its logo churns there. Cells beyond the data are cut
// when the Table is finalised, so a member paying in Through never churns.
func (c *core) finish(m *member) {
	if m.sub == nil || m.done {
		return
	}
	k1 := m.last/c.g + 1
	c.move(m, k1, amt{})
	if m.active {
		c.cell(m.sub, k1).churned++
	}
	if c.rule == ReactivationFillsGaps || !m.gapSeen {
		c.end(m.sub, k1)
	}
}

// move records the change of the member's sampled MRR from m.sv to v at
// period k: one movement class and the change of its shortfall below base.
func (c *core) move(m *member, k int32, v amt) {
	x := m.sv
	if x.d == nil && v.d == nil && m.base.d == nil { // inline amounts ≥ 0: no step can overflow
		if v.p == x.p {
			return
		}
		cell := c.cell(m.sub, k)
		switch {
		case x.p > 0 && v.p > x.p:
			cell.exp.addPico(v.p-x.p, c.cur)
		case x.p > 0 && v.p > 0:
			cell.contr.addPico(x.p-v.p, c.cur)
		case x.p > 0:
			cell.churn.addPico(x.p, c.cur)
		default:
			cell.react.addPico(v.p, c.cur)
		}
		if d := max(0, m.base.p-v.p) - max(0, m.base.p-x.p); d != 0 {
			cell.short.addPico(d, c.cur)
		}
		return
	}
	if v.cmp(x) == 0 {
		return
	}
	cell := c.cell(m.sub, k)
	switch xs, vs := x.sign(), v.sign(); {
	case xs > 0 && vs > 0 && v.cmp(x) > 0:
		cell.exp.add(v.sub(x), c.cur)
	case xs > 0 && vs > 0:
		cell.contr.add(x.sub(v), c.cur)
	case xs > 0:
		cell.churn.add(x, c.cur)
	default:
		cell.react.add(v, c.cur)
	}
	if d := shortfall(m.base, v).sub(shortfall(m.base, x)); d.sign() != 0 {
		cell.short.add(d, c.cur)
	}
}
