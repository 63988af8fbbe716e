package metrics

// Unit economics: what a customer costs to acquire, what it is worth, how
// fast the cost comes back, and how efficiently the company turns cash into
// recurring revenue.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Sources of the unit-economics definitions and bands (found with the search
// tool; cited again in the tests).
const (
	sourceChartMogulLTV  = "ChartMogul, Customer Lifetime Value (help.chartmogul.com/hc/en-us/articles/203359061): LTV = ARPA ÷ customer churn rate; not computed when churn is 0; LTV should be at least 3× CAC"
	sourceLTVCACBands    = "refinity.io/tools/ltv-cac-calculator and listcraft.pages.dev/ltv-cac-ratio-calculator: <1:1 loses money, 1–3:1 thin, ~3:1 healthy target, 3–5:1 healthy zone, above 5:1 may be under-investing; ChartMogul LTV ≥ 3× CAC"
	sourceCACPayback     = "payoutmath-com.pages.dev/ltv-cac-ratio-calculator: months to recover CAC = CAC ÷ monthly gross profit per customer; below 12 months healthy, above 24 months trouble; demandcurve.com (margin-adjusted ARPU = ARPU × gross margin)"
	sourceMagicNumber    = "bigdelta.com/library/metrics/saas-magic-number and retentionlens.com/saas-metrics/saas-magic-number: net new ARR in a quarter ÷ prior-quarter S&M spend; >0.75 efficient, 0.5–0.75 workable, <0.5 fix first, >1.5 possibly under-investing"
	sourceQuickRatio     = "growthstack.dev/glossary/quick-ratio: (new + expansion + reactivation) ÷ (churn + contraction); cust.co/glossary/quick-ratio-saas: <1 losing more than winning, 1–4 healthy growth, >4 strong; Baremetrics, New Quick Ratio Metric (changelog.baremetrics.com): (new + expansion) ÷ (contraction + churn)"
	sourceBurnMultiple   = "David Sacks, Craft Ventures (2020), as digested by omegapoint.systems/omega/benchmarks/burn-multiple, winsabove.com/glossary/burn-multiple and bsivc.blogspot.com/2023/03/david-sacks-burn-multiple.html: net burn ÷ net new ARR over the same period; <1x amazing, 1–1.5x great, 1.5–2x good, 2–3x suspect, >3x bad; undefined when net new ARR ≤ 0 (signals.gitdealflow.com); Bessemer's efficiency score is its inverse"
	sourceGrossMargin    = "demandcurve.com/lessons/calculate-your-growth-economics: gross margin = (revenue − COGS) ÷ revenue"
	sourceRuleOf40       = "upbeat.team/metrics/unit-economics.html and pulserevops.netlify.app/knowledge/tag/efficient-growth: annual revenue growth rate + profit margin should be at least 40%"
	sourceIndustryEconom = "industry convention; formula as stated"
	sourceCAC            = seed000 + " §Metrik Kecekapan and §Definisi Pengiraan (CAC = (sales + marketing spend) ÷ new customers); " + seed001 + " §6 Koszt pozyskania klienta ((cost of sales + cost of marketing) ÷ new customers); " + seed002 + " §Valoarea pe durata vieții clientului și CAC; " + seed003 + " §5 (market and sales costs per customer)"
	sourceCACChannel     = seed000 + " §CAC mengikut Saluran (acquisition cost per marketing channel: paid search, content, events, partners); " + seed003 + " §5 (CAC computed per market activity in the CRM)"
	sourceLTVSimple      = seed000 + " §Metrik Kecekapan (LTV = average revenue per customer × average customer lifetime); " + seed001 + " §8 Wartość życiowa klienta (customer value × average customer lifespan)"
	sourceLTVAnnual      = seed004 + " §Customer Lifetime Value (LTV), simple formula: average annual revenue per customer × average customer lifetime in years"
	sourceLTV003         = seed003 + " §3 Prix client LTV (LTV = ARPA ÷ customer churn rate)"
	sourceLTVGM004       = seed004 + " §Customer Lifetime Value (LTV), advanced formula: (ARPA × gross margin %) ÷ revenue churn rate; ARPA $30,000 a year, margin 80%, annual revenue churn 10% → $240,000; " + seed002 + " §Valoarea pe durata vieții clientului (LTV estimates the profit over the relationship)"
	sourceLTVCAC000      = seed000 + " §Metrik Kecekapan (healthy SaaS aims at 3:1 or higher) and §Nisbah Kecekapan Utama (4.2:1 is good); " + seed004 + " §Customer Lifetime Value (at least 3× CAC; 5–7× excellent); " + seed003 + " §5 (LTV above three times CAC)"
	sourceMagic000       = seed000 + " §Metrik Kecekapan: net new ARR ÷ the previous quarter's sales and marketing spend; above 0.75 suggests efficient growth"
	sourcePayback000     = seed000 + " §Nisbah Kecekapan Utama (CAC payback: months to recover the acquisition cost)"
	sourceBurn000        = seed000 + " §Pembakaran Tunai dan Landasan (monthly burn rate and months of runway left)"
	sourceCosts002       = seed002 + " §Informații despre costuri (cost per customer, cost per feature, COGS)"
	sourceCampaign000    = seed000 + " §ROI Kempen (investment, leads, pipeline and closed revenue per campaign; compute ROI)"
)

