package metrics

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
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
	StatusGreen  Status = iota + 1 // on or above benchmark
	StatusYellow                   // watch
	StatusRed                      // act now
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
	AudienceBoard      Audience = iota + 1 // board and executive team
	AudienceLeadership                     // revenue and customer-success leadership
	AudienceDepartment                     // a department's managers (marketing, sales, support, product)
	AudienceFrontline                      // individual reps and CSMs
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
	SignalLagging Signal = iota + 1
	SignalLeading
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
	CategoryHealth        Category = "health"         // customer health scores and their portfolio
	CategoryMarketing     Category = "marketing"      // attribution and marketing-sourced pipeline
)

// Cadence is how often a metric is refreshed and reviewed.
type Cadence uint8

// The cadences.
const (
	CadenceDaily Cadence = iota + 1
	CadenceWeekly
	CadenceMonthly
	CadenceQuarterly
	CadenceAnnually
)

var cadenceNames = [...]string{"", "daily", "weekly", "monthly", "quarterly", "annually"}

// String returns the cadence's name, such as "monthly".
func (c Cadence) String() string {
	if c > 0 && int(c) < len(cadenceNames) {
		return cadenceNames[c]
	}
	return fmt.Sprintf("Cadence(%d)", uint8(c))
}

// MarshalText writes the cadence's name.
func (c Cadence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Band is one benchmark band of a Definition. Bands are ordered from the
// lowest values up, and together they cover every value exactly once: band i
// starts at From_i and runs up to where band i+1 starts. A band starts at
// From inclusive ("from 20%") unless Exclusive is set ("above 20%": 20% itself
// belongs to the band below). The first band has no lower bound (its From and
// Exclusive are ignored) and the last has no upper bound. From is in the
// definition's unit: a fraction for ratios (0.9 for 90%), an amount for money
// (in Currency, which every band of a money definition carries), a number for
// counts, durations and scores.
type Band struct {
	Name      string          // such as "best-in-class"
	From      decimal.Decimal // where the band starts (ignored for the first band)
	Exclusive bool            // From belongs to the band below: the band holds values above From
	Currency  string          // for a money definition: the currency of From; empty otherwise
	Status    Status          // the band's traffic light
	Note      string          // the source's wording, such as "120–140%"
}

// holds reports whether the value num/den (den > 0) lies at or above the
// band's start (above it when Exclusive).
func (b Band) holds(num, den decimal.Decimal) bool {
	c := num.Cmp(b.From.Mul(den))
	return c > 0 || c == 0 && !b.Exclusive
}

// Definition is a metric's entry in the dictionary: the one formula everyone
// pins. Version changes whenever the formula, a band or a convention changes;
// the golden file of package catalog records every (ID, version, formula,
// bands) so that nothing changes silently between releases.
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
	Owner     string     // the role accountable for the number, such as "CFO" or "VP Customer Success"; may be empty
	Cadence   Cadence    // how often it is refreshed; zero when the sources say nothing
	Source    string     // where the definition and the bands come from: a public document or a seed file by name
	Differs   string     // where the library's definition differs from a source, what and why; empty when it does not
	Version   int        // starts at 1; bumped on any change of formula, band or convention
	Func      string     // the Go function that computes it, such as "metrics.NRR" or "mrr.Summary.LogoChurnRate"
}

// clone returns a deep copy of d: changing it changes nothing else.
func (d Definition) clone() Definition {
	d.Bands = slices.Clone(d.Bands)
	d.Audiences = slices.Clone(d.Audiences)
	return d
}

