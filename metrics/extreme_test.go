package metrics

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// Values whose exponents lie far beyond any amount or ratio (1e-2000000000)
// must not hang or panic the functions that return errors: aligning them
// with an ordinary value would need gigabytes of digits, so each refuses
// them with ErrOutOfRange. Each call runs under a deadline, so a regression
// fails here instead of stalling the suite.
func TestExtremeExponentsRefused(t *testing.T) {
	tiny := decimal.New(1, -2_000_000_000)
	huge := decimal.New(1, 2_000_000_000)
	usd := MoneyFromInt(100, "USD")
	for _, x := range []decimal.Decimal{tiny, huge} {
		m := NewMoney(x, "USD")
		r := NewRatio(x)
		calls := map[string]func() error{
			"Money.Add":              func() error { _, err := usd.Add(m); return err },
			"Money.Sub":              func() error { _, err := m.Sub(usd); return err },
			"Money.Cmp":              func() error { _, err := usd.Cmp(m); return err },
			"Money.Ratio":            func() error { _, err := m.Ratio(usd); return err },
			"Money.QuoInt":           func() error { _, err := m.QuoInt(3, Context{}); return err },
			"Money.QuoRatio":         func() error { _, err := usd.QuoRatio(r, Context{}); return err },
			"Money.Convert":          func() error { _, err := usd.Convert("EUR", x); return err },
			"MarshalJSON":            func() error { _, err := json.Marshal(m); return err },
			"RatioOf":                func() error { _, err := RatioOf(x, decimal.New(3, 0)); return err },
			"NRR":                    func() error { _, err := NRR(usd, m, Money{}, Money{}); return err },
			"LTV":                    func() error { _, err := LTV(usd, r); return err },
			"RuleOf40":               func() error { _, err := RuleOf40(r, PercentInt(10)); return err },
			"CustomerLifetimeMonths": func() error { _, err := CustomerLifetimeMonths(r); return err },
			"Context.Quo":            func() error { _, err := Context{}.Quo(x, decimal.New(3, 0)); return err },
			"ProactiveTimeShare":     func() error { _, err := ProactiveTimeShare(x, decimal.New(3, 0)); return err },
			"AtRisk": func() error {
				_, err := AtRisk([]AccountHealth{{Account: "a", Health: decimal.New(5, 0), ARR: usd}}, x)
				return err
			},
			"HealthDistribution": func() error { _, err := HealthDistribution([]decimal.Decimal{x}, HealthBands{}); return err },
			"LTVSimple":          func() error { _, err := LTVSimple(usd, Months(x)); return err },
			"LTVGrossMargin":     func() error { _, err := LTVGrossMargin(usd, PercentInt(80), r); return err },
			"CACPaybackMonths":   func() error { _, err := CACPaybackMonths(usd, usd, r); return err },
			"PipelineVelocity":   func() error { _, err := PipelineVelocity(3, usd, PercentInt(20), Days(x)); return err },
			"TeamCapacity":       func() error { _, err := TeamCapacity(3, usd, r, PercentInt(50)); return err },
			"ProductEngagementScore": func() error {
				_, err := ProductEngagementScore(r, PercentInt(10), PercentInt(10))
				return err
			},
			"SimpleChurn":    func() error { _, err := SimpleChurn(r, 3); return err },
			"CompoundChurn":  func() error { _, err := CompoundChurn(r, 3); return err },
			"PerPeriodChurn": func() error { _, err := PerPeriodChurn(r, 3); return err },
			"ACV":            func() error { _, err := ACV(usd, x); return err },
		}
		for name, call := range calls {
			done := make(chan error, 1)
			go func() { done <- call() }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrOutOfRange) {
					t.Errorf("%s(%s): %v, want ErrOutOfRange", name, formatDecimal(x, 0), err)
				}
			case <-time.After(2 * time.Second):
				t.Errorf("%s(%s) still running after 2 s", name, formatDecimal(x, 0))
			}
		}
		// Methods without an error result stay fast and exact.
		if m.Equal(usd) || !m.Equal(NewMoney(x, "USD")) || m.String() != formatDecimal(x, 2)+" USD" {
			t.Errorf("Equal/String of %s", formatDecimal(x, 0))
		}
	}
	// The text form of such a value is coefficient e exponent, and Equal
	// ignores scale there too: 10 × 10^-2000000001 is 1 × 10^-2000000000.
	if got := NewMoney(tiny, "USD").String(); got != "1e-2000000000 USD" {
		t.Errorf("String of 1e-2000000000: %q", got)
	}
	if !NewMoney(decimal.New(10, -2_000_000_001), "USD").Equal(NewMoney(tiny, "USD")) ||
		NewMoney(decimal.New(11, -2_000_000_001), "USD").Equal(NewMoney(tiny, "USD")) {
		t.Error("Equal beyond the exponent range compares values, not representations")
	}
}
