package catalog

// seeds/000_47655b065fd9dd72.txt (Malay): "Dashboard Metrik SaaS: Pusat
// Kawalan Hasil Anda", the SaaS metrics dashboard. Its items in order, each
// checked against the library's definition, band edges and worked examples.

import (
	"testing"

	"github.com/saasmetrics/saasmetrics/metrics"
)

func TestSeed000(t *testing.T) { walkSeed(t, seed000Items()) }

func seed000Items() []seedItem {
	return []seedItem{
		// §Metrik Pertumbuhan: "ARR dan Net New ARR: Kadar larian ARR semasa anda dan
		// penambahan bersih suku tahunan/bulanan. Tunjukkan air terjun ..."
		{section: "Metrik Pertumbuhan", item: "ARR run rate and net new ARR, quarterly or monthly", ids: []string{"arr", "net_new_arr"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// ARR = 12 × MRR: $100,000 MRR is $1.2M ARR.
				a, err := metrics.ARR(usd(t, "100000"))
				eqMoney(t, "ARR", a, err, usd(t, "1200000"))
				// Net new ARR = 12 × (new 10 + expansion 5 − contraction 2 − churn 3) = 120.
				n, err := metrics.NetNewARR(metrics.Movements{New: usd(t, "10"), Expansion: usd(t, "5"), Contraction: usd(t, "2"), Churn: usd(t, "3")})
				eqMoney(t, "net new ARR", n, err, usd(t, "120"))
			}},
		{section: "Metrik Pertumbuhan", item: "the waterfall: new, expansion, contraction and churn ARR", ids: []string{"new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr"}, kind: kindDefined},
		// "Kadar Pertumbuhan: Pertumbuhan ARR peratusan suku ke atas dan tahun ke atas."
		{section: "Metrik Pertumbuhan", item: "growth rate: ARR growth quarter over quarter and year over year", ids: []string{"growth_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// $1.0M → $1.1M ARR in a quarter is 10% QoQ.
				g, err := metrics.GrowthRate(metrics.Periods{Previous: usd(t, "1000000"), Current: usd(t, "1100000")})
				eqRatio(t, "QoQ growth", g, err, pct(t, "10"))
				c.cadences(t, metrics.CadenceQuarterly, "growth_rate")
			}},
		// "Metrik Logo: Pelanggan baru ditambah, pelanggan yang churn, pertumbuhan logo bersih."
		{section: "Metrik Pertumbuhan", item: "logo metrics: new customers, churned customers, net logo growth", ids: []string{"net_logo_growth", "logo_growth_rate"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				q, err := metrics.NetLogoGrowth(metrics.Customers{New: 10, Churned: 4})
				eqQuantity(t, "net logo growth", q, err, "6")
			}},
		// §Metrik Kecekapan: "CAC: Jumlah perbelanjaan jualan dan pemasaran dibahagikan
		// dengan pelanggan baru yang diperoleh. Jejaki ... mengikut saluran."
		{section: "Metrik Kecekapan", item: "CAC = sales and marketing spend ÷ new customers, tracked by channel", ids: []string{"cac", "cac_by_channel"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// (60,000 + 40,000) ÷ 50 = 2,000.
				v, err := metrics.CAC(usd(t, "60000"), usd(t, "40000"), 50)
				eqMoney(t, "CAC", v, err, usd(t, "2000"))
			}},
		// "LTV: Purata hasil bagi setiap pelanggan didarab dengan purata seumur hidup
		// pelanggan. Gunakan pengiraan berasaskan kohort untuk ketepatan."
		{section: "Metrik Kecekapan", item: "LTV = average revenue per customer × average customer lifetime", ids: []string{"ltv_simple", "customer_lifetime"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// 2% monthly churn → 50 months; $100 a month × 50 = $5,000.
				life, err := metrics.CustomerLifetimeMonths(pct(t, "2"))
				eqQuantity(t, "lifetime", life, err, "50")
				v, err := metrics.LTVSimple(usd(t, "100"), life)
				eqMoney(t, "LTV", v, err, usd(t, "5000"))
			}},
		{section: "Metrik Kecekapan", item: "cohort-based LTV for accuracy", owner: "cohort", kind: kindDefined},
		// "Nisbah LTV:CAC ... menyasarkan 3:1 atau lebih tinggi"
		{section: "Metrik Kecekapan", item: "LTV:CAC: healthy SaaS aims at 3:1 or higher", ids: []string{"ltv_cac"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "ltv_cac", "3", "warning", "good", "good")
				c.status(t, "ltv_cac", rat(t, "3"), metrics.StatusGreen)
			}},
		// "Nombor Ajaib: ARR baru bersih dibahagikan dengan perbelanjaan jualan dan
		// pemasaran dari suku sebelumnya. Di atas 0.75 mencadangkan pertumbuhan yang cekap."
		{section: "Metrik Kecekapan", item: "magic number: net new ARR ÷ previous quarter's S&M spend; above 0.75 is efficient", ids: []string{"magic_number"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.edge(t, "magic_number", "0.75", "workable", "workable", "efficient")
				v, err := metrics.MagicNumber(metrics.Efficiency{NetNewARR: usd(t, "750000"), SalesMarketing: usd(t, "1000000")})
				eqRatio(t, "magic number", v, err, rat(t, "0.75"))
				c.band(t, "magic_number", v, "workable")
			}},
		// §Metrik Kesihatan: "Kadar Churn: Kedua-dua logo churn (peratusan pelanggan) dan
		// churn dolar (peratusan ARR). Jejaki bulanan dan tahunan."
		{section: "Metrik Kesihatan", item: "churn rate: logo churn (% of customers) and dollar churn (% of ARR), monthly and annually", ids: []string{"logo_churn_rate", "monthly_logo_churn_rate", "annual_logo_churn_rate", "gross_mrr_churn_rate"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				c.cadences(t, metrics.CadenceMonthly, "monthly_logo_churn_rate", "gross_mrr_churn_rate")
				c.cadences(t, metrics.CadenceAnnually, "annual_logo_churn_rate")
				// Dollar churn: $30k churn + $20k contraction of $1M ARR = 5%.
				v, err := metrics.GrossMRRChurnRate(metrics.Movements{Start: usd(t, "1000000"), Churn: usd(t, "30000"), Contraction: usd(t, "20000")})
				eqRatio(t, "dollar churn", v, err, pct(t, "5"))
			}},
		// "NRR: ARR daripada kohort pelanggan satu tahun kemudian dibahagikan dengan ARR
		// permulaan. Di atas 100% bermakna pengembangan melebihi churn."
		{section: "Metrik Kesihatan", item: "NRR: the cohort's ARR a year later ÷ its starting ARR; above 100% expansion exceeds churn", ids: []string{"nrr"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// Expansion 10 against churn 5: 105%; expansion equal to losses: exactly 100%.
				v, err := metrics.NRR(metrics.Movements{Start: usd(t, "100"), Expansion: usd(t, "10"), Churn: usd(t, "5")})
				eqRatio(t, "NRR", v, err, pct(t, "105"))
				v, err = metrics.NRR(metrics.Movements{Start: usd(t, "100"), Expansion: usd(t, "5"), Churn: usd(t, "5")})
				eqRatio(t, "NRR", v, err, pct(t, "100"))
				c.edge(t, "nrr", "100", "warning", "acceptable", "acceptable")
			}},
		{section: "Metrik Kesihatan", item: "NRR and GRR of a cohort over a year", owner: "cohort", kind: kindDefined},
		// "GRR: ARR yang dipertahankan daripada kohort tidak termasuk pengembangan."
		{section: "Metrik Kesihatan", item: "GRR: ARR kept from the cohort, expansion excluded", ids: []string{"grr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				m := metrics.Movements{Start: usd(t, "100"), Expansion: usd(t, "10"), Churn: usd(t, "5"), Contraction: usd(t, "3")}
				g, err := metrics.GRR(m)
				eqRatio(t, "GRR", g, err, pct(t, "92"))
			}},
		// "Pengagihan Kesihatan Pelanggan: Peratusan ARR dalam status kesihatan sihat,
		// berisiko, dan kritikal."
		{section: "Metrik Kesihatan", item: "customer health distribution: % of ARR healthy, at risk and critical", owner: "health", kind: kindDefined},
		// §Metrik Saluran: "Perlindungan Saluran: Nilai saluran keseluruhan dibahagikan
		// dengan sasaran ARR untuk tempoh tersebut. ... memerlukan perlindungan 3-5x."
		{section: "Metrik Saluran", item: "pipeline coverage: pipeline ÷ the period's ARR target; 3–5× needed", ids: []string{"pipeline_coverage"}, owner: "forecast", kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// 3–5× is what is needed: 3.0× and 5.0× are both green,
				// and less than the need is not met (the seed draws no
				// softer edge below 3×; forecast's Differs says so).
				c.status(t, "pipeline_coverage", rat(t, "3"), metrics.StatusGreen)
				c.status(t, "pipeline_coverage", rat(t, "5"), metrics.StatusGreen)
				c.status(t, "pipeline_coverage", rat(t, "2.99"), metrics.StatusRed)
			}},
		// "Halaju Saluran: ... (bilangan peluang × saiz urusan purata × kadar kemenangan) /
		// panjang kitaran jualan."
		{section: "Metrik Saluran", item: "pipeline velocity = opportunities × average deal × win rate ÷ cycle length", ids: []string{"pipeline_velocity"}, owner: "forecast", kind: kindDefined},
		// "Kadar Penukaran: Peringkat kepada peratusan penukaran peringkat"
		{section: "Metrik Saluran", item: "stage-to-stage conversion rate", ids: []string{"stage_conversion"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.StageConversion(30, 120)
				eqRatio(t, "conversion", v, err, pct(t, "25"))
			}},
		// §Metrik Aktiviti: calls, meetings, emails, proposals, demos; leading indicators.
		{section: "Metrik Aktiviti", item: "activity counts: calls, meetings, emails, proposals, demos (leading)", owner: "forecast", kind: kindDefined},
		// §Air Terjun ARR: "ARR permulaan, tambah ARR baru, tambah ARR pengembangan, tolak
		// pengecilan, tolak churn, sama dengan ARR tamat."
		{section: "Air Terjun ARR", item: "waterfall: starting ARR + new + expansion − contraction − churn = ending ARR", ids: []string{"net_new_mrr", "ledger_net_new_mrr", "reactivation_mrr"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				// 100 + 20 + 10 − 5 − 8 = 117: net new 17.
				v, err := metrics.NetNewMRR(metrics.Movements{Start: usd(t, "100"), New: usd(t, "20"), Expansion: usd(t, "10"), Contraction: usd(t, "5"), Churn: usd(t, "8")})
				eqMoney(t, "net new", v, err, usd(t, "17"))
			}},
		// §Arah Aliran Kadar Pertumbuhan: "kadar pertumbuhan suku tahunan sepanjang 8-12
		// suku terakhir. Adakah pertumbuhan mempercepatkan (hebat), stabil (baik), atau
		// melambatkan (membimbangkan)?"
		{section: "Arah Aliran Kadar Pertumbuhan", item: "quarterly growth over the last 8–12 quarters: accelerating (great), stable (good), decelerating (worrying)", ids: []string{"growth_trend"}, kind: kindDiffers,
			check: func(t *testing.T, c seedCtx) {
				series := func(ps ...string) []metrics.Ratio {
					out := make([]metrics.Ratio, len(ps))
					for i, p := range ps {
						out[i] = pct(t, p)
					}
					return out
				}
				// Eight quarters falling by one point each: slope −1 point, decelerating.
				tr, err := metrics.GrowthTrend(series("12", "11", "10", "9", "8", "7", "6", "5"), pct(t, "0.5"))
				if err != nil || tr.Direction != metrics.TrendDecelerating || !tr.Slope.Equal(pct(t, "-1")) {
					t.Errorf("falling: %+v, %v", tr, err)
				}
				// Up and down around 8%: slope 0, stable.
				tr, err = metrics.GrowthTrend(series("8", "9", "8", "9", "8", "9", "8", "9", "9", "8", "9", "8"), pct(t, "0.5"))
				if err != nil || tr.Direction != metrics.TrendStable {
					t.Errorf("flat: %+v, %v", tr, err)
				}
				// Rising two points a quarter over twelve quarters: accelerating.
				tr, err = metrics.GrowthTrend(series("2", "4", "6", "8", "10", "12", "14", "16", "18", "20", "22", "24"), pct(t, "0.5"))
				if err != nil || tr.Direction != metrics.TrendAccelerating || !tr.Slope.Equal(pct(t, "2")) {
					t.Errorf("rising: %+v, %v", tr, err)
				}
				c.edge(t, "growth_trend", "0", "decelerating", "stable", "accelerating")
				c.status(t, "growth_trend", pct(t, "-1"), metrics.StatusYellow)
			}},
		// §Nisbah Kecekapan Utama: LTV:CAC, magic number, CAC payback (months to recover);
		// "LTV:CAC 4.2:1 adalah baik (ya)".
		{section: "Nisbah Kecekapan Utama", item: "LTV:CAC, magic number and CAC payback; an LTV:CAC of 4.2:1 is good", ids: []string{"ltv_cac", "magic_number", "cac_payback"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.LTVToCAC(metrics.UnitEconomics{LTV: usd(t, "4200"), CAC: usd(t, "1000")})
				eqRatio(t, "LTV:CAC", v, err, rat(t, "4.2"))
				c.band(t, "ltv_cac", v, "good")
				c.status(t, "ltv_cac", v, metrics.StatusGreen)
				// $1,200 CAC repaid by $100 a month at 80% margin: 15 months.
				p, err := metrics.CACPaybackMonths(metrics.UnitEconomics{CAC: usd(t, "1200"), ARPA: usd(t, "100"), GrossMargin: pct(t, "80")})
				eqQuantity(t, "payback", p, err, "15")
			}},
		// §Pembakaran Tunai dan Landasan: monthly burn rate and months of runway.
		{section: "Pembakaran Tunai dan Landasan", item: "monthly burn rate and months of runway left", ids: []string{"burn_rate", "runway"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// $1.0M → $0.7M over 3 months: $100k a month; $0.7M lasts 7 months.
				b, err := metrics.BurnRate(metrics.Periods{Previous: usd(t, "1000000"), Current: usd(t, "700000")}, 3)
				eqMoney(t, "burn", b, err, usd(t, "100000"))
				r, err := metrics.RunwayMonths(metrics.BalanceSheet{Cash: usd(t, "700000")}, b)
				eqQuantity(t, "runway", r, err, "7")
				c.cadences(t, metrics.CadenceMonthly, "burn_rate", "runway")
			}},
		{section: "10 Akaun Teratas Berisiko", item: "the ten largest accounts at risk of churn", owner: "health", kind: kindDefined},
		{section: "Status Inisiatif Strategis", item: "status of 3–5 strategic initiatives", kind: kindNotMetric, note: "project status for the board, nothing to compute"},
		// §Dashboard Kepemimpinan Hasil
		{section: "Perlindungan Saluran mengikut Suku", item: "pipeline coverage for this quarter and the next two, by rep, segment, region", owner: "forecast", kind: kindDefined},
		{section: "Pengesanan Ramalan vs Sebenar", item: "commit, probable and upside forecasts against actuals; forecast accuracy", ids: []string{"forecast_accuracy"}, owner: "forecast", kind: kindDefined},
		{section: "Kadar Kemenangan mengikut Segmen", item: "win rate by company size, industry, lead source, deal size", ids: []string{"win_rate"}, owner: "forecast", kind: kindDefined},
		{section: "Arah Aliran Kitaran Jualan", item: "average sales cycle over time and by segment", ids: []string{"sales_cycle"}, owner: "forecast", kind: kindDefined},
		{section: "Kedudukan Prestasi Wakil", item: "rep ranking: quota attainment, pipeline generated, win rate", ids: []string{"quota_attainment"}, owner: "forecast", kind: kindDefined},
		// "Jika anda perlu menjana ARR $20M tetapi kapasiti pasukan anda ialah $15M, anda
		// mempunyai jurang" — a $5M gap.
		{section: "Kapasiti Pasukan Hasil", item: "team capacity against target: $20M needed, $15M capacity is a gap", ids: []string{"team_capacity", "capacity_gap"}, owner: "forecast", kind: kindDefined},
		// §Dashboard Pemasaran
		{section: "Jumlah MQL dan Arah Aliran", item: "MQL volume by week or month and its trend against the monthly target", ids: []string{"change", "attainment"}, kind: kindCapability,
			note: "a count the caller has; its trend and target with change and attainment"},
		{section: "Penukaran MQL kepada SQL", item: "share of MQLs that qualify as SQLs after sales contact", ids: []string{"mql_to_sql"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.MQLToSQL(40, 200)
				eqRatio(t, "MQL→SQL", v, err, pct(t, "20"))
				c.owners(t, map[string]string{"mql_to_sql": "VP Marketing"})
			}},
		{section: "Saluran Dijana", item: "pipeline created from marketing leads, this quarter and next", owner: "attribution", kind: kindDefined},
		{section: "CAC mengikut Saluran", item: "acquisition cost per marketing channel", ids: []string{"cac_by_channel"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				// Paid search $10,000 for 20, events $5,000 for 5: $500 and $1,000;
				// blended from the sums, $15,000 ÷ 25 = $600 (not the mean $750).
				v, err := metrics.CACByChannel([]metrics.ChannelSpend{{Channel: "paid search", Spend: usd(t, "10000"), NewCustomers: 20}, {Channel: "events", Spend: usd(t, "5000"), NewCustomers: 5}})
				if err != nil {
					t.Fatal(err)
				}
				eqMoney(t, "paid search", v.Channels[0].CAC, nil, usd(t, "500"))
				eqMoney(t, "events", v.Channels[1].CAC, nil, usd(t, "1000"))
				eqMoney(t, "blended", v.Blended, nil, usd(t, "600"))
			}},
		{section: "Hasil Bersumber Pemasaran", item: "marketing-sourced revenue with multi-touch attribution", owner: "attribution", kind: kindDefined},
		{section: "ROI Kempen", item: "campaign investment, leads, pipeline, closed revenue; ROI", ids: []string{"campaign_roi"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.CampaignROI(metrics.Campaign{Revenue: usd(t, "150000"), Cost: usd(t, "100000")})
				eqRatio(t, "ROI", v, err, pct(t, "50"))
			}},
		{section: "Corong Penukaran Laman Web", item: "visitor → demo request → trial sign-up → opportunity", ids: []string{"visitor_conversion", "stage_conversion"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.VisitorConversion(150, 10000)
				eqRatio(t, "visitor → demo", v, err, pct(t, "1.5"))
			}},
		// §Dashboard Jualan
		{section: "Saluran mengikut Peringkat", item: "pipeline by stage with aging indicators", owner: "forecast", kind: kindDefined},
		{section: "Kategori Ramalan", item: "forecast categories: commit (90%+), probable (50%), pipeline (<50%)", owner: "forecast", kind: kindDefined},
		{section: "Metrik Halaju Urusan", item: "how fast opportunities move through stages", owner: "forecast", kind: kindDefined},
		{section: "Metrik Aktiviti", item: "calls, meetings, emails and demos per rep", owner: "forecast", kind: kindDefined},
		{section: "Analisis Kemenangan/Kekalahan", item: "win rate, common loss reasons, competitive win/loss", owner: "forecast", kind: kindDefined},
		{section: "Pencapaian Kuota", item: "each rep's progress to quota with the time left in the quarter", owner: "forecast", kind: kindDefined},
		// §Dashboard Kejayaan Pelanggan: "Pengagihan ideal ialah 70%+ sihat, 20% berisiko,
		// <10% kritikal."
		{section: "Pengagihan Kesihatan Pelanggan", item: "ARR by health category; ideal 70%+ healthy, 20% at risk, <10% critical", owner: "health", kind: kindDefined},
		{section: "Arah Aliran NRR dan GRR", item: "retention by cohort over time", owner: "cohort", kind: kindDefined},
		{section: "Ramalan Churn", item: "churn forecast from the renewal pipeline and health scores", owner: "health", kind: kindDefined},
		{section: "Saluran Pengembangan", item: "expansion opportunities by stage with expected close dates", owner: "forecast", kind: kindDefined},
		// "Paparkan bilangan akaun dan berapa banyak ARR yang setiap CSM urus. CSM yang
		// kelebihan beban ... meningkatkan risiko churn."
		{section: "Beban Akaun CSM", item: "accounts and ARR each CSM manages; overloaded CSMs raise churn risk", ids: []string{"accounts_per_csm", "arr_per_csm", "arr_per_csm_mid_market"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				v, err := metrics.AccountsPerCSM(120, 3)
				eqRatio(t, "accounts per CSM", v, err, metrics.RatioFromInt(40))
				a, err := metrics.ARRPerCSM(usd(t, "9000000"), 3)
				eqMoney(t, "ARR per CSM", a, err, usd(t, "3000000"))
				// An overloaded mid-market book is flagged.
				c.is(t, "arr_per_csm_mid_market", "6000000", "overloaded")
			}},
		{section: "Metrik Penggunaan", item: "product usage by segment; low usage predicts churn", ids: []string{"stickiness", "feature_adoption", "weekly_active_seat_share"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.signals(t, metrics.SignalLeading, "stickiness", "feature_adoption", "weekly_active_seat_share")
			}},
		{section: "Arah Aliran Tiket Sokongan", item: "ticket volume, resolution time and satisfaction", ids: []string{"resolution_time", "csat"}, kind: kindDefined},
		// §Prinsip Reka Bentuk Dashboard
		{section: "Keupayaan Penggalian Bawah", item: "drill down when NRR is 95%", ids: []string{"nrr"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				c.band(t, "nrr", pct(t, "95"), "warning")
				c.status(t, "nrr", pct(t, "95"), metrics.StatusYellow)
			}},
		{section: "Amaran Ambang", item: "red, yellow and green indicators for metrics outside the acceptable range", kind: kindCapability,
			note: "Definition.Classify and Definition.Status: every band has a status",
			check: func(t *testing.T, c seedCtx) {
				c.status(t, "nrr", pct(t, "85"), metrics.StatusRed)
				c.status(t, "nrr", pct(t, "125"), metrics.StatusGreen)
			}},
		{section: "Tempoh Perbandingan", item: "compare with the previous period, the plan or target, and the historical average", ids: []string{"change", "attainment", "trailing_average", "diff_from_trailing_average"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				ch, err := metrics.ChangeMoney(metrics.Periods{Previous: usd(t, "200"), Current: usd(t, "230")})
				if err != nil || !ch.Absolute.Equal(usd(t, "30")) || !ch.Relative.Equal(pct(t, "15")) {
					t.Errorf("change %+v, %v", ch, err)
				}
				a, err := metrics.Attainment(metrics.Goal{Actual: usd(t, "90"), Target: usd(t, "100")})
				eqRatio(t, "attainment", a, err, pct(t, "90"))
			}},
		// §Kekerapan Penyegaran: "Masa nyata untuk dashboard operasional ... Setiap jam
		// untuk dashboard pengurusan. Setiap hari untuk dashboard eksekutif."
		{section: "Kekerapan Penyegaran", item: "refresh: real time for operational, hourly for management, daily for executive dashboards", kind: kindCapability,
			note: "Definition.Cadence on every definition (the finest cadence is daily; 000's real-time and hourly refreshes are daily here)",
			check: func(t *testing.T, c seedCtx) {
				c.cadences(t, metrics.CadenceDaily, "first_response_time", "resolution_time")
			}},
		{section: "Semakan Kualiti Data", item: "automatic checks that flag anomalies, such as churn suddenly quadrupling", kind: kindCapability,
			note: "mrr.Ledger.Anomalies flags outlying months",
			check: func(t *testing.T, c seedCtx) {
				if !exportedFuncs(t)["mrr.Ledger.Anomalies"] {
					t.Error("mrr.Ledger.Anomalies is gone")
				}
			}},
		{section: "Definisi Pengiraan", item: "document every calculation: CAC = (sales + marketing spend) ÷ new customers; publish a metric dictionary", ids: []string{"cac"}, kind: kindDefined,
			check: func(t *testing.T, c seedCtx) {
				if f := c.def(t, "cac").Formula; f == "" {
					t.Error("cac has no formula")
				}
			}},
		{section: "Pemeliharaan Sejarah", item: "keep snapshots; never overwrite history when recomputing", kind: kindNotMetric, note: "a storage practice; versioned definitions (the golden file) keep old numbers reproducible"},
		{section: "Kesilapan Umum", item: "no ownership: every dashboard needs an owner", kind: kindCapability, note: "Definition.Owner on every definition",
			check: func(t *testing.T, c seedCtx) {
				for _, d := range c.dict.All() {
					if d.Owner == "" {
						t.Errorf("%s has no owner", d.ID)
					}
				}
			}},
		{section: "Hierarki Dashboard", item: "executive (board), revenue leadership, department and rep/manager dashboards", kind: kindCapability, note: "Definition.Audiences and Dictionary.ForAudience",
			check: func(t *testing.T, c seedCtx) {
				board := c.dict.ForAudience(metrics.AudienceBoard)
				found := map[string]bool{}
				for _, d := range board {
					found[d.ID] = true
				}
				for _, id := range []string{"arr", "growth_rate", "ltv_cac", "burn_rate", "runway"} {
					if !found[id] {
						t.Errorf("%s is not on the board's dashboard", id)
					}
				}
			}},
	}
}
