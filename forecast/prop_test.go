package forecast

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// build rolls opps up or fails the rapid test.
func build(t *rapid.T, opps []Opportunity, by Dimensions) *Rollup {
	r, err := Build(metrics.FromSlice(opps), Options{Policy: genPolicy(), By: by})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cmpAmount compares two amounts of one currency (zeros of any currency are
// equal).
func cmpAmount(t *rapid.T, a, b metrics.Money) int {
	if a.IsZero() && b.IsZero() {
		return 0
	}
	c, err := a.Cmp(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// In every cell and in the total: closed ≤ commit forecast ≤ most-likely
// forecast ≤ best-case forecast, and the weighted pipeline ≤ the open
// pipeline (exactly, and once rounded to the amounts' places).
func TestCumulativeOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := build(t, genPipeline(t, 40), genDimensions(t))
		cells := r.Cells()
		cells = append(cells, Cell{Totals: r.Total()})
		for _, c := range cells {
			tt := c.Totals
			chain := []metrics.Money{tt.Closed(), tt.CommitForecast(), tt.MostLikelyForecast(), tt.BestCaseForecast()}
			for i := 1; i < len(chain); i++ {
				if cmpAmount(t, chain[i-1], chain[i]) > 0 {
					t.Fatalf("%s: %v > %v", c.Key, chain[i-1], chain[i])
				}
			}
			open := tt.OpenPipeline()
			if tt.weighted.rat().Cmp(ratOfMoney(open)) > 0 {
				t.Fatalf("%s: weighted %s > open %v", c.Key, tt.weighted.rat().RatString(), open)
			}
			if w := tt.WeightedPipeline(metrics.NewContext(13, metrics.RoundHalfEven)); cmpAmount(t, w, open) > 0 {
				t.Fatalf("%s: rounded weighted %v > open %v", c.Key, w, open)
			}
			if w := tt.WeightedPipeline(metrics.Context{}); w.Sign() < 0 {
				t.Fatalf("%s: negative weighted %v", c.Key, w)
			}
		}
	})
}

// sumCells returns the sum of every cell of r.
func sumCells(t *rapid.T, r *Rollup) Totals {
	var s Totals
	for _, c := range r.Cells() {
		if err := s.Merge(c.Totals); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// The roll-ups by owner and by manager (and by any dimension) sum exactly
// to the total, and Regroup to the direct roll-up.
func TestRollupsSumToTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := genPipeline(t, 40)
		total := build(t, opps, Dimensions{}).Total()
		for name, by := range map[string]Dimensions{
			"owner":   {Owner: true},
			"manager": {Manager: true},
			"any":     genDimensions(t),
		} {
			if s := sumCells(t, build(t, opps, by)); !s.Equal(total) {
				t.Fatalf("by %s: Σ cells %v ≠ total %v", name, s, total)
			}
		}
		fine := build(t, opps, Dimensions{Period: ByMonth, Owner: true, Manager: true, Segment: true, Type: true})
		for _, by := range []Dimensions{{Manager: true}, {Owner: true}, {Period: ByQuarter, Manager: true}, {}} {
			g, err := fine.Regroup(by)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(build(t, opps, by).Cells(), g.Cells()); diff != "" {
				t.Fatalf("regroup to %+v:\n%s", by, diff)
			}
		}
	})
}

// sameRollup reports a difference between two roll-ups' cells and
// overrides (records aside: they are positions in each source).
func sameRollup(a, b *Rollup) string {
	return cmp.Diff(a.Cells(), b.Cells()) + cmp.Diff(a.Overrides(), b.Overrides(), cmpopts.IgnoreFields(Override{}, "Record"))
}

// The order of the opportunities does not matter.
func TestOrderDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := genPipeline(t, 40)
		by := genDimensions(t)
		perm := rapid.Permutation(opps).Draw(t, "perm")
		if d := sameRollup(build(t, opps, by), build(t, perm, by)); d != "" {
			t.Fatalf("order changed the roll-up:\n%s", d)
		}
	})
}

// Roll-ups of disjoint shards merge exactly to the single pass.
func TestShardsMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := genPipeline(t, 40)
		by := genDimensions(t)
		k := rapid.IntRange(1, 4).Draw(t, "shards")
		shards := make([][]Opportunity, k)
		for _, o := range opps {
			i := rapid.IntRange(0, k-1).Draw(t, "shard")
			shards[i] = append(shards[i], o)
		}
		merged := build(t, shards[0], by)
		for _, s := range shards[1:] {
			if err := merged.Merge(build(t, s, by)); err != nil {
				t.Fatal(err)
			}
		}
		if d := sameRollup(build(t, opps, by), merged); d != "" {
			t.Fatalf("merged shards ≠ single pass:\n%s", d)
		}
	})
}

