package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/saasmetrics/saasmetrics/forecast"
	"github.com/saasmetrics/saasmetrics/health"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/attribution"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
	"github.com/shopspring/decimal"
)

// The sample company's files are read here into the library's types: parsing
// only (text to money, ratios, dates), no metric. Every bad field is an error
// naming the file, the line and the column.

// table is a CSV file read whole: its header's column positions and records.
type table struct {
	name string
	cols map[string]int
	rows [][]string
}

// readTable reads dir/name, which must have every column in need.
func readTable(dir, name string, need ...string) (*table, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	t := &table{name: name, cols: map[string]int{}}
	for i, h := range header {
		t.cols[h] = i
	}
	for _, c := range need {
		if _, ok := t.cols[c]; !ok {
			return nil, fmt.Errorf("%s: no column %q", name, c)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.rows = append(t.rows, rec)
	}
}

// field is one cell of a table, with what errors need to say where it is.
type field struct {
	t   *table
	row int
	col string
}

func (t *table) at(row int, col string) field { return field{t, row, col} }

func (f field) text() string { return f.t.rows[f.row][f.t.cols[f.col]] }

func (f field) fail(err error) error {
	// Line row+2: the header is line 1.
	return fmt.Errorf("%s line %d, column %s (%q): %w", f.t.name, f.row+2, f.col, f.text(), err)
}

func (f field) money(currency string) (metrics.Money, error) {
	m, err := metrics.ParseMoney(f.text(), currency)
	if err != nil {
		return metrics.Money{}, f.fail(err)
	}
	return m, nil
}

func (f field) ratio() (metrics.Ratio, error) {
	r, err := metrics.ParseRatio(f.text())
	if err != nil {
		return metrics.Ratio{}, f.fail(err)
	}
	return r, nil
}

func (f field) int() (int64, error) {
	n, err := strconv.ParseInt(f.text(), 10, 64)
	if err != nil {
		return 0, f.fail(err)
	}
	return n, nil
}

// date reads a date; empty is the zero time.
func (f field) date() (time.Time, error) {
	if f.text() == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, f.text())
	if err != nil {
		return time.Time{}, f.fail(err)
	}
	return d, nil
}

func (f field) month() (metrics.Month, error) {
	m, err := metrics.ParseMonth(f.text())
	if err != nil {
		return metrics.Month{}, f.fail(err)
	}
	return m, nil
}

// customer is one row of customers.csv.
type customer struct {
	ID, Segment, Region, Currency, CSM, Channel string
	Signup, FirstValue, Renewal                 time.Time
}

// company is everything the dashboard reads.
type company struct {
	Customers  []customer
	ByID       map[string]customer
	Rates      map[string]map[metrics.Month]decimal.Decimal // currency → month → USD per unit
	Signals    map[metrics.Month]map[string][]health.Reading
	SignalMons []metrics.Month // the months of health signals, in order
	Reps       []rep
	CSMs       map[string]string // CSM → name
	Spend      []spend           // marketing spend per month and channel
	Finance    []finance
	Opps       []forecast.Opportunity
	History    []forecast.Change
	Journeys   []attribution.Journey
}

type rep struct {
	ID, Name, Manager, Segment string
	Start                      metrics.Month
	Quota                      metrics.Money // per quarter
}

type spend struct {
	Month   metrics.Month
	Channel string
	Amount  metrics.Money
}

type finance struct {
	Month                metrics.Month
	Sales, COGS, Revenue metrics.Money
	CashEnd              metrics.Money
}

// reporting is the company's reporting currency.
const reporting = "USD"

