package attribution

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// count returns a count quantity.
func count(t testing.TB, s string) metrics.Quantity {
	t.Helper()
	q, err := metrics.NewQuantity(dec(t, s), metrics.UnitCount)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// lostJourney makes a lost journey over touches.
func lostJourney(id string, ts ...Touch) Journey {
	return Journey{ID: id, Conversion: conv, Touches: ts, Lost: true}
}

// The chain of A → B → conversion (300), A → lost, B → conversion (600):
// start goes to A 2 times of 3 and to B once; A to B once of 2 and to null
// once; B always converts. x_B = 1, x_A = 1/2, P = 2/3·1/2 + 1/3·1 = 2/3.
// Without A: P = 1/3 (effect 1/2); without B: P = 0 (effect 1). Shares 1/3
// and 2/3 of 900: A 300, B 600; of 2 conversions: 2/3 (…666.67 rounds up
// with the larger remainder) and 4/3.
//
// Shapley (the lost path plays no part): {A, B} is worth 300 and {B} 600,
// so A gets 300/2 = 150 and B 150 + 600 = 750; of the conversions, A 1/2
// and B 3/2.
func TestDataDrivenWorkedExample(t *testing.T) {
	js := []Journey{
		journey("j1", usd(t, "300"), touches("A", "B")...),
		lostJourney("j2", touches("A")...),
		journey("j3", usd(t, "600"), touches("B")...),
	}
	a, err := Build(metrics.FromSlice(js), Options{Model: Markov()})
	if err != nil {
		t.Fatal(err)
	}
	rem, err := a.RemovalEffects()
	if err != nil {
		t.Fatal(err)
	}
	wantRem := Removal{Probability: ratio(t, "2/3"), Effects: map[string]metrics.Ratio{"A": ratio(t, "1/2"), "B": ratio(t, "1")}}
	if diff := gocmp.Diff(wantRem, rem); diff != "" {
		t.Errorf("removal effects (-want +got):\n%s", diff)
	}
	got, err := a.Channels()
	if err != nil {
		t.Fatal(err)
	}
	want := []Totals{
		{Channel: "A", Value: usd(t, "300"), Conversions: count(t, "0.666666666667"), Journeys: 1, Touches: 1},
		{Channel: "B", Value: usd(t, "600"), Conversions: count(t, "1.333333333333"), Journeys: 2, Touches: 2},
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Markov channels (-want +got):\n%s", diff)
	}
	s, err := Build(metrics.FromSlice(js), Options{Model: Shapley()})
	if err != nil {
		t.Fatal(err)
	}
	got, err = s.Channels()
	if err != nil {
		t.Fatal(err)
	}
	want = []Totals{
		{Channel: "A", Value: usd(t, "150"), Conversions: count(t, "0.5"), Journeys: 1, Touches: 1},
		{Channel: "B", Value: usd(t, "750"), Conversions: count(t, "1.5"), Journeys: 2, Touches: 2},
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("Shapley channels (-want +got):\n%s", diff)
	}
	if s.Lost() != 1 || a.Lost() != 1 || a.Conversions() != 2 {
		t.Errorf("lost %d/%d, conversions %d", a.Lost(), s.Lost(), a.Conversions())
	}
}

// A chain with a loop: A → B → A → conversion (100) and B → lost. From A:
// to B or to conversion, 1/2 each; from B: to A or to null. x_A = 1/2·x_B +
// 1/2, x_B = 1/2·x_A, so x_A = 2/3, x_B = 1/3, P = 1/2. Without A, P = 0
// (effect 1); without B, x_A = 1/2 and P = 1/4 (effect 1/2). Shares 2/3 and
// 1/3 of 100: 66.67 and 33.33.
func TestMarkovLoop(t *testing.T) {
	js := []Journey{
		journey("j1", usd(t, "100"), touches("A", "B", "A")...),
		lostJourney("j2", touches("B")...),
	}
	a, err := Build(metrics.FromSlice(js), Options{Model: Markov()})
	if err != nil {
		t.Fatal(err)
	}
	rem, err := a.RemovalEffects()
	if err != nil {
		t.Fatal(err)
	}
	wantRem := Removal{Probability: ratio(t, "1/2"), Effects: map[string]metrics.Ratio{"A": ratio(t, "1"), "B": ratio(t, "1/2")}}
	if diff := gocmp.Diff(wantRem, rem); diff != "" {
		t.Errorf("removal effects (-want +got):\n%s", diff)
	}
	got, err := a.Channels()
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].Value.Equal(usd(t, "66.67")) || !got[1].Value.Equal(usd(t, "33.33")) {
		t.Errorf("credits %s, %s; want 66.67, 33.33", got[0].Value, got[1].Value)
	}
	if got[0].Touches != 2 || got[1].Touches != 1 {
		t.Errorf("touches %d, %d; want 2, 1 (converting journeys only)", got[0].Touches, got[1].Touches)
	}
}

