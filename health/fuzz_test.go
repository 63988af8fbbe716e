package health

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// ParseValue never panics, and what it reads prints back to the same value.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"0.35", "-2", "1e3", "0.1234567", "9223372036855", "1e-9999", "", "x", "1_0", "00.10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseValue(s)
		if err != nil {
			if !errors.Is(err, metrics.ErrInvalid) && !errors.Is(err, metrics.ErrOutOfRange) {
				t.Fatalf("ParseValue(%q): untyped %v", s, err)
			}
			return
		}
		text := v.String()
		if len(text) > maxParseLen { // plain text of a tiny or huge exponent: beyond what ParseValue reads
			return
		}
		w, err := ParseValue(text)
		if err != nil || !w.Equal(v) || v.Cmp(w) != 0 {
			t.Fatalf("%q → %q → %v (%v)", s, v.String(), w, err)
		}
		if u, err := DecimalValue(v.Decimal()); err != nil || !u.Equal(v) || (u.big == nil) != (v.big == nil) {
			t.Fatalf("%q: DecimalValue round trip %v %v", s, u, err)
		}
	})
}

// fuzzValue reads a value from 9 bytes: a coefficient and a small exponent.
func fuzzValue(b []byte) Value {
	c := int64(binary.LittleEndian.Uint64(b[:8]))
	e := int32(int8(b[8]) % 20)
	if b[8]%3 == 0 {
		c %= 1000 // the common case: small values
	}
	v, _ := DecimalValue(decimal.New(c, e))
	return v
}

// Scores from arbitrary readings under the default, event and bench
// models: no panic, and the fast path, the exact path and the slow
// reference agree.
func FuzzScore(f *testing.F) {
	f.Add([]byte("0123456789abcdefghijklmnopqrstuvwxyz0123456789"), uint8(0))
	f.Add(make([]byte, 100), uint8(1))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 127, 3, 1, 0, 0, 0, 0, 0, 0, 0, 128, 9}, uint8(2))
	models := []*Model{DefaultModel(), benchModel(f)}
	if m, err := NewEventModel(EventConfig{Missing: MissingImpute, Events: []Event{{Name: "a", Points: 60}, {Name: "b", Points: 40, Absent: true}}}); err == nil {
		models = append(models, m)
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		m := models[int(which)%len(models)]
		var rs []Reading
		for i, name := range m.Signals() {
			if len(data) < 10 {
				break
			}
			if data[9]%7 != 0 { // some signals missing
				rs = append(rs, Reading{Signal: name, Value: fuzzValue(data)})
			}
			data = data[10:]
			if i%3 == 2 && len(rs) > 1 && which&4 != 0 {
				rs[0], rs[len(rs)-1] = rs[len(rs)-1], rs[0]
			}
		}
		r, err := m.Score("f", rs)
		e, errE := m.Explain("f", rs)
		s, errS := slowScore(m.Config(), rs)
		if (err == nil) != (errS == nil) || (errE == nil) != (errS == nil) {
			t.Fatalf("errors %v / %v / %v", err, errE, errS)
		}
		if err != nil {
			return
		}
		if !r.Score.Ratio().Equal(s.score) || !e.Score.Equal(r.Score) || r.Band != s.band || !r.Coverage().Equal(s.coverage) {
			t.Fatalf("fast %s exact %s slow %s", r.Score, e.Score, s.score)
		}
	})
}

// Models built from arbitrary parameters never panic; a model that builds
// scores within [0, 100] and as the slow reference does.
func FuzzNewModel(f *testing.F) {
	f.Add(int64(10), int32(0), int64(1), int64(5), int32(-1), uint8(1), int64(3), int64(7), []byte("abcdefghijklmnopqrst"))
	f.Add(int64(-1), int32(9), int64(0), int64(0), int32(30), uint8(255), int64(0), int64(-5), []byte{})
	f.Fuzz(func(t *testing.T, a int64, ae int32, lo int64, width int64, we int32, kind uint8, w1, w2 int64, data []byte) {
		ae, we = ae%40, we%40
		x, y := decimal.New(a, ae), decimal.New(lo, 0)
		var n Normaliser
		switch kind % 5 {
		case 0:
			n = Target{At: x}
		case 1:
			n = MinMax{Min: y, Max: y.Add(decimal.New(width, we))}
		case 2:
			n = Inverse{Best: y, Worst: y.Add(decimal.New(width, we))}
		case 3:
			n = Lookup{Steps: []Step{{Points: decimal.New(lo%101, 0)}, {From: x, Points: decimal.New(width%101, 0)}}}
		default:
			n = Occurred{Absent: kind&8 != 0}
		}
		cfg := Config{Missing: Missing(kind % 4), Components: []Component{
			{Name: "a", Weight: metrics.RatioFromInt(w1), Signals: []Signal{{Name: "x", Weight: metrics.RatioFromInt(1), Normaliser: n}}},
			{Name: "b", Weight: metrics.RatioFromInt(w2), Signals: []Signal{{Name: "y", Weight: metrics.RatioFromInt(1), Normaliser: Target{At: decimal.New(7, 0)}}}},
		}}
		m, err := NewModelNormalised(cfg)
		if err != nil {
			var me *metrics.MetricError
			if !errors.As(err, &me) || me.Metric != idScore {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		var rs []Reading
		if len(data) >= 9 {
			rs = append(rs, Reading{Signal: "x", Value: fuzzValue(data)})
		}
		if len(data) >= 18 {
			rs = append(rs, Reading{Signal: "y", Value: fuzzValue(data[9:])})
		}
		r, err := m.Score("f", rs)
		s, errS := slowScore(m.Config(), rs)
		if (err == nil) != (errS == nil) {
			t.Fatalf("errors %v / %v", err, errS)
		}
		if err == nil && (!r.Score.Ratio().Equal(s.score) || r.Score.Sign() < 0 || r.Score.Cmp(PointsOf(100)) > 0) {
			t.Fatalf("score %s, slow %s", r.Score, s.score)
		}
	})
}

// Portfolios built from arbitrary accounts never panic; their shares sum
// to exactly 1.
func FuzzBuildPortfolio(f *testing.F) {
	f.Add([]byte("a1b2c3d4e5f6g7h8i9j0"), true)
	f.Add([]byte{0, 0, 0, 200, 100, 50, 49, 80, 79}, false)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		var accts []Account
		for i := 0; i+3 <= len(data); i += 3 {
			arr, _ := metrics.MoneyFromInt(int64(int8(data[i+1]))*1000, "USD")
			accts = append(accts, Account{
				ID: string(rune('a' + data[i]%30)), CSM: string(rune('x' + data[i+2]%3)), Parent: string(rune('p' + data[i+1]%2)),
				ARR: arr, Score: Points{n: int64(data[i+2]), d: int64(1 + data[i]%3)},
			})
		}
		p, err := BuildPortfolio(metrics.FromSlice(accts), Options{Lenient: lenient, TopN: len(data) % 5})
		if err != nil {
			var re *metrics.RowError
			if !errors.As(err, &re) || lenient {
				t.Fatalf("error %v", err)
			}
			return
		}
		for _, b := range []Basis{ByCount, ByARR} {
			if s, err := p.Distribution(b); err == nil && !s.Green.Add(s.Yellow).Add(s.Red).Equal(metrics.RatioFromInt(1)) {
				t.Fatalf("shares %+v", s)
			}
		}
		if int64(len(accts)) != p.Mix().Total().Accounts+int64(len(p.Rejected())) {
			t.Fatalf("%d accounts, %d kept, %d rejected", len(accts), p.Mix().Total().Accounts, len(p.Rejected()))
		}
	})
}
