package forecast

import (
	"math/big"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// The slow, obviously correct reference of Build: each opportunity's
// category decided by reading the rules top to bottom, its key by reading
// the dimensions, and every sum kept as an exact big.Rat.

// slowCell is a reference cell.
type slowCell struct {
	amount    [numCategories + 1]*big.Rat
	count     [numCategories + 1]int64
	lost      *big.Rat
	lostN     int64
	weighted  *big.Rat
	cycleDays int64
}

func newSlowCell() *slowCell {
	c := &slowCell{lost: new(big.Rat), weighted: new(big.Rat)}
	for i := range c.amount {
		c.amount[i] = new(big.Rat)
	}
	return c
}

// ratOf returns a Money's amount or a Ratio's value as a big.Rat.
func ratOfMoney(m metrics.Money) *big.Rat { return ratOfDecimal(m.Amount()) }

func ratOfRatio(r metrics.Ratio) *big.Rat {
	n, d := r.Fraction()
	return new(big.Rat).SetFrac(n.BigInt(), d.BigInt())
}

// slowCategory decides o's category by the rules as the documentation
// states them.
func slowCategory(p Policy, o Opportunity) Category {
	if o.Status == StatusWon {
		return CategoryClosed
	}
	if o.Status == StatusLost {
		return CategoryOmitted
	}
	if o.Category != 0 {
		return o.Category
	}
	for _, s := range p.Stages {
		if s.Name == o.Stage && s.Category != 0 {
			return s.Category
		}
	}
	ts := p.Thresholds
	if ts == nil {
		ts = DefaultThresholds()
	}
	c := CategoryPipeline
	prob := ratOfRatio(o.Probability)
	for _, th := range ts {
		if prob.Cmp(ratOfRatio(th.From)) >= 0 {
			c = th.Category
		}
	}
	return c
}

// slowKey reads o's key under by.
func slowKey(by Dimensions, o Opportunity) Key {
	var k Key
	d := o.Close
	if by.Created {
		d = o.Created
	}
	m := metrics.MonthOf(d)
	if by.Period == ByMonth {
		k.Month = m
	}
	if by.Period == ByQuarter {
		k.Quarter = m.Quarter()
	}
	if by.Owner {
		k.Owner = o.Owner
	}
	if by.Manager {
		k.Manager = o.Manager
	}
	if by.Segment {
		k.Segment = o.Segment
	}
	if by.Type {
		k.Type = o.Type
	}
	if by.Stage {
		k.Stage = o.Stage
	}
	if by.Reason {
		k.Reason = o.Reason
	}
	for _, edge := range by.SizeBands {
		if ratOfMoney(o.Amount).Cmp(ratOfMoney(edge)) >= 0 {
			k.Size++
		}
	}
	return k
}

// slowRollup is the reference roll-up of valid opportunities.
func slowRollup(p Policy, by Dimensions, opps []Opportunity) map[Key]*slowCell {
	out := map[Key]*slowCell{}
	for _, o := range opps {
		k := slowKey(by, o)
		c := out[k]
		if c == nil {
			c = newSlowCell()
			out[k] = c
		}
		cat := slowCategory(p, o)
		amt := ratOfMoney(o.Amount)
		c.amount[cat].Add(c.amount[cat], amt)
		c.count[cat]++
		if cat >= CategoryPipeline && cat <= CategoryCommit {
			c.weighted.Add(c.weighted, new(big.Rat).Mul(amt, ratOfRatio(o.Probability)))
		}
		switch o.Status {
		case StatusWon:
			c.cycleDays += (dateUnix(o.Close) - dateUnix(o.Created)) / 86400
		case StatusLost:
			c.lost.Add(c.lost, amt)
			c.lostN++
		}
	}
	return out
}

// sameAsSlow reports the first difference between a roll-up and the
// reference, or "".
func sameAsSlow(r *Rollup, want map[Key]*slowCell) string {
	if len(r.cells) != len(want) {
		return "cell count " + itoa(len(r.cells)) + " ≠ " + itoa(len(want))
	}
	for k, w := range want {
		g, ok := r.cells[k]
		if !ok {
			return "missing cell " + k.String()
		}
		for c := CategoryPipeline; c <= CategoryOmitted; c++ {
			if ratOfMoney(g.Amount(c)).Cmp(w.amount[c]) != 0 || g.Count(c) != w.count[c] {
				return k.String() + ": " + c.String() + " " + g.Amount(c).String() + " ≠ " + w.amount[c].RatString()
			}
		}
		if ratOfMoney(g.Lost()).Cmp(w.lost) != 0 || g.lostN != w.lostN {
			return k.String() + ": lost"
		}
		if g.weighted.rat().Cmp(w.weighted) != 0 {
			return k.String() + ": weighted " + g.weighted.rat().RatString() + " ≠ " + w.weighted.RatString()
		}
		if g.cycleDays != w.cycleDays {
			return k.String() + ": cycle days"
		}
		// The cumulative forecasts, from the reference's categories.
		sum := func(cats ...Category) *big.Rat {
			s := new(big.Rat)
			for _, c := range cats {
				s.Add(s, w.amount[c])
			}
			return s
		}
		for name, pair := range map[string][2]*big.Rat{
			"commit":      {ratOfMoney(g.CommitForecast()), sum(CategoryCommit, CategoryClosed)},
			"most likely": {ratOfMoney(g.MostLikelyForecast()), sum(CategoryMostLikely, CategoryCommit, CategoryClosed)},
			"best case":   {ratOfMoney(g.BestCaseForecast()), sum(CategoryBestCase, CategoryMostLikely, CategoryCommit, CategoryClosed)},
			"open":        {ratOfMoney(g.OpenPipeline()), sum(CategoryPipeline, CategoryBestCase, CategoryMostLikely, CategoryCommit)},
		} {
			if pair[0].Cmp(pair[1]) != 0 {
				return k.String() + ": " + name
			}
		}
	}
	return ""
}

// dateUnix returns the Unix time of t's date at midnight UTC.
func dateUnix(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// Build agrees with the slow reference on generated pipelines, for any
// dimensions.
func TestBuildMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opps := genPipeline(t, 40)
		by := genDimensions(t)
		p := genPolicy()
		r, err := Build(metrics.FromSlice(opps), Options{Policy: p, By: by})
		if err != nil {
			t.Fatal(err)
		}
		if d := sameAsSlow(r, slowRollup(p, by, opps)); d != "" {
			t.Fatalf("by %+v: %s", by, d)
		}
	})
}

