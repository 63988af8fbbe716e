package mrr

// CSV readers for the ledger's two entry points. Both stream, and errors
// travel in the stream: a bad record is yielded as a *metrics.RowError naming
// its 1-based record number (the header is not a record) and the line where
// it starts, and reading goes on with the next record; an unreadable header
// or a failing reader ends the stream with an error that is not a bare
// *metrics.RowError, so no build can mistake it for a skippable record.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
)

// CSVColumns names the columns of a customer-month CSV export. An empty name
// means the usual ones, matched case-insensitively with spaces and hyphens
// read as underscores ("Customer ID" is customer_id):
//
//	Customer      customer, customer_id, customerid, account, account_id, accountid, client_id
//	Subscription  subscription, subscription_id, subscriptionid, sub_id (optional)
//	Month         month, period, date, date_month, month_start, period_start
//	MRR           mrr, amount, mrr_amount, monthly_amount, monthly_recurring_revenue
//	Currency      currency, currency_code, iso_currency (optional: see CSVReader.Currency)
//
// A name set here is the only one looked for that column. Other columns are
// ignored.
type CSVColumns struct {
	Customer     string // the customer ID column
	Subscription string // the subscription ID column, optional
	Month        string // the month column: YYYY-MM, or a date YYYY-MM-DD (a time after it is ignored)
	MRR          string // the monthly recurring revenue column (see CSVReader.AmountPlaces)
	Currency     string // the currency code column, optional
}

// The columns of a customer-month CSV, in CSVReader.cols order.
const (
	colCustomer = iota
	colSubscription
	colMonth
	colMRR
	colCurrency
	nCols
)

// csvColumnNames are the columns' names in errors; csvAliases their default
// header names.
var (
	csvColumnNames = [nCols]string{"customer", "subscription", "month", "mrr", "currency"}
	csvAliases     = [nCols][]string{
		{"customer", "customer_id", "customerid", "account", "account_id", "accountid", "client_id"},
		{"subscription", "subscription_id", "subscriptionid", "sub_id"},
		{"month", "period", "date", "date_month", "month_start", "period_start"},
		{"mrr", "amount", "mrr_amount", "monthly_amount", "monthly_recurring_revenue"},
		{"currency", "currency_code", "iso_currency"},
	}
)

