package health

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDec draws a decimal, the common case common: small values and the
// values normalisers pivot on, sometimes many places (the exact path) or
// a large magnitude.
func genDec(t *rapid.T, label string) decimal.Decimal {
	switch rapid.IntRange(0, 9).Draw(t, label+" kind") {
	case 0, 1, 2:
		return decimal.New(rapid.SampledFrom([]int64{0, 1, 2, 5, 10, 20, 50, 100, -1}).Draw(t, label), 0)
	case 3, 4, 5, 6:
		return decimal.New(rapid.Int64Range(-200, 2000).Draw(t, label), -int32(rapid.IntRange(0, 3).Draw(t, label+" places")))
	case 7:
		return decimal.New(rapid.Int64Range(-1_000_000_000_000, 1_000_000_000_000).Draw(t, label), -int32(rapid.IntRange(7, 12).Draw(t, label+" places")))
	case 8:
		return decimal.New(rapid.Int64Range(1, 1_000_000).Draw(t, label), int32(rapid.IntRange(6, 30).Draw(t, label+" exp")))
	}
	return decimal.New(rapid.Int64Range(0, 100).Draw(t, label), -1)
}

// genValue draws a signal value.
func genValue(t *rapid.T, label string) Value {
	v, err := DecimalValue(genDec(t, label))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// genPair draws lo < hi.
func genPair(t *rapid.T, label string) (decimal.Decimal, decimal.Decimal) {
	lo := genDec(t, label+" lo")
	hi := lo.Add(decimal.New(rapid.Int64Range(1, 500).Draw(t, label+" width"), -int32(rapid.IntRange(0, 7).Draw(t, label+" width places"))))
	return lo, hi
}

// genNormaliser draws any normaliser.
func genNormaliser(t *rapid.T, label string) Normaliser {
	switch rapid.IntRange(0, 4).Draw(t, label) {
	case 0:
		return Target{At: decimal.New(rapid.Int64Range(1, 1000).Draw(t, label+" at"), -int32(rapid.IntRange(0, 8).Draw(t, label+" at places")))}
	case 1:
		lo, hi := genPair(t, label)
		return MinMax{Min: lo, Max: hi}
	case 2:
		lo, hi := genPair(t, label)
		return Inverse{Best: lo, Worst: hi}
	case 3:
		n := rapid.IntRange(2, 5).Draw(t, label+" steps")
		from := genDec(t, label+" from")
		p := rapid.Int64Range(0, 1000).Draw(t, label+" points") // tenths of a point
		up := rapid.Bool().Draw(t, label+" up")
		steps := []Step{{Points: decimal.New(p, -1)}}
		for i := 1; i < n; i++ {
			from = from.Add(decimal.New(rapid.Int64Range(1, 50).Draw(t, label+" gap"), -1))
			if up {
				p = rapid.Int64Range(p, 1000).Draw(t, label+" points")
			} else {
				p = rapid.Int64Range(0, p).Draw(t, label+" points")
			}
			steps = append(steps, Step{From: from, Points: decimal.New(p, -1)})
		}
		return Lookup{Steps: steps}
	}
	return Occurred{Absent: rapid.Bool().Draw(t, label+" absent")}
}

// genModel draws a model with 1–4 components of 1–4 signals, weights any
// small positive numbers (normalised), any missing rule and bands.
func genModel(t *rapid.T) *Model {
	var cfg Config
	n := 0
	for ci := range rapid.IntRange(1, 4).Draw(t, "components") {
		c := Component{Name: fmt.Sprintf("c%d", ci), Weight: metrics.RatioFromInt(rapid.Int64Range(1, 9).Draw(t, "cw"))}
		for range rapid.IntRange(1, 4).Draw(t, "signals") {
			c.Signals = append(c.Signals, Signal{
				Name: fmt.Sprintf("s%d", n), Weight: metrics.RatioFromInt(rapid.Int64Range(1, 9).Draw(t, "sw")),
				Normaliser: genNormaliser(t, "norm"), Impute: genValue(t, "impute"),
			})
			n++
		}
		cfg.Components = append(cfg.Components, c)
	}
	cfg.Missing = Missing(rapid.IntRange(0, 3).Draw(t, "missing"))
	if rapid.Bool().Draw(t, "custom bands") {
		y := rapid.Int64Range(1, 98).Draw(t, "yellow")
		g := rapid.Int64Range(y+1, 100).Draw(t, "green")
		cfg.Bands = Bands{Green: decimal.New(g, 0), Yellow: decimal.New(y, 0)}
	}
	m, err := NewModelNormalised(cfg)
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	return m
}

// genReadings draws readings of m's signals: most present, in the model's
// order or shuffled.
func genReadings(t *rapid.T, m *Model) []Reading {
	var rs []Reading
	clone := rapid.Bool().Draw(t, "names copied")
	for _, s := range m.sigs {
		if rapid.IntRange(0, 9).Draw(t, "present") > 0 {
			name := s.name
			if clone {
				name = strings.Clone(name) // equal names in other memory: compared by bytes
			}
			rs = append(rs, Reading{Signal: name, Value: genValue(t, s.name)})
		}
	}
	if rapid.Bool().Draw(t, "shuffle") {
		rs = rapid.Permutation(rs).Draw(t, "order")
	}
	return rs
}

// The fast path, the exact path and the slow reference agree on every
// score, band, coverage and missing count; scores lie in [0, 100]; the
// contributions sum exactly to the score.
func TestScoreMatchesSlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		rs := genReadings(t, m)
		r, err := m.Score("acct", rs)
		e, errE := m.Explain("acct", rs)
		want, errS := slowScore(m.Config(), rs)
		if (err != nil) != (errS != nil) || (errE != nil) != (errS != nil) {
			t.Fatalf("errors: fast %v, exact %v, slow %v", err, errE, errS)
		}
		if err != nil {
			var re *metrics.RowError
			if !errors.As(err, &re) || re.ID != "acct" || !errors.Is(err, metrics.ErrMissing) {
				t.Fatalf("error %v", err)
			}
			return
		}
		if !r.Score.Ratio().Equal(want.score) || r.Band != want.band || !r.Coverage().Equal(want.coverage) || r.Missing != want.missing {
			t.Fatalf("fast %s %v %v %d; slow %s %v %v %d", r.Score, r.Band, r.Coverage(), r.Missing, want.score, want.band, want.coverage, want.missing)
		}
		if !e.Score.Equal(r.Score) || e.Band != r.Band || !e.Coverage().Equal(r.Coverage()) || e.Missing != r.Missing {
			t.Fatalf("exact %s, fast %s", e.Score, r.Score)
		}
		if r.Score.Sign() < 0 || r.Score.Cmp(PointsOf(100)) > 0 {
			t.Fatalf("score %s outside [0, 100]", r.Score)
		}
		var sum, bySig Points
		for _, c := range e.Components {
			sum = sum.Add(c.Contribution)
		}
		for _, s := range e.Signals {
			bySig = bySig.Add(s.Contribution)
			if s.Points.Sign() < 0 || s.Points.Cmp(PointsOf(100)) > 0 {
				t.Fatalf("signal %s points %s", s.Signal, s.Points)
			}
		}
		if !sum.Equal(r.Score) || !bySig.Equal(r.Score) {
			t.Fatalf("contributions %s / %s, score %s", sum, bySig, r.Score)
		}
		if m.Classify(r.Score) != r.Band {
			t.Fatalf("Classify %v, band %v", m.Classify(r.Score), r.Band)
		}
	})
}

