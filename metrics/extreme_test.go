package metrics

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// extremeDeadline bounds each call of the extreme-exponent tests, so that a
// regression (a hang: the bug these tests guard against never returned)
// fails here instead of stalling the suite. At the largest allowed
// exponents a call does million-digit arithmetic and takes up to about a
// second under the race detector on an idle 2-core machine; the deadline is
// ten times that, so a busy machine (CI, parallel helpers) does not fail it.
const extremeDeadline = 10 * time.Second

// extremeRun runs call under extremeDeadline and returns its error; ok is
// false (and the test has failed) when it is still running at the deadline.
func extremeRun(t *testing.T, name string, x decimal.Decimal, call func() error) (err error, ok bool) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err, true
	case <-time.After(extremeDeadline):
		t.Errorf("%s(%s) still running after %s", name, extremeText(x), extremeDeadline)
		return nil, false
	}
}

// extremeText writes x as coefficient "e" exponent ("1e-2000000000"), for
// messages: the plain form of such values has up to millions of digits.
func extremeText(x decimal.Decimal) string {
	return x.Coefficient().String() + "e" + strconv.Itoa(int(x.Exponent()))
}

// Values whose exponents lie far beyond any amount or ratio (1e-2000000000)
// must not hang or panic the functions that take them: aligning them with an
// ordinary value would need gigabytes of digits, so every constructor of a
// Money, Ratio or Quantity, every Context operation and every function that
// takes a bare decimal refuses them with ErrOutOfRange. (They can no longer
// become a Money or a Ratio, so the operations on those values are checked
// with the largest values the constructors allow, below.) Each call runs
// under a deadline.
func TestExtremeExponentsRefused(t *testing.T) {
	tiny := decimal.New(1, -2_000_000_000)
	huge := decimal.New(1, 2_000_000_000)
	hundred := whole(t, 100, "USD")
	three := decimal.New(3, 0)
	for _, x := range []decimal.Decimal{tiny, huge} {
		calls := map[string]func() error{
			"NewMoney":                 func() error { _, err := NewMoney(x, "USD"); return err },
			"RatioOf":                  func() error { _, err := RatioOf(x, three); return err },
			"RatioOf (den)":            func() error { _, err := RatioOf(three, x); return err },
			"NewQuantity":              func() error { _, err := NewQuantity(x, UnitDays); return err },
			"Context.Quo":              func() error { _, err := Context{}.Quo(x, three); return err },
			"Context.Quo (divisor)":    func() error { _, err := Context{}.Quo(three, x); return err },
			"Context.Round":            func() error { _, err := Context{}.Round(x); return err },
			"Context.Root":             func() error { _, err := Context{}.Root(x, 2); return err },
			"Money.MulDecimal":         func() error { _, err := hundred.MulDecimal(x); return err },
			"Money.Convert":            func() error { _, err := hundred.Convert("EUR", x); return err },
			"ProactiveTimeShare":       func() error { _, err := ProactiveTimeShare(x, three); return err },
			"ProactiveTimeShare (tot)": func() error { _, err := ProactiveTimeShare(decimal.New(1, 0), x); return err },
			"ACV":                      func() error { _, err := ACV(hundred, x); return err },
		}
		for name, call := range calls {
			if err, ok := extremeRun(t, name, x, call); ok && !errors.Is(err, ErrOutOfRange) {
				t.Errorf("%s(%s): %v, want ErrOutOfRange", name, extremeText(x), err)
			}
		}
	}
	// A product beyond the bound is refused too, though both factors are in it.
	big := decimal.New(1, 1_000_000)
	m := usdDec(t, big)
	for name, call := range map[string]func() error{
		"Money.MulDecimal": func() error { _, err := m.MulDecimal(big); return err },
		"Money.Convert":    func() error { _, err := m.Convert("EUR", big); return err },
	} {
		if err, ok := extremeRun(t, name, big, call); ok && !errors.Is(err, ErrOutOfRange) {
			t.Errorf("%s(1e1000000 × 1e1000000): %v, want ErrOutOfRange", name, err)
		}
	}
}