// normalColumn is a header name as compared: trimmed, lower-case, spaces and
// hyphens as underscores.
func normalColumn(s string) string {
	return columnReplacer.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// columnReplacer reads spaces and hyphens in column names as underscores.
var columnReplacer = strings.NewReplacer(" ", "_", "-", "_")

// CSVReader reads customer-month MRR rows from a CSV export such as
//
//	customer_id,month,mrr
//	cus_001,2024-01,99.00
//
// with the columns CSVColumns describes, in any order, other columns ignored.
// Set its fields before the first read. It parses bytes straight into the
// ledger's fixed-point amounts and makes a new customer string only when the
// customer changes; quoted fields (RFC 4180), CRLF line ends, a UTF-8 byte
// order mark and blank lines are read as a spreadsheet writes them, and no
// field may exceed MaxFieldBytes, so memory stays bounded whatever the input.
//
// Rows yields the rows for Build or BuildSorted; the reader's own Build and
// BuildSorted feed the ledger without the Row values in between, with
// exactly the same result. A reader reads its input once: call one of Rows,
// Build and BuildSorted, once.
type CSVReader struct {
	// Columns names the columns; the zero value reads the usual names.
	Columns CSVColumns
	// Currency is the currency of amounts whose currency cell is empty or
	// absent: required when there is no currency column (the header is
	// then metrics.ErrMissing), except that the reader's Build and
	// BuildSorted default it to Options.Currency.
	Currency string
	// AmountPlaces says how amounts are written: 0 (the default) as decimals
	// ("29.99", "1e3"); 1–12 as integers in units of 10^-AmountPlaces (2:
	// cents, "2999" is 29.99). Other values are metrics.ErrOutOfRange.
	AmountPlaces int
	// MaxFieldBytes bounds every field (DefaultMaxFieldBytes when 0): a
	// longer one is a *metrics.RowError wrapping metrics.ErrOutOfRange.
	MaxFieldBytes int

	r       io.Reader
	s       *csvScanner
	err     error // the header's error, sticky
	started bool
	cols    [nCols]int // each column's position, -1 when absent
	names   []string   // the header's names, for errors
	width   int        // fields per record
	record  int64      // the last record's number
	line    int64      // and the line it starts on

	cur               string // Currency, checked and upper-cased
	lastCust, lastSub string // the strings of the previous row, reused while the bytes repeat
	lastCurText       []byte // the previous currency cell and its code
	lastCurCode       string
	lastMonthText     [7]byte // the previous month cell's YYYY-MM and its month
	lastMonth         metrics.Month
	years             [16]yearMonths // nextPlain's table of months
	kinds             []int          // per column of the header, the column it is (colCustomer…), or -1
	// plain3: the header is customer,month,mrr (any of their names) and
	// amounts have a currency (c.cur): records may take scanPlain3.
	plain3 bool
	words  custWords // hotPlain3's current customer
	// amt caches the last amount hotPlain3 read with scanAmount: its bytes
	// and line end (n of them, at most eight; n 0 when empty) as a
	// little-endian word, and the pico units scanAmount returned for them
	// under AmountPlaces places. The next record whose amount has the same
	// bytes (a customer paying the same month after month) is read with one
	// compare.
	amt struct {
		word, mask uint64
		n, places  int
		p          int64
	}
	// amtHits counts the amounts hotPlain3 took from c.amt (tests read it).
	amtHits int64
	// monthWords caches monthWord by month index modulo 64 (key 0: empty).
	monthWords [64]struct {
		key  int32
		word uint64
	}
	// scanned3, fused and recorded count the records scanPlain3 read,
	// those hotPlain3 took and those recordPlain3 took, plain those
	// nextPlain read field by field (tests read them to see which path ran).
	scanned3, fused, recorded, plain int64
	slowOnly                         bool // tests: read every record with nextSlow, to compare the two
}

// NewCSVReader returns a reader of r.
func NewCSVReader(r io.Reader) *CSVReader { return &CSVReader{r: r} }

// csvRow is a parsed record: the customer and subscription as bytes (valid
// until the next record), the month and the amount: pico units in currency
// cur when plain, else mrr.
type csvRow struct {
	cust, sub []byte
	month     metrics.Month
	plain     bool
	pico      int64
	cur       string
	mrr       metrics.Money
}

// money returns the record's amount.
func (p *csvRow) money() metrics.Money {
	if p.plain {
		m, _ := metrics.MoneyFromMinor(p.pico, fixed.Scale, p.cur) // cur was checked
		return m
	}
	return p.mrr
}

// amount returns the amount in pico units when it is plain or inline, in
// currency cur.
func (p *csvRow) amount() (pico int64, cur string, ok bool) {
	if p.plain {
		return p.pico, p.cur, true
	}
	pico, ok = p.mrr.Minor(fixed.Scale)
	return pico, p.mrr.Currency(), ok
}

// start reads and checks the header once; its error is sticky.
func (c *CSVReader) start(defaultCurrency string) error {
	if c.started {
		return c.err
	}
	c.started = true
	c.err = c.header(defaultCurrency)
	return c.err
}

// header reads the header row and maps the columns. Its error wraps a
// *metrics.RowError for line 1: the stream cannot go on.
func (c *CSVReader) header(defaultCurrency string) error {
	fail := func(line int64, err error) error {
		return fmt.Errorf("mrr: CSV header: %w", &metrics.RowError{Line: line, Field: "header", Err: err})
	}
	if c.MaxFieldBytes < 0 {
		return fail(0, fmt.Errorf("%w: MaxFieldBytes %d", metrics.ErrOutOfRange, c.MaxFieldBytes))
	}
	if c.AmountPlaces < 0 || c.AmountPlaces > fixed.Scale {
		return fail(0, fmt.Errorf("%w: AmountPlaces %d, want 0–%d", metrics.ErrOutOfRange, c.AmountPlaces, fixed.Scale))
	}
	if c.Currency == "" {
		c.Currency = defaultCurrency
	}
	if c.Currency != "" {
		z, err := metrics.MoneyFromInt(0, c.Currency)
		if err != nil {
			return fail(0, err)
		}
		c.cur = z.Currency()
	}
	c.s = newCSVScanner(c.r, c.MaxFieldBytes)
	rec, line, err := c.s.next()
	switch {
	case err != nil:
		var re *metrics.RowError
		if errors.As(err, &re) {
			return fail(line, re.Err)
		}
		return fmt.Errorf("mrr: CSV header: %w", err)
	case rec == nil:
		return fail(1, fmt.Errorf("%w: no header", metrics.ErrInvalid))
	case c.s.badField >= 0:
		return fail(line, fmt.Errorf("%w: a column name longer than %d bytes", metrics.ErrOutOfRange, c.s.maxField))
	case len(rec) > maxColumns:
		return fail(line, fmt.Errorf("%w: %d columns, at most %d", metrics.ErrOutOfRange, len(rec), maxColumns))
	}
	c.width = len(rec)
	c.s.setColumns(c.width)
	c.names = make([]string, len(rec))
	for i, f := range rec {
		c.names[i] = normalColumn(string(f))
	}
	wanted := [nCols]string{c.Columns.Customer, c.Columns.Subscription, c.Columns.Month, c.Columns.MRR, c.Columns.Currency}
	for k := range c.cols {
		c.cols[k] = -1
		names := csvAliases[k]
		if wanted[k] != "" {
			names = []string{normalColumn(wanted[k])}
		}
		for i, n := range c.names {
			if !slicesContains(names, n) {
				continue
			}
			if c.cols[k] >= 0 {
				return fail(line, fmt.Errorf("%w: columns %q and %q both read as %s (name one in CSVReader.Columns)", metrics.ErrDuplicate, c.names[c.cols[k]], n, csvColumnNames[k]))
			}
			c.cols[k] = i
		}
	}
	c.kinds = make([]int, c.width)
	for i := range c.kinds {
		c.kinds[i] = -1
	}
	for k, i := range c.cols {
		if i >= 0 {
			c.kinds[i] = k
		}
	}
	for _, k := range []int{colCustomer, colMonth, colMRR} {
		if c.cols[k] < 0 {
			return fail(line, fmt.Errorf("%w: column %s (header %q)", metrics.ErrMissing, csvColumnNames[k], strings.Join(c.names, ",")))
		}
	}
	if c.cols[colCurrency] < 0 && c.cur == "" {
		return fail(line, fmt.Errorf("%w: column currency, or CSVReader.Currency", metrics.ErrMissing))
	}
	c.plain3 = c.width == 3 && c.kinds[0] == colCustomer && c.kinds[1] == colMonth && c.kinds[2] == colMRR
	return nil
}

// slicesContains reports whether s holds v.
func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// next reads the next record into row: (true, nil) for a row, (true, a
// *metrics.RowError) for a bad record (reading goes on), (false, nil) at the
// end and (false, err) when reading cannot go on.
func (c *CSVReader) next(row *csvRow) (bool, error) {
	if c.nextPlain(row) {
		return true, nil
	}
	return c.nextSlow(row)
}

// nextPlain reads the next record when it is plain — one line, no quotes,
// no space around a field, a YYYY-MM month, plain digits for the amount
// (see parsePico), the default currency or the previous record's — in one
// pass over its bytes, as a hand-written parser would, and reports whether
// it did; otherwise it reads nothing and nextSlow reads the record with
// every rule. Both read a plain record the same way.
func (c *CSVReader) nextPlain(row *csvRow) bool {
	if c.slowOnly {
		return false
	}
	s := c.s
	if c.plain3 {
		if cust, y, mm, p, next := c.scanPlain3(s.buf[:s.end], s.pos); next > 0 {
			s.pos = next
			c.line = s.line
			s.line++
			c.record++
			c.scanned3++
			*row = csvRow{cust: cust, month: c.monthOf(y, mm), pico: p, cur: c.cur, plain: true}
			return true
		}
	}
	buf, i, end := s.buf[:s.end], s.pos, s.end
	var cust, sub []byte
	var m metrics.Month
	var p int64
	cur := c.cur
	for k, kind := range c.kinds {
		start := i
		switch kind {
		case colMonth: // YYYY-MM, each year's months made once (yearTable)
			if end-i < 8 || s.maxField < 7 {
				return false
			}
			b := buf[i : i+7 : i+7]
			y0, y1, y2, y3, m0, m1 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0', b[5]-'0', b[6]-'0'
			y, mm := int(y0)*1000+int(y1)*100+int(y2)*10+int(y3), int(m0)*10+int(m1)-1
			if y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || b[4] != '-' || uint(mm) > 11 || y == 0 {
				return false
			}
			m = c.monthOf(y, mm)
			i += 7
		case colMRR:
			var v int64
			digits, frac, dot := 0, 0, false
			for ; i < end; i++ {
				ch := buf[i]
				if ch-'0' <= 9 {
					v = v*10 + int64(ch-'0')
					digits++
					if dot {
						frac++
					}
				} else if ch == '.' && !dot && c.AmountPlaces == 0 {
					dot = true
				} else {
					break
				}
			}
			if digits == 0 || digits > 18 || frac > fixed.Scale || i-start > s.maxField {
				return false
			}
			var ok bool
			if p, ok = fixed.MulCheck(v, fixed.Pow10[fixed.Scale-frac-c.AmountPlaces]); !ok {
				return false
			}
		default: // customer, subscription, currency, or a column the reader ignores
			for i < end && !csvSpecial[buf[i]] {
				i++
			}
			f := buf[start:i]
			if n := len(f); n > s.maxField || n > 0 && (f[0] == ' ' || f[0] == '\t' || f[n-1] == ' ' || f[n-1] == '\t') {
				return false
			}
			switch kind {
			case colCustomer:
				cust = f
			case colSubscription:
				sub = f
			case colCurrency:
				if len(f) > 0 {
					if c.lastCurCode == "" || string(f) != string(c.lastCurText) {
						return false
					}
					cur = c.lastCurCode
				}
			}
		}
		if i >= end {
			return false
		}
		switch ch := buf[i]; {
		case k < len(c.kinds)-1:
			if ch != ',' {
				return false
			}
		case ch == '\r':
			if i+1 >= end || buf[i+1] != '\n' {
				return false
			}
			i++
		case ch != '\n':
			return false
		}
		i++
	}
	if cur == "" {
		return false
	}
	s.pos = i
	c.line = s.line
	s.line++
	c.record++
	c.plain++
	row.cust, row.sub, row.month, row.pico, row.cur, row.plain = cust, sub, m, p, cur, true
	return true
}

// scanPlain3 reads the record at buf[i:] of a customer,month,mrr file when
// it is plain in the narrowest sense: a customer of bytes from '-' (0x2D)
// up — no space, quote, separator or control byte; letters, digits, '-',
// '.', '_', '/', ':', '@' and UTF-8 are — of 1 to maxField bytes, a
// YYYY-MM month, plain digits for the amount (see parsePico), CRLF or LF.
// It returns the customer's bytes, the year, the month 0–11, the amount in
// pico units and the index of the next record; next is 0 when the record is
// not of this kind (nextPlain then reads it, or nextSlow). It reads such a
// record as nextPlain does, at about the cost of a hand-written parser: the
// customer eight bytes at a time, the month at fixed offsets.
func (c *CSVReader) scanPlain3(buf []byte, i int) (cust []byte, y, mm int, p int64, next int) {
	end, start := len(buf), i
	// The first byte below '-' ends the customer: each byte of x below 0x2D
	// sets its high bit in t (no borrow reaches a byte before the first).
	for {
		if i+8 > end { // too few bytes left for ",YYYY-MM," and more
			return nil, 0, 0, 0, 0
		}
		x := binary.LittleEndian.Uint64(buf[i:])
		if t := (x - 0x2d2d2d2d2d2d2d2d) &^ x & 0x8080808080808080; t != 0 {
			i += bits.TrailingZeros64(t) >> 3
			break
		}
		i += 8
	}
	if n := i - start; n == 0 || n > c.s.maxField || i >= end || buf[i] != ',' {
		return nil, 0, 0, 0, 0
	}
	y, mm, p, next = c.scanPlainRest(buf, i+1)
	return buf[start:i], y, mm, p, next
}

// scanPlainRest is scanPlain3 after the customer's comma at buf[i-1].
func (c *CSVReader) scanPlainRest(buf []byte, i int) (y, mm int, p int64, next int) {
	end := len(buf)
	if end-i < 8 || c.s.maxField < 7 {
		return 0, 0, 0, 0
	}
	b := buf[i : i+8 : i+8]
	y0, y1, y2, y3, m0, m1 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0', b[5]-'0', b[6]-'0'
	y, mm = int(y0)*1000+int(y1)*100+int(y2)*10+int(y3), int(m0)*10+int(m1)-1
	if y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || b[4] != '-' || b[7] != ',' || uint(mm) > 11 || y == 0 {
		return 0, 0, 0, 0
	}
	p, next = c.scanAmount(buf, i+8) // next 0: not plain (callers read nothing else then)
	return y, mm, p, next
}

// scanAmount is scanPlainRest after the month's comma at buf[i-1]: the
// amount in pico units and the index of the next record, next 0 when the
// rest of the record is not plain.
func (c *CSVReader) scanAmount(buf []byte, i int) (p int64, next int) {
	end := len(buf)
	start := i
	var v int64
	digits, frac := 0, 0
	if k, val, dot, ok := swarAmount(buf[i:], c.AmountPlaces == 0); ok {
		i += k
		v, digits = val, k
		if dot >= 0 {
			frac = k - dot - 1
			digits--
		}
	} else {
		for i < end && buf[i]-'0' <= 9 {
			v = v*10 + int64(buf[i]-'0')
			i++
		}
		digits = i - start
		if i < end && buf[i] == '.' && c.AmountPlaces == 0 {
			i++
			f := i
			for i < end && buf[i]-'0' <= 9 {
				v = v*10 + int64(buf[i]-'0')
				i++
			}
			frac = i - f
			digits += frac
		}
	}
	if digits == 0 || digits > 18 || frac > fixed.Scale || i-start > c.s.maxField || i >= end {
		return 0, 0
	}
	switch buf[i] {
	case '\n':
		next = i + 1
	case '\r':
		if i+1 >= end || buf[i+1] != '\n' {
			return 0, 0
		}
		next = i + 2
	default:
		return 0, 0
	}
	e := fixed.Scale - frac - c.AmountPlaces // ≥ 0: AmountPlaces > 0 has no fraction
	if v > picoLimit[e] {
		return 0, 0 // v × 10^e does not fit an int64
	}
	return v * fixed.Pow10[e], next
}

// monthWord returns the eight bytes "YYYY-MM," of month index m (as
// Month.Index numbers months: year×12 + month−1 + 1) as a little-endian
// word, or 0 (no record's bytes) when its year is not 1–9999: the bytes of
// a month scanPlainRest reads as m are exactly these.
func monthWord(m int32) uint64 {
	y, mm := (m-1)/12, (m-1)%12+1
	if y < 1 || y > 9999 { // m < 13 has y < 1 (Go's division truncates)
		return 0
	}
	t := [8]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + mm/10), byte('0' + mm%10), ','}
	return binary.LittleEndian.Uint64(t[:])
}