// Raising a higher-is-better signal never lowers the score; raising a
// lower-is-better one never raises it.
func TestScoreMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		rs := genReadings(t, m)
		if len(rs) == 0 {
			return
		}
		before, err := m.Score("acct", rs)
		if err != nil {
			return
		}
		j := rapid.IntRange(0, len(rs)-1).Draw(t, "signal")
		up := slices.Clone(rs)
		raised, _ := DecimalValue(rs[j].Value.Decimal().Add(genDec(t, "raise").Abs()))
		up[j].Value = raised
		after, err := m.Score("acct", up)
		if err != nil {
			t.Fatal(err)
		}
		dir := m.sigs[m.index[rs[j].Signal]].norm
		c := after.Score.Cmp(before.Score)
		n := m.Config().Components[m.sigs[m.index[rs[j].Signal]].comp].Signals
		var norm Normaliser
		for _, s := range n {
			if s.Name == rs[j].Signal {
				norm = s.Normaliser
			}
		}
		if norm.Direction() == metrics.HigherIsBetter && c < 0 || norm.Direction() == metrics.LowerIsBetter && c > 0 {
			t.Fatalf("%s (%T, kind %d) from %s to %s moved the score from %s to %s", rs[j].Signal, norm, dir.kind, rs[j].Value, raised, before.Score, after.Score)
		}
	})
}

