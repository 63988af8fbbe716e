package metrics

import (
	"errors"
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Money-valued worked and published examples, exact to the digit.
func TestEconomicsMoneyExamples(t *testing.T) {
	life, err := CustomerLifetimeMonths(pctR(t, "5"))
	if err != nil {
		t.Fatal(err)
	}
	third, err := NewRatio(3, 7)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  econResult[Money]
		want Money
	}{
		// The task's worked example: ARPA 30,000 a year, gross margin 80%,
		// revenue churn 10% a year → 30,000 × 0.8 ÷ 0.1 = 240,000.
		{"ltv gross margin worked example", econPair(LTVGrossMargin(UnitEconomics{ARPA: usd(t, "30000"), GrossMargin: pctR(t, "80"), Churn: pctR(t, "10")})), usd(t, "240000")},
		{"ltv gross margin, scaled inputs", econPair(LTVGrossMargin(UnitEconomics{ARPA: usd(t, "30000.00"), GrossMargin: pctR(t, "80.0"), Churn: rat(t, "0.10")})), usd(t, "240000")},
		// ChartMogul (help.chartmogul.com/hc/en-us/articles/203359061): "if your
		// ARPA is $100 and your monthly customer churn rate is 5%, your LTV will
		// be $2000".
		{"ltv chartmogul", econPair(LTV(usd(t, "100"), pctR(t, "5"))), usd(t, "2000")},
		// The same customer by ARPA × lifetime: 1 ÷ 5% = 20 months, × 100.
		{"ltv simple = ARPA × 1/churn", econPair(LTVSimple(usd(t, "100"), life)), usd(t, "2000")},
		{"ltv one third churn rounds once", econPair(LTV(usd(t, "1"), third)), usd(t, "2.333333333333")},
		{"ltv zero ARPA", econPair(LTV(usdDec(t, decimal.Decimal{}), pctR(t, "5"))), usd(t, "0")},
		// CAC = (60,000 + 40,000) ÷ 50 = 2,000.
		{"cac", econPair(CAC(usd(t, "60000"), usd(t, "40000.00"), 50)), usd(t, "2000")},
		{"cac zero Money sales, rounds once", econPair(CAC(Money{}, usd(t, "100"), 3)), usd(t, "33.333333333333")},
		{"burn rate", econPair(BurnRate(Periods{Previous: usd(t, "1000000"), Current: usd(t, "700000")}, 3)), usd(t, "100000")},
		{"burn rate negative when cash grew", econPair(BurnRate(Periods{Previous: usd(t, "100"), Current: usd(t, "130")}, 3)), usd(t, "-10")},
		{"cost per customer", econPair(CostPerCustomer(usd(t, "1000"), 3)), usd(t, "333.333333333333")},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
	}
}

// econResult is a (value, error) pair, so table tests can hold a call's
// result and check its error in the loop.
type econResult[T any] struct {
	v   T
	err error
}

// econPair packs a (value, error) pair for a table test.
func econPair[T any](v T, err error) econResult[T] { return econResult[T]{v, err} }