// swarAmount reads an amount of digits with at most one '.' (when dot is
// allowed) from the first eight bytes of b, as scanPlainRest's loops do,
// when the byte that ends it is among them: k is the amount's length, v the
// value of its digits, dot the position of the '.' or -1. ok is false when
// b is shorter than eight bytes or the amount does not end within them.
func swarAmount(b []byte, dotOK bool) (k int, v int64, dot int, ok bool) {
	if len(b) < 8 {
		return 0, 0, 0, false
	}
	x := binary.LittleEndian.Uint64(b)
	// The high bit of each byte that is not a digit: no carry or borrow
	// crosses a digit, so the lowest is exact.
	nonDigit := func(x uint64) int {
		return bits.TrailingZeros64(((x+0x4646464646464646)|(x-0x3030303030303030))&0x8080808080808080) >> 3
	}
	k, dot = nonDigit(x), -1
	if k < 8 && dotOK && byte(x>>(8*k)) == '.' {
		dot = k
		x += 2 << (8 * k) // the '.' read as a '0' digit, so the search goes on
		k = nonDigit(x)
	}
	if k >= 8 {
		return 0, 0, 0, false
	}
	d := (x - 0x3030303030303030) & (1<<(8*k) - 1) // digit values of bytes 0…k−1
	if dot >= 0 {                                  // drop the dot: the digits before it move up a byte, a leading 0 below
		low := uint64(1)<<(8*dot) - 1
		d = (d&low)<<8 | d&^low // the dot's byte is 0
	}
	// Eight digits, the first (most significant) lowest: align the last to
	// the top byte (zeros lead), then combine pairs, quads and halves.
	d <<= 8 * (8 - k)
	d = (d*10 + d>>8) & 0x00ff00ff00ff00ff
	d = (d*100 + d>>16) & 0x0000ffff0000ffff
	d = (d*10000 + d>>32) & 0xffffffff
	return k, int64(d), dot, true
}