// econPositiveShare checks that r lies in (0, 1]: zero is ErrZeroDenominator
// (it is about to divide), outside [0, 1] is ErrOutOfRange.
func econPositiveShare(metric, name string, r Ratio) error {
	if err := checkUnitInterval(metric, name, r); err != nil {
		return err
	}
	if r.IsZero() {
		return metricErr(metric, name, ErrZeroDenominator)
	}
	return nil
}

// CAC is the customer acquisition cost of a period: what sales and marketing
// spent per new customer won,
//
//	CAC = (sales spend + marketing spend) ÷ new customers
//
// rounded once with the zero Context{} (12 places, half-even). Spends are
// non-negative amounts in one currency (else ErrNegative, ErrCurrencyMismatch);
// a negative count is ErrNegative and zero new customers ErrZeroDenominator.
// Source: industry convention (fully loaded S&M spend).
func CAC(salesSpend, marketingSpend Money, newCustomers int64) (Money, error) {
	const id = "cac"
	cur, err := checkMoney(id, arg("salesSpend", salesSpend), arg("marketingSpend", marketingSpend))
	if err != nil {
		return Money{}, err
	}
	if err := checkCount(id, "newCustomers", newCustomers); err != nil {
		return Money{}, err
	}
	if newCustomers == 0 {
		return Money{}, metricErr(id, "newCustomers", ErrZeroDenominator)
	}
	total := salesSpend.dec().Add(marketingSpend.dec())
	return moneyOf(Context{}.quo(total, decimal.New(newCustomers, 0)), cur), nil
}

// ChannelSpend is one acquisition channel's spend and the new customers it
// brought in over a period.
type ChannelSpend struct {
	Channel      string // such as "paid search"; must be non-empty and unique
	Spend        Money  // non-negative
	NewCustomers int64  // positive
}

// ChannelCAC is one channel's acquisition cost.
type ChannelCAC struct {
	Channel string // the channel's name, as given
	CAC     Money  // the channel's spend ÷ its new customers
}

// CACBreakdown is the result of CACByChannel: each channel's CAC in input
// order and the blended CAC of all of them.
type CACBreakdown struct {
	Channels []ChannelCAC // per channel, in input order
	Blended  Money        // Σ spend ÷ Σ new customers
}

// CACByChannel returns each channel's CAC and the blended CAC,
//
//	CAC_channel = spend ÷ new customers;  blended = Σ spend ÷ Σ new customers
//
// each rounded once with the zero Context{}. The blended CAC is computed from
// the sums, never by averaging the channel CACs. Errors name the channel
// (Input "channel \"paid\": newCustomers"): an empty list is ErrEmpty, an
// empty name ErrMissing, a repeated name ErrDuplicate, a negative spend or
// count ErrNegative, a channel without new customers ErrZeroDenominator (its
// CAC is undefined), and two currencies ErrCurrencyMismatch.
// Source: industry convention (CAC per channel, blended CAC).
func CACByChannel(channels []ChannelSpend) (CACBreakdown, error) {
	const id = "cac_by_channel"
	if len(channels) == 0 {
		return CACBreakdown{}, metricErr(id, "channels", ErrEmpty)
	}
	seen := make(map[string]bool, len(channels))
	out := CACBreakdown{Channels: make([]ChannelCAC, 0, len(channels))}
	var total Money
	var customers decimal.Decimal
	for i, c := range channels {
		if c.Channel == "" {
			return CACBreakdown{}, metricErr(id, fmt.Sprintf("channels[%d]: channel", i), ErrMissing)
		}
		name := fmt.Sprintf("channel %q", c.Channel)
		if seen[c.Channel] {
			return CACBreakdown{}, metricErr(id, name, ErrDuplicate)
		}
		seen[c.Channel] = true
		if c.Spend.Sign() < 0 {
			return CACBreakdown{}, metricErr(id, name+": spend", fmt.Errorf("%w: %s", ErrNegative, c.Spend))
		}
		if c.NewCustomers < 0 {
			return CACBreakdown{}, metricErr(id, name+": newCustomers", fmt.Errorf("%w: %d", ErrNegative, c.NewCustomers))
		}
		if c.NewCustomers == 0 {
			return CACBreakdown{}, metricErr(id, name+": newCustomers", ErrZeroDenominator)
		}
		sum, err := total.Add(c.Spend)
		if err != nil {
			return CACBreakdown{}, metricErr(id, name+": spend", err)
		}
		total = sum
		n := decimal.New(c.NewCustomers, 0)
		customers = customers.Add(n)
		out.Channels = append(out.Channels, ChannelCAC{
			Channel: c.Channel,
			CAC:     moneyOf(Context{}.quo(c.Spend.dec(), n), c.Spend.currency),
		})
	}
	// Channels without a currency take the common one, so results compare alike.
	for i := range out.Channels {
		out.Channels[i].CAC.currency = total.currency
	}
	out.Blended = moneyOf(Context{}.quo(total.dec(), customers), total.currency)
	return out, nil
}

