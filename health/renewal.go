package health

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// idRenewal is the dictionary ID of the renewal forecast.
const idRenewal = "health_renewal_forecast"

// maxWindowDays bounds RenewalOptions.Days (ten years).
const maxWindowDays = 3660

// BandRisk is the probability that an account of each band churns at its
// renewal: supplied, or calibrated from past outcomes (Calibration.Risk).
type BandRisk struct {
	Green, Yellow, Red metrics.Ratio // each in [0, 1]
}

// of returns the risk of a band.
func (r BandRisk) of(s metrics.Status) metrics.Ratio {
	switch s {
	case metrics.StatusGreen:
		return r.Green
	case metrics.StatusYellow:
		return r.Yellow
	}
	return r.Red
}

// RenewalOptions configure Renewals.
type RenewalOptions struct {
	AsOf    time.Time       // the day the forecast is made; required
	Days    int             // the window: renewals due from AsOf to AsOf + Days, both days included (0 means 90, seeds/004's "next 90 days"; at most 3,660)
	Risk    BandRisk        // the churn probability per band
	Model   *Model          // scores each account from its Readings; nil: Account.Score is used, banded by Bands
	Bands   Bands           // the bands when Model is nil
	Context metrics.Context // rounds each account's expected churned ARR and the total (the zero Context: 12 places, half to even)
	Lenient bool            // skip bad accounts and list them in Rejected
}

// Renewal is one account due for renewal in the window and what it is
// expected to bring.
type Renewal struct {
	Scored
	DaysLeft        int           // days from AsOf to the renewal date (0 = due on AsOf)
	Risk            metrics.Ratio // the churn probability of its band
	ExpectedChurn   metrics.Money // ARR × risk, rounded once with the Context
	ExpectedRenewal metrics.Money // ARR − ExpectedChurn, exactly
}

// RenewalForecast is the renewals due in the window, and the ARR they are
// expected to churn and renew.
type RenewalForecast struct {
	Due             []Renewal          // the accounts behind the forecast, by renewal date, then ID
	DueARR          metrics.Money      // the ARR up for renewal
	ExpectedChurn   metrics.Money      // Σ ARR × risk, exact, rounded once with the Context
	ExpectedRenewal metrics.Money      // DueARR − ExpectedChurn, exactly
	Rejected        []metrics.RowError // the accounts a lenient run skipped
}

// civilDays returns the day number of t's calendar date (its own location).
func civilDays(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Renewals forecasts the renewals due within the window (seeds/004: the
// CSM's "upcoming renewals (next 90 days)"; seeds/000: project churn from
// the renewal pipeline and health scores): for each account renewing from
// AsOf to AsOf + Days (calendar dates, both included; past and unknown
// renewal dates are not due), its band's risk × its ARR is the ARR expected
// to churn, and the rest the ARR expected to renew. Totals are summed
// exactly and rounded once; ExpectedChurn + ExpectedRenewal = DueARR
// exactly. Errors: a zero AsOf (metrics.ErrMissing), a window or a risk out
// of range (metrics.ErrOutOfRange), each a *metrics.MetricError; bad
// accounts as BuildPortfolio's.
func Renewals(accounts iter.Seq2[Account, error], opts RenewalOptions) (RenewalForecast, error) {
	bad := func(input string, err error) (RenewalForecast, error) {
		return RenewalForecast{}, metrics.NewMetricError(idRenewal, input, err)
	}
	days := opts.Days
	switch {
	case opts.AsOf.IsZero():
		return bad("as of", metrics.ErrMissing)
	case days < 0 || days > maxWindowDays:
		return bad("days", fmt.Errorf("%w: %d not in [0, %d]", metrics.ErrOutOfRange, days, maxWindowDays))
	case days == 0:
		days = 90
	}
	for _, r := range []struct {
		name string
		r    metrics.Ratio
	}{{"risk green", opts.Risk.Green}, {"risk yellow", opts.Risk.Yellow}, {"risk red", opts.Risk.Red}} {
		if r.r.Sign() < 0 || r.r.Cmp(metrics.RatioFromInt(1)) > 0 {
			return bad(r.name, fmt.Errorf("%w: %s not in [0, 1]", metrics.ErrOutOfRange, r.r))
		}
	}
	bands := opts.Bands
	if opts.Model != nil {
		bands = opts.Model.bands.given
	}
	p, err := NewPortfolio(Options{Bands: bands}) // validates accounts and refuses duplicates
	if err != nil {
		return RenewalForecast{}, err
	}
	var f RenewalForecast
	var due metrics.Accumulator
	var byBand [3]metrics.Accumulator // due ARR per band: red, yellow, green
	start := civilDays(opts.AsOf)
	err = drain(accounts, opts.Lenient, &f.Rejected, func(a Account) error {
		if opts.Model != nil {
			r, err := opts.Model.Score(a.ID, a.Readings)
			if err != nil {
				return err
			}
			a.Score = r.Score
		}
		if err := p.Add(a); err != nil {
			return err
		}
		if a.Renewal.IsZero() {
			return nil
		}
		left := civilDays(a.Renewal) - start
		if left < 0 || left > int64(days) {
			return nil
		}
		a.Readings = nil
		band := p.bands.classify(a.Score)
		risk := opts.Risk.of(band)
		exp := a.ARR.MulRatio(risk, opts.Context)
		renew, _ := a.ARR.Sub(exp)
		_ = due.Add(a.ARR) // Add checked the currency
		_ = byBand[bandIndex(band)].Add(a.ARR)
		f.Due = append(f.Due, Renewal{Scored: Scored{Account: a, Band: band}, DaysLeft: int(left), Risk: risk, ExpectedChurn: exp, ExpectedRenewal: renew})
		return nil
	})
	if err != nil {
		return RenewalForecast{}, err
	}
	f.DueARR = due.Money()
	if cur := f.DueARR.Currency(); cur != "" {
		// Σ ARR × risk = Σ over bands of (the band's ARR) × (its risk), exact.
		var churn metrics.Ratio
		for i, s := range []metrics.Status{metrics.StatusRed, metrics.StatusYellow, metrics.StatusGreen} {
			arr, _ := metrics.RatioOf(byBand[i].Money().Amount(), decimal.New(1, 0)) // in range: a Money
			churn = churn.Add(arr.Mul(opts.Risk.of(s)))
		}
		unit, _ := metrics.MoneyFromInt(1, cur)
		f.ExpectedChurn = unit.MulRatio(churn, opts.Context)
	}
	f.ExpectedRenewal, _ = f.DueARR.Sub(f.ExpectedChurn)
	slices.SortFunc(f.Due, func(a, b Renewal) int {
		if c := cmp.Compare(a.DaysLeft, b.DaysLeft); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return f, nil
}
