package cohort

import (
	"fmt"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// MaxSpanMonths bounds the months a Table spans, from the earliest first
// paid month to Through: at most 100 years, so that a Table's size (cohorts
// × periods) is bounded by its input and never by a caller's date.
const MaxSpanMonths = 1200

// Grain is the length of a cohort's acquisition window and of a period.
type Grain uint8

// The grains. The zero value is GrainMonth.
const (
	GrainMonth   Grain = iota // cohorts by month of first payment; monthly periods
	GrainQuarter              // by calendar quarter; periods of 3 months
	GrainYear                 // by calendar year; periods of 12 months
)

var grainNames = [...]string{"month", "quarter", "year"}

// String returns the grain's name, such as "quarter".
func (g Grain) String() string {
	if int(g) < len(grainNames) {
		return grainNames[g]
	}
	return "Grain(" + strconv.Itoa(int(g)) + ")"
}

// MarshalText writes the grain's name.
func (g Grain) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText reads a grain's name.
func (g *Grain) UnmarshalText(b []byte) error {
	for i, n := range grainNames {
		if string(b) == n {
			*g = Grain(i)
			return nil
		}
	}
	return fmt.Errorf("%w: grain %q", metrics.ErrInvalid, b)
}

// months returns the grain's length in months.
func (g Grain) months() int32 {
	switch g {
	case GrainQuarter:
		return 3
	case GrainYear:
		return 12
	}
	return 1
}

// start returns the first month of the grain's calendar period holding m.
func (g Grain) start(m metrics.Month) metrics.Month {
	switch g {
	case GrainQuarter:
		return m.Quarter().First()
	case GrainYear:
		return m.Add(1 - int(m.Month()))
	}
	return m
}

// label writes the calendar period starting at m: "2024-03", "2024-Q2",
// "2024".
func (g Grain) label(m metrics.Month) string {
	switch g {
	case GrainQuarter:
		return m.Quarter().String()
	case GrainYear:
		return strconv.Itoa(m.Year())
	}
	return m.String()
}

// Reactivation is how a customer who stops paying and later pays again
// counts in the cohort.
type Reactivation uint8

// The reactivation rules. The zero value is ReactivationCounts.
const (
	// ReactivationCounts: a returning customer is active again in each
	// period it pays and inactive in the periods between (ChartMogul,
	// Baremetrics); its MRR counts whenever it pays, so reactivation raises
	// net revenue retention, and the logo curve can rise.
	ReactivationCounts Reactivation = iota
	// ReactivationFillsGaps: a customer counts as retained from its first
	// to its last paid month, gaps included (Displayr's flipRevenueMetrics
	// gap filling): billing gaps are not churn. Its MRR is still what it
	// pays (0 in a gap); its logo churns once, after its last paid month.
	ReactivationFillsGaps
	// ReactivationExcluded: a customer's cohort life ends at its first
	// unpaid month; a later return counts neither as active nor in MRR or
	// revenue. The logo curve never rises.
	ReactivationExcluded
)

var reactivationNames = [...]string{"counts", "fills-gaps", "excluded"}

// String returns the rule's name, such as "fills-gaps".
func (r Reactivation) String() string {
	if int(r) < len(reactivationNames) {
		return reactivationNames[r]
	}
	return "Reactivation(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText writes the rule's name.
func (r Reactivation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a rule's name.
func (r *Reactivation) UnmarshalText(b []byte) error {
	for i, n := range reactivationNames {
		if string(b) == n {
			*r = Reactivation(i)
			return nil
		}
	}
	return fmt.Errorf("%w: reactivation %q", metrics.ErrInvalid, b)
}

// Index is how periods are labelled in output (String, WriteText,
// WriteCSV, JSON): it never changes a number.
type Index uint8

// The period labels. The zero value is IndexZero.
const (
	IndexZero     Index = iota // the first paid period is period 0
	IndexOne                   // the first paid period is period 1
	IndexCalendar              // each period is labelled with its calendar period ("2024-03", "2024-Q2", "2024")
)

var indexNames = [...]string{"zero", "one", "calendar"}

// String returns the labelling's name, such as "calendar".
func (x Index) String() string {
	if int(x) < len(indexNames) {
		return indexNames[x]
	}
	return "Index(" + strconv.Itoa(int(x)) + ")"
}

// MarshalText writes the labelling's name.
func (x Index) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

// UnmarshalText reads a labelling's name.
func (x *Index) UnmarshalText(b []byte) error {
	for i, n := range indexNames {
		if string(b) == n {
			*x = Index(i)
			return nil
		}
	}
	return fmt.Errorf("%w: index %q", metrics.ErrInvalid, b)
}

// Options configure a Table. The zero value is invalid only for lacking a
// Currency (FromLedger takes the ledger's).
type Options struct {
	// Currency is the reporting currency (three letters): every row's MRR
	// must be in it. Convert first (mrr.Options.Rates and FromLedger) for
	// several currencies.
	Currency string
	// Through is the last month of the data; the zero Month means the last
	// month of any row taken (rejected records and skipped customers do not
	// count; FromLedger: the ledger's last month). A customer
	// paying in Through has not churned; a cell whose sample month is after
	// Through is not observed.
	Through metrics.Month
	// Grain is the cohorts' acquisition window and the periods' length.
	Grain Grain
	// BySubscription makes each (customer, subscription) its own member of
	// a cohort, acquired in its first month of positive MRR (Stripe's
	// revenue retention by cohort); rows with no Subscription form one
	// member per customer. The default groups customers (ChartMogul,
	// Baremetrics): a customer's subscriptions add up.
	BySubscription bool
	// Segment, when set, crosses the cohorts with the caller's key of each
	// customer (plan, segment, channel, region, ACV band): it is called once
	// per customer and must know every customer (ok false is an error
	// naming the customer). SegmentMap adapts a map.
	Segment func(customer string) (key string, ok bool)
	// SegmentOnly groups by Segment alone, ignoring the acquisition period:
	// one cohort per key, each member still followed from its own first paid
	// month. It needs Segment and excludes IndexCalendar.
	SegmentOnly bool
	// Reactivation is how a returning customer counts.
	Reactivation Reactivation
	// Index labels the periods in output.
	Index Index
	// PartialLast marks Through as a month still under way: a cell sampled
	// in it is Partial (Displayr warns that an incomplete last period "looks
	// much better"), so averages leave it out unless asked.
	PartialLast bool
	// Lenient skips bad records — every *metrics.RowError, from the source
	// or found here (a missing Segment key skips the customer) — and lists
	// them in Table.Rejected instead of stopping at the first.
	Lenient bool
	// MaxRejected caps the rejections a lenient build lists: one more ends
	// the build with metrics.ErrOutOfRange. 0 means no cap.
	MaxRejected int
}

// SegmentMap returns a Segment function reading m: a customer absent from m
// has no key (an error naming it when the Table is built).
func SegmentMap(m map[string]string) func(customer string) (string, bool) {
	return func(c string) (string, bool) {
		k, ok := m[c]
		return k, ok
	}
}

// settings are the options that shape a Table's numbers and labels, in
// comparable form: two Tables merge only when their settings are equal.
type settings struct {
	Currency       string
	Through        metrics.Month
	Grain          Grain
	BySubscription bool
	Segmented      bool
	SegmentOnly    bool
	Reactivation   Reactivation
	Index          Index
	PartialLast    bool
}

// optionsErr is the *metrics.MetricError of a bad option.
func optionsErr(field string, err error) error {
	return metrics.NewMetricError("cohort", field, err)
}

// check validates opts and returns the reporting currency, upper-cased.
func (o Options) check() (string, error) {
	switch {
	case o.Grain > GrainYear:
		return "", optionsErr("grain", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Grain))
	case o.Reactivation > ReactivationExcluded:
		return "", optionsErr("reactivation", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Reactivation))
	case o.Index > IndexCalendar:
		return "", optionsErr("index", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Index))
	case o.SegmentOnly && o.Segment == nil:
		return "", optionsErr("segment", fmt.Errorf("%w: SegmentOnly needs Segment", metrics.ErrMissing))
	case o.SegmentOnly && o.Index == IndexCalendar:
		return "", optionsErr("index", fmt.Errorf("%w: cohorts by segment alone have no calendar periods", metrics.ErrInvalid))
	case o.MaxRejected < 0:
		return "", optionsErr("max_rejected", fmt.Errorf("%w: %d", metrics.ErrNegative, o.MaxRejected))
	case o.Currency == "":
		return "", optionsErr("currency", metrics.ErrMissing)
	}
	z, err := metrics.MoneyFromInt(0, o.Currency)
	if err != nil {
		return "", optionsErr("currency", err)
	}
	if z.Currency() == o.Currency {
		return o.Currency, nil // the caller's string: rows built from it compare by pointer
	}
	return z.Currency(), nil
}
