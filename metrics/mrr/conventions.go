package mrr

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// ChurnTiming says when a cancelled subscription stops counting in MRR.
type ChurnTiming uint8

// The churn timings.
const (
	// ChurnAtPeriodEnd keeps a cancelled subscription in MRR until the end of
	// the period it paid for (Subscription.End); the common good practice.
	ChurnAtPeriodEnd ChurnTiming = iota
	// ChurnAtCancellation removes it on the day it was cancelled
	// (Subscription.CancelledAt when set).
	ChurnAtCancellation
)

// ChurnDenominator is the denominator of a customer churn rate.
type ChurnDenominator uint8

// The churn-rate denominators.
const (
	// DenominatorStart divides by the customers active at the period's start
	// (ChartMogul, Baremetrics).
	DenominatorStart ChurnDenominator = iota
	// DenominatorStartPlusNew divides by customers at the start plus those
	// new during the period (Stripe Billing).
	DenominatorStartPlusNew
)

// JoinedAndChurned says how a customer who both joins and churns within the
// period of a churn rate is counted.
type JoinedAndChurned uint8

// The ways to count a customer who joins and churns in one period.
const (
	// ExcludeJoinedAndChurned leaves them out of the numerator (ChartMogul).
	ExcludeJoinedAndChurned JoinedAndChurned = iota
	// IncludeJoinedAndChurned counts them in the numerator (and, with
	// DenominatorStartPlusNew, in the denominator) as Stripe does.
	IncludeJoinedAndChurned
)

// MonthRule says in which calendar months a subscription counts.
type MonthRule uint8

// The month rules.
const (
	// MonthActiveAtEnd counts month m when the subscription is active at the
	// end of m (the first instant of m+1): Start is before it and the
	// effective end is not. A subscription that starts on the 15th counts in
	// its first month, one that ends on the 15th does not count in its last:
	// MRR is the month-end snapshot, as the vendors report MRR at a date.
	// From 2019-01-15 to 2019-03-15 it counts in January and February. The
	// library's default.
	MonthActiveAtEnd MonthRule = iota
	// MonthFirstDayInside is dbt's mrr-playbook rule
	// (models/customer_revenue_by_month.sql): month m counts when its first
	// day lies in [Start, end) and m is before the month of the end (the
	// playbook's month spine stops before the month of the last end date).
	// A subscription that starts after the 1st misses its first month, and
	// one that ends after the 1st misses its last: from 2019-01-15 to
	// 2019-03-15 it counts in February only.
	MonthFirstDayInside
)

var monthRuleNames = [...]string{"active at month end", "first day inside"}

// String returns "active at month end" or "first day inside".
func (r MonthRule) String() string {
	if int(r) < len(monthRuleNames) {
		return monthRuleNames[r]
	}
	return fmt.Sprintf("MonthRule(%d)", uint8(r))
}

// DiscountPolicy says which discounts reduce MRR.
type DiscountPolicy uint8

// The discount policies.
const (
	// RecurringDiscounts: forever and N-month discounts reduce MRR while they
	// apply; a once-only discount does not (Baremetrics, by our assumption:
	// it documents only that discounts are removed from MRR).
	RecurringDiscounts DiscountPolicy = iota
	// AllDiscounts: every discount reduces MRR, including a once-only one,
	// over the first billing period it discounts (the whole year of an
	// annual plan; see Subscription.MRR). ChartMogul computes MRR from
	// invoice amounts net of discounts over each invoice's service period;
	// ProfitWell always subtracts discounts and credits.
	AllDiscounts
	// ForeverDiscountsOnly: only discounts without an end reduce MRR.
	ForeverDiscountsOnly
	// NoDiscounts: MRR is list price (discounts ignored).
	NoDiscounts
)

// PausedPolicy says how a paused subscription counts.
type PausedPolicy uint8

