package metrics

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// An Accumulator equals Sum over the same amounts, however they are split
// into shards and merged, and refuses a second currency without changing.
func TestAccumulatorMatchesSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amounts := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Money {
			switch rapid.IntRange(0, 3).Draw(t, "kind") {
			case 0: // small, often repeated
				return Money{pico: rapid.Int64Range(0, 3).Draw(t, "small") * 1_000_000_000_000, currency: "USD"}
			case 1: // an int64 edge
				return Money{pico: rapid.SampledFrom([]int64{math.MaxInt64, math.MinInt64, -1}).Draw(t, "edge"), currency: "USD"}
			case 2: // a decimal that is not inline
				d := decimal.New(rapid.Int64().Draw(t, "c"), -rapid.Int32Range(13, 20).Draw(t, "e"))
				return moneyOf(d, "USD")
			}
			return Money{} // the zero Money folds
		}), 0, 30).Draw(t, "amounts")
		split := rapid.IntRange(0, len(amounts)).Draw(t, "split")
		var all, left, right Accumulator
		for i, m := range amounts {
			if err := all.Add(m); err != nil {
				t.Fatal(err)
			}
			shard := &left
			if i >= split {
				shard = &right
			}
			if err := shard.Add(m); err != nil {
				t.Fatal(err)
			}
		}
		want, err := Sum(amounts...)
		if err != nil {
			t.Fatal(err)
		}
		if got := all.Money(); !sameAmount(got, want) {
			t.Fatalf("accumulated %s, Sum %s", got, want)
		}
		if err := left.Merge(right); err != nil {
			t.Fatal(err)
		}
		if got := left.Money(); !sameAmount(got, want) {
			t.Fatalf("merged %s, Sum %s", got, want)
		}
	})
}

// sameAmount reports whether a and b are the same amount, a zero without a
// currency matching any zero.
func sameAmount(a, b Money) bool {
	if a.IsZero() && b.IsZero() {
		return true
	}
	return a.Equal(b)
}

func TestAccumulatorCurrency(t *testing.T) {
	var a Accumulator
	usd := Money{pico: 5, currency: "USD"}
	eur := Money{pico: 7, currency: "EUR"}
	if err := a.Add(usd); err != nil || a.Currency() != "USD" {
		t.Fatalf("Add(USD): %v, currency %q", err, a.Currency())
	}
	var me *MismatchError
	if err := a.Add(eur); !errors.As(err, &me) || me.A != "USD" || me.B != "EUR" || !errors.Is(err, ErrCurrencyMismatch) {
		t.Fatalf("Add(EUR) = %v, want a mismatch naming USD and EUR", err)
	}
	var b Accumulator
	_ = b.Add(eur)
	if err := a.Merge(b); !errors.Is(err, ErrCurrencyMismatch) {
		t.Fatalf("Merge(EUR) = %v", err)
	}
	if !a.Money().Equal(usd) {
		t.Fatalf("a refused amount changed the sum: %s", a.Money())
	}
	var empty Accumulator
	if m := empty.Money(); !m.Equal(Money{}) {
		t.Fatalf("empty accumulator = %s, want Money{}", m)
	}
	if allocs := testing.AllocsPerRun(100, func() { _ = a.Add(usd) }); allocs != 0 {
		t.Fatalf("Add of an inline amount allocates %v times", allocs)
	}
}
