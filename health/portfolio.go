package health

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Dictionary IDs of the portfolio's metrics.
const (
	idHealthy = "health_distribution_healthy"
	idAtRisk  = "at_risk"
)

// maxTopN bounds Options.TopN.
const maxTopN = 10_000

// Account is one customer account of a book: who owns it, what it is worth,
// when it renews, and its health, given as a Score or computed from its
// Readings by the portfolio's model.
type Account struct {
	ID       string        // required, unique in a portfolio
	Parent   string        // the parent account's ID, for roll-ups; empty for none
	CSM      string        // the customer-success manager who owns it; empty for none
	Segment  string        // "enterprise", "mid_market" or "smb" (the ARR-per-CSM bands); any other text has no band
	ARR      metrics.Money // annual recurring revenue, non-negative
	Renewal  time.Time     // the next renewal date; zero when unknown
	Score    Points        // the health score (0–100) when the portfolio has no model
	Readings []Reading     // the signals, scored by the portfolio's model when it has one
}

// Scored is an account with its score and band, as the portfolio lists it
// (without its readings).
type Scored struct {
	Account
	Band metrics.Status // green, yellow or red
}

// Tally counts accounts and sums their ARR.
type Tally struct {
	Accounts int64         // how many accounts
	ARR      metrics.Money // their ARR, exact
}

// Mix is a book's split across the three bands.
type Mix struct {
	Green, Yellow, Red Tally // accounts and ARR per band
}

// Total returns the accounts and ARR of all three bands.
func (m Mix) Total() Tally {
	arr, _ := metrics.Sum(m.Green.ARR, m.Yellow.ARR, m.Red.ARR) // one currency: the portfolio checks it
	return Tally{Accounts: m.Green.Accounts + m.Yellow.Accounts + m.Red.Accounts, ARR: arr}
}

// Basis is what a share counts: accounts or ARR.
type Basis uint8

// The bases of a share.
const (
	ByCount Basis = iota // share of accounts
	ByARR                // share of ARR (seeds/000: "percentage of ARR in each health status")
)

// Shares are the exact shares of the three bands; they sum to exactly 100%.
type Shares struct {
	Green, Yellow, Red metrics.Ratio // the share of each band
}

// MeetsTarget reports whether the shares meet the healthy-portfolio target
// of seeds/000 ("70%+ healthy, 20% at risk, <10% critical"): green at least
// 70% and red under 10% (so yellow at most 30%). The dictionary's
// health_distribution_healthy and health_distribution_critical bands grade
// the two shares.
func (s Shares) MeetsTarget() bool {
	return s.Green.Cmp(metrics.Percent(70)) >= 0 && s.Red.Cmp(metrics.Percent(10)) < 0
}

// Shares returns the mix's shares by count or by ARR, exact, summing to
// exactly 1. No accounts (ByCount) or no ARR (ByARR) leaves the shares
// undefined: a *metrics.MetricError wrapping metrics.ErrEmpty or
// metrics.ErrZeroDenominator.
func (m Mix) Shares(b Basis) (Shares, error) {
	t := m.Total()
	if b == ByCount {
		if t.Accounts == 0 {
			return Shares{}, metrics.NewMetricError(idHealthy, "accounts", metrics.ErrEmpty)
		}
		g, _ := metrics.NewRatio(m.Green.Accounts, t.Accounts)
		y, _ := metrics.NewRatio(m.Yellow.Accounts, t.Accounts)
		r, _ := metrics.NewRatio(m.Red.Accounts, t.Accounts)
		return Shares{Green: g, Yellow: y, Red: r}, nil
	}
	if t.ARR.Sign() == 0 {
		return Shares{}, metrics.NewMetricError(idHealthy+"_arr", "arr", metrics.ErrZeroDenominator)
	}
	g, _ := m.Green.ARR.Ratio(t.ARR)
	y, _ := m.Yellow.ARR.Ratio(t.ARR)
	r, _ := m.Red.ARR.Ratio(t.ARR)
	return Shares{Green: g, Yellow: y, Red: r}, nil
}