// genDataJourneys draws up to 25 journeys over up to 6 channels, some
// lost, some without touches.
func genDataJourneys(t *rapid.T) []Journey {
	js := make([]Journey, rapid.IntRange(1, 25).Draw(t, "journeys"))
	for i := range js {
		js[i] = genJourney(t, fmt.Sprintf("j%d", i), "USD", 2, true)
		for k := range js[i].Touches {
			if rapid.IntRange(0, 5).Draw(t, "extra") == 0 {
				js[i].Touches[k].Channel = "E"
			}
		}
	}
	return js
}

// attributedUnits returns the value of the converting journeys with touches.
func attributedUnits(js []Journey) *big.Int {
	v := new(big.Int)
	for _, j := range js {
		if !j.Lost && len(j.Touches) > 0 {
			v.Add(v, slowUnits(j.Value, 2))
		}
	}
	return v
}

// checkDataDriven asserts the channel totals are non-negative, sum to the
// attributed value and conversions exactly, and equal the split of the
// reference shares (in name order).
func checkDataDriven(t *rapid.T, js []Journey, got []Totals, shares map[string]*big.Rat, convShares map[string]*big.Rat) {
	names := make([]string, 0, len(shares))
	for c := range shares {
		names = append(names, c)
	}
	slices.Sort(names)
	list := func(m map[string]*big.Rat) []*big.Rat {
		out := make([]*big.Rat, len(names))
		for i, c := range names {
			out[i] = m[c]
		}
		return out
	}
	attributed := int64(0)
	for _, j := range js {
		if !j.Lost && len(j.Touches) > 0 {
			attributed++
		}
	}
	values := slowLargestRemainder(attributedUnits(js), normalised(list(shares)))
	convs := slowLargestRemainder(big.NewInt(attributed*picoConversion), normalised(list(convShares)))
	if len(got) != len(names) {
		t.Fatalf("%d channels, want %v", len(got), names)
	}
	sum, csum := new(big.Int), new(big.Int)
	for i, c := range got {
		u := slowUnits(c.Value, 2)
		if c.Channel != names[i] || u.Cmp(values[i]) != 0 || !c.Conversions.Value().Equal(decimal.NewFromBigInt(convs[i], -12)) {
			t.Fatalf("channel %d: got %s %s %s, want %s %s units %s", i, c.Channel, c.Value, c.Conversions, names[i], values[i], convs[i])
		}
		if u.Sign() < 0 || c.Conversions.Value().Sign() < 0 {
			t.Fatalf("negative credit %+v", c)
		}
		sum.Add(sum, u)
		csum.Add(csum, convs[i])
	}
	if sum.Cmp(attributedUnits(js)) != 0 || csum.Cmp(big.NewInt(attributed*picoConversion)) != 0 {
		t.Fatalf("credits sum to %s units and %s conversions; want %s and %d", sum, csum, attributedUnits(js), attributed)
	}
}

// normalised divides shares by their sum (all zero stays all zero).
func normalised(s []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, x := range s {
		sum.Add(sum, x)
	}
	out := make([]*big.Rat, len(s))
	for i, x := range s {
		out[i] = new(big.Rat)
		if sum.Sign() != 0 {
			out[i].Quo(x, sum)
		}
	}
	return out
}

