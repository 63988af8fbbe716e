// Package sentinel holds the error values that every package of the library
// matches with errors.Is. Package metrics re-exports each under its public
// name (metrics.ErrInvalid is sentinel.Invalid), so the internal packages can
// wrap them without importing metrics.
package sentinel

import "errors"

// The sentinel errors; metrics documents each.
var (
	ZeroDenominator  = errors.New("zero denominator")
	Negative         = errors.New("negative value")
	OutOfRange       = errors.New("value out of range")
	CurrencyMismatch = errors.New("currency mismatch")
	Invalid          = errors.New("invalid input")
	Empty            = errors.New("no observations")
	Weights          = errors.New("weights do not sum to 100%")
	UnknownMonth     = errors.New("unknown month")
	Duplicate        = errors.New("conflicting duplicate")
	UnitMismatch     = errors.New("unit mismatch")
	Missing          = errors.New("missing value")
	NoBenchmark      = errors.New("no benchmark bands")
)
