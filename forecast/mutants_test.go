package forecast

// Tests written against mutants the mutation tester found alive: each pins a
// boundary or a branch no other test decided.

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Every day of the calendar, 0001-01-01 to 9999-12-31: civilDay and
// civilDate agree with package time, and dayNum in UTC and elsewhere.
func TestCivilCalendarExhaustive(t *testing.T) {
	start := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	first := civilDay(1, time.January, 1)
	if first != start.Unix()/86400 { // a whole number of days before 1970
		t.Fatalf("0001-01-01 is day %d", first)
	}
	day := first
	for d := start; d.Year() <= 9999; d = d.AddDate(0, 0, 1) {
		y, m, dd := d.Date()
		if got := civilDay(y, m, dd); got != day {
			t.Fatalf("civilDay(%s) = %d, want %d", d.Format(time.DateOnly), got, day)
		}
		if gy, gm := civilDate(day); gy != y || gm != m {
			t.Fatalf("civilDate(%d) = %d-%d, want %s", day, gy, gm, d.Format(time.DateOnly))
		}
		day++
	}
	if day-first != 3_652_059 {
		t.Fatalf("%d days", day-first)
	}
}

// The calendar's edges, in UTC and in another location.
func TestDayNumEdges(t *testing.T) {
	zone := time.FixedZone("plus2", 2*3600)
	tests := []struct {
		t  time.Time
		ok bool
	}{
		{time.Unix(minUnix, 0).UTC(), true},
		{time.Unix(minUnix-1, 0).UTC(), false},
		{time.Unix(maxUnix, 0).UTC(), true},
		{time.Unix(maxUnix+1, 0).UTC(), false},
		{time.Date(1, 1, 1, 0, 0, 0, 0, zone), true},
		{time.Date(0, 12, 31, 23, 0, 0, 0, zone), false},
		{time.Date(9999, 12, 31, 23, 0, 0, 0, zone), true},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, zone), false},
	}
	for _, tc := range tests {
		day, ok := dayNum(tc.t)
		if ok != tc.ok {
			t.Errorf("%s: ok %v", tc.t, ok)
			continue
		}
		if ok {
			y, m, d := tc.t.Date()
			if day != civilDay(y, m, d) {
				t.Errorf("%s: day %d", tc.t, day)
			}
		}
	}
	// 1969-12-31 23:59:59 UTC is day -1; 1970-01-01 is day 0.
	if d, _ := dayNum(time.Unix(-1, 0).UTC()); d != -1 {
		t.Errorf("1969-12-31: %d", d)
	}
	if d, _ := dayNum(time.Unix(0, 0).UTC()); d != 0 {
		t.Errorf("1970-01-01: %d", d)
	}
}

