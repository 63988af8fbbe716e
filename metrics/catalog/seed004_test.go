package catalog

// seeds/004_9a66e740fba960a2.txt (Malay): "Panduan Metrik Post-Sale: KPI
// Penting untuk Pasukan Customer Success". Its items in order, with every
// band edge and worked example.

import (
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

func TestSeed004(t *testing.T) { walkSeed(t, seed004Items()) }

func seed004Items() []seedItem {
	return []seedItem{
		// Opening: "Kami mempunyai kepuasan pelanggan 92% dan NPS 45!" while churn is 28%
		// a year and NRR 87%.
		{section: "Panduan Metrik Post-Sale (opening)", item: "satisfaction 92% and NPS 45, yet annual churn 28% and NRR 87%", ids: []string{"csat", "nps", "annual_logo_churn_rate", "nrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.band(t, "csat", pct(t, "92"), "excellent")
				nps, err := metrics.NewQuantity(num(t, "45"), metrics.UnitScore)
				if err != nil {
					t.Fatal(err)
				}
				c.band(t, "nps", nps, "good")
				c.band(t, "annual_logo_churn_rate", pct(t, "28"), "critical")
				c.band(t, "nrr", pct(t, "87"), "critical")
			}},
		// §Hierarki Metrik: executive (board) NRR, GRR, logo churn, LTV; operational,
		// tactical and activity tiers below.
		{section: "Hierarki Metrik: Dari Eksekutif ke Barisan Hadapan", item: "executive metrics NRR, GRR, logo churn, LTV; operational, tactical and activity tiers", kind: kindCapability, note: "Definition.Audiences",
			check: func(t *testing.T, c seedCtx) {
				for _, id := range []string{"nrr", "grr", "logo_churn_rate", "ltv"} {
					if !c.def(t, id).HasAudience(metrics.AudienceBoard) {
						t.Errorf("%s is not a board metric", id)
					}
				}
			}},
		// §Net Revenue Retention: formula and worked example.
		{section: "Net Revenue Retention (NRR)", item: "NRR = (start + expansion − churn − contraction) ÷ start × 100; $10M + $1.5M − $800K − $200K = 105%", ids: []string{"nrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.NRR(metrics.Movements{Start: usd(t, "10000000"), Expansion: usd(t, "1500000"), Churn: usd(t, "800000"), Contraction: usd(t, "200000")})
				eqRatio(t, "NRR", v, err, pct(t, "105"))
				c.band(t, "nrr", v, "acceptable")
			}},
		{section: "Net Revenue Retention (NRR)", item: "bands: 120–140% best in class, 110–120% good, 100–110% acceptable, 90–100% warning, <90% critical", ids: []string{"nrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "nrr", "90", "critical", "warning", "warning")
				c.edge(t, "nrr", "100", "warning", "acceptable", "acceptable")
				c.edge(t, "nrr", "110", "acceptable", "good", "good")
				c.edge(t, "nrr", "120", "good", "best-in-class", "best-in-class")
				c.is(t, "nrr", "140", "best-in-class")
			}},
		{section: "Net Revenue Retention (NRR)", item: "drivers: 95%+ GRR and an expansion rate of 15–30% across the base", ids: []string{"grr", "customer_expansion_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				c.is(t, "grr", "95", "best-in-class")
				c.is(t, "customer_expansion_rate", "15", "good")
				c.is(t, "customer_expansion_rate", "30", "best-in-class")
			}},
		// §Gross Revenue Retention: "GRR = ($10M - $800K - $200K) / $10M = 91%" although
		// "$9M dikekalkan".
		{section: "Gross Revenue Retention (GRR)", item: "GRR = (start − churn − contraction) ÷ start × 100; $10M − $800K − $200K printed as 91%", ids: []string{"grr"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.GRR(metrics.Movements{Start: usd(t, "10000000"), Churn: usd(t, "800000"), Contraction: usd(t, "200000")})
				eqRatio(t, "GRR", v, err, pct(t, "90")) // $9M of $10M, not the printed 91%
				c.band(t, "grr", v, "good")
			}},
		{section: "Gross Revenue Retention (GRR)", item: "bands: 95–98% best in class, 90–95% good, 85–90% acceptable, 80–85% warning, <80% critical", ids: []string{"grr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "grr", "80", "critical", "warning", "warning")
				c.edge(t, "grr", "85", "warning", "acceptable", "acceptable")
				c.edge(t, "grr", "90", "acceptable", "good", "good")
				c.edge(t, "grr", "95", "good", "best-in-class", "best-in-class")
			}},
		// §Logo Churn Rate: "15 / 500 = 3% suku tahunan (atau ~12% tahunan)"
		{section: "Logo Churn Rate (Customer Churn)", item: "logo churn = lost ÷ customers at the start × 100; 15 of 500 is 3% a quarter, ~12% a year", ids: []string{"logo_churn_rate", "simple_churn", "compound_churn", "annual_logo_churn_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				q, err := metrics.LogoChurnRate(metrics.Customers{Start: 500, Churned: 15})
				eqRatio(t, "quarterly", q, err, pct(t, "3"))
				s, err := metrics.SimpleChurn(q, 4)
				eqRatio(t, "× 4", s, err, pct(t, "12"))
				cc, err := metrics.CompoundChurn(q, 4)
				eqRatio(t, "compounded", cc, err, pct(t, "11.470719")) // 1 − 0.97⁴
				c.band(t, "annual_logo_churn_rate", s, "acceptable")
				c.band(t, "annual_logo_churn_rate", cc, "acceptable")
			}},
		{section: "Logo Churn Rate (Customer Churn)", item: "annual bands: <5% best in class, 5–10% good, 10–15% acceptable, 15–20% warning, >20% critical", ids: []string{"annual_logo_churn_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "annual_logo_churn_rate", "5", "best-in-class", "good", "good")
				c.edge(t, "annual_logo_churn_rate", "10", "good", "acceptable", "acceptable")
				c.edge(t, "annual_logo_churn_rate", "15", "acceptable", "warning", "warning")
				c.edge(t, "annual_logo_churn_rate", "20", "warning", "warning", "critical") // critical is *above* 20%
			}},
		// §Customer Lifetime Value: simple and advanced formulas, worked example, target.
		{section: "Customer Lifetime Value (LTV)", item: "simple LTV = average annual revenue per customer × average lifetime in years", ids: []string{"ltv_annual"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.LTVYears(usd(t, "30000"), num(t, "2.5"))
				eqMoney(t, "LTV", v, err, usd(t, "75000"))
			}},
		{section: "Customer Lifetime Value (LTV)", item: "advanced LTV = ARPA × gross margin ÷ revenue churn; $30,000 × 0.80 ÷ 0.10 = $240,000", ids: []string{"ltv_gross_margin"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.LTVGrossMargin(metrics.UnitEconomics{ARPA: usd(t, "30000"), GrossMargin: pct(t, "80"), Churn: pct(t, "10")})
				eqMoney(t, "LTV", v, err, usd(t, "240000"))
			}},
		{section: "Customer Lifetime Value (LTV)", item: "target: LTV at least 3× CAC; 5–7× is excellent", ids: []string{"ltv_cac"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "ltv_cac", "3", "warning", "good", "good")
				c.edge(t, "ltv_cac", "5", "good", "excellent", "excellent")
				c.is(t, "ltv_cac", "7", "excellent")
			}},
		// §Pergerakan MRR: new (not owned by CS), expansion, contraction, churn; "Apa yang
		// dimiliki CS: meminimumkan churn dan kontraksi, memaksimumkan pengembangan."
		{section: "Pergerakan Monthly Recurring Revenue (MRR)", item: "new, expansion, contraction and churn MRR; CS owns churn, contraction and expansion, new MRR is sales'", ids: []string{"new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.owners(t, map[string]string{"new_mrr": "CRO", "expansion_mrr": "VP Customer Success", "contraction_mrr": "VP Customer Success", "churned_mrr": "VP Customer Success"})
			}},
		// §Skor Kesihatan
		{section: "Skor Kesihatan", item: "health score components: usage 40%, engagement 30%, support 15%, business outcomes 15%", owner: "health", kind: kindDefined},
		{section: "Skor Kesihatan", item: "bands: green 80–100, yellow 50–79 (at risk), red 0–49 (critical)", owner: "health", kind: kindDefined},
		// §Penggunaan dan Penggunaan Produk: benchmarks and the 35% → 15% example.
		{section: "Penggunaan dan Penggunaan Produk", item: "DAU/MAU: 20–40% normal, 40%+ excellent; falling from 35% to 15% in two months is a warning", ids: []string{"stickiness", "change_points"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "stickiness", "20", "average", "typical", "typical")
				c.edge(t, "stickiness", "40", "typical", "excellent", "excellent")
				from, err := metrics.Stickiness(350, 1000)
				eqRatio(t, "before", from, err, pct(t, "35"))
				to, err := metrics.Stickiness(150, 1000)
				eqRatio(t, "after", to, err, pct(t, "15"))
				eqRatio(t, "change", to.Sub(from), nil, pct(t, "-20")) // 20 points down
				c.status(t, "stickiness", from, metrics.StatusGreen)
				c.status(t, "stickiness", to, metrics.StatusYellow)
			}},
		{section: "Penggunaan dan Penggunaan Produk", item: "weekly active users: 60–80% of seats", ids: []string{"weekly_active_seat_share"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "weekly_active_seat_share", "60", "below benchmark", "benchmark", "benchmark")
				c.edge(t, "weekly_active_seat_share", "80", "benchmark", "benchmark", "above benchmark")
				v, err := metrics.WeeklyActiveSeatShare(70, 100)
				eqRatio(t, "seats", v, err, pct(t, "70"))
			}},
		{section: "Penggunaan dan Penggunaan Produk", item: "core features: 70%+ of users should use them", ids: []string{"core_feature_adoption"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "core_feature_adoption", "70", "below target", "on target", "on target")
			}},
		{section: "Penggunaan dan Penggunaan Produk", item: "feature use (share of relevant features), session frequency, session duration, breadth vs depth", ids: []string{"feature_adoption", "session_frequency"}, kind: kindDiffers,
			note: "session duration and breadth vs depth are named without a formula or band: not computed",
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.FeatureAdoption(6, 10) // 6 of 10 relevant features used
				eqRatio(t, "features used", v, err, pct(t, "60"))
				f, err := metrics.SessionFrequency(35, 10)
				eqRatio(t, "sessions per user", f, err, rat(t, "3.5"))
			}},
		// §Time to Value
		{section: "Time to Value (TTV)", item: "days from contract signature to the first measurable outcome (also to first login, to onboarding complete)", ids: []string{"time_to_value_days", "median_time_to_value_days"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.TimeToValueDays(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 8, 12, 0, 0, 0, time.UTC))
				eqQuantity(t, "TTV", v, err, "7.5")
				m, err := metrics.MedianTimeToValueDays([]time.Duration{24 * time.Hour, 72 * time.Hour, 30 * 24 * time.Hour})
				eqQuantity(t, "median", m, err, "3")
			}},
		{section: "Time to Value (TTV)", item: "benchmarks: product-led 1–7 days, SMB 7–30, mid-market 30–60, enterprise 60–120", ids: []string{"time_to_value_product_led", "time_to_value_smb", "time_to_value_mid_market", "time_to_value_enterprise"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "time_to_value_product_led", "7", "within benchmark", "within benchmark", "slower than benchmark")
				c.edge(t, "time_to_value_smb", "30", "within benchmark", "within benchmark", "slower than benchmark")
				c.edge(t, "time_to_value_mid_market", "60", "within benchmark", "within benchmark", "slower than benchmark")
				c.edge(t, "time_to_value_enterprise", "120", "within benchmark", "within benchmark", "slower than benchmark")
			}},
		{section: "Skor Penglibatan", item: "engagement score: response to CS, meeting attendance, email opens, feature requests, community", owner: "health", kind: kindDefined},
		// §Metrik Retention dan Churn
		{section: "Kadar Churn Mengikut Kohort", item: "churn by acquisition cohort (Q4 2024 cohort at 15%, Q1 2026 at 8%)", owner: "cohort", kind: kindDefined},
		{section: "Kadar Churn Mengikut Segmen", item: "churn by size, industry, source and ACV band (SMB 30% vs enterprise 5%)", owner: "cohort", kind: kindDefined},
		// §Sebab Untuk Churn: 40 / 20 / 15 / 10 / 10 / 5.
		{section: "Sebab Untuk Churn", item: "reasons: product fit 40%, price 20%, adoption failure 15%, competition 10%, business closure 10%, other 5%", ids: []string{"churn_reason_shares"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				got, err := metrics.ChurnReasonShares(map[string]int64{"product fit": 40, "price": 20, "adoption failure": 15, "competition": 10, "business closure": 10, "other": 5})
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]string{"product fit": "40", "price": "20", "adoption failure": "15", "competition": "10", "business closure": "10", "other": "5"}
				var sum metrics.Ratio
				for _, r := range got {
					eqRatio(t, r.Reason, r.Share, nil, pct(t, want[r.Reason]))
					sum = sum.Add(r.Share)
				}
				eqRatio(t, "sum", sum, nil, metrics.RatioFromInt(1))
			}},
		{section: "Kiraan Pelanggan Berisiko", item: "at-risk customers, ARR at risk, time to renewal of at-risk accounts", owner: "health", kind: kindDefined},
		// §Kadar Selamat: formula and bands.
		{section: "Kadar Selamat", item: "save rate = at-risk customers retained ÷ all at-risk customers × 100", ids: []string{"save_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.SaveRate(11, 20)
				eqRatio(t, "save rate", v, err, pct(t, "55"))
				c.band(t, "save_rate", v, "typical")
			}},
		{section: "Kadar Selamat", item: "bands: 50–60% typical (30–60 days' notice), 70–80% excellent (90+ days), <40% too late", ids: []string{"save_rate"}, kind: kindDefined,
			note: "the gaps 40–50% and 60–70% are classified in the band notes",
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "save_rate", "40", "too late", "below typical", "below typical")
				c.edge(t, "save_rate", "50", "below typical", "typical", "typical")
				c.edge(t, "save_rate", "70", "typical", "excellent", "excellent")
				c.status(t, "save_rate", pct(t, "35"), metrics.StatusRed) // not "excellent"
			}},
		// §Kadar Pengembangan
		{section: "Kadar Pengembangan", item: "expansion rate = customers with expansion ÷ eligible customers × 100; 25–35% best, 15–25% good, 10–15% acceptable (a year)", ids: []string{"customer_expansion_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.CustomerExpansionRate(45, 200)
				eqRatio(t, "expansion rate", v, err, pct(t, "22.5"))
				c.band(t, "customer_expansion_rate", v, "good")
				c.edge(t, "customer_expansion_rate", "10", "below acceptable", "acceptable", "acceptable")
				c.edge(t, "customer_expansion_rate", "15", "acceptable", "good", "good")
				c.edge(t, "customer_expansion_rate", "25", "good", "best-in-class", "best-in-class")
			}},
		// §Pertumbuhan ACV: "($42K - $35K) / $35K = 20%"
		{section: "Pertumbuhan Average Contract Value (ACV)", item: "ACV growth = (current − previous average ACV) ÷ previous; $35K → $42K is 20%", ids: []string{"acv_growth"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.ACVGrowth(metrics.Periods{Previous: usd(t, "35000"), Current: usd(t, "42000")})
				eqRatio(t, "ACV growth", v, err, pct(t, "20"))
			}},
		{section: "Pipeline Pengembangan", item: "expansion pipeline: value, count, average deal, close rate, time to close", owner: "forecast", kind: kindDefined},
		// §Kecekapan Land and Expand: value at 24 months ÷ initial; 2–3× excellent,
		// 1.5–2× good, <1.2× weak.
		{section: "Kecekapan Land and Expand", item: "value at 24 months ÷ initial value; 2–3× excellent, 1.5–2× good, <1.2× weak", ids: []string{"land_and_expand_ratio"}, owner: "cohort", kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.status(t, "land_and_expand_ratio", rat(t, "2"), metrics.StatusGreen)
				c.status(t, "land_and_expand_ratio", rat(t, "1.5"), metrics.StatusGreen)
				c.status(t, "land_and_expand_ratio", rat(t, "1.19"), metrics.StatusRed)
			}},
		// §Produktiviti CSM
		{section: "Produktiviti CSM", item: "accounts per CSM (by segment), ARR per CSM, expansion revenue per CSM, renewal rate per CSM", ids: []string{"accounts_per_csm", "arr_per_csm", "expansion_per_csm", "renewal_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.ExpansionPerCSM(usd(t, "600000"), 4)
				eqMoney(t, "expansion per CSM", v, err, usd(t, "150000"))
			}},
		{section: "Produktiviti CSM", item: "customer health improvement rate", owner: "health", kind: kindDefined},
		{section: "Produktiviti CSM", item: "ARR per CSM: enterprise $1.5M–$3M, mid-market $2M–$5M, SMB $3M–$10M+; a $1.2M enterprise book is not green", ids: []string{"arr_per_csm_enterprise", "arr_per_csm_mid_market", "arr_per_csm_smb"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "arr_per_csm_enterprise", "1500000", "below benchmark", "benchmark", "benchmark")
				c.edge(t, "arr_per_csm_enterprise", "3000000", "benchmark", "benchmark", "overloaded")
				c.edge(t, "arr_per_csm_mid_market", "2000000", "below benchmark", "benchmark", "benchmark")
				c.edge(t, "arr_per_csm_mid_market", "5000000", "benchmark", "benchmark", "overloaded")
				c.edge(t, "arr_per_csm_smb", "3000000", "below benchmark", "benchmark", "benchmark")
				c.is(t, "arr_per_csm_smb", "12000000", "benchmark") // "$10M+"
				book, err := metrics.ARRPerCSM(usd(t, "6000000"), 5)
				eqMoney(t, "enterprise book", book, err, usd(t, "1200000"))
				if s, err := c.def(t, "arr_per_csm_enterprise").Status(book); err != nil || s == metrics.StatusGreen {
					t.Errorf("a $1.2M enterprise book is %s (%v); want not green", s, err)
				}
			}},
		// §Penggunaan Kapasiti CSM: "70%+ masa pada aktiviti proaktif, kurang daripada 30%
		// pada firefighting reaktif"
		{section: "Penggunaan Kapasiti CSM", item: "70%+ of CSM time on proactive work, under 30% reactive", ids: []string{"proactive_time_share"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "proactive_time_share", "70", "reactive", "on target", "on target")
				v, err := metrics.ProactiveTimeShare(num(t, "28"), num(t, "40"))
				eqRatio(t, "proactive", v, err, pct(t, "70"))
			}},
		{section: "Penggunaan Kapasiti CSM", item: "share of the book in green, yellow and red health", owner: "health", kind: kindDefined},
		{section: "Penggunaan Kapasiti CSM", item: "accounts per CSM against target capacity", ids: []string{"accounts_per_csm"}, kind: kindCapability,
			note: "accounts per CSM compared with the caller's target capacity (no target is given)"},
		// §Peruntukan Masa Mengikut Aktiviti
		{section: "Peruntukan Masa Mengikut Aktiviti", item: "target time: onboarding 20–30%, adoption 20–25%, reviews 15–20%, expansion 10–15%, renewals 10–15%, at-risk 5–10%, admin <10%",
			ids: []string{"csm_time_onboarding", "csm_time_adoption", "csm_time_business_reviews", "csm_time_expansion", "csm_time_renewals", "csm_time_at_risk", "csm_time_admin"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				for _, e := range []struct {
					id     string
					lo, hi string
				}{{"csm_time_onboarding", "20", "30"}, {"csm_time_adoption", "20", "25"}, {"csm_time_business_reviews", "15", "20"}, {"csm_time_expansion", "10", "15"}, {"csm_time_renewals", "10", "15"}, {"csm_time_at_risk", "5", "10"}} {
					c.edge(t, e.id, e.lo, "below target", "on target", "on target")
					c.edge(t, e.id, e.hi, "on target", "on target", "above target")
				}
				c.edge(t, "csm_time_admin", "10", "on target", "above target", "above target")
				// "Jika kerja pentadbiran memakan 30% masa CSM": 12 of 40 hours.
				v, err := metrics.TimeShare(num(t, "12"), num(t, "40"))
				eqRatio(t, "admin", v, err, pct(t, "30"))
				c.band(t, "csm_time_admin", v, "above target")
			}},
		// §Masa Respons dan Penyelesaian
		{section: "Masa Respons dan Penyelesaian", item: "first response <4 business hours, resolution <24 h for standard issues, escalation <10% of tickets, reopen rate",
			ids: []string{"first_response_time", "resolution_time", "escalation_rate", "reopen_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "first_response_time", "4", "on target", "slow", "slow")
				c.edge(t, "resolution_time", "24", "on target", "slow", "slow")
				c.edge(t, "escalation_rate", "10", "on target", "high", "high")
				v, err := metrics.FirstResponseTimeHours([]time.Duration{2 * time.Hour, 5 * time.Hour})
				eqQuantity(t, "first response", v, err, "3.5")
				e, err := metrics.EscalationRate(9, 100)
				eqRatio(t, "escalation", e, err, pct(t, "9"))
			}},
		// §Net Promoter Score
		{section: "Net Promoter Score (NPS)", item: "0–10 scale; promoters 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors", ids: []string{"nps"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.NPSFromCounts(metrics.NPSCounts{Promoters: 60, Passives: 25, Detractors: 15})
				eqQuantity(t, "NPS", v, err, "45")
			}},
		{section: "Net Promoter Score (NPS)", item: "B2B SaaS bands: 50–70 best in class, 30–50 good, 10–30 acceptable, <10 weak", ids: []string{"nps"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "nps", "10", "weak", "acceptable", "acceptable")
				c.edge(t, "nps", "30", "acceptable", "good", "good")
				c.edge(t, "nps", "50", "good", "best-in-class", "best-in-class")
				c.is(t, "nps", "70", "best-in-class")
			}},
		// §Customer Satisfaction: 1–5 or 1–10; 4.5+ / 9+ excellent, 4.0–4.5 / 8–9 good,
		// <4.0 / <8 weak.
		{section: "Customer Satisfaction (CSAT)", item: "CSAT on 1–5 or 1–10 after an interaction: 4.5+/5 or 9+/10 excellent, 4.0–4.5 or 8–9 good, below weak", ids: []string{"csat_average_5", "csat_average_10"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "csat_average_5", "4.0", "weak", "good", "good")
				c.edge(t, "csat_average_5", "4.5", "good", "excellent", "excellent")
				c.edge(t, "csat_average_10", "8", "weak", "good", "good")
				c.edge(t, "csat_average_10", "9", "good", "excellent", "excellent")
				v, err := metrics.CSATAverage([]int{5, 4, 5, 4}, metrics.CSATScale5)
				eqQuantity(t, "CSAT", v, err, "4.5")
				c.band(t, "csat_average_5", v, "excellent")
			}},
		// §Customer Effort Score: 1–7, low is easy; target below 2.0.
		{section: "Customer Effort Score (CES)", item: "CES on 1–7 (low = easy); target below 2.0", ids: []string{"ces"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "ces", "2", "low effort", "effortful", "effortful")
				v, err := metrics.CESAverage([]int{1, 2, 2, 1})
				eqQuantity(t, "CES", v, err, "1.5")
			}},
		// §Rangka Metrik: the three dashboards and their cadences.
		{section: "Dashboard Eksekutif (Bulanan)", item: "monthly: NRR, GRR, logo churn, LTV, NPS", ids: []string{"nrr", "grr", "logo_churn_rate", "ltv", "nps"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.cadences(t, metrics.CadenceMonthly, "nrr", "grr", "logo_churn_rate", "ltv", "nps")
			}},
		{section: "Dashboard Kepimpinan CS (Mingguan)", item: "weekly: CSM capacity utilisation", ids: []string{"proactive_time_share", "accounts_per_csm"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.cadences(t, metrics.CadenceWeekly, "proactive_time_share", "accounts_per_csm", "csm_time_onboarding")
			}},
		{section: "Dashboard Kepimpinan CS (Mingguan)", item: "weekly: health distribution, at-risk count and ARR, renewal forecast", owner: "health", kind: kindDefined},
		{section: "Dashboard Kepimpinan CS (Mingguan)", item: "weekly: expansion pipeline", owner: "forecast", kind: kindDefined},
		{section: "Dashboard Individu CSM (Harian)", item: "daily: my accounts by health, action items, renewals in the next 90 days", owner: "health", kind: kindDefined},
		{section: "Dashboard Individu CSM (Harian)", item: "daily: support tickets needing attention", ids: []string{"first_response_time", "escalation_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.cadences(t, metrics.CadenceDaily, "first_response_time", "escalation_rate")
			}},
		// §Indikator Utama vs Ketinggalan
		{section: "Indikator Utama vs Ketinggalan", item: "lagging: churn rate, NRR/GRR, renewal rate, NPS", ids: []string{"logo_churn_rate", "nrr", "grr", "renewal_rate", "nps"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.signals(t, metrics.SignalLagging, "logo_churn_rate", "nrr", "grr", "renewal_rate", "nps")
			}},
		{section: "Indikator Utama vs Ketinggalan", item: "leading: usage decline, time-to-value delay, support ticket spike", ids: []string{"stickiness", "weekly_active_seat_share", "time_to_value_days", "first_response_time"}, kind: kindDefined,
			note: "health-score trend and engagement decline are package health's",
			check: func(t *testing.T, c seedCtx) {
				c.signals(t, metrics.SignalLeading, "stickiness", "weekly_active_seat_share", "time_to_value_days", "first_response_time")
			}},
		{section: "Indikator Utama vs Ketinggalan", item: "leading: health-score trend and engagement decline", owner: "health", kind: kindDefined},
		// §Perangkap Metrik Biasa
		{section: "Perangkap Metrik Biasa", item: "\"95% satisfaction!\" with 25% annual churn", ids: []string{"csat", "annual_logo_churn_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.band(t, "csat", pct(t, "95"), "excellent")
				c.band(t, "annual_logo_churn_rate", pct(t, "25"), "critical")
			}},
		{section: "Perangkap Metrik Biasa", item: "overall churn of 15% hides enterprise churn of 5% and SMB churn of 35%", ids: []string{"annual_logo_churn_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.is(t, "annual_logo_churn_rate", "15", "warning")
				c.is(t, "annual_logo_churn_rate", "5", "good")
				c.is(t, "annual_logo_churn_rate", "35", "critical")
				// 300 enterprise customers losing 15 (5%) and 100 SMB losing 35 (35%):
				// 50 of 400 overall is 12.5%, an acceptable number over a critical segment.
				all, err := metrics.LogoChurnRate(metrics.Customers{Start: 400, Churned: 50})
				eqRatio(t, "overall", all, err, pct(t, "12.5"))
				c.band(t, "annual_logo_churn_rate", all, "acceptable")
			}},
		// §Kesimpulannya: "95%+ GRR dan 120%+ NRR"
		{section: "Kesimpulannya", item: "a predictable retention engine: 95%+ GRR and 120%+ NRR", ids: []string{"grr", "nrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.is(t, "grr", "95", "best-in-class")
				c.is(t, "nrr", "120", "best-in-class")
			}},
	}
}
