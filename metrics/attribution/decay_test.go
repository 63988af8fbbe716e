package attribution

import (
	"errors"

	gocmp "github.com/google/go-cmp/cmp"
	"math/big"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// ln2Hex is ⌊ln 2 × 2^192⌋: recomputed from ln 2 = Σ 1/(k·2^k) with 256
// guard bits, and from the atanh series of the slow reference.
func TestLn2Constant(t *testing.T) {
	const guard = 256
	one := new(big.Int).Lsh(big.NewInt(1), decayGuard+guard)
	sum := new(big.Int)
	for k := int64(1); ; k++ {
		term := new(big.Int).Quo(one, new(big.Int).Lsh(big.NewInt(k), uint(k)))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	sum.Rsh(sum, guard)
	if sum.Cmp(ln2Fixed()) != 0 {
		t.Errorf("ln2Hex = %x, series gives %x", ln2Fixed(), sum)
	}
	if slowLn2(decayGuard).Cmp(ln2Fixed()) != 0 {
		t.Errorf("ln2Hex = %x, atanh series gives %x", ln2Fixed(), slowLn2(decayGuard))
	}
}

// twoPow returns 2^n as a big.Int.
func twoPow(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }

// exp2neg is within 2^-127 of 2^(−p/q): compared with a 400-bit reference
// (another series for ln 2, more bits) for any p and q, and exact at whole
// half-lives.
func TestExp2Precision(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := rapid.OneOf(rapid.Int64Range(1, 1000), rapid.Int64Range(1, int64(1)<<62), rapid.Just(int64(DefaultHalfLife))).Draw(t, "q")
		var p int64
		if rapid.Bool().Draw(t, "whole") {
			q = min(q, 1<<54) // q × n fits an int64
			p = q * rapid.Int64Range(0, 200).Draw(t, "n")
		} else {
			p = rapid.Int64Range(0, 1<<62).Draw(t, "p")
		}
		got := exp2neg(p, q, ln2Fixed())
		ref := slowExp2(p, q) // × 2^400
		// |got·2^272 − ref| < 2 × 2^272 + a few units: compare at 2^400.
		diff := new(big.Int).Sub(new(big.Int).Lsh(got, 400-decayBits), ref)
		diff.Abs(diff)
		if diff.Cmp(twoPow(400-127)) >= 0 {
			t.Fatalf("2^(−%d/%d): off by %s units of 2^-400, beyond 2^-127", p, q, diff)
		}
		if p%q == 0 {
			want := new(big.Int)
			if n := p / q; n <= decayBits {
				want = twoPow(uint(decayBits - n))
			}
			if got.Cmp(want) != 0 {
				t.Fatalf("2^(−%d) = %s, want %s exactly", p/q, got, want)
			}
		}
	})
}

// At the cut-off: 2^-128 is exactly one unit, anything smaller 0.
func TestExp2CutOff(t *testing.T) {
	for _, q := range []int64{1, 7, int64(DefaultHalfLife)} {
		if got := exp2neg(decayBits*q, q, ln2Fixed()); got.Cmp(big.NewInt(1)) != 0 {
			t.Errorf("2^-128 with q=%d: %s units, want 1", q, got)
		}
		if got := exp2neg(decayBits*q+q/2+1, q, ln2Fixed()); got.Sign() != 0 {
			t.Errorf("2^-128.5 with q=%d: %s units, want 0", q, got)
		}
		if got := exp2neg((decayBits+1)*q, q, ln2Fixed()); got.Sign() != 0 {
			t.Errorf("2^-129 with q=%d: %s units, want 0", q, got)
		}
	}
}

// A third check: for small denominators, the weight equals the q-th root of
// 2^−p from metrics.Context.Root to 45 places within 2^-127 (plus the
// root's own rounding).
func TestExp2AgainstRoot(t *testing.T) {
	ctx := metrics.Places(45)
	for _, pq := range [][2]int64{{1, 2}, {1, 3}, {7, 10}, {5, 24}, {100, 7}, {1234, 168}, {3, 300}} {
		p, q := pq[0], pq[1]
		// (2^-p)^(1/q) with 2^-p exact: 5^p × 10^-p.
		exact := decimal.New(1, 0)
		for range p {
			exact = exact.Mul(decimal.New(5, 0))
		}
		exact = exact.Shift(int32(-p))
		root, err := ctx.Root(exact, q)
		if err != nil {
			t.Fatal(err)
		}
		got := exp2neg(p, q, ln2Fixed())
		// |got/2^128 − root| ≤ 2^-127 + 10^-45.
		g := new(big.Rat).SetFrac(got, twoPow(decayBits))
		r := new(big.Rat).SetFrac(root.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-root.Exponent())), nil))
		if root.Exponent() > 0 {
			t.Fatalf("unexpected exponent %d", root.Exponent())
		}
		d := new(big.Rat).Sub(g, r)
		d.Abs(d)
		bound := new(big.Rat).Add(new(big.Rat).SetFrac(big.NewInt(1), twoPow(127)), new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(45), nil)))
		if d.Cmp(bound) > 0 {
			t.Errorf("2^(−%d/%d): %s from the root %s", p, q, d.FloatString(50), root.StringFixed(45))
		}
	}
}