// Classify returns the band that holds v. The value must have the
// definition's unit (a Money for a money metric, a Ratio for a ratio metric,
// a Quantity of the right unit otherwise), else ErrUnitMismatch; a Money in
// another currency than the bands' is a *MismatchError; a definition without
// bands returns ErrNoBenchmark; each inside a *MetricError.
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
	if m, ok := v.(Money); ok && m.currency != "" && m.currency != d.Bands[0].Currency { // only Money{} has no currency
		return Band{}, metricErr(d.ID, "value", &MismatchError{A: m.currency, B: d.Bands[0].Currency})
	}
	num, den := v.fraction()
	i := 0
	for j := 1; j < len(d.Bands); j++ {
		if d.Bands[j].holds(num, den) {
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

// Validate checks a definition's internal consistency: ID, name, formula,
// source and func present; unit, direction, signal, category and audiences
// set; version at least 1; a display for ratios only; bands named, with a
// status, strictly increasing (a band may start at its predecessor's From
// only when it is Exclusive and the predecessor is not), with a currency on
// every band of a money definition and on no other. The error names the
// definition.
func (d Definition) Validate() error {
	bad := func(format string, args ...any) error {
		return metricErr(d.ID, "definition", fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...))
	}
	switch {
	case d.ID == "" || strings.ToLower(d.ID) != d.ID || strings.ContainsAny(d.ID, " \t"):
		return bad("ID %q must be non-empty lower-case without spaces", d.ID)
	case d.Name == "" || d.Formula == "" || d.Source == "" || d.Func == "":
		return bad("name, formula, source and func are required")
	case d.Unit == 0 || d.Direction == 0 || d.Signal == 0 || d.Category == "" || len(d.Audiences) == 0:
		return bad("unit, direction, signal, category and audiences are required")
	case d.Version < 1:
		return bad("version must be at least 1")
	case d.Unit == UnitRatio && d.Display != "percent" && d.Display != "multiple":
		return bad("a ratio needs Display percent or multiple")
	case d.Unit != UnitRatio && d.Display != "":
		return bad("Display is for ratios only")
	}
	for i, b := range d.Bands {
		switch {
		case b.Name == "" || b.Status == 0:
			return bad("every band needs a name and a status")
		case (d.Unit == UnitMoney) != (b.Currency != ""):
			return bad("band %q: a currency on every band of a money definition and on no other", b.Name)
		case b.Currency != d.Bands[0].Currency || b.Currency != "" && !isUpperCode(b.Currency):
			return bad("band %q: currency %q", b.Name, b.Currency)
		case !dec.InRange(b.From):
			return bad("band %q: bound beyond the exponent range", b.Name)
		}
		if i < 2 {
			continue
		}
		prev := d.Bands[i-1]
		if c := b.From.Cmp(prev.From); c < 0 || c == 0 && (!b.Exclusive || prev.Exclusive) {
			return bad("band %q does not start above band %q", b.Name, prev.Name)
		}
	}
	return nil
}

// bandJSON is a Band's exported form, with both bounds spelled out.
type bandJSON struct {
	Name          string `json:"name"`
	From          string `json:"from,omitempty"` // absent for the first band
	FromExclusive bool   `json:"from_exclusive,omitempty"`
	To            string `json:"to,omitempty"` // absent for the last band
	ToInclusive   bool   `json:"to_inclusive,omitempty"`
	Currency      string `json:"currency,omitempty"`
	Status        Status `json:"status"`
	Note          string `json:"note,omitempty"`
}

// bandsJSON spells out each band's bounds.
func bandsJSON(bs []Band) []bandJSON {
	out := make([]bandJSON, len(bs))
	for i, b := range bs {
		out[i] = bandJSON{Name: b.Name, Status: b.Status, Note: b.Note, Currency: b.Currency}
		if i > 0 {
			out[i].From = dec.Format(b.From, 0)
			out[i].FromExclusive = b.Exclusive
		}
		if i+1 < len(bs) {
			out[i].To = dec.Format(bs[i+1].From, 0)
			out[i].ToInclusive = bs[i+1].Exclusive
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
	Owner     string     `json:"owner,omitempty"`
	Cadence   Cadence    `json:"cadence,omitempty"`
	Source    string     `json:"source"`
	Differs   string     `json:"differs,omitempty"`
	Version   int        `json:"version"`
	Func      string     `json:"func"`
}

// MarshalJSON writes the definition with named enums and each band's bounds
// as exact decimal strings.
func (d Definition) MarshalJSON() ([]byte, error) {
	return json.Marshal(definitionJSON{
		ID: d.ID, Name: d.Name, Category: d.Category, Formula: d.Formula, Unit: d.Unit,
		Display: d.Display, Direction: d.Direction, Bands: bandsJSON(d.Bands),
		Audiences: d.Audiences, Signal: d.Signal, Owner: d.Owner, Cadence: d.Cadence, Source: d.Source,
		Differs: d.Differs, Version: d.Version, Func: d.Func,
	})
}

// Dictionary is an enumerable registry of metric definitions. Build one with
// NewDictionary (package catalog builds the complete one, across every
// package of the library). It is immutable: every method returns copies, so
// changing what it returns changes nothing inside it. It is safe for
// concurrent use.
type Dictionary struct {
	defs  []Definition
	index map[string]int
}

// NewDictionary returns a registry of the given definitions, in order. Each
// definition must pass Validate and IDs must be unique (ErrDuplicate); the
// error names the definition. The registry holds its own copies.
func NewDictionary(defs ...[]Definition) (Dictionary, error) {
	all := slices.Concat(defs...)
	index := make(map[string]int, len(all))
	for i, d := range all {
		if err := d.Validate(); err != nil {
			return Dictionary{}, err
		}
		if _, dup := index[d.ID]; dup {
			return Dictionary{}, metricErr(d.ID, "definition", fmt.Errorf("%w: ID defined twice", ErrDuplicate))
		}
		index[d.ID] = i
		all[i] = d.clone()
	}
	return Dictionary{defs: all, index: index}, nil
}

// Len returns the number of definitions.
func (d Dictionary) Len() int { return len(d.defs) }

// All returns a copy of every definition, in registry order.
func (d Dictionary) All() []Definition { return d.Filter(func(Definition) bool { return true }) }

// Lookup returns a copy of the definition with the given ID.
func (d Dictionary) Lookup(id string) (Definition, bool) {
	i, ok := d.index[id]
	if !ok {
		return Definition{}, false
	}
	return d.defs[i].clone(), true
}

// Filter returns copies of the definitions for which keep reports true, in
// registry order.
func (d Dictionary) Filter(keep func(Definition) bool) []Definition {
	var out []Definition
	for _, def := range d.defs {
		if keep(def.clone()) {
			out = append(out, def.clone())
		}
	}
	return out
}

// ForAudience returns the definitions a reads: ForAudience(AudienceBoard) is
// the executive set.
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

// Markdown returns the dictionary as Markdown: a summary table with one short
// row per metric (ID, name, unit, good direction, bands, owner, cadence,
// version), then one section per metric with every field: formula, bands
// with their statuses and the source's wording, audiences, signal, owner,
// cadence, source, where the library differs from a source, and the Go
// function. Bounds are shown in the metric's display: percents for percent
// ratios (0.9 as 90%), "x" for multiples, the currency for money, the unit
// for durations. A band is written as an interval: [a, b) holds a and values
// up to b, (a, b] holds values above a up to and including b.
func (d Dictionary) Markdown() string {
	var b strings.Builder
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	b.WriteString("## Summary\n\n")
	b.WriteString("| ID | Name | Unit | Good | Bands | Owner | Cadence | v |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, def := range d.defs {
		var bands []string
		for i := range def.Bands {
			bands = append(bands, def.Bands[i].Name+" "+bandInterval(def, i))
		}
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s | %s | %s | %d |\n",
			def.ID, def.ID, esc.Replace(def.Name), unitLabel(def), directionMark(def.Direction),
			esc.Replace(strings.Join(bands, " · ")), esc.Replace(orDash(def.Owner)), cadenceLabel(def.Cadence), def.Version)
	}
	b.WriteString("\n## Definitions\n") // each "### id" heading is the #id anchor the summary links to
	for _, def := range d.defs {
		fmt.Fprintf(&b, "\n### %s\n\n", def.ID)
		fmt.Fprintf(&b, "**%s** (version %d, `%s`)\n\n", esc.Replace(def.Name), def.Version, def.Func)
		fmt.Fprintf(&b, "- Formula: %s\n", esc.Replace(def.Formula))
		fmt.Fprintf(&b, "- Unit: %s; good: %s; signal: %s; category: %s\n", unitLabel(def), def.Direction, def.Signal, def.Category)
		aud := make([]string, len(def.Audiences))
		for i, a := range def.Audiences {
			aud[i] = a.String()
		}
		fmt.Fprintf(&b, "- Audience: %s; owner: %s; cadence: %s\n", strings.Join(aud, ", "), orDash(def.Owner), cadenceLabel(def.Cadence))
		if len(def.Bands) > 0 {
			b.WriteString("- Bands:\n")
			for i, band := range def.Bands {
				interval := bandInterval(def, i)
				fmt.Fprintf(&b, "  - %s (%s): %s", band.Name, band.Status, interval)
				if band.Note != "" && band.Note != interval {
					fmt.Fprintf(&b, " — %s", esc.Replace(band.Note))
				}
				b.WriteString("\n")
			}
		}
		if def.Differs != "" {
			fmt.Fprintf(&b, "- Differs: %s\n", esc.Replace(def.Differs))
		}
		fmt.Fprintf(&b, "- Source: %s\n", esc.Replace(def.Source))
	}
	return b.String()
}

// orDash returns s, or "—" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// cadenceLabel is the cadence's name, or "—" when unset.
func cadenceLabel(c Cadence) string {
	if c == 0 {
		return "—"
	}
	return c.String()
}

// directionMark is a one-character direction: ↑ higher is better, ↓ lower
// is better, – neutral.
func directionMark(dir Direction) string {
	switch dir {
	case HigherIsBetter:
		return "↑"
	case LowerIsBetter:
		return "↓"
	}
	return "–"
}

// unitLabel names how a definition's values read: "percent", "multiple",
// "money", "days", ...
func unitLabel(def Definition) string {
	if def.Display != "" {
		return def.Display
	}
	return def.Unit.String()
}

// bandInterval writes band i of def as an interval in the definition's
// display: "<90%", "[90%, 100%)", "(20%, 30%]", "≥120%", ">20%".
func bandInterval(def Definition, i int) string {
	bands := def.Bands
	var lo, hi string
	loOpen, hiClosed := false, false
	if i > 0 {
		lo, loOpen = bandValue(def, bands[i].From, bands[i].Currency), bands[i].Exclusive
	}
	if i+1 < len(bands) {
		hi, hiClosed = bandValue(def, bands[i+1].From, bands[i+1].Currency), bands[i+1].Exclusive
	}
	switch {
	case lo == "" && hi == "":
		return "all values"
	case lo == "" && hiClosed:
		return "≤" + hi
	case lo == "":
		return "<" + hi
	case hi == "" && loOpen:
		return ">" + lo
	case hi == "":
		return "≥" + lo
	}
	l, r := "[", ")"
	if loOpen {
		l = "("
	}
	if hiClosed {
		r = "]"
	}
	return l + lo + ", " + hi + r
}

// bandValue writes a band bound in the definition's display: a percent for
// percent ratios, "2.5x" for multiples, "1,500,000 USD" for money, "7 days"
// for durations, the number for counts and scores.
func bandValue(def Definition, v decimal.Decimal, currency string) string {
	switch {
	case def.Unit == UnitRatio && def.Display == "percent":
		return dec.Format(v.Shift(2), 0) + "%"
	case def.Unit == UnitRatio:
		return dec.Format(v, 0) + "x"
	case def.Unit == UnitMoney:
		return groupThousands(dec.Format(v, 0)) + " " + currency
	case def.Unit == UnitDays || def.Unit == UnitHours || def.Unit == UnitMonths:
		return dec.Format(v, 0) + " " + def.Unit.String()
	}
	return dec.Format(v, 0)
}

// groupThousands puts a comma between every three digits of the integer part
// of a decimal string: "1500000.5" is "1,500,000.5".
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if frac != "" {
		frac = "." + frac
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

// Definitions returns the definitions of package metrics' own metric
// functions, in category order; each call returns new copies. Package catalog
// assembles them with every other package's into the complete dictionary.
func Definitions() []Definition {
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
	)
}

// pct returns p percent as a fraction, for band bounds: pct(90) is 0.9.
func pct(p int64) decimal.Decimal { return decimal.New(p, -2) }

// num returns the number coef × 10^exp, for band bounds: num(75, -2) is 0.75.
func num(coef int64, exp int32) decimal.Decimal { return decimal.New(coef, exp) }
