package metrics

import "iter"

// FromSlice returns the items as a source of records, the shape every
// builder of the library reads (iter.Seq2[T, error]): each item with a nil
// error, in order. A source over a database or a file yields its errors in
// the same stream instead (see the package documentation).
func FromSlice[T any](items []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}
