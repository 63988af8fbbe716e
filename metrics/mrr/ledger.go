package mrr

// The revenue ledger: customer-month MRR rows → per-month movements, logo
// counts and roll-ups.

import (
	"fmt"
	"hash/maphash"
	"iter"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
	"github.com/shopspring/decimal"
)

// Sources of the ledger's definitions (found with the search tool).
const (
	sourceChartMogulMovements = "ChartMogul, Data Table and MRR Movements: help.chartmogul.com/hc/en-us/articles/203299912"
	sourceChartMogulChurn     = "ChartMogul, Metric: Customer Churn rate (B2B formula): help.chartmogul.com/hc/en-us/articles/203359321-Metric-Customer-Churn-rate"
	sourceChartMogulLTVChart  = "ChartMogul, Chart: Customer Lifetime Value (LTV): help.chartmogul.com/hc/en-us/articles/203359061-Chart-Customer-Lifetime-Value-LTV"
	sourceStripeChurn         = "Stripe, Calculating subscriber churn rate in Billing: support.stripe.com/questions/calculating-subscriber-churn-rate-in-billing"
	sourceStripeGlossary      = "Stripe, Billing metric definitions (MRR growth, FX): docs.stripe.com/billing/subscriptions/analytics/glossary"
)

// Row is one customer's monthly-normalised MRR (≥ 0) in one calendar month,
// from one subscription (Subscription set) or in total (Subscription empty).
//
// The ledger's rules: a customer-month with no row is 0 MRR; rows of one
// (customer, month) with different Subscription IDs add up; a repeated
// (customer, subscription, month) — "" counts as an ID — is
// metrics.ErrDuplicate (strict: the build stops; lenient: the first in input
// order is kept and the repeat is rejected and listed); a zero-MRR row is a
// valid row meaning "0 this month". Bad rows are *metrics.RowError values
// naming the row's 1-based position in the stream, customer, subscription,
// month and field: an empty Customer is metrics.ErrMissing ("customer"), a
// zero Month metrics.ErrInvalid ("month"), a Month after Options.Through, or
// one that would stretch the ledger's span beyond MaxSpanMonths,
// metrics.ErrOutOfRange ("month"), a negative MRR metrics.ErrNegative
// ("mrr"), an amount whose exponent lies beyond ±1,000 metrics.ErrOutOfRange
// ("mrr"), an empty currency metrics.ErrMissing ("currency"), and a currency
// other than the reporting currency without Options.Rates a
// *metrics.MismatchError ("currency").
type Row struct {
	Customer     string        // required
	Subscription string        // optional; "" means "the customer's total" and is itself a key
	Month        metrics.Month // required
	MRR          metrics.Money // ≥ 0, with a currency
}

// Options configure a ledger build, from subscriptions (FromSubscriptions,
// Expand) or from customer-month rows (Build, BuildSorted): one value, so the
// conventions that decide each month's MRR are the ones the ledger classifies
// and rates with. The zero value is invalid only for lacking a Currency.
type Options struct {
	// Conventions: MRR normalisation of subscriptions (weekly multiplier,
	// discounts, churn timing, past-due and paused), classification
	// (reactivation window, minimum history) and rates (churn-rate
	// denominator, joined-and-churned, LTV churn). They must pass
	// Conventions.Validate.
	Conventions Conventions
	// Currency is the reporting currency (three letters); required
	// (metrics.ErrMissing when empty, a *metrics.ValueError wrapping metrics.ErrInvalid when malformed).
	Currency string
	// Rates, when set, returns units of the reporting currency per unit of
	// currency for month m. The ledger asks it once per (currency, month) and
	// applies that rate to the whole month: the caller picks the date the rate
	// is taken at (we suggest the month's first day, as ChartMogul converts at
	// the start of the service period) and should document it. A rate must be
	// positive: a failure or a rate ≤ 0 for a row's own currency and month
	// rejects that row (field "currency"); a failure for a currency the
	// customer held the month before (needed to separate FX) stops the build.
	// The reporting currency itself always converts at 1.
	Rates func(currency string, m metrics.Month) (decimal.Decimal, error)
	// Lenient skips bad records (every *metrics.RowError, whether the source
	// yields it or the build finds it) and lists them in Ledger.Rejected
	// instead of stopping at the first. Any other error from a source stops
	// the build in either mode.
	Lenient bool
	// MaxRejected caps the lenient list of rejected records: one more ends
	// the build with a *metrics.MetricError (input "rejected") wrapping
	// metrics.ErrOutOfRange and the record that did not fit, so a file that
	// is mostly wrong costs neither a list as long as itself nor a ledger of
	// the few good rows. 0 means no cap; a negative value is
	// metrics.ErrOutOfRange.
	MaxRejected int
	// Through is the last month of the span; the zero Month means the last
	// month in the data (for subscriptions, see Expand). Customers paying in
	// the last month of the span are not churned (dbt mrr-playbook issue #3).
	Through metrics.Month
	// KeepLog keeps the per-customer movement log (Ledger.Movements); it costs
	// memory proportional to the paying customer-months.
	KeepLog bool
}

