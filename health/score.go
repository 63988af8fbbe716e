package health

import (
	"fmt"
	"unsafe"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Reading is one signal's value for one account.
type Reading struct {
	Signal string // the signal's name in the model
	Value  Value  // its raw value, in the signal's unit
}

// Result is one account's health: its exact score (0–100), its band, how
// many of the model's signals had no reading, and the coverage (see
// Coverage).
type Result struct {
	Account string         // the account's ID
	Score   Points         // in [0, 100], exact
	Band    metrics.Status // green, yellow or red under the model's bands
	Missing int            // signals without a reading, handled by the model's Missing rule
	cov     Points         // the coverage, as a fraction
}

// Coverage is the share of the model's weight whose signals had a reading:
// 1 when every signal was read, less when some were missing, whatever the
// rule (an imputed signal is not data). Under MissingReweight a score can
// rise while coverage falls: report both.
func (r Result) Coverage() metrics.Ratio { return r.cov.Ratio() }

// rowErr returns the *metrics.RowError of an account's field.
func rowErr(account, field string, err error) error {
	return &metrics.RowError{Entity: "account", ID: account, Field: field, Err: err}
}

// Score scores one account from its readings. Readings in the model's
// signal order (Signals) take the hot path: scaled integers, no allocation,
// and names matched by pointer when they are the model's own strings; any
// order is accepted. Errors are *metrics.RowError values naming the
// account (Entity "account", ID) and the field: an empty ID
// (metrics.ErrMissing), a reading of a signal the model does not have
// (metrics.ErrInvalid, the field is the reading's signal name), a signal
// read twice (metrics.ErrDuplicate), a missing signal under MissingReject,
// or no signal at all under MissingReweight (metrics.ErrMissing).
func (m *Model) Score(account string, readings []Reading) (Result, error) {
	if account == "" {
		return Result{}, rowErr(account, "id", metrics.ErrMissing)
	}
	if m.fast && len(readings) == len(m.hot) {
		var num int64
		i := 0
		for ; i < len(readings); i++ {
			h, r := &m.hot[i], &readings[i]
			if r.Value.big != nil || !sameName(r.Signal, h.name) {
				break
			}
			num += h.k * h.p(r.Value.micro)
		}
		if i == len(readings) {
			p := Points{n: num, d: m.d * m.lcm}
			band := metrics.StatusRed
			switch {
			case !m.bandsL:
				band = m.bands.classify(p)
			case num >= m.greenL:
				band = metrics.StatusGreen
			case num >= m.yellowL:
				band = metrics.StatusYellow
			}
			return Result{Account: account, Score: p, Band: band, cov: Points{n: 1, d: 1}}, nil
		}
	}
	slot, err := m.resolve(account, readings)
	if err != nil {
		return Result{}, err
	}
	if r, ok, err := m.scoreSlots(account, readings, slot); ok || err != nil {
		return r, err
	}
	e, err := m.explain(account, readings, slot)
	return e.Result, err
}

// sameName reports whether a and b are equal, first by their data pointer:
// readings named with the model's own strings (Model.Signals) match
// without comparing bytes.
func sameName(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// resolve maps each of the model's signals to the index of its reading (-1
// when missing), refusing unknown and repeated signals.
func (m *Model) resolve(account string, readings []Reading) ([]int, error) {
	slot := make([]int, len(m.sigs))
	for i := range slot {
		slot[i] = -1
	}
	for j, r := range readings {
		i, ok := m.index[r.Signal]
		switch {
		case !ok:
			return nil, rowErr(account, r.Signal, fmt.Errorf("%w: unknown signal %q", metrics.ErrInvalid, r.Signal))
		case slot[i] >= 0:
			return nil, rowErr(account, r.Signal, fmt.Errorf("%w: signal %q read twice", metrics.ErrDuplicate, r.Signal))
		}
		slot[i] = j
	}
	if m.cfg.Missing == MissingReject {
		for i, j := range slot {
			if j < 0 {
				return nil, rowErr(account, m.sigs[i].name, fmt.Errorf("%w: no reading of signal %q (the model rejects missing signals)", metrics.ErrMissing, m.sigs[i].name))
			}
		}
	}
	return slot, nil
}

// scoreSlots is the hot path for readings in any order and with missing
// signals; ok is false when a value or an imputed value needs the exact
// path.
func (m *Model) scoreSlots(account string, readings []Reading, slot []int) (Result, bool, error) {
	if !m.fast {
		return Result{}, false, nil
	}
	var num, present int64
	missing := 0
	for i, j := range slot {
		s := &m.sigs[i]
		switch {
		case j >= 0:
			v := readings[j].Value
			if v.big != nil {
				return Result{}, false, nil
			}
			num += s.k * m.hot[i].p(v.micro)
			present += s.a
			continue
		case m.cfg.Missing == MissingImpute:
			if !s.impOK {
				return Result{}, false, nil
			}
			num += s.k * s.impP
		}
		missing++
	}
	den := m.d
	if m.cfg.Missing == MissingReweight {
		if present == 0 {
			return Result{}, false, rowErr(account, "signals", fmt.Errorf("%w: no signal of the model was read", metrics.ErrMissing))
		}
		den = present
	}
	p := Points{n: num, d: m.lcm * den}
	return Result{Account: account, Score: p, Band: m.bands.classify(p), Missing: missing, cov: Points{n: present, d: m.d}}, true, nil
}

// SignalPart is one signal's part of a score.
type SignalPart struct {
	Component    string        // the component the signal belongs to
	Signal       string        // the signal's name
	Weight       metrics.Ratio // its weight in this score (after re-weighting; 0 for a signal re-weighted away)
	Value        Value         // the reading, or the imputed value
	Points       Points        // the normalised points, 0–100 (0 when missing and not imputed)
	Contribution Points        // Weight × Points: the signals' contributions sum exactly to the score
	Missing      bool          // the account had no reading of the signal
	Imputed      bool          // the model imputed Value (MissingImpute)
}

// ComponentPart is one component's part of a score.
type ComponentPart struct {
	Component    string        // the component's name
	Weight       metrics.Ratio // its weight in this score (after re-weighting)
	Points       Points        // the component's own score, 0–100: Contribution ÷ Weight (0 when the weight is 0)
	Contribution Points        // the sum of its signals' contributions; the components' sum exactly to the score
	Coverage     metrics.Ratio // the share of the component's weight that had readings
}

// Explanation is a Result with the part of every component and signal, so
// a CSM can see why an account is red.
type Explanation struct {
	Result
	Components []ComponentPart // in the model's order
	Signals    []SignalPart    // in the model's order
}

// Explain scores one account exactly and returns every component's and
// signal's contribution; the score equals Score's. Errors as Score.
func (m *Model) Explain(account string, readings []Reading) (Explanation, error) {
	if account == "" {
		return Explanation{}, rowErr(account, "id", metrics.ErrMissing)
	}
	slot, err := m.resolve(account, readings)
	if err != nil {
		return Explanation{}, err
	}
	return m.explain(account, readings, slot)
}

// explain is the exact path: every signal's points as fractions, weighted
// and summed. It is the one fallback of Score and the whole of Explain.
func (m *Model) explain(account string, readings []Reading, slot []int) (Explanation, error) {
	parts := make([]SignalPart, len(m.sigs))
	var weight, covered metrics.Ratio // weight in the denominator; weight with readings
	missing := 0
	for i, j := range slot {
		s := &m.sigs[i]
		part := SignalPart{Component: m.cfg.Components[s.comp].Name, Signal: s.name}
		switch {
		case j >= 0:
			part.Value = readings[j].Value
			part.Points = pointsOfRatio(s.norm.exact(part.Value.ratio()))
			covered = covered.Add(s.w)
			weight = weight.Add(s.w)
		case m.cfg.Missing == MissingImpute:
			part.Missing, part.Imputed, part.Value = true, true, s.impute
			part.Points = pointsOfRatio(s.norm.exact(s.impute.ratio()))
			weight = weight.Add(s.w)
			missing++
		default:
			part.Missing = true
			if m.cfg.Missing == MissingZero {
				weight = weight.Add(s.w)
			}
			missing++
		}
		parts[i] = part
	}
	if weight.Sign() == 0 {
		return Explanation{}, rowErr(account, "signals", fmt.Errorf("%w: no signal of the model was read", metrics.ErrMissing))
	}
	var score metrics.Ratio
	comps := make([]ComponentPart, len(m.cfg.Components))
	compW := make([]metrics.Ratio, len(comps))
	compCov := make([]metrics.Ratio, len(comps))
	for i := range parts {
		s := &m.sigs[i]
		if !parts[i].Missing || m.cfg.Missing != MissingReweight {
			parts[i].Weight, _ = s.w.Quo(weight)
		}
		c := parts[i].Weight.Mul(parts[i].Points.Ratio())
		parts[i].Contribution = pointsOfRatio(c)
		score = score.Add(c)
		comps[s.comp].Contribution = comps[s.comp].Contribution.Add(parts[i].Contribution)
		comps[s.comp].Weight = comps[s.comp].Weight.Add(parts[i].Weight)
		compW[s.comp] = compW[s.comp].Add(s.w)
		if !parts[i].Missing {
			compCov[s.comp] = compCov[s.comp].Add(s.w)
		}
	}
	for ci := range comps {
		comps[ci].Component = m.cfg.Components[ci].Name
		if comps[ci].Weight.Sign() > 0 {
			p, _ := comps[ci].Contribution.Ratio().Quo(comps[ci].Weight)
			comps[ci].Points = pointsOfRatio(p)
		}
		comps[ci].Coverage, _ = compCov[ci].Quo(compW[ci]) // compW > 0: weights are positive
	}
	p := pointsOfRatio(score)
	return Explanation{
		Result:     Result{Account: account, Score: p, Band: m.bands.classify(p), Missing: missing, cov: pointsOfRatio(covered)},
		Components: comps,
		Signals:    parts,
	}, nil
}
