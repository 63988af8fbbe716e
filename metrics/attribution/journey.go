package attribution

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// Milestone is a set of funnel milestones a touch marks (HubSpot's
// milestones): the touch where the contact first interacted, where the lead
// was created, where the opportunity (deal) was created, where it was closed
// won. Combine them with |. Each milestone may mark at most one touch of a
// journey.
type Milestone uint8

// The milestones.
const (
	FirstInteraction   Milestone = 1 << iota // the contact's first interaction; must be the journey's first touch
	LeadCreated                              // the touch at which the lead was created
	OpportunityCreated                       // the touch at which the opportunity (deal) was created
	ClosedWon                                // the touch at which the deal was closed won
)

// knownMilestones are the bits a Milestone may hold.
const knownMilestones = FirstInteraction | LeadCreated | OpportunityCreated | ClosedWon

var milestoneNames = [...]string{"first interaction", "lead created", "opportunity created", "closed won"}

// String returns the milestones' names joined by "|", such as
// "first interaction|lead created", "" for none; unknown bits are shown as
// Milestone(0x..).
func (m Milestone) String() string {
	var parts []string
	for i, name := range milestoneNames {
		if m&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	if rest := m &^ knownMilestones; rest != 0 {
		parts = append(parts, fmt.Sprintf("Milestone(%#x)", uint8(rest)))
	}
	return strings.Join(parts, "|")
}

// Touch is one marketing or sales touch of a journey: the channel (required,
// such as "paid search", "email", "direct"), the campaign (optional), when it
// happened (required) and the milestones it marks.
type Touch struct {
	Channel    string    // the channel; required
	Campaign   string    // the campaign within the channel; may be empty
	Time       time.Time // when the touch happened; required, not after the journey's conversion
	Milestones Milestone // the milestones this touch marks; zero for none
}

// Journey is one conversion and the touches that led to it. Value is what
// the conversion is worth (pipeline for an opportunity, revenue for a closed
// deal), non-negative, in the aggregate's currency and a whole number of its
// minor unit; Conversion is when it converted (required). Touches may come in
// any order: the journey's path is the touches sorted by time, touches at
// the same time keeping their order in the slice.
//
// Lost marks a path that ended without a conversion (a lost deal, a visit
// that never signed up): its Value must be zero. The rule-based models give
// it no credit and only count it (Aggregate.Lost); the Markov model learns
// from it (its last touch leads to the null state); Shapley ignores it.
type Journey struct {
	ID         string        // the journey's identifier (an opportunity or contact ID), used in errors
	Value      metrics.Money // the conversion's value; ≥ 0
	Conversion time.Time     // when it converted; required
	Touches    []Touch       // the touches before the conversion, in any order
	Lost       bool          // the path did not convert (Value must be zero)
}

// MaxTouches bounds the touches of one journey: a journey with more is
// refused (metrics.ErrOutOfRange), so that a mistaken input cannot make the
// integer weights overflow or a build hold an unbounded path.
const MaxTouches = 1 << 20

// key is a (channel, campaign) pair: the unit a journey's credits are split
// into.
type key struct {
	channel, campaign string
}

// path is a validated journey in path order, with its touches grouped by
// (channel, campaign) and by channel. Its slices are scratch space reused
// from journey to journey.
type path struct {
	order   []int32          // path position → index into the journey's touches
	keys    []key            // the distinct (channel, campaign) pairs, in order of first touch
	keyOf   []int32          // path position → index into keys
	chans   []int32          // the distinct channels, as the index in keys of their first pair, in order of first touch
	chanOf  []int32          // key index → index into chans
	marks   [4]int32         // milestone bit → path position of the touch it marks, or −1
	inv     []int32          // touch index → path position (scratch, for unsorted touches)
	keyMap  map[key]int32    // for long paths only
	chanMap map[string]int32 // for long paths only
}

// longPath is the path length beyond which grouping uses maps instead of a
// linear scan (keeps grouping linear in the number of touches).
const longPath = 32

// touchErr returns the *metrics.RowError of touch i (a path position's index
// into the journey's touches).
func touchErr(j *Journey, i int, field string, err error) *metrics.RowError {
	return &metrics.RowError{Entity: "journey", ID: j.ID, Detail: "touch " + strconv.Itoa(i+1) + " (channel " + strconv.Quote(j.Touches[i].Channel) + ")", Field: field, Err: err}
}

// journeyErr returns the *metrics.RowError of journey j.
func journeyErr(j *Journey, field string, err error) *metrics.RowError {
	return &metrics.RowError{Entity: "journey", ID: j.ID, Field: field, Err: err}
}

// load validates j's touches and conversion time (not its value, which
// needs the aggregate's currency) and fills p with its path.
func (p *path) load(j *Journey) *metrics.RowError {
	if j.Conversion.IsZero() {
		return journeyErr(j, "conversion", fmt.Errorf("%w: no conversion time", metrics.ErrMissing))
	}
	n := len(j.Touches)
	if n > MaxTouches {
		return journeyErr(j, "touches", fmt.Errorf("%w: %d touches, more than %d", metrics.ErrOutOfRange, n, MaxTouches))
	}
	p.marks = [4]int32{-1, -1, -1, -1}
	sorted := true
	for i := range j.Touches {
		t := &j.Touches[i]
		switch {
		case t.Channel == "":
			return touchErr(j, i, "channel", fmt.Errorf("%w: no channel", metrics.ErrMissing))
		case t.Time.IsZero():
			return touchErr(j, i, "time", fmt.Errorf("%w: no time", metrics.ErrMissing))
		case t.Time.After(j.Conversion):
			return touchErr(j, i, "time", fmt.Errorf("%w: touch at %s after the conversion at %s", metrics.ErrInvalid, t.Time.Format(time.RFC3339Nano), j.Conversion.Format(time.RFC3339Nano)))
		case t.Milestones&^knownMilestones != 0:
			return touchErr(j, i, "milestone", fmt.Errorf("%w: unknown milestone %s", metrics.ErrInvalid, t.Milestones&^knownMilestones))
		}
		if t.Milestones != 0 {
			for b := range p.marks {
				if t.Milestones&(1<<b) == 0 {
					continue
				}
				if p.marks[b] >= 0 {
					return touchErr(j, i, "milestone", fmt.Errorf("%w: %s also marks touch %d", metrics.ErrDuplicate, milestoneNames[b], p.marks[b]+1))
				}
				p.marks[b] = int32(i)
			}
		}
		if i > 0 && t.Time.Before(j.Touches[i-1].Time) {
			sorted = false
		}
	}
	p.order = p.order[:0]
	for i := range n {
		p.order = append(p.order, int32(i))
	}
	if !sorted {
		slices.SortStableFunc(p.order, func(a, b int32) int { return j.Touches[a].Time.Compare(j.Touches[b].Time) })
		// The marks hold touch indices; make them path positions.
		p.inv = slices.Grow(p.inv[:0], n)[:n]
		for pos, i := range p.order {
			p.inv[i] = int32(pos)
		}
		for b, i := range p.marks {
			if i >= 0 {
				p.marks[b] = p.inv[i]
			}
		}
	}
	if p.marks[0] > 0 {
		i := p.order[p.marks[0]]
		return touchErr(j, int(i), "milestone", fmt.Errorf("%w: first interaction on touch %d, not the earliest (touch %d)", metrics.ErrInvalid, i+1, p.order[0]+1))
	}
	p.group(j)
	return nil
}

// group fills keys, keyOf, chans and chanOf from the path order: short
// paths scan the pairs seen so far (one scan finds both the pair and its
// channel), long ones use maps.
func (p *path) group(j *Journey) {
	p.keys, p.keyOf, p.chans, p.chanOf = p.keys[:0], p.keyOf[:0], p.chans[:0], p.chanOf[:0]
	if len(p.order) > longPath {
		p.groupLong(j)
		return
	}
	for _, i := range p.order {
		t := &j.Touches[i]
		ki, ci := int32(-1), int32(-1)
		for x := range p.keys {
			if p.keys[x].channel == t.Channel {
				ci = p.chanOf[x]
				if p.keys[x].campaign == t.Campaign {
					ki = int32(x)
					break
				}
			}
		}
		if ki < 0 {
			ki = int32(len(p.keys))
			p.keys = append(p.keys, key{t.Channel, t.Campaign})
			if ci < 0 {
				ci = int32(len(p.chans))
				p.chans = append(p.chans, ki)
			}
			p.chanOf = append(p.chanOf, ci)
		}
		p.keyOf = append(p.keyOf, ki)
	}
}

// groupLong is group for long paths, with maps.
func (p *path) groupLong(j *Journey) {
	if p.keyMap == nil {
		p.keyMap, p.chanMap = make(map[key]int32), make(map[string]int32)
	}
	clear(p.keyMap)
	clear(p.chanMap)
	for _, i := range p.order {
		t := &j.Touches[i]
		k := key{t.Channel, t.Campaign}
		ki, ok := p.keyMap[k]
		if !ok {
			ki = int32(len(p.keys))
			p.keys = append(p.keys, k)
			p.keyMap[k] = ki
			ci, ok := p.chanMap[k.channel]
			if !ok {
				ci = int32(len(p.chans))
				p.chans = append(p.chans, ki)
				p.chanMap[k.channel] = ci
			}
			p.chanOf = append(p.chanOf, ci)
		}
		p.keyOf = append(p.keyOf, ki)
	}
}
