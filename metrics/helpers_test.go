package metrics

import (
	"errors"
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

// errCase is an invalid input's error and the sentinel it must match.
type errCase struct {
	name string
	err  error
	want error
}

// checkMetricErrors asserts that each error matches its sentinel with
// errors.Is and is a *MetricError naming the metric.
func checkMetricErrors(t *testing.T, cases []errCase) {
	t.Helper()
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
		}
		var me *MetricError
		if !errors.As(tc.err, &me) || me.Metric == "" {
			t.Errorf("%s: %v is not a *MetricError naming the metric", tc.name, tc.err)
		}
	}
}
