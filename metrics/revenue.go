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
	sourceLogos          = "industry convention: logo (customer) counts follow the waterfall identity start + new − churned = end (ChartMogul customer churn, help.chartmogul.com/hc/en-us/articles/207340419)"
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
// (ErrZeroDenominator, ErrNegative, ErrCurrencyMismatch). Source: industry
// convention.
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
	return []Definition{
		money("mrr", "Monthly recurring revenue", "Σ monthly-normalised recurring amounts of active subscriptions",
			"metrics.MRRSum", sourceChartMogulMRR, Neutral, AudienceBoard, AudienceLeadership),
		money("mrr_from_arpa", "MRR from ARPA", "paying customers × ARPA",
			"metrics.MRRFromARPA", sourceChartMogulARPA, Neutral, AudienceLeadership),
		money("arr", "Annual recurring revenue", "12 × MRR",
			"metrics.ARR", sourceChartMogulMRR, Neutral, AudienceBoard, AudienceLeadership),
		money("net_new_mrr", "Net new MRR", "new + expansion + reactivation − contraction − churn MRR",
			"metrics.NetNewMRR", sourceChartMogulMRR, HigherIsBetter, AudienceBoard, AudienceLeadership),
		money("net_new_arr", "Net new ARR", "12 × (new + expansion + reactivation − contraction − churn MRR)",
			"metrics.NetNewARR", sourceChartMogulMRR, HigherIsBetter, AudienceBoard, AudienceLeadership),
		rate("growth_rate", "Period growth rate (MoM, QoQ, YoY)", "(current − previous) ÷ previous",
			"metrics.GrowthRate", sourceGrowthRate, AudienceBoard, AudienceLeadership),
		rate("cmgr", "Compound monthly growth rate", "(end ÷ start)^(1/months) − 1, rounded once to 12 places half-even",
			"metrics.CMGR", sourceCMGR, AudienceBoard, AudienceLeadership),
		money("arpa", "Average revenue per account", "MRR ÷ paying customers (a customer with several subscriptions counts once)",
			"metrics.ARPA", sourceChartMogulARPA, Neutral, AudienceLeadership, AudienceDepartment),
		money("arpu", "Average revenue per user", "MRR ÷ users",
			"metrics.ARPU", sourceChartMogulARPA, Neutral, AudienceLeadership, AudienceDepartment),
		money("acv", "Annual contract value", "total contract value ÷ contract years",
			"metrics.ACV", sourceACV, Neutral, AudienceLeadership, AudienceDepartment),
		rate("acv_growth", "ACV growth", "(current ACV − previous ACV) ÷ previous ACV",
			"metrics.ACVGrowth", sourceACV+"; growth as "+sourceGrowthRate, AudienceLeadership, AudienceDepartment),
		{
			ID: "net_logo_growth", Name: "Net logo growth", Category: CategoryRevenue,
			Formula: "new customers − churned customers", Unit: UnitCount, Direction: HigherIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership}, Signal: SignalLagging, Source: sourceLogos,
			Version: 1, Func: "metrics.NetLogoGrowth",
		},
		rate("logo_growth_rate", "Logo growth rate", "(new customers − churned customers) ÷ customers at start",
			"metrics.LogoGrowthRate", sourceLogos, AudienceBoard, AudienceLeadership),
	}
}
