package metrics_test

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// A slice becomes a source of records, the iter.Seq2[T, error] every builder
// reads; a source over a file or a database yields its errors in the same
// stream.
func ExampleFromSlice() {
	for m, err := range metrics.FromSlice([]string{"2024-01", "2024-02"}) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(m)
	}
	// Output:
	// 2024-01
	// 2024-02
}

// An Accumulator sums amounts exactly, one record at a time, and merges the
// sums of shards.
func ExampleAccumulator() {
	var east, west metrics.Accumulator
	for _, cents := range []int64{2999, 2999, 4900} {
		m, _ := metrics.MoneyFromMinor(cents, 2, "USD")
		if err := east.Add(m); err != nil {
			fmt.Println(err)
			return
		}
	}
	big, _ := metrics.MoneyFromInt(1_000_000, "USD")
	_ = west.Add(big)
	if err := east.Merge(west); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(east.Money())
	eur, _ := metrics.MoneyFromInt(5, "EUR")
	fmt.Println(east.Add(eur))
	// Output:
	// 1000108.98 USD
	// currency mismatch: USD and EUR
}
