package metrics

// Customer-success operations: coverage per CSM, support responsiveness and
// quality (health scores and the accounts at risk live in package health).

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

const (
	sourceCSOps     = "industry convention (Gainsight and TSIA customer-success operations metrics: book of business per CSM, support response and resolution times, escalation and reopen rates)"
	sourceARRPerCSM = seed004 + " §Produktiviti CSM, benchmarks of ARR per CSM: enterprise high-touch $1.5M–$3M, mid-market low-touch $2M–$5M, SMB tech-touch $3M–$10M+; " + seed000 + " §Beban Akaun CSM (an overloaded CSM cannot serve the accounts, raising churn risk)"
)

// csopsPerCSM divides an amount by the number of CSMs, rounded once with the
// zero Context{}.
func csopsPerCSM(id, name string, m Money, csms int64) (Money, error) {
	if _, err := checkMoney(id, arg(name, m)); err != nil {
		return Money{}, err
	}
	if err := checkCount(id, "csms", csms); err != nil {
		return Money{}, err
	}
	if csms == 0 {
		return Money{}, metricErr(id, "csms", ErrZeroDenominator)
	}
	return m.QuoInt(csms, Context{})
}

// AccountsPerCSM is the book size of a customer-success manager,
//
//	accounts per CSM = accounts ÷ CSMs
//
// an exact Ratio shown as a multiple. Negative counts return ErrNegative,
// zero CSMs ErrZeroDenominator. Source: industry convention.
func AccountsPerCSM(accounts, csms int64) (Ratio, error) {
	const id = "accounts_per_csm"
	if err := checkCount(id, "accounts", accounts); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, "csms", csms); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "csms", decimal.New(accounts, 0), decimal.New(csms, 0))
}

// ARRPerCSM is the ARR a CSM looks after,
//
//	ARR per CSM = ARR ÷ CSMs
//
// rounded once with the zero Context{} (12 places, half to even). Negative
// ARR or count returns ErrNegative, zero CSMs ErrZeroDenominator. Source:
// industry convention.
func ARRPerCSM(arr Money, csms int64) (Money, error) {
	return csopsPerCSM("arr_per_csm", "arr", arr, csms)
}

// ExpansionPerCSM is the expansion revenue each CSM brought in,
//
//	expansion per CSM = expansion ÷ CSMs
//
// rounded once with the zero Context{}; errors as ARRPerCSM. Source: industry
// convention.
func ExpansionPerCSM(expansion Money, csms int64) (Money, error) {
	return csopsPerCSM("expansion_per_csm", "expansion", expansion, csms)
}

// ProactiveTimeShare is the share of CSM time spent on proactive work
// (reviews, adoption plays) rather than reacting to problems,
//
//	proactive share = proactive hours ÷ total hours
//
// exact. 70%+ proactive is the target (seed 004). Hours are non-negative
// (ErrNegative); proactive above total returns ErrOutOfRange; zero total
// ErrZeroDenominator. Source: seed 004 §Penggunaan Kapasiti CSM.
func ProactiveTimeShare(proactiveHours, totalHours decimal.Decimal) (Ratio, error) {
	return csopsHoursShare("proactive_time_share", "proactiveHours", proactiveHours, totalHours)
}

// TimeShare is the share of CSM time one activity takes (onboarding,
// adoption, business reviews, expansion, renewals, at-risk work,
// administration),
//
//	activity share = activity hours ÷ total hours
//
// exact; seed 004 gives a target range per activity (the csm_time_*
// definitions). Hours are non-negative (ErrNegative); activity above total
// returns ErrOutOfRange; zero total ErrZeroDenominator. Source: seed 004
// §Peruntukan Masa Mengikut Aktiviti.
func TimeShare(activityHours, totalHours decimal.Decimal) (Ratio, error) {
	return csopsHoursShare("csm_time_share", "activityHours", activityHours, totalHours)
}

