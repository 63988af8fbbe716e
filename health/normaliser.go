package health

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// maxSteps bounds the steps of a Lookup.
const maxSteps = 100

// A Normaliser turns a signal's raw value into 0–100 points. The
// implementations are Target, MinMax, Inverse, Lookup and Occurred; each
// clamps, so any value scores within [0, 100], and each is monotone: a
// higher-is-better normaliser never gives fewer points to a higher value, a
// lower-is-better one never more.
type Normaliser interface {
	// Direction is metrics.HigherIsBetter or metrics.LowerIsBetter.
	Direction() metrics.Direction
	compile() (norm, error)
}

// Target gives 100 points at or above At and falls linearly to 0 at 0:
// 100 × min(max(v, 0), At) ÷ At. At must be positive. For
// higher-is-better signals with a goal, such as weekly active users of
// 60% of seats (seeds/004).
type Target struct {
	At decimal.Decimal // the value that earns 100 points; positive
}

// MinMax gives 0 points at or below Min, 100 at or above Max, linear
// between: 100 × (clamp(v, Min, Max) − Min) ÷ (Max − Min). Min < Max.
type MinMax struct {
	Min decimal.Decimal // the value that earns 0 points
	Max decimal.Decimal // the value that earns 100 points
}

// Inverse is for lower-is-better signals (tickets, response time, effort
// score): 100 points at or below Best, 0 at or above Worst, linear between:
// 100 × (Worst − clamp(v, Best, Worst)) ÷ (Worst − Best). Best < Worst.
type Inverse struct {
	Best  decimal.Decimal // the value (and below) that earns 100 points
	Worst decimal.Decimal // the value (and above) that earns 0 points
}

// Step is one band of a Lookup: values from From (inclusive) up to the next
// step's From (exclusive) earn Points.
type Step struct {
	From   decimal.Decimal // where the step starts, inclusive (ignored for the first step, which has no lower bound)
	Points decimal.Decimal // the points it earns, in [0, 100]
}

// Lookup gives banded points: a value earns the Points of the last step
// whose From it reaches (the first step holds everything below the second),
// as Totango scores good / average / poor as 100 / 60 / 0. Steps are
// half-open, their From strictly increasing, at most 100 of them; their
// Points must be monotone (non-decreasing for a higher-is-better signal,
// non-increasing for a lower-is-better one) so that the direction is
// defined.
type Lookup struct {
	Steps []Step // at least two, lowest values first
}

// Occurred scores a key event (seeds/003's health index of at most five
// events): 100 points when the event occurred (a value above 0, such as a
// count of occurrences in the window) and 0 when it did not; with Absent,
// the reverse (an escalation that did not happen earns the points).
type Occurred struct {
	Absent bool // points when the event did not occur
}

// normKind is a compiled normaliser's kind.
type normKind uint8

const (
	kindTarget normKind = iota + 1
	kindMinMax
	kindInverse
	kindLookup
	kindOccurred
)

// norm is a compiled normaliser: the exact form (fractions) and, when every
// parameter fits, the fast form in millionths of the signal's unit, where
// the points are 100 × P ÷ q for a P in [0, q].
type norm struct {
	kind   normKind
	lo, hi metrics.Ratio // exact bounds (Target: 0 and At)
	absent bool          // Occurred.Absent

	fast   bool
	flo    int64           // lower bound in millionths
	fhi    int64           // upper bound in millionths
	q      int64           // the points are 100 × P ÷ q
	ffrom  []int64         // Lookup: step starts in millionths (ffrom[0] unused)
	fpts   []int64         // Lookup: points × 10^kp, where q = 100 × 10^kp
	mono   int             // Lookup: +1 non-decreasing points, -1 non-increasing
	points []metrics.Ratio // Lookup: exact points per step
	froms  []metrics.Ratio // Lookup: exact step starts
}

