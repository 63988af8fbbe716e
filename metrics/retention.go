package metrics

// Retention metrics: how much of the revenue and of the customers present at
// the start of a period are still there at its end.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

const (
	sourceChartMogulNRR = "ChartMogul, Net MRR Churn Rate and Net Revenue Retention (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate): NRR excludes new business and reactivation"
	sourceNRR004        = seed004 + " §Net Revenue Retention (NRR): NRR = (start + expansion − churn − contraction) ÷ start × 100, worked example $10M + $1.5M − $800K − $200K = 105%; bands 120–140% best in class, 110–120% good, 100–110% acceptable, 90–100% warning, <90% critical; " + seed000 + " §Metrik Kesihatan (above 100% expansion exceeds churn); " + seed002 + " §ARPU și retenția veniturilor nete"
	sourceGRR004        = seed004 + " §Gross Revenue Retention (GRR): GRR = (start − churn − contraction) ÷ start × 100; bands 95–98% best in class, 90–95% good, 85–90% acceptable, 80–85% warning, <80% critical; " + seed000 + " §Metrik Kesihatan"
)

// NRR is net revenue retention over a period: the share of the starting MRR
// (or ARR) that the same customers pay at the end, counting their expansion:
//
//	NRR = (start + expansion − contraction − churn) ÷ start
//
// New business and reactivated customers are excluded (ChartMogul). All
// inputs are non-negative amounts in one currency (else ErrNegative,
// ErrCurrencyMismatch); a zero start returns ErrZeroDenominator. The result is
// an exact Ratio and may exceed 100%; it is never negative: losses larger than
// start plus expansion return ErrOutOfRange. New and Reactivation are not
// read.
func NRR(m Movements) (Ratio, error) {
	const id = "nrr"
	if _, err := checkMoney(id, arg("start", m.Start), arg("expansion", m.Expansion), arg("contraction", m.Contraction), arg("churn", m.Churn)); err != nil {
		return Ratio{}, err
	}
	end := m.Start.dec().Add(m.Expansion.dec()).Sub(m.Contraction.dec()).Sub(m.Churn.dec())
	if end.Sign() < 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", end, m.Start.dec())
}

// GRR is gross revenue retention over a period: the share of the starting MRR
// kept, with expansion ignored, so 0 ≤ GRR ≤ 1 and GRR ≤ NRR:
//
//	GRR = (start − contraction − churn) ÷ start
//
// Inputs are non-negative amounts in one currency; a zero start returns
// ErrZeroDenominator; contraction + churn above start returns ErrOutOfRange.
// Only Start, Contraction and Churn are read. Source: ChartMogul (as NRR).
func GRR(m Movements) (Ratio, error) {
	const id = "grr"
	if _, err := checkMoney(id, arg("start", m.Start), arg("contraction", m.Contraction), arg("churn", m.Churn)); err != nil {
		return Ratio{}, err
	}
	kept := m.Start.dec().Sub(m.Contraction.dec()).Sub(m.Churn.dec())
	if kept.Sign() < 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", kept, m.Start.dec())
}