// The paused-subscription policies.
const (
	// PausedIsZero counts a paused subscription as 0 MRR (a contraction or,
	// if it was the last, churn).
	PausedIsZero PausedPolicy = iota
	// PausedKeepsMRR keeps its MRR while paused.
	PausedKeepsMRR
)

// WeeklyMultiplier is how many weeks a month counts, to turn a weekly amount
// into a monthly one. The zero value is 52/12.
type WeeklyMultiplier uint8

// The weekly multipliers.
const (
	Weekly52Over12 WeeklyMultiplier = iota // 52 ÷ 12 = 4.333…, exact (the default)
	Weekly433                              // 4.33
	Weekly4                                // 4
)

var weeklyNames = [...]string{"52/12", "4.33", "4"}

// String returns "52/12", "4.33" or "4".
func (w WeeklyMultiplier) String() string {
	if int(w) < len(weeklyNames) {
		return weeklyNames[w]
	}
	return fmt.Sprintf("WeeklyMultiplier(%d)", uint8(w))
}

// Ratio returns the multiplier as an exact Ratio.
func (w WeeklyMultiplier) Ratio() metrics.Ratio {
	switch w {
	case Weekly433:
		r, _ := metrics.NewRatio(433, 100)
		return r
	case Weekly4:
		return metrics.RatioFromInt(4)
	}
	r, _ := metrics.NewRatio(52, 12)
	return r
}

// LTVChurn says which churn rate the ledger's LTV divides by.
type LTVChurn uint8

// The LTV churn choices.
const (
	// LTVChurnTrailing is the average customer churn of the N months before
	// the month asked (Conventions.LTVTrailingMonths; ChartMogul uses 6,
	// excluding the current month).
	LTVChurnTrailing LTVChurn = iota
	// LTVChurnCurrent is the customer churn rate of the month asked.
	LTVChurnCurrent
	// LTVChurnOneMinusRetention is 1 − the month's customer retention rate
	// (ProfitWell's approximation).
	LTVChurnOneMinusRetention
)

// Conventions are the settings on which the anchors (ChartMogul, Stripe
// Billing, Baremetrics, ProfitWell, dbt's mrr-playbook) disagree. Each field's
// zero value is the library's recommended default, so Conventions{} is
// Recommended() but for its Name; the named presets reproduce each vendor.
// Conventions compare with ==: two values are the same conventions exactly
// when they are equal.
type Conventions struct {
	// Name labels the preset in output ("recommended", "chartmogul", ...).
	Name string
	// MonthRule: in which calendar months a subscription counts (the
	// month-end snapshot, or dbt's first-day rule).
	MonthRule MonthRule
	// ChurnTiming: when a cancellation stops counting.
	ChurnTiming ChurnTiming
	// ReactivationWindowMonths: a customer who returns after at most this
	// many months at zero is a reactivation; after longer, new again.
	// 0 means any gap is a reactivation (ChartMogul, ProfitWell).
	ReactivationWindowMonths int
	// MinHistoryMonths: a customer returning after fewer paid months than
	// this counts as new, not reactivated (fivetran's dbt_stripe uses 3 to
	// avoid billing-gap noise). 0 means no minimum.
	MinHistoryMonths int
	// ChurnDenominator of the customer churn rate.
	ChurnDenominator ChurnDenominator
	// JoinedAndChurned: how a customer new and churned in one period counts.
	JoinedAndChurned JoinedAndChurned
	// WeeklyMultiplier converts a weekly amount to monthly: 52/12 (the
	// zero value), 4.33 or 4.
	WeeklyMultiplier WeeklyMultiplier
	// Discounts: which discounts reduce MRR.
	Discounts DiscountPolicy
	// PastDueGraceDays keeps a past-due subscription in MRR for this many
	// days after its period ended; after that it churns. 0 means past-due
	// counts as active until the subscription ends (Stripe Billing).
	PastDueGraceDays int
	// Paused: how a paused subscription counts.
	Paused PausedPolicy
	// LTVChurn: which churn rate LTV uses.
	LTVChurn LTVChurn
	// LTVTrailingMonths is the window of LTVChurnTrailing (0 means 6).
	LTVTrailingMonths int
	// ExcludeChurnedAndReactivated leaves out of the customer churn rate's
	// numerator a customer who churned and reactivated within the period
	// (ChartMogul): only customers paying since before the period
	// (Summary.ChurnedAndReactivatedCustomers). The zero value counts them as
	// churned.
	ExcludeChurnedAndReactivated bool
	// QuickRatioWithoutReactivation drops reactivation MRR from the quick
	// ratio's numerator, (new + expansion) ÷ (contraction + churn), as
	// Baremetrics publishes it. The zero value adds reactivation to the
	// numerator (Summary.QuickRatio).
	QuickRatioWithoutReactivation bool
	// Precision of normalisation (annual ÷ 12, weekly × 52/12); the zero
	// Context is 12 places, half to even.
	Precision metrics.Context
}

