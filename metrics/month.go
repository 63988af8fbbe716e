package metrics

import (
	"fmt"
	"strconv"
	"time"
)

// Month is a calendar month such as 2024-08: comparable with == and usable as a
// map key, ordered with Before/After/Compare, parsed by ParseMonth. The zero
// value means "no month" (IsZero); valid months run from 0001-01 to 9999-12.
type Month struct {
	n int32 // year*12 + month-1, plus 1 so that the zero value is "no month"
}

const (
	minMonthN = 1*12 + 0 + 1     // 0001-01
	maxMonthN = 9999*12 + 11 + 1 // 9999-12
)

// NewMonth returns the month of year y. It returns a *ValueError wrapping
// ErrOutOfRange for a year outside 1–9999 or a month outside 1–12.
func NewMonth(year int, month time.Month) (Month, error) {
	if year < 1 || year > 9999 || month < time.January || month > time.December {
		return Month{}, valueErr("NewMonth", fmt.Sprintf("%04d-%02d", year, int(month)), ErrOutOfRange)
	}
	return Month{n: int32(year*12 + int(month) - 1 + 1)}, nil
}

// MonthOf returns the calendar month of t in t's location (zero for a year
// outside 1–9999).
func MonthOf(t time.Time) Month {
	m, _ := NewMonth(t.Year(), t.Month())
	return m
}

// ParseMonth parses "YYYY-MM", such as "2024-08". Malformed text is a
// *ValueError wrapping ErrInvalid; a year 0000 or a month outside 01–12 one
// wrapping ErrOutOfRange.
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return Month{}, valueErr("ParseMonth", strconv.Quote(s)+" (want YYYY-MM)", ErrInvalid)
	}
	y, err1 := strconv.ParseUint(s[:4], 10, 16)
	m, err2 := strconv.ParseUint(s[5:], 10, 8)
	if err1 != nil || err2 != nil {
		return Month{}, valueErr("ParseMonth", strconv.Quote(s)+" (want YYYY-MM)", ErrInvalid)
	}
	return NewMonth(int(y), time.Month(m))
}

// IsZero reports whether m is the zero "no month".
func (m Month) IsZero() bool { return m.n == 0 }

// Year returns the year (0 for the zero Month).
func (m Month) Year() int {
	if m.IsZero() {
		return 0
	}
	return int(m.n-1) / 12
}

// Month returns the month of the year (0 for the zero Month).
func (m Month) Month() time.Month {
	if m.IsZero() {
		return 0
	}
	return time.Month(int(m.n-1)%12 + 1)
}

// Add returns the month n months later (earlier for negative n). The result
// saturates at the range's ends (0001-01 and 9999-12), for any n: it never
// wraps. Adding to the zero Month returns it unchanged. Use AddChecked to
// learn that a result would leave the range.
func (m Month) Add(n int) Month {
	out, _ := m.AddChecked(n)
	return out
}

// AddChecked returns the month n months later and whether it lies within
// 0001-01..9999-12; when it does not, the month returned is the range's end
// that it passed (as Add). Adding to the zero Month returns it and true.
func (m Month) AddChecked(n int) (Month, bool) {
	if m.IsZero() {
		return m, true
	}
	const span = maxMonthN - minMonthN
	switch {
	case n > span, n < -span: // beyond the whole range, whatever m is (and no overflow below)
		if n > 0 {
			return Month{n: maxMonthN}, false
		}
		return Month{n: minMonthN}, false
	}
	v := int64(m.n) + int64(n)
	switch {
	case v > maxMonthN:
		return Month{n: maxMonthN}, false
	case v < minMonthN:
		return Month{n: minMonthN}, false
	}
	return Month{n: int32(v)}, true
}

// Sub returns the number of months from o to m (m − o): 2024-03 minus 2023-12 is 3.
func (m Month) Sub(o Month) int { return int(m.n - o.n) }

// Equal reports whether m and o are the same month (as ==; go-cmp uses it).
func (m Month) Equal(o Month) bool { return m == o }

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool { return m.n < o.n }

// After reports whether m is later than o.
func (m Month) After(o Month) bool { return m.n > o.n }

// Compare returns -1, 0 or +1 as m is before, equal to or after o (for
// slices.SortFunc).
func (m Month) Compare(o Month) int { return cmpInt64(int64(m.n), int64(o.n)) }

// Index returns a dense integer for m that orders and subtracts as months do
// (Index of 2024-03 minus Index of 2023-12 is 3): for arrays and radix sorts
// keyed by month. The zero Month has index 0; valid months lie in
// 13..120000.
func (m Month) Index() int32 { return m.n }

