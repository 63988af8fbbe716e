// Package health scores customer health exactly and reads a book of accounts
// through it.
//
// A Model is a set of named components (usage, engagement, support,
// business outcomes) with exact weights that sum to exactly 100%; each
// component is computed from raw signals (Reading) through an explicit
// normaliser: Target ("100 at or above the target"), MinMax, Inverse for
// lower-is-better signals (tickets, response time, effort), Lookup (banded
// points, as Totango's good / average / poor = 100 / 60 / 0) and Occurred (a
// key event happened or not). DefaultModel is the 40 / 30 / 15 / 15 model of
// seeds/004; NewEventModel is the checklist of at most five key events of
// seeds/003; NewModelNormalised scales arbitrary positive weights exactly, as
// Gainsight does.
//
// Scores are exact: Points is an exact fraction in [0, 100]; every Result
// carries its band (half-open: green at or above 80, yellow at or above 50,
// red below, configurable), its coverage (the share of weight that had
// data) under the model's rule for missing signals, and, on request, the
// contribution of every component and signal, which sum exactly to the
// score. The hot path scores in scaled integers and falls back to exact
// fractions in one place; both agree with a slow reference in the tests.
//
// A Portfolio gathers scored accounts (mergeable across shards): the
// distribution by count and by ARR against the 70 / 20 / 10 target, the
// accounts at risk (one meaning, shared with the dictionary: below green)
// and the ARR at risk, the top accounts at risk by ARR, per-CSM books and
// parent accounts rolled up from their children. Trends compares snapshots
// (up / down / same, declines, leading indicators); Renewals forecasts the
// churned and renewed ARR of renewals due within 90 days from a risk per
// band; Calibrate measures a model against outcomes (churn per band, the
// area under the ROC curve, lift, the usage level that best separates
// retained from churned customers).
//
// Definitions lists the dictionary entries of the package; package
// metrics/catalog gathers them with every other package's.
package health
