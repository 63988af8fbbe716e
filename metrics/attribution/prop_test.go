package attribution

import (
	"errors"
	"math"
	"math/big"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genChannels are the channels generated journeys use: few, so repeats
// are common.
var genChannels = []string{"A", "B", "C", "D", "direct"}

// genValue draws a value in cur of places decimals: often 0 or small, some
// large, some beyond an int64 of minor units.
func genValue(t *rapid.T, cur string, places uint8) metrics.Money {
	var c *big.Int
	switch rapid.IntRange(0, 5).Draw(t, "valueKind") {
	case 0:
		c = new(big.Int)
	case 1, 2:
		c = big.NewInt(rapid.Int64Range(0, 10_000).Draw(t, "small"))
	case 3:
		c = big.NewInt(rapid.Int64Range(0, 1_000_000_000).Draw(t, "medium"))
	case 4:
		c = big.NewInt(rapid.Int64Range(math.MaxInt64-1000, math.MaxInt64).Draw(t, "edge"))
	default:
		c = new(big.Int).Lsh(big.NewInt(rapid.Int64Range(1, 1000).Draw(t, "hi")), 70)
		c.Add(c, big.NewInt(rapid.Int64Range(0, 1000).Draw(t, "lo")))
	}
	m, err := metrics.NewMoney(decimal.NewFromBigInt(c, -int32(places)), cur)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// genTouches draws n touches: channels and campaigns from small sets, times
// often equal or a whole number of days before the conversion, milestones
// on distinct touches, the first interaction on the earliest.
func genTouches(t *rapid.T, n int) []Touch {
	ts := make([]Touch, n)
	for i := range ts {
		var minutes int
		if rapid.Bool().Draw(t, "round") {
			minutes = rapid.SampledFrom([]int{0, 60, 1440, 3 * 1440, 7 * 1440, 14 * 1440}).Draw(t, "roundMinutes")
		} else {
			minutes = rapid.IntRange(0, 60*1440).Draw(t, "minutes")
		}
		ts[i] = Touch{
			Channel:  rapid.SampledFrom(genChannels).Draw(t, "channel"),
			Campaign: rapid.SampledFrom([]string{"", "", "x", "y"}).Draw(t, "campaign"),
			Time:     conv.Add(-slowDuration(minutes)),
		}
	}
	if n == 0 {
		return ts
	}
	for _, m := range []Milestone{LeadCreated, OpportunityCreated, ClosedWon} {
		if rapid.IntRange(0, 2).Draw(t, "mark") > 0 {
			i := rapid.IntRange(0, n-1).Draw(t, "markAt")
			ts[i].Milestones |= m
		}
	}
	if rapid.Bool().Draw(t, "firstMark") {
		first := slowPath(Journey{Touches: ts})[0]
		ts[first].Milestones |= FirstInteraction
	}
	return ts
}

// genJourney draws a journey in cur (places decimals) of 0–8 touches, now
// and then of 32–40.
func genJourney(t *rapid.T, id string, cur string, places uint8, lost bool) Journey {
	n := rapid.IntRange(0, 8).Draw(t, "touches")
	if rapid.IntRange(0, 14).Draw(t, "long") == 0 {
		n = rapid.IntRange(longPath, longPath+8).Draw(t, "longTouches") // grouped with maps
	}
	j := Journey{ID: id, Conversion: conv, Touches: genTouches(t, n)}
	if lost && rapid.IntRange(0, 3).Draw(t, "lost") == 0 {
		j.Lost = true
		return j
	}
	j.Value = genValue(t, cur, places)
	return j
}

// genModel draws a rule-based model, custom weights and half-lives included.
func genModel(t *rapid.T) Model {
	switch rapid.IntRange(0, 9).Draw(t, "model") {
	case 0:
		return FirstTouch()
	case 1:
		return LastTouch()
	case 2:
		return LastNonDirect("")
	case 3:
		return Linear()
	case 4:
		return PositionBased()
	case 5:
		return WShaped()
	case 6:
		return FullPath()
	case 7:
		var n [6]int64
		sum := int64(0)
		for sum == 0 {
			for i := range n {
				n[i] = rapid.Int64Range(0, 4).Draw(t, "w")
				sum += n[i]
			}
		}
		r := func(i int) metrics.Ratio { x, _ := metrics.NewRatio(n[i], sum); return x }
		m, err := Custom(Weights{First: r(0), Lead: r(1), Opportunity: r(2), ClosedWon: r(3), Last: r(4), Rest: r(5)})
		if err != nil {
			t.Fatal(err)
		}
		return m
	default:
		h := rapid.SampledFrom([]time.Duration{time.Hour, 24 * time.Hour, 0, 90 * time.Minute, 1000 * time.Hour}).Draw(t, "halfLife")
		m, err := TimeDecay(Decay{HalfLife: h, Stepped: rapid.Bool().Draw(t, "stepped")})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

// genCurrency draws a currency and its minor unit.
func genCurrency(t *rapid.T) (string, uint8) {
	cur := rapid.SampledFrom([]string{"USD", "JPY", "KWD"}).Draw(t, "currency")
	return cur, ISOPlaces(cur)
}

// checkSplit asserts that credits sum to the value and each is within one
// minor unit of value × share.
func checkSplit(t *rapid.T, j Journey, credits []Credit, places uint8) {
	sum := new(big.Int)
	v := new(big.Rat).SetInt(slowUnits(j.Value, places))
	for _, c := range credits {
		u := slowUnits(c.Value, places)
		sum.Add(sum, u)
		num, den := c.Share.Fraction()
		exact := new(big.Rat).Mul(v, new(big.Rat).SetFrac(num.BigInt(), den.BigInt()))
		diff := new(big.Rat).Sub(new(big.Rat).SetInt(u), exact)
		if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
			t.Fatalf("%s: credit %s is a unit or more from its exact share %s", j.ID, c.Value, exact.FloatString(4))
		}
	}
	if sum.Cmp(slowUnits(j.Value, places)) != 0 {
		t.Fatalf("%s: credits sum to %s units, value is %s", j.ID, sum, j.Value)
	}
}

// For every rule-based model and journey: the credits are the reference's
// exactly (shares and values), sum exactly to the value, and each is within
// one minor unit of its exact share; a journey with no weighted role is
// refused exactly when the reference finds none.
func TestCreditsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur, places := genCurrency(t)
		j := genJourney(t, "j", cur, places, true)
		m := genModel(t)
		got, err := Credits(j, Options{Model: m})
		want, ok := slowCredits(j, m, places)
		if !ok {
			if !errors.Is(err, metrics.ErrMissing) {
				t.Fatalf("no weighted role: got %v, want ErrMissing", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("%s on %+v (-slow +fast):\n%s", m, j, diff)
		}
		if len(j.Touches) > 0 && !j.Lost {
			checkSplit(t, j, got, places)
		}
	})
}

// Renaming channels (a one-to-one map that keeps "direct") renames the
// credits and changes nothing else.
func TestCreditsRenameChannels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		j := genJourney(t, "j", "USD", 2, false)
		m := genModel(t)
		perm := rapid.Permutation([]string{"A", "B", "C", "D", "w", "x", "y", "z"}).Draw(t, "perm")
		rename := map[string]string{"direct": "direct"}
		for i, c := range []string{"A", "B", "C", "D"} {
			rename[c] = perm[i]
		}
		r := j
		r.Touches = slices.Clone(j.Touches)
		for i := range r.Touches {
			r.Touches[i].Channel = rename[r.Touches[i].Channel]
		}
		a, errA := Credits(j, Options{Model: m})
		b, errB := Credits(r, Options{Model: m})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("errors differ: %v, %v", errA, errB)
		}
		for i := range a {
			a[i].Channel = rename[a[i].Channel]
		}
		if diff := gocmp.Diff(a, b); diff != "" {
			t.Fatalf("renamed credits differ (-renamed original +of renamed journey):\n%s", diff)
		}
	})
}

