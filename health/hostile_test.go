package health

import (
	"fmt"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// within runs f in a goroutine and fails the test if it has not returned
// within d, so that a hang cannot stall the test binary.
func within(t *testing.T, name string, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not finish within %v", name, d)
	}
}

// Values at the exponent bound (±1,000), in every signal, score in time and
// within [0, 100]; beyond the bound they cannot be made.
func TestHostileValues(t *testing.T) {
	m := DefaultModel()
	for _, d := range []decimal.Decimal{decimal.New(1, maxExponent), decimal.New(-7, maxExponent), decimal.New(3, -maxExponent), decimal.New(-1, -maxExponent), decimal.New(123456789, -maxExponent)} {
		v, err := DecimalValue(d)
		if err != nil {
			t.Fatal(err)
		}
		var rs []Reading
		for _, name := range m.Signals() {
			rs = append(rs, Reading{Signal: name, Value: v})
		}
		within(t, "score at the bound", 5*time.Second, func() {
			r, err := m.Score("a", rs)
			e, errE := m.Explain("a", rs)
			if err != nil || errE != nil || r.Score.Sign() < 0 || r.Score.Cmp(PointsOf(100)) > 0 || !e.Score.Equal(r.Score) {
				t.Errorf("score %v %v / %v %v", r.Score, err, e.Score, errE)
			}
		})
	}
	for _, d := range []decimal.Decimal{decimal.New(1, maxExponent+1), decimal.New(1, -maxExponent-1), decimal.New(1, 2_000_000_000)} {
		if _, err := DecimalValue(d); err == nil {
			t.Errorf("a value beyond the bound was made: exponent %d", d.Exponent())
		}
	}
	// Parameters beyond the bound are refused too.
	if _, err := NewModel(Config{Components: []Component{sig1(t, "a", "x", 100, Target{At: decimal.New(1, -maxExponent-1)})}}); err == nil {
		t.Error("a target beyond the bound was accepted")
	}
}

// The largest model (1,000 signals, targets on distinct primes, so no hot
// path) compiles and scores in time; one more signal is refused.
func TestHostileLargestModel(t *testing.T) {
	primes := []int64{}
	for n := int64(2); len(primes) < maxSignals; n++ {
		prime := true
		for _, p := range primes {
			if p*p > n {
				break
			}
			if n%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			primes = append(primes, n)
		}
	}
	c := Component{Name: "all", Weight: metrics.RatioFromInt(1)}
	var rs []Reading
	for i, p := range primes {
		name := fmt.Sprint("s", i)
		c.Signals = append(c.Signals, Signal{Name: name, Weight: metrics.RatioFromInt(int64(i%7 + 1)), Normaliser: Target{At: decimal.New(p, 0)}})
		rs = append(rs, Reading{Signal: name, Value: IntValue(int64(i))})
	}
	within(t, "largest model", 20*time.Second, func() {
		m, err := NewModelNormalised(Config{Components: []Component{c}})
		if err != nil {
			t.Fatal(err)
		}
		if m.fast {
			t.Error("a model of 1,000 distinct primes kept the hot path")
		}
		r, err := m.Score("a", rs)
		if err != nil || r.Score.Sign() <= 0 || r.Score.Cmp(PointsOf(100)) > 0 {
			t.Errorf("score %v %v", r.Score, err)
		}
	})
	c.Signals = append(c.Signals, Signal{Name: "one more", Weight: metrics.RatioFromInt(1), Normaliser: Target{At: decimal.New(1, 0)}})
	if _, err := NewModelNormalised(Config{Components: []Component{c}}); err == nil {
		t.Error("1,001 signals accepted")
	}
}

// A big book with every account at risk and rising ARR (each one evicts
// from the top N), outcomes to calibrate and renewals to forecast: time in
// proportion to the accounts (n log n).
func TestHostileBigBook(t *testing.T) {
	const n = 50_000
	accts := make([]Account, n)
	outs := make([]Outcome, n)
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range accts {
		arr, _ := metrics.MoneyFromInt(int64(i), "USD")
		accts[i] = Account{ID: fmt.Sprint(i), CSM: fmt.Sprint(i % 100), Parent: fmt.Sprint(i % 1000), ARR: arr, Score: PointsOf(int64(i % 80)), Renewal: asOf.AddDate(0, 0, i%365)}
		outs[i] = Outcome{Account: accts[i].ID, Score: accts[i].Score, Usage: IntValue(int64(i % 1000)), Churned: i%3 == 0}
	}
	within(t, "big book", 60*time.Second, func() {
		p, err := BuildPortfolio(metrics.FromSlice(accts), Options{TopN: maxTopN})
		if err != nil {
			t.Fatal(err)
		}
		top := p.TopAtRisk()
		if len(top) != maxTopN || top[0].ID != fmt.Sprint(n-1) {
			t.Errorf("top: %d, first %s", len(top), top[0].ID)
		}
		c, err := Calibrate(metrics.FromSlice(outs), CalibrationOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.AUC(); err != nil {
			t.Error(err)
		}
		if _, err := c.UsageThreshold(); err != nil {
			t.Error(err)
		}
		f, err := Renewals(metrics.FromSlice(accts), RenewalOptions{AsOf: asOf, Days: maxWindowDays, Risk: BandRisk{Red: metrics.Percent(50)}})
		if err != nil || len(f.Due) != n {
			t.Errorf("renewals %d %v", len(f.Due), err)
		}
	})
	// Renewal dates far apart do not overflow the day count.
	f, err := Renewals(metrics.FromSlice([]Account{{ID: "x", Renewal: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Score: PointsOf(1)}}), RenewalOptions{AsOf: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(f.Due) != 0 {
		t.Errorf("far renewal: %v %v", f.Due, err)
	}
}
