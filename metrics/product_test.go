package metrics

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// productRatio is a (Ratio, error) pair for table tests.
type productRatio struct {
	v   Ratio
	err error
}

func productR(v Ratio, err error) productRatio { return productRatio{v, err} }

// Ratio-valued product examples, exact, with the band where the definition
// has bands.
func TestProductRatioExamples(t *testing.T) {
	dict := dictionary(t)
	third, err := NewRatio(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id string
		got      productRatio
		want     Ratio
		band     string
	}{
		// runfutureproof.com/terms/stickiness-dau-mau: 3,000 DAU ÷ 15,000 MAU = 20%.
		{"stickiness runfutureproof", "stickiness", productR(Stickiness(3000, 15000)), pctR(t, "20"), "typical"},
		// ideaplan.io/metrics/dau-mau-ratio-stickiness: 500 ÷ 2,000 = 25%.
		{"stickiness ideaplan", "stickiness", productR(Stickiness(500, 2000)), rat(t, "0.250"), "typical"},
		// heyoo.ai/marketing-glossary/dau-mau-ratio: 6,000 ÷ 24,000 = 25%.
		{"stickiness heyoo", "stickiness", productR(Stickiness(6000, 24000)), pctR(t, "25.0"), "typical"},
		{"stickiness below 10%", "stickiness", productR(Stickiness(99, 1000)), pctR(t, "9.9"), "low"},
		{"stickiness exactly 10%", "stickiness", productR(Stickiness(100, 1000)), pctR(t, "10"), "average"},
		{"stickiness exactly 40%", "stickiness", productR(Stickiness(40, 100)), pctR(t, "40"), "excellent"},
		{"stickiness zero dau", "stickiness", productR(Stickiness(0, 100)), ratDec(t, decimal.Decimal{}), "low"},
		{"stickiness everyone daily", "stickiness", productR(Stickiness(7, 7)), RatioFromInt(1), "excellent"},
		{"seat share", "", productR(WeeklyActiveSeatShare(45, 50)), pctR(t, "90"), ""},
		{"seat share over-deployed", "", productR(WeeklyActiveSeatShare(60, 50)), pctR(t, "120"), ""},
		{"feature adoption", "", productR(FeatureAdoption(30, 120)), pctR(t, "25"), ""},
		{"feature adoption thirds", "", productR(FeatureAdoption(1, 3)), third, ""},
		{"core feature adoption", "", productR(CoreFeatureAdoption(80, 100)), rat(t, "0.80"), ""},
		{"session frequency", "", productR(SessionFrequency(350, 100)), rat(t, "3.5"), ""},
		{"session frequency zero sessions", "", productR(SessionFrequency(0, 100)), Ratio{}, ""},
		// PES: the average of the three components (support.pendo.io, PES overview).
		{"pes", "", productR(ProductEngagementScore(pctR(t, "50"), pctR(t, "20"), pctR(t, "30"))), third, ""},
		{"pes 60/30/45", "", productR(ProductEngagementScore(pctR(t, "60"), pctR(t, "30"), pctR(t, "45"))), pctR(t, "45"), ""},
		{"pes zeros", "", productR(ProductEngagementScore(Ratio{}, ratDec(t, decimal.Decimal{}), pctR(t, "0"))), Ratio{}, ""},
		{"pes ones", "", productR(ProductEngagementScore(RatioFromInt(1), pctR(t, "100"), rat(t, "1.00"))), RatioFromInt(1), ""},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
		if tc.band == "" {
			continue
		}
		def, ok := dict.Lookup(tc.id)
		if !ok {
			t.Fatalf("%s: no definition %q", tc.name, tc.id)
		}
		b, err := def.Classify(tc.got.v)
		if err != nil {
			t.Errorf("%s: classify: %v", tc.name, err)
		} else if b.Name != tc.band {
			t.Errorf("%s: band %q, want %q", tc.name, b.Name, tc.band)
		}
	}
}

