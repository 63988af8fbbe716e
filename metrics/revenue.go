package metrics

// Revenue and growth: MRR, ARR, net new MRR, growth rates, ARPA/ARPU, ACV and
// logo counts.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

const (
	sourceChartMogulMRR  = "ChartMogul, MRR movements (help.chartmogul.com/hc/en-us/articles/201244842): new business, expansion, contraction, churn, reactivation; ARR = MRR × 12 is industry convention"
	sourceChartMogulARPA = "ChartMogul, Average Revenue Per Account (help.chartmogul.com/hc/en-us/articles/203359301): sum of customers' MRR ÷ number of customers; a customer with several subscriptions counts once"
	sourceGrowthRate     = "industry convention: period-over-period growth (current − previous) ÷ previous, as SaaSGrid's metrics library reports period-over-period and year-over-year growth (saasgrid.com/metrics-library/churn)"
	sourceCMGR           = "SaaSGrid, CMGR (saasgrid.com/metrics-library/cmgr) and MetricKit glossary (metrickittools.com/glossary/cmgr): (ending ÷ starting)^(1/months) − 1"
	sourceACV            = "RevOps glossary, Annual Contract Value (wf.revops.io/glossary/annual-contract-value-acv): total contract value ÷ number of years on the contract"
	sourceLogos          = seed000 + " §Metrik Logo (new customers added, customers churned, net logo growth); the waterfall identity start + new − churned = end (ChartMogul customer churn, help.chartmogul.com/hc/en-us/articles/207340419)"
	sourceMRRSeeds       = seed001 + " §3 Miesięczny przychód cykliczny (total value from active subscribers in a month); " + seed003 + " §1 MRR (contract amounts amortised to each month); " + seed000 + " §Metrik Pertumbuhan"
	sourceMRRFromARPA    = seed001 + " §3 (MRR = customers × average monthly revenue per customer; 10 customers paying $10 a month: $100); " + seed002 + " §Venit lunar recurent (MRR = ARPU × paying accounts active in the month)"
	sourceARR            = seed000 + " §ARR dan Net New ARR (ARR run rate); " + seed002 + " §Venit lunar recurent (ARR is MRR annualised)"
	sourceNetNewARR      = seed000 + " §ARR dan Net New ARR (quarterly or monthly net additions: new, expansion, contraction and churn ARR) and §Air Terjun ARR"
	sourceGrowth000      = seed000 + " §Metrik Pertumbuhan (ARR growth quarter over quarter and year over year) and §Arah Aliran Kadar Pertumbuhan"
	sourceGrowthTrend    = seed000 + " §Arah Aliran Kadar Pertumbuhan: quarterly growth over the last 8–12 quarters, accelerating (great), stable (good) or decelerating (worrying); the trend as the least-squares slope of the series is the library's reading"
	sourceARPA003        = seed003 + " §3 Prix client LTV (ARPA = MRR ÷ paying customers in the month)"
	sourceARPU001        = seed001 + " §9 Średni przychód na użytkownika (ARPU = total revenue ÷ total users, what each subscriber spends a month)"
	sourceACV004         = seed004 + " §Pertumbuhan Average Contract Value (ACV): ((current average ACV − previous) ÷ previous) × 100; $35K → $42K is 20%"
)

// MRRSum is monthly recurring revenue as the sum of each customer's (or
// subscription's) monthly-normalised recurring amount:
//
//	MRR = Σ amounts
//
// Amounts must be non-negative (else ErrNegative) and share one currency
// (else ErrCurrencyMismatch); the zero Money adopts the others' currency. An
// empty list is 0 MRR (Money{}): no customers pay nothing. Normalise annual,
// quarterly and weekly plans to monthly first. Source: ChartMogul MRR.
func MRRSum(amounts ...Money) (Money, error) {
	const id = "mrr"
	var total Money
	for i, a := range amounts {
		name := fmt.Sprintf("amounts[%d]", i)
		if _, err := checkMoney(id, arg("total", total), arg(name, a)); err != nil {
			return Money{}, err
		}
		total, _ = total.Add(a) // currencies checked above
	}
	return total, nil
}

// MRRFromARPA is MRR as the number of paying customers times the average
// revenue per account:
//
//	MRR = customers × ARPA
//
// It is exact. A negative count or ARPA returns ErrNegative; 0 customers is
// 0 MRR. Source: ChartMogul ARPA (its inverse).
func MRRFromARPA(customers int64, arpa Money) (Money, error) {
	const id = "mrr_from_arpa"
	if err := checkCount(id, "customers", customers); err != nil {
		return Money{}, err
	}
	if _, err := checkMoney(id, arg("arpa", arpa)); err != nil {
		return Money{}, err
	}
	return arpa.MulInt(customers), nil
}

