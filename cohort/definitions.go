package cohort

import (
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Sources of the cohort definitions: the seeds by file name and section,
// and the public pages found with the search tool.
const (
	seed000               = "seeds/000_47655b065fd9dd72.txt"
	seed003               = "seeds/003_e1aea96652a224fd.txt"
	seed004               = "seeds/004_9a66e740fba960a2.txt"
	sourceChartMogulNRR   = "ChartMogul, Cohort: Net MRR Retention (help.chartmogul.com/hc/en-us/articles/203359411-Cohort-Net-MRR-Retention): the cohort's MRR in each interval ÷ its new-business MRR, expansion and reactivation included"
	sourceChartMogulLogos = "ChartMogul, Cohort analysis (help.chartmogul.com/hc/en-us/articles/213789989-Cohort-analysis): customers who start their first subscription in the same interval; customer retention = customers still active ÷ cohort size"
	sourceKaplanMeier     = "Kaplan–Meier product-limit estimator: Kaplan & Meier (1958), Nonparametric estimation from incomplete observations, Journal of the American Statistical Association 53(282):457–481; S(t) = Π (1 − dᵢ/nᵢ), censored members at risk until their censoring time; the counts of the Python library lifelines' survival_table_from_events (removed, observed, censored, at risk)"
	sourceChartMogulChurn = "ChartMogul, Metric: Customer Churn rate (B2B formula): help.chartmogul.com/hc/en-us/articles/203359321-Metric-Customer-Churn-rate"
	// Where the owners and cadences come from (appended to Source by Definitions).
	ocExecutive  = "owner and cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (NRR, GRR and logo churn reviewed monthly) and §Pergerakan MRR (CS owns churn, contraction and expansion)"
	ocLTV        = "cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (customer lifetime value monthly); owner the library's choice"
	ocACV        = "owner and cadence: " + seed004 + " §Metrik Pertumbuhan (CS growth metrics; ACV growth year over year)"
	ocLand       = "owner: " + seed004 + " §Metrik Pertumbuhan (land-and-expand efficiency is a CS growth metric); cadence the library's choice (quarterly: the ratio is read at 24 months and moves slowly)"
	ocSurvival   = "owner: " + seed004 + " §Pergerakan MRR (CS owns churn); cadence the library's choice"
	ocTTV        = "owner: " + seed004 + " §Hierarki Metrik (time to value is a CS-leadership operational metric); cadence the library's choice (monthly, as time_to_value_days)"
	noteAtTwelve = "the bands are the seed's annual figures, read at the 12-month period (period 12 of monthly cohorts, 4 of quarterly, 1 of yearly); earlier periods have no published bands"
)

// pct returns p% as a fraction, for band bounds.
func pct(p int64) decimal.Decimal { return decimal.New(p, -2) }

// Definitions returns the dictionary entries of package cohort (new copies
// on each call; package catalog assembles the complete dictionary).
func Definitions() []metrics.Definition {
	board := []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership}
	cs := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment}
	const vpcs = "VP Customer Success"
	landBands := func() []metrics.Band {
		return []metrics.Band{
			{Name: "weak", Status: metrics.StatusRed, Note: "<1.2x"},
			{Name: "acceptable", From: decimal.New(12, -1), Status: metrics.StatusYellow, Note: "1.2–1.5x (not classified by the seed)"},
			{Name: "good", From: decimal.New(15, -1), Status: metrics.StatusGreen, Note: "1.5–2x"},
			{Name: "excellent", From: decimal.New(2, 0), Status: metrics.StatusGreen, Note: "2–3x by year 2"},
		}
	}
	const landDiffers = "seeds/004 leaves 1.2–1.5x unclassified (weak is below 1.2x, good starts at 1.5x); bands must cover every value, so the gap is its own yellow band, acceptable: above weak, short of the seed's good. Above 3x stays excellent (the seed's 2–3x is the range it expects by year 2, not a ceiling; pulserevops.com/knowledge/q10836 reports 3–10x for top performers)"
	defs := []metrics.Definition{
		{
			ID: "cohort_nrr", Name: "Cohort net revenue retention", Category: metrics.CategoryRetention,
			Formula: "Σ MRR of the cohort's members at period p ÷ Σ their MRR in their first paid month; expansion and reactivation included",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Bands: []metrics.Band{
				{Name: "critical", Status: metrics.StatusRed, Note: "<90%"},
				{Name: "warning", From: pct(90), Status: metrics.StatusYellow, Note: "90–100%"},
				{Name: "acceptable", From: pct(100), Status: metrics.StatusYellow, Note: "100–110%"},
				{Name: "good", From: pct(110), Status: metrics.StatusGreen, Note: "110–120%"},
				{Name: "best-in-class", From: pct(120), Status: metrics.StatusGreen, Note: "120–140%"},
			},
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  sourceChartMogulNRR + "; " + seed000 + " §Net Revenue Retention (a cohort's ARR one year later ÷ its starting ARR) and §NRR and GRR trends (retention by cohort over time); " + seed004 + " §Net Revenue Retention (NRR) (bands; $10M + $1.5M − $800K − $200K = 105%)",
			Differs: noteAtTwelve + "; the base is each member's first paid month (ChartMogul's cohort value), so a cell compares the same customers with themselves, and reactivation raises it (ReactivationExcluded leaves it out)",
			Version: 1, Func: "cohort.Cell.NRR",
		},
		{
			ID: "cohort_grr", Name: "Cohort gross revenue retention", Category: metrics.CategoryRetention,
			Formula: "Σ min(member's MRR at period p, its first-month MRR) ÷ Σ first-month MRR; in [0, 1] and never above cohort_nrr",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Bands: []metrics.Band{
				{Name: "critical", Status: metrics.StatusRed, Note: "<80%"},
				{Name: "warning", From: pct(80), Status: metrics.StatusYellow, Note: "80–85%"},
				{Name: "acceptable", From: pct(85), Status: metrics.StatusYellow, Note: "85–90%"},
				{Name: "good", From: pct(90), Status: metrics.StatusGreen, Note: "90–95%"},
				{Name: "best-in-class", From: pct(95), Status: metrics.StatusGreen, Note: "95–98%"},
			},
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  seed004 + " §Gross Revenue Retention (GRR) (bands; $10M − $800K − $200K = 91%); " + seed000 + " §Gross Revenue Retention (a cohort's ARR kept, expansion excluded)",
			Differs: noteAtTwelve + "; the seed subtracts the period's churn and contraction from the start; capping each member at its first-month MRR gives the same number over one step, and over several it counts a member who dipped and recovered as kept up to its base, where summed contraction would still count the dip",
			Version: 1, Func: "cohort.Cell.GRR",
		},
		{
			ID: "cohort_logo_retention", Name: "Cohort customer (logo) retention", Category: metrics.CategoryRetention,
			Formula: "members active at period p ÷ members observed at period p (the cohort size unless the cell is partial)",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  sourceChartMogulLogos + "; " + seed003 + " §2 (customer churn; seasonality seen through user cohorts)",
			Differs: "no bands: see cohort_churn_rate (1 − this) for the annual ones; the reactivation rule decides whether a returning customer is active again (Options.Reactivation)",
			Version: 1, Func: "cohort.Cell.LogoRetention",
		},
		{
			ID: "cohort_churn_rate", Name: "Churn by acquisition cohort", Category: metrics.CategoryRetention,
			Formula: "(members observed − members active) at period p ÷ members observed: the share of the cohort lost by period p",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter,
			Bands: []metrics.Band{
				{Name: "best-in-class", Status: metrics.StatusGreen, Note: "<5%"},
				{Name: "good", From: pct(5), Status: metrics.StatusGreen, Note: "5–10%"},
				{Name: "acceptable", From: pct(10), Status: metrics.StatusYellow, Note: "10–15%"},
				{Name: "warning", From: pct(15), Status: metrics.StatusYellow, Note: "15–20%"},
				{Name: "critical", From: pct(20), Exclusive: true, Status: metrics.StatusRed, Note: ">20%"},
			},
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  seed004 + " §Churn Rate by Cohort (a Q4 2024 cohort churning 15% against a Q1 2026 cohort at 8%: onboarding or product improved) and §Logo Churn Rate (annual bands: <5%, 5–10%, 10–15%, 15–20%, >20%); §Churn Rate by Segment for drill-down by Options.Segment",
			Differs: noteAtTwelve + "; 20% itself is warning (the seed's 15–20%), critical is above it",
			Version: 1, Func: "cohort.Cell.ChurnRate",
		},
		{
			ID: "cohort_period_churn_rate", Name: "Cohort churn in one period", Category: metrics.CategoryRetention,
			Formula: "members active at period p − 1 and not at p ÷ members active at p − 1",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter,
			Audiences: cs, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  sourceChartMogulChurn + " (churned ÷ customers at the start of the period), applied to one cohort's periods since acquisition",
			Version: 1, Func: "cohort.Cell.PeriodChurnRate",
		},
		{
			ID: "cohort_ltv", Name: "Cohort LTV by period", Category: metrics.CategoryUnitEconomics,
			Formula: "Σ MRR of every month from each member's first paid month through period p ÷ members observed (cumulative revenue per original customer)",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: "CFO", Cadence: metrics.CadenceMonthly,
			Source:  seed000 + " §LTV (average revenue per customer × average lifetime; use a cohort-based calculation for accuracy); " + seed003 + " §3 (LTV = ARPA ÷ churn as a stopgap until enough data)",
			Differs: "realised revenue to date, not a forecast: it grows with the period and needs no churn rate; MRR stands for the month's revenue; no bands (seed 004's are for LTV:CAC)",
			Version: 1, Func: "cohort.Cell.LTV",
		},
		{
			ID: "land_and_expand_ratio", Name: "Land-and-expand efficiency", Category: metrics.CategoryRetention,
			Formula: "value later (at month 24) ÷ initial value",
			Unit:    metrics.UnitRatio, Display: "multiple", Direction: metrics.HigherIsBetter,
			Bands:     landBands(),
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceQuarterly,
			Source:  seed004 + " §Land and Expand Efficiency (average customer value at 24 months ÷ average at initial purchase; excellent 2–3x by year 2, good 1.5–2x, weak <1.2x)",
			Differs: landDiffers,
			Version: 2, Func: "cohort.LandAndExpandRatio",
		},
		{
			ID: "cohort_land_and_expand", Name: "Cohort land-and-expand", Category: metrics.CategoryRetention,
			Formula: "(cohort MRR at period p ÷ members active at p) ÷ (cohort first-month MRR ÷ members): average value of a customer still there over its average when it landed",
			Unit:    metrics.UnitRatio, Display: "multiple", Direction: metrics.HigherIsBetter,
			Bands:     landBands(),
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceQuarterly,
			Source:  seed004 + " §Land and Expand Efficiency (average customer value at 24 months ÷ average at initial purchase)",
			Differs: "read at 24 months (period 24 of monthly cohorts, 8 of quarterly, 2 of yearly); " + landDiffers,
			Version: 1, Func: "cohort.Cell.LandAndExpand",
		},
		{
			ID: "cohort_acv_growth", Name: "ACV growth between cohorts", Category: metrics.CategoryRevenue,
			Formula: "(later cohort's average first-month MRR − earlier cohort's) ÷ earlier cohort's",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceAnnually,
			Source:  seed004 + " §Average Contract Value (ACV) Growth ($35K last year, $42K this year: 20%; tells whether land-and-expand works)",
			Differs: "compares the landing contracts of two acquisition cohorts (first-month MRR × 12 ÷ members, the × 12 cancelling) where the seed compares the average ACV of two years; see acv_growth for contract values the caller supplies",
			Version: 1, Func: "cohort.Table.ACVGrowth",
		},
		{
			ID: "cohort_survival", Name: "Customer survival (Kaplan–Meier)", Category: metrics.CategoryRetention,
			Formula: "S(p) = Π over periods i ≤ p of (1 − members whose cohort life ends at i ÷ members at risk at i); members still active at the end of the data are censored, not churned",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: cs, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  sourceKaplanMeier,
			Differs: "under ReactivationCounts a member's life ends at its first churn (survival has no re-entry), so the curve can lie below the logo curve",
			Version: 1, Func: "cohort.Table.Survival",
		},
		{
			ID: "cohort_median_lifetime", Name: "Median customer lifetime", Category: metrics.CategoryRetention,
			Formula: "months until the Kaplan–Meier curve first falls to 50% or below",
			Unit:    metrics.UnitMonths, Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceQuarterly,
			Source:  sourceKaplanMeier + "; lifelines' median_survival_time_ (first time S ≤ 0.5); " + seed000 + " §LTV (average customer lifetime)",
			Differs: "undefined (an error, never a number) while survival stays above 50%; in whole periods of the table's grain",
			Version: 1, Func: "cohort.Survival.Median",
		},
		{
			ID: "time_to_value_median", Name: "Time to value by segment, median", Category: metrics.CategoryProduct,
			Formula: "median of (first measurable outcome − contract signature) over a segment's customers who reached value (even count: mean of the middle two), in days, rounded once to 12 places",
			Unit:    metrics.UnitDays, Direction: metrics.LowerIsBetter,
			Audiences: cs, Signal: metrics.SignalLeading, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  seed004 + " §Time to Value (TTV) (days from contract signature to the first measurable business outcome; each week of delay correlates with higher churn risk; typical ranges: product-led 1–7 days, SMB 7–30, mid-market 30–60, enterprise 60–120)",
			Differs: "no bands: the seed's ranges are per segment (a 45-day TTV is on track for mid-market and late for SMB), so compare each Options.Segment with its own range; customers who have not reached value are counted as pending, outside the median",
			Version: 1, Func: "cohort.TTV.Median",
		},
		{
			ID: "time_to_value_p90", Name: "Time to value by segment, 90th percentile", Category: metrics.CategoryProduct,
			Formula: "the smallest time to value at or below which 90% of a segment's customers who reached value did (nearest rank, no interpolation), in days, rounded once to 12 places",
			Unit:    metrics.UnitDays, Direction: metrics.LowerIsBetter,
			Audiences: cs, Signal: metrics.SignalLeading, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  seed004 + " §Time to Value (TTV)",
			Differs: "the seed gives no percentile; p90 shows the slow onboardings the median hides; no bands (per-segment ranges, as time_to_value_median)",
			Version: 1, Func: "cohort.TTV.P90",
		},
		{
			ID: "ledger_logo_retention", Name: "Customer (logo) retention of the start cohort, from the ledger", Category: metrics.CategoryRetention,
			Formula: "customers paying in the month before the span still paying in its last month ÷ customers paying in the month before the span",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  sourceChartMogulChurn + "; cohort follows ChartMogul NRR (new business and reactivation outside the cohort excluded)",
			Version: 1, Func: "cohort.Retention.LogoRetention",
		},
		{
			ID: "span_nrr", Name: "Net revenue retention of the start cohort", Category: metrics.CategoryRetention,
			Formula: "MRR in the span's last month of the customers paying in the month before the span ÷ their MRR then; returns included, new customers excluded",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  "ChartMogul, Net MRR Churn Rate and Net Revenue Retention (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate): new business and reactivation outside the cohort excluded; " + seed004 + " §Net Revenue Retention (NRR)",
			Differs: "over one month it equals nrr; over a span it follows the start cohort, which a span's summed movements cannot (they mix in the span's new customers)",
			Version: 1, Func: "cohort.Retention.NRR",
		},
		{
			ID: "span_grr", Name: "Gross revenue retention of the start cohort", Category: metrics.CategoryRetention,
			Formula: "Σ min(MRR in the span's last month, MRR in the month before the span) over the start cohort ÷ its MRR in the month before the span",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Audiences: board, Signal: metrics.SignalLagging, Owner: vpcs, Cadence: metrics.CadenceMonthly,
			Source:  "ChartMogul, Net MRR Churn Rate and Net Revenue Retention (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate): GRR = (start − contraction − churn) ÷ start; " + seed004 + " §Gross Revenue Retention (GRR)",
			Differs: "over one month it equals grr; over a span each customer is capped at its starting MRR",
			Version: 1, Func: "cohort.Retention.GRR",
		},
	}
	stewards := map[string]string{
		"cohort_nrr": ocExecutive, "cohort_grr": ocExecutive, "cohort_logo_retention": ocExecutive,
		"cohort_churn_rate": ocExecutive, "cohort_period_churn_rate": ocExecutive,
		"ledger_logo_retention": ocExecutive, "span_nrr": ocExecutive, "span_grr": ocExecutive,
		"cohort_ltv":            ocLTV,
		"land_and_expand_ratio": ocLand, "cohort_land_and_expand": ocLand,
		"cohort_acv_growth": ocACV,
		"cohort_survival":   ocSurvival, "cohort_median_lifetime": ocSurvival,
		"time_to_value_median": ocTTV, "time_to_value_p90": ocTTV,
	}
	for i := range defs {
		defs[i].Source += "; " + stewards[defs[i].ID]
	}
	return defs
}
