package attribution

import (
	"errors"
	"fmt"
	"iter"
	"math/big"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// aggregateJourneys: o1 (900) touches ads/brand, email/nurture,
// sales/outbound; o2 (100) ads/brand then ads/retarget; o3 (500) has no
// touches; o4 is lost after email/nurture.
func aggregateJourneys(t testing.TB) []Journey {
	tc := func(ch, camp string, d int) Touch { return Touch{Channel: ch, Campaign: camp, Time: daysBefore(d)} }
	return []Journey{
		journey("o1", usd(t, "900"), tc("ads", "brand", 3), tc("email", "nurture", 2), tc("sales", "outbound", 1)),
		journey("o2", usd(t, "100"), tc("ads", "brand", 2), tc("ads", "retarget", 1)),
		journey("o3", usd(t, "500")),
		{ID: "o4", Conversion: conv, Touches: []Touch{tc("email", "nurture", 1)}, Lost: true},
	}
}

// Linear over aggregateJourneys: o1 gives 300 to each pair and 1/3 of a
// conversion (333333333333 units of 10^-12 each, the unit left to the
// first pair, ads/brand); o2 gives 50 and 1/2 to each pair. So ads has 300
// + 50 + 50 = 400, 1.333333333334 conversions, 2 journeys, 3 touches, and
// ads/brand 350; o3's 500 is unattributed; the total is 1500 over 3
// conversions; o4 is lost. Marketing (ads and email) sourced (400 + 300) ÷
// 1500 = 7/15 of the pipeline; with first touch, ads takes 900 + 100 and
// marketing 1000 ÷ 1500 = 2/3.
func TestBuildWorkedExample(t *testing.T) {
	a, err := Build(metrics.FromSlice(aggregateJourneys(t)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := a.Channels()
	wantCh := []Totals{
		{Channel: "ads", Value: usd(t, "400"), Conversions: count(t, "1.333333333334"), Journeys: 2, Touches: 3},
		{Channel: "email", Value: usd(t, "300"), Conversions: count(t, "0.333333333333"), Journeys: 1, Touches: 1},
		{Channel: "sales", Value: usd(t, "300"), Conversions: count(t, "0.333333333333"), Journeys: 1, Touches: 1},
	}
	if diff := gocmp.Diff(wantCh, ch); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	cp, _ := a.Campaigns()
	wantCp := []Totals{
		{Channel: "ads", Campaign: "brand", Value: usd(t, "350"), Conversions: count(t, "0.833333333334"), Journeys: 2, Touches: 2},
		{Channel: "ads", Campaign: "retarget", Value: usd(t, "50"), Conversions: count(t, "0.5"), Journeys: 1, Touches: 1},
		{Channel: "email", Campaign: "nurture", Value: usd(t, "300"), Conversions: count(t, "0.333333333333"), Journeys: 1, Touches: 1},
		{Channel: "sales", Campaign: "outbound", Value: usd(t, "300"), Conversions: count(t, "0.333333333333"), Journeys: 1, Touches: 1},
	}
	if diff := gocmp.Diff(wantCp, cp); diff != "" {
		t.Errorf("campaigns (-want +got):\n%s", diff)
	}
	if !a.Total().Equal(usd(t, "1500")) || !a.Unattributed().Equal(usd(t, "500")) || a.Conversions() != 3 || a.Lost() != 1 || a.Currency() != "USD" {
		t.Errorf("total %s, unattributed %s, conversions %d, lost %d, currency %q", a.Total(), a.Unattributed(), a.Conversions(), a.Lost(), a.Currency())
	}
	marketing := func(c string) bool { return c == "ads" || c == "email" }
	share, err := a.MarketingSourcedShare(marketing)
	if err != nil || !share.Equal(ratio(t, "7/15")) {
		t.Errorf("marketing-sourced share %s, %v; want 7/15", share, err)
	}
	f, err := Build(metrics.FromSlice(aggregateJourneys(t)), Options{Model: FirstTouch()})
	if err != nil {
		t.Fatal(err)
	}
	share, err = f.MarketingSourcedShare(marketing)
	if err != nil || !share.Equal(ratio(t, "2/3")) {
		t.Errorf("first-touch marketing-sourced share %s, %v; want 2/3", share, err)
	}
	none, err := f.MarketingSourcedShare(func(string) bool { return false })
	if err != nil || !none.IsZero() {
		t.Errorf("no marketing channel: %s, %v", none, err)
	}
}

// MarketingSourcedShare refuses an undefined share.
func TestMarketingSourcedShareErrors(t *testing.T) {
	empty, _ := Build(metrics.FromSlice([]Journey{journey("z", usd(t, "0"), touches("ads")...)}), Options{})
	if _, err := empty.MarketingSourcedShare(func(string) bool { return true }); !errors.Is(err, metrics.ErrZeroDenominator) || !strings.Contains(err.Error(), "marketing_sourced_pipeline_share") {
		t.Errorf("zero total: %v", err)
	}
	a, _ := Build(metrics.FromSlice(aggregateJourneys(t)), Options{})
	if _, err := a.MarketingSourcedShare(nil); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("nil predicate: %v", err)
	}
	m, _ := Build(metrics.FromSlice([]Journey{{ID: "l", Conversion: conv, Touches: touches("ads"), Lost: true}, journey("u", usd(t, "5"))}), Options{Model: Markov()})
	if _, err := m.MarketingSourcedShare(func(string) bool { return true }); !errors.Is(err, metrics.ErrZeroDenominator) {
		t.Errorf("Markov without converting paths: %v", err)
	}
}

// source yields the journeys, and at the given 1-based positions an error
// instead.
func source(js []Journey, errs map[int]error) iter.Seq2[Journey, error] {
	return func(yield func(Journey, error) bool) {
		for i, j := range js {
			if err, ok := errs[i+1]; ok {
				if !yield(Journey{}, err) {
					return
				}
				continue
			}
			if !yield(j, nil) {
				return
			}
		}
	}
}

// Strict builds stop at the first bad journey; lenient ones list every
// bad journey by record and go on; an error that is not a bare RowError
// stops both; MaxRejected caps the list with an error.
func TestBuildLeniency(t *testing.T) {
	good := aggregateJourneys(t)
	js := append([]Journey{
		journey("neg", usd(t, "-5"), touches("ads")...),
		journey("eur", money(t, "5", "EUR"), touches("ads")...),
	}, good...)
	js = append(js, journey("late", money(t, "1", "EUR"), Touch{Channel: "ads", Time: conv.Add(time.Hour)}), journey("fine", money(t, "1", "EUR"), touches("ads")...))
	srcErr := &metrics.RowError{Entity: "journey", ID: "parse", Field: "value", Err: metrics.ErrInvalid}
	errs := map[int]error{4: srcErr}
	// Strict: the first bad journey (record 1, negative).
	_, err := Build(source(js, errs), Options{})
	var re *metrics.RowError
	if !errors.As(err, &re) || re.Record != 1 || re.ID != "neg" || !errors.Is(err, metrics.ErrNegative) {
		t.Fatalf("strict: %v", err)
	}
	// Lenient, with the EUR journey first: it sets the currency, so the USD
	// ones are refused (o1, o3; o2 is replaced by the source's error at
	// record 4); the lost o4 has no value and counts; late is after its
	// conversion; fine counts.
	js[0], js[1] = js[1], js[0]
	a, err := Build(source(js, errs), Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range a.Rejected() {
		got = append(got, fmt.Sprintf("%d %s %s", r.Record, r.ID, r.Field))
	}
	want := []string{"2 neg value", "3 o1 value", "4 parse value", "5 o3 value", "7 late time"}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	if !errors.Is(a.Rejected()[1].Err, metrics.ErrCurrencyMismatch) || !errors.Is(a.Rejected()[4].Err, metrics.ErrInvalid) {
		t.Errorf("o1 in USD after EUR: %v; late: %v", a.Rejected()[1].Err, a.Rejected()[4].Err)
	}
	if !a.Total().Equal(money(t, "6", "EUR")) || a.Lost() != 1 || a.Conversions() != 2 {
		t.Errorf("lenient total %s, lost %d, conversions %d", a.Total(), a.Lost(), a.Conversions())
	}
	// MaxRejected: a third rejection (record 4) stops the build.
	if _, err := Build(source(js, errs), Options{Lenient: true, MaxRejected: 2}); !errors.Is(err, metrics.ErrOutOfRange) || !strings.Contains(err.Error(), `"parse"`) {
		t.Errorf("MaxRejected 2: %v", err)
	}
	if _, err := Build(source(js, errs), Options{Lenient: true, MaxRejected: 5}); err != nil {
		t.Errorf("MaxRejected 5: %v", err)
	}
	// A source error that is not a bare RowError stops even a lenient build.
	for _, stop := range []error{errors.New("disk failed"), fmt.Errorf("header: %w", srcErr)} {
		if _, err := Build(source(good, map[int]error{2: stop}), Options{Lenient: true}); err != stop {
			t.Errorf("lenient build went on after %v: %v", stop, err)
		}
	}
	// A source's RowError keeps its own record number.
	numbered := &metrics.RowError{Record: 42, Line: 43, Entity: "journey", ID: "x", Err: metrics.ErrInvalid}
	_, err = Build(source(good, map[int]error{1: numbered}), Options{})
	if !errors.As(err, &re) || re.Record != 42 || re.Line != 43 {
		t.Errorf("numbered source error: %v", err)
	}
}

// Bad options and bad merges are refused, naming the option; a refused
// merge leaves the aggregate unchanged.
func TestOptionsAndMergeErrors(t *testing.T) {
	js := metrics.FromSlice(aggregateJourneys(t))
	if _, err := Build(js, Options{MinorUnit: Places(MaxPlaces), Lenient: true, MaxRejected: 1}); err != nil {
		t.Errorf("the largest options refused: %v", err)
	}
	for _, o := range []Options{{MinorUnit: Places(MaxPlaces + 1)}, {MaxRejected: -1}} {
		if _, err := Build(js, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
		if _, err := Credits(aggregateJourneys(t)[0], o); err == nil {
			t.Errorf("Credits with options %+v accepted", o)
		}
	}
	a, _ := Build(js, Options{})
	before := view(t, a)
	for _, o := range []Options{{Model: PositionBased()}, {MinorUnit: Places(2)}} {
		b, _ := Build(js, o)
		if err := a.Merge(b); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("merge with %+v: %v", o, err)
		}
	}
	eur, _ := Build(metrics.FromSlice([]Journey{journey("e", money(t, "1", "EUR"), touches("ads")...)}), Options{})
	if err := a.Merge(eur); !errors.Is(err, metrics.ErrCurrencyMismatch) {
		t.Errorf("merge EUR into USD: %v", err)
	}
	if diff := gocmp.Diff(before, view(t, a)); diff != "" {
		t.Errorf("refused merges changed the aggregate:\n%s", diff)
	}
	if err := a.Merge(a); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("merge into itself: %v", err)
	}
	if _, err := Build(nil, Options{}); !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("nil source: %v", err)
	}
	var zero Aggregate
	if err := zero.Merge(a); err != nil || !zero.Total().Equal(a.Total()) {
		t.Errorf("merge into the zero Aggregate: %v, %s", err, zero.Total())
	}
	// An empty aggregate adopts the other's currency.
	empty, _ := Build(metrics.FromSlice([]Journey{}), Options{})
	if err := empty.Merge(a); err != nil || empty.Currency() != "USD" || !empty.Total().Equal(a.Total()) {
		t.Errorf("merge into empty: %v, %q, %s", err, empty.Currency(), empty.Total())
	}
}

// Values beyond an int64 of minor units take the exact big-integer path:
// the credits still sum exactly, the aggregate too.
func TestBigValues(t *testing.T) {
	huge, err := metrics.NewMoney(decimal.New(1, 30), "USD") // 10^30 USD = 10^32 cents
	if err != nil {
		t.Fatal(err)
	}
	j := journey("huge", huge, touches("A", "B", "C")...)
	c, err := Credits(j, Options{Model: Linear()})
	if err != nil {
		t.Fatal(err)
	}
	// 10^32 cents × 1/3 = 333…3 r 1 each; the one cent left to A.
	third := new(big.Int).Quo(new(big.Int).Exp(big.NewInt(10), big.NewInt(32), nil), big.NewInt(3))
	want := []*big.Int{new(big.Int).Add(third, big.NewInt(1)), third, third}
	for i, x := range c {
		if slowUnits(x.Value, 2).Cmp(want[i]) != 0 {
			t.Errorf("credit %d = %s, want %s cents", i, x.Value, want[i])
		}
	}
	a, err := Build(metrics.FromSlice([]Journey{j, j, journey("small", usd(t, "1"), touches("A")...)}), Options{Model: PositionBased()})
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := a.Channels()
	sum := metrics.Money{}
	for _, x := range ch {
		sum, _ = sum.Add(x.Value)
	}
	total, _ := huge.MulInt(2).Add(usd(t, "1"))
	if !sum.Equal(total) || !a.Total().Equal(total) {
		t.Errorf("channels sum to %s, total %s, want %s", sum, a.Total(), total)
	}
}

// Hostile sizes: one journey of 100,000 touches over as many channels is
// split in time linear in its touches; MaxTouches + 1 touches are refused
// before any work.
func TestHostileJourneys(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile sizes take seconds")
	}
	n := 100_000
	ts := make([]Touch, n)
	for i := range ts {
		ts[i] = Touch{Channel: fmt.Sprintf("c%d", i), Campaign: "x", Time: conv.Add(-time.Duration(n-i) * time.Second)}
	}
	ts[0], ts[n-1] = ts[n-1], ts[0] // unsorted
	j := journey("long", usd(t, "1000000"), ts...)
	within(t, 20*time.Second, "100k touches", func() error {
		for _, m := range []Model{Linear(), PositionBased(), mustModel(t)(TimeDecay(Decay{Stepped: true}))} {
			c, err := Credits(j, Options{Model: m})
			if err != nil {
				return err
			}
			if len(c) != n {
				return fmt.Errorf("%d credits", len(c))
			}
		}
		a, err := Build(metrics.FromSlice([]Journey{j}), Options{})
		if err != nil {
			return err
		}
		ch, _ := a.Channels()
		if len(ch) != n {
			return fmt.Errorf("%d channels", len(ch))
		}
		return nil
	})
	within(t, 5*time.Second, "too many touches", func() error {
		_, err := Credits(journey("huge", usd(t, "1"), make([]Touch, MaxTouches+1)...), Options{})
		if !errors.Is(err, metrics.ErrOutOfRange) {
			return fmt.Errorf("got %v", err)
		}
		return nil
	})
}

