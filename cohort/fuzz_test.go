package cohort

import (
	"errors"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// fuzzAmounts are the amounts a fuzzed row can carry: small and equal ones
// mostly, and ones off the int64 fast path.
var fuzzAmounts = []string{"0", "10", "10", "25.5", "100", "0.0000000000001", "9223372", "12345678901234.5"}

// fuzzCase decodes data into rows (4 bytes each: customer, subscription,
// month, amount) and options (the first byte), keeping at most one row per
// (customer, subscription, month), and says where a bad row goes (-1: none).
func fuzzCase(t *testing.T, data []byte) ([]mrr.Row, Options, int) {
	opts := Options{Currency: "USD"}
	bad := -1
	if len(data) > 0 {
		o := data[0]
		data = data[1:]
		opts.Grain = Grain(o % 3)
		opts.Reactivation = Reactivation(o / 3 % 3)
		opts.BySubscription = o&0x10 != 0
		opts.PartialLast = o&0x20 != 0
		if o&0x40 != 0 {
			opts.Segment = func(c string) (string, bool) { return c[:1], true }
		}
		if o&0x80 != 0 {
			bad = int(o) % 5
		}
	}
	seen := map[[3]byte]bool{}
	var rows []mrr.Row
	for len(data) >= 4 {
		r := data[:4]
		data = data[4:]
		key := [3]byte{r[0] % 6, r[1] % 2, r[2] % 15}
		if seen[key] {
			continue
		}
		seen[key] = true
		rows = append(rows, mrr.Row{
			Customer:     string(rune('a'+key[0]%3)) + string(rune('0'+key[0])),
			Subscription: []string{"", "s"}[key[1]],
			Month:        first(t).Add(int(key[2])),
			MRR:          usd(t, fuzzAmounts[int(r[3])%len(fuzzAmounts)]),
		})
	}
	if bad >= len(rows) {
		bad = -1
	}
	return rows, opts, bad
}

// FuzzBuild compares Build and BuildSorted with the slow reference on small
// generated inputs, and checks that one bad row stops a strict build naming
// its record and is skipped and listed by a lenient one.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 3, 4})
	f.Add([]byte{0x17, 1, 0, 0, 1, 1, 1, 0, 2, 1, 0, 5, 2, 2, 1, 2, 1})
	f.Add([]byte{0x85, 0, 0, 0, 6, 0, 0, 1, 7, 0, 0, 2, 1, 3, 1, 4, 1})
	f.Add([]byte{0x4b, 2, 0, 0, 1, 2, 0, 2, 1, 5, 1, 9, 4, 3, 0, 14, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, opts, bad := fuzzCase(t, data)
		want := slowTable(rows, opts)
		tab, err := Build(source(rows), opts)
		if len(want.cells) == 0 {
			if !errors.Is(err, metrics.ErrEmpty) {
				t.Fatalf("no paid month: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want.cells, slices.Collect(tab.Cells())); diff != "" {
			t.Fatalf("cells differ from the slow reference (-want +got):\n%s", diff)
		}
		sorted, err := BuildSorted(source(sortedRows(rows)), opts)
		if err != nil || !sorted.Equal(tab) {
			t.Fatalf("BuildSorted differs (%v)", err)
		}
		if bad < 0 {
			return
		}
		withBad := slices.Insert(slices.Clone(rows), bad, mrr.Row{Customer: "a0", Month: first(t), MRR: usd(t, "-1")})
		var re *metrics.RowError
		if _, err := Build(source(withBad), opts); !errors.As(err, &re) || re.Record != int64(bad+1) || re.Field != "mrr" {
			t.Fatalf("bad row %d: %v", bad+1, err)
		}
		opts.Lenient = true
		lax, err := Build(source(withBad), opts)
		if err != nil || len(lax.Rejected()) != 1 || lax.Rejected()[0].Record != int64(bad+1) {
			t.Fatalf("lenient: %v", err)
		}
		lax.rejected = nil
		lax.s.Through = tab.s.Through
		if !lax.Equal(tab) {
			t.Fatalf("lenient build with a bad row differs from the build without it")
		}
	})
}

// first is the fuzzer's first month.
func first(t *testing.T) metrics.Month { return month(t, "2023-11") }