// The category decision agrees with the slow reading of the rules, under
// the default and under custom thresholds.
func TestCategorizeMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy()
		if rapid.Bool().Draw(t, "custom") {
			p.Thresholds = []Threshold{{From: rat(t, "1/3"), Category: CategoryBestCase}, {From: rat(t, "0.6"), Category: CategoryMostLikely}, {From: rat(t, "0.95"), Category: CategoryCommit}}
		}
		o := genOpportunity(t, 0)
		a, err := p.Categorize(o)
		if err != nil {
			t.Fatal(err)
		}
		if want := slowCategory(p, o); a.Category != want {
			t.Fatalf("%+v: %v, want %v", o, a.Category, want)
		}
	})
}

// dayOf's short path for UTC agrees with time.Time.Date, across the whole
// calendar and its edges, and the civil day numbers with Unix days.
func TestDayOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		u := rapid.Int64Range(minUnix-86400*3, maxUnix+86400*3).Draw(t, "unix")
		tm := time.Unix(u, 0).UTC()
		day, m, ok := dayOf(tm)
		y, mo, d := tm.Date()
		if ok != (y >= 1 && y <= 9999) {
			t.Fatalf("%s: ok %v", tm, ok)
		}
		if !ok {
			return
		}
		if m.Year() != y || m.Month() != mo || day != civilDay(y, mo, d) || day != dateUnix(tm)/86400 {
			t.Fatalf("%s: day %d month %s", tm, day, m)
		}
		// The same instant elsewhere counts by its own date.
		zone := time.FixedZone("z", rapid.IntRange(-14, 14).Draw(t, "zone")*3600)
		day2, _, ok2 := dayOf(tm.In(zone))
		y2, mo2, d2 := tm.In(zone).Date()
		if ok2 && day2 != civilDay(y2, mo2, d2) {
			t.Fatalf("%s in %s: %d", tm, zone, day2)
		}
	})
}
