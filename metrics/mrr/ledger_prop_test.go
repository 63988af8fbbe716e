package mrr

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genLedgerRows draws a book of USD rows (see genBook: equal consecutive
// amounts, zero months, gaps, reactivations, duplicates, several
// subscriptions, a few bad rows), for lenient builds.
func genLedgerRows(t *rapid.T) []Row {
	rows, opts := genBook(t)
	out := rows[:0]
	for _, r := range rows {
		if r.MRR.Currency() == opts.Currency {
			out = append(out, r)
		}
	}
	return out
}

// ledgerSortRows sorts stably by customer then month, so duplicates keep their
// relative order (and lenient mode keeps the same first copy).
func ledgerSortRows(rows []Row) []Row {
	s := slices.Clone(rows)
	slices.SortStableFunc(s, func(a, b Row) int {
		if c := strings.Compare(a.Customer, b.Customer); c != 0 {
			return c
		}
		return a.Month.Compare(b.Month)
	})
	return s
}

// ledgerGenConventions draws the conventions that change classification.
func ledgerGenConventions(t *rapid.T) Conventions {
	return Conventions{
		ReactivationWindowMonths: rapid.IntRange(0, 3).Draw(t, "window"),
		MinHistoryMonths:         rapid.IntRange(0, 3).Draw(t, "minHistory"),
	}
}

// ledgerCheckIdentities checks the waterfall identities of every month.
func ledgerCheckIdentities(t interface{ Fatalf(string, ...any) }, months []Summary) {
	for k, s := range months {
		lhs := s.Start.Amount().Add(s.New.Amount()).Add(s.Expansion.Amount()).Add(s.Reactivation.Amount()).Add(s.FX.Amount()).Sub(s.Contraction.Amount()).Sub(s.Churn.Amount())
		if !lhs.Equal(s.End.Amount()) {
			t.Fatalf("%s: money identity: %s ≠ end %s", s.From, ledgerFD(lhs), ledgerFD(s.End.Amount()))
		}
		if s.StartCustomers+s.NewCustomers+s.ReactivatedCustomers-s.ChurnedCustomers != s.EndCustomers {
			t.Fatalf("%s: logo identity: %+v", s.From, s)
		}
		if s.From == s.To && s.StartCustomers != s.ExpandedCustomers+s.ContractedCustomers+s.RetainedCustomers+s.ChurnedCustomers {
			t.Fatalf("%s: start customers not partitioned: %+v", s.From, s)
		}
		if k > 0 && (!s.Start.Equal(months[k-1].End) || s.StartCustomers != months[k-1].EndCustomers) {
			t.Fatalf("%s: start ≠ previous end", s.From)
		}
		if !s.ARR().Equal(money(t, s.End.Amount().Mul(decimal.New(12, 0)), "USD")) {
			t.Fatalf("%s: ARR %v ≠ 12 × %v", s.From, s.ARR(), s.End)
		}
	}
}

// The movement log holds exactly one class per paying or just-churned
// customer-month, agreeing with the summary's counts; without duplicates,
// any order of the rows gives the same ledger. (The months themselves are
// compared with the slow reference in engine_test.go.)
func TestLedgerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := genLedgerRows(t)
		opts := Options{Currency: "USD", Lenient: true, KeepLog: true, Conventions: ledgerGenConventions(t)}
		sorted, err := BuildSorted(ledgerSeq(ledgerSortRows(rows)), opts)
		if err != nil {
			t.Fatal(err)
		}
		months := sorted.Months()
		if !ledgerHasDup(rows) {
			sh, err := Build(ledgerSeq(rapid.Permutation(rows).Draw(t, "shuffled")), opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(months, sh.Months(), ledgerMonthCmp); diff != "" {
				t.Fatalf("shuffled input changed the ledger:\n%s", diff)
			}
		}
		type cm struct {
			c string
			m metrics.Month
		}
		classes := map[cm]int{}
		for _, s := range months {
			counts := map[MovementKind]int64{}
			for _, k := range []MovementKind{MovementNew, MovementExpansion, MovementContraction, MovementRetained, MovementChurn, MovementReactivation} {
				mv, err := sorted.Movements(s.From, k)
				if err != nil {
					t.Fatal(err)
				}
				counts[k] = int64(len(mv))
				for _, x := range mv {
					classes[cm{x.Customer, x.Month}]++
				}
			}
			if counts[MovementNew] != s.NewCustomers || counts[MovementExpansion] != s.ExpandedCustomers ||
				counts[MovementContraction] != s.ContractedCustomers || counts[MovementRetained] != s.RetainedCustomers ||
				counts[MovementChurn] != s.ChurnedCustomers || counts[MovementReactivation] != s.ReactivatedCustomers {
				t.Fatalf("%s: log counts %v ≠ summary %+v", s.From, counts, s)
			}
		}
		for k, n := range classes {
			if n != 1 {
				t.Fatalf("customer %q month %s in %d classes", k.c, k.m, n)
			}
		}
	})
}

// ledgerHasDup reports whether two rows share (customer, subscription, month).
func ledgerHasDup(rows []Row) bool {
	type key struct {
		c, s string
		m    metrics.Month
	}
	seen := map[key]bool{}
	for _, r := range rows {
		k := key{r.Customer, r.Subscription, r.Month}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// Merging the ledgers of any split of the customers into shards equals the
// single pass exactly, including end-of-span churn of shards that end early,
// and every Span summary agrees.
func TestLedgerMergeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := genLedgerRows(t)
		conv := ledgerGenConventions(t)
		opts := Options{Currency: "USD", Lenient: true, Conventions: conv, KeepLog: rapid.Bool().Draw(t, "log")}
		single, err := Build(ledgerSeq(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		nShards := rapid.IntRange(1, 4).Draw(t, "shards")
		shardOf := map[string]int{}
		for c := 'a'; c <= 'f'; c++ {
			shardOf[string(c)] = rapid.IntRange(0, nShards-1).Draw(t, "shard")
		}
		shards := make([][]Row, nShards)
		for _, r := range rows {
			shards[shardOf[r.Customer]] = append(shards[shardOf[r.Customer]], r)
		}
		var merged *Ledger
		for _, s := range shards {
			l, err := BuildSorted(ledgerSeq(ledgerSortRows(s)), opts)
			if err != nil {
				t.Fatal(err)
			}
			if merged == nil {
				merged = l
			} else if merged, err = merged.Merge(l); err != nil {
				t.Fatal(err)
			}
		}
		if diff := gocmp.Diff(single.Months(), merged.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("merge ≠ single pass (-single +merged):\n%s", diff)
		}
		if single.First().IsZero() {
			return
		}
		from := single.First().Add(rapid.IntRange(0, single.Last().Sub(single.First())).Draw(t, "from"))
		to := from.Add(rapid.IntRange(0, single.Last().Sub(from)).Draw(t, "len"))
		a, err1 := single.Span(from, to)
		b, err2 := merged.Span(from, to)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := gocmp.Diff(a, b, ledgerMonthCmp); diff != "" {
			t.Fatalf("span %s..%s differs:\n%s", from, to, diff)
		}
		// A span's identity holds too.
		ledgerCheckIdentities(t, []Summary{a})
		if !a.NetNew().Equal(money(t, a.End.Amount().Sub(a.Start.Amount()), "USD")) {
			t.Fatalf("net new")
		}
		_ = cmp.Compare(0, 0)
	})
}
