package forecast

import (
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// bytesReader hands out fuzz bytes as small choices; past the end it gives
// zeros.
type bytesReader struct {
	b []byte
	i int
}

func (r *bytesReader) next() int {
	if r.i >= len(r.b) {
		r.i++
		return 0
	}
	v := int(r.b[r.i])
	r.i++
	return v
}

func (r *bytesReader) more() bool { return r.i < len(r.b) }

// pick returns one of n choices.
func (r *bytesReader) pick(n int) int { return r.next() % n }

var (
	fuzzAmounts = []string{"0", "1", "1000", "0.01", "-1", "9223372.036854775807", "12345678901234567890.123", "1e-1000000", "1e1000000", "99.999999999999"}
	fuzzProbs   = []string{"0", "1", "0.5", "0.9", "0.899999", "1/3", "2", "-0.1", "0.1234567", "999999/1000000"}
	fuzzStages  = []string{"Prospecting", "Qualification", "Proposal", "Negotiation", "Legal", "Contract", "On hold", "Closed Won", "Closed Lost", "", "Unknown"}
)

// opportunity decodes one opportunity (possibly invalid).
func (r *bytesReader) opportunity(t *testing.T, i int) Opportunity {
	d, _ := decimal.NewFromString(fuzzAmounts[r.pick(len(fuzzAmounts))])
	cur := []string{"USD", "USD", "USD", "EUR"}[r.pick(4)]
	amt, err := metrics.NewMoney(d, cur)
	if err != nil {
		t.Fatal(err)
	}
	p, err := metrics.ParseRatio(fuzzProbs[r.pick(len(fuzzProbs))])
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.next()*4-100)
	closeDate := created.AddDate(0, 0, r.next()-20)
	switch r.pick(16) {
	case 0:
		created = time.Time{}
	case 1:
		closeDate = time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
	case 2:
		closeDate = closeDate.AddDate(10000, 0, 0)
	}
	owner := genOwners[r.pick(len(genOwners))]
	if r.pick(20) == 0 {
		owner = ""
	}
	return Opportunity{
		ID: "f" + itoa(i), Owner: owner, Manager: genManagers[owner], Segment: genSegments[r.pick(3)],
		Type: Type(r.pick(5)), Amount: amt, Stage: fuzzStages[r.pick(len(fuzzStages))], Probability: p,
		Created: created, Close: closeDate, Status: Status(r.pick(4)), Category: Category(r.pick(10) % 8),
		Reason: []string{"", "price"}[r.pick(2)],
	}
}

// Build on arbitrary opportunities: no panic; strict mode either succeeds or
// names a record; lenient mode rejects exactly the opportunities strict
// refuses one by one, and rolls up the rest as the slow reference does.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte{2, 0, 0, 60, 30, 5, 0, 5, 0, 0, 1, 2, 0, 3, 0, 0, 0, 9, 1, 0, 4, 200, 40, 7, 1, 2, 0, 0, 0, 0, 0})
	f.Add([]byte{7, 3, 9, 1, 2, 3, 8, 1, 2, 0, 4, 4, 0, 0, 1, 0, 8, 2, 6, 5, 9, 1, 1, 1, 3, 2, 4, 4, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		var opps []Opportunity
		for i := 0; r.more() && i < 64; i++ {
			opps = append(opps, r.opportunity(t, i))
		}
		by := Dimensions{Period: Period(r.pick(3)), Owner: r.pick(2) == 0, Manager: r.pick(2) == 0, Type: r.pick(2) == 0}
		p := genPolicy()
		lax, err := Build(metrics.FromSlice(opps), Options{Policy: p, By: by, Lenient: true})
		if err != nil {
			t.Fatalf("lenient: %v", err)
		}
		rejected := map[int64]bool{}
		for _, re := range lax.Rejected() {
			if re.Entity != "opportunity" || re.ID != opps[re.Record-1].ID || re.Field == "" || re.Err == nil {
				t.Fatalf("rejection %+v does not name its opportunity", re)
			}
			rejected[re.Record] = true
		}
		var kept []Opportunity
		for i, o := range opps {
			if !rejected[int64(i+1)] {
				kept = append(kept, o)
			}
		}
		// Strict on the kept ones succeeds; on all, it fails iff any was rejected.
		strict, err := Build(metrics.FromSlice(opps), Options{Policy: p, By: by})
		if (err != nil) != (len(rejected) > 0) || (err != nil) != (strict == nil) {
			t.Fatalf("strict: %v with %d rejected", err, len(rejected))
		}
		// The kept ones, in one currency, match the reference.
		cur := lax.Currency()
		for _, o := range kept {
			if c := o.Amount.Currency(); c != "" && c != cur {
				t.Fatalf("kept %s in %s, roll-up in %s", o.ID, c, cur)
			}
		}
		if d := sameAsSlow(lax, slowRollup(p, by, kept)); d != "" {
			t.Fatalf("lenient ≠ reference: %s", d)
		}
	})
}

