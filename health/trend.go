package health

import (
	"fmt"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// idTrend is the dictionary ID of the score trend.
const idTrend = "health_score_trend"

// Arrow is the direction of a score against the previous one (Gainsight's
// trend arrow).
type Arrow int8

// The arrows.
const (
	ArrowSame Arrow = 0  // unchanged
	ArrowUp   Arrow = 1  // higher than before
	ArrowDown Arrow = -1 // lower than before
)

// String returns "up", "down" or "same".
func (a Arrow) String() string {
	switch a {
	case ArrowUp:
		return "up"
	case ArrowDown:
		return "down"
	}
	return "same"
}

// Flags are leading indicators (seeds/004, "Indikator Utama": health score
// trend, product usage decline, engagement decline, time-to-value delay,
// support ticket spike), as a set.
type Flags uint8

// The leading indicators; see Rules for when each is raised.
const (
	UsageDrop Flags = 1 << iota
	EngagementDrop
	TimeToValueDelay
	TicketSpike
)

// Has reports whether every flag of x is in f.
func (f Flags) Has(x Flags) bool { return f&x == x }

// String lists the flags, such as "usage drop, ticket spike", or "none".
func (f Flags) String() string {
	var out []string
	for i, name := range []string{"usage drop", "engagement drop", "time-to-value delay", "ticket spike"} {
		if f.Has(1 << i) {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// Rules say when a change is a decline and when each leading indicator is
// raised. The zero value means the defaults given per field; the seeds
// name the indicators but give no thresholds, so the numeric defaults are
// the library's and every one can be set.
type Rules struct {
	// Decline: a score that fell by at least this many points is a decline
	// (0 means 10 points).
	Decline Points
	// Drop: UsageDrop or EngagementDrop when that component's points fell
	// by at least this share of their previous value (0 means 20%), as
	// seeds/004's DAU/MAU falling from 35% to 15% in two months.
	Drop metrics.Ratio
	// Spike: TicketSpike when the ticket signal's reading rose by at least
	// this share of its previous value, or from 0 to more (0 means 50%).
	Spike metrics.Ratio
	// Usage and Engagement name the components watched for drops (empty:
	// "usage", "engagement"); Tickets and TimeToValue the signals (empty:
	// "tickets", "time_to_value_days"). An indicator whose component or
	// signal the model lacks is not evaluated (Change.Evaluated).
	Usage, Engagement, Tickets, TimeToValue string
	// TimeToValueLimit: TimeToValueDelay when the current time-to-value
	// reading (days) exceeds it. Zero means the upper end of seeds/004's
	// benchmark for the pair's segment: product-led 7 days, SMB 30,
	// mid-market 60, enterprise 120 ("every week of delay in TTV correlates
	// with higher churn risk"); a segment without a benchmark is not
	// evaluated.
	TimeToValueLimit Value
}

// ttvLimits are seeds/004's time-to-value benchmarks' upper ends, in days.
var ttvLimits = map[string]int64{"product_led": 7, "smb": 30, "mid_market": 60, "enterprise": 120}

// Pair is an account's previous and current explanation (Model.Explain),
// compared by Compare.
type Pair struct {
	Previous, Current Explanation // the two explanations, of one account and one model
	Segment           string      // the account's segment, for the time-to-value benchmark
}

// PartChange is how one component's or signal's points moved.
type PartChange struct {
	Name              string // the component or signal
	Previous, Current Points // its points (0–100) then and now
	Delta             Points // Current − Previous
	Arrow             Arrow  // ArrowUp, ArrowDown or ArrowSame
}

// Change is how an account's health moved between two snapshots.
type Change struct {
	Account           string       // the account
	Previous, Current Points       // the scores
	Delta             Points       // Current − Previous, exact
	Arrow             Arrow        // ArrowUp, ArrowDown or ArrowSame against the previous score
	Declined          bool         // the score fell by at least Rules.Decline
	Components        []PartChange // per component, in the model's order
	Signals           []PartChange // per signal, in the model's order
	Flags             Flags        // the leading indicators raised
	Evaluated         Flags        // the indicators that could be evaluated
}

// arrow returns the arrow from a to b.
func arrow(a, b Points) Arrow { return Arrow(b.Cmp(a)) }

// Compare compares an account's two explanations from the same model: the
// score's change and arrow, a decline past Rules.Decline, each component's
// and signal's change, and the leading indicators. Explanations of
// different accounts or models (other components or signals) are a
// *metrics.MetricError wrapping metrics.ErrInvalid; negative thresholds
// metrics.ErrOutOfRange.
func Compare(p Pair, rules Rules) (Change, error) {
	bad := func(input string, err error) (Change, error) {
		return Change{}, metrics.NewMetricError(idTrend, input, err)
	}
	prev, cur := p.Previous, p.Current
	if prev.Account != cur.Account {
		return bad("account", fmt.Errorf("%w: %q and %q are different accounts", metrics.ErrInvalid, prev.Account, cur.Account))
	}
	if len(prev.Components) != len(cur.Components) || len(prev.Signals) != len(cur.Signals) {
		return bad("model", fmt.Errorf("%w: the explanations come from different models", metrics.ErrInvalid))
	}
	if rules.Decline.Sign() < 0 || rules.Drop.Sign() < 0 || rules.Spike.Sign() < 0 {
		return bad("rules", fmt.Errorf("%w: negative threshold", metrics.ErrOutOfRange))
	}
	def := func(s, d string) string {
		if s == "" {
			return d
		}
		return s
	}
	decline, drop, spike := rules.Decline, rules.Drop, rules.Spike
	if decline.Sign() == 0 {
		decline = PointsOf(10)
	}
	if drop.Sign() == 0 {
		drop = metrics.Percent(20)
	}
	if spike.Sign() == 0 {
		spike = metrics.Percent(50)
	}
	c := Change{Account: cur.Account, Previous: prev.Score, Current: cur.Score, Delta: cur.Score.Sub(prev.Score), Arrow: arrow(prev.Score, cur.Score)}
	c.Declined = prev.Score.Sub(cur.Score).Cmp(decline) >= 0
	one := metrics.RatioFromInt(1)
	for i, pc := range prev.Components {
		cc := cur.Components[i]
		if pc.Component != cc.Component {
			return bad("model", fmt.Errorf("%w: component %q against %q", metrics.ErrInvalid, pc.Component, cc.Component))
		}
		c.Components = append(c.Components, PartChange{Name: cc.Component, Previous: pc.Points, Current: cc.Points, Delta: cc.Points.Sub(pc.Points), Arrow: arrow(pc.Points, cc.Points)})
		var flag Flags
		switch cc.Component {
		case def(rules.Usage, "usage"):
			flag = UsageDrop
		case def(rules.Engagement, "engagement"):
			flag = EngagementDrop
		default:
			continue
		}
		c.Evaluated |= flag
		// Dropped when current ≤ previous × (1 − drop), with something to drop from.
		if pc.Points.Sign() > 0 && cc.Points.Ratio().Cmp(pc.Points.Ratio().Mul(one.Sub(drop))) <= 0 {
			c.Flags |= flag
		}
	}
	for i, ps := range prev.Signals {
		cs := cur.Signals[i]
		if ps.Signal != cs.Signal {
			return bad("model", fmt.Errorf("%w: signal %q against %q", metrics.ErrInvalid, ps.Signal, cs.Signal))
		}
		c.Signals = append(c.Signals, PartChange{Name: cs.Signal, Previous: ps.Points, Current: cs.Points, Delta: cs.Points.Sub(ps.Points), Arrow: arrow(ps.Points, cs.Points)})
		switch cs.Signal {
		case def(rules.Tickets, "tickets"):
			if ps.Missing || cs.Missing {
				continue
			}
			c.Evaluated |= TicketSpike
			before, now := ps.Value.ratio(), cs.Value.ratio()
			if now.Cmp(before) > 0 && now.Cmp(before.Mul(one.Add(spike))) >= 0 {
				c.Flags |= TicketSpike
			}
		case def(rules.TimeToValue, "time_to_value_days"):
			limit := rules.TimeToValueLimit
			if limit.Sign() == 0 {
				days, ok := ttvLimits[p.Segment]
				if !ok || cs.Missing {
					continue
				}
				limit = IntValue(days)
			}
			if cs.Missing {
				continue
			}
			c.Evaluated |= TimeToValueDelay
			if cs.Value.Cmp(limit) > 0 {
				c.Flags |= TimeToValueDelay
			}
		}
	}
	return c, nil
}
