package attribution

// Slow, obviously correct references for the fast code: exact rational
// shares from the definitions, largest remainder by sorting exact
// remainders, the aggregate as maps of sums, the Markov removal effect by
// removing each channel and solving again with big.Rat Gaussian
// elimination, Shapley by its closed form and by brute force over
// coalitions, and 2^(−p/q) to 400 bits with another series for ln 2.

import (
	"math/big"
	"slices"
	"sort"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// slowPath returns the touch indices of j in path order (stable by time).
func slowPath(j Journey) []int {
	idx := make([]int, len(j.Touches))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return j.Touches[idx[a]].Time.Before(j.Touches[idx[b]].Time) })
	return idx
}

// slowTouchWeights returns the exact share of every touch in path order
// under a rule-based model, or nil when no touch holds a weighted role.
// Time-decay weights come from exp2neg (its own reference is slowExp2).
func slowTouchWeights(j Journey, m Model) []*big.Rat {
	order := slowPath(j)
	n := len(order)
	w := make([]*big.Rat, n)
	for i := range w {
		w[i] = new(big.Rat)
	}
	switch m.kind {
	case kindDecay:
		h := int64(m.halfLife)
		dts := make([]int64, n)
		minDt := int64(1<<63 - 1)
		for x, i := range order {
			dts[x] = int64(j.Conversion.Sub(j.Touches[i].Time))
			minDt = min(minDt, dts[x])
		}
		for x, d := range dts {
			if m.stepped {
				k := d/h - minDt/h
				w[x].SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(k)))
			} else {
				w[x].SetInt(exp2neg(d-minDt, h, ln2Fixed()))
			}
		}
	default:
		roles, rest, den := m.roles()
		pos := map[int]int{roleFirst: 0, roleLast: n - 1}
		if m.direct != "" {
			for x := n - 1; x >= 0; x-- {
				if j.Touches[order[x]].Channel != m.direct {
					pos[roleLast] = x
					break
				}
			}
		}
		for x, i := range order {
			ms := j.Touches[i].Milestones
			if ms&LeadCreated != 0 {
				pos[roleLead] = x
			}
			if ms&OpportunityCreated != 0 {
				pos[roleOpp] = x
			}
			if ms&ClosedWon != 0 {
				pos[roleWon] = x
			}
		}
		holds := make([]bool, n)
		for r, x := range pos {
			if roles[r] > 0 {
				w[x].Add(w[x], big.NewRat(roles[r], den))
				holds[x] = true
			}
		}
		var others []int
		for x := range n {
			if !holds[x] {
				others = append(others, x)
			}
		}
		for _, x := range others {
			w[x].Add(w[x], big.NewRat(rest, den*int64(len(others))))
		}
	}
	sum := new(big.Rat)
	for _, x := range w {
		sum.Add(sum, x)
	}
	if sum.Sign() == 0 {
		return nil
	}
	for _, x := range w {
		x.Quo(x, sum)
	}
	return w
}

// slowCredits returns the credits of j under rule-based model m, from the
// definitions: the exact share of each (channel, campaign) in order of
// first touch, and the value split by slowLargestRemainder; nil for no
// touches or a lost journey, and ok false when no touch holds a weighted
// role.
func slowCredits(j Journey, m Model, places uint8) (credits []Credit, ok bool) {
	if j.Lost || len(j.Touches) == 0 {
		return nil, true
	}
	w := slowTouchWeights(j, m)
	if w == nil {
		return nil, false
	}
	var keys []key
	shares := map[key]*big.Rat{}
	for x, i := range slowPath(j) {
		k := key{j.Touches[i].Channel, j.Touches[i].Campaign}
		if shares[k] == nil {
			keys = append(keys, k)
			shares[k] = new(big.Rat)
		}
		shares[k].Add(shares[k], w[x])
	}
	list := make([]*big.Rat, len(keys))
	for i, k := range keys {
		list[i] = shares[k]
	}
	parts := slowLargestRemainder(slowUnits(j.Value, places), list)
	for i, k := range keys {
		credits = append(credits, Credit{Channel: k.channel, Campaign: k.campaign, Share: ratOf(shares[k]), Value: slowMoney(parts[i], places, j.Value.Currency())})
	}
	return credits, true
}