// genJourneys draws up to 30 journeys in one currency, some without
// touches, some lost.
func genJourneys(t *rapid.T, cur string, places uint8) []Journey {
	js := make([]Journey, rapid.IntRange(0, 30).Draw(t, "journeys"))
	for i := range js {
		js[i] = genJourney(t, "j"+string(rune('a'+i%26)), cur, places, true)
	}
	return js
}

// validFor keeps the journeys a model accepts (custom weights may leave a
// journey without a weighted role).
func validFor(js []Journey, m Model) []Journey {
	var out []Journey
	for _, j := range js {
		if _, err := Credits(j, Options{Model: m}); err == nil {
			out = append(out, j)
		}
	}
	return out
}

// aggregateView is everything an Aggregate reports, for comparisons.
type aggregateView struct {
	Channels, Campaigns []Totals
	Total, Unattributed metrics.Money
	Conversions, Lost   int64
	Currency            string
}

// fataler is a *testing.T or a *rapid.T.
type fataler interface{ Fatal(args ...any) }

// view reads a's reports.
func view(t fataler, a *Aggregate) aggregateView {
	ch, err := a.Channels()
	if err != nil {
		t.Fatal(err)
	}
	cp, err := a.Campaigns()
	if err != nil {
		t.Fatal(err)
	}
	return aggregateView{Channels: ch, Campaigns: cp, Total: a.Total(), Unattributed: a.Unattributed(), Conversions: a.Conversions(), Lost: a.Lost(), Currency: a.Currency()}
}

