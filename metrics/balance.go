package metrics

// Balance-sheet ratios: liquidity and leverage, for the board pack next to
// the SaaS metrics.

import "fmt"

const sourceBalanceSheet = "industry convention (corporate-finance textbook definitions, e.g. CFA Institute financial ratio analysis); current-ratio bands: common lender covenant practice (below 1 cannot cover current liabilities)"

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
//	current ratio = current assets ÷ current liabilities
//
// exact. Amounts are non-negative in one currency (ErrNegative,
// ErrCurrencyMismatch); zero liabilities return ErrZeroDenominator.
// Source: industry convention.
func CurrentRatio(currentAssets, currentLiabilities Money) (Ratio, error) {
	return balanceRatio("current_ratio", "currentAssets", currentAssets, "currentLiabilities", currentLiabilities)
}

// AcidTestRatio is the quick ratio of accounting (not the SaaS quick ratio):
// liquidity from the assets that turn into cash fastest,
//
//	acid test = (cash + marketable securities + receivables) ÷ current liabilities
//
// exact. Amounts are non-negative in one currency; zero liabilities return
// ErrZeroDenominator. Source: industry convention.
func AcidTestRatio(cash, marketableSecurities, receivables, currentLiabilities Money) (Ratio, error) {
	const id = "acid_test_ratio"
	if _, err := checkMoney(id, arg("cash", cash), arg("marketableSecurities", marketableSecurities),
		arg("receivables", receivables), arg("currentLiabilities", currentLiabilities)); err != nil {
		return Ratio{}, err
	}
	quick := cash.dec().Add(marketableSecurities.dec()).Add(receivables.dec())
	return ratio(id, "currentLiabilities", quick, currentLiabilities.dec())
}

// DebtToEquity is leverage,
//
//	debt-to-equity = total debt ÷ shareholders' equity
//
// exact. Debt is non-negative; equity must be positive: zero returns
// ErrZeroDenominator and negative equity (a deficit, where the ratio has no
// meaning) ErrOutOfRange. Source: industry convention.
func DebtToEquity(totalDebt, equity Money) (Ratio, error) {
	const id = "debt_to_equity"
	if equity.Sign() < 0 {
		return Ratio{}, metricErr(id, "equity", fmt.Errorf("%w: negative equity %s", ErrOutOfRange, equity))
	}
	return balanceRatio(id, "totalDebt", totalDebt, "equity", equity)
}

// EquityRatio is the share of assets financed by owners,
//
//	equity ratio = shareholders' equity ÷ total assets
//
// exact. Equity may be negative (a deficit gives a negative ratio); total
// assets must be positive (zero: ErrZeroDenominator, negative: ErrNegative).
// Source: industry convention.
func EquityRatio(equity, totalAssets Money) (Ratio, error) {
	const id = "equity_ratio"
	if _, err := checkMoney(id, arg("totalAssets", totalAssets)); err != nil {
		return Ratio{}, err
	}
	if _, err := sameCurrency(equity, totalAssets); err != nil {
		return Ratio{}, metricErr(id, "equity", err)
	}
	return ratio(id, "totalAssets", equity.dec(), totalAssets.dec())
}

// InterestCoverage is how many times operating profit covers interest,
//
//	interest coverage = EBIT ÷ interest expense
//
// exact. EBIT may be negative (a loss gives a negative cover); interest
// expense must be positive (zero: ErrZeroDenominator, negative: ErrNegative).
// Source: industry convention.
func InterestCoverage(ebit, interestExpense Money) (Ratio, error) {
	const id = "interest_coverage"
	if _, err := checkMoney(id, arg("interestExpense", interestExpense)); err != nil {
		return Ratio{}, err
	}
	if _, err := sameCurrency(ebit, interestExpense); err != nil {
		return Ratio{}, metricErr(id, "ebit", err)
	}
	return ratio(id, "interestExpense", ebit.dec(), interestExpense.dec())
}

// balanceDefinitions returns the dictionary entries of the balance-sheet family.
func balanceDefinitions() []Definition {
	def := func(id, name, formula, fn string, dir Direction, bands []Band) Definition {
		return Definition{
			ID: id, Name: name, Category: CategoryBalanceSheet, Formula: formula, Unit: UnitRatio,
			Display: "multiple", Direction: dir, Bands: bands, Audiences: []Audience{Board, Leadership},
			Signal: Lagging, Source: sourceBalanceSheet, Version: 1, Func: fn,
		}
	}
	return []Definition{
		def("current_ratio", "Current ratio", "current assets ÷ current liabilities", "metrics.CurrentRatio", HigherIsBetter, []Band{
			{Name: "cannot cover", Status: Red, Note: "<1x"},
			{Name: "thin", From: num(1, 0), Status: Yellow, Note: "1–1.5x"},
			{Name: "healthy", From: num(15, -1), Status: Green, Note: "≥1.5x"},
		}),
		def("acid_test_ratio", "Acid-test (accounting quick) ratio", "(cash + marketable securities + receivables) ÷ current liabilities",
			"metrics.AcidTestRatio", HigherIsBetter, []Band{
				{Name: "cannot cover", Status: Red, Note: "<1x"},
				{Name: "covers", From: num(1, 0), Status: Green, Note: "≥1x"},
			}),
		def("debt_to_equity", "Debt-to-equity", "total debt ÷ shareholders' equity", "metrics.DebtToEquity", LowerIsBetter, nil),
		def("equity_ratio", "Equity ratio", "shareholders' equity ÷ total assets", "metrics.EquityRatio", HigherIsBetter, nil),
		def("interest_coverage", "Interest coverage", "EBIT ÷ interest expense", "metrics.InterestCoverage", HigherIsBetter, nil),
	}
}
