package cohort_test

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/saasmetrics/saasmetrics/cohort"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// exampleRows: six customers over January–June 2024.
//
//	     Jan  Feb  Mar  Apr  May  Jun
//	a    100  100  150  150  150  150   upgrades
//	b    100  100    –    –    –    –   churns in March
//	c     50   50   50   50   50   50
//	d      –  200  200  100  100  100   downgrades
//	e      –  100    –  100  100  100   returns in April
//	f      –    –    –   80   80   80
func exampleRows() []mrr.Row {
	var rows []mrr.Row
	add := func(cust, first string, amounts ...string) {
		m, _ := metrics.ParseMonth(first)
		for i, a := range amounts {
			if a == "" {
				continue
			}
			v, _ := metrics.ParseMoney(a, "USD")
			rows = append(rows, mrr.Row{Customer: cust, Month: m.Add(i), MRR: v})
		}
	}
	add("a", "2024-01", "100", "100", "150", "150", "150", "150")
	add("b", "2024-01", "100", "100")
	add("c", "2024-01", "50", "50", "50", "50", "50", "50")
	add("d", "2024-02", "200", "200", "100", "100", "100")
	add("e", "2024-02", "100", "", "100", "100", "100")
	add("f", "2024-04", "80", "80", "80")
	return rows
}

