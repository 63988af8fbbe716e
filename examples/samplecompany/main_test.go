package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The generator is deterministic, and the bundled sample company is exactly
// what it writes for seed 2024: regenerate it (go -C examples run
// ./samplecompany) after changing the generator, or this fails.
func TestBundledDataIsTheGenerators(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := generate(2024).write(a); err != nil {
		t.Fatal(err)
	}
	if err := generate(2024).write(b); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 12 {
		t.Errorf("%d files, want 12", len(entries))
	}
	for _, e := range entries {
		x := read(t, filepath.Join(a, e.Name()))
		if !bytes.Equal(x, read(t, filepath.Join(b, e.Name()))) {
			t.Errorf("%s: two runs of seed 2024 differ", e.Name())
		}
		if !bytes.Equal(x, read(t, filepath.Join("..", "data", "company", e.Name()))) {
			t.Errorf("%s: the bundled file is not the generator's (run go -C examples run ./samplecompany)", e.Name())
		}
	}
	// Another seed is another company.
	c := t.TempDir()
	if err := generate(7).write(c); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(read(t, filepath.Join(a, "subscriptions.csv")), read(t, filepath.Join(c, "subscriptions.csv"))) {
		t.Error("seeds 2024 and 7 wrote the same subscriptions")
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