// AtRiskSummary counts the accounts at risk. At risk has one meaning in the
// library and its dictionary: a score below the green band (yellow or red);
// the red part is also reported as critical.
type AtRiskSummary struct {
	AtRisk   Tally // accounts below green and their ARR (the ARR at risk)
	Critical Tally // the red part of AtRisk
	All      Tally // every account of the portfolio
}

// ARRShare returns the ARR at risk as an exact share of all ARR; with no
// ARR it is undefined (a *metrics.MetricError wrapping
// metrics.ErrZeroDenominator).
func (s AtRiskSummary) ARRShare() (metrics.Ratio, error) {
	if s.All.ARR.Sign() == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(idAtRisk, "arr", metrics.ErrZeroDenominator)
	}
	r, _ := s.AtRisk.ARR.Ratio(s.All.ARR)
	return r, nil
}

// CountShare returns the accounts at risk as an exact share of all
// accounts; with none it is undefined (metrics.ErrEmpty).
func (s AtRiskSummary) CountShare() (metrics.Ratio, error) {
	if s.All.Accounts == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(idAtRisk, "accounts", metrics.ErrEmpty)
	}
	return metrics.NewRatio(s.AtRisk.Accounts, s.All.Accounts)
}

// Options configure a portfolio.
type Options struct {
	Model   *Model // scores every account from its Readings; nil: each Account.Score is used, banded by Bands
	Bands   Bands  // the bands when Model is nil (the zero value: green ≥ 80, yellow ≥ 50)
	TopN    int    // how many accounts at risk TopAtRisk keeps (0 means 10; at most 10,000)
	Lenient bool   // skip bad accounts and list them in Rejected instead of stopping
}

// Portfolio is the mergeable aggregate of a book of scored accounts:
// counts and exact ARR per band, per CSM and per parent, and the top
// accounts at risk. Its memory is proportional to the accounts (their IDs
// are kept to refuse duplicates and overlapping merges). Build one with
// NewPortfolio and Add, or BuildPortfolio; a Portfolio is not safe for
// concurrent use: build one per goroutine and Merge them.
type Portfolio struct {
	opts     Options
	bands    bands
	topN     int
	currency string
	mix      mixAcc
	books    map[string]*bookAcc
	parents  map[string]*mixAcc
	top      topHeap
	ids      map[string]struct{}
	rejected []metrics.RowError
}

// mixAcc accumulates a Mix exactly.
type mixAcc struct {
	n   [3]int64
	arr [3]metrics.Accumulator
}

// bandIndex maps a status to a mixAcc slot.
func bandIndex(s metrics.Status) int {
	switch s {
	case metrics.StatusGreen:
		return 2
	case metrics.StatusYellow:
		return 1
	}
	return 0
}

func (m *mixAcc) add(band metrics.Status, arr metrics.Money) {
	i := bandIndex(band)
	m.n[i]++
	_ = m.arr[i].Add(arr) // the portfolio checked the currency
}

func (m *mixAcc) merge(o *mixAcc) {
	for i := range m.n {
		m.n[i] += o.n[i]
		_ = m.arr[i].Merge(o.arr[i]) // one currency: Merge checks it first
	}
}

func (m *mixAcc) mix() Mix {
	t := func(i int) Tally { return Tally{Accounts: m.n[i], ARR: m.arr[i].Money()} }
	return Mix{Green: t(2), Yellow: t(1), Red: t(0)}
}

// bookAcc accumulates one CSM's book.
type bookAcc struct {
	mix      mixAcc
	segments map[string]*metrics.Accumulator
}

