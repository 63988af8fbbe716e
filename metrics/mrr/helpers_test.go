package mrr

// Test helpers of package mrr: literals that fail the test when malformed,
// slices as row sources, and cmp options for the ledger's values.

import (
	"iter"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// fatalfer is what the helpers need of a test: *testing.T, *testing.B and
// *rapid.T (which has no Helper method) all have it.
type fatalfer interface {
	Fatalf(format string, args ...any)
}

// helperT is a test with a Helper method; each helper calls it itself (a
// shared function calling Helper would mark only itself).
type helperT interface{ Helper() }

// d parses a decimal literal in tests; a malformed literal fails the test.
func d(t fatalfer, s string) decimal.Decimal {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal literal %q: %v", s, err)
	}
	return v
}

// money returns amount in currency cur; an error fails the test.
func money(t fatalfer, amount decimal.Decimal, cur string) metrics.Money {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m, err := metrics.NewMoney(amount, cur)
	if err != nil {
		t.Fatalf("NewMoney(%s, %q): %v", dec.Format(amount, 0), cur, err)
	}
	return m
}

// usd returns an amount in USD from a decimal literal.
func usd(t fatalfer, s string) metrics.Money {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	return money(t, d(t, s), "USD")
}

// mustMinor is metrics.MoneyFromMinor; an error fails the test.
func mustMinor(t fatalfer, amount int64, places uint8, cur string) metrics.Money {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m, err := metrics.MoneyFromMinor(amount, places, cur)
	if err != nil {
		t.Fatalf("MoneyFromMinor(%d, %d, %q): %v", amount, places, cur, err)
	}
	return m
}

// pctR returns the ratio p% from a decimal literal: pctR(t, "105") is 1.05.
func pctR(t fatalfer, s string) metrics.Ratio {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	r, err := metrics.ParseRatio(s + "%")
	if err != nil {
		t.Fatalf("bad percent literal %q: %v", s, err)
	}
	return r
}

// mustMonth parses "YYYY-MM" in tests.
func mustMonth(t fatalfer, s string) metrics.Month {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m, err := metrics.ParseMonth(s)
	if err != nil {
		t.Fatalf("bad month %q: %v", s, err)
	}
	return m
}

// second returns the error of a pair.
func second[T any](_ T, err error) error { return err }

// seq2 streams a slice as a source that never fails: each item with a nil
// error, as Build, BuildSorted, Expand and FromSubscriptions take them.
func seq2[T any](xs []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, x := range xs {
			if !yield(x, nil) {
				return
			}
		}
	}
}

// rowsOf streams rows as a source that never fails.
func rowsOf(rows ...Row) iter.Seq2[Row, error] { return seq2(rows) }

// drain reads a whole source: the items, and the errors in stream order.
func drain[T any](s iter.Seq2[T, error]) ([]T, []error) {
	var items []T
	var errs []error
	for x, err := range s {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, x)
	}
	return items, errs
}

// genAmount draws a non-negative amount: zero, whole, or up to 4 decimals.
func genAmount(t *rapid.T, label string) decimal.Decimal {
	switch rapid.IntRange(0, 9).Draw(t, label+"-kind") {
	case 0:
		return decimal.Decimal{}
	case 1:
		return decimal.New(rapid.Int64Range(0, 1e6).Draw(t, label+"-whole")*100, -2) // 12.00 style
	}
	return decimal.New(rapid.Int64Range(0, 1e12).Draw(t, label), -rapid.Int32Range(0, 4).Draw(t, label+"-exp"))
}

// conventionsCmp compares Conventions with ==, as Merge does (their
// Precision, a metrics.Context, has unexported fields cmp cannot read).
var conventionsCmp = cmp.Comparer(func(a, b Conventions) bool { return a == b })
