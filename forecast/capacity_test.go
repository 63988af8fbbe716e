package forecast

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saasmetrics/saasmetrics/metrics"
	"pgregory.net/rapid"
)

// A plan month by month: five ramped reps, two hires in February and one in
// March ramping 25%, 50%, 75%, then fully productive; 10k monthly quota at
// 80% expected attainment.
func TestPlanCapacity(t *testing.T) {
	p := Plan{
		Hires:       []Hire{{Start: month(t, "2024-03"), Reps: 1}, {Start: month(t, "2023-01"), Reps: 5}, {Start: month(t, "2024-02"), Reps: 2}},
		QuotaPerRep: usd(t, "10000"), Attainment: rat(t, "80%"),
		Ramp: []metrics.Ratio{rat(t, "25%"), rat(t, "50%"), rat(t, "75%")},
	}
	targets := []MonthTarget{ // out of order: the result is in month order
		{month(t, "2024-04"), usd(t, "55000")}, {month(t, "2024-01"), usd(t, "50000")}, {month(t, "2024-02"), usd(t, "45000")},
		{month(t, "2024-03"), usd(t, "60000")}, {month(t, "2024-05"), usd(t, "70000")},
	}
	got, err := p.Capacity(targets)
	if err != nil {
		t.Fatal(err)
	}
	row := func(m string, head int64, ramped, capacity, target, gap string) MonthCapacity {
		return MonthCapacity{Month: month(t, m), Headcount: head, Ramped: rat(t, ramped), Capacity: usd(t, capacity), Target: usd(t, target), Gap: usd(t, gap)}
	}
	want := []MonthCapacity{
		// 5 ramped: 5 × 10k × 80% = 40k against 50k.
		row("2024-01", 5, "5", "40000", "50000", "10000"),
		// + 2 × 25%: 5.5 × 8k = 44k.
		row("2024-02", 7, "5.5", "44000", "45000", "1000"),
		// + 2 × 50% + 1 × 25%: 6.25 × 8k = 50k.
		row("2024-03", 8, "6.25", "50000", "60000", "10000"),
		// + 2 × 75% + 1 × 50%: 7 × 8k = 56k, a surplus of 1k.
		row("2024-04", 8, "7", "56000", "55000", "-1000"),
		// + 2 ramped + 1 × 75%: 7.75 × 8k = 62k.
		row("2024-05", 8, "7.75", "62000", "70000", "8000"),
	}
	if diff := cmp.Diff(want, got, cmpOpts...); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	// Before anyone started: nothing.
	early, err := p.Capacity([]MonthTarget{{month(t, "2022-12"), usd(t, "1")}})
	if err != nil || early[0].Headcount != 0 || !early[0].Ramped.IsZero() || !early[0].Gap.Equal(usd(t, "1")) {
		t.Errorf("before the first hire: %+v, %v", early, err)
	}
	// At the calendar's first month a long ramp does not reach before it.
	first, err := Plan{Hires: []Hire{{Start: month(t, "0001-01"), Reps: 2}}, QuotaPerRep: usd(t, "1"), Attainment: rat(t, "1"),
		Ramp: []metrics.Ratio{rat(t, "50%"), rat(t, "50%")}}.Capacity([]MonthTarget{{month(t, "0001-01"), usd(t, "0")}, {month(t, "0001-03"), usd(t, "0")}})
	if err != nil || !first[0].Ramped.Equal(rat(t, "1")) || !first[1].Ramped.Equal(rat(t, "2")) {
		t.Errorf("first month: %+v, %v", first, err)
	}
}