// Ratio-valued examples, with the band each falls in where the definition
// has bands.
func TestEconomicsRatioExamples(t *testing.T) {
	dict := dictionary(t)
	tests := []struct {
		name, id string
		got      econResult[Ratio]
		want     Ratio
		band     string
	}{
		// LTV 240,000 on CAC 80,000: 3x, the usual target (good band).
		{"ltv:cac at target", "ltv_cac", econPair(LTVToCAC(UnitEconomics{LTV: usd(t, "240000"), CAC: usd(t, "80000")})), RatioFromInt(3), "good"},
		// ChartMogul's LTV example: LTV $100 against CAC $50.
		{"ltv:cac chartmogul", "ltv_cac", econPair(LTVToCAC(UnitEconomics{LTV: usd(t, "100"), CAC: usd(t, "50")})), RatioFromInt(2), "warning"},
		{"ltv:cac 0.5x", "ltv_cac", econPair(LTVToCAC(UnitEconomics{LTV: usd(t, "50"), CAC: usd(t, "100")})), rat(t, "0.5"), "critical"},
		{"ltv:cac 8x", "ltv_cac", econPair(LTVToCAC(UnitEconomics{LTV: usd(t, "800"), CAC: usd(t, "100")})), RatioFromInt(8), "excellent"},
		// bigdelta.com magic number: $60,000 net new ARR on $40,000 prior spend → 1.5.
		{"magic number bigdelta", "magic_number", econPair(MagicNumber(Efficiency{NetNewARR: usd(t, "60000"), SalesMarketing: usd(t, "40000")})), rat(t, "1.5"), "efficient"},
		// Seed 000: efficient *above* 0.75, so 0.75 itself is workable.
		{"magic number at 0.75", "magic_number", econPair(MagicNumber(Efficiency{NetNewARR: usd(t, "75"), SalesMarketing: usd(t, "100")})), rat(t, "0.75"), "workable"},
		{"magic number just above 0.75", "magic_number", econPair(MagicNumber(Efficiency{NetNewARR: usd(t, "75.01"), SalesMarketing: usd(t, "100")})), rat(t, "0.7501"), "efficient"},
		{"magic number negative", "magic_number", econPair(MagicNumber(Efficiency{NetNewARR: usd(t, "-10"), SalesMarketing: usd(t, "100")})), rat(t, "-0.1"), "fix first"},
		// pitchkit.net: new 20k, expansion 8k, churn 5k, contraction 3k → 3.5.
		{"quick ratio pitchkit", "quick_ratio", econPair(QuickRatio(Movements{New: usd(t, "20000"), Expansion: usd(t, "8000"), Churn: usd(t, "5000"), Contraction: usd(t, "3000")})), rat(t, "3.5"), "growing"},
		// cust.co: 2M new + 500K expansion over 300K churn + 200K contraction → 5.0.
		{"quick ratio cust.co", "quick_ratio", econPair(QuickRatio(Movements{New: usd(t, "2000000"), Expansion: usd(t, "500000"), Reactivation: usd(t, "0"), Churn: usd(t, "300000"), Contraction: usd(t, "200000")})), RatioFromInt(5), "efficient"},
		// winsabove.com: company A burns 4M and adds 5M net new ARR → 0.8x;
		// company B burns 12M for the same 5M → 2.4x.
		{"burn multiple company A", "burn_multiple", econPair(BurnMultiple(Efficiency{NetBurn: usd(t, "4000000"), NetNewARR: usd(t, "5000000")})), rat(t, "0.8"), "amazing"},
		{"burn multiple company B", "burn_multiple", econPair(BurnMultiple(Efficiency{NetBurn: usd(t, "12000000"), NetNewARR: usd(t, "5000000")})), rat(t, "2.4"), "suspect"},
		// deckmetric.com: 4.8M burned a year, 3.2M net new ARR → 1.5x.
		{"burn multiple deckmetric", "burn_multiple", econPair(BurnMultiple(Efficiency{NetBurn: usd(t, "4800000"), NetNewARR: usd(t, "3200000")})), rat(t, "1.5"), "good"},
		{"burn multiple zero burn", "burn_multiple", econPair(BurnMultiple(Efficiency{NetNewARR: usd(t, "10")})), Ratio{}, "amazing"},
		{"gross margin", "gross_margin", econPair(GrossMargin(Income{Revenue: usd(t, "100"), COGS: usd(t, "20")})), pctR(t, "80"), ""},
		{"gross margin negative", "gross_margin", econPair(GrossMargin(Income{Revenue: usd(t, "100"), COGS: usd(t, "150")})), pctR(t, "-50"), ""},
		{"campaign roi", "campaign_roi", econPair(CampaignROI(Campaign{Revenue: usd(t, "5000"), Cost: usd(t, "2000")})), pctR(t, "150"), ""},
		{"campaign roi loss", "campaign_roi", econPair(CampaignROI(Campaign{Cost: usd(t, "2000")})), pctR(t, "-100"), ""},
		{"rule of 40 passes", "rule_of_40", econPair(RuleOf40(pctR(t, "30"), pctR(t, "15"))), pctR(t, "45"), "meets rule"},
		{"rule of 40 exactly 40", "rule_of_40", econPair(RuleOf40(pctR(t, "60"), pctR(t, "-20"))), pctR(t, "40"), "meets rule"},
		{"rule of 40 fails", "rule_of_40", econPair(RuleOf40(pctR(t, "20"), pctR(t, "10"))), pctR(t, "30"), "below 40"},
	}
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
		if tc.band == "" {
			continue
		}
		def, ok := dict.Lookup(tc.id)
		if !ok {
			t.Fatalf("%s: no definition %q", tc.name, tc.id)
		}
		b, err := def.Classify(tc.got.v)
		if err != nil || b.Name != tc.band {
			t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.band)
		}
	}
}

