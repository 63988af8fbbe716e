package forecast

import (
	"fmt"
	"math/big"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Totals are the sums of one roll-up cell: amount and count per category,
// lost deals, the weighted pipeline and the won deals' cycle days. They are
// exact and mergeable; every figure is derived from them when asked. The
// zero value is an empty cell.
type Totals struct {
	amount    [numCategories + 1]metrics.Accumulator // by category; index 0 unused
	count     [numCategories + 1]int64
	lost      metrics.Accumulator // lost deals (a subset of Omitted)
	lostN     int64
	weighted  wsum  // Σ amount × probability over open, not omitted
	cycleDays int64 // Σ (close − created) in days over won deals; < 2^22 each, so no overflow below 2^41 deals
}

// entry is one opportunity's contribution to a cell.
type entry struct {
	cat    Category
	status Status
	amount metrics.Money
	p      metrics.Ratio
	ppm    int64 // p in millionths, or -1
	days   int64 // close − created, in days
}

// add adds (or, with neg, removes) e.
func (t *Totals) add(e *entry, neg bool) {
	t.addParts(e.cat, e.status, e.amount, e.p, e.ppm, e.days, neg)
}

// addParts adds (or, with neg, removes) one opportunity's contribution:
// category, status, amount, probability (and in millionths, or -1), cycle
// days.
func (t *Totals) addParts(cat Category, status Status, amount metrics.Money, p metrics.Ratio, ppm, days int64, neg bool) {
	amt, n := amount, int64(1)
	if neg {
		amt, n = amt.Neg(), -1
	}
	_ = t.amount[cat].Add(amt) // one currency per roll-up: checked before
	t.count[cat] += n
	switch {
	case cat.open():
		t.weighted.add(amount, p, ppm, neg)
	case status == StatusWon:
		t.cycleDays += n * days
	case status == StatusLost:
		_ = t.lost.Add(amt)
		t.lostN += n
	}
}

// Merge adds the sums of o (another cell, a shard's). Another currency is a
// *metrics.MismatchError and changes nothing.
func (t *Totals) Merge(o Totals) error {
	if a, b := t.Currency(), o.Currency(); a != "" && b != "" && a != b {
		return &metrics.MismatchError{A: a, B: b}
	}
	for c := range t.amount {
		_ = t.amount[c].Merge(o.amount[c])
		t.count[c] += o.count[c]
	}
	_ = t.lost.Merge(o.lost)
	t.lostN += o.lostN
	t.weighted.merge(o.weighted)
	t.cycleDays += o.cycleDays
	return nil
}

// empty reports whether the cell holds no opportunity.
func (t *Totals) empty() bool {
	for _, n := range t.count {
		if n != 0 {
			return false
		}
	}
	return true
}

// Currency returns the cell's currency ("" while it holds only zero
// amounts).
func (t Totals) Currency() string {
	for _, a := range t.amount {
		if c := a.Currency(); c != "" {
			return c
		}
	}
	return ""
}

// sum returns the exact sum of the categories' amounts.
func (t Totals) sum(cats ...Category) metrics.Money {
	var acc metrics.Accumulator
	for _, c := range cats {
		_ = acc.Merge(t.amount[c]) // one currency per cell
	}
	return inCurrency(acc.Money(), t.Currency())
}

// Amount returns the total amount of the category's opportunities (zero for
// an unknown category).
func (t Totals) Amount(c Category) metrics.Money {
	if c < CategoryPipeline || c > CategoryOmitted {
		return metrics.Money{}
	}
	return inCurrency(t.amount[c].Money(), t.Currency())
}

// Count returns the number of opportunities in the category.
func (t Totals) Count(c Category) int64 {
	if c < CategoryPipeline || c > CategoryOmitted {
		return 0
	}
	return t.count[c]
}

// CommitForecast is Salesforce's commit forecast: Commit + Closed.
func (t Totals) CommitForecast() metrics.Money { return t.sum(CategoryCommit, CategoryClosed) }

// MostLikelyForecast is Salesforce's most-likely forecast: Most Likely +
// Commit + Closed.
func (t Totals) MostLikelyForecast() metrics.Money {
	return t.sum(CategoryMostLikely, CategoryCommit, CategoryClosed)
}

// BestCaseForecast is Salesforce's best-case forecast: Best Case + Most
// Likely + Commit + Closed.
func (t Totals) BestCaseForecast() metrics.Money {
	return t.sum(CategoryBestCase, CategoryMostLikely, CategoryCommit, CategoryClosed)
}

// OpenPipeline is everything open and not omitted: Pipeline + Best Case +
// Most Likely + Commit (Salesforce's OpenPipeline).
func (t Totals) OpenPipeline() metrics.Money {
	return t.sum(CategoryPipeline, CategoryBestCase, CategoryMostLikely, CategoryCommit)
}

// Closed returns the won amount (the Closed category).
func (t Totals) Closed() metrics.Money { return t.Amount(CategoryClosed) }

// OpenCount is the number of open opportunities not omitted.
func (t Totals) OpenCount() int64 {
	return t.count[CategoryPipeline] + t.count[CategoryBestCase] + t.count[CategoryMostLikely] + t.count[CategoryCommit]
}

// Deals returns the won and lost counts (open deals are in neither).
func (t Totals) Deals() Deals { return Deals{Won: t.count[CategoryClosed], Lost: t.lostN} }

// Lost returns the amount of the lost deals.
func (t Totals) Lost() metrics.Money { return inCurrency(t.lost.Money(), t.Currency()) }

// WeightedPipeline is Σ amount × probability over the open opportunities
// not omitted, summed exactly and rounded once with ctx (the zero Context:
// 12 places, half to even, exact whenever every probability is a whole
// number of millionths). It never exceeds OpenPipeline when ctx keeps the
// amounts' places.
func (t Totals) WeightedPipeline(ctx metrics.Context) metrics.Money {
	m, _ := moneyOfRat(t.weighted.rat(), t.Currency(), ctx) // a fraction of amounts within the bound
	return m
}

// WinRate is won ÷ (won + lost) over the cell's closed deals (WinRate).
func (t Totals) WinRate() (metrics.Ratio, error) { return WinRate(t.Deals()) }

// AverageDeal is the won amount ÷ the number of won deals, rounded once
// with ctx; no won deal is a *metrics.MetricError ("average_deal", "won")
// wrapping metrics.ErrZeroDenominator.
func (t Totals) AverageDeal(ctx metrics.Context) (metrics.Money, error) {
	if t.count[CategoryClosed] == 0 {
		return metrics.Money{}, metrics.NewMetricError("average_deal", "won", metrics.ErrZeroDenominator)
	}
	return t.Closed().QuoInt(t.count[CategoryClosed], ctx)
}

// AverageCycleDays is the mean sales cycle of the won deals, in calendar
// days from the created date to the close date, Σ days ÷ won, rounded once
// with the zero Context (sales_cycle). No won deal is a *metrics.MetricError
// wrapping metrics.ErrZeroDenominator.
func (t Totals) AverageCycleDays() (metrics.Quantity, error) {
	won := t.count[CategoryClosed]
	if won == 0 {
		return metrics.Quantity{}, metrics.NewMetricError("sales_cycle", "won", metrics.ErrZeroDenominator)
	}
	d, err := metrics.Context{}.Quo(decimal.New(t.cycleDays, 0), decimal.New(won, 0))
	if err != nil {
		return metrics.Quantity{}, metrics.NewMetricError("sales_cycle", "won", err)
	}
	return metrics.NewQuantity(d, metrics.UnitDays)
}

// Velocity is the cell's pipeline velocity (PipelineVelocity) from its own
// sums: open opportunities × average won deal × win rate ÷ average cycle,
//
//	open × (won amount ÷ won) × (won ÷ (won + lost)) ÷ (Σ cycle days ÷ won)
//
// computed as one exact fraction and rounded once with the zero Context, in
// money per day. No won deal, or won deals whose cycles sum to zero days,
// leave it undefined: a *metrics.MetricError wrapping
// metrics.ErrZeroDenominator.
func (t Totals) Velocity() (metrics.Money, error) {
	const id = "pipeline_velocity"
	won, lost := t.count[CategoryClosed], t.lostN
	switch {
	case won == 0:
		return metrics.Money{}, metrics.NewMetricError(id, "won", metrics.ErrZeroDenominator)
	case t.cycleDays == 0:
		return metrics.Money{}, metrics.NewMetricError(id, "salesCycle", fmt.Errorf("%w: won deals closed the day they were created", metrics.ErrZeroDenominator))
	}
	num := new(big.Int).Mul(big.NewInt(t.OpenCount()), big.NewInt(won))
	den := new(big.Int).Mul(new(big.Int).Add(big.NewInt(won), big.NewInt(lost)), big.NewInt(t.cycleDays))
	r := ratOfDecimal(t.Closed().Amount())
	r.Mul(r, new(big.Rat).SetFrac(num, den))
	m, err := moneyOfRat(r, t.Currency(), metrics.Context{})
	if err != nil {
		return metrics.Money{}, metrics.NewMetricError(id, "", err)
	}
	return m, nil
}

// Equal reports whether t and o hold the same sums (go-cmp uses it).
func (t Totals) Equal(o Totals) bool {
	if t.count != o.count || t.lostN != o.lostN || t.cycleDays != o.cycleDays {
		return false
	}
	for c := range t.amount {
		if !sameAmount(t.amount[c].Money(), o.amount[c].Money()) {
			return false
		}
	}
	return sameAmount(t.lost.Money(), o.lost.Money()) && t.weighted.rat().Cmp(o.weighted.rat()) == 0
}

// sameAmount reports whether a and b are the same amount: equal, or both
// zero (whatever currency a zero carries).
func sameAmount(a, b metrics.Money) bool { return a.IsZero() && b.IsZero() || a.Equal(b) }

// inCurrency returns m, or zero in cur when m is a zero without currency,
// so that every amount a cell reports carries the cell's currency.
func inCurrency(m metrics.Money, cur string) metrics.Money {
	if m.Currency() == "" && cur != "" {
		z, _ := metrics.MoneyFromInt(0, cur) // cur came from an amount: valid
		return z
	}
	return m
}

// String summarises the cell: the cumulative forecasts and counts.
func (t Totals) String() string {
	return fmt.Sprintf("closed %s (%d), commit %s, most likely %s, best case %s, open pipeline %s (%d), lost %d",
		t.Closed(), t.count[CategoryClosed], t.CommitForecast(), t.MostLikelyForecast(), t.BestCaseForecast(), t.OpenPipeline(), t.OpenCount(), t.lostN)
}
