package mrr

// CSV to waterfall, the library beside hand-written int64 programs with a
// byte-level parser, on the benchmark's 100,000 customers × 36 months as a
// typical export (customer_id,month,mrr; amounts with two decimals, no
// currency column): the file sorted by customer, and the same rows sorted by
// month. Each ratio benchmark runs both contestants in every iteration, so a
// noisy machine slows them alike; peak memory is measured in child
// processes, one per program.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// csv writes the data set as an export: sorted by customer then month, or
// (byMonth) by month then customer.
func (d *ledgerBenchData) csv(byMonth bool) []byte {
	rows := d.rows
	if byMonth {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, func(a, b ledgerBenchRow) int { return int(a.month) - int(b.month) })
	}
	var buf bytes.Buffer
	buf.Grow(32 * len(rows))
	buf.WriteString("customer_id,month,mrr\n")
	for _, r := range rows {
		c := d.cents[r.amt]
		fmt.Fprintf(&buf, "%s,%s,%d.%02d\n", d.names[r.cust], d.monthOf[r.month], c/100, c%100)
	}
	return buf.Bytes()
}

// The big data set's two files, made once per process.
var (
	benchCSVOnce              sync.Once
	benchCSVSorted, benchCSVM []byte
)

func benchCSVs() (sorted, byMonth []byte) {
	benchCSVOnce.Do(func() {
		d := ledgerGenBenchData(100_000, 36) // not kept: the benchmarks' heap is the files
		benchCSVSorted, benchCSVM = d.csv(false), d.csv(true)
	})
	return benchCSVSorted, benchCSVM
}

// handMonth is one month of a hand program's waterfall, in cents.
type handMonth = ledgerBaselineMonth

// handRow is a hand program's parse of one line: the customer's bytes, the
// month as year × 12 + month − 1, and the amount in cents. It assumes the
// benchmark's exact format (no quotes, two decimals, LF): the hand program a
// team writes for its own export.
func handRow(text []byte, i int) (cust []byte, month int, cents int64, next int) {
	j := i
	for text[j] != ',' {
		j++
	}
	cust = text[i:j]
	j++
	month = (int(text[j]-'0')*1000+int(text[j+1]-'0')*100+int(text[j+2]-'0')*10+int(text[j+3]-'0'))*12 + int(text[j+5]-'0')*10 + int(text[j+6]-'0') - 1
	j += 8
	for ; text[j] != '\n'; j++ {
		if c := text[j]; c != '.' {
			cents = cents*10 + int64(c-'0')
		}
	}
	return cust, month, cents, j + 1
}

// handSorted is the hand int64 program for the file sorted by customer: a
// byte-level parse, the previous customer's bytes compared, int64 cents, the
// monthly waterfall with each stint's churn deferred to its last paid month
// (as the ledger does). Months are offsets from the first row's month.
//
//go:noinline
func handSorted(text []byte) []handMonth {
	out := make([]handMonth, 0, 64)
	i := bytes.IndexByte(text, '\n') + 1
	var prevCust []byte
	base, lastPaid := -1, 0
	var prev int64
	open, ever := false, false
	closeStint := func() {
		out[lastPaid].churnLast += prev
		out[lastPaid].churnLastN++
		open = false
	}
	for i < len(text) {
		cust, month, a, next := handRow(text, i)
		i = next
		if !bytes.Equal(cust, prevCust) {
			if open {
				closeStint()
			}
			prevCust, ever = cust, false
		}
		if base < 0 {
			base = month
		}
		m := month - base
		for len(out) <= m {
			out = append(out, handMonth{})
		}
		if open && lastPaid < m-1 {
			closeStint()
		}
		o := &out[m]
		o.mrr += a
		o.active++
		switch {
		case open && a > prev:
			o.exp += a - prev
			o.expN++
		case open && a < prev:
			o.contr += prev - a
			o.contrN++
		case open:
			o.retN++
		case !ever:
			o.newAmt += a
			o.newN++
		default:
			o.react += a
			o.reactN++
		}
		open, ever, lastPaid, prev = true, true, m, a
	}
	if open {
		closeStint()
	}
	return out
}

// handState is a customer's state in handByMonth.
type handState struct {
	lastPaid   int
	prev       int64
	open, ever bool
}

