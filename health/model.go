package health

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// maxSignals bounds the signals of a model.
const maxSignals = 1000

// maxEvents is the most key events an event model tracks (seeds/003: "the
// events followed should not exceed 5").
const maxEvents = 5

// idScore is the dictionary ID under which model errors are reported.
const idScore = "health_score"

// Missing is a model's rule for a signal an account has no reading for.
// The rule is part of the model and every Result reports its coverage, so a
// score never silently means something else.
type Missing uint8

// The rules for missing signals.
const (
	// MissingReject refuses to score an account with a missing signal (the
	// zero value: nothing is assumed unless the model says so).
	MissingReject Missing = iota
	// MissingReweight scores over the signals present, their weights scaled
	// to sum to 100% (Gainsight's Σ wᵢ·mᵢ ÷ Σ wᵢ over the measures with
	// data). It can raise a score while the evidence shrinks: read the
	// coverage.
	MissingReweight
	// MissingZero counts a missing signal as 0 points.
	MissingZero
	// MissingImpute scores a missing signal as if its reading were the
	// signal's Impute value.
	MissingImpute
)

var missingNames = [...]string{"reject", "reweight", "zero", "impute"}

// String returns the rule's name, such as "reweight".
func (m Missing) String() string {
	if int(m) < len(missingNames) {
		return missingNames[m]
	}
	return "Missing(" + strconv.Itoa(int(m)) + ")"
}

// Bands are the score bands: green from Green (inclusive) to 100, yellow
// from Yellow (inclusive) up to Green (exclusive), red below Yellow. They
// are half-open, so every score, 79.5 included, falls in exactly one. The
// zero value means the defaults of seeds/004: green ≥ 80, yellow ≥ 50, red
// below 50. Valid bands have 0 < Yellow < Green ≤ 100.
type Bands struct {
	Green  decimal.Decimal // lowest green score (default 80)
	Yellow decimal.Decimal // lowest yellow score (default 50)
}

// bands are compiled Bands.
type bands struct {
	given         Bands
	green, yellow metrics.Ratio
	fast          bool
	gn, yn        int64 // the edges in millionths of a point, when fast
}

// compileBands validates b (the zero value meaning the defaults).
func compileBands(b Bands) (bands, error) {
	if b.Green.Sign() == 0 && b.Yellow.Sign() == 0 {
		b = Bands{Green: decimal.New(80, 0), Yellow: decimal.New(50, 0)}
	}
	g, err := exactOf("green", b.Green)
	if err != nil {
		return bands{}, err
	}
	y, err := exactOf("yellow", b.Yellow)
	if err != nil {
		return bands{}, err
	}
	switch {
	case y.Sign() <= 0 || g.Cmp(metrics.RatioFromInt(100)) > 0:
		return bands{}, fmt.Errorf("%w: bands must have 0 < yellow < green ≤ 100, got yellow %s, green %s", metrics.ErrOutOfRange, formatDecimal(b.Yellow), formatDecimal(b.Green))
	case y.Cmp(g) >= 0:
		return bands{}, fmt.Errorf("%w: bands overlap: yellow from %s is not below green from %s", metrics.ErrInvalid, formatDecimal(b.Yellow), formatDecimal(b.Green))
	}
	out := bands{given: b, green: g, yellow: y}
	gn, ok1 := micros(b.Green)
	yn, ok2 := micros(b.Yellow)
	out.fast, out.gn, out.yn = ok1 && ok2, gn, yn
	return out, nil
}

// classify returns the band of p.
func (b *bands) classify(p Points) metrics.Status {
	if b.fast && p.r == nil {
		switch {
		case cmpFrac(p.n, p.den(), b.gn, pow10[valueScale]) >= 0:
			return metrics.StatusGreen
		case cmpFrac(p.n, p.den(), b.yn, pow10[valueScale]) >= 0:
			return metrics.StatusYellow
		}
		return metrics.StatusRed
	}
	r := p.Ratio()
	switch {
	case r.Cmp(b.green) >= 0:
		return metrics.StatusGreen
	case r.Cmp(b.yellow) >= 0:
		return metrics.StatusYellow
	}
	return metrics.StatusRed
}

// Config describes a model: its components, its rule for missing signals
// and its bands.
type Config struct {
	Components []Component // at least one; weights sum to exactly 100%
	Missing    Missing     // the rule for missing signals
	Bands      Bands       // the zero value means green ≥ 80, yellow ≥ 50
}

