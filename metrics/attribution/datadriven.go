package attribution

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// The Markov chain's states in Aggregate.trans: 0 is the start, i+1 the
// channel of chanCells[i]; transitions lead to those or to the absorbing
// states.
const (
	stateStart      int32 = 0
	stateConversion int32 = -1
	stateNull       int32 = -2
)

// remapState maps a state of one aggregate to another's, remap giving the
// new channel index of each old one.
func remapState(s int32, remap []int32) int32 {
	if s >= 1 {
		return remap[s-1] + 1
	}
	return s
}

// channelLimit returns the most distinct channels m handles, 0 for no
// limit.
func (m Model) channelLimit() int {
	switch m.kind {
	case kindMarkov:
		return MaxMarkovChannels
	case kindShapley:
		return MaxShapleyChannels
	}
	return 0
}

// setStat is what Shapley keeps per set of channels: the value and the
// number of the converting journeys touching exactly those channels.
type setStat struct {
	value intSum
	count int64
}

// addPath folds journey j (validated, its path loaded; v or vb its value in
// minor units) into the data-driven statistics, or returns why it cannot
// (too many channels), changing nothing.
func (b *builder) addPath(j *Journey, v int64, vb *big.Int) *metrics.RowError {
	a, p := b.a, &b.wk.p
	if len(j.Touches) == 0 || j.Lost && a.opts.Model.kind == kindShapley {
		return nil
	}
	fresh := 0
	for _, first := range p.chans {
		if _, ok := a.chans[p.keys[first].channel]; !ok {
			fresh++
		}
	}
	if limit := a.opts.Model.channelLimit(); len(a.chanCells)+fresh > limit {
		return journeyErr(j, "channel", fmt.Errorf("%w: %d distinct channels, more than %d for the %s model", metrics.ErrOutOfRange, len(a.chanCells)+fresh, limit, a.opts.Model.name))
	}
	b.states = b.states[:0]
	for _, first := range p.chans {
		b.states = append(b.states, a.channel(p.keys[first].channel))
	}
	if !j.Lost {
		for _, ci := range b.states {
			a.chanCells[ci].journeys++
		}
		for _, k := range p.keyOf {
			a.chanCells[b.states[p.chanOf[k]]].touches++
		}
	}
	if a.opts.Model.kind == kindShapley {
		var set uint32
		for _, ci := range b.states {
			set |= 1 << ci
		}
		s := a.sets[set]
		s.value.add(v)
		if vb != nil {
			s.value.addBig(vb)
		}
		s.count++
		a.sets[set] = s
		return nil
	}
	from := stateStart
	for _, k := range p.keyOf {
		to := b.states[p.chanOf[k]] + 1
		a.trans[[2]int32{from, to}]++
		from = to
	}
	end := stateConversion
	if j.Lost {
		end = stateNull
	}
	a.trans[[2]int32{from, end}]++
	return nil
}

// byName returns the channel cells' indices sorted by channel name.
func (a *Aggregate) byName() []int {
	idx := make([]int, len(a.chanCells))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return strings.Compare(a.chanCells[x].key.channel, a.chanCells[y].key.channel) })
	return idx
}

// dataDrivenTotals computes the data-driven model's per-channel totals.
func (a *Aggregate) dataDrivenTotals() ([]Totals, error) {
	const id = "attribution"
	if a.attributed == 0 {
		return nil, metrics.NewMetricError(id, "Channels", fmt.Errorf("%w: no converting journey with touches to split", metrics.ErrZeroDenominator))
	}
	order := a.byName()
	attrValue := new(big.Int).Sub(a.total.value(), a.unattributed.value())
	attrConv := new(big.Int).Mul(big.NewInt(a.attributed), big.NewInt(picoConversion))
	var values, convs []*big.Int
	if a.opts.Model.kind == kindMarkov {
		_, effects, err := a.markovSolve()
		if err != nil {
			return nil, err
		}
		shares := make([]*big.Rat, len(order))
		for x, i := range order {
			shares[x] = effects[i]
		}
		values, convs = splitRat(attrValue, shares), splitRat(attrConv, shares)
	} else {
		wv, wc := a.shapleyWeights()
		sorted := func(w []*big.Int) []*big.Int {
			out := make([]*big.Int, len(order))
			for x, i := range order {
				out[x] = w[i]
			}
			return out
		}
		values, convs = splitWeights(attrValue, sorted(wv)), splitWeights(attrConv, sorted(wc))
	}
	out := make([]Totals, len(order))
	places := a.opts.MinorUnit.For(a.currency)
	for x, i := range order {
		c := &a.chanCells[i]
		var conv intSum
		conv.addBig(convs[x])
		out[x] = Totals{Channel: c.key.channel, Value: moneyOfUnits(0, values[x], places, a.currency), Conversions: conversionsOf(conv), Journeys: c.journeys, Touches: c.touches}
	}
	return out, nil
}