// The largest and smallest values the constructors allow (exponents ±10^6)
// go through every operation and metric function in time, without a panic:
// each call returns a value or one of the library's typed errors before the
// deadline.
func TestExtremeExponentsLargestAllowed(t *testing.T) {
	hundred := whole(t, 100, "USD")
	three := decimal.New(3, 0)
	for _, x := range []decimal.Decimal{decimal.New(1, -1_000_000), decimal.New(1, 1_000_000)} {
		m := usdDec(t, x)
		r := ratDec(t, x)
		months := qtyDec(t, x, UnitMonths)
		calls := map[string]func() error{
			"Money.Add":              func() error { _, err := hundred.Add(m); return err },
			"Money.Sub":              func() error { _, err := m.Sub(hundred); return err },
			"Money.Cmp":              func() error { _, err := hundred.Cmp(m); return err },
			"Money.Ratio":            func() error { _, err := m.Ratio(hundred); return err },
			"Money.QuoInt":           func() error { _, err := m.QuoInt(3, Context{}); return err },
			"Money.QuoRatio":         func() error { _, err := hundred.QuoRatio(r, Context{}); return err },
			"Money.MulRatio":         func() error { _ = hundred.MulRatio(r, Context{}); return nil },
			"Money.Round":            func() error { _ = m.Round(Places(2)); return nil },
			"Money.Minor":            func() error { _, _ = m.Minor(2); return nil },
			"Money.Convert":          func() error { _, err := hundred.Convert("EUR", x); return err },
			"Money.MulDecimal":       func() error { _, err := hundred.MulDecimal(x); return err },
			"MarshalJSON":            func() error { _, err := json.Marshal(m); return err },
			"Ratio.MarshalJSON":      func() error { _, err := json.Marshal(r); return err },
			"Ratio.String":           func() error { _ = r.String(); return nil },
			"RatioOf":                func() error { _, err := RatioOf(x, three); return err },
			"Context.Quo":            func() error { _, err := Context{}.Quo(x, three); return err },
			"Context.Round":          func() error { _, err := Context{}.Round(x); return err },
			"Context.Root":           func() error { _, err := Context{}.Root(x, 2); return err },
			"NRR":                    func() error { _, err := NRR(Movements{Start: hundred, Expansion: m}); return err },
			"LTV":                    func() error { _, err := LTV(hundred, r); return err },
			"RuleOf40":               func() error { _, err := RuleOf40(r, Percent(10)); return err },
			"CustomerLifetimeMonths": func() error { _, err := CustomerLifetimeMonths(r); return err },
			"ProactiveTimeShare":     func() error { _, err := ProactiveTimeShare(x, three); return err },
			"LTVSimple":              func() error { _, err := LTVSimple(hundred, months); return err },
			"LTVGrossMargin": func() error {
				_, err := LTVGrossMargin(UnitEconomics{ARPA: hundred, GrossMargin: Percent(80), Churn: r})
				return err
			},
			"CACPaybackMonths": func() error {
				_, err := CACPaybackMonths(UnitEconomics{CAC: hundred, ARPA: hundred, GrossMargin: r})
				return err
			},
			"ProductEngagementScore": func() error {
				_, err := ProductEngagementScore(r, Percent(10), Percent(10))
				return err
			},
			"SimpleChurn":    func() error { _, err := SimpleChurn(r, 3); return err },
			"CompoundChurn":  func() error { _, err := CompoundChurn(r, 3); return err },
			"PerPeriodChurn": func() error { _, err := PerPeriodChurn(r, 3); return err },
			"ACV":            func() error { _, err := ACV(hundred, x); return err },
		}
		for name, call := range calls {
			err, ok := extremeRun(t, name, x, call)
			if !ok || err == nil {
				continue
			}
			var (
				me *MetricError
				ve *ValueError
				mm *MismatchError
			)
			if !errors.As(err, &me) && !errors.As(err, &ve) && !errors.As(err, &mm) {
				t.Errorf("%s(%s): untyped error %v", name, extremeText(x), err)
			}
		}
		// Methods without an error result stay fast and exact.
		if m.Equal(hundred) || !m.Equal(usdDec(t, x)) || m.String() != dec.Format(x, 2)+" USD" {
			t.Errorf("Equal/String of %s", extremeText(x))
		}
	}
}