// Plan's errors name the bad input.
func TestPlanErrors(t *testing.T) {
	ok := Plan{Hires: []Hire{{Start: month(t, "2024-01"), Reps: 1}}, QuotaPerRep: usd(t, "10"), Attainment: rat(t, "1")}
	target := []MonthTarget{{month(t, "2024-01"), usd(t, "5")}}
	long := make([]metrics.Ratio, MaxRampMonths+1)
	tests := []struct {
		name, id, input string
		p               Plan
		targets         []MonthTarget
		want            error
	}{
		{"negative quota", "team_capacity", "quotaPerRep", Plan{QuotaPerRep: usd(t, "-1")}, target, metrics.ErrNegative},
		{"negative attainment", "team_capacity", "attainment", Plan{Attainment: rat(t, "-1%")}, target, metrics.ErrNegative},
		{"ramp too long", "team_capacity", "ramp", Plan{Ramp: long}, target, metrics.ErrOutOfRange},
		{"ramp above 1", "team_capacity", "ramp[1]", Plan{Ramp: []metrics.Ratio{rat(t, "1"), rat(t, "1.5")}}, target, metrics.ErrOutOfRange},
		{"hire without month", "team_capacity", "hires[0].Start", Plan{Hires: []Hire{{Reps: 1}}}, target, metrics.ErrMissing},
		{"negative hire", "team_capacity", "hires[0].Reps", Plan{Hires: []Hire{{Start: month(t, "2024-01"), Reps: -1}}}, target, metrics.ErrNegative},
		{"too many reps", "team_capacity", "hires[1].Reps", Plan{Hires: []Hire{{Start: month(t, "2024-01"), Reps: math.MaxInt64}, {Start: month(t, "2024-02"), Reps: 1}}}, target, metrics.ErrOutOfRange},
		{"target without month", "capacity_gap", "targets", ok, []MonthTarget{{Target: usd(t, "1")}}, metrics.ErrMissing},
		{"two targets for a month", "capacity_gap", "targets[2024-01]", ok, []MonthTarget{target[0], target[0]}, metrics.ErrDuplicate},
		{"negative target", "capacity_gap", "targets[2024-01]", ok, []MonthTarget{{month(t, "2024-01"), usd(t, "-5")}}, metrics.ErrNegative},
		{"target currency", "capacity_gap", "targets[2024-01]", ok, []MonthTarget{{month(t, "2024-01"), eur(t, "5")}}, metrics.ErrCurrencyMismatch},
		{"targets' currencies", "capacity_gap", "targets[2024-02]", Plan{}, []MonthTarget{{month(t, "2024-01"), eur(t, "5")}, {month(t, "2024-02"), usd(t, "5")}}, metrics.ErrCurrencyMismatch},
	}
	for _, tc := range tests {
		_, err := tc.p.Capacity(tc.targets)
		wantMetricErr(t, tc.name, err, tc.want, tc.id)
		var me *metrics.MetricError
		if errors.As(err, &me) && me.Input != tc.input {
			t.Errorf("%s: names %q, want %q", tc.name, me.Input, tc.input)
		}
	}
}