// NewPortfolio returns an empty portfolio. Invalid bands (with no model)
// or a TopN outside [0, 10,000] return a *metrics.MetricError.
func NewPortfolio(opts Options) (*Portfolio, error) {
	p := &Portfolio{opts: opts, topN: opts.TopN, books: map[string]*bookAcc{}, parents: map[string]*mixAcc{}, ids: map[string]struct{}{}}
	if opts.Model != nil {
		p.bands = opts.Model.bands
	} else {
		b, err := compileBands(opts.Bands)
		if err != nil {
			return nil, modelErr("bands", err)
		}
		p.bands = b
	}
	switch {
	case opts.TopN < 0 || opts.TopN > maxTopN:
		return nil, metrics.NewMetricError(idAtRisk, "top", fmt.Errorf("%w: %d not in [0, %d]", metrics.ErrOutOfRange, opts.TopN, maxTopN))
	case opts.TopN == 0:
		p.topN = 10
	}
	return p, nil
}

// BuildPortfolio adds every account of the source. Errors travel in the
// stream: a *metrics.RowError (from the source or from Add, numbered with
// the account's 1-based position when the source did not number it) stops a
// strict build and is listed in Rejected by a lenient one; any other error
// from the source stops the build. A build that stops returns no portfolio.
func BuildPortfolio(accounts iter.Seq2[Account, error], opts Options) (*Portfolio, error) {
	p, err := NewPortfolio(opts)
	if err != nil {
		return nil, err
	}
	if err := drain(accounts, opts.Lenient, &p.rejected, p.Add); err != nil {
		return nil, err
	}
	return p, nil
}

// Add scores (with the portfolio's model) and adds one account. A bad
// account changes nothing and returns a *metrics.RowError naming it: an
// empty or repeated ID (metrics.ErrMissing, metrics.ErrDuplicate), a
// negative ARR (metrics.ErrNegative), an ARR in another currency than the
// portfolio's (metrics.ErrCurrencyMismatch), a score outside [0, 100]
// (metrics.ErrOutOfRange, without a model), or the model's scoring error.
func (p *Portfolio) Add(a Account) error {
	switch {
	case a.ID == "":
		return rowErr(a.ID, "id", metrics.ErrMissing)
	case a.ARR.Sign() < 0:
		return rowErr(a.ID, "arr", fmt.Errorf("%w: %s", metrics.ErrNegative, a.ARR))
	case a.ARR.Currency() != "" && p.currency != "" && a.ARR.Currency() != p.currency:
		return rowErr(a.ID, "arr", &metrics.MismatchError{A: p.currency, B: a.ARR.Currency()})
	}
	if _, dup := p.ids[a.ID]; dup {
		return rowErr(a.ID, "id", fmt.Errorf("%w: account %q added twice", metrics.ErrDuplicate, a.ID))
	}
	if p.opts.Model != nil {
		r, err := p.opts.Model.Score(a.ID, a.Readings)
		if err != nil {
			return err
		}
		a.Score = r.Score
	} else if a.Score.Sign() < 0 || a.Score.Cmp(PointsOf(100)) > 0 {
		return rowErr(a.ID, "score", fmt.Errorf("%w: %s not in [0, 100]", metrics.ErrOutOfRange, a.Score))
	}
	if c := a.ARR.Currency(); c != "" {
		p.currency = c
	}
	a.Readings = nil
	band := p.bands.classify(a.Score)
	p.ids[a.ID] = struct{}{}
	p.mix.add(band, a.ARR)
	if a.CSM != "" {
		b := p.books[a.CSM]
		if b == nil {
			b = &bookAcc{segments: map[string]*metrics.Accumulator{}}
			p.books[a.CSM] = b
		}
		b.mix.add(band, a.ARR)
		s := b.segments[a.Segment]
		if s == nil {
			s = &metrics.Accumulator{}
			b.segments[a.Segment] = s
		}
		_ = s.Add(a.ARR)
	}
	if a.Parent != "" {
		m := p.parents[a.Parent]
		if m == nil {
			m = &mixAcc{}
			p.parents[a.Parent] = m
		}
		m.add(band, a.ARR)
	}
	if band != metrics.StatusGreen {
		p.top.push(Scored{Account: a, Band: band}, p.topN)
	}
	return nil
}