// csopsHoursShare is part ÷ total for hours with 0 ≤ part ≤ total.
func csopsHoursShare(id, partName string, part, total decimal.Decimal) (Ratio, error) {
	if err := checkNonNegative(id, partName, part); err != nil {
		return Ratio{}, err
	}
	if err := checkNonNegative(id, "totalHours", total); err != nil {
		return Ratio{}, err
	}
	if part.Cmp(total) > 0 {
		return Ratio{}, metricErr(id, partName, fmt.Errorf("%w: more than the total", ErrOutOfRange))
	}
	return ratio(id, "totalHours", part, total)
}

// nanosPerHour is the number of nanoseconds in an hour.
const nanosPerHour = int64(time.Hour)

// csopsAverageHours averages durations exactly in nanoseconds and converts
// to hours, rounded once with the zero Context{}.
func csopsAverageHours(id string, durations []time.Duration) (Quantity, error) {
	if len(durations) == 0 {
		return Quantity{}, metricErr(id, "durations", ErrEmpty)
	}
	sum := decimal.Decimal{}
	for i, d := range durations {
		if d < 0 {
			return Quantity{}, metricErr(id, fmt.Sprintf("durations[%d]", i), fmt.Errorf("%w: %s", ErrNegative, d))
		}
		sum = sum.Add(decimal.New(int64(d), 0))
	}
	den := decimal.New(nanosPerHour, 0).Mul(decimal.New(int64(len(durations)), 0))
	return quantity(Context{}.quo(sum, den), UnitHours), nil
}

// FirstResponseTimeHours is the average time from a ticket's creation to the
// first human response,
//
//	average first response = Σ durations ÷ tickets   (hours)
//
// summed exactly in nanoseconds and rounded once to 12 places of an hour. No
// durations return ErrEmpty, a negative one ErrNegative naming its index.
// Source: industry convention.
func FirstResponseTimeHours(durations []time.Duration) (Quantity, error) {
	return csopsAverageHours("first_response_time", durations)
}

// ResolutionTimeHours is the average time from a ticket's creation to its
// resolution, computed and checked as FirstResponseTimeHours. Source:
// industry convention.
func ResolutionTimeHours(durations []time.Duration) (Quantity, error) {
	return csopsAverageHours("resolution_time", durations)
}

// csopsShare is part ÷ whole for counts with part ≤ whole.
func csopsShare(id, partName string, part int64, wholeName string, whole int64) (Ratio, error) {
	if err := checkCount(id, partName, part); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, wholeName, whole); err != nil {
		return Ratio{}, err
	}
	if part > whole {
		return Ratio{}, metricErr(id, partName, fmt.Errorf("%w: %d of %d", ErrOutOfRange, part, whole))
	}
	return ratio(id, wholeName, decimal.New(part, 0), decimal.New(whole, 0))
}

// EscalationRate is the share of tickets escalated,
//
//	escalation rate = escalated ÷ tickets
//
// exact, in [0, 1]: escalated above tickets returns ErrOutOfRange, zero
// tickets ErrZeroDenominator. Source: industry convention.
func EscalationRate(escalated, tickets int64) (Ratio, error) {
	return csopsShare("escalation_rate", "escalated", escalated, "tickets", tickets)
}

// ReopenRate is the share of resolved tickets reopened,
//
//	reopen rate = reopened ÷ resolved
//
// exact, checked as EscalationRate. Source: industry convention.
func ReopenRate(reopened, resolved int64) (Ratio, error) {
	return csopsShare("reopen_rate", "reopened", reopened, "resolved", resolved)
}

// sourceTimeShare cites seed 004's time allocation by activity.
const sourceTimeShare = seed004 + " §Peruntukan Masa Mengikut Aktiviti: target allocation onboarding 20–30%, adoption enablement 20–25%, business reviews and strategic planning 15–20%, expansion conversations 10–15%, renewal management 10–15%, at-risk intervention 5–10%, administration <10%"

