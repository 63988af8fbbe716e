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

// genLedgerRows draws up to 40 rows over up to 6 customers and 10 months,
// with repeated subscriptions of one month (duplicates), zero rows, amounts
// at several scales and some too large for the fast path.
func genLedgerRows(t *rapid.T) []Row {
	base, _ := metrics.NewMonth(2023, 11)
	n := rapid.IntRange(0, 40).Draw(t, "rows")
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = Row{
			Customer:     string(rune('a' + rapid.IntRange(0, 5).Draw(t, "cust"))),
			Subscription: []string{"", "s1", "s2"}[rapid.IntRange(0, 2).Draw(t, "sub")],
			Month:        base.Add(rapid.IntRange(0, 9).Draw(t, "month")),
			MRR:          money(t, genAmount(t, "mrr"), "USD"),
		}
		if rapid.IntRange(0, 4).Draw(t, "zero") == 0 {
			rows[i].MRR = money(t, decimal.Decimal{}, "USD")
		}
	}
	return rows
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

// ledgerReference is a slow, dense reference: every customer's total per month
// over the whole span, classified month by month with decimals.
func ledgerReference(t *rapid.T, rows []Row, c Conventions, through metrics.Month) []Summary {
	type key struct {
		cust, sub string
		m         metrics.Month
	}
	seen := map[key]bool{}
	tot := map[string]map[metrics.Month]decimal.Decimal{}
	var first, last metrics.Month
	for _, r := range rows {
		k := key{r.Customer, r.Subscription, r.Month}
		if seen[k] {
			continue // lenient: keep the first
		}
		seen[k] = true
		if tot[r.Customer] == nil {
			tot[r.Customer] = map[metrics.Month]decimal.Decimal{}
		}
		tot[r.Customer][r.Month] = tot[r.Customer][r.Month].Add(r.MRR.Amount())
		if first.IsZero() || r.Month.Before(first) {
			first = r.Month
		}
		if last.IsZero() || r.Month.After(last) {
			last = r.Month
		}
	}
	if !through.IsZero() && !first.IsZero() {
		last = through
	}
	if first.IsZero() {
		return nil
	}
	usd0 := money(t, decimal.Decimal{}, "USD")
	out := make([]Summary, last.Sub(first)+1)
	for k := range out {
		m := first.Add(k)
		out[k] = Summary{From: m, To: m, Movements: metrics.Movements{Start: usd0, New: usd0, Expansion: usd0, Contraction: usd0, Churn: usd0, Reactivation: usd0}, FX: usd0, End: usd0, Conventions: c}
	}
	add := func(p *metrics.Money, v decimal.Decimal) { *p = money(t, p.Amount().Add(v), p.Currency()) }
	for _, months := range tot {
		everPaid, paidMonths, lastPaid := false, 0, metrics.Month{}
		prev := decimal.Decimal{}
		for k := range out {
			m := first.Add(k)
			cur := months[m]
			s := &out[k]
			switch {
			case cur.Sign() > 0 && prev.Sign() > 0:
				switch d := cur.Sub(prev); d.Sign() {
				case 1:
					add(&s.Expansion, d)
					s.ExpandedCustomers++
				case -1:
					add(&s.Contraction, d.Neg())
					s.ContractedCustomers++
				default:
					s.RetainedCustomers++
				}
			case cur.Sign() > 0 && !everPaid:
				add(&s.New, cur)
				s.NewCustomers++
			case cur.Sign() > 0:
				gap := m.Sub(lastPaid) - 1
				if (c.ReactivationWindowMonths > 0 && gap > c.ReactivationWindowMonths) || (c.MinHistoryMonths > 0 && paidMonths < c.MinHistoryMonths) {
					add(&s.New, cur)
					s.NewCustomers++
				} else {
					add(&s.Reactivation, cur)
					s.ReactivatedCustomers++
				}
			case prev.Sign() > 0:
				add(&s.Churn, prev)
				s.ChurnedCustomers++
			case everPaid:
				s.InactiveCustomers++
			}
			if cur.Sign() > 0 {
				everPaid, paidMonths, lastPaid = true, paidMonths+1, m
				add(&s.End, cur)
				s.EndCustomers++
			}
			prev = cur
		}
	}
	for k := 1; k < len(out); k++ {
		out[k].Start, out[k].StartCustomers = out[k-1].End, out[k-1].EndCustomers
	}
	return out
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

// The ledger equals the dense reference; identities hold; Build on any
// order equals BuildSorted; the movement log holds exactly one class
// per paying or just-churned customer-month, agreeing with the counts.
func TestLedgerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := genLedgerRows(t)
		conv := ledgerGenConventions(t)
		var through metrics.Month
		if rapid.Bool().Draw(t, "through") {
			through, _ = metrics.NewMonth(2024, 9)
		}
		opts := Options{Currency: "USD", Lenient: true, KeepLog: true, Conventions: conv, Through: through}
		sorted, err := BuildSorted(ledgerSeq(ledgerSortRows(rows)), opts)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := rapid.Permutation(rows).Draw(t, "shuffled")
		// Keep duplicates' relative order so the same copy is kept.
		unsorted, err := Build(ledgerSeq(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		months := sorted.Months()
		ledgerCheckIdentities(t, months)
		want := ledgerReference(t, rows, conv, through)
		if diff := gocmp.Diff(want, months, ledgerMonthCmp); diff != "" {
			t.Fatalf("ledger ≠ reference (-want +got):\n%s", diff)
		}
		// Without the log the build takes its integer fast path: same answer.
		noLog := opts
		noLog.KeepLog = false
		fast, err := BuildSorted(ledgerSeq(ledgerSortRows(rows)), noLog)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, fast.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("fast path ≠ reference (-want +got):\n%s", diff)
		}
		if diff := gocmp.Diff(months, unsorted.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("Build ≠ BuildSorted (-sorted +unsorted):\n%s", diff)
		}
		// Without duplicates, any order gives the same ledger.
		if !ledgerHasDup(rows) {
			sh, err := Build(ledgerSeq(shuffled), opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(months, sh.Months(), ledgerMonthCmp); diff != "" {
				t.Fatalf("shuffled input changed the ledger:\n%s", diff)
			}
		}
		// Log: one class per customer-month, counts agree.
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
