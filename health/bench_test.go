package health

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// benchModel is a ten-signal model with every kind of normaliser:
// usage 40% (four signals), engagement 30% (three), support 15% (two),
// outcomes 15% (one).
func benchModel(tb testing.TB) *Model {
	d := func(c int64, e int32) decimal.Decimal { return decimal.New(c, e) }
	one := metrics.RatioFromInt(1)
	m, err := NewModelNormalised(Config{Missing: MissingReweight, Components: []Component{
		{Name: "usage", Weight: metrics.RatioFromInt(40), Signals: []Signal{
			{Name: "logins", Weight: one, Normaliser: Target{At: d(20, 0)}},
			{Name: "weekly_active_seats", Weight: one, Normaliser: Target{At: d(6, -1)}},
			{Name: "dau_mau", Weight: one, Normaliser: Target{At: d(4, -1)}},
			{Name: "features", Weight: one, Normaliser: MinMax{Min: d(1, 0), Max: d(10, 0)}},
		}},
		{Name: "engagement", Weight: metrics.RatioFromInt(30), Signals: []Signal{
			{Name: "meetings", Weight: one, Normaliser: MinMax{Min: d(0, 0), Max: d(1, 0)}},
			{Name: "response_hours", Weight: one, Normaliser: Inverse{Best: d(4, 0), Worst: d(72, 0)}},
			{Name: "sponsor_met", Weight: one, Normaliser: Occurred{}},
		}},
		{Name: "support", Weight: metrics.RatioFromInt(15), Signals: []Signal{
			{Name: "tickets", Weight: one, Normaliser: Inverse{Best: d(0, 0), Worst: d(10, 0)}},
			{Name: "csat", Weight: one, Normaliser: Lookup{Steps: []Step{{Points: d(0, 0)}, {From: d(4, 0), Points: d(60, 0)}, {From: d(45, -1), Points: d(100, 0)}}}},
		}},
		{Name: "outcomes", Weight: metrics.RatioFromInt(15), Signals: []Signal{
			{Name: "success_metrics_met", Weight: one, Normaliser: Target{At: d(1, 0)}},
		}},
	}})
	if err != nil {
		tb.Fatal(err)
	}
	if !m.fast {
		tb.Fatal("the bench model has no hot path")
	}
	return m
}

// benchData is n accounts × 10 readings in the model's order, and the same
// values as a flat int64 array (millionths) for the plain loop.
type benchData struct {
	ids  []string
	rs   [][]Reading
	flat []int64
}

// benchGen generates n accounts from a fixed seed: values of each signal's
// scale, a few repeated, in millionths (inline Values).
func benchGen(m *Model, n int) benchData {
	rng := rand.New(rand.NewPCG(1, 2))
	k := len(m.sigs)
	d := benchData{ids: make([]string, n), rs: make([][]Reading, n), flat: make([]int64, n*k)}
	backing := make([]Reading, n*k)
	scale := []int64{30, 1, 1, 12, 1, 100, 2, 15, 5, 1} // the signals' ranges, in whole units
	for i := range n {
		d.ids[i] = "acct"
		rs := backing[i*k : (i+1)*k : (i+1)*k]
		for j := range k {
			v := rng.Int64N(scale[j]*1_000_000 + 1)
			if j == 6 || j == 7 {
				v = v / 1_000_000 * 1_000_000 // whole events and tickets
			}
			rs[j] = Reading{Signal: m.sigs[j].name, Value: Value{micro: v}}
			d.flat[i*k+j] = v
		}
		d.rs[i] = rs
	}
	return d
}

// plainParams are the model's parameters as plain arrays.
type plainParams struct {
	kind   []normKind
	lo, hi []int64
	k      []int64
	absent []bool
	from   [][]int64
	pts    [][]int64
	den    int64
	green  int64 // green edge × den ÷ 10^6, for an integer comparison
	yellow int64
}

func plainOf(m *Model) plainParams {
	p := plainParams{den: m.d * m.lcm}
	for _, s := range m.sigs {
		p.kind = append(p.kind, s.norm.kind)
		p.lo = append(p.lo, s.norm.flo)
		p.hi = append(p.hi, s.norm.fhi)
		p.k = append(p.k, s.k)
		p.absent = append(p.absent, s.norm.absent)
		p.from = append(p.from, s.norm.ffrom)
		p.pts = append(p.pts, s.norm.fpts)
	}
	p.green = 80 * p.den // the default bands are whole points
	p.yellow = 50 * p.den
	return p
}

// plainScore is the plain int64 loop: the same clamps, weights and band
// comparisons over a flat array, with no names, no Value, no fallback.
func plainScore(p *plainParams, flat []int64, out []int64) (green int) {
	k := len(p.k)
	for i := range out {
		var num int64
		row := flat[i*k : (i+1)*k]
		for j, v := range row {
			var x int64
			switch p.kind[j] {
			case kindTarget, kindMinMax:
				x = min(max(v, p.lo[j]), p.hi[j]) - p.lo[j]
			case kindInverse:
				x = p.hi[j] - min(max(v, p.lo[j]), p.hi[j])
			case kindOccurred:
				if (v > 0) != p.absent[j] {
					x = 1
				}
			default:
				s := 0
				for s+1 < len(p.from[j]) && v >= p.from[j][s+1] {
					s++
				}
				x = p.pts[j][s]
			}
			num += p.k[j] * x
		}
		out[i] = num
		switch {
		case num >= p.green:
			green++
		case num >= p.yellow:
		}
	}
	return green
}

