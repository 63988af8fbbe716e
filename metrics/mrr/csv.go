package metrics

// CSV readers for the ledger's two entry points. Both stream: Rows yields one
// record at a time, and Err reports what stopped the stream, as a *RowError
// whose Row is the 1-based line number.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
)

// csvTable reads a header and then records by column name.
type csvTable struct {
	r    *csv.Reader
	cols map[string]int
	line int64
	err  error
}

// newCSVTable wraps r; the header is read on the first call to next.
func newCSVTable(r io.Reader) *csvTable {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked per record below, with a RowError
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true // the fields are strings, which stay valid; only the slice is reused
	return &csvTable{r: cr}
}

// header reads the header row and checks the required columns.
func (t *csvTable) header(required, optional []string) error {
	rec, err := t.r.Read()
	t.line = 1
	if err != nil {
		return &RowError{Row: 1, Field: "header", Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
	}
	t.cols = map[string]int{}
	known := map[string]bool{}
	for _, c := range append(required, optional...) {
		known[c] = true
	}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		if !known[name] {
			return &RowError{Row: 1, Field: "header", Err: fmt.Errorf("%w: unknown column %q", ErrInvalid, name)}
		}
		if _, dup := t.cols[name]; dup {
			return &RowError{Row: 1, Field: "header", Err: fmt.Errorf("%w: column %q twice", ErrDuplicate, name)}
		}
		t.cols[name] = i
	}
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			return &RowError{Row: 1, Field: "header", Err: fmt.Errorf("%w: column %q", ErrMissing, c)}
		}
	}
	return nil
}

// next returns the next record, or nil at the end or on an error (in t.err).
func (t *csvTable) next() []string {
	rec, err := t.r.Read()
	t.line++
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		t.err = &RowError{Row: t.line, Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
		return nil
	}
	if len(rec) != len(t.cols) {
		t.err = &RowError{Row: t.line, Err: fmt.Errorf("%w: %d fields, header has %d", ErrInvalid, len(rec), len(t.cols))}
		return nil
	}
	return rec
}

// get returns a column's value ("" when the column is absent).
func (t *csvTable) get(rec []string, col string) string { return field(rec, t.index(col)) }

// index returns a column's position, or -1 when it is absent.
func (t *csvTable) index(col string) int {
	if i, ok := t.cols[col]; ok {
		return i
	}
	return -1
}

// field returns the value at position i (from index) of rec, "" for -1.
func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// MRRCSVReader reads customer-month MRR rows from CSV with the header
// customer,month,mrr,currency and an optional subscription column, in any
// order: for example "c1,2024-01,99.00,USD". Amounts are plain decimals;
// months are YYYY-MM.
type MRRCSVReader struct {
	t *csvTable
}

// NewMRRCSVReader returns a reader of r.
func NewMRRCSVReader(r io.Reader) *MRRCSVReader { return &MRRCSVReader{t: newCSVTable(r)} }

// Err returns the error that stopped Rows (nil at a clean end): a *RowError
// naming the line and field.
func (c *MRRCSVReader) Err() error { return c.t.err }

// Rows yields the rows until the end of the input or the first bad line. It
// checks syntax (the month, the amount, the currency code); the ledger checks
// meaning (negative amounts, duplicates).
func (c *MRRCSVReader) Rows() iter.Seq[MRRRow] {
	return func(yield func(MRRRow) bool) {
		t := c.t
		if t.cols == nil {
			if t.err = t.header([]string{"customer", "month", "mrr", "currency"}, []string{"subscription"}); t.err != nil {
				return
			}
		}
		cCust, cSub, cMonth, cMRR, cCur := t.index("customer"), t.index("subscription"), t.index("month"), t.index("mrr"), t.index("currency")
		for rec := t.next(); rec != nil; rec = t.next() {
			row := MRRRow{Customer: field(rec, cCust), Subscription: field(rec, cSub)}
			bad := func(field string, err error) {
				t.err = &RowError{Row: t.line, Customer: row.Customer, Subscription: row.Subscription, Month: row.Month, Field: field, Err: err}
			}
			m, err := ParseMonth(field(rec, cMonth))
			if err != nil {
				bad("month", err)
				return
			}
			row.Month = m
			amt, err := parseMoneyAmount(field(rec, cMRR)) // inline, without allocating, for a plain amount
			if err != nil {
				bad("mrr", err)
				return
			}
			cur := field(rec, cCur)
			if !validCurrency(cur) {
				bad("currency", fmt.Errorf("%w: %q", ErrInvalid, cur))
				return
			}
			amt.currency = upperCurrency(cur)
			row.MRR = amt
			if !yield(row) {
				return
			}
		}
	}
}

// subscriptionColumns are the columns of the subscription CSV; the first five
// are required.
var subscriptionColumns = []string{"customer", "subscription", "amount", "currency", "interval", "start",
	"plan", "quantity", "end", "cancelled_at", "trial_end", "status", "charge", "discount_percent", "discount_months"}