// The Markov removal effects equal the reference's (each channel removed
// and the chain solved again), lie in [0, 1], and the credits are the
// reference's split: non-negative, summing to the attributed value.
// Order of arrival and sharding change nothing; renaming channels renames
// the effects.
func TestMarkovProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		js := genDataJourneys(t)
		a, err := Build(metrics.FromSlice(js), Options{Model: Markov()})
		if err != nil {
			t.Fatal(err)
		}
		rem, err := a.RemovalEffects()
		if attributedUnits(js).Sign() == 0 && !anyConverts(js) {
			if !errors.Is(err, metrics.ErrZeroDenominator) {
				t.Fatalf("no conversions: got %v", err)
			}
			_, err = a.Channels()
			if !errors.Is(err, metrics.ErrZeroDenominator) {
				t.Fatalf("no conversions: Channels gave %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p, effects := slowMarkov(js)
		want := Removal{Probability: ratOf(p), Effects: map[string]metrics.Ratio{}}
		for c, e := range effects {
			want.Effects[c] = ratOf(e)
			if e.Sign() < 0 || e.Cmp(big.NewRat(1, 1)) > 0 {
				t.Fatalf("effect of %s is %s", c, e)
			}
		}
		if diff := gocmp.Diff(want, rem); diff != "" {
			t.Fatalf("removal effects (-slow +fast):\n%s", diff)
		}
		got, err := a.Channels()
		if err != nil {
			t.Fatal(err)
		}
		// Channels only on lost paths are states of the chain but get
		// nothing when they do not help conversions.
		checkDataDriven(t, js, got, effects, effects)
		checkOrderAndShards(t, js, Markov())
	})
}

// anyConverts reports whether some converting journey has touches.
func anyConverts(js []Journey) bool {
	for _, j := range js {
		if !j.Lost && len(j.Touches) > 0 {
			return true
		}
	}
	return false
}

// checkOrderAndShards asserts that shuffling and sharding the journeys
// changes no channel total.
func checkOrderAndShards(t *rapid.T, js []Journey, m Model) {
	one, err := Build(metrics.FromSlice(js), Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := one.Channels()
	shuffled := rapid.Permutation(js).Draw(t, "order")
	cut := rapid.IntRange(0, len(js)).Draw(t, "cut")
	a, err := Build(metrics.FromSlice(shuffled[:cut]), Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(metrics.FromSlice(shuffled[cut:]), Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Merge(a); err != nil {
		t.Fatal(err)
	}
	got, _ := b.Channels()
	if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("shuffled shards differ (-single +merged):\n%s", diff)
	}
	if !one.Total().Equal(b.Total()) || one.Conversions() != b.Conversions() || one.Lost() != b.Lost() {
		t.Fatalf("totals differ: %s %d %d vs %s %d %d", one.Total(), one.Conversions(), one.Lost(), b.Total(), b.Conversions(), b.Lost())
	}
}

// The Shapley credits are the reference's: the exact values computed over
// coalitions equal both the closed form (each journey's value split evenly
// among its channels) and the coalition formula evaluated journey by
// journey; non-negative, summing to the attributed value; order and
// sharding change nothing.
func TestShapleyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		js := genDataJourneys(t)
		a, err := Build(metrics.FromSlice(js), Options{Model: Shapley()})
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.Channels()
		if !anyConverts(js) {
			if !errors.Is(err, metrics.ErrZeroDenominator) {
				t.Fatalf("no conversions: got %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		closed := slowShapleyClosed(js, 2, false)
		brute := slowShapleyBrute(js, 2)
		if len(closed) != len(brute) {
			t.Fatalf("closed form %v, brute force %v", closed, brute)
		}
		for c, v := range closed {
			if brute[c] == nil || v.Cmp(brute[c]) != 0 {
				t.Fatalf("%s: closed form %s, brute force %v", c, v, brute[c])
			}
		}
		// The fast weights, divided by n!, are the Shapley values.
		wv, _ := a.shapleyWeights()
		fact := new(big.Int).MulRange(1, int64(max(len(a.chanCells), 1)))
		for i, c := range a.chanCells {
			phi := new(big.Rat).SetFrac(wv[i], fact)
			if phi.Cmp(closed[c.key.channel]) != 0 {
				t.Fatalf("%s: Shapley value %s, closed form %s", c.key.channel, phi, closed[c.key.channel])
			}
		}
		checkDataDriven(t, js, got, closed, slowShapleyClosed(js, 2, true))
		checkOrderAndShards(t, js, Shapley())
	})
}

// Renaming channels renames the Markov effects exactly; with an
// order-preserving renaming the credits are unchanged too (ties between
// channels of equal share go to the name that sorts first).
func TestDataDrivenRename(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		js := genDataJourneys(t)
		if !anyConverts(js) {
			return
		}
		perm := rapid.Permutation([]string{"p", "q", "r", "s", "t", "u"}).Draw(t, "perm")
		rename := map[string]string{}
		for i, c := range []string{"A", "B", "C", "D", "E", "direct"} {
			rename[c] = perm[i]
		}
		monotone := map[string]string{}
		for c := range rename {
			monotone[c] = "ch-" + c
		}
		apply := func(mp map[string]string) []Journey {
			out := make([]Journey, len(js))
			for i, j := range js {
				out[i] = j
				out[i].Touches = slices.Clone(j.Touches)
				for k := range out[i].Touches {
					out[i].Touches[k].Channel = mp[out[i].Touches[k].Channel]
				}
			}
			return out
		}
		a, _ := Build(metrics.FromSlice(js), Options{Model: Markov()})
		b, _ := Build(metrics.FromSlice(apply(rename)), Options{Model: Markov()})
		ra, err := a.RemovalEffects()
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.RemovalEffects()
		if err != nil {
			t.Fatal(err)
		}
		renamed := Removal{Probability: ra.Probability, Effects: map[string]metrics.Ratio{}}
		for c, e := range ra.Effects {
			renamed.Effects[rename[c]] = e
		}
		if diff := gocmp.Diff(renamed, rb); diff != "" {
			t.Fatalf("renamed effects differ:\n%s", diff)
		}
		for _, m := range []Model{Markov(), Shapley()} {
			x, _ := Build(metrics.FromSlice(js), Options{Model: m})
			y, _ := Build(metrics.FromSlice(apply(monotone)), Options{Model: m})
			cx, err := x.Channels()
			if err != nil {
				t.Fatal(err)
			}
			cy, err := y.Channels()
			if err != nil {
				t.Fatal(err)
			}
			for i := range cx {
				cx[i].Channel = monotone[cx[i].Channel]
			}
			if diff := gocmp.Diff(cx, cy); diff != "" {
				t.Fatalf("%s: renamed credits differ:\n%s", m, diff)
			}
		}
	})
}

