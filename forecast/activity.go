package forecast

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Activity is one logged sales activity: a call, meeting, email, demo or
// proposal.
type Activity struct {
	ID          string    // the activity's ID, for errors; may be empty
	Owner       string    // the rep who did it; required
	Kind        string    // such as "call", "meeting", "email", "demo"; required
	At          time.Time // when; required
	Opportunity string    // the opportunity it worked, if any
}

// ActivityCount is the number of one rep's activities of one kind.
type ActivityCount struct {
	Owner, Kind string // the rep and the kind of activity
	Count       int64  // how many
}

// Activities is the outcome of CountActivities.
type Activities struct {
	Counts   []ActivityCount    // by owner, then kind
	Rejected []metrics.RowError // records skipped in lenient mode (at most Options.MaxRejected when set)
	Skipped  int64              // records skipped in lenient mode, listed or not
}

// CountActivities counts the activities of src per rep and kind, those at
// or after from and before to (a zero from or to leaves that side open):
// the activity metrics of our source, leading indicators of pipeline
// (seeds/000_47655b065fd9dd72.txt §Metrik Aktiviti: calls, meetings, emails,
// proposals, demos). Only opts.Lenient and opts.MaxRejected are read. A
// record without owner, kind or time is a *metrics.RowError (entity
// "activity"); errors follow Build's leniency policy.
func CountActivities(src iter.Seq2[Activity, error], from, to time.Time, opts Options) (Activities, error) {
	if opts.MaxRejected < 0 {
		return Activities{}, &metrics.ValueError{Op: "forecast.CountActivities", Input: "MaxRejected", Err: fmt.Errorf("%w: %d", metrics.ErrNegative, opts.MaxRejected)}
	}
	rj := rejects{lenient: opts.Lenient, max: opts.MaxRejected}
	counts := map[[2]string]int64{}
	var i int64
	for a, err := range src {
		i++
		if err == nil {
			field := ""
			switch {
			case a.Owner == "":
				field = "owner"
			case a.Kind == "":
				field = "kind"
			case a.At.IsZero():
				field = "at"
			}
			if field != "" {
				err = &metrics.RowError{Record: i, Entity: "activity", ID: a.ID, Field: field, Err: metrics.ErrMissing}
			}
		}
		if err != nil {
			if err := rj.handle(err, i); err != nil {
				return Activities{}, err
			}
			continue
		}
		if !from.IsZero() && a.At.Before(from) || !to.IsZero() && !a.At.Before(to) {
			continue
		}
		counts[[2]string{a.Owner, a.Kind}]++
	}
	out := Activities{Counts: make([]ActivityCount, 0, len(counts)), Rejected: rj.list, Skipped: rj.n}
	for k, n := range counts {
		out.Counts = append(out.Counts, ActivityCount{Owner: k[0], Kind: k[1], Count: n})
	}
	slices.SortFunc(out.Counts, func(a, b ActivityCount) int {
		return cmp.Or(strings.Compare(a.Owner, b.Owner), strings.Compare(a.Kind, b.Kind))
	})
	return out, nil
}
