package catalog

// seeds/002_12b06b23a7dd3532.txt (Romanian): high-value indicators for
// revenue, engagement and satisfaction. Its items in order.

import (
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
)

func TestSeed002(t *testing.T) { walkSeed(t, seed002Items()) }

func seed002Items() []seedItem {
	return []seedItem{
		// §Indicatori de venit: "MRR este egal cu ARPU înmulțit cu conturile de plăți active
		// într-o lună. ARR este această cifră anualizată."
		{section: "Venit lunar recurent (MRR) și ARR", item: "MRR = ARPU × paying accounts active in the month", ids: []string{"mrr_from_arpa"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// 40 paying accounts at $250 (002's "ARPU", per account): $10,000.
				v, err := metrics.MRRFromARPA(40, usd(t, "250"))
				eqMoney(t, "MRR", v, err, usd(t, "10000"))
			}},
		{section: "Venit lunar recurent (MRR) și ARR", item: "ARR is MRR annualised", ids: []string{"arr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.ARR(usd(t, "10000"))
				eqMoney(t, "ARR", v, err, usd(t, "120000"))
			}},
		// §Valoarea pe durata vieții clientului și CAC
		{section: "Valoarea pe durata vieții clientului și CAC", item: "LTV estimates the profit over the customer relationship", ids: []string{"ltv_gross_margin"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// $100 a month at 75% margin and 2.5% monthly revenue churn: $3,000 of profit.
				v, err := metrics.LTVGrossMargin(metrics.UnitEconomics{ARPA: usd(t, "100"), GrossMargin: pct(t, "75"), Churn: pct(t, "2.5")})
				eqMoney(t, "LTV", v, err, usd(t, "3000"))
			}},
		{section: "Valoarea pe durata vieții clientului și CAC", item: "CAC = total acquisition spend ÷ new customers", ids: []string{"cac"}, kind: kindDefined},
		{section: "Valoarea pe durata vieții clientului și CAC", item: "balance LTV against CAC so acquisition pays back", ids: []string{"ltv_cac", "cac_payback"}, kind: kindDefined},
		// §ARPU și retenția veniturilor nete
		{section: "ARPU și retenția veniturilor nete", item: "ARPU (per account) shows the pricing mix: rising with better packaging, falling with discounts", ids: []string{"arpa"}, kind: kindDiffers},
		// "Reținerea veniturilor nete măsoară MRR-ul de expansiune minus retrogradările și
		// rata de pierdere a clienților, în raport cu MRR-ul inițial."
		{section: "ARPU și retenția veniturilor nete", item: "NRR: expansion MRR minus downgrades and churn, relative to the starting MRR", ids: []string{"nrr"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// (15 − 2 − 8) ÷ 100 = 5% net expansion; the library's NRR is 105%.
				v, err := metrics.NRR(metrics.Movements{Start: usd(t, "100"), Expansion: usd(t, "15"), Contraction: usd(t, "2"), Churn: usd(t, "8")})
				eqRatio(t, "NRR", v, err, pct(t, "105"))
			}},
		// §Indicatori de implicare: "Scorul de implicare în produs combină adoptarea,
		// fidelitatea și creșterea ... pe care îl puteți monitoriza săptămânal."
		{section: "Indicatori de implicare a utilizatorilor", item: "product engagement score combines adoption, stickiness and growth; monitored weekly", ids: []string{"product_engagement_score"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.ProductEngagementScore(pct(t, "60"), pct(t, "30"), pct(t, "30"))
				eqRatio(t, "PES", v, err, pct(t, "40"))
				c.cadences(t, metrics.CadenceWeekly, "product_engagement_score")
			}},
		// "Rata de utilizare a funcțiilor este egală cu numărul de utilizatori activi lunar
		// împărțit la numărul total de conectări dintr-o perioadă."
		{section: "Rata de utilizare a funcțiilor și fidelitatea acestora", item: "feature usage rate = monthly active users ÷ total logins in the period", ids: []string{"feature_adoption"}, kind: kindDiffers},
		{section: "Rata de utilizare a funcțiilor și fidelitatea acestora", item: "weekly or monthly stickiness: the activity threshold that predicts retention", ids: []string{"stickiness"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.Stickiness(300, 1000)
				eqRatio(t, "DAU/MAU", v, err, pct(t, "30"))
			}},
		{section: "Conversia de la versiunea de probă la cea plătită", item: "trial-to-paid conversion as a measure of activation quality", ids: []string{"trial_to_paid"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.TrialToPaid(18, 120)
				eqRatio(t, "trial→paid", v, err, pct(t, "15"))
			}},
		// §Indicatori de satisfacție: "răspunsuri mulțumite împărțite la totalul
		// răspunsurilor, apoi înmulțește cu 100"
		{section: "Indicatori de satisfacție a clienților", item: "CSAT = satisfied responses ÷ all responses × 100", ids: []string{"csat"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// Three of five answers are 4 or 5 on a 1–5 scale: 60%.
				v, err := metrics.CSATShare([]int{5, 4, 3, 2, 5}, metrics.CSATScale5)
				eqRatio(t, "CSAT", v, err, pct(t, "60"))
			}},
		{section: "Indicatori de satisfacție a clienților", item: "NPS = % promoters − % detractors", ids: []string{"nps"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.NPSFromCounts(metrics.NPSCounts{Promoters: 50, Passives: 30, Detractors: 20})
				eqQuantity(t, "NPS", v, err, "30")
			}},
		{section: "Indicatori de valoare pentru SaaS", item: "value metric: bill per user, event, feature, contacts or outcome", kind: kindNotMetric, note: "a pricing unit, chosen per product; nothing to compute"},
		// §Transformarea semnalelor: "MRR de extindere provine din upgrade-uri, suplimente și
		// vânzări încrucișate ... MRR de contracție însumează retrogradări și anulări."
		{section: "Transformarea semnalelor în mișcări de preț", item: "expansion MRR: upgrades, add-ons and cross-sell among existing customers", ids: []string{"expansion_mrr"}, kind: kindDefined},
		{section: "Transformarea semnalelor în mișcări de preț", item: "contraction MRR sums downgrades and cancellations", ids: []string{"contraction_mrr", "gross_mrr_churn_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// 002's contraction ($200 of downgrades + $300 of cancellations) is the
				// library's contraction + churn: 5% of $10,000.
				v, err := metrics.GrossMRRChurnRate(metrics.Movements{Start: usd(t, "10000"), Contraction: usd(t, "200"), Churn: usd(t, "300")})
				eqRatio(t, "contraction + churn", v, err, pct(t, "5"))
			}},
		// §Informații despre costuri
		{section: "Informații despre costuri", item: "cost per customer and COGS, so that every tier is profitable", ids: []string{"cost_per_customer", "gross_margin"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.CostPerCustomer(usd(t, "5000"), 200)
				eqMoney(t, "cost per customer", v, err, usd(t, "25"))
				g, err := metrics.GrossMargin(metrics.Income{Revenue: usd(t, "1000"), COGS: usd(t, "200")})
				eqRatio(t, "gross margin", g, err, pct(t, "80"))
			}},
		{section: "Informații despre costuri", item: "cost per feature", kind: kindNotMetric, note: "a cost allocation to features, which the library does not model (CostPerCustomer divides a cost by any count)"},
		// "Atribuiți un proprietar și o definiție simplă pentru fiecare metrică"
		{section: "Listă scurtă subiectivă", item: "assign an owner and a simple definition to every metric you keep", kind: kindCapability, note: "Definition.Owner and Definition.Formula",
			check: func(t *testing.T, c seedCtx) {
				for _, d := range c.dict.All() {
					if d.Owner == "" || d.Formula == "" {
						t.Errorf("%s: owner %q, formula %q", d.ID, d.Owner, d.Formula)
					}
				}
			}},
		{section: "Indicatori de venit", item: "segment by cohort, plan and industry", owner: "cohort", kind: kindDefined},
		{section: "Indicatori de venit", item: "track the month-over-month rate of change", ids: []string{"growth_rate", "change"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.GrowthRate(metrics.Periods{Previous: usd(t, "10000"), Current: usd(t, "10500")})
				eqRatio(t, "MoM", v, err, pct(t, "5"))
			}},
		{section: "Dimensionează-ți setul de metrici potrivit", item: "review the list quarterly with finance, product, sales and marketing", kind: kindNotMetric, note: "a review process; Definition.Cadence says how often each metric is reviewed"},
	}
}
