package metrics

// Tests of the metrics added for definition fidelity to the five source
// documents: the growth-rate trend (seed 000), LTV in years, the CSM time
// share per activity (seed 004), and the dictionary's Markdown.

import (
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// pctSeries turns percent literals into rates.
func pctSeries(t fataler, ps ...string) []Ratio {
	out := make([]Ratio, len(ps))
	for i, p := range ps {
		out[i] = pctR(t, p)
	}
	return out
}

func TestGrowthTrend(t *testing.T) {
	tests := []struct {
		name      string
		rates     []Ratio
		tolerance Ratio
		slope     Ratio
		dir       TrendDirection
	}{
		// Two rates: the slope is their difference, 12% − 10% = 2 points.
		{"two rates", pctSeries(t, "10", "12"), Ratio{}, pctR(t, "2"), TrendAccelerating},
		// 10, 12, 14: a straight line rising 2 points a period.
		{"straight line", pctSeries(t, "10", "12", "14"), pctR(t, "1"), pctR(t, "2"), TrendAccelerating},
		// 10, 8, 9, 7: Σi = 6, Σr = 34%, Σi·r = 0 + 8 + 18 + 21 = 47%;
		// slope = (4·47 − 6·34) ÷ (4·14 − 36) = (188 − 204) ÷ 20 = −0.8 points.
		{"noisy decline", pctSeries(t, "10", "8", "9", "7"), pctR(t, "0.5"), pctR(t, "-0.8"), TrendDecelerating},
		// The same decline within a tolerance of 0.8 points is stable (the edge is stable).
		{"decline at the tolerance", pctSeries(t, "10", "8", "9", "7"), pctR(t, "0.8"), pctR(t, "-0.8"), TrendStable},
		// Symmetric zig-zag: 5, 7, 5, 7 has slope (4·(0+7+10+21) − 6·24) ÷ 20 = (152 − 144) ÷ 20 = 0.4 points.
		{"zig-zag", pctSeries(t, "5", "7", "5", "7"), pctR(t, "0.4"), pctR(t, "0.4"), TrendStable},
		{"flat", pctSeries(t, "5", "5", "5"), Ratio{}, Ratio{}, TrendStable},
		// Negative growth may trend up: −10%, −5%, 0%.
		{"recovering", pctSeries(t, "-10", "-5", "0"), Ratio{}, pctR(t, "5"), TrendAccelerating},
		// Thirds stay exact: 0, 1/3, 2/3 rises 1/3 a period.
		{"thirds", []Ratio{{}, frac(t, 1, 3), frac(t, 2, 3)}, Ratio{}, frac(t, 1, 3), TrendAccelerating},
	}
	for _, tc := range tests {
		got, err := GrowthTrend(tc.rates, tc.tolerance)
		want := Trend{Slope: tc.slope, Direction: tc.dir}
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: %+v, %v; want slope %v %s", tc.name, got, err, tc.slope, tc.dir)
		}
	}
	many := make([]Ratio, growthTrendMaxRates+1)
	huge, err := RatioOf(decimal.New(1, 0), decimal.RequireFromString("3"+strings.Repeat("7", 5000)))
	if err != nil {
		t.Fatal(err)
	}
	checkMetricErrors(t, []errCase{
		{"no rates", second(GrowthTrend(nil, Ratio{})), ErrEmpty},
		{"one rate", second(GrowthTrend(pctSeries(t, "5"), Ratio{})), ErrEmpty},
		{"too many", second(GrowthTrend(many, Ratio{})), ErrOutOfRange},
		{"negative tolerance", second(GrowthTrend(pctSeries(t, "5", "6"), pctR(t, "-1"))), ErrNegative},
		{"too many bits", second(GrowthTrend([]Ratio{huge, huge, huge, huge}, Ratio{})), ErrOutOfRange},
		{"extreme exponent", second(GrowthTrend([]Ratio{ratDec(t, decimal.New(1, -1_000_000)), Percent(5)}, Ratio{})), ErrOutOfRange},
	})
	for d, want := range map[TrendDirection]string{TrendDecelerating: "decelerating", TrendStable: "stable", TrendAccelerating: "accelerating", 0: "TrendDirection(0)", 9: "TrendDirection(9)"} {
		if got := d.String(); got != want {
			t.Errorf("%d: %q", d, got)
		}
		if b, _ := d.MarshalText(); string(b) != want {
			t.Errorf("%d: MarshalText %q", d, b)
		}
	}
	if (Trend{Slope: pctR(t, "1"), Direction: TrendStable}).Equal(Trend{Slope: pctR(t, "1"), Direction: TrendAccelerating}) {
		t.Error("Equal ignores the direction")
	}
}

