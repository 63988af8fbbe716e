package attribution

import (
	"fmt"
	"math/big"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// kind is a Model's family. The zero kind is the linear model, so that the
// zero Model is Linear.
type kind uint8

const (
	kindRoles   kind = iota // weights by role (first, milestones, last, rest); the zero Model is linear
	kindDecay               // time decay
	kindMarkov              // Markov removal effect, from the whole data set
	kindShapley             // Shapley values over coalitions, from the whole data set
)

// The roles a touch can hold in a journey, each with its weight in a
// role-weighted model.
const (
	roleFirst = iota // the first touch (the first interaction)
	roleLead         // the touch marked LeadCreated
	roleOpp          // the touch marked OpportunityCreated
	roleWon          // the touch marked ClosedWon
	roleLast         // the last touch (the last non-direct one for LastNonDirect)
	numRoles
)

// Model says how a conversion's value is shared among the touches before
// it. Make one with FirstTouch, LastTouch, LastNonDirect, Linear,
// PositionBased, WShaped, FullPath, TimeDecay, Custom, Markov or Shapley.
// Models compare with ==; the zero Model is Linear.
//
// The rule-based models (all but Markov and Shapley) weigh each journey on
// its own: a touch's share is its weight divided by the journey's total
// weight, an exact fraction. A channel and campaign touched several times
// takes the sum of its touches' shares (a channel touched twice in a linear
// journey of three touches takes two thirds, as ChannelAttribution counts).
type Model struct {
	kind     kind
	name     string
	w        [numRoles]int64 // role weights, over den
	rest     int64           // the weight spread over the other touches, over den
	den      int64           // the weights' common denominator (0 in the zero Model: linear)
	direct   string          // LastNonDirect: the direct channel
	halfLife time.Duration   // TimeDecay
	stepped  bool            // TimeDecay: whole half-lives
}

// Weights are the shares of a role-weighted model (Custom), each an exact
// fraction, together exactly 1. A role's weight goes to the touch that holds
// it; Rest is spread evenly over the touches holding no role of positive
// weight (the "middle" touches), one share per touch.
//
// When a journey has no touch for a role (no touch marked LeadCreated, say)
// or no touch left for Rest, that weight is dropped and the remaining ones
// are scaled up to sum to 1: shares are always weight ÷ the journey's total
// weight. When one touch holds several roles (the first touch also created
// the lead), it takes all their weights. So position-based 40/20/40 gives a
// single touch 100% and two touches 50% each, as Google Analytics does. A
// journey whose touches hold no role of positive weight and no Rest is an
// error (metrics.ErrMissing, field "milestone").
type Weights struct {
	First       metrics.Ratio // the first touch of the journey (its first interaction)
	Lead        metrics.Ratio // the touch marked LeadCreated
	Opportunity metrics.Ratio // the touch marked OpportunityCreated
	ClosedWon   metrics.Ratio // the touch marked ClosedWon
	Last        metrics.Ratio // the last touch of the journey
	Rest        metrics.Ratio // spread evenly over the other touches
}

// MaxWeightDenominator bounds the common denominator of a custom model's
// weights in lowest terms (1,000,000: percentages with four decimals), so
// that the integer weights of a journey fit 64 bits.
const MaxWeightDenominator = 1_000_000

// DirectChannel is the channel LastNonDirect treats as direct traffic when
// given no name.
const DirectChannel = "direct"

// mustRoles builds a predefined model from whole percents (which sum to 100).
func mustRoles(name string, first, lead, opp, won, last, rest int64) Model {
	return Model{kind: kindRoles, name: name, w: [numRoles]int64{first, lead, opp, won, last}, rest: rest, den: 100}.reduced()
}

// reduced divides the weights by their greatest common divisor.
func (m Model) reduced() Model {
	g := m.den
	for _, v := range m.w {
		g = gcd(g, v)
	}
	g = gcd(g, m.rest)
	for i := range m.w {
		m.w[i] /= g
	}
	m.rest /= g
	m.den /= g
	return m
}

// gcd returns the greatest common divisor of a ≥ 0 and b ≥ 0.
func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// FirstTouch gives the whole value to the journey's first touch (Google
// Analytics' first click; HubSpot's first interaction).
func FirstTouch() Model { return mustRoles("first touch", 100, 0, 0, 0, 0, 0) }

// LastTouch gives the whole value to the journey's last touch (Google
// Analytics' last click).
func LastTouch() Model { return mustRoles("last touch", 0, 0, 0, 0, 100, 0) }

// LastNonDirect gives the whole value to the last touch whose channel is not
// direct, the direct touch taking it only when the whole path is direct
// (Google Analytics' "last non-direct click"). direct names the direct
// channel, compared exactly; "" means DirectChannel ("direct").
func LastNonDirect(direct string) Model {
	if direct == "" {
		direct = DirectChannel
	}
	m := mustRoles("last non-direct", 0, 0, 0, 0, 100, 0)
	m.direct = direct
	return m
}

// Linear gives every touch an equal share: a journey of n touches gives 1/n
// to each, so a channel touched twice takes 2/n. It is the zero Model.
func Linear() Model { return Model{} }

// PositionBased is the U-shaped model of Google Analytics: 40% to the first
// touch, 40% to the last, 20% spread evenly over the touches between. A
// single touch takes 100%; two touches take 50% each (see Weights). For
// other splits use Custom; for HubSpot's U-shaped model (first interaction
// and lead creation) use Custom(Weights{First: 40%, Lead: 40%, Rest: 20%}).
func PositionBased() Model { return mustRoles("position-based", 40, 0, 0, 0, 40, 20) }

// WShaped is HubSpot's W-shaped model: 30% each to the first interaction,
// the touch that created the lead and the touch that created the
// opportunity, 10% spread evenly over the other touches. Coinciding
// milestones add up on their touch (a first touch that created the lead
// takes 60%); a missing milestone's 30%, and the 10% when no other touch is
// left, are dropped and the rest scaled up to 100% (see Weights): three
// touches holding the three milestones take one third each.
func WShaped() Model { return mustRoles("W-shaped", 30, 30, 30, 0, 0, 10) }

// FullPath is HubSpot's full-path model: 22.5% each to the first
// interaction, lead creation, opportunity creation and closed-won touches,
// 10% spread evenly over the other touches, with WShaped's rules for
// coinciding and missing milestones (a journey still in the pipeline has no
// closed-won touch: its other weights are scaled up to 100%).
func FullPath() Model {
	m := Model{kind: kindRoles, name: "full path", w: [numRoles]int64{225, 225, 225, 225, 0}, rest: 100, den: 1000}
	return m.reduced()
}

// Custom returns the role-weighted model with weights w: each non-negative
// (metrics.ErrNegative), together exactly 1 (metrics.ErrWeights), with a
// common denominator in lowest terms of at most MaxWeightDenominator
// (metrics.ErrOutOfRange), each error a *metrics.MetricError of
// "attribution_custom" naming the weight.
func Custom(w Weights) (Model, error) {
	const id = "attribution_custom"
	rs := [numRoles + 1]metrics.Ratio{w.First, w.Lead, w.Opportunity, w.ClosedWon, w.Last, w.Rest}
	names := [numRoles + 1]string{"First", "Lead", "Opportunity", "ClosedWon", "Last", "Rest"}
	var sum metrics.Ratio
	den := big.NewInt(1)
	for i, r := range rs {
		if r.Sign() < 0 {
			return Model{}, metrics.NewMetricError(id, names[i], fmt.Errorf("%w: weight %s", metrics.ErrNegative, r))
		}
		sum = sum.Add(r)
		_, d := ratioInts(r)
		g := new(big.Int).GCD(nil, nil, den, d)
		den.Mul(den, d.Quo(d, g))
		if den.Cmp(big.NewInt(MaxWeightDenominator)) > 0 {
			return Model{}, metrics.NewMetricError(id, names[i], fmt.Errorf("%w: the weights' common denominator exceeds %d", metrics.ErrOutOfRange, MaxWeightDenominator))
		}
	}
	if !sum.Equal(metrics.RatioFromInt(1)) {
		return Model{}, metrics.NewMetricError(id, "", fmt.Errorf("%w: the weights sum to %s, not 100%%", metrics.ErrWeights, sum))
	}
	m := Model{kind: kindRoles, name: "custom", den: den.Int64()}
	for i, r := range rs {
		n, d := ratioInts(r)
		v := n.Mul(n, den)
		v.Quo(v, d) // exact: d divides den
		if i < numRoles {
			m.w[i] = v.Int64()
		} else {
			m.rest = v.Int64()
		}
	}
	return m, nil
}

// ratioInts returns r's numerator and denominator as new big.Ints.
func ratioInts(r metrics.Ratio) (num, den *big.Int) {
	n, d := r.Fraction()
	return n.BigInt(), d.BigInt()
}

// DefaultHalfLife is the half-life TimeDecay uses when given none: 7 days,
// as Google Analytics' time-decay model.
const DefaultHalfLife = 7 * 24 * time.Hour

// Decay configures TimeDecay.
type Decay struct {
	// HalfLife is how long before the conversion a touch's weight halves;
	// zero means DefaultHalfLife (7 days); negative is an error.
	HalfLife time.Duration
	// Stepped decays by whole half-lives (a touch 10 days before with a
	// 7-day half-life weighs 1/2, as one 13 days before), which keeps every
	// weight an exact power of two; otherwise the decay is continuous.
	Stepped bool
}

// MaxStepSpread bounds, in stepped time decay, how many whole half-lives
// may separate a journey's oldest touch from its newest (so that the exact
// weights 2^−k stay small integers); a journey spread wider is refused
// (metrics.ErrOutOfRange, field "time").
const MaxStepSpread = 4096

// TimeDecay weighs a touch Δt before the conversion by 2^(−Δt ÷ half-life):
// a touch one half-life before weighs half of one at the conversion (Google
// Analytics' time decay, 7-day half-life by default). Shares are the
// weights divided by the journey's total weight.
//
// Stepped decay (d.Stepped) uses whole half-lives, 2^(−⌊Δt ÷ half-life⌋):
// every weight is an exact power of two and every share an exact fraction.
// Continuous decay's weights are irrational; each is computed with integer
// arithmetic only (math/big: ln 2 to 192 bits and the exponential series)
// to within 2^-100 of the true weight, relative to the journey's newest
// touch, whose weight is exactly 1 (touches more than 128 half-lives older
// than it weigh 0). A share is then a ratio of such weights, within 2^-80 of the
// exact irrational share for up to MaxTouches touches, and at whole
// half-lives the continuous weights equal the stepped ones exactly. Time
// decay needs touch times within about 292 years (time.Duration's range)
// of the conversion (metrics.ErrOutOfRange, field "time").
//
// A negative half-life is a *metrics.MetricError ("attribution_time_decay",
// "HalfLife", metrics.ErrNegative).
func TimeDecay(d Decay) (Model, error) {
	if d.HalfLife < 0 {
		return Model{}, metrics.NewMetricError("attribution_time_decay", "HalfLife", fmt.Errorf("%w: half-life %s", metrics.ErrNegative, d.HalfLife))
	}
	if d.HalfLife == 0 {
		d.HalfLife = DefaultHalfLife
	}
	name := "time decay"
	if d.Stepped {
		name = "stepped time decay"
	}
	return Model{kind: kindDecay, name: name, halfLife: d.HalfLife, stepped: d.Stepped}, nil
}

// MaxMarkovChannels bounds the distinct channels of the Markov model: its
// exact solution costs about the cube of the channel count in big-integer
// operations. The journey that brings one channel too many is refused
// (metrics.ErrOutOfRange, field "channel").
const MaxMarkovChannels = 64

// MaxShapleyChannels bounds the distinct channels of the Shapley model: it
// evaluates every coalition of channels, 2^channels of them (65,536 at the
// limit). The journey that brings one channel too many is refused
// (metrics.ErrOutOfRange, field "channel").
const MaxShapleyChannels = 16

// Markov is the data-driven removal-effect model (ChannelAttribution's
// first-order Markov model, solved exactly instead of simulated). The
// journeys' paths form a Markov chain: a start state, one state per channel,
// and two absorbing states, conversion and null (the end of a Lost path);
// the transition probabilities are the observed transition counts, each
// journey counting once. A channel's removal effect is the share of the
// chain's conversion probability lost when the channel's state leads to
// null:
//
//	removal effect(c) = (P(conversion) − P(conversion without c)) ÷ P(conversion)
//
// computed exactly by solving the absorbing chain over the integers
// (fraction-free Gauss–Jordan elimination, then exact fractions): no
// simulation, no seed. The total value of the converting journeys with
// touches is split among channels in proportion to their removal effects,
// which are never negative. At most MaxMarkovChannels channels; credits are
// per channel (campaigns are not modelled).
func Markov() Model { return Model{kind: kindMarkov, name: "Markov removal effect"} }

// Shapley is the data-driven Shapley-value model: the channels are players
// and a coalition S of channels is worth the value of the converting
// journeys whose channels all lie in S. A channel's credit is its Shapley
// value, its marginal worth averaged over every order of the channels,
//
//	φ(c) = Σ over S ⊆ N∖{c} of |S|! (n − |S| − 1)! ÷ n! × (v(S ∪ {c}) − v(S))
//
// computed exactly over all 2^n coalitions (n ≤ MaxShapleyChannels). The
// worth grows with the coalition, so every credit is non-negative, and the
// credits sum to v(N), the value of the converting journeys with touches.
// With this worth the Shapley value equals splitting each journey's value
// evenly among its distinct channels (Zhao et al. 2018, "Shapley value
// methods for attribution modeling in online advertising"), which the tests
// check. Credits are per channel (campaigns are not modelled).
func Shapley() Model { return Model{kind: kindShapley, name: "Shapley value"} }

// dataDriven reports whether m learns from the whole data set.
func (m Model) dataDriven() bool { return m.kind == kindMarkov || m.kind == kindShapley }

// roles returns m's role weights, rest weight and denominator, the zero
// Model giving Linear's.
func (m Model) roles() ([numRoles]int64, int64, int64) {
	if m.den == 0 {
		return [numRoles]int64{}, 1, 1
	}
	return m.w, m.rest, m.den
}

// String returns the model's name and parameters, such as
// "position-based first 40%, last 40%, rest 20%" or
// "time decay, half-life 168h0m0s".
func (m Model) String() string {
	switch m.kind {
	case kindDecay:
		return m.name + ", half-life " + m.halfLife.String()
	case kindMarkov, kindShapley:
		return m.name
	}
	if m.den == 0 {
		return "linear"
	}
	s := m.name + " "
	names := [numRoles]string{"first", "lead", "opportunity", "closed won", "last"}
	sep := ""
	for i, v := range m.w {
		if v != 0 {
			s += sep + names[i] + " " + pct(v, m.den)
			sep = ", "
		}
	}
	if m.rest != 0 {
		s += sep + "rest " + pct(m.rest, m.den)
	}
	if m.direct != "" {
		s += ", direct " + fmt.Sprintf("%q", m.direct)
	}
	return s
}

// pct formats v/den as an exact percent.
func pct(v, den int64) string {
	r, _ := metrics.NewRatio(v, den) // den > 0
	return r.String()
}
