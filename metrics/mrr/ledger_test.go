package mrr

import (
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// ledgerMonthCmp lets cmp compare Month values (a comparable struct with an
// unexported field) and Conventions (compared with ==: their Precision has
// unexported fields).
var ledgerMonthCmp = cmp.Options{cmp.Comparer(func(a, b metrics.Month) bool { return a == b }), conventionsCmp}

// mon parses "YYYY-MM" in tests.
func ledgerMon(t testing.TB, s string) metrics.Month {
	t.Helper()
	m, err := metrics.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// row builds a Row in tests.
func ledgerRow(t testing.TB, cust, sub, month string, mrr metrics.Money) Row {
	t.Helper()
	return Row{Customer: cust, Subscription: sub, Month: ledgerMon(t, month), MRR: mrr}
}

// ledgerSeq streams a slice as a source that never fails (iter.Seq2 with nil
// errors).
func ledgerSeq[T any](xs []T) iter.Seq2[T, error] { return seq2(xs) }

// ledgerHandRows is the hand-checked data set (all amounts USD, Jan–Jul 2024):
//
//	A: 100 100 150 120 120 120 120  — new, retained, expansion, contraction, retained…
//	B:  80  80  50   –              — two subscriptions (50 + 30), one cancelled in Mar, churn in Apr
//	C:   – 200 200   –   – 250 250  — new in Feb, churn in Apr, inactive May, reactivation in Jun
//	D:   –   –   0  40  60  60  60  — a zero row (decimal.Decimal{}) before paying, new in Apr, expansion
//	E:  70 70.00 70  70  70  70  70 — paying in the last month: NOT churned (dbt mrr-playbook #3)
//	F:   –   –   –   –   –   –  10  — new in the last month
//
// plus a duplicate (A, a1, Feb) and two bad rows, for lenient mode. Every
// expected number below was computed by hand from this table.
func ledgerHandRows(t testing.TB) []Row {
	return []Row{
		ledgerRow(t, "A", "a1", "2024-01", usd(t, "100")),
		ledgerRow(t, "A", "a1", "2024-02", usd(t, "100")),
		ledgerRow(t, "A", "a1", "2024-02", usd(t, "999")), // record 3, duplicate: lenient keeps the first
		ledgerRow(t, "A", "a1", "2024-03", usd(t, "150")),
		ledgerRow(t, "A", "a1", "2024-04", usd(t, "120")),
		ledgerRow(t, "A", "a1", "2024-05", usd(t, "120")),
		ledgerRow(t, "A", "a1", "2024-06", usd(t, "120")),
		ledgerRow(t, "A", "a1", "2024-07", usd(t, "120")),
		ledgerRow(t, "B", "b1", "2024-01", usd(t, "50")),
		ledgerRow(t, "B", "b2", "2024-01", usd(t, "30")),
		ledgerRow(t, "B", "b1", "2024-02", usd(t, "50.0")),
		ledgerRow(t, "B", "b2", "2024-02", usd(t, "30")),
		ledgerRow(t, "B", "b1", "2024-03", usd(t, "50")),
		ledgerRow(t, "C", "", "2024-02", usd(t, "200")),
		ledgerRow(t, "C", "", "2024-03", usd(t, "200")),
		ledgerRow(t, "C", "", "2024-06", usd(t, "250")),
		ledgerRow(t, "C", "", "2024-07", usd(t, "250")),
		ledgerRow(t, "D", "d1", "2024-03", money(t, decimal.Decimal{}, "USD")),
		ledgerRow(t, "D", "d1", "2024-04", usd(t, "40")),
		ledgerRow(t, "D", "d1", "2024-05", usd(t, "60")),
		ledgerRow(t, "D", "d1", "2024-06", usd(t, "60")),
		ledgerRow(t, "D", "d1", "2024-07", usd(t, "60")),
		ledgerRow(t, "E", "e1", "2024-01", usd(t, "70")),
		ledgerRow(t, "E", "e1", "2024-02", usd(t, "70.00")),
		ledgerRow(t, "E", "e1", "2024-03", usd(t, "70")),
		ledgerRow(t, "E", "e1", "2024-04", usd(t, "70")),
		ledgerRow(t, "E", "e1", "2024-05", usd(t, "70")),
		ledgerRow(t, "E", "e1", "2024-06", usd(t, "70")),
		ledgerRow(t, "E", "e1", "2024-07", usd(t, "70")),
		ledgerRow(t, "F", "f1", "2024-07", usd(t, "10")),
		ledgerRow(t, "G", "g1", "2024-03", usd(t, "-5")), // record 31: negative
		ledgerRow(t, "", "x", "2024-03", usd(t, "5")),    // record 32: no customer
	}
}

// sum builds an expected month summary: amounts as strings (USD), counts.
func ledgerSum(t testing.TB, m string, start, nw, exp, contr, churn, react, end string, c [10]int64) Summary {
	mm := ledgerMon(t, m)
	return Summary{
		From: mm, To: mm,
		Movements: metrics.Movements{
			Start: usd(t, start), New: usd(t, nw), Expansion: usd(t, exp), Contraction: usd(t, contr),
			Churn: usd(t, churn), Reactivation: usd(t, react),
		},
		FX: usd(t, "0"), End: usd(t, end),
		StartCustomers: c[0], NewCustomers: c[1], ReactivatedCustomers: c[2], ChurnedCustomers: c[3], EndCustomers: c[4],
		ExpandedCustomers: c[5], ContractedCustomers: c[6], RetainedCustomers: c[7], InactiveCustomers: c[8],
		JoinedAndChurnedCustomers: c[9],
	}
}

func ledgerHandWant(t testing.TB) []Summary {
	// counts: start, new, reactivated, churned, end, expanded, contracted, retained, inactive, joined-and-churned
	return []Summary{
		ledgerSum(t, "2024-01", "0", "250", "0", "0", "0", "0", "250", [10]int64{0, 3, 0, 0, 3, 0, 0, 0, 0, 0}),
		ledgerSum(t, "2024-02", "250", "200", "0", "0", "0", "0", "450", [10]int64{3, 1, 0, 0, 4, 0, 0, 3, 0, 0}),
		ledgerSum(t, "2024-03", "450", "0", "50", "30", "0", "0", "470", [10]int64{4, 0, 0, 0, 4, 1, 1, 2, 0, 0}),
		ledgerSum(t, "2024-04", "470", "40", "0", "30", "250", "0", "230", [10]int64{4, 1, 0, 2, 3, 0, 1, 1, 0, 0}),
		ledgerSum(t, "2024-05", "230", "0", "20", "0", "0", "0", "250", [10]int64{3, 0, 0, 0, 3, 1, 0, 2, 2, 0}),
		ledgerSum(t, "2024-06", "250", "0", "0", "0", "0", "250", "500", [10]int64{3, 0, 1, 0, 4, 0, 0, 3, 1, 0}),
		ledgerSum(t, "2024-07", "500", "10", "0", "0", "0", "0", "510", [10]int64{4, 1, 0, 0, 5, 0, 0, 4, 1, 0}),
	}
}

func TestLedgerHandChecked(t *testing.T) {
	rows := ledgerHandRows(t)
	opts := Options{Currency: "USD", Lenient: true, KeepLog: true}
	sorted, err := BuildSorted(ledgerSeq(rows), opts)
	if err != nil {
		t.Fatal(err)
	}
	// Rotate: records 23..32 first, so record k ≤ 22 becomes k+10 and k ≥ 23 becomes k−22.
	shuffled := slices.Concat(rows[22:], rows[:22])
	unsorted, err := Build(ledgerSeq(shuffled), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := ledgerHandWant(t)
	if diff := cmp.Diff(want, sorted.Months(), ledgerMonthCmp); diff != "" {
		t.Errorf("sorted ledger months (-want +got):\n%s", diff)
	}
	// The reversed input gives the same months; only row numbers differ.
	if diff := cmp.Diff(want, unsorted.Months(), ledgerMonthCmp); diff != "" {
		t.Errorf("unsorted ledger months (-want +got):\n%s", diff)
	}
	rej := sorted.Rejected()
	if len(rej) != 3 || rej[0].Record != 3 || !errors.Is(rej[0].Err, metrics.ErrDuplicate) ||
		rej[1].Record != 31 || !errors.Is(rej[1].Err, metrics.ErrNegative) || rej[2].Record != 32 || !errors.Is(rej[2].Err, metrics.ErrMissing) {
		t.Errorf("Rejected = %+v", rej)
	}
	if r := unsorted.Rejected(); len(r) != 3 || r[0].Record != 9 || r[1].Record != 10 || r[2].Record != 13 {
		t.Errorf("unsorted Rejected rows = %+v", r)
	}

	// Roll-ups. Q2 = Apr..Jun: start 470 (end of Mar), end 500.
	q2, _ := metrics.NewQuarter(2024, 2)
	gotQ2, err := sorted.Quarter(q2)
	if err != nil {
		t.Fatal(err)
	}
	wantQ2 := Summary{
		From: ledgerMon(t, "2024-04"), To: ledgerMon(t, "2024-06"),
		Movements: metrics.Movements{
			Start: usd(t, "470"), New: usd(t, "40"), Expansion: usd(t, "20"), Contraction: usd(t, "30"),
			Churn: usd(t, "250"), Reactivation: usd(t, "250"),
		},
		FX: usd(t, "0"), End: usd(t, "500"),
		StartCustomers: 4, NewCustomers: 1, ReactivatedCustomers: 1, ChurnedCustomers: 2, EndCustomers: 4,
		ExpandedCustomers: 1, ContractedCustomers: 1, RetainedCustomers: 6, InactiveCustomers: 3,
		ChurnedAndReactivatedCustomers: 1, // C: paying since Feb, churned in Apr, back in Jun
	}
	if diff := cmp.Diff(wantQ2, gotQ2, ledgerMonthCmp); diff != "" {
		t.Errorf("Q2 (-want +got):\n%s", diff)
	}
	// Year 2024 clips to Jan..Jul; B and C(Feb stint) joined and churned within it.
	y, err := sorted.Year(2024)
	if err != nil || y.JoinedAndChurnedCustomers != 2 || y.To != ledgerMon(t, "2024-07") || !y.End.Equal(usd(t, "510")) {
		t.Errorf("Year(2024) = %+v, %v", y, err)
	}
	if !y.ARR().Equal(usd(t, "6120")) {
		t.Errorf("ARR = %v, want 6120", y.ARR())
	}
	// Q2 logo churn: 2 of 4 (ChartMogul) = 50%; Stripe: 2 ÷ (4 + 1 + 1) = 1/3.
	if r, err := gotQ2.LogoChurnRate(); err != nil || !r.Equal(pctR(t, "50")) {
		t.Errorf("Q2 logo churn = %v, %v", r, err)
	}
	if r, err := under(gotQ2, Conventions{ChurnDenominator: DenominatorStartPlusNew}).LogoChurnRate(); err != nil || !r.Equal(ledgerMust(metrics.NewRatio(1, 3))) {
		t.Errorf("Q2 Stripe logo churn = %v, %v", r, err)
	}
	// Year: churned 2, both joined within the year: excluded → 0 of 0 start → undefined;
	// included with Stripe's denominator: 2 ÷ (0 + 6 new + 1 reactivated).
	if _, err := y.LogoChurnRate(); !errors.Is(err, metrics.ErrZeroDenominator) {
		t.Errorf("year logo churn err = %v", err)
	}
	if r, err := under(y, Conventions{JoinedAndChurned: IncludeJoinedAndChurned, ChurnDenominator: DenominatorStartPlusNew}).LogoChurnRate(); err != nil || !r.Equal(ledgerMust(metrics.NewRatio(2, 7))) {
		t.Errorf("year logo churn including = %v, %v", r, err)
	}

	// Drill-down: April's churn was B (50) and C (200).
	churn, err := sorted.Movements(ledgerMon(t, "2024-04"), MovementChurn)
	if err != nil {
		t.Fatal(err)
	}
	wantChurn := []Movement{
		{Customer: "B", Month: ledgerMon(t, "2024-04"), Kind: MovementChurn, From: usd(t, "50"), To: usd(t, "0"), Amount: usd(t, "50")},
		{Customer: "C", Month: ledgerMon(t, "2024-04"), Kind: MovementChurn, From: usd(t, "200"), To: usd(t, "0"), Amount: usd(t, "200")},
	}
	if diff := cmp.Diff(wantChurn, churn, ledgerMonthCmp); diff != "" {
		t.Errorf("April churn (-want +got):\n%s", diff)
	}
	// No churn in August for the customers paying in July (outside the span anyway).
	if _, err := sorted.Movements(ledgerMon(t, "2024-08"), MovementChurn); !errors.Is(err, metrics.ErrUnknownMonth) {
		t.Errorf("August movements err = %v", err)
	}
}

// ledgerMust returns the value of a pair whose error the test does not expect.
func ledgerMust[T any](v T, _ error) T { return v }

// under returns s with its rates under conventions c instead of the
// ledger's: the counts and amounts are the same, only LogoChurnRate and
// QuickRatio read Summary.Conventions.
func under(s Summary, c Conventions) Summary {
	s.Conventions = c
	return s
}

// Conventions change the classification of C's return in June (after two
// months at zero, with two paid months before).
func TestLedgerReactivationConventions(t *testing.T) {
	rows := ledgerHandRows(t)
	for _, tc := range []struct {
		name     string
		c        Conventions
		newJune  bool
		reactJun int64
	}{
		{"any gap", Conventions{}, false, 1},
		{"window 2", Conventions{ReactivationWindowMonths: 2}, false, 1},
		{"window 1", Conventions{ReactivationWindowMonths: 1}, true, 0},
		{"min history 2", Conventions{MinHistoryMonths: 2}, false, 1},
		{"min history 3 (fivetran dbt_stripe)", Conventions{MinHistoryMonths: 3}, true, 0},
	} {
		l, err := BuildSorted(ledgerSeq(rows), Options{Currency: "usd", Lenient: true, Conventions: tc.c})
		if err != nil {
			t.Fatal(err)
		}
		jun, _ := l.Month(ledgerMon(t, "2024-06"))
		if jun.ReactivatedCustomers != tc.reactJun || (jun.NewCustomers == 1) != tc.newJune {
			t.Errorf("%s: June = %+v", tc.name, jun)
		}
		if !jun.End.Equal(usd(t, "500")) {
			t.Errorf("%s: June end = %v", tc.name, jun.End)
		}
	}
}

// A kind outside the list prints as its number, at both ends.
func TestMovementKindString(t *testing.T) {
	for k, want := range map[MovementKind]string{0: "MovementKind(0)", MovementNew: "new", MovementFX: "fx", MovementFX + 1: "MovementKind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("MovementKind(%d) = %q, want %q", uint8(k), got, want)
		}
	}
}