// Start returns the first instant of the month in loc (UTC when nil).
func (m Month) Start(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc)
}

// Quarter returns the calendar quarter that holds m.
func (m Month) Quarter() Quarter {
	if m.IsZero() {
		return Quarter{}
	}
	return Quarter{n: int32(m.Year()*4 + (int(m.Month())-1)/3 + 1)}
}

// String returns "YYYY-MM", or "" for the zero Month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month()))
}

// MarshalText writes "YYYY-MM" (empty for the zero Month); JSON uses it.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "YYYY-MM"; empty text gives the zero Month.
func (m *Month) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = Month{}
		return nil
	}
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Quarter is a calendar quarter such as 2024-Q3. The zero value means "no
// quarter".
type Quarter struct {
	n int32 // year*4 + quarter-1, plus 1
}

// NewQuarter returns quarter q (1–4) of year (1–9999), or a *ValueError
// wrapping ErrOutOfRange.
func NewQuarter(year, q int) (Quarter, error) {
	if year < 1 || year > 9999 || q < 1 || q > 4 {
		return Quarter{}, valueErr("NewQuarter", fmt.Sprintf("%04d-Q%d", year, q), ErrOutOfRange)
	}
	return Quarter{n: int32(year*4 + q - 1 + 1)}, nil
}

// ParseQuarter parses "YYYY-Qn", such as "2024-Q3".
func ParseQuarter(s string) (Quarter, error) {
	if len(s) != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') {
		return Quarter{}, valueErr("ParseQuarter", strconv.Quote(s)+" (want YYYY-Qn)", ErrInvalid)
	}
	y, err1 := strconv.ParseUint(s[:4], 10, 16)
	q, err2 := strconv.ParseUint(s[6:], 10, 8)
	if err1 != nil || err2 != nil {
		return Quarter{}, valueErr("ParseQuarter", strconv.Quote(s)+" (want YYYY-Qn)", ErrInvalid)
	}
	return NewQuarter(int(y), int(q))
}

// IsZero reports whether q is the zero "no quarter".
func (q Quarter) IsZero() bool { return q.n == 0 }

// Year returns the quarter's year.
func (q Quarter) Year() int {
	if q.IsZero() {
		return 0
	}
	return int(q.n-1) / 4
}

// Number returns 1–4 (0 for the zero Quarter).
func (q Quarter) Number() int {
	if q.IsZero() {
		return 0
	}
	return int(q.n-1)%4 + 1
}

// First returns the quarter's first month.
func (q Quarter) First() Month {
	if q.IsZero() {
		return Month{}
	}
	m, _ := NewMonth(q.Year(), time.Month((q.Number()-1)*3+1))
	return m
}

// Last returns the quarter's last month.
func (q Quarter) Last() Month { return q.First().Add(2) }

// Months returns the quarter's three months in order.
func (q Quarter) Months() [3]Month {
	f := q.First()
	return [3]Month{f, f.Add(1), f.Add(2)}
}

// Add returns the quarter n quarters later (earlier for negative n),
// saturating at 0001-Q1 and 9999-Q4 for any n (it never wraps).
func (q Quarter) Add(n int) Quarter {
	if q.IsZero() {
		return q
	}
	const lo, hi = 1*4 + 1, 9999*4 + 3 + 1
	n = min(max(n, lo-hi), hi-lo)
	v := int64(q.n) + int64(n)
	v = min(max(v, lo), hi)
	return Quarter{n: int32(v)}
}

// Sub returns the number of quarters from o to q (q − o).
func (q Quarter) Sub(o Quarter) int { return int(q.n - o.n) }

// Before reports whether q is earlier than o.
func (q Quarter) Before(o Quarter) bool { return q.n < o.n }

// After reports whether q is later than o.
func (q Quarter) After(o Quarter) bool { return q.n > o.n }

// Compare returns -1, 0 or +1 as q is before, equal to or after o.
func (q Quarter) Compare(o Quarter) int { return cmpInt64(int64(q.n), int64(o.n)) }

// Equal reports whether q and o are the same quarter (as ==; go-cmp uses it).
func (q Quarter) Equal(o Quarter) bool { return q == o }

// String returns "YYYY-Qn", or "" for the zero Quarter.
func (q Quarter) String() string {
	if q.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-Q%d", q.Year(), q.Number())
}

// MarshalText writes "YYYY-Qn" (empty for the zero Quarter).
func (q Quarter) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads "YYYY-Qn"; empty text gives the zero Quarter.
func (q *Quarter) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*q = Quarter{}
		return nil
	}
	v, err := ParseQuarter(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}
