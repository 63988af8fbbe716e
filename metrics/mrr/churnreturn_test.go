package mrr

import "testing"

// A start customer who churns, returns and churns again inside the span is
// one churn against the start count under ExcludeJoinedAndChurned (ChartMogul)
// and two churn events under IncludeJoinedAndChurned. (The span's start
// cohort retention, formerly checked here too, is cohort.SpanRetention's.)
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
	}
}
