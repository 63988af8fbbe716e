package forecast

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Change is one row of opportunity history: the opportunity as it stood
// after a change, recorded at At. A CRM writes one for every change of
// amount, probability, stage or close date (Salesforce's OpportunityHistory)
// and for closing; forecast snapshots, stage conversion and aging come from
// these rows.
type Change struct {
	At          time.Time   // when the change was recorded; required, not before the created date
	Opportunity Opportunity // the state after the change
}

// change is a validated Change, with what the roll-ups need.
type change struct {
	at    time.Time
	day   int64 // at's civil day
	rec   int64 // 1-based record in the source
	opp   int   // dense index of the opportunity's ID
	o     Opportunity
	a     Assignment
	key   Key
	e     entry
	stage int // funnel index of the stage, -1 when none (closing stage, no policy stages)
}

// History is validated opportunity history, sorted by opportunity and time:
// the forecast as it stood at any point (Snapshots), stage conversion
// (Conversion) and aging (Aging). Build it with LoadHistory. It is immutable
// once built and safe for concurrent reads.
type History struct {
	opts     Options
	currency string
	changes  []change // by (opportunity ID, at, record)
	funnel   []string // the funnel's stages, in order
	rejects  rejects
}

// detail names a change within its opportunity.
func detail(at time.Time) string { return "change at " + at.Format(time.RFC3339) }

// LoadHistory reads and validates opportunity history. Each change's
// opportunity is checked as Build checks one (its category decided by
// opts.Policy, its key by opts.By), and At must be set and not fall before
// the created date. Two changes of one opportunity at the same instant must
// agree (the later record is a *metrics.RowError wrapping ErrDuplicate
// otherwise; an identical one is dropped). Errors follow Build's leniency
// policy; each *metrics.RowError names the opportunity and, in Detail, the
// change. Memory is proportional to the history.
func LoadHistory(src iter.Seq2[Change, error], opts Options) (*History, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	h := &History{opts: b.r.opts, rejects: b.r.rejects}
	for i, s := range b.cp.names {
		if c := b.cp.stages[s].cat; c != CategoryClosed && c != CategoryOmitted {
			h.funnel = append(h.funnel, b.cp.names[i])
		}
	}
	funnelIndex := make(map[string]int, len(h.funnel))
	for i, s := range h.funnel {
		funnelIndex[s] = i
	}
	var i int64
	for c, err := range src {
		i++
		if err == nil {
			err = h.load(b, &c, i, funnelIndex)
		}
		if err != nil {
			if err := h.rejects.handle(err, i); err != nil {
				return nil, err
			}
		}
	}
	h.currency = b.r.currency
	slices.SortFunc(h.changes, func(x, y change) int {
		return cmp.Or(strings.Compare(x.o.ID, y.o.ID), x.at.Compare(y.at), cmp.Compare(x.rec, y.rec))
	})
	kept := h.changes[:0]
	opp := -1
	for j := range h.changes {
		c := h.changes[j]
		if len(kept) > 0 {
			prev := &kept[len(kept)-1]
			if prev.o.ID == c.o.ID && prev.at.Equal(c.at) {
				if sameOpportunity(&prev.o, &c.o) {
					continue
				}
				re := rowErr(&c.o, c.rec, c.key.Month, "at", fmt.Errorf("%w: another change of the opportunity at the same instant differs", metrics.ErrDuplicate))
				re.Detail = detail(c.at)
				if err := h.rejects.handle(re, c.rec); err != nil {
					return nil, err
				}
				continue
			}
			if prev.o.ID == c.o.ID {
				c.opp = opp
				kept = append(kept, c)
				continue
			}
		}
		opp++
		c.opp = opp
		kept = append(kept, c)
	}
	h.changes = slices.Clip(kept)
	return h, nil
}

// load validates change c (record i) and keeps it.
func (h *History) load(b *builder, c *Change, i int64, funnelIndex map[string]int) error {
	o := &c.Opportunity
	if err := b.prepare(o, i); err != nil {
		if re, ok := err.(*metrics.RowError); ok {
			re.Detail = detail(c.At)
		}
		return err
	}
	ch := change{at: c.At, rec: i, o: *o, a: b.a, key: b.k, e: b.entry(o), stage: -1}
	fail := func(err error) error {
		re := rowErr(o, i, metrics.Month{}, "at", err)
		re.Detail = detail(c.At)
		return re
	}
	if c.At.IsZero() {
		return fail(metrics.ErrMissing)
	}
	day, ok := dayNum(c.At)
	if !ok {
		return fail(fmt.Errorf("%w: year %d not in 1–9999", metrics.ErrOutOfRange, c.At.Year()))
	}
	created, _ := dayNum(o.Created) // validated by prepare
	if day < created {
		return fail(fmt.Errorf("%w: recorded before the opportunity was created (%s)", metrics.ErrInvalid, o.Created.Format(time.DateOnly)))
	}
	ch.day = day
	if idx, ok := funnelIndex[o.Stage]; ok {
		ch.stage = idx
	}
	h.changes = append(h.changes, ch)
	return nil
}