// Merge adds a portfolio built on a disjoint shard of accounts: the result
// is exactly the single pass over both. Portfolios with different models,
// bands or TopN, in different currencies, or sharing an account are refused
// (a *metrics.MetricError) and nothing changes. o's rejected accounts are
// appended to p's.
func (p *Portfolio) Merge(o *Portfolio) error {
	bad := func(format string, args ...any) error {
		return metrics.NewMetricError(idHealthy, "merge", fmt.Errorf(format, args...))
	}
	switch {
	case p.opts.Model != o.opts.Model || !p.bands.green.Equal(o.bands.green) || !p.bands.yellow.Equal(o.bands.yellow) || p.topN != o.topN:
		return bad("%w: portfolios with different models, bands or TopN", metrics.ErrInvalid)
	case p.currency != "" && o.currency != "" && p.currency != o.currency:
		return bad("%w", &metrics.MismatchError{A: p.currency, B: o.currency})
	}
	for id := range o.ids {
		if _, dup := p.ids[id]; dup {
			return bad("%w: account %q is in both portfolios", metrics.ErrDuplicate, id)
		}
	}
	for id := range o.ids {
		p.ids[id] = struct{}{}
	}
	if p.currency == "" {
		p.currency = o.currency
	}
	p.mix.merge(&o.mix)
	for csm, ob := range o.books {
		b := p.books[csm]
		if b == nil {
			b = &bookAcc{segments: map[string]*metrics.Accumulator{}}
			p.books[csm] = b
		}
		b.mix.merge(&ob.mix)
		for seg, acc := range ob.segments {
			s := b.segments[seg]
			if s == nil {
				s = &metrics.Accumulator{}
				b.segments[seg] = s
			}
			_ = s.Merge(*acc)
		}
	}
	for parent, om := range o.parents {
		m := p.parents[parent]
		if m == nil {
			m = &mixAcc{}
			p.parents[parent] = m
		}
		m.merge(om)
	}
	for _, s := range o.top.items {
		p.top.push(s, p.topN)
	}
	p.rejected = append(p.rejected, o.rejected...)
	return nil
}

// Rejected returns a copy of the accounts a lenient build skipped, in input
// order.
func (p *Portfolio) Rejected() []metrics.RowError { return slices.Clone(p.rejected) }

// Mix returns the portfolio's accounts and ARR per band.
func (p *Portfolio) Mix() Mix { return p.mix.mix() }

// Distribution returns the health distribution by count or by ARR: the
// exact shares of green, yellow and red, summing to exactly 100%, to set
// against the 70 / 20 / 10 target (Shares.MeetsTarget). Errors as
// Mix.Shares.
func (p *Portfolio) Distribution(b Basis) (Shares, error) { return p.mix.mix().Shares(b) }

// AtRisk returns the accounts at risk (below green) and the ARR at risk,
// with the critical (red) part, and the portfolio's totals. No accounts is
// metrics.ErrEmpty.
func (p *Portfolio) AtRisk() (AtRiskSummary, error) {
	m := p.mix.mix()
	if len(p.ids) == 0 {
		return AtRiskSummary{}, metrics.NewMetricError(idAtRisk, "accounts", metrics.ErrEmpty)
	}
	arr, _ := m.Yellow.ARR.Add(m.Red.ARR)
	return AtRiskSummary{
		AtRisk:   Tally{Accounts: m.Yellow.Accounts + m.Red.Accounts, ARR: arr},
		Critical: m.Red,
		All:      m.Total(),
	}, nil
}

// TopAtRisk returns the accounts at risk with the most ARR, at most
// Options.TopN of them: ARR descending, then score ascending, then ID.
func (p *Portfolio) TopAtRisk() []Scored {
	out := slices.Clone(p.top.items)
	slices.SortFunc(out, rankCmp)
	return out
}

