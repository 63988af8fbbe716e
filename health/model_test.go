package health

import (
	"errors"
	"strings"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// sig1 is a one-signal component of weight w.
func sig1(t *testing.T, comp, name string, w int64, n Normaliser) Component {
	return Component{Name: comp, Weight: metrics.Percent(w), Signals: []Signal{{Name: name, Weight: metrics.Percent(100), Normaliser: n}}}
}

// Every invalid configuration is refused with a MetricError naming the
// signal, the weight or the band.
func TestNewModelErrors(t *testing.T) {
	target := Target{At: dec(t, "10")}
	ok := sig1(t, "usage", "logins", 100, target)
	half := func(comp, name string, n Normaliser) Component { return sig1(t, comp, name, 50, n) }
	manySignals := Component{Name: "big", Weight: metrics.Percent(100)}
	for i := 0; i <= maxSignals; i++ {
		manySignals.Signals = append(manySignals.Signals, Signal{Name: strings.Repeat("s", 1) + string(rune('a'+i%26)) + strings.Repeat("x", i/26), Weight: metrics.RatioFromInt(1), Normaliser: target})
	}
	steps := func(s ...string) Lookup {
		var out []Step
		for i := 0; i+1 < len(s); i += 2 {
			out = append(out, Step{From: dec(t, s[i]), Points: dec(t, s[i+1])})
		}
		return Lookup{Steps: out}
	}
	cases := []struct {
		name     string
		cfg      Config
		input    string
		sentinel error
	}{
		{"no components", Config{}, "components", metrics.ErrEmpty},
		{"unknown rule", Config{Components: []Component{ok}, Missing: 9}, "missing", metrics.ErrInvalid},
		{"unnamed component", Config{Components: []Component{sig1(t, "", "x", 100, target)}}, "components[0]", metrics.ErrMissing},
		{"component twice", Config{Components: []Component{half("a", "x", target), half("a", "y", target)}}, `component "a"`, metrics.ErrDuplicate},
		{"zero component weight", Config{Components: []Component{sig1(t, "a", "x", 0, target)}}, `component "a": weight`, metrics.ErrWeights},
		{"negative component weight", Config{Components: []Component{sig1(t, "a", "x", -10, target), sig1(t, "b", "y", 110, target)}}, `component "a": weight`, metrics.ErrWeights},
		{"no signals", Config{Components: []Component{{Name: "a", Weight: metrics.Percent(100)}}}, `component "a"`, metrics.ErrEmpty},
		{"components sum to 90%", Config{Components: []Component{sig1(t, "a", "x", 40, target), sig1(t, "b", "y", 50, target)}}, "weights", metrics.ErrWeights},
		{"components sum to 110%", Config{Components: []Component{sig1(t, "a", "x", 60, target), sig1(t, "b", "y", 50, target)}}, "weights", metrics.ErrWeights},
		{"signals sum to 90%", Config{Components: []Component{{Name: "a", Weight: metrics.Percent(100), Signals: []Signal{
			{Name: "x", Weight: metrics.Percent(45), Normaliser: target}, {Name: "y", Weight: metrics.Percent(45), Normaliser: target},
		}}}}, `component "a": weights`, metrics.ErrWeights},
		{"zero signal weight", Config{Components: []Component{{Name: "a", Weight: metrics.Percent(100), Signals: []Signal{{Name: "x", Normaliser: target}}}}}, `signal "x": weight`, metrics.ErrWeights},
		{"signal twice", Config{Components: []Component{half("a", "x", target), half("b", "x", target)}}, `signal "x"`, metrics.ErrDuplicate},
		{"unnamed signal", Config{Components: []Component{sig1(t, "a", "", 100, target)}}, `component "a"`, metrics.ErrMissing},
		{"no normaliser", Config{Components: []Component{sig1(t, "a", "x", 100, nil)}}, `signal "x"`, metrics.ErrMissing},
		{"too many signals", Config{Components: []Component{manySignals}}, "components", metrics.ErrOutOfRange},
		{"target 0", Config{Components: []Component{sig1(t, "a", "x", 100, Target{})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"target negative", Config{Components: []Component{sig1(t, "a", "x", 100, Target{At: dec(t, "-1")})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"min = max", Config{Components: []Component{sig1(t, "a", "x", 100, MinMax{Min: dec(t, "1"), Max: dec(t, "1")})}}, `signal "x"`, metrics.ErrInvalid},
		{"best above worst", Config{Components: []Component{sig1(t, "a", "x", 100, Inverse{Best: dec(t, "5"), Worst: dec(t, "4")})}}, `signal "x"`, metrics.ErrInvalid},
		{"target exponent", Config{Components: []Component{sig1(t, "a", "x", 100, Target{At: decimal.New(1, 2_000)})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"min exponent", Config{Components: []Component{sig1(t, "a", "x", 100, MinMax{Min: decimal.New(1, -2_000), Max: dec(t, "1")})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"max exponent", Config{Components: []Component{sig1(t, "a", "x", 100, MinMax{Max: decimal.New(1, 2_000)})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"one step", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "10"))}}, `signal "x"`, metrics.ErrOutOfRange},
		{"steps overlap", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "0", "5", "50", "5", "100"))}}, `signal "x"`, metrics.ErrInvalid},
		{"steps go back", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "0", "5", "50", "4", "100"))}}, `signal "x"`, metrics.ErrInvalid},
		{"step points above 100", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "0", "5", "100.5"))}}, `signal "x"`, metrics.ErrOutOfRange},
		{"step points negative", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "-1", "5", "100"))}}, `signal "x"`, metrics.ErrOutOfRange},
		{"step points not monotone", Config{Components: []Component{sig1(t, "a", "x", 100, steps("0", "0", "5", "100", "6", "50"))}}, `signal "x"`, metrics.ErrInvalid},
		{"step from exponent", Config{Components: []Component{sig1(t, "a", "x", 100, Lookup{Steps: []Step{{}, {From: decimal.New(1, 2_000)}}})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"step points exponent", Config{Components: []Component{sig1(t, "a", "x", 100, Lookup{Steps: []Step{{}, {From: dec(t, "1"), Points: decimal.New(1, -2_000)}}})}}, `signal "x"`, metrics.ErrOutOfRange},
		{"bands overlap", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "50"), Yellow: dec(t, "50")}}, "bands", metrics.ErrInvalid},
		{"bands inverted", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "40"), Yellow: dec(t, "60")}}, "bands", metrics.ErrInvalid},
		{"green above 100", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "100.01"), Yellow: dec(t, "60")}}, "bands", metrics.ErrOutOfRange},
		{"yellow 0", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "80")}}, "bands", metrics.ErrOutOfRange},
		{"yellow negative", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "80"), Yellow: dec(t, "-1")}}, "bands", metrics.ErrOutOfRange},
		{"band exponent", Config{Components: []Component{ok}, Bands: Bands{Green: decimal.New(8, 2_000), Yellow: dec(t, "50")}}, "bands", metrics.ErrOutOfRange},
		{"yellow exponent", Config{Components: []Component{ok}, Bands: Bands{Green: dec(t, "80"), Yellow: decimal.New(5, -2_000)}}, "bands", metrics.ErrOutOfRange},
	}
	for _, tc := range cases {
		m, err := NewModel(tc.cfg)
		if m != nil {
			t.Errorf("%s: got a model", tc.name)
		}
		wantMetricErr(t, err, idScore, tc.input, tc.sentinel)
	}
	// Edges that are valid: green at 100, yellow just above 0, a lookup of
	// two steps whose first From is anything.
	if _, err := NewModel(Config{Components: []Component{sig1(t, "a", "x", 100, steps("99", "0", "1", "100"))}, Bands: Bands{Green: dec(t, "100"), Yellow: dec(t, "0.001")}}); err != nil {
		t.Errorf("valid edges: %v", err)
	}
	// The normalised constructor refuses weights that are not positive.
	_, err := NewModelNormalised(Config{Components: []Component{sig1(t, "a", "x", 0, target)}})
	wantMetricErr(t, err, idScore, `component "a": weight`, metrics.ErrWeights)
	_, err = NewModelNormalised(Config{Components: []Component{{Name: "a", Weight: metrics.RatioFromInt(3), Signals: []Signal{{Name: "x", Weight: metrics.RatioFromInt(-1), Normaliser: target}}}}})
	wantMetricErr(t, err, idScore, `signal "x": weight`, metrics.ErrWeights)
	_, err = NewModelNormalised(Config{})
	wantMetricErr(t, err, idScore, "components", metrics.ErrEmpty)
}