// sameOpportunity reports whether two states of an opportunity are equal.
func sameOpportunity(a, b *Opportunity) bool {
	return a.ID == b.ID && a.Account == b.Account && a.Owner == b.Owner && a.Manager == b.Manager &&
		a.Segment == b.Segment && a.Type == b.Type && a.Amount.Equal(b.Amount) && a.Amount.Currency() == b.Amount.Currency() &&
		a.Stage == b.Stage && a.Probability.Equal(b.Probability) && a.Created.Equal(b.Created) && a.Close.Equal(b.Close) &&
		a.Status == b.Status && a.Reason == b.Reason && a.Category == b.Category
}

// Currency returns the history's currency.
func (h *History) Currency() string { return h.currency }

// Rejected returns the records skipped in lenient mode (see Rollup.Rejected).
func (h *History) Rejected() []metrics.RowError { return slices.Clone(h.rejects.list) }

// Skipped returns the number of records skipped in lenient mode.
func (h *History) Skipped() int64 { return h.rejects.n }

// Snapshots returns the forecast as it stood at each time of at (in that
// order): a roll-up, by the history's Options.By, of every opportunity's
// latest change recorded at or before that time; an opportunity with no
// change yet is absent. A deal that slipped a quarter counts in the old
// quarter at the snapshots before the slip and in the new one after. Each
// snapshot's Overrides are the overrides in effect then. Time: sorting the
// history, plus one copy of the live cells per snapshot. A zero time is a
// *metrics.ValueError wrapping ErrMissing.
func (h *History) Snapshots(at ...time.Time) ([]*Rollup, error) {
	order := make([]int, len(at))
	for i, t := range at {
		if t.IsZero() {
			return nil, &metrics.ValueError{Op: "forecast.History.Snapshots", Input: fmt.Sprintf("at[%d]", i), Err: metrics.ErrMissing}
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return at[x].Compare(at[y]) })
	events := make([]int, len(h.changes))
	for i := range events {
		events[i] = i
	}
	slices.SortStableFunc(events, func(x, y int) int {
		return cmp.Or(h.changes[x].at.Compare(h.changes[y].at), cmp.Compare(h.changes[x].rec, h.changes[y].rec))
	})
	live := make(map[Key]*Totals)
	nOpp := 0
	if len(h.changes) > 0 {
		nOpp = h.changes[len(h.changes)-1].opp + 1
	}
	current := make([]int, nOpp) // current[opp]: index of its latest applied change, -1 for none
	for i := range current {
		current[i] = -1
	}
	overrides := make(map[int]Override)
	out := make([]*Rollup, len(at))
	next := 0
	for _, si := range order {
		for ; next < len(events) && !h.changes[events[next]].at.After(at[si]); next++ {
			ci := events[next]
			c := &h.changes[ci]
			if p := current[c.opp]; p >= 0 {
				prev := &h.changes[p]
				t := live[prev.key]
				t.add(&prev.e, true)
				if t.empty() {
					delete(live, prev.key)
				}
			}
			t := live[c.key]
			if t == nil {
				t = new(Totals)
				live[c.key] = t
			}
			t.add(&c.e, false)
			current[c.opp] = ci
			if c.a.Source == SourceOverride {
				overrides[c.opp] = override(&c.o, c.rec, c.a)
			} else {
				delete(overrides, c.opp)
			}
		}
		r := &Rollup{opts: h.Options(), currency: h.currency, cells: make(map[Key]*Totals, len(live))}
		for k, t := range live {
			c := *t
			r.cells[k] = &c
		}
		for _, ov := range overrides {
			r.overrides = append(r.overrides, ov)
		}
		r.sortOverrides()
		out[si] = r
	}
	return out, nil
}

// Options returns the history's options (copies of its slices).
func (h *History) Options() Options {
	o := h.opts
	o.Policy = h.opts.Policy.clone()
	o.By.SizeBands = slices.Clone(h.opts.By.SizeBands)
	return o
}

// byOpportunity yields each opportunity's changes (a sub-slice, by time).
func (h *History) byOpportunity() iter.Seq[[]change] {
	return func(yield func([]change) bool) {
		for i := 0; i < len(h.changes); {
			j := i + 1
			for j < len(h.changes) && h.changes[j].opp == h.changes[i].opp {
				j++
			}
			if !yield(h.changes[i:j]) {
				return
			}
			i = j
		}
	}
}

