package attribution

import (
	"errors"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
)

// want is one expected credit: channel, campaign, exact share, value.
type want struct {
	channel, campaign, share, value string
}

// checkCredits compares got with the expected credits in currency.
func checkCredits(t *testing.T, got []Credit, currency string, ws []want) {
	t.Helper()
	var exp []Credit
	for _, w := range ws {
		exp = append(exp, Credit{Channel: w.channel, Campaign: w.campaign, Share: ratio(t, w.share), Value: money(t, w.value, currency)})
	}
	if diff := gocmp.Diff(exp, got); diff != "" {
		t.Errorf("credits (-want +got):\n%s", diff)
	}
}

// Each model on hand-made journeys, every credit derived by hand in cents:
// a key's exact credit is value × weight ÷ total weight; the floors go out
// first and the cents left over go to the largest remainders, the earlier
// key on ties.
func TestCreditsWorkedExamples(t *testing.T) {
	wshape := func(ts ...Touch) []Touch { return ts }
	at := func(ch string, days int, m Milestone) Touch {
		return Touch{Channel: ch, Time: daysBefore(days), Milestones: m}
	}
	custom := mustModel(t)(Custom(Weights{First: ratio(t, "50%"), Last: ratio(t, "50%")}))
	stepped := mustModel(t)(TimeDecay(Decay{Stepped: true}))
	continuous := mustModel(t)(TimeDecay(Decay{}))
	tests := []struct {
		name  string
		model Model
		j     Journey
		cur   string
		want  []want
	}{
		{
			// A B A: A holds 2 of 3 equal shares. 10000 cents × 2/3 = 6666 r 2,
			// × 1/3 = 3333 r 1; 1 cent left goes to A (larger remainder).
			name: "linear repeated channel", model: Linear(),
			j: journey("j1", usd(t, "100"), touches("A", "B", "A")...), cur: "USD",
			want: []want{{"A", "", "2/3", "66.67"}, {"B", "", "1/3", "33.33"}},
		},
		{
			// One touch takes everything whatever the model.
			name: "position-based single touch", model: PositionBased(),
			j: journey("j2", usd(t, "100"), touches("A")...), cur: "USD",
			want: []want{{"A", "", "1", "100"}},
		},
		{
			// Two touches: 40 and 40, the middle 20 dropped → 50/50.
			name: "position-based two touches", model: PositionBased(),
			j: journey("j3", usd(t, "99.99"), touches("A", "B")...), cur: "USD",
			// 9999 × 1/2 = 4999 r 1 each; the cent left goes to A (tie, earlier).
			want: []want{{"A", "", "1/2", "50"}, {"B", "", "1/2", "49.99"}},
		},
		{
			// Five touches: weights 6 1 1 1 6 of 15 (40%, 20%/3 each, 40%).
			// 10000 × 6/15 = 4000 r 0; × 1/15 = 666 r 10 (three times);
			// floors sum to 9998: the 2 cents left go to B and C (equal
			// remainders, earlier first). Rounding each share on its own gives
			// 40.00 + 3 × 6.67 + 40.00 = 100.01: see the check below.
			name: "position-based five touches", model: PositionBased(),
			j: journey("j4", usd(t, "100"), touches("A", "B", "C", "D", "E")...), cur: "USD",
			want: []want{{"A", "", "2/5", "40"}, {"B", "", "1/15", "6.67"}, {"C", "", "1/15", "6.67"}, {"D", "", "1/15", "6.66"}, {"E", "", "2/5", "40"}},
		},
		{
			// W-shaped, first interaction and lead on T1, opportunity on T3:
			// holds T1 = 30+30, T3 = 30; the 10% goes to T2 and T4 (two
			// others): weights ×2 → 12, 1, 6, 1 of 20 → 60%, 5%, 30%, 5%.
			name: "W-shaped coinciding milestones", model: WShaped(),
			j: journey("j5", usd(t, "1000"), wshape(
				at("ads", 4, FirstInteraction|LeadCreated), at("email", 3, 0),
				at("webinar", 2, OpportunityCreated), at("direct", 1, 0))...), cur: "USD",
			want: []want{{"ads", "", "60%", "600"}, {"email", "", "5%", "50"}, {"webinar", "", "30%", "300"}, {"direct", "", "5%", "50"}},
		},
		{
			// W-shaped, three touches holding the three milestones and no
			// other touch: the 10% is dropped, 30/30/30 → 1/3 each; 10000/3 =
			// 3333 r 1 each, the cent left to the earliest.
			name: "W-shaped no other touches", model: WShaped(),
			j: journey("j6", usd(t, "100"), wshape(
				at("ads", 3, FirstInteraction), at("email", 2, LeadCreated), at("sales", 1, OpportunityCreated))...), cur: "USD",
			want: []want{{"ads", "", "1/3", "33.34"}, {"email", "", "1/3", "33.33"}, {"sales", "", "1/3", "33.33"}},
		},
		{
			// W-shaped without an opportunity milestone: 30 + 30 on the first
			// two, 10 on the one other touch → 3/7, 3/7, 1/7 of 70.
			name: "W-shaped missing milestone", model: WShaped(),
			j: journey("j7", usd(t, "70"), wshape(
				at("ads", 3, 0), at("email", 2, LeadCreated), at("sales", 1, 0))...), cur: "USD",
			want: []want{{"ads", "", "3/7", "30"}, {"email", "", "3/7", "30"}, {"sales", "", "1/7", "10"}},
		},
		{
			// Full path: 22.5% to each of the four milestones, 10% to the one
			// touch between opportunity and closed won.
			name: "full path", model: FullPath(),
			j: journey("j8", usd(t, "1000"), wshape(
				at("ads", 5, FirstInteraction), at("email", 4, LeadCreated), at("webinar", 3, OpportunityCreated),
				at("events", 2, 0), at("sales", 1, ClosedWon))...), cur: "USD",
			want: []want{{"ads", "", "22.5%", "225"}, {"email", "", "22.5%", "225"}, {"webinar", "", "22.5%", "225"}, {"events", "", "10%", "100"}, {"sales", "", "22.5%", "225"}},
		},
		{
			// Full path still in the pipeline (no closed won): 9, 9, 9 and 4
			// (of 40) remain → 9/31, 9/31, 9/31, 4/31 of 31.
			name: "full path open pipeline", model: FullPath(),
			j: journey("j9", usd(t, "31"), wshape(
				at("ads", 4, FirstInteraction), at("email", 3, LeadCreated), at("webinar", 2, OpportunityCreated), at("events", 1, 0))...), cur: "USD",
			want: []want{{"ads", "", "9/31", "9"}, {"email", "", "9/31", "9"}, {"webinar", "", "9/31", "9"}, {"events", "", "4/31", "4"}},
		},
		{
			name: "first touch", model: FirstTouch(),
			j: journey("j10", usd(t, "10"), touches("A", "B", "C")...), cur: "USD",
			want: []want{{"A", "", "1", "10"}, {"B", "", "0", "0"}, {"C", "", "0", "0"}},
		},
		{
			name: "last touch", model: LastTouch(),
			j: journey("j11", usd(t, "10"), touches("A", "B", "C")...), cur: "USD",
			want: []want{{"A", "", "0", "0"}, {"B", "", "0", "0"}, {"C", "", "1", "10"}},
		},
		{
			// The last touch is direct: the credit goes to the last non-direct one.
			name: "last non-direct", model: LastNonDirect(""),
			j: journey("j12", usd(t, "10"), touches("A", "B", "direct")...), cur: "USD",
			want: []want{{"A", "", "0", "0"}, {"B", "", "1", "10"}, {"direct", "", "0", "0"}},
		},
		{
			// Only the first touch is not direct: it takes the credit.
			name: "last non-direct first touch", model: LastNonDirect(""),
			j: journey("j12b", usd(t, "10"), touches("A", "direct", "direct")...), cur: "USD",
			want: []want{{"A", "", "1", "10"}, {"direct", "", "0", "0"}},
		},
		{
			// A whole direct path: direct keeps the credit (its last touch).
			name: "last non-direct all direct", model: LastNonDirect("(direct)"),
			j: journey("j13", usd(t, "10"), touches("(direct)", "(direct)")...), cur: "USD",
			want: []want{{"(direct)", "", "1", "10"}},
		},
		{
			// Stepped decay, 7-day half-life: touches 14, 10 and 0 days before
			// weigh 1/4, 1/2 (one whole half-life), 1 → 1:2:4 of 70.
			name: "stepped time decay", model: stepped,
			j: Journey{ID: "j14", Value: usd(t, "70"), Conversion: conv, Touches: []Touch{
				{Channel: "A", Time: daysBefore(14)}, {Channel: "B", Time: daysBefore(10)}, {Channel: "C", Time: conv}}},
			cur:  "USD",
			want: []want{{"A", "", "1/7", "10"}, {"B", "", "2/7", "20"}, {"C", "", "4/7", "40"}},
		},
		{
			// Continuous decay at whole half-lives equals stepped exactly.
			name: "continuous time decay at whole half-lives", model: continuous,
			j: Journey{ID: "j15", Value: usd(t, "70"), Conversion: conv, Touches: []Touch{
				{Channel: "A", Time: daysBefore(14)}, {Channel: "B", Time: daysBefore(7)}, {Channel: "C", Time: conv}}},
			cur:  "USD",
			want: []want{{"A", "", "1/7", "10"}, {"B", "", "2/7", "20"}, {"C", "", "4/7", "40"}},
		},
		{
			// Custom 50/50 on first and last: the middle touch gets nothing.
			name: "custom first and last", model: custom,
			j: journey("j16", usd(t, "0.01"), touches("A", "B", "C")...), cur: "USD",
			want: []want{{"A", "", "1/2", "0.01"}, {"B", "", "0", "0"}, {"C", "", "1/2", "0"}},
		},
		{
			// JPY has no minor unit: 1000 yen / 3 = 333 r 1 each, the yen
			// left to the first.
			name: "linear in yen", model: Linear(),
			j: journey("j17", money(t, "1000", "JPY"), touches("A", "B", "C")...), cur: "JPY",
			want: []want{{"A", "", "1/3", "334"}, {"B", "", "1/3", "333"}, {"C", "", "1/3", "333"}},
		},
		{
			// Touches out of order are put in time order; one channel in two
			// campaigns gives two credits.
			name: "campaigns and unsorted touches", model: PositionBased(),
			j: Journey{ID: "j18", Value: usd(t, "50"), Conversion: conv, Touches: []Touch{
				{Channel: "email", Campaign: "spring", Time: daysBefore(1)},
				{Channel: "email", Campaign: "launch", Time: daysBefore(3)},
				{Channel: "ads", Campaign: "brand", Time: daysBefore(2)}}},
			cur: "USD",
			// path: email/launch (40%), ads/brand (20%), email/spring (40%).
			want: []want{{"email", "launch", "2/5", "20"}, {"ads", "brand", "1/5", "10"}, {"email", "spring", "2/5", "20"}},
		},
		{
			// Touches at the same time keep their slice order.
			name: "ties keep input order", model: FirstTouch(),
			j: Journey{ID: "j19", Value: usd(t, "5"), Conversion: conv, Touches: []Touch{
				{Channel: "B", Time: daysBefore(1)}, {Channel: "A", Time: daysBefore(2)}, {Channel: "C", Time: daysBefore(2)}}},
			cur:  "USD",
			want: []want{{"A", "", "1", "5"}, {"C", "", "0", "0"}, {"B", "", "0", "0"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Credits(tt.j, Options{Model: tt.model})
			if err != nil {
				t.Fatal(err)
			}
			checkCredits(t, got, tt.cur, tt.want)
		})
	}
}

// The five-touch position-based split whose naive percentages do not sum
// to the value at cent precision: each share rounded to the cent on its own
// (as DP6's marketing-attribution-models does) gives 100.01 of 100.00; the
// largest-remainder credits give 100.00.
func TestPositionBasedNaiveRoundingDrifts(t *testing.T) {
	got, err := Credits(journey("p5", usd(t, "100"), touches("A", "B", "C", "D", "E")...), Options{Model: PositionBased()})
	if err != nil {
		t.Fatal(err)
	}
	var naive, ours metrics.Money
	for _, c := range got {
		n := usd(t, "100").MulRatio(c.Share, metrics.Places(2))
		naive, _ = naive.Add(n)
		ours, _ = ours.Add(c.Value)
	}
	if !naive.Equal(usd(t, "100.01")) {
		t.Errorf("naive sum %s, want 100.01 (the drift this test documents)", naive)
	}
	if !ours.Equal(usd(t, "100")) {
		t.Errorf("credits sum to %s, want 100.00", ours)
	}
}

// Continuous decay off whole half-lives: touches 3.5 days (half a
// half-life) and 0 days before weigh 2^-1/2 and 1, so the older one's share
// is 2^-1/2 ÷ (1 + 2^-1/2) = √2 − 1 = 0.41421356237309504880…, within
// 2^-80 here; 100 USD gives 41.42 and 58.58.
func TestContinuousDecayIrrationalShare(t *testing.T) {
	m := mustModel(t)(TimeDecay(Decay{}))
	j := Journey{ID: "sqrt2", Value: usd(t, "100"), Conversion: conv, Touches: []Touch{
		{Channel: "A", Time: conv.Add(-84 * time.Hour)}, {Channel: "B", Time: conv}}}
	got, err := Credits(j, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].Value.Equal(usd(t, "41.42")) || !got[1].Value.Equal(usd(t, "58.58")) {
		t.Errorf("credits %s and %s, want 41.42 and 58.58", got[0].Value, got[1].Value)
	}
	root2, err := metrics.Places(40).Root(dec(t, "2"), 2)
	if err != nil {
		t.Fatal(err)
	}
	exact, _ := metrics.RatioOf(root2.Sub(dec(t, "1")), dec(t, "1")) // within 10^-40
	diff := got[0].Share.Sub(exact)
	bound := ratio(t, "1/1208925819614629174706176") // 2^-80
	if diff.Sign() < 0 {
		diff = diff.Neg()
	}
	if diff.Cmp(bound) > 0 {
		t.Errorf("share %s is %s from √2 − 1, more than 2^-80", got[0].Share, diff)
	}
	if !got[0].Share.Add(got[1].Share).Equal(metrics.RatioFromInt(1)) {
		t.Errorf("shares %s + %s ≠ 1", got[0].Share, got[1].Share)
	}
}

// No touches, or a lost journey: no credits.
func TestCreditsNone(t *testing.T) {
	for _, j := range []Journey{
		journey("none", usd(t, "10")),
		{ID: "lost", Conversion: conv, Touches: touches("A"), Lost: true},
	} {
		got, err := Credits(j, Options{})
		if err != nil || got != nil {
			t.Errorf("%s: got %v, %v; want nil, nil", j.ID, got, err)
		}
	}
}

// Every bad journey is a *metrics.RowError naming the journey, its field
// and, for a touch, the touch; with the sentinel for errors.Is.
func TestCreditsErrors(t *testing.T) {
	lead := mustModel(t)(Custom(Weights{Lead: ratio(t, "1")}))
	after := journey("late", usd(t, "10"), Touch{Channel: "A", Time: daysBefore(1)}, Touch{Channel: "B", Time: conv.Add(time.Second)})
	tests := []struct {
		name   string
		j      Journey
		model  Model
		field  string
		detail string
		err    error
		msg    string
	}{
		{"touch after conversion", after, Linear(), "time", `touch 2 (channel "B")`, metrics.ErrInvalid, "after the conversion"},
		{"negative value", journey("neg", usd(t, "-1"), touches("A")...), Linear(), "value", "", metrics.ErrNegative, "value -1.00 USD"},
		{"unknown milestone", journey("unk", usd(t, "1"), Touch{Channel: "A", Time: daysBefore(1), Milestones: 1 << 6}), Linear(), "milestone", `touch 1 (channel "A")`, metrics.ErrInvalid, "unknown milestone Milestone(0x40)"},
		{"duplicate milestone", journey("dup", usd(t, "1"), Touch{Channel: "A", Time: daysBefore(2), Milestones: LeadCreated}, Touch{Channel: "B", Time: daysBefore(1), Milestones: LeadCreated}), WShaped(), "milestone", `touch 2 (channel "B")`, metrics.ErrDuplicate, "lead created also marks touch 1"},
		{"first interaction not first", journey("fi", usd(t, "1"), Touch{Channel: "A", Time: daysBefore(1), Milestones: FirstInteraction}, Touch{Channel: "B", Time: daysBefore(2)}), WShaped(), "milestone", `touch 1 (channel "A")`, metrics.ErrInvalid, "first interaction on touch 1, not the earliest (touch 2)"},
		{"no conversion time", Journey{ID: "nc", Value: usd(t, "1"), Touches: touches("A")}, Linear(), "conversion", "", metrics.ErrMissing, "no conversion time"},
		{"no channel", journey("nch", usd(t, "1"), Touch{Time: daysBefore(1)}), Linear(), "channel", `touch 1 (channel "")`, metrics.ErrMissing, "no channel"},
		{"no touch time", journey("nt", usd(t, "1"), Touch{Channel: "A"}), Linear(), "time", `touch 1 (channel "A")`, metrics.ErrMissing, "no time"},
		{"lost with value", Journey{ID: "lv", Value: usd(t, "1"), Conversion: conv, Touches: touches("A"), Lost: true}, Linear(), "value", "", metrics.ErrInvalid, "a lost journey with value 1.00 USD"},
		{"sub-cent value", journey("frac", usd(t, "10.005"), touches("A")...), Linear(), "value", "", metrics.ErrInvalid, "not a whole number of the minor unit (2 places)"},
		{"no weighted role", journey("role", usd(t, "1"), touches("A", "B")...), lead, "milestone", "", metrics.ErrMissing, "no touch holds a role the custom model weighs"},
		{"too many touches", journey("big", usd(t, "1"), make([]Touch, MaxTouches+1)...), Linear(), "touches", "", metrics.ErrOutOfRange, "1048577 touches, more than 1048576"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Credits(tt.j, Options{Model: tt.model})
			var re *metrics.RowError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *metrics.RowError", err)
			}
			want := metrics.RowError{Record: 1, Entity: "journey", ID: tt.j.ID, Field: tt.field, Detail: tt.detail}
			got := *re
			got.Err = nil
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("row error (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("%v is not %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
			if !strings.Contains(err.Error(), `journey "`+tt.j.ID+`"`) {
				t.Errorf("message %q does not name the journey", err)
			}
		})
	}
}