// Weights that do not sum to exactly 100% are refused; normalised ones
// always sum to exactly 100% and score as the weights divided by hand.
func TestWeightsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws := rapid.SliceOfN(rapid.Int64Range(-2, 60), 1, 5).Draw(t, "weights")
		var cfg Config
		var total int64
		positive := true
		for i, w := range ws {
			cfg.Components = append(cfg.Components, Component{Name: fmt.Sprint(i), Weight: metrics.Percent(w), Signals: []Signal{
				{Name: fmt.Sprint("s", i), Weight: metrics.Percent(100), Normaliser: Target{At: decimal.New(10, 0)}},
			}})
			total += w
			positive = positive && w > 0
		}
		_, err := NewModel(cfg)
		if ok := positive && total == 100; ok != (err == nil) {
			t.Fatalf("weights %v: %v", ws, err)
		}
		if err != nil && !errors.Is(err, metrics.ErrWeights) {
			t.Fatalf("weights %v: %v, want ErrWeights", ws, err)
		}
		m, err := NewModelNormalised(cfg)
		if !positive {
			if !errors.Is(err, metrics.ErrWeights) {
				t.Fatalf("normalised %v: %v", ws, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var sum metrics.Ratio
		for i, c := range m.Config().Components {
			sum = sum.Add(c.Weight)
			if want, _ := metrics.NewRatio(ws[i], total); !c.Weight.Equal(want) {
				t.Fatalf("component %d weight %v, want %v", i, c.Weight, want)
			}
		}
		if !sum.Equal(metrics.RatioFromInt(1)) {
			t.Fatalf("normalised weights sum to %v", sum)
		}
	})
}

// genAccounts draws a book: scores from a small set with the band edges
// and fractions, ARR from zero, repeated and large amounts, a few CSMs,
// parents and segments.
func genAccounts(t *rapid.T) []Account {
	n := rapid.IntRange(0, 40).Draw(t, "accounts")
	out := make([]Account, n)
	for i := range out {
		score := rapid.SampledFrom([]string{"0", "49.99", "50", "79.5", "80", "100", "200/3", "65"}).Draw(t, "score")
		var p Points
		if err := p.UnmarshalText([]byte(score)); err != nil {
			t.Fatal(err)
		}
		arr, _ := metrics.MoneyFromInt(rapid.SampledFrom([]int64{0, 100, 100, 2500, 1_000_000, 7_000_000_000}).Draw(t, "arr"), "USD")
		out[i] = Account{
			ID: fmt.Sprint("a", i), ARR: arr, Score: p,
			CSM:     rapid.SampledFrom([]string{"", "ana", "ben"}).Draw(t, "csm"),
			Parent:  rapid.SampledFrom([]string{"", "p1", "p2"}).Draw(t, "parent"),
			Segment: rapid.SampledFrom([]string{"", "smb", "enterprise"}).Draw(t, "segment"),
		}
	}
	return out
}

// summary is everything a portfolio reports, for comparisons.
type summary struct {
	Mix     Mix
	Top     []string
	Books   []Book
	Parents []Rollup
}

func summarise(p *Portfolio, dict metrics.Dictionary) summary {
	s := summary{Mix: p.Mix(), Books: p.Books(dict), Parents: p.Parents()}
	for _, a := range p.TopAtRisk() {
		s.Top = append(s.Top, a.ID)
	}
	return s
}

