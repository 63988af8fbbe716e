package cohort

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A hand-checked start cohort: Jan pays a 100, b 100, c 50. Over Feb–Apr, a
// expands to 150, b contracts to 60, c churns in Feb and returns at 70 in
// Apr, and d joins in Mar (not in the cohort).
//
//	start 250; end 150 + 60 + 70 = 280; capped 100 + 60 + 50 = 210
//	NRR 280/250 = 112%, GRR 210/250 = 84%, logo retention 3/3
func TestSpanRetentionHandChecked(t *testing.T) {
	var rows []mrr.Row
	rows = series(t, rows, "a", "", "2024-01", "100", "150", "150", "150")
	rows = series(t, rows, "b", "", "2024-01", "100", "60", "60", "60")
	rows = series(t, rows, "c", "", "2024-01", "50", "", "", "70")
	rows = series(t, rows, "d", "", "2024-03", "500", "500")
	l, err := mrr.Build(source(rows), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	span := Span{month(t, "2024-02"), month(t, "2024-04")}
	r, err := SpanRetention(l, span)
	if err != nil {
		t.Fatal(err)
	}
	if r.Span != span || !r.StartMRR.Equal(usd(t, "250")) || !r.EndMRR.Equal(usd(t, "280")) || !r.CappedEndMRR.Equal(usd(t, "210")) || r.StartCustomers != 3 || r.RetainedCustomers != 3 {
		t.Fatalf("Retention = %+v", r)
	}
	nrr, _ := r.NRR()
	grr, _ := r.GRR()
	logo, _ := r.LogoRetention()
	if !nrr.Equal(frac(t, 112, 100)) || !grr.Equal(frac(t, 84, 100)) || !logo.Equal(metrics.RatioFromInt(1)) {
		t.Errorf("NRR %v GRR %v logo %v", nrr, grr, logo)
	}
	// Errors: no log, span reversed, no month before From, To outside, no
	// ledger.
	nolog, _ := mrr.Build(source(rows), mrr.Options{Currency: "USD"})
	if _, err := SpanRetention(nolog, span); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("without KeepLog: %v", err)
	}
	var me *metrics.MetricError
	for name, tc := range map[string]struct {
		s    Span
		want error
		in   string
	}{
		"reversed":        {Span{month(t, "2024-04"), month(t, "2024-02")}, metrics.ErrInvalid, "to"},
		"no month before": {Span{month(t, "2024-01"), month(t, "2024-02")}, metrics.ErrUnknownMonth, "from"},
		"from after data": {Span{month(t, "2024-06"), month(t, "2024-07")}, metrics.ErrUnknownMonth, "from"},
		"to outside":      {Span{month(t, "2024-02"), month(t, "2024-09")}, metrics.ErrUnknownMonth, "to"},
		"zero from":       {Span{metrics.Month{}, month(t, "2024-02")}, metrics.ErrUnknownMonth, "from"},
	} {
		if _, err := SpanRetention(l, tc.s); !errors.Is(err, tc.want) || !errors.As(err, &me) || me.Input != tc.in {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := SpanRetention(nil, span); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("nil ledger: %v", err)
	}
	for name, f := range map[string]func() (metrics.Ratio, error){
		"NRR": Retention{}.NRR, "GRR": Retention{}.GRR, "LogoRetention": Retention{}.LogoRetention,
	} {
		if _, err := f(); !errors.Is(err, metrics.ErrZeroDenominator) || !errors.As(err, &me) {
			t.Errorf("empty cohort %s: %v", name, err)
		}
	}
}

// A start customer who churns, returns and churns again inside the span is
// not retained.
//
//	Jan: a, b pay. a churns in Feb, returns in Mar, churns in Apr; b stays.
//	start 2, retained 1 (b)
func TestSpanRetentionChurnReturnChurn(t *testing.T) {
	var rows []mrr.Row
	rows = series(t, rows, "a", "", "2024-01", "10", "", "10.00")
	rows = series(t, rows, "b", "", "2024-01", "20", "20", "20", "20")
	l, err := mrr.Build(source(rows), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := SpanRetention(l, Span{month(t, "2024-02"), month(t, "2024-04")})
	if err != nil || r.StartCustomers != 2 || r.RetainedCustomers != 1 || !r.StartMRR.Equal(usd(t, "30")) || !r.EndMRR.Equal(usd(t, "20")) {
		t.Errorf("Retention = %+v, %v", r, err)
	}
}

// SpanRetention agrees with a brute-force per-customer computation, with the
// one-month Summary rates, and across both builds and merged shards; GRR ≤
// NRR and 0 ≤ GRR ≤ 1.
func TestSpanRetentionProperties(t *testing.T) {
	first := month(t, "2024-01")
	rapid.Check(t, func(t *rapid.T) {
		nc := rapid.IntRange(1, 8).Draw(t, "customers")
		nm := rapid.IntRange(2, 8).Draw(t, "months")
		var rows []mrr.Row
		amounts := map[string][]decimal.Decimal{}
		for c := range nc {
			name := string(rune('a' + c))
			amounts[name] = make([]decimal.Decimal, nm)
			for m := range nm {
				if v := rapid.IntRange(0, 4).Draw(t, "v"); v > 0 {
					amounts[name][m] = decimal.New(int64(v*25), 0)
					mon, err := metrics.NewMoney(amounts[name][m], "USD")
					if err != nil {
						t.Fatal(err)
					}
					rows = append(rows, mrr.Row{Customer: name, Month: first.Add(m), MRR: mon})
				}
			}
		}
		if len(rows) == 0 {
			return
		}
		from := rapid.IntRange(1, nm-1).Draw(t, "from")
		to := rapid.IntRange(from, nm-1).Draw(t, "to")
		span := Span{first.Add(from), first.Add(to)}
		opts := mrr.Options{Currency: "USD", KeepLog: true, Through: first.Add(nm - 1)}
		l, err := mrr.Build(source(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		if l.First() != first {
			return // the data starts later; the brute force below assumes month 0 is first
		}
		r, err := SpanRetention(l, span)
		if err != nil {
			t.Fatal(err)
		}
		var s, e, c decimal.Decimal
		var n, kept int64
		for _, v := range amounts {
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
			t.Fatalf("Retention %+v; brute force start %s end %s capped %s n %d kept %d", r, s.StringFixed(0), e.StringFixed(0), c.StringFixed(0), n, kept)
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
				t.Fatalf("one month: Summary NRR %v GRR %v, SpanRetention NRR %v GRR %v", snrr, sgrr, nrr, grr)
			}
		}
		sorted := slices.Clone(rows)
		slices.SortFunc(sorted, func(a, b mrr.Row) int {
			if c := strings.Compare(a.Customer, b.Customer); c != 0 {
				return c
			}
			return a.Month.Compare(b.Month)
		})
		l2, err := mrr.BuildSorted(source(sorted), opts)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := SpanRetention(l2, span)
		if err != nil || r2 != r && (!r2.EndMRR.Equal(r.EndMRR) || !r2.CappedEndMRR.Equal(r.CappedEndMRR) || !r2.StartMRR.Equal(r.StartMRR)) {
			t.Fatalf("sorted build differs: %+v vs %+v (%v)", r2, r, err)
		}
		// Shards by customer (even and odd initials), merged.
		var even, odd []mrr.Row
		for _, row := range rows {
			if row.Customer[0]%2 == 0 {
				even = append(even, row)
			} else {
				odd = append(odd, row)
			}
		}
		le, err1 := mrr.Build(source(even), opts)
		lo, err2 := mrr.Build(source(odd), opts)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		lm, err := le.Merge(lo)
		if err != nil {
			t.Fatal(err)
		}
		r3, err := SpanRetention(lm, span)
		if err != nil || !r3.EndMRR.Equal(r.EndMRR) || !r3.CappedEndMRR.Equal(r.CappedEndMRR) || !r3.StartMRR.Equal(r.StartMRR) || r3.StartCustomers != r.StartCustomers || r3.RetainedCustomers != r.RetainedCustomers {
			t.Fatalf("merged shards differ: %+v vs %+v (%v)", r3, r, err)
		}
	})
}
