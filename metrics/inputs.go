package metrics

// The inputs of the metric functions that take several amounts of one type:
// each is a struct with named fields, so that two amounts can never be passed
// in each other's place.

// Movements are the MRR movements of one period: the starting MRR and what
// moved it. Every amount is non-negative (Contraction and Churn are the sizes
// of the losses) and all share one currency; the end of the period is
// Start + New + Expansion + Reactivation − Contraction − Churn. NRR, GRR, the
// MRR churn rates, the quick ratio, net new MRR and the expansion rate all
// read it; mrr.Summary holds one per month or span.
type Movements struct {
	Start        Money // MRR at the start of the period
	New          Money // MRR of customers new in the period
	Expansion    Money // increases of customers paying at the start
	Contraction  Money // decreases of customers paying at the start (positive)
	Churn        Money // MRR of customers lost in the period (positive)
	Reactivation Money // MRR of returning customers
}

// Periods is one amount at two points in time: the base and the amount
// compared with it (last month's and this month's MRR, cash at the start and
// at the end of a period).
type Periods struct {
	Previous Money // the earlier amount, the base of a growth rate
	Current  Money // the later amount
}

// Customers counts the customers (logos) of one period, as the logo
// waterfall Start + New − Churned = End (reactivated customers counted as
// New, churned ones excluding any who joined and churned within the period
// when a churn rate follows ChartMogul).
type Customers struct {
	Start   int64 // paying customers at the start
	New     int64 // customers gained in the period
	Churned int64 // customers lost in the period
	End     int64 // paying customers at the end
}

// Goal is an outcome and the target it is measured against.
type Goal struct {
	Actual Money // what was achieved
	Target Money // what was planned
}

// UnitEconomics are the per-customer figures of customer lifetime value and
// acquisition cost. Each function documents the fields it reads.
type UnitEconomics struct {
	ARPA        Money // monthly average revenue per account
	GrossMargin Ratio // gross margin, in (0, 1]
	Churn       Ratio // monthly revenue (or customer) churn rate, in (0, 1]
	CAC         Money // customer acquisition cost
	LTV         Money // customer lifetime value
}

// Efficiency relates growth to what it cost: net new ARR against sales and
// marketing spend (the magic number) and against cash burnt (the burn
// multiple).
type Efficiency struct {
	NetNewARR      Money // net new ARR of the period (may be negative)
	SalesMarketing Money // sales and marketing spend of the period before
	NetBurn        Money // net cash burnt in the period
}

// Income holds income-statement figures of one period.
type Income struct {
	Revenue         Money // revenue
	COGS            Money // cost of goods sold
	EBIT            Money // earnings before interest and taxes (may be negative)
	InterestExpense Money // interest expense
}

// BalanceSheet holds balance-sheet figures at one date.
type BalanceSheet struct {
	Cash                 Money // cash and equivalents
	MarketableSecurities Money // short-term marketable securities
	Receivables          Money // accounts receivable
	CurrentAssets        Money // all current assets
	TotalAssets          Money // all assets
	CurrentLiabilities   Money // liabilities due within a year
	TotalDebt            Money // short- and long-term debt
	Equity               Money // shareholders' equity (may be negative)
}

// Campaign is a marketing campaign's cost and the revenue attributed to it.
type Campaign struct {
	Revenue Money // revenue attributed to the campaign
	Cost    Money // what the campaign cost
}

// NPSCounts are the answers of a Net Promoter Score survey, by group.
type NPSCounts struct {
	Promoters  int64 // answers of 9 or 10
	Passives   int64 // answers of 7 or 8
	Detractors int64 // answers of 0 to 6
}
