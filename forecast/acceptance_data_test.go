package forecast

import (
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The hand-checked pipeline of the acceptance tests: 18 opportunities over
// 2024-Q1 to 2024-Q3, four owners (ana and ben report to maria, cai and dee
// to noah), in USD, "now" being 2024-05-15. It has two overrides (o09 up to
// Commit, o17 out to Omitted), two lost deals (o02, o12), a deal that slipped
// from Q2 to Q3 (o14, in the history), stages whose category disagrees with
// their probability (Proposal at 60% is Pipeline where the thresholds say
// Best Case; Negotiation at 90% is Best Case where they say Commit; Legal at
// 80% is Most Likely where they say Best Case), three expansions (o03, o07,
// o15) and three renewals (o05, o10, o17).

// acceptancePolicy is the stage map (in funnel order) with the default
// thresholds: Prospecting leaves the category to the probability.
func acceptancePolicy() Policy {
	return Policy{Stages: []Stage{
		{Name: "Prospecting"},
		{Name: "Qualification", Category: CategoryPipeline},
		{Name: "Proposal", Category: CategoryPipeline},
		{Name: "Negotiation", Category: CategoryBestCase},
		{Name: "Legal", Category: CategoryMostLikely},
		{Name: "Contract", Category: CategoryCommit},
		{Name: "Closed Won", Category: CategoryClosed},
		{Name: "Closed Lost", Category: CategoryOmitted},
	}}
}

// managerOf maps the owners to their managers.
var managerOf = map[string]string{"ana": "maria", "ben": "maria", "cai": "noah", "dee": "noah"}

// opp builds an opportunity of the acceptance pipeline.
func opp(t fatalfer, id, owner string, typ Type, segment, amount, stage, prob, created, closeDate string, status Status) Opportunity {
	helper(t)
	return Opportunity{
		ID: id, Account: "acct-" + id, Owner: owner, Manager: managerOf[owner], Segment: segment, Type: typ,
		Amount: usd(t, amount), Stage: stage, Probability: rat(t, prob),
		Created: day(t, created), Close: day(t, closeDate), Status: status,
	}
}

// acceptanceOpportunities returns the pipeline's final state.
func acceptanceOpportunities(t fatalfer) []Opportunity {
	helper(t)
	o02 := opp(t, "o02", "ana", TypeNewBusiness, "SMB", "20000", "Closed Lost", "0%", "2024-01-02", "2024-02-01", StatusLost)
	o02.Reason = "price"
	o09 := opp(t, "o09", "ben", TypeNewBusiness, "Mid", "35000", "Qualification", "20%", "2024-04-20", "2024-06-20", StatusOpen)
	o09.Category = CategoryCommit // the rep's call: overrides the stage's Pipeline
	o12 := opp(t, "o12", "dee", TypeNewBusiness, "SMB", "18000", "Closed Lost", "0%", "2024-03-10", "2024-05-05", StatusLost)
	o12.Reason = "competitor"
	o17 := opp(t, "o17", "dee", TypeRenewal, "SMB", "14000", "Contract", "90%", "2024-05-01", "2024-07-31", StatusOpen)
	o17.Category = CategoryOmitted // excluded from the forecast: overrides the stage's Commit
	return []Opportunity{
		// 2024-Q1: all closed.
		opp(t, "o01", "ana", TypeNewBusiness, "SMB", "10000", "Closed Won", "100%", "2023-12-01", "2024-01-15", StatusWon),
		o02,
		opp(t, "o03", "ben", TypeExpansion, "Mid", "30000", "Closed Won", "100%", "2024-01-10", "2024-03-10", StatusWon),
		opp(t, "o04", "cai", TypeNewBusiness, "Ent", "50000", "Closed Won", "100%", "2024-02-01", "2024-03-31", StatusWon),
		opp(t, "o05", "dee", TypeRenewal, "SMB", "15000", "Closed Won", "100%", "2024-03-01", "2024-03-20", StatusWon),
		// 2024-Q2.
		opp(t, "o06", "ana", TypeNewBusiness, "SMB", "40000", "Contract", "90%", "2024-03-15", "2024-06-30", StatusOpen),
		opp(t, "o07", "ana", TypeExpansion, "SMB", "12000", "Negotiation", "90%", "2024-04-01", "2024-05-31", StatusOpen),
		opp(t, "o08", "ben", TypeNewBusiness, "Mid", "25000", "Proposal", "60%", "2024-04-10", "2024-06-15", StatusOpen),
		o09,
		opp(t, "o10", "cai", TypeRenewal, "Ent", "60000", "Closed Won", "100%", "2024-03-01", "2024-04-30", StatusWon),
		opp(t, "o11", "cai", TypeNewBusiness, "Ent", "80000", "Prospecting", "10%", "2024-05-01", "2024-06-28", StatusOpen),
		o12,
		opp(t, "o13", "dee", TypeNewBusiness, "SMB", "22000", "Prospecting", "50%", "2024-04-15", "2024-06-10", StatusOpen),
		// 2024-Q3: o14 slipped here from 2024-06-25 (see the history).
		opp(t, "o14", "ana", TypeNewBusiness, "Mid", "45000", "Contract", "90%", "2024-04-01", "2024-07-20", StatusOpen),
		opp(t, "o15", "ben", TypeExpansion, "Mid", "16000", "Negotiation", "90%", "2024-05-01", "2024-08-15", StatusOpen),
		opp(t, "o16", "cai", TypeNewBusiness, "Ent", "100000", "Proposal", "60%", "2024-05-10", "2024-09-30", StatusOpen),
		o17,
		opp(t, "o18", "dee", TypeNewBusiness, "SMB", "9000", "Legal", "80%", "2024-05-12", "2024-09-15", StatusOpen),
	}
}

// acceptanceHistory returns the pipeline's history: a row when each
// opportunity was created, a row when it closed, and the changes below; the
// last row of each opportunity is its final state.
//
//   - closed deals were created open: won ones at Contract (90%, Commit),
//     lost ones at Proposal (60%, Pipeline), with their final amount and
//     close date, and closed on their close date;
//   - o07 was created at Proposal (60%) and moved to Negotiation on
//     2024-04-20;
//   - o14 was created at Proposal (60%) closing 2024-06-25, moved to
//     Contract on 2024-05-01, and slipped to close 2024-07-20 on 2024-06-20;
//   - o17 was created without its override, set on 2024-05-10.
func acceptanceHistory(t fatalfer) []Change {
	helper(t)
	var out []Change
	for _, o := range acceptanceOpportunities(t) {
		switch {
		case o.Status != StatusOpen:
			first := o
			first.Status, first.Reason = StatusOpen, ""
			first.Stage, first.Probability = "Contract", rat(t, "90%")
			if o.Status == StatusLost {
				first.Stage, first.Probability = "Proposal", rat(t, "60%")
			}
			out = append(out, Change{At: o.Created, Opportunity: first}, Change{At: o.Close, Opportunity: o})
		case o.ID == "o07":
			first := o
			first.Stage, first.Probability = "Proposal", rat(t, "60%")
			out = append(out, Change{At: o.Created, Opportunity: first}, Change{At: day(t, "2024-04-20"), Opportunity: o})
		case o.ID == "o14":
			first := o
			first.Stage, first.Probability, first.Close = "Proposal", rat(t, "60%"), day(t, "2024-06-25")
			second := first
			second.Stage, second.Probability = "Contract", rat(t, "90%")
			out = append(out, Change{At: o.Created, Opportunity: first}, Change{At: day(t, "2024-05-01"), Opportunity: second},
				Change{At: day(t, "2024-06-20"), Opportunity: o})
		case o.ID == "o17":
			first := o
			first.Category = 0
			out = append(out, Change{At: o.Created, Opportunity: first}, Change{At: day(t, "2024-05-10"), Opportunity: o})
		default:
			out = append(out, Change{At: o.Created, Opportunity: o})
		}
	}
	return out
}

// buildAcceptance rolls the pipeline up by by.
func buildAcceptance(t *testing.T, by Dimensions) *Rollup {
	t.Helper()
	r, err := Build(metrics.FromSlice(acceptanceOpportunities(t)), Options{Policy: acceptancePolicy(), By: by, Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
