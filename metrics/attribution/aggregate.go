package attribution

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Options configures Credits and Build. The zero value is the linear model
// in each currency's ISO 4217 minor unit, strict. Options compare with ==.
type Options struct {
	// Model shares each conversion among its touches; the zero Model is
	// Linear.
	Model Model
	// MinorUnit is the unit credits are made of; the zero value is the
	// currency's ISO 4217 minor unit (see MinorUnit).
	MinorUnit MinorUnit
	// Lenient skips bad journeys (every *metrics.RowError, whether the
	// source yields it or the build finds it) and lists them in
	// Aggregate.Rejected instead of stopping at the first. Any other error
	// from the source stops the build in either mode.
	Lenient bool
	// MaxRejected, when positive, stops a lenient build with an error once
	// more than that many journeys were rejected; 0 lists them all.
	MaxRejected int
}

// intSum is an exact sum of non-negative integers: an unsigned 128-bit
// integer (which cannot overflow for fewer than 2^64 additions of int64
// values) and a big.Int part for the addends that do not fit an int64. The
// zero value is 0.
type intSum struct {
	hi, lo uint64
	big    *big.Int
}

// add adds v ≥ 0.
func (s *intSum) add(v int64) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, uint64(v), 0)
	s.hi += carry
}

// addBig adds v ≥ 0 (not retained).
func (s *intSum) addBig(v *big.Int) {
	if v.IsInt64() {
		s.add(v.Int64())
		return
	}
	if s.big == nil {
		s.big = new(big.Int)
	}
	s.big.Add(s.big, v)
}

// merge adds o.
func (s *intSum) merge(o intSum) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, o.lo, 0)
	s.hi += o.hi + carry
	if o.big != nil {
		s.addBig(o.big)
	}
}

// small returns the sum and true when it fits an int64.
func (s intSum) small() (int64, bool) {
	if s.big == nil && s.hi == 0 && s.lo <= math.MaxInt64 {
		return int64(s.lo), true
	}
	return 0, false
}

// value returns the exact sum as a new big.Int.
func (s intSum) value() *big.Int {
	v := new(big.Int).SetUint64(s.hi)
	v.Lsh(v, 64)
	v.Add(v, new(big.Int).SetUint64(s.lo))
	if s.big != nil {
		v.Add(v, s.big)
	}
	return v
}

// cell is what one channel, or one (channel, campaign) pair, was credited.
type cell struct {
	key      key
	value    intSum // credited minor units
	conv     intSum // credited 10^-12 conversions
	journeys int64
	touches  int64
}

// Aggregate is what Build folds journeys into: per channel and per
// (channel, campaign), the credited value, credited conversions, journeys
// and touches; the total and unattributed value; and, for a data-driven
// model, the path statistics the model is computed from when asked.
// Aggregates of disjoint shards of journeys merge exactly (Merge). The
// zero Aggregate is an empty one of the linear model (Build returns the
// others).
type Aggregate struct {
	opts         Options
	currency     string
	chans        map[string]int32 // channel → index into chanCells
	chanCells    []cell
	camps        []map[string]int32 // per channel cell: campaign → index into campCells
	campCells    []cell
	total        intSum // value of the converting journeys, in minor units
	unattributed intSum // value of the converting journeys without touches
	conversions  int64  // converting journeys
	attributed   int64  // converting journeys with touches
	lost         int64  // Lost journeys
	rejected     []metrics.RowError
	trans        map[[2]int32]int64 // Markov: transition counts between states (see markovState)
	sets         map[uint32]setStat // Shapley: value and count per set of channels (bit i: chanCells[i])
}

// newAggregate returns an empty aggregate for opts.
func newAggregate(opts Options) *Aggregate {
	a := &Aggregate{opts: opts, chans: map[string]int32{}}
	switch opts.Model.kind {
	case kindMarkov:
		a.trans = map[[2]int32]int64{}
	case kindShapley:
		a.sets = map[uint32]setStat{}
	}
	return a
}

