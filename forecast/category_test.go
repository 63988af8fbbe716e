package forecast

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// Policies that cannot be used are refused, naming the stage or threshold.
func TestPolicyValidate(t *testing.T) {
	th := func(from string, c Category) Threshold { return Threshold{From: rat(t, from), Category: c} }
	tests := []struct {
		name  string
		p     Policy
		want  error
		input string
	}{
		{"unnamed stage", Policy{Stages: []Stage{{Name: "a"}, {}}}, metrics.ErrMissing, "stages[1]"},
		{"stage twice", Policy{Stages: []Stage{{Name: "a"}, {Name: "b"}, {Name: "a", Category: CategoryCommit}}}, metrics.ErrDuplicate, "stages[2]"},
		{"stage category unknown", Policy{Stages: []Stage{{Name: "a", Category: CategoryOmitted + 1}}}, metrics.ErrInvalid, "stages[0]"},
		{"threshold above 1", Policy{Thresholds: []Threshold{th("101%", CategoryCommit)}}, metrics.ErrOutOfRange, "thresholds[0]"},
		{"threshold below 0", Policy{Thresholds: []Threshold{th("-1%", CategoryBestCase)}}, metrics.ErrOutOfRange, "thresholds[0]"},
		{"threshold Pipeline", Policy{Thresholds: []Threshold{th("10%", CategoryPipeline)}}, metrics.ErrInvalid, "thresholds[0]"},
		{"threshold Closed", Policy{Thresholds: []Threshold{th("10%", CategoryClosed)}}, metrics.ErrInvalid, "thresholds[0]"},
		{"threshold none", Policy{Thresholds: []Threshold{th("10%", 0)}}, metrics.ErrInvalid, "thresholds[0]"},
		// Overlaps: two bands from one probability, bands out of order, a
		// category twice.
		{"same From", Policy{Thresholds: []Threshold{th("50%", CategoryBestCase), th("50%", CategoryCommit)}}, metrics.ErrInvalid, "thresholds[1]"},
		{"falling From", Policy{Thresholds: []Threshold{th("90%", CategoryBestCase), th("50%", CategoryCommit)}}, metrics.ErrInvalid, "thresholds[1]"},
		{"falling category", Policy{Thresholds: []Threshold{th("50%", CategoryCommit), th("90%", CategoryBestCase)}}, metrics.ErrInvalid, "thresholds[1]"},
		{"category twice", Policy{Thresholds: []Threshold{th("50%", CategoryBestCase), th("70%", CategoryMostLikely), th("90%", CategoryMostLikely)}}, metrics.ErrInvalid, "thresholds[2]"},
	}
	for _, tc := range tests {
		err := tc.p.Validate()
		var ve *metrics.ValueError
		if !errors.Is(err, tc.want) || !errors.As(err, &ve) || ve.Input != tc.input || ve.Op != "forecast.Policy" {
			t.Errorf("%s: %v, want a *metrics.ValueError naming %s wrapping %v", tc.name, err, tc.input, tc.want)
		}
		if _, err := Build(metrics.FromSlice([]Opportunity(nil)), Options{Policy: tc.p}); !errors.Is(err, tc.want) {
			t.Errorf("%s: Build accepted the policy: %v", tc.name, err)
		}
	}
	for name, p := range map[string]Policy{
		"zero":            {},
		"three bands":     {Thresholds: []Threshold{th("0", CategoryBestCase), th("70%", CategoryMostLikely), th("100%", CategoryCommit)}},
		"empty threshold": {Thresholds: []Threshold{}},
		"stages":          acceptancePolicy(),
	} {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The threshold fallback with its edges inclusive: Commit from 90%, Best
// Case from 50% (the seed's bands); custom bands, and no bands at all.
func TestThresholdEdges(t *testing.T) {
	base := Opportunity{ID: "x", Owner: "o", Created: day(t, "2024-01-01"), Close: day(t, "2024-02-01")}
	three := Policy{Thresholds: []Threshold{{From: rat(t, "40%"), Category: CategoryBestCase}, {From: rat(t, "2/3"), Category: CategoryMostLikely}, {From: rat(t, "95%"), Category: CategoryCommit}}}
	tests := []struct {
		p    Policy
		prob string
		want Category
	}{
		{Policy{}, "0", CategoryPipeline},
		{Policy{}, "49.9999%", CategoryPipeline},
		{Policy{}, "50%", CategoryBestCase},
		{Policy{}, "89.9999%", CategoryBestCase},
		{Policy{}, "90%", CategoryCommit},
		{Policy{}, "1", CategoryCommit},
		{three, "39%", CategoryPipeline},
		{three, "40%", CategoryBestCase},
		{three, "0.6666", CategoryBestCase},
		{three, "2/3", CategoryMostLikely},
		{three, "94%", CategoryMostLikely},
		{three, "95%", CategoryCommit},
		{Policy{Thresholds: []Threshold{}}, "1", CategoryPipeline},
	}
	for _, tc := range tests {
		o := base
		o.Probability = rat(t, tc.prob)
		a, err := tc.p.Categorize(o)
		if err != nil || a.Category != tc.want || a.Source != SourceThreshold || a.Threshold != tc.want || a.Stage != 0 {
			t.Errorf("%v at %s: %+v, %v; want %s by threshold", tc.p.Thresholds, tc.prob, a, err, tc.want)
		}
	}
}

// Bad opportunities are *metrics.RowError values naming the opportunity, its
// record and the field, in Build (strict) and Categorize alike.
func TestOpportunityErrors(t *testing.T) {
	good := Opportunity{ID: "g", Owner: "ana", Stage: "Proposal", Amount: usd(t, "100"), Probability: rat(t, "60%"),
		Created: day(t, "2024-01-10"), Close: day(t, "2024-02-10")}
	mod := func(f func(o *Opportunity)) Opportunity {
		o := good
		o.ID = "bad"
		f(&o)
		return o
	}
	tests := []struct {
		name  string
		o     Opportunity
		want  error
		field string
	}{
		{"probability above 1", mod(func(o *Opportunity) { o.Probability = rat(t, "101%") }), metrics.ErrOutOfRange, "probability"},
		{"probability below 0", mod(func(o *Opportunity) { o.Probability = rat(t, "-0.01") }), metrics.ErrOutOfRange, "probability"},
		{"negative amount", mod(func(o *Opportunity) { o.Amount = usd(t, "-0.01") }), metrics.ErrNegative, "amount"},
		{"close before created", mod(func(o *Opportunity) { o.Close = day(t, "2024-01-09") }), metrics.ErrInvalid, "close"},
		{"unknown stage", mod(func(o *Opportunity) { o.Stage = "Demo" }), metrics.ErrInvalid, "stage"},
		{"no stage", mod(func(o *Opportunity) { o.Stage = "" }), metrics.ErrMissing, "stage"},
		{"no owner", mod(func(o *Opportunity) { o.Owner = "" }), metrics.ErrMissing, "owner"},
		{"zero created", mod(func(o *Opportunity) { o.Created = zeroTime }), metrics.ErrMissing, "created"},
		{"zero close", mod(func(o *Opportunity) { o.Close = zeroTime }), metrics.ErrMissing, "close"},
		{"close year 10000", mod(func(o *Opportunity) { o.Close = day(t, "9999-12-31").AddDate(0, 0, 1) }), metrics.ErrOutOfRange, "close"},
		{"created year 0", mod(func(o *Opportunity) { o.Created = day(t, "0001-01-01").AddDate(0, 0, -1) }), metrics.ErrOutOfRange, "created"},
		{"bad type", mod(func(o *Opportunity) { o.Type = TypeRenewal + 1 }), metrics.ErrInvalid, "type"},
		{"bad status", mod(func(o *Opportunity) { o.Status = StatusLost + 1 }), metrics.ErrInvalid, "status"},
		{"bad category", mod(func(o *Opportunity) { o.Category = CategoryOmitted + 1 }), metrics.ErrInvalid, "category"},
		{"open deal overridden to Closed", mod(func(o *Opportunity) { o.Category = CategoryClosed }), metrics.ErrInvalid, "category"},
		{"open deal at a Closed stage", mod(func(o *Opportunity) { o.Stage = "Closed Won" }), metrics.ErrInvalid, "stage"},
		{"won deal overridden", mod(func(o *Opportunity) { o.Status, o.Category = StatusWon, CategoryCommit }), metrics.ErrInvalid, "category"},
		{"lost deal overridden to Closed", mod(func(o *Opportunity) { o.Status, o.Category = StatusLost, CategoryClosed }), metrics.ErrInvalid, "category"},
		{"currency", mod(func(o *Opportunity) { o.Amount = eur(t, "5") }), metrics.ErrCurrencyMismatch, "amount"},
	}
	p := acceptancePolicy()
	for _, tc := range tests {
		_, err := Build(metrics.FromSlice([]Opportunity{good, tc.o, good}), Options{Policy: p, Currency: "USD"})
		wantRowErr(t, tc.name, err, tc.want, "bad", 2, tc.field)
		if tc.field == "amount" && errors.Is(tc.want, metrics.ErrCurrencyMismatch) {
			continue // Categorize knows no roll-up currency
		}
		_, err = p.Categorize(tc.o)
		wantRowErr(t, tc.name+" (Categorize)", err, tc.want, "bad", 0, tc.field)
	}
	// A closed deal may carry its own category as a manual one: no override.
	won := mod(func(o *Opportunity) { o.Status, o.Category, o.Stage = StatusWon, CategoryClosed, "Closed Won" })
	if a, err := p.Categorize(won); err != nil || a.Category != CategoryClosed || a.Source != SourceStatus {
		t.Errorf("won with category Closed: %+v, %v", a, err)
	}
	// Without stages in the policy any stage is accepted.
	if _, err := (Policy{}).Categorize(mod(func(o *Opportunity) { o.Stage = "anything" })); err != nil {
		t.Errorf("free stage: %v", err)
	}
	// The message names the opportunity and the field.
	_, err := Build(metrics.FromSlice([]Opportunity{tests[0].o}), Options{Policy: p})
	if msg := err.Error(); !strings.Contains(msg, `opportunity "bad"`) || !strings.Contains(msg, "probability") || !strings.Contains(msg, "record 1") {
		t.Errorf("message %q", msg)
	}
}

// zeroTime is the zero time.Time; fixedDay any valid day.
var (
	zeroTime = time.Time{}
	fixedDay = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// The names of the enums.
func TestEnumStrings(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{CategoryPipeline.String(), "Pipeline"}, {CategoryBestCase.String(), "Best Case"}, {CategoryMostLikely.String(), "Most Likely"},
		{CategoryCommit.String(), "Commit"}, {CategoryClosed.String(), "Closed"}, {CategoryOmitted.String(), "Omitted"},
		{Category(0).String(), "none"}, {Category(9).String(), "Category(9)"},
		{SourceStatus.String(), "status"}, {SourceOverride.String(), "override"}, {SourceStage.String(), "stage"},
		{SourceThreshold.String(), "threshold"}, {Source(0).String(), "Source(0)"}, {Source(7).String(), "Source(7)"},
		{TypeUnspecified.String(), "unspecified"}, {TypeNewBusiness.String(), "new business"}, {TypeExpansion.String(), "expansion"},
		{TypeRenewal.String(), "renewal"}, {Type(4).String(), "Type(4)"},
		{StatusOpen.String(), "open"}, {StatusWon.String(), "won"}, {StatusLost.String(), "lost"}, {Status(3).String(), "Status(3)"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// Under the threshold policy the category is monotone in probability: a
// higher probability never falls in a lower category.
func TestThresholdCategoryMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Random valid thresholds: distinct rising From in [0, 1] (in
		// thousandths) for a rising subset of the open categories.
		var ts []Threshold
		next := int64(0)
		for c := CategoryBestCase; c <= CategoryCommit && next <= 1000; c++ {
			if !rapid.Bool().Draw(t, "use") {
				continue
			}
			from := rapid.Int64Range(next, 1000).Draw(t, "from")
			r, _ := metrics.NewRatio(from, 1000)
			ts = append(ts, Threshold{From: r, Category: c})
			next = from + 1
		}
		p := Policy{Thresholds: ts}
		if ts == nil {
			p.Thresholds = []Threshold{}
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("%v: %v", ts, err)
		}
		a := rapid.Int64Range(0, 997).Draw(t, "a")
		b := rapid.Int64Range(a, 997).Draw(t, "b")
		pa, _ := metrics.NewRatio(a, 997)
		pb, _ := metrics.NewRatio(b, 997)
		o := Opportunity{ID: "x", Owner: "o", Created: fixedDay, Close: fixedDay}
		o.Probability = pa
		ca, err1 := p.Categorize(o)
		o.Probability = pb
		cb, err2 := p.Categorize(o)
		if err1 != nil || err2 != nil || ca.Category > cb.Category || !ca.Category.open() || !cb.Category.open() {
			t.Fatalf("%v: %v → %v, %v → %v (%v, %v)", ts, pa, ca.Category, pb, cb.Category, err1, err2)
		}
	})
}

// Category text: labels and Salesforce's API values in, labels out.
func TestCategoryText(t *testing.T) {
	for in, want := range map[string]Category{
		"Pipeline": CategoryPipeline, "Best Case": CategoryBestCase, "BestCase": CategoryBestCase, "bestcase": CategoryBestCase, "Most Likely": CategoryMostLikely,
		"MostLikely": CategoryMostLikely, "Commit": CategoryCommit, "Forecast": CategoryCommit, "Closed": CategoryClosed, "Omitted": CategoryOmitted, "": 0,
	} {
		var c Category
		if err := c.UnmarshalText([]byte(in)); err != nil || c != want {
			t.Errorf("%q: %v, %v; want %v", in, c, err, want)
		}
	}
	for _, in := range []string{"none", "Upside", "Commit!", strings.Repeat("x", 100)} {
		c := CategoryCommit
		if err := c.UnmarshalText([]byte(in)); !errors.Is(err, metrics.ErrInvalid) || c != CategoryCommit {
			t.Errorf("%q: %v, %v", in, c, err)
		}
	}
	if b, err := CategoryBestCase.MarshalText(); err != nil || string(b) != "Best Case" {
		t.Errorf("MarshalText: %q, %v", b, err)
	}
	if b, err := Category(0).MarshalText(); err != nil || len(b) != 0 {
		t.Errorf("zero: %q, %v", b, err)
	}
	if _, err := Category(9).MarshalText(); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("unknown: %v", err)
	}
}

// Category text round-trips, and nothing else parses.
func FuzzCategoryText(f *testing.F) {
	for _, s := range []string{"Pipeline", "Best Case", "forecast", " m o s t l i k e l y ", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c Category
		if err := c.UnmarshalText([]byte(s)); err != nil {
			if !errors.Is(err, metrics.ErrInvalid) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		b, err := c.MarshalText()
		var back Category
		if err != nil || back.UnmarshalText(b) != nil || back != c {
			t.Fatalf("%q → %v → %q → %v", s, c, b, back)
		}
	})
}
