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
// one lists every *metrics.RowError in Ledger.Rejected (Options.MaxRejected
// caps the list), and no build returns a ledger with a nil error after its
// source failed. NewCSVReader reads customer-month exports — the usual
// column names, a default currency, amounts as decimals or minor units,
// quotes, CRLF and a byte order mark — and its Build and BuildSorted feed the
// ledger from the bytes; NewSubscriptionCSVReader reads subscription records.
//
// One function classifies every customer-month (see Ledger); a hot path for
// customers paying month after month and a general path call it, and both
// are tested against a slow, dense reference ledger. BuildSorted streams in
// memory proportional to one customer; Build sorts compact fixed-size
// records with a counting sort. Every input is bounded: the span of months
// (MaxSpanMonths), every decimal's exponent, every integer setting, CSV
// fields (DefaultMaxFieldBytes), so time and memory follow the input.
//
// Ledgers built on disjoint shards of customers Merge into exactly the
// single-pass result; a customer in both shards is refused.
package mrr
