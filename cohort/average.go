package cohort

import (
	"fmt"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Metric names a cell rate that averages and printing read.
type Metric uint8

// The rates. The zero value is MetricLogoRetention.
const (
	MetricLogoRetention Metric = iota // Cell.LogoRetention
	MetricNRR                         // Cell.NRR
	MetricGRR                         // Cell.GRR
	MetricChurnRate                   // Cell.ChurnRate
)

var metricNames = [...]string{"logo_retention", "nrr", "grr", "churn_rate"}

// String returns the rate's name, such as "nrr".
func (m Metric) String() string {
	if int(m) < len(metricNames) {
		return metricNames[m]
	}
	return "Metric(" + strconv.Itoa(int(m)) + ")"
}

// of returns the rate m of c.
func (m Metric) of(c *Cell) (metrics.Ratio, error) {
	switch m {
	case MetricNRR:
		return c.NRR()
	case MetricGRR:
		return c.GRR()
	case MetricChurnRate:
		return c.ChurnRate()
	}
	return c.LogoRetention()
}

// Average is how rates of several cohorts combine at one period.
type Average uint8

// The averages. The zero value is AveragePooled.
const (
	// AveragePooled divides the sums: Σ active ÷ Σ observed for the logo
	// rates, Σ MRR ÷ Σ base MRR (Σ capped ÷ Σ base) for the revenue
	// rates, over the cohorts observed at the period: the rate of the
	// cohorts taken as one group, weighted by size (by base MRR for
	// revenue), so a tiny cohort moves it little. The default, for
	// "what share of customers (of revenue) do we keep by month p".
	AveragePooled Average = iota
	// AverageSimple is the mean of the cohorts' rates, each cohort
	// counting once whatever its size: for comparing how a typical cohort
	// behaves when sizes vary for reasons unrelated to retention (a
	// launch month, a campaign).
	AverageSimple
	// AverageMRRWeighted weights each cohort's rate by its base MRR: for
	// revenue questions about a logo rate ("customers kept, weighted by
	// what they paid when they landed"). For NRR and GRR it equals
	// AveragePooled exactly.
	AverageMRRWeighted
)

var averageNames = [...]string{"pooled", "simple", "mrr_weighted"}

// String returns the average's name, such as "pooled".
func (a Average) String() string {
	if int(a) < len(averageNames) {
		return averageNames[a]
	}
	return "Average(" + strconv.Itoa(int(a)) + ")"
}

// Query selects an average curve across cohorts.
type Query struct {
	Metric  Metric         // the rate averaged
	Average Average        // how the cohorts combine
	Partial bool           // include Partial cells (left out by default)
	Match   func(Key) bool // the cohorts included; nil means all
}

// Point is an average at one period.
type Point struct {
	Period  int           // periods since acquisition
	Value   metrics.Ratio // the average, exact
	Cohorts int           // cohorts averaged
	Members int64         // their observed members
}

// Average returns the curve q asks for: one Point per period at which at
// least one selected cohort has an observed (and, unless q.Partial, fully
// observed) cell. Cells the data cannot have observed are never averaged in,
// never as 0%. No point at all returns metrics.ErrEmpty; an unknown Metric
// or Average metrics.ErrInvalid. Source: shared/REFERENCES.md §Cohorts
// (simple and pooled averages; users' complaints about immature cohorts
// counted as 0%).
func (t *Table) Average(q Query) ([]Point, error) {
	const id = "cohort_average"
	switch {
	case q.Metric > MetricChurnRate:
		return nil, metrics.NewMetricError(id, "metric", fmt.Errorf("%w: %s", metrics.ErrInvalid, q.Metric))
	case q.Average > AverageMRRWeighted:
		return nil, metrics.NewMetricError(id, "average", fmt.Errorf("%w: %s", metrics.ErrInvalid, q.Average))
	}
	var out []Point
	for p := range t.Periods() {
		var cells []Cell
		for i := range t.rows {
			r := &t.rows[i]
			if p >= len(r.cells) || r.cells[p].observed == 0 || q.Match != nil && !q.Match(r.key) {
				continue
			}
			c := t.cell(r, p)
			if c.Partial && !q.Partial {
				continue
			}
			cells = append(cells, c)
		}
		if len(cells) == 0 {
			continue
		}
		v, err := average(q, cells)
		if err != nil {
			return nil, err
		}
		pt := Point{Period: p, Value: v, Cohorts: len(cells)}
		for _, c := range cells {
			pt.Members += c.Observed
		}
		out = append(out, pt)
	}
	if len(out) == 0 {
		return nil, metrics.NewMetricError(id, "cells", metrics.ErrEmpty)
	}
	return out, nil
}

// average combines the rates of cells (one period, at least one cell).
func average(q Query, cells []Cell) (metrics.Ratio, error) {
	switch q.Average {
	case AverageSimple:
		var s metrics.Ratio
		for i := range cells {
			r, err := q.Metric.of(&cells[i])
			if err != nil {
				return metrics.Ratio{}, err
			}
			s = s.Add(r)
		}
		n, _ := metrics.NewRatio(1, int64(len(cells)))
		return s.Mul(n), nil
	case AverageMRRWeighted:
		var total metrics.Money
		for i := range cells {
			total = plus(total, cells[i].BaseMRR)
		}
		var s metrics.Ratio
		for i := range cells {
			r, err := q.Metric.of(&cells[i])
			if err != nil {
				return metrics.Ratio{}, err
			}
			w, err := cellRatio("cohort_average", "base_mrr", cells[i].BaseMRR, total)
			if err != nil {
				return metrics.Ratio{}, err
			}
			s = s.Add(w.Mul(r))
		}
		return s, nil
	}
	var pooled Cell
	for i := range cells {
		c := &cells[i]
		pooled.Observed += c.Observed
		pooled.Active += c.Active
		pooled.MRR = plus(pooled.MRR, c.MRR)
		pooled.BaseMRR = plus(pooled.BaseMRR, c.BaseMRR)
		pooled.CappedMRR = plus(pooled.CappedMRR, c.CappedMRR)
	}
	return q.Metric.of(&pooled)
}