// picoLimit[e] is the largest v with v × 10^e within an int64.
var picoLimit = func() (t [fixed.Scale + 1]int64) {
	for e := range t {
		t[e] = math.MaxInt64 / fixed.Pow10[e]
	}
	return t
}()

// custWords holds a customer's bytes and a comma as two little-endian words
// and the masks of their bytes, so that hotPlain3 can recognise the
// customer's next record with two loads; n is 0 when the customer is not
// plain (scanPlain3) or longer than 15 bytes.
type custWords struct {
	cust         string
	w0, w1       uint64
	mask0, mask1 uint64
	n            int
}

// set makes the words of customer s.
func (w *custWords) set(s string, maxField int) {
	*w = custWords{cust: s}
	if len(s) == 0 || len(s) > 15 || len(s) > maxField {
		return
	}
	for k := 0; k < len(s); k++ {
		if s[k] < '-' {
			return
		}
	}
	var t [16]byte
	copy(t[:], s)
	t[len(s)] = ','
	w.w0, w.w1 = binary.LittleEndian.Uint64(t[:8]), binary.LittleEndian.Uint64(t[8:])
	w.n = len(s) + 1
	if w.n < 8 {
		w.mask0 = uint64(1)<<(8*w.n) - 1
	} else {
		w.mask0, w.mask1 = ^uint64(0), uint64(1)<<(8*(w.n-8))-1
	}
}

// monthOf returns month mm (0–11) of year y (1–9999), each year's months
// made once (yearTable).
func (c *CSVReader) monthOf(y, mm int) metrics.Month {
	e := &c.years[y&15]
	if e.year != y {
		c.yearTable(e, y)
	}
	return e.months[mm]
}

// csvSpecial marks the bytes that end a plain field, or make a record not
// plain: the separator, line ends and quotes.
var csvSpecial = [256]bool{',': true, '\n': true, '\r': true, '"': true}

