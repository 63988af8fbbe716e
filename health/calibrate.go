package health

import (
	"fmt"
	"iter"
	"math/big"
	"slices"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Dictionary IDs of the calibration metrics.
const (
	idChurnByBand = "health_churn_rate_by_band"
	idAUC         = "health_score_auc"
	idLift        = "health_red_green_lift"
	idUsage       = "health_usage_threshold"
)

// Outcome is what became of an account scored in the past: its score then,
// its usage level then (any unit, such as DAU/MAU), and whether it churned
// at its renewal.
type Outcome struct {
	Account string // required
	Score   Points // the score before the renewal, in [0, 100]
	Usage   Value  // the usage level before the renewal
	Churned bool   // true: churned; false: renewed
}

// BandOutcomes counts the outcomes of one band.
type BandOutcomes struct {
	Accounts int64 // accounts scored in the band
	Churned  int64 // of which churned
}

// ChurnRate returns churned ÷ accounts, exact; a band with no accounts is
// unobserved, not 0 (a *metrics.MetricError wrapping metrics.ErrEmpty).
func (b BandOutcomes) ChurnRate() (metrics.Ratio, error) {
	if b.Accounts == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(idChurnByBand, "accounts", metrics.ErrEmpty)
	}
	return metrics.NewRatio(b.Churned, b.Accounts)
}

// Calibration measures a health score against what happened: churn per
// band, the area under the ROC curve, the lift of red over green and the
// usage level that best separates retained from churned customers
// (REFERENCES.md: validating a score).
type Calibration struct {
	Green, Yellow, Red BandOutcomes       // outcomes per band
	Rejected           []metrics.RowError // outcomes a lenient run skipped
	scores             []tally            // per distinct score, ascending
	usage              []tally            // per distinct usage level, ascending
}

// tally counts churned and retained accounts at one score or usage level.
type tally struct {
	at                Points
	usage             Value
	churned, retained int64
}

// CalibrationOptions configure Calibrate.
type CalibrationOptions struct {
	Bands   Bands // the bands (the zero value: green ≥ 80, yellow ≥ 50)
	Lenient bool  // skip bad outcomes and list them instead of stopping
}

// Calibrate reads past outcomes (errors travel in the stream, as
// BuildPortfolio's) and counts them per band, per score and per usage
// level. A bad outcome is a *metrics.RowError naming the account: an empty
// or repeated ID (metrics.ErrMissing, metrics.ErrDuplicate) or a score
// outside [0, 100] (metrics.ErrOutOfRange). Memory is proportional to the
// outcomes.
func Calibrate(outcomes iter.Seq2[Outcome, error], opts CalibrationOptions) (Calibration, error) {
	b, err := compileBands(opts.Bands)
	if err != nil {
		return Calibration{}, modelErr("bands", err)
	}
	var c Calibration
	var all []Outcome
	seen := map[string]bool{}
	err = drain(outcomes, opts.Lenient, &c.Rejected, func(o Outcome) error {
		switch {
		case o.Account == "":
			return rowErr(o.Account, "id", metrics.ErrMissing)
		case seen[o.Account]:
			return rowErr(o.Account, "id", fmt.Errorf("%w: outcome of account %q given twice", metrics.ErrDuplicate, o.Account))
		case o.Score.Sign() < 0 || o.Score.Cmp(PointsOf(100)) > 0:
			return rowErr(o.Account, "score", fmt.Errorf("%w: %s not in [0, 100]", metrics.ErrOutOfRange, o.Score))
		}
		seen[o.Account] = true
		band := &c.Red
		switch b.classify(o.Score) {
		case metrics.StatusGreen:
			band = &c.Green
		case metrics.StatusYellow:
			band = &c.Yellow
		}
		band.Accounts++
		if o.Churned {
			band.Churned++
		}
		all = append(all, o)
		return nil
	})
	if err != nil {
		return Calibration{}, err
	}
	group := func(key func(a, b Outcome) int, set func(*tally, Outcome)) []tally {
		slices.SortFunc(all, key)
		var out []tally
		for i, o := range all {
			if i == 0 || key(all[i-1], o) != 0 {
				out = append(out, tally{})
				set(&out[len(out)-1], o)
			}
			t := &out[len(out)-1]
			if o.Churned {
				t.churned++
			} else {
				t.retained++
			}
		}
		return out
	}
	c.scores = group(func(a, b Outcome) int { return a.Score.Cmp(b.Score) }, func(t *tally, o Outcome) { t.at = o.Score })
	c.usage = group(func(a, b Outcome) int { return a.Usage.Cmp(b.Usage) }, func(t *tally, o Outcome) { t.usage = o.Usage })
	return c, nil
}

// counts returns the churned and retained outcomes.
func (c Calibration) counts() (churned, retained int64) {
	for _, b := range []BandOutcomes{c.Green, c.Yellow, c.Red} {
		churned += b.Churned
		retained += b.Accounts - b.Churned
	}
	return churned, retained
}