func TestNewEventModelErrors(t *testing.T) {
	ev := func(n int, pts int64) []Event {
		var out []Event
		for i := range n {
			out = append(out, Event{Name: string(rune('a' + i)), Points: pts})
		}
		return out
	}
	_, err := NewEventModel(EventConfig{Events: ev(6, 1)})
	wantMetricErr(t, err, idScore, "events", metrics.ErrOutOfRange)
	_, err = NewEventModel(EventConfig{})
	wantMetricErr(t, err, idScore, "events", metrics.ErrEmpty)
	_, err = NewEventModel(EventConfig{Events: []Event{{Name: "a", Points: 100}, {Name: "b"}}})
	wantMetricErr(t, err, idScore, `signal "b": weight`, metrics.ErrWeights)
	_, err = NewEventModel(EventConfig{Events: ev(4, 20)})
	wantMetricErr(t, err, idScore, `component "events": weights`, metrics.ErrWeights)
	if m, err := NewEventModel(EventConfig{Events: ev(5, 20)}); err != nil || len(m.sigs) != 5 {
		t.Errorf("five events: %v", err)
	}
}

// Score refuses unknown and repeated signals and unnamed accounts, naming
// the account and the signal.
func TestScoreErrors(t *testing.T) {
	m := DefaultModel()
	rs := defaultReads(t, "0.6", "0.5", "0.7", "1", "1", "2", "0", "4.8", "1", "1.2")
	_, err := m.Score("", rs)
	wantRowErr(t, err, "", "id", metrics.ErrMissing)
	_, err = m.Explain("", rs)
	wantRowErr(t, err, "", "id", metrics.ErrMissing)
	bad := append(rs[:9:9], Reading{Signal: "nps", Value: IntValue(5)})
	_, err = m.Score("acme", bad)
	wantRowErr(t, err, "acme", "nps", metrics.ErrInvalid)
	_, err = m.Explain("acme", bad)
	wantRowErr(t, err, "acme", "nps", metrics.ErrInvalid)
	dup := append(rs[:9:9], rs[0])
	_, err = m.Score("acme", dup)
	wantRowErr(t, err, "acme", "weekly_active_seats", metrics.ErrDuplicate)
	if !strings.Contains(err.Error(), `account "acme"`) || !strings.Contains(err.Error(), "weekly_active_seats") {
		t.Errorf("message %q does not name the account and signal", err)
	}
}

