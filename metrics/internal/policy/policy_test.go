// Package policy holds the repository-wide policy tests: no float anywhere,
// no shopspring call that rounds implicitly or reads its globals, every
// exported name documented. They walk every package of both modules (the
// library and examples/).
package policy

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// root is the repository's top directory, from this package's directory.
const root = "../../.."

// moduleDirs returns every directory of the repository (both modules) that
// holds Go files, skipping testdata.
func moduleDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !seen[filepath.Dir(path)] {
			seen[filepath.Dir(path)] = true
			dirs = append(dirs, filepath.Dir(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	return dirs
}

// moduleRoot returns the directory of the go.mod that holds dir.
func moduleRoot(t *testing.T, dir string) string {
	t.Helper()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("%s: in no module", dir)
		}
	}
}

// parseDir parses the Go files of dir with comments.
func parseDir(t *testing.T, fset *token.FileSet, dir string, tests bool) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

var floatTypes = map[string]bool{"float32": true, "float64": true, "complex64": true, "complex128": true}

// hasFloat reports whether a float or complex type name appears in n.
func hasFloat(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && floatTypes[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// floatsForDrawing are the files allowed floats, by path from the
// repository's top, each with why: a plotting library draws in float64, so
// the dashboard example converts figures the library computed exactly, and
// rounded once, for drawing only. Only files of the examples module qualify.
var floatsForDrawing = map[string]string{
	"examples/dashboard/charts.go": "gonum.org/v1/plot draws in float64",
}

// The exemptions name files that exist, in the examples module only.
func TestFloatExemptionsAreExamples(t *testing.T) {
	for path := range floatsForDrawing {
		if !strings.HasPrefix(path, "examples/") {
			t.Errorf("%s: only the examples module may draw in floats", path)
		}
		if _, err := os.Stat(filepath.Join(root, path)); err != nil {
			t.Errorf("%s: exempt from the float policy but %v", path, err)
		}
	}
}

// The library is decimal-exact: no float type in any exported signature or
// field of any package, no float type anywhere in the code (tests included),
// and no float literal in library code (floatsForDrawing excepted).
func TestNoFloatsAnywhere(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range moduleDirs(t) {
		for _, tests := range []bool{false, true} {
			for _, f := range parseDir(t, fset, dir, tests) {
				if rel, err := filepath.Rel(root, fset.Position(f.Pos()).Filename); err == nil && floatsForDrawing[filepath.ToSlash(rel)] != "" {
					continue
				}
				ast.Inspect(f, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.CallExpr:
						// testing.B.ReportMetric takes a float64: the one place a
						// benchmark may convert (its value is computed in integers).
						if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "ReportMetric" && tests {
							return false
						}
					case *ast.FuncDecl:
						if n.Name.IsExported() && hasFloat(n.Type) {
							t.Errorf("%s: exported %s has a float type in its signature", fset.Position(n.Pos()), n.Name.Name)
						}
					case *ast.TypeSpec:
						if n.Name.IsExported() && hasFloat(n.Type) {
							t.Errorf("%s: exported type %s has a float type", fset.Position(n.Pos()), n.Name.Name)
						}
					case *ast.Ident:
						if floatTypes[n.Name] {
							t.Errorf("%s: %s used (decimals only)", fset.Position(n.Pos()), n.Name)
						}
					case *ast.BasicLit:
						// Tests may write integer constants as 1e9; library code may not.
						if !tests && (n.Kind == token.FLOAT || n.Kind == token.IMAG) {
							t.Errorf("%s: float literal %s (use decimal.New or a string)", fset.Position(n.Pos()), n.Value)
						}
					}
					return true
				})
			}
		}
	}
}

// forbidden are shopspring decimal functions, methods and globals that round
// implicitly, use floats, or read or write package state (DESIGN.md §2).
var forbidden = map[string]string{
	"Div": "rounds with the global DivisionPrecision; use Context.Quo", "DivRound": "use Context.Quo",
	"Avg": "divides implicitly", "Pow": "rounds implicitly", "PowWithPrecision": "rounds implicitly",
	"PowInt32": "rounds implicitly", "PowBigInt": "rounds implicitly", "Sqrt": "rounds implicitly",
	"Ln": "rounds implicitly", "ExpHullAbrham": "rounds implicitly", "ExpTaylor": "rounds implicitly",
	"NewFromFloat": "floats", "NewFromFloat32": "floats", "NewFromFloatWithExponent": "floats",
	"InexactFloat64": "floats", "Float64": "floats", "String": "reads the TrimTrailingZeros and UseScientificNotation globals; use formatDecimal",
	"DivisionPrecision": "global", "MarshalJSONWithoutQuotes": "global", "TrimTrailingZeros": "global",
	"UseScientificNotation": "global", "PowPrecisionNegativeExponent": "global", "ExpMaxIterations": "global",
}

