package metrics

// Customer-success operations: coverage per CSM, support responsiveness and
// quality (health scores and the accounts at risk live in package health).

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

const (
	sourceCSOps     = "industry convention (Gainsight and TSIA customer-success operations metrics: book of business per CSM, support response and resolution times, escalation and reopen rates)"
	sourceARRPerCSM = "Commune, ARR per CSM: industry benchmark (commune.us/customer-success/arr-per-csm-industry-bench-mark-and-how-to-improve-it): $1M per CSM is the first milestone for high-touch (enterprise) success, $2M for low/tech-touch (SMB); saasmetric.tools/glossary/csm: $1–2M general target"
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
// exact. Hours are non-negative (ErrNegative); proactive above total returns
// ErrOutOfRange; zero total ErrZeroDenominator. Source: industry convention.
func ProactiveTimeShare(proactiveHours, totalHours decimal.Decimal) (Ratio, error) {
	const id = "proactive_time_share"
	if err := checkNonNegative(id, "proactiveHours", proactiveHours); err != nil {
		return Ratio{}, err
	}
	if err := checkNonNegative(id, "totalHours", totalHours); err != nil {
		return Ratio{}, err
	}
	if proactiveHours.Cmp(totalHours) > 0 {
		return Ratio{}, metricErr(id, "proactiveHours", fmt.Errorf("%w: more than the total", ErrOutOfRange))
	}
	return ratio(id, "totalHours", proactiveHours, totalHours)
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

// csopsDefinitions returns the dictionary entries of the CS-operations family.
func csopsDefinitions() []Definition {
	def := func(id, name, formula, fn string, unit Unit, display string, dir Direction, signal Signal, bands []Band, aud ...Audience) Definition {
		source := sourceCSOps
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
		def("arr_per_csm_enterprise", "ARR per CSM, enterprise (high-touch)", "ARR of high-touch accounts ÷ their CSMs", "metrics.ARRPerCSM", UnitMoney, "", HigherIsBetter, SignalLagging, []Band{
			{Name: "below milestone", Currency: "USD", Status: StatusYellow, Note: "<$1M per CSM"},
			{Name: "at milestone", From: num(1_000_000, 0), Currency: "USD", Status: StatusGreen, Note: "≥$1M per CSM"},
		}, AudienceLeadership, AudienceDepartment),
		def("arr_per_csm_smb", "ARR per CSM, SMB (low/tech-touch)", "ARR of low-touch accounts ÷ their CSMs", "metrics.ARRPerCSM", UnitMoney, "", HigherIsBetter, SignalLagging, []Band{
			{Name: "below milestone", Currency: "USD", Status: StatusYellow, Note: "<$2M per CSM"},
			{Name: "at milestone", From: num(2_000_000, 0), Currency: "USD", Status: StatusGreen, Note: "≥$2M per CSM"},
		}, AudienceLeadership, AudienceDepartment),
		def("expansion_per_csm", "Expansion per CSM", "expansion MRR or ARR ÷ CSMs", "metrics.ExpansionPerCSM", UnitMoney, "", HigherIsBetter, SignalLagging, nil, AudienceLeadership, AudienceDepartment, AudienceFrontline),
		def("proactive_time_share", "Proactive time share", "proactive hours ÷ total CSM hours", "metrics.ProactiveTimeShare", UnitRatio, "percent", HigherIsBetter, SignalLeading, nil, AudienceDepartment, AudienceFrontline),
		def("first_response_time", "First response time", "Σ (first response − created) ÷ tickets, in hours", "metrics.FirstResponseTimeHours", UnitHours, "", LowerIsBetter, SignalLeading, nil, AudienceDepartment, AudienceFrontline),
		def("resolution_time", "Resolution time", "Σ (resolved − created) ÷ tickets, in hours", "metrics.ResolutionTimeHours", UnitHours, "", LowerIsBetter, SignalLeading, nil, AudienceDepartment, AudienceFrontline),
		def("escalation_rate", "Escalation rate", "escalated tickets ÷ tickets", "metrics.EscalationRate", UnitRatio, "percent", LowerIsBetter, SignalLeading, nil, AudienceDepartment),
		def("reopen_rate", "Reopen rate", "reopened tickets ÷ resolved tickets", "metrics.ReopenRate", UnitRatio, "percent", LowerIsBetter, SignalLeading, nil, AudienceDepartment),
	}
}
