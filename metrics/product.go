package metrics

// Product and engagement metrics: how often users come back, how much of the
// product they use, and how fast they reach value.

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Sources of the product definitions and bands (found with the search tool;
// cited again in the tests).
const (
	sourceStickiness   = "bigdelta.com/library/metrics/dau-mau-stickiness (DAU ÷ MAU, same definition of active; for B2B SaaS ~20% solid, 30–40% strong, 50%+ rare), help.june.so/en/articles/4752354-stickiness-benchmark (SaaS average 15%, good 20%, great 30%), heyoo.ai/marketing-glossary/dau-mau-ratio (below 10% most users show up once or twice a month)"
	sourcePendoPES     = "Pendo, Product Engagement Score (support.pendo.io/hc/en-us/articles/360054782691): PES is the average of the adoption, stickiness and growth component scores; Pendo shows it on 0–100, here a fraction in [0, 1] shown as a percent"
	sourcePendoAdopt   = "Pendo, The evolution of the product engagement score (pendo.io/pendo-blog/?p=5874): adoption is measured on the product's most important features, designated as Core Events"
	sourceProductIndus = "industry convention; formula as stated"
	sourceUsage004     = seed004 + " §Penggunaan dan Penggunaan Produk"
	sourceTTV004       = seed004 + " §Time to Value (TTV): days from contract signature to the first measurable business outcome (also days to first login and to onboarding complete); benchmarks product-led 1–7 days, SMB 7–30, mid-market 30–60, enterprise 60–120"
)

// productNanosPerDay is the number of nanoseconds in a day (24 × 3600 × 10^9).
func productNanosPerDay() decimal.Decimal { return decimal.New(86_400_000_000_000, 0) }

// productShare returns part ÷ whole for counts of users, exact: both must be
// non-negative (ErrNegative), whole non-zero (ErrZeroDenominator) and, when
// capped, part ≤ whole (ErrOutOfRange on part).
func productShare(id, partName, wholeName string, part, whole int64, capped bool) (Ratio, error) {
	if err := checkCount(id, partName, part); err != nil {
		return Ratio{}, err
	}
	if err := checkCount(id, wholeName, whole); err != nil {
		return Ratio{}, err
	}
	if whole == 0 {
		return Ratio{}, metricErr(id, wholeName, ErrZeroDenominator)
	}
	if capped && part > whole {
		return Ratio{}, metricErr(id, partName, fmt.Errorf("%w: %d exceeds %s %d", ErrOutOfRange, part, wholeName, whole))
	}
	return NewRatio(part, whole)
}

// Stickiness is the share of monthly active users who are active on a
// typical day,
//
//	stickiness = DAU ÷ MAU
//
// exact, shown as a percent. Both counts must use the same definition of
// "active" (a real product action, not a login); DAU is usually the month's
// average daily actives. Negative counts return ErrNegative, a zero MAU
// ErrZeroDenominator, and DAU above MAU ErrOutOfRange (the daily actives are
// among the monthly ones). Source: bigdelta.com/library/metrics/dau-mau-stickiness
// and help.june.so/en/articles/4752354-stickiness-benchmark (bands).
func Stickiness(dau, mau int64) (Ratio, error) {
	return productShare("stickiness", "dau", "mau", dau, mau, true)
}

// WeeklyActiveSeatShare is the share of licensed seats whose users were
// active in the week,
//
//	share = weekly active users ÷ licensed seats
//
// exact, shown as a percent. It may exceed 100% when more users are active
// than seats are licensed (over-deployment, a true-up signal), so it is not
// capped. Negative counts return ErrNegative; zero seats ErrZeroDenominator.
// Source: industry convention.
func WeeklyActiveSeatShare(weeklyActive, seats int64) (Ratio, error) {
	return productShare("weekly_active_seat_share", "weeklyActive", "seats", weeklyActive, seats, false)
}

// FeatureAdoption is the share of active users who used a feature in the
// period,
//
//	adoption = users of the feature ÷ active users
//
// exact, shown as a percent, in [0, 1]. Negative counts return ErrNegative,
// zero active users ErrZeroDenominator, and more feature users than active
// users ErrOutOfRange. Source: industry convention.
func FeatureAdoption(featureUsers, activeUsers int64) (Ratio, error) {
	return productShare("feature_adoption", "featureUsers", "activeUsers", featureUsers, activeUsers, true)
}

// CoreFeatureAdoption is FeatureAdoption restricted to the product's core
// features (Pendo's Core Events, the features that deliver its value),
//
//	core adoption = users of the core features ÷ active users
//
// exact, in [0, 1], with FeatureAdoption's errors. It is the adoption
// component of ProductEngagementScore. Source: Pendo,
// pendo.io/pendo-blog/?p=5874 (adoption of Core Events).
func CoreFeatureAdoption(coreFeatureUsers, activeUsers int64) (Ratio, error) {
	return productShare("core_feature_adoption", "coreFeatureUsers", "activeUsers", coreFeatureUsers, activeUsers, true)
}

// SessionFrequency is the number of sessions per active user in the period,
//
//	frequency = sessions ÷ active users
//
// returned as an exact Ratio shown as a multiple ("3.5x" means 3.5 sessions
// per active user) rather than a rounded Quantity, so nothing is lost.
// Negative counts return ErrNegative; zero active users ErrZeroDenominator.
// No cap or floor is applied (a frequency under 1 means sessions were counted
// more narrowly than activity). Source: industry convention.
func SessionFrequency(sessions, activeUsers int64) (Ratio, error) {
	return productShare("session_frequency", "sessions", "activeUsers", sessions, activeUsers, false)
}

// TimeToValueDays is the time from a customer's start (signup, contract,
// kickoff) to the moment they first reach value (the first core action, the
// first report, go-live), in days,
//
//	TTV = (value − start) ÷ 24 h
//
// computed from the exact nanosecond difference (no saturation) and rounded
// once with the zero Context{} (12 places, half-even): 36 hours is 1.5 days.
// A zero time.Time start or value returns ErrMissing; value before start returns
// ErrNegative. Source: industry convention.
func TimeToValueDays(start, value time.Time) (Quantity, error) {
	const id = "time_to_value_days"
	if start.IsZero() {
		return Quantity{}, metricErr(id, "start", ErrMissing)
	}
	if value.IsZero() {
		return Quantity{}, metricErr(id, "value", ErrMissing)
	}
	if value.Before(start) {
		return Quantity{}, metricErr(id, "value", fmt.Errorf("%w: %s is before start %s", ErrNegative, value.Format(time.RFC3339), start.Format(time.RFC3339)))
	}
	secs := decimal.New(value.Unix(), 0).Sub(decimal.New(start.Unix(), 0))
	nanos := secs.Mul(decimal.New(1, 9)).Add(decimal.New(int64(value.Nanosecond())-int64(start.Nanosecond()), 0))
	return quantity(Context{}.quo(nanos, productNanosPerDay()), UnitDays), nil
}

// MedianTimeToValueDays is the median of several customers' times to value,
// in days: the middle duration once sorted, or for an even count the mean of
// the two middle ones,
//
//	median TTV = middle(sorted durations) ÷ 24 h
//
// The median is taken exactly in nanoseconds and converted to days with one
// rounding (zero Context{}: 12 places, half-even). No durations return
// ErrEmpty; a negative one returns ErrNegative naming it ("durations[3]").
// The median resists the few slow onboardings that pull a mean up. Source:
// industry convention.
func MedianTimeToValueDays(durations []time.Duration) (Quantity, error) {
	const id = "median_time_to_value_days"
	if len(durations) == 0 {
		return Quantity{}, metricErr(id, "durations", ErrEmpty)
	}
	sorted := make([]time.Duration, len(durations))
	for i, dur := range durations {
		if dur < 0 {
			return Quantity{}, metricErr(id, fmt.Sprintf("durations[%d]", i), fmt.Errorf("%w: %s", ErrNegative, dur))
		}
		sorted[i] = dur
	}
	slices.Sort(sorted)
	n := len(sorted)
	if n%2 == 1 {
		return quantity(Context{}.quo(decimal.New(int64(sorted[n/2]), 0), productNanosPerDay()), UnitDays), nil
	}
	sum := decimal.New(int64(sorted[n/2-1]), 0).Add(decimal.New(int64(sorted[n/2]), 0))
	return quantity(Context{}.quo(sum, productNanosPerDay().Mul(decimal.New(2, 0))), UnitDays), nil
}

// ProductEngagementScore is Pendo's PES: the average of its three
// components,
//
//	PES = (adoption + stickiness + growth) ÷ 3
//
// exact (a fraction with denominator 3 where needed), shown as a percent in
// [0, 1] (Pendo shows 0–100). Adoption is typically CoreFeatureAdoption,
// stickiness Stickiness (or DAU/WAU), growth the component for new users
// retained; each must lie in [0, 1], else ErrOutOfRange naming it. Source:
// Pendo, support.pendo.io/hc/en-us/articles/360054782691 ("PES is the
// average of each component score"); no bands.
func ProductEngagementScore(adoption, stickiness, growth Ratio) (Ratio, error) {
	const id = "product_engagement_score"
	for _, in := range []struct {
		name string
		r    Ratio
	}{{"adoption", adoption}, {"stickiness", stickiness}, {"growth", growth}} {
		if err := checkUnitInterval(id, in.name, in.r); err != nil {
			return Ratio{}, err
		}
	}
	return adoption.Add(stickiness).Add(growth).Quo(RatioFromInt(3))
}

// productStewards returns the owners and cadences of the product family.
func productStewards() map[string]stewardship {
	weekly := "cadence: " + seed002 + " §Indicatori de implicare (engagement monitored weekly; weekly or monthly stickiness); owner the library's choice"
	ttv := "owner: " + seed004 + " §Hierarki Metrik (time to value is a CS-leadership operational metric); cadence the library's choice"
	return map[string]stewardship{
		"stickiness":                {roleProduct, CadenceWeekly, weekly},
		"weekly_active_seat_share":  {roleCS, CadenceWeekly, "owner: " + seed004 + " §Penggunaan dan Penggunaan Produk (usage is CS's leading indicator); cadence weekly by its definition"},
		"feature_adoption":          {roleProduct, CadenceMonthly, ocChoice},
		"core_feature_adoption":     {roleProduct, CadenceMonthly, ocChoice},
		"session_frequency":         {roleProduct, CadenceWeekly, weekly},
		"time_to_value_days":        {roleCS, CadenceMonthly, ttv},
		"median_time_to_value_days": {roleCS, CadenceMonthly, ttv},
		"time_to_value_product_led": {roleCS, CadenceMonthly, ttv},
		"time_to_value_smb":         {roleCS, CadenceMonthly, ttv},
		"time_to_value_mid_market":  {roleCS, CadenceMonthly, ttv},
		"time_to_value_enterprise":  {roleCS, CadenceMonthly, ttv},
		"product_engagement_score":  {roleProduct, CadenceWeekly, "cadence: " + seed002 + " §Indicatori de implicare (the product engagement score, monitored weekly); owner the library's choice"},
	}
}

// productTTVDefinitions returns the time-to-value benchmarks of seed 004, one
// definition per go-to-market motion: within the range (its upper end
// included) is green, slower is yellow. A faster time to value than the
// range's lower end is better still, so it shares the green band.
func productTTVDefinitions() []Definition {
	ttv := func(id, motion string, upper int64, note string) Definition {
		return Definition{
			ID: id, Name: "Time to value, " + motion, Category: CategoryProduct,
			Formula: "(first measurable outcome − contract signature) ÷ 24 h, for " + motion + " customers",
			Unit:    UnitDays, Direction: LowerIsBetter,
			Bands: []Band{
				{Name: "within benchmark", Status: StatusGreen, Note: note + " (faster is better still)"},
				{Name: "slower than benchmark", From: num(upper, 0), Exclusive: true, Status: StatusYellow, Note: fmt.Sprintf("above %d days: every week of delay raises churn risk", upper)},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment, AudienceFrontline}, Signal: SignalLeading,
			Source: sourceTTV004, Version: 1, Func: "metrics.TimeToValueDays",
		}
	}
	return []Definition{
		ttv("time_to_value_product_led", "product-led", 7, "1–7 days"),
		ttv("time_to_value_smb", "SMB", 30, "7–30 days"),
		ttv("time_to_value_mid_market", "mid-market", 60, "30–60 days"),
		ttv("time_to_value_enterprise", "enterprise", 120, "60–120 days"),
	}
}

// productDefinitions returns the dictionary entries of the product family.
func productDefinitions() []Definition {
	return steward(append(productDefinitionList(), productTTVDefinitions()...), productStewards())
}

// productDefinitionList returns the product entries before their owners and
// cadences are set.
func productDefinitionList() []Definition {
	return []Definition{
		{
			ID: "stickiness", Name: "Stickiness (DAU/MAU)", Category: CategoryProduct,
			Formula: "daily active users ÷ monthly active users, same definition of active",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "low", Status: StatusRed, Note: "<10%: most monthly users show up once or twice"},
				{Name: "average", From: pct(10), Status: StatusYellow, Note: "10–20%"},
				{Name: "typical", From: pct(20), Status: StatusGreen, Note: "20–40%: solid to strong for B2B SaaS"},
				{Name: "excellent", From: pct(40), Status: StatusGreen, Note: "≥40%"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLeading,
			Source:  sourceUsage004 + " (DAU/MAU 20–40% normal, 40%+ excellent; a customer falling from 35% to 15% in two months is telling you something); below 20%: " + sourceStickiness,
			Differs: "004 reads DAU/MAU as the share of seats active; the library divides daily by monthly active users, as is usual; for seats see weekly_active_seat_share. 004 gives no band below 20%; the low and average bands come from the public sources cited.",
			Version: 1, Func: "metrics.Stickiness",
		},
		{
			ID: "weekly_active_seat_share", Name: "Weekly active seat share", Category: CategoryProduct,
			Formula: "weekly active users ÷ licensed seats; may exceed 100% when over-deployed",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "below benchmark", Status: StatusYellow, Note: "<60% of seats active weekly"},
				{Name: "benchmark", From: pct(60), Status: StatusGreen, Note: "60–80% of seats"},
				{Name: "above benchmark", From: pct(80), Exclusive: true, Status: StatusGreen, Note: ">80%; above 100% the account uses more seats than it pays for"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceFrontline}, Signal: SignalLeading,
			Source: sourceUsage004 + " (weekly active users: 60–80% of all seats)", Version: 2, Func: "metrics.WeeklyActiveSeatShare",
		},
		{
			ID: "feature_adoption", Name: "Feature adoption", Category: CategoryProduct,
			Formula: "users of the feature in the period ÷ active users in the period",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceDepartment}, Signal: SignalLeading,
			Source:  seed004 + " §Penggunaan dan Penggunaan Produk (feature use: what share of the relevant features is used); " + seed002 + " §Rata de utilizare a funcțiilor",
			Differs: "002 defines its feature usage rate as monthly active users ÷ total logins in the period, a users-per-login figure (the inverse of session_frequency when sessions are logins); the library's adoption is feature users ÷ active users. 004 asks the share of the relevant features used, per account: pass features used and relevant features as the two counts.",
			Version: 1, Func: "metrics.FeatureAdoption",
		},
		{
			ID: "core_feature_adoption", Name: "Core feature adoption", Category: CategoryProduct,
			Formula: "users of the core features (core events) in the period ÷ active users in the period",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "below target", Status: StatusYellow, Note: "<70% of users use the core features"},
				{Name: "on target", From: pct(70), Status: StatusGreen, Note: "70%+ of users should use the core features"},
			},
			Audiences: []Audience{AudienceLeadership, AudienceDepartment, AudienceFrontline}, Signal: SignalLeading,
			Source: sourceUsage004 + " (core feature adoption: 70%+ of users); " + sourcePendoAdopt, Version: 2, Func: "metrics.CoreFeatureAdoption",
		},
		{
			ID: "session_frequency", Name: "Session frequency", Category: CategoryProduct,
			Formula: "sessions in the period ÷ active users in the period (sessions per active user)",
			Unit:    UnitRatio, Display: "multiple", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceDepartment}, Signal: SignalLeading,
			Source: sourceUsage004 + " (session frequency: how often users log in)", Version: 1, Func: "metrics.SessionFrequency",
		},
		{
			ID: "time_to_value_days", Name: "Time to value", Category: CategoryProduct,
			Formula: "(first value moment − start) ÷ 24 h, rounded once to 12 places half-even",
			Unit:    UnitDays, Direction: LowerIsBetter,
			Audiences: []Audience{AudienceDepartment, AudienceFrontline}, Signal: SignalLeading,
			Source: sourceTTV004 + "; the benchmarks are the time_to_value_* definitions per motion", Version: 1, Func: "metrics.TimeToValueDays",
		},
		{
			ID: "median_time_to_value_days", Name: "Median time to value", Category: CategoryProduct,
			Formula: "median of the customers' times to value (even count: mean of the middle two) ÷ 24 h, rounded once to 12 places half-even",
			Unit:    UnitDays, Direction: LowerIsBetter,
			Audiences: []Audience{AudienceLeadership, AudienceDepartment}, Signal: SignalLeading,
			Source: sourceTTV004 + "; the median resists a few slow onboardings (industry convention)", Version: 1, Func: "metrics.MedianTimeToValueDays",
		},
		{
			ID: "product_engagement_score", Name: "Product engagement score (PES)", Category: CategoryProduct,
			Formula: "(adoption + stickiness + growth) ÷ 3, each in [0, 1]",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Audiences: []Audience{AudienceBoard, AudienceLeadership, AudienceDepartment}, Signal: SignalLeading,
			Source: seed002 + " §Indicatori de implicare (the product engagement score combines adoption, stickiness and growth in one score, monitored weekly); " + sourcePendoPES, Version: 1, Func: "metrics.ProductEngagementScore",
		},
	}
}
