package cohort

// Time to value: how long customers take from contract to their first
// measurable outcome, per segment.

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// maxTTVYears bounds a time to value: a longer one is a data error, and
// time.Duration could not hold it.
const maxTTVYears = 100

// Milestone is one customer's time-to-value record: when it started (the
// contract signature in seeds/004; signup or kickoff elsewhere) and when it
// first reached a measurable outcome (zero while it has not yet).
type Milestone struct {
	Customer string    // required
	Start    time.Time // required: contract signature, signup or kickoff
	Reached  time.Time // the first measurable outcome; zero while not reached
}

// TTV is the time-to-value distribution of one segment.
type TTV struct {
	Segment   string          // the caller's key ("" without Options.Segment)
	Reached   int64           // customers who reached value
	Pending   int64           // customers who have not yet (not in the median or p90)
	durations []time.Duration // of those who reached it, ascending
}

// TimeToValue returns the time-to-value distribution of each segment
// (Options.Segment; one segment "" without it), by segment. Only Segment,
// Lenient and MaxRejected of opts are read. Bad records are
// *metrics.RowError values naming the record's 1-based position and the
// customer: an empty Customer (metrics.ErrMissing, "customer"), a zero Start
// (metrics.ErrMissing, "start"), Reached before Start (metrics.ErrNegative,
// "reached") or more than 100 years after (metrics.ErrOutOfRange,
// "reached"), a second record of a customer (metrics.ErrDuplicate,
// "customer"), a customer Segment does not know (metrics.ErrMissing,
// "segment"); errors travel as Build describes. No record returns
// metrics.ErrEmpty. Source: seeds/004 §Time to Value (days from contract
// signature to the first measurable business outcome).
func TimeToValue(ms iter.Seq2[Milestone, error], opts Options) ([]TTV, error) {
	if opts.MaxRejected < 0 {
		return nil, optionsErr("max_rejected", fmt.Errorf("%w: %d", metrics.ErrNegative, opts.MaxRejected))
	}
	b := &builder{opts: opts}
	seen := map[string]bool{}
	by := map[string]*TTV{}
	for m, err := range ms {
		b.rows++
		if err == nil {
			err = b.milestone(m, seen, by)
		}
		if err != nil {
			if err = b.bad(err); err != nil {
				return nil, err
			}
		}
	}
	if len(by) == 0 {
		return nil, metrics.NewMetricError("time_to_value", "milestones", metrics.ErrEmpty)
	}
	out := make([]TTV, 0, len(by))
	for _, t := range by {
		slices.Sort(t.durations)
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b TTV) int { return cmp.Compare(a.Segment, b.Segment) })
	return out, nil
}

// milestone checks and adds one record.
func (b *builder) milestone(m Milestone, seen map[string]bool, by map[string]*TTV) error {
	bad := func(field string, err error) error {
		return &metrics.RowError{Record: b.rows, Entity: "customer", ID: m.Customer, Field: field, Err: err}
	}
	switch {
	case m.Customer == "":
		return bad("customer", metrics.ErrMissing)
	case m.Start.IsZero():
		return bad("start", metrics.ErrMissing)
	case !m.Reached.IsZero() && m.Reached.Before(m.Start):
		return bad("reached", fmt.Errorf("%w: %s is before start %s", metrics.ErrNegative, m.Reached.Format(time.RFC3339), m.Start.Format(time.RFC3339)))
	case !m.Reached.IsZero() && m.Reached.After(m.Start.AddDate(maxTTVYears, 0, 0)):
		return bad("reached", fmt.Errorf("%w: more than %d years after start", metrics.ErrOutOfRange, maxTTVYears))
	case seen[m.Customer]:
		return bad("customer", fmt.Errorf("%w: a second milestone record", metrics.ErrDuplicate))
	}
	seg := ""
	if b.opts.Segment != nil {
		k, ok := b.opts.Segment(m.Customer)
		if !ok {
			return bad("segment", fmt.Errorf("%w: no key for customer %q", metrics.ErrMissing, m.Customer))
		}
		seg = k
	}
	seen[m.Customer] = true
	t := by[seg]
	if t == nil {
		t = &TTV{Segment: seg}
		by[seg] = t
	}
	if m.Reached.IsZero() {
		t.Pending++
		return nil
	}
	t.Reached++
	t.durations = append(t.durations, m.Reached.Sub(m.Start))
	return nil
}

// Median is the segment's median time to value in days: the middle
// duration, or for an even count the mean of the middle two, taken exactly
// in nanoseconds and rounded once to 12 places (metrics.MedianTimeToValueDays).
// No customer who reached value returns metrics.ErrEmpty.
func (t TTV) Median() (metrics.Quantity, error) {
	if len(t.durations) == 0 {
		return metrics.Quantity{}, metrics.NewMetricError("time_to_value_median", "reached", metrics.ErrEmpty)
	}
	return metrics.MedianTimeToValueDays(t.durations)
}

// P90 is the segment's 90th-percentile time to value in days, by nearest
// rank (the smallest duration at or below which 90% of the customers
// reached value: no interpolation), rounded once to 12 places. No customer
// who reached value returns metrics.ErrEmpty.
func (t TTV) P90() (metrics.Quantity, error) {
	n := len(t.durations)
	if n == 0 {
		return metrics.Quantity{}, metrics.NewMetricError("time_to_value_p90", "reached", metrics.ErrEmpty)
	}
	d := t.durations[(9*n+9)/10-1]
	days, err := metrics.Context{}.Quo(decimal.New(int64(d), 0), decimal.New(int64(24*time.Hour), 0))
	if err != nil {
		return metrics.Quantity{}, err
	}
	return metrics.NewQuantity(days, metrics.UnitDays)
}

// Durations returns the times to value of the customers who reached it,
// ascending.
func (t TTV) Durations() []time.Duration { return slices.Clone(t.durations) }
