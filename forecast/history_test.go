package forecast

import (
	"errors"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// genHistory draws a history: each opportunity's first state at its created
// date, then changes of amount, probability, stage, close date, owner or
// status on later days (several on one day sometimes), in a random order.
func genHistory(t *rapid.T) []Change {
	var out []Change
	for i, o := range genPipeline(t, 12) {
		at := o.Created
		cur := o
		cur.Status, cur.Category = StatusOpen, 0
		if cur.Stage == "Closed Won" || cur.Stage == "Closed Lost" {
			cur.Stage = "Proposal"
		}
		n := rapid.IntRange(0, 4).Draw(t, "changes")
		out = append(out, Change{At: at, Opportunity: cur})
		for j := 0; j < n; j++ {
			at = at.AddDate(0, 0, rapid.IntRange(0, 40).Draw(t, "gap"))
			switch rapid.IntRange(0, 5).Draw(t, "what") {
			case 0:
				cur.Amount = genMoney(t, "amount")
			case 1:
				cur.Probability, _ = metrics.ParseRatio(rapid.SampledFrom(genProbs).Draw(t, "p"))
			case 2:
				cur.Stage = rapid.SampledFrom(genStages).Draw(t, "stage")
			case 3:
				cur.Close = cur.Close.AddDate(0, 0, rapid.IntRange(0, 100).Draw(t, "slip"))
			case 4:
				cur.Owner = rapid.SampledFrom(genOwners).Draw(t, "owner")
				cur.Manager = genManagers[cur.Owner]
			case 5:
				cur.Category = Category(rapid.SampledFrom([]Category{0, CategoryCommit, CategoryOmitted}).Draw(t, "override"))
			}
			if cur.Close.Before(cur.Created) {
				cur.Close = cur.Created
			}
			out = append(out, Change{At: at, Opportunity: cur})
		}
		if o.Status != StatusOpen && rapid.Bool().Draw(t, "closes") {
			fin := cur
			fin.Status, fin.Stage, fin.Category, fin.Reason = o.Status, o.Stage, 0, o.Reason
			out = append(out, Change{At: at.AddDate(0, 0, 1), Opportunity: fin})
		}
		_ = i
	}
	return rapid.Permutation(out).Draw(t, "order")
}

// slowSnapshot is the reference of one snapshot: every opportunity's latest
// change at or before at (the later record on a tie), rolled up by Build.
func slowSnapshot(t *rapid.T, changes []Change, at time.Time, by Dimensions) *Rollup {
	latest := map[string]int{}
	for i, c := range changes {
		if c.At.After(at) {
			continue
		}
		j, ok := latest[c.Opportunity.ID]
		if !ok || !c.At.Before(changes[j].At) {
			latest[c.Opportunity.ID] = i
		}
	}
	var opps []Opportunity
	for _, i := range latest {
		opps = append(opps, changes[i].Opportunity)
	}
	return build(t, opps, by)
}

// Snapshots replay the history incrementally and agree with rolling up the
// latest states from scratch at every time asked for, in any order of
// times.
func TestSnapshotsMatchSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		changes := genHistory(t)
		// Same-instant changes of one opportunity must agree: keep the first.
		seen := map[[2]any]bool{}
		kept := changes[:0]
		for _, c := range changes {
			k := [2]any{c.Opportunity.ID, c.At.Unix()}
			if !seen[k] {
				seen[k] = true
				kept = append(kept, c)
			}
		}
		changes = kept
		by := genDimensions(t)
		h, err := LoadHistory(metrics.FromSlice(changes), Options{Policy: genPolicy(), By: by})
		if err != nil {
			t.Fatal(err)
		}
		var at []time.Time
		for range rapid.IntRange(0, 5).Draw(t, "snapshots") {
			at = append(at, genBase.AddDate(0, 0, rapid.IntRange(-5, 400).Draw(t, "at")))
		}
		snaps, err := h.Snapshots(at...)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range snaps {
			want := slowSnapshot(t, changes, at[i], by)
			if d := sameRollup(want, s); d != "" {
				t.Fatalf("snapshot at %s:\n%s", at[i].Format(time.DateOnly), d)
			}
		}
	})
}

