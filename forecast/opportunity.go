package forecast

import (
	"fmt"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Opportunity is one deal in a sales pipeline, as a CRM exports it.
// Amounts are non-negative money in the roll-up's currency, the probability
// lies in [0, 1], and the dates are calendar dates: Created's and Close's
// dates in their own locations (the time of day is ignored), Close on or
// after Created.
type Opportunity struct {
	ID          string        // unique ID; required
	Account     string        // the account (customer) it belongs to
	Owner       string        // the rep who owns it; required
	Manager     string        // the owner's manager, for roll-ups up the hierarchy
	Segment     string        // such as "SMB", "Mid-market", "Enterprise"
	Type        Type          // new business, expansion or renewal
	Amount      metrics.Money // the deal's amount, ≥ 0
	Stage       string        // the sales stage; must be one of the policy's stages when it lists any
	Probability metrics.Ratio // the chance to close, in [0, 1] (the CRM's, usually the stage's default)
	Created     time.Time     // when it was created; required
	Close       time.Time     // the (expected) close date; required, not before Created
	Status      Status        // open, won or lost
	Reason      string        // why it was won or lost (the loss reason); may be empty
	Category    Category      // a manual forecast category overriding the policy; zero for none
}

// Type is an opportunity's type. The zero value is TypeUnspecified.
type Type uint8

// The opportunity types.
const (
	TypeUnspecified Type = iota // not given
	TypeNewBusiness             // a new customer
	TypeExpansion               // more from an existing customer (upsell, cross-sell)
	TypeRenewal                 // renewing an existing contract
)

var typeNames = [...]string{"unspecified", "new business", "expansion", "renewal"}

// String returns "unspecified", "new business", "expansion" or "renewal".
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Status is whether an opportunity is open, won or lost. The zero value is
// Open.
type Status uint8

// The opportunity statuses.
const (
	StatusOpen Status = iota // still being worked
	StatusWon                // closed and won
	StatusLost               // closed and lost
)

var statusNames = [...]string{"open", "won", "lost"}

// String returns "open", "won" or "lost".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// maxDays bounds whole-day counts between two valid dates (0001-01-01 to
// 9999-12-31 is 3,652,058 days).
const maxDays = 3_652_059

// civilDay returns the number of days from 1970-01-01 to the date (y, m, d)
// of the proleptic Gregorian calendar, for years 1–9999 (Howard Hinnant's
// days_from_civil; years from 1 on keep every quotient non-negative).
func civilDay(y int, m time.Month, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	yoe := yy - era*400
	mp := (int64(m) + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilDate is civilDay's inverse: the year and month of day number z, for
// years 1–9999 (Howard Hinnant's civil_from_days; from 0001-01-01 on, z +
// 719468 is positive).
func civilDate(z int64) (int, time.Month) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return int(y), time.Month(m)
}

// minUnix and maxUnix bound the Unix seconds of years 1–9999.
const (
	minUnix = -62135596800 // 0001-01-01T00:00:00Z
	maxUnix = 253402300799 // 9999-12-31T23:59:59Z
)

// dayNum returns t's date (in its location) as a civil day number, or false
// when its year lies outside 1–9999. A time in UTC takes a short path
// through its Unix seconds.
func dayNum(t time.Time) (int64, bool) {
	if t.Location() == time.UTC {
		u := t.Unix()
		if u < minUnix || u > maxUnix {
			return 0, false
		}
		if u < 0 {
			return (u - 86399) / 86400, true // floor
		}
		return u / 86400, true
	}
	y, m, d := t.Date()
	if y < 1 || y > 9999 {
		return 0, false
	}
	return civilDay(y, m, d), true
}

// monthOfDay returns the month of a civil day number of years 1–9999.
func monthOfDay(day int64) metrics.Month {
	y, m := civilDate(day)
	mo, _ := metrics.NewMonth(y, m) // in range: cannot fail
	return mo
}

// dayOf returns t's civil day number and month, or false when its year lies
// outside 1–9999.
func dayOf(t time.Time) (int64, metrics.Month, bool) {
	day, ok := dayNum(t)
	if !ok {
		return 0, metrics.Month{}, false
	}
	return day, monthOfDay(day), true
}

// checked is what validation learns about an opportunity on the way: its
// created and close dates as civil days, and the close date's month.
type checked struct {
	created, close int64
	closeMonth     metrics.Month
}

// rowErr builds the *metrics.RowError of opportunity o at 1-based record i.
func rowErr(o *Opportunity, i int64, month metrics.Month, field string, err error) *metrics.RowError {
	return &metrics.RowError{Record: i, Entity: "opportunity", ID: o.ID, Month: month, Field: field, Err: err}
}

// validate checks o's own fields (not its stage or category against a
// policy, nor its currency against a roll-up's) and returns its dates, or a
// *metrics.RowError naming o at record i; monthOf gives a day's month.
func validate(o *Opportunity, i int64, monthOf func(int64) metrics.Month) (checked, *metrics.RowError) {
	var c checked
	switch {
	case o.ID == "":
		return c, rowErr(o, i, metrics.Month{}, "id", metrics.ErrMissing)
	case o.Owner == "":
		return c, rowErr(o, i, metrics.Month{}, "owner", metrics.ErrMissing)
	case o.Type > TypeRenewal:
		return c, rowErr(o, i, metrics.Month{}, "type", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Type))
	case o.Status > StatusLost:
		return c, rowErr(o, i, metrics.Month{}, "status", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Status))
	case o.Category > CategoryOmitted:
		return c, rowErr(o, i, metrics.Month{}, "category", fmt.Errorf("%w: %s", metrics.ErrInvalid, o.Category))
	case o.Created.IsZero():
		return c, rowErr(o, i, metrics.Month{}, "created", metrics.ErrMissing)
	case o.Close.IsZero():
		return c, rowErr(o, i, metrics.Month{}, "close", metrics.ErrMissing)
	}
	var ok bool
	if c.created, ok = dayNum(o.Created); !ok {
		return c, rowErr(o, i, metrics.Month{}, "created", fmt.Errorf("%w: year %d not in 1–9999", metrics.ErrOutOfRange, o.Created.Year()))
	}
	if c.close, ok = dayNum(o.Close); !ok {
		return c, rowErr(o, i, metrics.Month{}, "close", fmt.Errorf("%w: year %d not in 1–9999", metrics.ErrOutOfRange, o.Close.Year()))
	}
	c.closeMonth = monthOf(c.close)
	if c.close < c.created {
		return c, rowErr(o, i, c.closeMonth, "close", fmt.Errorf("%w: close date %s before created %s", metrics.ErrInvalid,
			o.Close.Format(time.DateOnly), o.Created.Format(time.DateOnly)))
	}
	if o.Amount.Sign() < 0 {
		return c, rowErr(o, i, c.closeMonth, "amount", fmt.Errorf("%w: %s", metrics.ErrNegative, o.Amount))
	}
	return c, nil
}

// checkProbability checks that p lies in [0, 1].
func checkProbability(p metrics.Ratio) error {
	if p.Sign() < 0 || p.Cmp(one) > 0 {
		return fmt.Errorf("%w: %s not in [0%%, 100%%]", metrics.ErrOutOfRange, p)
	}
	return nil
}

// one is the ratio 1 (never mutated: Ratio values are immutable).
var one = metrics.RatioFromInt(1)