func TestEconomicsQuantityExamples(t *testing.T) {
	tests := []struct {
		name string
		got  econResult[Quantity]
		want Quantity
		band string
	}{
		{"lifetime 5% monthly", econPair(CustomerLifetimeMonths(pctR(t, "5"))), qty(t, "20", UnitMonths), ""},
		{"lifetime 3% monthly rounds once", econPair(CustomerLifetimeMonths(pctR(t, "3"))), qty(t, "33.333333333333", UnitMonths), ""},
		{"lifetime 100%", econPair(CustomerLifetimeMonths(pctR(t, "100"))), qty(t, "1", UnitMonths), ""},
		// CAC 2,400 repaid by 250 a month at 80% margin (200 a month): 12 months.
		{"payback 12 months", econPair(CACPaybackMonths(UnitEconomics{CAC: usd(t, "2400"), ARPA: usd(t, "250"), GrossMargin: pctR(t, "80")})), qty(t, "12", UnitMonths), "watch"},
		{"payback 2/3 month", econPair(CACPaybackMonths(UnitEconomics{CAC: usd(t, "100"), ARPA: usd(t, "150.00"), GrossMargin: pctR(t, "100")})), qty(t, "0.666666666667", UnitMonths), "healthy"},
		{"payback 30 months", econPair(CACPaybackMonths(UnitEconomics{CAC: usd(t, "6000"), ARPA: usd(t, "250"), GrossMargin: pctR(t, "80")})), qty(t, "30", UnitMonths), "trouble"},
		{"runway", econPair(RunwayMonths(BalanceSheet{Cash: usd(t, "1200000")}, usd(t, "100000"))), qty(t, "12", UnitMonths), ""},
		{"runway no cash", econPair(RunwayMonths(BalanceSheet{}, usd(t, "100000"))), qtyDec(t, decimal.Decimal{}, UnitMonths), ""},
	}
	dict := dictionary(t)
	payback, _ := dict.Lookup("cac_payback")
	for _, tc := range tests {
		if tc.got.err != nil {
			t.Errorf("%s: %v", tc.name, tc.got.err)
			continue
		}
		if !tc.got.v.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got.v, tc.want)
		}
		if tc.band != "" {
			b, err := payback.Classify(tc.got.v)
			if err != nil || b.Name != tc.band {
				t.Errorf("%s: band %q, %v; want %q", tc.name, b.Name, err, tc.band)
			}
		}
	}
}

