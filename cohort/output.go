package cohort

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saasmetrics/saasmetrics/metrics"
)

// String prints the logo retention triangle (WriteText with
// MetricLogoRetention, percents to one place).
func (t *Table) String() string {
	var b strings.Builder
	_ = t.WriteText(&b, MetricLogoRetention, metrics.Places(1))
	return b.String()
}

// WriteText prints the triangle of rate m, one line per cohort: its label,
// its size, and the rate at each period as a percent rounded once with ctx;
// a Partial cell ends in "*", a cell the data cannot have observed is "·".
func (t *Table) WriteText(w io.Writer, m Metric, ctx metrics.Context) error {
	if m > MetricChurnRate {
		return metrics.NewMetricError("cohort", "metric", fmt.Errorf("%w: %s", metrics.ErrInvalid, m))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	n := t.Periods()
	fmt.Fprintf(tw, "%s\tsize\t", m)
	for p := range n {
		if t.s.Index == IndexCalendar {
			fmt.Fprintf(tw, "+%d\t", p)
			continue
		}
		fmt.Fprintf(tw, "%s\t", t.Label(Key{}, p))
	}
	fmt.Fprintln(tw)
	for i := range t.rows {
		r := &t.rows[i]
		fmt.Fprintf(tw, "%s\t%d\t", t.KeyLabel(r.key), r.size())
		for p := range n {
			if p >= len(r.cells) || r.cells[p].observed == 0 {
				fmt.Fprint(tw, "·\t")
				continue
			}
			c := t.cell(r, p)
			v, err := m.of(&c)
			if err != nil {
				return err
			}
			mark := ""
			if c.Partial {
				mark = "*"
			}
			fmt.Fprintf(tw, "%s%s\t", v.StringPercent(ctx), mark)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// csvHeader are WriteCSV's columns.
var csvHeader = []string{
	"cohort", "acquired", "segment", "period", "label", "size", "observed", "partial",
	"active", "prev_active", "churned_customers", "reactivated_customers",
	"currency", "mrr", "base_mrr", "capped_mrr", "prev_mrr", "expansion", "contraction", "churn", "reactivation", "revenue",
	"logo_retention", "nrr", "grr", "ltv",
}

// WriteCSV writes the triangle in long form: a header, then one line per
// cohort and period up to the widest cohort's last period. Amounts are
// exact; the rates (fractions, not percents) and the LTV are rounded once
// with ctx. A cell the data cannot have observed has observed 0 and empty
// values: never a 0.
func (t *Table) WriteCSV(w io.Writer, ctx metrics.Context) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	n := t.Periods()
	rec := make([]string, len(csvHeader))
	for i := range t.rows {
		r := &t.rows[i]
		for p := range n {
			clear(rec)
			rec[0], rec[2], rec[3] = t.KeyLabel(r.key), r.key.Segment, strconv.Itoa(p)
			if !r.key.Acquired.IsZero() {
				rec[1] = r.key.Acquired.String()
			}
			rec[4], rec[5], rec[6] = t.Label(r.key, p), strconv.FormatInt(r.size(), 10), "0"
			if p < len(r.cells) && r.cells[p].observed > 0 {
				t.csvCell(rec, t.cell(r, p), ctx)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell fills rec's value columns from c.
func (t *Table) csvCell(rec []string, c Cell, ctx metrics.Context) {
	i := 6
	put := func(s string) { rec[i] = s; i++ }
	for _, n := range []int64{c.Observed} {
		put(strconv.FormatInt(n, 10))
	}
	put(strconv.FormatBool(c.Partial))
	for _, n := range []int64{c.Active, c.PrevActive, c.ChurnedCustomers, c.ReactivatedCustomers} {
		put(strconv.FormatInt(n, 10))
	}
	put(t.s.Currency)
	for _, m := range []metrics.Money{c.MRR, c.BaseMRR, c.CappedMRR, c.PrevMRR, c.Expansion, c.Contraction, c.Churn, c.Reactivation, c.Revenue} {
		put(amountText(m))
	}
	for _, f := range []func() (metrics.Ratio, error){c.LogoRetention, c.NRR, c.GRR} {
		r, _ := f() // observed cells have members and a positive base
		put(r.Decimal(ctx).StringFixed(ctx.Scale()))
	}
	ltv, _ := c.LTV(ctx)
	put(amountText(ltv))
}

// amountText is m's exact amount without its currency.
func amountText(m metrics.Money) string {
	s, _, _ := strings.Cut(m.String(), " ")
	return s
}

// tableJSON is a Table's JSON form: its options, and per cohort its members
// by acquisition month, its cells (null where not observed, up to the
// widest cohort) and its survival counts.
type tableJSON struct {
	Currency       string         `json:"currency"`
	Through        metrics.Month  `json:"through"`
	Grain          Grain          `json:"grain"`
	BySubscription bool           `json:"by_subscription"`
	Segmented      bool           `json:"segmented"`
	SegmentOnly    bool           `json:"segment_only"`
	Reactivation   Reactivation   `json:"reactivation"`
	Index          Index          `json:"index"`
	PartialLast    bool           `json:"partial_last"`
	Cohorts        []cohortJSON   `json:"cohorts"`
	Rejected       []rejectedJSON `json:"rejected,omitempty"`
}

// cohortJSON is one cohort's JSON form.
type cohortJSON struct {
	Label    string         `json:"label"`
	Acquired *metrics.Month `json:"acquired,omitempty"`
	Segment  string         `json:"segment"`
	Size     int64          `json:"size"`
	Members  []membersJSON  `json:"members"`
	Cells    []*cellJSON    `json:"cells"`
	Ends     []int64        `json:"survival_events"`
	Censored []int64        `json:"survival_censored"`
}

// membersJSON counts a cohort's members first paid in one month.
type membersJSON struct {
	Month metrics.Month `json:"month"`
	N     int64         `json:"n"`
}

// cellJSON is one observed cell: its sums (the state) and, for readers,
// its label, partial flag and rates (derived, ignored when read).
type cellJSON struct {
	Period               int           `json:"period"`
	Label                string        `json:"label"`
	Partial              bool          `json:"partial"`
	Observed             int64         `json:"observed"`
	Active               int64         `json:"active"`
	PrevActive           int64         `json:"prev_active"`
	ChurnedCustomers     int64         `json:"churned_customers"`
	ReactivatedCustomers int64         `json:"reactivated_customers"`
	MRR                  metrics.Money `json:"mrr"`
	BaseMRR              metrics.Money `json:"base_mrr"`
	CappedMRR            metrics.Money `json:"capped_mrr"`
	PrevMRR              metrics.Money `json:"prev_mrr"`
	Expansion            metrics.Money `json:"expansion"`
	Contraction          metrics.Money `json:"contraction"`
	Churn                metrics.Money `json:"churn"`
	Reactivation         metrics.Money `json:"reactivation"`
	Revenue              metrics.Money `json:"revenue"`
	LogoRetention        metrics.Ratio `json:"logo_retention"`
	NRR                  metrics.Ratio `json:"nrr"`
	GRR                  metrics.Ratio `json:"grr"`
}

// rejectedJSON is a rejected record; its error travels as text.
type rejectedJSON struct {
	Record int64         `json:"record"`
	Line   int64         `json:"line,omitempty"`
	Entity string        `json:"entity,omitempty"`
	ID     string        `json:"id,omitempty"`
	Detail string        `json:"detail,omitempty"`
	Month  metrics.Month `json:"month"`
	Field  string        `json:"field,omitempty"`
	Error  string        `json:"error"`
}

// MarshalJSON writes the Table's complete state, exactly (amounts in
// metrics.Money's JSON, counts as integers), with every cohort's cells up to the
// widest cohort's last period: a cell the data cannot have observed is
// null. Labels, partial flags and rates are written for readers and
// ignored by UnmarshalJSON.
func (t *Table) MarshalJSON() ([]byte, error) {
	j := tableJSON{
		Currency: t.s.Currency, Through: t.s.Through, Grain: t.s.Grain, BySubscription: t.s.BySubscription,
		Segmented: t.s.Segmented, SegmentOnly: t.s.SegmentOnly, Reactivation: t.s.Reactivation, Index: t.s.Index,
		PartialLast: t.s.PartialLast, Cohorts: make([]cohortJSON, len(t.rows)),
	}
	n := t.Periods()
	for i := range t.rows {
		r := &t.rows[i]
		cj := cohortJSON{Label: t.KeyLabel(r.key), Segment: r.key.Segment, Size: r.size(), Cells: make([]*cellJSON, n), Ends: r.ends, Censored: r.censored}
		if !r.key.Acquired.IsZero() {
			a := r.key.Acquired
			cj.Acquired = &a
		}
		for _, a := range r.acquired {
			cj.Members = append(cj.Members, membersJSON{a.month, a.n})
		}
		for p := range r.cells {
			if r.cells[p].observed == 0 {
				continue
			}
			c := t.cell(r, p)
			logo, _ := c.LogoRetention()
			nrr, _ := c.NRR()
			grr, _ := c.GRR()
			cj.Cells[p] = &cellJSON{
				Period: p, Label: t.Label(r.key, p), Partial: c.Partial, Observed: c.Observed, Active: c.Active,
				PrevActive: c.PrevActive, ChurnedCustomers: c.ChurnedCustomers, ReactivatedCustomers: c.ReactivatedCustomers,
				MRR: c.MRR, BaseMRR: c.BaseMRR, CappedMRR: c.CappedMRR, PrevMRR: c.PrevMRR, Expansion: c.Expansion,
				Contraction: c.Contraction, Churn: c.Churn, Reactivation: c.Reactivation, Revenue: c.Revenue,
				LogoRetention: logo, NRR: nrr, GRR: grr,
			}
		}
		j.Cohorts[i] = cj
	}
	for _, re := range t.rejected {
		j.Rejected = append(j.Rejected, rejectedJSON{re.Record, re.Line, re.Entity, re.ID, re.Detail, re.Month, re.Field, errText(re.Err)})
	}
	return json.Marshal(j)
}

// errText is err's text ("" for nil).
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// UnmarshalJSON reads the form MarshalJSON writes, exactly, into a Table
// that merges and answers as the one written (rejected records keep their
// text, not their sentinel). It checks what the numbers must satisfy —
// options, one currency, cohorts in order without repeats, each within
// MaxSpanMonths of Through, members and observed counts consistent with
// Through, non-negative counts — and refuses anything else with a
// *metrics.MetricError wrapping metrics.ErrInvalid.
func (t *Table) UnmarshalJSON(b []byte) error {
	var j tableJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return jsonErr("%v", err)
	}
	cur, err := Options{Currency: j.Currency, Grain: j.Grain, Reactivation: j.Reactivation, Index: j.Index}.check()
	switch {
	case err != nil:
		return jsonErr("%v", err)
	case cur != j.Currency:
		return jsonErr("currency %q", j.Currency)
	case j.Through.IsZero():
		return jsonErr("no through month")
	case j.SegmentOnly && (!j.Segmented || j.Index == IndexCalendar):
		return jsonErr("segment_only needs segments and no calendar index")
	}
	out := Table{s: settings{
		Currency: cur, Through: j.Through, Grain: j.Grain, BySubscription: j.BySubscription, Segmented: j.Segmented,
		SegmentOnly: j.SegmentOnly, Reactivation: j.Reactivation, Index: j.Index, PartialLast: j.PartialLast,
	}}
	for i := range j.Cohorts {
		r, err := out.readCohort(&j.Cohorts[i])
		if err != nil {
			return err
		}
		if i > 0 && compareKeys(out.rows[i-1].key, r.key) >= 0 {
			return jsonErr("cohort %q out of order or repeated", j.Cohorts[i].Label)
		}
		out.rows = append(out.rows, r)
	}
	for _, re := range j.Rejected {
		out.rejected = append(out.rejected, metrics.RowError{Record: re.Record, Line: re.Line, Entity: re.Entity, ID: re.ID, Detail: re.Detail, Month: re.Month, Field: re.Field, Err: errors.New(re.Error)})
	}
	*t = out
	return nil
}

// jsonErr is UnmarshalJSON's error.
func jsonErr(format string, args ...any) error {
	return metrics.NewMetricError("cohort", "json", fmt.Errorf("%w: "+format, append([]any{metrics.ErrInvalid}, args...)...))
}

// readCohort checks and reads one cohort.
func (t *Table) readCohort(cj *cohortJSON) (cohortRow, error) {
	r := cohortRow{key: Key{Segment: cj.Segment}}
	switch {
	case cj.Acquired != nil && t.s.SegmentOnly, cj.Acquired == nil && !t.s.SegmentOnly:
		return r, jsonErr("cohort %q: acquired month present exactly when cohorts are by acquisition", cj.Label)
	case cj.Segment != "" && !t.s.Segmented:
		return r, jsonErr("cohort %q: a segment without segments", cj.Label)
	case len(cj.Members) == 0:
		return r, jsonErr("cohort %q: no members", cj.Label)
	}
	if cj.Acquired != nil {
		r.key.Acquired = *cj.Acquired
		if t.s.Grain.start(r.key.Acquired) != r.key.Acquired {
			return r, jsonErr("cohort %q: %s does not start a %s", cj.Label, r.key.Acquired, t.s.Grain)
		}
	}
	g := int(t.s.Grain.months())
	last := -1
	var size int64
	for i, m := range cj.Members {
		span := t.s.Through.Sub(m.Month)
		switch {
		case m.N <= 0 || m.N > math.MaxInt64-size || m.Month.IsZero() || span < 0 || span > MaxSpanMonths:
			return r, jsonErr("cohort %q: members %d in %s", cj.Label, m.N, m.Month)
		case i > 0 && !cj.Members[i-1].Month.Before(m.Month):
			return r, jsonErr("cohort %q: member months out of order", cj.Label)
		case !t.s.SegmentOnly && t.s.Grain.start(m.Month) != r.key.Acquired:
			return r, jsonErr("cohort %q: members of %s", cj.Label, m.Month)
		}
		r.acquired = append(r.acquired, acquiredCount{m.Month, m.N})
		size += m.N
		last = max(last, span/g)
	}
	n := last + 1
	if len(cj.Cells) < n || len(cj.Cells) > MaxSpanMonths+1 || len(cj.Ends) != n || len(cj.Censored) != n {
		return r, jsonErr("cohort %q: %d periods observed, %d cells, %d and %d survival counts", cj.Label, n, len(cj.Cells), len(cj.Ends), len(cj.Censored))
	}
	r.grow(n)
	for p := range cj.Cells {
		c := cj.Cells[p]
		var observed int64
		for _, a := range r.acquired {
			if t.s.Through.Sub(a.month)/g >= p {
				observed += a.n
			}
		}
		if (c == nil) != (observed == 0) || c != nil && (c.Observed != observed || c.Period != p) {
			return r, jsonErr("cohort %q period %d: observed %d", cj.Label, p, observed)
		}
		if c == nil {
			continue
		}
		cs, err := t.readCell(c)
		if err != nil {
			return r, jsonErr("cohort %q period %d: %v", cj.Label, p, err)
		}
		r.cells[p] = cs
	}
	var ended int64
	for k := range n {
		if cj.Ends[k] < 0 || cj.Censored[k] < 0 || cj.Ends[k] > size-ended || cj.Censored[k] > size-ended-cj.Ends[k] {
			return r, jsonErr("cohort %q: survival counts at period %d", cj.Label, k)
		}
		ended += cj.Ends[k] + cj.Censored[k]
	}
	if ended != size {
		return r, jsonErr("cohort %q: survival counts %d members of %d", cj.Label, ended, r.size())
	}
	copy(r.ends, cj.Ends)
	copy(r.censored, cj.Censored)
	return r, nil
}

// readCell checks one cell's sums.
func (t *Table) readCell(c *cellJSON) (cellSums, error) {
	cs := cellSums{
		observed: c.Observed, active: c.Active, prevActive: c.PrevActive, churned: c.ChurnedCustomers, reactivated: c.ReactivatedCustomers,
		mrr: c.MRR, base: c.BaseMRR, capped: c.CappedMRR, prevMRR: c.PrevMRR, exp: c.Expansion, contr: c.Contraction,
		churn: c.Churn, react: c.Reactivation, revenue: c.Revenue,
	}
	if slices.ContainsFunc([]int64{cs.active, cs.prevActive, cs.churned, cs.reactivated}, func(n int64) bool { return n < 0 || n > cs.observed }) {
		return cs, errors.New("a count outside [0, observed]")
	}
	for _, m := range []metrics.Money{cs.mrr, cs.base, cs.capped, cs.prevMRR, cs.exp, cs.contr, cs.churn, cs.react, cs.revenue} {
		if m.Currency() != t.s.Currency || m.Sign() < 0 {
			return cs, fmt.Errorf("amount %s", m)
		}
	}
	if cs.base.Sign() <= 0 {
		return cs, errors.New("no base MRR")
	}
	return cs, nil
}