// Time to value in days, exact or rounded once at 12 places.
func TestTimeToValueDays(t *testing.T) {
	utc := func(y int, m time.Month, dd, h, min, s, ns int) time.Time {
		return time.Date(y, m, dd, h, min, s, ns, time.UTC)
	}
	plusOne := time.FixedZone("UTC+1", 3600)
	tests := []struct {
		name         string
		start, value time.Time
		want         decimal.Decimal
	}{
		{"36 hours", utc(2024, 3, 1, 0, 0, 0, 0), utc(2024, 3, 2, 12, 0, 0, 0), d(t, "1.50")},
		{"same instant", utc(2024, 3, 1, 9, 0, 0, 0), utc(2024, 3, 1, 9, 0, 0, 0), decimal.Decimal{}},
		// A leap year: 2024-02-01 to 2024-03-01 is 29 days.
		{"leap february", utc(2024, 2, 1, 0, 0, 0, 0), utc(2024, 3, 1, 0, 0, 0, 0), d(t, "29")},
		// One hour is 1/24 day = 0.041666…, rounded half-even at 12 places.
		{"one hour", utc(2024, 3, 1, 0, 0, 0, 0), utc(2024, 3, 1, 1, 0, 0, 0), d(t, "0.041666666667")},
		// The same instants written in another zone: 10:00+01:00 is 09:00Z.
		{"zones", utc(2024, 3, 1, 8, 0, 0, 0), time.Date(2024, 3, 1, 10, 0, 0, 0, plusOne), d(t, "0.041666666667")},
		// Nanoseconds across a second boundary: 2 ns is 2.3e-14 days, 0 at 12 places.
		{"nanoseconds", utc(2024, 3, 1, 0, 0, 0, 999_999_999), utc(2024, 3, 1, 0, 0, 1, 1), decimal.Decimal{}},
		// 2,000 years (time.Sub saturates at about 292): 2000 × 365 + 485 leap days.
		// (January 1 of year 1 at midnight UTC is the zero time.Time, i.e. missing.)
		{"two thousand years", utc(1, 1, 2, 0, 0, 0, 0), utc(2001, 1, 2, 0, 0, 0, 0), d(t, "730485")},
	}
	for _, tc := range tests {
		got, err := TimeToValueDays(tc.start, tc.value)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if want := qtyDec(t, tc.want, UnitDays); !got.Equal(want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, want)
		}
	}
}

func TestMedianTimeToValueDays(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		in   []time.Duration
		want decimal.Decimal
	}{
		{"one", []time.Duration{3 * day}, d(t, "3")},
		{"odd, unsorted", []time.Duration{3 * day, day, 2 * day}, d(t, "2.0")},
		{"even: mean of the middle two", []time.Duration{10 * day, day, 4 * day, 2 * day}, d(t, "3")},
		{"even, half day", []time.Duration{day, 2 * day}, d(t, "1.5")},
		{"outlier ignored", []time.Duration{day, day, 400 * day}, d(t, "1")},
		{"zero", []time.Duration{0}, decimal.Decimal{}},
		// 12 h and 13 h: median 12.5 h = 0.520833… days, rounded once.
		{"rounds once", []time.Duration{12 * time.Hour, 13 * time.Hour}, d(t, "0.520833333333")},
	}
	for _, tc := range tests {
		got, err := MedianTimeToValueDays(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if want := qtyDec(t, tc.want, UnitDays); !got.Equal(want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, want)
		}
	}
	in := []time.Duration{3 * day, day, 2 * day}
	if _, err := MedianTimeToValueDays(in); err != nil || in[0] != 3*day {
		t.Errorf("MedianTimeToValueDays reordered its input: %v (%v)", in, err)
	}
}

