package metrics

// The five source documents of the dictionary (Malay, Polish, Romanian,
// French, Malay), cited by file name in Source, and the roles named as
// owners. Where a document names an owner or a review cadence, the Source of
// the definition says so ("owner and cadence: seed 004 §…"); where none
// does, the owner is the role that usually answers for the number and the
// Source says "owner and cadence: the library's choice".
const (
	seed000 = "seeds/000_47655b065fd9dd72.txt" // Malay: the SaaS metrics dashboard (hierarchy, core metrics, pipeline, marketing, CS)
	seed001 = "seeds/001_017c61518b225a18.txt" // Polish: ten SaaS KPIs and five balance-sheet KPIs
	seed002 = "seeds/002_12b06b23a7dd3532.txt" // Romanian: high-value indicators (revenue, engagement, satisfaction)
	seed003 = "seeds/003_e1aea96652a224fd.txt" // French: six SaaS product indicators
	seed004 = "seeds/004_9a66e740fba960a2.txt" // Malay: post-sale (customer success) metrics

	// ocExecutive: 004 reviews NRR, GRR, logo churn, LTV and NPS monthly on the
	// executive dashboard; CS owns churn, contraction and expansion (§Pergerakan MRR).
	ocExecutive = "owner and cadence: " + seed004 + " §Dashboard Eksekutif (Bulanan) and §Pergerakan MRR (CS owns churn, contraction and expansion)"
	// ocCSLeadership: 004's CS-leadership dashboard is weekly.
	ocCSLeadership = "owner and cadence: " + seed004 + " §Dashboard Kepimpinan CS (Mingguan)"
	// ocGrowth: 000 reads growth quarter over quarter and year over year.
	ocGrowth = "owner and cadence: " + seed000 + " §Metrik Pertumbuhan (quarter over quarter, year over year); owner the library's choice"
	// ocChurn000: 000 tracks churn monthly and annually.
	ocChurn000 = "cadence: " + seed000 + " §Metrik Kesihatan (track monthly and annually); owner: " + seed004 + " §Pergerakan MRR (CS owns churn)"
	// ocMarketing: 000's marketing dashboard (MQLs by week or month).
	ocMarketing = "owner and cadence: " + seed000 + " §Dashboard Pemasaran (MQLs by week or month)"
	// ocChoice: the documents name neither.
	ocChoice = "owner and cadence: the library's choice (the documents name none)"
)

// The roles the dictionary names as owners.
const (
	roleCFO     = "CFO"
	roleCEO     = "CEO"
	roleCRO     = "CRO"
	roleCS      = "VP Customer Success"
	roleMkt     = "VP Marketing"
	roleProduct = "VP Product"
	roleSupport = "Head of Support"
	roleRevOps  = "Revenue Operations"
)

// stewardship is a definition's owner and review cadence, and why (appended
// to its Source).
type stewardship struct {
	owner   string
	cadence Cadence
	why     string
}

// steward sets Owner and Cadence of the definitions the table names, and
// appends where they come from to their Source; the others are left as they
// are (definitions that move to other packages keep theirs).
func steward(defs []Definition, table map[string]stewardship) []Definition {
	for i := range defs {
		if s, ok := table[defs[i].ID]; ok {
			defs[i].Owner, defs[i].Cadence = s.owner, s.cadence
			defs[i].Source += "; " + s.why
		}
	}
	return defs
}