// Values and points: construction, forms, text.
func TestValuesAndPoints(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"0.35", "0.35"}, {"-2", "-2"}, {"1e3", "1000"}, {"0.1234567", "0.1234567"}, {"12345678901234567890", "12345678901234567890"},
		{"0", "0"}, {"-0.000001", "-0.000001"}, {"1.50", "1.5"}, {" 7 ", "7"}, {"2E-8", "0.00000002"},
	} {
		v, err := ParseValue(tc.in)
		if err != nil || v.String() != tc.out {
			t.Errorf("ParseValue(%q) = %q, %v; want %q", tc.in, v.String(), err, tc.out)
		}
		d, _ := decimal.NewFromString(tc.out)
		if w, _ := DecimalValue(d); !w.Equal(v) || !v.Decimal().Equal(d) {
			t.Errorf("%s: DecimalValue %v, Decimal %v", tc.in, w, v.Decimal())
		}
	}
	// Inline when ≤ 6 places and |v| < ~9.2e12; else held as a decimal.
	if v := val(t, "0.123456"); v.big != nil || v.micro != 123456 {
		t.Errorf("0.123456 not inline: %+v", v)
	}
	if v := val(t, "0.1234567"); v.big == nil {
		t.Error("7 places inline")
	}
	if v := val(t, "1.50000000"); v.big != nil || v.micro != 1_500_000 {
		t.Errorf("1.50000000 not inline: %+v", v)
	}
	// Coefficients of 19 and more digits: inline when the value fits.
	for in, inline := range map[string]bool{
		"1000000000000":                  true,  // 10^18 millionths
		"9223372036854.775807":           true,  // the largest inline value
		"9223372036854.775808":           false, // one millionth more
		"1.000000000000000000000":        true,  // 22 digits, trailing zeros
		"1.000000000000000000001":        false, // a fraction of a millionth
		"10000000000000000000":           false, // 10^19 units
		"0.0000000000000000000000000001": false, // far below a millionth
		"1234567890123.45678":            true,  // 18 digits, × 10 to millionths
		"5e12":                           true,  // 5 × 10^18 millionths, exponent 12
		"9.3e12":                         false, // 9.3 × 10^18 millionths: beyond an int64
	} {
		d := dec(t, in)
		if v, _ := DecimalValue(d); (v.big == nil) != inline || !v.Decimal().Equal(d) {
			t.Errorf("%s: inline %v, want %v", in, v.big == nil, inline)
		}
	}
	if v := IntValue(9_223_372_036_854); v.big != nil {
		t.Error("9223372036854 not inline")
	}
	if v := IntValue(9_223_372_036_855); v.big == nil || v.String() != "9223372036855" {
		t.Errorf("9223372036855: %+v", v)
	}
	if v := IntValue(-9_223_372_036_855); v.big == nil || v.Sign() != -1 || v.Cmp(IntValue(0)) != -1 {
		t.Errorf("-9223372036855: %+v", v)
	}
	if IntValue(3).Cmp(val(t, "3.0000001")) != -1 || val(t, "3.0000001").Cmp(IntValue(3)) != 1 || val(t, "0").Sign() != 0 || val(t, "0.5").Sign() != 1 {
		t.Error("Cmp or Sign across forms")
	}
	for _, bad := range []string{"", "abc", "1_000", "1.2.3", strings.Repeat("1", maxParseLen+1)} {
		if _, err := ParseValue(bad); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("ParseValue(%.20q): %v", bad, err)
		}
	}
	if _, err := ParseValue("1e2000000"); !errors.Is(err, metrics.ErrOutOfRange) && !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("huge exponent: %v", err)
	}
	if _, err := DecimalValue(decimal.New(1, -2_000)); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("tiny exponent: %v", err)
	}
	// Points: exact fractions, two forms, text.
	third := pts(t, "1/3")
	if third.String() != "0.3333333333" || !third.Add(third).Add(third).Equal(PointsOf(1)) {
		t.Errorf("1/3: %s", third)
	}
	if b, _ := pts(t, "200/3").MarshalText(); string(b) != "200/3" {
		t.Errorf("MarshalText 200/3: %s", b)
	}
	if b, _ := (Points{n: 145, d: 2}).MarshalText(); string(b) != "72.5" {
		t.Errorf("MarshalText 145/2: %s", b)
	}
	if p, err := NewPoints(dec(t, "72.5")); err != nil || !p.Equal(Points{n: 145, d: 2}) || p.Decimal(metrics.Places(0)).String() != "72" {
		t.Errorf("NewPoints 72.5: %v %v", p, err)
	}
	if _, err := NewPoints(decimal.New(1, 2_000)); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("NewPoints huge: %v", err)
	}
	var p Points
	if err := p.UnmarshalText([]byte("x")); err == nil {
		t.Error("UnmarshalText x")
	}
	// Int form arithmetic and its overflow fallback.
	a, b := Points{n: 1, d: 3}, Points{n: 1, d: 6}
	if s := a.Add(b); (s.r != nil) || !s.Equal(Points{n: 1, d: 2}) {
		t.Errorf("1/3 + 1/6 = %+v", s)
	}
	if s := a.Sub(b); !s.Equal(Points{n: 1, d: 6}) || a.Sub(a).Sign() != 0 || b.Sub(a).Sign() != -1 {
		t.Errorf("1/3 − 1/6 = %+v", s)
	}
	huge := Points{n: 1 << 62, d: 1}
	if s := huge.Add(huge); !(s.r != nil) || s.String() != "9223372036854775808" {
		t.Errorf("2^62 + 2^62 = %+v", s)
	}
	odd := Points{n: 1 << 62, d: 3}
	if s := odd.Add(Points{n: 1, d: 1<<62 + 1}); !(s.r != nil) || s.Cmp(odd) != 1 {
		t.Errorf("cross-denominator overflow: %+v", s)
	}
	minInt := Points{n: -1 << 63, d: 1}
	if s := PointsOf(0).Sub(minInt); s.String() != "9223372036854775808" {
		t.Errorf("0 − MinInt64 = %s", s)
	}
	if minInt.Cmp(PointsOf(-1<<62)) != -1 || PointsOf(-1<<62).Cmp(minInt) != 1 || PointsOf(-3).Cmp(PointsOf(-2)) != -1 || PointsOf(0).Cmp(PointsOf(0)) != 0 {
		t.Error("Cmp of negatives")
	}
	if (Points{n: 2, d: 4}).Cmp(Points{n: 1, d: 2}) != 0 || (Points{n: 1<<62 + 1, d: 1 << 62}).Cmp(Points{n: 1<<62 - 1, d: 1<<62 - 2}) != -1 {
		t.Error("Cmp of large fractions")
	}
	if Missing(7).String() != "Missing(7)" || Missing(4).String() != "Missing(4)" || MissingImpute.String() != "impute" || MissingReject.String() != "reject" {
		t.Error("Missing.String")
	}
}

