package mrr

import (
	"runtime"
	"testing"
	"time"
)

func BenchmarkZZMem(b *testing.B) {
	d := ledgerBigBenchData()
	var rows []Row
	for r, _ := range d.seq() {
		rows = append(rows, r)
	}
	opts := Options{Currency: "USD"}
	runtime.GC()
	var lt, bt time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := BuildSorted(seq2(rows), opts); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		_ = ledgerBaselineInt64(d)
		t2 := time.Now()
		lt += t1.Sub(t0)
		bt += t2.Sub(t1)
	}
	n := int64(b.N) * int64(len(rows))
	b.ReportMetric(float64(lt.Nanoseconds()/n), "ledger-ns/row")
	b.ReportMetric(float64(bt.Nanoseconds()/n), "array-ns/row")
	b.ReportMetric(float64(100*lt.Nanoseconds()/bt.Nanoseconds()), "%")
}

func BenchmarkZZRead(b *testing.B) {
	d := ledgerBigBenchData()
	var rows []Row
	for r, _ := range d.seq() {
		rows = append(rows, r)
	}
	runtime.GC()
	b.ResetTimer()
	var s int64
	var t1, t2 time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		cust := ""
		for k := range rows {
			r := &rows[k]
			if r.Customer != cust {
				cust = r.Customer
				s++
			}
			p, _ := r.MRR.Minor(12)
			s += p + int64(r.Month.Index())
		}
		t1 += time.Since(t0)
		t0 = time.Now()
		for r := range seq2(rows) {
			if r.Customer != cust {
				cust = r.Customer
				s++
			}
			p, _ := r.MRR.Minor(12)
			s += p + int64(r.Month.Index())
		}
		t2 += time.Since(t0)
	}
	n := int64(b.N) * int64(len(rows))
	b.ReportMetric(float64(t1.Nanoseconds()/n), "slice-ns/row")
	b.ReportMetric(float64(t2.Nanoseconds()/n), "iter-ns/row")
	_ = s
}

func BenchmarkZZRecords(b *testing.B) {
	d := ledgerBigBenchData()
	var rows []Row
	for r, _ := range d.seq() {
		rows = append(rows, r)
	}
	runtime.GC()
	b.ResetTimer()
	var tIn, tSort, tAll time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		bb, _ := newBuilder(Options{Currency: "USD"})
		rb := newRecordBuilder(bb)
		for k := range rows {
			bb.row++
			if err := rb.addRow(&rows[k]); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		_ = rb.sort()
		t2 := time.Now()
		if _, err := rb.build(); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		tIn += t1.Sub(t0)
		tSort += t2.Sub(t1)
		tAll += t3.Sub(t2)
	}
	n := int64(b.N) * int64(len(rows))
	b.ReportMetric(float64(tIn.Nanoseconds()/n), "ingest-ns/row")
	b.ReportMetric(float64(tSort.Nanoseconds()/n), "sort-ns/row")
	b.ReportMetric(float64(tAll.Nanoseconds()/n), "sort+pass-ns/row")
}

func TestZZPaths(t *testing.T) {
	d := ledgerGenBenchData(20000, 36)
	var rows []Row
	for r, _ := range d.seq() {
		rows = append(rows, r)
	}
	bb, _ := newBuilder(Options{Currency: "USD"})
	rb := newRecordBuilder(bb)
	for k := range rows {
		bb.row++
		if err := rb.addRow(&rows[k]); err != nil {
			t.Fatal(err)
		}
	}
	rb.build()
	t.Log("records", bb.hotRows, bb.generalRows)
	b2, _ := newBuilder(Options{Currency: "USD"})
	b2.runRows(seq2(rows))
	t.Log("rows", b2.hotRows, b2.generalRows)
}
