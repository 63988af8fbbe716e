package mrr

import (
	"errors"
	"slices"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A hand-checked cohort: Jan pays a 100, b 100, c 50. Over Feb–Apr, a
// expands to 150, b contracts to 60, c churns in Feb and returns at 70 in Apr,
// and d joins in Mar (not in the cohort).
//
//	start 250; end 150 + 60 + 70 = 280; capped 100 + 60 + 50 = 210
//	NRR 280/250 = 112%, GRR 210/250 = 84%, logo retention 3/3
func TestLedgerRetentionHandChecked(t *testing.T) {
	var rows []Row
	add := func(c, m, amt string) {
		rows = append(rows, Row{Customer: c, Month: mustMonth(t, m), MRR: usd(t, amt)})
	}
	add("a", "2024-01", "100")
	add("a", "2024-02", "150")
	add("a", "2024-03", "150")
	add("a", "2024-04", "150")
	add("b", "2024-01", "100")
	add("b", "2024-02", "60")
	add("b", "2024-03", "60")
	add("b", "2024-04", "60")
	add("c", "2024-01", "50")
	add("c", "2024-04", "70")
	add("d", "2024-03", "500")
	add("d", "2024-04", "500")
	l, err := Build(seq2(rows), Options{Currency: "USD", KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Retention(mustMonth(t, "2024-02"), mustMonth(t, "2024-04"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.StartMRR.Equal(usd(t, "250")) || !r.EndMRR.Equal(usd(t, "280")) || !r.CappedEndMRR.Equal(usd(t, "210")) || r.StartCustomers != 3 || r.RetainedCustomers != 3 {
		t.Fatalf("Retention = %+v", r)
	}
	nrr, _ := r.NRR()
	grr, _ := r.GRR()
	logo, _ := r.LogoRetention()
	if !nrr.Equal(pctR(t, "112")) || !grr.Equal(pctR(t, "84")) || !logo.Equal(metrics.RatioFromInt(1)) {
		t.Errorf("NRR %v GRR %v logo %v", nrr, grr, logo)
	}
	// Errors: no log, span reversed, no month before from.
	nolog, _ := Build(seq2(rows), Options{Currency: "USD"})
	if _, err := nolog.Retention(mustMonth(t, "2024-02"), mustMonth(t, "2024-04")); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("without KeepLog: %v", err)
	}
	if _, err := l.Retention(mustMonth(t, "2024-04"), mustMonth(t, "2024-02")); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("reversed: %v", err)
	}
	if _, err := l.Retention(mustMonth(t, "2024-01"), mustMonth(t, "2024-02")); !errors.Is(err, metrics.ErrUnknownMonth) {
		t.Errorf("no month before: %v", err)
	}
	if _, err := l.Retention(mustMonth(t, "2024-02"), mustMonth(t, "2024-09")); !errors.Is(err, metrics.ErrUnknownMonth) {
		t.Errorf("to outside: %v", err)
	}
	for name, f := range map[string]func() (metrics.Ratio, error){
		"NRR": Retention{}.NRR, "GRR": Retention{}.GRR, "LogoRetention": Retention{}.LogoRetention,
	} {
		var me *metrics.MetricError
		if _, err := f(); !errors.Is(err, metrics.ErrZeroDenominator) || !errors.As(err, &me) {
			t.Errorf("empty cohort %s: %v", name, err)
		}
	}
	// Over the span the Summary's retention and MRR churn rates are refused.
	s, err := l.Span(mustMonth(t, "2024-02"), mustMonth(t, "2024-04"))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func() (metrics.Ratio, error){
		"NRR": s.NRR, "GRR": s.GRR, "GrossMRRChurnRate": s.GrossMRRChurnRate, "NetMRRChurnRate": s.NetMRRChurnRate,
	} {
		var me *metrics.MetricError
		if _, err := f(); !errors.Is(err, metrics.ErrInvalid) || !errors.As(err, &me) {
			t.Errorf("Summary.%s over a span: %v", name, err)
		}
	}
}

// A start customer who churns, returns and churns again inside the span is
// one churn against the start count under ExcludeJoinedAndChurned (ChartMogul)
// and two churn events under IncludeJoinedAndChurned.
//
//	Jan: a, b pay. a churns in Feb, returns in Mar, churns in Apr; b stays.
//	exclude: (2 − 1) ÷ 2 = 50%; include: 2 ÷ 2 = 100%
func TestLedgerLogoChurnRateChurnReturnChurn(t *testing.T) {
	var rows []Row
	add := func(c, m, amt string) {
		rows = append(rows, Row{Customer: c, Month: mustMonth(t, m), MRR: usd(t, amt)})
	}
	add("a", "2024-01", "10")
	add("a", "2024-03", "10.00")
	for _, m := range []string{"2024-01", "2024-02", "2024-03", "2024-04"} {
		add("b", m, "20")
	}
	for _, tc := range []struct {
		jc   JoinedAndChurned
		want string
	}{{ExcludeJoinedAndChurned, "50"}, {IncludeJoinedAndChurned, "100"}} {
		conv := Recommended()
		conv.JoinedAndChurned = tc.jc
		l, err := Build(seq2(rows), Options{Currency: "USD", Conventions: conv, KeepLog: true})
		if err != nil {
			t.Fatal(err)
		}
		s, err := l.Span(mustMonth(t, "2024-02"), mustMonth(t, "2024-04"))
		if err != nil {
			t.Fatal(err)
		}
		if s.ChurnedCustomers != 2 || s.JoinedAndChurnedCustomers != 1 || s.StartCustomers != 2 {
			t.Fatalf("%v: %+v", tc.jc, s)
		}
		got, err := s.LogoChurnRate()
		if err != nil || !got.Equal(pctR(t, tc.want)) {
			t.Errorf("%v: LogoChurnRate = %v, %v; want %s%%", tc.jc, got, err, tc.want)
		}
		r, err := l.Retention(mustMonth(t, "2024-02"), mustMonth(t, "2024-04"))
		if err != nil || r.StartCustomers != 2 || r.RetainedCustomers != 1 {
			t.Errorf("Retention = %+v, %v", r, err)
		}
	}
}

// Retention agrees with a brute-force per-customer computation, with the
// one-month Summary rates, and across both builds; GRR ≤ NRR and 0 ≤ GRR ≤ 1.
func TestLedgerRetentionProperties(t *testing.T) {
	first := mustMonth(t, "2024-01")
	rapid.Check(t, func(t *rapid.T) {
		nc := rapid.IntRange(1, 8).Draw(t, "customers")
		nm := rapid.IntRange(2, 8).Draw(t, "months")
		var rows []Row
		mrr := map[string][]decimal.Decimal{}
		for c := 0; c < nc; c++ {
			name := string(rune('a' + c))
			mrr[name] = make([]decimal.Decimal, nm)
			for m := 0; m < nm; m++ {
				if v := rapid.IntRange(0, 4).Draw(t, "v"); v > 0 {
					mrr[name][m] = decimal.New(int64(v*25), 0)
					rows = append(rows, Row{Customer: name, Month: first.Add(m), MRR: money(t, mrr[name][m], "USD")})
				}
			}
		}
		if len(rows) == 0 {
			return
		}
		from := rapid.IntRange(1, nm-1).Draw(t, "from")
		to := rapid.IntRange(from, nm-1).Draw(t, "to")
		opts := Options{Currency: "USD", KeepLog: true, Through: first.Add(nm - 1)}
		l, err := Build(seq2(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		if l.First() != first {
			return // the data starts later; the brute force below assumes month 0 is first
		}
		r, err := l.Retention(first.Add(from), first.Add(to))
		if err != nil {
			t.Fatal(err)
		}
		var s, e, c decimal.Decimal
		var n, kept int64
		for _, v := range mrr {
			if v[from-1].Sign() == 0 {
				continue
			}
			n++
			s = s.Add(v[from-1])
			e = e.Add(v[to])
			c = c.Add(decimal.Min(v[from-1], v[to]))
			if v[to].Sign() > 0 {
				kept++
			}
		}
		if !r.StartMRR.Amount().Equal(s) || !r.EndMRR.Amount().Equal(e) || !r.CappedEndMRR.Amount().Equal(c) || r.StartCustomers != n || r.RetainedCustomers != kept {
			t.Fatalf("Retention %+v; brute force start %s end %s capped %s n %d kept %d", r, dec.Format(s, 0), dec.Format(e, 0), dec.Format(c, 0), n, kept)
		}
		if n == 0 {
			return
		}
		nrr, _ := r.NRR()
		grr, _ := r.GRR()
		if grr.Cmp(nrr) > 0 || grr.Sign() < 0 || grr.Cmp(metrics.RatioFromInt(1)) > 0 {
			t.Fatalf("GRR %v NRR %v", grr, nrr)
		}
		if from == to {
			sum, _ := l.Month(first.Add(from))
			snrr, err1 := sum.NRR()
			sgrr, err2 := sum.GRR()
			if err1 != nil || err2 != nil || !snrr.Equal(nrr) || !sgrr.Equal(grr) {
				t.Fatalf("one month: Summary NRR %v GRR %v, Retention NRR %v GRR %v", snrr, sgrr, nrr, grr)
			}
		}
		sorted := slices.Clone(rows)
		slices.SortFunc(sorted, func(a, b Row) int {
			if a.Customer != b.Customer {
				if a.Customer < b.Customer {
					return -1
				}
				return 1
			}
			return a.Month.Compare(b.Month)
		})
		l2, err := BuildSorted(seq2(sorted), opts)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := l2.Retention(first.Add(from), first.Add(to))
		if err != nil || !r2.EndMRR.Equal(r.EndMRR) || !r2.CappedEndMRR.Equal(r.CappedEndMRR) || !r2.StartMRR.Equal(r.StartMRR) {
			t.Fatalf("sorted build differs: %+v vs %+v (%v)", r2, r, err)
		}
		// Shards by customer (even and odd initials), merged.
		var even, odd []Row
		for _, row := range rows {
			if row.Customer[0]%2 == 0 {
				even = append(even, row)
			} else {
				odd = append(odd, row)
			}
		}
		le, err1 := Build(seq2(even), opts)
		lo, err2 := Build(seq2(odd), opts)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		lm, err := le.Merge(lo)
		if err != nil {
			t.Fatal(err)
		}
		r3, err := lm.Retention(first.Add(from), first.Add(to))
		if err != nil || !r3.EndMRR.Equal(r.EndMRR) || !r3.CappedEndMRR.Equal(r.CappedEndMRR) || !r3.StartMRR.Equal(r.StartMRR) || r3.StartCustomers != r.StartCustomers || r3.RetainedCustomers != r.RetainedCustomers {
			t.Fatalf("merged shards differ: %+v vs %+v (%v)", r3, r, err)
		}
	})
}