func TestCACByChannel(t *testing.T) {
	got, err := CACByChannel([]ChannelSpend{
		{Channel: "paid", Spend: usd(t, "10000"), NewCustomers: 20},
		{Channel: "organic", Spend: usd(t, "2000.00"), NewCustomers: 10},
		{Channel: "events", Spend: Money{}, NewCustomers: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Blended is Σ spend ÷ Σ customers = 12,000 ÷ 33, not the mean of the
	// channel CACs (500, 200, 0 → 233.33).
	want := CACBreakdown{
		Channels: []ChannelCAC{
			{Channel: "paid", CAC: usd(t, "500")},
			{Channel: "organic", CAC: usd(t, "200")},
			{Channel: "events", CAC: usd(t, "0")},
		},
		Blended: usd(t, "363.636363636364"),
	}
	if len(got.Channels) != len(want.Channels) {
		t.Fatalf("CACByChannel: %d channels, want %d", len(got.Channels), len(want.Channels))
	}
	for i, w := range want.Channels {
		if g := got.Channels[i]; g.Channel != w.Channel || !g.CAC.Equal(w.CAC) {
			t.Errorf("channel %d: got %s %v, want %s %v", i, g.Channel, g.CAC, w.Channel, w.CAC)
		}
	}
	if !got.Blended.Equal(want.Blended) {
		t.Errorf("blended: got %v, want %v", got.Blended, want.Blended)
	}
}

// econCheckErr asserts that err matches want and is a *MetricError naming
// the metric id.
func econCheckErr(t *testing.T, name string, err, want error, id string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", name, err, want)
		return
	}
	var me *MetricError
	if !errors.As(err, &me) || me.Metric != id {
		t.Errorf("%s: error %v is not a *MetricError for %q", name, err, id)
	}
}

func TestEconomicsErrors(t *testing.T) {
	zero := Money{}
	eur := whole(t, 1, "EUR")
	neg := usd(t, "-1")
	ten := usd(t, "10")
	usd0 := usd(t, "0") // a real zero, in a currency
	half := pctR(t, "50")
	tests := []struct {
		name, id string
		err      error
		want     error
	}{
		{"cac no customers", "cac", second(CAC(ten, ten, 0)), ErrZeroDenominator},
		{"cac negative customers", "cac", second(CAC(ten, ten, -1)), ErrNegative},
		{"cac negative spend", "cac", second(CAC(neg, ten, 1)), ErrNegative},
		{"cac currency", "cac", second(CAC(ten, eur, 1)), ErrCurrencyMismatch},

		{"channel empty list", "cac_by_channel", second(CACByChannel(nil)), ErrEmpty},
		{"channel no name", "cac_by_channel", second(CACByChannel([]ChannelSpend{{Spend: ten, NewCustomers: 1}})), ErrMissing},
		{"channel duplicate", "cac_by_channel", second(CACByChannel([]ChannelSpend{{"a", ten, 1}, {"a", ten, 2}})), ErrDuplicate},
		{"channel negative spend", "cac_by_channel", second(CACByChannel([]ChannelSpend{{"a", neg, 1}})), ErrNegative},
		{"channel negative customers", "cac_by_channel", second(CACByChannel([]ChannelSpend{{"a", ten, -1}})), ErrNegative},
		{"channel no customers", "cac_by_channel", second(CACByChannel([]ChannelSpend{{"a", ten, 1}, {"b", ten, 0}})), ErrZeroDenominator},
		{"channel currency", "cac_by_channel", second(CACByChannel([]ChannelSpend{{"a", ten, 1}, {"b", eur, 1}})), ErrCurrencyMismatch},

		{"lifetime zero churn", "customer_lifetime", second(CustomerLifetimeMonths(Ratio{})), ErrZeroDenominator},
		{"lifetime churn > 1", "customer_lifetime", second(CustomerLifetimeMonths(pctR(t, "101"))), ErrOutOfRange},
		{"lifetime churn < 0", "customer_lifetime", second(CustomerLifetimeMonths(pctR(t, "-1"))), ErrOutOfRange},

		{"ltv simple negative arpa", "ltv_simple", second(LTVSimple(neg, qty(t, "3", UnitMonths))), ErrNegative},
		{"ltv simple days not months", "ltv_simple", second(LTVSimple(ten, qty(t, "3", UnitDays))), ErrUnitMismatch},
		{"ltv simple negative lifetime", "ltv_simple", second(LTVSimple(ten, qty(t, "-3", UnitMonths))), ErrNegative},

		{"ltv zero churn", "ltv", second(LTV(ten, Ratio{})), ErrZeroDenominator},
		{"ltv zero churn scaled", "ltv", second(LTV(ten, rat(t, "0.00"))), ErrZeroDenominator},
		{"ltv churn > 1", "ltv", second(LTV(ten, pctR(t, "150"))), ErrOutOfRange},
		{"ltv negative churn", "ltv", second(LTV(ten, pctR(t, "-5"))), ErrOutOfRange},
		{"ltv negative arpa", "ltv", second(LTV(neg, half)), ErrNegative},

		{"ltv gm zero churn", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{ARPA: ten, GrossMargin: half, Churn: Ratio{}})), ErrZeroDenominator},
		{"ltv gm margin > 1", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{ARPA: ten, GrossMargin: pctR(t, "120"), Churn: half})), ErrOutOfRange},
		{"ltv gm margin < 0", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{ARPA: ten, GrossMargin: pctR(t, "-1"), Churn: half})), ErrOutOfRange},
		{"ltv gm churn > 1", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{ARPA: ten, GrossMargin: half, Churn: pctR(t, "101")})), ErrOutOfRange},
		{"ltv gm negative arpa", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{ARPA: neg, GrossMargin: half, Churn: half})), ErrNegative},

		{"ltv:cac zero cac", "ltv_cac", second(LTVToCAC(UnitEconomics{LTV: ten, CAC: usd0})), ErrZeroDenominator},
		// A field left as the zero Money is forgotten, not zero: LTVToCAC
		// without LTV once answered 0x.
		{"ltv:cac unset ltv", "ltv_cac", second(LTVToCAC(UnitEconomics{CAC: ten})), ErrMissing},
		{"ltv:cac unset cac", "ltv_cac", second(LTVToCAC(UnitEconomics{LTV: ten})), ErrMissing},
		{"payback unset cac", "cac_payback", second(CACPaybackMonths(UnitEconomics{ARPA: ten, GrossMargin: half})), ErrMissing},
		{"payback unset arpa", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: ten, GrossMargin: half})), ErrMissing},
		{"ltv gm unset arpa", "ltv_gross_margin", second(LTVGrossMargin(UnitEconomics{GrossMargin: half, Churn: half})), ErrMissing},
		{"ltv:cac negative ltv", "ltv_cac", second(LTVToCAC(UnitEconomics{LTV: neg, CAC: ten})), ErrNegative},
		{"ltv:cac currency", "ltv_cac", second(LTVToCAC(UnitEconomics{LTV: ten, CAC: eur})), ErrCurrencyMismatch},

		{"payback zero arpa", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: ten, ARPA: usd0, GrossMargin: half})), ErrZeroDenominator},
		{"payback zero margin", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: ten, ARPA: ten, GrossMargin: Ratio{}})), ErrZeroDenominator},
		{"payback margin > 1", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: ten, ARPA: ten, GrossMargin: pctR(t, "101")})), ErrOutOfRange},
		{"payback negative cac", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: neg, ARPA: ten, GrossMargin: half})), ErrNegative},
		{"payback currency", "cac_payback", second(CACPaybackMonths(UnitEconomics{CAC: ten, ARPA: eur, GrossMargin: half})), ErrCurrencyMismatch},

		{"magic zero spend", "magic_number", second(MagicNumber(Efficiency{NetNewARR: ten})), ErrZeroDenominator},
		{"magic negative spend", "magic_number", second(MagicNumber(Efficiency{NetNewARR: ten, SalesMarketing: neg})), ErrNegative},
		{"magic currency", "magic_number", second(MagicNumber(Efficiency{NetNewARR: usd(t, "-5"), SalesMarketing: eur})), ErrCurrencyMismatch},

		{"quick no losses", "quick_ratio", second(QuickRatio(Movements{New: ten, Expansion: ten, Reactivation: ten, Contraction: usd(t, "0.0")})), ErrZeroDenominator},
		{"quick negative", "quick_ratio", second(QuickRatio(Movements{New: ten, Expansion: ten, Reactivation: neg, Churn: ten, Contraction: ten})), ErrNegative},
		{"quick currency", "quick_ratio", second(QuickRatio(Movements{New: ten, Expansion: ten, Churn: eur, Contraction: ten})), ErrCurrencyMismatch},

		{"burn multiple zero arr", "burn_multiple", second(BurnMultiple(Efficiency{NetBurn: ten})), ErrZeroDenominator},
		{"burn multiple negative arr", "burn_multiple", second(BurnMultiple(Efficiency{NetBurn: ten, NetNewARR: neg})), ErrOutOfRange},
		{"burn multiple negative burn", "burn_multiple", second(BurnMultiple(Efficiency{NetBurn: neg, NetNewARR: ten})), ErrNegative},
		{"burn multiple currency", "burn_multiple", second(BurnMultiple(Efficiency{NetBurn: ten, NetNewARR: eur})), ErrCurrencyMismatch},

		{"burn rate zero months", "burn_rate", second(BurnRate(Periods{Previous: ten, Current: ten}, 0)), ErrZeroDenominator},
		{"burn rate negative months", "burn_rate", second(BurnRate(Periods{Previous: ten, Current: ten}, -2)), ErrNegative},
		{"burn rate negative cash", "burn_rate", second(BurnRate(Periods{Previous: ten, Current: neg}, 1)), ErrNegative},
		{"burn rate currency", "burn_rate", second(BurnRate(Periods{Previous: ten, Current: eur}, 1)), ErrCurrencyMismatch},

		{"runway zero burn", "runway", second(RunwayMonths(BalanceSheet{Cash: ten}, zero)), ErrOutOfRange},
		{"runway cash-generating", "runway", second(RunwayMonths(BalanceSheet{Cash: ten}, neg)), ErrOutOfRange},
		{"runway negative cash", "runway", second(RunwayMonths(BalanceSheet{Cash: neg}, ten)), ErrNegative},
		{"runway currency", "runway", second(RunwayMonths(BalanceSheet{Cash: ten}, eur)), ErrCurrencyMismatch},

		{"gross margin zero revenue", "gross_margin", second(GrossMargin(Income{})), ErrZeroDenominator},
		{"gross margin negative cogs", "gross_margin", second(GrossMargin(Income{Revenue: ten, COGS: neg})), ErrNegative},
		{"gross margin currency", "gross_margin", second(GrossMargin(Income{Revenue: ten, COGS: eur})), ErrCurrencyMismatch},

		{"cost per customer zero", "cost_per_customer", second(CostPerCustomer(ten, 0)), ErrZeroDenominator},
		{"cost per customer negative count", "cost_per_customer", second(CostPerCustomer(ten, -1)), ErrNegative},
		{"cost per customer negative cost", "cost_per_customer", second(CostPerCustomer(neg, 1)), ErrNegative},

		{"roi zero cost", "campaign_roi", second(CampaignROI(Campaign{Revenue: ten})), ErrZeroDenominator},
		{"roi negative revenue", "campaign_roi", second(CampaignROI(Campaign{Revenue: neg, Cost: ten})), ErrNegative},
		{"roi currency", "campaign_roi", second(CampaignROI(Campaign{Revenue: ten, Cost: eur})), ErrCurrencyMismatch},

		{"rule of 40 growth below -100%", "rule_of_40", second(RuleOf40(pctR(t, "-101"), half)), ErrOutOfRange},
		{"rule of 40 margin above 100%", "rule_of_40", second(RuleOf40(half, pctR(t, "100.5"))), ErrOutOfRange},
	}
	for _, tc := range tests {
		econCheckErr(t, tc.name, tc.err, tc.want, tc.id)
	}
	// The channel is named in the error.
	err := second(CACByChannel([]ChannelSpend{{"paid", ten, 1}, {"referral", ten, 0}}))
	var me *MetricError
	if !errors.As(err, &me) || me.Input != `channel "referral": newCustomers` {
		t.Errorf("CACByChannel error %v does not name the channel", err)
	}
}

