package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/saasmetrics/saasmetrics/cohort"
	"github.com/saasmetrics/saasmetrics/forecast"
	"github.com/saasmetrics/saasmetrics/health"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/attribution"
	"github.com/saasmetrics/saasmetrics/metrics/catalog"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// Every figure of the report comes from a library call; this file only
// decides which call answers which question of the dashboard, and keeps the
// results in the library's types for the views to format.

// The dashboard's calendar: the data ends with December 2025; the report is
// read on the first working day after (the current quarter is 2026-Q1).
var (
	through   = mustMonth("2025-12")
	asOf      = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	thisQ     = mustQuarter("2026-Q1")
	lastQ     = mustQuarter("2025-Q4")
	firstQ    = mustQuarter("2023-Q2") // the first quarter that has a start to grow from
	yearStart = mustMonth("2025-01")
	midQ4     = time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC)
)

func mustMonth(s string) metrics.Month {
	m, err := metrics.ParseMonth(s)
	if err != nil {
		panic(err) // a constant of this file
	}
	return m
}

func mustQuarter(s string) metrics.Quarter {
	q, err := metrics.ParseQuarter(s)
	if err != nil {
		panic(err) // a constant of this file
	}
	return q
}

// report holds every figure the views show.
type report struct {
	Dict metrics.Dictionary

	// Executive.
	Ledger       *mrr.Ledger
	Last         mrr.Summary   // December 2025
	Year         mrr.Summary   // 2025
	Quarters     []mrr.Summary // 2023-Q2 … 2025-Q4
	Growth       []metrics.Ratio
	Trend        metrics.Trend
	NRR, GRR     metrics.Ratio // 2025, as a span
	LogoChurn    metrics.Ratio // 2025 (annual)
	MonthlyChurn metrics.Ratio // gross MRR churn of December 2025
	GrossMargin  metrics.Ratio // 2025
	CAC          metrics.Money // 2025: sales and marketing ÷ new customers
	ARPA         metrics.Money // December 2025
	LTV          metrics.Money // gross-margin LTV: ARPA × margin ÷ monthly churn
	LTVToCAC     metrics.Ratio
	Payback      metrics.Quantity
	Magic        metrics.Ratio // 2025-Q4 net new ARR ÷ 2025-Q3 S&M
	Burn         metrics.Money // per month over 2025-Q4
	Runway       metrics.Quantity
	Cash         metrics.Money
	Health       *health.Portfolio

	// Revenue leadership.
	Forecast     *forecast.Rollup // by close quarter
	Coverage     []forecast.Coverage
	CoverageX    []metrics.Ratio
	BySegment    *forecast.Rollup
	Accuracy     []accuracy
	CycleTrend   []forecast.Cell  // won deals' cycle by close quarter, last 8
	Bookings     *forecast.Rollup // new business and expansion, by close quarter
	WeightedOpen metrics.Money

	// Departments.
	Attribution   map[string][]attribution.Totals // model → channels
	Models        []string
	MarketingPipe metrics.Ratio // marketing-sourced share of pipeline (first touch)
	CACByChannel  metrics.CACBreakdown
	Ranking       []forecast.RepRank       // 2025-Q4
	Pacing        map[string]metrics.Ratio // at mid-quarter (midQ4)
	Triangle      *cohort.Table            // quarterly cohorts
	Shares        health.Shares
	AtRisk        health.AtRiskSummary
	Renewals      health.RenewalForecast
	Books         []health.Book
	RuleOf40      metrics.Ratio
	Growth2025    metrics.Ratio // ARR growth of 2025
	FCFMargin     metrics.Ratio // free-cash-flow margin of 2025
	BurnMultiple  metrics.Ratio

	// Rep and CSM.
	Rep      string
	RepOpen  []forecast.Opportunity // closing in the next 90 days
	RepCats  map[string]forecast.Category
	RepStale []forecast.Age
	CSM      string
	CSMBook  []health.Scored // at risk in the CSM's book, by ARR
}

