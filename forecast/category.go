package forecast

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Category is a Salesforce forecast category. Pipeline, Best Case, Most
// Likely and Commit are the open categories, in rising confidence; Closed
// holds won deals and Omitted lost deals and deals excluded from the
// forecast. The zero value means "none" (no manual category, a stage that
// leaves the category to the thresholds).
type Category uint8

// The forecast categories, with Salesforce's meaning
// (ForecastCategoryName; the API calls CategoryCommit "Forecast").
const (
	CategoryPipeline   Category = iota + 1 // open, low confidence
	CategoryBestCase                       // open, could close in the period
	CategoryMostLikely                     // open, likely to close
	CategoryCommit                         // open, expected to close ("Forecast" in the API)
	CategoryClosed                         // won
	CategoryOmitted                        // lost, or excluded from the forecast
)

// numCategories is the number of categories; arrays indexed by category
// have one more entry (index 0 unused).
const numCategories = int(CategoryOmitted)

var categoryNames = [...]string{"none", "Pipeline", "Best Case", "Most Likely", "Commit", "Closed", "Omitted"}

// String returns Salesforce's label: "Pipeline", "Best Case", "Most
// Likely", "Commit", "Closed" or "Omitted" ("none" for the zero value).
func (c Category) String() string {
	if int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// MarshalText writes the label (String); the zero value writes "".
func (c Category) MarshalText() ([]byte, error) {
	if c == 0 {
		return nil, nil
	}
	if c > CategoryOmitted {
		return nil, &metrics.ValueError{Op: "forecast.Category.MarshalText", Input: c.String(), Err: metrics.ErrInvalid}
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a label or a Salesforce API value (ForecastCategoryName:
// "BestCase", "MostLikely", "Forecast" for Commit), in any case, spaces
// ignored; "" is the zero value. Anything else is a *metrics.ValueError
// wrapping ErrInvalid.
func (c *Category) UnmarshalText(b []byte) error {
	if len(b) > 32 {
		return &metrics.ValueError{Op: "forecast.Category.UnmarshalText", Input: strconv.Quote(string(b[:32])) + "…", Err: metrics.ErrInvalid}
	}
	key := strings.ToLower(strings.ReplaceAll(string(b), " ", ""))
	switch key {
	case "":
		*c = 0
	case "forecast":
		*c = CategoryCommit
	default:
		for i := CategoryPipeline; i <= CategoryOmitted; i++ {
			if key == strings.ToLower(strings.ReplaceAll(categoryNames[i], " ", "")) {
				*c = i
				return nil
			}
		}
		return &metrics.ValueError{Op: "forecast.Category.UnmarshalText", Input: strconv.Quote(string(b)), Err: metrics.ErrInvalid}
	}
	return nil
}

// open reports whether c is one of the open categories.
func (c Category) open() bool { return c >= CategoryPipeline && c <= CategoryCommit }

// Source is how an opportunity's category was decided.
type Source uint8

// The sources of a category, in the order they are tried.
const (
	SourceStatus    Source = iota + 1 // won is Closed, lost is Omitted
	SourceOverride                    // the opportunity's manual category
	SourceStage                       // the policy's stage map
	SourceThreshold                   // the policy's probability thresholds
)

var sourceNames = [...]string{"", "status", "override", "stage", "threshold"}

// String returns "status", "override", "stage" or "threshold".
func (s Source) String() string {
	if s >= SourceStatus && int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// Stage is one sales stage of a Policy: its name and, optionally, the
// forecast category Salesforce-style stage settings give it.
type Stage struct {
	Name     string   // as opportunities spell it
	Category Category // the stage's category; zero leaves it to the thresholds
}

// Threshold starts a probability band of a Policy: an open opportunity
// whose probability is at least From (and below the next threshold's From)
// falls in Category, when neither an override nor its stage decides.
type Threshold struct {
	From     metrics.Ratio // inclusive lower bound, in [0, 1]
	Category Category      // BestCase, MostLikely or Commit
}

// DefaultThresholds are our sources' thresholds: Commit from 90%, Best Case
// from 50%, Pipeline below 50% (seeds/000_47655b065fd9dd72.txt §Kategori
// Ramalan: "komitmen (keyakinan 90%+), kemungkinan (keyakinan 50%), saluran
// (< keyakinan 50%)"). It returns a new slice on each call.
func DefaultThresholds() []Threshold {
	return []Threshold{{From: metrics.Percent(50), Category: CategoryBestCase}, {From: metrics.Percent(90), Category: CategoryCommit}}
}

// Policy decides open opportunities' categories: the stage map first
// (Salesforce sets the category per stage), the probability thresholds as
// the fallback. The zero Policy accepts any stage and uses
// DefaultThresholds.
type Policy struct {
	// Stages lists the sales stages in funnel order (the order stage
	// conversion follows). When it lists any, an opportunity at a stage not
	// in it is an error. Names are unique and non-empty. A stage may map to
	// any category; one mapped to Closed or Omitted is a closing stage
	// (such as "Closed Won", "Closed Lost"): not a step of the funnel, and
	// an open opportunity may not sit at a stage mapped to Closed.
	Stages []Stage
	// Thresholds are the probability bands, in rising order of From and of
	// category (Best Case, Most Likely, Commit), without overlaps: a
	// category appears at most once and each band starts strictly above the
	// one before. Below the first band an opportunity is Pipeline. Nil
	// means DefaultThresholds.
	Thresholds []Threshold
}

// Assignment is the category of one opportunity and how it was decided.
type Assignment struct {
	Category Category // the category the opportunity counts in
	Source   Source   // what decided it
	// Stage is the category the opportunity's stage maps to (zero when the
	// policy lists no stages or the stage has none), and Threshold the one
	// its probability falls in: an override or a stage map that disagrees
	// with the probability shows here.
	Stage, Threshold Category
}

// Categorize validates o (its fields, its stage against the policy) and
// returns its category. Errors are *metrics.RowError values naming the
// opportunity (Record 0), or a *metrics.ValueError for a policy that cannot
// be used (see Policy).
func (p Policy) Categorize(o Opportunity) (Assignment, error) {
	cp, err := p.compile()
	if err != nil {
		return Assignment{}, err
	}
	c, re := validate(&o, 0, monthOfDay)
	if re != nil {
		return Assignment{}, re
	}
	a, re := cp.assign(&o, 0, c.closeMonth)
	if re != nil {
		return Assignment{}, re
	}
	return a, nil
}

// stageInfo is a compiled stage: its funnel position, its category, and a
// one-entry cache of the last probability seen at it.
type stageInfo struct {
	index int
	cat   Category
	cache probCache
}

// probCache remembers the last probability seen (at a stage), with its
// threshold category and its value in millionths, so that the common case —
// every deal at a stage carrying the stage's default probability — costs one
// comparison.
type probCache struct {
	valid bool
	p     metrics.Ratio
	ppm   int64 // p × 10^6 when that is an integer, else -1
	cat   Category
}

// threshold is a compiled Threshold.
type threshold struct {
	from metrics.Ratio
	cat  Category
}

// compiled is a validated Policy, ready to categorize. Each build compiles
// its own (the probability caches are per build).
type compiled struct {
	stages     map[string]*stageInfo // nil when the policy lists no stages
	names      []string              // stage names in funnel order
	thresholds []threshold
	any        probCache // the cache for a policy without stages
}

// policyErr returns the *metrics.ValueError of an unusable policy.
func policyErr(input string, err error) error {
	return &metrics.ValueError{Op: "forecast.Policy", Input: input, Err: err}
}

// Validate reports whether the policy can be used: unique non-empty stage
// names, no stage mapped to an unknown category, and thresholds
// in [0, 1] that rise without overlapping. Errors are *metrics.ValueError
// values naming the stage or threshold.
func (p Policy) Validate() error {
	_, err := p.compile()
	return err
}

// compile validates the policy and builds its lookup tables.
func (p Policy) compile() (*compiled, error) {
	cp := &compiled{}
	if len(p.Stages) > 0 {
		cp.stages = make(map[string]*stageInfo, len(p.Stages))
		cp.names = make([]string, len(p.Stages))
	}
	for i, s := range p.Stages {
		in := "stages[" + strconv.Itoa(i) + "]"
		switch {
		case s.Name == "":
			return nil, policyErr(in, fmt.Errorf("%w: stage name", metrics.ErrMissing))
		case cp.stages[s.Name] != nil:
			return nil, policyErr(in, fmt.Errorf("%w: stage %q listed twice", metrics.ErrDuplicate, s.Name))
		case s.Category > CategoryOmitted:
			return nil, policyErr(in, fmt.Errorf("%w: category %s", metrics.ErrInvalid, s.Category))
		}
		cp.stages[s.Name] = &stageInfo{index: i, cat: s.Category}
		cp.names[i] = s.Name
	}
	ts := p.Thresholds
	if ts == nil {
		ts = DefaultThresholds()
	}
	cp.thresholds = make([]threshold, len(ts))
	for i, t := range ts {
		in := "thresholds[" + strconv.Itoa(i) + "]"
		if err := checkProbability(t.From); err != nil {
			return nil, policyErr(in, err)
		}
		if t.Category < CategoryBestCase || t.Category > CategoryCommit {
			return nil, policyErr(in, fmt.Errorf("%w: category %s (want Best Case, Most Likely or Commit)", metrics.ErrInvalid, t.Category))
		}
		if i > 0 {
			prev := ts[i-1]
			if t.From.Cmp(prev.From) <= 0 || t.Category <= prev.Category {
				return nil, policyErr(in, fmt.Errorf("%w: %s from %s overlaps %s from %s (bands must rise in probability and category)",
					metrics.ErrInvalid, t.Category, t.From, prev.Category, prev.From))
			}
		}
		cp.thresholds[i] = threshold{from: t.From, cat: t.Category}
	}
	return cp, nil
}

// byThreshold returns the category probability p falls in.
func (cp *compiled) byThreshold(p metrics.Ratio) Category {
	cat := CategoryPipeline
	for _, t := range cp.thresholds {
		if p.Cmp(t.from) < 0 {
			break
		}
		cat = t.cat
	}
	return cat
}

// million is 10^6 as a big.Int (never mutated).
var million = big.NewInt(1_000_000)

// ppmOf returns p × 10^6 when that is an integer (p in [0, 1]), else -1.
func ppmOf(p metrics.Ratio) int64 {
	num, den := p.Fraction()
	n := new(big.Int).Mul(num.BigInt(), million)
	q, r := n.QuoRem(n, den.BigInt(), new(big.Int))
	if r.Sign() != 0 || !q.IsInt64() {
		return -1
	}
	return q.Int64()
}

// probe returns the cached facts about p, computing them (and checking p)
// on a miss.
func (cp *compiled) probe(c *probCache, p metrics.Ratio) (*probCache, error) {
	if c.valid && c.p.Equal(p) {
		return c, nil
	}
	if err := checkProbability(p); err != nil {
		return nil, err
	}
	*c = probCache{valid: true, p: p, ppm: ppmOf(p), cat: cp.byThreshold(p)}
	return c, nil
}

// assign decides the category of the validated opportunity o (record i, its
// close month m for errors) and returns it, or a *metrics.RowError.
func (cp *compiled) assign(o *Opportunity, i int64, m metrics.Month) (Assignment, *metrics.RowError) {
	var a Assignment
	if _, re := cp.assignTo(&a, o, i, m); re != nil {
		return Assignment{}, re
	}
	return a, nil
}

// assignTo is assign, writing the category into *dst and returning the
// probability's cached facts.
func (cp *compiled) assignTo(dst *Assignment, o *Opportunity, i int64, m metrics.Month) (*probCache, *metrics.RowError) {
	a, pc, re := cp.assignProbe(o, i, m)
	*dst = a
	return pc, re
}

// assignProbe decides the category and returns it with the probability's
// cached facts.
func (cp *compiled) assignProbe(o *Opportunity, i int64, m metrics.Month) (Assignment, *probCache, *metrics.RowError) {
	cache := &cp.any
	var st *stageInfo
	if cp.stages != nil {
		st = cp.stages[o.Stage]
		if st == nil {
			if o.Stage == "" {
				return Assignment{}, nil, rowErr(o, i, m, "stage", metrics.ErrMissing)
			}
			return Assignment{}, nil, rowErr(o, i, m, "stage", fmt.Errorf("%w: unknown stage %q", metrics.ErrInvalid, o.Stage))
		}
		cache = &st.cache
	}
	pc, err := cp.probe(cache, o.Probability)
	if err != nil {
		return Assignment{}, nil, rowErr(o, i, m, "probability", err)
	}
	a := Assignment{Threshold: pc.cat}
	if st != nil {
		a.Stage = st.cat
	}
	switch {
	case o.Status == StatusWon:
		a.Category, a.Source = CategoryClosed, SourceStatus
	case o.Status == StatusLost:
		a.Category, a.Source = CategoryOmitted, SourceStatus
	case o.Category != 0:
		a.Category, a.Source = o.Category, SourceOverride
	case a.Stage != 0:
		a.Category, a.Source = a.Stage, SourceStage
	default:
		a.Category, a.Source = a.Threshold, SourceThreshold
	}
	if o.Category != 0 && o.Category != a.Category {
		// A closed deal's category follows its status; an override cannot
		// make it anything else, nor an open deal Closed.
		return Assignment{}, nil, rowErr(o, i, m, "category", fmt.Errorf("%w: a %s opportunity cannot be %s", metrics.ErrInvalid, o.Status, o.Category))
	}
	if a.Category == CategoryClosed && o.Status == StatusOpen {
		field := "category"
		if a.Source == SourceStage {
			field = "stage"
		}
		return Assignment{}, nil, rowErr(o, i, m, field, fmt.Errorf("%w: an open opportunity cannot be Closed (stage %q)", metrics.ErrInvalid, o.Stage))
	}
	return a, pc, nil
}

// policyEqual reports whether two policies are the same (for Merge).
func policyEqual(a, b Policy) bool {
	if len(a.Stages) != len(b.Stages) {
		return false
	}
	for i := range a.Stages {
		if a.Stages[i] != b.Stages[i] {
			return false
		}
	}
	ta, tb := a.Thresholds, b.Thresholds
	if ta == nil {
		ta = DefaultThresholds()
	}
	if tb == nil {
		tb = DefaultThresholds()
	}
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i].Category != tb[i].Category || !ta[i].From.Equal(tb[i].From) {
			return false
		}
	}
	return true
}

// clone returns a deep copy of the policy's slices.
func (p Policy) clone() Policy {
	return Policy{Stages: slices.Clone(p.Stages), Thresholds: slices.Clone(p.Thresholds)} // an empty slice stays empty, not nil
}
