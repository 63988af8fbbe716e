package metrics

// Funnel and sales metrics: conversion between stages, win rate, pipeline
// coverage and velocity, sales cycle, quota attainment, forecast accuracy and
// team capacity.

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// Sources of the funnel definitions and bands (found with the search tool;
// cited again in the tests).
const (
	sourceFunnelConversion = "industry convention: conversion = entered the next stage ÷ entered this stage, over one cohort and window"
	sourceWinRate          = "industry convention: won ÷ (won + lost), closed deals only (ooligo.com pipeline-velocity: pick one win-rate denominator and document it)"
	sourcePipelineCoverage = "winsabove.pages.dev/glossary/pipeline-coverage-ratio (open pipeline ÷ remaining quota), askotter.ai (3:1–4:1 typical, enterprise 5:1), pulserevops.com/knowledge/q300 (<2.5:1 fragile, 3–4:1 ideal, ≥5:1 bloat)"
	sourcePipelineVelocity = "prospectengine.com/blog/sales-pipeline-velocity-formula-improve and ooligo.com/en/learn/pipeline-velocity: (opportunities × average deal value × win rate) ÷ sales cycle length"
	sourceForecastAccuracy = "kpitree.co/glossary/sales-metrics/sales-forecast-accuracy: 1 − |forecast − actual| ÷ actual; force-calculator.org: actual must be > 0, 80–90% typically good"
	sourceTeamCapacity     = "metrickittools.com/glossary/sales-capacity: capacity = reps × quota per rep × attainment × ramp factor; revcast.com (street quota, attainment factor)"
	sourceFunnelIndustry   = "industry convention; formula as stated"
)

// funnelConversionSources are the documents' statements of each conversion.
func funnelConversionSources() map[string]string {
	return map[string]string{
		"stage_conversion":   seed000 + " §Metrik Saluran (stage-to-stage conversion shows where deals stall) and §Corong Penukaran Laman Web (visitor → demo request → trial sign-up → opportunity)",
		"mql_to_sql":         seed000 + " §Penukaran MQL kepada SQL (share of marketing-qualified leads that qualify as SQLs after sales contact)",
		"pql_to_paid":        seed001 + " §4 Potencjalni klienci zakwalifikowani do produktu (PQLs converted to paid ÷ all PQLs × 100)",
		"trial_to_paid":      seed002 + " §Conversia de la versiunea de probă la cea plătită (trial-to-paid conversion as activation quality)",
		"visitor_conversion": seed001 + " §5 Współczynnik konwersji klienta (CCR = conversions ÷ site visitors); " + seed000 + " §Corong Penukaran Laman Web",
	}
}

// funnelConversionStewards returns the owners and cadences of the
// conversion metrics (the sales-pipeline metrics move to package forecast).
func funnelConversionStewards() map[string]stewardship {
	return map[string]stewardship{
		"stage_conversion":   {roleCRO, CadenceWeekly, "owner and cadence: " + seed000 + " §Dashboard Jualan (sales dashboards drive weekly decisions); the CRO is the library's choice"},
		"mql_to_sql":         {roleMkt, CadenceWeekly, ocMarketing},
		"pql_to_paid":        {roleProduct, CadenceMonthly, ocChoice},
		"trial_to_paid":      {roleProduct, CadenceMonthly, ocChoice},
		"visitor_conversion": {roleMkt, CadenceWeekly, ocMarketing + " (website conversion funnel)"},
	}
}

// funnelConversion is converted ÷ entered for the conversion metric id, with
// the inputs' names for errors.
func funnelConversion(id, convertedName, enteredName string, converted, entered int64) (Ratio, error) {
	if err := checkCount(id, convertedName, converted); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, enteredName, entered); err != nil {
		return Ratio{}, err
	}
	if converted > entered {
		return Ratio{}, metricErr(id, convertedName, fmt.Errorf("%w: %d converted of %d entered", ErrOutOfRange, converted, entered))
	}
	return ratio(id, enteredName, decimal.New(converted, 0), decimal.New(entered, 0))
}

// StageConversion is the conversion rate between two funnel stages,
//
//	conversion = converted ÷ entered
//
// exact, in [0, 1], shown as a percent. Count the same cohort in both (those
// who entered the stage, and those of them who reached the next). Negative
// counts return ErrNegative, more converted than entered ErrOutOfRange, and
// none entered ErrZeroDenominator. The named stages (MQLToSQL, PQLToPaid,
// TrialToPaid, VisitorConversion) are this function under their own
// definitions. Source: industry convention.
func StageConversion(converted, entered int64) (Ratio, error) {
	return funnelConversion("stage_conversion", "converted", "entered", converted, entered)
}