// CustomerLifetimeMonths is the expected customer lifetime implied by a
// constant monthly customer churn rate,
//
//	lifetime = 1 ÷ monthly churn   (months)
//
// rounded once with the zero Context{}. The unit is months only because the
// churn is monthly: pass a monthly rate (convert an annual one first). Churn
// must lie in [0, 1] (else ErrOutOfRange); zero churn has no finite lifetime
// and returns ErrZeroDenominator. Source: industry convention; ChartMogul
// (LTV = ARPA ÷ churn is ARPA × this lifetime).
func CustomerLifetimeMonths(monthlyChurn Ratio) (Quantity, error) {
	const id = "customer_lifetime"
	if err := econPositiveShare(id, "monthlyChurn", monthlyChurn); err != nil {
		return Quantity{}, err
	}
	inv, err := monthlyChurn.Inverse()
	if err != nil {
		return Quantity{}, metricErr(id, "monthlyChurn", err)
	}
	return quantity(inv.Decimal(Context{}), UnitMonths), nil
}

// LTVSimple is lifetime value as monthly revenue per account times the
// expected lifetime in months,
//
//	LTV = monthly ARPA × lifetime months
//
// computed exactly (no division). ARPA must be non-negative (ErrNegative);
// the lifetime must be a Quantity in months (ErrUnitMismatch otherwise, such
// as from CustomerLifetimeMonths) and non-negative (ErrNegative).
// Source: industry convention (LTV = ARPU × customer lifetime).
func LTVSimple(monthlyARPA Money, lifetime Quantity) (Money, error) {
	const id = "ltv_simple"
	if _, err := checkMoney(id, arg("monthlyARPA", monthlyARPA)); err != nil {
		return Money{}, err
	}
	if lifetime.Unit() != UnitMonths {
		return Money{}, metricErr(id, "lifetime", fmt.Errorf("%w: got %s, want months", ErrUnitMismatch, lifetime.Unit()))
	}
	if err := checkNonNegative(id, "lifetime", lifetime.Value()); err != nil {
		return Money{}, err
	}
	v, err := monthlyARPA.MulDecimal(lifetime.Value())
	if err != nil {
		return Money{}, metricErr(id, "lifetime", err)
	}
	return v, nil
}

// LTVYears is seed 004's simple lifetime value: a customer's average annual
// revenue times the expected lifetime in years,
//
//	LTV = annual revenue per customer × lifetime years
//
// computed exactly. Years may be fractional (2.5). Revenue and years must be
// non-negative (ErrNegative), years within the decimal exponent bound
// (ErrOutOfRange). It is LTVSimple in annual units: monthly ARPA × months
// gives the same number. Source: seed 004 §Customer Lifetime Value (LTV).
func LTVYears(annualRevenue Money, years decimal.Decimal) (Money, error) {
	const id = "ltv_annual"
	if _, err := checkMoney(id, arg("annualRevenue", annualRevenue)); err != nil {
		return Money{}, err
	}
	if err := checkNonNegative(id, "years", years); err != nil {
		return Money{}, err
	}
	v, err := annualRevenue.MulDecimal(years)
	if err != nil {
		return Money{}, metricErr(id, "years", err)
	}
	return v, nil
}

// LTV is customer lifetime value as ChartMogul computes it,
//
//	LTV = ARPA ÷ customer churn rate
//
// with ARPA and churn over the same period (monthly ARPA with monthly churn,
// or annual with annual), rounded once with the zero Context{}. ChartMogul's
// chart uses a six-month trailing average churn: pass that average here if
// you want their number. ARPA must be non-negative (ErrNegative); churn must
// lie in [0, 1] (ErrOutOfRange), and zero churn returns ErrZeroDenominator
// (ChartMogul: "can only calculate LTV when your churn rate is not zero").
// Source: help.chartmogul.com/hc/en-us/articles/203359061.
func LTV(arpa Money, churn Ratio) (Money, error) {
	const id = "ltv"
	if _, err := checkMoney(id, arg("arpa", arpa)); err != nil {
		return Money{}, err
	}
	if err := econPositiveShare(id, "churn", churn); err != nil {
		return Money{}, err
	}
	return arpa.QuoRatio(churn, Context{})
}

// LTVGrossMargin is lifetime gross profit per customer, from u.ARPA,
// u.GrossMargin and u.Churn (a revenue churn rate over the same period as the
// ARPA):
//
//	LTV = ARPA × gross margin ÷ revenue churn rate
//
// computed as one exact fraction and rounded once with the zero Context{}.
// ARPA must be set (the zero Money is ErrMissing) and non-negative
// (ErrNegative); the gross margin must lie in [0, 1] and the churn in [0, 1]
// (ErrOutOfRange); zero churn returns
// ErrZeroDenominator. Worked example: ARPA 30,000 a year, margin 80%, revenue
// churn 10% a year → 240,000. Source: industry convention (gross-margin LTV;
// listcraft.pages.dev: use gross profit, not revenue).
func LTVGrossMargin(u UnitEconomics) (Money, error) {
	const id = "ltv_gross_margin"
	if err := checkSet(id, arg("arpa", u.ARPA)); err != nil {
		return Money{}, err
	}
	if _, err := checkMoney(id, arg("arpa", u.ARPA)); err != nil {
		return Money{}, err
	}
	if err := checkUnitInterval(id, "grossMargin", u.GrossMargin); err != nil {
		return Money{}, err
	}
	if err := econPositiveShare(id, "churn", u.Churn); err != nil {
		return Money{}, err
	}
	factor, _ := u.GrossMargin.Quo(u.Churn) // churn is positive
	return u.ARPA.MulRatio(factor, Context{}), nil
}