// handByMonth is the hand int64 program for the file sorted by month: the
// same parse, and a map from customer to its state (a pointer, allocated
// once per customer), since a customer's rows are far apart.
//
//go:noinline
func handByMonth(text []byte) []handMonth {
	out := make([]handMonth, 0, 64)
	states := make(map[string]*handState)
	i := bytes.IndexByte(text, '\n') + 1
	base := -1
	for i < len(text) {
		cust, month, a, next := handRow(text, i)
		i = next
		if base < 0 {
			base = month
		}
		m := month - base
		for len(out) <= m {
			out = append(out, handMonth{})
		}
		st, ok := states[string(cust)]
		if !ok {
			st = &handState{}
			states[string(cust)] = st
		}
		if st.open && st.lastPaid < m-1 {
			out[st.lastPaid].churnLast += st.prev
			out[st.lastPaid].churnLastN++
			st.open = false
		}
		o := &out[m]
		o.mrr += a
		o.active++
		switch {
		case st.open && a > st.prev:
			o.exp += a - st.prev
			o.expN++
		case st.open && a < st.prev:
			o.contr += st.prev - a
			o.contrN++
		case st.open:
			o.retN++
		case !st.ever:
			o.newAmt += a
			o.newN++
		default:
			o.react += a
			o.reactN++
		}
		st.open, st.ever, st.lastPaid, st.prev = true, true, m, a
	}
	for _, st := range states {
		if st.open {
			out[st.lastPaid].churnLast += st.prev
			out[st.lastPaid].churnLastN++
		}
	}
	return out
}

// The hand programs compute the ledger's waterfall: checked on a smaller
// data set of the same generator, both files.
func TestHandProgramsAgree(t *testing.T) {
	d := ledgerGenBenchData(3000, 36)
	want := ledgerBaselineInt64(d)
	for name, got := range map[string][]handMonth{"sorted": handSorted(d.csv(false)), "by month": handByMonth(d.csv(true))} {
		if diff := gocmp.Diff(want, got, gocmp.AllowUnexported(ledgerBaselineMonth{})); diff != "" {
			t.Errorf("%s: hand program ≠ int64 baseline:\n%s", name, diff)
		}
	}
	for name, build := range map[string]func() (*Ledger, error){
		"CSVReader.BuildSorted": func() (*Ledger, error) {
			return NewCSVReader(bytes.NewReader(d.csv(false))).BuildSorted(Options{Currency: "USD"})
		},
		"CSVReader.Build": func() (*Ledger, error) {
			return NewCSVReader(bytes.NewReader(d.csv(true))).Build(Options{Currency: "USD"})
		},
	} {
		l, err := build()
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstBaseline(t, name, l, want)
	}
}

// checkAgainstBaseline compares a ledger's months with an int64 waterfall.
func checkAgainstBaseline(t *testing.T, name string, l *Ledger, base []ledgerBaselineMonth) {
	t.Helper()
	cents := func(c int64) string { return strconv.FormatInt(c/100, 10) + "." + fmt.Sprintf("%02d", c%100) }
	months := l.Months()
	if len(months) != len(base) {
		t.Fatalf("%s: %d months, baseline %d", name, len(months), len(base))
	}
	for k, s := range months {
		o := base[k]
		churn, churnN := int64(0), int64(0)
		if k > 0 {
			churn, churnN = base[k-1].churnLast, base[k-1].churnLastN
		}
		got := []string{ledgerFD(s.End.Amount()), ledgerFD(s.New.Amount()), ledgerFD(s.Expansion.Amount()), ledgerFD(s.Contraction.Amount()), ledgerFD(s.Reactivation.Amount()), ledgerFD(s.Churn.Amount())}
		want := []string{cents(o.mrr), cents(o.newAmt), cents(o.exp), cents(o.contr), cents(o.react), cents(churn)}
		for j := range got {
			if !d(t, got[j]).Equal(d(t, want[j])) {
				t.Fatalf("%s: month %d amount %d: %s ≠ %s", name, k, j, got[j], want[j])
			}
		}
		if s.EndCustomers != o.active || s.NewCustomers != o.newN || s.ReactivatedCustomers != o.reactN || s.ExpandedCustomers != o.expN ||
			s.ContractedCustomers != o.contrN || s.RetainedCustomers != o.retN || s.ChurnedCustomers != churnN {
			t.Fatalf("%s: month %d counts %+v ≠ %+v", name, k, s, o)
		}
	}
}