// ARR is annual recurring revenue, twelve times MRR, exactly:
//
//	ARR = 12 × MRR
//
// A negative MRR returns ErrNegative. Source: industry convention (as
// ChartMogul's ARR chart).
func ARR(mrr Money) (Money, error) {
	const id = "arr"
	if _, err := checkMoney(id, arg("mrr", mrr)); err != nil {
		return Money{}, err
	}
	return mrr.MulInt(12), nil
}

// NetNewMRR is the change of MRR over a period from its movements (Start is
// not read):
//
//	net new MRR = new + expansion + reactivation − contraction − churn
//
// It equals end MRR − start MRR (the waterfall identity) and may be negative.
// Every movement is a non-negative amount (else ErrNegative) in one currency
// (else ErrCurrencyMismatch). Source: ChartMogul MRR movements.
func NetNewMRR(m Movements) (Money, error) {
	return revenueNetNew("net_new_mrr", m)
}

// NetNewARR is net new MRR annualised, exactly, from the period's monthly
// movements:
//
//	net new ARR = 12 × (new + expansion + reactivation − contraction − churn)
//
// It may be negative; inputs as NetNewMRR (ErrNegative, ErrCurrencyMismatch).
// If you track movements in ARR already, NetNewMRR's formula applies to them
// unchanged. Source: ChartMogul MRR movements; ARR = 12 × MRR by convention.
func NetNewARR(m Movements) (Money, error) {
	v, err := revenueNetNew("net_new_arr", m)
	if err != nil {
		return Money{}, err
	}
	return v.MulInt(12), nil
}

// revenueNetNew is new + expansion + reactivation − contraction − churn.
func revenueNetNew(id string, m Movements) (Money, error) {
	cur, err := checkMoney(id, arg("new", m.New), arg("expansion", m.Expansion), arg("reactivation", m.Reactivation),
		arg("contraction", m.Contraction), arg("churn", m.Churn))
	if err != nil {
		return Money{}, err
	}
	v := m.New.dec().Add(m.Expansion.dec()).Add(m.Reactivation.dec()).Sub(m.Contraction.dec()).Sub(m.Churn.dec())
	return moneyOf(v, cur), nil
}

// GrowthRate is the growth of an amount from one period to the next, an exact
// Ratio (−100% when current is 0, no upper bound):
//
//	growth = (current − previous) ÷ previous
//
// It serves every period length by what you pass: this month's and last
// month's MRR give month-over-month (MoM) growth, quarter ends give QoQ, the
// same month a year apart gives YoY. A zero previous returns
// ErrZeroDenominator; a negative amount ErrNegative; two currencies
// ErrCurrencyMismatch. Source: industry convention (SaaSGrid).
func GrowthRate(p Periods) (Ratio, error) {
	return revenueGrowth("growth_rate", p)
}

// revenueGrowth is GrowthRate under the metric ID id.
func revenueGrowth(id string, p Periods) (Ratio, error) {
	if _, err := checkMoney(id, arg("previous", p.Previous), arg("current", p.Current)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "previous", p.Current.dec().Sub(p.Previous.dec()), p.Previous.dec())
}

// CMGR is the compound monthly growth rate: the constant monthly growth that
// turns p.Previous (the start) into p.Current (the end) over months months:
//
//	CMGR = (end ÷ start)^(1/months) − 1
//
// The root is irrational in general: the result is the exact value rounded
// once to 12 places, half to even (DefaultContext), so it is within ½·10^-12
// of the true rate and exact when the true rate has at most 12 decimals
// (100 → 121 over 2 months is exactly 10%). start must be positive (zero:
// ErrZeroDenominator), amounts non-negative (ErrNegative) in one currency
// (ErrCurrencyMismatch), months in [1, about 1,300] (else ErrOutOfRange: the
// exact root would need more than 65,536 bits); end = 0 gives −100%.
// Source: SaaSGrid and MetricKit CMGR.
func CMGR(p Periods, months int64) (Ratio, error) {
	return revenueCMGR(Context{}, p, months)
}

