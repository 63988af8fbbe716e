package forecast

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Sources of the accuracy definitions.
const (
	sourceAccuracy = "kpitree.co/glossary/sales-metrics/sales-forecast-accuracy: 1 − |forecast − actual| ÷ actual; force-calculator.org: actual must be > 0, 80–90% typically good; seeds/000_47655b065fd9dd72.txt §Pengesanan Ramalan vs Sebenar"
	sourceWAPE     = "the library's definition (no public page is cited for it): the weighted absolute percentage error WAPE = Σ|A − F| ÷ Σ|A|, chosen over MAPE, which is undefined when an actual is 0; seeds/000_47655b065fd9dd72.txt §Pengesanan Ramalan vs Sebenar"
	sourceBias     = "the library's definition (no public page is cited for it): the signed error, reported beside WAPE, which shows how far forecasts miss but not whether they run high or low; seeds/000_47655b065fd9dd72.txt §Pengesanan Ramalan vs Sebenar (track forecast against actual over time)"
)

// Outcome is a forecast beside what actually happened.
type Outcome struct {
	Forecast metrics.Money // what was forecast (such as the commit forecast at a snapshot)
	Actual   metrics.Money // what closed
}

// ForecastAccuracy is how close a forecast came to the actual result,
//
//	accuracy = 1 − |actual − forecast| ÷ actual
//
// exact, shown as a percent. The error is measured against the actual, so
// over- and under-forecasting by the same amount score alike, and the result
// is not clamped: it is 100% for a perfect forecast and falls below zero when
// the miss exceeds the actual (forecast 250 for actual 100 is −50%). Both are
// non-negative amounts in one currency (ErrNegative, ErrCurrencyMismatch);
// an actual of zero returns ErrZeroDenominator even when the forecast was
// also zero, because the relative error is undefined. Source: kpitree.co and
// force-calculator.org.
func ForecastAccuracy(o Outcome) (metrics.Ratio, error) {
	const id = "forecast_accuracy"
	if err := checkMoney(id, named{"actual", o.Actual}, named{"forecast", o.Forecast}); err != nil {
		return metrics.Ratio{}, err
	}
	miss, _ := o.Actual.Sub(o.Forecast) // one currency: checked
	hit, _ := o.Actual.Sub(miss.Abs())
	return moneyRatio(id, "actual", hit, o.Actual)
}

// sumOutcomes checks the outcomes and returns Σ actual and Σ (forecast −
// actual) and Σ |forecast − actual|, exactly.
func sumOutcomes(id string, os []Outcome) (actual, signed, abs metrics.Money, err error) {
	if len(os) == 0 {
		return actual, signed, abs, mErr(id, "outcomes", metrics.ErrEmpty)
	}
	var a, s, x metrics.Accumulator
	cur := ""
	for i, o := range os {
		in := "outcomes[" + strconv.Itoa(i) + "]"
		if err := checkMoney(id, named{in + ".Forecast", o.Forecast}, named{in + ".Actual", o.Actual}); err != nil {
			return actual, signed, abs, err
		}
		for _, m := range []metrics.Money{o.Forecast, o.Actual} {
			if c := m.Currency(); c != "" && cur != "" && c != cur {
				return actual, signed, abs, mErr(id, in, &metrics.MismatchError{A: cur, B: c})
			} else if c != "" {
				cur = c
			}
		}
		d, _ := o.Forecast.Sub(o.Actual)
		_, _, _ = a.Add(o.Actual), s.Add(d), x.Add(d.Abs())
	}
	return a.Money(), s.Money(), x.Money(), nil
}

// WAPE is the weighted absolute percentage error of a set of forecasts
// (periods, owners, categories),
//
//	WAPE = Σ |actual − forecast| ÷ Σ actual
//
// exact, shown as a percent; 0 is perfect. Unlike the mean of each
// outcome's percentage error it stays defined when some actuals are 0, and
// weighs each outcome by its size. Amounts are non-negative and in one
// currency (ErrNegative, ErrCurrencyMismatch naming the outcome); no
// outcome returns ErrEmpty and actuals that sum to 0 ErrZeroDenominator.
// Source: REFERENCES.md §Forecast categories.
func WAPE(os []Outcome) (metrics.Ratio, error) {
	const id = "forecast_wape"
	actual, _, abs, err := sumOutcomes(id, os)
	if err != nil {
		return metrics.Ratio{}, err
	}
	return moneyRatio(id, "actual", abs, actual)
}

// Bias is the signed error of a set of forecasts,
//
//	bias = Σ (forecast − actual) ÷ Σ actual
//
// exact, shown as a percent: above 0 the forecasts ran high (sandbagging
// shows as below 0), and over- and under-forecasts offset each other, so
// report it beside WAPE, which they do not. WAPE's errors. Source:
// REFERENCES.md §Forecast categories (signed bias reported separately).
func Bias(os []Outcome) (metrics.Ratio, error) {
	const id = "forecast_bias"
	actual, signed, _, err := sumOutcomes(id, os)
	if err != nil {
		return metrics.Ratio{}, err
	}
	if actual.Sign() == 0 {
		return metrics.Ratio{}, mErr(id, "actual", metrics.ErrZeroDenominator)
	}
	return signed.Ratio(actual)
}

// Comparison is one cell's forecast beside its actual.
type Comparison struct {
	Key     Key     // the cell
	Outcome Outcome // its forecast and actual
}

// Compare sets a forecast roll-up (a snapshot: History.Snapshots) beside an
// actual one, cell by cell: Forecast is measure of the forecast's cell (such
// as Totals.CommitForecast), Actual the actual cell's closed (won) amount.
// Every key of either appears once, in key order; a key one of them lacks
// counts 0 there (in the roll-ups' currency). Both must group by the same dimensions (a
// *metrics.ValueError wrapping ErrInvalid) in one currency (a
// *metrics.MismatchError).
func Compare(forecast, actual *Rollup, measure func(Totals) metrics.Money) ([]Comparison, error) {
	if !forecast.opts.By.equal(actual.opts.By) {
		return nil, &metrics.ValueError{Op: "forecast.Compare", Err: fmt.Errorf("%w: roll-ups of different dimensions", metrics.ErrInvalid)}
	}
	if a, b := forecast.currency, actual.currency; a != "" && b != "" && a != b {
		return nil, &metrics.MismatchError{A: a, B: b}
	}
	keys := make([]Key, 0, len(forecast.cells)+len(actual.cells))
	for k := range forecast.cells {
		keys = append(keys, k)
	}
	for k := range actual.cells {
		if forecast.cells[k] == nil {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	cur := forecast.currency
	if cur == "" {
		cur = actual.currency
	}
	out := make([]Comparison, len(keys))
	for i, k := range keys {
		out[i].Key = k
		if t := forecast.cells[k]; t != nil {
			out[i].Outcome.Forecast = measure(*t)
		}
		if t := actual.cells[k]; t != nil {
			out[i].Outcome.Actual = t.Closed()
		}
		out[i].Outcome.Forecast = inCurrency(out[i].Outcome.Forecast, cur)
		out[i].Outcome.Actual = inCurrency(out[i].Outcome.Actual, cur)
	}
	return out, nil
}

// Outcomes returns the comparisons' outcomes, in order (for WAPE and Bias).
func Outcomes(cs []Comparison) []Outcome {
	out := make([]Outcome, len(cs))
	for i, c := range cs {
		out[i] = c.Outcome
	}
	return out
}
