package mrr

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// MovementKind classifies a customer-month against the month before. Every
// customer-month from a customer's first paid month on is in exactly one
// class: New, Expansion, Contraction, Retained, Churn, Reactivation or
// Inactive. FX is not a class: it is the exchange-rate part of a paying
// customer's change, logged beside the class.
type MovementKind uint8

// The movement kinds.
const (
	MovementNew          MovementKind = iota + 1 // first paid month (or new again, see Conventions)
	MovementExpansion                            // paid both months, more now (FX excluded)
	MovementContraction                          // paid both months, less now (FX excluded)
	MovementRetained                             // paid both months, same native amount
	MovementChurn                                // paid → 0
	MovementReactivation                         // 0 → paid, having paid before
	MovementInactive                             // 0 → 0, having paid before
	MovementFX                                   // the exchange-rate effect (not a class)
)

var movementKindNames = [...]string{"", "new", "expansion", "contraction", "retained", "churn", "reactivation", "inactive", "fx"}

// String returns the kind's name, such as "contraction".
func (k MovementKind) String() string {
	if k > 0 && int(k) < len(movementKindNames) {
		return movementKindNames[k]
	}
	return fmt.Sprintf("MovementKind(%d)", uint8(k))
}

// MarshalText writes the kind's name.
func (k MovementKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Movement is one customer's movement in one month: the class (or FX), the
// converted MRR before (From, the month before) and after (To), and Amount,
// the movement's size: To for new and reactivation, From for churn, the
// change net of FX for expansion and contraction (positive for both), 0 for
// retained, and the signed exchange-rate effect for FX.
type Movement struct {
	Customer string        // the customer who moved
	Month    metrics.Month // the month of the movement
	Kind     MovementKind  // the movement's class
	From, To metrics.Money // MRR the month before and this month
	Amount   metrics.Money // the movement's amount (see above)
}

// Movements returns the customers' movements of kind in month m, sorted by
// customer ("which customers drove this month's contraction?"). Churn is
// logged in the month after the last paid month and returned only when that
// month is within the span. It needs Options.KeepLog (else
// metrics.ErrMissing); MovementInactive is not logged (metrics.ErrInvalid); a
// month outside the span is metrics.ErrUnknownMonth.
func (l *Ledger) Movements(m metrics.Month, kind MovementKind) ([]Movement, error) {
	switch {
	case !l.opts.KeepLog:
		return nil, errNoLog("movements")
	case kind == MovementInactive || kind == 0 || kind > MovementFX:
		return nil, metrics.NewMetricError("ledger", "kind", fmt.Errorf("%w: %s is not logged", metrics.ErrInvalid, kind))
	}
	if _, ok := l.index(m); !ok {
		return nil, l.unknown(m)
	}
	var out []Movement
	for _, mv := range l.log {
		if mv.Month == m && mv.Kind == kind {
			out = append(out, mv)
		}
	}
	slices.SortFunc(out, func(a, b Movement) int { return strings.Compare(a.Customer, b.Customer) })
	return out, nil
}

// Log ranges over the movement log in the order the build wrote it: each
// customer's movements month by month, customers in ID order (as
// strings.Compare: Build sorts them so; BuildSorted takes them so; after
// Merge, the receiver's, then the other's). Every logged class is there
// (new, expansion, contraction, retained, churn, reactivation, and FX beside
// the class); inactive months are not. The churn of a customer paying in
// the span's last month is logged in the month after it, outside the span
// (Movements does not return it): a Merge with a shard that runs longer
// makes it count. It needs Options.KeepLog (else metrics.ErrMissing). The
// cohort package reads it.
func (l *Ledger) Log() (iter.Seq[Movement], error) {
	if !l.opts.KeepLog {
		return nil, errNoLog("log")
	}
	return func(yield func(Movement) bool) {
		for _, mv := range l.log {
			if !yield(mv) {
				return
			}
		}
	}, nil
}

// errNoLog is the error of a method that needs the movement log.
func errNoLog(input string) error {
	return metrics.NewMetricError("ledger", input, fmt.Errorf("%w: build the ledger with Options.KeepLog to keep the movement log", metrics.ErrMissing))
}