// Every exported product function reports each invalid input with the right
// sentinel, inside a *MetricError naming the metric and the input.
func TestProductErrors(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	half := pctR(t, "50")
	tests := []struct {
		name, id, input string
		err             error
		want            error
	}{
		{"stickiness zero mau", "stickiness", "mau", second(Stickiness(0, 0)), ErrZeroDenominator},
		{"stickiness negative dau", "stickiness", "dau", second(Stickiness(-1, 10)), ErrNegative},
		{"stickiness negative mau", "stickiness", "mau", second(Stickiness(1, -10)), ErrNegative},
		{"stickiness dau > mau", "stickiness", "dau", second(Stickiness(11, 10)), ErrOutOfRange},

		{"seats zero", "weekly_active_seat_share", "seats", second(WeeklyActiveSeatShare(3, 0)), ErrZeroDenominator},
		{"seats negative", "weekly_active_seat_share", "seats", second(WeeklyActiveSeatShare(3, -1)), ErrNegative},
		{"seats negative active", "weekly_active_seat_share", "weeklyActive", second(WeeklyActiveSeatShare(-3, 5)), ErrNegative},

		{"adoption zero active", "feature_adoption", "activeUsers", second(FeatureAdoption(0, 0)), ErrZeroDenominator},
		{"adoption negative", "feature_adoption", "featureUsers", second(FeatureAdoption(-1, 5)), ErrNegative},
		{"adoption negative active", "feature_adoption", "activeUsers", second(FeatureAdoption(1, -5)), ErrNegative},
		{"adoption above active", "feature_adoption", "featureUsers", second(FeatureAdoption(6, 5)), ErrOutOfRange},

		{"core zero active", "core_feature_adoption", "activeUsers", second(CoreFeatureAdoption(0, 0)), ErrZeroDenominator},
		{"core negative", "core_feature_adoption", "coreFeatureUsers", second(CoreFeatureAdoption(-1, 5)), ErrNegative},
		{"core above active", "core_feature_adoption", "coreFeatureUsers", second(CoreFeatureAdoption(6, 5)), ErrOutOfRange},

		{"sessions zero users", "session_frequency", "activeUsers", second(SessionFrequency(10, 0)), ErrZeroDenominator},
		{"sessions negative", "session_frequency", "sessions", second(SessionFrequency(-10, 5)), ErrNegative},
		{"sessions negative users", "session_frequency", "activeUsers", second(SessionFrequency(10, -5)), ErrNegative},

		{"ttv zero start", "time_to_value_days", "start", second(TimeToValueDays(time.Time{}, t0)), ErrMissing},
		{"ttv zero value", "time_to_value_days", "value", second(TimeToValueDays(t0, time.Time{})), ErrMissing},
		{"ttv value before start", "time_to_value_days", "value", second(TimeToValueDays(t0, t0.Add(-time.Nanosecond))), ErrNegative},

		{"median empty", "median_time_to_value_days", "durations", second(MedianTimeToValueDays(nil)), ErrEmpty},
		{"median empty slice", "median_time_to_value_days", "durations", second(MedianTimeToValueDays([]time.Duration{})), ErrEmpty},
		{"median negative", "median_time_to_value_days", "durations[2]", second(MedianTimeToValueDays([]time.Duration{1, 2, -1})), ErrNegative},

		{"pes adoption > 1", "product_engagement_score", "adoption", second(ProductEngagementScore(pctR(t, "101"), half, half)), ErrOutOfRange},
		{"pes stickiness < 0", "product_engagement_score", "stickiness", second(ProductEngagementScore(half, pctR(t, "-1"), half)), ErrOutOfRange},
		{"pes growth > 1", "product_engagement_score", "growth", second(ProductEngagementScore(half, half, RatioFromInt(2))), ErrOutOfRange},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.err, tc.want)
			continue
		}
		var me *MetricError
		if !errors.As(tc.err, &me) {
			t.Errorf("%s: %v is not a *MetricError", tc.name, tc.err)
			continue
		}
		if me.Metric != tc.id || me.Input != tc.input {
			t.Errorf("%s: error names %q/%q, want %q/%q", tc.name, me.Metric, me.Input, tc.id, tc.input)
		}
	}
}

