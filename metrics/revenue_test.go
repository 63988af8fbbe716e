package metrics

import (
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// revenueUSDs returns amounts in USD from decimal literals.
func revenueUSDs(t testing.TB, ss ...string) []Money {
	t.Helper()
	out := make([]Money, len(ss))
	for i, s := range ss {
		out[i] = usd(t, s)
	}
	return out
}

// Worked examples that return Money, exact to the digit.
func TestRevenueMoneyExamples(t *testing.T) {
	ten := make([]Money, 10)
	for i := range ten {
		ten[i] = usd(t, "10")
	}
	tests := []struct {
		name string
		got  func() (Money, error)
		want Money
	}{
		// Issue 2: 10 customers × 10 → MRR 100, both as a product and as a sum.
		{"mrr from arpa 10 × 10", func() (Money, error) { return MRRFromARPA(10, usd(t, "10")) }, usd(t, "100")},
		{"mrr sum of 10 × 10", func() (Money, error) { return MRRSum(ten...) }, usd(t, "100.00")},
		// ChartMogul ARPA help example (help.chartmogul.com/hc/en-us/articles/203359301):
		// customers paying $1, $1, $3, $5, $5 → $15 MRR, ARPA $3.
		{"chartmogul mrr $15", func() (Money, error) { return MRRSum(revenueUSDs(t, "1", "1", "3", "5", "5")...) }, usd(t, "15")},
		{"chartmogul arpa $3", func() (Money, error) { return ARPA(usd(t, "15"), 5) }, usd(t, "3")},
		// The same article's chart notes: $100, $100, $300, $500, $500 → $1,500 ÷ 5 = $300.
		{"chartmogul arpa $300", func() (Money, error) {
			m, err := MRRSum(revenueUSDs(t, "100", "100.00", "300", "500", "500.0")...)
			if err != nil {
				return Money{}, err
			}
			return ARPA(m, 5)
		}, usd(t, "300")},
		{"mrr sum empty", func() (Money, error) { return MRRSum() }, Money{}},
		{"mrr sum zero Money adopts USD", func() (Money, error) { return MRRSum(Money{}, usd(t, "1.5"), usd(t, "1.50")) }, usd(t, "3")},
		{"mrr from arpa 0 customers", func() (Money, error) { return MRRFromARPA(0, usd(t, "10")) }, usd(t, "0")},
		// ARR = 12 × MRR: 8,333.33 × 12 = 99,999.96.
		{"arr", func() (Money, error) { return ARR(usd(t, "8333.33")) }, usd(t, "99999.96")},
		{"arr of zero Money", func() (Money, error) { return ARR(Money{}) }, Money{}},
		// 50 new + 10 expansion + 5 reactivation − 10 contraction − 10 churn = 45.
		{"net new mrr", func() (Money, error) {
			return NetNewMRR(Movements{New: usd(t, "50"), Expansion: usd(t, "10"), Reactivation: usd(t, "5"), Contraction: usd(t, "10"), Churn: usd(t, "10.00")})
		}, usd(t, "45")},
		{"net new mrr negative", func() (Money, error) {
			return NetNewMRR(Movements{Expansion: usd(t, "1.5"), Contraction: usd(t, "2"), Churn: usd(t, "3")})
		}, usd(t, "-3.5")},
		{"net new arr", func() (Money, error) {
			return NetNewARR(Movements{New: usd(t, "50"), Expansion: usd(t, "10"), Reactivation: usd(t, "5"), Contraction: usd(t, "10"), Churn: usd(t, "10")})
		}, usd(t, "540")},
		// 1,000 ÷ 3 = 333.333333333333|33… rounds down at 12 places; 2 ÷ 3 =
		// 0.666666666666|67… rounds up (half-even, the zero Context).
		{"arpu 1000 / 3", func() (Money, error) { return ARPU(usd(t, "1000"), 3) }, usd(t, "333.333333333333")},
		{"arpa 2 / 3", func() (Money, error) { return ARPA(usd(t, "2"), 3) }, usd(t, "0.666666666667")},
		{"arpa of zero MRR", func() (Money, error) { return ARPA(Money{}, 4) }, Money{}},
		// ACV: 105,000 over 3 years is 35,000; 63,000 over 18 months (1.50 years) is 42,000.
		{"acv 3 years", func() (Money, error) { return ACV(usd(t, "105000"), d(t, "3")) }, usd(t, "35000")},
		{"acv 1.5 years", func() (Money, error) { return ACV(usd(t, "63000"), d(t, "1.50")) }, usd(t, "42000")},
		{"acv 3 years rounds", func() (Money, error) { return ACV(usd(t, "100"), d(t, "3")) }, usd(t, "33.333333333333")},
	}
	for _, tc := range tests {
		got, err := tc.got()
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

// Worked examples that return a Ratio or a Count.
func TestRevenueRatioExamples(t *testing.T) {
	tests := []struct {
		name string
		got  func() (Ratio, error)
		want Ratio
	}{
		// Issue 2: ACV 35K → 42K is 20% growth.
		{"acv growth 35K → 42K", func() (Ratio, error) { return ACVGrowth(Periods{Previous: usd(t, "35000"), Current: usd(t, "42000")}) }, pctR(t, "20")},
		{"acv growth 35K → 42K, scales", func() (Ratio, error) {
			return ACVGrowth(Periods{Previous: usd(t, "35000.00"), Current: usd(t, "42e3")})
		}, pctR(t, "20")},
		{"growth 100 → 150", func() (Ratio, error) { return GrowthRate(Periods{Previous: usd(t, "100"), Current: usd(t, "150")}) }, pctR(t, "50")},
		{"growth to zero is −100%", func() (Ratio, error) { return GrowthRate(Periods{Previous: usd(t, "100")}) }, pctR(t, "-100")},
		{"growth 1.5 → 1.50 is 0", func() (Ratio, error) { return GrowthRate(Periods{Previous: usd(t, "1.5"), Current: usd(t, "1.50")}) }, Ratio{}},
		{"growth 3 → 4 is 1/3 exactly", func() (Ratio, error) { return GrowthRate(Periods{Previous: usd(t, "3"), Current: usd(t, "4")}) }, revenueFrac(t, 1, 3)},
		// CMGR: 100 → 121 over 2 months is exactly 10% (1.1² = 1.21).
		{"cmgr exact 10%", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "100"), Current: usd(t, "121")}, 2) }, pctR(t, "10")},
		{"cmgr 1 month is growth", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "100"), Current: usd(t, "150")}, 1) }, pctR(t, "50")},
		{"cmgr end 0 is −100%", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "100")}, 12) }, pctR(t, "-100")},
		{"cmgr flat is 0", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "7.5"), Current: usd(t, "7.50")}, 5) }, Ratio{}},
		// 10,000 → 50,000 over 6 months: 5^(1/6) − 1 = 0.30766048601183059…
		// (60 digits computed with Python's decimal module) → 12 places half-even.
		{"cmgr 10K → 50K in 6", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "10000"), Current: usd(t, "50000")}, 6) }, rat(t, "0.307660486012")},
		// 100 → 200 over 12 months: 2^(1/12) − 1 = 0.059463094359295… (the
		// twelfth root of 2, a well-known constant) → 0.059463094359.
		{"cmgr doubling in 12", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "100"), Current: usd(t, "200")}, 12) }, rat(t, "0.059463094359")},
		// Decline: 200 → 100 over 2 months: √0.5 − 1 = −0.29289321881345…
		{"cmgr halving in 2", func() (Ratio, error) { return CMGR(Periods{Previous: usd(t, "200"), Current: usd(t, "100")}, 2) }, rat(t, "-0.292893218813")},
		// 500 customers, 30 new, 15 churned → +15 of 500 = 3%.
		{"logo growth rate", func() (Ratio, error) { return LogoGrowthRate(Customers{Start: 500, New: 30, Churned: 15}) }, pctR(t, "3")},
		{"logo growth rate all churned", func() (Ratio, error) { return LogoGrowthRate(Customers{Start: 500, Churned: 500}) }, pctR(t, "-100")},
		{"logo growth rate above 100%", func() (Ratio, error) { return LogoGrowthRate(Customers{Start: 1, New: 4}) }, pctR(t, "400")},
	}
	for _, tc := range tests {
		got, err := tc.got()
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	if got, err := NetLogoGrowth(Customers{New: 10, Churned: 15}); err != nil || !got.Equal(Count(-5)) {
		t.Errorf("NetLogoGrowth(Customers{New: 10, Churned: 15}) = %v, %v; want -5", got, err)
	}
	if got, err := NetLogoGrowth(Customers{}); err != nil || !got.Equal(Count(0)) {
		t.Errorf("NetLogoGrowth(Customers{}) = %v, %v; want 0", got, err)
	}
}