const (
	sourceChartMogulChurnFormulas = "ChartMogul, Churn rate formulas (help.chartmogul.com/hc/en-us/articles/207340419-Churn-rate-formulas): customer churn = customers churned in the period (excluding joined-and-churned and churned-and-reactivated) ÷ customers at the start"
	sourceChartMogulMRRChurn      = "ChartMogul, MRR Churn Rate (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate): gross = (churn + contraction) ÷ start MRR; net = (churn + contraction − expansion − reactivation) ÷ start MRR"
	sourceAnnualLogoChurnBands    = "bands: " + seed004 + " §Logo Churn Rate (Customer Churn), annual: <5% best in class, 5–10% good, 10–15% acceptable, 15–20% warning, >20% critical; consistent with knowledgelib.io SaaS churn benchmarks 2026 (enterprise <5%, mid-market <10%, SMB <15% annual; median B2B annual logo churn 13%)"
	sourceLogoChurnSeeds          = seed001 + " §1 Wskaźnik rezygnacji (lost customers ÷ customers at the start × 100); " + seed003 + " §2 Pertes du client (cancelled ÷ paying customers); " + seed004 + " §Logo Churn Rate (lost ÷ customers at the start × 100; 15 of 500 is 3% a quarter); " + seed000 + " §Metrik Kesihatan (logo churn, percent of customers)"
	sourceMonthlyLogoChurnBands   = "bands: Optifai B2B SaaS churn benchmark 2025 (optif.ai/learn/questions/b2b-saas-churn-rate-benchmark): <1% best-in-class, 1–3% good, 3–5% acceptable, >5% high risk (monthly)"
	sourceChurnConversion         = "annualising churn compounds, 1 − (1 − m)^n, not n × m (Optifai churn benchmark 2025, optif.ai/learn/questions/b2b-saas-churn-rate-benchmark; getprobe.io/saas-metrics/monthlytoyearly)"
	sourceSaveRate                = seed004 + " §Kadar Selamat: save rate = at-risk customers retained ÷ all at-risk customers × 100; 50–60% typical when identified 30–60 days before renewal, 70–80% excellent with early (90+ days) identification, <40% too late or problems too deep"
	sourceCancelSaveRate          = "cancel-flow save rate = saved ÷ save attempts (Typewise, typewise.app/blog/save-rate-reduce-churn-customer-retention); bands: LostChurn docs, Measuring Saves (lostchurn-docs.pages.dev/docs/cancel-flows/measuring-saves): <5% needs attention, 5–15% fair, 15–30% good, 30%+ excellent"
	sourceCustomerExpansion       = seed004 + " §Kadar Pengembangan: customers with expansion ÷ eligible customers × 100; 25–35% of customers a year best in class, 15–25% good, 10–15% acceptable; §Net Revenue Retention (an expansion rate of 15–30% drives NRR)"
	sourceExpansionRate           = "expansion MRR ÷ MRR at the start of the period (Klipfolio MetricHQ, Expansion MRR Growth Rate, mhq-gatsby.pages.dev/saas/expansion-mrr-growth-rate); no bands: published benchmarks disagree on the period"
	sourceRetentionCounts         = seed001 + " §7 Wskaźnik utrzymania klientów: CRR = (customers at the end − customers acquired in the period) ÷ customers at the start × 100"
	sourceRenewal                 = seed003 + " §4 Réserve client (the ratio of customers' contracts renewed to contracts up for renewal); " + seed004 + " §Produktiviti CSM (renewal rate per CSM) and §Indikator Utama vs Ketinggalan (renewal rate is lagging)"
)

// LogoChurnRate is the customer (logo) churn rate over a period: the share of
// the customers at the start who were lost, an exact Ratio in [0, 1]:
//
//	logo churn = lost ÷ customers at start
//
// Following ChartMogul, lost excludes customers who joined and churned within
// the period and those who churned and reactivated in it: pass that count as
// c.Churned (New and End are not read). Negative counts return ErrNegative, a
// zero start ErrZeroDenominator, churned > start ErrOutOfRange. 15 lost of
// 500 is 3%. Source: ChartMogul churn rate formulas.
func LogoChurnRate(c Customers) (Ratio, error) {
	return retentionShare("logo_churn_rate", "churned", "start", c.Churned, c.Start)
}

// retentionShare is part ÷ whole for counts with 0 ≤ part ≤ whole.
func retentionShare(id, partName, wholeName string, part, whole int64) (Ratio, error) {
	if err := checkCount(id, partName, part); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, wholeName, whole); err != nil {
		return Ratio{}, err
	}
	if whole == 0 {
		return Ratio{}, metricErr(id, wholeName, ErrZeroDenominator)
	}
	if part > whole {
		return Ratio{}, metricErr(id, partName, fmt.Errorf("%w: %d of %d", ErrOutOfRange, part, whole))
	}
	return countRatio(id, wholeName, part, whole)
}