// accuracy is one quarter's forecast, taken on its first day, against what
// closed: the commit and the best-case forecasts.
type accuracy struct {
	Quarter            metrics.Quarter
	Commit, BestCase   forecast.Outcome
	CommitAcc, BestAcc metrics.Ratio
}

// policy is the CRM's stage map: the stages in funnel order, the two closing
// stages mapped to Closed and Omitted, the open ones left to the
// probability thresholds (Commit from 90%, Best Case from 50%).
var policy = forecast.Policy{Stages: []forecast.Stage{
	{Name: "prospecting"}, {Name: "qualification"}, {Name: "discovery"}, {Name: "proposal"}, {Name: "negotiation"}, {Name: "commit"},
	{Name: "closed-won", Category: forecast.CategoryClosed}, {Name: "closed-lost", Category: forecast.CategoryOmitted},
}}

// renewalRisk is the churn probability per health band at renewal that the
// renewal forecast assumes (seeds/004 gives no numbers; a calibration on past
// renewals, health.Calibrate, would replace it).
var renewalRisk = health.BandRisk{Green: metrics.Percent(5), Yellow: metrics.Percent(20), Red: metrics.Percent(50)}

// compute builds the report from the data in dir, logging progress to logw.
func compute(dir string, logw io.Writer) (*report, error) {
	step := func(format string, args ...any) { fmt.Fprintf(logw, "dashboard: "+format+"\n", args...) }
	r := &report{}
	var err error
	if r.Dict, err = catalog.New(); err != nil {
		return nil, err
	}
	step("reading %s", dir)
	c, err := load(dir)
	if err != nil {
		return nil, err
	}
	step("building the MRR ledger from subscriptions.csv (%d customers)", len(c.Customers))
	if err := r.revenue(c, dir); err != nil {
		return nil, fmt.Errorf("revenue: %w", err)
	}
	step("scoring health (%d accounts, default 40/30/15/15 model)", len(c.Signals[through]))
	if err := r.health(c); err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	step("unit economics and finance")
	if err := r.economics(c); err != nil {
		return nil, fmt.Errorf("unit economics: %w", err)
	}
	step("forecast: %d opportunities, %d history rows", len(c.Opps), len(c.History))
	if err := r.forecast(c); err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	step("attribution: %d journeys", len(c.Journeys))
	if err := r.marketing(c); err != nil {
		return nil, fmt.Errorf("marketing: %w", err)
	}
	step("cohorts")
	if r.Triangle, err = cohort.FromLedger(r.Ledger, cohort.Options{Currency: reporting, Grain: cohort.GrainQuarter}); err != nil {
		return nil, fmt.Errorf("cohorts: %w", err)
	}
	return r, nil
}

// revenue builds the ledger and reads the executive revenue figures.
func (r *report) revenue(c *company, dir string) error {
	subs, f, err := subscriptions(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	r.Ledger, err = mrr.FromSubscriptions(subs, mrr.Options{
		Conventions: mrr.Recommended(), Currency: reporting, Rates: c.rate, Through: through, KeepLog: true,
	})
	if err != nil {
		return err
	}
	if r.Last, err = r.Ledger.Month(through); err != nil {
		return err
	}
	if r.Year, err = r.Ledger.Year(2025); err != nil {
		return err
	}
	for q := firstQ; !q.After(lastQ); q = q.Add(1) {
		s, err := r.Ledger.Quarter(q)
		if err != nil {
			return err
		}
		g, err := s.Growth()
		if err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
		r.Quarters, r.Growth = append(r.Quarters, s), append(r.Growth, g)
	}
	// Stable within one percentage point of quarterly growth per quarter.
	if r.Trend, err = metrics.GrowthTrend(r.Growth, metrics.Percent(1)); err != nil {
		return err
	}
	// NRR and GRR of 2025: the customers paying in December 2024 followed
	// to December 2025 (a summed waterfall cannot give them).
	ret, err := cohort.SpanRetention(r.Ledger, cohort.Span{From: yearStart, To: through})
	if err != nil {
		return err
	}
	if r.NRR, err = ret.NRR(); err != nil {
		return err
	}
	if r.GRR, err = ret.GRR(); err != nil {
		return err
	}
	if r.LogoChurn, err = r.Year.LogoChurnRate(); err != nil {
		return err
	}
	if r.Growth2025, err = r.Year.Growth(); err != nil {
		return err
	}
	// The monthly churn LTV divides by: December's gross MRR churn rate.
	if r.MonthlyChurn, err = r.Last.GrossMRRChurnRate(); err != nil {
		return err
	}
	r.ARPA, err = r.Last.ARPA()
	return err
}

// customerARR is each customer's ARR in the last month, from the ledger's log.
func (r *report) customerARR() (map[string]metrics.Money, error) {
	out := map[string]metrics.Money{}
	for _, k := range []mrr.MovementKind{mrr.MovementNew, mrr.MovementExpansion, mrr.MovementContraction, mrr.MovementRetained, mrr.MovementReactivation} {
		ms, err := r.Ledger.Movements(through, k)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			arr, err := metrics.ARR(m.To)
			if err != nil {
				return nil, err
			}
			out[m.Customer] = arr
		}
	}
	return out, nil
}

