package metrics

// Context for any metric value: change against the previous period,
// attainment and gap against a plan, and difference from a trailing average.

import (
	"fmt"

	"github.com/shopspring/decimal"
)

const sourceContext = seed000 + " §Tempoh Perbandingan (compare with the previous period, the plan or target, and the historical average) and §Visualisasi Arah Aliran; industry convention (period-over-period variance, plan attainment and trailing-average comparison as in FP&A reporting)"

// Change is a value compared with its previous period.
type Change struct {
	Absolute Money // current − previous (negative for a decline)
	Relative Ratio // (current − previous) ÷ previous, exact
}

// ChangeMoney compares an amount with its previous period:
//
//	absolute = current − previous;  relative = (current − previous) ÷ previous
//
// both exact. The amounts may be negative (a loss, a net burn) but share one
// currency (ErrCurrencyMismatch); the relative change from a previous value
// of 0 is undefined (ErrZeroDenominator), and from a negative previous value
// it is computed against |previous| so that an improvement reads positive.
// Source: industry convention.
func ChangeMoney(p Periods) (Change, error) {
	const id = "change"
	diff, err := p.Current.Sub(p.Previous)
	if err != nil {
		return Change{}, metricErr(id, "current", err)
	}
	rel, err := ratio(id, "previous", diff.dec(), p.Previous.dec().Abs())
	if err != nil {
		return Change{}, err
	}
	return Change{Absolute: diff, Relative: rel}, nil
}

// Attainment is actual against plan or target:
//
//	attainment = g.Actual ÷ g.Target
//
// exact. Amounts are non-negative in one currency; a zero target returns
// ErrZeroDenominator. Source: industry convention.
func Attainment(g Goal) (Ratio, error) {
	const id = "attainment"
	if _, err := checkMoney(id, arg("actual", g.Actual), arg("target", g.Target)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "target", g.Actual.dec(), g.Target.dec())
}

// GapToTarget is what remains to reach a target:
//
//	gap = g.Target − g.Actual   (negative when ahead of target)
//
// exact. Amounts are non-negative in one currency. Source: industry
// convention.
func GapToTarget(g Goal) (Money, error) {
	const id = "gap_to_target"
	cur, err := checkMoney(id, arg("target", g.Target), arg("actual", g.Actual))
	if err != nil {
		return Money{}, err
	}
	return moneyOf(g.Target.dec().Sub(g.Actual.dec()), cur), nil
}

// TrailingAverage is the average of the last n values:
//
//	trailing average = (v[len−n] + … + v[len−1]) ÷ n
//
// summed exactly and rounded once with the zero Context{} (12 places, half to
// even). n < 1 returns ErrOutOfRange, fewer than n values ErrEmpty, mixed
// currencies ErrCurrencyMismatch. Values may be negative. Source: industry
// convention.
func TrailingAverage(values []Money, n int) (Money, error) {
	const id = "trailing_average"
	if n < 1 {
		return Money{}, metricErr(id, "n", fmt.Errorf("%w: n = %d", ErrOutOfRange, n))
	}
	if len(values) < n {
		return Money{}, metricErr(id, "values", fmt.Errorf("%w: %d values, need %d", ErrEmpty, len(values), n))
	}
	var sum Money
	for i, v := range values[len(values)-n:] {
		var err error
		if sum, err = sum.Add(v); err != nil {
			return Money{}, metricErr(id, fmt.Sprintf("values[%d]", len(values)-n+i), err)
		}
	}
	return moneyOf(Context{}.quo(sum.dec(), decimal.New(int64(n), 0)), sum.currency), nil
}

// DiffFromTrailingAverage compares the latest value with the average of the n
// values before it:
//
//	diff = v[len−1] − average(v[len−1−n] … v[len−2])
//
// with the average as TrailingAverage computes it. It needs n + 1 values
// (else ErrEmpty); n < 1 returns ErrOutOfRange. Source: industry convention.
func DiffFromTrailingAverage(values []Money, n int) (Money, error) {
	const id = "diff_from_trailing_average"
	if n < 1 {
		return Money{}, metricErr(id, "n", fmt.Errorf("%w: n = %d", ErrOutOfRange, n))
	}
	if len(values) < n+1 {
		return Money{}, metricErr(id, "values", fmt.Errorf("%w: %d values, need %d", ErrEmpty, len(values), n+1))
	}
	avg, err := TrailingAverage(values[:len(values)-1], n)
	if err != nil {
		return Money{}, metricErr(id, "values", err)
	}
	diff, err := values[len(values)-1].Sub(avg)
	if err != nil {
		return Money{}, metricErr(id, "values", err)
	}
	return diff, nil
}

// contextDefinitions returns the dictionary entries of the context family.
func contextDefinitions() []Definition {
	def := func(id, name, formula, fn string, unit Unit, display string, dir Direction) Definition {
		return Definition{
			ID: id, Name: name, Category: CategoryContext, Formula: formula, Unit: unit, Display: display,
			Direction: dir, Audiences: []Audience{AudienceBoard, AudienceLeadership, AudienceDepartment}, Signal: SignalLagging,
			Owner: roleRevOps, Cadence: CadenceMonthly,
			Source: sourceContext + "; owner: " + seed000 + " §Kesimpulan (dashboards as a core capability of the RevOps function); cadence the library's choice", Version: 1, Func: fn,
		}
	}
	return []Definition{
		def("change", "Change against the previous period", "current − previous; relative: (current − previous) ÷ |previous|",
			"metrics.ChangeMoney", UnitRatio, "percent", Neutral),
		def("change_points", "Change of a ratio in percentage points", "current − previous", "metrics.Ratio.Sub", UnitRatio, "percent", Neutral),
		def("attainment", "Attainment against plan", "actual ÷ target", "metrics.Attainment", UnitRatio, "percent", HigherIsBetter),
		def("gap_to_target", "Gap to target", "target − actual", "metrics.GapToTarget", UnitMoney, "", LowerIsBetter),
		def("trailing_average", "Trailing average of N periods", "(Σ last N values) ÷ N", "metrics.TrailingAverage", UnitMoney, "", Neutral),
		def("diff_from_trailing_average", "Difference from the trailing average", "latest − average of the N values before it",
			"metrics.DiffFromTrailingAverage", UnitMoney, "", Neutral),
	}
}