// revenueCMGR is CMGR rounded once with ctx (whose scale must be ≥ 0).
func revenueCMGR(ctx Context, p Periods, months int64) (Ratio, error) {
	const id = "cmgr"
	if _, err := checkMoney(id, arg("previous", p.Previous), arg("current", p.Current)); err != nil {
		return Ratio{}, err
	}
	if p.Previous.IsZero() {
		return Ratio{}, metricErr(id, "previous", ErrZeroDenominator)
	}
	if months < 1 {
		return Ratio{}, metricErr(id, "months", fmt.Errorf("%w: %d months", ErrOutOfRange, months))
	}
	v, err := ctx.rootOfFraction(p.Current.dec(), p.Previous.dec(), months, false, -1)
	if err != nil {
		return Ratio{}, metricErr(id, "months", err)
	}
	return ratioOfDecimals(v, decimal.New(1, 0)), nil
}

// ARPA is the average revenue per account: MRR divided by the number of paying
// customers. A customer with several subscriptions counts once (ChartMogul
// combines them before dividing). The result is rounded once with the zero
// Context{} (12 places, half to even):
//
//	ARPA = MRR ÷ customers
//
// Zero customers returns ErrZeroDenominator; a negative count or MRR
// ErrNegative. Source: ChartMogul ARPA.
func ARPA(mrr Money, customers int64) (Money, error) {
	return revenuePer("arpa", "customers", mrr, customers)
}

// ARPU is the average revenue per user (seat, member): MRR divided by the
// number of users, rounded once with the zero Context{} (12 places, half to
// even). Where ARPA counts paying accounts, ARPU counts the people in them:
//
//	ARPU = MRR ÷ users
//
// Zero users returns ErrZeroDenominator; a negative count or MRR ErrNegative.
// Source: ChartMogul ARPA (which notes the ARPU name is often used for ARPA).
func ARPU(mrr Money, users int64) (Money, error) {
	return revenuePer("arpu", "users", mrr, users)
}

// revenuePer is mrr ÷ n rounded once with Context{}.
func revenuePer(id, countName string, mrr Money, n int64) (Money, error) {
	if _, err := checkMoney(id, arg("mrr", mrr)); err != nil {
		return Money{}, err
	}
	if err := checkCount(id, countName, n); err != nil {
		return Money{}, err
	}
	if n == 0 {
		return Money{}, metricErr(id, countName, ErrZeroDenominator)
	}
	return mrr.QuoInt(n, Context{})
}

// ACV is the annual contract value: a contract's total value spread over its
// years, rounded once with the zero Context{} (12 places, half to even):
//
//	ACV = total contract value ÷ contract years
//
// Years may be fractional (an 18-month contract is 1.5 years). Exclude
// one-time fees from the total first. Zero years returns ErrZeroDenominator;
// negative years or value ErrNegative. Source: RevOps glossary ACV.
func ACV(totalContractValue Money, years decimal.Decimal) (Money, error) {
	const id = "acv"
	if _, err := checkMoney(id, arg("totalContractValue", totalContractValue)); err != nil {
		return Money{}, err
	}
	if err := checkNonNegative(id, "years", years); err != nil {
		return Money{}, err
	}
	if years.Sign() == 0 {
		return Money{}, metricErr(id, "years", ErrZeroDenominator)
	}
	return moneyOf(Context{}.quo(totalContractValue.dec(), years), totalContractValue.currency), nil
}

// ACVGrowth is the growth of the average ACV (of new deals, or of one account
// at renewal) from one period to the next, GrowthRate's formula:
//
//	ACV growth = (current ACV − previous ACV) ÷ previous ACV
//
// An ACV of 35,000 growing to 42,000 is 20%. Errors as GrowthRate
// (ErrZeroDenominator, ErrNegative, ErrCurrencyMismatch). Source: seed 004
// §Pertumbuhan Average Contract Value (its worked example).
func ACVGrowth(p Periods) (Ratio, error) {
	return revenueGrowth("acv_growth", p)
}

// NetLogoGrowth is the net change of the number of customers (logos) over a
// period, a Count that may be negative (Start and End are not read):
//
//	net logo growth = new − churned
//
// Negative counts return ErrNegative. Source: industry convention (the
// customer waterfall).
func NetLogoGrowth(c Customers) (Quantity, error) {
	const id = "net_logo_growth"
	if err := checkCount(id, "new", c.New); err != nil {
		return Quantity{}, err
	}
	if err := checkCount(id, "churned", c.Churned); err != nil {
		return Quantity{}, err
	}
	return Count(c.New - c.Churned), nil
}