// csopsSources returns the sources of the CS-operations entries that the
// documents speak of.
func csopsSources() map[string]string {
	prod := seed004 + " §Produktiviti CSM (accounts per CSM by segment, ARR per CSM, expansion revenue per CSM); " + seed000 + " §Beban Akaun CSM (accounts and ARR each CSM manages)"
	times := seed004 + " §Masa Respons dan Penyelesaian: first response <4 hours in business hours, resolution <24 hours for standard issues, escalation <10% of tickets; reopen rate tracked without a benchmark"
	return map[string]string{
		"accounts_per_csm":     prod,
		"arr_per_csm":          prod,
		"expansion_per_csm":    prod,
		"proactive_time_share": seed004 + " §Penggunaan Kapasiti CSM: 70%+ of time on proactive activities, under 30% on reactive firefighting",
		"first_response_time":  times,
		"resolution_time":      times,
		"escalation_rate":      times,
		"reopen_rate":          times,
	}
}

// csopsBookBands are seed 004's bands of ARR per CSM for one segment: below
// the range the book is light (yellow), inside it (both ends included) on
// benchmark, above it the CSM is overloaded (yellow; seed 000: an overloaded
// CSM cannot serve the accounts). hi = 0 means no upper end ("$10M+").
func csopsBookBands(lo, hi int64, text string) []Band {
	bands := []Band{
		{Name: "below benchmark", Currency: "USD", Status: StatusYellow, Note: "below " + text + " per CSM: a light book"},
		{Name: "benchmark", From: num(lo, 0), Currency: "USD", Status: StatusGreen, Note: text + " per CSM"},
	}
	if hi > 0 {
		bands = append(bands, Band{Name: "overloaded", From: num(hi, 0), Exclusive: true, Currency: "USD", Status: StatusYellow, Note: "above " + text + " per CSM: too much ARR to serve well"})
	}
	return bands
}

// csopsVersion sets a definition's version.
func csopsVersion(d Definition, v int) Definition { d.Version = v; return d }

// csopsDiffers sets a definition's Differs.
func csopsDiffers(d Definition, text string) Definition { d.Differs = text; return d }

// csopsStewards returns the owners and cadences of the CS-operations family
// (the health metrics move to package health, which sets theirs).
func csopsStewards() map[string]stewardship {
	capacity := "owner and cadence: " + seed004 + " §Dashboard Kepimpinan CS (Mingguan) (CSM capacity utilisation)"
	support := "cadence: " + seed000 + " §Kekerapan Penyegaran (operational dashboards in real time) and " + seed004 + " §Dashboard Individu CSM (Harian) (support tickets needing attention); owner the library's choice"
	st := map[string]stewardship{
		"accounts_per_csm":       {roleCS, CadenceWeekly, capacity},
		"arr_per_csm":            {roleCS, CadenceWeekly, capacity},
		"arr_per_csm_enterprise": {roleCS, CadenceWeekly, capacity},
		"arr_per_csm_mid_market": {roleCS, CadenceWeekly, capacity},
		"arr_per_csm_smb":        {roleCS, CadenceWeekly, capacity},
		"expansion_per_csm":      {roleCS, CadenceMonthly, "owner: " + seed004 + " §Produktiviti CSM; cadence the library's choice"},
		"proactive_time_share":   {roleCS, CadenceWeekly, capacity},
		"csm_time_share":         {roleCS, CadenceWeekly, capacity},
		"first_response_time":    {roleSupport, CadenceDaily, support},
		"resolution_time":        {roleSupport, CadenceDaily, support},
		"escalation_rate":        {roleSupport, CadenceDaily, support},
		"reopen_rate":            {roleSupport, CadenceDaily, support},
	}
	for _, d := range csopsTimeShareDefinitions() {
		st[d.ID] = stewardship{roleCS, CadenceWeekly, capacity}
	}
	return st
}

