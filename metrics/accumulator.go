package metrics

import "github.com/saasmetrics/saasmetrics/metrics/internal/fixed"

// Accumulator is an exact running sum of amounts in one currency, for
// aggregates built one record at a time: adding an amount held inline (see
// Money) costs a 128-bit integer addition and no allocation, and
// accumulators of disjoint shards merge exactly. The zero value is an empty
// sum with no currency yet; the first nonzero currency added is its currency.
type Accumulator struct {
	sum      fixed.Sum
	currency string
}

// Add adds m. An amount in another currency than the accumulator's is a
// *MismatchError and changes nothing.
func (a *Accumulator) Add(m Money) error {
	if m.currency != a.currency && m.currency != "" {
		if a.currency != "" {
			return &MismatchError{A: a.currency, B: m.currency}
		}
		a.currency = m.currency
	}
	if m.big == nil {
		a.sum.AddPico(m.pico)
		return nil
	}
	f := fixed.Amount{D: *m.big, Big: true}
	a.sum.Add(&f)
	return nil
}

// Merge adds the sum of o (a shard's accumulator). Another currency is a
// *MismatchError and changes nothing.
func (a *Accumulator) Merge(o Accumulator) error {
	if o.currency != a.currency && o.currency != "" {
		if a.currency != "" {
			return &MismatchError{A: a.currency, B: o.currency}
		}
		a.currency = o.currency
	}
	a.sum.Merge(o.sum)
	return nil
}

// Money returns the exact sum (the zero Money when nothing with a currency
// was added).
func (a Accumulator) Money() Money {
	amt := a.sum.Amount()
	if !amt.Big {
		return Money{pico: amt.I, currency: a.currency}
	}
	return moneyOf(amt.D, a.currency)
}

// Currency returns the accumulator's currency ("" while empty).
func (a Accumulator) Currency() string { return a.currency }