// yearTable fills an entry of nextPlain's table of months with year y's.
func (c *CSVReader) yearTable(e *yearMonths, y int) {
	e.year = y
	for k := range e.months {
		e.months[k], _ = metrics.NewMonth(y, time.Month(k+1)) // 1 ≤ y ≤ 9999
	}
}

// yearMonths are one year's months, as nextPlain caches them.
type yearMonths struct {
	year   int
	months [12]metrics.Month
}

// nextSlow is next with every rule: quotes, spaces, dates, any amount.
func (c *CSVReader) nextSlow(row *csvRow) (bool, error) {
	*row = csvRow{}
	rec, line, err := c.s.next()
	if rec == nil && err == nil {
		return false, nil
	}
	c.record++
	c.line = line
	if err != nil {
		re, ok := err.(*metrics.RowError)
		if !ok {
			return false, err
		}
		return true, c.rowErrAt(re)
	}
	if len(rec) != c.width {
		return true, &metrics.RowError{Record: c.record, Line: line, Err: fmt.Errorf("%w: %d fields, header has %d", metrics.ErrInvalid, len(rec), c.width)}
	}
	row.cust = field(rec, c.cols[colCustomer])
	row.sub = field(rec, c.cols[colSubscription])
	if b := c.s.badField; b >= 0 {
		name := c.names[b]
		for k, i := range c.cols {
			if i == b {
				name = csvColumnNames[k]
			}
		}
		return true, c.rowErr(row, metrics.Month{}, name, fmt.Errorf("%w: longer than %d bytes", metrics.ErrOutOfRange, c.s.maxField))
	}
	if row.month, err = c.month(field(rec, c.cols[colMonth])); err != nil {
		return true, c.rowErr(row, metrics.Month{}, "month", err)
	}
	cur := c.cur
	if cell := field(rec, c.cols[colCurrency]); len(cell) > 0 {
		if cur, err = c.currency(cell); err != nil {
			return true, c.rowErr(row, row.month, "currency", err)
		}
	}
	if row.mrr, err = c.money(field(rec, c.cols[colMRR]), cur); err != nil {
		f := "mrr"
		var ve *metrics.ValueError
		if errors.As(err, &ve) && strings.HasPrefix(ve.Input, "currency") {
			f = "currency"
		}
		return true, c.rowErr(row, row.month, f, err)
	}
	return true, nil
}

// rowErrAt numbers a record error of the scanner.
func (c *CSVReader) rowErrAt(re *metrics.RowError) *metrics.RowError {
	out := *re
	out.Record, out.Line = c.record, c.line
	return &out
}

// field returns rec[i], or nil for an absent column (i < 0).
func field(rec [][]byte, i int) []byte {
	if i < 0 {
		return nil
	}
	return rec[i]
}

// rowErr returns a *metrics.RowError for the current record.
func (c *CSVReader) rowErr(row *csvRow, m metrics.Month, f string, err error) *metrics.RowError {
	re := &metrics.RowError{Record: c.record, Line: c.line, Entity: "customer", ID: string(row.cust), Month: m, Field: f, Err: err}
	if len(row.sub) > 0 {
		re.Detail = "subscription " + strconv.Quote(string(row.sub))
	}
	return re
}

// month parses YYYY-MM, or YYYY-MM-DD optionally followed by a time ("T…" or
// " …"), as the month of that date; the previous cell's month is reused while
// its YYYY-MM repeats.
func (c *CSVReader) month(b []byte) (metrics.Month, error) {
	if len(b) >= 7 && !c.lastMonth.IsZero() && string(b[:7]) == string(c.lastMonthText[:]) && (len(b) == 7 || validDay(b, c.lastMonth)) {
		return c.lastMonth, nil
	}
	if len(b) < 7 || len(b) > 7 && len(b) < 10 {
		return metrics.Month{}, fmt.Errorf("%w: %q is not YYYY-MM or YYYY-MM-DD", metrics.ErrInvalid, b)
	}
	m, err := metrics.ParseMonth(string(b[:7]))
	if err != nil {
		return metrics.Month{}, err
	}
	if len(b) > 7 && !validDay(b, m) {
		return metrics.Month{}, fmt.Errorf("%w: %q is not YYYY-MM or YYYY-MM-DD", metrics.ErrInvalid, b)
	}
	copy(c.lastMonthText[:], b[:7])
	c.lastMonth = m
	return m, nil
}

// validDay reports whether b[7:] is "-DD" with a day of month m, then
// nothing, or a time after "T" or a space.
func validDay(b []byte, m metrics.Month) bool {
	if len(b) < 10 || b[7] != '-' || b[8]-'0' > 9 || b[9]-'0' > 9 || len(b) > 10 && b[10] != 'T' && b[10] != ' ' {
		return false
	}
	day := int(b[8]-'0')*10 + int(b[9]-'0')
	return day >= 1 && day <= m.Start(time.UTC).AddDate(0, 1, -1).Day()
}

// currency returns the code of a currency cell, upper-cased; the previous
// cell's code is reused while it repeats.
func (c *CSVReader) currency(b []byte) (string, error) {
	if c.lastCurCode != "" && bytes.Equal(b, c.lastCurText) {
		return c.lastCurCode, nil
	}
	z, err := metrics.MoneyFromInt(0, string(b))
	if err != nil {
		return "", err
	}
	c.lastCurText = append(c.lastCurText[:0], b...)
	c.lastCurCode = z.Currency()
	return c.lastCurCode, nil
}

