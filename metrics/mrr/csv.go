package mrr

// CSV readers for the ledger's two entry points. Both stream, and errors
// travel in the stream: a bad record is yielded as a *metrics.RowError naming
// its 1-based record number (the header is not a record) and the line where
// it starts, and reading goes on with the next record; an unreadable header
// or a failing reader ends the stream with an error that is not a bare
// *metrics.RowError, so no build can mistake it for a skippable record.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// csvTable reads a header and then records by column name.
type csvTable struct {
	r      *csv.Reader
	cols   map[string]int
	record int64 // 1-based number of the last record read
	line   int64 // the line where it starts
}

// newCSVTable wraps r.
func newCSVTable(r io.Reader) *csvTable {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked per record below, with a RowError
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true // the fields are strings, which stay valid; only the slice is reused
	return &csvTable{r: cr}
}

// header reads the header row and checks the required columns. Its error
// wraps a *metrics.RowError for line 1: the stream cannot go on.
func (t *csvTable) header(required, optional []string) error {
	fail := func(err error) error {
		return fmt.Errorf("mrr: CSV header: %w", &metrics.RowError{Line: 1, Field: "header", Err: err})
	}
	rec, err := t.r.Read()
	if err != nil {
		return fail(fmt.Errorf("%w: %v", metrics.ErrInvalid, err))
	}
	t.cols = map[string]int{}
	known := map[string]bool{}
	for _, c := range append(required, optional...) {
		known[c] = true
	}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		if !known[name] {
			return fail(fmt.Errorf("%w: unknown column %q", metrics.ErrInvalid, name))
		}
		if _, dup := t.cols[name]; dup {
			return fail(fmt.Errorf("%w: column %q twice", metrics.ErrDuplicate, name))
		}
		t.cols[name] = i
	}
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			return fail(fmt.Errorf("%w: column %q", metrics.ErrMissing, c))
		}
	}
	return nil
}

// next returns the next record. At the end it returns nil, nil. A record
// that cannot be read as CSV, or has the wrong number of fields, is a
// *metrics.RowError (the caller yields it and goes on); a failing reader is
// any other error (the caller yields it and stops).
func (t *csvTable) next() ([]string, error) {
	rec, err := t.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	t.record++
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		t.line = int64(pe.StartLine)
		return nil, &metrics.RowError{Record: t.record, Line: t.line, Err: fmt.Errorf("%w: %v", metrics.ErrInvalid, pe.Err)}
	case err != nil:
		return nil, fmt.Errorf("mrr: reading CSV after record %d: %w", t.record-1, err)
	}
	line, _ := t.r.FieldPos(0)
	t.line = int64(line)
	if len(rec) != len(t.cols) {
		return nil, &metrics.RowError{Record: t.record, Line: t.line, Err: fmt.Errorf("%w: %d fields, header has %d", metrics.ErrInvalid, len(rec), len(t.cols))}
	}
	return rec, nil
}

// records yields each record with t.record and t.line set, or its error: a
// *metrics.RowError for a bad record (and the stream goes on), any other
// error last.
func (t *csvTable) records(required, optional []string) iter.Seq2[[]string, error] {
	return func(yield func([]string, error) bool) {
		if t.cols == nil {
			if err := t.header(required, optional); err != nil {
				yield(nil, err)
				return
			}
		}
		for {
			rec, err := t.next()
			if rec == nil && err == nil {
				return
			}
			if !yield(rec, err) {
				return
			}
			if _, ok := err.(*metrics.RowError); err != nil && !ok {
				return
			}
		}
	}
}

