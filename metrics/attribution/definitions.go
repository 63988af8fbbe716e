package attribution

import "github.com/saasmetrics/saasmetrics/metrics"

// The sources the definitions cite.
const (
	seed000          = "seeds/000_47655b065fd9dd72.txt "
	sourcePipeline   = seed000 + "§Saluran Dijana (pipeline value created from marketing-related leads, this quarter and next) and §Kekerapan Penyegaran (pipeline dashboards refreshed in real time)"
	sourceRevenue    = seed000 + "§Hasil Bersumber Pemasaran (closed ARR traced back to marketing touches; multi-touch attribution to credit marketing fairly)"
	sourceByChannel  = seed000 + "§Dashboard Jabatan (marketing needs campaign performance, lead quality and attribution) and §CAC mengikut Saluran (by channel: paid search, content, events, partners)"
	sourceByCampaign = seed000 + "§ROI Kempen (per campaign: investment, leads, pipeline created, closed revenue)"
	sourceGA         = "support.google.com/analytics/answer/1662518 (Universal Analytics attribution models: first interaction, last interaction, last non-direct click, linear, time decay with a 7-day half-life, position-based 40/20/40)"
	sourceHubSpot    = "knowledge.hubspot.com/reports/understand-attribution-reporting (HubSpot attribution models and milestones: first interaction, lead creation, deal creation, closed won; U-shaped 40/40/20, W-shaped 30/30/30/10, full path 22.5×4 + 10 per third-party summaries)"
	sourceMarkov     = "cran.r-project.org/package=ChannelAttribution (Altomare & Loris: Markov-chain removal effect, simulated there, solved exactly here)"
	sourceShapley    = "Shapley (1953), \"A value for n-person games\"; arxiv.org/abs/1804.05327 (Zhao et al. 2018, Shapley value methods for attribution modeling in online advertising)"
	sourceRounding   = "W3C attribution discussion: total error 0, at most one unit off per entry; deterministic largest remainder"

	// Where the owners and cadences come from.
	ocPipelineShare = "owner: " + seed000 + "§Dashboard Kepemimpinan Hasil (the VP Marketing among the revenue leaders) and §Dashboard Pemasaran (pipeline generated); cadence: " + seed000 + "§Kekerapan Penyegaran (pipeline dashboards in real time: daily is the dictionary's finest cadence)"
	ocRevenueShare  = "owner: " + seed000 + "§Dashboard Pemasaran (marketing-sourced revenue on the marketing dashboard; the VP Marketing among the revenue leaders of §Dashboard Kepemimpinan Hasil); cadence the library's choice (monthly, as closed-won revenue accrues)"
	ocByChannel     = "owner and cadence: " + seed000 + "§Dashboard Pemasaran (the marketing dashboard reads by week or month; weekly is the library's choice)"
	ocByCampaign    = "cadence: " + seed000 + "§Dashboard Pemasaran (by week or month; weekly is the library's choice); owner the library's choice (marketing operations runs the attribution the marketing dashboard reads)"
	ocModel         = "owner: the library's choice (marketing operations configures the model; " + seed000 + "§Dashboard Jabatan: marketing needs attribution); cadence the library's choice (weekly, that of the reports a model feeds: attributed_value_by_channel and attributed_value_by_campaign)"
)