// Step is one step of the sales funnel: of the opportunities that reached
// From, how many went on to To.
type Step struct {
	From, To  string // stage names; To is "won" for the last step
	Entered   int64  // opportunities that reached From (or a later stage)
	Converted int64  // of those, the ones that reached To (or a later stage)
}

// Rate is the step's conversion, Converted ÷ Entered
// (metrics.StageConversion's rules and errors: no opportunity entered is
// ErrZeroDenominator).
func (s Step) Rate() (metrics.Ratio, error) { return metrics.StageConversion(s.Converted, s.Entered) }

// Conversion returns the stage-to-stage conversion of the funnel: the
// policy's stages in order, without the closing ones (mapped to Closed or
// Omitted), then "won". An opportunity reached the furthest funnel stage
// it was recorded at while open (stages count as passed when skipped); a
// won one reached every stage and "won". A lost deal recorded only when
// closed reached none. The policy must list stages (a *metrics.ValueError
// wrapping ErrMissing otherwise).
func (h *History) Conversion() ([]Step, error) {
	if len(h.funnel) == 0 {
		return nil, &metrics.ValueError{Op: "forecast.History.Conversion", Input: "Policy.Stages", Err: fmt.Errorf("%w: no funnel stages", metrics.ErrMissing)}
	}
	n := len(h.funnel)
	reached := make([]int64, n+2) // reached[i+1]: opportunities whose furthest step is i (0..n, n = won); reached[0] none
	for cs := range h.byOpportunity() {
		far := -1
		for _, c := range cs {
			if c.o.Status == StatusOpen && c.stage > far {
				far = c.stage
			}
		}
		if cs[len(cs)-1].o.Status == StatusWon {
			far = n
		}
		reached[far+1]++
	}
	steps := make([]Step, n)
	atLeast := int64(0)
	for i := n; i >= 0; i-- { // atLeast = opportunities that reached step i or beyond
		atLeast += reached[i+1]
		if i < n {
			steps[i].Entered = atLeast
		}
		if i > 0 {
			steps[i-1].Converted = atLeast
		}
	}
	for i := range steps {
		steps[i].From = h.funnel[i]
		steps[i].To = "won"
		if i+1 < n {
			steps[i].To = h.funnel[i+1]
		}
	}
	return steps, nil
}

// Age is an open opportunity's age and time in its stage.
type Age struct {
	ID, Owner, Stage string    // the opportunity, its owner and its current stage
	StageSince       time.Time // the change that moved it to its stage (its first change when it never moved)
	AgeDays          int64     // calendar days since created
	InStageDays      int64     // calendar days since StageSince
	Stale            bool      // no stage change for at least the stale threshold
}

// Aging returns the opportunities open at asOf (by their latest change
// recorded at or before it) with their age and time in stage, stale first:
// by days in stage, longest first, then ID. An opportunity is stale after
// staleAfterDays or more calendar days without a stage change (seeds/000
// §Saluran mengikut Peringkat: aging indicators for stale deals). asOf must
// be set and staleAfterDays lie in 1–3,652,059 (*metrics.ValueError values).
func (h *History) Aging(asOf time.Time, staleAfterDays int64) ([]Age, error) {
	const op = "forecast.History.Aging"
	if asOf.IsZero() {
		return nil, &metrics.ValueError{Op: op, Input: "asOf", Err: metrics.ErrMissing}
	}
	now, ok := dayNum(asOf)
	if !ok {
		return nil, &metrics.ValueError{Op: op, Input: "asOf", Err: fmt.Errorf("%w: year %d not in 1–9999", metrics.ErrOutOfRange, asOf.Year())}
	}
	if staleAfterDays < 1 || staleAfterDays > maxDays {
		return nil, &metrics.ValueError{Op: op, Input: "staleAfterDays", Err: fmt.Errorf("%w: %d not in 1–%d", metrics.ErrOutOfRange, staleAfterDays, maxDays)}
	}
	var out []Age
	for cs := range h.byOpportunity() {
		last := -1
		for j := range cs {
			if cs[j].at.After(asOf) {
				break
			}
			last = j
		}
		if last < 0 || cs[last].o.Status != StatusOpen {
			continue
		}
		since := last
		for since > 0 && cs[since-1].o.Stage == cs[last].o.Stage {
			since--
		}
		c := &cs[last]
		created, _ := dayNum(c.o.Created)
		a := Age{ID: c.o.ID, Owner: c.o.Owner, Stage: c.o.Stage, StageSince: cs[since].at,
			AgeDays: max(now-created, 0), InStageDays: max(now-cs[since].day, 0)}
		a.Stale = a.InStageDays >= staleAfterDays
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Age) int {
		return cmp.Or(cmp.Compare(y.InStageDays, x.InStageDays), strings.Compare(x.ID, y.ID))
	})
	return out, nil
}
