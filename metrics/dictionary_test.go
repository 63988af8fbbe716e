package metrics

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Every definition is complete, its ID unique, its bands ordered, and
// Lookup finds it. (That each Func names a real exported function is checked
// by package catalog, across every package's definitions.)
func TestDefinitionsValid(t *testing.T) {
	dict := dictionary(t)
	if dict.Len() == 0 {
		t.Fatal("empty dictionary")
	}
	seen := map[string]bool{}
	for _, def := range dict.All() {
		if err := def.Validate(); err != nil {
			t.Error(err)
		}
		if seen[def.ID] {
			t.Errorf("duplicate ID %q", def.ID)
		}
		seen[def.ID] = true
		if got, ok := dict.Lookup(def.ID); !ok || got.ID != def.ID {
			t.Errorf("Lookup(%q) failed", def.ID)
		}
	}
	if _, ok := dict.Lookup("no_such_metric"); ok {
		t.Error("Lookup of an unknown ID succeeded")
	}
}

func TestDefinitionValidateRejects(t *testing.T) {
	good := retentionDefinitions()[0]
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []func(*Definition){
		func(d *Definition) { d.ID = "" },
		func(d *Definition) { d.ID = "NRR" },
		func(d *Definition) { d.Formula = "" },
		func(d *Definition) { d.Source = "" },
		func(d *Definition) { d.Version = 0 },
		func(d *Definition) { d.Display = "" },
		func(d *Definition) { d.Audiences = nil },
		// Two bands starting at one From, neither above it.
		func(d *Definition) {
			d.Bands = []Band{{Name: "a", Status: StatusRed}, {Name: "b", From: pct(50), Status: StatusGreen}, {Name: "c", From: pct(50), Status: StatusGreen}}
		},
		// Both Exclusive: the second does not start above the first.
		func(d *Definition) {
			d.Bands = []Band{{Name: "a", Status: StatusRed}, {Name: "b", From: pct(50), Exclusive: true, Status: StatusGreen}, {Name: "c", From: pct(50), Exclusive: true, Status: StatusGreen}}
		},
		// Only the first of the two is Exclusive.
		func(d *Definition) {
			d.Bands = []Band{{Name: "a", Status: StatusRed}, {Name: "b", From: pct(50), Exclusive: true, Status: StatusGreen}, {Name: "c", From: pct(50), Status: StatusGreen}}
		},
		// Decreasing.
		func(d *Definition) {
			d.Bands = []Band{{Name: "a", Status: StatusRed}, {Name: "b", From: pct(50), Status: StatusYellow}, {Name: "c", From: pct(40), Status: StatusGreen}}
		},
		func(d *Definition) { d.Bands = []Band{{Name: "a"}} },
		// A currency on a band of a ratio definition.
		func(d *Definition) { d.Bands[1].Currency = "USD" },
	}
	for i, mutate := range bad {
		def := good
		def.Bands = append([]Band(nil), good.Bands...)
		mutate(&def)
		if err := def.Validate(); err == nil {
			t.Errorf("mutation %d passed validation", i)
		}
	}

	// A money definition needs a currency, the same valid one, on every band.
	moneyDef, ok := dictionary(t).Lookup("arr_per_csm_enterprise")
	if !ok || moneyDef.Unit != UnitMoney || len(moneyDef.Bands) < 2 {
		t.Fatalf("arr_per_csm_enterprise: %+v, %v; want a money definition with bands", moneyDef, ok)
	}
	if err := moneyDef.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, mutate := range []func(*Definition){
		func(d *Definition) { d.Bands[0].Currency = "" },
		func(d *Definition) { d.Bands[1].Currency = "" },
		func(d *Definition) { d.Bands[1].Currency = "EUR" },
		func(d *Definition) { d.Bands[0].Currency, d.Bands[1].Currency = "usd", "usd" },
		func(d *Definition) { d.Bands[0].Currency, d.Bands[1].Currency = "U$D", "U$D" },
	} {
		def := moneyDef
		def.Bands = append([]Band(nil), moneyDef.Bands...)
		mutate(&def)
		if err := def.Validate(); err == nil {
			t.Errorf("money mutation %d passed validation", i)
		}
	}
}