// GrossMRRChurnRate is ChartMogul's Gross MRR Churn Rate (gross revenue
// churn): the share of the starting MRR lost to churn and contraction, an
// exact Ratio in [0, 1], equal to 1 − GRR:
//
//	gross MRR churn = (churn + contraction) ÷ start MRR
//
// $10 churn and $10 contraction of $100 is 20%. Inputs are non-negative
// (ErrNegative) in one currency (ErrCurrencyMismatch); a zero start returns
// ErrZeroDenominator; losses above start ErrOutOfRange. Source: ChartMogul
// MRR Churn Rate. Only Start, Contraction and Churn are read.
func GrossMRRChurnRate(m Movements) (Ratio, error) {
	const id = "gross_mrr_churn_rate"
	if _, err := checkMoney(id, arg("start", m.Start), arg("contraction", m.Contraction), arg("churn", m.Churn)); err != nil {
		return Ratio{}, err
	}
	lost := m.Churn.dec().Add(m.Contraction.dec())
	if m.Start.Sign() != 0 && lost.Cmp(m.Start.dec()) > 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", lost, m.Start.dec())
}

// NetMRRChurnRate is ChartMogul's Net MRR Churn Rate: MRR lost to churn and
// contraction net of MRR gained from expansion and reactivation, relative to
// the starting MRR. It is negative when gains exceed losses (net negative
// churn, the ideal):
//
//	net MRR churn = (churn + contraction − expansion − reactivation) ÷ start MRR
//
// With $100 at the start, $10 churn, $10 contraction and $10 expansion it is
// 10% (ChartMogul's example). New business is never subtracted. Inputs are
// non-negative (ErrNegative) in one currency (ErrCurrencyMismatch); a zero
// start returns ErrZeroDenominator; churn + contraction above start
// ErrOutOfRange. Source: ChartMogul MRR Churn Rate (article 203359341).
func NetMRRChurnRate(m Movements) (Ratio, error) {
	const id = "net_mrr_churn_rate"
	if _, err := checkMoney(id, arg("start", m.Start), arg("expansion", m.Expansion), arg("reactivation", m.Reactivation),
		arg("contraction", m.Contraction), arg("churn", m.Churn)); err != nil {
		return Ratio{}, err
	}
	lost := m.Churn.dec().Add(m.Contraction.dec())
	if m.Start.Sign() != 0 && lost.Cmp(m.Start.dec()) > 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", lost.Sub(m.Expansion.dec()).Sub(m.Reactivation.dec()), m.Start.dec())
}

// CustomerRetentionRate is the share of the customers at the start of a
// period still customers at its end, an exact Ratio in [0, 1]:
//
//	customer retention = (customers at end − new customers) ÷ customers at start
//
// Count customers reactivated during the period as new here. With no new
// customers it is 1 − logo churn. Negative counts return ErrNegative; a zero
// start ErrZeroDenominator; new > end, or end − new > start, ErrOutOfRange.
// Churned is not read. Source: industry convention.
func CustomerRetentionRate(c Customers) (Ratio, error) {
	const id = "customer_retention_rate"
	for _, n := range []struct {
		name string
		n    int64
	}{{"start", c.Start}, {"end", c.End}, {"new", c.New}} {
		if err := checkCount(id, n.name, n.n); err != nil {
			return Ratio{}, err
		}
	}
	if c.New > c.End {
		return Ratio{}, metricErr(id, "new", fmt.Errorf("%w: %d new but %d at the end", ErrOutOfRange, c.New, c.End))
	}
	return retentionShare(id, "end", "start", c.End-c.New, c.Start)
}

// RenewalRate is the share of contracts due for renewal in a period that
// renewed, an exact Ratio in [0, 1]:
//
//	renewal rate = renewed ÷ due
//
// Negative counts return ErrNegative; zero due ErrZeroDenominator; renewed >
// due ErrOutOfRange. Source: industry convention.
func RenewalRate(renewed, due int64) (Ratio, error) {
	return retentionShare("renewal_rate", "renewed", "due", renewed, due)
}