// money parses an amount cell in currency cur: straight into pico units when
// it is plain digits with at most 12 decimals that fit an int64 (no
// allocation), else through metrics.ParseMoney. Negative amounts are
// metrics.ErrNegative.
func (c *CSVReader) money(b []byte, cur string) (metrics.Money, error) {
	if p, ok := parsePico(b, c.AmountPlaces); ok && cur != "" {
		return metrics.MoneyFromMinor(p, fixed.Scale, cur)
	}
	s := string(b)
	if c.AmountPlaces > 0 {
		if strings.ContainsAny(s, ".eE") {
			return metrics.Money{}, fmt.Errorf("%w: %q is not a whole number of 10^-%d units (AmountPlaces)", metrics.ErrInvalid, s, c.AmountPlaces)
		}
		s += "e-" + strconv.Itoa(c.AmountPlaces)
	}
	m, err := metrics.ParseMoney(s, cur)
	if err != nil {
		return metrics.Money{}, err
	}
	if m.Sign() < 0 {
		return metrics.Money{}, metrics.ErrNegative
	}
	return m, nil
}

// parsePico parses plain digits with an optional decimal point (at most 12
// decimals; none when places > 0, the amount then being in 10^-places units)
// into pico units, and reports whether it could.
func parsePico(b []byte, places int) (int64, bool) {
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var v int64
	digits, frac, dot := 0, 0, false
	for _, ch := range b {
		switch {
		case ch-'0' <= 9:
			v = v*10 + int64(ch-'0')
			digits++
			if dot {
				frac++
			}
		case ch == '.' && !dot && places == 0:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 18 || frac > fixed.Scale {
		return 0, false
	}
	return fixed.MulCheck(v, fixed.Pow10[fixed.Scale-frac-places])
}

// row returns the Row of a parsed record, reusing the previous row's
// customer and subscription strings while the bytes repeat.
func (c *CSVReader) row(p *csvRow) Row {
	if string(p.cust) != c.lastCust {
		c.lastCust = string(p.cust)
	}
	if string(p.sub) != c.lastSub {
		c.lastSub = string(p.sub)
	}
	return Row{Customer: c.lastCust, Subscription: c.lastSub, Month: p.month, MRR: p.money()}
}

// Rows yields the rows, one pair per record: a Row, or a *metrics.RowError
// naming the record, its line and the bad field, after which reading goes on.
// It checks each record's syntax (the month, the amount, the currency code,
// the fields' number and size) and that the amount is not negative; the
// ledger checks the rest (order, duplicates). A bad header or a failing
// reader ends the stream with an error that is not a bare *metrics.RowError.
// Pass the sequence to Build or BuildSorted: a strict build stops at the
// first error, a lenient one lists the bad records and goes on.
func (c *CSVReader) Rows() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		if err := c.start(""); err != nil {
			yield(Row{}, err)
			return
		}
		var p csvRow
		for {
			ok, err := c.next(&p)
			if !ok {
				if err != nil {
					yield(Row{}, err)
				}
				return
			}
			if err != nil {
				if !yield(Row{}, err) {
					return
				}
				continue
			}
			if !yield(c.row(&p), nil) {
				return
			}
		}
	}
}

// BuildSorted builds the ledger of a CSV sorted by customer then month, as
// BuildSorted(c.Rows(), opts) does, with the same result and errors, without
// making a Row per record: each record's bytes go to the ledger's hot path
// (a new customer string only when the customer changes). When c.Currency
// is empty, amounts without a currency are in opts.Currency.
func (c *CSVReader) BuildSorted(opts Options) (*Ledger, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if err := c.start(b.l.cur); err != nil {
		return nil, err
	}
	fused := c.plain3 && !c.slowOnly && sameCode(c.cur, b.l.cur)
	var p csvRow
	for {
		if fused && b.streak {
			c.hotPlain3(b)
		}
		ok, err := true, error(nil)
		if !c.nextPlain(&p) {
			if ok, err = c.nextSlow(&p); !ok {
				if err != nil {
					return nil, err
				}
				return b.finish()
			}
		}
		b.row++
		if err != nil {
			if err := b.sourceErr(err); err != nil {
				return nil, err
			}
			continue
		}
		same := b.has && string(p.cust) == b.cust
		m := p.month.Index()
		name := b.cust
		pico, cur, inline := p.pico, p.cur, p.plain
		if !inline {
			pico, cur, inline = p.amount()
		}
		if inline && pico > 0 && sameCode(cur, b.l.cur) && (same || string(p.cust) > b.cust) {
			var took bool
			if same && m <= b.hotLast { // hotStep's commonest case, without its call
				one := [1]rec{{month: m, val: pico}}
				took = b.hotRun(one[:]) == 1
			} else {
				if !same {
					name = string(p.cust) // a new customer: its one string
				}
				took = b.hotStep(same, name, m, pico)
			}
			if took {
				b.subs.resetBytes(p.sub)
				continue
			}
		}
		if !same && name == b.cust {
			name = string(p.cust)
		}
		c.lastCust = name // the string made already, not another
		r := c.row(&p)
		if err := b.takeRow(&r, same); err != nil {
			return nil, err
		}
	}
}

