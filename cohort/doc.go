// Package cohort follows groups of customers from their first paid month
// on: retention triangles (logo, net and gross revenue retention, churn,
// expansion, cohort LTV) per cohort and period since acquisition, averages
// across cohorts, Kaplan–Meier survival with censoring, land-and-expand and
// time to value, and the start-cohort retention of a ledger span.
//
// A cohort is the customers (or subscriptions) whose first paid month falls
// in the same month, quarter or year, optionally crossed with a key the
// caller supplies (plan, segment, channel, region, ACV band), or grouped by
// that key alone. Build and BuildSorted read customer-month rows
// (iter.Seq2[mrr.Row, error], errors in-band, strict or lenient); FromLedger
// reads a ledger's movement log.
//
// A cell the data cannot have observed — a cohort acquired three months
// before the data ends has no period 12 — is not observed: it is absent from
// the Table, null in its JSON, empty in its CSV, and never averaged as 0.
// A cell only part of whose customers can be observed is marked Partial and
// left out of averages unless asked.
//
// Every rate is an exact metrics.Ratio and every amount an exact
// metrics.Money; digits are rounded only when printed. Tables built on
// disjoint shards of customers Merge into exactly the single-pass Table, and
// a Table's JSON holds its complete state, so a shard's partial table can
// travel and merge later.
package cohort
