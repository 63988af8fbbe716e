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
	cents, _ := metrics.NewContext(2, metrics.RoundFloor).Quo(a, b)
	_, err := metrics.Context{}.Quo(a, decimal.Decimal{})
	fmt.Println(q.StringFixed(12), cents.StringFixed(2), errors.Is(err, metrics.ErrZeroDenominator))
	// Output: 0.666666666667 0.66 true
}

// The zero Money folds; mixing currencies is an error, not a silent sum.
func ExampleMoney_Add() {
	a, err1 := metrics.MoneyFromInt(1200, "USD")
	b, err2 := metrics.MoneyFromInt(300, "USD")
	eur, err3 := metrics.MoneyFromInt(5, "EUR")
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Println(err)
		return
	}
	var total metrics.Money
	for _, m := range []metrics.Money{a, b} {
		total, _ = total.Add(m)
	}
	_, err := total.Add(eur)
	bs, _ := json.Marshal(total)
	fmt.Println(total, errors.Is(err, metrics.ErrCurrencyMismatch), string(bs))
	// Output: 1500.00 USD true {"amount":"1500.00","currency":"USD"}
}

// Amounts kept as integer minor units (cents, yen) become Money without
// allocating; the same value parsed from text is equal to it.
func ExampleMoneyFromMinor() {
	price, err1 := metrics.MoneyFromMinor(2999, 2, "usd")
	yen, err2 := metrics.MoneyFromMinor(500, 0, "JPY")
	parsed, err3 := metrics.ParseMoney("29.990", "USD")
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(price, yen, price.Equal(parsed))
	// Output: 29.99 USD 500.00 JPY true
}

// A Ratio is an exact fraction: it is rounded only when its digits are shown.
func ExampleRatio() {
	r, _ := metrics.NewRatio(1, 3)
	twice := r.Add(r)
	nrr, _ := metrics.ParseRatio("105%")
	fmt.Println(r, twice.StringPercent(metrics.Places(1)), twice.Round(metrics.Places(2)).StringMultiple(metrics.Places(2)), nrr.Equal(metrics.Percent(105)))
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
	dict, err := metrics.NewDictionary(metrics.Definitions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, def := range dict.ForAudience(metrics.AudienceBoard) {
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
	exact, _ := metrics.NewContext(2, metrics.RoundHalfEven).Root(decimal.New(1331, -3), 3)
	fmt.Println(two.StringFixed(12), exact.StringFixed(2))
	// Output: 1.414213562373 1.10
}
