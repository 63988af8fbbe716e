package mrr

// The ledger's anomaly check: months whose churn or MRR change is far outside
// the trailing months, a likely data error rather than reality.

import (
	"fmt"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// AnomalyMeasure is the monthly series an anomaly check looks at.
type AnomalyMeasure uint8

// The measures.
const (
	AnomalyChurn     AnomalyMeasure = iota + 1 // the month's churned MRR (Summary.Churn)
	AnomalyMRRChange                           // the month's net MRR change (Summary.NetNew)
)

// String returns "churn" or "mrr-change".
func (a AnomalyMeasure) String() string {
	switch a {
	case AnomalyChurn:
		return "churn"
	case AnomalyMRRChange:
		return "mrr-change"
	}
	return fmt.Sprintf("AnomalyMeasure(%d)", uint8(a))
}

// AnomalyOptions tune (*Ledger).Anomalies. The zero value is the default.
type AnomalyOptions struct {
	// TrailingMonths is the window of reference months before the month
	// checked (0 means 6). A month is checked only with a full window inside
	// the span.
	TrailingMonths int
	// K is the number of scale units beyond which a month is flagged (zero
	// means 5; about 3.4 standard deviations of a normal distribution, since
	// 1 MAD ≈ 0.6745 σ).
	K decimal.Decimal
	// Floor is the smallest scale as a share of |median| (zero means 10%), so
	// a flat history (MAD 0) does not flag every small change. A flat history
	// at exactly 0 has scale 0: use MinDeviation to ignore small amounts then.
	Floor metrics.Ratio
	// MinDeviation: deviations at or below this amount are never flagged (the
	// zero Money: none). Its currency must be the ledger's when set.
	MinDeviation metrics.Money
}

// Anomaly is a month whose measure is far outside its trailing window.
type Anomaly struct {
	Month   metrics.Month  // the flagged month
	Measure AnomalyMeasure // what was measured
	Value   metrics.Money  // the month's value
	Median  metrics.Money  // median of the trailing window (exact: the mean of the middle two for an even window)
	MAD     metrics.Money  // median absolute deviation of the trailing window from Median
	Scale   metrics.Money  // max(MAD, Floor × |Median|), rounded once with the zero Context
}

// Anomalies flags months whose churn or net MRR change is far outside the
// trailing months, in month order (churn before MRR change within a month):
//
//	flag when |value − median| > K × max(MAD, Floor × |median|) and |value − median| > MinDeviation
//
// over the TrailingMonths months before the month (robust statistics: one
// past outlier does not hide the next). Every comparison is exact. Every
// option is bounded, so no value can make it slow: TrailingMonths outside
// 0–MaxSpanMonths, K outside 0–1,000 or with an exponent beyond ±1,000, a
// negative Floor or one whose numerator or denominator exceeds about 1,000
// digits, and a MinDeviation that is negative or has an exponent beyond
// ±1,000 return metrics.ErrOutOfRange (ErrNegative for MinDeviation); a
// MinDeviation in another currency ErrCurrencyMismatch. Source: industry
// convention (median absolute deviation outlier test, Hampel filter).
func (l *Ledger) Anomalies(opts AnomalyOptions) ([]Anomaly, error) {
	const id = "ledger_anomalies"
	n, k, floor := opts.TrailingMonths, opts.K, opts.Floor
	switch {
	case n < 0 || n > MaxSpanMonths:
		return nil, metrics.NewMetricError(id, "trailing_months", fmt.Errorf("%w: %d, want 0–%d", metrics.ErrOutOfRange, n, MaxSpanMonths))
	case !boundedDecimal(k) || k.Sign() < 0 || k.Cmp(decimal.New(1000, 0)) > 0:
		return nil, metrics.NewMetricError(id, "k", fmt.Errorf("%w: want 0–1,000 with at most %d decimals", metrics.ErrOutOfRange, metrics.MaxScale))
	case !boundedRatio(floor) || floor.Sign() < 0:
		return nil, metrics.NewMetricError(id, "floor", metrics.ErrOutOfRange)
	case opts.MinDeviation.Currency() != "" && opts.MinDeviation.Currency() != l.cur:
		return nil, metrics.NewMetricError(id, "min_deviation", &metrics.MismatchError{A: l.cur, B: opts.MinDeviation.Currency()})
	case opts.MinDeviation.Sign() < 0:
		return nil, metrics.NewMetricError(id, "min_deviation", metrics.ErrNegative)
	case !boundedDecimal(opts.MinDeviation.Amount()):
		return nil, metrics.NewMetricError(id, "min_deviation", fmt.Errorf("%w: exponent beyond ±%d", metrics.ErrOutOfRange, metrics.MaxScale))
	}
	if n == 0 {
		n = 6
	}
	if k.Sign() == 0 {
		k = decimal.New(5, 0)
	}
	if floor.IsZero() {
		floor = metrics.Percent(10)
	}
	fnum, fden := floor.Fraction()
	series := [2][]decimal.Decimal{}
	for _, s := range l.summary {
		series[0] = append(series[0], s.Churn.Amount())
		series[1] = append(series[1], s.End.Amount().Sub(s.Start.Amount()))
	}
	var out []Anomaly
	for i := n; i < len(l.summary); i++ {
		for j, measure := range []AnomalyMeasure{AnomalyChurn, AnomalyMRRChange} {
			window := series[j][i-n : i]
			med := ledgerMedian(window)
			devs := make([]decimal.Decimal, len(window))
			for w, v := range window {
				devs[w] = v.Sub(med).Abs()
			}
			mad := ledgerMedian(devs)
			v := series[j][i]
			dev := v.Sub(med).Abs()
			// scale = max(mad, floor × |med|), compared exactly as fractions over fden.
			scaleNum := mad.Mul(fden)
			if f := med.Abs().Mul(fnum); f.Cmp(scaleNum) > 0 {
				scaleNum = f
			}
			if dev.Mul(fden).Cmp(k.Mul(scaleNum)) <= 0 || dev.Cmp(opts.MinDeviation.Amount()) <= 0 {
				continue
			}
			scale, _ := metrics.Context{}.Quo(scaleNum, fden) // fden > 0
			out = append(out, Anomaly{
				Month: l.summary[i].From, Measure: measure,
				Value:  l.decimalMoney(v),
				Median: l.decimalMoney(med),
				MAD:    l.decimalMoney(mad),
				Scale:  l.decimalMoney(scale),
			})
		}
	}
	return out, nil
}

// ledgerMedian returns the exact median of a non-empty list: the middle value,
// or the mean of the middle two (× 0.5, exact).
func ledgerMedian(xs []decimal.Decimal) decimal.Decimal {
	s := slices.Clone(xs)
	slices.SortFunc(s, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	h := len(s) / 2
	if len(s)%2 == 1 {
		return s[h]
	}
	return s[h-1].Add(s[h]).Mul(decimal.New(5, -1))
}

// decimalMoney returns d in the reporting currency (d is an exact result of
// the ledger's amounts, within the exponent bound).
func (l *Ledger) decimalMoney(d decimal.Decimal) metrics.Money {
	m, _ := metrics.NewMoney(d, l.cur)
	return m
}