// LogoGrowthRate is the net change of the number of customers relative to the
// customers at the start of the period, an exact Ratio (≥ −100%; End is not
// read):
//
//	logo growth rate = (new − churned) ÷ start
//
// Counts must be non-negative (ErrNegative); a zero start returns
// ErrZeroDenominator; more churned than start returns ErrOutOfRange (churned
// customers were customers at the start). Source: industry convention.
func LogoGrowthRate(c Customers) (Ratio, error) {
	const id = "logo_growth_rate"
	for _, n := range []struct {
		name string
		n    int64
	}{{"start", c.Start}, {"new", c.New}, {"churned", c.Churned}} {
		if err := checkCount(id, n.name, n.n); err != nil {
			return Ratio{}, err
		}
	}
	if c.Churned > c.Start {
		return Ratio{}, metricErr(id, "churned", fmt.Errorf("%w: %d churned of %d", ErrOutOfRange, c.Churned, c.Start))
	}
	return ratio(id, "start", decimal.New(c.New, 0).Sub(decimal.New(c.Churned, 0)), decimal.New(c.Start, 0))
}

// TrendDirection says where a series of growth rates is heading.
type TrendDirection uint8

// The trend directions, as seed 000 names them.
const (
	TrendDecelerating TrendDirection = iota + 1 // growth slowing (000: worrying)
	TrendStable                                 // growth steady within the tolerance (000: good)
	TrendAccelerating                           // growth speeding up (000: great)
)

var trendNames = [...]string{"", "decelerating", "stable", "accelerating"}

// String returns "decelerating", "stable" or "accelerating".
func (d TrendDirection) String() string {
	if d > 0 && int(d) < len(trendNames) {
		return trendNames[d]
	}
	return fmt.Sprintf("TrendDirection(%d)", uint8(d))
}

// MarshalText writes the direction's name.
func (d TrendDirection) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Trend is the trend of a series of growth rates: the least-squares slope of
// the rates against their period index (in rate per period, so 10%, 12%, 14%
// has a slope of 2 percentage points) and its direction.
type Trend struct {
	Slope     Ratio          // change of the growth rate per period, exact
	Direction TrendDirection // accelerating, stable or decelerating
}

// Equal reports whether t and o have the same slope (as a number) and
// direction, so go-cmp can compare Trends.
func (t Trend) Equal(o Trend) bool { return t.Direction == o.Direction && t.Slope.Equal(o.Slope) }

// growthTrendMaxRates and growthTrendMaxBits bound GrowthTrend's series:
// the exact sums grow with every distinct denominator, and the source asks
// for 8–12 quarters. Twelve rates of a few decimals take a few hundred bits.
const (
	growthTrendMaxRates       = 1000
	growthTrendMaxBits  int64 = 1 << 14
)

// GrowthTrend reads a series of period growth rates, oldest first (seed 000:
// quarterly growth over the last 8–12 quarters), as accelerating, stable or
// decelerating. The slope is the exact least-squares slope of the rates
// against their index 0 … n−1,
//
//	slope = (n Σ i·rᵢ − Σ i · Σ rᵢ) ÷ (n Σ i² − (Σ i)²)
//
// and the direction is stable when |slope| ≤ tolerance (a non-negative
// rate per period, such as 1 percentage point), accelerating above it and
// decelerating below −tolerance. With two rates the slope is their
// difference. Fewer than two rates return ErrEmpty; more than 1,000 rates, or
// rates whose exact fractions together exceed 16,384 bits, ErrOutOfRange; a
// negative tolerance ErrNegative. Source: seed 000 §Arah
// Aliran Kadar Pertumbuhan; the "growth_trend" definition's bands are the
// directions at tolerance 0.
func GrowthTrend(rates []Ratio, tolerance Ratio) (Trend, error) {
	const id = "growth_trend"
	n := int64(len(rates))
	switch {
	case n < 2:
		return Trend{}, metricErr(id, "rates", fmt.Errorf("%w: %d rates, need at least 2", ErrEmpty, n))
	case n > growthTrendMaxRates:
		return Trend{}, metricErr(id, "rates", fmt.Errorf("%w: %d rates, at most %d", ErrOutOfRange, n, growthTrendMaxRates))
	case tolerance.Sign() < 0:
		return Trend{}, metricErr(id, "tolerance", fmt.Errorf("%w: %s", ErrNegative, tolerance))
	}
	var bits int64
	for _, r := range rates {
		num, den := r.Fraction()
		if bits += retentionSize(num) + retentionSize(den); bits > growthTrendMaxBits {
			return Trend{}, metricErr(id, "rates", fmt.Errorf("%w: the exact sums would need more than %d bits", ErrOutOfRange, growthTrendMaxBits))
		}
	}
	var sumR, sumIR Ratio
	for i, r := range rates {
		sumR = sumR.Add(r)
		sumIR = sumIR.Add(r.MulInt(int64(i)))
	}
	sumI := n * (n - 1) / 2                       // Σ i over 0 … n−1
	den := n * n * (n*n - 1) / 12                 // n Σ i² − (Σ i)², at most about 8.4·10^10 for n ≤ 1,000
	num := sumIR.MulInt(n).Sub(sumR.MulInt(sumI)) // n Σ i·rᵢ − Σ i · Σ rᵢ
	slope, err := num.Quo(RatioFromInt(den))
	if err != nil { // den > 0 for n ≥ 2
		return Trend{}, metricErr(id, "rates", err)
	}
	t := Trend{Slope: slope, Direction: TrendStable}
	switch {
	case slope.Cmp(tolerance) > 0:
		t.Direction = TrendAccelerating
	case slope.Cmp(tolerance.Neg()) < 0:
		t.Direction = TrendDecelerating
	}
	return t, nil
}

