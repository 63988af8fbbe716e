package catalog

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
)

var update = flag.Bool("update", false, "rewrite testdata/definitions.golden and ../DICTIONARY.md from the dictionary")

// packages are the directories whose exported functions a definition's Func
// may name, by the package name Func uses.
var packages = map[string]string{
	"metrics":  "..",
	"mrr":      "../mrr",
	"forecast": "../../forecast",
}

// exportedFuncs lists the exported functions and methods of every package in
// packages, as "pkg.Name" and "pkg.Type.Method", read from the non-test
// sources.
func exportedFuncs(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	for pkg, dir := range packages {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
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
					out[pkg+"."+fd.Name.Name] = true
					continue
				}
				typ := fd.Recv.List[0].Type
				if s, ok := typ.(*ast.StarExpr); ok {
					typ = s.X
				}
				if id, ok := typ.(*ast.Ident); ok {
					out[pkg+"."+id.Name+"."+fd.Name.Name] = true
				}
			}
		}
	}
	return out
}

// The complete dictionary builds (every definition valid, IDs unique across
// packages), and every definition's Func names a real exported function or
// method of the package it names.
func TestDefinitionsComplete(t *testing.T) {
	dict, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if dict.Len() < 90 {
		t.Fatalf("only %d definitions", dict.Len())
	}
	funcs := exportedFuncs(t)
	for _, def := range dict.All() {
		if !funcs[def.Func] {
			t.Errorf("definition %q: Func %q is not an exported function of %v", def.ID, def.Func, packages)
		}
		if got, ok := dict.Lookup(def.ID); !ok || got.ID != def.ID {
			t.Errorf("Lookup(%q) failed", def.ID)
		}
	}
	if n := len(metrics.Definitions()); dict.Len() <= n {
		t.Errorf("the catalog has %d definitions, package metrics alone %d: other packages are missing", dict.Len(), n)
	}
}

// golden renders what a release pins, one tab-separated line per definition:
// ID, version, formula, and bands (name, ≥ or > lower bound, currency).
func golden(dict metrics.Dictionary) string {
	var b strings.Builder
	b.WriteString("# id\tversion\tformula\tbands — regenerate with: go generate ./metrics/catalog (reviewers: a changed formula or band needs a new version)\n")
	for _, def := range dict.All() {
		b.WriteString(def.ID + "\tv" + strconv.Itoa(def.Version) + "\t" + def.Formula + "\t" + bandsText(def.Bands) + "\n")
	}
	return b.String()
}

// bandsText writes bands as "name ≥bound; …" (the first band has no bound).
func bandsText(bands []metrics.Band) string {
	var parts []string
	for i, band := range bands {
		p := band.Name
		if i > 0 {
			op := " ≥"
			if band.Exclusive {
				op = " >"
			}
			p += op + dec.Format(band.From, 0)
		}
		if band.Currency != "" {
			p += " " + band.Currency
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// The golden file pins every (ID, version, formula, bands): a definition whose
// formula or bands changed without a version bump fails here, before -update
// may rewrite anything. (Lines written before bands were pinned have no band
// field; only their formula is compared.) DICTIONARY.md is the exported
// Markdown table. Both are regenerated with -update (go generate).
func TestDictionaryFiles(t *testing.T) {
	dict, err := New()
	if err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(filepath.Join("testdata", "definitions.golden"))
	type pin struct {
		version, formula, bands string
		hasBands                bool
	}
	pinned := map[string]pin{}
	for _, line := range strings.Split(string(old), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		switch len(f) {
		case 3:
			pinned[f[0]] = pin{version: f[1], formula: f[2]}
		case 4:
			pinned[f[0]] = pin{version: f[1], formula: f[2], bands: f[3], hasBands: true}
		}
	}
	for _, def := range dict.All() {
		p, ok := pinned[def.ID]
		if !ok || p.version != "v"+strconv.Itoa(def.Version) {
			continue
		}
		if p.formula != def.Formula {
			t.Errorf("%s: formula changed without a version bump (pinned %s: %q)", def.ID, p.version, p.formula)
		}
		if p.hasBands && p.bands != bandsText(def.Bands) {
			t.Errorf("%s: bands changed without a version bump (pinned %s: %q, now %q)", def.ID, p.version, p.bands, bandsText(def.Bands))
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	files := map[string]string{
		filepath.Join("testdata", "definitions.golden"): golden(dict),
		filepath.Join("..", "DICTIONARY.md"): "# The metric dictionary\n\nGenerated by `go generate ./metrics/catalog` from `catalog.New()`; do not edit.\n" +
			"Bands: \"≥ a\" includes a, \"> a\" excludes it; ratios as fractions (0.9 = 90%).\n\n" + dict.Markdown(),
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
			t.Fatalf("%v (run go generate ./metrics/catalog)", err)
		}
		if string(got) != want {
			t.Errorf("%s is stale: run go generate ./metrics/catalog (and bump the Version of any definition whose formula or bands changed)", path)
		}
	}
}
