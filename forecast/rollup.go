package forecast

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Period is the calendar period a roll-up groups opportunities by.
type Period uint8

// The periods. The zero value puts every period in one cell.
const (
	AllPeriods Period = iota // no period dimension
	ByMonth                  // calendar month
	ByQuarter                // calendar quarter
)

// Dimensions are what a roll-up groups by: any combination. The zero value
// is one cell for everything.
type Dimensions struct {
	Period  Period // the close date's month or quarter (the created date's with Created)
	Created bool   // group periods by the created date (pipeline generated) instead of the close date
	Owner   bool   // the owning rep
	Manager bool   // the owner's manager
	Segment bool   // the opportunity's segment
	Type    bool   // new business, expansion, renewal
	Stage   bool   // the current sales stage
	Reason  bool   // the win or loss reason
	// SizeBands are the deal-size bands' lower edges after the first band,
	// rising strictly, non-negative, in the roll-up's currency: with edges
	// 10,000 and 100,000 an amount below 10,000 is in band 0, one from
	// 10,000 (inclusive) below 100,000 in band 1, and from 100,000 in band 2.
	// Nil for no size dimension.
	SizeBands []metrics.Money
}

// equal reports whether two Dimensions are the same.
func (d Dimensions) equal(o Dimensions) bool {
	return d.Period == o.Period && d.Created == o.Created && d.Owner == o.Owner && d.Manager == o.Manager &&
		d.Segment == o.Segment && d.Type == o.Type && d.Stage == o.Stage && d.Reason == o.Reason &&
		slices.EqualFunc(d.SizeBands, o.SizeBands, metrics.Money.Equal)
}

// Key identifies a roll-up cell. A dimension the roll-up does not group by
// is zero.
type Key struct {
	Month   metrics.Month   // with ByMonth
	Quarter metrics.Quarter // with ByQuarter
	Owner   string          // with Owner
	Manager string          // with Manager
	Segment string          // with Segment
	Type    Type            // with Type
	Stage   string          // with Stage
	Reason  string          // with Reason
	Size    int             // the size band's index (see Dimensions.SizeBands)
}

// compareKeys orders keys by period, owner, manager, segment, type, stage,
// reason and size band.
func compareKeys(a, b Key) int {
	return cmp.Or(a.Month.Compare(b.Month), a.Quarter.Compare(b.Quarter),
		strings.Compare(a.Owner, b.Owner), strings.Compare(a.Manager, b.Manager),
		strings.Compare(a.Segment, b.Segment), cmp.Compare(a.Type, b.Type),
		strings.Compare(a.Stage, b.Stage), strings.Compare(a.Reason, b.Reason), cmp.Compare(a.Size, b.Size))
}