// splitWeights splits v by largest remainder in proportion to w (≥ 0),
// ties to the lower index; all zeros when Σ w = 0 (then v is 0 too).
func splitWeights(v *big.Int, w []*big.Int) []*big.Int {
	out := growBig(nil, len(w))
	d := new(big.Int)
	for _, x := range w {
		d.Add(d, x)
	}
	if d.Sign() == 0 {
		return out
	}
	var s splitter
	s.bigInts(v, w, d, out)
	return out
}

// splitRat splits v by largest remainder in proportion to the non-negative
// exact shares (not all zero), ties to the lower index.
func splitRat(v *big.Int, shares []*big.Rat) []*big.Int {
	// Bring the shares to integers over a common denominator.
	den := big.NewInt(1)
	for _, s := range shares {
		d := s.Denom()
		g := new(big.Int).GCD(nil, nil, den, d)
		den.Mul(den, new(big.Int).Quo(d, g))
	}
	w := make([]*big.Int, len(shares))
	for i, s := range shares {
		w[i] = new(big.Int).Mul(s.Num(), new(big.Int).Quo(den, s.Denom()))
	}
	return splitWeights(v, w)
}

// Removal is the Markov chain's conversion probability and each channel's
// removal effect, exact.
type Removal struct {
	Probability metrics.Ratio            // P(conversion) from the start state
	Effects     map[string]metrics.Ratio // per channel: 1 − P(conversion without it) ÷ P(conversion), in [0, 1]
}

// RemovalEffects returns the Markov chain's conversion probability and the
// removal effect of every channel (see Markov), exact. The model must be
// Markov (else metrics.ErrInvalid) with at least one converting journey
// with touches (else metrics.ErrZeroDenominator), each in a
// *metrics.MetricError.
func (a *Aggregate) RemovalEffects() (Removal, error) {
	if a.opts.Model.kind != kindMarkov {
		return Removal{}, metrics.NewMetricError("attribution", "RemovalEffects", fmt.Errorf("%w: the %s model has no removal effects", metrics.ErrInvalid, a.opts.Model))
	}
	prob, effects, err := a.markovSolve()
	if err != nil {
		return Removal{}, err
	}
	out := Removal{Probability: ratOf(prob), Effects: make(map[string]metrics.Ratio, len(effects))}
	for i, e := range effects {
		out.Effects[a.chanCells[i].key.channel] = ratOf(e)
	}
	return out, nil
}

// ratOf converts an exact big.Rat to a metrics.Ratio.
func ratOf(r *big.Rat) metrics.Ratio {
	out, _ := metrics.RatioOf(decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0)) // den > 0
	return out
}

// markovSolve solves the absorbing chain of the transitions: the
// conversion probability from the start and each channel's removal effect
// (indexed like chanCells).
//
// With n_a the transitions out of transient state a and N(a→b) the counts,
// the conversion probabilities x solve A·x = r over the integers, A =
// diag(n) − N restricted to the transient states, r_a = N(a→conversion).
// Removing channel c (its state leading to null) gives
//
//	P(without c) = x_start − (G_start,c ÷ G_c,c) · x_c
//
// where G = (I − Q)^−1 (G_start,c ÷ G_c,c is the probability of ever
// reaching c from the start, and x_c is lost with it); A^−1 = G·diag(n)^−1,
// so G_start,c ÷ G_c,c = A^−1_start,c ÷ A^−1_c,c. One fraction-free
// Gauss–Jordan elimination of [A | I | r] gives det·A^−1 and det·x in
// integers, and every removal effect
//
//	effect(c) = (P − P(without c)) ÷ P = A^−1_start,c · x_c ÷ (A^−1_c,c · x_start)
//
// is a ratio of those integers, the determinant cancelling. A is a
// non-singular M-matrix (every state reaches absorption along the path that
// visited it), so no pivot is zero and A^−1 ≥ 0.
func (a *Aggregate) markovSolve() (*big.Rat, []*big.Rat, error) {
	k := len(a.chanCells)
	n := k + 1
	cols := 2*n + 1
	m := make([][]*big.Int, n)
	for i := range m {
		m[i] = make([]*big.Int, cols)
		for j := range m[i] {
			m[i][j] = new(big.Int)
		}
		m[i][n+i].SetInt64(1)
	}
	converts := false
	for t, c := range a.trans {
		from, to := t[0], t[1]
		cnt := big.NewInt(c)
		m[from][from].Add(m[from][from], cnt)
		switch {
		case to >= 0:
			m[from][to].Sub(m[from][to], cnt)
		case to == stateConversion:
			m[from][2*n].Add(m[from][2*n], cnt)
			converts = true
		}
	}
	if !converts {
		return nil, nil, metrics.NewMetricError("attribution", "Markov", fmt.Errorf("%w: no converting journey with touches", metrics.ErrZeroDenominator))
	}
	gaussJordan(m)
	x := func(i int) *big.Int { return m[i][2*n] }
	inv := func(i, j int) *big.Int { return m[i][n+j] }
	prob := new(big.Rat).SetFrac(x(0), m[0][0])
	effects := make([]*big.Rat, k)
	for c := range k {
		s := c + 1
		num := new(big.Int).Mul(inv(0, s), x(s))
		den := new(big.Int).Mul(inv(s, s), x(0))
		effects[c] = new(big.Rat).SetFrac(num, den)
	}
	return prob, effects, nil
}