// Every definition of the family validates, has a unique ID, the family's
// category, and its metric errors use that ID.
func TestEconomicsDefinitions(t *testing.T) {
	econCheckDefinitions(t, economicsDefinitions(), CategoryUnitEconomics)
}

// econCheckDefinitions validates a family's definitions.
func econCheckDefinitions(t *testing.T, defs []Definition, cat Category) {
	t.Helper()
	seen := map[string]bool{}
	funcs := map[string]bool{}
	for _, def := range defs {
		if err := def.Validate(); err != nil {
			t.Errorf("%v", err)
		}
		if def.Category != cat {
			t.Errorf("%s: category %q, want %q", def.ID, def.Category, cat)
		}
		if seen[def.ID] || funcs[def.Func] {
			t.Errorf("%s: duplicate ID or func %s", def.ID, def.Func)
		}
		seen[def.ID], funcs[def.Func] = true, true
	}
	all := dictionary(t)
	for id := range seen {
		if _, ok := all.Lookup(id); !ok {
			t.Errorf("%s: not in dictionary(t)", id)
		}
	}
}

// genPositive draws a positive amount (genAmount + 0.01).
func genPositive(t *rapid.T, label string) decimal.Decimal {
	return genAmount(t, label).Add(decimal.New(1, -2))
}

