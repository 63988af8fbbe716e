package forecast

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Sources of the capacity definitions.
const sourceCapacity = "metrickittools.com/glossary/sales-capacity: capacity = reps × quota per rep × attainment × ramp factor; revcast.com (street quota, attainment factor); seeds/000_47655b065fd9dd72.txt §Kapasiti Pasukan Hasil ($20M ARR needed, $15M capacity: a gap)"

// Team is a sales team's capacity inputs for one period.
type Team struct {
	Reps        int64         // reps on the team
	QuotaPerRep metrics.Money // a ramped rep's quota for the period
	Attainment  metrics.Ratio // the share of quota a ramped rep is expected to close (from history; may exceed 100%)
	Ramp        metrics.Ratio // the team's average share of full productivity, in [0, 1]
}

// TeamCapacity is the bookings a sales team can be expected to close in a
// period,
//
//	capacity = reps × quota per rep × attainment × ramp
//
// where ramp is the team's average share of full productivity in the period
// (1 when every rep is ramped; with 7 ramped reps and 3 at 40%, ramp =
// (7 + 3 × 0.4) ÷ 10 = 82%; Plan computes it month by month). The product
// is rounded once with the zero Context (exact for decimal inputs). Reps and
// quota are non-negative (ErrNegative), attainment non-negative (ErrNegative)
// and ramp in [0, 1] (ErrOutOfRange). Source: metrickittools.com (10 reps ×
// 150k × 85% × 0.82 ≈ 1.045M).
func TeamCapacity(t Team) (metrics.Money, error) {
	const id = "team_capacity"
	if t.Reps < 0 {
		return metrics.Money{}, mErr(id, "reps", fmt.Errorf("%w: %d", metrics.ErrNegative, t.Reps))
	}
	if err := checkMoney(id, named{"quotaPerRep", t.QuotaPerRep}); err != nil {
		return metrics.Money{}, err
	}
	if t.Attainment.Sign() < 0 {
		return metrics.Money{}, mErr(id, "attainment", fmt.Errorf("%w: %s", metrics.ErrNegative, t.Attainment))
	}
	if err := checkUnit(id, "ramp", t.Ramp); err != nil {
		return metrics.Money{}, err
	}
	return t.QuotaPerRep.MulRatio(t.Attainment.Mul(t.Ramp).MulInt(t.Reps), metrics.Context{}), nil
}

// Gap is a target beside a team's capacity.
type Gap struct {
	Target   metrics.Money // what the team must close
	Capacity metrics.Money // what it can be expected to close (TeamCapacity)
}

// CapacityGap is what a team's capacity falls short of its target,
//
//	gap = target − capacity
//
// exact; negative means a surplus (capacity above target), so gap + capacity
// = target always. Both are non-negative amounts in one currency
// (ErrNegative, ErrCurrencyMismatch). Source: seeds/000 §Kapasiti Pasukan
// Hasil (a $20M target against $15M of capacity is a $5M gap).
func CapacityGap(g Gap) (metrics.Money, error) {
	const id = "capacity_gap"
	if err := checkMoney(id, named{"target", g.Target}, named{"capacity", g.Capacity}); err != nil {
		return metrics.Money{}, err
	}
	gap, _ := g.Target.Sub(g.Capacity) // one currency: checked
	return gap, nil
}

// Hire is a group of reps starting in one month (existing reps: the month
// they started, or any month at least len(Plan.Ramp) before the plan).
type Hire struct {
	Start metrics.Month // their first month; required
	Reps  int64         // how many, ≥ 0
}

// MaxRampMonths bounds a Plan's ramp schedule (ten years).
const MaxRampMonths = 120

// Plan is a sales team's capacity plan: who starts when, and how new reps
// ramp up month by month.
type Plan struct {
	Hires       []Hire          // the reps, by start month
	QuotaPerRep metrics.Money   // a ramped rep's monthly quota
	Attainment  metrics.Ratio   // the share of quota a ramped rep is expected to close (≥ 0)
	Ramp        []metrics.Ratio // a new rep's share of full productivity in its 1st, 2nd, … month, each in [0, 1]; 100% after; at most MaxRampMonths
}

// MonthTarget is one month's bookings target.
type MonthTarget struct {
	Month  metrics.Month // the month
	Target metrics.Money // the bookings to close in it
}

// MonthCapacity is one month of a capacity plan.
type MonthCapacity struct {
	Month     metrics.Month // the month
	Headcount int64         // reps started by the month
	Ramped    metrics.Ratio // full-productivity equivalents: Σ reps × their ramp share that month, exact
	Capacity  metrics.Money // QuotaPerRep × Attainment × Ramped (TeamCapacity), rounded once with the zero Context
	Target    metrics.Money // the month's target
	Gap       metrics.Money // Target − Capacity (CapacityGap); negative is a surplus
}