// SaveRate is the share of the customers identified at risk in a period
// that were kept, an exact Ratio in [0, 1]:
//
//	save rate = at-risk customers retained ÷ all at-risk customers
//
// Every at-risk customer counts in the denominator, whether or not anyone
// tried to save them (004: identified late, a customer is lost before a save
// play starts). 50–60% is typical, 70–80% excellent, under 40% too late.
// Negative counts return ErrNegative; no at-risk customers
// ErrZeroDenominator; retained > atRisk ErrOutOfRange. Source: seed 004
// §Kadar Selamat. For the save rate of a cancellation flow (saved ÷ save
// attempts), see CancelSaveRate.
func SaveRate(retained, atRisk int64) (Ratio, error) {
	return retentionShare("save_rate", "retained", "atRisk", retained, atRisk)
}

// CancelSaveRate is the save rate of a cancellation flow: the share of the
// customers who started to cancel and were shown a save offer that stayed,
// an exact Ratio in [0, 1]:
//
//	cancel-flow save rate = saved ÷ save attempts
//
// It is not SaveRate: its denominator is the attempts, not every at-risk
// customer, and its benchmarks are lower (30%+ excellent). Negative counts
// return ErrNegative; zero attempts ErrZeroDenominator; saved > attempts
// ErrOutOfRange. Source: Typewise (formula), LostChurn (bands).
func CancelSaveRate(saved, attempts int64) (Ratio, error) {
	return retentionShare("cancel_save_rate", "saved", "attempts", saved, attempts)
}

// CustomerExpansionRate is the share of the customers eligible to expand in
// a period (paying at its start) that increased their spend in it, an exact
// Ratio in [0, 1]:
//
//	customer expansion rate = customers with expansion ÷ eligible customers
//
// It counts customers; ExpansionRate measures expansion MRR. Over a year,
// 25–35% is best in class, 15–25% good, 10–15% acceptable (seed 004).
// Negative counts return ErrNegative; no eligible customers
// ErrZeroDenominator; expanded > eligible ErrOutOfRange. Source: seed 004
// §Kadar Pengembangan.
func CustomerExpansionRate(expanded, eligible int64) (Ratio, error) {
	return retentionShare("customer_expansion_rate", "expanded", "eligible", expanded, eligible)
}

// ExpansionRate is the expansion MRR of a period relative to the starting MRR,
// an exact Ratio (it may exceed 100%); NRR − GRR equals it. It measures
// money; CustomerExpansionRate counts the customers who expanded:
//
//	expansion rate = expansion MRR ÷ start MRR
//
// Amounts are non-negative (ErrNegative) in one currency
// (ErrCurrencyMismatch); a zero start returns ErrZeroDenominator. Source:
// Klipfolio MetricHQ. Only Start and Expansion are read.
func ExpansionRate(m Movements) (Ratio, error) {
	const id = "expansion_rate"
	if _, err := checkMoney(id, arg("start", m.Start), arg("expansion", m.Expansion)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "start", m.Expansion.dec(), m.Start.dec())
}

// SimpleChurn converts a per-period churn rate to n periods by
// multiplication, exactly:
//
//	simple churn over n periods = rate × n
//
// It overstates churn (it can exceed 100%: 10% monthly × 12 is 120%) because
// the base shrinks as customers leave; prefer CompoundChurn, which it always
// bounds from above. rate outside [0, 1] or periods < 1 returns ErrOutOfRange.
// Quarterly 3% is 12% a year, as seed 004 annualises 15 lost of 500 a
// quarter ("3% a quarter, or ~12% a year"). Source: churn conversion
// convention.
func SimpleChurn(rate Ratio, periods int64) (Ratio, error) {
	const id = "simple_churn"
	if err := retentionCheckConversion(id, rate, periods); err != nil {
		return Ratio{}, err
	}
	return rate.MulInt(periods), nil
}