// accounts returns the paying customers as health accounts with the last
// month's readings.
func (r *report) accounts(c *company) ([]health.Account, error) {
	arr, err := r.customerARR()
	if err != nil {
		return nil, err
	}
	var out []health.Account
	for _, cu := range c.Customers {
		a, paying := arr[cu.ID]
		if !paying {
			continue
		}
		out = append(out, health.Account{ID: cu.ID, CSM: cu.CSM, Segment: cu.Segment, ARR: a, Renewal: cu.Renewal, Readings: c.Signals[through][cu.ID]})
	}
	return out, nil
}

func (r *report) health(c *company) error {
	accts, err := r.accounts(c)
	if err != nil {
		return err
	}
	model := health.DefaultModel()
	if r.Health, err = health.BuildPortfolio(metrics.FromSlice(accts), health.Options{Model: model, TopN: 10, Lenient: true}); err != nil {
		return err
	}
	if r.Shares, err = r.Health.Distribution(health.ByARR); err != nil {
		return err
	}
	if r.AtRisk, err = r.Health.AtRisk(); err != nil {
		return err
	}
	r.Books = r.Health.Books(r.Dict)
	r.Renewals, err = health.Renewals(metrics.FromSlice(accts), health.RenewalOptions{AsOf: asOf, Risk: renewalRisk, Model: model, Lenient: true})
	if err != nil {
		return err
	}
	// The CSM view: the first CSM's accounts at risk, largest ARR first
	// (accounts without readings are in r.Health.Rejected()).
	r.CSM = "csm-01"
	book, err := health.NewPortfolio(health.Options{Model: model, TopN: 10_000})
	if err != nil {
		return err
	}
	for _, a := range accts {
		if a.CSM == r.CSM && len(a.Readings) > 0 {
			if err := book.Add(a); err != nil {
				return err
			}
		}
	}
	r.CSMBook = book.TopAtRisk()
	return nil
}

// moneyIn sums, exactly (metrics.Sum), the amounts picked by pick from the
// rows whose month is in [from, to] and that keep accepts.
func moneyIn[T any](rows []T, month func(T) metrics.Month, keep func(T) bool, pick func(T) metrics.Money, from, to metrics.Month) (metrics.Money, error) {
	var ms []metrics.Money
	for _, x := range rows {
		if m := month(x); !m.Before(from) && !m.After(to) && keep(x) {
			ms = append(ms, pick(x))
		}
	}
	return metrics.Sum(ms...)
}

func all[T any](T) bool { return true }

