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

// DiscountPolicy says which discounts reduce MRR.
type DiscountPolicy uint8

// The discount policies.
const (
	// RecurringDiscounts: forever and N-month discounts reduce MRR while they
	// apply; a once-only discount does not (ChartMogul, Baremetrics).
	RecurringDiscounts DiscountPolicy = iota
	// AllDiscounts: every discount, including a once-only one in the month
	// it applies, reduces MRR (ProfitWell: discounts and credits always
	// subtracted).
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
	}
	return nil
}

// Recommended returns the library's default conventions (the zero value with
// its name): churn at the end of the paid period, reactivation after any gap,
// churn rate over customers at the start excluding joined-and-churned,
// weekly × 52/12, recurring discounts reduce MRR, past-due active until the
// subscription ends, paused counts as zero, LTV over the trailing 6-month
// average churn.
func Recommended() Conventions { return Conventions{Name: "recommended"} }

// ChartMogul returns ChartMogul's conventions. Documented by ChartMogul
// (help.chartmogul.com): churn only when no active subscription remains and
// at the end of the subscription period; reactivation after any gap;
// customer churn rate over customers at the start of the period, excluding
// customers who joined and churned within it and those who churned and
// reactivated within it (article 203359321, B2B formula); discounts
// deducted from MRR; LTV = ARPA ÷ the average customer
// churn of the previous 6 months, current month excluded (article
// 203359061). Our assumptions where ChartMogul publishes no rule: weekly
// × 52/12, past-due active until the subscription ends, paused as zero.
func ChartMogul() Conventions {
	return Conventions{Name: "chartmogul", LTVChurn: LTVChurnTrailing, LTVTrailingMonths: 6, ExcludeChurnedAndReactivated: true}
}

// StripeBilling returns Stripe Billing's conventions. Documented by Stripe
// (support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing
// and docs.stripe.com/billing/subscriptions/analytics/glossary): MRR sums
// active and past-due subscriptions, trials and free plans excluded; the
// subscriber churn rate divides the churned by the subscribers active at the
// start plus the new ones, so a subscriber who joins and churns within the
// period counts in both; LTV = ARPU ÷ churn of the period. Documented by
// ProfitWell's comparison of the two
// (learn.profitwell.com/article/gf9qqkyplu-profitwell-vs-stripe): Stripe
// removes a subscription's MRR at cancellation, and only a coupon with a
// forever duration reduces MRR (once or repeating coupons do not). Our
// assumptions: weekly × 52/12, reactivation after any gap, paused as zero.
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
// Metric"; the ledger's QuickRatio also adds reactivation to the numerator); discounts are removed from MRR; LTV = average MRR per customer ÷
// user churn of the period. Our assumptions: churn at the end of the paid
// period, weekly × 52/12, reactivation after any gap.
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
// window (length chosen by the user). Our assumptions: churn rate over
// customers at the start, weekly × 52/12, past-due active until the
// subscription ends.
func ProfitWell() Conventions {
	return Conventions{
		Name:      "profitwell",
		Discounts: AllDiscounts,
		LTVChurn:  LTVChurnOneMinusRetention,
	}
}

// DBTMRRPlaybook returns the conventions of dbt Labs' mrr-playbook
// (github.com/dbt-labs/mrr-playbook): input rows are already monthly
// (monthly_amount); a subscription counts in the months where start month ≤
// m < end month, which is our month-end rule; classification new (first
// month), churn (active → inactive), reactivation (inactive → active),
// upgrade, downgrade; reactivation after any gap. The playbook computes no
// churn rate or LTV: those fields keep the library's defaults.
func DBTMRRPlaybook() Conventions { return Conventions{Name: "dbt-mrr-playbook"} }

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