// errNorm wraps a normaliser's validation error.
func errNorm(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

// Direction returns metrics.HigherIsBetter.
func (Target) Direction() metrics.Direction { return metrics.HigherIsBetter }

// Direction returns metrics.HigherIsBetter.
func (MinMax) Direction() metrics.Direction { return metrics.HigherIsBetter }

// Direction returns metrics.LowerIsBetter.
func (Inverse) Direction() metrics.Direction { return metrics.LowerIsBetter }

// Direction returns metrics.LowerIsBetter when the steps' points fall,
// else metrics.HigherIsBetter.
func (l Lookup) Direction() metrics.Direction {
	for i := 1; i < len(l.Steps); i++ {
		if c := l.Steps[i].Points.Cmp(l.Steps[i-1].Points); c != 0 {
			if c < 0 {
				return metrics.LowerIsBetter
			}
			break
		}
	}
	return metrics.HigherIsBetter
}

// Direction returns metrics.HigherIsBetter, or metrics.LowerIsBetter when
// Absent.
func (o Occurred) Direction() metrics.Direction {
	if o.Absent {
		return metrics.LowerIsBetter
	}
	return metrics.HigherIsBetter
}

// exactOf returns d as a Ratio, refusing exponents beyond the bound.
func exactOf(name string, d decimal.Decimal) (metrics.Ratio, error) {
	if !inRange(d) {
		return metrics.Ratio{}, errNorm("%w: %s exponent beyond ±%d", metrics.ErrOutOfRange, name, maxExponent)
	}
	r, _ := metrics.RatioOf(d, decimal.New(1, 0))
	return r, nil
}

// bounds compiles a two-bound normaliser (lo < hi).
func bounds(kind normKind, loName string, lo decimal.Decimal, hiName string, hi decimal.Decimal) (norm, error) {
	rlo, err := exactOf(loName, lo)
	if err != nil {
		return norm{}, err
	}
	rhi, err := exactOf(hiName, hi)
	if err != nil {
		return norm{}, err
	}
	if rlo.Cmp(rhi) >= 0 {
		return norm{}, errNorm("%w: %s %s must be below %s %s", metrics.ErrInvalid, loName, formatDecimal(lo), hiName, formatDecimal(hi))
	}
	n := norm{kind: kind, lo: rlo, hi: rhi}
	flo, ok1 := micros(lo)
	fhi, ok2 := micros(hi)
	if ok1 && ok2 && flo > -1<<61 && fhi < 1<<61 { // hi − lo fits
		n.fast, n.flo, n.fhi, n.q = true, flo, fhi, fhi-flo
	}
	return n, nil
}

func (t Target) compile() (norm, error) {
	if t.At.Sign() <= 0 {
		return norm{}, errNorm("%w: target must be positive", metrics.ErrOutOfRange)
	}
	return bounds(kindTarget, "0", decimal.Decimal{}, "target", t.At)
}

func (m MinMax) compile() (norm, error) { return bounds(kindMinMax, "min", m.Min, "max", m.Max) }

func (i Inverse) compile() (norm, error) {
	return bounds(kindInverse, "best", i.Best, "worst", i.Worst)
}

func (o Occurred) compile() (norm, error) {
	return norm{kind: kindOccurred, absent: o.Absent, fast: true, q: 1}, nil
}

func (l Lookup) compile() (norm, error) {
	if len(l.Steps) < 2 || len(l.Steps) > maxSteps {
		return norm{}, errNorm("%w: a lookup needs 2 to %d steps, got %d", metrics.ErrOutOfRange, maxSteps, len(l.Steps))
	}
	n := norm{kind: kindLookup, fast: true}
	hundred := metrics.RatioFromInt(100)
	kp := int64(0)
	for i, s := range l.Steps {
		from, err := exactOf(fmt.Sprintf("step %d from", i+1), s.From)
		if err != nil {
			return norm{}, err
		}
		pts, err := exactOf(fmt.Sprintf("step %d points", i+1), s.Points)
		if err != nil {
			return norm{}, err
		}
		if pts.Sign() < 0 || pts.Cmp(hundred) > 0 {
			return norm{}, errNorm("%w: step %d points %s not in [0, 100]", metrics.ErrOutOfRange, i+1, formatDecimal(s.Points))
		}
		n.points = append(n.points, pts)
		n.froms = append(n.froms, from)
		if i > 0 {
			if i > 1 && from.Cmp(n.froms[i-1]) <= 0 {
				return norm{}, errNorm("%w: step %d does not start above step %d (steps overlap)", metrics.ErrInvalid, i+1, i)
			}
			switch c := pts.Cmp(n.points[i-1]); {
			case c != 0 && n.mono == 0:
				n.mono = c
			case c != 0 && c != n.mono:
				return norm{}, errNorm("%w: step points must be monotone", metrics.ErrInvalid)
			}
		}
		f, ok := micros(s.From)
		n.ffrom = append(n.ffrom, f)
		n.fast = n.fast && (ok || i == 0)
		if e := -int64(s.Points.Exponent()); e > kp {
			kp = e
		}
	}
	if kp > 6 {
		n.fast = false
	}
	if n.fast {
		n.q = 100 * pow10[kp]
		for _, s := range l.Steps {
			v, ok := scaled(s.Points, kp)
			if !ok {
				n.fast = false
				break
			}
			n.fpts = append(n.fpts, v)
		}
	}
	return n, nil
}

// exact returns the points of the value v, exactly.
func (n *norm) exact(v metrics.Ratio) metrics.Ratio {
	hundred := metrics.RatioFromInt(100)
	clamp := func() metrics.Ratio {
		switch {
		case v.Cmp(n.lo) < 0:
			return n.lo
		case v.Cmp(n.hi) > 0:
			return n.hi
		}
		return v
	}
	switch n.kind {
	case kindTarget, kindMinMax:
		p, _ := clamp().Sub(n.lo).Mul(hundred).Quo(n.hi.Sub(n.lo))
		return p
	case kindInverse:
		p, _ := n.hi.Sub(clamp()).Mul(hundred).Quo(n.hi.Sub(n.lo))
		return p
	case kindOccurred:
		if (v.Sign() > 0) != n.absent {
			return hundred
		}
		return metrics.Ratio{}
	}
	j := 0
	for i := 1; i < len(n.froms); i++ {
		if v.Cmp(n.froms[i]) >= 0 {
			j = i
		}
	}
	return n.points[j]
}
