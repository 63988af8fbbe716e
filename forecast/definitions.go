package forecast

import (
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Sources of the roll-up definitions.
const (
	sourceCategories = "seeds/000_47655b065fd9dd72.txt §Kategori Ramalan (komitmen 90%+, kemungkinan 50%, saluran < 50%); Salesforce Object Reference, OpportunityStage and Opportunity field ForecastCategoryName (API values Pipeline, BestCase, MostLikely, Forecast shown as Commit, Closed, Omitted; the category is set per stage)"
	sourceRollups    = "Salesforce Object Reference, ForecastingSubmissionItem (CommitForecast = Commit + Closed; MostLikelyForecast = MostLikely + Commit + Closed; BestCaseForecast = BestCase + MostLikely + Commit + Closed; OpenPipeline = Pipeline + BestCase + MostLikely + Commit); seeds/000_47655b065fd9dd72.txt §Pengesanan Ramalan vs Sebenar"
	sourceExpansion  = "seeds/004_9a66e740fba960a2.txt §Pipeline Pengembangan (total expansion pipeline value, count, average size, close rate, time to close)"
	sourceAging      = "seeds/000_47655b065fd9dd72.txt §Saluran mengikut Peringkat (aging indicators for stale opportunities)"
	sourceActivities = "seeds/000_47655b065fd9dd72.txt §Metrik Aktiviti (calls, meetings, emails, proposals, demos: leading indicators)"
	sourceWeighted   = "the library's definition (no public page is cited for it): each open opportunity's amount times its stage's probability, from the caller's stage map, since CRMs' default stage probabilities differ; seeds/000_47655b065fd9dd72.txt §Kategori Ramalan (confidence per forecast category)"
	ownerSales       = "owner: seeds/000_47655b065fd9dd72.txt §Dashboard Kepemimpinan Hasil (the VP Sales among the revenue leaders who need pipeline health, team performance and forecast accuracy) and §Dashboard Jabatan (sales needs pipeline by stage, deal velocity and quota attainment)"
	ownerCRO         = "owner: seeds/000_47655b065fd9dd72.txt §Kapasiti Pasukan Hasil (revenue leadership judges whether team size matches the target); the CRO, first of §Dashboard Kepemimpinan Hasil's revenue leaders, is the library's choice"
	ownerCS          = "owner: seeds/004_9a66e740fba960a2.txt §Dashboard Kepimpinan CS (expansion pipeline) and §Pergerakan MRR (CS maximises expansion)"
	sourceCadence    = "seeds/000_47655b065fd9dd72.txt §Kekerapan Penyegaran (real time for operational dashboards such as pipeline, hourly for management, daily for executive: daily is the dictionary's finest cadence)"
	coverageDiffers  = "The seed gives 3–5x as what most SaaS companies need and no upper limit, so 5x itself is healthy and above 5x is green (\"ample\"), not a warning: the coverage a team needs is about 1 ÷ its win rate (implied_coverage), which is above 5x for win rates below 20%. Version 1 of pipeline_coverage divided by the remaining target (now remaining_pipeline_coverage) and, after pulserevops, showed ≥5x as yellow \"bloated\" and 2.5–3x as \"thin\"; the seed draws no such edges. Judge a large pipeline's quality by win rate and aging instead."
)

// coverageBands are our source's coverage bands: 3–5x is what most SaaS
// companies need (seeds/000 §Metrik Saluran), both ends inclusive.
func coverageBands() []metrics.Band {
	return []metrics.Band{
		{Name: "insufficient", Status: metrics.StatusRed, Note: "below 3x"},
		{Name: "healthy", From: decimal.New(3, 0), Status: metrics.StatusGreen, Note: "3–5x (most SaaS companies need 3-5x)"},
		{Name: "ample", From: decimal.New(5, 0), Exclusive: true, Status: metrics.StatusGreen, Note: "above 5x: more than most need; needed below a 20% win rate"},
	}
}

// Definitions returns the dictionary entries of package forecast: forecast
// categories and roll-ups, pipeline metrics, forecast accuracy and capacity.
// Each call returns new copies.
func Definitions() []metrics.Definition {
	const cat = metrics.CategoryFunnel
	const vpSales = "VP Sales"
	lead := []metrics.Audience{metrics.AudienceLeadership}
	leadDept := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment}
	leadFront := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceFrontline}
	dept := []metrics.Audience{metrics.AudienceDepartment, metrics.AudienceFrontline}
	money := func(id, name, formula, fn, source string, signal metrics.Signal) metrics.Definition {
		return metrics.Definition{
			ID: id, Name: name, Category: cat, Formula: formula, Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter,
			Audiences: []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment, metrics.AudienceFrontline},
			Signal:    signal, Owner: vpSales, Cadence: metrics.CadenceDaily, Source: source, Version: 1, Func: fn,
		}
	}
	ratio := func(id, name, formula, display, fn, source string, dir metrics.Direction, signal metrics.Signal, aud []metrics.Audience) metrics.Definition {
		return metrics.Definition{
			ID: id, Name: name, Category: cat, Formula: formula, Unit: metrics.UnitRatio, Display: display, Direction: dir,
			Audiences: aud, Signal: signal, Owner: vpSales, Cadence: metrics.CadenceDaily, Source: source, Version: 1, Func: fn,
		}
	}
	defs := []metrics.Definition{
		{
			ID: "forecast_category", Name: "Forecast category by probability", Category: cat,
			Formula: "won: Closed; lost: Omitted; open: manual override, else the stage's category, else by probability: Commit ≥ 90%, Best Case ≥ 50%, Pipeline below",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Bands: []metrics.Band{
				{Name: "Pipeline", Status: metrics.StatusRed, Note: "< 50% confidence"},
				{Name: "Best Case", From: decimal.New(5, -1), Status: metrics.StatusYellow, Note: "50% (kemungkinan: probable)"},
				{Name: "Commit", From: decimal.New(9, -1), Status: metrics.StatusGreen, Note: "90%+"},
			},
			Audiences: dept, Signal: metrics.SignalLeading, Owner: vpSales, Cadence: metrics.CadenceDaily,
			Source:  sourceCategories,
			Differs: "The seed's bands are the fallback, not the rule: Salesforce sets the category per stage (a stage at 50% may sit in Pipeline), so a stage's category comes first and a manual override before it. The seed's 'probable (50%)' is Salesforce's Best Case; Most Likely comes only from a stage, an override or an added threshold.",
			Version: 1, Func: "forecast.Policy.Categorize",
		},
		money("commit_forecast", "Commit forecast", "Commit + Closed", "forecast.Totals.CommitForecast", sourceRollups, metrics.SignalLeading),
		money("most_likely_forecast", "Most-likely forecast", "Most Likely + Commit + Closed", "forecast.Totals.MostLikelyForecast", sourceRollups, metrics.SignalLeading),
		money("best_case_forecast", "Best-case forecast", "Best Case + Most Likely + Commit + Closed", "forecast.Totals.BestCaseForecast", sourceRollups, metrics.SignalLeading),
		money("open_pipeline", "Open pipeline", "Pipeline + Best Case + Most Likely + Commit (open, not omitted)", "forecast.Totals.OpenPipeline", sourceRollups, metrics.SignalLeading),
		money("weighted_pipeline", "Weighted pipeline", "Σ amount × probability over open opportunities not omitted; exact, rounded once", "forecast.Totals.WeightedPipeline", sourceWeighted, metrics.SignalLeading),
		{
			ID: "expansion_pipeline", Name: "Expansion pipeline", Category: cat,
			Formula: "open pipeline of expansion opportunities (with their count, average won deal, win rate and cycle)",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter, Audiences: leadDept, Signal: metrics.SignalLeading,
			Owner: "VP Customer Success", Cadence: metrics.CadenceDaily, Source: sourceExpansion, Version: 1, Func: "forecast.Rollup.Expansion",
		},
		{
			ID: "pipeline_coverage", Name: "Pipeline coverage of target", Category: cat,
			Formula: "pipeline ÷ target for the period",
			Unit:    metrics.UnitRatio, Display: "multiple", Direction: metrics.HigherIsBetter, Bands: coverageBands(),
			Audiences: leadFront, Signal: metrics.SignalLeading, Owner: vpSales, Cadence: metrics.CadenceDaily,
			Source: sourceSeedPipeline, Differs: coverageDiffers, Version: 2, Func: "forecast.PipelineCoverage",
		},
		{
			ID: "remaining_pipeline_coverage", Name: "Pipeline coverage of remaining target", Category: cat,
			Formula: "open pipeline ÷ (target − closed)",
			Unit:    metrics.UnitRatio, Display: "multiple", Direction: metrics.HigherIsBetter, Bands: coverageBands(),
			Audiences: leadFront, Signal: metrics.SignalLeading, Owner: vpSales, Cadence: metrics.CadenceDaily,
			Source: sourceRemaining, Differs: coverageDiffers, Version: 1, Func: "forecast.RemainingCoverage",
		},
		ratio("implied_coverage", "Coverage implied by win rate", "1 ÷ win rate", "multiple", "forecast.ImpliedCoverage", sourceImplied, metrics.LowerIsBetter, metrics.SignalLagging, leadFront),
		ratio("win_rate", "Win rate", "won ÷ (won + lost); closed deals only", "percent", "forecast.WinRate", sourceWinRate, metrics.HigherIsBetter, metrics.SignalLagging, leadFront),
		{
			ID: "average_deal", Name: "Average deal size", Category: cat,
			Formula: "won amount ÷ won deals",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter, Audiences: leadDept, Signal: metrics.SignalLagging,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceExpansion + "; " + sourceVelocity, Version: 1, Func: "forecast.Totals.AverageDeal",
		},
		{
			ID: "pipeline_velocity", Name: "Pipeline velocity", Category: cat,
			Formula: "(opportunities × average deal size × win rate) ÷ sales cycle days; money per day",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter, Audiences: leadDept, Signal: metrics.SignalLeading,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceVelocity, Version: 1, Func: "forecast.PipelineVelocity",
		},
		{
			ID: "sales_cycle", Name: "Average sales cycle", Category: cat,
			Formula: "mean of (closed − created) over won deals, in 24-hour days",
			Unit:    metrics.UnitDays, Direction: metrics.LowerIsBetter, Audiences: leadDept, Signal: metrics.SignalLagging,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceIndustry + "; seeds/000_47655b065fd9dd72.txt §Arah Aliran Kitaran Jualan (trend over time, by segment)",
			Differs: "Totals.AverageCycleDays counts calendar days between the created and close dates (a CRM's dates), AverageSalesCycleDays 24-hour days of durations: the same when the times are midnight.",
			Version: 1, Func: "forecast.AverageSalesCycleDays",
		},
		ratio("quota_attainment", "Quota attainment", "achieved ÷ quota", "percent", "forecast.QuotaAttainment", sourceIndustry+"; seeds/000_47655b065fd9dd72.txt §Pencapaian Kuota and §Kedudukan Prestasi Wakil (quota attainment per rep)", metrics.HigherIsBetter, metrics.SignalLagging, leadFront),
		ratio("quota_pacing", "Quota pacing", "(achieved ÷ quota) ÷ elapsed share of the period", "percent", "forecast.QuotaPacing", sourcePacing, metrics.HigherIsBetter, metrics.SignalLeading, leadFront),
		{
			ID: "forecast_accuracy", Name: "Forecast accuracy", Category: cat,
			Formula: "1 − |actual − forecast| ÷ actual; not clamped; undefined when actual = 0",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter,
			Bands: []metrics.Band{
				{Name: "weak", Status: metrics.StatusYellow, Note: "<80%"},
				{Name: "good", From: decimal.New(8, -1), Status: metrics.StatusGreen, Note: "80–90%"},
				{Name: "excellent", From: decimal.New(9, -1), Status: metrics.StatusGreen, Note: "≥90%"},
			},
			Audiences: []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership}, Signal: metrics.SignalLagging,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceAccuracy, Version: 1, Func: "forecast.ForecastAccuracy",
		},
		ratio("forecast_wape", "Forecast WAPE", "Σ |actual − forecast| ÷ Σ actual", "percent", "forecast.WAPE", sourceWAPE, metrics.LowerIsBetter, metrics.SignalLagging, leadDept),
		{
			ID: "forecast_bias", Name: "Forecast bias", Category: cat,
			Formula: "Σ (forecast − actual) ÷ Σ actual; above 0 forecasts ran high",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: leadDept, Signal: metrics.SignalLagging,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceBias,
			Differs: "The aim is 0 (neither high nor low); the direction reads the bias's magnitude.",
			Version: 1, Func: "forecast.Bias",
		},
		{
			ID: "team_capacity", Name: "Sales team capacity", Category: cat,
			Formula: "reps × quota per rep × expected attainment of a ramped rep × average ramp share",
			Unit:    metrics.UnitMoney, Direction: metrics.HigherIsBetter, Audiences: lead, Signal: metrics.SignalLeading,
			Owner: "CRO", Cadence: metrics.CadenceDaily, Source: sourceCapacity, Version: 1, Func: "forecast.TeamCapacity",
		},
		{
			ID: "capacity_gap", Name: "Capacity gap to target", Category: cat,
			Formula: "target − capacity; negative is a surplus",
			Unit:    metrics.UnitMoney, Direction: metrics.LowerIsBetter, Audiences: lead, Signal: metrics.SignalLeading,
			Owner: "CRO", Cadence: metrics.CadenceDaily, Source: sourceCapacity, Version: 1, Func: "forecast.CapacityGap",
		},
		{
			ID: "days_in_stage", Name: "Days in stage (aging)", Category: cat,
			Formula: "calendar days since the last stage change of an open opportunity; stale from a chosen number of days",
			Unit:    metrics.UnitDays, Direction: metrics.LowerIsBetter, Audiences: dept, Signal: metrics.SignalLeading,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceAging, Version: 1, Func: "forecast.History.Aging",
		},
		{
			ID: "sales_activities", Name: "Sales activities per rep", Category: cat,
			Formula: "count of logged activities per rep and kind (calls, meetings, emails, proposals, demos) in a window",
			Unit:    metrics.UnitCount, Direction: metrics.HigherIsBetter, Audiences: dept, Signal: metrics.SignalLeading,
			Owner: vpSales, Cadence: metrics.CadenceDaily, Source: sourceActivities, Version: 1, Func: "forecast.CountActivities",
		},
	}
	owners := map[string]string{vpSales: ownerSales, "CRO": ownerCRO, "VP Customer Success": ownerCS}
	for i := range defs {
		defs[i].Source += "; " + owners[defs[i].Owner] + "; cadence: " + sourceCadence
	}
	return defs
}