// Config returns a deep copy: changing it changes nothing in the model.
func TestConfigIsACopy(t *testing.T) {
	m := DefaultModel()
	c := m.Config()
	c.Components[0].Signals[0].Name = "changed"
	c.Components[2].Signals[1].Normaliser.(Lookup).Steps[1].Points = dec(t, "0")
	c2 := m.Config()
	if c2.Components[0].Signals[0].Name != "weekly_active_seats" || !c2.Components[2].Signals[1].Normaliser.(Lookup).Steps[1].Points.Equal(dec(t, "60")) {
		t.Error("Config shares memory with the model")
	}
	if !c2.Bands.Green.Equal(dec(t, "80")) || !c2.Bands.Yellow.Equal(dec(t, "50")) || c2.Missing != MissingReweight {
		t.Errorf("config bands %+v missing %v", c2.Bands, c2.Missing)
	}
	if d := (Lookup{Steps: []Step{{Points: dec(t, "100")}, {Points: dec(t, "100")}, {Points: dec(t, "0")}}}).Direction(); d != metrics.LowerIsBetter {
		t.Errorf("falling lookup: %v", d)
	}
	if d := (Lookup{Steps: []Step{{Points: dec(t, "10")}, {Points: dec(t, "10")}}}).Direction(); d != metrics.HigherIsBetter {
		t.Errorf("flat lookup: %v", d)
	}
	for n, want := range map[Normaliser]metrics.Direction{Target{}: metrics.HigherIsBetter, MinMax{}: metrics.HigherIsBetter, Inverse{}: metrics.LowerIsBetter, Occurred{}: metrics.HigherIsBetter, Occurred{Absent: true}: metrics.LowerIsBetter} {
		if n.Direction() != want {
			t.Errorf("%T direction %v", n, n.Direction())
		}
	}
}