// History errors: a change without a time or before its opportunity was
// created, two different states at one instant, a bad opportunity — each a
// *metrics.RowError naming the opportunity and, in Detail, the change.
func TestHistoryErrors(t *testing.T) {
	base := Opportunity{ID: "h", Owner: "ana", Stage: "Proposal", Amount: usd(t, "10"), Probability: rat(t, "60%"),
		Created: day(t, "2024-03-01"), Close: day(t, "2024-04-01")}
	changed := base
	changed.Amount = usd(t, "20")
	bad := base
	bad.Probability = rat(t, "2")
	tests := []struct {
		name    string
		changes []Change
		want    error
		record  int64
		field   string
	}{
		{"no time", []Change{{Opportunity: base}}, metrics.ErrMissing, 1, "at"},
		{"before created", []Change{{At: day(t, "2024-02-29"), Opportunity: base}}, metrics.ErrInvalid, 1, "at"},
		{"year 10000", []Change{{At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Opportunity: base}}, metrics.ErrOutOfRange, 1, "at"},
		{"bad opportunity", []Change{{At: day(t, "2024-03-01"), Opportunity: base}, {At: day(t, "2024-03-02"), Opportunity: bad}}, metrics.ErrOutOfRange, 2, "probability"},
		{"conflict at one instant", []Change{{At: day(t, "2024-03-02"), Opportunity: base}, {At: day(t, "2024-03-02"), Opportunity: changed}}, metrics.ErrDuplicate, 2, "at"},
	}
	for _, tc := range tests {
		_, err := LoadHistory(metrics.FromSlice(tc.changes), Options{Policy: acceptancePolicy()})
		wantRowErr(t, tc.name, err, tc.want, "h", tc.record, tc.field)
		var re *metrics.RowError
		if errors.As(err, &re) && re.Detail == "" {
			t.Errorf("%s: no change named in Detail", tc.name)
		}
		// Lenient: the bad record is listed, the rest loaded.
		h, err := LoadHistory(metrics.FromSlice(tc.changes), Options{Policy: acceptancePolicy(), Lenient: true})
		if err != nil || h.Skipped() != 1 || len(h.Rejected()) != 1 || h.Rejected()[0].Record != tc.record {
			t.Errorf("%s lenient: %v, skipped %d", tc.name, err, h.Skipped())
		}
	}
	// An identical repeat is dropped silently.
	h, err := LoadHistory(metrics.FromSlice([]Change{{At: day(t, "2024-03-02"), Opportunity: base}, {At: day(t, "2024-03-02"), Opportunity: base}}), Options{Policy: acceptancePolicy()})
	if err != nil || len(h.changes) != 1 || h.Currency() != "USD" {
		t.Errorf("identical repeat: %v, %d changes", err, len(h.changes))
	}
	wantValueErr(t, "snapshot at zero time", errOf(h.Snapshots(day(t, "2024-03-01"), time.Time{})), metrics.ErrMissing)
	wantValueErr(t, "aging without asOf", errOf(h.Aging(time.Time{}, 30)), metrics.ErrMissing)
	wantValueErr(t, "aging stale 0", errOf(h.Aging(day(t, "2024-03-05"), 0)), metrics.ErrOutOfRange)
	wantValueErr(t, "aging stale huge", errOf(h.Aging(day(t, "2024-03-05"), 1<<40)), metrics.ErrOutOfRange)
	wantValueErr(t, "aging year 0", errOf(h.Aging(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), 3)), metrics.ErrOutOfRange)
	free, err := LoadHistory(metrics.FromSlice([]Change{{At: day(t, "2024-03-02"), Opportunity: base}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantValueErr(t, "conversion without stages", errOf(free.Conversion()), metrics.ErrMissing)
	if _, err := LoadHistory(metrics.FromSlice([]Change(nil)), Options{MaxRejected: -1}); err == nil {
		t.Error("negative MaxRejected accepted")
	}
}

// Sources stop a build with their own errors; a *metrics.RowError from a
// source is numbered and, in lenient mode, listed while the build goes on;
// MaxRejected caps the list, not the count. Nothing is returned with an
// error.
func TestSourceErrors(t *testing.T) {
	good := acceptanceOpportunities(t)[0]
	boom := errors.New("connection lost")
	src := func(errs ...error) iter.Seq2[Opportunity, error] {
		return func(yield func(Opportunity, error) bool) {
			for _, e := range errs {
				if !yield(good, e) {
					return
				}
			}
		}
	}
	rowErr := &metrics.RowError{Entity: "opportunity", ID: "x", Field: "amount", Err: metrics.ErrInvalid}
	numbered := &metrics.RowError{Record: 40, Entity: "opportunity", ID: "y", Err: metrics.ErrInvalid}
	p := acceptancePolicy()
	// Strict: the first error, numbered.
	r, err := Build(src(nil, rowErr, nil), Options{Policy: p})
	var re *metrics.RowError
	if r != nil || !errors.As(err, &re) || re.Record != 2 || rowErr.Record != 0 {
		t.Errorf("strict: %v, %v (the source's error must not be modified)", r, err)
	}
	// Any other error stops either mode.
	for _, lenient := range []bool{false, true} {
		if r, err := Build(src(nil, boom, nil), Options{Policy: p, Lenient: lenient}); r != nil || !errors.Is(err, boom) {
			t.Errorf("lenient %v: %v, %v", lenient, r, err)
		}
	}
	// Lenient: listed and counted, a source's own record number kept.
	r, err = Build(src(nil, rowErr, numbered, nil, rowErr), Options{Policy: p, Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []metrics.RowError{*rowErr, *numbered, *rowErr}
	want[0].Record, want[2].Record = 2, 5
	if diff := cmp.Diff(want, r.Rejected(), cmpopts.EquateErrors()); diff != "" || r.Skipped() != 3 || r.Total().Count(CategoryClosed) != 2 {
		t.Errorf("lenient: skipped %d, closed %d:\n%s", r.Skipped(), r.Total().Count(CategoryClosed), diff)
	}
	r, err = Build(src(rowErr, rowErr, rowErr), Options{Policy: p, Lenient: true, MaxRejected: 2})
	if err != nil || len(r.Rejected()) != 2 || r.Skipped() != 3 {
		t.Errorf("capped: %v, %d listed, %d skipped", err, len(r.Rejected()), r.Skipped())
	}
	// Merge and Regroup carry the rejections.
	s, _ := Build(src(rowErr), Options{Policy: p, Lenient: true})
	if err := r.Merge(s); err != nil || r.Skipped() != 4 || len(r.Rejected()) != 3 {
		t.Errorf("merge: %v, %d", err, r.Skipped())
	}
	if g, err := r.Regroup(Dimensions{}); err != nil || g.Skipped() != 4 || len(g.Rejected()) != 3 {
		t.Errorf("regroup: %v", err)
	}
	// A consumer that stops early: the source is not called again.
	calls := 0
	stop := func(yield func(Opportunity, error) bool) {
		for {
			calls++
			if !yield(good, boom) {
				return
			}
		}
	}
	if _, err := Build(stop, Options{Policy: p}); !errors.Is(err, boom) || calls != 1 {
		t.Errorf("early stop: %v after %d calls", err, calls)
	}
}

// Options that cannot be used are refused before reading the source.
func TestOptionsErrors(t *testing.T) {
	for name, o := range map[string]Options{
		"currency":        {Currency: "US"},
		"period":          {By: Dimensions{Period: ByQuarter + 1}},
		"max rejected":    {MaxRejected: -1},
		"negative band":   {By: Dimensions{SizeBands: []metrics.Money{usd(t, "-1")}}},
		"falling bands":   {By: Dimensions{SizeBands: []metrics.Money{usd(t, "5"), usd(t, "5")}}},
		"band currency":   {Currency: "EUR", By: Dimensions{SizeBands: []metrics.Money{usd(t, "5")}}},
		"band currencies": {By: Dimensions{SizeBands: []metrics.Money{usd(t, "5"), eur(t, "6")}}},
	} {
		called := false
		src := func(yield func(Opportunity, error) bool) { called = true }
		r, err := Build(src, o)
		var ve *metrics.ValueError
		if r != nil || !errors.As(err, &ve) || called {
			t.Errorf("%s: %v, %v (source called: %v)", name, r, err, called)
		}
	}
	// A currency in lower case is the currency.
	if r, err := Build(metrics.FromSlice(acceptanceOpportunities(t)), Options{Policy: acceptancePolicy(), Currency: "usd"}); err != nil || r.Currency() != "USD" {
		t.Errorf("lower-case currency: %v", err)
	}
	// Bands adopt the roll-up's currency; a zero band edge has none.
	r, err := Build(metrics.FromSlice(acceptanceOpportunities(t)), Options{Policy: acceptancePolicy(), By: Dimensions{SizeBands: []metrics.Money{{}, usd(t, "5")}}})
	if err != nil || r.Currency() != "USD" {
		t.Errorf("bands' currency: %v, %q", err, r.Currency())
	}
	o := r.Options()
	o.By.SizeBands[0] = usd(t, "99")
	if r.Options().By.SizeBands[0].Equal(usd(t, "99")) {
		t.Error("Options returned the roll-up's own slice")
	}
	if !slices.EqualFunc(r.Options().Policy.Stages, acceptancePolicy().Stages, func(a, b Stage) bool { return a == b }) {
		t.Error("Options lost the policy")
	}
}