// TrailingMonths returns the LTV trailing window (6 when unset).
func (c Conventions) TrailingMonths() int {
	if c.LTVTrailingMonths <= 0 {
		return 6
	}
	return c.LTVTrailingMonths
}

// MaxGraceDays bounds Conventions.PastDueGraceDays: 36,525 days (100 years).
const MaxGraceDays = 36_525

// Validate reports a setting out of its range as a *metrics.MetricError for
// "conventions" naming the field, wrapping metrics.ErrOutOfRange: a negative
// window or one longer than MaxSpanMonths (ReactivationWindowMonths,
// MinHistoryMonths, LTVTrailingMonths), PastDueGraceDays negative or above
// MaxGraceDays, an unknown enum value. Every integer setting is bounded, so
// none can make a build loop or a date overflow.
func (c Conventions) Validate() error {
	bad := func(field string, v any) error {
		return metrics.NewMetricError("conventions", field, fmt.Errorf("%w: %v (conventions %q)", metrics.ErrOutOfRange, v, c.Name))
	}
	switch {
	case c.ReactivationWindowMonths < 0 || c.ReactivationWindowMonths > MaxSpanMonths:
		return bad("ReactivationWindowMonths", c.ReactivationWindowMonths)
	case c.MinHistoryMonths < 0 || c.MinHistoryMonths > MaxSpanMonths:
		return bad("MinHistoryMonths", c.MinHistoryMonths)
	case c.PastDueGraceDays < 0 || c.PastDueGraceDays > MaxGraceDays:
		return bad("PastDueGraceDays", c.PastDueGraceDays)
	case c.LTVTrailingMonths < 0 || c.LTVTrailingMonths > MaxSpanMonths:
		return bad("LTVTrailingMonths", c.LTVTrailingMonths)
	case c.WeeklyMultiplier > Weekly4:
		return bad("WeeklyMultiplier", c.WeeklyMultiplier)
	case c.ChurnTiming > ChurnAtCancellation:
		return bad("ChurnTiming", c.ChurnTiming)
	case c.ChurnDenominator > DenominatorStartPlusNew:
		return bad("ChurnDenominator", c.ChurnDenominator)
	case c.JoinedAndChurned > IncludeJoinedAndChurned:
		return bad("JoinedAndChurned", c.JoinedAndChurned)
	case c.Discounts > NoDiscounts:
		return bad("Discounts", c.Discounts)
	case c.Paused > PausedKeepsMRR:
		return bad("Paused", c.Paused)
	case c.LTVChurn > LTVChurnOneMinusRetention:
		return bad("LTVChurn", c.LTVChurn)
	case c.MonthRule > MonthFirstDayInside:
		return bad("MonthRule", c.MonthRule)
	}
	return nil
}