// Ledger is the monthly MRR waterfall built from Row values: per month, the
// MRR movements (new, expansion, contraction, churn, reactivation, FX) and
// logo counts, with roll-ups to quarters, years and any span. Build it with
// Build, BuildSorted, FromSubscriptions or a CSVReader; combine customer
// shards with Merge. A Ledger is immutable once built and safe for
// concurrent reads.
//
// Each customer-month from the customer's first paid month on is classified
// against the month before, in exactly one class (MovementKind): new (first
// paid month ever), expansion, contraction, retained (same native amount),
// churn (paid → 0), reactivation (0 → paid, having paid before) or inactive
// (0 → 0). A return is new instead of a reactivation when
// Conventions.ReactivationWindowMonths > 0 and the customer spent more months
// at zero than the window, or Conventions.MinHistoryMonths > 0 and the
// customer had fewer paid months before. Churn falls in the month after the
// last paid month, and only when that month is within the span: customers
// paying in the span's last month are not churned (the dbt mrr-playbook
// issue #3 bug, github.com/dbt-labs/mrr-playbook). Movement definitions:
// ChartMogul (help.chartmogul.com/hc/en-us/articles/203299912): a second
// subscription is expansion, cancelling one of several is contraction, churn
// only when nothing remains.
//
// With Rates, amounts are converted at each month's rate and a paying
// customer's change is split per currency into
//
//	FX        = native_prev × (rate_now − rate_prev)
//	expansion = (native_now − native_prev) × rate_now   (contraction when negative)
//
// so exchange-rate moves are their own movement, never expansion or
// contraction (ChartMogul creates no MRR movement for currency fluctuations,
// help.chartmogul.com/hc/en-us/articles/4416682609426-Understanding-MRR-movements;
// Stripe's MRR growth adjusts for FX, docs.stripe.com/billing/subscriptions/analytics/glossary). New and reactivation are converted at the month's
// rate, churn at the rate of the last paid month, so the waterfall identity
// holds exactly.
//
// Memory: O(months) aggregates (at most MaxSpanMonths), a count per (first,
// last) month pair of paying stints and per return, 8 bytes per customer
// (the fingerprint Merge uses to refuse overlapping shards), and the
// movement log with KeepLog.
type Ledger struct {
	opts     Options
	cur      string
	first    metrics.Month // first month of the span (zero when empty)
	last     metrics.Month // last month of the span
	months   []monthAgg    // months[k] is first.Add(k); covers first..last
	stints   map[[2]int32]int64
	returns  map[[3]int32]int64 // {stint start, churn month, reactivation month} → customers
	log      []Movement
	rejected []metrics.RowError
	summary  []Summary // per month, computed once
	// fingerprint holds a 64-bit hash of every customer (unsorted, in
	// fixed-size chunks so that growing it copies nothing), so Merge can
	// refuse shards that share a customer.
	fingerprint [][]uint64
}

// fingerprintSeed seeds the customer hashes of every ledger of the process
// (read only: it is set once, when the package loads).
var fingerprintSeed = maphash.MakeSeed()

// monthAgg holds one month's additive aggregates. Churn is deferred: a paying
// stint that ends in month L adds to churnLast of L, and becomes churn of L+1
// only when L+1 is within the span, so a shard that ends earlier than the
// merged span still yields the single-pass answer after Merge.
type monthAgg struct {
	// The fields every paying customer-month touches come first, together.
	mrr    fixed.Sum
	active int64
	// n and sum are indexed by MovementKind: the number of customer-months
	// of each class, and the movement amounts (new, expansion, contraction,
	// reactivation; retained adds 0).
	n   [MovementReactivation + 1]int64
	sum [MovementReactivation + 1]fixed.Sum

	fx, churnLast      fixed.Sum
	firstN, churnLastN int64
}

