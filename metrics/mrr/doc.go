// Package mrr is the revenue ledger: subscriptions or customer-month MRR rows
// in, the monthly MRR waterfall out — new, expansion, contraction, churn,
// reactivation and FX movements, logo counts, roll-ups to quarters, years and
// any span, customer churn rates under each vendor's conventions, LTV,
// anomalies, and the per-customer movement log.
//
// One Options value configures a build from end to end: FromSubscriptions
// takes subscription records (Subscription) and the conventions that both
// normalise them to monthly MRR and classify the movements; Build and
// BuildSorted take customer-month rows (Row). Conventions make every point on
// which ChartMogul, Stripe Billing, Baremetrics, ProfitWell and dbt's
// mrr-playbook disagree an explicit setting; the presets reproduce each.
//
// Sources are iter.Seq2[T, error] and errors travel with the data, as package
// metrics describes: a strict build stops at the first bad record, a lenient
// one lists every *metrics.RowError in Ledger.Rejected, and no build returns a
// ledger with a nil error after its source failed. NewCSVReader and
// NewSubscriptionCSVReader read CSV in that shape.
//
// Ledgers built on disjoint shards of customers Merge into exactly the
// single-pass result.
package mrr