// genShare draws a share in (0, 1] with up to four decimals (k/10000).
func genShare(t *rapid.T, label string) Ratio {
	return ratDec(t, decimal.New(rapid.Int64Range(1, 10000).Draw(t, label), -4))
}

// LTV strictly decreases as churn rises, for positive ARPA. With ARPA ≥ 0.01
// and churns on a 1/10000 grid, ARPA/c1 − ARPA/c2 ≥ 0.01 × 0.0001 = 1e-6,
// far above the 1e-12 rounding step, so the strict order survives rounding.
func TestLTVDecreasesWithChurn(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		arpa := usdDec(t, genPositive(t, "arpa"))
		c1 := genShare(t, "c1")
		c2 := genShare(t, "c2")
		if c1.Cmp(c2) == 0 {
			t.Skip("equal churns")
		}
		if c1.Cmp(c2) > 0 {
			c1, c2 = c2, c1
		}
		l1, err := LTV(arpa, c1)
		if err != nil {
			t.Fatal(err)
		}
		l2, err := LTV(arpa, c2)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := l1.Cmp(l2); c <= 0 {
			t.Fatalf("LTV(%v, %v) = %v not above LTV(%v, %v) = %v", arpa, c1, l1, arpa, c2, l2)
		}
		// The gross-margin form at 100% margin is the same number.
		g, err := LTVGrossMargin(UnitEconomics{ARPA: arpa, GrossMargin: RatioFromInt(1), Churn: c1})
		if err != nil || !g.Equal(l1) {
			t.Fatalf("LTVGrossMargin at 100%% = %v, %v; want %v", g, err, l1)
		}
	})
}