// The package's definitions are valid, unique, in the health category,
// and new copies on every call; the at-risk definitions share one meaning.
func TestDefinitions(t *testing.T) {
	defs := Definitions()
	d, err := metrics.NewDictionary(defs)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != len(defs) || len(defs) < 15 {
		t.Errorf("%d definitions", len(defs))
	}
	for _, def := range defs {
		if def.Category != metrics.CategoryHealth || def.Owner == "" || !strings.HasPrefix(def.Func, "health.") || !strings.Contains(def.Source, "seeds/") && !strings.Contains(def.Source, "the library's definition") || strings.Contains(def.Source, "REFERENCES") {
			t.Errorf("%s: category %q owner %q func %q source %q", def.ID, def.Category, def.Owner, def.Func, def.Source)
		}
	}
	defs[0].Bands[0].Name = "changed"
	if Definitions()[0].Bands[0].Name == "changed" {
		t.Error("Definitions shares memory between calls")
	}
	// The distribution bands of seeds/000: 70% healthy is a healthy book,
	// 69.9% is not; 10% critical is too many.
	grade := func(id string, r metrics.Ratio) string {
		def, _ := d.Lookup(id)
		b, err := def.Classify(r)
		if err != nil {
			t.Fatal(err)
		}
		return b.Name
	}
	if grade(idHealthy, metrics.Percent(70)) != "healthy book" || grade(idHealthy, rat(t, "0.699")) != "watch" || grade(idHealthy, rat(t, "0.499")) != "concerning" ||
		grade(idHealthy+"_arr", metrics.Percent(70)) != "on target" || grade(idHealthy+"_arr", rat(t, "0.699")) != "below target" ||
		grade("health_distribution_critical", rat(t, "0.099")) != "healthy book" || grade("health_distribution_critical", metrics.Percent(10)) != "watch" || grade("health_distribution_critical", metrics.Percent(20)) != "concerning" ||
		grade("health_distribution_critical_arr", metrics.Percent(10)) != "above target" || grade("health_distribution_critical_arr", rat(t, "0.099")) != "on target" ||
		grade(idAUC, rat(t, "0.69")) != "poor" || grade(idAUC, metrics.Percent(70)) != "acceptable" || grade(idAUC, metrics.Percent(80)) != "excellent" || grade(idAUC, metrics.Percent(90)) != "outstanding" ||
		grade("health_usage_drop", metrics.Percent(20)) != "usage drop" || grade("health_usage_drop", rat(t, "0.199")) != "steady" ||
		grade("health_engagement_drop", metrics.Percent(20)) != "engagement drop" || grade("health_ticket_spike", metrics.Percent(50)) != "ticket spike" || grade("health_ticket_spike", rat(t, "0.499")) != "steady" {
		t.Error("definition bands")
	}
	score, _ := d.Lookup(idScore)
	for s, want := range map[string]metrics.Status{"79.5": metrics.StatusYellow, "80": metrics.StatusGreen, "49.999": metrics.StatusRed, "50": metrics.StatusYellow} {
		q, _ := metrics.NewQuantity(dec(t, s), metrics.UnitScore)
		if got, err := score.Status(q); err != nil || got != want {
			t.Errorf("health_score %s: %v %v; want %v", s, got, err, want)
		}
	}
	if ar, _ := d.Lookup("at_risk"); ar.Version != 2 || ar.Owner != ownerCS {
		t.Errorf("at_risk: version %d owner %q; want 2 (the formula changed: below green, not below a threshold)", ar.Version, ar.Owner)
	}
	if sc, _ := d.Lookup(idScore); sc.Version != 1 || sc.Cadence != metrics.CadenceDaily || sc.Unit != metrics.UnitScore {
		t.Errorf("health_score: %+v", sc)
	}
	for _, id := range []string{"at_risk", "at_risk_accounts", "at_risk_arr"} {
		def, ok := d.Lookup(id)
		if !ok || !strings.Contains(def.Formula, "below green") || !strings.Contains(def.Differs, "at risk is below green") {
			t.Errorf("%s: %+v", id, def)
		}
	}
}