// Component is a named part of the score (usage, engagement, …) with its
// weight in the score and the signals it is computed from.
type Component struct {
	Name    string        // unique within the model
	Weight  metrics.Ratio // share of the score, positive; the components' weights sum to exactly 100%
	Signals []Signal      // at least one; their weights sum to exactly 100% of the component
}

// Signal is one raw input of a component and the normaliser that turns its
// readings into points.
type Signal struct {
	Name       string        // unique within the model; a Reading names it
	Weight     metrics.Ratio // share of its component, positive
	Normaliser Normaliser    // required
	Impute     Value         // the reading assumed when the signal is missing and the rule is MissingImpute
}

// sig is a compiled signal.
type sig struct {
	name   string
	comp   int
	w      metrics.Ratio // effective weight: component × signal
	norm   norm
	impute Value
	a      int64 // fast: w × D
	k      int64 // fast: 100 × a × lcm ÷ q, so that the signal adds k × P to the numerator
	impP   int64 // fast: P of the impute value
	impOK  bool  // the impute value has a fast P
}

// Model is a validated, immutable health model; it is safe for concurrent
// use. Build one with NewModel, NewModelNormalised, NewEventModel or
// DefaultModel.
type Model struct {
	cfg   Config
	sigs  []sig
	index map[string]int
	bands bands

	fast bool  // the hot path applies: every normaliser fits and 100 × L < 2^62
	d    int64 // the weights' common denominator D (a_s = w_s × D)
	lcm  int64 // the lcm of the normalisers' q
	hot  []hot // the signals' hot-path parameters, compact
	// With every signal read, the score is num ÷ L (L = D × lcm) and it is
	// green when num ≥ greenL = ⌈green × L⌉, yellow when num ≥ yellowL.
	greenL, yellowL int64
	bandsL          bool // greenL and yellowL are set
}

// hot is a signal's hot-path parameters: the points are 100 × P ÷ q and
// the signal adds k × P to the score's numerator.
type hot struct {
	name      string
	lo, hi, k int64
	kind      normKind
	absent    bool
	from, pts []int64 // Lookup
}

// p returns P for the value v in millionths.
func (h *hot) p(v int64) int64 {
	switch h.kind {
	case kindTarget, kindMinMax:
		return min(max(v, h.lo), h.hi) - h.lo
	case kindInverse:
		return h.hi - min(max(v, h.lo), h.hi)
	case kindOccurred:
		if (v > 0) != h.absent {
			return 1
		}
		return 0
	}
	j := 0
	for j+1 < len(h.from) && v >= h.from[j+1] {
		j++
	}
	return h.pts[j]
}

// modelErr returns a *metrics.MetricError of the health score naming input.
func modelErr(input string, err error) error { return metrics.NewMetricError(idScore, input, err) }

