package metrics

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Test for them with errors.Is; they arrive wrapped in a
// *MetricError or *RowError that says where they came from.
var (
	// ErrZeroDenominator: a ratio whose denominator is zero is undefined
	// (churn rate with no customers at the start, LTV with zero churn).
	ErrZeroDenominator = errors.New("zero denominator")
	// ErrNegative: an amount or count that cannot be negative is.
	ErrNegative = errors.New("negative value")
	// ErrOutOfRange: a value outside its domain (a probability outside
	// [0, 1], an NPS answer outside 0-10, an unknown rounding scale).
	ErrOutOfRange = errors.New("value out of range")
	// ErrCurrencyMismatch: two amounts in different currencies were combined
	// without an explicit conversion.
	ErrCurrencyMismatch = errors.New("currency mismatch")
	// ErrInvalid: input that cannot be parsed or does not make sense
	// (a malformed month, end before start, an unknown interval unit).
	ErrInvalid = errors.New("invalid input")
	// ErrEmpty: a metric that needs at least one observation got none.
	ErrEmpty = errors.New("no observations")
	// ErrWeights: weights that do not sum to 100%.
	ErrWeights = errors.New("weights do not sum to 100%")
	// ErrUnknownMonth: a month outside the data's span was asked for.
	ErrUnknownMonth = errors.New("unknown month")
	// ErrDuplicate: two records claim the same identity with different values.
	ErrDuplicate = errors.New("conflicting duplicate")
	// ErrUnitMismatch: a value of one unit was given where another is needed
	// (money where a ratio is expected).
	ErrUnitMismatch = errors.New("unit mismatch")
	// ErrMissing: a required field is empty (a currency, a customer ID).
	ErrMissing = errors.New("missing value")
	// ErrNoBenchmark: a definition without benchmark bands was asked to classify.
	ErrNoBenchmark = errors.New("no benchmark bands")
)

// MetricError reports which metric failed, on which input, and why. Err is
// one of the sentinels (possibly wrapping more detail).
type MetricError struct {
	Metric string // the metric's dictionary ID, such as "nrr"
	Input  string // the offending input, such as "start"; empty when the metric as a whole is undefined
	Err    error  // the sentinel (or an error wrapping it)
}

// Error returns a message such as "metrics: nrr: start: zero denominator".
func (e *MetricError) Error() string {
	var b strings.Builder
	b.WriteString("metrics: ")
	b.WriteString(e.Metric)
	if e.Input != "" {
		b.WriteString(": ")
		b.WriteString(e.Input)
	}
	b.WriteString(": ")
	if e.Err == nil {
		b.WriteString("<nil>")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is sees the sentinel.
func (e *MetricError) Unwrap() error { return e.Err }

// metricErr builds a *MetricError.
func metricErr(metric, input string, err error) error {
	return &MetricError{Metric: metric, Input: input, Err: err}
}

// RowError reports a bad input row: its position in the input (0-based), its
// identity (customer, subscription, month) where known, the field, and why.
type RowError struct {
	Row          int64  // position: 0-based index in a row sequence, 1-based line in a CSV file; -1 when unknown
	Customer     string // customer ID, if the row has one
	Subscription string // subscription ID, if the row has one
	Month        Month  // the row's month, if it has one (zero when not)
	Field        string // the offending field, such as "amount"
	Err          error  // the sentinel (or an error wrapping it)
}

// Error returns a message such as
// `metrics: row 7 (customer "c1", month 2024-03): amount: negative value`.
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("metrics: row ")
	b.WriteString(strconv.FormatInt(e.Row, 10))
	var ids []string
	if e.Customer != "" {
		ids = append(ids, "customer "+strconv.Quote(e.Customer))
	}
	if e.Subscription != "" {
		ids = append(ids, "subscription "+strconv.Quote(e.Subscription))
	}
	if !e.Month.IsZero() {
		ids = append(ids, "month "+e.Month.String())
	}
	if len(ids) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(ids, ", "))
		b.WriteString(")")
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	if e.Err == nil {
		b.WriteString("<nil>")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is sees the sentinel.
func (e *RowError) Unwrap() error { return e.Err }
