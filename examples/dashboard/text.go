package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The terminal views: formatting only. Money is shown rounded to whole
// dollars (thousands, millions where marked), ratios as percents or
// multiples rounded once to one or two places (half to even).

var (
	pct1 = metrics.Places(1)
	x2   = metrics.Places(2)
)

// usd formats an amount as whole dollars with thousands separators.
func usd(m metrics.Money) string {
	d := m.Round(metrics.Places(0)).Amount().StringFixed(0)
	sign := ""
	if strings.HasPrefix(d, "-") {
		sign, d = "-", d[1:]
	}
	var b strings.Builder
	for i, ch := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return sign + "$" + b.String()
}

// usdM formats an amount in millions of dollars with two decimals.
func usdM(m metrics.Money) string {
	d, err := x2.Round(m.Amount().Shift(-6))
	if err != nil {
		return "?"
	}
	return "$" + d.StringFixed(2) + "M"
}

// qty formats a quantity rounded to one decimal place.
func qty(q metrics.Quantity) string { return q.Round(pct1).String() }

// band returns the dictionary band of v under the definition id, as
// "name, status", or "no band" when the definition has none.
func (r *report) band(id string, v metrics.Value) string {
	def, ok := r.Dict.Lookup(id)
	if !ok {
		return "no definition " + id
	}
	b, err := def.Classify(v)
	if err != nil {
		return "no band"
	}
	return b.Name + ", " + b.Status.String()
}

// printer writes aligned lines.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) title(s string) {
	p.f("\n%s\n%s", s, strings.Repeat("=", len([]rune(s))))
}

func (p *printer) section(s string) { p.f("\n-- %s", s) }

// print writes every view of the hierarchy.
func (r *report) print(w io.Writer) error {
	p := &printer{w: w}
	r.executive(p)
	r.leadership(p)
	r.departments(p)
	r.people(p)
	return p.err
}

func (r *report) executive(p *printer) {
	p.title("EXECUTIVE — December 2025")
	s := r.Last
	p.f("ARR %s (MRR %s), %d paying customers", usd(s.ARR()), usd(s.End), s.EndCustomers)
	p.section("MRR waterfall, December 2025")
	line := func(label string, m metrics.Money, customers string) {
		p.f("%s", strings.TrimRight(fmt.Sprintf("  %-16s %12s  %s", label, usd(m), customers), " "))
	}
	line("start", s.Start, fmt.Sprintf("%d customers", s.StartCustomers))
	line("+ new", s.New, fmt.Sprintf("%d", s.NewCustomers))
	line("+ expansion", s.Expansion, fmt.Sprintf("%d", s.ExpandedCustomers))
	line("+ reactivation", s.Reactivation, fmt.Sprintf("%d", s.ReactivatedCustomers))
	line("− contraction", s.Contraction, fmt.Sprintf("%d", s.ContractedCustomers))
	line("− churn", s.Churn, fmt.Sprintf("%d", s.ChurnedCustomers))
	line("± FX", s.FX, "")
	line("= end", s.End, fmt.Sprintf("%d customers", s.EndCustomers))
	p.section("Quarterly MRR growth (" + firstQ.String() + " … " + lastQ.String() + ")")
	var parts []string
	for i, g := range r.Growth {
		parts = append(parts, r.Quarters[i].From.Quarter().String()+" "+g.StringPercent(pct1))
	}
	for i := 0; i < len(parts); i += 4 {
		p.f("  %s", strings.Join(parts[i:min(i+4, len(parts))], "   "))
	}
	p.f("  trend: %s, slope %s points per quarter (%s)", r.Trend.Direction, r.Trend.Slope.StringPercent(metrics.Places(2)), r.band("growth_trend", r.Trend.Slope))
	p.section("Retention, 2025")
	p.f("  NRR %-7s (%s)   GRR %-7s (%s)", r.NRR.StringPercent(pct1), r.band("nrr", r.NRR), r.GRR.StringPercent(pct1), r.band("grr", r.GRR))
	p.f("  logo churn %s a year (%s)", r.LogoChurn.StringPercent(pct1), r.band("annual_logo_churn_rate", r.LogoChurn))
	p.section("Efficiency")
	p.f("  LTV %s (ARPA %s × gross margin %s ÷ monthly MRR churn %s)   CAC %s (2025 sales and marketing ÷ new customers)",
		usd(r.LTV), usd(r.ARPA), r.GrossMargin.StringPercent(pct1), r.MonthlyChurn.StringPercent(metrics.Places(2)), usd(r.CAC))
	p.f("  LTV:CAC %s (%s)   CAC payback %s (%s)", r.LTVToCAC.StringMultiple(x2), r.band("ltv_cac", r.LTVToCAC), qty(r.Payback), r.band("cac_payback", r.Payback))
	p.f("  magic number %s (%s)   burn multiple %s (%s)", r.Magic.StringMultiple(x2), r.band("magic_number", r.Magic), r.BurnMultiple.StringMultiple(x2), r.band("burn_multiple", r.BurnMultiple))
	p.f("  net burn %s a month, cash %s, runway %s (%s)", usd(r.Burn), usdM(r.Cash), qty(r.Runway), r.band("runway", r.Runway))
	p.section("The ten accounts most at risk (by ARR)")
	for i, a := range r.Health.TopAtRisk() {
		p.f("  %2d. %s  %-10s %-7s score %-5s ARR %s", i+1, a.ID, a.Segment, a.Band, a.Score.Decimal(pct1).StringFixed(1), usd(a.ARR))
	}
}

