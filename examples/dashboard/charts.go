package main

// The charts, drawn with gonum.org/v1/plot as SVG. This file is the one
// place a number leaves the exact world: the plotting library draws in
// float64, so each figure — already computed exactly by the library and
// rounded once with a Context — is converted for drawing only, never
// computed with. The repository's policy test exempts this file by name.

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/saasmetrics/saasmetrics/forecast"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chart is one figure of the HTML report.
type chart struct {
	ID, Title, Caption string
	SVG                []byte
}

// Colours of the report.
var (
	green  = color.RGBA{R: 0x2e, G: 0x9e, B: 0x5b, A: 0xff}
	yellow = color.RGBA{R: 0xe8, G: 0xb0, B: 0x24, A: 0xff}
	red    = color.RGBA{R: 0xd6, G: 0x45, B: 0x3d, A: 0xff}
	blue   = color.RGBA{R: 0x2f, G: 0x6d, B: 0xb5, A: 0xff}
	grey   = color.RGBA{R: 0x9a, G: 0xa3, B: 0xad, A: 0xff}
	purple = color.RGBA{R: 0x7b, G: 0x52, B: 0xab, A: 0xff}
)

// draws converts an exact decimal, rounded once to four places, for
// drawing.
func draws(d decimal.Decimal) float64 {
	r, err := metrics.Places(4).Round(d)
	if err != nil {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(r.StringFixed(4), 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// millions is an amount in millions, for drawing.
func millions(m metrics.Money) float64 { return draws(m.Amount().Shift(-6)) }

// percent is a ratio in percent, for drawing.
func percent(r metrics.Ratio) float64 { return draws(r.Percent(metrics.Places(4))) }

// charts draws every chart of the report.
func (r *report) charts() ([]chart, error) {
	makers := []func() (chart, error){r.waterfallChart, r.growthChart, r.cohortChart, r.healthChart, r.pipelineChart, r.attributionChart}
	var out []chart
	for _, mk := range makers {
		c, err := mk()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// svg renders p as SVG.
func svg(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	wt, err := p.WriterTo(w, h, "svg")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func newPlot(title, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = y
	p.Add(plotter.NewGrid())
	return p
}

// bars returns a bar chart of vs in colour c, offset by off bar widths.
func bars(vs []float64, c color.Color, w vg.Length, off float64) (*plotter.BarChart, error) {
	b, err := plotter.NewBarChart(plotter.Values(vs), w)
	if err != nil {
		return nil, err
	}
	b.Color = c
	b.LineStyle.Width = 0
	b.Offset = vg.Length(off) * w
	return b, nil
}

// waterfallChart is 2025's ARR bridge: ARR at the start of the year, each
// movement as a floating bar, ARR at the end.
func (r *report) waterfallChart() (chart, error) {
	y := r.Year.Annualized()
	steps := []struct {
		name string
		m    metrics.Money
		sign int // +1 up, −1 down, 0 a total
	}{
		{"Dec 2024", y.Start, 0}, {"new", y.New, 1}, {"expansion", y.Expansion, 1}, {"reactivation", y.Reactivation, 1},
		{"contraction", y.Contraction, -1}, {"churn", y.Churn, -1}, {"FX", y.FX, 1}, {"Dec 2025", y.End, 0},
	}
	// Each bar floats on an invisible base: the running total before an
	// increase, after a decrease. The running total is the library's:
	// Start + movements = End, so the drawing only stacks the figures.
	base := make([]float64, len(steps))
	height := make([]float64, len(steps))
	level := 0.0
	colours := make([]color.Color, len(steps))
	for i, s := range steps {
		v := millions(s.m)
		switch {
		case s.sign == 0:
			base[i], height[i], level, colours[i] = 0, v, v, blue
		case s.sign > 0 && v >= 0:
			base[i], height[i], level, colours[i] = level, v, level+v, green
		case s.sign > 0: // a negative FX effect
			base[i], height[i], level, colours[i] = level+v, -v, level+v, red
		default:
			base[i], height[i], level, colours[i] = level-v, v, level-v, red
		}
	}
	p := newPlot("ARR bridge, 2025 (millions USD)", "ARR, $M")
	w := vg.Points(28)
	under, err := bars(base, color.Transparent, w, 0)
	if err != nil {
		return chart{}, err
	}
	p.Add(under)
	for i := range steps {
		one := make([]float64, len(steps))
		one[i] = height[i]
		b, err := bars(one, colours[i], w, 0)
		if err != nil {
			return chart{}, err
		}
		b.StackOn(under)
		p.Add(b)
	}
	var names []string
	for _, s := range steps {
		names = append(names, s.name)
	}
	p.NominalX(names...)
	out, err := svg(p, 16*vg.Centimeter, 9*vg.Centimeter)
	return chart{ID: "waterfall", Title: "ARR waterfall", Caption: fmt.Sprintf("ARR from %s at the end of 2024 to %s at the end of 2025: new, expansion and reactivation up, contraction and churn down, FX either way (mrr.Ledger.Year(2025).Annualized()).", usd(y.Start), usd(y.End)), SVG: out}, err
}

// growthChart is quarterly MRR growth with its trend class.
func (r *report) growthChart() (chart, error) {
	p := newPlot(fmt.Sprintf("Quarterly MRR growth: %s", r.Trend.Direction), "growth, %")
	pts := make(plotter.XYs, len(r.Growth))
	var names []string
	for i, g := range r.Growth {
		pts[i].X, pts[i].Y = float64(i), percent(g)
		q := r.Quarters[i].From.Quarter()
		names = append(names, fmt.Sprintf("Q%d '%02d", q.Number(), q.Year()%100))
	}
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return chart{}, err
	}
	line.Color, points.Color, points.Shape = blue, blue, draw.CircleGlyph{}
	p.Add(line, points)
	p.NominalX(names...)
	p.Y.Min = 0
	out, err := svg(p, 16*vg.Centimeter, 8*vg.Centimeter)
	return chart{ID: "growth", Title: "Growth trend", Caption: fmt.Sprintf("Growth of MRR quarter on quarter, %s to %s; least-squares slope %s points per quarter: %s (metrics.GrowthTrend).",
		firstQ, lastQ, r.Trend.Slope.StringPercent(metrics.Places(2)), r.Trend.Direction), SVG: out}, err
}

// heatColour is the colour of a retention of v percent on a blue–red scale
// centred on 100% (a cohort worth what it landed at): blue from 130% up, red
// at 70% and below.
func heatColour(pal []color.Color, v float64) color.Color {
	const lo, hi = 70, 130
	v = min(max(v, lo), hi)
	return pal[int((hi-v)/(hi-lo)*float64(len(pal)-1)+0.5)] // the palette runs blue to red
}

// cohortChart is the quarterly cohorts' net revenue retention as a heat
// map: one filled square per observed cell, the oldest cohort on top.
// (Squares, not plotter.HeatMap: its grid interface would make this file
// declare exported methods in float64.)
func (r *report) cohortChart() (chart, error) {
	keys := r.Triangle.Keys()
	p := newPlot("Net revenue retention by quarterly cohort", "cohort (quarter acquired)")
	p.X.Label.Text = "quarters since acquisition"
	pal := moreland.SmoothBlueRed().Palette(64).Colors()
	var labels plotter.XYLabels
	names := make([]string, len(keys))
	for i, k := range keys {
		row := len(keys) - 1 - i
		names[row] = r.Triangle.KeyLabel(k)
		y := float64(row)
		for c := range keys {
			cell, ok := r.Triangle.Cell(k, c)
			if !ok {
				break // a cohort's cells end where the data ends
			}
			v, err := cell.NRR()
			if err != nil {
				continue
			}
			x := float64(c)
			sq, err := plotter.NewPolygon(plotter.XYs{{X: x - 0.5, Y: y - 0.5}, {X: x + 0.5, Y: y - 0.5}, {X: x + 0.5, Y: y + 0.5}, {X: x - 0.5, Y: y + 0.5}})
			if err != nil {
				return chart{}, err
			}
			sq.Color, sq.LineStyle.Color, sq.LineStyle.Width = heatColour(pal, percent(v)), color.White, vg.Points(0.5)
			p.Add(sq)
			labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: y})
			labels.Labels = append(labels.Labels, v.StringPercent(metrics.Places(0)))
		}
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return chart{}, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
		l.TextStyle[i].Font.Size = vg.Points(7)
	}
	p.Add(l)
	p.NominalY(names...)
	var periods []string
	for i := range keys {
		periods = append(periods, fmt.Sprintf("Q+%d", i))
	}
	p.NominalX(periods...)
	out, err := svg(p, 18*vg.Centimeter, 11*vg.Centimeter)
	return chart{ID: "cohorts", Title: "Cohort retention heat map", Caption: "Each quarterly cohort's MRR as a share of its first quarter's (expansion and reactivation included), by quarters since acquisition; blue above 100%, red below (cohort.Table, Cell.NRR).", SVG: out}, err
}

// healthChart is the health distribution by ARR beside the 70/20/10 target.
func (r *report) healthChart() (chart, error) {
	p := newPlot("Health distribution by ARR vs the 70 / 20 / 10 target", "share of ARR, %")
	w := vg.Points(26)
	actual := []float64{percent(r.Shares.Green), percent(r.Shares.Yellow), percent(r.Shares.Red)}
	target := []float64{70, 20, 10}
	for i, c := range []color.Color{green, yellow, red} {
		one := make([]float64, 3)
		one[i] = actual[i]
		b, err := bars(one, c, w, -0.5)
		if err != nil {
			return chart{}, err
		}
		p.Add(b)
	}
	t, err := bars(target, grey, w, 0.5)
	if err != nil {
		return chart{}, err
	}
	p.Add(t)
	p.Legend.Add("target", t)
	p.Legend.Top = true
	p.NominalX("green (≥ 80)", "yellow (50–80)", "red (< 50)")
	out, err := svg(p, 14*vg.Centimeter, 8*vg.Centimeter)
	return chart{ID: "health", Title: "Health distribution", Caption: fmt.Sprintf("Share of ARR in each health band under the default 40/30/15/15 model, beside seeds/000's healthy portfolio (70%% / 20%% / 10%%): target %s (health.Portfolio.Distribution(ByARR), Shares.MeetsTarget).", meets(r.Shares.MeetsTarget())), SVG: out}, err
}

// pipelineChart is the open pipeline by forecast category and close quarter.
func (r *report) pipelineChart() (chart, error) {
	p := newPlot("Open pipeline by forecast category (millions USD)", "$M")
	cats := []struct {
		c   forecast.Category
		col color.Color
	}{{forecast.CategoryCommit, green}, {forecast.CategoryMostLikely, blue}, {forecast.CategoryBestCase, yellow}, {forecast.CategoryPipeline, grey}}
	var names []string
	vals := make([][]float64, len(cats))
	for _, cv := range r.Coverage {
		names = append(names, cv.Quarter.String())
		t, _ := r.Forecast.Cell(forecast.Key{Quarter: cv.Quarter})
		for i, c := range cats {
			vals[i] = append(vals[i], millions(t.Amount(c.c)))
		}
	}
	w := vg.Points(40)
	var below *plotter.BarChart
	for i, c := range cats {
		b, err := bars(vals[i], c.col, w, 0)
		if err != nil {
			return chart{}, err
		}
		if below != nil {
			b.StackOn(below)
		}
		p.Add(b)
		p.Legend.Add(c.c.String(), b)
		below = b
	}
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5 // room for the outer bars
	out, err := svg(p, 14*vg.Centimeter, 9*vg.Centimeter)
	return chart{ID: "pipeline", Title: "Pipeline by category", Caption: "Open opportunities by Salesforce forecast category (stage map first, probability thresholds as fallback, manual overrides) and close quarter, every type (forecast.Build by quarter, Totals.Amount).", SVG: out}, err
}

// attributionChart is the pipeline credited per channel under two models.
func (r *report) attributionChart() (chart, error) {
	p := newPlot("Pipeline credited per channel (millions USD)", "$M")
	w := vg.Points(14)
	var names []string
	for _, t := range r.Attribution[r.Models[0]] {
		names = append(names, t.Channel)
	}
	for i, m := range r.Models {
		var vs []float64
		for _, t := range r.Attribution[m] {
			vs = append(vs, millions(t.Value))
		}
		b, err := bars(vs, []color.Color{blue, purple}[i%2], w, float64(i)-0.5)
		if err != nil {
			return chart{}, err
		}
		p.Add(b)
		p.Legend.Add(m, b)
	}
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4 // room for the outer bars
	out, err := svg(p, 18*vg.Centimeter, 9*vg.Centimeter)
	return chart{ID: "attribution", Title: "Attribution by channel", Caption: "Every opportunity's amount credited to the marketing and sales touches before it: first touch against W-shaped (30% first touch, 30% lead, 30% opportunity, 10% the rest), split to the cent (attribution.Build, Aggregate.Channels).", SVG: out}, err
}