// MQLToSQL is the share of marketing-qualified leads that sales accepted as
// sales-qualified,
//
//	MQL→SQL = SQLs ÷ MQLs
//
// with StageConversion's rules and errors. Source: industry convention.
func MQLToSQL(sqls, mqls int64) (Ratio, error) {
	return funnelConversion("mql_to_sql", "sqls", "mqls", sqls, mqls)
}

// PQLToPaid is the share of product-qualified leads that became paying
// customers,
//
//	PQL→paid = paid ÷ PQLs
//
// with StageConversion's rules and errors. Source: industry convention.
func PQLToPaid(paid, pqls int64) (Ratio, error) {
	return funnelConversion("pql_to_paid", "paid", "pqls", paid, pqls)
}

// TrialToPaid is the share of trials that converted to a paid plan,
//
//	trial→paid = paid ÷ trials
//
// with StageConversion's rules and errors; count trials that ended in the
// window, so that each could have converted. Source: industry convention.
func TrialToPaid(paid, trials int64) (Ratio, error) {
	return funnelConversion("trial_to_paid", "paid", "trials", paid, trials)
}

// VisitorConversion is the share of (unique) visitors who converted (signed
// up, started a trial, or whatever the caller counts),
//
//	visitor conversion = conversions ÷ visitors
//
// with StageConversion's rules and errors. Source: industry convention.
func VisitorConversion(conversions, visitors int64) (Ratio, error) {
	return funnelConversion("visitor_conversion", "conversions", "visitors", conversions, visitors)
}

// WinRate is the share of closed deals that were won,
//
//	win rate = won ÷ (won + lost)
//
// exact, in [0, 1]; open deals are not counted. Negative counts return
// ErrNegative; no closed deals ErrZeroDenominator. Source: industry
// convention (closed-deal denominator, as ooligo.com advises to document).
func WinRate(won, lost int64) (Ratio, error) {
	const id = "win_rate"
	if err := checkCount(id, "won", won); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, "lost", lost); err != nil {
		return Ratio{}, err
	}
	w := decimal.New(won, 0)
	return ratio(id, "won+lost", w, w.Add(decimal.New(lost, 0))) // decimal sum: no int64 overflow
}

// PipelineCoverage is open pipeline per unit of quota still to close,
//
//	coverage = open pipeline ÷ remaining target
//
// exact, shown as a multiple. Both are non-negative amounts in one currency
// (ErrNegative, ErrCurrencyMismatch); a zero remaining target (already met)
// returns ErrZeroDenominator. Bands: <2.5x insufficient, 2.5–3x thin, 3–5x
// healthy, ≥5x bloated (check pipeline quality). The coverage a team needs is
// about 1 ÷ its win rate. Source: winsabove, askotter, pulserevops.
func PipelineCoverage(pipeline, remainingTarget Money) (Ratio, error) {
	const id = "pipeline_coverage"
	if _, err := checkMoney(id, arg("pipeline", pipeline), arg("remainingTarget", remainingTarget)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "remainingTarget", pipeline.dec(), remainingTarget.dec())
}

// PipelineVelocity is the revenue the pipeline produces per day,
//
//	velocity = (opportunities × average deal size × win rate) ÷ sales cycle days
//
// in money per day, computed as one exact fraction and rounded once with the
// zero Context{}. Opportunities and the deal size are non-negative
// (ErrNegative); the win rate lies in [0, 1] (ErrOutOfRange); the cycle is a
// Quantity in days (ErrUnitMismatch otherwise, such as from
// AverageSalesCycleDays), not negative (ErrNegative) and not zero
// (ErrZeroDenominator). Source: prospectengine.com (50 × 25,000 × 25% ÷ 60
// days ≈ 5,208 a day) and ooligo.com.
func PipelineVelocity(opportunities int64, averageDealSize Money, winRate Ratio, salesCycle Quantity) (Money, error) {
	const id = "pipeline_velocity"
	if err := checkCount(id, "opportunities", opportunities); err != nil {
		return Money{}, err
	}
	if _, err := checkMoney(id, arg("averageDealSize", averageDealSize)); err != nil {
		return Money{}, err
	}
	if err := checkUnitInterval(id, "winRate", winRate); err != nil {
		return Money{}, err
	}
	if salesCycle.Unit() != UnitDays {
		return Money{}, metricErr(id, "salesCycle", fmt.Errorf("%w: got %s, want days", ErrUnitMismatch, salesCycle.Unit()))
	}
	if err := checkNonNegative(id, "salesCycle", salesCycle.Value()); err != nil {
		return Money{}, err
	}
	perDay, err := ratio(id, "salesCycle", decimal.New(opportunities, 0), salesCycle.Value())
	if err != nil {
		return Money{}, err
	}
	return averageDealSize.MulRatio(perDay.Mul(winRate), Context{}), nil
}

// funnelNanosPerDay returns the number of nanoseconds in a 24-hour day.
func funnelNanosPerDay() decimal.Decimal { return decimal.New(int64(24*time.Hour), 0) }

