package metrics

// Retention metrics: how much of the revenue and of the customers present at
// the start of a period are still there at its end.

const sourceChartMogulNRR = "ChartMogul, Net MRR Churn Rate and Net Revenue Retention (help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate): NRR excludes new business and reactivation; bands: SaaS Capital and KeyBanc retention surveys as digested in shared/REFERENCES.md"

// NRR is net revenue retention over a period: the share of the starting MRR
// (or ARR) that the same customers pay at the end, counting their expansion:
//
//	NRR = (start + expansion − contraction − churn) ÷ start
//
// New business and reactivated customers are excluded (ChartMogul). All
// inputs are non-negative amounts in one currency (else ErrNegative,
// ErrCurrencyMismatch); a zero start returns ErrZeroDenominator. The result is
// an exact Ratio and may exceed 100%; it is never negative: losses larger than
// start plus expansion return ErrOutOfRange.
func NRR(start, expansion, contraction, churn Money) (Ratio, error) {
	const id = "nrr"
	if _, err := checkMoney(id, arg("start", start), arg("expansion", expansion), arg("contraction", contraction), arg("churn", churn)); err != nil {
		return Ratio{}, err
	}
	end := start.amount.Add(expansion.amount).Sub(contraction.amount).Sub(churn.amount)
	if end.Sign() < 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", end, start.amount)
}

// GRR is gross revenue retention over a period: the share of the starting MRR
// kept, with expansion ignored, so 0 ≤ GRR ≤ 1 and GRR ≤ NRR:
//
//	GRR = (start − contraction − churn) ÷ start
//
// Inputs are non-negative amounts in one currency; a zero start returns
// ErrZeroDenominator; contraction + churn above start returns ErrOutOfRange.
// Source: ChartMogul (as NRR).
func GRR(start, contraction, churn Money) (Ratio, error) {
	const id = "grr"
	if _, err := checkMoney(id, arg("start", start), arg("contraction", contraction), arg("churn", churn)); err != nil {
		return Ratio{}, err
	}
	kept := start.amount.Sub(contraction.amount).Sub(churn.amount)
	if kept.Sign() < 0 {
		return Ratio{}, metricErr(id, "churn", ErrOutOfRange)
	}
	return ratio(id, "start", kept, start.amount)
}

// retentionDefinitions returns the dictionary entries of the retention family.
func retentionDefinitions() []Definition {
	return []Definition{
		{
			ID: "nrr", Name: "Net revenue retention", Category: CategoryRetention,
			Formula: "(start MRR + expansion − contraction − churn) ÷ start MRR; new and reactivation excluded",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "critical", Status: Red, Note: "<90%"},
				{Name: "warning", From: pct(90), Status: Yellow, Note: "90–100%"},
				{Name: "acceptable", From: pct(100), Status: Yellow, Note: "100–110%"},
				{Name: "good", From: pct(110), Status: Green, Note: "110–120%"},
				{Name: "best-in-class", From: pct(120), Status: Green, Note: "120–140%"},
			},
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceChartMogulNRR, Version: 1, Func: "metrics.NRR",
		},
		{
			ID: "grr", Name: "Gross revenue retention", Category: CategoryRetention,
			Formula: "(start MRR − contraction − churn) ÷ start MRR; expansion ignored",
			Unit:    UnitRatio, Display: "percent", Direction: HigherIsBetter,
			Bands: []Band{
				{Name: "critical", Status: Red, Note: "<80%"},
				{Name: "warning", From: pct(80), Status: Yellow, Note: "80–85%"},
				{Name: "acceptable", From: pct(85), Status: Yellow, Note: "85–90%"},
				{Name: "good", From: pct(90), Status: Green, Note: "90–95%"},
				{Name: "best-in-class", From: pct(95), Status: Green, Note: "95–98%"},
			},
			Audiences: []Audience{Board, Leadership}, Signal: Lagging,
			Source: sourceChartMogulNRR, Version: 1, Func: "metrics.GRR",
		},
	}
}