// String writes the key's non-zero dimensions, such as
// `2024-Q3 owner "ana" type expansion`, or "all" when none is set.
func (k Key) String() string {
	var parts []string
	if !k.Month.IsZero() {
		parts = append(parts, k.Month.String())
	}
	if !k.Quarter.IsZero() {
		parts = append(parts, k.Quarter.String())
	}
	for _, f := range []struct{ name, v string }{{"owner", k.Owner}, {"manager", k.Manager}, {"segment", k.Segment}} {
		if f.v != "" {
			parts = append(parts, f.name+" "+strconv.Quote(f.v))
		}
	}
	if k.Type != TypeUnspecified {
		parts = append(parts, "type "+k.Type.String())
	}
	if k.Stage != "" {
		parts = append(parts, "stage "+strconv.Quote(k.Stage))
	}
	if k.Reason != "" {
		parts = append(parts, "reason "+strconv.Quote(k.Reason))
	}
	if k.Size != 0 {
		parts = append(parts, "size band "+strconv.Itoa(k.Size))
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}

// Cell is one roll-up cell: its key and its sums.
type Cell struct {
	Key    Key    // which cell
	Totals Totals // its sums
}

// Override reports an opportunity whose manual category replaced the
// policy's.
type Override struct {
	ID       string   // the opportunity
	Owner    string   // its owner
	Record   int64    // its 1-based position in the source
	Category Category // the manual category it counts in
	Policy   Category // the category the stage map or the thresholds would give
	Source   Source   // where Policy came from: SourceStage or SourceThreshold
}

// Options configure Build (and LoadHistory).
type Options struct {
	Policy   Policy     // the stage map and thresholds; the zero Policy takes any stage and the default thresholds
	By       Dimensions // what to group by
	Currency string     // the currency of every amount; empty adopts the first nonzero amount's
	// Lenient skips bad records (every *metrics.RowError, whether the source
	// yields it or the build finds it) and lists them in Rejected instead of
	// stopping at the first. Any other error from the source stops the build
	// in either mode.
	Lenient bool
	// MaxRejected caps the records Rejected lists in lenient mode (0: no
	// cap); Skipped counts them all.
	MaxRejected int
}

// Rollup is opportunities summed by the cells of Options.By. Build it with
// Build, combine shards with Merge, coarsen it with Regroup. It is
// immutable once built.
type Rollup struct {
	opts      Options
	currency  string
	cells     map[Key]*Totals
	overrides []Override
	rejects   rejects
}

// builder is one Build's state: the roll-up being built, the compiled
// policy, and the cells, densely, found by a hash of their keys (a string
// dimension costs one hash of the string, not a map lookup).
type builder struct {
	r     *Rollup
	cp    *compiled
	bands []metrics.Money
	seed  maphash.Seed
	index map[uint64]int32 // key hash → first cell with that hash
	next  []int32          // the next cell with the same hash, -1 at the end
	// A direct-mapped cache in front of index: slot h%len holds a hash and
	// its cell + 1 (0: empty).
	recent [4096]struct {
		h uint64
		j int32
	}
	keys  []Key
	cells []Totals
	// The current opportunity's key, category, probability in millionths
	// (or -1) and cycle days (prepare).
	k    Key
	a    Assignment
	ppm  int64
	days int64
	// A direct-mapped cache of close days' months: close dates cluster.
	months [1024]struct {
		day int64
		m   metrics.Month
	}
}

// monthOf returns the month of civil day number day (of years 1–9999).
func (b *builder) monthOf(day int64) metrics.Month {
	c := &b.months[day&1023]
	if c.m.IsZero() || c.day != day {
		c.day, c.m = day, monthOfDay(day)
	}
	return c.m
}

// entry returns the contribution of o, just prepared.
func (b *builder) entry(o *Opportunity) entry {
	return entry{cat: b.a.Category, status: o.Status, amount: o.Amount, p: o.Probability, ppm: b.ppm, days: b.days}
}

// mix folds v into the hash h.
func mix(h, v uint64) uint64 {
	h ^= v
	h *= 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// hash returns the hash of key k.
func (b *builder) hash(k *Key) uint64 {
	h := mix(uint64(k.Month.Index())<<32|uint64(uint32(k.Quarter.Year()*4+k.Quarter.Number())), uint64(k.Type)<<32|uint64(uint32(k.Size)))
	for i, s := range [...]string{k.Owner, k.Manager, k.Segment, k.Stage, k.Reason} {
		if s != "" { // an empty one adds nothing: keys are compared on a hit anyway
			h = mix(h, maphash.String(b.seed, s)+uint64(i))
		}
	}
	return h
}

// cell returns the cell of key k, adding it when new.
func (b *builder) cell(k *Key) *Totals {
	h := b.hash(k)
	r := &b.recent[h%uint64(len(b.recent))]
	if r.j > 0 && r.h == h && b.keys[r.j-1] == *k {
		return &b.cells[r.j-1]
	}
	j := b.lookup(h, k)
	r.h, r.j = h, j+1
	return &b.cells[j]
}

// lookup returns the index of the cell of key k with hash h, adding it when
// new.
func (b *builder) lookup(h uint64, k *Key) int32 {
	j, ok := b.index[h]
	if ok {
		for ; j >= 0; j = b.next[j] {
			if b.keys[j] == *k {
				return j
			}
		}
	}
	n := int32(len(b.cells))
	if ok {
		b.next = append(b.next, b.index[h]) // chain the new cell in front
	} else {
		b.next = append(b.next, -1)
	}
	b.index[h] = n
	b.keys = append(b.keys, *k)
	b.cells = append(b.cells, Totals{})
	return n
}

// finish moves the dense cells into the roll-up.
func (b *builder) finish() *Rollup {
	b.r.cells = make(map[Key]*Totals, len(b.cells))
	for i := range b.cells {
		b.r.cells[b.keys[i]] = &b.cells[i]
	}
	b.r.sortOverrides()
	return b.r
}

// newBuilder validates opts and starts a roll-up.
func newBuilder(opts Options) (*builder, error) {
	cp, err := opts.Policy.compile()
	if err != nil {
		return nil, err
	}
	cur := opts.Currency
	if cur != "" {
		m, err := metrics.MoneyFromInt(1, cur)
		if err != nil {
			return nil, &metrics.ValueError{Op: "forecast.Options", Input: "Currency", Err: errors.Unwrap(err)}
		}
		cur = m.Currency() // normalised
	}
	if opts.By.Period > ByQuarter {
		return nil, &metrics.ValueError{Op: "forecast.Options", Input: "By.Period", Err: fmt.Errorf("%w: period %d", metrics.ErrInvalid, opts.By.Period)}
	}
	if opts.MaxRejected < 0 {
		return nil, &metrics.ValueError{Op: "forecast.Options", Input: "MaxRejected", Err: fmt.Errorf("%w: %d", metrics.ErrNegative, opts.MaxRejected)}
	}
	for i, b := range opts.By.SizeBands {
		in := "By.SizeBands[" + strconv.Itoa(i) + "]"
		if b.Sign() < 0 {
			return nil, &metrics.ValueError{Op: "forecast.Options", Input: in, Err: fmt.Errorf("%w: %s", metrics.ErrNegative, b)}
		}
		if c := b.Currency(); c != "" {
			if cur == "" {
				cur = c
			} else if c != cur {
				return nil, &metrics.ValueError{Op: "forecast.Options", Input: in, Err: &metrics.MismatchError{A: cur, B: c}}
			}
		}
		if i > 0 {
			if c, _ := b.Cmp(opts.By.SizeBands[i-1]); c <= 0 {
				return nil, &metrics.ValueError{Op: "forecast.Options", Input: in, Err: fmt.Errorf("%w: band edges must rise strictly", metrics.ErrInvalid)}
			}
		}
	}
	o := opts
	o.Policy = opts.Policy.clone()
	o.By.SizeBands = slices.Clone(opts.By.SizeBands)
	r := &Rollup{opts: o, currency: cur, cells: make(map[Key]*Totals), rejects: rejects{lenient: o.Lenient, max: o.MaxRejected}}
	return &builder{r: r, cp: cp, bands: o.By.SizeBands, seed: maphash.MakeSeed(), index: make(map[uint64]int32)}, nil
}

// rejects is the leniency policy of one build: strict builds stop at the
// first error, lenient ones list every *metrics.RowError (up to max) and go
// on.
type rejects struct {
	lenient bool
	max     int
	list    []metrics.RowError
	n       int64
}

// handle handles an error for record i: a *metrics.RowError is numbered
// (when it is not yet) and, in lenient mode, listed, so the build goes on
// (nil); in strict mode it is returned, as is any other error.
func (rj *rejects) handle(err error, i int64) error {
	re, ok := err.(*metrics.RowError)
	if !ok {
		return err
	}
	if re.Record == 0 {
		c := *re
		c.Record = i
		re = &c
	}
	if !rj.lenient {
		return re
	}
	rj.n++
	if rj.max == 0 || len(rj.list) < rj.max {
		rj.list = append(rj.list, *re)
	}
	return nil
}

// Build rolls the opportunities of src up by opts.By. Each opportunity is
// validated (Opportunity, Policy) and counted once in its cell; a source
// must not yield an opportunity twice (duplicates are not detected: that
// would cost memory for every ID). Errors are a *metrics.ValueError for
// unusable options, a *metrics.RowError naming a bad opportunity (strict
// mode), or the source's own error; no roll-up is returned with an error.
func Build(src iter.Seq2[Opportunity, error], opts Options) (*Rollup, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	var i int64
	for o, err := range src {
		i++
		if err == nil {
			err = b.add(&o, i)
		}
		if err != nil {
			if err := b.r.rejects.handle(err, i); err != nil {
				return nil, err
			}
		}
	}
	return b.finish(), nil
}

// prepare validates and categorizes o (record i) and sets b.k, b.a, b.ppm
// and b.days, or returns a *metrics.RowError.
func (b *builder) prepare(o *Opportunity, i int64) error {
	c, re := validate(o, i, b.monthOf)
	if re != nil {
		return re
	}
	cur := o.Amount.Currency()
	if cur != b.r.currency && cur != "" && b.r.currency != "" {
		return rowErr(o, i, c.closeMonth, "amount", &metrics.MismatchError{A: b.r.currency, B: cur})
	}
	pc, re := b.cp.assignTo(&b.a, o, i, c.closeMonth)
	if re != nil {
		return re
	}
	if b.r.currency == "" {
		b.r.currency = cur // the first good record's (still "" for a zero amount)
	}
	by := &b.r.opts.By
	k := &b.k
	*k = Key{}
	m := c.closeMonth
	if by.Created {
		m = b.monthOf(c.created)
	}
	switch by.Period {
	case ByMonth:
		k.Month = m
	case ByQuarter:
		k.Quarter = m.Quarter()
	}
	if by.Owner {
		k.Owner = o.Owner
	}
	if by.Manager {
		k.Manager = o.Manager
	}
	if by.Segment {
		k.Segment = o.Segment
	}
	if by.Type {
		k.Type = o.Type
	}
	if by.Stage {
		k.Stage = o.Stage
	}
	if by.Reason {
		k.Reason = o.Reason
	}
	if len(b.bands) > 0 {
		k.Size = sizeBand(b.bands, o.Amount)
	}
	b.ppm, b.days = pc.ppm, c.close-c.created
	return nil
}

// add validates o (record i) and adds it to its cell.
func (b *builder) add(o *Opportunity, i int64) error {
	if err := b.prepare(o, i); err != nil {
		return err
	}
	b.cell(&b.k).addParts(b.a.Category, o.Status, o.Amount, o.Probability, b.ppm, b.days, false)
	if b.a.Source == SourceOverride {
		b.r.overrides = append(b.r.overrides, override(o, i, b.a))
	}
	return nil
}

// override builds the Override report of o.
func override(o *Opportunity, i int64, a Assignment) Override {
	ov := Override{ID: o.ID, Owner: o.Owner, Record: i, Category: a.Category, Policy: a.Threshold, Source: SourceThreshold}
	if a.Stage != 0 {
		ov.Policy, ov.Source = a.Stage, SourceStage
	}
	return ov
}

// sizeBand returns the index of the band amount falls in: the number of
// edges at or below it.
func sizeBand(edges []metrics.Money, amount metrics.Money) int {
	lo, hi := 0, len(edges)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c, _ := edges[mid].Cmp(amount); c <= 0 { // same currency: checked before
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// sortOverrides orders the overrides by ID, then record.
func (r *Rollup) sortOverrides() {
	slices.SortFunc(r.overrides, func(a, b Override) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), cmp.Compare(a.Record, b.Record))
	})
}

// Options returns the roll-up's options (copies of its slices).
func (r *Rollup) Options() Options {
	o := r.opts
	o.Policy = r.opts.Policy.clone()
	o.By.SizeBands = slices.Clone(r.opts.By.SizeBands)
	return o
}

// Currency returns the roll-up's currency ("" while every amount is zero
// and none was given).
func (r *Rollup) Currency() string { return r.currency }

// Cells returns the cells in key order (period, owner, manager, segment,
// type, stage, reason, size band).
func (r *Rollup) Cells() []Cell {
	out := make([]Cell, 0, len(r.cells))
	for k, t := range r.cells {
		out = append(out, Cell{Key: k, Totals: *t})
	}
	slices.SortFunc(out, func(a, b Cell) int { return compareKeys(a.Key, b.Key) })
	return out
}

// Cell returns the totals of one cell and whether the roll-up has it.
func (r *Rollup) Cell(k Key) (Totals, bool) {
	t, ok := r.cells[k]
	if !ok {
		return Totals{}, false
	}
	return *t, true
}

// Total returns the sums over every cell.
func (r *Rollup) Total() Totals {
	var t Totals
	for _, c := range r.cells {
		_ = t.Merge(*c) // one currency per roll-up
	}
	return t
}

// Expansion returns the sums over the expansion opportunities (the
// expansion pipeline, seeds/004_9a66e740fba960a2.txt §Pipeline
// Pengembangan: its value, count, average size, close rate and time to
// close). The roll-up must group by type (a *metrics.ValueError wrapping
// metrics.ErrInvalid otherwise).
func (r *Rollup) Expansion() (Totals, error) {
	if !r.opts.By.Type {
		return Totals{}, &metrics.ValueError{Op: "forecast.Rollup.Expansion", Input: "By.Type", Err: fmt.Errorf("%w: the roll-up does not group by type", metrics.ErrInvalid)}
	}
	var t Totals
	for k, c := range r.cells {
		if k.Type == TypeExpansion {
			_ = t.Merge(*c)
		}
	}
	return t, nil
}

// Filter returns the roll-up of the cells whose key keep accepts, such as
// one quarter's before a Ranking; the overrides and rejections are kept
// whole.
func (r *Rollup) Filter(keep func(Key) bool) *Rollup {
	out := &Rollup{opts: r.Options(), currency: r.currency, cells: make(map[Key]*Totals),
		overrides: slices.Clone(r.overrides), rejects: r.rejects}
	out.rejects.list = slices.Clone(r.rejects.list)
	for k, t := range r.cells {
		if keep(k) {
			c := *t
			out.cells[k] = &c
		}
	}
	return out
}

// Overrides returns the opportunities whose manual category replaced the
// policy's, by ID.
func (r *Rollup) Overrides() []Override { return slices.Clone(r.overrides) }

// Rejected returns the records skipped in lenient mode, in the order met
// (at most Options.MaxRejected of them when set).
func (r *Rollup) Rejected() []metrics.RowError { return slices.Clone(r.rejects.list) }

// Skipped returns the number of records skipped in lenient mode (listed or
// not).
func (r *Rollup) Skipped() int64 { return r.rejects.n }

// Merge adds the roll-up of a disjoint shard of opportunities: the result
// equals a single Build over both. Both must have been built with the same
// policy and dimensions (a *metrics.ValueError wrapping metrics.ErrInvalid)
// and one currency (a *metrics.MismatchError); on error r is unchanged.
func (r *Rollup) Merge(o *Rollup) error {
	if !policyEqual(r.opts.Policy, o.opts.Policy) || !r.opts.By.equal(o.opts.By) {
		return &metrics.ValueError{Op: "forecast.Rollup.Merge", Err: fmt.Errorf("%w: roll-ups of different policies or dimensions", metrics.ErrInvalid)}
	}
	if r.currency != "" && o.currency != "" && r.currency != o.currency {
		return &metrics.MismatchError{A: r.currency, B: o.currency}
	}
	if r.currency == "" {
		r.currency = o.currency
	}
	for k, t := range o.cells {
		if c := r.cells[k]; c != nil {
			_ = c.Merge(*t)
		} else {
			c := *t
			r.cells[k] = &c
		}
	}
	r.overrides = append(r.overrides, o.overrides...)
	r.sortOverrides()
	r.rejects.list = append(r.rejects.list, o.rejects.list...)
	r.rejects.n += o.rejects.n
	return nil
}

// Regroup returns the roll-up summed to coarser dimensions: by drops
// dimensions of r's (owners summed up to their managers, everything to one
// cell) or coarsens months to quarters. Asking for a dimension r does not
// have is a *metrics.ValueError wrapping metrics.ErrInvalid. The result's
// cells sum exactly to r's.
func (r *Rollup) Regroup(by Dimensions) (*Rollup, error) {
	have := r.opts.By
	periodOK := by.Period == AllPeriods || by.Period == have.Period || by.Period == ByQuarter && have.Period == ByMonth
	switch {
	case !periodOK || by.Period != AllPeriods && by.Created != have.Created,
		by.Owner && !have.Owner, by.Manager && !have.Manager, by.Segment && !have.Segment,
		by.Type && !have.Type, by.Stage && !have.Stage, by.Reason && !have.Reason,
		by.SizeBands != nil && !slices.EqualFunc(by.SizeBands, have.SizeBands, metrics.Money.Equal):
		return nil, &metrics.ValueError{Op: "forecast.Rollup.Regroup", Err: fmt.Errorf("%w: a dimension the roll-up does not have", metrics.ErrInvalid)}
	}
	o := r.Options()
	o.By = by
	o.By.Created = by.Created && by.Period != AllPeriods
	o.By.SizeBands = slices.Clone(by.SizeBands)
	out := &Rollup{opts: o, currency: r.currency, cells: make(map[Key]*Totals, len(r.cells)),
		overrides: slices.Clone(r.overrides), rejects: r.rejects}
	out.rejects.list = slices.Clone(r.rejects.list)
	for k, t := range r.cells {
		nk := project(k, o.By)
		if c := out.cells[nk]; c != nil {
			_ = c.Merge(*t)
		} else {
			c := *t
			out.cells[nk] = &c
		}
	}
	return out, nil
}

// project maps a key onto the dimensions by.
func project(k Key, by Dimensions) Key {
	var n Key
	switch by.Period {
	case ByMonth:
		n.Month = k.Month
	case ByQuarter:
		n.Quarter = k.Quarter
		if !k.Month.IsZero() {
			n.Quarter = k.Month.Quarter()
		}
	}
	if by.Owner {
		n.Owner = k.Owner
	}
	if by.Manager {
		n.Manager = k.Manager
	}
	if by.Segment {
		n.Segment = k.Segment
	}
	if by.Type {
		n.Type = k.Type
	}
	if by.Stage {
		n.Stage = k.Stage
	}
	if by.Reason {
		n.Reason = k.Reason
	}
	if by.SizeBands != nil {
		n.Size = k.Size
	}
	return n
}
