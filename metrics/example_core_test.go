package metrics_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Division rounds once, to the Context's scale and mode; the zero Context is
// 12 places, half to even.
func ExampleContext_Quo() {
	a, b := decimal.New(2, 0), decimal.New(3, 0)
	q, _ := metrics.Context{}.Quo(a, b)
	cents, _ := metrics.NewContext(2, metrics.Floor).Quo(a, b)
	_, err := metrics.Context{}.Quo(a, decimal.Decimal{})
	fmt.Println(q.StringFixed(12), cents.StringFixed(2), errors.Is(err, metrics.ErrZeroDenominator))
	// Output: 0.666666666667 0.66 true
}

// The zero Money folds; mixing currencies is an error, not a silent sum.
func ExampleMoney_Add() {
	var total metrics.Money
	for _, m := range []metrics.Money{metrics.MoneyFromInt(1200, "USD"), metrics.MoneyFromInt(300, "USD")} {
		total, _ = total.Add(m)
	}
	_, err := total.Add(metrics.MoneyFromInt(5, "EUR"))
	b, _ := json.Marshal(total)
	fmt.Println(total, errors.Is(err, metrics.ErrCurrencyMismatch), string(b))
	// Output: 1500.00 USD true {"amount":"1500.00","currency":"USD"}
}

// Amounts kept as integer minor units (cents, yen) become Money without
// allocating; the same value parsed from text is equal to it.
func ExampleMoneyFromMinor() {
	price := metrics.MoneyFromMinor(2999, 2, "usd")
	parsed, _ := metrics.ParseMoney("29.990", "USD")
	fmt.Println(price, metrics.MoneyFromMinor(500, 0, "JPY"), price.Equal(parsed))
	// Output: 29.99 USD 500.00 JPY true
}

// A Ratio is an exact fraction: it is rounded only when its digits are shown.
func ExampleRatio() {
	r, _ := metrics.CountRatio(1, 3)
	twice := r.Add(r)
	nrr, _ := metrics.ParseRatio("105%")
	fmt.Println(r, twice.StringPercent(1), twice.Round(2, metrics.HalfEven).StringMultiple(2), nrr.Equal(metrics.NewRatio(decimal.New(105, -2))))
	// Output: 33.3333333333% 66.7% 0.67x true
}

// Months are calendar months: parse, add, and roll up to quarters.
func ExampleMonth() {
	m, _ := metrics.ParseMonth("2024-11")
	fmt.Println(m.Add(3), m.Quarter(), m.Add(3).Sub(m))
	// Output: 2025-02 2024-Q4 3
}

// The dictionary is enumerable: here, the lagging retention metrics of the
// executive set.
func ExampleDictionary_ForAudience() {
	dict := metrics.NewDictionary()
	for _, def := range dict.ForAudience(metrics.Board) {
		if def.Category == metrics.CategoryRetention && (def.ID == "nrr" || def.ID == "grr") {
			fmt.Println(def.ID, "v"+fmt.Sprint(def.Version), def.Direction, def.Signal)
		}
	}
	// Output:
	// nrr v1 higher is better lagging
	// grr v1 higher is better lagging
}

// Roots are irrational in general: Root returns the exact root rounded once
// to the Context's scale.
func ExampleContext_Root() {
	two, _ := metrics.Context{}.Root(decimal.New(2, 0), 2)
	exact, _ := metrics.NewContext(2, metrics.HalfEven).Root(decimal.New(1331, -3), 3)
	fmt.Println(two.StringFixed(12), exact.StringFixed(2))
	// Output: 1.414213562373 1.10
}