// slowUnits returns m in units of 10^-places (a whole number).
func slowUnits(m metrics.Money, places uint8) *big.Int {
	return m.Amount().Shift(int32(places)).BigInt()
}

// slowMoney returns v units of 10^-places in currency.
func slowMoney(v *big.Int, places uint8, currency string) metrics.Money {
	m, err := metrics.NewMoney(decimal.NewFromBigInt(v, -int32(places)), currency)
	if err != nil {
		panic(err)
	}
	return m
}

// slowLargestRemainder splits v by the exact shares (summing to 1, or all
// zero): floors first, then one unit each to the largest remainders, the
// lower index on ties, by a stable sort of exact rational remainders.
func slowLargestRemainder(v *big.Int, shares []*big.Rat) []*big.Int {
	out := make([]*big.Int, len(shares))
	rems := make([]*big.Rat, len(shares))
	left := new(big.Int).Set(v)
	for i, s := range shares {
		exact := new(big.Rat).Mul(new(big.Rat).SetInt(v), s)
		out[i] = new(big.Int).Quo(exact.Num(), exact.Denom()) // floor: non-negative
		rems[i] = new(big.Rat).Sub(exact, new(big.Rat).SetInt(out[i]))
		left.Sub(left, out[i])
	}
	idx := make([]int, len(shares))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rems[idx[a]].Cmp(rems[idx[b]]) > 0 })
	for _, i := range idx[:left.Int64()] {
		out[i].Add(out[i], big.NewInt(1))
	}
	return out
}

// slowTotals is the reference aggregate of rule-based credits: per channel
// and per (channel, campaign), sums of the reference credits and
// conversions, sorted.
type slowTotals struct {
	channels, campaigns []Totals
	total, unattributed metrics.Money
	conversions, lost   int64
}

// slowBuild folds valid journeys (all in currency) with the references.
func slowBuild(js []Journey, m Model, currency string, places uint8) slowTotals {
	type acc struct {
		value    *big.Int
		conv     *big.Int
		journeys int64
		touches  int64
	}
	chans, camps := map[key]*acc{}, map[key]*acc{}
	get := func(mp map[key]*acc, k key) *acc {
		if mp[k] == nil {
			mp[k] = &acc{value: new(big.Int), conv: new(big.Int)}
		}
		return mp[k]
	}
	var out slowTotals
	total, unattributed := new(big.Int), new(big.Int)
	for _, j := range js {
		if j.Lost {
			out.lost++
			continue
		}
		out.conversions++
		v := slowUnits(j.Value, places)
		total.Add(total, v)
		if len(j.Touches) == 0 {
			unattributed.Add(unattributed, v)
			continue
		}
		credits, _ := slowCredits(j, m, places)
		shares := make([]*big.Rat, len(credits))
		for i, c := range credits {
			num, den := c.Share.Fraction()
			shares[i] = new(big.Rat).SetFrac(num.BigInt(), den.BigInt())
		}
		convs := slowLargestRemainder(big.NewInt(picoConversion), shares)
		seen := map[string]bool{}
		for i, c := range credits {
			k := key{c.Channel, c.Campaign}
			a := get(camps, k)
			a.value.Add(a.value, slowUnits(c.Value, places))
			a.conv.Add(a.conv, convs[i])
			a.journeys++
			ch := get(chans, key{channel: c.Channel})
			ch.value.Add(ch.value, slowUnits(c.Value, places))
			ch.conv.Add(ch.conv, convs[i])
			if !seen[c.Channel] {
				seen[c.Channel] = true
				ch.journeys++
			}
		}
		for _, t := range j.Touches {
			get(camps, key{t.Channel, t.Campaign}).touches++
			get(chans, key{channel: t.Channel}).touches++
		}
	}
	list := func(mp map[key]*acc) []Totals {
		var ts []Totals
		for k, a := range mp {
			q, _ := metrics.NewQuantity(decimal.NewFromBigInt(a.conv, -12), metrics.UnitCount)
			ts = append(ts, Totals{Channel: k.channel, Campaign: k.campaign, Value: slowMoney(a.value, places, currency), Conversions: q, Journeys: a.journeys, Touches: a.touches})
		}
		sortTotals(ts)
		return ts
	}
	out.channels, out.campaigns = list(chans), list(camps)
	out.total, out.unattributed = slowMoney(total, places, currency), slowMoney(unattributed, places, currency)
	return out
}