// LTVToCAC is the LTV:CAC ratio, shown as a multiple ("3.2x"), from u.LTV
// and u.CAC:
//
//	LTV:CAC = LTV ÷ CAC
//
// exact. Both are set (a field left as the zero Money is ErrMissing, not
// 0x) and non-negative amounts in one currency (ErrNegative,
// ErrCurrencyMismatch); a zero CAC returns ErrZeroDenominator. Bands: below
// 1x critical, 1–3x warning, 3–5x good (3x is the usual target), 5x and above
// excellent, though far above (~7x) it may signal under-investment in growth.
// Source: refinity.io and listcraft.pages.dev LTV:CAC calculators; ChartMogul.
func LTVToCAC(u UnitEconomics) (Ratio, error) {
	const id = "ltv_cac"
	if err := checkSet(id, arg("ltv", u.LTV), arg("cac", u.CAC)); err != nil {
		return Ratio{}, err
	}
	if _, err := checkMoney(id, arg("ltv", u.LTV), arg("cac", u.CAC)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "cac", u.LTV.dec(), u.CAC.dec())
}

// CACPaybackMonths is the number of months of gross profit a new customer
// takes to repay its acquisition cost, from u.CAC, u.ARPA (monthly) and
// u.GrossMargin:
//
//	payback = CAC ÷ (monthly ARPA × gross margin)   (months)
//
// computed as one exact fraction and rounded once with the zero Context{}
// (12 places, half-even), so payback × ARPA × margin equals CAC to within
// half a unit in the 12th place times ARPA × margin. Amounts are set (the
// zero Money is ErrMissing) and non-negative in one currency (ErrNegative,
// ErrCurrencyMismatch); the margin lies in
// [0, 1] (ErrOutOfRange); a zero ARPA or margin returns ErrZeroDenominator.
// Source: payoutmath-com.pages.dev (CAC ÷ monthly gross profit per customer;
// <12 months healthy, >24 trouble).
func CACPaybackMonths(u UnitEconomics) (Quantity, error) {
	const id = "cac_payback"
	if err := checkSet(id, arg("cac", u.CAC), arg("arpa", u.ARPA)); err != nil {
		return Quantity{}, err
	}
	if _, err := checkMoney(id, arg("cac", u.CAC), arg("arpa", u.ARPA)); err != nil {
		return Quantity{}, err
	}
	if err := econPositiveShare(id, "grossMargin", u.GrossMargin); err != nil {
		return Quantity{}, err
	}
	perARPA, err := ratio(id, "arpa", u.CAC.dec(), u.ARPA.dec())
	if err != nil {
		return Quantity{}, err
	}
	months, _ := perARPA.Quo(u.GrossMargin) // the margin is positive
	return quantity(months.Decimal(Context{}), UnitMonths), nil
}

// MagicNumber is the sales efficiency of a quarter, from e.NetNewARR (of the
// quarter) and e.SalesMarketing (the spend of the quarter before):
//
//	magic number = net new ARR in the quarter ÷ previous quarter's S&M spend
//
// exact, shown as a multiple. Net new ARR (new + expansion − contraction −
// churn) may be negative, giving a negative number; the spend must be
// non-negative (ErrNegative) and non-zero (ErrZeroDenominator), in the same
// currency (ErrCurrencyMismatch). ARR is already annual, so no ×4 is applied
// (the revenue-based variant multiplies quarterly revenue growth by 4).
// Bands: <0.5 fix first, 0.5–0.75 workable, above 0.75 efficient (0.75
// itself is workable: seed 000 says "above 0.75"). Source: seed 000 §Metrik
// Kecekapan; bigdelta.com and retentionlens.com magic-number pages.
func MagicNumber(e Efficiency) (Ratio, error) {
	const id = "magic_number"
	if _, err := checkCurrency(id, arg("netNewARR", e.NetNewARR), arg("salesMarketing", e.SalesMarketing)); err != nil {
		return Ratio{}, err
	}
	if _, err := checkMoney(id, arg("salesMarketing", e.SalesMarketing)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "salesMarketing", e.NetNewARR.dec(), e.SalesMarketing.dec())
}