// revenueFrac returns num/den as a Ratio.
func revenueFrac(t testing.TB, num, den int64) Ratio {
	t.Helper()
	r, err := NewRatio(num, den)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// namedErrCase is one invalid call: the error it returned, the sentinel it must
// wrap, and the metric ID and input the *MetricError must name.
type namedErrCase struct {
	name   string
	err    error
	want   error
	metric string
	input  string
}

// checkErrCases asserts every case's sentinel (errors.Is) and *MetricError
// (errors.As) with its metric ID and input.
func checkErrCases(t *testing.T, cases []namedErrCase) {
	t.Helper()
	for _, tc := range cases {
		checkMetricError(t, tc.name, tc.err, tc.want, tc.metric, tc.input)
	}
}

// Every exported function of revenue.go, each invalid input.
func TestRevenueErrors(t *testing.T) {
	z, one, neg, eur := Money{}, usd(t, "1"), usd(t, "-0.01"), whole(t, 1, "EUR")
	zeroScaled := money(t, "0.00", "USD")
	checkErrCases(t, []namedErrCase{
		{"mrr negative", second(MRRSum(one, neg)), ErrNegative, "mrr", "amounts[1]"},
		{"mrr currencies", second(MRRSum(z, one, eur)), ErrCurrencyMismatch, "mrr", "amounts[2]"},

		{"mrr_from_arpa negative customers", second(MRRFromARPA(-1, one)), ErrNegative, "mrr_from_arpa", "customers"},
		{"mrr_from_arpa negative arpa", second(MRRFromARPA(1, neg)), ErrNegative, "mrr_from_arpa", "arpa"},

		{"arr negative", second(ARR(neg)), ErrNegative, "arr", "mrr"},

		{"net_new_mrr negative new", second(NetNewMRR(Movements{New: neg})), ErrNegative, "net_new_mrr", "new"},
		{"net_new_mrr negative expansion", second(NetNewMRR(Movements{Expansion: neg})), ErrNegative, "net_new_mrr", "expansion"},
		{"net_new_mrr negative reactivation", second(NetNewMRR(Movements{Reactivation: neg})), ErrNegative, "net_new_mrr", "reactivation"},
		{"net_new_mrr negative contraction", second(NetNewMRR(Movements{Contraction: neg})), ErrNegative, "net_new_mrr", "contraction"},
		{"net_new_mrr negative churn", second(NetNewMRR(Movements{Churn: neg})), ErrNegative, "net_new_mrr", "churn"},
		{"net_new_mrr currencies", second(NetNewMRR(Movements{New: one, Churn: eur})), ErrCurrencyMismatch, "net_new_mrr", "churn"},

		{"net_new_arr negative new", second(NetNewARR(Movements{New: neg})), ErrNegative, "net_new_arr", "new"},
		{"net_new_arr negative churn", second(NetNewARR(Movements{Churn: neg})), ErrNegative, "net_new_arr", "churn"},
		{"net_new_arr currencies", second(NetNewARR(Movements{New: one, Expansion: eur})), ErrCurrencyMismatch, "net_new_arr", "expansion"},

		{"growth zero previous", second(GrowthRate(Periods{Current: one})), ErrZeroDenominator, "growth_rate", "previous"},
		{"growth zero previous 0.00", second(GrowthRate(Periods{Previous: zeroScaled, Current: one})), ErrZeroDenominator, "growth_rate", "previous"},
		{"growth negative previous", second(GrowthRate(Periods{Previous: neg, Current: one})), ErrNegative, "growth_rate", "previous"},
		{"growth negative current", second(GrowthRate(Periods{Previous: one, Current: neg})), ErrNegative, "growth_rate", "current"},
		{"growth currencies", second(GrowthRate(Periods{Previous: one, Current: eur})), ErrCurrencyMismatch, "growth_rate", "current"},

		{"cmgr zero start", second(CMGR(Periods{Previous: zeroScaled, Current: one}, 3)), ErrZeroDenominator, "cmgr", "previous"},
		{"cmgr negative start", second(CMGR(Periods{Previous: neg, Current: one}, 3)), ErrNegative, "cmgr", "previous"},
		{"cmgr negative end", second(CMGR(Periods{Previous: one, Current: neg}, 3)), ErrNegative, "cmgr", "current"},
		{"cmgr currencies", second(CMGR(Periods{Previous: one, Current: eur}, 3)), ErrCurrencyMismatch, "cmgr", "current"},
		{"cmgr 0 months", second(CMGR(Periods{Previous: one, Current: one}, 0)), ErrOutOfRange, "cmgr", "months"},
		{"cmgr negative months", second(CMGR(Periods{Previous: one, Current: one}, -12)), ErrOutOfRange, "cmgr", "months"},
		{"cmgr too many months", second(CMGR(Periods{Previous: one, Current: usd(t, "2")}, 2000)), ErrOutOfRange, "cmgr", "months"},
		{"cmgr degree above the root's limit", second(CMGR(Periods{Previous: one, Current: usd(t, "2")}, rootMaxN+1)), ErrOutOfRange, "cmgr", "months"},

		{"arpa zero customers", second(ARPA(one, 0)), ErrZeroDenominator, "arpa", "customers"},
		{"arpa negative customers", second(ARPA(one, -1)), ErrNegative, "arpa", "customers"},
		{"arpa negative mrr", second(ARPA(neg, 1)), ErrNegative, "arpa", "mrr"},

		{"arpu zero users", second(ARPU(one, 0)), ErrZeroDenominator, "arpu", "users"},
		{"arpu negative users", second(ARPU(one, -1)), ErrNegative, "arpu", "users"},
		{"arpu negative mrr", second(ARPU(neg, 1)), ErrNegative, "arpu", "mrr"},

		{"acv zero years", second(ACV(one, decimal.Decimal{})), ErrZeroDenominator, "acv", "years"},
		{"acv zero years 0.0", second(ACV(one, d(t, "0.0"))), ErrZeroDenominator, "acv", "years"},
		{"acv negative years", second(ACV(one, d(t, "-1"))), ErrNegative, "acv", "years"},
		{"acv negative value", second(ACV(neg, d(t, "1"))), ErrNegative, "acv", "totalContractValue"},

		{"acv_growth zero previous", second(ACVGrowth(Periods{Current: one})), ErrZeroDenominator, "acv_growth", "previous"},
		{"acv_growth negative previous", second(ACVGrowth(Periods{Previous: neg, Current: one})), ErrNegative, "acv_growth", "previous"},
		{"acv_growth negative current", second(ACVGrowth(Periods{Previous: one, Current: neg})), ErrNegative, "acv_growth", "current"},
		{"acv_growth currencies", second(ACVGrowth(Periods{Previous: eur, Current: one})), ErrCurrencyMismatch, "acv_growth", "current"},

		{"net_logo_growth negative new", second(NetLogoGrowth(Customers{New: -1})), ErrNegative, "net_logo_growth", "new"},
		{"net_logo_growth negative churned", second(NetLogoGrowth(Customers{Churned: -1})), ErrNegative, "net_logo_growth", "churned"},

		{"logo_growth_rate negative start", second(LogoGrowthRate(Customers{Start: -1})), ErrNegative, "logo_growth_rate", "start"},
		{"logo_growth_rate negative new", second(LogoGrowthRate(Customers{Start: 1, New: -1})), ErrNegative, "logo_growth_rate", "new"},
		{"logo_growth_rate negative churned", second(LogoGrowthRate(Customers{Start: 1, Churned: -1})), ErrNegative, "logo_growth_rate", "churned"},
		{"logo_growth_rate zero start", second(LogoGrowthRate(Customers{New: 3})), ErrZeroDenominator, "logo_growth_rate", "start"},
		{"logo_growth_rate churned above start", second(LogoGrowthRate(Customers{Start: 5, New: 10, Churned: 6})), ErrOutOfRange, "logo_growth_rate", "churned"},
	})
}

// genMoney draws a non-negative USD amount (see genAmount).
func genMoney(t *rapid.T, label string) Money { return usdDec(t, genAmount(t, label)) }

// genPositiveMoney draws a positive USD amount.
func genPositiveMoney(t *rapid.T, label string) Money {
	return usdDec(t, genAmount(t, label).Add(decimal.New(1, -4)))
}

// growth: previous × (1 + g) = current, exactly.
func TestRevenueGrowthProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		prev, cur := genPositiveMoney(t, "previous"), genMoney(t, "current")
		for _, f := range []func(Periods) (Ratio, error){GrowthRate, ACVGrowth} {
			g, err := f(Periods{Previous: prev, Current: cur})
			if err != nil {
				t.Fatal(err)
			}
			back := ratDec(t, prev.Amount()).Mul(RatioFromInt(1).Add(g))
			if !back.Equal(ratDec(t, cur.Amount())) {
				t.Fatalf("%v × (1 + %v) = %v, want %v", prev, g, back, cur)
			}
			if g.cmpDecimal(decimal.New(-1, 0)) < 0 {
				t.Fatalf("growth %v below −100%%", g)
			}
		}
	})
}

