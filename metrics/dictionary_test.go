package metrics

import (
	"encoding/json"
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite testdata/definitions.golden and DICTIONARY.md from the dictionary")

// exportedFuncs lists the package's exported functions and methods as
// "metrics.Name" and "metrics.Type.Method", read from the non-test sources.
func exportedFuncs(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			if fd.Recv == nil {
				out["metrics."+fd.Name.Name] = true
				continue
			}
			typ := fd.Recv.List[0].Type
			if s, ok := typ.(*ast.StarExpr); ok {
				typ = s.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				out["metrics."+id.Name+"."+fd.Name.Name] = true
			}
		}
	}
	return out
}

// Every definition is complete, its ID unique, its bands ordered, and its
// Func names a real exported function.
func TestDefinitionsValid(t *testing.T) {
	funcs := exportedFuncs(t)
	dict := NewDictionary()
	if dict.Len() == 0 {
		t.Fatal("empty dictionary")
	}
	seen := map[string]bool{}
	for _, def := range dict.All() {
		if err := def.validate(); err != nil {
			t.Error(err)
		}
		if seen[def.ID] {
			t.Errorf("duplicate ID %q", def.ID)
		}
		seen[def.ID] = true
		if !funcs[def.Func] {
			t.Errorf("definition %q: Func %q is not an exported function of package metrics", def.ID, def.Func)
		}
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
	if err := good.validate(); err != nil {
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
		func(d *Definition) {
			d.Bands = []Band{{Name: "a", Status: Red}, {Name: "b", From: pct(50), Status: Green}, {Name: "c", From: pct(50), Status: Green}}
		},
		func(d *Definition) { d.Bands = []Band{{Name: "a"}} },
	}
	for i, mutate := range bad {
		def := good
		def.Bands = append([]Band(nil), good.Bands...)
		mutate(&def)
		if err := def.validate(); err == nil {
			t.Errorf("mutation %d passed validation", i)
		}
	}
}

// The bands of every definition cover their whole domain: each value falls
// in exactly one band, the one whose [From, next From) holds it.
func TestClassifyBandsPartition(t *testing.T) {
	defs := NewDictionary().Filter(func(d Definition) bool { return len(d.Bands) > 0 })
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
			val = NewRatio(v)
		case UnitMoney:
			val = NewMoney(v, "USD")
		default:
			val = Quantity{value: v, unit: def.Unit}
		}
		got, err := def.Classify(val)
		if err != nil {
			t.Fatal(err)
		}
		holding := 0
		var want Band
		for i, b := range def.Bands {
			above := i == 0 || v.Cmp(b.From) >= 0
			below := i+1 == len(def.Bands) || v.Cmp(def.Bands[i+1].From) < 0
			if above && below {
				holding++
				want = b
			}
		}
		if holding != 1 {
			t.Fatalf("%s: %s lies in %d bands", def.ID, formatDecimal(v, 0), holding)
		}
		if got.Name != want.Name {
			t.Fatalf("%s: Classify(%s) = %q, want %q", def.ID, formatDecimal(v, 0), got.Name, want.Name)
		}
	})
}

func TestClassifyErrors(t *testing.T) {
	def, ok := NewDictionary().Lookup("nrr")
	if !ok {
		t.Fatal("nrr missing")
	}
	if _, err := def.Classify(MoneyFromInt(105, "USD")); !errors.Is(err, ErrUnitMismatch) {
		t.Errorf("money for a ratio: %v", err)
	}
	if _, err := def.Classify(nil); !errors.Is(err, ErrUnitMismatch) {
		t.Errorf("nil value: %v", err)
	}
	def.Bands = nil
	if _, err := def.Classify(PercentInt(100)); !errors.Is(err, ErrNoBenchmark) {
		t.Errorf("no bands: %v", err)
	}
}

