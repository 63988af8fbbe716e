package main

import (
	"bytes"
	"html/template"
	"io"
	"time"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// The HTML report: one self-contained file (inline SVG and CSS, no script,
// no network), the headline figures as tiles, the charts, and the full
// terminal report.

// tile is one headline figure.
type tile struct {
	Label, Value, Band, Status string
}

// page is what the template shows.
type page struct {
	Generated string
	Tiles     []tile
	Charts    []chart
	Text      string
}

// tileOf returns the tile of a figure with its dictionary band.
func (r *report) tileOf(label, value, id string, v metrics.Value) tile {
	t := tile{Label: label, Value: value}
	if def, ok := r.Dict.Lookup(id); ok {
		if b, err := def.Classify(v); err == nil {
			t.Band, t.Status = b.Name, b.Status.String()
		}
	}
	return t
}

func (r *report) html(w io.Writer) error {
	charts, err := r.charts()
	if err != nil {
		return err
	}
	var text bytes.Buffer
	if err := r.print(&text); err != nil {
		return err
	}
	pg := page{
		Generated: "data through " + through.String() + ", as of " + asOf.Format(time.DateOnly),
		Tiles: []tile{
			{Label: "ARR", Value: usdM(r.Last.ARR())},
			r.tileOf("NRR 2025", r.NRR.StringPercent(pct1), "nrr", r.NRR),
			r.tileOf("GRR 2025", r.GRR.StringPercent(pct1), "grr", r.GRR),
			r.tileOf("Logo churn 2025", r.LogoChurn.StringPercent(pct1), "annual_logo_churn_rate", r.LogoChurn),
			r.tileOf("LTV:CAC", r.LTVToCAC.StringMultiple(x2), "ltv_cac", r.LTVToCAC),
			r.tileOf("CAC payback", qty(r.Payback), "cac_payback", r.Payback),
			r.tileOf("Magic number", r.Magic.StringMultiple(x2), "magic_number", r.Magic),
			r.tileOf("Runway", qty(r.Runway), "runway", r.Runway),
			r.tileOf("Rule of 40", r.RuleOf40.StringPercent(pct1), "rule_of_40", r.RuleOf40),
			r.tileOf("Coverage "+thisQ.String(), r.CoverageX[0].StringMultiple(x2), "pipeline_coverage", r.CoverageX[0]),
		},
		Charts: charts,
		Text:   text.String(),
	}
	return reportTemplate.Execute(w, pg)
}

// svgHTML marks a chart's SVG, drawn by the plotting library from the
// library's figures, as safe to inline.
func svgHTML(b []byte) template.HTML { return template.HTML(b) }

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"svg": svgHTML}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>saasmetrics — sample company dashboard</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px; color: #1d2733; background: #fafbfc; }
h1 { margin-bottom: 0.2rem; } .sub { color: #5b6775; margin-top: 0; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 0.8rem; margin: 1.5rem 0; }
.tile { background: #fff; border: 1px solid #e1e5ea; border-radius: 8px; padding: 0.7rem 0.9rem; border-top: 4px solid #9aa3ad; }
.tile.green { border-top-color: #2e9e5b; } .tile.yellow { border-top-color: #e8b024; } .tile.red { border-top-color: #d6453d; }
.tile .label { font-size: 0.8rem; color: #5b6775; } .tile .value { font-size: 1.5rem; font-weight: 600; } .tile .band { font-size: 0.8rem; color: #5b6775; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
figure { background: #fff; border: 1px solid #e1e5ea; border-radius: 8px; margin: 0; padding: 0.8rem; }
figure svg { width: 100%; height: auto; } figcaption { font-size: 0.85rem; color: #5b6775; }
pre { background: #fff; border: 1px solid #e1e5ea; border-radius: 8px; padding: 1rem; font-size: 0.78rem; overflow-x: auto; }
</style>
</head>
<body>
<h1>Sample company — SaaS metrics</h1>
<p class="sub">Computed exactly by saasmetrics from examples/data/company; {{.Generated}}. Bands and colours are the metric dictionary's.</p>
<section class="tiles">
{{range .Tiles}}<div class="tile {{.Status}}"><div class="label">{{.Label}}</div><div class="value">{{.Value}}</div><div class="band">{{.Band}}</div></div>
{{end}}</section>
<section class="charts">
{{range .Charts}}<figure id="{{.ID}}"><h2>{{.Title}}</h2>{{svg .SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}</section>
<h2>The full report</h2>
<pre>{{.Text}}</pre>
</body>
</html>
`))