// ARR = 12 × MRR exactly: ARR equals the sum of twelve months of MRR.
func TestRevenueARRProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mrr := genMoney(t, "mrr")
		months := make([]Money, 12)
		for i := range months {
			months[i] = mrr
		}
		want, err := MRRSum(months...)
		if err != nil {
			t.Fatal(err)
		}
		arr, err := ARR(mrr)
		if err != nil || !arr.Equal(want) {
			t.Fatalf("ARR(%v) = %v, %v; want %v", mrr, arr, err, want)
		}
	})
}

// revenueWaterfall draws customers with a start and an end MRR and classifies
// each change as ChartMogul does (MRR movements, article 201244842): from 0
// to positive is new business (or reactivation, for a former customer),
// positive to 0 churn, up expansion, down contraction.
func revenueWaterfall(t *rapid.T) (starts, ends []Money, newM, exp, react, contr, churn Money) {
	n := rapid.IntRange(0, 12).Draw(t, "customers")
	zero := whole(t, 0, "USD")
	newM, exp, react, contr, churn = zero, zero, zero, zero, zero
	add := func(a *Money, m Money) {
		s, err := a.Add(m)
		if err != nil {
			t.Fatal(err)
		}
		*a = s
	}
	for range n {
		s, e := genMoney(t, "start"), genMoney(t, "end")
		if rapid.IntRange(0, 3).Draw(t, "zero-start") == 0 {
			s = Money{}
		}
		if rapid.IntRange(0, 3).Draw(t, "zero-end") == 0 {
			e = usdDec(t, decimal.Decimal{})
		}
		starts, ends = append(starts, s), append(ends, e)
		diff := e.Amount().Sub(s.Amount())
		switch {
		case s.IsZero() && !e.IsZero():
			if rapid.Bool().Draw(t, "former-customer") {
				add(&react, e)
			} else {
				add(&newM, e)
			}
		case !s.IsZero() && e.IsZero():
			add(&churn, s)
		case diff.Sign() > 0:
			add(&exp, usdDec(t, diff))
		case diff.Sign() < 0:
			add(&contr, usdDec(t, diff.Neg()))
		}
	}
	return starts, ends, newM, exp, react, contr, churn
}

