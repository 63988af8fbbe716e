package health

import (
	"math/bits"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Points is an exact number of health points: a score (0–100), the
// contribution of a component or signal to it, or the change of a score
// between two snapshots (which may be negative). It is a fraction, never
// rounded: 200/3 stays 200/3 until Decimal or String is asked for digits.
// Scores from the hot path are held as two int64s (a numerator over the
// model's common denominator, not reduced); any other value as a
// metrics.Ratio. The zero Points is 0.
type Points struct {
	n, d int64          // n/d when r is nil (d == 0 means d = 1)
	r    *metrics.Ratio // the value when not held as n/d; never mutated
}

// PointsOf returns n whole points.
func PointsOf(n int64) Points { return Points{n: n, d: 1} }

// NewPoints returns d points exactly. An exponent beyond ±1,000 returns a
// *metrics.ValueError wrapping metrics.ErrOutOfRange.
func NewPoints(d decimal.Decimal) (Points, error) {
	if !inRange(d) {
		return Points{}, &metrics.ValueError{Op: "health.NewPoints", Input: "exponent " + strconv.Itoa(int(d.Exponent())), Err: metrics.ErrOutOfRange}
	}
	r, _ := metrics.RatioOf(d, decimal.New(1, 0))
	return pointsOfRatio(r), nil
}

// pointsOfRatio returns r as Points.
func pointsOfRatio(r metrics.Ratio) Points { return Points{r: &r} }

// den returns the denominator of the int64 form.
func (p Points) den() int64 {
	if p.d == 0 {
		return 1
	}
	return p.d
}

// Ratio returns the points as an exact metrics.Ratio (72.5 points is the
// ratio 72.5, printed "7250%" by Ratio.String: use Points.String to show
// points).
func (p Points) Ratio() metrics.Ratio {
	if p.r != nil {
		return *p.r
	}
	r, _ := metrics.NewRatio(p.n, p.den()) // den > 0
	return r
}

// Sign returns -1, 0 or +1.
func (p Points) Sign() int {
	if p.r != nil {
		return p.r.Sign()
	}
	return cmpInt(p.n, 0)
}

// Cmp compares p and o exactly: -1, 0 or +1.
func (p Points) Cmp(o Points) int {
	if p.r == nil && o.r == nil {
		return cmpFrac(p.n, p.den(), o.n, o.den())
	}
	return p.Ratio().Cmp(o.Ratio())
}

// Equal reports whether p and o are the same number of points (2/4 equals
// 1/2).
func (p Points) Equal(o Points) bool { return p.Cmp(o) == 0 }

// Add returns p + o exactly.
func (p Points) Add(o Points) Points {
	if p.r == nil && o.r == nil {
		if p.den() == o.den() {
			if s, ok := addCheck(p.n, o.n); ok {
				return Points{n: s, d: p.den()}
			}
		}
		a, ok1 := mulCheck(p.n, o.den())
		b, ok2 := mulCheck(o.n, p.den())
		d, ok3 := mulCheck(p.den(), o.den())
		if s, ok4 := addCheck(a, b); ok1 && ok2 && ok3 && ok4 {
			return Points{n: s, d: d}
		}
	}
	return pointsOfRatio(p.Ratio().Add(o.Ratio()))
}

// Sub returns p − o exactly.
func (p Points) Sub(o Points) Points {
	if o.r == nil && o.n != -1<<63 {
		return p.Add(Points{n: -o.n, d: o.d})
	}
	return pointsOfRatio(p.Ratio().Sub(o.Ratio()))
}

// Decimal returns the points rounded once with ctx (the zero Context: 12
// places, half to even).
func (p Points) Decimal(ctx metrics.Context) decimal.Decimal { return p.Ratio().Decimal(ctx) }

// String returns the points rounded half to even to 10 places, trailing
// zeros trimmed: "72.5", "66.6666666667". MarshalText writes them exactly.
func (p Points) String() string { return formatDecimal(p.Decimal(metrics.Places(10))) }

// MarshalText writes the points exactly: "72.5", or "200/3" when they have
// no finite decimal form.
func (p Points) MarshalText() ([]byte, error) { return p.Ratio().MarshalText() }

// UnmarshalText reads what MarshalText writes (any form metrics.ParseRatio
// reads).
func (p *Points) UnmarshalText(b []byte) error {
	r, err := metrics.ParseRatio(string(b))
	if err != nil {
		return err
	}
	*p = pointsOfRatio(r)
	return nil
}

// addCheck returns a + b and whether it fits an int64.
func addCheck(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

// cmpFrac compares a/b with c/d exactly (b, d > 0), in 128-bit products.
func cmpFrac(a, b, c, d int64) int {
	sa, sc := cmpInt(a, 0), cmpInt(c, 0)
	if sa != sc || sa == 0 {
		return cmpInt(int64(sa), int64(sc))
	}
	ua, uc := uint64(a), uint64(c)
	if sa < 0 {
		ua, uc = -ua, -uc // two's complement magnitude, also for math.MinInt64
	}
	h1, l1 := bits.Mul64(ua, uint64(d))
	h2, l2 := bits.Mul64(uc, uint64(b))
	r := 0
	switch {
	case h1 != h2:
		r = cmpUint(h1, h2)
	default:
		r = cmpUint(l1, l2)
	}
	return r * sa
}

// cmpUint compares two uint64s: -1, 0 or +1.
func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
