package health

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// book is a seven-account book in USD (scores given, default bands).
func book(t *testing.T) []Account {
	t.Helper()
	acct := func(id, csm, parent, seg, arr, score string) Account {
		return Account{ID: id, CSM: csm, Parent: parent, Segment: seg, ARR: usd(t, arr), Score: pts(t, score)}
	}
	return []Account{
		acct("a1", "ana", "p1", "enterprise", "1000000", "85"),  // green
		acct("a2", "ana", "p1", "enterprise", "600000", "79.5"), // yellow
		acct("a3", "ana", "", "smb", "400000", "40"),            // red
		acct("a4", "ben", "p1", "smb", "2000000", "80"),         // green (edge)
		acct("a5", "ben", "p2", "smb", "1500000", "50"),         // yellow (edge)
		acct("a6", "ben", "p2", "smb", "500000", "95"),          // green
		acct("a7", "cy", "", "mid_market", "1000000", "60"),     // yellow
	}
}

func buildBook(t *testing.T, opts Options) *Portfolio {
	t.Helper()
	p, err := BuildPortfolio(metrics.FromSlice(book(t)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Green a1 a4 a6 (3 accounts, 3.5M), yellow a2 a5 a7 (3, 3.1M), red a3 (1,
// 0.4M), 7.0M in all.
func TestPortfolioDistribution(t *testing.T) {
	p := buildBook(t, Options{})
	want := Mix{
		Green:  Tally{3, usd(t, "3500000")},
		Yellow: Tally{3, usd(t, "3100000")},
		Red:    Tally{1, usd(t, "400000")},
	}
	if diff := cmp.Diff(want, p.Mix()); diff != "" {
		t.Errorf("mix (-want +got):\n%s", diff)
	}
	// By count 3/7, 3/7, 1/7; by ARR 3.5/7 = 1/2, 3.1/7 = 31/70, 0.4/7 = 2/35.
	byCount, err := p.Distribution(ByCount)
	if err != nil || !byCount.Green.Equal(rat(t, "3/7")) || !byCount.Yellow.Equal(rat(t, "3/7")) || !byCount.Red.Equal(rat(t, "1/7")) {
		t.Errorf("by count %+v %v", byCount, err)
	}
	byARR, err := p.Distribution(ByARR)
	if err != nil || !byARR.Green.Equal(rat(t, "1/2")) || !byARR.Yellow.Equal(rat(t, "31/70")) || !byARR.Red.Equal(rat(t, "2/35")) {
		t.Errorf("by ARR %+v %v", byARR, err)
	}
	if byARR.MeetsTarget() || byCount.MeetsTarget() {
		t.Error("50% green meets the 70% target")
	}
	if !(Shares{Green: metrics.Percent(70), Yellow: rat(t, "0.21"), Red: rat(t, "0.09")}).MeetsTarget() ||
		(Shares{Green: metrics.Percent(70), Yellow: metrics.Percent(20), Red: metrics.Percent(10)}).MeetsTarget() ||
		(Shares{Green: rat(t, "0.699"), Yellow: rat(t, "0.301")}).MeetsTarget() {
		t.Error("MeetsTarget edges: 70% green and under 10% red")
	}
}

// At risk is below green: a2, a5, a3, a7 (4 accounts, 3.5M of 7M), of which
// a3 is critical.
func TestPortfolioAtRisk(t *testing.T) {
	p := buildBook(t, Options{TopN: 2})
	s, err := p.AtRisk()
	want := AtRiskSummary{
		AtRisk:   Tally{4, usd(t, "3500000")},
		Critical: Tally{1, usd(t, "400000")},
		All:      Tally{7, usd(t, "7000000")},
	}
	if diff := cmp.Diff(want, s); err != nil || diff != "" {
		t.Errorf("at risk %v (-want +got):\n%s", err, diff)
	}
	share, err := s.ARRShare()
	count, err2 := s.CountShare()
	if err != nil || err2 != nil || !share.Equal(metrics.Percent(50)) || !count.Equal(rat(t, "4/7")) {
		t.Errorf("shares %v %v (%v %v)", share, count, err, err2)
	}
	// The two at-risk accounts with the most ARR: a5 (1.5M), a7 (1M).
	top := p.TopAtRisk()
	if len(top) != 2 || top[0].ID != "a5" || top[1].ID != "a7" || top[0].Band != metrics.StatusYellow || top[0].Readings != nil {
		t.Errorf("top at risk %+v", top)
	}
}

// The accounts of metrics' old AtRisk test: 45 and 49.99 are below green
// (and below the old threshold of 50), 85 is not: 2 accounts, 200 of 500.
func TestAtRiskMovedFromMetrics(t *testing.T) {
	p, err := BuildPortfolio(metrics.FromSlice([]Account{
		{ID: "a", ARR: usd(t, "100"), Score: pts(t, "45")},
		{ID: "b", ARR: usd(t, "300"), Score: pts(t, "85")},
		{ID: "c", ARR: usd(t, "100"), Score: pts(t, "49.99")},
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.AtRisk()
	share, _ := s.ARRShare()
	if err != nil || s.AtRisk.Accounts != 2 || !s.AtRisk.ARR.Equal(usd(t, "200")) || !share.Equal(metrics.Percent(40)) {
		t.Errorf("at risk %+v %v share %v", s, err, share)
	}
	// And its HealthDistribution test: 80, 79.9, 50, 49, 100, 0 split 2/2/2.
	var accts []Account
	for i, sc := range []string{"80", "79.9", "50", "49", "100", "0"} {
		accts = append(accts, Account{ID: string(rune('a' + i)), Score: pts(t, sc)})
	}
	p, err = BuildPortfolio(metrics.FromSlice(accts), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Distribution(ByCount)
	third := rat(t, "1/3")
	if err != nil || !d.Green.Equal(third) || !d.Yellow.Equal(third) || !d.Red.Equal(third) {
		t.Errorf("distribution %+v %v", d, err)
	}
	// No ARR at all: the ARR shares are undefined, not zero.
	if _, err := p.Distribution(ByARR); !errors.Is(err, metrics.ErrZeroDenominator) {
		t.Errorf("ARR distribution without ARR: %v", err)
	}
	s, _ = p.AtRisk()
	if _, err := s.ARRShare(); !errors.Is(err, metrics.ErrZeroDenominator) {
		t.Errorf("ARR share without ARR: %v", err)
	}
}

// csmDictionary holds the ARR-per-CSM definitions the books are classified
// against, with seeds/004's bands (the test builds them: package metrics
// owns the real ones).
func csmDictionary(t *testing.T) metrics.Dictionary {
	t.Helper()
	def := func(seg string, lo, hi int64) metrics.Definition {
		return metrics.Definition{
			ID: "arr_per_csm_" + seg, Name: "ARR per CSM, " + seg, Category: metrics.CategoryCSOps, Formula: "ARR ÷ CSMs",
			Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter, Audiences: []metrics.Audience{metrics.AudienceLeadership},
			Signal: metrics.SignalLagging, Source: "seeds/004_9a66e740fba960a2.txt §Produktiviti CSM", Version: 1, Func: "metrics.ARRPerCSM",
			Bands: []metrics.Band{
				{Name: "under", Currency: "USD", Status: metrics.StatusYellow},
				{Name: "in range", From: decimal.New(lo, 0), Currency: "USD", Status: metrics.StatusGreen},
				{Name: "over", From: decimal.New(hi, 0), Exclusive: true, Currency: "USD", Status: metrics.StatusRed},
			},
		}
	}
	d, err := metrics.NewDictionary([]metrics.Definition{
		def("enterprise", 1_500_000, 3_000_000), def("mid_market", 2_000_000, 5_000_000), def("smb", 3_000_000, 10_000_000),
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Books: ana 2.0M (1.6M enterprise, 0.4M SMB: enterprise, in the 1.5–3M
// band), ben 4.0M SMB (in the 3–10M band), cy 1.0M mid-market (under 2M).
// Parents: p1 = a1, a2, a4; p2 = a5, a6.
func TestPortfolioBooksAndParents(t *testing.T) {
	p := buildBook(t, Options{})
	books := p.Books(csmDictionary(t))
	type got struct {
		CSM, Segment, Band string
		Accounts           int64
		ARR                metrics.Money
	}
	var gots []got
	for _, b := range books {
		if !b.Classified {
			t.Errorf("book %s not classified", b.CSM)
		}
		tot := b.Mix.Total()
		gots = append(gots, got{b.CSM, b.Segment, b.Benchmark.Name, tot.Accounts, tot.ARR})
	}
	want := []got{
		{"ana", "enterprise", "in range", 3, usd(t, "2000000")},
		{"ben", "smb", "in range", 3, usd(t, "4000000")},
		{"cy", "mid_market", "under", 1, usd(t, "1000000")},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("books (-want +got):\n%s", diff)
	}
	if m := books[0].Mix; m.Green.Accounts != 1 || m.Yellow.Accounts != 1 || m.Red.Accounts != 1 || !m.Red.ARR.Equal(usd(t, "400000")) {
		t.Errorf("ana's mix %+v", m)
	}
	// Without the definitions, books are not classified.
	empty, _ := metrics.NewDictionary()
	if b := p.Books(empty); len(b) != 3 || b[0].Classified {
		t.Errorf("books without definitions: %+v", b)
	}
	parents := p.Parents()
	if len(parents) != 2 || parents[0].Parent != "p1" || parents[1].Parent != "p2" {
		t.Fatalf("parents %+v", parents)
	}
	// p1 by count: 2 green of 3; by contract value: 3M green of 3.6M = 5/6.
	c, err1 := parents[0].Mix.Shares(ByCount)
	v, err2 := parents[0].Mix.Shares(ByARR)
	if err1 != nil || err2 != nil || !c.Green.Equal(rat(t, "2/3")) || !v.Green.Equal(rat(t, "5/6")) || !v.Yellow.Equal(rat(t, "1/6")) || !v.Red.IsZero() {
		t.Errorf("p1 %+v %+v (%v %v)", c, v, err1, err2)
	}
}

// Bad accounts name themselves: a strict build stops at the first, a
// lenient one lists every one with its record number and goes on.
func TestPortfolioErrors(t *testing.T) {
	eur, _ := metrics.ParseMoney("5", "EUR")
	accts := []Account{
		{ID: "ok", ARR: usd(t, "10"), Score: PointsOf(90)},
		{ID: "", ARR: usd(t, "10"), Score: PointsOf(90)},
		{ID: "neg", ARR: usd(t, "-1"), Score: PointsOf(90)},
		{ID: "ok", ARR: usd(t, "10"), Score: PointsOf(90)},
		{ID: "high", ARR: usd(t, "10"), Score: PointsOf(101)},
		{ID: "eur", ARR: eur, Score: PointsOf(90)},
		{ID: "fine", ARR: usd(t, "20"), Score: PointsOf(10)},
	}
	_, err := BuildPortfolio(metrics.FromSlice(accts), Options{})
	wantRowErr(t, err, "", "id", metrics.ErrMissing)
	var re *metrics.RowError
	if errors.As(err, &re); re == nil || re.Record != 2 {
		t.Errorf("strict error %v: want record 2", err)
	}
	p, err := BuildPortfolio(metrics.FromSlice(accts), Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	rej := p.Rejected()
	want := []struct {
		record   int64
		id, fld  string
		sentinel error
	}{
		{2, "", "id", metrics.ErrMissing},
		{3, "neg", "arr", metrics.ErrNegative},
		{4, "ok", "id", metrics.ErrDuplicate},
		{5, "high", "score", metrics.ErrOutOfRange},
		{6, "eur", "arr", metrics.ErrCurrencyMismatch},
	}
	if len(rej) != len(want) {
		t.Fatalf("rejected %v", rej)
	}
	for i, w := range want {
		wantRowErr(t, &rej[i], w.id, w.fld, w.sentinel)
		if rej[i].Record != w.record {
			t.Errorf("rejected %d: record %d, want %d", i, rej[i].Record, w.record)
		}
	}
	if m := p.Mix(); m.Green.Accounts != 1 || m.Red.Accounts != 1 || !m.Total().ARR.Equal(usd(t, "30")) {
		t.Errorf("lenient mix %+v", m)
	}
	// A source error that is not a RowError stops even a lenient build.
	boom := errors.New("disk on fire")
	src := func(yield func(Account, error) bool) {
		_ = yield(Account{ID: "x"}, nil) && yield(Account{}, boom)
	}
	if p, err := BuildPortfolio(src, Options{Lenient: true}); p != nil || !errors.Is(err, boom) {
		t.Errorf("source error: %v %v", p, err)
	}
	// An empty portfolio has no distribution and no accounts at risk.
	empty, _ := NewPortfolio(Options{})
	if _, err := empty.Distribution(ByCount); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("empty distribution: %v", err)
	}
	if _, err := empty.AtRisk(); !errors.Is(err, metrics.ErrEmpty) {
		t.Errorf("empty at risk: %v", err)
	}
	if _, err := NewPortfolio(Options{TopN: maxTopN + 1}); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("TopN too large: %v", err)
	}
	_, err = NewPortfolio(Options{Bands: Bands{Green: decimal.New(50, 0), Yellow: decimal.New(60, 0)}})
	wantMetricErr(t, err, idScore, "bands", metrics.ErrInvalid)
}

// A portfolio with a model scores each account from its readings.
func TestPortfolioWithModel(t *testing.T) {
	m := missingModel(t, MissingReject)
	p, err := BuildPortfolio(metrics.FromSlice([]Account{
		{ID: "a", ARR: usd(t, "100"), Readings: reads(t, "logins", "20", "tickets", "0")},  // 100
		{ID: "b", ARR: usd(t, "300"), Readings: reads(t, "logins", "10", "tickets", "10")}, // 30
		{ID: "c", ARR: usd(t, "100"), Readings: reads(t, "logins", "10")},                  // rejected: tickets missing
	}), Options{Model: m, Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if rej := p.Rejected(); len(rej) != 1 || rej[0].ID != "c" || rej[0].Field != "tickets" || rej[0].Record != 3 {
		t.Errorf("rejected %v", rej)
	}
	if mix := p.Mix(); mix.Green.Accounts != 1 || mix.Red.Accounts != 1 || !mix.Red.ARR.Equal(usd(t, "300")) {
		t.Errorf("mix %+v", mix)
	}
	if top := p.TopAtRisk(); len(top) != 1 || !top[0].Score.Equal(PointsOf(30)) {
		t.Errorf("top %+v", top)
	}
}

// Merging shards refuses overlaps and mismatched settings.
func TestPortfolioMergeRefuses(t *testing.T) {
	a := buildBook(t, Options{})
	b := buildBook(t, Options{})
	err := a.Merge(b)
	wantMetricErr(t, err, idHealthy, "merge", metrics.ErrDuplicate)
	c, _ := NewPortfolio(Options{TopN: 3})
	wantMetricErr(t, a.Merge(c), idHealthy, "merge", metrics.ErrInvalid)
	d, _ := NewPortfolio(Options{})
	eur, _ := metrics.ParseMoney("5", "EUR")
	if err := d.Add(Account{ID: "z", ARR: eur, Score: PointsOf(1)}); err != nil {
		t.Fatal(err)
	}
	wantMetricErr(t, a.Merge(d), idHealthy, "merge", metrics.ErrCurrencyMismatch)
	if a.Mix().Total().Accounts != 7 {
		t.Error("a refused merge changed the portfolio")
	}
}

// Edges: merging into an empty portfolio adopts the shard's currency; a
// book split evenly between two segments takes the first by name; a risk
// of exactly 100% or 0% is allowed.
func TestPortfolioEdges(t *testing.T) {
	empty, _ := NewPortfolio(Options{})
	shard, _ := BuildPortfolio(metrics.FromSlice([]Account{{ID: "a", ARR: usd(t, "10"), Score: PointsOf(90)}}), Options{})
	if err := empty.Merge(shard); err != nil {
		t.Fatal(err)
	}
	eur, _ := metrics.ParseMoney("5", "EUR")
	wantRowErr(t, empty.Add(Account{ID: "b", ARR: eur, Score: PointsOf(1)}), "b", "arr", metrics.ErrCurrencyMismatch)
	p, _ := BuildPortfolio(metrics.FromSlice([]Account{
		{ID: "a", CSM: "ana", Segment: "smb", ARR: usd(t, "100"), Score: PointsOf(90)},
		{ID: "b", CSM: "ana", Segment: "enterprise", ARR: usd(t, "100"), Score: PointsOf(90)},
	}), Options{})
	if b := p.Books(csmDictionary(t)); len(b) != 1 || b[0].Segment != "enterprise" {
		t.Errorf("tied segments: %+v", b)
	}
	f, err := Renewals(metrics.FromSlice([]Account{{ID: "a", ARR: usd(t, "100"), Score: PointsOf(10), Renewal: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}}),
		RenewalOptions{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Risk: BandRisk{Red: metrics.RatioFromInt(1)}})
	if err != nil || !f.ExpectedChurn.Equal(usd(t, "100")) || !f.ExpectedRenewal.IsZero() {
		t.Errorf("risk 100%%: %v %v %v", f.ExpectedChurn, f.ExpectedRenewal, err)
	}
	_, err = Renewals(metrics.FromSlice([]Account{}), RenewalOptions{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Risk: BandRisk{Green: rat(t, "-0.01")}})
	wantMetricErr(t, err, idRenewal, "risk green", metrics.ErrOutOfRange)
}