// QuickRatio is the SaaS quick ratio of a period: MRR gained per unit of MRR
// lost,
//
//	quick ratio = (new + expansion + reactivation) ÷ (churn + contraction)
//
// exact, shown as a multiple; it is at least 1 exactly when MRR grew. All
// amounts are non-negative in one currency (ErrNegative,
// ErrCurrencyMismatch); no churn and no contraction returns
// ErrZeroDenominator. Baremetrics omits reactivation; leave it zero for
// theirs. Start is not read. Bands: <1 shrinking, 1–4 growing, ≥4 efficient.
// It is not the accounting quick ratio of seed 001 (a liquidity ratio:
// AcidTestRatio). Source: growthstack.dev and cust.co quick-ratio glossaries.
func QuickRatio(m Movements) (Ratio, error) {
	const id = "quick_ratio"
	if _, err := checkMoney(id, arg("new", m.New), arg("expansion", m.Expansion), arg("reactivation", m.Reactivation),
		arg("churn", m.Churn), arg("contraction", m.Contraction)); err != nil {
		return Ratio{}, err
	}
	gained := m.New.dec().Add(m.Expansion.dec()).Add(m.Reactivation.dec())
	lost := m.Churn.dec().Add(m.Contraction.dec())
	return ratio(id, "churn+contraction", gained, lost)
}

// BurnMultiple is cash burned per unit of net new ARR over one period, from
// e.NetBurn and e.NetNewARR:
//
//	burn multiple = net burn ÷ net new ARR
//
// exact, shown as a multiple; lower is better. Both cover the same period.
// Net burn must be non-negative (ErrNegative: a company generating cash has
// no burn multiple; pass zero for 0x). Net new ARR must be positive: zero
// returns ErrZeroDenominator and negative ErrOutOfRange (burning cash while
// shrinking has no meaningful multiple). Currencies must agree. Bands (David
// Sacks): <1x amazing, 1–1.5x great, 1.5–2x good, 2–3x suspect, >3x bad.
// Bessemer's efficiency score is the inverse. Source: Sacks (2020) via
// omegapoint.systems and winsabove.com.
func BurnMultiple(e Efficiency) (Ratio, error) {
	const id = "burn_multiple"
	if _, err := checkCurrency(id, arg("netBurn", e.NetBurn), arg("netNewARR", e.NetNewARR)); err != nil {
		return Ratio{}, err
	}
	if _, err := checkMoney(id, arg("netBurn", e.NetBurn)); err != nil {
		return Ratio{}, err
	}
	if e.NetNewARR.Sign() < 0 {
		return Ratio{}, metricErr(id, "netNewARR", fmt.Errorf("%w: %s is negative", ErrOutOfRange, e.NetNewARR))
	}
	return ratio(id, "netNewARR", e.NetBurn.dec(), e.NetNewARR.dec())
}

// BurnRate is the average monthly net burn between two cash balances,
// cash.Previous at the start and cash.Current at the end of months months:
//
//	burn rate = (cash at start − cash at end) ÷ months
//
// rounded once with the zero Context{}. Balances are non-negative amounts in
// one currency (ErrNegative, ErrCurrencyMismatch); months must be positive
// (negative: ErrNegative, zero: ErrZeroDenominator). The result is negative
// when cash grew (the company generated cash). Source: industry convention.
func BurnRate(cash Periods, months int64) (Money, error) {
	const id = "burn_rate"
	cur, err := checkMoney(id, arg("previous", cash.Previous), arg("current", cash.Current))
	if err != nil {
		return Money{}, err
	}
	if err := checkCount(id, "months", months); err != nil {
		return Money{}, err
	}
	if months == 0 {
		return Money{}, metricErr(id, "months", ErrZeroDenominator)
	}
	return moneyOf(Context{}.quo(cash.Previous.dec().Sub(cash.Current.dec()), decimal.New(months, 0)), cur), nil
}

// RunwayMonths is how many months the cash lasts at the current net burn,
// from b.Cash and the monthly net burn:
//
//	runway = cash ÷ monthly net burn   (months)
//
// rounded once with the zero Context{}. Cash is non-negative (ErrNegative)
// and in the burn's currency (ErrCurrencyMismatch). A burn of zero or less
// means cash is not running down, so there is no runway limit: that returns
// ErrOutOfRange, never a made-up large number. Source: industry convention.
func RunwayMonths(b BalanceSheet, monthlyNetBurn Money) (Quantity, error) {
	const id = "runway"
	if _, err := checkCurrency(id, arg("cash", b.Cash), arg("monthlyNetBurn", monthlyNetBurn)); err != nil {
		return Quantity{}, err
	}
	if _, err := checkMoney(id, arg("cash", b.Cash)); err != nil {
		return Quantity{}, err
	}
	if monthlyNetBurn.Sign() <= 0 {
		return Quantity{}, metricErr(id, "monthlyNetBurn", fmt.Errorf("%w: burn %s is not positive, so there is no runway limit", ErrOutOfRange, monthlyNetBurn))
	}
	return quantity(Context{}.quo(b.Cash.dec(), monthlyNetBurn.dec()), UnitMonths), nil
}