// NRR's published bands: best-in-class 120–140%, good 110–120, acceptable
// 100–110, warning 90–100, critical below 90 (issue 2, from our sources).
func TestClassifyNRRBands(t *testing.T) {
	def, _ := NewDictionary().Lookup("nrr")
	for p, want := range map[string]string{"89.99": "critical", "90": "warning", "99.9": "warning", "100": "acceptable", "110": "good", "119.99": "good", "120": "best-in-class", "150": "best-in-class"} {
		b, err := def.Classify(pctR(t, p))
		if err != nil || b.Name != want {
			t.Errorf("Classify(%s%%) = %q, %v; want %q", p, b.Name, err, want)
		}
	}
	if s, _ := def.Status(pctR(t, "85")); s != Red {
		t.Errorf("status of 85%% = %s", s)
	}
}

func TestDictionaryFilters(t *testing.T) {
	dict := NewDictionary()
	has := func(defs []Definition, id string) bool {
		for _, d := range defs {
			if d.ID == id {
				return true
			}
		}
		return false
	}
	if !has(dict.ForAudience(Board), "nrr") {
		t.Error("nrr is not in the executive set")
	}
	if !has(dict.BySignal(Lagging), "grr") || has(dict.BySignal(Leading), "grr") {
		t.Error("grr is not (only) lagging")
	}
	if !has(dict.ByCategory(CategoryRetention), "nrr") || has(dict.ByCategory(CategoryFunnel), "nrr") {
		t.Error("category filter")
	}
	for _, def := range dict.BySignal(Leading) {
		if def.Signal != Leading {
			t.Errorf("%s in leading set", def.ID)
		}
	}
}

// golden renders the definitions a release pins: ID, version and formula.
func golden(dict Dictionary) string {
	var b strings.Builder
	b.WriteString("# id\tversion\tformula — regenerate with: go generate ./metrics (reviewers: a changed formula needs a new version)\n")
	for _, def := range dict.All() {
		b.WriteString(def.ID + "\tv" + itoa(def.Version) + "\t" + def.Formula + "\n")
	}
	return b.String()
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// The golden file pins every (ID, version, formula); DICTIONARY.md is the
// exported Markdown table. Both are regenerated with -update (go generate).
func TestDictionaryFiles(t *testing.T) {
	dict := NewDictionary()
	// A formula that changed without a version bump fails here, before -update
	// may rewrite anything: the golden line pairs each formula with its version.
	old, _ := os.ReadFile(filepath.Join("testdata", "definitions.golden"))
	pinned := map[string][2]string{}
	for _, line := range strings.Split(string(old), "\n") {
		if f := strings.SplitN(line, "\t", 3); len(f) == 3 && !strings.HasPrefix(line, "#") {
			pinned[f[0]] = [2]string{f[1], f[2]}
		}
	}
	for _, def := range dict.All() {
		if p, ok := pinned[def.ID]; ok && p[1] != def.Formula && p[0] == "v"+itoa(def.Version) {
			t.Fatalf("%s: formula changed without a version bump (pinned %s: %q)", def.ID, p[0], p[1])
		}
	}
	files := map[string]string{
		filepath.Join("testdata", "definitions.golden"): golden(dict),
		"DICTIONARY.md": "# The metric dictionary\n\nGenerated by `go generate ./metrics` from `metrics.NewDictionary()`; do not edit.\n" +
			"Bands: lower bound included, upper excluded; ratios as fractions (0.9 = 90%).\n\n" + dict.Markdown(),
	}
	for path, want := range files {
		if *update {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go generate ./metrics)", err)
		}
		if string(got) != want {
			t.Errorf("%s is stale: run go generate ./metrics (and bump the Version of any definition whose formula changed)", path)
		}
	}
}

func TestDictionaryJSON(t *testing.T) {
	b, err := json.Marshal(NewDictionary())
	if err != nil {
		t.Fatal(err)
	}
	var defs []map[string]any
	if err := json.Unmarshal(b, &defs); err != nil {
		t.Fatal(err)
	}
	if len(defs) != NewDictionary().Len() {
		t.Fatalf("%d definitions in JSON, want %d", len(defs), NewDictionary().Len())
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
