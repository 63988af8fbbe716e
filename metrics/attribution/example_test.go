package attribution_test

import (
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/attribution"
)

// conversion is the examples' conversion time.
var conversion = time.Date(2024, 6, 28, 9, 0, 0, 0, time.UTC)

// path returns touches on the given channels, a day apart, the last a day
// before the conversion.
func path(channels ...string) []attribution.Touch {
	ts := make([]attribution.Touch, len(channels))
	for i, c := range channels {
		ts[i] = attribution.Touch{Channel: c, Time: conversion.AddDate(0, 0, i-len(channels))}
	}
	return ts
}

// usd returns cents as USD.
func usd(cents int64) metrics.Money {
	m, _ := metrics.MoneyFromMinor(cents, 2, "USD")
	return m
}

// A 100 USD opportunity after five touches, position-based: 40% to the
// first, 40% to the last, 20% over the three between. 20/3 = 6.666…% each
// cannot all be 6.67 (that would make 100.01): the two cents left over go
// to the earliest middle touches.
func ExampleCredits() {
	j := attribution.Journey{ID: "opp-42", Value: usd(100_00), Conversion: conversion,
		Touches: path("paid search", "email", "webinar", "events", "sales")}
	credits, err := attribution.Credits(j, attribution.Options{Model: attribution.PositionBased()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range credits {
		fmt.Printf("%-11s %-6s %s\n", c.Channel, c.Share.StringPercent(metrics.Places(2)), c.Value)
	}
	// Output:
	// paid search 40%    40.00 USD
	// email       6.67%  6.67 USD
	// webinar     6.67%  6.67 USD
	// events      6.67%  6.66 USD
	// sales       40%    40.00 USD
}

// HubSpot's W-shaped model: the first touch also created the lead, so it
// takes 30% + 30%; the touch that created the opportunity 30%; the two
// other touches share the last 10%.
func ExampleWShaped() {
	ts := path("ads", "email", "webinar", "direct")
	ts[0].Milestones = attribution.FirstInteraction | attribution.LeadCreated
	ts[2].Milestones = attribution.OpportunityCreated
	j := attribution.Journey{ID: "deal-7", Value: usd(12_000_00), Conversion: conversion, Touches: ts}
	credits, _ := attribution.Credits(j, attribution.Options{Model: attribution.WShaped()})
	for _, c := range credits {
		fmt.Println(c.Channel, c.Share, c.Value)
	}
	// Output:
	// ads 60% 7200.00 USD
	// email 5% 600.00 USD
	// webinar 30% 3600.00 USD
	// direct 5% 600.00 USD
}

// Time decay with the default 7-day half-life: a touch a week before the
// conversion weighs half of one on the day. Half a half-life (3.5 days)
// weighs 2^-1/2, an irrational number computed to within 2^-100.
func ExampleTimeDecay() {
	decay, _ := attribution.TimeDecay(attribution.Decay{})
	j := attribution.Journey{ID: "t", Value: usd(1000_00), Conversion: conversion, Touches: []attribution.Touch{
		{Channel: "webinar", Time: conversion.Add(-7 * 24 * time.Hour)},
		{Channel: "email", Time: conversion.Add(-84 * time.Hour)},
		{Channel: "demo", Time: conversion},
	}}
	credits, _ := attribution.Credits(j, attribution.Options{Model: decay})
	for _, c := range credits {
		fmt.Println(c.Channel, c.Share.StringPercent(metrics.Places(6)), c.Value)
	}
	// Output:
	// webinar 22.654092% 226.54 USD
	// email 32.037724% 320.38 USD
	// demo 45.308184% 453.08 USD
}

// Custom weights: HubSpot's U-shaped model credits the first interaction
// and the lead creation 40% each, the rest 20%.
func ExampleCustom() {
	u, err := attribution.Custom(attribution.Weights{First: metrics.Percent(40), Lead: metrics.Percent(40), Rest: metrics.Percent(20)})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := path("social", "content", "email", "sales")
	ts[2].Milestones = attribution.LeadCreated
	credits, _ := attribution.Credits(attribution.Journey{ID: "u", Value: usd(500_00), Conversion: conversion, Touches: ts}, attribution.Options{Model: u})
	for _, c := range credits {
		fmt.Println(c.Channel, c.Value)
	}
	_, err = attribution.Custom(attribution.Weights{First: metrics.Percent(50), Last: metrics.Percent(40)})
	fmt.Println(err)
	// Output:
	// social 200.00 USD
	// content 50.00 USD
	// email 200.00 USD
	// sales 50.00 USD
	// metrics: attribution_custom: weights do not sum to 100%: the weights sum to 90%, not 100%
}

// A quarter's pipeline: credited value and conversions per channel under
// the linear model, and the share of it marketing sourced. The opportunity
// without touches stays unattributed (an outbound deal, say).
func ExampleBuild() {
	journeys := []attribution.Journey{
		{ID: "o1", Value: usd(900_00), Conversion: conversion, Touches: path("paid search", "email", "sales")},
		{ID: "o2", Value: usd(100_00), Conversion: conversion, Touches: path("paid search", "paid search")},
		{ID: "o3", Value: usd(500_00), Conversion: conversion},
	}
	agg, err := attribution.Build(metrics.FromSlice(journeys), attribution.Options{Model: attribution.Linear()})
	if err != nil {
		fmt.Println(err)
		return
	}
	channels, _ := agg.Channels()
	for _, c := range channels {
		fmt.Println(c.Channel, c.Value, c.Conversions, c.Journeys)
	}
	fmt.Println("unattributed", agg.Unattributed(), "of", agg.Total())
	share, _ := agg.MarketingSourcedShare(func(ch string) bool { return ch != "sales" })
	fmt.Println("marketing-sourced", share.StringPercent(metrics.Places(1)))
	// Output:
	// email 300.00 USD 0.333333333333 count 1
	// paid search 400.00 USD 1.333333333334 count 2
	// sales 300.00 USD 0.333333333333 count 1
	// unattributed 500.00 USD of 1500.00 USD
	// marketing-sourced 46.7%
}

// Shards of journeys (months, regions, workers) merge exactly into the
// aggregate of all of them.
func ExampleAggregate_Merge() {
	jan := []attribution.Journey{{ID: "a", Value: usd(100_00), Conversion: conversion, Touches: path("email", "ads")}}
	feb := []attribution.Journey{{ID: "b", Value: usd(50_01), Conversion: conversion, Touches: path("ads")}}
	opts := attribution.Options{Model: attribution.PositionBased()}
	q, _ := attribution.Build(metrics.FromSlice(jan), opts)
	f, _ := attribution.Build(metrics.FromSlice(feb), opts)
	if err := q.Merge(f); err != nil {
		fmt.Println(err)
		return
	}
	channels, _ := q.Channels()
	for _, c := range channels {
		fmt.Println(c.Channel, c.Value)
	}
	fmt.Println(q.Total())
	// Output:
	// ads 100.01 USD
	// email 50.00 USD
	// 150.01 USD
}

// The Markov removal effect, solved exactly: A → B converted (300), A alone
// was lost, B alone converted (600). Without A half the conversion
// probability is lost, without B all of it: A gets 1/3 of the 900, B 2/3.
func ExampleMarkov() {
	journeys := []attribution.Journey{
		{ID: "j1", Value: usd(300_00), Conversion: conversion, Touches: path("A", "B")},
		{ID: "j2", Conversion: conversion, Touches: path("A"), Lost: true},
		{ID: "j3", Value: usd(600_00), Conversion: conversion, Touches: path("B")},
	}
	agg, _ := attribution.Build(metrics.FromSlice(journeys), attribution.Options{Model: attribution.Markov()})
	removal, _ := agg.RemovalEffects()
	fmt.Println("P(conversion)", removal.Probability.StringMultiple(metrics.Places(4)))
	fmt.Println("removal effects", removal.Effects["A"], removal.Effects["B"])
	channels, _ := agg.Channels()
	for _, c := range channels {
		fmt.Println(c.Channel, c.Value, c.Conversions)
	}
	// Output:
	// P(conversion) 0.6667x
	// removal effects 50% 100%
	// A 300.00 USD 0.666666666667 count
	// B 600.00 USD 1.333333333333 count
}

// Shapley values over channel coalitions: {A, B} converted 300 and {B} 600,
// so A's average marginal worth is 150 and B's 750.
func ExampleShapley() {
	journeys := []attribution.Journey{
		{ID: "j1", Value: usd(300_00), Conversion: conversion, Touches: path("A", "B")},
		{ID: "j3", Value: usd(600_00), Conversion: conversion, Touches: path("B")},
	}
	agg, _ := attribution.Build(metrics.FromSlice(journeys), attribution.Options{Model: attribution.Shapley()})
	channels, _ := agg.Channels()
	for _, c := range channels {
		fmt.Println(c.Channel, c.Value)
	}
	// Output:
	// A 150.00 USD
	// B 750.00 USD
}

// Credits are whole minor units: yen have none, Kuwaiti dinars three
// places; Places overrides the table.
func ExampleISOPlaces() {
	fmt.Println(attribution.ISOPlaces("USD"), attribution.ISOPlaces("JPY"), attribution.ISOPlaces("KWD"))
	yen, _ := metrics.MoneyFromInt(1000, "JPY")
	j := attribution.Journey{ID: "jp", Value: yen, Conversion: conversion, Touches: path("A", "B", "C")}
	c, _ := attribution.Credits(j, attribution.Options{})
	fmt.Println(c[0].Value, c[1].Value, c[2].Value)
	c, _ = attribution.Credits(j, attribution.Options{MinorUnit: attribution.Places(2)})
	fmt.Println(c[0].Value, c[1].Value, c[2].Value)
	// Output:
	// 2 0 3
	// 334.00 JPY 333.00 JPY 333.00 JPY
	// 333.34 JPY 333.33 JPY 333.33 JPY
}
