package attribution

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// benchChannels and benchCampaigns are the generated journeys' channels
// and campaigns (campaign names repeat across channels).
var (
	benchChannels  = []string{"paid search", "organic", "email", "social", "display", "events", "partners", "content", "referral", "direct"}
	benchCampaigns = []string{"brand", "generic", "nurture", "launch"}
)

// benchJourneys returns n journeys of 1–8 touches in time order, values of
// 1 to 100,000 USD in cents, from a fixed seed.
func benchJourneys(n int) []Journey {
	rng := rand.New(rand.NewPCG(13, 2024))
	js := make([]Journey, n)
	all := make([]Touch, 0, n*9/2)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range js {
		k := 1 + rng.IntN(8)
		c := base.Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		start := len(all)
		at := c
		for range k {
			at = at.Add(-time.Duration(1+rng.IntN(72)) * time.Hour)
			all = append(all, Touch{
				Channel:  benchChannels[rng.IntN(len(benchChannels))],
				Campaign: benchCampaigns[rng.IntN(len(benchCampaigns))],
				Time:     at,
			})
		}
		slices.Reverse(all[start:]) // time order
		v, _ := metrics.MoneyFromMinor(100+rng.Int64N(10_000_000), 2, "USD")
		js[i] = Journey{ID: fmt.Sprint(i), Value: v, Conversion: c, Touches: all[start:len(all):len(all)]}
	}
	return js
}

// benchData is generated once per test binary (a million journeys take a
// moment and some 300 MB).
var benchData = sync.OnceValue(func() []Journey { return benchJourneys(1_000_000) })

// baseline is the plain loop a developer would write for the same credits,
// trusting its input: value in cents, touches already in time order, the
// integer weights of linear or position-based 40/20/40, the touches grouped
// by (channel, campaign) with a linear scan, largest remainder in int64,
// and the credits summed per channel and per campaign in maps. No
// validation, no conversions, no counts.
func baseline(js []Journey, position bool) (map[string]int64, map[key]int64) {
	chans, camps := map[string]int64{}, map[key]int64{}
	var keys []key
	var w, q, r []int64
	for i := range js {
		j := &js[i]
		v, _ := j.Value.Minor(2)
		n := int64(len(j.Touches))
		keys, w = keys[:0], w[:0]
		for x := range j.Touches {
			t := &j.Touches[x]
			tw := int64(1)
			if position && n > 2 {
				tw = 1
				if x == 0 || int64(x) == n-1 {
					tw = 2 * (n - 2)
				}
			}
			k := key{t.Channel, t.Campaign}
			found := false
			for y := range keys {
				if keys[y] == k {
					w[y] += tw
					found = true
					break
				}
			}
			if !found {
				keys = append(keys, k)
				w = append(w, tw)
			}
		}
		d := int64(0)
		for _, x := range w {
			d += x
		}
		q, r = q[:0], r[:0]
		left := v
		for _, x := range w {
			q = append(q, v*x/d)
			r = append(r, v*x%d)
			left -= v * x / d
		}
		for ; left > 0; left-- {
			best := 0
			for y := range r {
				if r[y] > r[best] {
					best = y
				}
			}
			q[best]++
			r[best] = -1
		}
		for y, k := range keys {
			chans[k.channel] += q[y]
			camps[k] += q[y]
		}
	}
	return chans, camps
}

// The benchmark's contestants compute the same credits: checked on the
// first 20,000 generated journeys.
func TestBenchBaselineAgrees(t *testing.T) {
	js := benchJourneys(20_000)
	for _, m := range []Model{Linear(), PositionBased()} {
		a, err := Build(metrics.FromSlice(js), Options{Model: m})
		if err != nil {
			t.Fatal(err)
		}
		chans, camps := baseline(js, m == PositionBased())
		ch, _ := a.Channels()
		cp, _ := a.Campaigns()
		if len(ch) != len(chans) || len(cp) != len(camps) {
			t.Fatalf("%s: %d/%d channels, %d/%d campaigns", m, len(ch), len(chans), len(cp), len(camps))
		}
		for _, c := range ch {
			if v, _ := c.Value.Minor(2); v != chans[c.Channel] {
				t.Fatalf("%s: %s %d cents, baseline %d", m, c.Channel, v, chans[c.Channel])
			}
		}
		for _, c := range cp {
			if v, _ := c.Value.Minor(2); v != camps[key{c.Channel, c.Campaign}] {
				t.Fatalf("%s: %s/%s %d cents, baseline %d", m, c.Channel, c.Campaign, v, camps[key{c.Channel, c.Campaign}])
			}
		}
	}
}

// BenchmarkBuildRatio builds the aggregate of a million journeys of 1–8
// touches under the linear and the position-based model, each beside the
// plain loop on the same journeys in the same iteration (so a noisy
// machine slows both alike), and reports ns per journey of each and the
// build's time as a percentage of the loop's (the target is ≤ 300%).
func BenchmarkBuildRatio(b *testing.B) {
	js := benchData()
	src := metrics.FromSlice(js)
	var lin, linBase, pos, posBase time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := Build(src, Options{Model: Linear()}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		baseline(js, false)
		t2 := time.Now()
		if _, err := Build(src, Options{Model: PositionBased()}); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		baseline(js, true)
		t4 := time.Now()
		lin, linBase, pos, posBase = lin+t1.Sub(t0), linBase+t2.Sub(t1), pos+t3.Sub(t2), posBase+t4.Sub(t3)
	}
	n := int64(b.N) * int64(len(js))
	b.ReportMetric(float64(lin.Nanoseconds()/n), "linear-ns/journey")
	b.ReportMetric(float64(linBase.Nanoseconds()/n), "linear-loop-ns/journey")
	b.ReportMetric(float64(100*lin.Nanoseconds()/max(linBase.Nanoseconds(), 1)), "%-linear-of-loop")
	b.ReportMetric(float64(pos.Nanoseconds()/n), "position-ns/journey")
	b.ReportMetric(float64(posBase.Nanoseconds()/n), "position-loop-ns/journey")
	b.ReportMetric(float64(100*pos.Nanoseconds()/max(posBase.Nanoseconds(), 1)), "%-position-of-loop")
}

// BenchmarkCredits is one journey of five touches split by Credits, the
// per-journey entry point.
func BenchmarkCredits(b *testing.B) {
	ts := make([]Touch, 5)
	for i, c := range []string{"paid search", "email", "social", "email", "direct"} {
		ts[i] = Touch{Channel: c, Campaign: "launch", Time: conv.Add(-time.Duration(5-i) * time.Hour)}
	}
	v, _ := metrics.MoneyFromMinor(1_234_567, 2, "USD")
	j := Journey{ID: "b", Value: v, Conversion: conv, Touches: ts}
	b.ReportAllocs()
	for range b.N {
		if _, err := Credits(j, Options{Model: PositionBased()}); err != nil {
			b.Fatal(err)
		}
	}
}