// The month cache of a build: close dates 1024 days apart share a slot and
// must not share a month.
func TestBuildMonthCache(t *testing.T) {
	a := day(t, "2024-01-15")
	b := a.AddDate(0, 0, 1024)
	c := a.AddDate(0, 0, 2048)
	var opps []Opportunity
	for i, d := range []time.Time{a, b, a, c, b} {
		opps = append(opps, Opportunity{ID: itoa(i), Owner: "ana", Amount: usd(t, "1"), Created: a, Close: d})
	}
	r, err := Build(metrics.FromSlice(opps), Options{By: Dimensions{Period: ByMonth}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range r.Cells() {
		got[c.Key.Month.String()] = c.Totals.OpenCount()
	}
	want := map[string]int64{"2024-01": 2, metrics.MonthOf(b).String(): 2, metrics.MonthOf(c).String(): 1}
	if len(got) != 3 || got["2024-01"] != 2 || got[metrics.MonthOf(b).String()] != 2 || got[metrics.MonthOf(c).String()] != 1 {
		t.Errorf("months %v, want %v", got, want)
	}
	// The created months go through the same cache.
	r, err = Build(metrics.FromSlice([]Opportunity{
		{ID: "x", Owner: "ana", Created: a, Close: c}, {ID: "y", Owner: "ana", Created: b, Close: c}, {ID: "z", Owner: "ana", Created: a, Close: c},
	}), Options{By: Dimensions{Period: ByMonth, Created: true}})
	if err != nil || len(r.Cells()) != 2 || r.Cells()[0].Key.Month != month(t, "2024-01") || r.Cells()[0].Totals.OpenCount() != 2 {
		t.Errorf("created months: %v, %v", r.Cells(), err)
	}
}

// Compare's currencies: two different ones are refused; an empty roll-up
// takes the other's, and so do the zeros it reports.
func TestCompareCurrencies(t *testing.T) {
	usdR := buildAcceptance(t, Dimensions{Owner: true})
	eurR, err := Build(metrics.FromSlice([]Opportunity{{ID: "e", Owner: "ana", Amount: eur(t, "5"), Created: fixedDay, Close: fixedDay, Status: StatusWon}}), Options{By: Dimensions{Owner: true}})
	if err != nil {
		t.Fatal(err)
	}
	var mm *metrics.MismatchError
	if _, err := Compare(usdR, eurR, Totals.CommitForecast); !errors.As(err, &mm) {
		t.Errorf("USD against EUR: %v", err)
	}
	empty, _ := Build(metrics.FromSlice([]Opportunity(nil)), Options{By: Dimensions{Owner: true}})
	for name, pair := range map[string][2]*Rollup{"empty forecast": {empty, usdR}, "empty actual": {usdR, empty}} {
		cs, err := Compare(pair[0], pair[1], Totals.CommitForecast)
		if err != nil || len(cs) != 4 {
			t.Fatalf("%s: %v, %d", name, err, len(cs))
		}
		for _, c := range cs {
			if c.Outcome.Forecast.Currency() != "USD" || c.Outcome.Actual.Currency() != "USD" {
				t.Errorf("%s: %s: %v / %v", name, c.Key, c.Outcome.Forecast, c.Outcome.Actual)
			}
		}
	}
	if _, err := Compare(usdR, buildAcceptance(t, Dimensions{Manager: true}), Totals.CommitForecast); err == nil {
		t.Error("different dimensions compared")
	}
}

// Enum boundaries, the definition's bands against the default thresholds,
// and the edges of the text reader.
func TestEnumAndBandEdges(t *testing.T) {
	if Category(7).String() != "Category(7)" || Source(5).String() != "Source(5)" {
		t.Errorf("first unknown values: %s, %s", Category(7), Source(5))
	}
	if b, err := CategoryOmitted.MarshalText(); err != nil || string(b) != "Omitted" {
		t.Errorf("Omitted: %q, %v", b, err)
	}
	long := strings.Repeat("x", 32)
	var c Category
	if err := c.UnmarshalText([]byte(long)); err == nil || !strings.Contains(err.Error(), long) {
		t.Errorf("32 bytes: %v", err)
	}
	if err := c.UnmarshalText([]byte(long + "y")); err == nil || strings.Contains(err.Error(), long+"y") {
		t.Errorf("33 bytes: %v", err)
	}
	// The forecast_category definition's bands are the default thresholds.
	def, _ := dictionary(t).Lookup("forecast_category")
	p := Policy{}
	for _, pct := range []string{"0", "49.999%", "50%", "89.999%", "90%", "1"} {
		r := rat(t, pct)
		band, err := def.Classify(r)
		a, err2 := p.Categorize(Opportunity{ID: "x", Owner: "o", Probability: r, Created: fixedDay, Close: fixedDay})
		if err != nil || err2 != nil || band.Name != a.Category.String() {
			t.Errorf("%s: band %q, threshold %s (%v, %v)", pct, band.Name, a.Category, err, err2)
		}
	}
}

// Zero open opportunities give zero velocity, not an error; aging reports
// nothing for an opportunity not yet created at asOf, accepts the largest
// threshold, and an open deal at an omitted stage counts at no funnel step.
func TestVelocityAgingConversionEdges(t *testing.T) {
	v, err := PipelineVelocity(Velocity{Opportunities: 0, AverageDeal: usd(t, "10"), WinRate: rat(t, "1"), Cycle: qty(t, "3", metrics.UnitDays)})
	if err != nil || !v.IsZero() {
		t.Errorf("no opportunities: %v, %v", v, err)
	}
	h, err := LoadHistory(metrics.FromSlice(acceptanceHistory(t)), Options{Policy: acceptancePolicy()})
	if err != nil {
		t.Fatal(err)
	}
	ages, err := h.Aging(day(t, "2024-01-01"), maxDays)
	// Only o01 (created 1 Dec) is open on 1 Jan; o02 and o03 come later and
	// have two changes each.
	if err != nil || len(ages) != 1 || ages[0].ID != "o01" || ages[0].Stale {
		t.Errorf("aging on 1 Jan: %+v, %v", ages, err)
	}
	hold := Policy{Stages: []Stage{{Name: "A"}, {Name: "B"}, {Name: "On hold", Category: CategoryOmitted}, {Name: "Closed Won", Category: CategoryClosed}}}
	mk := func(id, stage string, at string) Change {
		return Change{At: day(t, at), Opportunity: Opportunity{ID: id, Owner: "ana", Stage: stage, Created: day(t, "2024-01-01"), Close: day(t, "2024-02-01")}}
	}
	h, err = LoadHistory(metrics.FromSlice([]Change{mk("p", "On hold", "2024-01-01"), mk("q", "A", "2024-01-01"), mk("q", "On hold", "2024-01-02")}), Options{Policy: hold})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := h.Conversion()
	// p never sat at a funnel stage; q reached A only.
	want := []Step{{"A", "B", 1, 0}, {"B", "won", 0, 0}}
	if err != nil || len(steps) != 2 || steps[0] != want[0] || steps[1] != want[1] {
		t.Errorf("steps %+v, %v", steps, err)
	}
}