func (r *report) economics(c *company) error {
	fMonth := func(f finance) metrics.Month { return f.Month }
	sMonth := func(s spend) metrics.Month { return s.Month }
	sAmount := func(s spend) metrics.Money { return s.Amount }
	field := func(get func(finance) metrics.Money, from, to metrics.Month) (metrics.Money, error) {
		return moneyIn(c.Finance, fMonth, all, get, from, to)
	}
	revenue, err := field(func(f finance) metrics.Money { return f.Revenue }, yearStart, through)
	if err != nil {
		return err
	}
	cogs, err := field(func(f finance) metrics.Money { return f.COGS }, yearStart, through)
	if err != nil {
		return err
	}
	if r.GrossMargin, err = metrics.GrossMargin(metrics.Income{Revenue: revenue, COGS: cogs}); err != nil {
		return err
	}
	sales, err := field(func(f finance) metrics.Money { return f.Sales }, yearStart, through)
	if err != nil {
		return err
	}
	marketing, err := moneyIn(c.Spend, sMonth, all, sAmount, yearStart, through)
	if err != nil {
		return err
	}
	if r.CAC, err = metrics.CAC(sales, marketing, r.Year.NewCustomers); err != nil {
		return err
	}
	u := metrics.UnitEconomics{ARPA: r.ARPA, GrossMargin: r.GrossMargin, Churn: r.MonthlyChurn, CAC: r.CAC}
	if u.LTV, err = metrics.LTVGrossMargin(u); err != nil {
		return err
	}
	r.LTV = u.LTV
	if r.LTVToCAC, err = metrics.LTVToCAC(u); err != nil {
		return err
	}
	if r.Payback, err = metrics.CACPaybackMonths(u); err != nil {
		return err
	}
	// Magic number: 2025-Q4's net new ARR over 2025-Q3's sales and marketing.
	q3 := lastQ.Add(-1)
	q3Sales, err := field(func(f finance) metrics.Money { return f.Sales }, q3.First(), q3.Last())
	if err != nil {
		return err
	}
	q3Marketing, err := moneyIn(c.Spend, sMonth, all, sAmount, q3.First(), q3.Last())
	if err != nil {
		return err
	}
	q3SM, err := metrics.Sum(q3Sales, q3Marketing)
	if err != nil {
		return err
	}
	q4 := r.Quarters[len(r.Quarters)-1]
	netNewARR, err := metrics.NetNewARR(q4.Movements)
	if err != nil {
		return err
	}
	// Cash: the burn of the last quarter, the runway at that burn.
	cash := map[metrics.Month]metrics.Money{}
	for _, f := range c.Finance {
		cash[f.Month] = f.CashEnd
	}
	r.Cash = cash[through]
	if r.Burn, err = metrics.BurnRate(metrics.Periods{Previous: cash[q3.Last()], Current: r.Cash}, 3); err != nil {
		return err
	}
	if r.Runway, err = metrics.RunwayMonths(metrics.BalanceSheet{Cash: r.Cash}, r.Burn); err != nil {
		return err
	}
	// The quarter's net burn is the cash it lost: the change from the
	// quarter's end back to its start.
	q4Burn, err := metrics.ChangeMoney(metrics.Periods{Previous: r.Cash, Current: cash[q3.Last()]})
	if err != nil {
		return err
	}
	e := metrics.Efficiency{NetNewARR: netNewARR, SalesMarketing: q3SM, NetBurn: q4Burn.Absolute}
	if r.Magic, err = metrics.MagicNumber(e); err != nil {
		return err
	}
	if r.BurnMultiple, err = metrics.BurnMultiple(e); err != nil {
		return err
	}
	// Rule of 40: 2025's ARR growth plus its free-cash-flow margin (the change
	// in cash over the year ÷ the year's revenue).
	fcf, err := metrics.ChangeMoney(metrics.Periods{Previous: cash[yearStart.Add(-1)], Current: r.Cash})
	if err != nil {
		return err
	}
	if r.FCFMargin, err = fcf.Absolute.Ratio(revenue); err != nil {
		return err
	}
	r.RuleOf40, err = metrics.RuleOf40(r.Growth2025, r.FCFMargin)
	return err
}

