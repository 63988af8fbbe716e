package metrics

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// experienceRepeat returns n copies of answer a, for building surveys.
func experienceRepeat(a, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = a
	}
	return out
}

// experienceSurvey concatenates groups of answers.
func experienceSurvey(groups ...[]int) []int {
	var out []int
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// experienceScore is a (Quantity, error) pair for table tests.
type experienceScore struct {
	v   Quantity
	err error
}

func experienceQ(v Quantity, err error) experienceScore { return experienceScore{v, err} }

// Score-valued examples (NPS, CSAT average, CES), exact or rounded once at
// 12 places, with the NPS band.
func TestExperienceScoreExamples(t *testing.T) {
	dict := dictionary(t)
	// The task's worked example: 10 answers, 6 promoters, 2 passives, 2
	// detractors → 60% − 20% = 40.
	ten := []int{10, 9, 9, 10, 9, 10, 8, 7, 6, 0}
	tests := []struct {
		name, id string
		got      experienceScore
		want     decimal.Decimal
		band     string
	}{
		{"nps worked example", "nps", experienceQ(NPS(ten)), d(t, "40"), "good"},
		{"nps worked example from counts", "nps", experienceQ(NPSFromCounts(NPSCounts{Promoters: 6, Passives: 2, Detractors: 2})), d(t, "40.00"), "good"},
		// entrepreneurbible.net/glossary/nps: 100 responses, 45 promoters, 30
		// passives, 25 detractors → +20.
		{"nps entrepreneurbible", "nps", experienceQ(NPSFromCounts(NPSCounts{Promoters: 45, Passives: 30, Detractors: 25})), d(t, "20"), "acceptable"},
		{"nps entrepreneurbible answers", "nps", experienceQ(NPS(experienceSurvey(experienceRepeat(9, 45), experienceRepeat(7, 30), experienceRepeat(6, 25)))), d(t, "20"), "acceptable"},
		// annualreport2018.dela.nl: 30% promoters and 20% detractors → +10.
		{"nps dela", "nps", experienceQ(NPSFromCounts(NPSCounts{Promoters: 30, Passives: 50, Detractors: 20})), d(t, "10"), "acceptable"},
		{"nps one third", "nps", experienceQ(NPS([]int{10, 7, 8})), d(t, "33.333333333333"), "good"},
		{"nps minus two thirds", "nps", experienceQ(NPS([]int{0, 5, 8})), d(t, "-66.666666666667"), "weak"},
		{"nps passives only", "nps", experienceQ(NPS([]int{7, 8})), decimal.Decimal{}, "weak"},
		{"nps all promoters", "nps", experienceQ(NPS([]int{9, 10})), d(t, "100"), "best-in-class"},
		{"nps exactly 70", "nps", experienceQ(NPSFromCounts(NPSCounts{Promoters: 7, Passives: 3})), d(t, "70"), "best-in-class"},
		{"nps exactly 50", "nps", experienceQ(NPSFromCounts(NPSCounts{Promoters: 5, Passives: 5})), d(t, "50"), "best-in-class"},
		{"nps all detractors", "nps", experienceQ(NPSFromCounts(NPSCounts{Detractors: 4})), d(t, "-100"), "weak"},
		{"csat average 1–5", "", experienceQ(CSATAverage([]int{5, 4, 3}, CSATScale5)), d(t, "4"), ""},
		{"csat average half", "", experienceQ(CSATAverage([]int{5, 4}, 5)), d(t, "4.50"), ""},
		{"csat average rounds once", "", experienceQ(CSATAverage([]int{1, 2, 2}, 5)), d(t, "1.666666666667"), ""},
		{"csat average 1–10", "", experienceQ(CSATAverage([]int{10, 9, 8, 1}, CSATScale10)), d(t, "7"), ""},
		// callcentrehelper.com: CES = sum of answers ÷ respondents on 1–7.
		{"ces", "", experienceQ(CESAverage([]int{1, 2, 3})), d(t, "2"), ""},
		{"ces hardest", "", experienceQ(CESAverage([]int{7})), d(t, "7"), ""},
		{"ces thirds", "", experienceQ(CESAverage([]int{1, 1, 2})), d(t, "1.333333333333"), ""},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if want := qtyDec(t, tc.want, UnitScore); !tc.got.v.Equal(want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, want)
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

func TestCSATShareExamples(t *testing.T) {
	dict := dictionary(t)
	def, ok := dict.Lookup("csat")
	if !ok {
		t.Fatal("no csat definition")
	}
	tests := []struct {
		name      string
		responses []int
		scale     int
		want      Ratio
		band      string
	}{
		// mindmesh.com/glossary/what-is-customer-satisfaction-score: 30 answer
		// 4 and 20 answer 5 out of 100 → 50 positive ÷ 100 = 50%.
		{"mindmesh", experienceSurvey(experienceRepeat(4, 30), experienceRepeat(5, 20), experienceRepeat(3, 50)), CSATScale5, pctR(t, "50"), "neutral"},
		{"all satisfied", []int{4, 5, 5}, 5, RatioFromInt(1), "excellent"},
		{"exactly 80%", []int{5, 5, 4, 4, 3}, 5, rat(t, "0.80"), "excellent"},
		{"none satisfied", []int{1, 2, 3}, 5, Ratio{}, "dissatisfied"},
		{"1–10: 9 and 10 only", []int{10, 9, 8}, CSATScale10, mustCountRatio(t, 2, 3), "neutral"},
		{"1–10: 8 is not satisfied", []int{8, 8, 8, 8}, 10, ratDec(t, decimal.Decimal{}), "dissatisfied"},
	}
	for _, tc := range tests {
		got, err := CSATShare(tc.responses, tc.scale)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
		if b, err := def.Classify(got); err != nil || b.Name != tc.band {
			t.Errorf("%s: band %q (%v), want %q", tc.name, b.Name, err, tc.band)
		}
	}
}

// mustCountRatio returns num/den or fails the test.
func mustCountRatio(t *testing.T, num, den int64) Ratio {
	t.Helper()
	r, err := NewRatio(num, den)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestChurnReasonShares(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]int64
		want []ReasonShare
	}{
		{"worked example", map[string]int64{"support": 2, "price": 5, "product": 3}, []ReasonShare{
			{"price", 5, pctR(t, "50")},
			{"product", 3, rat(t, "0.30")},
			{"support", 2, pctR(t, "20.0")},
		}},
		{"ties by reason, zero kept", map[string]int64{"b": 1, "a": 1, "c": 1, "z": 0}, []ReasonShare{
			{"a", 1, mustCountRatio(t, 1, 3)},
			{"b", 1, mustCountRatio(t, 1, 3)},
			{"c", 1, mustCountRatio(t, 1, 3)},
			{"z", 0, Ratio{}},
		}},
		{"one reason", map[string]int64{"budget": 7}, []ReasonShare{{"budget", 7, RatioFromInt(1)}}},
	}
	for _, tc := range tests {
		got, err := ChurnReasonShares(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}
}

// Every exported experience function reports each invalid input with the
// right sentinel, inside a *MetricError naming the metric and the input.
func TestExperienceErrors(t *testing.T) {
	tests := []struct {
		name, id, input string
		err             error
		want            error
	}{
		{"nps nil", "nps", "responses", second(NPS(nil)), ErrEmpty},
		{"nps empty", "nps", "responses", second(NPS([]int{})), ErrEmpty},
		{"nps 11", "nps", "responses[3]", second(NPS([]int{9, 9, 9, 11})), ErrOutOfRange},
		{"nps -1", "nps", "responses[0]", second(NPS([]int{-1, 9})), ErrOutOfRange},

		{"nps counts none", "nps", "", second(NPSFromCounts(NPSCounts{})), ErrEmpty},
		{"nps counts negative promoters", "nps", "promoters", second(NPSFromCounts(NPSCounts{Promoters: -1, Passives: 2, Detractors: 2})), ErrNegative},
		{"nps counts negative passives", "nps", "passives", second(NPSFromCounts(NPSCounts{Promoters: 1, Passives: -2, Detractors: 2})), ErrNegative},
		{"nps counts negative detractors", "nps", "detractors", second(NPSFromCounts(NPSCounts{Promoters: 1, Passives: 2, Detractors: -2})), ErrNegative},

		{"csat scale 7", "csat", "scale", second(CSATShare([]int{5}, 7)), ErrOutOfRange},
		{"csat scale 0", "csat", "scale", second(CSATShare([]int{5}, 0)), ErrOutOfRange},
		{"csat empty", "csat", "responses", second(CSATShare(nil, 5)), ErrEmpty},
		{"csat 0 on 1–5", "csat", "responses[1]", second(CSATShare([]int{5, 0}, 5)), ErrOutOfRange},
		{"csat 6 on 1–5", "csat", "responses[0]", second(CSATShare([]int{6}, 5)), ErrOutOfRange},
		{"csat 11 on 1–10", "csat", "responses[2]", second(CSATShare([]int{10, 9, 11}, 10)), ErrOutOfRange},

		{"csat average scale", "csat_average", "scale", second(CSATAverage([]int{5}, 4)), ErrOutOfRange},
		{"csat average empty", "csat_average", "responses", second(CSATAverage([]int{}, 10)), ErrEmpty},
		{"csat average out of range", "csat_average", "responses[0]", second(CSATAverage([]int{0}, 10)), ErrOutOfRange},

		{"ces empty", "ces", "responses", second(CESAverage(nil)), ErrEmpty},
		{"ces 8", "ces", "responses[1]", second(CESAverage([]int{1, 8})), ErrOutOfRange},
		{"ces 0", "ces", "responses[0]", second(CESAverage([]int{0})), ErrOutOfRange},

		{"reasons nil", "churn_reason_shares", "counts", second(ChurnReasonShares(nil)), ErrEmpty},
		{"reasons empty reason", "churn_reason_shares", `counts[""]`, second(ChurnReasonShares(map[string]int64{"": 1, "price": 2})), ErrMissing},
		{"reasons negative", "churn_reason_shares", `counts["price"]`, second(ChurnReasonShares(map[string]int64{"price": -1, "product": 2})), ErrNegative},
		{"reasons all zero", "churn_reason_shares", "counts", second(ChurnReasonShares(map[string]int64{"price": 0, "product": 0})), ErrZeroDenominator},
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

// NPS lies in [−100, 100], is 100 for promoters only and −100 for detractors
// only, ignores answer order, and agrees with NPSFromCounts.
func TestNPSProperties(t *testing.T) {
	hundred := qtyDec(t, decimal.New(100, 0), UnitScore)
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOfN(rapid.IntRange(0, 10), 1, 200).Draw(t, "answers")
		nps, err := NPS(answers)
		if err != nil {
			t.Fatal(err)
		}
		if nps.Value().Cmp(decimal.New(-100, 0)) < 0 || nps.Value().Cmp(decimal.New(100, 0)) > 0 {
			t.Fatalf("NPS %v outside [−100, 100]", nps)
		}
		again, err := NPS(rapid.Permutation(answers).Draw(t, "shuffled"))
		if err != nil {
			t.Fatal(err)
		}
		if !again.Equal(nps) {
			t.Fatalf("shuffled NPS %v, want %v", again, nps)
		}
		var p, n, dt int64
		for _, a := range answers {
			switch {
			case a >= 9:
				p++
			case a >= 7:
				n++
			default:
				dt++
			}
		}
		fromCounts, err := NPSFromCounts(NPSCounts{Promoters: p, Passives: n, Detractors: dt})
		if err != nil {
			t.Fatal(err)
		}
		if !fromCounts.Equal(nps) {
			t.Fatalf("NPSFromCounts(NPSCounts{Promoters: %d, Passives: %d, Detractors: %d}) = %v, NPS = %v", p, n, dt, fromCounts, nps)
		}

		k := rapid.IntRange(1, 100).Draw(t, "k")
		promoters := rapid.SliceOfN(rapid.IntRange(9, 10), k, k).Draw(t, "promoters")
		if got, err := NPS(promoters); err != nil || !got.Equal(hundred) {
			t.Fatalf("promoters only: %v, %v", got, err)
		}
		detractors := rapid.SliceOfN(rapid.IntRange(0, 6), k, k).Draw(t, "detractors")
		if got, err := NPS(detractors); err != nil || !got.Equal(qtyDec(t, decimal.New(-100, 0), UnitScore)) {
			t.Fatalf("detractors only: %v, %v", got, err)
		}
	})
}

// CSAT share lies in [0, 1]; the average lies in [1, scale].
func TestCSATProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scale := rapid.SampledFrom([]int{CSATScale5, CSATScale10}).Draw(t, "scale")
		answers := rapid.SliceOfN(rapid.IntRange(1, scale), 1, 200).Draw(t, "answers")
		share, err := CSATShare(answers, scale)
		if err != nil {
			t.Fatal(err)
		}
		if share.Sign() < 0 || share.Cmp(RatioFromInt(1)) > 0 {
			t.Fatalf("CSAT share %v outside [0, 1]", share)
		}
		avg, err := CSATAverage(answers, scale)
		if err != nil {
			t.Fatal(err)
		}
		if avg.Value().Cmp(decimal.New(1, 0)) < 0 || avg.Value().Cmp(decimal.New(int64(scale), 0)) > 0 {
			t.Fatalf("CSAT average %v outside [1, %d]", avg, scale)
		}
	})
}