// LoadHistory and Snapshots on arbitrary changes: no panic, and the last
// snapshot of a valid history is the roll-up of the final states.
func FuzzLoadHistory(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 3, 3, 3})
	f.Add([]byte{2, 0, 0, 60, 30, 5, 0, 5, 0, 0, 1, 2, 0, 3, 0, 0, 0, 9, 1, 0, 4, 200, 40, 7, 1, 2, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		var changes []Change
		for i := 0; r.more() && i < 48; i++ {
			o := r.opportunity(t, r.pick(6))
			at := o.Created.AddDate(0, 0, r.next()-5)
			if r.pick(16) == 0 {
				at = time.Time{}
			}
			changes = append(changes, Change{At: at, Opportunity: o})
		}
		h, err := LoadHistory(metrics.FromSlice(changes), Options{Policy: genPolicy(), By: Dimensions{Period: ByQuarter, Owner: true}, Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		snaps, err := h.Snapshots(time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
		if err != nil || len(snaps) != 2 {
			t.Fatal(err)
		}
		var final []Opportunity
		for cs := range h.byOpportunity() {
			final = append(final, cs[len(cs)-1].o)
		}
		want, err := Build(metrics.FromSlice(final), Options{Policy: genPolicy(), By: Dimensions{Period: ByQuarter, Owner: true}})
		if err != nil {
			t.Fatalf("final states of a loaded history do not build: %v", err)
		}
		if d := sameRollup(want, snaps[1]); d != "" {
			t.Fatalf("last snapshot ≠ final states:\n%s", d)
		}
		if _, err := h.Conversion(); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Aging(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), 1+int64(r.next())); err != nil {
			t.Fatal(err)
		}
	})
}

// Plan.Capacity on arbitrary plans: no panic; when it succeeds, gap +
// capacity = target in every month, months rise.
func FuzzPlanCapacity(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{200, 0, 0, 255, 255, 1, 1, 1, 1, 0, 0, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		base, _ := metrics.NewMonth(2024, time.January)
		var p Plan
		for range r.pick(6) {
			p.Hires = append(p.Hires, Hire{Start: base.Add(r.next() - 128), Reps: int64(r.next()) - 3})
		}
		for range r.pick(8) {
			s, _ := metrics.NewRatio(int64(r.next()), 200)
			p.Ramp = append(p.Ramp, s)
		}
		q, _ := decimal.NewFromString(fuzzAmounts[r.pick(len(fuzzAmounts))])
		p.QuotaPerRep, _ = metrics.NewMoney(q, "USD")
		p.Attainment, _ = metrics.NewRatio(int64(r.next())-10, 100)
		var targets []MonthTarget
		for r.more() && len(targets) < 24 {
			tg, _ := decimal.NewFromString(fuzzAmounts[r.pick(len(fuzzAmounts))])
			m, _ := metrics.NewMoney(tg, "USD")
			targets = append(targets, MonthTarget{Month: base.Add(r.next() - 100), Target: m})
		}
		got, err := p.Capacity(targets)
		if err != nil {
			return
		}
		for i, mc := range got {
			if sum, err := mc.Gap.Add(mc.Capacity); err != nil || !sameAmount(sum, mc.Target) {
				t.Fatalf("%s: gap %v + capacity %v ≠ target %v", mc.Month, mc.Gap, mc.Capacity, mc.Target)
			}
			if i > 0 && !got[i-1].Month.Before(mc.Month) {
				t.Fatal("months out of order")
			}
		}
	})
}
