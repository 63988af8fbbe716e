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
