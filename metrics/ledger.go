package metrics

// The revenue ledger: customer-month MRR rows → per-month movements, logo
// counts and roll-ups.

import (
	"errors"
	"iter"

	"github.com/shopspring/decimal"
)

const sourceLedger = "ChartMogul, MRR movements (help.chartmogul.com/hc/en-us/articles/360000276834-MRR-Movements); dbt-labs mrr-playbook (github.com/dbt-labs/mrr-playbook, issue #3: no churn at the end of the data); industry convention"

// errNotImplemented marks the skeleton's bodies until they are filled in.
var errNotImplemented = errors.New("metrics: ledger: not implemented")

// MRRRow is one customer's monthly-normalised MRR (≥ 0) in one calendar month,
// from one subscription (Subscription set) or in total (Subscription empty).
// Rows of one (customer, month) with different Subscription IDs add up; a
// repeated (customer, subscription, month) is ErrDuplicate. A customer-month
// with no row is 0 MRR.
type MRRRow struct {
	Customer     string // required
	Subscription string // optional; "" means "the customer's total" and is itself a key
	Month        Month  // required
	MRR          Money  // ≥ 0, with a currency
}

// LedgerOptions configure BuildLedger and BuildLedgerSorted.
type LedgerOptions struct {
	// Conventions: reactivation window and minimum history (classification),
	// churn-rate denominator, joined-and-churned and LTV churn (rates).
	Conventions Conventions
	// Currency is the reporting currency (three letters); required.
	Currency string
	// Rates, when set, returns units of the reporting currency per unit of
	// currency for month m; the ledger asks it once per (currency, month) and
	// applies it to the whole month (the caller picks the date the rate is
	// taken at, such as the month's first day, and should say so). Rows in
	// another currency without Rates are ErrCurrencyMismatch. A rate must be
	// positive.
	Rates func(currency string, m Month) (decimal.Decimal, error)
	// Lenient skips bad rows and lists them in Ledger.Rejected instead of
	// stopping at the first.
	Lenient bool
	// Through is the last month of the span; the zero Month means the last
	// month in the data. Rows after Through are ErrOutOfRange.
	Through Month
	// KeepLog keeps the per-customer movement log (Ledger.Movements).
	KeepLog bool
}

// Ledger is the monthly MRR waterfall built from MRRRow values: per month, the
// MRR movements (new, expansion, contraction, churn, reactivation, FX) and
// logo counts, with roll-ups to quarters, years and any span. Build it with
// BuildLedger or BuildLedgerSorted; combine shards with Merge. A Ledger is
// immutable once built and safe for concurrent reads.
type Ledger struct {
	opts     LedgerOptions
	rejected []RowError
}

// BuildLedger builds the ledger from rows in any order. It keeps the rows in
// memory (O(rows)), groups them by customer and month, and gives exactly the
// result of BuildLedgerSorted on the same rows sorted.
func BuildLedger(rows iter.Seq[MRRRow], opts LedgerOptions) (*Ledger, error) {
	return nil, errNotImplemented
}

// BuildLedgerSorted builds the ledger from rows sorted by customer (byte-wise
// ascending) then month (ascending). It streams: memory is one customer's
// rows plus O(months) aggregates. Input out of that order returns a *RowError
// wrapping ErrInvalid (field "order"), in lenient mode too: it is never a
// silent wrong answer.
func BuildLedgerSorted(rows iter.Seq[MRRRow], opts LedgerOptions) (*Ledger, error) {
	return nil, errNotImplemented
}

// Currency returns the reporting currency.
func (l *Ledger) Currency() string { return l.opts.Currency }

// Conventions returns the conventions the ledger was built with.
func (l *Ledger) Conventions() Conventions { return l.opts.Conventions }

// First returns the first month of the span (the zero Month for an empty
// ledger).
func (l *Ledger) First() Month { return Month{} }

// Last returns the last month of the span (the zero Month for an empty
// ledger).
func (l *Ledger) Last() Month { return Month{} }

// Rejected returns the rows skipped in lenient mode, in input order.
func (l *Ledger) Rejected() []RowError { return nil }

// Merge returns the ledger of the union of two ledgers built on disjoint sets
// of customers with the same options.
func (l *Ledger) Merge(other *Ledger) (*Ledger, error) { return nil, errNotImplemented }
