package catalog

// The machinery of the per-document tests (seed000_test.go … seed004_test.go):
// each walks one source document's items in order and checks the library's
// definition, band edges and worked examples; the coverage table of
// DICTIONARY.md is rendered from the same tables.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// itemKind is how a document item maps to the library.
type itemKind uint8

// The item kinds.
const (
	// kindDefined: defined as the document says, under ids.
	kindDefined itemKind = iota + 1
	// kindDiffers: defined under ids, and at least one of them has a Differs
	// note saying what differs from the document and why.
	kindDiffers
	// kindCapability: not one metric but a capability of the library (a
	// field every definition has, a function); note says which.
	kindCapability
	// kindNotMetric: nothing to compute (a practice, a design choice); note
	// says why.
	kindNotMetric
)

// seedItem is one item of a source document: a metric, formula, worked
// example, band or capability, in the document's order.
type seedItem struct {
	section string   // the document's section heading, as written there
	item    string   // what the document says, in English
	ids     []string // the definitions that hold it
	owner   string   // the package that owns it ("" for metrics and mrr)
	kind    itemKind
	note    string                        // what or why, for capabilities, non-metrics and remarks
	check   func(t *testing.T, c seedCtx) // band edges and worked examples; nil when there is nothing to compute
}

// seedCtx gives a check the complete dictionary.
type seedCtx struct{ dict metrics.Dictionary }

// def returns the definition id; a missing one fails the test.
func (c seedCtx) def(t *testing.T, id string) metrics.Definition {
	t.Helper()
	d, ok := c.dict.Lookup(id)
	if !ok {
		t.Fatalf("no definition %q", id)
	}
	return d
}

// band classifies v under id and requires the band named want.
func (c seedCtx) band(t *testing.T, id string, v metrics.Value, want string) {
	t.Helper()
	b, err := c.def(t, id).Classify(v)
	if err != nil || b.Name != want {
		t.Errorf("%s: %v classifies as %q (%v); want %q", id, v, b.Name, err, want)
	}
}

// status requires the traffic light of v under id.
func (c seedCtx) status(t *testing.T, id string, v metrics.Value, want metrics.Status) {
	t.Helper()
	s, err := c.def(t, id).Status(v)
	if err != nil || s != want {
		t.Errorf("%s: %v is %s (%v); want %s", id, v, s, err, want)
	}
}

