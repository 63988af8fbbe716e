package attribution

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Credit is what one channel and campaign is credited with in one journey
// (Credits): its exact share of the journey's value and that value split to
// the minor unit.
type Credit struct {
	Channel  string        // the channel
	Campaign string        // the campaign (may be empty)
	Share    metrics.Ratio // the exact share of the value (the shares of a journey sum to 1)
	Value    metrics.Money // the value × Share in whole minor units, by largest remainder
}

// picoConversion is one conversion in the units attributed conversions are
// counted in (10^-12).
const picoConversion = 1_000_000_000_000

// worker weighs and splits one journey at a time, reusing its scratch space.
type worker struct {
	model Model
	p     path
	splitter
	dt    []int64    // time decay: Δt per path position
	hold  []int64    // weight per path position (when !big)
	bhold []*big.Int // weight per path position (when big)
	big   bool       // the weights are in bhold
	kw    []int64    // weight per key (when !big)
	bkw   []*big.Int // weight per key (when big; also the value split's big path)
	den   int64      // Σ kw
	bden  *big.Int   // Σ bkw
	ln2   *big.Int   // ln 2 in fixed point, for continuous time decay
	val   []int64    // credited units per key (small path)
	bval  []*big.Int // credited units per key (big path)
	conv  []int64    // credited 10^-12 conversions per key
	bconv []*big.Int
}

// weigh computes the weight of every key of the loaded path (len > 0) under
// the worker's rule-based model.
func (wk *worker) weigh(j *Journey) *metrics.RowError {
	p := &wk.p
	n := len(p.order)
	if wk.model.kind == kindDecay {
		if err := wk.decayWeights(j); err != nil {
			return err
		}
	} else {
		wk.roleWeights(j)
	}
	k := len(p.keys)
	if !wk.big {
		wk.kw = grow64(wk.kw, k)
		wk.den = 0
		for x := range n {
			wk.kw[p.keyOf[x]] += wk.hold[x]
			wk.den += wk.hold[x]
		}
		if wk.den == 0 { // only a role-weighted model whose roles are all absent (time decay weighs every touch)
			return journeyErr(j, "milestone", fmt.Errorf("%w: no touch holds a role the %s model weighs", metrics.ErrMissing, wk.model.name))
		}
		return nil
	}
	wk.bkw = growBig(wk.bkw, k)
	if wk.bden == nil {
		wk.bden = new(big.Int)
	}
	wk.bden.SetInt64(0)
	for x := range n {
		wk.bkw[p.keyOf[x]].Add(wk.bkw[p.keyOf[x]], wk.bhold[x])
		wk.bden.Add(wk.bden, wk.bhold[x])
	}
	return nil
}

// roleWeights fills hold with the role-weighted model's integer weight per
// path position (see Weights).
func (wk *worker) roleWeights(j *Journey) {
	p := &wk.p
	n := len(p.order)
	w, rest, _ := wk.model.roles()
	pos := [numRoles]int32{0, p.marks[1], p.marks[2], p.marks[3], int32(n - 1)}
	if d := wk.model.direct; d != "" {
		for x := n - 1; x >= 0; x-- {
			if j.Touches[p.order[x]].Channel != d {
				pos[roleLast] = int32(x)
				break
			}
		}
	}
	wk.big = false
	wk.hold = grow64(wk.hold, n)
	for r, wr := range w {
		if pos[r] >= 0 { // a zero weight adds nothing: the touch holds no weighted role
			wk.hold[pos[r]] += wr
		}
	}
	others := int64(0)
	for _, h := range wk.hold {
		if h == 0 {
			others++
		}
	}
	if others > 0 { // with rest = 0 the others keep 0 and the roles' shares are unchanged
		for x, h := range wk.hold {
			if h == 0 {
				wk.hold[x] = rest
			} else {
				wk.hold[x] = h * others // ≤ 10^6 × 2^20: no overflow
			}
		}
	}
}

