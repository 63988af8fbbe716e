package metrics

import (
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// fataler is what the helpers need of a *testing.T, *testing.B or *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// d parses a decimal literal in tests; a malformed literal fails the test.
func d(t fataler, s string) decimal.Decimal {
	t.Helper()
	v, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal literal %q: %v", s, err)
	}
	return v
}

// usd returns an amount in USD from a decimal literal; an amount NewMoney
// refuses fails the test.
func usd(t fataler, s string) Money {
	t.Helper()
	return money(t, s, "USD")
}

// money returns an amount in currency cur from a decimal literal, such as
// money(t, "1.00", "EUR"); an amount NewMoney refuses fails the test.
func money(t fataler, s, cur string) Money {
	t.Helper()
	return moneyDec(t, d(t, s), cur)
}

// moneyDec returns NewMoney(amount, cur), failing the test on error.
func moneyDec(t fataler, amount decimal.Decimal, cur string) Money {
	t.Helper()
	m, err := NewMoney(amount, cur)
	if err != nil {
		t.Fatalf("NewMoney(%s, %q): %v", dec.Format(amount, 0), cur, err)
	}
	return m
}

// usdDec returns amount in USD, failing the test on error.
func usdDec(t fataler, amount decimal.Decimal) Money {
	t.Helper()
	return moneyDec(t, amount, "USD")
}

// whole returns MoneyFromInt(n, cur), failing the test on error.
func whole(t fataler, n int64, cur string) Money {
	t.Helper()
	m, err := MoneyFromInt(n, cur)
	if err != nil {
		t.Fatalf("MoneyFromInt(%d, %q): %v", n, cur, err)
	}
	return m
}

// minor returns MoneyFromMinor(n, places, cur), failing the test on error.
func minor(t fataler, n int64, places uint8, cur string) Money {
	t.Helper()
	m, err := MoneyFromMinor(n, places, cur)
	if err != nil {
		t.Fatalf("MoneyFromMinor(%d, %d, %q): %v", n, places, cur, err)
	}
	return m
}

// pctR returns the ratio p% from a decimal literal: pctR(t, "105") is 1.05.
func pctR(t fataler, s string) Ratio {
	t.Helper()
	r, err := RatioOf(d(t, s), decimal.New(100, 0))
	if err != nil {
		t.Fatalf("RatioOf(%s, 100): %v", s, err)
	}
	return r
}

// rat returns the ratio of a decimal literal: rat(t, "1.05") is 1.05 (105%).
func rat(t fataler, s string) Ratio {
	t.Helper()
	return ratDec(t, d(t, s))
}

// ratDec returns the ratio of the plain number v (RatioOf(v, 1)).
func ratDec(t fataler, v decimal.Decimal) Ratio {
	t.Helper()
	r, err := RatioOf(v, decimal.New(1, 0))
	if err != nil {
		t.Fatalf("RatioOf(%s, 1): %v", dec.Format(v, 0), err)
	}
	return r
}

// frac returns NewRatio(num, den), failing the test on error.
func frac(t fataler, num, den int64) Ratio {
	t.Helper()
	r, err := NewRatio(num, den)
	if err != nil {
		t.Fatalf("NewRatio(%d, %d): %v", num, den, err)
	}
	return r
}

// qty returns a Quantity of unit from a decimal literal, failing the test on
// error: qty(t, "30", UnitDays) is 30 days.
func qty(t fataler, s string, unit Unit) Quantity {
	t.Helper()
	return qtyDec(t, d(t, s), unit)
}

// qtyDec returns NewQuantity(v, unit), failing the test on error.
func qtyDec(t fataler, v decimal.Decimal, unit Unit) Quantity {
	t.Helper()
	q, err := NewQuantity(v, unit)
	if err != nil {
		t.Fatalf("NewQuantity(%s, %s): %v", dec.Format(v, 0), unit, err)
	}
	return q
}

// dictionary returns the dictionary of package metrics' definitions,
// failing the test when NewDictionary refuses them.
func dictionary(t fataler) Dictionary {
	t.Helper()
	dict, err := NewDictionary(Definitions())
	if err != nil {
		t.Fatalf("NewDictionary(Definitions()): %v", err)
	}
	return dict
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

// checkValueError asserts that err matches want with errors.Is and is a
// *ValueError for operation op — and input when it is not "".
func checkValueError(t *testing.T, name string, err, want error, op, input string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", name, err, want)
		return
	}
	var ve *ValueError
	switch {
	case !errors.As(err, &ve):
		t.Errorf("%s: %v is not a *ValueError", name, err)
	case ve.Op != op, input != "" && ve.Input != input:
		t.Errorf("%s: *ValueError names %s/%s, want %s/%s", name, ve.Op, ve.Input, op, input)
	}
}