// NewModel validates cfg and compiles it. Errors are *metrics.MetricError
// values (metric "health_score") naming the offending input: no components
// or signals (metrics.ErrEmpty), more than 1,000 signals
// (metrics.ErrOutOfRange), an empty name (metrics.ErrMissing), a name used
// twice (metrics.ErrDuplicate), a weight that is not positive or weights
// that do not sum to exactly 100% (metrics.ErrWeights), a missing or invalid
// normaliser, an unknown missing rule, or overlapping or out-of-range bands.
func NewModel(cfg Config) (*Model, error) {
	m := &Model{cfg: cloneConfig(cfg), index: map[string]int{}}
	if cfg.Missing > MissingImpute {
		return nil, modelErr("missing", fmt.Errorf("%w: unknown rule %d", metrics.ErrInvalid, cfg.Missing))
	}
	b, err := compileBands(cfg.Bands)
	if err != nil {
		return nil, modelErr("bands", err)
	}
	m.bands = b
	if len(cfg.Components) == 0 {
		return nil, modelErr("components", metrics.ErrEmpty)
	}
	comps := map[string]bool{}
	var total metrics.Ratio
	one := metrics.RatioFromInt(1)
	for ci, c := range cfg.Components {
		in := "component " + strconv.Quote(c.Name)
		switch {
		case c.Name == "":
			return nil, modelErr(fmt.Sprintf("components[%d]", ci), fmt.Errorf("%w: name", metrics.ErrMissing))
		case comps[c.Name]:
			return nil, modelErr(in, metrics.ErrDuplicate)
		case c.Weight.Sign() <= 0:
			return nil, modelErr(in+": weight", fmt.Errorf("%w: %s is not positive", metrics.ErrWeights, c.Weight))
		case len(c.Signals) == 0:
			return nil, modelErr(in, fmt.Errorf("%w: no signals", metrics.ErrEmpty))
		case len(m.sigs)+len(c.Signals) > maxSignals:
			return nil, modelErr("components", fmt.Errorf("%w: more than %d signals", metrics.ErrOutOfRange, maxSignals))
		}
		comps[c.Name] = true
		total = total.Add(c.Weight)
		var sub metrics.Ratio
		for _, s := range c.Signals {
			sin := "signal " + strconv.Quote(s.Name)
			if _, dup := m.index[s.Name]; dup {
				return nil, modelErr(sin, metrics.ErrDuplicate)
			}
			switch {
			case s.Name == "":
				return nil, modelErr(in, fmt.Errorf("%w: a signal's name", metrics.ErrMissing))
			case s.Weight.Sign() <= 0:
				return nil, modelErr(sin+": weight", fmt.Errorf("%w: %s is not positive", metrics.ErrWeights, s.Weight))
			case s.Normaliser == nil:
				return nil, modelErr(sin, fmt.Errorf("%w: normaliser", metrics.ErrMissing))
			}
			n, err := s.Normaliser.compile()
			if err != nil {
				return nil, modelErr(sin, err)
			}
			sub = sub.Add(s.Weight)
			m.index[s.Name] = len(m.sigs)
			m.sigs = append(m.sigs, sig{name: s.Name, comp: ci, w: c.Weight.Mul(s.Weight), norm: n, impute: s.Impute})
		}
		if !sub.Equal(one) {
			return nil, modelErr(in+": weights", fmt.Errorf("%w: the signals' weights sum to %s, not 100%%", metrics.ErrWeights, sub))
		}
	}
	if !total.Equal(one) {
		return nil, modelErr("weights", fmt.Errorf("%w: the components' weights sum to %s, not 100%%", metrics.ErrWeights, total))
	}
	m.compileFast()
	return m, nil
}

// fastLimit bounds 100 × L, so that no sum of the hot path overflows.
var fastLimit = new(big.Int).Lsh(big.NewInt(1), 62)

// compileFast sets up the hot path when every normaliser has a fast form
// and the common denominator L = D × lcm(q) keeps 100 × L below 2^62: then
// a score's numerator Σ k_s × P_s ≤ 100 × L fits an int64 with no check.
func (m *Model) compileFast() {
	d, lcm := big.NewInt(1), big.NewInt(1)
	for _, s := range m.sigs {
		if !s.norm.fast {
			return
		}
		_, den := s.w.Fraction()
		d = lcmBig(d, den.Coefficient())
		lcm = lcmBig(lcm, big.NewInt(s.norm.q))
		if new(big.Int).Mul(d, lcm).Cmp(fastLimit) > 0 {
			return
		}
	}
	if new(big.Int).Mul(new(big.Int).Mul(d, lcm), big.NewInt(100)).Cmp(fastLimit) > 0 {
		return
	}
	m.d, m.lcm = d.Int64(), lcm.Int64()
	for i := range m.sigs {
		s := &m.sigs[i]
		num, den := s.w.Fraction()
		s.a = num.Coefficient().Int64() * (m.d / den.Coefficient().Int64())
		s.k = 100 * s.a * (m.lcm / s.norm.q)
		n := &s.norm
		m.hot = append(m.hot, hot{name: s.name, lo: n.flo, hi: n.fhi, k: s.k, kind: n.kind, absent: n.absent, from: n.ffrom, pts: n.fpts})
		if s.impute.big == nil {
			s.impP, s.impOK = m.hot[i].p(s.impute.micro), true
		}
	}
	if m.bands.fast {
		l := new(big.Int).Mul(d, lcm)
		ceil := func(micro int64) int64 {
			q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(micro), l), big.NewInt(pow10[valueScale]), new(big.Int))
			if r.Sign() > 0 {
				q.Add(q, big.NewInt(1))
			}
			return q.Int64() // ≤ 100 × L
		}
		m.greenL, m.yellowL, m.bandsL = ceil(m.bands.gn), ceil(m.bands.yn), true
	}
	m.fast = true
}