// GrossMargin is the share of revenue left after the cost of delivering it,
// from i.Revenue and i.COGS:
//
//	gross margin = (revenue − COGS) ÷ revenue
//
// exact, shown as a percent. Both are non-negative amounts in one currency
// (ErrNegative, ErrCurrencyMismatch); zero revenue returns
// ErrZeroDenominator. COGS above revenue gives a negative margin, which is
// returned as is. Source: demandcurve.com growth-economics lesson.
func GrossMargin(i Income) (Ratio, error) {
	const id = "gross_margin"
	if _, err := checkMoney(id, arg("revenue", i.Revenue), arg("cogs", i.COGS)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "revenue", i.Revenue.dec().Sub(i.COGS.dec()), i.Revenue.dec())
}

// CostPerCustomer is a cost spread over the customers it served,
//
//	cost per customer = cost ÷ customers
//
// rounded once with the zero Context{}. The cost is non-negative
// (ErrNegative); customers must be positive (negative: ErrNegative, zero:
// ErrZeroDenominator). Source: industry convention.
func CostPerCustomer(cost Money, customers int64) (Money, error) {
	const id = "cost_per_customer"
	if _, err := checkMoney(id, arg("cost", cost)); err != nil {
		return Money{}, err
	}
	if err := checkCount(id, "customers", customers); err != nil {
		return Money{}, err
	}
	if customers == 0 {
		return Money{}, metricErr(id, "customers", ErrZeroDenominator)
	}
	return cost.QuoInt(customers, Context{})
}

// CampaignROI is the return on a campaign's cost, from c.Revenue (the
// revenue attributed to it) and c.Cost:
//
//	ROI = (attributed revenue − cost) ÷ cost
//
// exact, shown as a percent; below zero when the campaign lost money. Both
// are non-negative amounts in one currency (ErrNegative,
// ErrCurrencyMismatch); a zero cost returns ErrZeroDenominator.
// Source: industry convention.
func CampaignROI(c Campaign) (Ratio, error) {
	const id = "campaign_roi"
	if _, err := checkMoney(id, arg("revenue", c.Revenue), arg("cost", c.Cost)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "cost", c.Revenue.dec().Sub(c.Cost.dec()), c.Cost.dec())
}

// RuleOf40 is revenue growth plus profit margin, both annual fractions,
//
//	rule of 40 = growth rate + profit margin
//
// exact, shown as a percent; 40% or more passes. Either term may be
// negative, but growth below −100% (revenue cannot fall by more than all of
// it) and a margin above 100% (profit cannot exceed revenue) return
// ErrOutOfRange. Which margin (EBITDA, free cash flow) is the caller's choice;
// state it. Source: upbeat.team unit-economics page; pulserevops Rule of 40.
func RuleOf40(growthRate, profitMargin Ratio) (Ratio, error) {
	const id = "rule_of_40"
	one := RatioFromInt(1)
	if growthRate.Cmp(one.Neg()) < 0 {
		return Ratio{}, metricErr(id, "growthRate", fmt.Errorf("%w: %s below −100%%", ErrOutOfRange, growthRate))
	}
	if profitMargin.Cmp(one) > 0 {
		return Ratio{}, metricErr(id, "profitMargin", fmt.Errorf("%w: %s above 100%%", ErrOutOfRange, profitMargin))
	}
	return growthRate.Add(profitMargin), nil
}

// economicsDefinitions returns the dictionary entries of the unit-economics
// family.
func economicsDefinitions() []Definition {
	return steward(economicsDefinitionList(), economicsStewards())
}

// economicsStewards returns the owners and cadences of the unit-economics
// family.
func economicsStewards() map[string]stewardship {
	eff := "owner and cadence: " + seed000 + " §Nisbah Kecekapan Utama (board dashboard: is growth capital-efficient); the CFO is the library's choice"
	ltv := "cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) (customer lifetime value monthly); owner the library's choice"
	return map[string]stewardship{
		"cac":               {roleCFO, CadenceMonthly, "owner and cadence: the library's choice; " + seed000 + " §Definisi Pengiraan asks one agreed formula"},
		"cac_by_channel":    {roleMkt, CadenceMonthly, ocMarketing + " (CAC by channel)"},
		"customer_lifetime": {roleCFO, CadenceMonthly, ltv},
		"ltv_simple":        {roleCFO, CadenceMonthly, ltv},
		"ltv_annual":        {roleCFO, CadenceMonthly, ltv},
		"ltv":               {roleCFO, CadenceMonthly, ltv},
		"ltv_gross_margin":  {roleCFO, CadenceMonthly, ltv},
		"ltv_cac":           {roleCFO, CadenceMonthly, eff},
		"cac_payback":       {roleCFO, CadenceMonthly, eff},
		"magic_number":      {roleCFO, CadenceQuarterly, eff + "; quarterly by its formula"},
		"quick_ratio":       {roleCFO, CadenceMonthly, ocChoice},
		"burn_multiple":     {roleCFO, CadenceQuarterly, ocChoice},
		"burn_rate":         {roleCFO, CadenceMonthly, "cadence: " + seed000 + " §Pembakaran Tunai dan Landasan (monthly burn); owner the library's choice"},
		"runway":            {roleCFO, CadenceMonthly, "cadence: " + seed000 + " §Pembakaran Tunai dan Landasan; owner the library's choice"},
		"gross_margin":      {roleCFO, CadenceMonthly, ocChoice},
		"cost_per_customer": {roleCFO, CadenceQuarterly, ocChoice + "; " + seed002 + " §Dimensionează-ți setul de metrici reviews pricing with finance quarterly"},
		"campaign_roi":      {roleMkt, CadenceMonthly, ocMarketing + " (campaign ROI)"},
		"rule_of_40":        {roleCFO, CadenceQuarterly, ocChoice},
	}
}