// builder folds journeys into an aggregate.
type builder struct {
	a  *Aggregate
	wk worker
	// per-journey scratch, per channel of the path
	chVal   []int64
	chBig   []*big.Int
	chConv  []int64
	chTouch []int64
	kTouch  []int64
	chIdx   []int32 // per channel of the path: its cell
	states  []int32
}

// Build folds journeys into an Aggregate with opts.Model. Errors travel in
// the stream: a *metrics.RowError from the source, or a bad journey the
// build finds (see Credits for the checks; also a value in another currency
// than the first one seen, a *metrics.MismatchError, and for Markov and
// Shapley a journey bringing more distinct channels than the model's limit,
// metrics.ErrOutOfRange on field "channel"), stops a strict build and is
// listed by a lenient one (Options.Lenient), numbered by its 1-based
// position in the stream when the source did not number it; any other
// error from the source stops the build. The result does not depend on the
// order the journeys arrive in (except, with values in several currencies,
// which ones are refused: the first currency seen is the aggregate's).
//
// Time and memory are linear in the journeys' touches, plus, per distinct
// channel and campaign, one aggregate cell.
func Build(journeys iter.Seq2[Journey, error], opts Options) (*Aggregate, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	if journeys == nil {
		return nil, metrics.NewMetricError("attribution", "journeys", fmt.Errorf("%w: no source of journeys", metrics.ErrMissing))
	}
	b := &builder{a: newAggregate(opts), wk: worker{model: opts.Model}}
	var rec int64
	for j, err := range journeys {
		rec++
		if err == nil {
			if re := b.add(&j); re != nil {
				err = re
			}
		}
		if err != nil {
			if err := b.fail(err, rec); err != nil {
				return nil, err
			}
		}
	}
	slices.SortStableFunc(b.a.rejected, func(x, y metrics.RowError) int { return cmp.Compare(x.Record, y.Record) })
	return b.a, nil
}

// fail handles an error for record rec: a *metrics.RowError is numbered
// (when it is not yet) and, when lenient, listed (nil, the build goes on);
// otherwise it, or any other error, stops the build.
func (b *builder) fail(err error, rec int64) error {
	var re *metrics.RowError
	if !errors.As(err, &re) || re != err { // only a bare RowError is skippable
		return err
	}
	if re.Record == 0 {
		c := *re
		c.Record = rec
		re = &c
	}
	if !b.a.opts.Lenient {
		return re
	}
	b.a.rejected = append(b.a.rejected, *re)
	if m := b.a.opts.MaxRejected; m > 0 && len(b.a.rejected) > m {
		return metrics.NewMetricError("attribution", "MaxRejected", fmt.Errorf("%w: more than %d journeys rejected, the last: %w", metrics.ErrOutOfRange, m, re))
	}
	return nil
}

// add validates journey j and folds it in, or returns why it is bad
// (changing nothing).
func (b *builder) add(j *Journey) *metrics.RowError {
	a := b.a
	cur := a.currency
	if c := j.Value.Currency(); c != "" {
		if cur != "" && c != cur {
			return journeyErr(j, "value", &metrics.MismatchError{A: cur, B: c})
		}
		cur = c
	}
	places := a.opts.MinorUnit.For(cur)
	v, vb, err := units(j.Value, places)
	if err != nil {
		return journeyErr(j, "value", err)
	}
	wk := &b.wk
	if re := wk.check(j, v, vb); re != nil {
		return re
	}
	if a.opts.Model.dataDriven() {
		if re := b.addPath(j, v, vb); re != nil {
			return re
		}
	} else if !j.Lost && len(j.Touches) > 0 {
		if re := wk.weigh(j); re != nil {
			return re
		}
		b.credit(j, v, vb, wk.splitValue(v, vb))
	}
	a.currency = cur
	switch {
	case j.Lost:
		a.lost++
		return nil
	case len(j.Touches) == 0:
		a.unattributed.add(v)
		if vb != nil {
			a.unattributed.addBig(vb)
		}
	default:
		a.attributed++
	}
	a.conversions++
	a.total.add(v)
	if vb != nil {
		a.total.addBig(vb)
	}
	return nil
}