// measure runs f and returns its wall time, the process's CPU time during
// it (which other processes on a shared machine do not inflate; it includes
// the garbage collector's work on other threads), and its mallocs and bytes.
func measure(f func()) (wall, cpu time.Duration, mallocs, bytes uint64) {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	c0, t0 := cpuTime(), time.Now()
	f()
	wall, cpu = time.Since(t0), cpuTime()-c0
	runtime.ReadMemStats(&b)
	return wall, cpu, b.Mallocs - a.Mallocs, b.TotalAlloc - a.TotalAlloc
}

// ratioBench runs lib and hand in turn in every iteration and reports each
// one's CPU and wall ns/row, allocations and bytes per run, and lib's CPU
// time as a percentage of hand's (the figure that holds on a loaded
// machine; the wall-time one beside it).
func ratioBench(b *testing.B, rows int, lib, hand func()) {
	var wl, wh, cl, ch time.Duration
	var al, ah, bl, bh uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, c, a, by := measure(lib)
		wl, cl, al, bl = wl+w, cl+c, al+a, bl+by
		w, c, a, by = measure(hand)
		wh, ch, ah, bh = wh+w, ch+c, ah+a, bh+by
	}
	n := int64(b.N) * int64(rows)
	b.ReportMetric(float64(cl.Nanoseconds()/n), "lib-cpu-ns/row")
	b.ReportMetric(float64(ch.Nanoseconds()/n), "hand-cpu-ns/row")
	b.ReportMetric(float64(wl.Nanoseconds()/n), "lib-wall-ns/row")
	b.ReportMetric(float64(wh.Nanoseconds()/n), "hand-wall-ns/row")
	b.ReportMetric(float64(100*cl.Nanoseconds()/max(ch.Nanoseconds(), 1)), "%-of-hand-cpu")
	b.ReportMetric(float64(100*wl.Nanoseconds()/max(wh.Nanoseconds(), 1)), "%-of-hand-wall")
	b.ReportMetric(float64(al/uint64(b.N)), "lib-allocs/op")
	b.ReportMetric(float64(ah/uint64(b.N)), "hand-allocs/op")
	b.ReportMetric(float64(bl/uint64(b.N)>>20), "lib-MB/op")
	b.ReportMetric(float64(bh/uint64(b.N)>>20), "hand-MB/op")
}

// BenchmarkCSVSortedRatio: the file sorted by customer, through the
// library's reader into the streaming build (CSVReader.BuildSorted), beside
// handSorted.
func BenchmarkCSVSortedRatio(b *testing.B) {
	text, _ := benchCSVs()
	rows := bytes.Count(text, []byte{'\n'}) - 1
	ratioBench(b, rows, func() {
		if _, err := NewCSVReader(bytes.NewReader(text)).BuildSorted(Options{Currency: "USD"}); err != nil {
			b.Fatal(err)
		}
	}, func() { _ = handSorted(text) })
}

// BenchmarkCSVByMonthRatio: the same rows sorted by month, through the
// library's reader into the unsorted build (CSVReader.Build), beside
// handByMonth.
func BenchmarkCSVByMonthRatio(b *testing.B) {
	_, text := benchCSVs()
	rows := bytes.Count(text, []byte{'\n'}) - 1
	ratioBench(b, rows, func() {
		if _, err := NewCSVReader(bytes.NewReader(text)).Build(Options{Currency: "USD"}); err != nil {
			b.Fatal(err)
		}
	}, func() { _ = handByMonth(text) })
}

// BenchmarkCSVRowsRatio: the sorted file through CSVReader.Rows into
// BuildSorted (a Row per record), beside handSorted.
func BenchmarkCSVRowsRatio(b *testing.B) {
	text, _ := benchCSVs()
	rows := bytes.Count(text, []byte{'\n'}) - 1
	ratioBench(b, rows, func() {
		rd := NewCSVReader(bytes.NewReader(text))
		rd.Currency = "USD"
		if _, err := BuildSorted(rd.Rows(), Options{Currency: "USD"}); err != nil {
			b.Fatal(err)
		}
	}, func() { _ = handSorted(text) })
}

// peakChildEnv names the program a child process runs (see TestPeakChild).
const peakChildEnv = "MRR_PEAK_CHILD"