func (r *report) forecast(c *company) error {
	// One roll-up by quarter, owner and type, and one history with the
	// same dimensions; the views regroup them (exactly) to what they show.
	byQuarter := forecast.Dimensions{Period: forecast.ByQuarter}
	opts := forecast.Options{Policy: policy, Currency: reporting, By: forecast.Dimensions{Period: forecast.ByQuarter, Owner: true, Type: true}}
	byType, err := forecast.Build(metrics.FromSlice(c.Opps), opts)
	if err != nil {
		return err
	}
	if r.Forecast, err = byType.Regroup(byQuarter); err != nil {
		return err
	}
	// Quotas are for new-business and expansion bookings (renewals are
	// worked with customer success): coverage and attainment leave
	// renewals out.
	bookings := byType.Filter(func(k forecast.Key) bool { return k.Type != forecast.TypeRenewal })
	if r.Bookings, err = bookings.Regroup(byQuarter); err != nil {
		return err
	}
	var quota []metrics.Money
	for _, rp := range c.Reps {
		quota = append(quota, rp.Quota)
	}
	team, err := metrics.Sum(quota...)
	if err != nil {
		return err
	}
	if r.Coverage, err = r.Bookings.Coverage(thisQ, team, team, team); err != nil {
		return err
	}
	for _, cv := range r.Coverage {
		x, err := forecast.PipelineCoverage(cv)
		if err != nil {
			return err
		}
		r.CoverageX = append(r.CoverageX, x)
	}
	r.WeightedOpen = r.Forecast.Total().WeightedPipeline(metrics.Places(2))
	if r.BySegment, err = forecast.Build(metrics.FromSlice(c.Opps), forecast.Options{Policy: policy, Currency: reporting, By: forecast.Dimensions{Segment: true}}); err != nil {
		return err
	}
	for _, cell := range r.Forecast.Cells() {
		if q := cell.Key.Quarter; !q.Before(lastQ.Add(-7)) && !q.After(lastQ) {
			r.CycleTrend = append(r.CycleTrend, cell)
		}
	}
	// Forecast accuracy: the commit forecast on each quarter's first day
	// against what closed in it, for the four quarters of 2025.
	hist, err := forecast.LoadHistory(metrics.FromSlice(c.History), opts)
	if err != nil {
		return err
	}
	var days []time.Time
	var qs []metrics.Quarter
	for q := lastQ.Add(-3); !q.After(lastQ); q = q.Add(1) {
		qs, days = append(qs, q), append(days, q.First().Start(time.UTC))
	}
	snaps, err := hist.Snapshots(days...)
	if err != nil {
		return err
	}
	for i, snap := range snaps {
		if snap, err = snap.Regroup(byQuarter); err != nil {
			return err
		}
		a := accuracy{Quarter: qs[i]}
		for _, m := range []struct {
			measure func(forecast.Totals) metrics.Money
			out     *forecast.Outcome
			acc     *metrics.Ratio
		}{{forecast.Totals.CommitForecast, &a.Commit, &a.CommitAcc}, {forecast.Totals.BestCaseForecast, &a.BestCase, &a.BestAcc}} {
			cmps, err := forecast.Compare(snap, r.Forecast, m.measure)
			if err != nil {
				return err
			}
			for _, cm := range cmps {
				if cm.Key.Quarter == qs[i] {
					*m.out = cm.Outcome
					if *m.acc, err = forecast.ForecastAccuracy(cm.Outcome); err != nil {
						return fmt.Errorf("%s: %w", qs[i], err)
					}
				}
			}
		}
		r.Accuracy = append(r.Accuracy, a)
	}
	// Sales: 2025-Q4 quota attainment per rep, and the pace each was on at
	// mid-quarter (15 November, from the history as it stood then).
	quotas := map[string]metrics.Money{}
	for _, rp := range c.Reps {
		quotas[rp.ID] = rp.Quota
	}
	inQ4 := func(k forecast.Key) bool { return k.Quarter == lastQ && k.Type != forecast.TypeRenewal }
	q4, err := byType.Filter(inQ4).Regroup(forecast.Dimensions{Period: forecast.ByQuarter, Owner: true})
	if err != nil {
		return err
	}
	if r.Ranking, err = q4.Ranking(quotas); err != nil {
		return err
	}
	mid, err := hist.Snapshots(midQ4)
	if err != nil {
		return err
	}
	midQ4Owners, err := mid[0].Filter(inQ4).Regroup(forecast.Dimensions{Period: forecast.ByQuarter, Owner: true})
	if err != nil {
		return err
	}
	elapsed, err := forecast.ElapsedShare(lastQ, midQ4)
	if err != nil {
		return err
	}
	r.Pacing = map[string]metrics.Ratio{}
	for _, rk := range r.Ranking {
		closed, err := metrics.MoneyFromInt(0, reporting)
		if err != nil {
			return err
		}
		if t, ok := midQ4Owners.Cell(forecast.Key{Quarter: lastQ, Owner: rk.Owner}); ok {
			closed = t.Closed()
		}
		p, err := forecast.QuotaPacing(forecast.Quota{Achieved: closed, Target: rk.Quota, Elapsed: elapsed})
		if err != nil {
			return err
		}
		r.Pacing[rk.Owner] = p
	}
	// The rep view: rep-01's deals closing in the next 90 days and their
	// stale deals.
	r.Rep, r.RepCats = "rep-01", map[string]forecast.Category{}
	horizon := asOf.AddDate(0, 0, 90)
	for _, o := range c.Opps {
		if o.Owner == r.Rep && o.Status == forecast.StatusOpen && !o.Close.After(horizon) {
			a, err := policy.Categorize(o)
			if err != nil {
				return err
			}
			r.RepOpen, r.RepCats[o.ID] = append(r.RepOpen, o), a.Category
		}
	}
	slices.SortFunc(r.RepOpen, func(a, b forecast.Opportunity) int { return cmp.Or(a.Close.Compare(b.Close), cmp.Compare(a.ID, b.ID)) })
	ages, err := hist.Aging(asOf, 30)
	if err != nil {
		return err
	}
	for _, a := range ages {
		if a.Owner == r.Rep && a.Stale {
			r.RepStale = append(r.RepStale, a)
		}
	}
	return nil
}

