package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The quickstart runs on the bundled sample and prints every month and the
// last quarter's headline metrics; a malformed file is an error, not output.
func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	if err := run(filepath.Join("..", "data", "mrr_sample.csv"), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2024-01", "2024-12", "ARR at the end", "122280.00 USD", "Net revenue retention", "99.2%", "Gross revenue retention", "83.5%", "Net revenue retention by quarterly cohort", "2024-Q4"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("customer,month,mrr,currency\nc1,2024-13,10,USD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var re *metrics.RowError
	if err := run(bad, &out); !errors.Is(err, metrics.ErrOutOfRange) || !errors.As(err, &re) || re.Record != 1 || re.Line != 2 || re.Field != "month" {
		t.Errorf("bad month: %v, want record 1, line 2, field month, out of range", err)
	}
	// A truncated input is an error, never a shorter waterfall: a bad amount
	// on line 3 stops the build.
	if err := os.WriteFile(bad, []byte("customer,month,mrr,currency\nc1,2024-01,10,USD\nc1,2024-02,oops,USD\nc1,2024-03,10,USD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(bad, &out); !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &re) || re.Line != 3 || re.Field != "mrr" {
		t.Errorf("bad amount: %v, want line 3, field mrr, invalid", err)
	}
}
