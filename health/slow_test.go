package health

// The slow reference: scoring written straight from the definitions, in
// exact fractions (metrics.Ratio) from the Config as given, with no
// compiled form, no scaled integers and no shared code with the package
// beyond the value types. The fast path, the exact path and the
// portfolio are compared with it.

import (
	"errors"
	"fmt"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// slowRat returns d as a Ratio.
func slowRat(d decimal.Decimal) metrics.Ratio {
	r, err := metrics.RatioOf(d, decimal.New(1, 0))
	if err != nil {
		panic(err)
	}
	return r
}

// slowPoints normalises v by n, from the normalisers' documented formulas.
func slowPoints(n Normaliser, v decimal.Decimal) metrics.Ratio {
	hundred := metrics.RatioFromInt(100)
	x := slowRat(v)
	switch n := n.(type) {
	case Target:
		at := slowRat(n.At)
		switch {
		case x.Sign() <= 0:
			return metrics.Ratio{}
		case x.Cmp(at) >= 0:
			return hundred
		}
		q, _ := x.Mul(hundred).Quo(at)
		return q
	case MinMax:
		lo, hi := slowRat(n.Min), slowRat(n.Max)
		switch {
		case x.Cmp(lo) <= 0:
			return metrics.Ratio{}
		case x.Cmp(hi) >= 0:
			return hundred
		}
		q, _ := x.Sub(lo).Mul(hundred).Quo(hi.Sub(lo))
		return q
	case Inverse:
		best, worst := slowRat(n.Best), slowRat(n.Worst)
		switch {
		case x.Cmp(best) <= 0:
			return hundred
		case x.Cmp(worst) >= 0:
			return metrics.Ratio{}
		}
		q, _ := worst.Sub(x).Mul(hundred).Quo(worst.Sub(best))
		return q
	case Lookup:
		for i := len(n.Steps) - 1; i > 0; i-- {
			if x.Cmp(slowRat(n.Steps[i].From)) >= 0 {
				return slowRat(n.Steps[i].Points)
			}
		}
		return slowRat(n.Steps[0].Points)
	case Occurred:
		if (x.Sign() > 0) != n.Absent {
			return hundred
		}
		return metrics.Ratio{}
	}
	panic(fmt.Sprintf("unknown normaliser %T", n))
}

// slowResult is what the reference computes for one account.
type slowResult struct {
	score, coverage metrics.Ratio
	band            metrics.Status
	missing         int
}

var errSlow = errors.New("slow reference: refused")

// slowScore scores readings under cfg: Σ w × points ÷ Σ w over the signals
// the rule keeps, w the component's weight × the signal's.
func slowScore(cfg Config, readings []Reading) (slowResult, error) {
	byName := map[string]Value{}
	known := map[string]bool{}
	for _, c := range cfg.Components {
		for _, s := range c.Signals {
			known[s.Name] = true
		}
	}
	for _, r := range readings {
		if _, dup := byName[r.Signal]; dup || !known[r.Signal] {
			return slowResult{}, errSlow
		}
		byName[r.Signal] = r.Value
	}
	var num, den, covered metrics.Ratio
	var out slowResult
	for _, c := range cfg.Components {
		for _, s := range c.Signals {
			w := c.Weight.Mul(s.Weight)
			v, ok := byName[s.Name]
			switch {
			case ok:
				covered = covered.Add(w)
			case cfg.Missing == MissingReject:
				return slowResult{}, errSlow
			case cfg.Missing == MissingReweight:
				out.missing++
				continue
			case cfg.Missing == MissingZero:
				out.missing++
				den = den.Add(w)
				continue
			default:
				out.missing++
				v = s.Impute
			}
			num = num.Add(w.Mul(slowPoints(s.Normaliser, v.Decimal())))
			den = den.Add(w)
		}
	}
	if den.IsZero() {
		return slowResult{}, errSlow
	}
	out.score, _ = num.Quo(den)
	out.coverage = covered
	green, yellow := slowRat(cfg.Bands.Green), slowRat(cfg.Bands.Yellow)
	if cfg.Bands.Green.IsZero() && cfg.Bands.Yellow.IsZero() {
		green, yellow = metrics.RatioFromInt(80), metrics.RatioFromInt(50)
	}
	switch {
	case out.score.Cmp(green) >= 0:
		out.band = metrics.StatusGreen
	case out.score.Cmp(yellow) >= 0:
		out.band = metrics.StatusYellow
	default:
		out.band = metrics.StatusRed
	}
	return out, nil
}

// slowAUC counts every (churned, retained) pair: 1 when the churned one
// scored lower, ½ on a tie.
func slowAUC(os []Outcome) (metrics.Ratio, bool) {
	var num metrics.Ratio
	var pairs int64
	half, _ := metrics.NewRatio(1, 2)
	for _, c := range os {
		if !c.Churned {
			continue
		}
		for _, r := range os {
			if r.Churned {
				continue
			}
			pairs++
			switch c.Score.Ratio().Cmp(r.Score.Ratio()) {
			case -1:
				num = num.Add(metrics.RatioFromInt(1))
			case 0:
				num = num.Add(half)
			}
		}
	}
	if pairs == 0 {
		return metrics.Ratio{}, false
	}
	q, _ := num.Quo(metrics.RatioFromInt(pairs))
	return q, true
}