func (r *report) leadership(p *printer) {
	p.title("REVENUE LEADERSHIP")
	p.section("Pipeline coverage of the team's quota: new business and expansion (seeds/000: 3–5x)")
	for i, cv := range r.Coverage {
		p.f("  %s  pipeline %12s  target %10s  coverage %-5s (%s)", cv.Quarter, usd(cv.Pipeline), usd(cv.Target), r.CoverageX[i].StringMultiple(x2), r.band("pipeline_coverage", r.CoverageX[i]))
	}
	p.section("Forecast categories by close quarter (cumulative, Salesforce)")
	p.f("  %-8s %12s %12s %12s %12s %12s", "quarter", "closed", "commit", "best case", "pipeline", "weighted")
	for _, cv := range r.Coverage {
		for _, cell := range r.Forecast.Cells() {
			if cell.Key.Quarter == cv.Quarter {
				t := cell.Totals
				p.f("  %-8s %12s %12s %12s %12s %12s", cv.Quarter, usd(t.Closed()), usd(t.CommitForecast()), usd(t.BestCaseForecast()), usd(t.OpenPipeline()), usd(t.WeightedPipeline(x2)))
			}
		}
	}
	p.section("Win rate by segment (all closed deals)")
	for _, cell := range r.BySegment.Cells() {
		wr, err := cell.Totals.WinRate()
		if err != nil {
			p.f("  %-11s no closed deals", cell.Key.Segment)
			continue
		}
		p.f("  %-11s %-6s (%s)", cell.Key.Segment, wr.StringPercent(pct1), r.band("win_rate", wr))
	}
	p.section("Sales cycle of won deals by close quarter")
	var parts []string
	for _, cell := range r.CycleTrend {
		if d, err := cell.Totals.AverageCycleDays(); err == nil {
			parts = append(parts, cell.Key.Quarter.String()+" "+qty(d))
		}
	}
	for i := 0; i < len(parts); i += 4 {
		p.f("  %s", strings.Join(parts[i:min(i+4, len(parts))], "   "))
	}
	p.section("Forecast accuracy: the forecast on the quarter's first day vs what closed")
	for _, a := range r.Accuracy {
		p.f("  %s  closed %11s   commit %11s, accuracy %-6s (%s)   best case %11s, accuracy %-6s (%s)", a.Quarter, usd(a.Commit.Actual),
			usd(a.Commit.Forecast), a.CommitAcc.StringPercent(pct1), r.band("forecast_accuracy", a.CommitAcc),
			usd(a.BestCase.Forecast), a.BestAcc.StringPercent(pct1), r.band("forecast_accuracy", a.BestAcc))
	}
}