// load reads the sample company in dir.
func load(dir string) (*company, error) {
	c := &company{ByID: map[string]customer{}, CSMs: map[string]string{}}
	steps := []func(string) error{c.loadCustomers, c.loadRates, c.loadSignals, c.loadPeople, c.loadMoney, c.loadOpportunities, c.loadTouches}
	for _, step := range steps {
		if err := step(dir); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *company) loadCustomers(dir string) error {
	t, err := readTable(dir, "customers.csv", "customer", "segment", "region", "currency", "csm", "channel", "signup_date", "first_value_date", "renewal_date")
	if err != nil {
		return err
	}
	for i := range t.rows {
		cu := customer{ID: t.at(i, "customer").text(), Segment: t.at(i, "segment").text(), Region: t.at(i, "region").text(),
			Currency: t.at(i, "currency").text(), CSM: t.at(i, "csm").text(), Channel: t.at(i, "channel").text()}
		for _, d := range []struct {
			col string
			to  *time.Time
		}{{"signup_date", &cu.Signup}, {"first_value_date", &cu.FirstValue}, {"renewal_date", &cu.Renewal}} {
			if *d.to, err = t.at(i, d.col).date(); err != nil {
				return err
			}
		}
		if _, dup := c.ByID[cu.ID]; dup {
			return t.at(i, "customer").fail(metrics.ErrDuplicate)
		}
		c.Customers = append(c.Customers, cu)
		c.ByID[cu.ID] = cu
	}
	return nil
}

func (c *company) loadRates(dir string) error {
	t, err := readTable(dir, "fx_rates.csv", "month", "currency", "usd_per_unit")
	if err != nil {
		return err
	}
	c.Rates = map[string]map[metrics.Month]decimal.Decimal{}
	for i := range t.rows {
		m, err := t.at(i, "month").month()
		if err != nil {
			return err
		}
		f := t.at(i, "usd_per_unit")
		r, err := decimal.NewFromString(f.text())
		if err != nil {
			return f.fail(err)
		}
		cur := t.at(i, "currency").text()
		if c.Rates[cur] == nil {
			c.Rates[cur] = map[metrics.Month]decimal.Decimal{}
		}
		c.Rates[cur][m] = r
	}
	return nil
}

// rate is the ledger's Options.Rates: USD per unit of currency in month m.
func (c *company) rate(currency string, m metrics.Month) (decimal.Decimal, error) {
	r, ok := c.Rates[currency][m]
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("fx_rates.csv: no %s rate for %s: %w", currency, m, metrics.ErrMissing)
	}
	return r, nil
}

func (c *company) loadSignals(dir string) error {
	t, err := readTable(dir, "health_signals.csv", "account", "month")
	if err != nil {
		return err
	}
	signals := health.DefaultModel().Signals()
	c.Signals = map[metrics.Month]map[string][]health.Reading{}
	for i := range t.rows {
		m, err := t.at(i, "month").month()
		if err != nil {
			return err
		}
		if c.Signals[m] == nil {
			c.Signals[m] = map[string][]health.Reading{}
			c.SignalMons = append(c.SignalMons, m)
		}
		var rs []health.Reading
		for _, s := range signals {
			f := t.at(i, s)
			if _, ok := t.cols[s]; !ok {
				return fmt.Errorf("health_signals.csv: no column %q (a signal of the default model)", s)
			}
			if f.text() == "" {
				continue // missing: the model's rule for missing signals applies
			}
			v, err := health.ParseValue(f.text())
			if err != nil {
				return f.fail(err)
			}
			rs = append(rs, health.Reading{Signal: s, Value: v})
		}
		c.Signals[m][t.at(i, "account").text()] = rs
	}
	return nil
}

func (c *company) loadPeople(dir string) error {
	t, err := readTable(dir, "reps.csv", "rep", "name", "manager", "segment", "start_month", "quarterly_quota")
	if err != nil {
		return err
	}
	for i := range t.rows {
		r := rep{ID: t.at(i, "rep").text(), Name: t.at(i, "name").text(), Manager: t.at(i, "manager").text(), Segment: t.at(i, "segment").text()}
		if r.Start, err = t.at(i, "start_month").month(); err != nil {
			return err
		}
		if r.Quota, err = t.at(i, "quarterly_quota").money(reporting); err != nil {
			return err
		}
		c.Reps = append(c.Reps, r)
	}
	t, err = readTable(dir, "csms.csv", "csm", "name")
	if err != nil {
		return err
	}
	for i := range t.rows {
		c.CSMs[t.at(i, "csm").text()] = t.at(i, "name").text()
	}
	return nil
}

