package cohort

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// smallRows: a pays 100 in Jan and Feb, 150 in Mar; b pays 50 in Feb only;
// Through March. Jan {a}: 100%, 100%, 150% NRR; Feb {b}: 100%, 0%.
func smallRows(t *testing.T) []mrr.Row {
	var rows []mrr.Row
	rows = series(t, rows, "a", "", "2024-01", "100", "100", "150")
	return series(t, rows, "b", "", "2024-02", "50")
}

func TestWriteText(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD", Through: month(t, "2024-03")})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tab.WriteText(&b, MetricNRR, metrics.Places(1)); err != nil {
		t.Fatal(err)
	}
	want := "      nrr  size     0     1     2\n" +
		"  2024-01     1  100%  100%  150%\n" +
		"  2024-02     1  100%    0%     ·\n"
	if b.String() != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", b.String(), want)
	}
	// String is the logo triangle; a partial cell is starred; calendar
	// labels name the offsets.
	if s := tab.String(); !strings.Contains(s, "logo_retention") || !strings.Contains(s, "100%  100%  100%") {
		t.Errorf("String:\n%s", s)
	}
	partial, _ := Build(source(smallRows(t)), Options{Currency: "USD", PartialLast: true, Index: IndexCalendar})
	if s := partial.String(); !strings.Contains(s, "+2") || !strings.Contains(s, "100%*") {
		t.Errorf("partial String:\n%s", s)
	}
	if err := tab.WriteText(&b, 7, metrics.Places(1)); !errors.Is(err, metrics.ErrInvalid) {
		t.Errorf("bad metric: %v", err)
	}
}