// hotPlain3 is BuildSorted's loop over a customer,month,mrr file while the
// streak holds (b.streak): it reads each plain record (scanPlain3) and hands
// it to the hot path — the current customer's next month to hotClose, a
// later customer's first month to hotSwitch, as hotStep would — and stops,
// consuming nothing of it, at the first record that is not plain or that
// the hot path would not take (nextPlain or nextSlow then reads it and
// BuildSorted takes it the general way). Each record it takes passes every
// check BuildSorted's path makes; the reader's and the build's counts of
// records and lines advance as there.
func (c *CSVReader) hotPlain3(b *builder) {
	s := c.s
	if s.maxField < 7 { // scanPlainRest reads no month
		return
	}
	if c.amt.places != c.AmountPlaces { // the cached amount was read otherwise
		c.amt.n, c.amt.places = 0, c.AmountPlaces
	}
	buf, i, end := s.buf[:s.end], s.pos, s.end
	w := &c.words
	if w.cust != b.cust {
		w.set(b.cust, s.maxField)
	}
	var n int64
	for {
		var y, mm, next int
		var p int64
		// The current customer's record: its bytes and comma, two loads;
		// then its month, one more: the bytes of the month after b.month
		// (any other month, or bytes that are not one, end the loop).
		if w.n > 0 && end-i >= 16 && (binary.LittleEndian.Uint64(buf[i:])^w.w0)&w.mask0 == 0 &&
			(binary.LittleEndian.Uint64(buf[i+8:])^w.w1)&w.mask1 == 0 {
			m, j := b.month+1, i+w.n
			e := &c.monthWords[m&63]
			if e.key != m {
				e.key, e.word = m, monthWord(m)
			}
			if end-j < 8 || binary.LittleEndian.Uint64(buf[j:]) != e.word || m > b.hotLast {
				break
			}
			j += 8
			if a := &c.amt; a.n > 0 && end-j >= 8 && (binary.LittleEndian.Uint64(buf[j:])^a.word)&a.mask == 0 {
				p, next = a.p, j+a.n // the bytes scanAmount read last: the same result
				c.amtHits++
			} else {
				if p, next = c.scanAmount(buf, j); next == 0 {
					break
				}
				if n := next - j; n <= 8 && end-j >= 8 {
					a.n, a.mask, a.p = n, ^uint64(0)>>(64-8*n), p
					a.word = binary.LittleEndian.Uint64(buf[j:]) // compared under a.mask
				}
			}
			if p <= 0 {
				break
			}
			b.hotClose(m, p)
		} else {
			var cust []byte
			if cust, y, mm, p, next = c.scanPlain3(buf, i); next == 0 || p <= 0 {
				break
			}
			m := int32(y*12 + mm + 1)
			if string(cust) == b.cust { // a customer custWords does not hold
				if m != b.month+1 || m > b.hotLast {
					break
				}
				b.hotClose(m, p)
			} else if string(cust) < b.cust || !b.hotSwitch(string(cust), m, p) {
				break
			} else {
				w.set(b.cust, s.maxField)
			}
		}
		i = next
		n++
	}
	if n == 0 {
		return
	}
	s.pos = i
	c.line = s.line + n - 1
	s.line += n
	c.record += n
	b.row += n
	c.scanned3 += n
	c.fused += n
	b.subs.resetBytes(nil) // the last record's subscription: none
}

// Build builds the ledger of a CSV in any order, as Build(c.Rows(), opts)
// does, with the same result and errors, without making a Row per record:
// each record's bytes become a compact record (a customer string only for a
// customer not seen before). When c.Currency is empty, amounts without a
// currency are in opts.Currency.
func (c *CSVReader) Build(opts Options) (*Ledger, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if err := c.start(b.l.cur); err != nil {
		return nil, err
	}
	rb := newRecordBuilder(b)
	fast := c.plain3 && !c.slowOnly && sameCode(c.cur, b.l.cur)
	var p csvRow
	for {
		if fast {
			c.recordPlain3(rb)
		}
		ok, err := c.next(&p)
		if !ok {
			if err != nil {
				return nil, err
			}
			return rb.build()
		}
		b.row++
		if err == nil {
			m := p.month.Index()
			if pico, cur, inline := p.amount(); inline && pico >= 0 && len(p.cust) > 0 && m >= b.lo && m <= b.hi && sameCode(cur, b.l.cur) {
				err = rb.addFast(p.cust, p.sub, m, pico) // the fields check passes: see builder.check
			} else {
				r := c.row(&p)
				err = rb.addRow(&r)
			}
		}
		if err != nil {
			if err := b.sourceErr(err); err != nil {
				return nil, err
			}
		}
	}
}