func (c *company) loadMoney(dir string) error {
	t, err := readTable(dir, "marketing_spend.csv", "month", "channel", "spend")
	if err != nil {
		return err
	}
	for i := range t.rows {
		s := spend{Channel: t.at(i, "channel").text()}
		if s.Month, err = t.at(i, "month").month(); err != nil {
			return err
		}
		if s.Amount, err = t.at(i, "spend").money(reporting); err != nil {
			return err
		}
		c.Spend = append(c.Spend, s)
	}
	t, err = readTable(dir, "finance.csv", "month", "sales_spend", "cogs", "revenue", "cash_end")
	if err != nil {
		return err
	}
	for i := range t.rows {
		var f finance
		if f.Month, err = t.at(i, "month").month(); err != nil {
			return err
		}
		for _, m := range []struct {
			col string
			to  *metrics.Money
		}{{"sales_spend", &f.Sales}, {"cogs", &f.COGS}, {"revenue", &f.Revenue}, {"cash_end", &f.CashEnd}} {
			if *m.to, err = t.at(i, m.col).money(reporting); err != nil {
				return err
			}
		}
		c.Finance = append(c.Finance, f)
	}
	return nil
}

// The CRM's names for opportunity types.
var oppTypes = map[string]forecast.Type{"new-business": forecast.TypeNewBusiness, "expansion": forecast.TypeExpansion, "renewal": forecast.TypeRenewal}

var oppStatuses = map[string]forecast.Status{"open": forecast.StatusOpen, "won": forecast.StatusWon, "lost": forecast.StatusLost}

func (c *company) loadOpportunities(dir string) error {
	t, err := readTable(dir, "opportunities.csv", "opportunity", "account", "owner", "segment", "type", "amount", "currency",
		"stage", "probability", "created", "close_date", "status", "loss_reason", "forecast_category")
	if err != nil {
		return err
	}
	managers := map[string]string{}
	for _, r := range c.Reps {
		managers[r.ID] = r.Manager
	}
	byID := map[string]forecast.Opportunity{}
	for i := range t.rows {
		o, err := readOpportunity(t, i, managers)
		if err != nil {
			return err
		}
		if ty, ok := oppTypes[t.at(i, "type").text()]; ok {
			o.Type = ty
		} else {
			return t.at(i, "type").fail(metrics.ErrInvalid)
		}
		if st, ok := oppStatuses[t.at(i, "status").text()]; ok {
			o.Status = st
		} else {
			return t.at(i, "status").fail(metrics.ErrInvalid)
		}
		o.Reason = t.at(i, "loss_reason").text()
		if cat := t.at(i, "forecast_category"); cat.text() != "" {
			if err := o.Category.UnmarshalText([]byte(cat.text())); err != nil {
				return cat.fail(err)
			}
		}
		c.Opps = append(c.Opps, o)
		byID[o.ID] = o
	}
	// History: each row is the opportunity as it stood after a change.
	t, err = readTable(dir, "opportunity_history.csv", "opportunity", "changed_at", "stage", "amount", "probability", "close_date")
	if err != nil {
		return err
	}
	for i := range t.rows {
		f := t.at(i, "opportunity")
		o, ok := byID[f.text()]
		if !ok {
			return f.fail(metrics.ErrMissing)
		}
		f = t.at(i, "changed_at")
		at, err := time.Parse(time.RFC3339, f.text())
		if err != nil {
			return f.fail(err)
		}
		o.Stage = t.at(i, "stage").text()
		if o.Amount, err = t.at(i, "amount").money(reporting); err != nil {
			return err
		}
		if o.Probability, err = wholePercent(t.at(i, "probability")); err != nil {
			return err
		}
		if o.Close, err = t.at(i, "close_date").date(); err != nil {
			return err
		}
		// A change before the close is open; the closing change carries the
		// final status.
		switch o.Stage {
		case "closed-won":
			o.Status = forecast.StatusWon
		case "closed-lost":
			o.Status = forecast.StatusLost
		default:
			o.Status, o.Reason, o.Category = forecast.StatusOpen, "", 0
		}
		c.History = append(c.History, forecast.Change{At: at, Opportunity: o})
	}
	return nil
}