// AverageSalesCycleDays is the mean length of won deals' sales cycles (from
// opportunity created to closed), in days of 24 hours,
//
//	cycle = Σ durations ÷ (number of deals × 24h)
//
// summed exactly and rounded once with the zero Context{}. An empty list
// returns ErrEmpty; a negative duration ErrNegative, naming its index. Use the
// median if a few very long deals dominate. Source: industry convention;
// ooligo.com (created-to-closed-won duration).
func AverageSalesCycleDays(durations []time.Duration) (Quantity, error) {
	const id = "sales_cycle"
	if len(durations) == 0 {
		return Quantity{}, metricErr(id, "durations", ErrEmpty)
	}
	var total decimal.Decimal
	for i, dur := range durations {
		if dur < 0 {
			return Quantity{}, metricErr(id, fmt.Sprintf("durations[%d]", i), fmt.Errorf("%w: %s", ErrNegative, dur))
		}
		total = total.Add(decimal.New(int64(dur), 0))
	}
	den := funnelNanosPerDay().Mul(decimal.New(int64(len(durations)), 0))
	return quantity(Context{}.quo(total, den), UnitDays), nil
}

// QuotaAttainment is the share of quota achieved,
//
//	attainment = achieved ÷ quota
//
// exact, shown as a percent; it may exceed 100%. Both are non-negative
// amounts in one currency (ErrNegative, ErrCurrencyMismatch); a zero quota
// returns ErrZeroDenominator. Source: industry convention.
func QuotaAttainment(achieved, quota Money) (Ratio, error) {
	const id = "quota_attainment"
	if _, err := checkMoney(id, arg("achieved", achieved), arg("quota", quota)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "quota", achieved.dec(), quota.dec())
}

// ForecastAccuracy is how close a forecast came to the actual result,
//
//	accuracy = 1 − |actual − forecast| ÷ actual
//
// exact, shown as a percent. The error is measured against the actual, so
// over- and under-forecasting by the same amount score alike, and the result
// is not clamped: it is 100% for a perfect forecast and falls below zero when
// the miss exceeds the actual (forecast 250 for actual 100 is −50%). Both are
// non-negative amounts in one currency (ErrNegative, ErrCurrencyMismatch);
// an actual of zero returns ErrZeroDenominator even when the forecast was
// also zero, because the relative error is undefined. Source: kpitree.co and
// force-calculator.org.
func ForecastAccuracy(actual, forecast Money) (Ratio, error) {
	const id = "forecast_accuracy"
	if _, err := checkMoney(id, arg("actual", actual), arg("forecast", forecast)); err != nil {
		return Ratio{}, err
	}
	miss := actual.dec().Sub(forecast.dec()).Abs()
	return ratio(id, "actual", actual.dec().Sub(miss), actual.dec())
}

// TeamCapacity is the bookings a sales team can be expected to close in a
// period,
//
//	capacity = reps × quota per rep × attainment × ramp
//
// where attainment is the share of quota a fully ramped rep is expected to
// close (from history; it may exceed 100%) and ramp is the team's average
// share of full productivity in the period (1 when every rep is ramped; with
// 7 ramped reps and 3 at 40%, ramp = (7 + 3 × 0.4) ÷ 10 = 82%). The product is
// rounded once with the zero Context{} (exact for decimal inputs). Reps and
// quota are non-negative (ErrNegative), attainment non-negative (ErrNegative)
// and ramp in [0, 1] (ErrOutOfRange). Source: metrickittools.com (10 reps ×
// 150k × 85% × 0.82 ≈ 1.045M).
func TeamCapacity(reps int64, quotaPerRep Money, attainment, ramp Ratio) (Money, error) {
	const id = "team_capacity"
	if err := checkCount(id, "reps", reps); err != nil {
		return Money{}, err
	}
	if _, err := checkMoney(id, arg("quotaPerRep", quotaPerRep)); err != nil {
		return Money{}, err
	}
	if attainment.Sign() < 0 {
		return Money{}, metricErr(id, "attainment", fmt.Errorf("%w: %s", ErrNegative, attainment))
	}
	if err := checkUnitInterval(id, "ramp", ramp); err != nil {
		return Money{}, err
	}
	return quotaPerRep.MulRatio(attainment.Mul(ramp).MulInt(reps), Context{}), nil
}

// CapacityGap is what a team's capacity falls short of its target,
//
//	gap = target − capacity
//
// exact; negative means a surplus (capacity above target), so gap + capacity
// = target always. Both are non-negative amounts in one currency
// (ErrNegative, ErrCurrencyMismatch). Source: industry convention (sales
// capacity planning; metrickittools.com).
func CapacityGap(target, capacity Money) (Money, error) {
	const id = "capacity_gap"
	cur, err := checkMoney(id, arg("target", target), arg("capacity", capacity))
	if err != nil {
		return Money{}, err
	}
	return moneyOf(target.dec().Sub(capacity.dec()), cur), nil
}