// The plan agrees with a rep-by-rep reference, and without a ramp with
// TeamCapacity of its headcount.
func TestPlanMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := month(t, "2024-01")
		var hires []Hire
		for range rapid.IntRange(0, 6).Draw(t, "hires") {
			hires = append(hires, Hire{Start: base.Add(rapid.IntRange(-6, 12).Draw(t, "start")), Reps: rapid.Int64Range(0, 5).Draw(t, "reps")})
		}
		var ramp []metrics.Ratio
		for range rapid.IntRange(0, 4).Draw(t, "ramp") {
			r, _ := metrics.NewRatio(rapid.Int64Range(0, 8).Draw(t, "share"), 8)
			ramp = append(ramp, r)
		}
		quota := genMoney(t, "quota")
		att, _ := metrics.NewRatio(rapid.Int64Range(0, 150).Draw(t, "attainment"), 100)
		p := Plan{Hires: hires, QuotaPerRep: quota, Attainment: att, Ramp: ramp}
		var targets []MonthTarget
		for i := range rapid.IntRange(0, 8).Draw(t, "months") {
			targets = append(targets, MonthTarget{Month: base.Add(i*2 - 3), Target: genMoney(t, "target")})
		}
		got, err := p.Capacity(targets)
		if err != nil {
			t.Fatal(err)
		}
		for i, mc := range got {
			ramped, head := metrics.Ratio{}, int64(0)
			for _, h := range hires {
				k := mc.Month.Sub(h.Start) // 0 in the start month
				if k < 0 {
					continue
				}
				head += h.Reps
				share := metrics.RatioFromInt(1)
				if k < len(ramp) {
					share = ramp[k]
				}
				ramped = ramped.Add(share.MulInt(h.Reps))
			}
			if mc.Headcount != head || !mc.Ramped.Equal(ramped) {
				t.Fatalf("month %d: %d reps %v, want %d %v", i, mc.Headcount, mc.Ramped, head, ramped)
			}
			if len(ramp) == 0 {
				c, err := TeamCapacity(Team{Reps: head, QuotaPerRep: quota, Attainment: att, Ramp: metrics.RatioFromInt(1)})
				if err != nil || !sameAmount(c, mc.Capacity) {
					t.Fatalf("month %d: %v, TeamCapacity %v", i, mc.Capacity, c)
				}
			}
			if sum, err := mc.Gap.Add(mc.Capacity); err != nil || !sameAmount(sum, mc.Target) {
				t.Fatalf("month %d: gap + capacity ≠ target", i)
			}
			if i > 0 && !got[i-1].Month.Before(mc.Month) {
				t.Fatalf("months out of order")
			}
		}
	})
}

// Activities per rep and kind, in a window; bad records named.
func TestCountActivities(t *testing.T) {
	at := func(s string) Activity { return Activity{Owner: "ana", Kind: "call", At: day(t, s)} }
	acts := []Activity{
		at("2024-04-01"), at("2024-04-02"), {Owner: "ana", Kind: "demo", At: day(t, "2024-04-03")},
		{Owner: "ben", Kind: "email", At: day(t, "2024-04-30")}, // the window's last day
		{Owner: "ben", Kind: "email", At: day(t, "2024-05-01")}, // outside: to is exclusive
		{Owner: "ben", Kind: "call", At: day(t, "2024-03-31")},  // outside: before from
	}
	got, err := CountActivities(metrics.FromSlice(acts), day(t, "2024-04-01"), day(t, "2024-05-01"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []ActivityCount{{"ana", "call", 2}, {"ana", "demo", 1}, {"ben", "email", 1}}
	if diff := cmp.Diff(want, got.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	all, err := CountActivities(metrics.FromSlice(acts), zeroTime, zeroTime, Options{})
	if err != nil || len(all.Counts) != 4 || all.Counts[2] != (ActivityCount{"ben", "call", 1}) {
		t.Errorf("open window: %+v, %v", all.Counts, err)
	}
	bad := append(acts, Activity{ID: "a7", Kind: "call", At: day(t, "2024-04-05")}, Activity{ID: "a8", Owner: "x", At: day(t, "2024-04-05")}, Activity{ID: "a9", Owner: "x", Kind: "call"})
	_, err = CountActivities(metrics.FromSlice(bad), zeroTime, zeroTime, Options{})
	var re *metrics.RowError
	if !errors.As(err, &re) || re.Entity != "activity" || re.ID != "a7" || re.Record != 7 || re.Field != "owner" || !errors.Is(err, metrics.ErrMissing) {
		t.Errorf("strict: %v", err)
	}
	lax, err := CountActivities(metrics.FromSlice(bad), zeroTime, zeroTime, Options{Lenient: true, MaxRejected: 2})
	if err != nil || lax.Skipped != 3 || len(lax.Rejected) != 2 || lax.Rejected[1].Field != "kind" || len(lax.Counts) != 4 {
		t.Errorf("lenient: %+v, %v", lax, err)
	}
	if _, err := CountActivities(metrics.FromSlice(bad), zeroTime, zeroTime, Options{MaxRejected: -1}); err == nil {
		t.Error("negative MaxRejected accepted")
	}
}