// Build equals the reference aggregate; the credited values and the
// unattributed value sum exactly to the total, and the credited conversions
// to the converting journeys with touches; the journeys' order does not
// matter; aggregates of shards merge exactly into the single build.
func TestBuildProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur, places := genCurrency(t)
		m := genModel(t)
		js := validFor(genJourneys(t, cur, places), m)
		a, err := Build(metrics.FromSlice(js), Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		got := view(t, a)
		ref := slowBuild(js, m, a.Currency(), places)
		want := aggregateView{Channels: ref.channels, Campaigns: ref.campaigns, Total: ref.total, Unattributed: ref.unattributed, Conversions: ref.conversions, Lost: ref.lost, Currency: a.Currency()}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s (-slow +fast):\n%s", m, diff)
		}
		sum := got.Unattributed
		convs := decimal.Decimal{}
		for _, c := range got.Channels {
			sum, _ = sum.Add(c.Value)
			convs = convs.Add(c.Conversions.Value())
		}
		if !sum.Equal(got.Total) {
			t.Fatalf("channels + unattributed = %s, total %s", sum, got.Total)
		}
		attributed := int64(0)
		for _, j := range js {
			if !j.Lost && len(j.Touches) > 0 {
				attributed++
			}
		}
		if !convs.Equal(decimal.New(attributed, 0)) {
			t.Fatalf("credited conversions %s, want %d", convs.StringFixed(12), attributed)
		}
		// Any order of arrival gives the same aggregate.
		shuffled := rapid.Permutation(js).Draw(t, "order")
		b, err := Build(metrics.FromSlice(shuffled), Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(got, view(t, b)); diff != "" {
			t.Fatalf("order changed the aggregate (-in order +shuffled):\n%s", diff)
		}
		// Shards merge exactly.
		cut1 := rapid.IntRange(0, len(js)).Draw(t, "cut1")
		cut2 := rapid.IntRange(cut1, len(js)).Draw(t, "cut2")
		merged, err := Build(metrics.FromSlice(js[:cut1]), Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		for _, shard := range [][]Journey{js[cut1:cut2], js[cut2:]} {
			s, err := Build(metrics.FromSlice(shard), Options{Model: m})
			if err != nil {
				t.Fatal(err)
			}
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if diff := gocmp.Diff(got, view(t, merged)); diff != "" {
			t.Fatalf("merged shards differ (-single +merged):\n%s", diff)
		}
	})
}
