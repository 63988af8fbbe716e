package attribution

import (
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// conv is the conversion time of the hand-made journeys.
var conv = time.Date(2024, 3, 31, 12, 0, 0, 0, time.UTC)

// daysBefore returns the time d days before conv.
func daysBefore(d int) time.Time { return conv.Add(-time.Duration(d) * 24 * time.Hour) }

// money parses amount in currency.
func money(t testing.TB, amount, currency string) metrics.Money {
	t.Helper()
	m, err := metrics.ParseMoney(amount, currency)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// usd parses amount in USD.
func usd(t testing.TB, amount string) metrics.Money { return money(t, amount, "USD") }

// ratio parses a ratio ("2/3", "40%").
func ratio(t testing.TB, s string) metrics.Ratio {
	t.Helper()
	r, err := metrics.ParseRatio(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// touches makes one touch per channel, a day apart, the last one day
// before the conversion, each in campaign "".
func touches(channels ...string) []Touch {
	out := make([]Touch, len(channels))
	for i, c := range channels {
		out[i] = Touch{Channel: c, Time: daysBefore(len(channels) - i)}
	}
	return out
}

// journey makes a journey of value over touches.
func journey(id string, value metrics.Money, ts ...Touch) Journey {
	return Journey{ID: id, Value: value, Conversion: conv, Touches: ts}
}

// mustModel returns a function that returns its model or fails t:
// mustModel(t)(Custom(w)).
func mustModel(t testing.TB) func(Model, error) Model {
	return func(m Model, err error) Model {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

// dec parses a decimal.
func dec(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