// Net new MRR: start MRR + net new MRR = end MRR for a generated waterfall,
// and net new ARR is 12 × (end − start).
func TestRevenueNetNewProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		starts, ends, newM, exp, react, contr, churn := revenueWaterfall(t)
		start, err1 := MRRSum(starts...)
		end, err2 := MRRSum(ends...)
		nn, err3 := NetNewMRR(Movements{New: newM, Expansion: exp, Reactivation: react, Contraction: contr, Churn: churn})
		nnARR, err4 := NetNewARR(Movements{New: newM, Expansion: exp, Reactivation: react, Contraction: contr, Churn: churn})
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		if sum, err := start.Add(nn); err != nil || sum.Amount().Cmp(end.Amount()) != 0 {
			t.Fatalf("start %v + net new %v = %v, want end %v", start, nn, sum, end)
		}
		if want := end.Amount().Sub(start.Amount()).Mul(decimal.New(12, 0)); !nnARR.Amount().Equal(want) {
			t.Fatalf("net new ARR %v, want 12 × (end − start) = %s", nnARR, dec.Format(want, 0))
		}
	})
}

// CMGR is correctly rounded: with c the result and h half a unit of the 12th
// place, (1 + c − h)^n ≤ end ÷ start ≤ (1 + c + h)^n, checked with exact
// Ratio powers; and c has at most 12 places.
func TestRevenueCMGRProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := usdDec(t, decimal.New(rapid.Int64Range(1, 1e6).Draw(t, "start"), -2))
		end := usdDec(t, decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "end"), -2))
		months := rapid.Int64Range(1, 12).Draw(t, "months")
		c, err := CMGR(Periods{Previous: start, Current: end}, months)
		if err != nil {
			t.Fatal(err)
		}
		cd := c.Decimal(Context{})
		if !ratDec(t, cd).Equal(c) || cd.Exponent() < -DefaultScale {
			t.Fatalf("CMGR %v has more than 12 places", c)
		}
		target, err := end.Ratio(start)
		if err != nil {
			t.Fatal(err)
		}
		h := ratDec(t, decimal.New(5, -13))
		base := RatioFromInt(1).Add(c)
		lo, hi := base.Sub(h), base.Add(h)
		if lo.Sign() > 0 && retentionPow(lo, months).Cmp(target) > 0 {
			t.Fatalf("CMGR(Periods{Previous: %v, Current: %v}, %d) = %v too large", start, end, months, c)
		}
		if retentionPow(hi, months).Cmp(target) < 0 {
			t.Fatalf("CMGR(Periods{Previous: %v, Current: %v}, %d) = %v too small", start, end, months, c)
		}
	})
}

// ARPA undoes MRRFromARPA for an ARPA with at most 12 decimals, and
// LogoGrowthRate × start = NetLogoGrowth.
func TestRevenueInverseProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		arpa := genMoney(t, "arpa")
		n := rapid.Int64Range(1, 1e6).Draw(t, "customers")
		mrr, err := MRRFromARPA(n, arpa)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ARPA(mrr, n)
		if err != nil || !back.Equal(arpa) {
			t.Fatalf("ARPA(MRRFromARPA(%d, %v)) = %v, %v", n, arpa, back, err)
		}
		start := rapid.Int64Range(1, 1e6).Draw(t, "start")
		churned := rapid.Int64Range(0, start).Draw(t, "churned")
		newLogos := rapid.Int64Range(0, 1e6).Draw(t, "new")
		rate, err1 := LogoGrowthRate(Customers{Start: start, New: newLogos, Churned: churned})
		net, err2 := NetLogoGrowth(Customers{New: newLogos, Churned: churned})
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if !rate.MulInt(start).Equal(ratDec(t, net.Value())) {
			t.Fatalf("logo growth %v × %d ≠ net %v", rate, start, net)
		}
	})
}
