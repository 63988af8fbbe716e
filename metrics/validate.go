package metrics

import (
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// input is a named Money argument of a metric function, for checkMoney.
type input struct {
	name string
	m    Money
}

// arg names a Money argument: arg("start", start).
func arg(name string, m Money) input { return input{name: name, m: m} }

// checkMoney checks that every input is non-negative and that all share one
// currency (the zero Money's empty currency matches any). It returns that
// currency, or a *MetricError naming the first offending input.
func checkMoney(metric string, inputs ...input) (string, error) {
	for _, in := range inputs {
		if in.m.Sign() < 0 {
			return "", metricErr(metric, in.name, fmt.Errorf("%w: %s", ErrNegative, in.m))
		}
	}
	return checkCurrency(metric, inputs...)
}

// checkSet checks that every input is set: a struct field a function reads
// (UnitEconomics serves several) left as the zero Money is a forgotten
// field, not a zero amount — a computed or parsed amount always has a
// currency. It is a *MetricError naming the field, wrapping ErrMissing.
func checkSet(metric string, inputs ...input) error {
	for _, in := range inputs {
		if in.m.currency == "" {
			return metricErr(metric, in.name, fmt.Errorf("%w: unset (the zero Money; give 0 in a currency for a real zero)", ErrMissing))
		}
	}
	return nil
}

// checkCurrency checks that the inputs, of any sign, share one currency (the
// zero Money's empty currency matches any) and returns it; a mismatch is a
// *MetricError wrapping a *MismatchError.
func checkCurrency(metric string, inputs ...input) (string, error) {
	cur := ""
	for _, in := range inputs {
		if in.m.currency == "" {
			continue
		}
		if cur == "" {
			cur = in.m.currency
		} else if cur != in.m.currency {
			return "", metricErr(metric, in.name, &MismatchError{A: cur, B: in.m.currency})
		}
	}
	return cur, nil
}

// checkCount checks that a named count is not negative.
func checkCount(metric, name string, n int64) error {
	if n < 0 {
		return metricErr(metric, name, fmt.Errorf("%w: %d", ErrNegative, n))
	}
	return nil
}

// checkNonNegative checks that a decimal input is not negative (and that its
// exponent is within range, checkRange).
func checkNonNegative(metric, name string, d decimal.Decimal) error {
	if err := checkRange(metric, name, d); err != nil {
		return err
	}
	if d.Sign() < 0 {
		return metricErr(metric, name, fmt.Errorf("%w: %s", ErrNegative, dec.Format(d, 0)))
	}
	return nil
}

// checkRange checks that a decimal input's exponent lies within ±1,000,000:
// beyond, comparing it with anything would hang.
func checkRange(metric, name string, d decimal.Decimal) error {
	if !dec.InRange(d) {
		return metricErr(metric, name, dec.ErrExponent)
	}
	return nil
}

// checkUnitInterval checks that r lies in [0, 1] (a probability, a share).
func checkUnitInterval(metric, name string, r Ratio) error {
	if r.Sign() < 0 || r.Cmp(RatioFromInt(1)) > 0 {
		return metricErr(metric, name, fmt.Errorf("%w: %s not in [0%%, 100%%]", ErrOutOfRange, r))
	}
	return nil
}

// ratio returns num/den exactly, or a *MetricError naming den's input when it
// is zero.
func ratio(metric, denName string, num, den decimal.Decimal) (Ratio, error) {
	if den.Sign() == 0 {
		return Ratio{}, metricErr(metric, denName, ErrZeroDenominator)
	}
	if !dec.InRange(num) || !dec.InRange(den) {
		return Ratio{}, metricErr(metric, denName, dec.ErrExponent)
	}
	return ratioOfDecimals(num, den), nil
}

// countRatio returns part/whole for counts, or a *MetricError naming the
// whole when it is zero.
func countRatio(metric, wholeName string, part, whole int64) (Ratio, error) {
	if whole == 0 {
		return Ratio{}, metricErr(metric, wholeName, ErrZeroDenominator)
	}
	r, _ := NewRatio(part, whole)
	return r, nil
}
