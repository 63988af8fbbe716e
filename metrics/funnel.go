package metrics

// Funnel metrics: conversion between stages. The sales-pipeline metrics (win
// rate, pipeline coverage and velocity, sales cycle, quota attainment,
// forecast accuracy, team capacity) live in package forecast.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Sources of the funnel definitions and bands (found with the search tool;
// cited again in the tests).
const (
	sourceFunnelConversion = "industry convention: conversion = entered the next stage ÷ entered this stage, over one cohort and window"
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

// funnelDefinitions returns the dictionary entries of the funnel family.
func funnelDefinitions() []Definition {
	const cat = CategoryFunnel
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
	}
}