// recordPlain3 is Build's loop over a customer,month,mrr file: it reads
// each plain record (scanPlain3) and keeps it as addFast would — its amount
// is in the reporting currency and not negative, its customer not empty —
// and stops, consuming nothing of it, at the first record that is not plain
// or whose month is not within the span accepted so far (Build then reads
// it and takes it the general way). The reader's and the build's counts of
// records and lines advance as there.
func (c *CSVReader) recordPlain3(rb *recordBuilder) {
	s, b := c.s, rb.b
	buf, i := s.buf[:s.end], s.pos
	row0, row := b.row, b.row
	// addPico refuses a row beyond math.MaxUint32: the general path's error.
	for row < math.MaxUint32 {
		cust, y, mm, p, next := c.scanPlain3(buf, i)
		if next == 0 {
			break
		}
		m := int32(y*12 + mm + 1) // the month's Index
		if m < b.lo || m > b.hi {
			break
		}
		id := rb.lastID
		if string(cust) != rb.lastCust || rb.n == 0 {
			id = rb.customer("", cust)
		}
		row++
		b.row = row
		rb.addPico(id, 0, m, p) // row ≤ math.MaxUint32: no error
		i = next
	}
	n := row - row0
	if n == 0 {
		return
	}
	s.pos = i
	c.line = s.line + n - 1
	s.line += n
	c.record += n
	c.scanned3 += n
	c.recorded += n
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
// "once"). An unknown column is an error. Fields are bounded as CSVReader's
// (DefaultMaxFieldBytes).
type SubscriptionCSVReader struct {
	s      *csvScanner
	cols   map[string]int
	width  int
	record int64
	line   int64
}

// NewSubscriptionCSVReader returns a reader of r.
func NewSubscriptionCSVReader(r io.Reader) *SubscriptionCSVReader {
	return &SubscriptionCSVReader{s: newCSVScanner(r, 0)}
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

// header reads the header row and checks the columns. Its error wraps a
// *metrics.RowError for its line: the stream cannot go on.
func (c *SubscriptionCSVReader) header() error {
	fail := func(line int64, err error) error {
		return fmt.Errorf("mrr: CSV header: %w", &metrics.RowError{Line: line, Field: "header", Err: err})
	}
	rec, line, err := c.s.next()
	switch {
	case err != nil:
		var re *metrics.RowError
		if errors.As(err, &re) {
			return fail(line, re.Err)
		}
		return fmt.Errorf("mrr: CSV header: %w", err)
	case rec == nil:
		return fail(1, fmt.Errorf("%w: no header", metrics.ErrInvalid))
	case c.s.badField >= 0:
		return fail(line, fmt.Errorf("%w: a column name longer than %d bytes", metrics.ErrOutOfRange, c.s.maxField))
	case len(rec) > maxColumns:
		return fail(line, fmt.Errorf("%w: %d columns, at most %d", metrics.ErrOutOfRange, len(rec), maxColumns))
	}
	c.width = len(rec)
	c.s.setColumns(c.width)
	c.cols = map[string]int{}
	for i, f := range rec {
		name := normalColumn(string(f))
		if !slicesContains(subscriptionColumns, name) {
			return fail(line, fmt.Errorf("%w: unknown column %q", metrics.ErrInvalid, name))
		}
		if _, dup := c.cols[name]; dup {
			return fail(line, fmt.Errorf("%w: column %q twice", metrics.ErrDuplicate, name))
		}
		c.cols[name] = i
	}
	for _, col := range subscriptionColumns[:6] {
		if _, ok := c.cols[col]; !ok {
			return fail(line, fmt.Errorf("%w: column %q", metrics.ErrMissing, col))
		}
	}
	return nil
}

// Subscriptions yields the records, one pair per CSV record: a valid
// Subscription, or a *metrics.RowError naming the record, its line and the
// bad field (syntax, or a rule of Subscription.Validate), after which reading
// goes on. A bad header or a failing reader ends the stream with an error
// that is not a bare *metrics.RowError. Pass the sequence to
// FromSubscriptions or Expand.
func (c *SubscriptionCSVReader) Subscriptions() iter.Seq2[Subscription, error] {
	return func(yield func(Subscription, error) bool) {
		if c.cols == nil {
			if err := c.header(); err != nil {
				yield(Subscription{}, err)
				return
			}
		}
		for {
			rec, line, err := c.s.next()
			if rec == nil && err == nil {
				return
			}
			c.record++
			c.line = line
			if err != nil {
				re, ok := err.(*metrics.RowError)
				if !ok {
					yield(Subscription{}, err)
					return
				}
				out := *re
				out.Record = c.record
				if !yield(Subscription{}, &out) {
					return
				}
				continue
			}
			if !yield(c.subscription(rec)) {
				return
			}
		}
	}
}

// subscription parses and validates one record.
func (c *SubscriptionCSVReader) subscription(rec [][]byte) (Subscription, error) {
	bad := func(s *Subscription, field string, err error) (Subscription, error) {
		re := subErr(s, field, err)
		re.Record, re.Line = c.record, c.line
		return Subscription{}, re
	}
	if len(rec) != c.width {
		return Subscription{}, &metrics.RowError{Record: c.record, Line: c.line, Err: fmt.Errorf("%w: %d fields, header has %d", metrics.ErrInvalid, len(rec), c.width)}
	}
	get := func(col string) string {
		if i, ok := c.cols[col]; ok {
			return string(rec[i])
		}
		return ""
	}
	if b := c.s.badField; b >= 0 {
		s := Subscription{Customer: get("customer"), ID: get("subscription")}
		for name, i := range c.cols {
			if i == b {
				return bad(&s, name, fmt.Errorf("%w: longer than %d bytes", metrics.ErrOutOfRange, c.s.maxField))
			}
		}
	}
	s, field, err := parseSubscription(get)
	if err != nil {
		return bad(&s, field, err)
	}
	if verr := s.Validate(); verr != nil {
		re := verr.(*metrics.RowError)
		re.Record, re.Line = c.record, c.line
		return Subscription{}, re
	}
	return s, nil
}

// parseSubscription parses one record, returning the bad field on error.
func parseSubscription(get func(string) string) (Subscription, string, error) {
	s := Subscription{Customer: get("customer"), ID: get("subscription"), Plan: get("plan")}
	amt, err := metrics.ParseMoney(get("amount"), get("currency"))
	if err != nil {
		var ve *metrics.ValueError
		if errors.As(err, &ve) && strings.HasPrefix(ve.Input, "currency") {
			return s, "currency", err
		}
		return s, "amount", err
	}
	s.Amount = amt
	if q := get("quantity"); q != "" {
		if s.Quantity, err = strconv.ParseInt(q, 10, 64); err != nil {
			return s, "quantity", fmt.Errorf("%w: %q", metrics.ErrInvalid, q)
		}
	}
	count, unit, ok := strings.Cut(get("interval"), " ")
	n, err := strconv.Atoi(count)
	u, known := csvUnits[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(unit)), "s")]
	if !ok || err != nil || !known {
		return s, "interval", fmt.Errorf("%w: %q, want such as \"1 month\"", metrics.ErrInvalid, get("interval"))
	}
	s.Interval = Interval{Count: n, Unit: u}
	for _, f := range []struct {
		col string
		dst *time.Time
	}{{"start", &s.Start}, {"end", &s.End}, {"cancelled_at", &s.CancelledAt}, {"trial_end", &s.TrialEnd}} {
		if *f.dst, err = parseDate(get(f.col)); err != nil {
			return s, f.col, err
		}
	}
	var known2 bool
	if s.Status, known2 = csvStatus[strings.ToLower(get("status"))]; !known2 {
		return s, "status", fmt.Errorf("%w: %q", metrics.ErrInvalid, get("status"))
	}
	if s.Charge, known2 = csvCharge[strings.ToLower(get("charge"))]; !known2 {
		return s, "charge", fmt.Errorf("%w: %q", metrics.ErrInvalid, get("charge"))
	}
	if p := get("discount_percent"); p != "" {
		pv, err := metrics.ParseRatio(p + "%")
		if err != nil {
			return s, "discount_percent", err
		}
		d := Discount{Percent: pv}
		switch months := strings.ToLower(get("discount_months")); months {
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