// The slope equals the slow, mean-centred least-squares reference; adding a
// constant to every rate leaves it unchanged; reversing the series negates
// it; an arithmetic progression has its step as the slope.
func TestGrowthTrendProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 16).Draw(t, "n")
		rates := make([]Ratio, n)
		for i := range rates {
			// Small value sets with repeats are common; some large.
			p := rapid.OneOf(rapid.Int64Range(-3, 3), rapid.Int64Range(-100000, 100000)).Draw(t, "p")
			rates[i], _ = NewRatio(p, rapid.SampledFrom([]int64{1, 3, 100, 7}).Draw(t, "den"))
		}
		got, err := GrowthTrend(rates, Ratio{})
		if err != nil {
			t.Fatal(err)
		}
		if want := slowGrowthSlope(rates); !got.Slope.Equal(want) {
			t.Fatalf("slope %v, slow reference %v", got.Slope, want)
		}
		if got.Direction != slowTrendDirection(got.Slope) {
			t.Fatalf("direction %s for slope %v", got.Direction, got.Slope)
		}
		shift, _ := NewRatio(rapid.Int64Range(-50, 50).Draw(t, "shift"), 100)
		shifted := make([]Ratio, n)
		reversed := make([]Ratio, n)
		for i, r := range rates {
			shifted[i] = r.Add(shift)
			reversed[n-1-i] = r
		}
		if s, _ := GrowthTrend(shifted, Ratio{}); !s.Slope.Equal(got.Slope) {
			t.Fatalf("shifted slope %v, want %v", s.Slope, got.Slope)
		}
		if r, _ := GrowthTrend(reversed, Ratio{}); !r.Slope.Equal(got.Slope.Neg()) {
			t.Fatalf("reversed slope %v, want %v", r.Slope, got.Slope.Neg())
		}
		step, _ := NewRatio(rapid.Int64Range(-10, 10).Draw(t, "step"), 100)
		line := make([]Ratio, n)
		for i := range line {
			line[i] = rates[0].Add(step.MulInt(int64(i)))
		}
		if l, _ := GrowthTrend(line, Ratio{}); !l.Slope.Equal(step) {
			t.Fatalf("line slope %v, want %v", l.Slope, step)
		}
	})
}