// CompoundChurn converts a per-period churn rate to n periods with
// compounding, exactly (n is a whole number, so the power is exact Ratio
// multiplication; nothing is rounded):
//
//	compound churn over n periods = 1 − (1 − rate)^n
//
// Quarterly 3% over 4 quarters is exactly 11.470719%; 5% monthly is about 46%
// a year. rate outside [0, 1], periods < 1, or an exact result too large to
// hold (more than about 80,000 digits) returns ErrOutOfRange. Source: churn
// conversion convention (Optifai, getprobe.io).
func CompoundChurn(rate Ratio, periods int64) (Ratio, error) {
	const id = "compound_churn"
	if err := retentionCheckConversion(id, rate, periods); err != nil {
		return Ratio{}, err
	}
	one := RatioFromInt(1)
	kept := one.Sub(rate)
	if kept.IsZero() || rate.IsZero() { // 0^n = 0 and 1^n = 1 for any n
		return rate, nil
	}
	num, den := kept.Fraction()
	per := retentionSize(num) + retentionSize(den) // bits one factor adds
	if periods > retentionMaxPowBits/per {
		return Ratio{}, metricErr(id, "periods", fmt.Errorf("%w: the exact result needs about %d bits per period over %d periods", ErrOutOfRange, per, periods))
	}
	return one.Sub(retentionPow(kept, periods)), nil
}

// retentionSize is the size in bits (at least 1) a decimal factor adds to an
// exact product, counting 4 bits per decimal place of its exponent.
func retentionSize(d decimal.Decimal) int64 {
	e := int64(d.Exponent())
	if e < 0 {
		e = -e
	}
	return 1 + int64(d.Coefficient().BitLen()) + 4*e
}

// retentionMaxPowBits bounds the size of an exact power in CompoundChurn.
const retentionMaxPowBits int64 = 1 << 18

// retentionPow returns r^n exactly for n ≥ 1, by squaring.
func retentionPow(r Ratio, n int64) Ratio {
	result := RatioFromInt(1)
	for base := r; n > 0; n >>= 1 {
		if n&1 == 1 {
			result = result.Mul(base)
		}
		if n > 1 {
			base = base.Mul(base)
		}
	}
	return result
}

// PerPeriodChurn is the inverse of CompoundChurn: the constant per-period
// churn rate that compounds to rate over n periods (a monthly rate from an
// annual one with n = 12):
//
//	per-period churn = 1 − (1 − rate)^(1/n)
//
// The root is irrational in general: the result is the exact value rounded
// once to 12 places, half to even (DefaultContext), so it is within ½·10^-12
// of the true rate, and a rate with at most 12 decimals survives the round
// trip PerPeriodChurn(CompoundChurn(m, n), n) = m exactly. rate outside
// [0, 1], periods < 1, or periods above about 1,300 (the exact root would
// need more than 65,536 bits: monthly or daily from annual works, hourly does
// not) returns ErrOutOfRange. Source: churn conversion convention.
func PerPeriodChurn(rate Ratio, periods int64) (Ratio, error) {
	return retentionPerPeriod(Context{}, rate, periods)
}

// retentionPerPeriod is PerPeriodChurn rounded once with ctx (scale ≥ 0).
func retentionPerPeriod(ctx Context, rate Ratio, periods int64) (Ratio, error) {
	const id = "per_period_churn"
	if err := retentionCheckConversion(id, rate, periods); err != nil {
		return Ratio{}, err
	}
	num, den := RatioFromInt(1).Sub(rate).Fraction()
	v, err := ctx.rootOfFraction(num, den, periods, true, 1)
	if err != nil {
		return Ratio{}, metricErr(id, "periods", err)
	}
	return ratioOfDecimals(v, decimal.New(1, 0)), nil
}

// retentionCheckConversion checks a churn rate in [0, 1] and periods ≥ 1.
func retentionCheckConversion(id string, rate Ratio, periods int64) error {
	if err := checkUnitInterval(id, "rate", rate); err != nil {
		return err
	}
	if periods < 1 {
		return metricErr(id, "periods", fmt.Errorf("%w: %d periods", ErrOutOfRange, periods))
	}
	return nil
}

