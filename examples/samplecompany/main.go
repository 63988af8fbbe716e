// Command samplecompany generates the bundled sample company that the
// dashboard example reads: about 2,000 customers of a fictional B2B SaaS
// company over 36 months (2023-01 … 2025-12), written as CSV files a person
// can open in a spreadsheet. It is deterministic: the same seed always writes
// the same bytes.
//
//	go -C examples run ./samplecompany            # rewrites examples/data/company/
//	go -C examples run ./samplecompany -seed 7 -out /tmp/other
//
// The files:
//
//	customers.csv             customer, segment (smb, mid_market, enterprise), region, currency, CSM, acquisition channel, signup, first-value and next renewal dates
//	subscriptions.csv         the MRR ledger's subscription format (plans monthly, quarterly, annual; seats; expiring discounts; trials; upgrades, downgrades, churn, reactivations)
//	fx_rates.csv              USD per EUR, per month
//	csms.csv                  customer-success managers and their segment
//	health_signals.csv        per account and month of the last year: the ten signals of the health package's default model
//	reps.csv                  sales reps, their managers, segment, start month and quarterly quota
//	opportunities.csv         new business, expansion and renewal opportunities in USD (the CRM's corporate currency): owner, stage, probability, dates, status, loss reason
//	opportunity_history.csv   every change of stage, amount, probability or close date, with its time (RFC 3339)
//	touches.csv               the marketing touches of each opportunity's journey, with milestones
//	marketing_spend.csv       marketing spend per month and channel
//	finance.csv               per month: sales spend, COGS, revenue, cash at the end
//	activities.csv            per rep and month: calls, meetings, emails, demos
//
// Amounts are written with two decimals (JPY-free: USD and EUR). Nothing here
// computes a metric: the dashboard does that through the library.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"time"
)

func main() {
	seed := flag.Uint64("seed", 2024, "random seed")
	out := flag.String("out", filepath.Join("data", "company"), "output directory")
	flag.Parse()
	c := generate(*seed)
	if err := c.write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "samplecompany:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "samplecompany: %d customers, %d subscriptions, %d opportunities, %d touches written to %s\n",
		len(c.customers), len(c.subs), len(c.opps), len(c.touches), *out)
}