// productGenShare draws a ratio in [0, 1] with up to 4 decimals, sometimes
// the zero Ratio or an equal value at another scale.
func productGenShare(t *rapid.T, label string) Ratio {
	switch rapid.IntRange(0, 5).Draw(t, label+"-kind") {
	case 0:
		return Ratio{}
	case 1:
		return ratDec(t, decimal.New(rapid.Int64Range(0, 100).Draw(t, label+"-pct")*100, -4)) // 0.2500 style
	}
	return ratDec(t, decimal.New(rapid.Int64Range(0, 10000).Draw(t, label), -4))
}

// PES lies in [0, 1], between its smallest and largest component, and equals
// each input when all three are equal.
func TestProductEngagementScoreProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, s, g := productGenShare(t, "adoption"), productGenShare(t, "stickiness"), productGenShare(t, "growth")
		pes, err := ProductEngagementScore(a, s, g)
		if err != nil {
			t.Fatal(err)
		}
		if pes.Sign() < 0 || pes.Cmp(RatioFromInt(1)) > 0 {
			t.Fatalf("PES %v outside [0, 1]", pes)
		}
		lo, hi := a, a
		for _, r := range []Ratio{s, g} {
			if r.Cmp(lo) < 0 {
				lo = r
			}
			if r.Cmp(hi) > 0 {
				hi = r
			}
		}
		if pes.Cmp(lo) < 0 || pes.Cmp(hi) > 0 {
			t.Fatalf("PES %v outside its components [%v, %v]", pes, lo, hi)
		}
		// Three times the average is the sum, exactly.
		if sum := a.Add(s).Add(g); !pes.MulInt(3).Equal(sum) {
			t.Fatalf("3 × PES = %v, want the sum %v", pes.MulInt(3), sum)
		}
		same, err := ProductEngagementScore(a, a, a)
		if err != nil {
			t.Fatal(err)
		}
		if !same.Equal(a) {
			t.Fatalf("PES(%v, %v, %v) = %v", a, a, a, same)
		}
	})
}

// The median time to value lies between the fastest and the slowest, and does
// not depend on input order.
func TestMedianTimeToValueProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		durs := rapid.SliceOfN(rapid.Int64Range(0, int64(1000*24*time.Hour)), 1, 30).Draw(t, "ns")
		in := make([]time.Duration, len(durs))
		lo, hi := time.Duration(durs[0]), time.Duration(durs[0])
		for i, n := range durs {
			in[i] = time.Duration(n)
			lo, hi = min(lo, in[i]), max(hi, in[i])
		}
		med, err := MedianTimeToValueDays(in)
		if err != nil {
			t.Fatal(err)
		}
		// The one-element medians are the extremes rounded the same way.
		minDays, err := MedianTimeToValueDays([]time.Duration{lo})
		if err != nil {
			t.Fatal(err)
		}
		maxDays, err := MedianTimeToValueDays([]time.Duration{hi})
		if err != nil {
			t.Fatal(err)
		}
		if med.Value().Cmp(minDays.Value()) < 0 || med.Value().Cmp(maxDays.Value()) > 0 {
			t.Fatalf("median %v outside [%v, %v]", med, minDays, maxDays)
		}
		perm := rapid.Permutation(in).Draw(t, "perm")
		again, err := MedianTimeToValueDays(perm)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Equal(med) {
			t.Fatalf("median of a permutation %v, want %v", again, med)
		}
	})
}

// Shares of users lie in [0, 1] and are exactly part/whole.
func TestProductShareProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mau := rapid.Int64Range(1, 1e12).Draw(t, "mau")
		dau := rapid.Int64Range(0, mau).Draw(t, "dau")
		s, err := Stickiness(dau, mau)
		if err != nil {
			t.Fatal(err)
		}
		if s.Sign() < 0 || s.Cmp(RatioFromInt(1)) > 0 {
			t.Fatalf("stickiness %v outside [0, 1]", s)
		}
		if !s.MulInt(mau).Equal(RatioFromInt(dau)) {
			t.Fatalf("stickiness %v × %d ≠ %d", s, mau, dau)
		}
	})
}