// retentionStewards returns the owners and cadences of the retention family.
func retentionStewards() map[string]stewardship {
	return map[string]stewardship{
		"nrr":                     {roleCS, CadenceMonthly, ocExecutive},
		"grr":                     {roleCS, CadenceMonthly, ocExecutive},
		"logo_churn_rate":         {roleCS, CadenceMonthly, ocExecutive},
		"monthly_logo_churn_rate": {roleCS, CadenceMonthly, ocChurn000},
		"annual_logo_churn_rate":  {roleCS, CadenceAnnually, ocChurn000},
		"gross_mrr_churn_rate":    {roleCS, CadenceMonthly, "owner: " + seed004 + " §Pergerakan MRR (CS owns churn and contraction); cadence: " + seed001 + " §2 (quarterly or monthly)"},
		"net_mrr_churn_rate":      {roleCS, CadenceMonthly, "owner: " + seed004 + " §Pergerakan MRR (CS owns churn, contraction and expansion); cadence the library's choice"},
		"customer_retention_rate": {roleCS, CadenceMonthly, "owner: " + seed004 + " §Pergerakan MRR; cadence the library's choice"},
		"renewal_rate":            {roleCS, CadenceMonthly, "owner: " + seed004 + " §Produktiviti CSM (renewal rate per CSM); cadence the library's choice"},
		"save_rate":               {roleCS, CadenceWeekly, ocCSLeadership + " (at-risk customers)"},
		"cancel_save_rate":        {roleCS, CadenceWeekly, ocChoice},
		"customer_expansion_rate": {roleCS, CadenceQuarterly, "owner: " + seed004 + " §Pergerakan MRR (CS maximises expansion); cadence the library's choice (the bands are annual)"},
		"expansion_rate":          {roleCS, CadenceMonthly, "owner: " + seed004 + " §Pergerakan MRR (CS maximises expansion); cadence the library's choice"},
		"simple_churn":            {roleRevOps, CadenceMonthly, ocChoice},
		"compound_churn":          {roleRevOps, CadenceMonthly, ocChoice},
		"per_period_churn":        {roleRevOps, CadenceMonthly, ocChoice},
	}
}

// retentionDefinitions returns the dictionary entries of the retention family.
func retentionDefinitions() []Definition {
	return steward(retentionDefinitionList(), retentionStewards())
}