// LTV:CAC scales inversely with CAC: multiplying CAC by k divides the ratio
// by k, exactly.
func TestLTVToCACInverse(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ltv := usdDec(t, genAmount(t, "ltv"))
		cac := usdDec(t, genPositive(t, "cac"))
		k := rapid.Int64Range(1, 1000).Draw(t, "k")
		r1, err := LTVToCAC(UnitEconomics{LTV: ltv, CAC: cac})
		if err != nil {
			t.Fatal(err)
		}
		rk, err := LTVToCAC(UnitEconomics{LTV: ltv, CAC: cac.MulInt(k)})
		if err != nil {
			t.Fatal(err)
		}
		if !rk.MulInt(k).Equal(r1) {
			t.Fatalf("LTV:CAC(k·cac) × k = %v, want %v", rk.MulInt(k), r1)
		}
	})
}

// The quick ratio is at least 1 exactly when MRR gained ≥ MRR lost.
func TestQuickRatioAtLeastOne(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := func(label string) Money { return usdDec(t, genAmount(t, label)) }
		nw, exp, react, contr := m("new"), m("expansion"), m("reactivation"), m("contraction")
		churn := usdDec(t, genPositive(t, "churn"))
		q, err := QuickRatio(Movements{New: nw, Expansion: exp, Reactivation: react, Churn: churn, Contraction: contr})
		if err != nil {
			t.Fatal(err)
		}
		gained := nw.Amount().Add(exp.Amount()).Add(react.Amount())
		lost := churn.Amount().Add(contr.Amount())
		if (q.cmpDecimal(decimal.New(1, 0)) >= 0) != (gained.Cmp(lost) >= 0) {
			t.Fatalf("quick ratio %v but gained %s, lost %s", q, dec.Format(gained, 0), dec.Format(lost, 0))
		}
	})
}

// payback × ARPA × margin = CAC within the stated rounding: the payback is
// rounded once to 12 places half-even, so the error is at most
// 0.5e-12 × ARPA × margin.
func TestCACPaybackRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cac := usdDec(t, genAmount(t, "cac"))
		arpa := usdDec(t, genPositive(t, "arpa"))
		gm := genShare(t, "gm")
		p, err := CACPaybackMonths(UnitEconomics{CAC: cac, ARPA: arpa, GrossMargin: gm})
		if err != nil {
			t.Fatal(err)
		}
		if p.Unit() != UnitMonths {
			t.Fatalf("unit %v", p.Unit())
		}
		num, den := gm.Fraction()
		// Compare p × ARPA × num with CAC × den, scaling the bound by den too.
		lhs := p.Value().Mul(arpa.Amount()).Mul(num)
		rhs := cac.Amount().Mul(den)
		bound := decimal.New(5, -13).Mul(arpa.Amount()).Mul(num)
		if lhs.Sub(rhs).Abs().Cmp(bound) > 0 {
			t.Fatalf("payback %v × %v × %v misses CAC %v by more than the rounding", p, arpa, gm, cac)
		}
	})
}