// merge adds o's aggregates.
func (a *monthAgg) merge(o *monthAgg) {
	a.mrr.Merge(o.mrr)
	a.fx.Merge(o.fx)
	a.churnLast.Merge(o.churnLast)
	for k := range a.sum {
		a.sum[k].Merge(o.sum[k])
		a.n[k] += o.n[k]
	}
	a.active += o.active
	a.firstN += o.firstN
	a.churnLastN += o.churnLastN
}

// Build builds the ledger from rows in any order. It checks every row's
// fields in input order and keeps each good row as a compact fixed-size
// record (24 bytes: dense integer customer and subscription numbers, the
// month, the record number and the amount in 10^-12 units; an amount off
// that path or in another currency keeps its Money beside), sorts the
// records by customer with a counting sort (no string compares), and runs
// the streaming build over them: the result is exactly BuildSorted's on the
// same rows sorted, log included. Memory: about twice the records during
// the sort, plus one entry per customer and per subscription.
//
// Errors travel in the stream: a *metrics.RowError from the source or from a
// row check stops a strict build and is listed by a lenient one
// (Options.Lenient); any other error from the source stops the build. Strict
// mode returns the first field error in input order; when every row's fields
// are good, the repeated (customer, subscription, month) that comes first in
// input order. Lenient mode keeps the first of repeated rows and lists every
// rejected row, in input order.
func Build(rows iter.Seq2[Row, error], opts Options) (*Ledger, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	rb := newRecordBuilder(b)
	for r, err := range rows {
		b.row++
		if err == nil {
			err = rb.addRow(&r)
		}
		if err != nil {
			if err := b.sourceErr(err); err != nil {
				return nil, err
			}
		}
	}
	return rb.build()
}

// BuildSorted builds the ledger from rows sorted by customer (byte-wise
// ascending, as strings.Compare) then month (ascending); rows of one
// (customer, month) may come in any order. It streams: memory is one
// customer's state plus O(months) aggregates, a count per (first, last)
// month pair of paying stints (at most months², for joined-and-churned
// counts), 8 bytes per customer (Merge's fingerprint), and the log with
// KeepLog. On the hot path (amounts that fit 10^-12 units in an int64, no
// Rates, no log) it does not allocate per row. Input out of that order
// returns a *metrics.RowError wrapping metrics.ErrInvalid (field "order"),
// in lenient mode too: never a silent wrong answer. A strict build stops at
// the first bad row; errors from the source travel as Build says.
func BuildSorted(rows iter.Seq2[Row, error], opts Options) (*Ledger, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	return b.runRows(rows)
}

// checkOptions validates the options and returns the reporting currency,
// upper-cased.
func checkOptions(opts Options) (string, error) {
	if opts.Currency == "" {
		return "", metrics.NewMetricError("ledger", "currency", metrics.ErrMissing)
	}
	z, err := metrics.MoneyFromInt(0, opts.Currency)
	if err != nil {
		return "", metrics.NewMetricError("ledger", "currency", err)
	}
	if err := opts.Conventions.Validate(); err != nil {
		return "", metrics.NewMetricError("ledger", "conventions", err)
	}
	if opts.MaxRejected < 0 {
		return "", metrics.NewMetricError("ledger", "max_rejected", fmt.Errorf("%w: %d", metrics.ErrOutOfRange, opts.MaxRejected))
	}
	return z.Currency(), nil
}

// Currency returns the reporting currency.
func (l *Ledger) Currency() string { return l.cur }

// Conventions returns the conventions the ledger was built with.
func (l *Ledger) Conventions() Conventions { return l.opts.Conventions }

// First returns the first month of the span: the earliest month of any
// accepted row (the zero Month for an empty ledger).
func (l *Ledger) First() metrics.Month { return l.first }

// Last returns the last month of the span: Options.Through when set,
// else the latest month of any accepted row (the zero Month for an empty
// ledger).
func (l *Ledger) Last() metrics.Month { return l.last }

// Rejected returns a copy of the records skipped in lenient mode, in record
// order (after Merge: the receiver's, then the other's, each numbered within
// its own input).
func (l *Ledger) Rejected() []metrics.RowError { return slices.Clone(l.rejected) }

// index returns m's position in l.months, and whether it is within the span.
func (l *Ledger) index(m metrics.Month) (int, bool) {
	if l.first.IsZero() || m.Before(l.first) || m.After(l.last) {
		return 0, false
	}
	return m.Sub(l.first), true
}

