package fixed

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// int64s draws the edge values often and any int64 otherwise.
func int64s() *rapid.Generator[int64] {
	return rapid.OneOf(rapid.SampledFrom(edges), rapid.Int64(), rapid.Int64Range(-1000, 1000))
}

func TestFromCoefMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := int64s().Draw(t, "c")
		exp := rapid.Int32Range(-40, 40).Draw(t, "exp")
		got, ok := FromCoef(c, exp)
		want, wok := fromCoefSlow(c, exp)
		if ok != wok || got != want {
			t.Fatalf("FromCoef(%d, %d) = %d, %v; want %d, %v", c, exp, got, ok, want, wok)
		}
		d := decimal.New(c, exp)
		got, ok = FromDecimal(d)
		if ok && got != want || ok && !wok {
			t.Fatalf("FromDecimal(%s) = %d, %v; want %d, %v", d, got, ok, want, wok)
		}
		if ok && !Decimal(got).Equal(d) {
			t.Fatalf("FromDecimal(%s) = %d does not convert back", d, got)
		}
	})
}

func TestCheckedArithmeticMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := int64s().Draw(t, "a"), int64s().Draw(t, "b")
		for name, pair := range map[string][2]func(int64, int64) (int64, bool){
			"add": {AddCheck, addSlow}, "sub": {SubCheck, subSlow},
		} {
			got, ok := pair[0](a, b)
			want, wok := pair[1](a, b)
			if ok != wok || ok && got != want {
				t.Fatalf("%s(%d, %d) = %d, %v; want %d, %v", name, a, b, got, ok, want, wok)
			}
		}
		if b > 0 {
			got, ok := MulCheck(a, b)
			want, wok := mulSlow(a, b)
			if ok != wok || ok && got != want {
				t.Fatalf("MulCheck(%d, %d) = %d, %v; want %d, %v", a, b, got, ok, want, wok)
			}
		}
	})
}

func TestAmountMatchesDecimal(t *testing.T) {
	amount := func(t *rapid.T, label string) Amount {
		if rapid.Bool().Draw(t, label+"big") {
			return Amount{D: decimal.New(int64s().Draw(t, label), rapid.Int32Range(-20, 5).Draw(t, label+"exp")), Big: true}
		}
		return Amount{I: int64s().Draw(t, label)}
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := amount(t, "a"), amount(t, "b")
		da, db := a.Decimal(), b.Decimal()
		if got := a.Add(b).Decimal(); !got.Equal(da.Add(db)) {
			t.Fatalf("%s + %s = %s", da, db, got)
		}
		if got := a.Sub(b).Decimal(); !got.Equal(da.Sub(db)) {
			t.Fatalf("%s − %s = %s", da, db, got)
		}
		if got := a.Neg().Decimal(); !got.Equal(da.Neg()) {
			t.Fatalf("−%s = %s", da, got)
		}
		if got := a.Cmp(b); got != da.Cmp(db) {
			t.Fatalf("cmp(%s, %s) = %d", da, db, got)
		}
		if a.Sign() != da.Sign() {
			t.Fatalf("sign(%s) = %d", da, a.Sign())
		}
		if got := Of(da).Decimal(); !got.Equal(da) {
			t.Fatalf("Of(%s) = %s", da, got)
		}
	})
}

func TestSumMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		picos := rapid.SliceOfN(int64s(), 0, 40).Draw(t, "picos")
		var bigs []decimal.Decimal
		var s, left, right Sum
		for i, p := range picos {
			if p%7 == 3 { // some amounts arrive as decimals that do not fit
				d := decimal.New(p, -14)
				bigs = append(bigs, d)
				a := Amount{D: d, Big: true}
				s.Add(&a)
				if i%2 == 0 {
					left.Add(&a)
				} else {
					right.Add(&a)
				}
				continue
			}
			s.AddPico(p)
			if i%2 == 0 {
				left.AddPico(p)
			} else {
				right.AddPico(p)
			}
		}
		var nonBig []int64
		for _, p := range picos {
			if p%7 != 3 {
				nonBig = append(nonBig, p)
			}
		}
		want := sumSlow(nonBig, bigs)
		if got := s.Decimal(); !got.Equal(want) {
			t.Fatalf("sum = %s, want %s", got, want)
		}
		left.Merge(right)
		if got := left.Decimal(); !got.Equal(want) {
			t.Fatalf("merged sum = %s, want %s", got, want)
		}
		if got := s.Amount().Decimal(); !got.Equal(want) {
			t.Fatalf("sum as amount = %s, want %s", got, want)
		}
	})
}

// A sum passes through both int64 ends and the 128-bit range.
func TestSumCarries(t *testing.T) {
	var s Sum
	for range 4 {
		s.AddPico(math.MaxInt64)
	}
	want := decimal.New(math.MaxInt64, -Scale).Mul(decimal.New(4, 0))
	if !s.Decimal().Equal(want) {
		t.Fatalf("4 × MaxInt64 = %s, want %s", s.Decimal(), want)
	}
	for range 8 {
		s.AddPico(math.MinInt64)
	}
	want = want.Add(decimal.New(math.MinInt64, -Scale).Mul(decimal.New(8, 0)))
	if !s.Decimal().Equal(want) {
		t.Fatalf("sum = %s, want %s", s.Decimal(), want)
	}
	if a := s.Amount(); a.Big != true {
		t.Fatalf("a sum beyond int64 must be a decimal Amount, got %+v", a)
	}
}

// The product −2^63 fits an int64 though its magnitude does not (rapid found
// MulCheck refusing MinInt64 × 1).
func TestMulCheckMinInt64(t *testing.T) {
	for _, tc := range []struct {
		c, p int64
		want int64
		ok   bool
	}{
		{math.MinInt64, 1, math.MinInt64, true},
		{math.MinInt64 / 2, 2, math.MinInt64, true},
		{math.MinInt64, 2, 0, false},
		{math.MaxInt64, 1, math.MaxInt64, true},
		{-(1 << 62), 2, math.MinInt64, true},
		{1 << 62, 2, 0, false},
	} {
		got, ok := MulCheck(tc.c, tc.p)
		if got != tc.want || ok != tc.ok {
			t.Errorf("MulCheck(%d, %d) = %d, %v; want %d, %v", tc.c, tc.p, got, ok, tc.want, tc.ok)
		}
	}
}
