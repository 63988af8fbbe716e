package mrr

// The slow reference ledger: obviously correct and nothing else. Every
// customer's native amounts per currency sit in a dense array over the whole
// span; each month is converted with decimals and classified against the
// month before, straight from the definitions in Ledger's documentation. The
// engine's hot and general paths, and every entry point (BuildSorted,
// Build, the CSV reader's fused builds), are compared with it.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// slowResult is what the reference computes.
type slowResult struct {
	months   []Summary
	rejected []int64    // the 1-based input positions of rejected rows, ascending (lenient mode)
	strict   int64      // the record a strict Build stops at (0: none)
	churns   [][3]int32 // per churn within the span: stint start, churn month, 0
	returns  [][3]int32 // per reactivation: stint start, churn month, reactivation month
	log      []Movement // the movement log, sorted (see sortLog)
}

// slowLedger is the reference ledger of rows under opts (Lenient or not, the
// result is the lenient one; strict names the record a strict Build must stop
// at). The rules, in order, for each row in input order: an empty customer, a
// zero month, a month after Through, an empty currency, a negative amount, a
// currency other than the reporting one without Rates, a failing or
// non-positive rate reject it; then a (customer, subscription, month) already
// accepted rejects it as a duplicate.
func slowLedger(t fatalfer, rows []Row, opts Options) slowResult {
	rate := func(cur string, m metrics.Month) (decimal.Decimal, bool) {
		if cur == opts.Currency {
			return decimal.New(1, 0), true
		}
		if opts.Rates == nil {
			return decimal.Decimal{}, false
		}
		r, err := opts.Rates(cur, m)
		return r, err == nil && r.Sign() > 0
	}
	type key struct {
		cust, sub string
		m         metrics.Month
	}
	var res slowResult
	var firstField, firstDup int64
	seen := map[key]bool{}
	native := map[string]map[metrics.Month]map[string]decimal.Decimal{} // customer → month → currency → amount
	var first, last metrics.Month
	for i, r := range rows {
		pos := int64(i + 1)
		_, rateOK := rate(r.MRR.Currency(), r.Month)
		bad := r.Customer == "" || r.Month.IsZero() || !opts.Through.IsZero() && r.Month.After(opts.Through) ||
			r.MRR.Currency() == "" || r.MRR.Sign() < 0 || !rateOK
		k := key{r.Customer, r.Subscription, r.Month}
		switch {
		case bad:
			res.rejected = append(res.rejected, pos)
			if firstField == 0 {
				firstField = pos
			}
			continue
		case seen[k]:
			res.rejected = append(res.rejected, pos)
			if firstDup == 0 {
				firstDup = pos
			}
			continue
		}
		seen[k] = true
		if native[r.Customer] == nil {
			native[r.Customer] = map[metrics.Month]map[string]decimal.Decimal{}
		}
		if native[r.Customer][r.Month] == nil {
			native[r.Customer][r.Month] = map[string]decimal.Decimal{}
		}
		nm := native[r.Customer][r.Month]
		nm[r.MRR.Currency()] = nm[r.MRR.Currency()].Add(r.MRR.Amount())
		if first.IsZero() || r.Month.Before(first) {
			first = r.Month
		}
		if last.IsZero() || r.Month.After(last) {
			last = r.Month
		}
	}
	res.strict = firstField
	if res.strict == 0 {
		res.strict = firstDup
	}
	if first.IsZero() {
		return res
	}
	if !opts.Through.IsZero() {
		last = opts.Through
	}
	cur := opts.Currency
	zero := money(t, decimal.Decimal{}, cur)
	amt := func(d decimal.Decimal) metrics.Money { return money(t, d, cur) }
	res.months = make([]Summary, last.Sub(first)+1)
	for k := range res.months {
		m := first.Add(k)
		res.months[k] = Summary{From: m, To: m, Movements: metrics.Movements{Start: zero, New: zero, Expansion: zero, Contraction: zero, Churn: zero, Reactivation: zero},
			FX: zero, End: zero, Conventions: opts.Conventions}
	}
	add := func(p *metrics.Money, v decimal.Decimal) { *p = amt(p.Amount().Add(v)) }
	c := opts.Conventions
	customers := make([]string, 0, len(native))
	for name := range native {
		customers = append(customers, name)
	}
	slices.Sort(customers)
	for _, name := range customers {
		byMonth := native[name]
		// The dense arrays: native amounts and the converted total per month.
		nat := make([]map[string]decimal.Decimal, len(res.months))
		tot := make([]decimal.Decimal, len(res.months))
		for k := range res.months {
			m := first.Add(k)
			nat[k] = byMonth[m]
			for cc, v := range nat[k] {
				r, _ := rate(cc, m)
				tot[k] = tot[k].Add(v.Mul(r))
			}
		}
		everPaid, paidMonths, lastPaid, stintStart := false, 0, -1, -1
		log := func(k int, kind MovementKind, from, to, size decimal.Decimal) {
			if opts.KeepLog {
				res.log = append(res.log, Movement{Customer: name, Month: first.Add(k), Kind: kind, From: amt(from), To: amt(to), Amount: amt(size)})
			}
		}
		for k := range res.months {
			m := first.Add(k)
			s := &res.months[k]
			var prev decimal.Decimal
			if k > 0 {
				prev = tot[k-1]
			}
			now := tot[k]
			switch {
			case now.Sign() > 0 && prev.Sign() > 0: // paid in m−1 and m: FX, then the rest
				var fx, rest decimal.Decimal
				for cc, v := range nat[k-1] {
					rNow, _ := rate(cc, m)
					rPrev, _ := rate(cc, first.Add(k-1))
					fx = fx.Add(v.Mul(rNow.Sub(rPrev)))
				}
				for _, cc := range currenciesOf(nat[k-1], nat[k]) {
					rNow, _ := rate(cc, m)
					rest = rest.Add(nat[k][cc].Sub(nat[k-1][cc]).Mul(rNow))
				}
				add(&s.FX, fx)
				if fx.Sign() != 0 {
					log(k, MovementFX, prev, now, fx)
				}
				switch rest.Sign() {
				case 1:
					add(&s.Expansion, rest)
					s.ExpandedCustomers++
					log(k, MovementExpansion, prev, now, rest)
				case -1:
					add(&s.Contraction, rest.Neg())
					s.ContractedCustomers++
					log(k, MovementContraction, prev, now, rest.Neg())
				default:
					s.RetainedCustomers++
					log(k, MovementRetained, prev, now, decimal.Decimal{})
				}
			case now.Sign() > 0 && !everPaid:
				add(&s.New, now)
				s.NewCustomers++
				log(k, MovementNew, decimal.Decimal{}, now, now)
				stintStart = k
			case now.Sign() > 0:
				gap := k - lastPaid - 1
				if c.ReactivationWindowMonths > 0 && gap > c.ReactivationWindowMonths || c.MinHistoryMonths > 0 && paidMonths < c.MinHistoryMonths {
					add(&s.New, now)
					s.NewCustomers++
					log(k, MovementNew, decimal.Decimal{}, now, now)
				} else {
					add(&s.Reactivation, now)
					s.ReactivatedCustomers++
					log(k, MovementReactivation, decimal.Decimal{}, now, now)
					res.returns = append(res.returns, [3]int32{first.Add(stintStart).Index(), first.Add(lastPaid + 1).Index(), m.Index()})
				}
				stintStart = k
			case prev.Sign() > 0: // paid → 0
				add(&s.Churn, prev)
				s.ChurnedCustomers++
				log(k, MovementChurn, prev, decimal.Decimal{}, prev)
				res.churns = append(res.churns, [3]int32{first.Add(stintStart).Index(), m.Index(), 0})
			case everPaid:
				s.InactiveCustomers++
			}
			if now.Sign() > 0 {
				everPaid, paidMonths, lastPaid = true, paidMonths+1, k
				add(&s.End, now)
				s.EndCustomers++
			}
		}
	}
	for k := 1; k < len(res.months); k++ {
		res.months[k].Start, res.months[k].StartCustomers = res.months[k-1].End, res.months[k-1].EndCustomers
	}
	sortLog(res.log)
	return res
}