// lcmBig returns lcm(a, b) for positive a and b.
func lcmBig(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	return new(big.Int).Mul(a, new(big.Int).Quo(b, g))
}

// NewModelNormalised is NewModel for weights given as any positive numbers
// (points, percentages that do not add up): each component's weight is
// divided by the sum of the components' weights and each signal's by the
// sum of its component's, exactly, as Gainsight normalises scorecard
// weights. A weight that is not positive is still metrics.ErrWeights.
func NewModelNormalised(cfg Config) (*Model, error) {
	cfg = cloneConfig(cfg)
	var total metrics.Ratio
	for ci, c := range cfg.Components {
		if c.Weight.Sign() <= 0 {
			return nil, modelErr("component "+strconv.Quote(c.Name)+": weight", fmt.Errorf("%w: %s is not positive", metrics.ErrWeights, c.Weight))
		}
		total = total.Add(c.Weight)
		var sub metrics.Ratio
		for _, s := range c.Signals {
			if s.Weight.Sign() <= 0 {
				return nil, modelErr("signal "+strconv.Quote(s.Name)+": weight", fmt.Errorf("%w: %s is not positive", metrics.ErrWeights, s.Weight))
			}
			sub = sub.Add(s.Weight)
		}
		for si := range c.Signals {
			cfg.Components[ci].Signals[si].Weight, _ = c.Signals[si].Weight.Quo(sub) // sub > 0
		}
	}
	for ci := range cfg.Components {
		cfg.Components[ci].Weight, _ = cfg.Components[ci].Weight.Quo(total) // total > 0 unless no components
	}
	return NewModel(cfg)
}

// cloneConfig returns a deep copy of c.
func cloneConfig(c Config) Config {
	out := c
	out.Components = make([]Component, len(c.Components))
	for i, comp := range c.Components {
		comp.Signals = append([]Signal(nil), comp.Signals...)
		for j, s := range comp.Signals {
			if l, ok := s.Normaliser.(Lookup); ok {
				comp.Signals[j].Normaliser = Lookup{Steps: append([]Step(nil), l.Steps...)}
			}
		}
		out.Components[i] = comp
	}
	return out
}

// Config returns a deep copy of the model's configuration (the zero Bands
// filled in with the defaults).
func (m *Model) Config() Config {
	c := cloneConfig(m.cfg)
	c.Bands = m.bands.given
	return c
}

// Signals returns the names of the model's signals in its order: readings
// in this order, named with these strings, take the fastest path.
func (m *Model) Signals() []string {
	out := make([]string, len(m.sigs))
	for i, s := range m.sigs {
		out[i] = s.name
	}
	return out
}

// Classify returns the band of a score: metrics.StatusGreen,
// metrics.StatusYellow or metrics.StatusRed.
func (m *Model) Classify(p Points) metrics.Status { return m.bands.classify(p) }

// Event is one key customer event of an event model: Points when it
// occurred in the window (a reading above 0), or, with Absent, when it did
// not.
type Event struct {
	Name   string // the signal's name; a Reading names it
	Points int64  // positive; the events' points sum to exactly 100
	Absent bool   // the points go to the event not occurring (no escalation, no downgrade)
}

// EventConfig describes an event-checklist model: at most five key events
// (seeds/003), the rule for missing readings and the bands.
type EventConfig struct {
	Events  []Event // one to five
	Missing Missing // the rule for missing readings
	Bands   Bands   // the zero value means green ≥ 80, yellow ≥ 50
}

// NewEventModel builds the checklist model of seeds/003's health index:
// one component, "events", with one Occurred signal per event weighted by
// its points. More than five events is metrics.ErrOutOfRange, points that
// are not positive or do not sum to 100 metrics.ErrWeights; other errors as
// NewModel.
func NewEventModel(cfg EventConfig) (*Model, error) {
	if len(cfg.Events) > maxEvents {
		return nil, modelErr("events", fmt.Errorf("%w: %d events; seeds/003 tracks at most %d", metrics.ErrOutOfRange, len(cfg.Events), maxEvents))
	}
	comp := Component{Name: "events", Weight: metrics.RatioFromInt(1)}
	for _, e := range cfg.Events {
		if e.Points <= 0 {
			return nil, modelErr("signal "+strconv.Quote(e.Name)+": weight", fmt.Errorf("%w: %d points", metrics.ErrWeights, e.Points))
		}
		w, _ := metrics.NewRatio(e.Points, 100)
		comp.Signals = append(comp.Signals, Signal{Name: e.Name, Weight: w, Normaliser: Occurred{Absent: e.Absent}})
	}
	if len(comp.Signals) == 0 {
		return nil, modelErr("events", metrics.ErrEmpty)
	}
	return NewModel(Config{Components: []Component{comp}, Missing: cfg.Missing, Bands: cfg.Bands})
}