func TestWriteCSV(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD", Index: IndexOne})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tab.WriteCSV(&b, metrics.Places(4)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A header and 2 cohorts × 3 periods; Feb's third is not observed.
	if len(recs) != 7 || strings.Join(recs[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	jan2 := recs[3] // Jan, period 2: a at 150 of 100; revenue 350
	for h, want := range map[string]string{
		"cohort": "2024-01", "acquired": "2024-01", "period": "2", "label": "3", "size": "1", "observed": "1", "partial": "false",
		"active": "1", "currency": "USD", "mrr": "150.00", "base_mrr": "100.00", "capped_mrr": "100.00", "expansion": "50.00",
		"revenue": "350.00", "logo_retention": "1.0000", "nrr": "1.5000", "grr": "1.0000", "ltv": "350.00",
	} {
		if jan2[col[h]] != want {
			t.Errorf("Jan p2 %s = %q, want %q", h, jan2[col[h]], want)
		}
	}
	feb1 := recs[5] // Feb, period 1: b churned
	if feb1[col["churn"]] != "50.00" || feb1[col["churned_customers"]] != "1" || feb1[col["nrr"]] != "0.0000" || feb1[col["active"]] != "0" {
		t.Errorf("Feb p1: %v", feb1)
	}
	feb2 := recs[6] // not observed: observed 0, empty values, never 0
	if feb2[col["period"]] != "2" || feb2[col["observed"]] != "0" || feb2[col["nrr"]] != "" || feb2[col["mrr"]] != "" {
		t.Errorf("Feb p2: %v", feb2)
	}
}

func TestJSON(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD", Segment: func(string) (string, bool) { return "all", true }})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tab)
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Cohorts []struct {
			Label string             `json:"label"`
			Cells []*json.RawMessage `json:"cells"`
		} `json:"cohorts"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	// Not-observed cells are null: Feb's period 2.
	if len(j.Cohorts) != 2 || j.Cohorts[1].Label != "2024-02 all" || len(j.Cohorts[1].Cells) != 3 || j.Cohorts[1].Cells[2] != nil || j.Cohorts[1].Cells[1] == nil {
		t.Fatalf("JSON: %s", b)
	}
	if !strings.Contains(string(b), `"nrr":"1.5"`) || !strings.Contains(string(b), `"mrr":{"amount":"150.00","currency":"USD"}`) {
		t.Errorf("JSON lacks the rates or amounts: %s", b)
	}
	var back Table
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(tab) {
		t.Fatalf("round trip differs")
	}
	// Rejected records travel with their text.
	bad := append(smallRows(t), mrr.Row{Customer: "z", Month: month(t, "2024-01"), MRR: usd(t, "-1")})
	lax, err := Build(source(bad), Options{Currency: "USD", Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(lax)
	var laxBack Table
	if err := json.Unmarshal(b, &laxBack); err != nil || !laxBack.Equal(lax) || laxBack.Rejected()[0].Error() != lax.Rejected()[0].Error() {
		t.Fatalf("rejected round trip: %v", err)
	}
}

// UnmarshalJSON refuses states no build could produce, naming what is
// wrong.
func TestUnmarshalJSONRefuses(t *testing.T) {
	tab, err := Build(source(smallRows(t)), Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(tab)
	good := string(b)
	for name, edit := range map[string]func(string) string{
		"not JSON": func(s string) string { return s[:10] },
		"bad currency": func(s string) string {
			return strings.Replace(s, `"currency":"USD","through"`, `"currency":"US","through"`, 1)
		},
		"lower-case code": func(s string) string {
			return strings.Replace(s, `"currency":"USD","through"`, `"currency":"usd","through"`, 1)
		},
		"no through":         func(s string) string { return strings.Replace(s, `"through":"2024-03"`, `"through":""`, 1) },
		"bad grain":          func(s string) string { return strings.Replace(s, `"grain":"month"`, `"grain":"week"`, 1) },
		"segment only alone": func(s string) string { return strings.Replace(s, `"segment_only":false`, `"segment_only":true`, 1) },
		"cohorts reversed": func(s string) string {
			s = strings.Replace(s, `"acquired":"2024-01"`, `"acquired":"X"`, 1)
			s = strings.Replace(s, `"acquired":"2024-02"`, `"acquired":"2024-01"`, 1)
			return strings.Replace(s, `"acquired":"X"`, `"acquired":"2024-02"`, 1)
		},
		"segment without segments": func(s string) string { return strings.Replace(s, `"segment":""`, `"segment":"x"`, 1) },
		"member count":             func(s string) string { return strings.Replace(s, `"n":1`, `"n":2`, 1) },
		"negative members":         func(s string) string { return strings.Replace(s, `"n":1`, `"n":-1`, 1) },
		"member after through": func(s string) string {
			return strings.Replace(s, `{"month":"2024-02","n":1}`, `{"month":"2024-04","n":1}`, 1)
		},
		"member of another month": func(s string) string {
			return strings.Replace(s, `{"month":"2024-02","n":1}`, `{"month":"2024-01","n":1}`, 1)
		},
		"missing cell": func(s string) string {
			return strings.Replace(s, `"cells":[{"period":0`, `"cells":[null,{"period":0`, 1)
		},
		"wrong period": func(s string) string { return strings.Replace(s, `"period":1`, `"period":2`, 1) },
		"survival length": func(s string) string {
			return strings.Replace(s, `"survival_events":[0,0,0]`, `"survival_events":[0,0]`, 1)
		},
		"negative survival": func(s string) string {
			return strings.Replace(s, `"survival_events":[0,0,0]`, `"survival_events":[0,0,-1]`, 1)
		},
		"active above observed": func(s string) string { return strings.Replace(s, `"active":1`, `"active":2`, 1) },
		"negative amount":       func(s string) string { return strings.Replace(s, `"amount":"150.00"`, `"amount":"-150.00"`, 1) },
		"other currency": func(s string) string {
			return strings.Replace(s, `"amount":"150.00","currency":"USD"`, `"amount":"150.00","currency":"EUR"`, 1)
		},
		"zero base": func(s string) string {
			return strings.Replace(s, `"base_mrr":{"amount":"100.00"`, `"base_mrr":{"amount":"0.00"`, 1)
		},
		"huge exponent": func(s string) string { return strings.Replace(s, `"amount":"150.00"`, `"amount":"1e2000000"`, 1) },
	} {
		s := edit(good)
		if s == good {
			t.Errorf("%s: the edit changed nothing", name)
			continue
		}
		var back Table
		if err := json.Unmarshal([]byte(s), &back); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// go-cmp compares Tables with Equal: by value (1.5 equals 1.50), and a
// changed cell is a difference.
func TestTableCmp(t *testing.T) {
	a, _ := Build(source(smallRows(t)), Options{Currency: "USD"})
	rows := smallRows(t)
	rows[0].MRR = usd(t, "100.000")
	b, _ := Build(source(rows), Options{Currency: "USD"})
	if !gocmp.Equal(a, b) {
		t.Errorf("scale matters:\n%s", gocmp.Diff(a, b))
	}
	rows[0].MRR = usd(t, "100.01")
	c, _ := Build(source(rows), Options{Currency: "USD"})
	if gocmp.Equal(a, c) || a.Equal(nil) || !(*Table)(nil).Equal(nil) {
		t.Errorf("a different amount compares equal")
	}
}