// csopsTimeShareDefinitions returns seed 004's target share of CSM time per
// activity: inside the range (both ends included) is green, outside yellow.
func csopsTimeShareDefinitions() []Definition {
	share := func(id, activity string, lo, hi int64) Definition {
		bands := []Band{
			{Name: "below target", Status: StatusYellow, Note: fmt.Sprintf("<%d%%", lo)},
			{Name: "on target", From: pct(lo), Status: StatusGreen, Note: fmt.Sprintf("%d–%d%% of CSM time", lo, hi)},
			{Name: "above target", From: pct(hi), Exclusive: true, Status: StatusYellow, Note: fmt.Sprintf(">%d%%", hi)},
		}
		if lo == 0 {
			bands = []Band{
				{Name: "on target", Status: StatusGreen, Note: fmt.Sprintf("<%d%% of CSM time", hi)},
				{Name: "above target", From: pct(hi), Status: StatusYellow, Note: fmt.Sprintf("%d%% or more: 004's example of 30%% calls for better tools or processes", hi)},
			}
		}
		return Definition{
			ID: id, Name: "CSM time on " + activity, Category: CategoryCSOps,
			Formula: "hours on " + activity + " ÷ total CSM hours",
			Unit:    UnitRatio, Display: "percent", Direction: Neutral, Bands: bands,
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLeading,
			Source: sourceTimeShare, Version: 1, Func: "metrics.TimeShare",
		}
	}
	return []Definition{
		share("csm_time_onboarding", "onboarding", 20, 30),
		share("csm_time_adoption", "adoption enablement", 20, 25),
		share("csm_time_business_reviews", "business reviews and strategic planning", 15, 20),
		share("csm_time_expansion", "expansion conversations", 10, 15),
		share("csm_time_renewals", "renewal management", 10, 15),
		share("csm_time_at_risk", "at-risk intervention", 5, 10),
		share("csm_time_admin", "administration", 0, 10),
	}
}

// csopsDefinitions returns the dictionary entries of the CS-operations family.
func csopsDefinitions() []Definition {
	defs := csopsDefinitionList()
	for i, d := range defs { // the generic time share sits after the proactive one
		if d.ID == "proactive_time_share" {
			generic := d
			generic.ID, generic.Name, generic.Func, generic.Bands = "csm_time_share", "CSM time share of an activity", "metrics.TimeShare", nil
			generic.Formula = "hours on one activity ÷ total CSM hours"
			generic.Direction, generic.Source = Neutral, sourceTimeShare+"; the targets per activity are the csm_time_* definitions"
			defs = slices.Insert(defs, i+1, generic)
			defs = slices.Insert(defs, i+2, csopsTimeShareDefinitions()...)
			break
		}
	}
	return steward(defs, csopsStewards())
}

