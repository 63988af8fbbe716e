package metrics

// Summary is the MRR and logo waterfall of one month or of a span of months.
// Amounts are in the ledger's reporting currency. The identities hold exactly:
//
//	Start + New + Expansion + Reactivation + FX − Contraction − Churn = End
//	StartCustomers + NewCustomers + ReactivatedCustomers − ChurnedCustomers = EndCustomers
type Summary struct {
	From, To Month // the months covered; From == To for one month

	Start        Money // MRR at the end of the month before From
	New          Money // MRR of customers in their first paid month (or new again, see Conventions)
	Expansion    Money // increases of retained customers, FX excluded
	Contraction  Money // decreases of retained customers (positive), FX excluded
	Churn        Money // previous MRR of customers who went to 0 (positive)
	Reactivation Money // MRR of returning customers
	FX           Money // effect of exchange-rate changes on retained customers (signed)
	End          Money // MRR in To

	StartCustomers       int64 // paying customers at the start
	NewCustomers         int64
	ReactivatedCustomers int64
	ChurnedCustomers     int64
	EndCustomers         int64 // paying customers in To
	ExpandedCustomers    int64
	ContractedCustomers  int64
	RetainedCustomers    int64 // same native amount as the month before
	InactiveCustomers    int64 // at 0 in a month and the one before, having paid before
	// JoinedAndChurnedCustomers counts churns in the span of customers whose
	// paying stint began (new or reactivated) within the span.
	JoinedAndChurnedCustomers int64
}

// Months returns the summary of every month of the span, in order.
func (l *Ledger) Months() []Summary { return nil }

// Month returns the summary of month m; ErrUnknownMonth outside the span.
func (l *Ledger) Month(m Month) (Summary, error) { return Summary{}, errNotImplemented }

// Span returns the summary of from..to (inclusive): Start of from, the sums of
// the movements and logo counts, End of to. ErrUnknownMonth when either lies
// outside the span or from is after to.
func (l *Ledger) Span(from, to Month) (Summary, error) { return Summary{}, errNotImplemented }

// Quarter returns the summary of quarter q, clipped to the span.
func (l *Ledger) Quarter(q Quarter) (Summary, error) { return Summary{}, errNotImplemented }

// Year returns the summary of calendar year y, clipped to the span.
func (l *Ledger) Year(y int) (Summary, error) { return Summary{}, errNotImplemented }

// LTV returns the customer lifetime value at month m.
func (l *Ledger) LTV(m Month) (Money, error) { return Money{}, errNotImplemented }

// ARR returns 12 × End, exactly.
func (s Summary) ARR() Money { return s.End.MulInt(12) }

// Annualized returns the ARR waterfall: every amount × 12, exactly.
func (s Summary) Annualized() Summary { return s }

// NetNew returns End − Start.
func (s Summary) NetNew() Money { return Money{} }

// Growth returns (End − Start) ÷ Start.
func (s Summary) Growth() (Ratio, error) { return Ratio{}, errNotImplemented }

// LogoChurnRate returns churned ÷ customers at the start, per c.
func (s Summary) LogoChurnRate(c Conventions) (Ratio, error) { return Ratio{}, errNotImplemented }

// GrossMRRChurnRate returns (Churn + Contraction) ÷ Start.
func (s Summary) GrossMRRChurnRate() (Ratio, error) { return Ratio{}, errNotImplemented }

// NetMRRChurnRate returns (Churn + Contraction − Expansion − Reactivation) ÷ Start.
func (s Summary) NetMRRChurnRate() (Ratio, error) { return Ratio{}, errNotImplemented }

// NRR returns metrics.NRR of the summary.
func (s Summary) NRR() (Ratio, error) { return Ratio{}, errNotImplemented }

// GRR returns metrics.GRR of the summary.
func (s Summary) GRR() (Ratio, error) { return Ratio{}, errNotImplemented }

// QuickRatio returns (New + Expansion + Reactivation) ÷ (Contraction + Churn).
func (s Summary) QuickRatio() (Ratio, error) { return Ratio{}, errNotImplemented }

// ARPA returns End ÷ EndCustomers.
func (s Summary) ARPA() (Money, error) { return Money{}, errNotImplemented }
