package forecast

// Test helpers of package forecast: literals that fail the test when
// malformed, and checks of the library's error types.

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// fatalfer is what the helpers need of a test: *testing.T, *testing.B and
// *rapid.T all have it.
type fatalfer interface {
	Fatalf(format string, args ...any)
}

// helperT is a test with a Helper method.
type helperT interface{ Helper() }

// helper marks the caller as a helper when t can.
func helper(t fatalfer) {
	if h, ok := t.(helperT); ok {
		h.Helper()
	}
}

// usd returns an amount in USD from a decimal literal.
func usd(t fatalfer, s string) metrics.Money {
	helper(t)
	m, err := metrics.ParseMoney(s, "USD")
	if err != nil {
		t.Fatalf("ParseMoney(%q): %v", s, err)
	}
	return m
}

// eur returns an amount in EUR from a decimal literal.
func eur(t fatalfer, s string) metrics.Money {
	helper(t)
	m, err := metrics.ParseMoney(s, "EUR")
	if err != nil {
		t.Fatalf("ParseMoney(%q): %v", s, err)
	}
	return m
}

// rat parses a ratio literal ("0.25", "25%", "1/3", "3x").
func rat(t fatalfer, s string) metrics.Ratio {
	helper(t)
	r, err := metrics.ParseRatio(s)
	if err != nil {
		t.Fatalf("ParseRatio(%q): %v", s, err)
	}
	return r
}

// qty returns a quantity from a decimal literal.
func qty(t fatalfer, s string, u metrics.Unit) metrics.Quantity {
	helper(t)
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal %q: %v", s, err)
	}
	q, err := metrics.NewQuantity(d, u)
	if err != nil {
		t.Fatalf("NewQuantity(%q): %v", s, err)
	}
	return q
}

// day returns midnight UTC of a "YYYY-MM-DD" date.
func day(t fatalfer, s string) time.Time {
	helper(t)
	v, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return v
}

// quarter parses "YYYY-Qn".
func quarter(t fatalfer, s string) metrics.Quarter {
	helper(t)
	q, err := metrics.ParseQuarter(s)
	if err != nil {
		t.Fatalf("ParseQuarter(%q): %v", s, err)
	}
	return q
}

// month parses "YYYY-MM".
func month(t fatalfer, s string) metrics.Month {
	helper(t)
	m, err := metrics.ParseMonth(s)
	if err != nil {
		t.Fatalf("ParseMonth(%q): %v", s, err)
	}
	return m
}

// result pairs a value with its error, for table tests.
type result[T any] struct {
	v   T
	err error
}

// res wraps a (value, error) call.
func res[T any](v T, err error) result[T] { return result[T]{v, err} }

// errOf returns the error of a (value, error) call.
func errOf[T any](_ T, err error) error { return err }

// wantMetricErr checks that err is a *metrics.MetricError of metric id
// wrapping want.
func wantMetricErr(t *testing.T, name string, err error, want error, id string) {
	t.Helper()
	var me *metrics.MetricError
	switch {
	case !errors.Is(err, want):
		t.Errorf("%s: error %v, want %v", name, err, want)
	case !errors.As(err, &me):
		t.Errorf("%s: error %v (%T) is not a *metrics.MetricError", name, err, err)
	case me.Metric != id:
		t.Errorf("%s: error names metric %q, want %q", name, me.Metric, id)
	}
}

// wantRowErr checks that err is a *metrics.RowError naming opportunity id,
// record and field, wrapping want.
func wantRowErr(t *testing.T, name string, err error, want error, id string, record int64, field string) {
	t.Helper()
	var re *metrics.RowError
	switch {
	case !errors.Is(err, want):
		t.Errorf("%s: error %v, want %v", name, err, want)
	case !errors.As(err, &re):
		t.Errorf("%s: error %v (%T) is not a *metrics.RowError", name, err, err)
	case re.Entity != "opportunity" || re.ID != id || re.Record != record || re.Field != field:
		t.Errorf("%s: error names %s %q record %d field %q; want opportunity %q record %d field %q",
			name, re.Entity, re.ID, re.Record, re.Field, id, record, field)
	}
}

// wantValueErr checks that err is a *metrics.ValueError wrapping want.
func wantValueErr(t *testing.T, name string, err error, want error) {
	t.Helper()
	var ve *metrics.ValueError
	if !errors.Is(err, want) || !errors.As(err, &ve) {
		t.Errorf("%s: error %v (%T), want a *metrics.ValueError wrapping %v", name, err, err, want)
	}
}

// cmpOpts compares Money values as amounts: equal, or both zero whatever
// currency a zero carries (Money.Equal tells 0 USD from the zero Money).
var cmpOpts = []cmp.Option{cmp.Comparer(func(a, b metrics.Money) bool {
	return a.IsZero() && b.IsZero() || a.Equal(b)
})}
