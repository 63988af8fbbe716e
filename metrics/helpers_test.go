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
		checkMetricError(t, tc.name, tc.err, tc.want, "", "")
	}
}

// checkMetricError asserts that err matches want with errors.Is and is a
// *MetricError naming a metric — metric and input when they are not "".
func checkMetricError(t *testing.T, name string, err, want error, metric, input string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", name, err, want)
		return
	}
	var me *MetricError
	switch {
	case !errors.As(err, &me) || me.Metric == "":
		t.Errorf("%s: %v is not a *MetricError naming the metric", name, err)
	case metric != "" && me.Metric != metric, input != "" && me.Input != input:
		t.Errorf("%s: *MetricError names %s/%s, want %s/%s", name, me.Metric, me.Input, metric, input)
	}
}