// rankCmp orders accounts at risk: more ARR first, then the lower score,
// then the ID.
func rankCmp(a, b Scored) int {
	if c, _ := a.ARR.Cmp(b.ARR); c != 0 { // one currency
		return -c
	}
	if c := a.Score.Cmp(b.Score); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// topHeap keeps the best-ranked accounts at risk in a binary heap whose
// root is the worst kept, evicted first.
type topHeap struct{ items []Scored }

// worse reports whether item i ranks below item j.
func (h *topHeap) worse(i, j int) bool { return rankCmp(h.items[i], h.items[j]) > 0 }

// push keeps s when it ranks among the best n: O(log n).
func (h *topHeap) push(s Scored, n int) {
	if len(h.items) < n {
		h.items = append(h.items, s)
		for i := len(h.items) - 1; i > 0; {
			parent := (i - 1) / 2
			if !h.worse(i, parent) {
				break
			}
			h.items[i], h.items[parent] = h.items[parent], h.items[i]
			i = parent
		}
		return
	}
	if rankCmp(s, h.items[0]) >= 0 {
		return
	}
	h.items[0] = s
	for i := 0; ; {
		w, l, r := i, 2*i+1, 2*i+2
		if l < len(h.items) && h.worse(l, w) {
			w = l
		}
		if r < len(h.items) && h.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		h.items[i], h.items[w] = h.items[w], h.items[i]
		i = w
	}
}

// Book is one CSM's book of business: accounts and ARR per band, and the
// ARR the CSM looks after against the ARR-per-CSM band of the book's
// segment (seeds/004: enterprise high-touch $1.5–3M, mid-market $2–5M, SMB
// tech-touch $3–10M+; the bands live in the dictionary).
type Book struct {
	CSM     string // the CSM
	Mix     Mix    // accounts and ARR per band
	Segment string // the segment holding most of the book's ARR (ties: the first by name)
	// Benchmark is the band of the dictionary definition
	// "arr_per_csm_"+Segment that holds the book's ARR.
	Benchmark metrics.Band
	// Classified is false when the dictionary has no such definition or
	// its bands are in another currency than the book.
	Classified bool
}

// Books returns every CSM's book, by CSM name, each classified against
// the dictionary's ARR-per-CSM definition of its segment (pass the
// complete dictionary, catalog.New(), or metrics.NewDictionary of
// metrics.Definitions()).
func (p *Portfolio) Books(dict metrics.Dictionary) []Book {
	out := make([]Book, 0, len(p.books))
	for csm, b := range p.books {
		book := Book{CSM: csm, Mix: b.mix.mix()}
		var best metrics.Money
		for i, seg := range slices.Sorted(maps.Keys(b.segments)) {
			m := b.segments[seg].Money()
			if c, _ := m.Cmp(best); i == 0 || c > 0 { // one currency
				best, book.Segment = m, seg
			}
		}
		if def, ok := dict.Lookup("arr_per_csm_" + book.Segment); ok && book.Segment != "" {
			if band, err := def.Classify(book.Mix.Total().ARR); err == nil {
				book.Benchmark, book.Classified = band, true
			}
		}
		out = append(out, book)
	}
	slices.SortFunc(out, func(a, b Book) int { return cmp.Compare(a.CSM, b.CSM) })
	return out
}

// Rollup is a parent account's health rolled up from its children: their
// mix, whose shares by count or by contract value (ARR) are the parent's
// health, as Totango rolls sub-accounts up.
type Rollup struct {
	Parent string // the parent account's ID
	Mix    Mix    // its children's accounts and ARR per band
}

// Parents returns every parent's roll-up, by parent ID.
func (p *Portfolio) Parents() []Rollup {
	out := make([]Rollup, 0, len(p.parents))
	for id, m := range p.parents {
		out = append(out, Rollup{Parent: id, Mix: m.mix()})
	}
	slices.SortFunc(out, func(a, b Rollup) int { return cmp.Compare(a.Parent, b.Parent) })
	return out
}