// The triangle: net revenue retention of each monthly cohort by months
// since acquisition. January {a, b, c} starts at 250 and keeps 150 + 50 =
// 200 (80%) once b churns and a upgrades; February {d, e} starts at 300,
// keeps 200 while e is away and after d downgrades (66.7%).
func ExampleBuild() {
	table, err := cohort.Build(metrics.FromSlice(exampleRows()), cohort.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := table.WriteText(os.Stdout, cohort.MetricNRR, metrics.Places(1)); err != nil {
		fmt.Println(err)
	}
	jan, _ := metrics.ParseMonth("2024-01")
	c, _ := table.Cell(cohort.Key{Acquired: jan}, 2)
	nrr, _ := c.NRR()
	grr, _ := c.GRR()
	logo, _ := c.LogoRetention()
	fmt.Println("January, period 2:", c.MRR, "of", c.BaseMRR, "NRR", nrr.StringPercent(metrics.Places(1)),
		"GRR", grr.StringPercent(metrics.Places(1)), "logos", logo.StringPercent(metrics.Places(1)))
	// Output:
	// nrr  size     0      1      2      3      4    5
	//   2024-01     3  100%   100%    80%    80%    80%  80%
	//   2024-02     2  100%  66.7%  66.7%  66.7%  66.7%    ·
	//   2024-04     1  100%   100%   100%      ·      ·    ·
	// January, period 2: 200.00 USD of 250.00 USD NRR 80% GRR 60% logos 66.7%
}

// Averages across cohorts, over observed cells only. Logo retention by
// period: January 3/3, 3/3, 2/3 …; February 2/2, 1/2 (e away), 2/2 …;
// April 1/1 …
//
//	p2: pooled (2 + 2 + 1) ÷ (3 + 2 + 1) = 5/6; simple (2/3 + 1 + 1) ÷ 3 = 8/9
//	p3: April not observed: pooled (2 + 2) ÷ 5 = 4/5; simple (2/3 + 1) ÷ 2 = 5/6
func ExampleTable_Average() {
	table, err := cohort.Build(metrics.FromSlice(exampleRows()), cohort.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	pooled, _ := table.Average(cohort.Query{})
	simple, _ := table.Average(cohort.Query{Average: cohort.AverageSimple})
	for i, p := range pooled {
		fmt.Printf("p%d  pooled %-6s simple %-6s over %d cohorts\n", p.Period,
			p.Value.StringPercent(metrics.Places(1)), simple[i].Value.StringPercent(metrics.Places(1)), p.Cohorts)
	}
	// Output:
	// p0  pooled 100%   simple 100%   over 3 cohorts
	// p1  pooled 83.3%  simple 83.3%  over 3 cohorts
	// p2  pooled 83.3%  simple 88.9%  over 3 cohorts
	// p3  pooled 80%    simple 83.3%  over 2 cohorts
	// p4  pooled 80%    simple 83.3%  over 2 cohorts
	// p5  pooled 66.7%  simple 66.7%  over 1 cohorts
}

// Kaplan–Meier survival: e's first churn (February + 1) and b's (January
// + 2) are events; customers still paying in June are censored where the
// data ends (f at period 2, d at 4, a and c at 5).
//
//	S(1) = 1 − 1/6 = 5/6; S(2) = 5/6 × (1 − 1/5) = 2/3, then flat
//
// February alone falls to 1/2 at period 1: a median lifetime of 1 month.
func ExampleTable_Survival() {
	table, err := cohort.Build(metrics.FromSlice(exampleRows()), cohort.Options{Currency: "USD"})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := table.Survival(nil)
	for _, p := range s.Points {
		fmt.Printf("p%d at risk %d, events %d, censored %d: S = %s\n", p.Period, p.AtRisk, p.Events, p.Censored, p.Survival.StringPercent(metrics.Places(1)))
	}
	_, err = s.Median()
	fmt.Println(err)
	feb, _ := metrics.ParseMonth("2024-02")
	fs, _ := table.Survival(func(k cohort.Key) bool { return k.Acquired == feb })
	median, _ := fs.Median()
	fmt.Println("February's median lifetime:", median)
	// Output:
	// p0 at risk 6, events 0, censored 0: S = 100%
	// p1 at risk 6, events 1, censored 0: S = 83.3%
	// p2 at risk 5, events 1, censored 1: S = 66.7%
	// p3 at risk 3, events 0, censored 0: S = 66.7%
	// p4 at risk 3, events 0, censored 1: S = 66.7%
	// p5 at risk 2, events 0, censored 2: S = 66.7%
	// metrics: cohort_median_lifetime: survival: value out of range: survival stays above 50% through period 5
	// February's median lifetime: 1 months
}

// The start cohort of a ledger span: the customers paying in February (a
// 100, b 100, c 50, d 200, e 100: 550) followed to June (a 150, c 50, d
// 100, e 100: 400). Capped at their February MRR: 100 + 50 + 100 + 100 =
// 350.
func ExampleSpanRetention() {
	ledger, err := mrr.Build(metrics.FromSlice(exampleRows()), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	mar, _ := metrics.ParseMonth("2024-03")
	r, err := cohort.SpanRetention(ledger, cohort.Span{From: mar, To: ledger.Last()})
	if err != nil {
		fmt.Println(err)
		return
	}
	nrr, _ := r.NRR()
	grr, _ := r.GRR()
	logo, _ := r.LogoRetention()
	fmt.Println(r.StartMRR, "→", r.EndMRR, "NRR", nrr.StringPercent(metrics.Places(1)), "GRR", grr.StringPercent(metrics.Places(1)), "logos", logo.StringPercent(metrics.Places(1)))
	// Output:
	// 550.00 USD → 400.00 USD NRR 72.7% GRR 63.6% logos 80%
}

// Quarterly cohorts from a ledger's movement log: period p samples each
// customer 3p months after its own first month. Q1's customers (a … e) are
// all observed at period 1 (January's in April, February's in May): 4 of 5
// still pay; Q2's f is not observed there yet.
func ExampleFromLedger() {
	ledger, err := mrr.Build(metrics.FromSlice(exampleRows()), mrr.Options{Currency: "USD", KeepLog: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	table, err := cohort.FromLedger(ledger, cohort.Options{Grain: cohort.GrainQuarter})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(table)
	// Output:
	// logo_retention  size     0    1
	//          2024-Q1     5  100%  80%
	//          2024-Q2     1  100%    ·
}

// Shards of customers built apart, one sent as JSON, merge into exactly the
// table of all of them.
func ExampleTable_Merge() {
	rows := exampleRows()
	whole, _ := cohort.Build(metrics.FromSlice(rows), cohort.Options{Currency: "USD", Through: rows[len(rows)-1].Month})
	var ac, df []mrr.Row
	for _, r := range rows {
		if r.Customer <= "c" {
			ac = append(ac, r)
		} else {
			df = append(df, r)
		}
	}
	opts := cohort.Options{Currency: "USD", Through: whole.Through()} // shards agree on where the data ends
	a, _ := cohort.Build(metrics.FromSlice(ac), opts)
	d, _ := cohort.Build(metrics.FromSlice(df), opts)
	b, _ := json.Marshal(d)
	var sent cohort.Table
	if err := json.Unmarshal(b, &sent); err != nil {
		fmt.Println(err)
		return
	}
	merged, err := a.Merge(&sent)
	fmt.Println(merged.Equal(whole), err)
	// Output:
	// true <nil>
}

// The CSV is long: one line per cohort and period, amounts exact, rates
// rounded as asked; a cell not observed has empty values.
func ExampleTable_WriteCSV() {
	rows := exampleRows()[:2] // a: 100 in January and February
	mar, _ := metrics.ParseMonth("2024-03")
	table, _ := cohort.Build(metrics.FromSlice(rows), cohort.Options{Currency: "USD", Through: mar})
	if err := table.WriteCSV(os.Stdout, metrics.Places(2)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// cohort,acquired,segment,period,label,size,observed,partial,active,prev_active,churned_customers,reactivated_customers,currency,mrr,base_mrr,capped_mrr,prev_mrr,expansion,contraction,churn,reactivation,revenue,logo_retention,nrr,grr,ltv
	// 2024-01,2024-01,,0,0,1,1,false,1,0,0,0,USD,100.00,100.00,100.00,0.00,0.00,0.00,0.00,0.00,100.00,1.00,1.00,1.00,100.00
	// 2024-01,2024-01,,1,1,1,1,false,1,1,0,0,USD,100.00,100.00,100.00,100.00,0.00,0.00,0.00,0.00,200.00,1.00,1.00,1.00,200.00
	// 2024-01,2024-01,,2,2,1,1,false,0,1,1,0,USD,0.00,100.00,0.00,100.00,0.00,0.00,100.00,0.00,200.00,0.00,0.00,0.00,200.00
}

// Land-and-expand of one account: 250 two years after landing at 100 is
// 2.5x, excellent by seed 004's bands.
func ExampleLandAndExpandRatio() {
	landed, _ := metrics.MoneyFromInt(100, "USD")
	later, _ := metrics.MoneyFromInt(250, "USD")
	r, _ := cohort.LandAndExpandRatio(metrics.Periods{Previous: landed, Current: later})
	for _, def := range cohort.Definitions() {
		if def.ID == "land_and_expand_ratio" {
			band, _ := def.Classify(r)
			fmt.Println(r.StringMultiple(metrics.Places(2)), band.Name)
		}
	}
	// Output:
	// 2.5x excellent
}

// ACV growth between yearly cohorts: 2023 landed two customers at 2,000
// and 4,000 a month (3,000 on average, 36,000 a year), 2024 one at 3,600
// (43,200 a year): 20%.
func ExampleTable_ACVGrowth() {
	var rows []mrr.Row
	for _, r := range []struct{ c, m, a string }{{"x", "2023-02", "2000"}, {"y", "2023-09", "4000"}, {"z", "2024-03", "3600"}} {
		m, _ := metrics.ParseMonth(r.m)
		v, _ := metrics.ParseMoney(r.a, "USD")
		rows = append(rows, mrr.Row{Customer: r.c, Month: m, MRR: v})
	}
	table, _ := cohort.Build(metrics.FromSlice(rows), cohort.Options{Currency: "USD", Grain: cohort.GrainYear})
	y23, _ := metrics.ParseMonth("2023-01")
	y24, _ := metrics.ParseMonth("2024-01")
	g, err := table.ACVGrowth(cohort.Cohorts{Previous: cohort.Key{Acquired: y23}, Current: cohort.Key{Acquired: y24}})
	fmt.Println(g.StringPercent(metrics.Places(1)), err)
	// Output:
	// 20% <nil>
}

// Time to value by segment: SMB customers took 2, 5 and 30 days (median
// 5; the 90th percentile by nearest rank, ⌈0.9 × 3⌉ = 3rd, 30), enterprise
// 40 and 70 days (median 55) with one still onboarding.
func ExampleTimeToValue() {
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	after := func(days int) time.Time { return start.AddDate(0, 0, days) }
	segment := cohort.SegmentMap(map[string]string{"s1": "smb", "s2": "smb", "s3": "smb", "e1": "enterprise", "e2": "enterprise", "e3": "enterprise"})
	ttv, err := cohort.TimeToValue(metrics.FromSlice([]cohort.Milestone{
		{Customer: "s1", Start: start, Reached: after(2)}, {Customer: "s2", Start: start, Reached: after(30)},
		{Customer: "s3", Start: start, Reached: after(5)}, {Customer: "e1", Start: start, Reached: after(40)},
		{Customer: "e2", Start: start, Reached: after(70)}, {Customer: "e3", Start: start},
	}), cohort.Options{Segment: segment})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range ttv {
		median, _ := s.Median()
		p90, _ := s.P90()
		fmt.Printf("%-10s reached %d, pending %d: median %s, p90 %s\n", s.Segment, s.Reached, s.Pending, median, p90)
	}
	// Output:
	// enterprise reached 2, pending 1: median 55 days, p90 70 days
	// smb        reached 3, pending 0: median 5 days, p90 30 days
}
