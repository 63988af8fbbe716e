package attribution

import (
	"math"
	"math/big"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The int64 split and the big-integer split agree with each other and with
// the reference (exact remainders sorted stably) on any value and weights:
// the parts sum to the value, each within one unit of its share, ties to
// the lower index. Lengths beyond selectScan take the sorting branch.
func TestSplitFastMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		v := rapid.OneOf(rapid.Int64Range(0, 100), rapid.Int64Range(0, math.MaxInt64)).Draw(t, "v")
		maxW := rapid.SampledFrom([]int64{1, 3, 1000, 1 << 40}).Draw(t, "maxW")
		w := make([]int64, n)
		d := int64(0)
		for i := range w {
			w[i] = rapid.Int64Range(0, maxW).Draw(t, "w")
			d += w[i]
		}
		if d == 0 {
			w[n-1], d = 1, 1
		}
		var s splitter
		fast := make([]int64, n)
		s.int64s(v, w, d, fast)
		bw := make([]*big.Int, n)
		shares := make([]*big.Rat, n)
		for i, x := range w {
			bw[i] = big.NewInt(x)
			shares[i] = big.NewRat(x, d)
		}
		slowOut := growBig(nil, n)
		s.bigInts(big.NewInt(v), bw, big.NewInt(d), slowOut)
		ref := slowLargestRemainder(big.NewInt(v), shares)
		for i := range fast {
			if ref[i].Cmp(big.NewInt(fast[i])) != 0 || ref[i].Cmp(slowOut[i]) != 0 {
				t.Fatalf("part %d: int64 %d, big %s, reference %s (v %d, w %v)", i, fast[i], slowOut[i], ref[i], v, w)
			}
		}
	})
}

// Ties: equal remainders go to the lower index, also on the sorting path.
func TestSplitTies(t *testing.T) {
	for _, n := range []int{3, selectScan + 4} {
		w := make([]int64, n)
		for i := range w {
			w[i] = 1
		}
		var s splitter
		out := make([]int64, n)
		s.int64s(int64(n+2), w, int64(n), out) // n+2 units: 1 each, 2 left over
		for i, x := range out {
			want := int64(1)
			if i < 2 {
				want = 2
			}
			if x != want {
				t.Fatalf("n=%d: part %d = %d, want %d (%v)", n, i, x, want, out)
			}
		}
	}
}

// MinorUnit: the ISO table with its default, and explicit places.
func TestMinorUnit(t *testing.T) {
	for cur, want := range map[string]uint8{"USD": 2, "EUR": 2, "JPY": 0, "KRW": 0, "KWD": 3, "CLF": 4, "XYZ": 2, "": 2} {
		if got := (MinorUnit{}).For(cur); got != want {
			t.Errorf("%q: %d places, want %d", cur, got, want)
		}
	}
	if Places(0).For("USD") != 0 || Places(4).For("JPY") != 4 {
		t.Error("explicit places ignored")
	}
	if (MinorUnit{}).String() != "ISO 4217" || Places(3).String() != "3 places" {
		t.Errorf("%s, %s", MinorUnit{}, Places(3))
	}
}

// intSum adds exactly across the int64 and 128-bit boundaries and with big
// addends, and says when the sum fits an int64.
func TestIntSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var s, m intSum
		want := new(big.Int)
		for i := range rapid.IntRange(0, 12).Draw(t, "n") {
			var v *big.Int
			switch rapid.IntRange(0, 3).Draw(t, "kind") {
			case 0:
				v = big.NewInt(rapid.Int64Range(0, 10).Draw(t, "small"))
			case 1:
				v = big.NewInt(math.MaxInt64 - rapid.Int64Range(0, 2).Draw(t, "edge"))
			default:
				v = new(big.Int).Lsh(big.NewInt(rapid.Int64Range(1, 9).Draw(t, "hi")), uint(rapid.IntRange(60, 130).Draw(t, "shift")))
			}
			want.Add(want, v)
			target := &s
			if i%2 == 1 {
				target = &m
			}
			if v.IsInt64() && rapid.Bool().Draw(t, "asInt") {
				target.add(v.Int64())
			} else {
				target.addBig(v)
			}
		}
		s.merge(m)
		if s.value().Cmp(want) != 0 {
			t.Fatalf("sum %s, want %s", s.value(), want)
		}
		got, ok := s.small()
		if ok != want.IsInt64() || ok && got != want.Int64() {
			t.Fatalf("small() = %d, %v for %s", got, ok, want)
		}
	})
	var s intSum
	s.add(math.MaxInt64)
	if v, ok := s.small(); !ok || v != math.MaxInt64 {
		t.Errorf("MaxInt64: %d, %v", v, ok)
	}
	s.add(1)
	if _, ok := s.small(); ok {
		t.Error("MaxInt64 + 1 fits an int64")
	}
}

// Credited conversions beyond an int64 of 10^-12 units (over 9.2 million
// conversions) print exactly.
func TestConversionsOfBigSum(t *testing.T) {
	var s intSum
	s.add(math.MaxInt64)
	s.add(math.MaxInt64)
	got := conversionsOf(s)
	want := new(big.Int).Mul(big.NewInt(math.MaxInt64), big.NewInt(2))
	if got.Unit() != metrics.UnitCount || !got.Value().Equal(decimal.NewFromBigInt(want, -12)) {
		t.Errorf("%s, want %s × 10^-12", got, want)
	}
}