func (r *report) departments(p *printer) {
	p.title("DEPARTMENTS")
	p.section("Marketing: pipeline credited per channel (every opportunity's amount)")
	head := fmt.Sprintf("  %-15s", "channel")
	for _, m := range r.Models {
		head += fmt.Sprintf(" %16s", m)
	}
	p.f("%s", head)
	for i, t := range r.Attribution[r.Models[0]] {
		line := fmt.Sprintf("  %-15s %16s", t.Channel, usd(t.Value))
		for _, m := range r.Models[1:] {
			line += fmt.Sprintf(" %16s", usd(r.Attribution[m][i].Value))
		}
		p.f("%s", line)
	}
	p.f("  marketing-sourced pipeline (first touch, not direct or outbound): %s (%s)", r.MarketingPipe.StringPercent(pct1), r.band("marketing_sourced_pipeline_share", r.MarketingPipe))
	p.f("  CAC by channel, 2025 (spend ÷ customers acquired):")
	for _, ch := range r.CACByChannel.Channels {
		p.f("    %-15s %10s", ch.Channel, usd(ch.CAC))
	}
	p.f("    %-15s %10s", "blended", usd(r.CACByChannel.Blended))
	p.section("Sales: quota attainment, " + lastQ.String() + " (new business and expansion), and the pace at " + midQ4.Format("2 January"))
	for _, rk := range r.Ranking {
		p.f("  %d. %-7s closed %11s of %11s  attainment %-6s (%s)  pacing at mid-quarter %s", rk.Position, rk.Owner, usd(rk.Totals.Closed()), usd(rk.Quota),
			rk.Attainment.StringPercent(pct1), r.band("quota_attainment", rk.Attainment), r.Pacing[rk.Owner].StringPercent(pct1))
	}
	p.section("Customer success")
	p.f("  health by ARR: green %s, yellow %s, red %s (target 70/20/10: %s)", r.Shares.Green.StringPercent(pct1), r.Shares.Yellow.StringPercent(pct1), r.Shares.Red.StringPercent(pct1), meets(r.Shares.MeetsTarget()))
	share, _ := r.AtRisk.ARRShare()
	p.f("  not scored: %d accounts paying in December without health signals (new or returning this month)", len(r.Health.Rejected()))
	p.f("  at risk (below green): %d accounts, %s ARR (%s of ARR)", r.AtRisk.AtRisk.Accounts, usd(r.AtRisk.AtRisk.ARR), share.StringPercent(pct1))
	p.f("  renewals due by %s: %d accounts, %s ARR, expected churn %s, expected renewal %s",
		asOf.AddDate(0, 0, 90).Format("2006-01-02"), len(r.Renewals.Due), usd(r.Renewals.DueARR), usd(r.Renewals.ExpectedChurn), usd(r.Renewals.ExpectedRenewal))
	p.f("  ARR per CSM:")
	for _, b := range r.Books {
		t := b.Mix.Total()
		bench := "no band"
		if b.Classified {
			bench = b.Benchmark.Name + ", " + b.Benchmark.Status.String()
		}
		p.f("    %-7s %-10s %3d accounts  %12s  (%s)", b.CSM, b.Segment, t.Accounts, usd(t.ARR), bench)
	}
	r.triangle(p)
	p.section("Finance, 2025")
	p.f("  gross margin %s   ARR growth %s   free-cash-flow margin %s   rule of 40: %s (%s)", r.GrossMargin.StringPercent(pct1), r.Growth2025.StringPercent(pct1),
		r.FCFMargin.StringPercent(pct1), r.RuleOf40.StringPercent(pct1), r.band("rule_of_40", r.RuleOf40))
	p.f("  burn %s a month, runway %s", usd(r.Burn), qty(r.Runway))
}

// triangle prints the quarterly cohorts' net revenue retention.
func (r *report) triangle(p *printer) {
	p.section("Net revenue retention by quarterly cohort (periods of 3 months)")
	keys := r.Triangle.Keys()
	head := "  cohort   size"
	for i := range 12 {
		head += fmt.Sprintf(" %5s", fmt.Sprintf("Q+%d", i))
	}
	p.f("%s", head)
	for _, k := range keys {
		first, _ := r.Triangle.Cell(k, 0)
		line := fmt.Sprintf("  %-8s %4d", r.Triangle.KeyLabel(k), first.Size)
		for i := range 12 {
			c, ok := r.Triangle.Cell(k, i)
			if !ok {
				break
			}
			v, err := c.NRR()
			if err != nil {
				line += fmt.Sprintf(" %5s", "-")
				continue
			}
			line += fmt.Sprintf(" %5s", v.StringPercent(metrics.Places(0)))
		}
		p.f("%s", line)
	}
}

func meets(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

func (r *report) people(p *printer) {
	p.title("REP AND CSM")
	p.section(r.Rep + ": deals closing in the next 90 days")
	for _, o := range r.RepOpen {
		p.f("  %s  %-17s %-13s %-12s %10s  closes %s", o.ID, o.Account, o.Stage, r.RepCats[o.ID], usd(o.Amount), o.Close.Format("2006-01-02"))
	}
	p.f("  daily list — stale deals (no stage change for 30 days), longest first: %d", len(r.RepStale))
	for _, a := range r.RepStale[:min(10, len(r.RepStale))] {
		p.f("    %s  %-13s %3d days in stage", a.ID, a.Stage, a.InStageDays)
	}
	p.section(fmt.Sprintf("%s: daily list — the ten largest of %d accounts at risk in the book", r.CSM, len(r.CSMBook)))
	for _, a := range r.CSMBook[:min(10, len(r.CSMBook))] {
		renew := "no renewal date"
		if !a.Renewal.IsZero() {
			renew = "renews " + a.Renewal.Format("2006-01-02")
		}
		p.f("  %s  %-7s score %-5s ARR %10s  %s", a.ID, a.Band, a.Score.Decimal(pct1).StringFixed(1), usd(a.ARR), renew)
	}
}