// Error messages number the steps from 1; 100 steps are allowed, 101 not.
func TestLookupSteps(t *testing.T) {
	mk := func(s ...Step) error {
		_, err := NewModel(Config{Components: []Component{sig1(t, "a", "x", 100, Lookup{Steps: s})}})
		return err
	}
	for _, tc := range []struct {
		steps []Step
		text  string
	}{
		{[]Step{{}, {From: dec(t, "1"), Points: dec(t, "101")}}, "step 2 points 101 not in [0, 100]"},
		{[]Step{{Points: dec(t, "-5")}, {From: dec(t, "1")}}, "step 1 points -5 not in [0, 100]"},
		{[]Step{{}, {From: dec(t, "1")}, {From: decimal.New(1, 5000)}}, "step 3 from exponent"},
		{[]Step{{}, {From: dec(t, "1")}, {From: dec(t, "2"), Points: decimal.New(1, -5000)}}, "step 3 points exponent"},
		{[]Step{{}, {From: dec(t, "2")}, {From: dec(t, "2")}}, "step 3 does not start above step 2"},
	} {
		if err := mk(tc.steps...); err == nil || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("error %v; want %q", err, tc.text)
		}
	}
	steps := make([]Step, maxSteps)
	for i := range steps {
		steps[i] = Step{From: decimal.New(int64(i), 0), Points: decimal.New(int64(i), 0)}
	}
	if err := mk(steps...); err != nil {
		t.Errorf("%d steps: %v", maxSteps, err)
	}
	if err := mk(append(steps, Step{From: decimal.New(1000, 0), Points: decimal.New(100, 0)})...); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("%d steps: %v", maxSteps+1, err)
	}
}