// Churn reason shares add up to exactly 1, each equals count ÷ total, and the
// list is sorted by count descending, then reason.
func TestChurnReasonSharesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := rapid.MapOfN(rapid.StringMatching(`[a-z]{1,6}`), rapid.Int64Range(0, 1e15), 1, 20).Draw(t, "counts")
		var total int64
		for _, n := range counts {
			total += n // at most 20 × 10^15: no overflow
		}
		got, err := ChurnReasonShares(counts)
		if total == 0 {
			if !errors.Is(err, ErrZeroDenominator) {
				t.Fatalf("all-zero counts: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(counts) {
			t.Fatalf("%d shares for %d reasons", len(got), len(counts))
		}
		var sum Ratio
		for i, rs := range got {
			if counts[rs.Reason] != rs.Count {
				t.Fatalf("%q: count %d, want %d", rs.Reason, rs.Count, counts[rs.Reason])
			}
			if !rs.Share.MulInt(total).Equal(RatioFromInt(rs.Count)) {
				t.Fatalf("%q: share %v × %d ≠ %d", rs.Reason, rs.Share, total, rs.Count)
			}
			sum = sum.Add(rs.Share)
			if i > 0 {
				prev := got[i-1]
				if prev.Count < rs.Count || (prev.Count == rs.Count && prev.Reason >= rs.Reason) {
					t.Fatalf("not sorted: %v before %v", prev, rs)
				}
			}
		}
		if !sum.Equal(RatioFromInt(1)) {
			t.Fatalf("shares sum to %v", sum)
		}
	})
}