// economicsDefinitionList returns the unit-economics entries before their
// owners and cadences are set.
func economicsDefinitionList() []Definition {
	const cat = CategoryUnitEconomics
	lead := []Audience{AudienceBoard, AudienceLeadership}
	dept := []Audience{AudienceLeadership, AudienceDepartment}
	return []Definition{
		{
			ID: "cac", Name: "Customer acquisition cost", Category: cat,
			Formula: "(sales spend + marketing spend) ÷ new customers; rounded once to 12 places half-even",
			Unit:    UnitMoney, Direction: LowerIsBetter, Audiences: lead, Signal: SignalLagging,
			Source: sourceCAC, Version: 1, Func: "metrics.CAC",
		},
		{
			ID: "cac_by_channel", Name: "CAC by channel (blended)", Category: cat,
			Formula: "per channel: spend ÷ new customers; blended: Σ spend ÷ Σ new customers (never an average of channel CACs)",
			Unit:    UnitMoney, Direction: LowerIsBetter, Audiences: dept, Signal: SignalLagging,
			Source: sourceCACChannel, Version: 1, Func: "metrics.CACByChannel",
		},
		{
			ID: "customer_lifetime", Name: "Customer lifetime", Category: cat,
			Formula: "1 ÷ monthly customer churn rate, in months",
			Unit:    UnitMonths, Direction: HigherIsBetter, Audiences: dept, Signal: SignalLagging,
			Source: seed000 + " §Metrik Kecekapan (average customer lifetime); " + sourceChartMogulLTV, Version: 1, Func: "metrics.CustomerLifetimeMonths",
		},
		{
			ID: "ltv_simple", Name: "Lifetime value (ARPA × lifetime)", Category: cat,
			Formula: "monthly ARPA × customer lifetime in months",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: dept, Signal: SignalLagging,
			Source:  sourceLTVSimple,
			Differs: "000 asks for a cohort-based lifetime for accuracy (package cohort's survival curve); this takes the lifetime as given. 004's simple LTV is in years: ltv_annual.",
			Version: 1, Func: "metrics.LTVSimple",
		},
		{
			ID: "ltv_annual", Name: "Lifetime value (annual revenue × years)", Category: cat,
			Formula: "average annual revenue per customer × expected customer lifetime in years",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: lead, Signal: SignalLagging,
			Source: sourceLTVAnnual, Version: 1, Func: "metrics.LTVYears",
		},
		{
			ID: "ltv", Name: "Customer lifetime value", Category: cat,
			Formula: "ARPA ÷ customer churn rate (same period); undefined at zero churn",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: lead, Signal: SignalLagging,
			Source: sourceLTV003 + "; " + sourceChartMogulLTV, Version: 1, Func: "metrics.LTV",
		},
		{
			ID: "ltv_gross_margin", Name: "Lifetime value (gross margin)", Category: cat,
			Formula: "ARPA × gross margin ÷ revenue churn rate (same period)",
			Unit:    UnitMoney, Direction: HigherIsBetter, Audiences: lead, Signal: SignalLagging,
			Source: sourceLTVGM004, Version: 1, Func: "metrics.LTVGrossMargin",
		},
		{
			ID: "ltv_cac", Name: "LTV:CAC ratio", Category: cat,
			Formula: "LTV ÷ CAC",
			Unit:    UnitRatio, Display: "multiple", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "critical", Status: StatusRed, Note: "<1x: loses money on every customer"},
				{Name: "warning", From: num(1, 0), Status: StatusYellow, Note: "1–3x: thin"},
				{Name: "good", From: num(3, 0), Status: StatusGreen, Note: "3–5x: healthy; 3x is the usual target"},
				{Name: "excellent", From: num(5, 0), Status: StatusGreen, Note: "≥5x (5–7x typical); above ~7x may signal under-investment in growth"},
			},
			Audiences: lead, Signal: SignalLagging,
			Source:  sourceLTVCAC000 + "; " + sourceLTVCACBands,
			Differs: "003 asks LTV to exceed ('dépasse') 3× CAC; 000 ('3:1 or higher') and 004 ('minimum 3x') include 3×, as the library does. 004 calls 5–7× excellent; above about 7× public sources warn of under-investment, which the band note says.",
			Version: 1, Func: "metrics.LTVToCAC",
		},
		{
			ID: "cac_payback", Name: "CAC payback", Category: cat,
			Formula: "CAC ÷ (monthly ARPA × gross margin), in months",
			Unit:    UnitMonths, Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "healthy", Status: StatusGreen, Note: "<12 months"},
				{Name: "watch", From: num(12, 0), Status: StatusYellow, Note: "12–24 months"},
				{Name: "trouble", From: num(24, 0), Status: StatusRed, Note: ">24 months"},
			},
			Audiences: lead, Signal: SignalLagging,
			Source: sourcePayback000 + "; bands: " + sourceCACPayback, Version: 1, Func: "metrics.CACPaybackMonths",
		},
		{
			ID: "magic_number", Name: "Magic number", Category: cat,
			Formula: "net new ARR in quarter ÷ previous quarter sales and marketing spend",
			Unit:    UnitRatio, Display: "multiple", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "fix first", Status: StatusRed, Note: "<0.5"},
				{Name: "workable", From: num(5, -1), Status: StatusYellow, Note: "0.5–0.75"},
				{Name: "efficient", From: num(75, -2), Exclusive: true, Status: StatusGreen, Note: ">0.75: invest more (above ~1.5 possibly under-investing); 0.75 itself is workable"},
			},
			Audiences: lead, Signal: SignalLagging,
			Source: sourceMagic000 + "; " + sourceMagicNumber, Version: 2, Func: "metrics.MagicNumber",
		},
		{
			ID: "quick_ratio", Name: "SaaS quick ratio (growth efficiency, not the accounting quick ratio)", Category: cat,
			Formula: "(new + expansion + reactivation MRR) ÷ (churn + contraction MRR)",
			Unit:    UnitRatio, Display: "multiple", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "shrinking", Status: StatusRed, Note: "<1: losing more than gaining"},
				{Name: "growing", From: num(1, 0), Status: StatusYellow, Note: "1–4"},
				{Name: "efficient", From: num(4, 0), Status: StatusGreen, Note: "≥4"},
			},
			Audiences: lead, Signal: SignalLagging,
			Source:  sourceQuickRatio,
			Differs: "001's 'Quick Ratio' is the accounting liquidity ratio, (cash + marketable securities + receivables) ÷ current liabilities: that is acid_test_ratio. Two metrics share the name; this one is MRR gained per MRR lost.",
			Version: 1, Func: "metrics.QuickRatio",
		},
		{
			ID: "burn_multiple", Name: "Burn multiple", Category: cat,
			Formula: "net burn ÷ net new ARR (same period); undefined when net new ARR ≤ 0",
			Unit:    UnitRatio, Display: "multiple", Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "amazing", Status: StatusGreen, Note: "<1x"},
				{Name: "great", From: num(1, 0), Status: StatusGreen, Note: "1–1.5x"},
				{Name: "good", From: num(15, -1), Status: StatusYellow, Note: "1.5–2x"},
				{Name: "suspect", From: num(2, 0), Status: StatusYellow, Note: "2–3x"},
				{Name: "bad", From: num(3, 0), Status: StatusRed, Note: ">3x"},
			},
			Audiences: []Audience{AudienceBoard}, Signal: SignalLagging,
			Source: sourceBurnMultiple, Version: 1, Func: "metrics.BurnMultiple",
		},
		{
			ID: "burn_rate", Name: "Net burn rate", Category: cat,
			Formula: "(cash at start − cash at end) ÷ months; negative when cash grew",
			Unit:    UnitMoney, Direction: LowerIsBetter, Audiences: []Audience{AudienceBoard}, Signal: SignalLagging,
			Source: sourceBurn000, Version: 1, Func: "metrics.BurnRate",
		},
		{
			ID: "runway", Name: "Runway", Category: cat,
			Formula: "cash ÷ monthly net burn, in months; no limit (error) when burn ≤ 0",
			Unit:    UnitMonths, Direction: HigherIsBetter, Audiences: []Audience{AudienceBoard}, Signal: SignalLeading,
			Source: sourceBurn000, Version: 1, Func: "metrics.RunwayMonths",
		},
		{
			ID: "gross_margin", Name: "Gross margin", Category: cat,
			Formula: "(revenue − COGS) ÷ revenue",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter, Audiences: lead, Signal: SignalLagging,
			Source: sourceCosts002 + "; " + sourceGrossMargin, Version: 1, Func: "metrics.GrossMargin",
		},
		{
			ID: "cost_per_customer", Name: "Cost per customer", Category: cat,
			Formula: "cost ÷ customers",
			Unit:    UnitMoney, Direction: LowerIsBetter, Audiences: dept, Signal: SignalLagging,
			Source: sourceCosts002, Version: 1, Func: "metrics.CostPerCustomer",
		},
		{
			ID: "campaign_roi", Name: "Campaign ROI", Category: cat,
			Formula: "(attributed revenue − cost) ÷ cost",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceDepartment}, Signal: SignalLagging,
			Source: sourceCampaign000, Version: 1, Func: "metrics.CampaignROI",
		},
		{
			ID: "rule_of_40", Name: "Rule of 40", Category: cat,
			Formula: "annual revenue growth rate + profit margin",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "below 40", Status: StatusYellow, Note: "<40%"},
				{Name: "meets rule", From: pct(40), Status: StatusGreen, Note: "≥40%"},
			},
			Audiences: []Audience{AudienceBoard}, Signal: SignalLagging,
			Source: sourceRuleOf40, Version: 1, Func: "metrics.RuleOf40",
		},
	}
}