// An imputed value the hot path cannot hold (7 places) is imputed exactly.
func TestImputeExact(t *testing.T) {
	m, err := NewModel(Config{Missing: MissingImpute, Components: []Component{
		{Name: "usage", Weight: metrics.Percent(60), Signals: []Signal{{Name: "logins", Weight: metrics.Percent(100), Normaliser: Target{At: dec(t, "20")}}}},
		{Name: "support", Weight: metrics.Percent(40), Signals: []Signal{{Name: "tickets", Weight: metrics.Percent(100), Normaliser: Inverse{Best: dec(t, "0"), Worst: dec(t, "10")}, Impute: val(t, "2.5000001")}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// 60% × 50 + 40% × (10 − 2.5000001) ÷ 10 × 100 = 30 + 40% × 74.999999 = 59.9999996.
	r, err := m.Score("a", reads(t, "logins", "10"))
	if err != nil || !r.Score.Equal(pts(t, "59.9999996")) || !r.Coverage().Equal(metrics.Percent(60)) {
		t.Errorf("score %s coverage %v (%v)", r.Score, r.Coverage(), err)
	}
}

// Lookup points with up to 6 places keep the hot path (q = 100 × 10^places).
func TestLookupFastForm(t *testing.T) {
	for _, tc := range []struct {
		mid  string
		q    int64
		fast bool
	}{{"62.5", 1000, true}, {"62.123456", 100_000_000, true}, {"62.1234567", 0, false}, {"60", 100, true}} {
		m, err := NewModel(Config{Components: []Component{sig1(t, "a", "x", 100, Lookup{Steps: []Step{
			{Points: dec(t, "0")}, {From: dec(t, "1"), Points: dec(t, tc.mid)}, {From: dec(t, "2"), Points: decimal.New(1, 2)},
		}})}})
		if err != nil {
			t.Fatal(err)
		}
		if m.fast != tc.fast || tc.fast && m.sigs[0].norm.q != tc.q {
			t.Errorf("points %s: fast %v q %d; want %v %d", tc.mid, m.fast, m.sigs[0].norm.q, tc.fast, tc.q)
		}
		r, err := m.Score("a", reads(t, "x", "1.5"))
		if err != nil || !r.Score.Equal(pts(t, tc.mid)) {
			t.Errorf("points %s: score %s %v", tc.mid, r.Score, err)
		}
	}
	// Small sums stay in the int64 form.
	for _, p := range [][2]Points{{PointsOf(0), PointsOf(0)}, {PointsOf(0), PointsOf(-1)}, {PointsOf(-1), PointsOf(0)}} {
		if s := p[0].Add(p[1]); s.r != nil || !s.Equal(PointsOf(p[0].n+p[1].n)) {
			t.Errorf("%v + %v = %+v", p[0], p[1], s)
		}
	}
}
