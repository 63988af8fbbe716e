package metrics

import (
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/sentinel"
)

// Sentinel errors. Test for them with errors.Is; they arrive inside one of
// the four error types (MismatchError, ValueError, MetricError, RowError)
// that say where they came from.
var (
	// ErrZeroDenominator: a ratio whose denominator is zero is undefined
	// (churn rate with no customers at the start, LTV with zero churn).
	ErrZeroDenominator = sentinel.ZeroDenominator
	// ErrNegative: an amount or count that cannot be negative is.
	ErrNegative = sentinel.Negative
	// ErrOutOfRange: a value outside its domain (a probability outside
	// [0, 1], an NPS answer outside 0-10, an exponent beyond ±1,000,000).
	ErrOutOfRange = sentinel.OutOfRange
	// ErrCurrencyMismatch: two amounts in different currencies were combined
	// without an explicit conversion (a *MismatchError names both).
	ErrCurrencyMismatch = sentinel.CurrencyMismatch
	// ErrInvalid: input that cannot be parsed or does not make sense
	// (a malformed month, end before start, an unknown interval unit).
	ErrInvalid = sentinel.Invalid
	// ErrEmpty: a metric that needs at least one observation got none.
	ErrEmpty = sentinel.Empty
	// ErrWeights: weights that do not sum to 100%.
	ErrWeights = sentinel.Weights
	// ErrUnknownMonth: a month outside the data's span was asked for.
	ErrUnknownMonth = sentinel.UnknownMonth
	// ErrDuplicate: two records claim the same identity.
	ErrDuplicate = sentinel.Duplicate
	// ErrUnitMismatch: a value of one unit was given where another is needed
	// (money where a ratio is expected).
	ErrUnitMismatch = sentinel.UnitMismatch
	// ErrMissing: a required field is empty (a currency, a customer ID).
	ErrMissing = sentinel.Missing
	// ErrNoBenchmark: a definition without benchmark bands was asked to classify.
	ErrNoBenchmark = sentinel.NoBenchmark
)

// MismatchError reports two amounts in different currencies combined without
// a conversion, naming both codes. errors.Is(err, ErrCurrencyMismatch) holds.
type MismatchError struct {
	A, B string // the two currency codes, in argument order
}

// Error returns a message such as "currency mismatch: USD and EUR" (no
// package prefix: it is usually wrapped in a MetricError or RowError that has
// one).
func (e *MismatchError) Error() string {
	return "currency mismatch: " + e.A + " and " + e.B
}

// Is reports whether target is ErrCurrencyMismatch.
func (e *MismatchError) Is(target error) bool { return target == ErrCurrencyMismatch }

// ValueError reports a failed construction or operation of a value type
// (Money, Ratio, Quantity, Context, Month, Quarter): which operation, the
// offending input as text, and why. Err wraps a sentinel.
type ValueError struct {
	Op    string // the operation, such as "ParseMoney" or "Money.QuoInt"
	Input string // the offending input as text, such as `"12,50"`; empty when the operation as a whole failed
	Err   error  // the sentinel (or an error wrapping it)
}

// Error returns a message such as `metrics: ParseMoney "12,50": invalid input`.
func (e *ValueError) Error() string {
	var b strings.Builder
	b.WriteString("metrics: ")
	b.WriteString(e.Op)
	if e.Input != "" {
		b.WriteString(" ")
		b.WriteString(e.Input)
	}
	b.WriteString(": ")
	b.WriteString(errText(e.Err))
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is sees the sentinel.
func (e *ValueError) Unwrap() error { return e.Err }

// valueErr builds a *ValueError.
func valueErr(op, input string, err error) error { return &ValueError{Op: op, Input: input, Err: err} }

// MetricError reports which metric failed, on which input, and why. Err is
// one of the sentinels, possibly inside a *MismatchError or wrapping more
// detail.
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
	b.WriteString(errText(e.Err))
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is sees the sentinel.
func (e *MetricError) Unwrap() error { return e.Err }

// NewMetricError returns a *MetricError for metric and input wrapping err.
// Packages built on metrics (cohort, health, forecast, mrr) report their
// metrics' errors with it.
func NewMetricError(metric, input string, err error) error {
	return &MetricError{Metric: metric, Input: input, Err: err}
}

// metricErr builds a *MetricError.
func metricErr(metric, input string, err error) error {
	return &MetricError{Metric: metric, Input: input, Err: err}
}

// RowError reports a bad input record: where it is (its 1-based record
// number in its source and, for text input, the 1-based line where it
// starts), what it describes (the entity kind and ID, and a detail such as a
// subscription), the offending field, and why. Every source of records in
// the library reports bad records with it, in strict and lenient mode alike.
type RowError struct {
	Record int64  // 1-based record number within the source (the header of a CSV file is not a record); 0 when unknown
	Line   int64  // for text input, the 1-based line where the record starts; 0 otherwise
	Entity string // the kind of entity the record describes: "customer", "account", "opportunity", "journey"
	ID     string // the entity's ID, when the record has one
	Detail string // further identification within the entity, such as `subscription "s1"`; may be empty
	Month  Month  // the record's month, when it has one (zero when not)
	Field  string // the offending field, such as "amount"
	Err    error  // the sentinel (or an error wrapping it)
}

// Error returns a message such as
// `metrics: record 7 (line 8, customer "c1", subscription "s1", month 2024-03): mrr: negative value`.
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("metrics: ")
	var ids []string
	if e.Record > 0 {
		b.WriteString("record ")
		b.WriteString(strconv.FormatInt(e.Record, 10))
	} else {
		b.WriteString("record ?")
	}
	if e.Line > 0 {
		ids = append(ids, "line "+strconv.FormatInt(e.Line, 10))
	}
	if e.ID != "" {
		kind := e.Entity
		if kind == "" {
			kind = "id"
		}
		ids = append(ids, kind+" "+strconv.Quote(e.ID))
	}
	if e.Detail != "" {
		ids = append(ids, e.Detail)
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
	b.WriteString(errText(e.Err))
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is sees the sentinel.
func (e *RowError) Unwrap() error { return e.Err }

// errText is err's message without a leading "metrics: " (the wrapping
// error has one already), or "<nil>".
func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return strings.TrimPrefix(err.Error(), "metrics: ")
}
