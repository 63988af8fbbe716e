package metrics

//go:generate go test -run TestDictionaryFiles -update

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Direction says which way a metric is good.
type Direction uint8

// The directions.
const (
	HigherIsBetter Direction = iota + 1 // NRR, GRR, LTV:CAC
	LowerIsBetter                       // churn, CAC, CES, payback months
	Neutral                             // counts and sizes with no good direction (MRR by itself, ACV)
)

var directionNames = [...]string{"", "higher is better", "lower is better", "neutral"}

// String returns "higher is better", "lower is better" or "neutral".
func (d Direction) String() string {
	if d > 0 && int(d) < len(directionNames) {
		return directionNames[d]
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// MarshalText writes the direction's name.
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Status is the traffic light of a band, for alerts.
type Status uint8

// The statuses.
const (
	Green  Status = iota + 1 // on or above benchmark
	Yellow                   // watch
	Red                      // act now
)

var statusNames = [...]string{"", "green", "yellow", "red"}

// String returns "green", "yellow" or "red".
func (s Status) String() string {
	if s > 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Audience is who reads a metric, as our sources tier them.
type Audience uint8

// The audience tiers.
const (
	Board      Audience = iota + 1 // board and executive team
	Leadership                     // revenue and customer-success leadership
	Department                     // a department's managers (marketing, sales, support, product)
	Frontline                      // individual reps and CSMs
)

var audienceNames = [...]string{"", "board", "leadership", "department", "frontline"}

// String returns the tier's name, such as "board".
func (a Audience) String() string {
	if a > 0 && int(a) < len(audienceNames) {
		return audienceNames[a]
	}
	return fmt.Sprintf("Audience(%d)", uint8(a))
}

// MarshalText writes the tier's name.
func (a Audience) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Signal says whether a metric moves before the outcome (leading: health
// trend, usage drop, engagement drop, time-to-value delay, ticket spike) or
// records it (lagging: churn, NRR/GRR, renewal rate, NPS).
type Signal uint8

// The signal kinds.
const (
	Lagging Signal = iota + 1
	Leading
)

var signalNames = [...]string{"", "lagging", "leading"}

// String returns "lagging" or "leading".
func (s Signal) String() string {
	if s > 0 && int(s) < len(signalNames) {
		return signalNames[s]
	}
	return fmt.Sprintf("Signal(%d)", uint8(s))
}

// MarshalText writes the signal's name.
func (s Signal) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Category groups definitions the way the README and the exported table do.
type Category string

// The categories.
const (
	CategoryRevenue       Category = "revenue"        // MRR, ARR, growth, ARPA, ACV, logo counts
	CategoryRetention     Category = "retention"      // churn, NRR, GRR, renewal, expansion
	CategoryUnitEconomics Category = "unit-economics" // CAC, LTV, payback, burn, margin
	CategoryFunnel        Category = "funnel"         // conversion, win rate, pipeline, quota
	CategoryProduct       Category = "product"        // stickiness, adoption, time to value
	CategoryExperience    Category = "experience"     // NPS, CSAT, CES, churn reasons
	CategoryCSOps         Category = "cs-operations"  // CSM coverage, support times, at-risk
	CategoryBalanceSheet  Category = "balance-sheet"  // liquidity and leverage ratios
	CategoryContext       Category = "context"        // change, attainment, trailing comparisons
)

// Band is one benchmark band of a Definition. Bands are ordered from the
// lowest values up: band i covers [From_i, From_{i+1}), lower bound included;
// the first band has no lower bound (its From is ignored) and the last has no
// upper bound. So the bands cover every value exactly once, with no gap and no
// overlap. From is in the definition's unit: a fraction for ratios (0.9 for
// 90%), an amount for money, a number for counts, durations and scores.
type Band struct {
	Name   string          // such as "best-in-class"
	From   decimal.Decimal // inclusive lower bound (ignored for the first band)
	Status Status          // the band's traffic light
	Note   string          // the source's wording, such as "120–140%"
}

// Definition is a metric's entry in the dictionary: the one formula everyone
// pins. Version changes whenever the formula or its convention changes; the
// golden file metrics/testdata/definitions.golden records every (ID, version,
// formula) so that no formula changes silently between releases.
type Definition struct {
	ID        string     // stable identifier, such as "nrr"
	Name      string     // human name, such as "Net revenue retention"
	Category  Category   // the group it belongs to
	Formula   string     // the formula as text
	Unit      Unit       // the unit of the result
	Display   string     // how to show a ratio: "percent" or "multiple"; empty for other units
	Direction Direction  // which way is good
	Bands     []Band     // benchmark bands, lowest values first; empty when our sources give none
	Audiences []Audience // who reads it
	Signal    Signal     // leading or lagging
	Source    string     // where the definition and the bands come from
	Version   int        // starts at 1; bumped on any change of formula or convention
	Func      string     // the Go function that computes it, such as "metrics.NRR"
}

// Classify returns the band that holds v. The value must have the
// definition's unit (a Money for a money metric, a Ratio for a ratio metric,
// a Quantity of the right unit otherwise), else ErrUnitMismatch; a
// definition without bands returns ErrNoBenchmark.
func (d Definition) Classify(v Value) (Band, error) {
	if v == nil || v.Unit() != d.Unit {
		got := "nil"
		if v != nil {
			got = v.Unit().String()
		}
		return Band{}, metricErr(d.ID, "value", fmt.Errorf("%w: got %s, want %s", ErrUnitMismatch, got, d.Unit))
	}
	if len(d.Bands) == 0 {
		return Band{}, metricErr(d.ID, "", ErrNoBenchmark)
	}
	num, den := v.fraction()
	i := 0
	for j := 1; j < len(d.Bands); j++ {
		if num.Cmp(d.Bands[j].From.Mul(den)) >= 0 {
			i = j
		}
	}
	return d.Bands[i], nil
}

// Status returns the traffic light of the band that holds v (see Classify).
func (d Definition) Status(v Value) (Status, error) {
	b, err := d.Classify(v)
	if err != nil {
		return 0, err
	}
	return b.Status, nil
}

// HasAudience reports whether a reads the metric.
func (d Definition) HasAudience(a Audience) bool { return slices.Contains(d.Audiences, a) }

// validate checks a definition's internal consistency: ID, formula, unit,
// version, and bands strictly increasing.
func (d Definition) validate() error {
	switch {
	case d.ID == "" || strings.ToLower(d.ID) != d.ID || strings.ContainsAny(d.ID, " \t"):
		return fmt.Errorf("definition %q: ID must be non-empty lower-case without spaces", d.ID)
	case d.Name == "" || d.Formula == "" || d.Source == "" || d.Func == "":
		return fmt.Errorf("definition %q: name, formula, source and func are required", d.ID)
	case d.Unit == 0 || d.Direction == 0 || d.Signal == 0 || d.Category == "" || len(d.Audiences) == 0:
		return fmt.Errorf("definition %q: unit, direction, signal, category and audiences are required", d.ID)
	case d.Version < 1:
		return fmt.Errorf("definition %q: version must be at least 1", d.ID)
	case d.Unit == UnitRatio && d.Display != "percent" && d.Display != "multiple":
		return fmt.Errorf("definition %q: a ratio needs Display percent or multiple", d.ID)
	case d.Unit != UnitRatio && d.Display != "":
		return fmt.Errorf("definition %q: Display is for ratios only", d.ID)
	}
	for i := 1; i < len(d.Bands); i++ {
		if d.Bands[i].From.Cmp(d.Bands[i-1].From) <= 0 && i > 1 {
			return fmt.Errorf("definition %q: band %q does not start above band %q", d.ID, d.Bands[i].Name, d.Bands[i-1].Name)
		}
	}
	for _, b := range d.Bands {
		if b.Name == "" || b.Status == 0 {
			return fmt.Errorf("definition %q: every band needs a name and a status", d.ID)
		}
	}
	return nil
}

// bandJSON is a Band's exported form, with both bounds spelled out.
type bandJSON struct {
	Name   string `json:"name"`
	From   string `json:"from,omitempty"` // inclusive; absent for the first band
	To     string `json:"to,omitempty"`   // exclusive; absent for the last band
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
}

// bandsJSON spells out each band's bounds.
func bandsJSON(bs []Band) []bandJSON {
	out := make([]bandJSON, len(bs))
	for i, b := range bs {
		out[i] = bandJSON{Name: b.Name, Status: b.Status, Note: b.Note}
		if i > 0 {
			out[i].From = formatDecimal(b.From, 0)
		}
		if i+1 < len(bs) {
			out[i].To = formatDecimal(bs[i+1].From, 0)
		}
	}
	return out
}

// definitionJSON is a Definition's exported form.
type definitionJSON struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Category  Category   `json:"category"`
	Formula   string     `json:"formula"`
	Unit      Unit       `json:"unit"`
	Display   string     `json:"display,omitempty"`
	Direction Direction  `json:"direction"`
	Bands     []bandJSON `json:"bands,omitempty"`
	Audiences []Audience `json:"audiences"`
	Signal    Signal     `json:"signal"`
	Source    string     `json:"source"`
	Version   int        `json:"version"`
	Func      string     `json:"func"`
}

// MarshalJSON writes the definition with named enums and each band's bounds
// as exact decimal strings.
func (d Definition) MarshalJSON() ([]byte, error) {
	return json.Marshal(definitionJSON{
		ID: d.ID, Name: d.Name, Category: d.Category, Formula: d.Formula, Unit: d.Unit,
		Display: d.Display, Direction: d.Direction, Bands: bandsJSON(d.Bands),
		Audiences: d.Audiences, Signal: d.Signal, Source: d.Source, Version: d.Version, Func: d.Func,
	})
}

// Dictionary is the enumerable registry of every metric definition. Build one
// with NewDictionary; it is immutable after that and safe for concurrent use.
type Dictionary struct {
	defs  []Definition
	index map[string]int
}

// NewDictionary returns a fresh registry of every definition in the library,
// in category order. Each call builds a new one; there is no global registry.
func NewDictionary() Dictionary {
	defs := allDefinitions()
	index := make(map[string]int, len(defs))
	for i, d := range defs {
		index[d.ID] = i
	}
	return Dictionary{defs: defs, index: index}
}

// allDefinitions concatenates each family's definitions, in the order the
// exported table shows them.
func allDefinitions() []Definition {
	return slices.Concat(
		revenueDefinitions(),
		retentionDefinitions(),
		economicsDefinitions(),
		funnelDefinitions(),
		productDefinitions(),
		experienceDefinitions(),
		csopsDefinitions(),
		balanceDefinitions(),
		contextDefinitions(),
		ledgerDefinitions(),
	)
}

// Len returns the number of definitions.
func (d Dictionary) Len() int { return len(d.defs) }

// All returns a copy of every definition, in registry order.
func (d Dictionary) All() []Definition { return slices.Clone(d.defs) }

// Lookup returns the definition with the given ID.
func (d Dictionary) Lookup(id string) (Definition, bool) {
	i, ok := d.index[id]
	if !ok {
		return Definition{}, false
	}
	return d.defs[i], true
}

// Filter returns the definitions for which keep reports true, in registry order.
func (d Dictionary) Filter(keep func(Definition) bool) []Definition {
	var out []Definition
	for _, def := range d.defs {
		if keep(def) {
			out = append(out, def)
		}
	}
	return out
}

// ForAudience returns the definitions a reads: ForAudience(Board) is the
// executive set.
func (d Dictionary) ForAudience(a Audience) []Definition {
	return d.Filter(func(def Definition) bool { return def.HasAudience(a) })
}

// BySignal returns the leading (or lagging) indicators.
func (d Dictionary) BySignal(s Signal) []Definition {
	return d.Filter(func(def Definition) bool { return def.Signal == s })
}

// ByCategory returns the definitions of one category.
func (d Dictionary) ByCategory(c Category) []Definition {
	return d.Filter(func(def Definition) bool { return def.Category == c })
}

// MarshalJSON writes the whole dictionary as a JSON array of definitions.
func (d Dictionary) MarshalJSON() ([]byte, error) { return json.Marshal(d.defs) }

// Markdown returns the dictionary as a Markdown table, one row per metric:
// ID, name, formula, unit, good direction, bands, version, source.
func (d Dictionary) Markdown() string {
	var b strings.Builder
	b.WriteString("| ID | Name | Formula | Unit | Good | Bands | Signal | Version | Source |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	for _, def := range d.defs {
		unit := def.Unit.String()
		if def.Display != "" {
			unit = def.Display
		}
		var bands []string
		for _, bj := range bandsJSON(def.Bands) {
			r := bj.Name + " (" + bj.Status.String()
			switch {
			case bj.From != "" && bj.To != "":
				r += ", " + bj.From + " to <" + bj.To
			case bj.From != "":
				r += ", ≥ " + bj.From
			case bj.To != "":
				r += ", < " + bj.To
			}
			bands = append(bands, r+")")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %d | %s |\n",
			def.ID, esc.Replace(def.Name), esc.Replace(def.Formula), unit, def.Direction,
			esc.Replace(strings.Join(bands, "; ")), def.Signal, def.Version, esc.Replace(def.Source))
	}
	return b.String()
}

// pct returns p percent as a fraction, for band bounds: pct(90) is 0.9.
func pct(p int64) decimal.Decimal { return decimal.New(p, -2) }

// num returns the number coef × 10^exp, for band bounds: num(75, -2) is 0.75.
func num(coef int64, exp int32) decimal.Decimal { return decimal.New(coef, exp) }