// Merge refuses roll-ups of other dimensions, policies or currencies, and
// leaves the receiver unchanged.
func TestMergeRefuses(t *testing.T) {
	a := buildAcceptance(t, Dimensions{Owner: true})
	before := a.Cells()
	b := buildAcceptance(t, Dimensions{Manager: true})
	wantValueErr(t, "dimensions", a.Merge(b), metrics.ErrInvalid)
	other, _ := Build(metrics.FromSlice(acceptanceOpportunities(t)), Options{Policy: Policy{Stages: acceptancePolicy().Stages, Thresholds: []Threshold{}}, By: Dimensions{Owner: true}})
	wantValueErr(t, "policy", a.Merge(other), metrics.ErrInvalid)
	e, err := Build(metrics.FromSlice([]Opportunity{{ID: "x", Owner: "ana", Stage: "Proposal", Amount: eur(t, "1"), Created: fixedDay, Close: fixedDay}}),
		Options{Policy: acceptancePolicy(), By: Dimensions{Owner: true}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(e); !errorsIsMismatch(err) {
		t.Errorf("currency: %v", err)
	}
	if diff := cmp.Diff(before, a.Cells()); diff != "" {
		t.Errorf("a refused merge changed the roll-up:\n%s", diff)
	}
	bands := buildAcceptance(t, Dimensions{Owner: true, SizeBands: []metrics.Money{usd(t, "5")}})
	wantValueErr(t, "size bands", a.Merge(bands), metrics.ErrInvalid)
	// Same policy spelled with explicit default thresholds: merges.
	same, _ := Build(metrics.FromSlice([]Opportunity(nil)), Options{Policy: Policy{Stages: acceptancePolicy().Stages, Thresholds: DefaultThresholds()}, By: Dimensions{Owner: true}})
	if err := a.Merge(same); err != nil {
		t.Errorf("explicit default thresholds: %v", err)
	}
	// An empty roll-up without currency adopts the other's.
	empty, _ := Build(metrics.FromSlice([]Opportunity(nil)), Options{Policy: acceptancePolicy(), By: Dimensions{Owner: true}})
	if err := empty.Merge(a); err != nil || empty.Currency() != "USD" {
		t.Errorf("empty merge: %v, %q", err, empty.Currency())
	}
}

// Regroup refuses dimensions the roll-up lacks.
func TestRegroupRefuses(t *testing.T) {
	r := buildAcceptance(t, Dimensions{Period: ByQuarter, Owner: true, Created: true})
	for name, by := range map[string]Dimensions{
		"month from quarter": {Period: ByMonth, Created: true},
		"close from created": {Period: ByQuarter},
		"manager":            {Manager: true},
		"segment":            {Segment: true},
		"type":               {Type: true},
		"stage":              {Stage: true},
		"reason":             {Reason: true},
		"sizes":              {SizeBands: []metrics.Money{usd(t, "1")}},
	} {
		wantValueErr(t, name, errOf(r.Regroup(by)), metrics.ErrInvalid)
	}
	g, err := r.Regroup(Dimensions{Period: ByQuarter, Created: true})
	if err != nil || len(g.Cells()) != 3 {
		t.Errorf("created quarters: %v", err)
	}
}

// errorsIsMismatch reports whether err is a currency mismatch.
func errorsIsMismatch(err error) bool {
	_, ok := err.(*metrics.MismatchError)
	return ok
}

// The weighted sum is exact whichever path each term takes: the fast
// 128-bit path for inline amounts and whole-millionth probabilities, the
// fraction otherwise; adding and removing returns to zero; merging equals
// adding; a fast part pushed past its limit moves to the fraction intact.
func TestWeightedSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var fast, slow, merged, partA, partB wsum
		want := new(big.Rat)
		n := rapid.IntRange(0, 30).Draw(t, "n")
		type term struct {
			m   metrics.Money
			p   metrics.Ratio
			ppm int64
		}
		var terms []term
		for i := 0; i < n; i++ {
			m := genMoney(t, "amount")
			p, _ := metrics.ParseRatio(rapid.SampledFrom(genProbs).Draw(t, "p"))
			terms = append(terms, term{m, p, ppmOf(p)})
			want.Add(want, new(big.Rat).Mul(ratOfMoney(m), ratOfRatio(p)))
		}
		for i, x := range terms {
			fast.add(x.m, x.p, x.ppm, false)
			slow.add(x.m, x.p, -1, false)
			if i%2 == 0 {
				partA.add(x.m, x.p, x.ppm, false)
			} else {
				partB.add(x.m, x.p, x.ppm, false)
			}
		}
		merged.merge(partA)
		merged.merge(partB)
		for name, w := range map[string]wsum{"fast": fast, "slow": slow, "merged": merged} {
			if w.rat().Cmp(want) != 0 {
				t.Fatalf("%s: %s ≠ %s", name, w.rat().RatString(), want.RatString())
			}
		}
		for _, x := range terms {
			fast.add(x.m, x.p, x.ppm, true)
		}
		if fast.rat().Sign() != 0 {
			t.Fatalf("removing every term leaves %s", fast.rat().RatString())
		}
		// Push the fast part to its limit: the value survives the move.
		var big1 wsum
		big1.hi = fastLimit - 1
		v := big1.rat()
		big1.addFast(1<<62, 1_000_000, false)
		v.Add(v, new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(1<<62), big.NewInt(1_000_000)), e18))
		if big1.slow == nil || big1.hi != 0 || big1.rat().Cmp(v) != 0 {
			t.Fatalf("flush lost the value: %+v", big1)
		}
		var neg wsum
		neg.hi = -fastLimit + 1
		v = neg.rat()
		neg.addFast(1<<62, 1_000_000, true)
		v.Sub(v, new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(1<<62), big.NewInt(1_000_000)), e18))
		if neg.slow == nil || neg.rat().Cmp(v) != 0 {
			t.Fatalf("negative flush lost the value")
		}
	})
}

// ppmOf is exact: whole millionths come back, anything else is -1.
func TestPPM(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "1": 1_000_000, "90%": 900_000, "0.123456": 123_456, "0.1234567": -1, "1/3": -1, "1/8": 125_000, "1/1000000": 1} {
		if got := ppmOf(rat(t, s)); got != want {
			t.Errorf("ppmOf(%s) = %d, want %d", s, got, want)
		}
	}
}
