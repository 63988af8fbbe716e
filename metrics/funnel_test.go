package metrics

import (
	"errors"
	"testing"

	"pgregory.net/rapid"
)

func TestFunnelRatioExamples(t *testing.T) {
	dict := dictionary(t)
	tests := []struct {
		name, id string
		got      econResult[Ratio]
		want     Ratio
		band     string
	}{
		{"stage conversion", "stage_conversion", econPair(StageConversion(25, 100)), pctR(t, "25"), ""},
		{"stage conversion none converted", "stage_conversion", econPair(StageConversion(0, 7)), Ratio{}, ""},
		{"stage conversion all converted", "stage_conversion", econPair(StageConversion(7, 7)), RatioFromInt(1), ""},
		{"mql to sql", "mql_to_sql", econPair(MQLToSQL(130, 1000)), pctR(t, "13"), ""},
		{"pql to paid", "pql_to_paid", econPair(PQLToPaid(1, 3)), econPair(NewRatio(1, 3)).v, ""},
		{"trial to paid", "trial_to_paid", econPair(TrialToPaid(45, 300)), pctR(t, "15"), ""},
		{"visitor conversion", "visitor_conversion", econPair(VisitorConversion(250, 10000)), pctR(t, "2.50"), ""},
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
		def, _ := dict.Lookup(tc.id)
		b, err := def.Classify(tc.got.v)
		if err != nil || b.Name != tc.band {
			t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.band)
		}
	}
}

func TestFunnelErrors(t *testing.T) {
	tests := []struct {
		name, id string
		err      error
		want     error
	}{
		{"stage none entered", "stage_conversion", second(StageConversion(0, 0)), ErrZeroDenominator},
		{"stage more converted than entered", "stage_conversion", second(StageConversion(5, 4)), ErrOutOfRange},
		{"stage negative converted", "stage_conversion", second(StageConversion(-1, 4)), ErrNegative},
		{"stage negative entered", "stage_conversion", second(StageConversion(1, -4)), ErrNegative},
		{"mql no mqls", "mql_to_sql", second(MQLToSQL(0, 0)), ErrZeroDenominator},
		{"mql sql > mql", "mql_to_sql", second(MQLToSQL(2, 1)), ErrOutOfRange},
		{"mql negative", "mql_to_sql", second(MQLToSQL(-2, 1)), ErrNegative},
		{"pql no pqls", "pql_to_paid", second(PQLToPaid(0, 0)), ErrZeroDenominator},
		{"pql paid > pql", "pql_to_paid", second(PQLToPaid(2, 1)), ErrOutOfRange},
		{"pql negative", "pql_to_paid", second(PQLToPaid(1, -1)), ErrNegative},
		{"trial no trials", "trial_to_paid", second(TrialToPaid(0, 0)), ErrZeroDenominator},
		{"trial paid > trials", "trial_to_paid", second(TrialToPaid(2, 1)), ErrOutOfRange},
		{"trial negative", "trial_to_paid", second(TrialToPaid(-1, 1)), ErrNegative},
		{"visitor none", "visitor_conversion", second(VisitorConversion(0, 0)), ErrZeroDenominator},
		{"visitor conversions > visitors", "visitor_conversion", second(VisitorConversion(11, 10)), ErrOutOfRange},
		{"visitor negative", "visitor_conversion", second(VisitorConversion(1, -10)), ErrNegative},
	}
	for _, tc := range tests {
		econCheckErr(t, tc.name, tc.err, tc.want, tc.id)
	}
}

func TestFunnelDefinitions(t *testing.T) {
	econCheckDefinitions(t, funnelDefinitions(), CategoryFunnel)
}

// The named conversions are StageConversion under their own IDs: same value,
// different definition.
func TestNamedConversionsMatchGeneric(t *testing.T) {
	named := map[string]func(a, b int64) (Ratio, error){
		"mql_to_sql": MQLToSQL, "pql_to_paid": PQLToPaid, "trial_to_paid": TrialToPaid, "visitor_conversion": VisitorConversion,
	}
	rapid.Check(t, func(t *rapid.T) {
		entered := rapid.Int64Range(1, 1e9).Draw(t, "entered")
		converted := rapid.Int64Range(0, entered).Draw(t, "converted")
		want, err := StageConversion(converted, entered)
		if err != nil {
			t.Fatal(err)
		}
		for id, f := range named {
			got, err := f(converted, entered)
			if err != nil || !got.Equal(want) {
				t.Fatalf("%s = %v, %v; want %v", id, got, err, want)
			}
			econCheckErrRapid(t, id, second(f(0, 0)))
		}
	})
}

// econCheckErrRapid checks inside rapid that a zero denominator is
// reported as a *MetricError naming id.
func econCheckErrRapid(t *rapid.T, id string, err error) {
	var me *MetricError
	if !errors.Is(err, ErrZeroDenominator) || !errors.As(err, &me) || me.Metric != id {
		t.Fatalf("error %v does not name %s", err, id)
	}
}