// AUC returns the area under the ROC curve of the score as a churn
// predictor: the probability that a churned account scored below a
// retained one, ties counted one half,
//
//	AUC = (Σ pairs churned < retained + ½ Σ tied pairs) ÷ (churned × retained)
//
// exact, from ranks (O(n log n)). 1 means the score separates perfectly, ½
// is chance, 0 is perfectly backwards. Without both churned and retained
// accounts it is undefined (metrics.ErrEmpty).
func (c Calibration) AUC() (metrics.Ratio, error) {
	churned, retained := c.counts()
	if churned == 0 || retained == 0 {
		return metrics.Ratio{}, metrics.NewMetricError(idAUC, "outcomes", fmt.Errorf("%w: needs churned and retained accounts (%d churned, %d retained)", metrics.ErrEmpty, churned, retained))
	}
	// In half pairs: 2 per churned account below a retained one, 1 per tie.
	num, above := new(big.Int), int64(0)
	for i := len(c.scores) - 1; i >= 0; i-- {
		t := c.scores[i]
		num.Add(num, new(big.Int).Mul(big.NewInt(t.churned), big.NewInt(2*above+t.retained)))
		above += t.retained
	}
	den := new(big.Int).Mul(big.NewInt(2*churned), big.NewInt(retained))
	return metrics.RatioOf(decimalOf(num), decimalOf(den))
}

// Lift returns the churn rate of red accounts over that of green ones:
// how many times likelier a red account churned. Undefined (a
// *metrics.MetricError) when either band is unobserved or no green account
// churned.
func (c Calibration) Lift() (metrics.Ratio, error) {
	red, err := c.Red.ChurnRate()
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(idLift, "red", metrics.ErrEmpty)
	}
	green, err := c.Green.ChurnRate()
	if err != nil {
		return metrics.Ratio{}, metrics.NewMetricError(idLift, "green", metrics.ErrEmpty)
	}
	if green.IsZero() {
		return metrics.Ratio{}, metrics.NewMetricError(idLift, "green", metrics.ErrZeroDenominator)
	}
	return red.Quo(green)
}

// Risk returns the churn rate of each band as a BandRisk for Renewals;
// every band must be observed.
func (c Calibration) Risk() (BandRisk, error) {
	var r BandRisk
	var err error
	if r.Green, err = c.Green.ChurnRate(); err != nil {
		return BandRisk{}, metrics.NewMetricError(idChurnByBand, "green", metrics.ErrEmpty)
	}
	if r.Yellow, err = c.Yellow.ChurnRate(); err != nil {
		return BandRisk{}, metrics.NewMetricError(idChurnByBand, "yellow", metrics.ErrEmpty)
	}
	if r.Red, err = c.Red.ChurnRate(); err != nil {
		return BandRisk{}, metrics.NewMetricError(idChurnByBand, "red", metrics.ErrEmpty)
	}
	return r, nil
}

// Threshold is the usage level that best separates retained from churned
// customers.
type Threshold struct {
	Usage Value // predict retention for usage at or above this level
	// J is Youden's J of the rule "usage ≥ Usage predicts retention": the
	// share of retained accounts at or above it minus the share of churned
	// ones, exact, in [−1, 1].
	J               metrics.Ratio
	RetainedAtLeast int64 // retained accounts with usage ≥ Usage
	ChurnedAtLeast  int64 // churned accounts with usage ≥ Usage
}

// UsageThreshold returns the usage level that best separates retained
// from churned customers (our sources ask for the usage that predicts
// retention): of the distinct usage levels observed, the one that
// maximises Youden's J for "usage ≥ level predicts retention", the lowest
// such level on a tie; exact, in one pass over the sorted levels. Without
// both churned and retained accounts it is undefined (metrics.ErrEmpty).
func (c Calibration) UsageThreshold() (Threshold, error) {
	churned, retained := c.counts()
	if churned == 0 || retained == 0 {
		return Threshold{}, metrics.NewMetricError(idUsage, "outcomes", fmt.Errorf("%w: needs churned and retained accounts", metrics.ErrEmpty))
	}
	// J × churned × retained = retained≥ × churned − churned≥ × retained,
	// compared in big integers (the products can pass 2^63).
	best, bestI := (*big.Int)(nil), 0
	retAt, chAt := retained, churned // accounts at or above the current level
	var bestRet, bestCh int64
	for i, t := range c.usage {
		j := new(big.Int).Sub(new(big.Int).Mul(big.NewInt(retAt), big.NewInt(churned)), new(big.Int).Mul(big.NewInt(chAt), big.NewInt(retained)))
		if best == nil || j.Cmp(best) > 0 {
			best, bestI, bestRet, bestCh = j, i, retAt, chAt
		}
		retAt -= t.retained
		chAt -= t.churned
	}
	jr := metrics.Ratio{}
	if r, err := metrics.RatioOf(decimalOf(best), decimalOf(new(big.Int).Mul(big.NewInt(churned), big.NewInt(retained)))); err == nil {
		jr = r
	}
	return Threshold{Usage: c.usage[bestI].usage, J: jr, RetainedAtLeast: bestRet, ChurnedAtLeast: bestCh}, nil
}

// decimalOf returns the integer x as a decimal.
func decimalOf(x *big.Int) decimal.Decimal { return decimal.NewFromBigInt(x, 0) }