// A hostile series (the most rates allowed, each with a large fraction, or
// rates beyond the bit budget) returns within a second.
func TestGrowthTrendHostile(t *testing.T) {
	big := make([]Ratio, growthTrendMaxRates)
	for i := range big {
		big[i], _ = NewRatio(int64(i)*7919+1, int64(i)*104729+1) // distinct, mostly coprime denominators
	}
	done := make(chan error, 1)
	go func() {
		_, err := GrowthTrend(big, Ratio{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("1,000 large distinct fractions passed the bit budget")
		}
	case <-time.After(time.Second):
		t.Fatal("GrowthTrend took more than a second")
	}
	// Exactly the most rates allowed, each a small fraction: accepted.
	most := make([]Ratio, growthTrendMaxRates)
	for i := range most {
		most[i] = Percent(int64(i % 5))
	}
	if _, err := GrowthTrend(most, Ratio{}); err != nil {
		t.Errorf("%d small rates: %v", growthTrendMaxRates, err)
	}
	// Within the budget: 600 quarterly rates in hundredths of a percent.
	fine := make([]Ratio, 600)
	for i := range fine {
		fine[i], _ = NewRatio(int64(i%37)-18, 10000)
	}
	go func() {
		_, err := GrowthTrend(fine, Ratio{})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("600 small rates: %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("GrowthTrend of 600 small rates took more than a second")
	}
}

func TestLTVYears(t *testing.T) {
	// Seed 004: $30,000 a year for 2.5 years is $75,000; exact, no rounding.
	v, err := LTVYears(usd(t, "30000"), d(t, "2.5"))
	if err != nil || !v.Equal(usd(t, "75000")) {
		t.Errorf("LTVYears = %v, %v", v, err)
	}
	// The same customer in months: $2,500 × 30 months.
	m, err := LTVSimple(usd(t, "2500"), qty(t, "30", UnitMonths))
	if err != nil || !m.Equal(v) {
		t.Errorf("LTVSimple in months = %v, %v; want %v", m, err, v)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
		in   string
	}{
		{"negative revenue", second(LTVYears(usd(t, "-1"), d(t, "2"))), ErrNegative, "annualRevenue"},
		{"negative years", second(LTVYears(usd(t, "1"), d(t, "-2"))), ErrNegative, "years"},
		{"years beyond the exponent bound", second(LTVYears(usd(t, "1"), decimal.New(1, 2_000_000))), ErrOutOfRange, "years"},
	} {
		checkMetricError(t, tc.name, tc.err, tc.want, "ltv_annual", tc.in)
	}
}

func TestTimeShare(t *testing.T) {
	// Seed 004: administration taking 12 of 40 hours is 30%.
	v, err := TimeShare(d(t, "12"), d(t, "40"))
	if err != nil || !v.Equal(pctR(t, "30")) {
		t.Errorf("TimeShare = %v, %v", v, err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
		in   string
	}{
		{"negative activity", second(TimeShare(d(t, "-1"), d(t, "40"))), ErrNegative, "activityHours"},
		{"negative total", second(TimeShare(d(t, "1"), d(t, "-40"))), ErrNegative, "totalHours"},
		{"activity above total", second(TimeShare(d(t, "41"), d(t, "40"))), ErrOutOfRange, "activityHours"},
		{"zero total", second(TimeShare(d(t, "0"), d(t, "0"))), ErrZeroDenominator, "totalHours"},
	} {
		checkMetricError(t, tc.name, tc.err, tc.want, "csm_time_share", tc.in)
	}
	checkMetricError(t, "proactive above total", second(ProactiveTimeShare(d(t, "41"), d(t, "40"))), ErrOutOfRange, "proactive_time_share", "proactiveHours")
}

// Seed 004's support targets: a ticket answered at once (zero duration)
// counts, and the average of 0 h and 2 h is 1 h, on target (<4 h).
func TestSupportTimesZeroDuration(t *testing.T) {
	v, err := FirstResponseTimeHours([]time.Duration{0, 2 * time.Hour})
	if err != nil || !v.Value().Equal(d(t, "1")) {
		t.Fatalf("first response = %v, %v; want 1 hour", v, err)
	}
	def, _ := dictionary(t).Lookup("first_response_time")
	if b, err := def.Classify(v); err != nil || b.Name != "on target" {
		t.Errorf("1 hour: %q, %v", b.Name, err)
	}
}

// The Markdown bounds read in the metric's display, with the sources'
// inclusive and exclusive edges.
func TestMarkdownBands(t *testing.T) {
	dict := dictionary(t)
	get := func(id string) Definition {
		def, ok := dict.Lookup(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		return def
	}
	for _, tc := range []struct {
		id   string
		i    int
		want string
	}{
		{"nrr", 0, "<90%"},
		{"nrr", 1, "[90%, 100%)"},
		{"nrr", 4, "≥120%"},
		{"annual_logo_churn_rate", 3, "[15%, 20%]"},
		{"annual_logo_churn_rate", 4, ">20%"},
		{"magic_number", 1, "[0.5x, 0.75x]"},
		{"magic_number", 2, ">0.75x"},
		{"arr_per_csm_enterprise", 0, "<1,500,000 USD"},
		{"arr_per_csm_enterprise", 1, "[1,500,000 USD, 3,000,000 USD]"},
		{"arr_per_csm_smb", 1, "≥3,000,000 USD"},
		{"time_to_value_product_led", 0, "≤7 days"},
		{"csm_time_admin", 1, "≥10%"},
		{"nps", 3, "≥50"},
		{"growth_trend", 1, "[0%, 0%]"},
	} {
		if got := bandInterval(get(tc.id), tc.i); got != tc.want {
			t.Errorf("%s band %d: %q, want %q", tc.id, tc.i, got, tc.want)
		}
	}
	if got := bandInterval(Definition{Bands: []Band{{Name: "only"}}}, 0); got != "all values" {
		t.Errorf("a single band: %q", got)
	}
	for in, want := range map[string]string{"1500000": "1,500,000", "-1234.5": "-1,234.5", "999": "999", "1000": "1,000", "0.25": "0.25"} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%q) = %q, want %q", in, got, want)
		}
	}
	md := dict.Markdown()
	for _, want := range []string{
		"| [`nrr`](#nrr) | Net revenue retention | percent | ↑ | critical <90% · warning [90%, 100%)",
		"\n### nrr\n",
		"- Audience: board, leadership; owner: VP Customer Success; cadence: monthly\n",
		"  - critical (red): >20% — >20% (20% itself is warning)\n",
		"- Differs: 004's worked example prints GRR",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for _, def := range dict.All() {
		if def.Owner == "" || def.Cadence == 0 {
			continue // definitions leaving for other packages
		}
		if !strings.Contains(md, "| "+def.Owner+" | "+def.Cadence.String()+" |") {
			t.Errorf("%s: the summary row lacks its owner and cadence", def.ID)
		}
	}
	if directionMark(Neutral) != "–" || directionMark(LowerIsBetter) != "↓" || cadenceLabel(0) != "—" || orDash("") != "—" {
		t.Error("direction, cadence or empty labels")
	}
}

// The rule of 40's inputs at their limits: growth of exactly −100% (all
// revenue lost) and a margin of exactly 100% are allowed; beyond, refused.
func TestRuleOf40Limits(t *testing.T) {
	v, err := RuleOf40(pctR(t, "-100"), pctR(t, "100"))
	if err != nil || !v.IsZero() {
		t.Errorf("RuleOf40(−100%%, 100%%) = %v, %v; want 0", v, err)
	}
	checkMetricError(t, "growth below −100%", second(RuleOf40(pctR(t, "-100.01"), Ratio{})), ErrOutOfRange, "rule_of_40", "growthRate")
	checkMetricError(t, "margin above 100%", second(RuleOf40(Ratio{}, pctR(t, "100.01"))), ErrOutOfRange, "rule_of_40", "profitMargin")
}

// retentionSize, the bit estimate behind the exact-power and growth-trend
// budgets: 1 + the coefficient's bits + 4 bits per decimal place of the
// exponent, whichever its sign.
func TestRetentionSize(t *testing.T) {
	for _, tc := range []struct {
		d    decimal.Decimal
		want int64
	}{
		{decimal.New(0, 0), 1},
		{decimal.New(5, 0), 4},   // 1 + 3 bits
		{decimal.New(5, 3), 16},  // 1 + 3 + 4·3
		{decimal.New(5, -3), 16}, // 1 + 3 + 4·3
		{decimal.New(255, -1), 13},
	} {
		if got := retentionSize(tc.d); got != tc.want {
			t.Errorf("retentionSize(%s) = %d, want %d", dec.Format(tc.d, 0), got, tc.want)
		}
	}
	// CompoundChurn's budget at its edge: 50% is 1/2, 2 + 3 = 5 bits a
	// period, so 2^18 ÷ 5 = 52,428 periods are allowed and one more is not.
	half := Percent(50)
	if _, err := CompoundChurn(half, 52428); err != nil {
		t.Errorf("52,428 periods: %v", err)
	}
	checkMetricError(t, "52,429 periods", second(CompoundChurn(half, 52429)), ErrOutOfRange, "compound_churn", "periods")
}