// slowChannelsOf returns j's distinct channels.
func slowChannelsOf(j Journey) []string {
	var cs []string
	for _, t := range j.Touches {
		if !slices.Contains(cs, t.Channel) {
			cs = append(cs, t.Channel)
		}
	}
	return cs
}

// slowMarkov returns the chain's conversion probability and each channel's
// removal effect, by building the transition probabilities as exact
// fractions and, for each channel, solving again with the channel's state
// leading to null (big.Rat Gaussian elimination with partial pivoting on
// non-zero entries).
func slowMarkov(js []Journey) (*big.Rat, map[string]*big.Rat) {
	var chans []string
	counts := map[[2]string]int64{}
	outs := map[string]int64{}
	for _, j := range js {
		if len(j.Touches) == 0 {
			continue
		}
		prev := "(start)"
		for _, i := range slowPath(j) {
			c := j.Touches[i].Channel
			if !slices.Contains(chans, c) {
				chans = append(chans, c)
			}
			counts[[2]string{prev, c}]++
			outs[prev]++
			prev = c
		}
		end := "(conversion)"
		if j.Lost {
			end = "(null)"
		}
		counts[[2]string{prev, end}]++
		outs[prev]++
	}
	states := append([]string{"(start)"}, chans...)
	solve := func(removed string) *big.Rat {
		n := len(states)
		a := make([][]*big.Rat, n)
		for i, s := range states {
			a[i] = make([]*big.Rat, n+1)
			for k := range a[i] {
				a[i][k] = new(big.Rat)
			}
			a[i][i].SetInt64(1)
			if s == removed || outs[s] == 0 {
				continue // x_s = 0
			}
			for k, t := range states {
				p := big.NewRat(counts[[2]string{s, t}], outs[s])
				a[i][k].Sub(a[i][k], p)
			}
			a[i][n].SetFrac64(counts[[2]string{s, "(conversion)"}], outs[s])
		}
		for col := range n {
			piv := col
			for a[piv][col].Sign() == 0 {
				piv++
			}
			a[col], a[piv] = a[piv], a[col]
			for r := range n {
				if r == col || a[r][col].Sign() == 0 {
					continue
				}
				f := new(big.Rat).Quo(a[r][col], a[col][col])
				for k := col; k <= n; k++ {
					a[r][k].Sub(a[r][k], new(big.Rat).Mul(f, a[col][k]))
				}
			}
		}
		return new(big.Rat).Quo(a[0][n], a[0][0])
	}
	p := solve("")
	effects := map[string]*big.Rat{}
	for _, c := range chans {
		pc := solve(c)
		effects[c] = new(big.Rat).Quo(new(big.Rat).Sub(p, pc), p)
	}
	return p, effects
}

