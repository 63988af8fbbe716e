// Package attribution credits conversions to the marketing touches before
// them, exactly to the minor unit of the currency.
//
// A Journey is one conversion (an opportunity's pipeline value, a closed
// deal's revenue) with its value, its time and the touches before it
// (channel, campaign, time, milestone marks). A Model says how a journey's
// value is shared among its touches: the rule-based models (FirstTouch,
// LastTouch, LastNonDirect, Linear, PositionBased, WShaped, FullPath,
// TimeDecay, Custom) share each journey on its own; the data-driven models
// (Markov, Shapley) learn shares per channel from the whole data set.
//
// Every share is exact: a metrics.Ratio for the rule-based weights, the
// Markov removal effects (an absorbing chain solved in exact rational
// arithmetic) and the Shapley values (computed over every coalition of
// channels). The one irrational quantity, the continuous time-decay weight
// 2^(−Δt/half-life), is computed with integers only to within 2^-100 (see
// TimeDecay).
//
// Money never drifts: a journey's value is split into credits in the
// currency's minor unit (cents for USD, yen for JPY; see MinorUnit) by
// largest remainder, so the credits of a journey sum exactly to its value
// and each differs from its exact share by less than one minor unit. Ties
// between equal remainders go to the channel and campaign touched earlier
// in the journey, so renaming channels changes nothing but the names.
//
// Build folds a stream of journeys (iter.Seq2[Journey, error], errors in the
// stream) into an Aggregate: credited value, conversions, journeys and
// touches per channel and per campaign, and the marketing-sourced share of
// the value. Aggregates of disjoint shards merge exactly (Aggregate.Merge).
// Bad journeys are *metrics.RowError values with Entity "journey" and the
// journey's ID: a strict build stops at the first, a lenient one
// (Options.Lenient) lists them in Aggregate.Rejected and goes on.
//
// Sources: Google Analytics (Universal) attribution models; HubSpot's
// milestones and U/W/full-path weights; ChannelAttribution's Markov removal
// effect; the Shapley value of Shapley (1953) as applied to attribution by
// Zhao et al. (2018); seeds/000_47655b065fd9dd72.txt §Dashboard Pemasaran
// (marketing's view: multi-touch attribution, marketing-sourced pipeline,
// CAC by channel). See Definitions.
package attribution