// Shares sum to exactly 100% by count and by ARR; the portfolio does not
// depend on the accounts' order; shards merge to the single pass.
func TestPortfolioProperties(t *testing.T) {
	dict, _ := metrics.NewDictionary(metrics.Definitions())
	rapid.Check(t, func(t *rapid.T) {
		accts := genAccounts(t)
		opts := Options{TopN: rapid.IntRange(0, 5).Draw(t, "top")}
		p, err := BuildPortfolio(metrics.FromSlice(accts), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []Basis{ByCount, ByARR} {
			s, err := p.Distribution(b)
			if err != nil {
				if len(accts) > 0 && b == ByCount || !errors.Is(err, metrics.ErrEmpty) && !errors.Is(err, metrics.ErrZeroDenominator) {
					t.Fatalf("basis %d: %v", b, err)
				}
				continue
			}
			if sum := s.Green.Add(s.Yellow).Add(s.Red); !sum.Equal(metrics.RatioFromInt(1)) {
				t.Fatalf("basis %d: shares sum to %v", b, sum)
			}
		}
		want := summarise(p, dict)
		// The top accounts at risk are the first N of all of them, ranked.
		var ref []Scored
		for _, a := range accts {
			if b := p.bands.classify(a.Score); b != metrics.StatusGreen {
				ref = append(ref, Scored{Account: a, Band: b})
			}
		}
		slices.SortFunc(ref, rankCmp)
		var refIDs []string
		for _, a := range ref[:min(len(ref), p.topN)] {
			refIDs = append(refIDs, a.ID)
		}
		if !slices.Equal(refIDs, want.Top) {
			t.Fatalf("top at risk %v, want %v", want.Top, refIDs)
		}
		shuffled, err := BuildPortfolio(metrics.FromSlice(rapid.Permutation(accts).Draw(t, "order")), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, summarise(shuffled, dict)); diff != "" {
			t.Fatalf("order changed the portfolio:\n%s", diff)
		}
		shards := rapid.IntRange(1, 4).Draw(t, "shards")
		parts := make([][]Account, shards)
		for _, a := range accts {
			k := rapid.IntRange(0, shards-1).Draw(t, "shard")
			parts[k] = append(parts[k], a)
		}
		merged, _ := NewPortfolio(opts)
		for _, part := range parts {
			q, err := BuildPortfolio(metrics.FromSlice(part), opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := merged.Merge(q); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(want, summarise(merged, dict)); diff != "" {
			t.Fatalf("merged shards differ from the single pass:\n%s", diff)
		}
		// At risk is exactly the yellow and red bands.
		if s, err := p.AtRisk(); err == nil {
			m := p.Mix()
			if s.AtRisk.Accounts != m.Yellow.Accounts+m.Red.Accounts || !cmp.Equal(s.Critical, m.Red) {
				t.Fatalf("at risk %+v, mix %+v", s, m)
			}
		}
	})
}

// The rank AUC equals the pair count of the slow reference; a perfectly
// separating score has AUC 1 and its reverse 0.
func TestAUCProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		os := make([]Outcome, n)
		for i := range os {
			os[i] = Outcome{Account: fmt.Sprint(i), Score: PointsOf(rapid.SampledFrom([]int64{0, 10, 50, 50, 80, 100}).Draw(t, "score")), Churned: rapid.Bool().Draw(t, "churned")}
		}
		c, err := Calibrate(metrics.FromSlice(os), CalibrationOptions{})
		if err != nil {
			t.Fatal(err)
		}
		auc, err := c.AUC()
		want, ok := slowAUC(os)
		if ok != (err == nil) || ok && !auc.Equal(want) {
			t.Fatalf("AUC %v (%v), slow %v (%v)", auc, err, want, ok)
		}
		// Separate perfectly: churned accounts score 0–40, retained 60–100.
		for i := range os {
			s := rapid.Int64Range(0, 40).Draw(t, "low")
			if !os[i].Churned {
				s += 60
			}
			os[i].Score = PointsOf(s)
		}
		c, _ = Calibrate(metrics.FromSlice(os), CalibrationOptions{})
		if auc, err := c.AUC(); err == nil && !auc.Equal(metrics.RatioFromInt(1)) {
			t.Fatalf("separating AUC %v", auc)
		}
		for i := range os {
			os[i].Score = PointsOf(100).Sub(os[i].Score)
		}
		c, _ = Calibrate(metrics.FromSlice(os), CalibrationOptions{})
		if auc, err := c.AUC(); err == nil && !auc.IsZero() {
			t.Fatalf("reversed AUC %v", auc)
		}
	})
}
