// Package metrics is the foundation of saasmetrics: exact quantity types
// (Money, Ratio, Quantity), the one division helper (Context.Quo), calendar
// months, sentinel errors, the metric dictionary, and the revenue ledger that
// turns subscriptions into MRR and its movements.
//
// # Numbers
//
// Amounts are shopspring decimals, never floats. Division is the only place
// where exactness is lost, and it happens in one place: Context.Quo, which
// rounds once to the Context's scale and rounding mode. The zero Context is
// DefaultContext: 12 decimal places, round half to even.
//
// A Ratio is stored as an exact fraction (numerator and denominator), so a
// ratio computed by a metric function loses nothing until its digits are asked
// for; Ratio.Round rounds it once, to the places and mode the caller chooses.
//
// # Errors
//
// Functions never panic on input and never return 0 for an undefined value:
// they return an error that errors.Is matches against the sentinels
// (ErrZeroDenominator, ErrNegative, ErrOutOfRange, ...), wrapped in a
// *MetricError that names the metric and the offending input, or a *RowError
// that names the offending row.
//
// # The dictionary
//
// Every metric is a typed function and a Definition in the Dictionary
// (formula, unit, direction, benchmark bands, source, version). NewDictionary
// builds a fresh, enumerable registry; there is no global state.
package metrics
