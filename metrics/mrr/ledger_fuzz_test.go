package mrr

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
	"github.com/shopspring/decimal"
)

// ledgerFuzzDecimal builds coef × 10^exp with exp limited to ±40.
func ledgerFuzzDecimal(coef int64, exp int8) decimal.Decimal {
	return decimal.New(coef, int32(exp)%41)
}

// ledgerFD formats a decimal exactly without shopspring's String (which reads its
// package globals).
func ledgerFD(x decimal.Decimal) string { return dec.Format(x, 0) }

// The fixed-point fast path the ledger runs on (package fixed) agrees exactly
// with decimal arithmetic: the conversion, sums and differences (with
// overflow falling back to decimal), and the 128-bit accumulator.
func FuzzLedgerFixed(f *testing.F) {
	f.Add(int64(12345), int8(-2), int64(-99), int8(0))
	f.Add(int64(math.MaxInt64), int8(0), int64(math.MaxInt64), int8(-12))
	f.Add(int64(math.MinInt64), int8(-12), int64(-1), int8(-12))
	f.Add(int64(1), int8(-13), int64(10), int8(-13))
	f.Add(int64(9_223_372), int8(0), int64(1), int8(6))
	f.Fuzz(func(t *testing.T, c1 int64, e1 int8, c2 int64, e2 int8) {
		a, b := ledgerFuzzDecimal(c1, e1), ledgerFuzzDecimal(c2, e2)
		fa, fb := fixed.Of(a), fixed.Of(b)
		if !fa.Decimal().Equal(a) || !fb.Decimal().Equal(b) {
			t.Fatalf("conversion: %s → %s", ledgerFD(a), ledgerFD(fa.Decimal()))
		}
		if v, ok := fixed.FromDecimal(a); ok && !decimal.New(v, -fixed.Scale).Equal(a) {
			t.Fatalf("fast int %d ≠ %s", v, ledgerFD(a))
		}
		if got := fa.Add(fb).Decimal(); !got.Equal(a.Add(b)) {
			t.Fatalf("%s + %s = %s", ledgerFD(a), ledgerFD(b), ledgerFD(got))
		}
		if got := fa.Sub(fb).Decimal(); !got.Equal(a.Sub(b)) {
			t.Fatalf("%s − %s = %s", ledgerFD(a), ledgerFD(b), ledgerFD(got))
		}
		if fa.Sign() != a.Sign() {
			t.Fatalf("sign of %s", ledgerFD(a))
		}
		var acc, acc2 fixed.Sum
		want := decimal.Decimal{}
		for _, x := range []*fixed.Amount{&fa, &fb, &fa, &fa} {
			acc.Add(x)
			want = want.Add(x.Decimal())
		}
		if !acc.Decimal().Equal(want) {
			t.Fatalf("accumulator %s ≠ %s", ledgerFD(acc.Decimal()), ledgerFD(want))
		}
		acc2.Add(&fb)
		acc2.Merge(acc)
		if !acc2.Decimal().Equal(want.Add(b)) {
			t.Fatalf("merged accumulator %s ≠ %s", ledgerFD(acc2.Decimal()), ledgerFD(want.Add(b)))
		}
	})
}

// No input makes the ledger panic; whatever both builds accept satisfies the
// identities, and Build equals BuildSorted on the sorted rows.
// Each 4 bytes make a row: customer, subscription, month, amount.
func FuzzLedgerRows(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 10, 1, 1, 0, 20, 0, 2, 0, 30})
	f.Add([]byte{1, 0, 0, 0, 10, 0, 0, 0, 10, 0, 5, 0, 200, 1, 1, 1, 0})
	f.Add([]byte{7, 3, 1, 4, 250, 2, 0, 3, 128, 4, 2, 11, 127})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 400 {
			return
		}
		flags := data[0]
		data = data[1:]
		base, _ := metrics.NewMonth(2024, 1)
		var rows []Row
		for len(data) >= 4 {
			cur := "USD"
			if data[3]%17 == 0 {
				cur = "EUR"
			}
			rows = append(rows, Row{
				Customer:     []string{"", "a", "b", "c", "d"}[data[0]%5],
				Subscription: []string{"", "s1", "s2"}[data[1]%3],
				Month:        base.Add(int(data[2]%14) - 1),
				MRR:          money(t, decimal.New(int64(int8(data[3])), -int32(data[1]%20)), cur),
			})
			if data[2]%14 == 13 {
				rows[len(rows)-1].Month = metrics.Month{}
			}
			data = data[4:]
		}
		opts := Options{
			Currency:    "USD",
			Lenient:     flags&1 != 0,
			KeepLog:     flags&2 != 0,
			Conventions: Conventions{ReactivationWindowMonths: int(flags>>2) % 3, MinHistoryMonths: int(flags>>4) % 3},
		}
		if flags&64 != 0 {
			opts.Through, _ = metrics.NewMonth(2024, 10)
		}
		un, err1 := Build(ledgerSeq(rows), opts)
		so, err2 := BuildSorted(ledgerSeq(ledgerSortRows(rows)), opts)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("builds disagree: %v / %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		ledgerCheckIdentities(t, un.Months())
		if diff := cmp.Diff(un.Months(), so.Months(), ledgerMonthCmp); diff != "" {
			t.Fatalf("builds differ:\n%s", diff)
		}
		for _, s := range un.Months() {
			_, _ = s.LogoChurnRate()
			_, _ = un.LTV(s.From)
		}
		_, _ = un.Anomalies(AnomalyOptions{TrailingMonths: 2})
	})
}