// currenciesOf returns the currencies of a and b, sorted.
func currenciesOf(a, b map[string]decimal.Decimal) []string {
	var out []string
	for c := range a {
		out = append(out, c)
	}
	for c := range b {
		if _, ok := a[c]; !ok {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// sortLog orders a movement log by customer, month and kind, so logs compare
// whatever order the builds wrote them in.
func sortLog(log []Movement) {
	slices.SortStableFunc(log, func(a, b Movement) int {
		return cmp.Or(strings.Compare(a.Customer, b.Customer), a.Month.Compare(b.Month), cmp.Compare(a.Kind, b.Kind))
	})
}

// span returns the reference's joined-and-churned and churned-and-reactivated
// counts of from..to, straight from their definitions: churns in the span of
// stints that began within it; churns in the span of stints begun before it,
// reactivated within it.
func (s slowResult) span(from, to metrics.Month) (joined, reactivated int64) {
	f, l := from.Index(), to.Index()
	for _, c := range s.churns {
		if c[1] >= f && c[1] <= l && c[0] >= f {
			joined++
		}
	}
	for _, r := range s.returns {
		if r[0] < f && r[1] >= f && r[2] <= l {
			reactivated++
		}
	}
	return joined, reactivated
}

// describeRows prints rows for a failure message.
func describeRows(rows []Row) string {
	var b strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&b, "%d: %q %q %s %s %s\n", i+1, r.Customer, r.Subscription, r.Month, ledgerFD(r.MRR.Amount()), r.MRR.Currency())
	}
	return b.String()
}