// revenueStewards returns the owners and cadences of the revenue family.
func revenueStewards() map[string]stewardship {
	fin := "owner: " + seed000 + " (finance keeps the ARR spreadsheet; §Audit Tetap compares ARR with the finance system); cadence the library's choice"
	return map[string]stewardship{
		"mrr":              {roleCFO, CadenceMonthly, fin},
		"mrr_from_arpa":    {roleCFO, CadenceMonthly, fin},
		"arr":              {roleCFO, CadenceMonthly, fin},
		"net_new_mrr":      {roleCFO, CadenceMonthly, fin},
		"net_new_arr":      {roleCFO, CadenceQuarterly, "cadence: " + seed000 + " §ARR dan Net New ARR (quarterly or monthly net additions); " + fin},
		"growth_rate":      {roleCFO, CadenceQuarterly, ocGrowth},
		"cmgr":             {roleCFO, CadenceMonthly, ocChoice},
		"arpa":             {roleCFO, CadenceMonthly, "cadence: " + seed003 + " §3 (paying customers in the month); owner the library's choice"},
		"arpu":             {roleCFO, CadenceMonthly, "cadence: " + seed001 + " §9 (spend per subscriber a month); owner the library's choice"},
		"acv":              {roleCRO, CadenceAnnually, ocChoice},
		"acv_growth":       {roleCS, CadenceAnnually, "owner and cadence: " + seed004 + " §Metrik Pertumbuhan (CS growth metrics; ACV growth year over year)"},
		"net_logo_growth":  {roleCRO, CadenceMonthly, ocChoice},
		"logo_growth_rate": {roleCRO, CadenceMonthly, ocChoice},
		"growth_trend":     {roleCEO, CadenceQuarterly, "owner and cadence: " + seed000 + " §Arah Aliran Kadar Pertumbuhan (board dashboard, quarterly growth rates); the CEO is the library's choice"},
	}
}

