package health

import (
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// val parses a Value or fails the test.
func val(t testing.TB, s string) Value {
	t.Helper()
	v, err := ParseValue(s)
	if err != nil {
		t.Fatalf("ParseValue(%q): %v", s, err)
	}
	return v
}

// dec parses a decimal or fails the test.
func dec(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// rat parses a Ratio ("0.4", "40%", "1/3") or fails the test.
func rat(t testing.TB, s string) metrics.Ratio {
	t.Helper()
	r, err := metrics.ParseRatio(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pts parses Points ("72.5", "200/3") or fails the test.
func pts(t testing.TB, s string) Points {
	t.Helper()
	var p Points
	if err := p.UnmarshalText([]byte(s)); err != nil {
		t.Fatal(err)
	}
	return p
}

// usd returns an amount in USD or fails the test.
func usd(t testing.TB, s string) metrics.Money {
	t.Helper()
	m, err := metrics.ParseMoney(s, "USD")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// reads builds readings from name, value text pairs.
func reads(t testing.TB, kv ...string) []Reading {
	t.Helper()
	out := make([]Reading, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, Reading{Signal: kv[i], Value: val(t, kv[i+1])})
	}
	return out
}

// wantRowErr checks that err is a *metrics.RowError of the account and
// field wrapping the sentinel.
func wantRowErr(t testing.TB, err error, account, field string, sentinel error) {
	t.Helper()
	var re *metrics.RowError
	if !errors.As(err, &re) || re.Entity != "account" || re.ID != account || re.Field != field || !errors.Is(err, sentinel) {
		t.Errorf("error %v: want a RowError of account %q field %q wrapping %v", err, account, field, sentinel)
	}
}

// wantMetricErr checks that err is a *metrics.MetricError of metric and
// input wrapping the sentinel.
func wantMetricErr(t testing.TB, err error, metric, input string, sentinel error) {
	t.Helper()
	var me *metrics.MetricError
	if !errors.As(err, &me) || me.Metric != metric || me.Input != input || !errors.Is(err, sentinel) {
		t.Errorf("error %v: want a MetricError of %s input %q wrapping %v", err, metric, input, sentinel)
	}
}