// The definitions are valid, marketing, name real functions of the package
// (checked by catalog), and each call returns fresh copies.
func TestDefinitions(t *testing.T) {
	defs := Definitions()
	if _, err := metrics.NewDictionary(defs); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range defs {
		if d.Category != metrics.CategoryMarketing || !strings.HasPrefix(d.Func, "attribution.") || ids[d.ID] {
			t.Errorf("%s: category %s, func %s (duplicate %v)", d.ID, d.Category, d.Func, ids[d.ID])
		}
		ids[d.ID] = true
	}
	for _, id := range []string{"marketing_sourced_pipeline_share", "attributed_value_by_channel", "attribution_linear", "attribution_position_based", "attribution_w_shaped", "attribution_full_path", "attribution_time_decay", "attribution_markov", "attribution_shapley"} {
		if !ids[id] {
			t.Errorf("no definition %s", id)
		}
	}
	defs[0].Name = "changed"
	defs[0].Audiences[0] = metrics.AudienceBoard
	again := Definitions()
	if again[0].Name == "changed" || again[0].Audiences[0] == metrics.AudienceBoard {
		t.Error("Definitions shares state between calls")
	}
}

// A value of 10^60 minor units or more is refused at once (a huge exponent
// would make every credit a huge integer); 10^60 − 1 is split exactly.
func TestValueBound(t *testing.T) {
	exact, _ := new(big.Int).SetString("1"+strings.Repeat("0", 60), 10)
	for _, v := range []decimal.Decimal{
		decimal.New(7, 200_000),                   // 7e200000 USD
		decimal.New(1, 58),                        // 10^60 cents, exponent 60 after the shift
		decimal.NewFromBigInt(exact, -2),          // 10^60 cents, exponent 0 after the shift
		decimal.NewFromBigInt(exact, -4).Shift(2), // the same at another scale
	} {
		amount, err := metrics.NewMoney(v, "USD")
		if err != nil {
			t.Fatal(err)
		}
		within(t, 5*time.Second, "a value of 10^60 cents or more", func() error {
			_, err := Credits(journey("bigexp", amount, touches("A", "B", "C")...), Options{Model: WShaped()})
			if !errors.Is(err, metrics.ErrOutOfRange) {
				return fmt.Errorf("value %s: got %v, want ErrOutOfRange", amount, err)
			}
			return nil
		})
	}
	edge, _ := metrics.NewMoney(decimal.NewFromBigInt(new(big.Int).Sub(exact, big.NewInt(1)), -2), "USD")
	c, err := Credits(journey("edge", edge, touches("A", "B", "C")...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum, _ := metrics.Sum(c[0].Value, c[1].Value, c[2].Value); !sum.Equal(edge) {
		t.Errorf("credits of %s sum to %s", edge, sum)
	}
}
