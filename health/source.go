package health

import (
	"iter"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// drain feeds every item of src to add under the library's one leniency
// policy: a *metrics.RowError (from the source or from add, numbered with
// the item's 1-based position when it has no record number) stops a strict
// run and is appended to rejected by a lenient one; any other error stops
// the run.
func drain[T any](src iter.Seq2[T, error], lenient bool, rejected *[]metrics.RowError, add func(T) error) error {
	var record int64
	for item, err := range src {
		record++
		if err == nil {
			err = add(item)
		}
		if err == nil {
			continue
		}
		re, ok := err.(*metrics.RowError)
		if !ok {
			return err
		}
		if re.Record == 0 {
			re.Record = record
		}
		if !lenient {
			return re
		}
		*rejected = append(*rejected, *re)
	}
	return nil
}
