package metrics

import "github.com/shopspring/decimal"

// AnomalyMeasure is the monthly series an anomaly check looks at.
type AnomalyMeasure uint8

// The measures.
const (
	AnomalyChurn     AnomalyMeasure = iota + 1 // the month's churned MRR
	AnomalyMRRChange                           // the month's net MRR change, End − Start
)

// AnomalyOptions tune (*Ledger).Anomalies.
type AnomalyOptions struct {
	// TrailingMonths is the window of reference months before the month
	// checked (0 means 6). A month is checked only with a full window.
	TrailingMonths int
	// K is the number of median absolute deviations beyond which a month is
	// flagged (zero means 5).
	K decimal.Decimal
	// Floor is the smallest scale, as a share of |median|, used when the
	// window is flat (zero means 10%), so a flat history does not flag every
	// change.
	Floor Ratio
	// MinDeviation: deviations at or below this amount are never flagged
	// (zero Money: none).
	MinDeviation Money
}

// Anomaly is a month whose measure is far outside its trailing window.
type Anomaly struct {
	Month   Month
	Measure AnomalyMeasure
	Value   Money // the month's value
	Median  Money // median of the trailing window
	MAD     Money // median absolute deviation of the trailing window
	Scale   Money // max(MAD, Floor × |Median|), the unit of deviation
}

// Anomalies flags months whose churn or MRR change is far outside the trailing
// months.
func (l *Ledger) Anomalies(opts AnomalyOptions) ([]Anomaly, error) { return nil, errNotImplemented }
