package mrr

// Subscription records: the first entry point of the revenue ledger.

import (
	"fmt"
	"strconv"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// IntervalUnit is the unit of a billing interval.
type IntervalUnit uint8

// The interval units. The zero value is invalid, so a record that forgot its
// interval is reported, never read as monthly.
const (
	IntervalDay IntervalUnit = iota + 1
	IntervalWeek
	IntervalMonth
	IntervalYear
)

var intervalUnitNames = [...]string{"", "day", "week", "month", "year"}

// String returns "day", "week", "month" or "year".
func (u IntervalUnit) String() string {
	if u > 0 && int(u) < len(intervalUnitNames) {
		return intervalUnitNames[u]
	}
	return fmt.Sprintf("IntervalUnit(%d)", uint8(u))
}

// Interval is a billing interval: Count units (12 months, 1 year, 2 weeks).
type Interval struct {
	Count int          // how many units; at least 1
	Unit  IntervalUnit // day, week, month or year
}

// SubscriptionStatus is a subscription's state when the data was exported.
type SubscriptionStatus uint8

// The statuses. Dates, not the status, decide most months: see Subscription.
const (
	StatusActive    SubscriptionStatus = iota // paying (the zero value)
	StatusTrialing                            // in a trial that has not converted: 0 MRR in every month
	StatusPastDue                             // payment failed; see Conventions.PastDueGraceDays
	StatusPaused                              // paused from PausedFrom; see Conventions.Paused
	StatusCancelled                           // cancelled: End (or CancelledAt) says when it stops counting
)

// ChargeKind says whether a charge is recurring revenue at all.
type ChargeKind uint8

// The charge kinds; only Recurring counts in MRR (ChartMogul, Stripe Billing).
const (
	ChargeRecurring ChargeKind = iota // a licence fee billed every interval (the zero value)
	ChargeOneOff                      // a setup or one-time fee: never MRR
	ChargeMetered                     // usage billed in arrears: never MRR
	ChargeFree                        // a free plan: never MRR
)

// DiscountDuration says how long a discount applies.
type DiscountDuration uint8

// The discount durations (Stripe's coupon durations).
const (
	DiscountForever   DiscountDuration = iota // every month from the discount's start
	DiscountRepeating                         // Months months from the discount's start
	DiscountOnce                              // the first invoice: one billing period (see Subscription.MRR)
)

// Discount reduces a subscription's amount: by Percent of the list amount or
// by a fixed Amount per billing interval (set one of the two).
type Discount struct {
	Percent  metrics.Ratio    // share of the list amount, in [0, 1]
	Amount   metrics.Money    // fixed amount off each billing interval, in the subscription's currency
	Duration DiscountDuration // forever, repeating or once
	Months   int              // months a Repeating discount lasts; at least 1
	Start    time.Time        // when it starts; zero means the subscription's Start
}

// Subscription is one subscription record. Amount is the list price per
// billing interval and per unit, before discounts and tax.
//
// Which months it counts in (Conventions.MonthRule; by default the
// month-end snapshot): month m counts when the subscription is active at the
// end of m, that is Start is before the first instant of m+1 and the
// effective end is zero or not before it (MonthFirstDayInside is dbt's
// first-day rule instead). The
// effective end is End, or CancelledAt under ChurnAtCancellation when that is
// earlier; for PastDue, End plus Conventions.PastDueGraceDays when those are
// set. A subscription that starts and ends within one month never shows in
// MRR. Months are calendar months in UTC.
type Subscription struct {
	Customer    string             // customer ID; required
	ID          string             // subscription ID; required, unique per customer
	Plan        string             // plan name (informational)
	Amount      metrics.Money      // list price per billing interval per unit, ≥ 0, with a currency
	Quantity    int64              // units (seats); 0 means 1
	Interval    Interval           // the billing interval
	Start       time.Time          // when the subscription began (a trial included); required
	End         time.Time          // end of the paid period or subscription, exclusive; zero = open-ended
	CancelledAt time.Time          // when the customer cancelled; zero when not cancelled
	TrialEnd    time.Time          // when paying began after a trial: a month still in trial at its end is 0 MRR; zero = no trial
	PausedFrom  time.Time          // for Paused: when the pause began
	Status      SubscriptionStatus // status at export
	Charge      ChargeKind         // recurring, one-off, metered or free
	Discounts   []Discount         // discounts, each with its own duration
}

// MaxDiscounts bounds a subscription's discounts.
const MaxDiscounts = 64

// boundedDecimal reports whether d's exponent lies within ±metrics.MaxScale
// (1,000): the amounts the ledger computes with stay small.
func boundedDecimal(d decimal.Decimal) bool {
	return d.Exponent() >= -metrics.MaxScale && d.Exponent() <= metrics.MaxScale
}

// boundedRatio reports whether r's numerator and denominator are at most
// about 1,000 digits each (3,400 bits), the size of a decimal within the
// exponent bound, so that arithmetic with it stays cheap.
func boundedRatio(r metrics.Ratio) bool {
	num, den := r.Fraction()
	return num.Coefficient().BitLen() <= 3400 && den.Coefficient().BitLen() <= 3400
}

// subErr builds a *metrics.RowError for a subscription field (its record
// number is the caller's to set).
func subErr(s *Subscription, field string, err error) *metrics.RowError {
	re := &metrics.RowError{Entity: "customer", ID: s.Customer, Field: field, Err: err}
	if s.ID != "" {
		re.Detail = "subscription " + strconv.Quote(s.ID)
	}
	return re
}

// Validate checks a record and returns a *metrics.RowError naming the first
// bad field (its Record is 0: the caller knows where the record came from):
// an empty customer or ID or currency, or a zero Start, is
// metrics.ErrMissing; an interval with Count outside 1–10,000 or an unknown
// unit, an End or CancelledAt before Start, an unknown status or charge is
// metrics.ErrInvalid; a negative amount or quantity metrics.ErrNegative; a
// percent discount outside [0, 1] (or with a numerator or denominator of
// more than about 1,000 digits), a DiscountRepeating discount without
// months, an amount or discount amount whose exponent lies beyond ±1,000,
// or more than MaxDiscounts discounts metrics.ErrOutOfRange; a discount
// amount in another currency a *metrics.MismatchError; StatusPaused without
// PausedFrom metrics.ErrMissing.
func (s Subscription) Validate() error {
	switch {
	case s.Customer == "":
		return subErr(&s, "customer", metrics.ErrMissing)
	case s.ID == "":
		return subErr(&s, "id", metrics.ErrMissing)
	case s.Amount.Currency() == "":
		return subErr(&s, "currency", metrics.ErrMissing)
	case s.Amount.Sign() < 0:
		return subErr(&s, "amount", metrics.ErrNegative)
	case !boundedDecimal(s.Amount.Amount()):
		return subErr(&s, "amount", fmt.Errorf("%w: exponent beyond ±%d", metrics.ErrOutOfRange, metrics.MaxScale))
	case s.Quantity < 0:
		return subErr(&s, "quantity", metrics.ErrNegative)
	case s.Interval.Count < 1 || s.Interval.Count > 10_000:
		return subErr(&s, "interval", fmt.Errorf("%w: count %d", metrics.ErrInvalid, s.Interval.Count))
	case s.Interval.Unit < IntervalDay || s.Interval.Unit > IntervalYear:
		return subErr(&s, "interval", fmt.Errorf("%w: unit %s", metrics.ErrInvalid, s.Interval.Unit))
	case s.Start.IsZero():
		return subErr(&s, "start", metrics.ErrMissing)
	case metrics.MonthOf(s.Start.UTC()).IsZero():
		return subErr(&s, "start", fmt.Errorf("%w: year %d outside 1–9999", metrics.ErrOutOfRange, s.Start.UTC().Year()))
	case !s.End.IsZero() && s.End.Before(s.Start):
		return subErr(&s, "end", fmt.Errorf("%w: end before start", metrics.ErrInvalid))
	case !s.CancelledAt.IsZero() && s.CancelledAt.Before(s.Start):
		return subErr(&s, "cancelled_at", fmt.Errorf("%w: cancelled before start", metrics.ErrInvalid))
	case s.Status > StatusCancelled:
		return subErr(&s, "status", metrics.ErrInvalid)
	case s.Charge > ChargeFree:
		return subErr(&s, "charge", metrics.ErrInvalid)
	case s.Status == StatusPaused && s.PausedFrom.IsZero():
		return subErr(&s, "paused_from", metrics.ErrMissing)
	case len(s.Discounts) > MaxDiscounts:
		return subErr(&s, "discounts", fmt.Errorf("%w: %d discounts, at most %d", metrics.ErrOutOfRange, len(s.Discounts), MaxDiscounts))
	}
	for i, d := range s.Discounts {
		field := fmt.Sprintf("discounts[%d]", i)
		switch {
		case !boundedRatio(d.Percent) || d.Percent.Sign() < 0 || d.Percent.Cmp(metrics.RatioFromInt(1)) > 0:
			return subErr(&s, field+".percent", metrics.ErrOutOfRange)
		case d.Amount.Sign() < 0:
			return subErr(&s, field+".amount", metrics.ErrNegative)
		case !boundedDecimal(d.Amount.Amount()):
			return subErr(&s, field+".amount", fmt.Errorf("%w: exponent beyond ±%d", metrics.ErrOutOfRange, metrics.MaxScale))
		case d.Amount.Currency() != "" && d.Amount.Currency() != s.Amount.Currency():
			return subErr(&s, field+".amount", &metrics.MismatchError{A: s.Amount.Currency(), B: d.Amount.Currency()})
		case d.Duration > DiscountOnce:
			return subErr(&s, field+".duration", metrics.ErrInvalid)
		case d.Duration == DiscountRepeating && d.Months < 1:
			return subErr(&s, field+".months", metrics.ErrOutOfRange)
		}
	}
	return nil
}