// marketingChannels are the channels marketing sources (direct traffic and
// sales' own outbound are not).
func marketingChannel(ch string) bool { return ch != "direct" && ch != "outbound" }

func (r *report) marketing(c *company) error {
	r.Attribution = map[string][]attribution.Totals{}
	for _, m := range []struct {
		name  string
		model attribution.Model
	}{{"first touch", attribution.FirstTouch()}, {"W-shaped", attribution.WShaped()}} {
		agg, err := attribution.Build(metrics.FromSlice(c.Journeys), attribution.Options{Model: m.model})
		if err != nil {
			return err
		}
		chs, err := agg.Channels()
		if err != nil {
			return err
		}
		r.Models = append(r.Models, m.name)
		r.Attribution[m.name] = chs
		if len(r.Models) == 1 {
			if r.MarketingPipe, err = agg.MarketingSourcedShare(marketingChannel); err != nil {
				return err
			}
		}
	}
	// CAC by channel, 2025: each channel's spend over the customers it
	// acquired (the 2025 cohort by acquisition channel).
	channelOf := map[string]string{}
	for _, cu := range c.Customers {
		channelOf[cu.ID] = cu.Channel
	}
	byChannel, err := cohort.FromLedger(r.Ledger, cohort.Options{Currency: reporting, Grain: cohort.GrainYear, Segment: cohort.SegmentMap(channelOf)})
	if err != nil {
		return err
	}
	var chans []metrics.ChannelSpend
	seen := map[string]bool{}
	for _, s := range c.Spend {
		if seen[s.Channel] {
			continue
		}
		seen[s.Channel] = true
		total, err := moneyIn(c.Spend, func(x spend) metrics.Month { return x.Month }, func(x spend) bool { return x.Channel == s.Channel },
			func(x spend) metrics.Money { return x.Amount }, yearStart, through)
		if err != nil {
			return err
		}
		cell, ok := byChannel.Cell(cohort.Key{Acquired: yearStart, Segment: s.Channel}, 0)
		if !ok {
			return fmt.Errorf("no 2025 cohort for channel %q", s.Channel)
		}
		chans = append(chans, metrics.ChannelSpend{Channel: s.Channel, Spend: total, NewCustomers: cell.Size})
	}
	r.CACByChannel, err = metrics.CACByChannel(chans)
	return err
}