// retentionDefinitionList returns the retention entries before their owners
// and cadences are set.
func retentionDefinitionList() []Definition {
	return []Definition{
		{
			ID: "nrr", Name: "Net revenue retention", Category: CategoryRetention,
			Formula: "(start MRR + expansion − contraction − churn) ÷ start MRR; new and reactivation excluded",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "critical", Status: StatusRed, Note: "<90%"},
				{Name: "warning", From: pct(90), Status: StatusYellow, Note: "90–100%"},
				{Name: "acceptable", From: pct(100), Status: StatusYellow, Note: "100–110%"},
				{Name: "good", From: pct(110), Status: StatusGreen, Note: "110–120%"},
				{Name: "best-in-class", From: pct(120), Status: StatusGreen, Note: "120–140%"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceNRR004 + "; formula: " + sourceChartMogulNRR,
			Differs: "000 reads NRR on a cohort one year later (ARR then ÷ ARR at the start); over a span that is a cohort figure (package cohort): this is one period's movements. 002 words it as (expansion − downgrades − churn) ÷ start MRR, the change without the starting 100%; the library's NRR includes it (100% is flat).",
			Version: 1, Func: "metrics.NRR",
		},
		{
			ID: "grr", Name: "Gross revenue retention", Category: CategoryRetention,
			Formula: "(start MRR − contraction − churn) ÷ start MRR; expansion ignored",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "critical", Status: StatusRed, Note: "<80%"},
				{Name: "warning", From: pct(80), Status: StatusYellow, Note: "80–85%"},
				{Name: "acceptable", From: pct(85), Status: StatusYellow, Note: "85–90%"},
				{Name: "good", From: pct(90), Status: StatusGreen, Note: "90–95%"},
				{Name: "best-in-class", From: pct(95), Status: StatusGreen, Note: "95–98%"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceGRR004 + "; formula: " + sourceChartMogulNRR,
			Differs: "004's worked example prints GRR = ($10M − $800K − $200K) ÷ $10M = 91%, but its own figures give 90% (it also says $9M is kept); the library returns 90%, which is on the good band's lower edge.",
			Version: 1, Func: "metrics.GRR",
		},
		{
			ID: "logo_churn_rate", Name: "Logo (customer) churn rate", Category: CategoryRetention,
			Formula: "customers lost in the period ÷ customers at the start; joined-and-churned and churned-and-reactivated excluded",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceLogoChurnSeeds + "; exclusions: " + sourceChartMogulChurnFormulas + "; no bands: the period is the caller's (see monthly_ and annual_logo_churn_rate)",
			Differs: "001, 003 and 004 divide all customers lost by the customers at the start; ChartMogul leaves out those who joined and churned, or churned and came back, within the period. The function divides the count it is given: pass the count your convention asks for (mrr.Summary.LogoChurnRate applies either). 003's denominator reads 'customers paying at the same time'; the library takes the customers at the start.",
			Version: 1, Func: "metrics.LogoChurnRate",
		},
		{
			ID: "monthly_logo_churn_rate", Name: "Monthly logo churn rate", Category: CategoryRetention,
			Formula: "customers lost in the month ÷ customers at the start of the month",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "best-in-class", Status: StatusGreen, Note: "<1%"},
				{Name: "good", From: pct(1), Status: StatusGreen, Note: "1–3%"},
				{Name: "acceptable", From: pct(3), Status: StatusYellow, Note: "3–5%"},
				{Name: "high-risk", From: pct(5), Status: StatusRed, Note: ">5%"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLagging,
			Source: sourceChartMogulChurnFormulas + "; " + sourceMonthlyLogoChurnBands, Version: 1, Func: "metrics.LogoChurnRate",
		},
		{
			ID: "annual_logo_churn_rate", Name: "Annual logo churn rate", Category: CategoryRetention,
			Formula: "customers lost in the year ÷ customers at the start of the year (or CompoundChurn of a monthly rate over 12)",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "best-in-class", Status: StatusGreen, Note: "<5%"},
				{Name: "good", From: pct(5), Status: StatusGreen, Note: "5–10%"},
				{Name: "acceptable", From: pct(10), Status: StatusYellow, Note: "10–15%"},
				{Name: "warning", From: pct(15), Status: StatusYellow, Note: "15–20%"},
				{Name: "critical", From: pct(20), Exclusive: true, Status: StatusRed, Note: ">20% (20% itself is warning)"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceAnnualLogoChurnBands + "; formula: " + sourceChartMogulChurnFormulas,
			Differs: "004 annualises a quarterly rate by × 4 (3% a quarter ~12% a year, simple_churn); the library's annual figure from a shorter period compounds (compound_churn: 11.47%). Both land in the acceptable band here.",
			Version: 2, Func: "metrics.LogoChurnRate",
		},
		{
			ID: "gross_mrr_churn_rate", Name: "Gross MRR churn rate (gross revenue churn)", Category: CategoryRetention,
			Formula: "(churn + contraction MRR) ÷ start MRR; equals 1 − GRR",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceChartMogulMRRChurn + "; " + seed001 + " §2 Wskaźnik rezygnacji z przychodów (recurring revenue lost to cancellations and downgrades ÷ recurring revenue at the start × 100); " + seed000 + " §Metrik Kesihatan (dollar churn, percent of ARR); no bands: the documents give none for this rate",
			Differs: "002's 'contraction MRR' sums downgrades and cancellations (§Transformarea semnalelor): that sum is this rate's numerator. In the library contraction is the downgrades of customers still paying and churn is the cancellations; contraction + churn is 002's contraction.",
			Version: 1, Func: "metrics.GrossMRRChurnRate",
		},
		{
			ID: "net_mrr_churn_rate", Name: "Net MRR churn rate", Category: CategoryRetention,
			Formula: "(churn + contraction − expansion − reactivation MRR) ÷ start MRR; may be negative; new business never subtracted",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "net-negative", Status: StatusGreen, Note: "<0%: gains exceed losses (ChartMogul: ideal)"},
				{Name: "net-positive", From: pct(0), Status: StatusYellow, Note: "≥0%"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source: sourceChartMogulMRRChurn + "; bands: ChartMogul, Net MRR Churn Rate (help.chartmogul.com/hc/en-us/articles/4414075567250): ideally negative", Version: 1, Func: "metrics.NetMRRChurnRate",
		},
		{
			ID: "customer_retention_rate", Name: "Customer retention rate", Category: CategoryRetention,
			Formula: "(customers at end − new customers) ÷ customers at start",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source: sourceRetentionCounts, Version: 1, Func: "metrics.CustomerRetentionRate",
		},
		{
			ID: "renewal_rate", Name: "Renewal rate", Category: CategoryRetention,
			Formula: "contracts renewed ÷ contracts due for renewal",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceRenewal, Version: 1, Func: "metrics.RenewalRate",
		},
		{
			ID: "save_rate", Name: "Save rate (at-risk customers retained)", Category: CategoryRetention,
			Formula: "at-risk customers retained ÷ all at-risk customers",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "too late", Status: StatusRed, Note: "<40%: identified too late, or the problems run too deep"},
				{Name: "below typical", From: pct(40), Status: StatusYellow, Note: "40–50%: 004 gives no band here; above its red line, below typical"},
				{Name: "typical", From: pct(50), Status: StatusGreen, Note: "50–60% typical when identified 30–60 days before renewal; 60–70%, which 004 leaves out, counts as typical (below excellent)"},
				{Name: "excellent", From: pct(70), Status: StatusGreen, Note: "70–80% with early identification (90+ days); above 80% too"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceSaveRate, Version: 2, Func: "metrics.SaveRate",
		},
		{
			ID: "cancel_save_rate", Name: "Cancel-flow save rate", Category: CategoryRetention,
			Formula: "customers saved ÷ save attempts in a cancellation flow",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "needs-attention", Status: StatusRed, Note: "<5%"},
				{Name: "fair", From: pct(5), Status: StatusYellow, Note: "5–15%"},
				{Name: "good", From: pct(15), Status: StatusGreen, Note: "15–30%"},
				{Name: "excellent", From: pct(30), Status: StatusGreen, Note: "30%+"},
			},
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLagging,
			Source: sourceCancelSaveRate, Version: 1, Func: "metrics.CancelSaveRate",
		},
		{
			ID: "customer_expansion_rate", Name: "Customer expansion rate (customers who expanded)", Category: CategoryRetention,
			Formula: "customers with expansion ÷ eligible customers (paying at the start)",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "below acceptable", Status: StatusRed, Note: "<10%: 004 gives no band below its acceptable one"},
				{Name: "acceptable", From: pct(10), Status: StatusYellow, Note: "10–15%"},
				{Name: "good", From: pct(15), Status: StatusGreen, Note: "15–25%"},
				{Name: "best-in-class", From: pct(25), Status: StatusGreen, Note: "25–35% of customers a year; above 35% too"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceCustomerExpansion,
			Differs: "004's bands are annual (customers expanding in a year); over a shorter period the rate is lower.",
			Version: 1, Func: "metrics.CustomerExpansionRate",
		},
		{
			ID: "expansion_rate", Name: "Expansion MRR rate", Category: CategoryRetention,
			Formula: "expansion MRR ÷ start MRR",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source:  sourceExpansionRate,
			Differs: "004's 'kadar pengembangan' (expansion rate) counts customers, not MRR: that is customer_expansion_rate, with 004's bands.",
			Version: 1, Func: "metrics.ExpansionRate",
		},
		{
			ID: "simple_churn", Name: "Churn over n periods, simple", Category: CategoryRetention,
			Formula: "per-period rate × n (overstates churn; bounds compound_churn from above)",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLagging,
			Source: sourceChurnConversion + "; " + seed004 + " §Logo Churn Rate (3% a quarter, or ~12% a year)", Version: 1, Func: "metrics.SimpleChurn",
		},
		{
			ID: "compound_churn", Name: "Churn over n periods, compounded", Category: CategoryRetention,
			Formula: "1 − (1 − per-period rate)^n, exact",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging,
			Source: sourceChurnConversion, Version: 1, Func: "metrics.CompoundChurn",
		},
		{
			ID: "per_period_churn", Name: "Per-period churn from churn over n periods", Category: CategoryRetention,
			Formula: "1 − (1 − rate over n periods)^(1/n), rounded once to 12 places half-even",
			Unit:    UnitRatio, Display: "percent", Direction: LowerIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLagging,
			Source: sourceChurnConversion, Version: 1, Func: "metrics.PerPeriodChurn",
		},
	}
}
