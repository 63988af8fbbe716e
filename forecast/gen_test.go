package forecast

import (
	"strconv"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Generators for the property tests. The common case is common: a few
// owners, segments and stages, the stages' usual probabilities, amounts from
// a small set with repeats and zeros, dates in a few quarters; and some of
// the rare: amounts held as decimals (beyond 9.2 million or 12 places),
// probabilities that are not whole millionths (1/3), overrides, lost and won
// deals, closing stages.

// genPolicy is the policy of the generated pipelines.
func genPolicy() Policy {
	return Policy{Stages: []Stage{
		{Name: "Prospecting"},
		{Name: "Qualification", Category: CategoryPipeline},
		{Name: "Proposal"},
		{Name: "Negotiation", Category: CategoryBestCase},
		{Name: "Legal", Category: CategoryMostLikely},
		{Name: "Contract", Category: CategoryCommit},
		{Name: "On hold", Category: CategoryOmitted},
		{Name: "Closed Won", Category: CategoryClosed},
		{Name: "Closed Lost", Category: CategoryOmitted},
	}}
}

var (
	genOwners   = []string{"ana", "ben", "cai", "dee", "eve"}
	genManagers = map[string]string{"ana": "maria", "ben": "maria", "cai": "noah", "dee": "noah", "eve": "noah"}
	genSegments = []string{"SMB", "Mid", "Ent"}
	genStages   = []string{"Prospecting", "Qualification", "Proposal", "Negotiation", "Legal", "Contract", "On hold"}
	genProbs    = []string{"0", "10%", "20%", "50%", "60%", "90%", "1", "1/3", "0.123456789", "2/7"}
	genAmounts  = []string{"0", "1000", "1000", "2500.50", "10000", "99999.99", "0.000000000001"}
	genRare     = []string{"12345678.9", "0.0000000000001", "99999999999999999999.5", "1e30"}
	genBase     = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// genMoney draws an amount in USD: common ones mostly, rare ones sometimes.
func genMoney(t *rapid.T, label string) metrics.Money {
	s := rapid.SampledFrom(genAmounts).Draw(t, label)
	if rapid.IntRange(0, 9).Draw(t, label+" rare?") == 0 {
		s = rapid.SampledFrom(genRare).Draw(t, label+" rare")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	m, err := metrics.NewMoney(d, "USD")
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return m
}

// genOpportunity draws opportunity number i of a generated pipeline.
func genOpportunity(t *rapid.T, i int) Opportunity {
	owner := rapid.SampledFrom(genOwners).Draw(t, "owner")
	p, err := metrics.ParseRatio(rapid.SampledFrom(genProbs).Draw(t, "probability"))
	if err != nil {
		t.Fatal(err)
	}
	created := genBase.AddDate(0, 0, rapid.IntRange(0, 200).Draw(t, "created"))
	o := Opportunity{
		ID: "o" + strconv.Itoa(i), Account: "a", Owner: owner, Manager: genManagers[owner],
		Segment: rapid.SampledFrom(genSegments).Draw(t, "segment"), Type: Type(rapid.IntRange(0, 3).Draw(t, "type")),
		Amount: genMoney(t, "amount"), Stage: rapid.SampledFrom(genStages).Draw(t, "stage"), Probability: p,
		Created: created, Close: created.AddDate(0, 0, rapid.IntRange(0, 150).Draw(t, "cycle")),
	}
	switch rapid.IntRange(0, 5).Draw(t, "status") {
	case 0:
		o.Status, o.Stage = StatusWon, "Closed Won"
	case 1:
		o.Status, o.Stage = StatusLost, "Closed Lost"
		o.Reason = rapid.SampledFrom([]string{"", "price", "competitor"}).Draw(t, "reason")
	}
	if o.Status == StatusOpen && rapid.IntRange(0, 5).Draw(t, "override?") == 0 {
		o.Category = Category(rapid.SampledFrom([]Category{CategoryPipeline, CategoryBestCase, CategoryMostLikely, CategoryCommit, CategoryOmitted}).Draw(t, "override"))
	}
	return o
}

// genPipeline draws up to n opportunities.
func genPipeline(t *rapid.T, n int) []Opportunity {
	k := rapid.IntRange(0, n).Draw(t, "n")
	out := make([]Opportunity, k)
	for i := range out {
		out[i] = genOpportunity(t, i)
	}
	return out
}

// genDimensions draws grouping dimensions.
func genDimensions(t *rapid.T) Dimensions {
	by := Dimensions{
		Period: Period(rapid.IntRange(0, 2).Draw(t, "period")), Created: rapid.Bool().Draw(t, "created"),
		Owner: rapid.Bool().Draw(t, "owner"), Manager: rapid.Bool().Draw(t, "manager"), Segment: rapid.Bool().Draw(t, "segment"),
		Type: rapid.Bool().Draw(t, "type"), Stage: rapid.Bool().Draw(t, "stage"), Reason: rapid.Bool().Draw(t, "reason"),
	}
	if rapid.Bool().Draw(t, "sizes") {
		a, _ := metrics.ParseMoney("1000", "USD")
		b, _ := metrics.ParseMoney("10000", "USD")
		by.SizeBands = []metrics.Money{a, b}
	}
	return by
}