// Capacity returns the plan's capacity against each month's target, in
// month order: a rep in its k-th month (its start month is the first)
// counts Ramp[k-1] of a ramped rep, from month len(Ramp)+1 on a whole one.
// Time is proportional to the hires plus the targets × the ramp's length.
// Errors are *metrics.MetricError values: team_capacity naming a bad hire,
// ramp entry, quota or attainment (a total headcount beyond an int64 is
// ErrOutOfRange), capacity_gap naming a bad target (ErrMissing month,
// ErrDuplicate month, ErrNegative, currency mismatch).
func (p Plan) Capacity(targets []MonthTarget) ([]MonthCapacity, error) {
	const id, gapID = "team_capacity", "capacity_gap"
	if err := checkMoney(id, named{"quotaPerRep", p.QuotaPerRep}); err != nil {
		return nil, err
	}
	if p.Attainment.Sign() < 0 {
		return nil, mErr(id, "attainment", fmt.Errorf("%w: %s", metrics.ErrNegative, p.Attainment))
	}
	if len(p.Ramp) > MaxRampMonths {
		return nil, mErr(id, "ramp", fmt.Errorf("%w: %d months (at most %d)", metrics.ErrOutOfRange, len(p.Ramp), MaxRampMonths))
	}
	for k, r := range p.Ramp {
		if err := checkUnit(id, "ramp["+strconv.Itoa(k)+"]", r); err != nil {
			return nil, err
		}
	}
	byStart := map[metrics.Month]int64{}
	var total int64
	for i, h := range p.Hires {
		in := "hires[" + strconv.Itoa(i) + "]"
		switch {
		case h.Start.IsZero():
			return nil, mErr(id, in+".Start", metrics.ErrMissing)
		case h.Reps < 0:
			return nil, mErr(id, in+".Reps", fmt.Errorf("%w: %d", metrics.ErrNegative, h.Reps))
		case h.Reps > math.MaxInt64-total:
			return nil, mErr(id, in+".Reps", fmt.Errorf("%w: more than %d reps in all", metrics.ErrOutOfRange, int64(math.MaxInt64)))
		}
		total += h.Reps
		byStart[h.Start] += h.Reps
	}
	starts := make([]metrics.Month, 0, len(byStart))
	for m := range byStart {
		starts = append(starts, m)
	}
	slices.SortFunc(starts, metrics.Month.Compare)
	upTo := make([]int64, len(starts)+1) // upTo[i]: reps starting in starts[:i]
	for i, m := range starts {
		upTo[i+1] = upTo[i] + byStart[m]
	}
	// started returns the reps whose start month is at or before m.
	started := func(m metrics.Month) int64 {
		i, found := slices.BinarySearchFunc(starts, m, metrics.Month.Compare)
		if found {
			i++
		}
		return upTo[i]
	}
	sorted := slices.Clone(targets)
	slices.SortStableFunc(sorted, func(a, b MonthTarget) int { return a.Month.Compare(b.Month) })
	cur := p.QuotaPerRep.Currency()
	out := make([]MonthCapacity, len(sorted))
	for i, t := range sorted {
		in := "targets[" + t.Month.String() + "]"
		switch {
		case t.Month.IsZero():
			return nil, mErr(gapID, "targets", fmt.Errorf("%w: a target without a month", metrics.ErrMissing))
		case i > 0 && sorted[i-1].Month == t.Month:
			return nil, mErr(gapID, in, fmt.Errorf("%w: two targets for %s", metrics.ErrDuplicate, t.Month))
		}
		if err := checkMoney(gapID, named{"quotaPerRep", p.QuotaPerRep}, named{in, t.Target}); err != nil {
			return nil, err
		}
		if c := t.Target.Currency(); cur == "" {
			cur = c
		} else if c != "" && c != cur {
			return nil, mErr(gapID, in, &metrics.MismatchError{A: cur, B: c})
		}
		m := t.Month
		ramped := metrics.Ratio{}
		if before, ok := m.AddChecked(-len(p.Ramp)); ok {
			ramped = metrics.RatioFromInt(started(before))
		}
		for k, share := range p.Ramp {
			if s, ok := m.AddChecked(-k); ok && byStart[s] != 0 {
				ramped = ramped.Add(share.MulInt(byStart[s]))
			}
		}
		capacity := p.QuotaPerRep.MulRatio(p.Attainment.Mul(ramped), metrics.Context{})
		gap, _ := t.Target.Sub(capacity) // one currency: checked
		out[i] = MonthCapacity{Month: m, Headcount: started(m), Ramped: ramped, Capacity: capacity, Target: t.Target, Gap: gap}
	}
	return out, nil
}
