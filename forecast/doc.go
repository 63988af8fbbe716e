// Package forecast is the sales forecast: opportunities in, Salesforce's
// forecast categories, cumulative roll-ups, pipeline metrics, forecast
// snapshots and accuracy, and sales capacity out.
//
// # Categories
//
// Every opportunity falls in one of Salesforce's forecast categories:
// Pipeline, Best Case, Most Likely, Commit, Closed and Omitted. A won deal is
// Closed and a lost one Omitted. An open deal takes its manual category when
// it has one (reported as an override), else the category its stage maps to
// (Salesforce sets the category per stage, so a stage at 50% may sit in
// Pipeline and one at 90% in Best Case), else the category its probability
// falls in under the thresholds (our sources' defaults: Commit from 90%, Best
// Case from 50%, Pipeline below). Policy holds the stage map and the
// thresholds.
//
// # Roll-ups
//
// Build rolls opportunities up by close period (month or quarter), owner,
// manager, segment, type, stage, reason and deal-size band, as any
// combination (Dimensions). Each cell's Totals gives the cumulative amounts
// of Salesforce's ForecastingSubmissionItem — closed, commit forecast
// (Commit + Closed), most-likely forecast, best-case forecast, open pipeline
// (everything open and not omitted) — the exact weighted pipeline
// (Σ amount × probability), win rate, average deal, sales cycle and velocity.
// Roll-ups of disjoint shards merge exactly; Regroup sums cells to a coarser
// grouping (owners up to their managers, months up to quarters), exactly.
//
// # Pipeline metrics
//
// Coverage of a target and of the remaining target, for the current and the
// next quarters, beside the coverage a win rate implies; velocity; win rate;
// sales cycle; quota attainment, pacing and rep ranking; stage-to-stage
// conversion, aging and stale deals from stage history; activity counts;
// forecast accuracy, weighted absolute percentage error and bias against
// actuals; capacity of a team that ramps new reps month by month, against
// a target.
//
// # Records and errors
//
// Sources are iter.Seq2[T, error] and errors travel with the data, as package
// metrics describes: a strict build stops at the first bad record, a lenient
// one lists every *metrics.RowError (naming the opportunity by ID, the
// record's 1-based position and the field) and goes on, and no build returns
// a result with a nil error after its source failed. Metric functions report
// a *metrics.MetricError naming the metric's dictionary ID and the input;
// a policy that cannot be used a *metrics.ValueError naming the threshold or
// stage.
//
// Every amount is a metrics.Money and every rate a metrics.Ratio: nothing is
// rounded until a function that returns money from a fraction says how
// (weighted pipeline, velocity, capacity), once.
package forecast