// Definitions returns the dictionary entries of package attribution: the
// marketing-sourced shares of pipeline and revenue, the credited value by
// channel and by campaign, and one entry per model. Each call returns new
// copies.
func Definitions() []metrics.Definition {
	const cat = metrics.CategoryMarketing
	dept := []metrics.Audience{metrics.AudienceDepartment}
	lead := []metrics.Audience{metrics.AudienceLeadership, metrics.AudienceDepartment}
	model := func(id, name, formula, source, fn string) metrics.Definition {
		return metrics.Definition{
			ID: id, Name: name, Category: cat, Formula: formula + "; each journey's value split into whole minor units by largest remainder (ties to the earlier touch), summing exactly to the value",
			Unit: metrics.UnitMoney, Direction: metrics.Neutral, Audiences: dept, Signal: metrics.SignalLagging,
			Owner: "Marketing operations", Cadence: metrics.CadenceWeekly, Source: source + "; " + sourceRounding + "; " + ocModel, Version: 1, Func: fn,
		}
	}
	return []metrics.Definition{
		{
			ID: "marketing_sourced_pipeline_share", Name: "Marketing-sourced pipeline share", Category: cat,
			Formula: "Σ value credited to marketing channels ÷ total pipeline value of the period's opportunities (opportunities without touches included in the total, credited to no channel); the model chosen (first touch: sourced; multi-touch: attributed)",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: lead, Signal: metrics.SignalLeading,
			Owner: "VP Marketing", Cadence: metrics.CadenceDaily, Source: sourcePipeline + "; " + ocPipelineShare,
			Differs: "the seed tracks the pipeline value marketing generated; the share divides it by all pipeline so that quarters compare; which channels count as marketing is the caller's",
			Version: 1, Func: "attribution.Aggregate.MarketingSourcedShare",
		},
		{
			ID: "marketing_sourced_revenue_share", Name: "Marketing-sourced revenue share", Category: cat,
			Formula: "Σ closed-won revenue credited to marketing channels ÷ total closed-won revenue (deals without touches in the total), with a multi-touch model",
			Unit:    metrics.UnitRatio, Display: "percent", Direction: metrics.HigherIsBetter, Audiences: lead, Signal: metrics.SignalLagging,
			Owner: "VP Marketing", Cadence: metrics.CadenceMonthly, Source: sourceRevenue + "; " + ocRevenueShare,
			Differs: "the same computation as the pipeline share over closed-won journeys (Value = the deal's ARR)",
			Version: 1, Func: "attribution.Aggregate.MarketingSourcedShare",
		},
		{
			ID: "attributed_value_by_channel", Name: "Credited value by channel", Category: cat,
			Formula: "per channel: Σ over journeys of its credits (whole minor units); Σ channels + unattributed = total value exactly; credited conversions: each journey's conversion split the same way to 10^-12",
			Unit:    metrics.UnitMoney, Direction: metrics.Neutral, Audiences: lead, Signal: metrics.SignalLagging,
			Owner: "VP Marketing", Cadence: metrics.CadenceWeekly, Source: sourceByChannel + "; " + sourceRounding + "; " + ocByChannel,
			Version: 1, Func: "attribution.Aggregate.Channels",
		},
		{
			ID: "attributed_value_by_campaign", Name: "Credited value by campaign", Category: cat,
			Formula: "per (channel, campaign): Σ over journeys of its credits (whole minor units); the attributed revenue of campaign ROI",
			Unit:    metrics.UnitMoney, Direction: metrics.Neutral, Audiences: dept, Signal: metrics.SignalLagging,
			Owner: "Marketing operations", Cadence: metrics.CadenceWeekly, Source: sourceByCampaign + "; " + sourceRounding + "; " + ocByCampaign,
			Version: 1, Func: "attribution.Aggregate.Campaigns",
		},
		model("attribution_first_touch", "First-touch attribution", "100% to the first touch", sourceGA, "attribution.FirstTouch"),
		model("attribution_last_touch", "Last-touch attribution", "100% to the last touch", sourceGA, "attribution.LastTouch"),
		model("attribution_last_non_direct", "Last non-direct attribution", "100% to the last touch not on the direct channel; to the last touch when the whole path is direct", sourceGA, "attribution.LastNonDirect"),
		model("attribution_linear", "Linear attribution", "1/n to each of n touches; a channel touched k times takes k/n", sourceGA+"; ChannelAttribution counts repeats", "attribution.Linear"),
		model("attribution_position_based", "Position-based (U-shaped) attribution", "40% first touch, 40% last touch, 20% split evenly over the touches between; one touch 100%, two touches 50% each (weights of absent roles dropped, the rest scaled to 100%)", sourceGA, "attribution.PositionBased"),
		model("attribution_w_shaped", "W-shaped attribution", "30% each to first interaction, lead creation and opportunity creation, 10% split over the other touches; coinciding milestones add up on their touch; absent milestones or no other touches: their weights dropped, the rest scaled to 100%", sourceHubSpot, "attribution.WShaped"),
		model("attribution_full_path", "Full-path attribution", "22.5% each to first interaction, lead creation, opportunity creation and closed won, 10% split over the other touches; W-shaped's rules for coinciding and absent milestones", sourceHubSpot, "attribution.FullPath"),
		model("attribution_time_decay", "Time-decay attribution", "weight 2^(−Δt ÷ half-life) per touch (7-day half-life by default), share = weight ÷ Σ weights; stepped: 2^(−⌊Δt ÷ half-life⌋), exact; continuous: weights within 2^-100 by integer arithmetic, shares within 2^-80", sourceGA, "attribution.TimeDecay"),
		model("attribution_custom", "Custom-weight attribution", "caller's exact weights for first, lead, opportunity, closed won, last and the rest (summing to 100%), with position-based's rules for absent and coinciding roles", sourceHubSpot, "attribution.Custom"),
		model("attribution_markov", "Markov removal-effect attribution", "first-order chain of the journeys' channels (start, channels, conversion, null for lost paths); removal effect = 1 − P(conversion without the channel) ÷ P(conversion), solved exactly; the value of converting journeys with touches split in proportion to removal effects; at most 64 channels", sourceMarkov, "attribution.Markov"),
		model("attribution_shapley", "Shapley-value attribution", "worth of a coalition = value of converting journeys whose channels all lie in it; credit = Shapley value over all 2^n coalitions, exact (equals each journey's value split evenly over its distinct channels); at most 16 channels", sourceShapley, "attribution.Shapley"),
	}
}