// DefaultModel returns the model of seeds/004 ("Skor Kesihatan"): product
// usage 40% (logins, feature use, active users), engagement 30% (meeting
// attendance, email responsiveness), support 15% (ticket volume,
// escalations, satisfaction), business outcomes 15% (success metrics met,
// ROI realised), each component's signals weighted equally, banded green
// ≥ 80, yellow ≥ 50, red below, with missing signals re-weighted over those
// present (read the coverage). The signals and their normalisers, with the
// seed's benchmarks:
//
//	usage       weekly_active_seats     Target 0.6  (weekly active users 60–80% of seats)
//	            dau_mau                 Target 0.4  (DAU/MAU 20–40% typical, 40%+ excellent)
//	            core_feature_adoption   Target 0.7  (70%+ of users on the core features)
//	engagement  meeting_attendance      MinMax 0–1  (share of QBRs and check-ins attended)
//	            outreach_response_rate  MinMax 0–1  (share of CS outreach answered)
//	            response_hours          Inverse 4–72 (answered in 4 hours, not 3 days)
//	support     escalation_rate         Inverse 0–0.1 (escalations under 10% of tickets)
//	            csat                    Lookup <4: 0, 4–4.5: 60, ≥4.5: 100 (CSAT bands; Totango's 100/60/0)
//	outcomes    success_metrics_met     Target 1    (share of agreed success metrics reached)
//	            roi_realised            Target 1    (realised ÷ promised ROI)
func DefaultModel() *Model {
	third, _ := metrics.NewRatio(1, 3)
	half, _ := metrics.NewRatio(1, 2)
	dec := func(c int64, e int32) decimal.Decimal { return decimal.New(c, e) }
	m, err := NewModel(Config{
		Missing: MissingReweight,
		Components: []Component{
			{Name: "usage", Weight: metrics.Percent(40), Signals: []Signal{
				{Name: "weekly_active_seats", Weight: third, Normaliser: Target{At: dec(6, -1)}},
				{Name: "dau_mau", Weight: third, Normaliser: Target{At: dec(4, -1)}},
				{Name: "core_feature_adoption", Weight: third, Normaliser: Target{At: dec(7, -1)}},
			}},
			{Name: "engagement", Weight: metrics.Percent(30), Signals: []Signal{
				{Name: "meeting_attendance", Weight: third, Normaliser: MinMax{Min: dec(0, 0), Max: dec(1, 0)}},
				{Name: "outreach_response_rate", Weight: third, Normaliser: MinMax{Min: dec(0, 0), Max: dec(1, 0)}},
				{Name: "response_hours", Weight: third, Normaliser: Inverse{Best: dec(4, 0), Worst: dec(72, 0)}},
			}},
			{Name: "support", Weight: metrics.Percent(15), Signals: []Signal{
				{Name: "escalation_rate", Weight: half, Normaliser: Inverse{Best: dec(0, 0), Worst: dec(1, -1)}},
				{Name: "csat", Weight: half, Normaliser: Lookup{Steps: []Step{
					{Points: dec(0, 0)}, {From: dec(4, 0), Points: dec(60, 0)}, {From: dec(45, -1), Points: dec(100, 0)},
				}}},
			}},
			{Name: "outcomes", Weight: metrics.Percent(15), Signals: []Signal{
				{Name: "success_metrics_met", Weight: half, Normaliser: Target{At: dec(1, 0)}},
				{Name: "roi_realised", Weight: half, Normaliser: Target{At: dec(1, 0)}},
			}},
		},
	})
	if err != nil {
		panic("health: the default model is invalid: " + err.Error()) // a constant configuration: tests build it
	}
	return m
}
