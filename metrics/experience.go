package metrics

// Customer experience metrics: survey scores (NPS, CSAT, CES) and why
// customers leave.

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Sources of the experience definitions and bands (found with the search
// tool; cited again in the tests).
const (
	sourceNPS         = "NPS formula: abacum.io/glossary/net-promoted-score-nps and annualreport2018.dela.nl/begrippenlijst/net-promotor-score (promoters 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors); B2B bands: entrepreneurbible.net/glossary/nps (B2B SaaS averages +30, world-class +70 and above) and abacum.io (good 20–30, great 30–70); the 10 and 50 cut-offs are industry convention"
	sourceCSAT        = "sogosurvey.com/help/introduction-to-customer-satisfaction-csat (1–5 scale, satisfied = 4 or 5, CSAT = satisfied ÷ responses; above 80% excellent, 40–80% neutral, below 40% mostly dissatisfied) and mindmesh.com/glossary/what-is-customer-satisfaction-score (positive = 4–5 or 9–10 depending on the scale)"
	sourceCSATAverage = "industry convention (mean rating on the survey's scale); scales as in sogosurvey.com/help/introduction-to-customer-satisfaction-csat and mindmesh.com/glossary/what-is-customer-satisfaction-score"
	sourceCES         = "callcentrehelper.com/how-to-calculate-customer-effort-94671.htm (1–7 scale from 1 = extremely easy to 7 = extremely difficult; sum of scores ÷ respondents; the lower the better); surveypal.com/blog/what-is-a-good-customer-effort-score-ces-surveypal notes that public CES benchmarks are not established"
	sourceChurnReason = seed004 + " §Sebab Untuk Churn (ask every churned customer why: product fit 40%, price 20%, adoption failure 15%, competition 10%, business closure 10%, other 5%)"
	sourceNPS004      = seed004 + " §Net Promoter Score (NPS): promoters 9–10, passives 7–8, detractors 0–6 on 0–10; NPS = % promoters − % detractors; B2B SaaS bands best in class 50–70, good 30–50, acceptable 10–30, weak <10; " + seed001 + " §10 Wynik promotora netto; " + seed002 + " §Indicatori de satisfacție"
	sourceCSAT002     = seed002 + " §Indicatori de satisfacție (CSAT = satisfied responses ÷ all responses × 100, after onboarding, support calls and feature launches); " + seed004 + " §Customer Satisfaction (CSAT) (1–5 or 1–10 scale after an interaction)"
	sourceCSATAvg004  = seed004 + " §Customer Satisfaction (CSAT): excellent 4.5+ of 5 or 9+ of 10, good 4.0–4.5 of 5 or 8–9 of 10, weak below 4.0 of 5 or 8 of 10"
	sourceCES004      = seed004 + " §Customer Effort Score (CES): how easy was it (1–7, low = easy); target below 2.0 on the 7-point scale (very easy)"
)

// The survey scales CSATShare and CSATAverage accept.
const (
	CSATScale5  = 5  // answers 1–5; satisfied = 4 or 5
	CSATScale10 = 10 // answers 1–10; satisfied = 9 or 10
)

// experienceIndex names an element of a response slice: "responses[3]".
func experienceIndex(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

// experienceCheck checks that responses is non-empty (ErrEmpty) and every
// answer lies in [lo, hi] (ErrOutOfRange naming its index), and returns the
// sum of the answers.
func experienceCheck(id string, responses []int, lo, hi int) (decimal.Decimal, error) {
	if len(responses) == 0 {
		return decimal.Decimal{}, metricErr(id, "responses", ErrEmpty)
	}
	var sum int64 // at most 10 × len(responses): no overflow
	for i, r := range responses {
		if r < lo || r > hi {
			return decimal.Decimal{}, metricErr(id, experienceIndex("responses", i), fmt.Errorf("%w: %d not in %d–%d", ErrOutOfRange, r, lo, hi))
		}
		sum += int64(r)
	}
	return decimal.New(sum, 0), nil
}

// experienceNPS returns 100 × (promoters − detractors) ÷ total as a Score,
// rounded once with the zero Context{}; total > 0.
func experienceNPS(promoters, detractors, total decimal.Decimal) Quantity {
	return quantity(Context{}.quo(promoters.Sub(detractors).Mul(decimal.New(100, 0)), total), UnitScore)
}

// NPS is the Net Promoter Score of a survey of 0–10 "how likely are you to
// recommend us" answers:
//
//	NPS = 100 × (promoters − detractors) ÷ responses
//
// with promoters answering 9–10, passives 7–8 and detractors 0–6; a Score in
// [−100, 100]. It is exact whenever the quotient has at most 12 decimals and
// otherwise rounded once with the zero Context{} (12 places, half-even): 1
// promoter of 3 answers is 33.333333333333. No responses return ErrEmpty; an
// answer outside 0–10 returns ErrOutOfRange naming it ("responses[3]").
// Source: abacum.io/glossary/net-promoted-score-nps (formula); B2B bands
// from entrepreneurbible.net/glossary/nps (see the "nps" definition).
func NPS(responses []int) (Quantity, error) {
	const id = "nps"
	if _, err := experienceCheck(id, responses, 0, 10); err != nil {
		return Quantity{}, err
	}
	var promoters, detractors int64
	for _, r := range responses {
		switch {
		case r >= 9:
			promoters++
		case r <= 6:
			detractors++
		}
	}
	return experienceNPS(decimal.New(promoters, 0), decimal.New(detractors, 0), decimal.New(int64(len(responses)), 0)), nil
}

// NPSFromCounts is NPS from the counts of promoters (9–10), passives (7–8)
// and detractors (0–6):
//
//	NPS = 100 × (promoters − detractors) ÷ (promoters + passives + detractors)
//
// a Score in [−100, 100], rounded as NPS. A negative count returns
// ErrNegative; three zero counts (no responses) return ErrEmpty. It shares
// the "nps" definition.
func NPSFromCounts(c NPSCounts) (Quantity, error) {
	const id = "nps"
	for _, n := range []struct {
		name string
		n    int64
	}{{"promoters", c.Promoters}, {"passives", c.Passives}, {"detractors", c.Detractors}} {
		if err := checkCount(id, n.name, n.n); err != nil {
			return Quantity{}, err
		}
	}
	p, d := decimal.New(c.Promoters, 0), decimal.New(c.Detractors, 0)
	total := p.Add(decimal.New(c.Passives, 0)).Add(d) // decimal: no int64 overflow
	if total.Sign() == 0 {
		return Quantity{}, metricErr(id, "", ErrEmpty)
	}
	return experienceNPS(p, d, total), nil
}

// experienceCSATScale returns the lowest satisfied answer of a CSAT scale, or
// ErrOutOfRange for a scale other than CSATScale5 or CSATScale10.
func experienceCSATScale(id string, scale int) (int, error) {
	switch scale {
	case CSATScale5:
		return 4, nil
	case CSATScale10:
		return 9, nil
	}
	return 0, metricErr(id, "scale", fmt.Errorf("%w: scale %d (want 5 or 10)", ErrOutOfRange, scale))
}

// CSATShare is the customer satisfaction score as the share of satisfied
// answers,
//
//	CSAT = satisfied answers ÷ answers
//
// exact, shown as a percent in [0, 1]. On a 1–5 scale (CSATScale5) an answer
// of 4 or 5 is satisfied; on a 1–10 scale (CSATScale10) 9 or 10 (the top two
// boxes of each). Another scale returns ErrOutOfRange on "scale"; no answers
// ErrEmpty; an answer outside 1..scale ErrOutOfRange naming it
// ("responses[3]"). Source: sogosurvey.com/help/introduction-to-customer-satisfaction-csat
// (1–5, satisfied 4–5, bands) and mindmesh.com/glossary/what-is-customer-satisfaction-score
// (9–10 on a 10-point scale).
func CSATShare(responses []int, scale int) (Ratio, error) {
	const id = "csat"
	lowest, err := experienceCSATScale(id, scale)
	if err != nil {
		return Ratio{}, err
	}
	if _, err := experienceCheck(id, responses, 1, scale); err != nil {
		return Ratio{}, err
	}
	var satisfied int64
	for _, r := range responses {
		if r >= lowest {
			satisfied++
		}
	}
	return NewRatio(satisfied, int64(len(responses)))
}

// CSATAverage is the mean satisfaction answer on a 1–5 (CSATScale5) or 1–10
// (CSATScale10) scale,
//
//	CSAT average = sum of answers ÷ answers
//
// a Score in [1, scale], exact when the mean has at most 12 decimals and
// otherwise rounded once with the zero Context{} (12 places, half-even).
// Errors as CSATShare. Source: industry convention (the mean rating), on the
// scales of sogosurvey.com and mindmesh.com as for CSATShare.
func CSATAverage(responses []int, scale int) (Quantity, error) {
	const id = "csat_average"
	if _, err := experienceCSATScale(id, scale); err != nil {
		return Quantity{}, err
	}
	sum, err := experienceCheck(id, responses, 1, scale)
	if err != nil {
		return Quantity{}, err
	}
	return quantity(Context{}.quo(sum, decimal.New(int64(len(responses)), 0)), UnitScore), nil
}

// CESAverage is the customer effort score: the mean answer to "how much
// effort did it take" on a 1–7 scale where 1 is extremely easy and 7
// extremely difficult, so lower is better,
//
//	CES = sum of answers ÷ answers
//
// a Score in [1, 7], exact when the mean has at most 12 decimals and
// otherwise rounded once with the zero Context{} (12 places, half-even). No
// answers return ErrEmpty; an answer outside 1–7 ErrOutOfRange naming it
// ("responses[3]"). Surveys that ask "how easy was it" (higher is better)
// must be reversed (8 − answer) first. Source:
// callcentrehelper.com/how-to-calculate-customer-effort-94671.htm; no bands,
// as benchmarks for CES are not established.
func CESAverage(responses []int) (Quantity, error) {
	const id = "ces"
	sum, err := experienceCheck(id, responses, 1, 7)
	if err != nil {
		return Quantity{}, err
	}
	return quantity(Context{}.quo(sum, decimal.New(int64(len(responses)), 0)), UnitScore), nil
}

// ReasonShare is one churn reason's count and its exact share of all churned
// customers with a recorded reason.
type ReasonShare struct {
	Reason string // the reason as given, such as "price"
	Count  int64  // customers who gave it
	Share  Ratio  // Count ÷ the total of all counts, exact
}

// Equal reports whether r and o have the same reason, count and share (the
// share compared as a number), so go-cmp can compare ReasonShares.
func (r ReasonShare) Equal(o ReasonShare) bool {
	return r.Reason == o.Reason && r.Count == o.Count && r.Share.Equal(o.Share)
}

// ChurnReasonShares breaks churned customers down by reason,
//
//	share(reason) = count(reason) ÷ Σ counts
//
// sorted by count (largest first), then by reason. Shares are exact
// fractions over the same total, so they add up to exactly 1; a reason with a
// zero count is kept with a zero share. An empty map returns ErrEmpty; an
// empty reason ErrMissing; a negative count ErrNegative naming the reason
// (`counts["price"]`); all-zero counts ErrZeroDenominator. Source: industry
// convention.
func ChurnReasonShares(counts map[string]int64) ([]ReasonShare, error) {
	const id = "churn_reason_shares"
	if len(counts) == 0 {
		return nil, metricErr(id, "counts", ErrEmpty)
	}
	out := make([]ReasonShare, 0, len(counts))
	var total decimal.Decimal // decimal: no int64 overflow
	for reason, n := range counts {
		out = append(out, ReasonShare{Reason: reason, Count: n})
	}
	// Check in reason order so that the reported error does not depend on
	// the map's iteration order.
	slices.SortFunc(out, func(a, b ReasonShare) int { return cmp.Compare(a.Reason, b.Reason) })
	for _, rs := range out {
		if rs.Reason == "" {
			return nil, metricErr(id, `counts[""]`, ErrMissing)
		}
		if err := checkCount(id, "counts["+strconv.Quote(rs.Reason)+"]", rs.Count); err != nil {
			return nil, err
		}
		total = total.Add(decimal.New(rs.Count, 0))
	}
	if total.Sign() == 0 {
		return nil, metricErr(id, "counts", ErrZeroDenominator)
	}
	for i := range out {
		share, err := RatioOf(decimal.New(out[i].Count, 0), total)
		if err != nil {
			return nil, metricErr(id, "counts", err)
		}
		out[i].Share = share
	}
	slices.SortStableFunc(out, func(a, b ReasonShare) int { return cmp.Compare(b.Count, a.Count) })
	return out, nil
}

// experienceStewards returns the owners and cadences of the experience
// family.
func experienceStewards() map[string]stewardship {
	return map[string]stewardship{
		"nps":                 {roleCS, CadenceMonthly, "cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (NPS monthly); owner the library's choice"},
		"csat":                {roleCS, CadenceMonthly, ocChoice},
		"csat_average":        {roleCS, CadenceMonthly, ocChoice},
		"csat_average_5":      {roleCS, CadenceMonthly, ocChoice},
		"csat_average_10":     {roleCS, CadenceMonthly, ocChoice},
		"ces":                 {roleCS, CadenceMonthly, ocChoice},
		"churn_reason_shares": {roleCS, CadenceQuarterly, "owner: " + seed004 + " §Pergerakan MRR (CS owns churn); cadence the library's choice"},
	}
}

// experienceDefinitions returns the dictionary entries of the experience
// family.
func experienceDefinitions() []Definition {
	return steward(experienceDefinitionList(), experienceStewards())
}

// experienceDefinitionList returns the experience entries before their
// owners and cadences are set.
func experienceDefinitionList() []Definition {
	csatAverage := func(scale int64, weak, excellent decimal.Decimal, notes [3]string) Definition {
		return Definition{
			ID: fmt.Sprintf("csat_average_%d", scale), Name: fmt.Sprintf("Customer satisfaction (CSAT, average on 1–%d)", scale), Category: CategoryExperience,
			Formula: fmt.Sprintf("sum of answers ÷ answers on a 1–%d scale, rounded once to 12 places half-even", scale),
			Unit:    UnitScore, Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "weak", Status: StatusRed, Note: notes[0]},
				{Name: "good", From: weak, Status: StatusGreen, Note: notes[1]},
				{Name: "excellent", From: excellent, Status: StatusGreen, Note: notes[2]},
			},
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceCSATAvg004, Version: 1, Func: "metrics.CSATAverage",
		}
	}
	return []Definition{
		{
			ID: "nps", Name: "Net Promoter Score", Category: CategoryExperience,
			Formula: "100 × (promoters (9–10) − detractors (0–6)) ÷ responses on a 0–10 scale; −100 to 100 (also metrics.NPSFromCounts)",
			Unit:    UnitScore, Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "weak", Status: StatusRed, Note: "<10"},
				{Name: "acceptable", From: num(10, 0), Status: StatusYellow, Note: "10–30 (B2B SaaS average about 30)"},
				{Name: "good", From: num(30, 0), Status: StatusGreen, Note: "30–50"},
				{Name: "best-in-class", From: num(50, 0), Status: StatusGreen, Note: "50–70; above 70 world-class"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceNPS004 + "; " + sourceNPS,
			Differs: "004 ends its top band at 70; the library keeps scores above 70 in it (public sources call +70 world-class). 004 warns that NPS correlates with retention but does not cause it: trust usage and engagement over the survey.",
			Version: 2, Func: "metrics.NPS",
		},
		{
			ID: "csat", Name: "Customer satisfaction (CSAT, share satisfied)", Category: CategoryExperience,
			Formula: "answers of 4–5 on a 1–5 scale (9–10 on a 1–10 scale) ÷ answers",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "dissatisfied", Status: StatusRed, Note: "<40%: most customers dissatisfied"},
				{Name: "neutral", From: pct(40), Status: StatusYellow, Note: "40–80%"},
				{Name: "excellent", From: pct(80), Status: StatusGreen, Note: "≥80% (the source says above 80%)"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment, AudienceFrontline}, Signal: SignalLagging,
			Source:  sourceCSAT002 + "; bands: " + sourceCSAT,
			Differs: "004's CSAT benchmarks are average ratings (csat_average_5, csat_average_10); these share-satisfied bands are from the public source cited.",
			Version: 1, Func: "metrics.CSATShare",
		},
		{
			ID: "csat_average", Name: "Customer satisfaction (CSAT, average)", Category: CategoryExperience,
			Formula: "sum of answers ÷ answers on a 1–5 or 1–10 scale, rounded once to 12 places half-even",
			Unit:    UnitScore, Direction: HigherIsBetter,
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceCSATAverage + "; for 004's bands per scale see csat_average_5 and csat_average_10", Version: 1, Func: "metrics.CSATAverage",
		},
		csatAverage(5, num(40, -1), num(45, -1), [3]string{"<4.0 of 5", "4.0–4.5 of 5", "4.5+ of 5"}),
		csatAverage(10, num(8, 0), num(9, 0), [3]string{"<8 of 10", "8–9 of 10", "9+ of 10"}),
		{
			ID: "ces", Name: "Customer effort score (CES)", Category: CategoryExperience,
			Formula: "sum of answers ÷ answers on a 1–7 scale (1 extremely easy, 7 extremely difficult), rounded once to 12 places half-even",
			Unit:    UnitScore, Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "low effort", Status: StatusGreen, Note: "<2.0: the target, very easy"},
				{Name: "effortful", From: num(2, 0), Status: StatusYellow, Note: "≥2.0: above the target"},
			},
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLeading,
			Source: sourceCES004 + "; formula: " + sourceCES, Version: 1, Func: "metrics.CESAverage",
		},
		{
			ID: "churn_reason_shares", Name: "Churn reason shares", Category: CategoryExperience,
			Formula: "churned customers giving a reason ÷ churned customers with any recorded reason; shares sum to exactly 1",
			Unit:    UnitRatio, Display: "percent", Direction: Neutral,
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLagging,
			Source: sourceChurnReason, Version: 1, Func: "metrics.ChurnReasonShares",
		},
	}
}
