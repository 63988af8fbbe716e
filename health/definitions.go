package health

import (
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Sources of the definitions.
const (
	seed004Score    = "seeds/004_9a66e740fba960a2.txt §Skor Kesihatan (usage 40%, engagement 30%, support 15%, business outcomes 15%; green 80–100, yellow 50–79 at risk, red 0–49 critical)"
	seed004AtRisk   = "seeds/004_9a66e740fba960a2.txt §Kiraan Pelanggan Berisiko (at-risk customers, ARR at risk, time to renewal) and §Skor Kesihatan"
	seed004Leading  = "seeds/004_9a66e740fba960a2.txt §Indikator Utama vs Ketinggalan (health score trend, usage decline, engagement decline, time-to-value delay, support ticket spike) and §Penggunaan (DAU/MAU from 35% to 15% in two months)"
	seed000Dist     = "seeds/000_47655b065fd9dd72.txt §Pengagihan Kesihatan Pelanggan (percentage of ARR healthy, at risk and critical; ideal 70%+ healthy, 20% at risk, <10% critical)"
	seed003Events   = "seeds/003_e1aea96652a224fd.txt §6 Indice de la santé du client (key events, no more than 5)"
	sourceValidate  = "the library's definition (no public page is cited for it): a score is validated against renewal outcomes, by the churn rate of each band; seeds/004_9a66e740fba960a2.txt §Skor Kesihatan says what the bands should predict (red: high churn risk; green: healthy)"
	sourceAUC       = "Hanley & McNeil (1982), The meaning and use of the area under a receiver operating characteristic (ROC) curve, Radiology 143(1):29–36 (the AUC as the Wilcoxon rank statistic, ties counting one half)"
	sourceAUCBands  = "Hosmer & Lemeshow, Applied Logistic Regression, 2nd ed. (2000), §5.2.4: AUC 0.7–0.8 acceptable, 0.8–0.9 excellent, ≥0.9 outstanding discrimination"
	sourceYouden    = "Youden, Index for rating diagnostic tests, Cancer 3(1):32–35 (1950); seeds/004_9a66e740fba960a2.txt §Penggunaan (usage is the leading indicator of retention)"
	sourceGainsight = "weights normalised as in Gainsight scorecards (group score = Σ wᵢ·mᵢ ÷ Σ wᵢ; a vendor convention named without a page: no public page of it is cited)"
	sourceRenewal   = "seeds/004_9a66e740fba960a2.txt §Dashboard Individu CSM (upcoming renewals, next 90 days) and §Dashboard Kepimpinan CS (renewal forecast); seeds/000_47655b065fd9dd72.txt §Ramalan Churn (churn projected from the renewal pipeline and health scores)"

	ownerCS = "VP Customer Success"

	// Where the owners and cadences come from (appended to Source by Definitions).
	ocDaily      = "owner and cadence: seeds/004_9a66e740fba960a2.txt §Dashboard Individu CSM (Harian) (a CSM's accounts by health status, daily) and §Hierarki Metrik (health is a CS-leadership metric); seeds/000_47655b065fd9dd72.txt §Kekerapan Penyegaran (health scores refreshed in real time: daily is the dictionary's finest cadence)"
	ocWeekly     = "owner and cadence: seeds/004_9a66e740fba960a2.txt §Dashboard Kepimpinan CS (Mingguan) (health-score distribution, at-risk count and ARR, renewal forecast)"
	ocLeading    = "owner: seeds/004_9a66e740fba960a2.txt §Indikator Utama vs Ketinggalan (CS manages the business by these leading indicators); cadence: seeds/000_47655b065fd9dd72.txt §Kekerapan Penyegaran (health scores in real time: daily here) and §Dashboard Operasional Rep/Pengurus (CSMs follow their accounts' health trends)"
	ocValidation = "owner: seeds/004_9a66e740fba960a2.txt §Hierarki Metrik (health is a CS-leadership metric); cadence the library's choice (quarterly, so that enough renewals have an outcome; seeds/000_47655b065fd9dd72.txt §Audit Tetap audits the dashboards quarterly)"
	ocCoverage   = "owner and cadence: those of health_score, whose readings it measures (the library's choice)"

	differsAtRisk = "seeds/004 names the yellow band (50–79) at risk and the red band (0–49) critical, and counts as at-risk accounts the ones needing save plays, which it gives the red band; the library has one meaning: at risk is below green (yellow and red), reported with its critical (red) part"
	differsBands  = "seeds/004 writes the bands in whole points (80–100, 50–79, 0–49); here they are half-open (green ≥ 80, yellow ≥ 50, red below), so a score of 79.5 is yellow; " + differsAtRisk
)

// scoreBands are the default bands as dictionary bands.
func scoreBands() []metrics.Band {
	return []metrics.Band{
		{Name: "critical", Status: metrics.StatusRed, Note: "0–49: critical, high churn risk, save play needed"},
		{Name: "attention", From: decimal.New(50, 0), Status: metrics.StatusYellow, Note: "50–79: at risk, attention and intervention needed"},
		{Name: "healthy", From: decimal.New(80, 0), Status: metrics.StatusGreen, Note: "80–100: healthy, on track, ready to expand"},
	}
}

// Definitions returns the dictionary entries of the package's metrics; each
// call returns new copies. Package metrics/catalog gathers them into the
// complete dictionary.
func Definitions() []metrics.Definition {
	all := []metrics.Audience{metrics.AudienceBoard, metrics.AudienceLeadership, metrics.AudienceDepartment, metrics.AudienceFrontline}
	lead := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment}
	cs := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment, metrics.AudienceFrontline}
	pct := func(p int64) decimal.Decimal { return decimal.New(p, -2) }
	def := func(d metrics.Definition) metrics.Definition {
		d.Category = metrics.CategoryHealth
		if d.Owner == "" {
			d.Owner = ownerCS
		}
		if d.Version == 0 {
			d.Version = 1
		}
		return d
	}
	defs := []metrics.Definition{
		def(metrics.Definition{
			ID: idScore, Name: "Customer health score",
			Formula: "Σ component weight × component points, component points = Σ signal weight × normalised signal points (0–100); default usage 40%, engagement 30%, support 15%, business outcomes 15%",
			Unit:    metrics.UnitScore, Direction: metrics.HigherIsBetter, Bands: scoreBands(), Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed004Score + "; " + sourceGainsight,
			Differs: differsBands, Func: "health.Model.Score",
		}),
		def(metrics.Definition{
			ID: "health_event_index", Name: "Customer health index (key events)",
			Formula: "Σ points of the key events that occurred (of an event scored on its absence: that did not occur); at most five events, their points sum to 100",
			Unit:    metrics.UnitScore, Direction: metrics.HigherIsBetter, Bands: scoreBands(), Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed003Events, Differs: differsBands, Func: "health.NewEventModel",
		}),
		def(metrics.Definition{
			ID: "health_score_coverage", Name: "Health score coverage",
			Formula: "weight of the signals with a reading ÷ the model's total weight",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily,
			Source: "the library's definition (no public page is cited for it): reported so that a score computed over fewer signals is seen, since re-weighting over the signals present can raise a score while data goes missing (74 → 86 while coverage fell from 1.00 to 0.85 in one reported case)",
			Func:   "health.Result.Coverage",
		}),
		def(metrics.Definition{
			ID: idHealthy, Name: "Healthy share of accounts",
			Formula: "accounts with health ≥ 80 ÷ accounts",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: lead,
			Bands: []metrics.Band{
				{Name: "concerning", Status: metrics.StatusRed, Note: "<50% healthy"},
				{Name: "watch", From: pct(50), Status: metrics.StatusYellow, Note: "50–70% healthy"},
				{Name: "healthy book", From: pct(70), Status: metrics.StatusGreen, Note: "70%+ healthy"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed000Dist + "; seeds/004_9a66e740fba960a2.txt §Dashboard Kepimpinan CS (weekly)",
			Func: "health.Portfolio.Distribution",
		}),
		def(metrics.Definition{
			ID: "health_distribution_critical", Name: "Critical share of accounts",
			Formula: "accounts with health < 50 ÷ accounts",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: lead,
			Bands: []metrics.Band{
				{Name: "healthy book", Status: metrics.StatusGreen, Note: "<10% critical"},
				{Name: "watch", From: pct(10), Status: metrics.StatusYellow, Note: "10–20% critical"},
				{Name: "concerning", From: pct(20), Status: metrics.StatusRed, Note: "≥20% critical"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed000Dist, Func: "health.Portfolio.Distribution",
		}),
		def(metrics.Definition{
			ID: idHealthy + "_arr", Name: "Healthy share of ARR",
			Formula: "ARR of accounts with health ≥ 80 ÷ all ARR",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: all,
			Bands: []metrics.Band{
				{Name: "below target", Status: metrics.StatusYellow, Note: "<70% of ARR healthy"},
				{Name: "on target", From: pct(70), Status: metrics.StatusGreen, Note: "70%+ of ARR healthy"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed000Dist, Func: "health.Portfolio.Distribution",
		}),
		def(metrics.Definition{
			ID: "health_distribution_attention_arr", Name: "Yellow share of ARR",
			Formula: "ARR of accounts with 50 ≤ health < 80 ÷ all ARR (target about 20%)",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: lead,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed000Dist, Func: "health.Portfolio.Distribution",
			Differs: "seeds/000 calls this band at risk; at risk here is below green (this band and the critical one): see at_risk",
		}),
		def(metrics.Definition{
			ID: "health_distribution_critical_arr", Name: "Critical share of ARR",
			Formula: "ARR of accounts with health < 50 ÷ all ARR",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: all,
			Bands: []metrics.Band{
				{Name: "on target", Status: metrics.StatusGreen, Note: "<10% of ARR critical"},
				{Name: "above target", From: pct(10), Status: metrics.StatusRed, Note: "10%+ of ARR critical"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed000Dist, Func: "health.Portfolio.Distribution",
		}),
		def(metrics.Definition{
			ID: idAtRisk, Name: "At-risk ARR share",
			Formula: "ARR of accounts below green (health < 80: yellow and red) ÷ all ARR",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: all,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed004AtRisk, Differs: differsAtRisk,
			Version: 2, Func: "health.AtRiskSummary.ARRShare",
		}),
		def(metrics.Definition{
			ID: "at_risk_accounts", Name: "Accounts at risk",
			Formula: "accounts below green (health < 80: yellow and red), with the critical (red) ones among them",
			Unit:    metrics.UnitCount, Direction: metrics.LowerIsBetter, Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed004AtRisk, Differs: differsAtRisk,
			Func: "health.Portfolio.AtRisk",
		}),
		def(metrics.Definition{
			ID: "at_risk_arr", Name: "ARR at risk",
			Formula: "Σ ARR of accounts below green (health < 80: yellow and red)",
			Unit:    metrics.UnitMoney, Direction: metrics.LowerIsBetter, Audiences: all,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: seed004AtRisk, Differs: differsAtRisk,
			Func: "health.Portfolio.AtRisk",
		}),
		def(metrics.Definition{
			ID: idRenewal, Name: "Expected churned ARR of upcoming renewals",
			Formula: "Σ over accounts renewing within 90 days of ARR × churn risk of the account's band (supplied or calibrated); expected renewed ARR = ARR due − expected churned",
			Unit:    metrics.UnitMoney, Direction: metrics.LowerIsBetter, Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceWeekly, Source: sourceRenewal, Func: "health.Renewals",
		}),
		def(metrics.Definition{
			ID: idChurnByBand, Name: "Churn rate per health band",
			Formula: "accounts of the band that churned at renewal ÷ accounts scored in the band",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: lead,
			Signal: metrics.SignalLagging, Cadence: metrics.CadenceQuarterly, Source: sourceValidate, Func: "health.BandOutcomes.ChurnRate",
		}),
		def(metrics.Definition{
			ID: idAUC, Name: "Health score AUC (churn prediction)",
			Formula: "(pairs of a churned account scored below a retained one + ½ tied pairs) ÷ (churned × retained), from ranks",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: lead,
			Bands: []metrics.Band{
				{Name: "poor", Status: metrics.StatusRed, Note: "<0.7"},
				{Name: "acceptable", From: pct(70), Status: metrics.StatusYellow, Note: "0.7–0.8"},
				{Name: "excellent", From: pct(80), Status: metrics.StatusGreen, Note: "0.8–0.9"},
				{Name: "outstanding", From: pct(90), Status: metrics.StatusGreen, Note: "≥0.9"},
			},
			Signal: metrics.SignalLagging, Cadence: metrics.CadenceQuarterly, Source: sourceAUC + "; " + sourceAUCBands + "; " + sourceValidate, Func: "health.Calibration.AUC",
		}),
		def(metrics.Definition{
			ID: idLift, Name: "Churn lift of red over green",
			Formula: "churn rate of red accounts ÷ churn rate of green accounts",
			Unit:    metrics.UnitRatio, Display: "multiple", Direction: metrics.HigherIsBetter, Audiences: lead,
			Signal: metrics.SignalLagging, Cadence: metrics.CadenceQuarterly, Source: sourceValidate, Func: "health.Calibration.Lift",
		}),
		def(metrics.Definition{
			ID: idUsage, Name: "Usage threshold that predicts retention (Youden's J)",
			Formula: "max over usage levels u of (retained with usage ≥ u ÷ retained − churned with usage ≥ u ÷ churned); the threshold is the lowest u that reaches it",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: lead,
			Signal: metrics.SignalLagging, Cadence: metrics.CadenceQuarterly, Source: sourceYouden, Func: "health.Calibration.UsageThreshold",
		}),
		def(metrics.Definition{
			ID: idTrend, Name: "Health score change",
			Formula: "current score − previous score; arrow up, down or same; a decline when it falls by at least 10 points",
			Unit:    metrics.UnitScore, Direction: metrics.HigherIsBetter, Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed004Leading + "; the arrow up, down or same against the previous score as in Gainsight scorecards (a vendor convention named without a page: no public page of it is cited)",
			Differs: "the seeds name the trend but no threshold: the 10-point decline is the library's default (Rules.Decline)", Func: "health.Compare",
		}),
		def(metrics.Definition{
			ID: "health_usage_drop", Name: "Usage drop (leading indicator)",
			Formula: "(previous − current points of the usage component) ÷ previous; flagged at 20% or more",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: cs,
			Bands: []metrics.Band{
				{Name: "steady", Status: metrics.StatusGreen, Note: "<20% drop"},
				{Name: "usage drop", From: pct(20), Status: metrics.StatusRed, Note: "≥20% drop"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed004Leading, Differs: "the seeds give no threshold: 20% is the library's default (Rules.Drop)", Func: "health.Compare",
		}),
		def(metrics.Definition{
			ID: "health_engagement_drop", Name: "Engagement drop (leading indicator)",
			Formula: "(previous − current points of the engagement component) ÷ previous; flagged at 20% or more",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: cs,
			Bands: []metrics.Band{
				{Name: "steady", Status: metrics.StatusGreen, Note: "<20% drop"},
				{Name: "engagement drop", From: pct(20), Status: metrics.StatusRed, Note: "≥20% drop"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed004Leading, Differs: "the seeds give no threshold: 20% is the library's default (Rules.Drop)", Func: "health.Compare",
		}),
		def(metrics.Definition{
			ID: "health_ticket_spike", Name: "Support ticket spike (leading indicator)",
			Formula: "(current − previous tickets) ÷ previous tickets; flagged at 50% or more, or any rise from 0",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.LowerIsBetter, Audiences: cs,
			Bands: []metrics.Band{
				{Name: "steady", Status: metrics.StatusGreen, Note: "<50% rise"},
				{Name: "ticket spike", From: pct(50), Status: metrics.StatusRed, Note: "≥50% rise"},
			},
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: seed004Leading + "; seeds/000_47655b065fd9dd72.txt §Arah Aliran Tiket Sokongan (a spike in tickets signals problems)",
			Differs: "the seeds give no threshold: 50% is the library's default (Rules.Spike)", Func: "health.Compare",
		}),
		def(metrics.Definition{
			ID: "health_time_to_value_delay", Name: "Time-to-value delay (leading indicator)",
			Formula: "time to value (days) above the segment's benchmark: product-led 7, SMB 30, mid-market 60, enterprise 120 days",
			Unit:    metrics.UnitDays, Direction: metrics.LowerIsBetter, Audiences: cs,
			Signal: metrics.SignalLeading, Cadence: metrics.CadenceDaily, Source: "seeds/004_9a66e740fba960a2.txt §Time to Value (product-led 1–7 days, SMB 7–30, mid-market 30–60, enterprise 60–120; every week of delay correlates with higher churn risk)",
			Func: "health.Compare",
		}),
	}
	stewards := map[string]string{
		idScore: ocDaily, "health_event_index": ocDaily, "health_score_coverage": ocCoverage,
		idHealthy: ocWeekly, "health_distribution_critical": ocWeekly, idHealthy + "_arr": ocWeekly,
		"health_distribution_attention_arr": ocWeekly, "health_distribution_critical_arr": ocWeekly,
		idAtRisk: ocWeekly, "at_risk_accounts": ocWeekly, "at_risk_arr": ocWeekly, idRenewal: ocWeekly,
		idChurnByBand: ocValidation, idAUC: ocValidation, idLift: ocValidation, idUsage: ocValidation,
		idTrend: ocLeading, "health_usage_drop": ocLeading, "health_engagement_drop": ocLeading,
		"health_ticket_spike": ocLeading, "health_time_to_value_delay": ocLeading,
	}
	for i := range defs {
		defs[i].Source += "; " + stewards[defs[i].ID]
	}
	return defs
}