// Recommended returns the library's default conventions (the zero value with
// its name): a subscription counts in the months it is active at their end,
// churn at the end of the paid period, reactivation after any gap, churn
// rate over customers at the start excluding joined-and-churned, weekly ×
// 52/12, recurring discounts reduce MRR (a once-only coupon does not: it
// would show a contraction and a false expansion a period later), past-due
// active until the subscription ends, paused counts as zero, LTV over the
// trailing 6-month average churn.
//
// Where it differs from DBTMRRPlaybook: the month rule. Recommended counts a
// subscription from 2019-01-15 to 2019-03-15 in January and February, dbt in
// February only. The month-end snapshot puts a customer in MRR in the month
// they start paying (dbt shows new business up to a month late, and drops
// the last paid month of a subscription ending mid-month), and it matches
// how the invoice-based vendors report MRR at a date.
func Recommended() Conventions { return Conventions{Name: "recommended"} }

// ChartMogul returns ChartMogul's conventions. Documented by ChartMogul
// (help.chartmogul.com): churn only when no active subscription remains
// (article 201244842, MRR movements); churn recognised when the
// subscription ends in the billing system, its default (article
// 15384089786524, Churn Recognition; End is that date here: set it to the
// end of the final service period for the option ChartMogul calls good
// practice); reactivation after any gap; customer churn rate over customers
// at the start of the period, excluding customers who joined and churned
// within it and those who churned and reactivated within it (article
// 203359321, B2B formula); MRR from invoice amounts with discounts already
// deducted, divided over the months of each invoice's service period
// (article 360012519560, Understanding invoice line items), so every
// discount counts, a once-only coupon over the period of the invoice it
// discounts (AllDiscounts); past-due subscriptions stay in MRR until
// cancelled, the default of its Handling Past-due Subscriptions setting
// (help.chartmogul.com/article/303; the 1–90 day auto-churn option is
// PastDueGraceDays); LTV = ARPA ÷ the average customer churn of the previous
// 6 months, current month excluded (article 203359061). Our assumptions
// where ChartMogul publishes no rule: weekly × 52/12, paused as zero, the
// month-end snapshot.
func ChartMogul() Conventions {
	return Conventions{Name: "chartmogul", Discounts: AllDiscounts, LTVChurn: LTVChurnTrailing, LTVTrailingMonths: 6, ExcludeChurnedAndReactivated: true}
}

// StripeBilling returns Stripe Billing's conventions. Documented by Stripe
// (support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing
// and docs.stripe.com/billing/subscriptions/analytics/glossary): MRR sums
// active and past-due subscriptions, trials and free plans excluded; the
// subscriber churn rate divides the churned by the subscribers active at the
// start plus the new ones, so a subscriber who joins and churns within the
// period counts in both; LTV = ARPU ÷ churn of the period; only a coupon
// with a forever duration reduces MRR, once or repeating coupons leave it
// unaffected (support.stripe.com/questions/impact-of-discounts-and-coupons-on-monthly-recurring-revenue-mrr-in-billing).
// Documented by ProfitWell's comparison of the two
// (learn.profitwell.com/article/gf9qqkyplu-profitwell-vs-stripe): Stripe
// removes a subscription's MRR at cancellation. Our assumptions: weekly ×
// 52/12, reactivation after any gap, paused as zero, the month-end snapshot.
func StripeBilling() Conventions {
	return Conventions{
		Name:             "stripe",
		ChurnTiming:      ChurnAtCancellation,
		ChurnDenominator: DenominatorStartPlusNew,
		JoinedAndChurned: IncludeJoinedAndChurned,
		Discounts:        ForeverDiscountsOnly,
		LTVChurn:         LTVChurnCurrent,
	}
}