// rowErr returns a *metrics.RowError for the current record.
func (t *csvTable) rowErr(customer, sub string, m metrics.Month, field string, err error) *metrics.RowError {
	re := &metrics.RowError{Record: t.record, Line: t.line, Entity: "customer", ID: customer, Month: m, Field: field, Err: err}
	if sub != "" {
		re.Detail = "subscription " + strconv.Quote(sub)
	}
	return re
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

// CSVReader reads customer-month MRR rows from CSV with the header
// customer,month,mrr,currency and an optional subscription column, in any
// order: for example "c1,2024-01,99.00,USD". Amounts are plain decimals;
// months are YYYY-MM.
type CSVReader struct {
	t *csvTable
}

// NewCSVReader returns a reader of r.
func NewCSVReader(r io.Reader) *CSVReader { return &CSVReader{t: newCSVTable(r)} }

// Rows yields the rows, one pair per record: a Row, or a *metrics.RowError
// naming the record, its line and the bad field, after which reading goes on.
// It checks each record's syntax (the month, the amount, the currency code)
// and that the amount is not negative; the ledger checks the rest (order,
// duplicates). A bad header or a failing reader ends the stream with an
// error that is not a bare *metrics.RowError. Pass the sequence to Build or
// BuildSorted: a strict build stops at the first error, a lenient one lists
// the bad records and goes on.
func (c *CSVReader) Rows() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		t := c.t
		var cCust, cSub, cMonth, cMRR, cCur int
		indexed := false
		for rec, err := range t.records([]string{"customer", "month", "mrr", "currency"}, []string{"subscription"}) {
			if err != nil {
				if !yield(Row{}, err) {
					return
				}
				continue
			}
			if !indexed {
				cCust, cSub, cMonth, cMRR, cCur = t.index("customer"), t.index("subscription"), t.index("month"), t.index("mrr"), t.index("currency")
				indexed = true
			}
			row, err := parseRow(t, rec, cCust, cSub, cMonth, cMRR, cCur)
			if !yield(row, err) {
				return
			}
		}
	}
}

// parseRow parses one MRR record.
func parseRow(t *csvTable, rec []string, cCust, cSub, cMonth, cMRR, cCur int) (Row, error) {
	row := Row{Customer: field(rec, cCust), Subscription: field(rec, cSub)}
	m, err := metrics.ParseMonth(field(rec, cMonth))
	if err != nil {
		return Row{}, t.rowErr(row.Customer, row.Subscription, metrics.Month{}, "month", errors.Unwrap(err))
	}
	row.Month = m
	amt, err := metrics.ParseMoney(field(rec, cMRR), field(rec, cCur))
	if err != nil {
		f := "mrr"
		var ve *metrics.ValueError
		if errors.As(err, &ve) && strings.HasPrefix(ve.Input, "currency") {
			f = "currency"
		}
		return Row{}, t.rowErr(row.Customer, row.Subscription, m, f, err)
	}
	if amt.Sign() < 0 {
		return Row{}, t.rowErr(row.Customer, row.Subscription, m, "mrr", metrics.ErrNegative)
	}
	row.MRR = amt
	return row, nil
}

// subscriptionColumns are the columns of the subscription CSV; the first six
// are required.
var subscriptionColumns = []string{"customer", "subscription", "amount", "currency", "interval", "start",
	"plan", "quantity", "end", "cancelled_at", "trial_end", "status", "charge", "discount_percent", "discount_months"}

// SubscriptionCSVReader reads subscription records from CSV. Required
// columns: customer, subscription, amount, currency, interval ("1 month",
// "3 month", "1 year", "2 week", "30 day"), start (2006-01-02). Optional: plan,
// quantity, end, cancelled_at, trial_end (dates, empty for none), status
// (active, trialing, past_due, cancelled; empty = active — paused needs a
// pause date this format lacks, so it is rejected), charge (recurring,
// one_off, metered, free), and one discount: discount_percent (such as 20 for
// 20%) with discount_months (empty or 0 = forever, N = repeating N months,
// "once").
type SubscriptionCSVReader struct {
	t *csvTable
}

// NewSubscriptionCSVReader returns a reader of r.
func NewSubscriptionCSVReader(r io.Reader) *SubscriptionCSVReader {
	return &SubscriptionCSVReader{t: newCSVTable(r)}
}