// scoreAll scores every account with the model and returns the numerators.
func scoreAll(tb testing.TB, m *Model, d *benchData, out []int64) (green int) {
	for i, rs := range d.rs {
		r, err := m.Score(d.ids[i], rs)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = r.Score.n
		if r.Band == metrics.StatusGreen {
			green++
		}
	}
	return green
}

// The benchmark's contestants agree: the hot path's numerators are the
// plain loop's, and the scores equal the slow reference's.
func TestBenchBaselineAgrees(t *testing.T) {
	m := benchModel(t)
	d := benchGen(m, 2000)
	p := plainOf(m)
	got, want := make([]int64, 2000), make([]int64, 2000)
	g1, g2 := scoreAll(t, m, &d, got), plainScore(&p, d.flat, want)
	if g1 != g2 {
		t.Errorf("green: %d and %d", g1, g2)
	}
	cfg := m.Config()
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("account %d: %d and %d", i, got[i], want[i])
		}
		if i%50 == 0 {
			r, _ := m.Score("a", d.rs[i])
			s, err := slowScore(cfg, d.rs[i])
			if err != nil || !r.Score.Ratio().Equal(s.score) {
				t.Fatalf("account %d: %s, slow %s", i, r.Score, s.score)
			}
		}
	}
	// Scoring allocates nothing on the hot path.
	if a := testing.AllocsPerRun(100, func() { _, _ = m.Score("a", d.rs[7]) }); a != 0 {
		t.Errorf("%v allocations per score", a)
	}
}

const benchAccounts = 1_000_000

var benchCache struct {
	m *Model
	d benchData
}

func benchSetup(b *testing.B) (*Model, *benchData) {
	if benchCache.m == nil {
		benchCache.m = benchModel(b)
		benchCache.d = benchGen(benchCache.m, benchAccounts)
	}
	return benchCache.m, &benchCache.d
}

// BenchmarkScore scores 1,000,000 accounts × 10 signals per iteration.
func BenchmarkScore(b *testing.B) {
	m, d := benchSetup(b)
	out := make([]int64, benchAccounts)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		scoreAll(b, m, d, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds()/int64(b.N)/benchAccounts), "ns/account")
}

// BenchmarkScorePlain is the plain int64 loop over the same values.
func BenchmarkScorePlain(b *testing.B) {
	m, d := benchSetup(b)
	p := plainOf(m)
	out := make([]int64, benchAccounts)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		plainScore(&p, d.flat, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds()/int64(b.N)/benchAccounts), "ns/account")
}

// threadCPU returns the time the calling OS thread has spent on a CPU, in
// nanoseconds, from /proc/thread-self/schedstat (Linux), and false where
// that is not available. Unlike the wall clock it does not count the time
// other processes of a busy machine take.
func threadCPU() (int64, bool) {
	b, err := os.ReadFile("/proc/thread-self/schedstat")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	return n, err == nil
}

// BenchmarkScoreRatio runs the scorer and the plain loop in turn, chunk
// by chunk of 10,000 accounts, on one locked OS thread, and reports each
// one's ns/account and the scorer's time as a percentage of the plain
// loop's (the target is at most 300%), both by the wall clock and by the
// thread's own CPU time (which a machine shared with other processes
// disturbs far less).
func BenchmarkScoreRatio(b *testing.B) {
	m, d := benchSetup(b)
	p := plainOf(m)
	out := make([]int64, benchAccounts)
	const chunk = 10_000
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var score, plain time.Duration
	var scoreCPU, plainCPU int64
	_, cpuOK := threadCPU()
	b.ResetTimer()
	for range b.N {
		for lo := 0; lo < benchAccounts; lo += chunk {
			part := benchData{ids: d.ids[lo : lo+chunk], rs: d.rs[lo : lo+chunk]}
			c0, _ := threadCPU()
			t0 := time.Now()
			scoreAll(b, m, &part, out[lo:lo+chunk])
			t1 := time.Now()
			c1, _ := threadCPU()
			plainScore(&p, d.flat[lo*len(p.k):(lo+chunk)*len(p.k)], out[lo:lo+chunk])
			t2 := time.Now()
			c2, _ := threadCPU()
			score, plain = score+t1.Sub(t0), plain+t2.Sub(t1)
			scoreCPU, plainCPU = scoreCPU+c1-c0, plainCPU+c2-c1
		}
	}
	n := int64(b.N) * benchAccounts
	b.ReportMetric(float64(score.Nanoseconds()/n), "score-ns/account")
	b.ReportMetric(float64(plain.Nanoseconds()/n), "plain-ns/account")
	b.ReportMetric(float64(100*score.Nanoseconds()/max(plain.Nanoseconds(), 1)), "%-of-plain")
	if cpuOK {
		b.ReportMetric(float64(scoreCPU/n), "score-cpu-ns/account")
		b.ReportMetric(float64(plainCPU/n), "plain-cpu-ns/account")
		b.ReportMetric(float64(100*scoreCPU/max(plainCPU, 1)), "%-of-plain-cpu")
	}
}