// Baremetrics returns Baremetrics' conventions. Documented by Baremetrics
// (baremetrics.com/academy; changelog.baremetrics.com "Churn Update":
// "customers who sign up and cancel within the same 30 day window are now
// included in your churn rate"): customer churn is the cancellations of the
// period over the customers active at its start, so a customer who joins and
// cancels within the period counts in the numerator only; quick ratio =
// (new + expansion) ÷ (contraction + churn) (changelog "New Quick Ratio
// Metric"; the ledger's QuickRatio also adds reactivation to the numerator);
// discounts are removed from MRR; LTV = average MRR per customer ÷ user
// churn of the period. Our assumptions: which discounts (Baremetrics does
// not say; RecurringDiscounts leaves once-only coupons out), churn at the
// end of the paid period, weekly × 52/12, reactivation after any gap, paused
// as zero, past-due active until the subscription ends, the month-end
// snapshot.
func Baremetrics() Conventions {
	return Conventions{
		Name:                          "baremetrics",
		JoinedAndChurned:              IncludeJoinedAndChurned,
		LTVChurn:                      LTVChurnCurrent,
		QuickRatioWithoutReactivation: true,
	}
}

// ProfitWell returns ProfitWell's (Paddle's) conventions. Documented by
// ProfitWell (paddle.com/help/profitwell-metrics/measure/compare/profitwell-vs-chargify
// and .../subscription-retention/churn): MRR counts until the end of the
// billing cycle after a cancellation; discounts and credits are always
// subtracted from MRR; a subscription on hold is downgraded to $0; a
// customer who returns after any period is reactivated; a customer new and
// churned in the same calendar month is ignored entirely (monthly MRR rows
// never show them); LTV ≈ ARPU ÷ (1 − retention) (ProfitWell also smooths
// it, which we do not); past-due users stay active through their dunning
// window (length chosen by the user; PastDueGraceDays). A once-only
// discount reduces MRR over the billing period it discounts. ProfitWell
// also rolls metered billing into MRR, which the library never does
// (ChargeMetered is not MRR under any preset). Our assumptions: churn rate
// over customers at the start, weekly × 52/12, past-due active until the
// subscription ends, the month-end snapshot.
func ProfitWell() Conventions {
	return Conventions{
		Name:      "profitwell",
		Discounts: AllDiscounts,
		LTVChurn:  LTVChurnOneMinusRetention,
	}
}

// DBTMRRPlaybook returns the conventions of dbt Labs' mrr-playbook
// (github.com/dbt-labs/mrr-playbook): input rows are already monthly
// (monthly_amount); models/customer_revenue_by_month.sql joins a month when
// its first day is ≥ start_date and < end_date, over a month spine from the
// customer's first start month up to (not including) the month of its last
// end date: MonthFirstDayInside, so a subscription from 2019-01-15 to
// 2019-03-15 counts in February only (Recommended counts January and
// February). Classification new (first month), churn (active → inactive),
// reactivation (inactive → active), upgrade, downgrade; reactivation after
// any gap. The rule is applied per subscription: for a customer whose
// subscriptions end in different months the playbook's spine runs to the
// last end month, so it would count an earlier subscription in the month
// its end falls in (when that end is after the 1st); the library does not.
// The playbook computes no churn rate or LTV and has no discounts or
// intervals: those fields keep the library's defaults.
func DBTMRRPlaybook() Conventions {
	return Conventions{Name: "dbt-mrr-playbook", MonthRule: MonthFirstDayInside}
}

// Presets returns every named preset, the library's recommendation first. The
// slice is new on each call.
func Presets() []Conventions {
	return []Conventions{Recommended(), ChartMogul(), StripeBilling(), Baremetrics(), ProfitWell(), DBTMRRPlaybook()}
}

// PresetByName returns the preset with the given Name ("recommended",
// "chartmogul", "stripe", "baremetrics", "profitwell", "dbt-mrr-playbook"),
// or ErrInvalid.
func PresetByName(name string) (Conventions, error) {
	for _, p := range Presets() {
		if p.Name == name {
			return p, nil
		}
	}
	return Conventions{}, metrics.NewMetricError("conventions", "name", fmt.Errorf("%w: no preset %q", metrics.ErrInvalid, name))
}