// manyChannels returns n journeys, journey i touching channel c<i> then
// channel c<i+1> (n+1 channels in all), each worth 1 USD.
func manyChannels(t testing.TB, n int) []Journey {
	js := make([]Journey, n)
	for i := range js {
		js[i] = journey(fmt.Sprintf("j%d", i), usd(t, "1"), touches(fmt.Sprintf("c%02d", i), fmt.Sprintf("c%02d", i+1))...)
	}
	return js
}

// The journey that brings one channel too many is refused, named; a
// lenient build skips it and goes on.
func TestDataDrivenChannelLimit(t *testing.T) {
	for _, tt := range []struct {
		m     Model
		limit int
	}{{Shapley(), MaxShapleyChannels}, {Markov(), MaxMarkovChannels}} {
		js := manyChannels(t, tt.limit) // limit+1 channels; the last journey brings the extra one
		_, err := Build(metrics.FromSlice(js), Options{Model: tt.m})
		var re *metrics.RowError
		if !errors.As(err, &re) || re.ID != js[len(js)-1].ID || re.Field != "channel" || re.Record != int64(len(js)) || !errors.Is(err, metrics.ErrOutOfRange) || !strings.Contains(err.Error(), fmt.Sprintf("%d distinct channels, more than %d", tt.limit+1, tt.limit)) {
			t.Fatalf("%s: got %v, want journey %s refused", tt.m, err, js[len(js)-1].ID)
		}
		a, err := Build(metrics.FromSlice(js), Options{Model: tt.m, Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		if rej := a.Rejected(); len(rej) != 1 || rej[0].ID != js[len(js)-1].ID {
			t.Fatalf("%s: rejected %v", tt.m, rej)
		}
		ch, err := a.Channels()
		if err != nil || len(ch) != tt.limit {
			t.Fatalf("%s: %d channels, %v", tt.m, len(ch), err)
		}
		// Two shards with exactly the limit together merge.
		x, _ := Build(metrics.FromSlice(js[:tt.limit/2]), Options{Model: tt.m})
		y, _ := Build(metrics.FromSlice(js[tt.limit/2:tt.limit-1]), Options{Model: tt.m})
		if err := x.Merge(y); err != nil {
			t.Fatalf("%s: merge at the limit: %v", tt.m, err)
		}
		// Two shards each within the limit but not together.
		x, _ = Build(metrics.FromSlice(js[:tt.limit/2]), Options{Model: tt.m})
		y, _ = Build(metrics.FromSlice(js[tt.limit/2:]), Options{Model: tt.m})
		before, _ := x.Channels()
		if err := x.Merge(y); !errors.Is(err, metrics.ErrOutOfRange) {
			t.Fatalf("%s: merge over the limit gave %v", tt.m, err)
		}
		after, _ := x.Channels()
		if diff := gocmp.Diff(before, after); diff != "" {
			t.Fatalf("%s: a refused merge changed the aggregate:\n%s", tt.m, diff)
		}
	}
}

// At the channel limits, the exact models finish within a time budget
// whatever the data: Markov on a dense chain of 64 channels with large
// counts, Shapley on 16 channels with every coalition worth something.
func TestDataDrivenAtLimitsIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("the limits take a second")
	}
	var js []Journey
	// Markov: every ordered pair of 64 channels, counts up to millions.
	for i := range MaxMarkovChannels {
		for k := range MaxMarkovChannels {
			ts := []Touch{
				{Channel: fmt.Sprintf("c%02d", i), Time: daysBefore(2)},
				{Channel: fmt.Sprintf("c%02d", k), Time: daysBefore(1)},
			}
			js = append(js, Journey{ID: "m", Value: usd(t, "1"), Conversion: conv, Touches: ts, Lost: (i+k)%3 == 0})
			if js[len(js)-1].Lost {
				js[len(js)-1].Value = metrics.Money{}
			}
		}
	}
	a, err := Build(metrics.FromSlice(js), Options{Model: Markov()})
	if err != nil {
		t.Fatal(err)
	}
	// Make the counts large and uneven.
	for k := range a.trans {
		a.trans[k] *= int64(1_000_003 + 7*(k[0]+3*k[1]))
	}
	within(t, 60*time.Second, "Markov at 64 channels", func() error { _, err := a.Channels(); return err })
	var sj []Journey
	for s := 1; s < 1<<MaxShapleyChannels; s += 97 {
		var ts []Touch
		for b := range MaxShapleyChannels {
			if s&(1<<b) != 0 {
				ts = append(ts, Touch{Channel: fmt.Sprintf("c%02d", b), Time: daysBefore(1)})
			}
		}
		sj = append(sj, journey("s", usd(t, "12345.67"), ts...))
	}
	b, err := Build(metrics.FromSlice(sj), Options{Model: Shapley()})
	if err != nil {
		t.Fatal(err)
	}
	within(t, 60*time.Second, "Shapley at 16 channels", func() error { _, err := b.Channels(); return err })
}

// within runs f in a goroutine and fails when it errs or takes longer than
// budget (the test binary does not hang: it reports and goes on).
func within(t *testing.T, budget time.Duration, what string, f func() error) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		t.Logf("%s: %s", what, time.Since(start).Round(time.Millisecond))
	case <-time.After(budget):
		t.Fatalf("%s: not done within %s", what, budget)
	}
}

// The data-driven models refuse per-journey credits and campaigns.
func TestDataDrivenRefusals(t *testing.T) {
	j := journey("j", usd(t, "1"), touches("A")...)
	for _, m := range []Model{Markov(), Shapley()} {
		if _, err := Credits(j, Options{Model: m}); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s: Credits gave %v", m, err)
		}
		a, err := Build(metrics.FromSlice([]Journey{j}), Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Campaigns(); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("%s: Campaigns gave %v", m, err)
		}
	}
	a, _ := Build(metrics.FromSlice([]Journey{j}), Options{Model: Shapley()})
	if _, err := a.RemovalEffects(); !errors.Is(err, metrics.ErrInvalid) || !strings.Contains(err.Error(), "Shapley") {
		t.Errorf("RemovalEffects of Shapley gave %v", err)
	}
}
