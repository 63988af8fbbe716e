package metrics

import (
	"testing"

	"github.com/shopspring/decimal"
)

// d parses a decimal literal in tests; a malformed literal fails the test.
func d(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	v, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal literal %q: %v", s, err)
	}
	return v
}

// usd returns an amount in USD from a decimal literal.
func usd(t testing.TB, s string) Money {
	t.Helper()
	return NewMoney(d(t, s), "USD")
}

// pctR returns the ratio p% from a decimal literal: pctR(t, "105") is 1.05.
func pctR(t testing.TB, s string) Ratio {
	t.Helper()
	return Percent(d(t, s))
}