// No code of the library (tests excluded) calls a forbidden shopspring API.
// The check is typed: a call is flagged only when its receiver or package is
// shopspring's decimal.
func TestNoImplicitDecimalRounding(t *testing.T) {
	fset := token.NewFileSet()
	// The source importer resolves imports through build.Default, whose Dir
	// is where it runs the go command: set it to each package's module, so
	// that the examples module's own dependencies (a plotting library)
	// resolve there and not in the library's module.
	defer func(dir string) { build.Default.Dir = dir }(build.Default.Dir)
	imp := importer.ForCompiler(fset, "source", nil)
	for _, dir := range moduleDirs(t) {
		files := parseDir(t, fset, dir, false)
		if len(files) == 0 {
			continue
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		build.Default.Dir = moduleRoot(t, abs)
		info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(dir, fset, files, info); err != nil {
			t.Fatalf("type-checking %s: %v", dir, err)
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				why, bad := forbidden[sel.Sel.Name]
				if !bad {
					return true
				}
				obj := info.Uses[sel.Sel]
				if obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "github.com/shopspring/decimal" {
					t.Errorf("%s: decimal %s: %s", fset.Position(sel.Pos()), sel.Sel.Name, why)
				}
				return true
			})
		}
	}
}

// Every exported name has a doc comment: functions, methods, types, struct
// fields, interface methods, constants and variables (a group comment covers
// the names of a parenthesised group), and every package has a package doc.
func TestExportedNamesDocumented(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range moduleDirs(t) {
		files := parseDir(t, fset, dir, false)
		pkgDoc := false
		for _, f := range files {
			pkgDoc = pkgDoc || f.Doc != nil
			for _, decl := range f.Decls {
				switch decl := decl.(type) {
				case *ast.FuncDecl:
					if decl.Name.IsExported() && decl.Doc == nil && exportedRecv(decl) {
						t.Errorf("%s: %s has no doc comment", fset.Position(decl.Pos()), decl.Name.Name)
					}
				case *ast.GenDecl:
					for _, spec := range decl.Specs {
						checkSpecDoc(t, fset, decl, spec)
					}
				}
			}
		}
		if len(files) > 0 && !pkgDoc {
			t.Errorf("package in %s has no package doc comment", dir)
		}
	}
}

// exportedRecv reports whether a method's receiver type is exported (plain
// functions count as exported-receiver).
func exportedRecv(fd *ast.FuncDecl) bool {
	if fd.Recv == nil {
		return true
	}
	typ := fd.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if ix, ok := typ.(*ast.IndexExpr); ok {
		typ = ix.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

func checkSpecDoc(t *testing.T, fset *token.FileSet, decl *ast.GenDecl, spec ast.Spec) {
	t.Helper()
	switch s := spec.(type) {
	case *ast.TypeSpec:
		if !s.Name.IsExported() {
			return
		}
		if s.Doc == nil && decl.Doc == nil {
			t.Errorf("%s: type %s has no doc comment", fset.Position(s.Pos()), s.Name.Name)
		}
		var fields *ast.FieldList
		switch tt := s.Type.(type) {
		case *ast.StructType:
			fields = tt.Fields
		case *ast.InterfaceType:
			fields = tt.Methods
		}
		if fields == nil {
			return
		}
		for _, fld := range fields.List {
			for _, name := range fld.Names {
				if name.IsExported() && fld.Doc == nil && fld.Comment == nil {
					t.Errorf("%s: %s.%s has no doc comment", fset.Position(name.Pos()), s.Name.Name, name.Name)
				}
			}
		}
	case *ast.ValueSpec:
		for _, name := range s.Names {
			if name.IsExported() && s.Doc == nil && s.Comment == nil && decl.Doc == nil {
				t.Errorf("%s: %s has no doc comment", fset.Position(name.Pos()), name.Name)
			}
		}
	}
}