// Time-decay hostile inputs: a touch beyond time.Duration's range, a
// stepped spread beyond MaxStepSpread, a tiny half-life: each refused or
// answered at once.
func TestTimeDecayHostile(t *testing.T) {
	cont := mustModel(t)(TimeDecay(Decay{HalfLife: time.Nanosecond}))
	step := mustModel(t)(TimeDecay(Decay{HalfLife: time.Nanosecond, Stepped: true}))
	old := journey("old", usd(t, "10"), Touch{Channel: "A", Time: conv.AddDate(-300, 0, 0)}, Touch{Channel: "B", Time: conv})
	within(t, 5*time.Second, "old touch", func() error {
		for _, m := range []Model{cont, step} {
			_, err := Credits(old, Options{Model: m})
			if err == nil || !isOutOfRange(err) {
				t.Errorf("%s: a touch 300 years old gave %v", m, err)
			}
		}
		return nil
	})
	// A year apart with a 1 ns half-life: continuous gives the old touch 0,
	// stepped refuses the spread.
	year := journey("year", usd(t, "10"), Touch{Channel: "A", Time: conv.AddDate(-1, 0, 0)}, Touch{Channel: "B", Time: conv})
	within(t, 5*time.Second, "tiny half-life", func() error {
		c, err := Credits(year, Options{Model: cont})
		if err != nil {
			return err
		}
		if !c[0].Value.IsZero() || !c[1].Value.Equal(usd(t, "10")) || !c[0].Share.IsZero() {
			t.Errorf("continuous: %v", c)
		}
		if _, err := Credits(year, Options{Model: step}); !isOutOfRange(err) {
			t.Errorf("stepped spread of 3e16 half-lives gave %v", err)
		}
		return nil
	})
	// A spread of exactly MaxStepSpread half-lives is exact (big weights).
	edge := mustModel(t)(TimeDecay(Decay{HalfLife: time.Hour, Stepped: true}))
	j := journey("edge", usd(t, "1"), Touch{Channel: "A", Time: conv.Add(-MaxStepSpread * time.Hour)}, Touch{Channel: "B", Time: conv})
	c, err := Credits(j, Options{Model: edge})
	if err != nil {
		t.Fatal(err)
	}
	den := new(big.Int).Add(twoPow(MaxStepSpread), big.NewInt(1))
	want, _ := metrics.RatioOf(decimal.NewFromBigInt(big.NewInt(1), 0), decimal.NewFromBigInt(den, 0))
	if !c[0].Share.Equal(want) || !c[1].Value.Equal(usd(t, "1")) {
		t.Errorf("edge: %v", c)
	}
	j.Touches[0].Time = j.Touches[0].Time.Add(-time.Hour)
	if _, err := Credits(j, Options{Model: edge}); !isOutOfRange(err) {
		t.Errorf("spread %d gave %v", MaxStepSpread+1, err)
	}
	if _, err := TimeDecay(Decay{HalfLife: -time.Hour}); err == nil {
		t.Error("negative half-life accepted")
	}
}

// isOutOfRange reports whether err wraps metrics.ErrOutOfRange.
func isOutOfRange(err error) bool { return errors.Is(err, metrics.ErrOutOfRange) }

// Stepped decay counts half-lives from the newest touch: touches 10, 11
// and 12 half-lives old weigh 1/4 : 1/2 : 1 as 0, 1 and 2 would; a spread
// of 70 half-lives (beyond int64 weights) and one of exactly MaxStepSpread
// starting 10 half-lives back are exact too.
func TestSteppedRelativeToNewest(t *testing.T) {
	m := mustModel(t)(TimeDecay(Decay{HalfLife: time.Hour, Stepped: true}))
	at := func(ch string, halfLives int) Touch {
		return Touch{Channel: ch, Time: conv.Add(-time.Duration(halfLives)*time.Hour - time.Minute)}
	}
	c, err := Credits(journey("old", usd(t, "70"), at("A", 12), at("B", 11), at("C", 10)), Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	checkCredits(t, c, "USD", []want{{"A", "", "1/7", "10"}, {"B", "", "2/7", "20"}, {"C", "", "4/7", "40"}})
	for _, spread := range []int{70, MaxStepSpread} {
		c, err = Credits(journey("wide", usd(t, "1"), at("A", 10+spread), at("B", 10)), Options{Model: m})
		if err != nil {
			t.Fatalf("spread %d: %v", spread, err)
		}
		den := new(big.Int).Add(twoPow(uint(spread)), big.NewInt(1))
		want, _ := metrics.RatioOf(decimal.New(1, 0), decimal.NewFromBigInt(den, 0))
		if !c[0].Share.Equal(want) || !c[1].Value.Equal(usd(t, "1")) {
			t.Errorf("spread %d: %v", spread, c)
		}
	}
}

// Continuous decay weighs touches relative to the newest: moving every
// touch an hour earlier (the conversion staying) changes no share, exactly.
func TestContinuousRelativeToNewest(t *testing.T) {
	m := mustModel(t)(TimeDecay(Decay{}))
	j := journey("rel", usd(t, "100"), Touch{Channel: "A", Time: daysBefore(9)}, Touch{Channel: "B", Time: daysBefore(2)}, Touch{Channel: "C", Time: conv.Add(-5 * time.Hour)})
	a, err := Credits(j, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	for i := range j.Touches {
		j.Touches[i].Time = j.Touches[i].Time.Add(-time.Hour)
	}
	b, err := Credits(j, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(a, b); diff != "" {
		t.Errorf("shifted journey (-before +after):\n%s", diff)
	}
}