// readOpportunity reads the common fields of an opportunity row.
func readOpportunity(t *table, i int, managers map[string]string) (forecast.Opportunity, error) {
	o := forecast.Opportunity{ID: t.at(i, "opportunity").text(), Account: t.at(i, "account").text(), Owner: t.at(i, "owner").text(),
		Segment: t.at(i, "segment").text(), Stage: t.at(i, "stage").text()}
	o.Manager = managers[o.Owner]
	var err error
	cur := t.at(i, "currency")
	if cur.text() != reporting {
		return o, cur.fail(fmt.Errorf("the CRM's amounts are in %s: %w", reporting, metrics.ErrUnitMismatch))
	}
	if o.Amount, err = t.at(i, "amount").money(reporting); err != nil {
		return o, err
	}
	if o.Probability, err = wholePercent(t.at(i, "probability")); err != nil {
		return o, err
	}
	if o.Created, err = t.at(i, "created").date(); err != nil {
		return o, err
	}
	if o.Close, err = t.at(i, "close_date").date(); err != nil {
		return o, err
	}
	return o, nil
}

// wholePercent reads a whole percent (such as 60) as a ratio (60%).
func wholePercent(f field) (metrics.Ratio, error) {
	n, err := f.int()
	if err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.Percent(n), nil
}

// The milestone names of touches.csv.
var milestones = map[string]attribution.Milestone{
	"":                    0,
	"first-interaction":   attribution.FirstInteraction,
	"lead-created":        attribution.LeadCreated,
	"opportunity-created": attribution.OpportunityCreated,
	"closed-won":          attribution.ClosedWon,
}

// loadTouches builds one journey per opportunity with touches: its pipeline
// value (the amount), converting when the opportunity was created.
func (c *company) loadTouches(dir string) error {
	t, err := readTable(dir, "touches.csv", "journey", "channel", "campaign", "date", "milestone")
	if err != nil {
		return err
	}
	touches := map[string][]attribution.Touch{}
	var order []string
	for i := range t.rows {
		id := t.at(i, "journey").text()
		at, err := t.at(i, "date").date()
		if err != nil {
			return err
		}
		ms, ok := milestones[t.at(i, "milestone").text()]
		if !ok {
			return t.at(i, "milestone").fail(metrics.ErrInvalid)
		}
		if _, seen := touches[id]; !seen {
			order = append(order, id)
		}
		touches[id] = append(touches[id], attribution.Touch{Channel: t.at(i, "channel").text(), Campaign: t.at(i, "campaign").text(), Time: at, Milestones: ms})
	}
	opps := map[string]forecast.Opportunity{}
	for _, o := range c.Opps {
		opps[o.ID] = o
	}
	for _, id := range order {
		o, ok := opps[id]
		if !ok {
			return fmt.Errorf("touches.csv: journey %q is no opportunity: %w", id, metrics.ErrMissing)
		}
		c.Journeys = append(c.Journeys, attribution.Journey{ID: id, Value: o.Amount, Conversion: o.Created, Touches: touches[id]})
	}
	return nil
}

// subscriptions streams subscriptions.csv through the library's reader; the
// caller closes the file.
func subscriptions(dir string) (iter.Seq2[mrr.Subscription, error], io.Closer, error) {
	f, err := os.Open(filepath.Join(dir, "subscriptions.csv"))
	if err != nil {
		return nil, nil, err
	}
	return mrr.NewSubscriptionCSVReader(f).Subscriptions(), f, nil
}

// errNoData is returned when the data directory has no sample company.
var errNoData = errors.New("no sample company: run go -C examples run ./samplecompany")