// funnelDefinitions returns the dictionary entries of the funnel family.
func funnelDefinitions() []Definition {
	const cat = CategoryFunnel
	dept := []Audience{AudienceLeadership, AudienceDepartment}
	conv := func(id, name, formula, fn string) Definition {
		st := funnelConversionStewards()[id]
		return Definition{
			ID: id, Name: name, Category: cat, Formula: formula,
			Unit: UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLeading,
			Owner: st.owner, Cadence: st.cadence,
			Source: funnelConversionSources()[id] + "; " + sourceFunnelConversion + "; " + st.why, Version: 1, Func: fn,
		}
	}
	return []Definition{
		conv("stage_conversion", "Stage conversion rate", "converted ÷ entered (same cohort)", "metrics.StageConversion"),
		conv("mql_to_sql", "MQL to SQL conversion", "SQLs ÷ MQLs (same cohort)", "metrics.MQLToSQL"),
		conv("pql_to_paid", "PQL to paid conversion", "paid ÷ PQLs (same cohort)", "metrics.PQLToPaid"),
		conv("trial_to_paid", "Trial to paid conversion", "paid ÷ trials ended (same cohort)", "metrics.TrialToPaid"),
		conv("visitor_conversion", "Visitor conversion rate", "conversions ÷ unique visitors", "metrics.VisitorConversion"),
		{
			ID: "win_rate", Name: "Win rate", Category: cat,
			Formula: "won ÷ (won + lost); closed deals only",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceWinRate, Version: 1, Func: "metrics.WinRate",
		},
		{
			ID: "pipeline_coverage", Name: "Pipeline coverage", Category: cat,
			Formula: "open pipeline ÷ remaining target",
			Unit:    UnitRatio, Display: "multiple", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "insufficient", Status: StatusRed, Note: "<2.5x: forecast fragile"},
				{Name: "thin", From: num(25, -1), Status: StatusYellow, Note: "2.5–3x"},
				{Name: "healthy", From: num(3, 0), Status: StatusGreen, Note: "3–5x"},
				{Name: "bloated", From: num(5, 0), Status: StatusYellow, Note: "≥5x: check pipeline quality (enterprise may need it)"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceFrontline}, Signal: SignalLeading,
			Source: sourcePipelineCoverage, Version: 1, Func: "metrics.PipelineCoverage",
		},
		{
			ID: "pipeline_velocity", Name: "Pipeline velocity", Category: cat,
			Formula: "(opportunities × average deal size × win rate) ÷ sales cycle days; money per day",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: dept, Signal: SignalLeading,
			Source: sourcePipelineVelocity, Version: 1, Func: "metrics.PipelineVelocity",
		},
		{
			ID: "sales_cycle", Name: "Average sales cycle", Category: cat,
			Formula: "mean of (closed − created) over won deals, in 24-hour days",
			Unit:    UnitDays, Direction: LowerIsBetter, Audiences: dept, Signal: SignalLagging,
			Source: sourceFunnelIndustry, Version: 1, Func: "metrics.AverageSalesCycleDays",
		},
		{
			ID: "quota_attainment", Name: "Quota attainment", Category: cat,
			Formula: "achieved ÷ quota",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceFunnelIndustry, Version: 1, Func: "metrics.QuotaAttainment",
		},
		{
			ID: "forecast_accuracy", Name: "Forecast accuracy", Category: cat,
			Formula: "1 − |actual − forecast| ÷ actual; not clamped; undefined when actual = 0",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "weak", Status: StatusYellow, Note: "<80%"},
				{Name: "good", From: pct(80), Status: StatusGreen, Note: "80–90%"},
				{Name: "excellent", From: pct(90), Status: StatusGreen, Note: "≥90%"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source: sourceForecastAccuracy, Version: 1, Func: "metrics.ForecastAccuracy",
		},
		{
			ID: "team_capacity", Name: "Sales team capacity", Category: cat,
			Formula: "reps × quota per rep × expected attainment of a ramped rep × average ramp share",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: []Audience{AudienceLeadership}, Signal: SignalLeading,
			Source: sourceTeamCapacity, Version: 1, Func: "metrics.TeamCapacity",
		},
		{
			ID: "capacity_gap", Name: "Capacity gap to target", Category: cat,
			Formula: "target − capacity; negative is a surplus",
			Unit:    UnitMoney, Direction: LowerIsBetter, Audiences: []Audience{AudienceLeadership}, Signal: SignalLeading,
			Source: sourceTeamCapacity, Version: 1, Func: "metrics.CapacityGap",
		},
	}
}
