package cohort

// Test helpers: literals that fail the test when malformed, and row
// sources.

import (
	"iter"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// fatalfer is what the helpers need of a test: *testing.T, *testing.B and
// *rapid.T all have it.
type fatalfer interface {
	Fatalf(format string, args ...any)
}

// helperT is a test with a Helper method.
type helperT interface{ Helper() }

// usd returns an amount in USD from a decimal literal.
func usd(t fatalfer, s string) metrics.Money {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m, err := metrics.ParseMoney(s, "USD")
	if err != nil {
		t.Fatalf("ParseMoney(%q): %v", s, err)
	}
	return m
}

// month parses "2024-03".
func month(t fatalfer, s string) metrics.Month {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m, err := metrics.ParseMonth(s)
	if err != nil {
		t.Fatalf("ParseMonth(%q): %v", s, err)
	}
	return m
}

// frac returns num/den.
func frac(t fatalfer, num, den int64) metrics.Ratio {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	r, err := metrics.NewRatio(num, den)
	if err != nil {
		t.Fatalf("NewRatio(%d, %d): %v", num, den, err)
	}
	return r
}

// source streams rows with nil errors.
func source(rows []mrr.Row) iter.Seq2[mrr.Row, error] { return metrics.FromSlice(rows) }

// series adds rows of customer c (subscription sub) for consecutive months
// from first, one amount each; "" skips a month (no row).
func series(t fatalfer, rows []mrr.Row, c, sub, first string, amounts ...string) []mrr.Row {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
	m := month(t, first)
	for i, a := range amounts {
		if a != "" {
			rows = append(rows, mrr.Row{Customer: c, Subscription: sub, Month: m.Add(i), MRR: usd(t, a)})
		}
	}
	return rows
}