// csopsDefinitionList returns the CS-operations entries before their owners
// and cadences are set.
func csopsDefinitionList() []Definition {
	def := func(id, name, formula, fn string, unit Unit, display string, dir Direction, signal Signal, bands []Band, aud ...Audience) Definition {
		source := sourceCSOps
		if s, ok := csopsSources()[id]; ok {
			source = s
		}
		switch {
		case strings.HasPrefix(id, "arr_per_csm_"):
			source = sourceARRPerCSM
		}
		return Definition{
			ID: id, Name: name, Category: CategoryCSOps, Formula: formula, Unit: unit, Display: display,
			Direction: dir, Bands: bands, Audiences: aud, Signal: signal, Source: source, Version: 1, Func: fn,
		}
	}
	return []Definition{
		def("accounts_per_csm", "Accounts per CSM", "accounts ÷ CSMs", "metrics.AccountsPerCSM", UnitRatio, "multiple", Neutral, SignalLagging, nil, AudienceLeadership, AudienceDepartment),
		def("arr_per_csm", "ARR per CSM", "ARR ÷ CSMs", "metrics.ARRPerCSM", UnitMoney, "", Neutral, SignalLagging, nil, AudienceLeadership, AudienceDepartment),
		csopsVersion(def("arr_per_csm_enterprise", "ARR per CSM, enterprise (high-touch)", "ARR of high-touch accounts ÷ their CSMs", "metrics.ARRPerCSM", UnitMoney, "", Neutral, SignalLagging,
			csopsBookBands(1_500_000, 3_000_000, "$1.5M–$3M"), AudienceLeadership, AudienceDepartment), 2),
		csopsVersion(def("arr_per_csm_mid_market", "ARR per CSM, mid-market (low-touch)", "ARR of mid-market accounts ÷ their CSMs", "metrics.ARRPerCSM", UnitMoney, "", Neutral, SignalLagging,
			csopsBookBands(2_000_000, 5_000_000, "$2M–$5M"), AudienceLeadership, AudienceDepartment), 1),
		csopsVersion(def("arr_per_csm_smb", "ARR per CSM, SMB (tech-touch)", "ARR of tech-touch accounts ÷ their CSMs", "metrics.ARRPerCSM", UnitMoney, "", Neutral, SignalLagging,
			csopsBookBands(3_000_000, 0, "$3M–$10M+"), AudienceLeadership, AudienceDepartment), 2),
		def("expansion_per_csm", "Expansion per CSM", "expansion MRR or ARR ÷ CSMs", "metrics.ExpansionPerCSM", UnitMoney, "", HigherIsBetter, SignalLagging, nil, AudienceLeadership, AudienceDepartment, AudienceFrontline),
		csopsVersion(def("proactive_time_share", "Proactive time share", "proactive hours ÷ total CSM hours", "metrics.ProactiveTimeShare", UnitRatio, "percent", HigherIsBetter, SignalLeading, []Band{
			{Name: "reactive", Status: StatusYellow, Note: "<70% proactive: more than 30% firefighting"},
			{Name: "on target", From: pct(70), Status: StatusGreen, Note: "70%+ of time on proactive work, under 30% firefighting"},
		}, AudienceDepartment, AudienceFrontline), 2),
		csopsDiffers(csopsVersion(def("first_response_time", "First response time", "Σ (first response − created) ÷ tickets, in hours", "metrics.FirstResponseTimeHours", UnitHours, "", LowerIsBetter, SignalLeading, []Band{
			{Name: "on target", Status: StatusGreen, Note: "<4 hours during business hours"},
			{Name: "slow", From: num(4, 0), Status: StatusYellow, Note: "4 hours or more"},
		}, AudienceDepartment, AudienceFrontline), 2), "004's target counts business hours; the function averages the durations it is given, so pass durations measured in business hours to compare with it."),
		csopsDiffers(csopsVersion(def("resolution_time", "Resolution time", "Σ (resolved − created) ÷ tickets, in hours", "metrics.ResolutionTimeHours", UnitHours, "", LowerIsBetter, SignalLeading, []Band{
			{Name: "on target", Status: StatusGreen, Note: "<24 hours for standard issues"},
			{Name: "slow", From: num(24, 0), Status: StatusYellow, Note: "24 hours or more"},
		}, AudienceDepartment, AudienceFrontline), 2), "004's target is for standard issues: average those tickets alone to compare with it."),
		csopsVersion(def("escalation_rate", "Escalation rate", "escalated tickets ÷ tickets", "metrics.EscalationRate", UnitRatio, "percent", LowerIsBetter, SignalLeading, []Band{
			{Name: "on target", Status: StatusGreen, Note: "<10% of tickets escalated to leadership or product"},
			{Name: "high", From: pct(10), Status: StatusYellow, Note: "10% or more"},
		}, AudienceDepartment), 2),
		def("reopen_rate", "Reopen rate", "reopened tickets ÷ resolved tickets", "metrics.ReopenRate", UnitRatio, "percent", LowerIsBetter, SignalLeading, nil, AudienceDepartment),
	}
}