// The bands of every definition cover their whole domain: each value falls
// in exactly one band, the one whose [From, next From) holds it ((From, next
// From] when the bands are Exclusive).
func TestClassifyBandsPartition(t *testing.T) {
	defs := dictionary(t).Filter(func(d Definition) bool { return len(d.Bands) > 0 })
	if len(defs) == 0 {
		t.Fatal("no definition has bands")
	}
	rapid.Check(t, func(t *rapid.T) {
		def := rapid.SampledFrom(defs).Draw(t, "def")
		// Values near and at each boundary, and far outside.
		var v decimal.Decimal
		if rapid.Bool().Draw(t, "at-boundary") && len(def.Bands) > 1 {
			b := def.Bands[rapid.IntRange(1, len(def.Bands)-1).Draw(t, "band")]
			v = b.From.Add(decimal.New(rapid.Int64Range(-2, 2).Draw(t, "nudge"), -6))
		} else {
			v = decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, "v"), -rapid.Int32Range(0, 6).Draw(t, "e"))
		}
		var val Value
		switch def.Unit {
		case UnitRatio:
			val = ratDec(t, v)
		case UnitMoney:
			val = moneyDec(t, v, def.Bands[0].Currency)
		default:
			val = Quantity{value: v, unit: def.Unit}
		}
		got, err := def.Classify(val)
		if err != nil {
			t.Fatal(err)
		}
		holding := 0
		var want Band
		// A band holds From itself unless it is Exclusive.
		reached := func(b Band) bool { c := v.Cmp(b.From); return c > 0 || c == 0 && !b.Exclusive }
		for i, b := range def.Bands {
			above := i == 0 || reached(b)
			below := i+1 == len(def.Bands) || !reached(def.Bands[i+1])
			if above && below {
				holding++
				want = b
			}
		}
		if holding != 1 {
			t.Fatalf("%s: %s lies in %d bands", def.ID, dec.Format(v, 0), holding)
		}
		if got.Name != want.Name {
			t.Fatalf("%s: Classify(%s) = %q, want %q", def.ID, dec.Format(v, 0), got.Name, want.Name)
		}
	})
}

func TestClassifyErrors(t *testing.T) {
	def, ok := dictionary(t).Lookup("nrr")
	if !ok {
		t.Fatal("nrr missing")
	}
	if _, err := def.Classify(whole(t, 105, "USD")); !errors.Is(err, ErrUnitMismatch) {
		t.Errorf("money for a ratio: %v", err)
	}
	if _, err := def.Classify(nil); !errors.Is(err, ErrUnitMismatch) {
		t.Errorf("nil value: %v", err)
	}
	def.Bands = nil
	if _, err := def.Classify(Percent(100)); !errors.Is(err, ErrNoBenchmark) {
		t.Errorf("no bands: %v", err)
	}
}

// NRR's published bands: best-in-class 120–140%, good 110–120, acceptable
// 100–110, warning 90–100, critical below 90 (issue 2, from our sources).
func TestClassifyNRRBands(t *testing.T) {
	def, _ := dictionary(t).Lookup("nrr")
	for p, want := range map[string]string{"89.99": "critical", "90": "warning", "99.9": "warning", "100": "acceptable", "110": "good", "119.99": "good", "120": "best-in-class", "150": "best-in-class"} {
		b, err := def.Classify(pctR(t, p))
		if err != nil || b.Name != want {
			t.Errorf("Classify(%s%%) = %q, %v; want %q", p, b.Name, err, want)
		}
	}
	if s, _ := def.Status(pctR(t, "85")); s != StatusRed {
		t.Errorf("status of 85%% = %s", s)
	}
}

func TestDictionaryFilters(t *testing.T) {
	dict := dictionary(t)
	has := func(defs []Definition, id string) bool {
		for _, d := range defs {
			if d.ID == id {
				return true
			}
		}
		return false
	}
	if !has(dict.ForAudience(AudienceBoard), "nrr") {
		t.Error("nrr is not in the executive set")
	}
	if !has(dict.BySignal(SignalLagging), "grr") || has(dict.BySignal(SignalLeading), "grr") {
		t.Error("grr is not (only) lagging")
	}
	if !has(dict.ByCategory(CategoryRetention), "nrr") || has(dict.ByCategory(CategoryFunnel), "nrr") {
		t.Error("category filter")
	}
	for _, def := range dict.BySignal(SignalLeading) {
		if def.Signal != SignalLeading {
			t.Errorf("%s in leading set", def.ID)
		}
	}
}

func TestDictionaryJSON(t *testing.T) {
	dict := dictionary(t)
	b, err := json.Marshal(dict)
	if err != nil {
		t.Fatal(err)
	}
	var defs []map[string]any
	if err := json.Unmarshal(b, &defs); err != nil {
		t.Fatal(err)
	}
	if len(defs) != dict.Len() {
		t.Fatalf("%d definitions in JSON, want %d", len(defs), dict.Len())
	}
	for _, def := range defs {
		if def["id"] == "nrr" {
			bands := def["bands"].([]any)
			first, last := bands[0].(map[string]any), bands[len(bands)-1].(map[string]any)
			if first["to"] != "0.9" || first["from"] != nil || last["from"] != "1.2" || last["to"] != nil || first["status"] != "red" {
				t.Errorf("nrr bands in JSON: %v", bands)
			}
			if def["unit"] != "ratio" || def["direction"] != "higher is better" {
				t.Errorf("nrr enums in JSON: %v %v", def["unit"], def["direction"])
			}
			return
		}
	}
	t.Error("nrr not in JSON")
}
