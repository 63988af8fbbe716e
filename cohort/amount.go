package cohort

// Exact amounts on the build's hot path: 10^-12 units in an int64 (what
// metrics.Money.Minor(12) gives for an amount held inline), falling back to
// a decimal in one place per operation when an amount or a result does not
// fit.

import (
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// picoScale is the scale of amt.p: 10^-12 units.
const picoScale = 12

// amt is an exact amount: p in 10^-12 units when d is nil, else *d.
type amt struct {
	p int64
	d *decimal.Decimal // never mutated
}

// amtOf returns m's amount.
func amtOf(m metrics.Money) amt {
	if p, ok := m.Minor(picoScale); ok {
		return amt{p: p}
	}
	d := m.Amount()
	return amt{d: &d}
}

// dec returns a as a decimal.
func (a amt) dec() decimal.Decimal {
	if a.d != nil {
		return *a.d
	}
	return decimal.New(a.p, -picoScale)
}

// bigAmt returns d as an amt on the decimal path.
func bigAmt(d decimal.Decimal) amt { return amt{d: &d} }

// sign returns -1, 0 or +1.
func (a amt) sign() int {
	if a.d != nil {
		return a.d.Sign()
	}
	switch {
	case a.p > 0:
		return 1
	case a.p < 0:
		return -1
	}
	return 0
}

// add returns a + b.
func (a amt) add(b amt) amt {
	if a.d == nil && b.d == nil {
		if s := a.p + b.p; (s > a.p) == (b.p > 0) {
			return amt{p: s}
		}
	}
	return bigAmt(a.dec().Add(b.dec()))
}

// sub returns a − b.
func (a amt) sub(b amt) amt {
	if a.d == nil && b.d == nil {
		if s := a.p - b.p; (s < a.p) == (b.p > 0) {
			return amt{p: s}
		}
	}
	return bigAmt(a.dec().Sub(b.dec()))
}

// cmp compares a and b: -1, 0 or +1.
func (a amt) cmp(b amt) int {
	if a.d == nil && b.d == nil {
		switch {
		case a.p < b.p:
			return -1
		case a.p > b.p:
			return 1
		}
		return 0
	}
	return a.dec().Cmp(b.dec())
}

// shortfall returns max(0, base − v): how far v is below base.
func shortfall(base, v amt) amt {
	if v.cmp(base) >= 0 {
		return amt{}
	}
	return base.sub(v)
}

// sum is an exact running sum: an int64 of 10^-12 units while it fits,
// spilling into a metrics.Accumulator (exact, 128-bit or decimal) when the
// next addition would overflow or an amount is not held inline.
type sum struct {
	fast int64
	acc  metrics.Accumulator
}

// add adds a (in currency cur). Amounts reach it from validated Money, so
// the constructors cannot fail.
func (s *sum) add(a amt, cur string) {
	if a.d == nil {
		s.addPico(a.p, cur)
		return
	}
	m, _ := metrics.NewMoney(*a.d, cur)
	_ = s.acc.Add(m)
}

// addPico adds p 10^-12 units.
func (s *sum) addPico(p int64, cur string) {
	if r := s.fast + p; (r > s.fast) == (p > 0) {
		s.fast = r
		return
	}
	s.spill(p, cur)
}

// spill moves the fast part into the accumulator and starts it again at p:
// the one place the int64 falls back.
func (s *sum) spill(p int64, cur string) {
	m, _ := metrics.MoneyFromMinor(s.fast, picoScale, cur)
	_ = s.acc.Add(m)
	s.fast = p
}

// money returns the exact sum in cur.
func (s *sum) money(cur string) metrics.Money {
	acc := s.acc
	m, _ := metrics.MoneyFromMinor(s.fast, picoScale, cur)
	_ = acc.Add(m)
	return acc.Money()
}