// gaussJordan runs fraction-free (Bareiss) Gauss–Jordan elimination on the
// integer matrix m (n rows, n + extra columns) in place: afterwards the left
// n×n block is d·I and the rest d times the left block's inverse applied to
// it, d being its determinant, every division exact. The pivot of step k is
// the left block's leading principal minor of order k+1, so no pivoting is
// needed when they are all positive, as for markovSolve's matrix:
// diag(n)·(I − Q) with Q the substochastic transitions between transient
// states, from each of which absorption is reachable, is a non-singular
// M-matrix, and so is every principal submatrix.
func gaussJordan(m [][]*big.Int) {
	n := len(m)
	prev := big.NewInt(1)
	t := new(big.Int)
	for k := range n {
		piv := m[k][k] // the leading principal minor of order k+1: positive for our matrices
		for i := range n {
			if i == k {
				continue
			}
			f := m[i][k]
			for j := range m[i] {
				x := m[i][j]
				if j == k || x.Sign() == 0 && (f.Sign() == 0 || m[k][j].Sign() == 0) {
					continue // 0 stays 0
				}
				x.Mul(x, piv)
				if f.Sign() != 0 && m[k][j].Sign() != 0 {
					x.Sub(x, t.Mul(f, m[k][j]))
				}
				x.Quo(x, prev)
			}
			f.SetInt64(0)
		}
		prev = new(big.Int).Set(piv)
	}
}

// shapleyWeights returns each channel's Shapley value times n! for the
// worth "value of the converting journeys whose channels all lie in the
// coalition" (wv) and for the worth "number of such journeys" (wc), indexed
// like chanCells: integers, summing to n!·v(N).
func (a *Aggregate) shapleyWeights() (wv, wc []*big.Int) {
	n := len(a.chanCells)
	size := 1 << n
	val := make([]*big.Int, size)
	cnt := make([]*big.Int, size)
	for s := range size {
		val[s], cnt[s] = new(big.Int), new(big.Int)
	}
	for set, st := range a.sets {
		val[set].Add(val[set], st.value.value())
		cnt[set].SetInt64(st.count)
	}
	// Zeta transform: worth(S) = Σ over T ⊆ S of the exact-set sums.
	for i := range n {
		bit := 1 << i
		for s := range size {
			if s&bit != 0 {
				val[s].Add(val[s], val[s^bit])
				cnt[s].Add(cnt[s], cnt[s^bit])
			}
		}
	}
	// coef[s] = s!·(n−1−s)!: the number of orders in which a coalition of s
	// comes before the channel and the rest after.
	fact := make([]*big.Int, n) // 0! … (n−1)!
	fact[0] = big.NewInt(1)
	for i := 1; i < n; i++ {
		fact[i] = new(big.Int).Mul(fact[i-1], big.NewInt(int64(i)))
	}
	coef := make([]*big.Int, n)
	for s := range n {
		coef[s] = new(big.Int).Mul(fact[s], fact[n-1-s])
	}
	wv, wc = make([]*big.Int, n), make([]*big.Int, n)
	mv, mc := make([]*big.Int, n), make([]*big.Int, n) // marginal sums by coalition size
	d := new(big.Int)
	for c := range n {
		bit := 1 << c
		for s := range mv {
			mv[s], mc[s] = new(big.Int), new(big.Int)
		}
		for s := range size {
			if s&bit != 0 {
				continue
			}
			z := popcount(s)
			mv[z].Add(mv[z], d.Sub(val[s|bit], val[s]))
			mc[z].Add(mc[z], d.Sub(cnt[s|bit], cnt[s]))
		}
		wv[c], wc[c] = new(big.Int), new(big.Int)
		for s := range n {
			wv[c].Add(wv[c], d.Mul(mv[s], coef[s]))
			wc[c].Add(wc[c], d.Mul(mc[s], coef[s]))
		}
	}
	return wv, wc
}

// popcount returns the number of set bits of s.
func popcount(s int) int {
	c := 0
	for ; s != 0; s &= s - 1 {
		c++
	}
	return c
}