// Milestones print by name, unknown bits as such.
func TestMilestoneString(t *testing.T) {
	for m, want := range map[Milestone]string{
		0:                              "",
		FirstInteraction | LeadCreated: "first interaction|lead created",
		ClosedWon:                      "closed won",
		OpportunityCreated | 0x40:      "opportunity created|Milestone(0x40)",
	} {
		if got := m.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint8(m), got, want)
		}
	}
}

// A journey of exactly MaxTouches touches is not refused for its size.
func TestMaxTouchesAccepted(t *testing.T) {
	_, err := Credits(journey("max", usd(t, "1"), make([]Touch, MaxTouches)...), Options{})
	var re *metrics.RowError
	if !errors.As(err, &re) || re.Field != "channel" {
		t.Errorf("MaxTouches touches without channels: %v, want the first touch's channel refused", err)
	}
}

// Custom refuses negative weights, weights not summing to 100% and a
// common denominator beyond MaxWeightDenominator (10^6 itself is fine).
func TestCustomErrors(t *testing.T) {
	ok := []Weights{
		{First: ratio(t, "1/1000000"), Rest: ratio(t, "999999/1000000")},
		{First: ratio(t, "1/64"), Lead: ratio(t, "1/15625"), Rest: ratio(t, "1").Sub(ratio(t, "1/64")).Sub(ratio(t, "1/15625"))}, // lcm 10^6
	}
	for _, w := range ok {
		if _, err := Custom(w); err != nil {
			t.Errorf("%+v refused: %v", w, err)
		}
	}
	for _, tt := range []struct {
		w     Weights
		input string
		err   error
	}{
		{Weights{First: ratio(t, "1/1000001"), Rest: ratio(t, "1000000/1000001")}, "First", metrics.ErrOutOfRange},
		{Weights{First: ratio(t, "1/1000"), Lead: ratio(t, "1/1001"), Rest: ratio(t, "1").Sub(ratio(t, "1/1000")).Sub(ratio(t, "1/1001"))}, "Lead", metrics.ErrOutOfRange},
		{Weights{First: ratio(t, "-10%"), Rest: ratio(t, "110%")}, "First", metrics.ErrNegative},
		{Weights{First: ratio(t, "50%"), Last: ratio(t, "40%")}, "", metrics.ErrWeights},
		{Weights{}, "", metrics.ErrWeights},
	} {
		_, err := Custom(tt.w)
		var me *metrics.MetricError
		if !errors.As(err, &me) || me.Metric != "attribution_custom" || me.Input != tt.input || !errors.Is(err, tt.err) {
			t.Errorf("%+v: %v, want %v on %q", tt.w, err, tt.err, tt.input)
		}
	}
}

// Models print their parameters.
func TestModelString(t *testing.T) {
	custom := mustModel(t)(Custom(Weights{Lead: ratio(t, "1/3"), Rest: ratio(t, "2/3")}))
	for m, want := range map[Model]string{
		Linear():          "linear",
		FirstTouch():      "first touch first 100%",
		LastNonDirect(""): `last non-direct last 100%, direct "direct"`,
		PositionBased():   "position-based first 40%, last 40%, rest 20%",
		WShaped():         "W-shaped first 30%, lead 30%, opportunity 30%, rest 10%",
		FullPath():        "full path first 22.5%, lead 22.5%, opportunity 22.5%, closed won 22.5%, rest 10%",
		custom:            "custom lead 33.3333333333%, rest 66.6666666667%",
		mustModel(t)(TimeDecay(Decay{Stepped: true})): "stepped time decay, half-life 168h0m0s",
		Markov():  "Markov removal effect",
		Shapley(): "Shapley value",
	} {
		if got := m.String(); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}