// TestPeakChild is not a test: BenchmarkPeakMemory runs the test binary
// again with MRR_PEAK_CHILD=program:file, and this runs the one program on
// the file and prints its Go heap figures; the parent reads the child's peak
// resident memory from the operating system.
func TestPeakChild(t *testing.T) {
	spec := os.Getenv(peakChildEnv)
	if spec == "" {
		t.Skip("run by BenchmarkPeakMemory")
	}
	prog, path, _ := strings.Cut(spec, ":")
	open := func() *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	switch prog {
	case "idle":
	case "lib-stream":
		f := open()
		defer f.Close()
		if _, err := NewCSVReader(f).BuildSorted(Options{Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
	case "lib-sorted":
		f := open()
		defer f.Close()
		if _, err := NewCSVReader(f).BuildSorted(Options{Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
	case "lib-unsorted":
		f := open()
		defer f.Close()
		if _, err := NewCSVReader(f).Build(Options{Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
	case "hand-sorted", "hand-by-month":
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if prog == "hand-sorted" {
			_ = handSorted(text)
		} else {
			_ = handByMonth(text)
		}
	default:
		t.Fatalf("unknown program %q", prog)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// VmHWM is this process's peak resident set since its exec (rusage's
	// maxrss would include the parent's memory at the fork).
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	var hwm uint64
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwm, _ = strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	fmt.Printf("PEAK heapsys=%d hwm=%d\n", ms.HeapSys, hwm<<10)
}

// peakOf runs one program in a child process and returns its peak resident
// memory (Linux's VmHWM) and its heap obtained from the OS, in bytes.
func peakOf(b *testing.B, prog, path string) (rss, heapSys uint64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), peakChildEnv+"="+prog+":"+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s: %v\n%s", prog, err, out)
	}
	i := bytes.Index(out, []byte("PEAK heapsys="))
	if i < 0 {
		b.Skipf("%s: no peak reported (no /proc?):\n%s", prog, out)
	}
	if _, err := fmt.Sscanf(string(out[i:]), "PEAK heapsys=%d hwm=%d", &heapSys, &rss); err != nil {
		b.Fatalf("%s: %v in %q", prog, err, out[i:])
	}
	return rss, heapSys
}

// BenchmarkPeakMemory writes both files and runs each program once in its
// own process (the library streaming the file from disk, the hand programs
// reading it whole, as a byte-level parser does), reporting peak resident
// memory (MB, and less an idle test process) and the library's peak as a
// percentage of the hand program's on the same file.
func BenchmarkPeakMemory(b *testing.B) {
	sorted, byMonth := benchCSVs()
	dir := b.TempDir()
	files := map[string]string{"sorted": dir + "/sorted.csv", "by-month": dir + "/by-month.csv"}
	for name, text := range map[string][]byte{"sorted": sorted, "by-month": byMonth} {
		if err := os.WriteFile(files[name], text, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		idle, _ := peakOf(b, "idle", "")
		report := func(prog, file string) uint64 {
			rss, heap := peakOf(b, prog, files[file])
			b.ReportMetric(float64(rss>>20), prog+"-MB")
			b.ReportMetric(float64((rss-min(rss, idle))>>20), prog+"-MB-over-idle")
			b.ReportMetric(float64(heap>>20), prog+"-heapsys-MB")
			return rss - min(rss, idle)
		}
		ls, hs := report("lib-sorted", "sorted"), report("hand-sorted", "sorted")
		lu, hu := report("lib-unsorted", "by-month"), report("hand-by-month", "by-month")
		b.ReportMetric(float64(idle>>20), "idle-MB")
		b.ReportMetric(float64(100*ls/max(hs, 1)), "%-sorted")
		b.ReportMetric(float64(100*lu/max(hu, 1)), "%-by-month")
	}
}

// BenchmarkStreamingMemory writes the sorted file for 25,000, 50,000,
// 100,000 and 200,000 customers and streams each through
// CSVReader.BuildSorted in its own process, reporting peak resident memory
// and the Go heap obtained from the OS: flat, whatever the number of rows,
// but for 8 bytes per customer (Merge's fingerprint).
func BenchmarkStreamingMemory(b *testing.B) {
	dir := b.TempDir()
	sizes := []int{25_000, 50_000, 100_000, 200_000}
	for _, n := range sizes {
		if err := os.WriteFile(fmt.Sprintf("%s/%d.csv", dir, n), ledgerGenBenchData(n, 36).csv(false), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, n := range sizes {
			rss, heap := peakOf(b, "lib-stream", fmt.Sprintf("%s/%d.csv", dir, n))
			b.ReportMetric(float64(rss>>20), fmt.Sprintf("MB-%dk", n/1000))
			b.ReportMetric(float64(heap>>20), fmt.Sprintf("heapsys-MB-%dk", n/1000))
		}
	}
}