// value reads a number in the definition's display: "20" is 20% for a
// percent ratio, 0.75 for a multiple, 1500000 of the bands' currency for
// money, 7 days for a duration in days.
func (c seedCtx) value(t *testing.T, def metrics.Definition, v decimal.Decimal) metrics.Value {
	t.Helper()
	switch {
	case def.Unit == metrics.UnitRatio && def.Display == "percent":
		r, err := metrics.RatioOf(v, decimal.New(100, 0))
		if err != nil {
			t.Fatal(err)
		}
		return r
	case def.Unit == metrics.UnitRatio:
		r, err := metrics.RatioOf(v, decimal.New(1, 0))
		if err != nil {
			t.Fatal(err)
		}
		return r
	case def.Unit == metrics.UnitMoney:
		m, err := metrics.NewMoney(v, def.Bands[0].Currency)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	q, err := metrics.NewQuantity(v, def.Unit)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// edge checks one band edge the document gives: the value just below it
// (by 0.01 in the definition's display: 0.01 percentage points, 0.01x,
// 0.01 of the currency, 0.01 days), the edge itself and just above it
// classify into the named bands.
func (c seedCtx) edge(t *testing.T, id, at, below, onEdge, above string) {
	t.Helper()
	def := c.def(t, id)
	x, err := decimal.NewFromString(at)
	if err != nil {
		t.Fatal(err)
	}
	step := decimal.New(1, -2)
	for _, v := range []struct {
		x    decimal.Decimal
		want string
	}{{x.Sub(step), below}, {x, onEdge}, {x.Add(step), above}} {
		b, err := def.Classify(c.value(t, def, v.x))
		if err != nil || b.Name != v.want {
			t.Errorf("%s at %s: %q (%v); want %q (edge %s)", id, dec.Format(v.x, 0), b.Name, err, v.want, at)
		}
	}
}

// is reads a number in the definition's display and requires band want.
func (c seedCtx) is(t *testing.T, id, v, want string) {
	t.Helper()
	def := c.def(t, id)
	x, err := decimal.NewFromString(v)
	if err != nil {
		t.Fatal(err)
	}
	c.band(t, id, c.value(t, def, x), want)
}

// registered reports whether a package's definitions are in the catalog
// (some definition's Func names it).
func registered(dict metrics.Dictionary, pkg string) bool {
	for _, d := range dict.All() {
		if strings.HasPrefix(d.Func, pkg+".") {
			return true
		}
	}
	return false
}

// walkSeed checks a document's items in order. An item owned by another
// package is checked only when that package is registered in the catalog;
// until then it is skipped, visibly.
func walkSeed(t *testing.T, items []seedItem) {
	dict, err := New()
	if err != nil {
		t.Fatal(err)
	}
	c := seedCtx{dict: dict}
	for i, it := range items {
		t.Run(fmt.Sprintf("%02d %s", i+1, it.item), func(t *testing.T) {
			if it.section == "" || it.item == "" || it.kind == 0 {
				t.Fatal("an item needs a section, a text and a kind")
			}
			if it.owner != "" && !registered(dict, it.owner) {
				t.Skipf("owned by package %s, not registered in the catalog on this branch", it.owner)
			}
			switch it.kind {
			case kindDefined, kindDiffers:
				if len(it.ids) == 0 && it.owner == "" {
					t.Fatal("a defined item names its definitions")
				}
				differs := false
				for _, id := range it.ids {
					differs = differs || c.def(t, id).Differs != ""
				}
				if it.kind == kindDiffers && !differs {
					t.Errorf("kind differs, but none of %v has a Differs note", it.ids)
				}
			case kindCapability, kindNotMetric:
				if it.note == "" {
					t.Fatal("a capability or non-metric item says what or why in its note")
				}
				for _, id := range it.ids {
					c.def(t, id)
				}
			}
			if it.check != nil {
				it.check(t, c)
			}
		})
	}
}

// coverageMarkdown renders the coverage table of the five documents: each
// item, in the documents' order, and where the library holds it.
func coverageMarkdown() string {
	var b strings.Builder
	b.WriteString("## Coverage of the source documents\n\n")
	b.WriteString("Every definition, band and worked example of the five documents in `seeds/`, in their order, and where the library holds it. " +
		"\"differs\": the definition's Differs note says what and why; \"owner\": another package of the library computes it (its definitions join the catalog when it is registered). " +
		"Each row is checked by `metrics/catalog/seedNNN_test.go`.\n\n")
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	for _, doc := range seedDocuments() {
		var defined, differs, other, owned int
		for _, it := range doc.items {
			switch {
			case it.owner != "":
				owned++
			case it.kind == kindDefined:
				defined++
			case it.kind == kindDiffers:
				differs++
			default:
				other++
			}
		}
		fmt.Fprintf(&b, "### %s (%s)\n\n%d items: %d defined as written, %d with a Differs note, %d capabilities or not metrics, %d owned by other packages.\n\n",
			doc.file, doc.language, len(doc.items), defined, differs, other, owned)
		b.WriteString("| # | Section | Item | Library |\n|---|---|---|---|\n")
		for i, it := range doc.items {
			var lib []string
			for _, id := range it.ids {
				lib = append(lib, "[`"+id+"`](#"+id+")")
			}
			where := strings.Join(lib, ", ")
			switch it.kind {
			case kindDiffers:
				where += " (differs)"
			case kindCapability:
				where = strings.TrimSpace("capability: " + it.note + " " + where)
			case kindNotMetric:
				where = "not a metric: " + it.note
			}
			if it.owner != "" {
				where = strings.TrimSpace("owner: package " + it.owner + " " + where)
			}
			if it.note != "" && (it.kind == kindDefined || it.kind == kindDiffers) {
				where += " — " + it.note
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", i+1, esc.Replace(it.section), esc.Replace(it.item), esc.Replace(where))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// seedDocument is one source document and its items.
type seedDocument struct {
	file, language string
	items          []seedItem
}

// seedDocuments returns the five documents in order.
func seedDocuments() []seedDocument {
	return []seedDocument{
		{"seeds/000_47655b065fd9dd72.txt", "Malay: the SaaS metrics dashboard", seed000Items()},
		{"seeds/001_017c61518b225a18.txt", "Polish: ten SaaS KPIs and balance-sheet KPIs", seed001Items()},
		{"seeds/002_12b06b23a7dd3532.txt", "Romanian: high-value indicators", seed002Items()},
		{"seeds/003_e1aea96652a224fd.txt", "French: six SaaS product indicators", seed003Items()},
		{"seeds/004_9a66e740fba960a2.txt", "Malay: post-sale customer-success metrics", seed004Items()},
	}
}

// Test helpers for building values from literals; a malformed literal fails.

func usd(t *testing.T, s string) metrics.Money {
	t.Helper()
	m, err := metrics.ParseMoney(s, "USD")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func pct(t *testing.T, s string) metrics.Ratio {
	t.Helper()
	r, err := metrics.ParseRatio(s + "%")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rat(t *testing.T, s string) metrics.Ratio {
	t.Helper()
	r, err := metrics.ParseRatio(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func num(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// eqRatio requires got == want (a percent literal), with no error.
func eqRatio(t *testing.T, what string, got metrics.Ratio, err error, want metrics.Ratio) {
	t.Helper()
	if err != nil || !got.Equal(want) {
		t.Errorf("%s = %v, %v; want %v", what, got, err, want)
	}
}

// eqMoney requires got == want, with no error.
func eqMoney(t *testing.T, what string, got metrics.Money, err error, want metrics.Money) {
	t.Helper()
	if err != nil || !got.Equal(want) {
		t.Errorf("%s = %v, %v; want %v", what, got, err, want)
	}
}

// eqQuantity requires got's value == want, with no error.
func eqQuantity(t *testing.T, what string, got metrics.Quantity, err error, want string) {
	t.Helper()
	if err != nil || !got.Value().Equal(num(t, want)) {
		t.Errorf("%s = %v, %v; want %s", what, got, err, want)
	}
}

// owners requires each id's Owner.
func (c seedCtx) owners(t *testing.T, want map[string]string) {
	t.Helper()
	for id, o := range want {
		if got := c.def(t, id).Owner; got != o {
			t.Errorf("%s: owner %q, want %q", id, got, o)
		}
	}
}

// cadences requires each id's Cadence.
func (c seedCtx) cadences(t *testing.T, want metrics.Cadence, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if got := c.def(t, id).Cadence; got != want {
			t.Errorf("%s: cadence %s, want %s", id, got, want)
		}
	}
}

// signals requires each id's Signal.
func (c seedCtx) signals(t *testing.T, want metrics.Signal, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if got := c.def(t, id).Signal; got != want {
			t.Errorf("%s: signal %s, want %s", id, got, want)
		}
	}
}

// Every definition of every package names its owner and cadence, and says
// where they come from (a document, or the library's choice), and every
// Source names a public page or one of the five documents by file name:
// never a "project seed" or a design document.
func TestOwnersCadencesSources(t *testing.T) {
	dict, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dict.All() {
		for _, bad := range []string{"project seed", "DESIGN.md", "REFERENCES.md", "issue 2", "project's sources"} {
			if strings.Contains(d.Source, bad) {
				t.Errorf("%s: Source cites %q", d.ID, bad)
			}
		}
		if d.Owner == "" || d.Cadence == 0 {
			t.Errorf("%s: owner %q, cadence %v", d.ID, d.Owner, d.Cadence)
		}
		if !strings.Contains(d.Source, "owner") && !strings.Contains(d.Source, "cadence") {
			t.Errorf("%s: the Source does not say where the owner and cadence come from", d.ID)
		}
	}
}