// Merge returns the ledger of the union of two ledgers built on disjoint sets
// of customers (shards by customer) with the same options; the result equals a
// single pass over all the rows exactly, including churn at the end of a shard
// that ends before the other (the merged span runs to the later Last, or to
// Through). The receiver and other are not modified.
//
// A customer in both — a ledger merged with itself, or with a merge that
// already holds it — would count twice: Merge refuses it with
// metrics.ErrDuplicate (it compares 64-bit hashes of the customer IDs,
// seeded per process, so two different customers collide with probability
// about n²/2⁶⁴: a refusal, never a wrong sum). Different reporting
// currencies return a *metrics.MismatchError; different Through, Conventions
// or KeepLog metrics.ErrInvalid (Rates functions cannot be compared: pass
// the same one); a merged span longer than MaxSpanMonths
// metrics.ErrOutOfRange. Rejected rows are concatenated.
func (l *Ledger) Merge(other *Ledger) (*Ledger, error) {
	if l == nil || other == nil {
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: nil ledger", metrics.ErrMissing))
	}
	switch {
	case l == other:
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: a ledger merged with itself", metrics.ErrDuplicate))
	case l.cur != other.cur:
		return nil, metrics.NewMetricError("ledger", "merge", &metrics.MismatchError{A: l.cur, B: other.cur})
	case l.opts.Through != other.opts.Through:
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: Through %s and %s", metrics.ErrInvalid, l.opts.Through, other.opts.Through))
	case l.opts.KeepLog != other.opts.KeepLog:
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: KeepLog differs", metrics.ErrInvalid))
	case l.opts.Conventions != other.opts.Conventions:
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: conventions %q and %q differ", metrics.ErrInvalid, l.opts.Conventions.Name, other.opts.Conventions.Name))
	}
	fp, shared := unionFingerprints(l.fingerprint, other.fingerprint)
	if shared {
		return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: a customer is in both ledgers%s", metrics.ErrDuplicate, sharedName(l, other)))
	}
	out := &Ledger{opts: l.opts, cur: l.cur, stints: make(map[[2]int32]int64), returns: make(map[[3]int32]int64), fingerprint: fp}
	for _, src := range []*Ledger{l, other} {
		if src.first.IsZero() {
			continue
		}
		if out.first.IsZero() || src.first.Before(out.first) {
			out.first = src.first
		}
		if out.last.IsZero() || src.last.After(out.last) {
			out.last = src.last
		}
	}
	if !out.first.IsZero() {
		if n := out.last.Sub(out.first) + 1; n > MaxSpanMonths {
			return nil, metrics.NewMetricError("ledger", "merge", fmt.Errorf("%w: the merged span %s..%s is longer than %d months", metrics.ErrOutOfRange, out.first, out.last, MaxSpanMonths))
		}
		out.months = make([]monthAgg, out.last.Sub(out.first)+1)
		for _, src := range []*Ledger{l, other} {
			if src.first.IsZero() {
				continue
			}
			off := src.first.Sub(out.first)
			for k := range src.months {
				out.months[off+k].merge(&src.months[k])
			}
		}
	}
	for _, src := range []*Ledger{l, other} {
		for k, n := range src.stints {
			out.stints[k] += n
		}
		for k, n := range src.returns {
			out.returns[k] += n
		}
		out.log = append(out.log, src.log...)
		out.rejected = append(out.rejected, src.rejected...)
	}
	out.summarize()
	return out, nil
}

// unionFingerprints returns the union of two customer fingerprints and
// whether they share a hash, in O(n log n).
func unionFingerprints(a, b [][]uint64) ([][]uint64, bool) {
	var out []uint64
	for _, c := range slices.Concat(a, b) {
		out = append(out, c...)
	}
	slices.Sort(out)
	for k := 1; k < len(out); k++ {
		if out[k] == out[k-1] {
			return nil, true
		}
	}
	return [][]uint64{out}, false
}

// fingerprintChunk is the number of hashes per fingerprint chunk.
const fingerprintChunk = 4096

// sharedName names a customer in both ledgers when their logs tell (": such
// as \"c1\""), else "".
func sharedName(l, other *Ledger) string {
	seen := make(map[string]struct{})
	for _, mv := range l.log {
		seen[mv.Customer] = struct{}{}
	}
	for _, mv := range other.log {
		if _, ok := seen[mv.Customer]; ok {
			return fmt.Sprintf(", such as %q", mv.Customer)
		}
	}
	return ""
}
