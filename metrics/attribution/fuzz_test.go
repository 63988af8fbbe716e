package attribution

import (
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// fuzzReader hands out bytes, zeros once they run out.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// fuzzModels are the models the fuzzers pick from.
func fuzzModels(t testing.TB) []Model {
	return []Model{
		FirstTouch(), LastTouch(), LastNonDirect(""), Linear(), PositionBased(), WShaped(), FullPath(),
		mustModel(t)(Custom(Weights{Lead: ratio(t, "1/2"), Rest: ratio(t, "1/2")})),
		mustModel(t)(TimeDecay(Decay{})), mustModel(t)(TimeDecay(Decay{HalfLife: time.Hour, Stepped: true})),
		Markov(), Shapley(),
	}
}

// fuzzJourneys decodes journeys in USD from data: per journey a header
// (touches, lost), a value (small, zero, negative, sub-cent or huge), and
// per touch a channel (possibly empty), campaign, minutes before the
// conversion (possibly after it, or missing) and milestone bits (possibly
// unknown).
func fuzzJourneys(t testing.TB, data []byte) []Journey {
	r := &fuzzReader{b: data}
	var js []Journey
	for i := 0; len(r.b) > 0 && i < 40; i++ {
		h := r.byte()
		j := Journey{ID: fmt.Sprintf("f%d", i), Conversion: conv, Lost: h&0x80 != 0}
		if h&0x40 != 0 {
			j.Conversion = time.Time{}
		}
		cents := int64(r.byte())<<8 | int64(r.byte())
		switch r.byte() % 8 {
		case 0:
			cents = 0
		case 1:
			cents = -cents
		}
		var err error
		j.Value, err = metrics.MoneyFromMinor(cents, 2, "USD")
		if h&0x20 != 0 {
			j.Value, err = metrics.NewMoney(decimal.New(cents*10+5, -3), "USD") // sub-cent
		}
		if h&0x10 != 0 {
			j.Value, err = metrics.NewMoney(decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(cents), 80), -2), "USD")
		}
		if err != nil {
			t.Fatal(err)
		}
		for range int(h % 10) {
			c := r.byte()
			minutes := int(r.byte())<<4 | int(c>>4)
			tc := Touch{
				Channel:    []string{"A", "B", "C", "direct", "", "E"}[c%6],
				Campaign:   []string{"", "x", "y"}[(c>>3)%3],
				Time:       conv.Add(-slowDuration(minutes)),
				Milestones: Milestone(r.byte() & 0x3f),
			}
			if minutes > 4000 {
				tc.Time = conv.Add(time.Minute) // after the conversion
			}
			j.Touches = append(j.Touches, tc)
		}
		js = append(js, j)
	}
	return js
}

// fuzzSeeds are inputs that reach the interesting branches.
func fuzzSeeds(f *testing.F) {
	f.Add(byte(3), []byte{3, 1, 2, 2, 0x11, 0x10, 2, 0x22, 0x20, 4, 0x33, 0, 8})
	f.Add(byte(5), []byte{0x83, 0, 0, 0, 1, 1, 0, 2, 2, 0, 0x45, 9, 9, 1})
	f.Add(byte(9), []byte{0x15, 1, 1, 1, 1, 0xff, 0, 2, 0x10, 0, 3, 0x20, 0x08})
	f.Add(byte(10), []byte{4, 9, 9, 9, 0, 1, 0, 1, 2, 0, 2, 3, 0, 5, 4, 0, 0})
	f.Add(byte(11), []byte{2, 1, 0, 9, 0, 1, 0, 1, 0, 0, 0x84, 0, 0, 0, 1, 1, 0})
}

// FuzzBuild: any input builds without panic; a lenient build rejects
// exactly the journeys Credits refuses (same field and sentinel), and its
// aggregate equals the reference's on the accepted ones; for the
// data-driven models the credits are non-negative and sum to the
// attributed value.
func FuzzBuild(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, pick byte, data []byte) {
		models := fuzzModels(t)
		m := models[int(pick)%len(models)]
		js := fuzzJourneys(t, data)
		a, err := Build(metrics.FromSlice(js), Options{Model: m, Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		rejected := map[int64]metrics.RowError{}
		for _, re := range a.Rejected() {
			rejected[re.Record] = re
		}
		var ok []Journey
		for i, j := range js {
			probe := m
			if m.dataDriven() {
				probe = Linear() // the same checks, but for the weighted role
			}
			_, cerr := Credits(j, Options{Model: probe})
			re, bad := rejected[int64(i+1)]
			var want *metrics.RowError
			if cerr != nil && errors.As(cerr, &want) {
				if !bad || re.Field != want.Field || re.ID != j.ID || !errors.Is(re.Err, errors.Unwrap(want.Err)) && re.Err.Error() != want.Err.Error() {
					t.Fatalf("journey %d: Credits %v, Build %v", i+1, cerr, re.Err)
				}
				continue
			}
			if bad && !(m.dataDriven() && re.Field == "channel") {
				t.Fatalf("journey %d rejected by Build only: %v", i+1, re.Err)
			}
			if !bad {
				ok = append(ok, j)
			}
		}
		if m.dataDriven() {
			ch, err := a.Channels()
			if !anyConverts(ok) {
				if !errors.Is(err, metrics.ErrZeroDenominator) {
					t.Fatalf("no conversions: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sum := metrics.Money{}
			for _, c := range ch {
				if c.Value.Sign() < 0 {
					t.Fatalf("negative credit %v", c)
				}
				sum, _ = sum.Add(c.Value)
			}
			if want := slowMoney(attributedUnits(ok), 2, "USD"); !sum.Equal(want) {
				t.Fatalf("credits sum to %s, want %s", sum, want)
			}
			return
		}
		ref := slowBuild(ok, m, a.Currency(), 2)
		got := view(t, a)
		want := aggregateView{Channels: ref.channels, Campaigns: ref.campaigns, Total: ref.total, Unattributed: ref.unattributed, Conversions: ref.conversions, Lost: ref.lost, Currency: a.Currency()}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s (-slow +fast):\n%s", m, diff)
		}
	})
}