// credit adds the credits the worker split for journey j to the campaign
// and channel cells.
func (b *builder) credit(j *Journey, v int64, vb *big.Int, isBig bool) {
	a, wk := b.a, &b.wk
	p := &wk.p
	nk, nc := len(p.keys), len(p.chans)
	b.kTouch = grow64(b.kTouch, nk)
	for _, k := range p.keyOf {
		b.kTouch[k]++
	}
	b.chVal, b.chConv, b.chTouch = grow64(b.chVal, nc), grow64(b.chConv, nc), grow64(b.chTouch, nc)
	if isBig {
		b.chBig = growBig(b.chBig, nc)
	}
	b.chIdx = b.chIdx[:0]
	for _, first := range p.chans {
		b.chIdx = append(b.chIdx, a.channel(p.keys[first].channel))
	}
	for i, k := range p.keys {
		ch := p.chanOf[i]
		c := &a.campCells[a.campaign(b.chIdx[ch], k)]
		if isBig {
			c.value.addBig(wk.bval[i])
			b.chBig[ch].Add(b.chBig[ch], wk.bval[i])
		} else {
			c.value.add(wk.val[i])
			b.chVal[ch] += wk.val[i] // ≤ the journey's value: no overflow
		}
		c.conv.add(wk.conv[i])
		c.journeys++
		c.touches += b.kTouch[i]
		b.chConv[ch] += wk.conv[i]
		b.chTouch[ch] += b.kTouch[i]
	}
	for ch, ci := range b.chIdx {
		c := &a.chanCells[ci]
		if isBig {
			c.value.addBig(b.chBig[ch])
		} else {
			c.value.add(b.chVal[ch])
		}
		c.conv.add(b.chConv[ch])
		c.journeys++
		c.touches += b.chTouch[ch]
	}
}

// campaign returns the index of the cell of pair k, whose channel has cell
// ch, adding it when new.
func (a *Aggregate) campaign(ch int32, k key) int32 {
	ci, ok := a.camps[ch][k.campaign]
	if !ok {
		ci = int32(len(a.campCells))
		a.camps[ch][k.campaign] = ci
		a.campCells = append(a.campCells, cell{key: k})
	}
	return ci
}

// channel returns the index of channel name's cell, adding it when new.
func (a *Aggregate) channel(name string) int32 {
	if a.chans == nil { // the zero Aggregate
		a.chans = map[string]int32{}
	}
	ci, ok := a.chans[name]
	if !ok {
		ci = int32(len(a.chanCells))
		a.chans[name] = ci
		a.chanCells = append(a.chanCells, cell{key: key{channel: name}})
		a.camps = append(a.camps, map[string]int32{})
	}
	return ci
}