// revenueDefinitions returns the dictionary entries of the revenue family.
func revenueDefinitions() []Definition {
	money := func(id, name, formula, fn, source string, dir Direction, aud ...Audience) Definition {
		return Definition{
			ID: id, Name: name, Category: CategoryRevenue, Formula: formula, Unit: UnitMoney,
			Direction: dir, Audiences: aud, Signal: SignalLagging, Source: source, Version: 1, Func: fn,
		}
	}
	rate := func(id, name, formula, fn, source string, aud ...Audience) Definition {
		return Definition{
			ID: id, Name: name, Category: CategoryRevenue, Formula: formula, Unit: UnitRatio,
			Display: "percent", Direction: HigherIsBetter, Audiences: aud, Signal: SignalLagging,
			Source: source, Version: 1, Func: fn,
		}
	}
	differs := func(d Definition, text string) Definition { d.Differs = text; return d }
	defs := []Definition{
		money("mrr", "Monthly recurring revenue", "Σ monthly-normalised recurring amounts of active subscriptions",
			"metrics.MRRSum", sourceMRRSeeds+"; "+sourceChartMogulMRR, Neutral, AudienceBoard, AudienceLeadership),
		differs(money("mrr_from_arpa", "MRR from ARPA (002: ARPU × paying accounts)", "paying customers × ARPA",
			"metrics.MRRFromARPA", sourceMRRFromARPA+"; "+sourceChartMogulARPA, Neutral, AudienceLeadership),
			"002 writes MRR = ARPU × active paying accounts, calling the revenue per account ARPU; the library calls it ARPA (arpa) and keeps ARPU for revenue per user (arpu, 001 §9)."),
		money("arr", "Annual recurring revenue", "12 × MRR",
			"metrics.ARR", sourceARR+"; "+sourceChartMogulMRR, Neutral, AudienceBoard, AudienceLeadership),
		money("net_new_mrr", "Net new MRR", "new + expansion + reactivation − contraction − churn MRR",
			"metrics.NetNewMRR", sourceChartMogulMRR+"; "+seed003+" §1 (new MRR, expansion, lost MRR)", HigherIsBetter, AudienceBoard, AudienceLeadership),
		differs(money("net_new_arr", "Net new ARR", "12 × (new + expansion + reactivation − contraction − churn MRR)",
			"metrics.NetNewARR", sourceNetNewARR+"; "+sourceChartMogulMRR, HigherIsBetter, AudienceBoard, AudienceLeadership),
			"000's waterfall (new + expansion − contraction − churn) has no reactivation; the library adds returning customers' MRR (ChartMogul), which is zero when there is none."),
		rate("growth_rate", "Period growth rate (MoM, QoQ, YoY)", "(current − previous) ÷ previous",
			"metrics.GrowthRate", sourceGrowth000+"; "+sourceGrowthRate, AudienceBoard, AudienceLeadership),
		rate("cmgr", "Compound monthly growth rate", "(end ÷ start)^(1/months) − 1, rounded once to 12 places half-even",
			"metrics.CMGR", sourceCMGR, AudienceBoard, AudienceLeadership),
		differs(money("arpa", "Average revenue per account", "MRR ÷ paying customers (a customer with several subscriptions counts once)",
			"metrics.ARPA", sourceARPA003+"; "+sourceChartMogulARPA, Neutral, AudienceLeadership, AudienceDepartment),
			"002 calls the revenue per paying account ARPU (§Venit lunar recurent, §ARPU și retenția veniturilor nete); it is this."),
		differs(money("arpu", "Average revenue per user", "MRR ÷ users",
			"metrics.ARPU", sourceARPU001+"; "+sourceChartMogulARPA, Neutral, AudienceLeadership, AudienceDepartment),
			"001 divides total revenue by users; the library divides MRR, the recurring part. 002's 'ARPU' is per account: arpa."),
		money("acv", "Annual contract value", "total contract value ÷ contract years",
			"metrics.ACV", sourceACV, Neutral, AudienceLeadership, AudienceDepartment),
		rate("acv_growth", "ACV growth", "(current ACV − previous ACV) ÷ previous ACV",
			"metrics.ACVGrowth", sourceACV004+"; "+sourceACV, AudienceLeadership, AudienceDepartment),
		{
			ID: "net_logo_growth", Name: "Net logo growth", Category: CategoryRevenue,
			Formula: "new customers − churned customers", Unit: UnitCount, Direction: HigherIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging, Source: sourceLogos,
			Version: 1, Func: "metrics.NetLogoGrowth",
		},
		rate("logo_growth_rate", "Logo growth rate", "(new customers − churned customers) ÷ customers at start",
			"metrics.LogoGrowthRate", sourceLogos, AudienceBoard, AudienceLeadership),
		{
			ID: "growth_trend", Name: "Growth-rate trend (accelerating, stable, decelerating)", Category: CategoryRevenue,
			Formula: "least-squares slope of the period growth rates against their index (rate per period); stable when |slope| ≤ tolerance",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "decelerating", Status: StatusYellow, Note: "slope < 0: growth slowing (000: worrying)"},
				{Name: "stable", From: pct(0), Status: StatusGreen, Note: "slope 0 (within the caller's tolerance with metrics.GrowthTrend) (000: good)"},
				{Name: "accelerating", From: pct(0), Exclusive: true, Status: StatusGreen, Note: "slope > 0: growth speeding up (000: great)"},
			},
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLeading,
			Source:  sourceGrowthTrend,
			Differs: "000 names the three states but no rule; the library reads them from the least-squares slope, with a tolerance for stable (the bands are the tolerance-0 reading).",
			Version: 1, Func: "metrics.GrowthTrend",
		},
	}
	return steward(defs, revenueStewards())
}