// grow64 returns s resized to n zeros.
func grow64(s []int64, n int) []int64 {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// splitValue splits v units (vb when it does not fit an int64, else nil)
// and one conversion among the keys by the weights weigh computed, into val
// (or bval when big) and conv.
func (wk *worker) splitValue(v int64, vb *big.Int) (isBig bool) {
	k := len(wk.p.keys)
	wk.conv = grow64(wk.conv, k)
	if !wk.big {
		wk.splitter.int64s(picoConversion, wk.kw, wk.den, wk.conv)
		if vb == nil {
			wk.val = grow64(wk.val, k)
			wk.splitter.int64s(v, wk.kw, wk.den, wk.val)
			return false
		}
		// A value too large for int64: move the weights to big integers.
		wk.bkw = growBig(wk.bkw, k)
		for i, x := range wk.kw {
			wk.bkw[i].SetInt64(x)
		}
		if wk.bden == nil {
			wk.bden = new(big.Int)
		}
		wk.bden.SetInt64(wk.den)
	} else {
		wk.bconv = growBig(wk.bconv, k)
		wk.splitter.bigInts(big.NewInt(picoConversion), wk.bkw, wk.bden, wk.bconv)
		for i, c := range wk.bconv {
			wk.conv[i] = c.Int64() // ≤ 10^12
		}
	}
	if vb == nil {
		vb = big.NewInt(v)
	}
	wk.bval = growBig(wk.bval, k)
	wk.splitter.bigInts(vb, wk.bkw, wk.bden, wk.bval)
	return true
}

// share returns key i's exact share of the journey.
func (wk *worker) share(i int) metrics.Ratio {
	if !wk.big {
		r, _ := metrics.NewRatio(wk.kw[i], wk.den) // den > 0
		return r
	}
	r, _ := metrics.RatioOf(decimal.NewFromBigInt(wk.bkw[i], 0), decimal.NewFromBigInt(wk.bden, 0)) // den > 0
	return r
}

// units returns m in units of 10^-places: small when it fits an int64,
// else big (small is then 0). A negative amount, one that is not a whole
// number of units or one of MaxValueDigits digits or more is an error for
// field "value".
func units(m metrics.Money, places uint8) (int64, *big.Int, error) {
	if m.Sign() < 0 {
		return 0, nil, fmt.Errorf("%w: value %s", metrics.ErrNegative, m)
	}
	if v, ok := m.Minor(places); ok {
		return v, nil, nil
	}
	d := m.Amount().Shift(int32(places))
	if !d.IsInteger() {
		return 0, nil, fmt.Errorf("%w: value %s is not a whole number of the minor unit (%d places)", metrics.ErrInvalid, m, places)
	}
	tooBig := fmt.Errorf("%w: value %s is 10^%d minor units or more", metrics.ErrOutOfRange, m, MaxValueDigits)
	if d.Exponent() >= MaxValueDigits { // a non-zero whole number ≥ 10^MaxValueDigits
		return 0, nil, tooBig
	}
	b := d.BigInt()
	if b.Cmp(new(big.Int).Exp(big.NewInt(10), big.NewInt(MaxValueDigits), nil)) >= 0 {
		return 0, nil, tooBig
	}
	return 0, b, nil
}

// MaxValueDigits bounds a journey's value: fewer than 10^60 minor units
// (far beyond any real amount), so that a value written with a huge
// exponent cannot make every credit of its journey a huge integer; a larger
// one is refused (metrics.ErrOutOfRange, field "value"). Values beyond an
// int64 of minor units (about 9.2 × 10^16 cents) and below the bound are
// split exactly with big integers.
const MaxValueDigits = 60

// moneyOfUnits returns v units of 10^-places in currency (vb when not nil).
// The currency is a valid one, or "" for a zero amount, so the constructors
// cannot fail.
func moneyOfUnits(v int64, vb *big.Int, places uint8, currency string) metrics.Money {
	if vb == nil {
		m, _ := metrics.MoneyFromMinor(v, places, currency)
		return m
	}
	m, _ := metrics.NewMoney(decimal.NewFromBigInt(vb, -int32(places)), currency) // fewer than MaxValueDigits digits: within the exponent bound
	return m
}

// checkOptions validates the options every entry point shares.
func checkOptions(opts Options) error {
	if opts.MinorUnit.set && opts.MinorUnit.places > MaxPlaces {
		return metrics.NewMetricError("attribution", "MinorUnit", fmt.Errorf("%w: %d places, more than %d", metrics.ErrOutOfRange, opts.MinorUnit.places, MaxPlaces))
	}
	if opts.MaxRejected < 0 {
		return metrics.NewMetricError("attribution", "MaxRejected", fmt.Errorf("%w: %d", metrics.ErrNegative, opts.MaxRejected))
	}
	return nil
}

// Credits splits journey j's value among its channels and campaigns with
// opts.Model, one Credit per (channel, campaign) pair in the order of its
// first touch: each pair's exact share (the sum of its touches' shares) and
// its credit in whole minor units of j's currency (opts.MinorUnit), by
// largest remainder, so the credits sum exactly to j.Value and each is
// within one minor unit of value × share. A journey without touches, or
// Lost, has no credits (nil).
//
// A bad journey is a *metrics.RowError (Record 1, Entity "journey", ID
// j.ID) naming the field: a negative value (metrics.ErrNegative), a value
// that is not a whole number of minor units or a Lost journey with a value
// (metrics.ErrInvalid), no conversion time or a touch without channel or time
// (metrics.ErrMissing), a touch after the conversion, an unknown milestone
// or a first interaction that is not the first touch (metrics.ErrInvalid), a
// milestone marking two touches (metrics.ErrDuplicate), no touch holding a
// weighted role (metrics.ErrMissing), a value of MaxValueDigits digits or
// more in minor units, too many touches or a time-decay touch too old
// (metrics.ErrOutOfRange). A data-driven model (Markov,
// Shapley) needs the whole data set: use Build (a *metrics.MetricError
// wrapping metrics.ErrInvalid).
func Credits(j Journey, opts Options) ([]Credit, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	if opts.Model.dataDriven() {
		return nil, metrics.NewMetricError("attribution", "Model", fmt.Errorf("%w: the %s model learns from the whole data set: use Build", metrics.ErrInvalid, opts.Model.name))
	}
	places := opts.MinorUnit.For(j.Value.Currency())
	wk := worker{model: opts.Model}
	v, vb, err := units(j.Value, places)
	if err != nil {
		re := journeyErr(&j, "value", err)
		re.Record = 1
		return nil, re
	}
	if re := wk.check(&j, v, vb); re != nil {
		re.Record = 1
		return nil, re
	}
	if j.Lost || len(j.Touches) == 0 {
		return nil, nil
	}
	if re := wk.weigh(&j); re != nil {
		re.Record = 1
		return nil, re
	}
	isBig := wk.splitValue(v, vb)
	out := make([]Credit, len(wk.p.keys))
	cur := j.Value.Currency()
	for i, k := range wk.p.keys {
		out[i] = Credit{Channel: k.channel, Campaign: k.campaign, Share: wk.share(i)}
		if isBig {
			out[i].Value = moneyOfUnits(0, wk.bval[i], places, cur)
		} else {
			out[i].Value = moneyOfUnits(wk.val[i], nil, places, cur)
		}
	}
	return out, nil
}

// check validates j's touches (loading its path) and, for a Lost journey,
// that its value (v units, or vb) is zero.
func (wk *worker) check(j *Journey, v int64, vb *big.Int) *metrics.RowError {
	if j.Lost && (v != 0 || vb != nil) {
		return journeyErr(j, "value", fmt.Errorf("%w: a lost journey with value %s", metrics.ErrInvalid, j.Value))
	}
	return wk.p.load(j)
}