// Merge adds o, an aggregate of a disjoint shard of journeys built with the
// same Model and MinorUnit, to a: the result is exactly what one Build over
// both shards gives (o's rejected journeys are appended to a's, keeping
// their record numbers within o's source). A different model or unit
// (metrics.ErrInvalid), another currency (a *metrics.MismatchError) or, for
// Markov and Shapley, more channels together than the model's limit
// (metrics.ErrOutOfRange) is a *metrics.MetricError, and a is unchanged.
func (a *Aggregate) Merge(o *Aggregate) error {
	const id = "attribution"
	if a == o {
		return metrics.NewMetricError(id, "Merge", fmt.Errorf("%w: an aggregate merged into itself (shards must be disjoint)", metrics.ErrInvalid))
	}
	if a.opts.Model != o.opts.Model || a.opts.MinorUnit != o.opts.MinorUnit {
		return metrics.NewMetricError(id, "Merge", fmt.Errorf("%w: aggregates of %s in %s and %s in %s", metrics.ErrInvalid, a.opts.Model, a.opts.MinorUnit, o.opts.Model, o.opts.MinorUnit))
	}
	cur := a.currency
	if o.currency != "" {
		if cur != "" && cur != o.currency {
			return metrics.NewMetricError(id, "Merge", &metrics.MismatchError{A: cur, B: o.currency})
		}
		cur = o.currency
	}
	if limit := a.opts.Model.channelLimit(); limit > 0 {
		n := len(a.chanCells)
		for _, c := range o.chanCells {
			if _, ok := a.chans[c.key.channel]; !ok {
				n++
			}
		}
		if n > limit {
			return metrics.NewMetricError(id, "Merge", fmt.Errorf("%w: %d distinct channels together, more than %d for the %s model", metrics.ErrOutOfRange, n, limit, a.opts.Model.name))
		}
	}
	a.currency = cur
	remap := make([]int32, len(o.chanCells))
	for i, c := range o.chanCells {
		x := a.channel(c.key.channel)
		remap[i] = x
		d := &a.chanCells[x]
		d.value.merge(c.value)
		d.conv.merge(c.conv)
		d.journeys += c.journeys
		d.touches += c.touches
	}
	for _, c := range o.campCells {
		d := &a.campCells[a.campaign(a.channel(c.key.channel), c.key)]
		d.value.merge(c.value)
		d.conv.merge(c.conv)
		d.journeys += c.journeys
		d.touches += c.touches
	}
	a.total.merge(o.total)
	a.unattributed.merge(o.unattributed)
	a.conversions += o.conversions
	a.attributed += o.attributed
	a.lost += o.lost
	a.rejected = append(a.rejected, o.rejected...)
	for t, n := range o.trans {
		a.trans[[2]int32{remapState(t[0], remap), remapState(t[1], remap)}] += n
	}
	for set, v := range o.sets {
		var m uint32
		for i := range remap {
			if set&(1<<i) != 0 {
				m |= 1 << remap[i]
			}
		}
		s := a.sets[m]
		s.value.merge(v.value)
		s.count += v.count
		a.sets[m] = s
	}
	return nil
}

// Totals is what one channel, or one campaign of a channel, was credited
// with over the converting journeys.
type Totals struct {
	Channel     string           // the channel
	Campaign    string           // the campaign; empty in Channels
	Value       metrics.Money    // the credited value: the sum of its credits, exact
	Conversions metrics.Quantity // the credited conversions (UnitCount): each journey's one conversion split like its value, to 12 decimal places
	Journeys    int64            // the converting journeys with a touch of it
	Touches     int64            // its touches in converting journeys
}

// Channels returns the totals per channel, sorted by channel. For a
// rule-based model they are sums of the journeys' credits (each journey
// split to the minor unit, so Σ Value + Unattributed = Total exactly, and
// each journey's conversion split to 10^-12, so Σ Conversions = the
// converting journeys with touches). For Markov and Shapley the model is
// computed now from the whole data set: the value of the converting
// journeys with touches, and their count, are split among the channels in
// proportion to the model's exact shares by largest remainder (ties to the
// channel whose name sorts first; Shapley splits the count by the Shapley
// values of the same game with every journey worth one conversion). A
// data-driven model without conversions
// to split has undefined shares (metrics.ErrZeroDenominator in a
// *metrics.MetricError); a rule-based model never errs.
func (a *Aggregate) Channels() ([]Totals, error) {
	if a.opts.Model.dataDriven() {
		return a.dataDrivenTotals()
	}
	return a.totals(a.chanCells), nil
}

// Campaigns returns the totals per (channel, campaign), sorted by channel
// then campaign, for a rule-based model. The data-driven models credit
// channels only (a *metrics.MetricError wrapping metrics.ErrInvalid).
func (a *Aggregate) Campaigns() ([]Totals, error) {
	if a.opts.Model.dataDriven() {
		return nil, metrics.NewMetricError("attribution", "Campaigns", fmt.Errorf("%w: the %s model credits channels, not campaigns", metrics.ErrInvalid, a.opts.Model.name))
	}
	return a.totals(a.campCells), nil
}