// slowShapleyClosed returns each channel's Shapley value (in minor units)
// by its closed form for the worth "value of the journeys whose channels
// lie in the coalition": each converting journey's value split evenly
// among its distinct channels.
func slowShapleyClosed(js []Journey, places uint8, count bool) map[string]*big.Rat {
	out := map[string]*big.Rat{}
	for _, j := range js {
		if j.Lost || len(j.Touches) == 0 {
			continue
		}
		cs := slowChannelsOf(j)
		v := new(big.Rat).SetInt(slowUnits(j.Value, places))
		if count {
			v.SetInt64(1)
		}
		v.Quo(v, new(big.Rat).SetInt64(int64(len(cs))))
		for _, c := range cs {
			if out[c] == nil {
				out[c] = new(big.Rat)
			}
			out[c].Add(out[c], v)
		}
	}
	return out
}

// slowShapleyBrute returns each channel's Shapley value by the coalition
// formula, evaluating every coalition's worth from the journeys directly.
func slowShapleyBrute(js []Journey, places uint8) map[string]*big.Rat {
	var chans []string
	for _, j := range js {
		if !j.Lost {
			for _, c := range slowChannelsOf(j) {
				if !slices.Contains(chans, c) {
					chans = append(chans, c)
				}
			}
		}
	}
	n := len(chans)
	worth := func(set int) *big.Rat {
		v := new(big.Rat)
		for _, j := range js {
			if j.Lost || len(j.Touches) == 0 {
				continue
			}
			in := true
			for _, c := range slowChannelsOf(j) {
				if set&(1<<slices.Index(chans, c)) == 0 {
					in = false
				}
			}
			if in {
				v.Add(v, new(big.Rat).SetInt(slowUnits(j.Value, places)))
			}
		}
		return v
	}
	fact := func(k int) *big.Int { return new(big.Int).MulRange(1, int64(max(k, 1))) }
	out := map[string]*big.Rat{}
	for ci, c := range chans {
		phi := new(big.Rat)
		for s := range 1 << n {
			if s&(1<<ci) != 0 {
				continue
			}
			z := 0
			for b := range n {
				if s&(1<<b) != 0 {
					z++
				}
			}
			coef := new(big.Rat).SetFrac(new(big.Int).Mul(fact(z), fact(n-z-1)), fact(n))
			marg := new(big.Rat).Sub(worth(s|1<<ci), worth(s))
			phi.Add(phi, marg.Mul(marg, coef))
		}
		out[c] = phi
	}
	return out
}

// slowLn2 returns ⌊ln 2 × 2^bits⌋ from ln 2 = 2·atanh(1/3) =
// 2 Σ 1/((2k+1)·3^(2k+1)), with 64 guard bits (a different series than the
// one ln2Hex was checked with).
func slowLn2(bits uint) *big.Int {
	g := bits + 64
	one := new(big.Int).Lsh(big.NewInt(1), g)
	sum := new(big.Int)
	pow := big.NewInt(3)
	for k := int64(0); ; k++ {
		term := new(big.Int).Quo(one, new(big.Int).Mul(big.NewInt(2*k+1), pow))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
		pow.Mul(pow, big.NewInt(9))
	}
	sum.Lsh(sum, 1)
	return sum.Rsh(sum, 64)
}

// slowExp2 returns 2^(−p/q) × 2^400 within a few units, by the exponential
// series at 464 bits with slowLn2's ln 2.
func slowExp2(p, q int64) *big.Int {
	const bits = 464
	n, r := p/q, p%q
	one := new(big.Int).Lsh(big.NewInt(1), bits)
	x := new(big.Int).Mul(slowLn2(bits), big.NewInt(r))
	x.Quo(x, big.NewInt(q))
	sum, term := new(big.Int).Set(one), new(big.Int).Set(one)
	for k := int64(1); ; k++ {
		term.Mul(term, x).Rsh(term, bits).Quo(term, big.NewInt(k))
		if term.Sign() == 0 {
			break
		}
		if k%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
	return sum.Rsh(sum, uint(bits-400)+uint(n))
}

// slowDuration is a whole number of minutes, for generated times.
func slowDuration(minutes int) time.Duration { return time.Duration(minutes) * time.Minute }