// SubscriptionCSVReader reads subscription records from CSV. Required
// columns: customer, subscription, amount, currency, interval ("1 month",
// "3 month", "1 year", "2 week", "30 day"), start (2006-01-02). Optional: plan,
// quantity, end, cancelled_at, trial_end (dates, empty for none), status
// (active, trialing, past_due, cancelled; empty = active — paused needs a
// pause date this format lacks, so it is rejected), charge (recurring, one_off, metered, free), and one discount:
// discount_percent (such as 20 for 20%) with discount_months (empty or 0 =
// forever, N = repeating N months, "once").
type SubscriptionCSVReader struct {
	t *csvTable
}

// NewSubscriptionCSVReader returns a reader of r.
func NewSubscriptionCSVReader(r io.Reader) *SubscriptionCSVReader {
	return &SubscriptionCSVReader{t: newCSVTable(r)}
}

// Err returns the error that stopped Rows (nil at a clean end).
func (c *SubscriptionCSVReader) Err() error { return c.t.err }

var (
	csvStatus = map[string]SubscriptionStatus{"": Active, "active": Active, "trialing": Trialing, "past_due": PastDue, "cancelled": Cancelled}
	csvCharge = map[string]ChargeKind{"": Recurring, "recurring": Recurring, "one_off": OneOff, "metered": Metered, "free": Free}
	csvUnits  = map[string]IntervalUnit{"day": Day, "week": Week, "month": MonthUnit, "year": Year}
)

// parseDate parses 2006-01-02 as UTC; empty text is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrInvalid, s)
	}
	return d, nil
}

// Rows yields the records until the end of the input or the first bad line.
// It checks syntax; Subscription.Validate (called by the Expander) checks
// meaning.
func (c *SubscriptionCSVReader) Rows() iter.Seq[Subscription] {
	return func(yield func(Subscription) bool) {
		t := c.t
		if t.cols == nil {
			if t.err = t.header(subscriptionColumns[:6], subscriptionColumns[6:]); t.err != nil {
				return
			}
		}
		for rec := t.next(); rec != nil; rec = t.next() {
			s, field, err := parseSubscription(t, rec)
			if err != nil {
				t.err = &RowError{Row: t.line, Customer: s.Customer, Subscription: s.ID, Field: field, Err: err}
				return
			}
			if !yield(s) {
				return
			}
		}
	}
}

// parseSubscription parses one record, returning the bad field on error.
func parseSubscription(t *csvTable, rec []string) (Subscription, string, error) {
	s := Subscription{Customer: t.get(rec, "customer"), ID: t.get(rec, "subscription"), Plan: t.get(rec, "plan")}
	amt, err := parseMoneyAmount(t.get(rec, "amount"))
	if err != nil {
		return s, "amount", err
	}
	amt.currency = upperCurrency(t.get(rec, "currency"))
	s.Amount = amt
	if q := t.get(rec, "quantity"); q != "" {
		if s.Quantity, err = strconv.ParseInt(q, 10, 64); err != nil {
			return s, "quantity", fmt.Errorf("%w: %q", ErrInvalid, q)
		}
	}
	count, unit, ok := strings.Cut(t.get(rec, "interval"), " ")
	n, err := strconv.Atoi(count)
	u, known := csvUnits[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(unit)), "s")]
	if !ok || err != nil || !known {
		return s, "interval", fmt.Errorf("%w: %q, want such as \"1 month\"", ErrInvalid, t.get(rec, "interval"))
	}
	s.Interval = Interval{Count: n, Unit: u}
	for _, f := range []struct {
		col string
		dst *time.Time
	}{{"start", &s.Start}, {"end", &s.End}, {"cancelled_at", &s.CancelledAt}, {"trial_end", &s.TrialEnd}} {
		if *f.dst, err = parseDate(t.get(rec, f.col)); err != nil {
			return s, f.col, err
		}
	}
	var known2 bool
	if s.Status, known2 = csvStatus[strings.ToLower(t.get(rec, "status"))]; !known2 {
		return s, "status", fmt.Errorf("%w: %q", ErrInvalid, t.get(rec, "status"))
	}
	if s.Charge, known2 = csvCharge[strings.ToLower(t.get(rec, "charge"))]; !known2 {
		return s, "charge", fmt.Errorf("%w: %q", ErrInvalid, t.get(rec, "charge"))
	}
	if p := t.get(rec, "discount_percent"); p != "" {
		pv, err := parseDecimal(p)
		if err != nil {
			return s, "discount_percent", err
		}
		d := Discount{Percent: Percent(pv)}
		switch months := strings.ToLower(t.get(rec, "discount_months")); months {
		case "", "0":
		case "once":
			d.Duration = Once
		default:
			if d.Months, err = strconv.Atoi(months); err != nil {
				return s, "discount_months", fmt.Errorf("%w: %q", ErrInvalid, months)
			}
			d.Duration = Repeating
		}
		s.Discounts = []Discount{d}
	}
	return s, "", nil
}