// totals converts cells to sorted Totals.
func (a *Aggregate) totals(cells []cell) []Totals {
	out := make([]Totals, len(cells))
	for i := range cells {
		c := &cells[i]
		out[i] = Totals{Channel: c.key.channel, Campaign: c.key.campaign, Value: a.money(c.value), Conversions: conversionsOf(c.conv), Journeys: c.journeys, Touches: c.touches}
	}
	sortTotals(out)
	return out
}

// sortTotals sorts by channel then campaign.
func sortTotals(t []Totals) {
	slices.SortFunc(t, func(x, y Totals) int {
		if c := strings.Compare(x.Channel, y.Channel); c != 0 {
			return c
		}
		return strings.Compare(x.Campaign, y.Campaign)
	})
}

// money returns s minor units in the aggregate's currency.
func (a *Aggregate) money(s intSum) metrics.Money {
	places := a.opts.MinorUnit.For(a.currency)
	if v, ok := s.small(); ok {
		return moneyOfUnits(v, nil, places, a.currency)
	}
	return moneyOfUnits(0, s.value(), places, a.currency)
}

// conversionsOf returns s 10^-12 conversions as a count.
func conversionsOf(s intSum) metrics.Quantity {
	var d decimal.Decimal
	if v, ok := s.small(); ok {
		d = decimal.New(v, -12)
	} else {
		d = decimal.NewFromBigInt(s.value(), -12)
	}
	q, _ := metrics.NewQuantity(d, metrics.UnitCount) // exponent −12: in range
	return q
}

// Total returns the value of every converting journey (Lost ones have
// none): the credited values of Channels plus Unattributed, exactly.
func (a *Aggregate) Total() metrics.Money { return a.money(a.total) }

// Unattributed returns the value of the converting journeys without
// touches, which no channel is credited with.
func (a *Aggregate) Unattributed() metrics.Money { return a.money(a.unattributed) }

// Conversions returns the number of converting journeys (with or without
// touches).
func (a *Aggregate) Conversions() int64 { return a.conversions }

// Lost returns the number of Lost journeys.
func (a *Aggregate) Lost() int64 { return a.lost }

// Currency returns the currency of the journeys' values ("" while every
// value was the zero Money).
func (a *Aggregate) Currency() string { return a.currency }

// Rejected returns a copy of the journeys a lenient build skipped, by
// record number (after Merge, each shard's in turn).
func (a *Aggregate) Rejected() []metrics.RowError { return slices.Clone(a.rejected) }

// MarketingSourcedShare returns the share of the value the model credits to
// marketing channels (those for which marketing returns true):
//
//	marketing-sourced share = Σ credited value of marketing channels ÷ Total
//
// exact. Total includes the unattributed journeys (pipeline no channel
// sourced), so the share of pipeline marketing sourced is this over
// opportunities' pipeline values and the share of revenue over closed-won
// revenue (seeds/000 §Saluran Dijana and §Hasil Bersumber Pemasaran). With
// FirstTouch it is the classic single-touch "sourced" figure; with a
// multi-touch model, marketing's fair credit. A zero Total is
// metrics.ErrZeroDenominator, as are Channels' errors, in a
// *metrics.MetricError of "marketing_sourced_pipeline_share".
func (a *Aggregate) MarketingSourcedShare(marketing func(channel string) bool) (metrics.Ratio, error) {
	const id = "marketing_sourced_pipeline_share"
	if marketing == nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, "marketing", fmt.Errorf("%w: no marketing predicate", metrics.ErrMissing))
	}
	total := a.total.value()
	if total.Sign() == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(id, "total", metrics.ErrZeroDenominator)
	}
	chans, err := a.Channels()
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, "", err)
	}
	var sum metrics.Money
	for _, c := range chans {
		if marketing(c.Channel) {
			sum, _ = sum.Add(c.Value) // one currency
		}
	}
	r, err := sum.Ratio(a.Total())
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(id, "", err)
	}
	return r, nil
}