var (
	csvStatus = map[string]SubscriptionStatus{"": StatusActive, "active": StatusActive, "trialing": StatusTrialing, "past_due": StatusPastDue, "cancelled": StatusCancelled}
	csvCharge = map[string]ChargeKind{"": ChargeRecurring, "recurring": ChargeRecurring, "one_off": ChargeOneOff, "metered": ChargeMetered, "free": ChargeFree}
	csvUnits  = map[string]IntervalUnit{"day": IntervalDay, "week": IntervalWeek, "month": IntervalMonth, "year": IntervalYear}
)

// parseDate parses 2006-01-02 as UTC; empty text is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not YYYY-MM-DD", metrics.ErrInvalid, s)
	}
	return d, nil
}

// Subscriptions yields the records, one pair per CSV record: a valid
// Subscription, or a *metrics.RowError naming the record, its line and the
// bad field (syntax, or a rule of Subscription.Validate), after which reading
// goes on. A bad header or a failing reader ends the stream with an error
// that is not a bare *metrics.RowError. Pass the sequence to
// FromSubscriptions or Expand.
func (c *SubscriptionCSVReader) Subscriptions() iter.Seq2[Subscription, error] {
	return func(yield func(Subscription, error) bool) {
		t := c.t
		for rec, err := range t.records(subscriptionColumns[:6], subscriptionColumns[6:]) {
			if err != nil {
				if !yield(Subscription{}, err) {
					return
				}
				continue
			}
			s, field, err := parseSubscription(t, rec)
			if err == nil {
				if verr := s.Validate(); verr != nil {
					re := verr.(*metrics.RowError)
					re.Record, re.Line = t.record, t.line
					if !yield(Subscription{}, re) {
						return
					}
					continue
				}
			}
			if err != nil {
				if !yield(Subscription{}, t.rowErr(s.Customer, s.ID, metrics.Month{}, field, err)) {
					return
				}
				continue
			}
			if !yield(s, nil) {
				return
			}
		}
	}
}

// parseSubscription parses one record, returning the bad field on error.
func parseSubscription(t *csvTable, rec []string) (Subscription, string, error) {
	s := Subscription{Customer: t.get(rec, "customer"), ID: t.get(rec, "subscription"), Plan: t.get(rec, "plan")}
	amt, err := metrics.ParseMoney(t.get(rec, "amount"), t.get(rec, "currency"))
	if err != nil {
		var ve *metrics.ValueError
		if errors.As(err, &ve) && strings.HasPrefix(ve.Input, "currency") {
			return s, "currency", err
		}
		return s, "amount", err
	}
	s.Amount = amt
	if q := t.get(rec, "quantity"); q != "" {
		if s.Quantity, err = strconv.ParseInt(q, 10, 64); err != nil {
			return s, "quantity", fmt.Errorf("%w: %q", metrics.ErrInvalid, q)
		}
	}
	count, unit, ok := strings.Cut(t.get(rec, "interval"), " ")
	n, err := strconv.Atoi(count)
	u, known := csvUnits[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(unit)), "s")]
	if !ok || err != nil || !known {
		return s, "interval", fmt.Errorf("%w: %q, want such as \"1 month\"", metrics.ErrInvalid, t.get(rec, "interval"))
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
		return s, "status", fmt.Errorf("%w: %q", metrics.ErrInvalid, t.get(rec, "status"))
	}
	if s.Charge, known2 = csvCharge[strings.ToLower(t.get(rec, "charge"))]; !known2 {
		return s, "charge", fmt.Errorf("%w: %q", metrics.ErrInvalid, t.get(rec, "charge"))
	}
	if p := t.get(rec, "discount_percent"); p != "" {
		pv, err := metrics.ParseRatio(p + "%")
		if err != nil {
			return s, "discount_percent", err
		}
		d := Discount{Percent: pv}
		switch months := strings.ToLower(t.get(rec, "discount_months")); months {
		case "", "0":
		case "once":
			d.Duration = DiscountOnce
		default:
			if d.Months, err = strconv.Atoi(months); err != nil {
				return s, "discount_months", fmt.Errorf("%w: %q", metrics.ErrInvalid, months)
			}
			d.Duration = DiscountRepeating
		}
		s.Discounts = []Discount{d}
	}
	return s, "", nil
}