// The span of the data and the day the data was exported.
var (
	firstDay = date(2023, 1, 1)
	lastDay  = date(2025, 12, 31)
	asOf     = date(2025, 12, 31) // the export: later close dates are still open
	// newRepStart is when each segment's last rep joined.
	newRepStart = date(2025, 7, 1)
	months      = 36
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthStart returns the first day of month k (0 = 2023-01).
func monthStart(k int) time.Time { return firstDay.AddDate(0, k, 0) }

type segment struct {
	name          string
	share         int // per mille of new customers
	plan          string
	seatCents     int64 // list price per seat per month, in cents
	seatsMin      int   // seats at signup
	seatsMax      int
	churnPerMille int // monthly churn hazard at average health, per mille
	annualShare   int // percent of customers on annual plans
	quarterShare  int // percent on quarterly plans
	csms          []string
	reps          []string
}

var segments = []segment{
	{"smb", 650, "starter", 2900, 3, 12, 22, 20, 10, []string{"csm-01", "csm-02", "csm-03", "csm-04"}, []string{"rep-01", "rep-02", "rep-03"}},
	{"mid_market", 260, "growth", 4900, 10, 60, 11, 55, 20, []string{"csm-05", "csm-06", "csm-07", "csm-08"}, []string{"rep-04", "rep-05", "rep-06"}},
	{"enterprise", 90, "enterprise", 7900, 60, 400, 5, 90, 5, []string{"csm-09", "csm-10", "csm-11"}, []string{"rep-07", "rep-08"}},
}

var (
	regions  = []string{"north-america", "north-america", "north-america", "emea", "emea", "apac"}
	channels = []struct {
		name  string
		share int // percent of journeys that start here
	}{{"organic-search", 24}, {"paid-search", 20}, {"content", 14}, {"events", 10}, {"partner", 10}, {"outbound", 12}, {"direct", 10}}
	lossReasons = []string{"price", "no-decision", "competitor", "timing", "missing-feature"}
	stages      = []struct {
		name string
		prob int // percent
	}{{"prospecting", 10}, {"qualification", 20}, {"discovery", 40}, {"proposal", 60}, {"negotiation", 80}, {"commit", 90}}
)

type customer struct {
	id, segment, region, currency, csm, channel string
	signup, firstValue, renewal                 time.Time
	seg                                         *segment
	health                                      int   // latent health 0–1000
	history                                     []int // latent health per month since 2023-01; -1 when not paying
}

type subscription struct {
	customer, id, plan, currency string
	amountCents                  int64 // per interval per seat
	quantity                     int
	interval                     string
	start, end, cancelled, trial time.Time
	status                       string
	discountPct                  int
	discountMonths               string
}

type opportunity struct {
	id, account, owner, segment, kind, currency string
	amountCents                                 int64
	stage                                       string
	prob                                        int
	created, close                              time.Time
	status, lossReason, category                string
	history                                     []oppChange
}

type oppChange struct {
	day         time.Time
	stage       string
	amountCents int64
	prob        int
	close       time.Time
}

type touch struct {
	journey, channel, campaign, milestone string
	at                                    time.Time
}

type company struct {
	customers []*customer
	subs      []subscription
	opps      []*opportunity
	touches   []touch
	signals   [][]string
	rates     [][]string
	eurRate   []int64 // USD per EUR by month, in units of 10^-4
	finance   [][]string
	spend     [][]string
	acts      [][]string
	reps      [][]string
	csms      [][]string
}

// generate simulates the company month by month.
func generate(seed uint64) *company {
	rng := rand.New(rand.NewPCG(seed, 36))
	c := &company{}
	pick := func(n int) int { return rng.IntN(n) }
	chance := func(perMille int) bool { return rng.IntN(1000) < perMille }

	// FX: USD per EUR drifting between about 1.02 and 1.18.
	rate := int64(10850) // 1.0850 in units of 10^-4
	for k := range months {
		rate += int64(rng.IntN(121)) - 60
		rate = min(max(rate, 10200), 11800)
		c.eurRate = append(c.eurRate, rate)
		c.rates = append(c.rates, []string{monthStart(k).Format("2006-01"), "EUR", fmt.Sprintf("%d.%04d", rate/10000, rate%10000)})
	}

	nextSub := map[string]int{}
	newSub := func(cu *customer, start time.Time, seats int, interval string) subscription {
		nextSub[cu.id]++
		s := subscription{customer: cu.id, id: fmt.Sprintf("%s-s%d", cu.id, nextSub[cu.id]), plan: cu.seg.plan, currency: cu.currency,
			quantity: seats, interval: interval, start: start}
		price := cu.seg.seatCents
		if cu.currency == "EUR" {
			price = price * 92 / 100
		}
		switch interval {
		case "1 year":
			s.amountCents = price * 12 * 85 / 100 // annual prepay: 15% off list
		case "3 month":
			s.amountCents = price * 3 * 95 / 100
		default:
			s.amountCents = price
		}
		return s
	}
	intervalMonths := map[string]int{"1 month": 1, "3 month": 3, "1 year": 12}

	custN := 0
	// Every customer's current subscription (index into c.subs), or -1.
	current := map[string]int{}
	churnedAt := map[string]time.Time{}
	for k := range months {
		// New customers: growing from about 37 to 72 a month.
		for range 37 + k {
			custN++
			r := pick(1000)
			si := 0
			for acc := 0; si < len(segments); si++ {
				acc += segments[si].share
				if r < acc {
					break
				}
			}
			seg := &segments[si]
			region := regions[pick(len(regions))]
			cur := "USD"
			if region == "emea" {
				cur = "EUR"
			}
			signup := monthStart(k).AddDate(0, 0, pick(28))
			cu := &customer{id: fmt.Sprintf("cus-%04d", custN), segment: seg.name, region: region, currency: cur,
				csm: seg.csms[pick(len(seg.csms))], channel: pickChannel(rng), signup: signup, seg: seg, health: 500 + pick(400),
				history: slices.Repeat([]int{-1}, k)}
			ttv := map[string]int{"smb": 3 + pick(12), "mid_market": 14 + pick(40), "enterprise": 45 + pick(90)}[seg.name]
			cu.firstValue = signup.AddDate(0, 0, ttv)
			c.customers = append(c.customers, cu)

			interval := "1 month"
			switch p := pick(100); {
			case p < seg.annualShare:
				interval = "1 year"
			case p < seg.annualShare+seg.quarterShare:
				interval = "3 month"
			}
			seats := seg.seatsMin + pick(seg.seatsMax-seg.seatsMin+1)
			s := newSub(cu, signup, seats, interval)
			if seg.name == "smb" && chance(400) { // a 14-day trial first
				s.trial = signup.AddDate(0, 0, 14)
				if chance(200) { // the trial never converts
					s.end = s.trial
					s.status = "cancelled"
					s.cancelled = signup.AddDate(0, 0, 10)
					cu.health = 0
				}
			}
			if chance(250) { // a launch discount: 20% for 3 months, or once
				s.discountPct = 20
				s.discountMonths = "3"
				if chance(300) {
					s.discountMonths = "once"
				}
			} else if seg.name == "enterprise" && chance(300) {
				s.discountPct = 10 // a negotiated discount, forever
			}
			c.subs = append(c.subs, s)
			current[cu.id] = len(c.subs) - 1
			if s.status == "cancelled" {
				current[cu.id] = -1
				churnedAt[cu.id] = s.end
			}
			c.newBusiness(rng, cu, s)
		}
		// The month's events for every customer who has signed up.
		monthEnd := monthStart(k + 1)
		for _, cu := range c.customers {
			i, active := current[cu.id]
			if !cu.signup.Before(monthStart(k)) {
				cu.history = append(cu.history, cu.health)
				continue
			}
			cu.health = min(max(cu.health+pick(121)-60, 0), 1000)
			if !active || i < 0 {
				cu.history = append(cu.history, -1)
				// Churned: some SMB customers come back within a year.
				if at, ok := churnedAt[cu.id]; ok && cu.segment == "smb" && at.AddDate(1, 0, 0).After(monthEnd) && chance(40) {
					s := newSub(cu, monthStart(k).AddDate(0, 0, pick(28)), cu.seg.seatsMin+pick(4), "1 month")
					c.subs = append(c.subs, s)
					current[cu.id] = len(c.subs) - 1
					cu.health = 450 + pick(300)
					delete(churnedAt, cu.id)
				}
				continue
			}
			cu.history = append(cu.history, cu.health)
			s := &c.subs[i]
			// Churn: more likely when health is low; it takes effect at
			// the end of the paid period.
			hazard := cu.seg.churnPerMille * (1500 - cu.health) / 1000
			if chance(hazard) {
				end := periodEnd(*s, monthEnd, intervalMonths[s.interval])
				if end.After(lastDay) {
					continue // would take effect after the data: not yet visible
				}
				s.cancelled = monthStart(k).AddDate(0, 0, pick(28))
				if s.cancelled.Before(s.start) {
					s.cancelled = s.start
				}
				s.end = end
				s.status = "cancelled"
				current[cu.id] = -1
				churnedAt[cu.id] = end
				if cu.segment != "smb" {
					c.renewal(rng, cu, *s, end, false)
				}
				continue
			}
			// Upgrades (healthy accounts grow seats) and downgrades.
			switch {
			case chance(10 + cu.health/40):
				c.resize(rng, cu, i, monthEnd, s.quantity+max(1, s.quantity*(10+pick(40))/100), newSub, intervalMonths, current)
			case cu.health < 350 && chance(30):
				if s.quantity > 1 {
					c.resize(rng, cu, i, monthEnd, max(1, s.quantity*(60+pick(30))/100), newSub, intervalMonths, current)
				}
			}
			// Annual renewals of mid-market and enterprise customers are
			// worked as renewal opportunities.
			if s.interval == "1 year" && cu.segment != "smb" {
				if end := periodEnd(*s, monthStart(k), 12); end.After(monthStart(k)) && end.Before(monthEnd) {
					c.renewal(rng, cu, *s, end, true)
				}
			}
		}
	}
	// The next renewal of every customer on an annual contract: the
	// contract's anniversary after the export (monthly and quarterly plans
	// renew by themselves and have none).
	for _, cu := range c.customers {
		if i, ok := current[cu.id]; ok && i >= 0 {
			s := c.subs[i]
			if s.status != "cancelled" && s.interval == "1 year" {
				cu.renewal = periodEnd(s, asOf, intervalMonths[s.interval])
			}
		}
	}
	c.openPipeline(rng)
	c.signalsAndPeople(rng)
	c.money(rng)
	return c
}

// pickChannel draws an acquisition channel by share.
func pickChannel(rng *rand.Rand) string {
	r := rng.IntN(100)
	for _, ch := range channels {
		if r < ch.share {
			return ch.name
		}
		r -= ch.share
	}
	return "direct"
}

// periodEnd returns the end of the paid period that contains t: the start
// plus a whole number of intervals, at least t.
func periodEnd(s subscription, t time.Time, n int) time.Time {
	end := s.start
	for !end.After(t) {
		end = end.AddDate(0, n, 0)
	}
	return end
}

// resize ends subscription i at the end of this month and starts a new one
// with seats seats (an upgrade or a downgrade), logged as an expansion
// opportunity when it grows.
func (c *company) resize(rng *rand.Rand, cu *customer, i int, at time.Time, seats int,
	newSub func(*customer, time.Time, int, string) subscription, intervalMonths map[string]int, current map[string]int) {
	old := c.subs[i]
	if !at.Before(lastDay) || seats == old.quantity {
		return
	}
	c.subs[i].end = at
	c.subs[i].status = "cancelled"
	s := newSub(cu, at, seats, old.interval)
	s.discountPct = 0
	if old.discountPct == 10 && old.discountMonths == "" {
		s.discountPct = 10 // negotiated discounts carry over
	}
	c.subs = append(c.subs, s)
	current[cu.id] = len(c.subs) - 1
	if seats > old.quantity && cu.segment != "smb" {
		gain := (int64(seats-old.quantity) * old.amountCents * 12) / int64(intervalMonths[old.interval])
		c.addOpp(rng, cu, "expansion", gain, at.AddDate(0, -1-rng.IntN(2), rng.IntN(20)), at.AddDate(0, 0, -1-rng.IntN(10)), true)
	}
}

// newBusiness records the won deal behind a new customer and a few lost ones
// around it, with the marketing touches of each journey.
func (c *company) newBusiness(rng *rand.Rand, cu *customer, s subscription) {
	acv := s.amountCents * int64(s.quantity) * 12 / int64(map[string]int{"1 month": 1, "3 month": 3, "1 year": 12}[s.interval])
	cycle := map[string]int{"smb": 14, "mid_market": 45, "enterprise": 110}[cu.segment]
	created := cu.signup.AddDate(0, 0, -cycle-rng.IntN(cycle))
	if cu.segment != "smb" || rng.IntN(100) < 35 { // most SMB customers sign up on their own
		c.addOpp(rng, cu, "new-business", acv, created, cu.signup, true)
	}
	lost := map[string]int{"smb": 1, "mid_market": 2, "enterprise": 3}[cu.segment]
	for range rng.IntN(lost + 1) {
		c.addOpp(rng, &customer{id: fmt.Sprintf("prospect-%05d", len(c.opps)+1), segment: cu.segment, currency: cu.currency, seg: cu.seg, channel: pickChannel(rng)},
			"new-business", acv*int64(80+rng.IntN(60))/100, created.AddDate(0, 0, rng.IntN(30)), cu.signup.AddDate(0, 0, rng.IntN(40)), false)
	}
}

// renewal records a renewal opportunity of an annual contract ending at end.
func (c *company) renewal(rng *rand.Rand, cu *customer, s subscription, end time.Time, won bool) {
	acv := s.amountCents * int64(s.quantity)
	c.addOpp(rng, cu, "renewal", acv, end.AddDate(0, -3, 0), end.AddDate(0, 0, -rng.IntN(10)), won)
}

// addOpp adds a closed opportunity (won or lost) with its stage history and
// touches; an opportunity closing after asOf stays open.
func (c *company) addOpp(rng *rand.Rand, cu *customer, kind string, amountCents int64, created, closeDay time.Time, won bool) {
	if created.Before(firstDay) {
		created = firstDay
	}
	if !closeDay.After(created) {
		closeDay = created.AddDate(0, 0, 7)
	}
	if created.After(asOf) {
		return // not yet in the CRM at the export
	}
	seg := cu.seg
	if cu.currency == "EUR" {
		// The CRM keeps amounts in the corporate currency (Salesforce's
		// converted amount), at the rate of the month the deal was created.
		k := (created.Year()-firstDay.Year())*12 + int(created.Month()) - 1
		amountCents = amountCents * c.eurRate[k] / 10000
	}
	// The segment's last rep joined in July 2025 (see signalsAndPeople):
	// earlier deals went to the others.
	reps := seg.reps
	if created.Before(newRepStart) {
		reps = reps[:len(reps)-1]
	}
	o := &opportunity{id: fmt.Sprintf("opp-%05d", len(c.opps)+1), account: cu.id, owner: reps[rng.IntN(len(reps))],
		segment: cu.segment, kind: kind, currency: "USD", amountCents: amountCents / 100 * 100, created: created, close: closeDay}
	// Walk the stages from prospecting to the close (or to a loss).
	last := len(stages) - 1
	if !won {
		last = rng.IntN(len(stages) - 1)
	}
	span := closeDay.Sub(created)
	for i := 0; i <= last; i++ {
		day := created.Add(span * time.Duration(i) / time.Duration(last+2))
		if i > 0 && day.After(asOf) {
			break
		}
		amount := o.amountCents
		if i < 2 {
			amount = amount * int64(90+rng.IntN(30)) / 100 / 100 * 100 // early estimates move
		}
		o.history = append(o.history, oppChange{day: day, stage: stages[i].name, amountCents: amount, prob: stages[i].prob, close: closeDay})
	}
	if rng.IntN(100) < 18 && len(o.history) > 1 && closeDay.AddDate(0, -3, 0).After(created) { // a deal that slipped: its close date moved a quarter
		h := &o.history[len(o.history)-1]
		h.close = closeDay
		o.history[0].close = closeDay.AddDate(0, -3, 0)
	}
	switch {
	case closeDay.After(asOf):
		h := o.history[len(o.history)-1]
		o.stage, o.prob, o.status = h.stage, h.prob, "open"
		if rng.IntN(100) < 6 {
			o.category = "omitted" // a rep's manual call
		}
	case won:
		o.stage, o.prob, o.status = "closed-won", 100, "won"
		o.history = append(o.history, oppChange{day: closeDay, stage: "closed-won", amountCents: o.amountCents, prob: 100, close: closeDay})
	default:
		o.stage, o.prob, o.status = "closed-lost", 0, "lost"
		o.lossReason = lossReasons[rng.IntN(len(lossReasons))]
		o.history = append(o.history, oppChange{day: closeDay, stage: "closed-lost", amountCents: o.amountCents, prob: 0, close: closeDay})
	}
	c.opps = append(c.opps, o)
	c.journey(rng, o, cu.channel)
}

// journey writes the marketing touches of an opportunity: a first touch on
// the customer's channel, a lead, the opportunity's creation and, when won,
// the close, with some touches between.
func (c *company) journey(rng *rand.Rand, o *opportunity, first string) {
	if o.kind == "renewal" {
		return // renewals are not marketing's
	}
	n := 1 + rng.IntN(8)
	start := o.created.AddDate(0, 0, -5-rng.IntN(60))
	for i := range n {
		t := touch{journey: o.id, channel: pickChannel(rng), at: start.Add(o.created.Sub(start) * time.Duration(i) / time.Duration(n))}
		if i == 0 {
			t.channel, t.milestone = first, "first-interaction"
		}
		if i == n/2 && n > 2 {
			t.milestone = "lead-created"
		}
		if i == n-1 {
			t.milestone = "opportunity-created"
		}
		t.campaign = t.channel + "-" + strconv.Itoa(t.at.Year()) + "q" + strconv.Itoa((int(t.at.Month())-1)/3+1)
		c.touches = append(c.touches, t)
	}
}

// openPipeline adds the open opportunities of the next three quarters,
// half of them closing in the first.
func (c *company) openPipeline(rng *rand.Rand) {
	for i := range 1200 {
		seg := &segments[0]
		switch r := rng.IntN(100); {
		case r >= 80:
			seg = &segments[2]
		case r >= 45:
			seg = &segments[1]
		}
		acv := seg.seatCents * int64(seg.seatsMin+rng.IntN(seg.seatsMax-seg.seatsMin+1)) * 12
		// Half of the open pipeline closes next quarter, less further out.
		q := 0
		switch r := rng.IntN(100); {
		case r >= 80:
			q = 2
		case r >= 50:
			q = 1
		}
		closeDay := asOf.AddDate(0, 3*q, 1+rng.IntN(89))
		created := asOf.AddDate(0, 0, -10-rng.IntN(120))
		cu := &customer{id: fmt.Sprintf("prospect-open-%03d", i+1), segment: seg.name, currency: "USD", seg: seg, channel: pickChannel(rng)}
		kind := "new-business"
		if rng.IntN(100) < 25 {
			kind = "expansion"
			acv /= 3
		}
		c.addOpp(rng, cu, kind, acv, created, closeDay, rng.IntN(100) < 30)
	}
}

// signalsAndPeople writes the last year's health signals, the CSMs, the reps
// and their activities.
func (c *company) signalsAndPeople(rng *rand.Rand) {
	for _, seg := range segments {
		for _, id := range seg.csms {
			manager := "cs-lead-1"
			if seg.name == "smb" {
				manager = "cs-lead-2"
			}
			c.csms = append(c.csms, []string{id, "CSM " + id[4:], manager, seg.name})
		}
		for i, id := range seg.reps {
			// Quarterly quota of new-business and expansion bookings
			// (renewals are worked with customer success).
			quota := map[string]int64{"smb": 40_000, "mid_market": 480_000, "enterprise": 2_400_000}[seg.name]
			manager := "sales-manager-1"
			if seg.name == "enterprise" || (seg.name == "mid_market" && i == 2) {
				manager = "sales-manager-2"
			}
			start := "2023-01"
			if i == len(seg.reps)-1 {
				start = newRepStart.Format("2006-01") // a new rep, still ramping
			}
			c.reps = append(c.reps, []string{id, "Rep " + id[4:], manager, seg.name, start, fmt.Sprintf("%d.00", quota)})
			for k := range months {
				if monthStart(k).Format("2006-01") < start {
					continue
				}
				c.acts = append(c.acts, []string{id, monthStart(k).Format("2006-01"), strconv.Itoa(180 + rng.IntN(120)),
					strconv.Itoa(20 + rng.IntN(25)), strconv.Itoa(300 + rng.IntN(250)), strconv.Itoa(8 + rng.IntN(14))})
			}
		}
	}
	for _, cu := range c.customers {
		for k := months - 12; k < months; k++ {
			h := cu.history[k]
			if h < 0 {
				continue
			}
			// Every signal of the health package's default model, each a
			// noisy function of the latent health h (0–1000).
			noise := func(n int) int { return rng.IntN(2*n+1) - n }
			share := func(base, span, n int) string { // a share 0.00–1.00
				return pct(min(max(base+h*span/1000+noise(n), 0), 100))
			}
			row := []string{cu.id, monthStart(k).Format("2006-01"),
				share(33, 70, 8),  // weekly_active_seats
				share(12, 40, 5),  // dau_mau
				share(28, 70, 10), // core_feature_adoption
				share(38, 70, 15), // meeting_attendance
				share(28, 75, 12), // outreach_response_rate
				strconv.Itoa(min(max(70-h*75/1000+noise(6), 1), 96)), // response_hours
				pct(min(max(12-h*13/1000+noise(2), 0), 100)),         // escalation_rate
				tenths(min(max(30+h*20/1000+noise(3), 10), 50)),      // csat, 1.0–5.0
				share(18, 90, 10), // success_metrics_met
				share(38, 80, 10), // roi_realised
			}
			c.signals = append(c.signals, row)
		}
	}
}

// tenths writes n tenths with one decimal: 43 is "4.3".
func tenths(n int) string { return fmt.Sprintf("%d.%d", n/10, n%10) }

// pct writes a whole percent 0–100 as a share with two decimals: 7 is "0.07".
func pct(p int) string {
	if p >= 100 {
		return "1.00"
	}
	return fmt.Sprintf("0.%02d", p)
}

// money writes the company's spend and cash, sized to its MRR (about 44,000
// USD in the first month, 4.1 million in the last): sales spend grows with
// the team, marketing spend with the channels, COGS is 20–24% of revenue,
// the rest of operating cost grows slowly, and cash starts from a raise of
// 90 million.
func (c *company) money(rng *rand.Rand) {
	cash := int64(90_000_000_00)
	for k := range months {
		m := monthStart(k).Format("2006-01")
		var mkt int64
		for _, ch := range channels {
			if ch.name == "direct" || ch.name == "organic-search" {
				continue
			}
			s := int64(ch.share)*(7_800_00+int64(k)*260_00) + int64(rng.IntN(60_000_00))
			mkt += s
			c.spend = append(c.spend, []string{m, ch.name, cents(s)})
		}
		sales := int64(750_000_00) + int64(k)*25_000_00 + int64(rng.IntN(40_000_00))
		revenue := int64(44_000_00) + int64(k)*115_000_00 + int64(rng.IntN(20_000_00))
		cogs := revenue * int64(20+rng.IntN(5)) / 100
		opex := int64(900_000_00) + int64(k)*15_000_00
		cash += revenue - cogs - sales - mkt - opex
		c.finance = append(c.finance, []string{m, cents(sales), cents(cogs), cents(revenue), cents(cash)})
	}
}

// cents writes an amount of cents with two decimals.
func cents(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// day writes a date, or "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// write writes every file into dir.
func (c *company) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var customers, subs, opps, hist, touches [][]string
	for _, cu := range c.customers {
		customers = append(customers, []string{cu.id, cu.segment, cu.region, cu.currency, cu.csm, cu.channel, day(cu.signup), day(cu.firstValue), day(cu.renewal)})
	}
	sort.SliceStable(c.subs, func(i, j int) bool { return c.subs[i].customer < c.subs[j].customer })
	for _, s := range c.subs {
		dm := s.discountMonths
		pct := ""
		if s.discountPct > 0 {
			pct = strconv.Itoa(s.discountPct)
		}
		subs = append(subs, []string{s.customer, s.id, s.plan, cents(s.amountCents), s.currency, strconv.Itoa(s.quantity), s.interval,
			day(s.start), day(s.end), day(s.cancelled), day(s.trial), s.status, "", pct, dm})
	}
	for _, o := range c.opps {
		opps = append(opps, []string{o.id, o.account, o.owner, o.segment, o.kind, cents(o.amountCents), o.currency, o.stage,
			strconv.Itoa(o.prob), day(o.created), day(o.close), o.status, o.lossReason, o.category})
		for _, h := range o.history {
			hist = append(hist, []string{o.id, h.day.Format(time.RFC3339), h.stage, cents(h.amountCents), strconv.Itoa(h.prob), day(h.close)})
		}
	}
	slices.SortStableFunc(c.touches, func(a, b touch) int { return a.at.Compare(b.at) })
	for _, t := range c.touches {
		touches = append(touches, []string{t.journey, t.channel, t.campaign, t.at.Format(time.DateOnly), t.milestone})
	}
	files := []struct {
		name   string
		header []string
		rows   [][]string
	}{
		{"customers.csv", []string{"customer", "segment", "region", "currency", "csm", "channel", "signup_date", "first_value_date", "renewal_date"}, customers},
		{"subscriptions.csv", []string{"customer", "subscription", "plan", "amount", "currency", "quantity", "interval", "start", "end", "cancelled_at", "trial_end", "status", "charge", "discount_percent", "discount_months"}, subs},
		{"fx_rates.csv", []string{"month", "currency", "usd_per_unit"}, c.rates},
		{"csms.csv", []string{"csm", "name", "manager", "segment"}, c.csms},
		{"health_signals.csv", []string{"account", "month", "weekly_active_seats", "dau_mau", "core_feature_adoption", "meeting_attendance", "outreach_response_rate", "response_hours", "escalation_rate", "csat", "success_metrics_met", "roi_realised"}, c.signals},
		{"reps.csv", []string{"rep", "name", "manager", "segment", "start_month", "quarterly_quota"}, c.reps},
		{"opportunities.csv", []string{"opportunity", "account", "owner", "segment", "type", "amount", "currency", "stage", "probability", "created", "close_date", "status", "loss_reason", "forecast_category"}, opps},
		{"opportunity_history.csv", []string{"opportunity", "changed_at", "stage", "amount", "probability", "close_date"}, hist},
		{"touches.csv", []string{"journey", "channel", "campaign", "date", "milestone"}, touches},
		{"marketing_spend.csv", []string{"month", "channel", "spend"}, c.spend},
		{"finance.csv", []string{"month", "sales_spend", "cogs", "revenue", "cash_end"}, c.finance},
		{"activities.csv", []string{"rep", "month", "calls", "meetings", "emails", "demos"}, c.acts},
	}
	for _, f := range files {
		if err := writeCSV(filepath.Join(dir, f.name), f.header, f.rows); err != nil {
			return err
		}
	}
	return nil
}

// writeCSV writes one file.
func writeCSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(header); err != nil {
		f.Close()
		return err
	}
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
