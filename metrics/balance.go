package metrics

// Balance-sheet ratios: liquidity and leverage, for the board pack next to
// the SaaS metrics.

import "fmt"

const (
	sourceBalanceSheet = "industry convention (corporate-finance textbook definitions, e.g. CFA Institute financial ratio analysis); current-ratio bands: common lender covenant practice (below 1 cannot cover current liabilities)"
	sourceBalance001   = seed001 + " §Znaczenie wskaźników KPI bilansu (current ratio, quick ratio, debt to equity, equity ratio, interest coverage)"
)

// balanceRatio divides two non-negative amounts of one currency, naming the
// denominator in a zero-denominator error.
func balanceRatio(id, numName string, num Money, denName string, den Money) (Ratio, error) {
	if _, err := checkMoney(id, arg(numName, num), arg(denName, den)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, denName, num.dec(), den.dec())
}

// CurrentRatio is liquidity: whether current assets cover the liabilities
// due within a year,
//
//	current ratio = current assets ÷ current liabilities   (b.CurrentAssets, b.CurrentLiabilities)
//
// exact. Amounts are non-negative in one currency (ErrNegative,
// ErrCurrencyMismatch); zero liabilities return ErrZeroDenominator.
// Source: industry convention.
func CurrentRatio(b BalanceSheet) (Ratio, error) {
	return balanceRatio("current_ratio", "currentAssets", b.CurrentAssets, "currentLiabilities", b.CurrentLiabilities)
}

// AcidTestRatio is the quick ratio of accounting (seed 001's "Quick Ratio";
// not the SaaS quick ratio, QuickRatio): liquidity from the assets that turn
// into cash fastest,
//
//	acid test = (cash + marketable securities + receivables) ÷ current liabilities   (fields of b)
//
// exact. Amounts are non-negative in one currency; zero liabilities return
// ErrZeroDenominator. Source: industry convention.
func AcidTestRatio(b BalanceSheet) (Ratio, error) {
	const id = "acid_test_ratio"
	if _, err := checkMoney(id, arg("cash", b.Cash), arg("marketableSecurities", b.MarketableSecurities),
		arg("receivables", b.Receivables), arg("currentLiabilities", b.CurrentLiabilities)); err != nil {
		return Ratio{}, err
	}
	quick := b.Cash.dec().Add(b.MarketableSecurities.dec()).Add(b.Receivables.dec())
	return ratio(id, "currentLiabilities", quick, b.CurrentLiabilities.dec())
}

// DebtToEquity is leverage,
//
//	debt-to-equity = total debt ÷ shareholders' equity   (b.TotalDebt, b.Equity)
//
// exact. Debt is non-negative; equity must be positive: zero returns
// ErrZeroDenominator and negative equity (a deficit, where the ratio has no
// meaning) ErrOutOfRange. Source: industry convention.
func DebtToEquity(b BalanceSheet) (Ratio, error) {
	const id = "debt_to_equity"
	if b.Equity.Sign() < 0 {
		return Ratio{}, metricErr(id, "equity", fmt.Errorf("%w: negative equity %s", ErrOutOfRange, b.Equity))
	}
	return balanceRatio(id, "totalDebt", b.TotalDebt, "equity", b.Equity)
}

// EquityRatio is the share of assets financed by owners,
//
//	equity ratio = shareholders' equity ÷ total assets   (b.Equity, b.TotalAssets)
//
// exact. Equity may be negative (a deficit gives a negative ratio); total
// assets must be positive (zero: ErrZeroDenominator, negative: ErrNegative).
// Source: industry convention.
func EquityRatio(b BalanceSheet) (Ratio, error) {
	const id = "equity_ratio"
	if _, err := checkMoney(id, arg("totalAssets", b.TotalAssets)); err != nil {
		return Ratio{}, err
	}
	if _, err := checkCurrency(id, arg("totalAssets", b.TotalAssets), arg("equity", b.Equity)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "totalAssets", b.Equity.dec(), b.TotalAssets.dec())
}

// InterestCoverage is how many times operating profit covers interest,
//
//	interest coverage = EBIT ÷ interest expense   (i.EBIT, i.InterestExpense)
//
// exact. EBIT may be negative (a loss gives a negative cover); interest
// expense must be positive (zero: ErrZeroDenominator, negative: ErrNegative).
// Seed 001 words it as covering interest from the revenue generated; the
// standard ratio, computed here, uses operating profit (EBIT). Source:
// industry convention; seed 001.
func InterestCoverage(i Income) (Ratio, error) {
	const id = "interest_coverage"
	if _, err := checkMoney(id, arg("interestExpense", i.InterestExpense)); err != nil {
		return Ratio{}, err
	}
	if _, err := checkCurrency(id, arg("interestExpense", i.InterestExpense), arg("ebit", i.EBIT)); err != nil {
		return Ratio{}, err
	}
	return ratio(id, "interestExpense", i.EBIT.dec(), i.InterestExpense.dec())
}

// balanceDefinitions returns the dictionary entries of the balance-sheet family.
func balanceDefinitions() []Definition {
	differs := map[string]string{
		"acid_test_ratio":   "001 calls it 'Quick Ratio'; the SaaS quick ratio (quick_ratio) is another metric of the same name: MRR gained ÷ MRR lost.",
		"interest_coverage": "001 words it as whether the company can pay the interest on its debt from the revenue it generates; the standard ratio, and the library, divide operating profit (EBIT), since revenue before costs would overstate the cover.",
	}
	def := func(id, name, formula, fn string, dir Direction, bands []Band) Definition {
		return Definition{
			ID: id, Name: name, Category: CategoryBalanceSheet, Formula: formula, Unit: UnitRatio,
			Display: "multiple", Direction: dir, Bands: bands, Audiences: []Audience{AudienceBoard, AudienceLeadership},
			Signal: SignalLagging, Owner: roleCFO, Cadence: CadenceQuarterly,
			Source:  sourceBalance001 + "; " + sourceBalanceSheet + "; " + ocChoice,
			Differs: differs[id], Version: 1, Func: fn,
		}
	}
	return []Definition{
		def("current_ratio", "Current ratio", "current assets ÷ current liabilities", "metrics.CurrentRatio", HigherIsBetter, []Band{
			{Name: "cannot cover", Status: StatusRed, Note: "<1x"},
			{Name: "thin", From: num(1, 0), Status: StatusYellow, Note: "1–1.5x"},
			{Name: "healthy", From: num(15, -1), Status: StatusGreen, Note: "≥1.5x"},
		}),
		def("acid_test_ratio", "Acid-test ratio (accounting quick ratio, 001's Quick Ratio)", "(cash + marketable securities + receivables) ÷ current liabilities",
			"metrics.AcidTestRatio", HigherIsBetter, []Band{
				{Name: "cannot cover", Status: StatusRed, Note: "<1x"},
				{Name: "covers", From: num(1, 0), Status: StatusGreen, Note: "≥1x"},
			}),
		def("debt_to_equity", "Debt-to-equity", "total debt ÷ shareholders' equity", "metrics.DebtToEquity", LowerIsBetter, nil),
		def("equity_ratio", "Equity ratio", "shareholders' equity ÷ total assets", "metrics.EquityRatio", HigherIsBetter, nil),
		def("interest_coverage", "Interest coverage", "EBIT ÷ interest expense", "metrics.InterestCoverage", HigherIsBetter, nil),
	}
}
