package metrics

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func mustMonth(t testing.TB, s string) Month {
	t.Helper()
	m, err := ParseMonth(s)
	if err != nil {
		t.Fatalf("ParseMonth(%q): %v", s, err)
	}
	return m
}

func TestMonthBasics(t *testing.T) {
	m := mustMonth(t, "2024-08")
	if m.Year() != 2024 || m.Month() != time.August || m.String() != "2024-08" {
		t.Fatalf("2024-08 parsed as %d-%d %q", m.Year(), m.Month(), m)
	}
	if got := m.Add(5).String(); got != "2025-01" {
		t.Errorf("Add(5) = %s", got)
	}
	if got := m.Add(-8).String(); got != "2023-12" {
		t.Errorf("Add(-8) = %s", got)
	}
	if got := mustMonth(t, "2024-03").Sub(mustMonth(t, "2023-12")); got != 3 {
		t.Errorf("Sub = %d", got)
	}
	if q := m.Quarter(); q.String() != "2024-Q3" || q.First().String() != "2024-07" || q.Last().String() != "2024-09" {
		t.Errorf("Quarter = %s first %s last %s", q, q.First(), q.Last())
	}
	if !m.Before(m.Add(1)) || !m.Add(1).After(m) || m.Compare(m) != 0 {
		t.Error("ordering")
	}
	if got := MonthOf(time.Date(2024, 8, 31, 23, 0, 0, 0, time.UTC)); got != m {
		t.Errorf("MonthOf = %s", got)
	}
	if got := m.Start(nil); !got.Equal(time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Start = %s", got)
	}
	var zero Month
	if !zero.IsZero() || zero.String() != "" || zero.Add(3) != zero || zero.Quarter() != (Quarter{}) {
		t.Error("zero Month is not 'no month'")
	}
	if got := mustMonth(t, "9999-12").Add(1).String(); got != "9999-12" {
		t.Errorf("Add saturates: %s", got)
	}
}

func TestParseMonthErrors(t *testing.T) {
	for _, s := range []string{"", "2024-8", "2024-13", "2024-00", "0000-01", "2024/08", "+202-08", "2024-0x", "20240-08"} {
		if _, err := ParseMonth(s); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrOutOfRange) {
			t.Errorf("ParseMonth(%q): %v", s, err)
		}
	}
	if _, err := NewMonth(2024, 13); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("NewMonth(2024, 13): %v", err)
	}
	if _, err := NewQuarter(2024, 5); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("NewQuarter(2024, 5): %v", err)
	}
}

func TestMonthJSON(t *testing.T) {
	type row struct {
		M Month `json:"m"`
	}
	b, err := json.Marshal(row{mustMonth(t, "2024-02")})
	if err != nil || string(b) != `{"m":"2024-02"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var r row
	if err := json.Unmarshal(b, &r); err != nil || r.M != mustMonth(t, "2024-02") {
		t.Fatalf("Unmarshal = %v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"m":"2024-2"}`), &r); err == nil {
		t.Error("Unmarshal accepted 2024-2")
	}
}

// Add and Sub are inverse; Quarter holds its month; order follows Sub.
func TestMonthProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := rapid.IntRange(1, 9999).Draw(t, "y")
		mo := time.Month(rapid.IntRange(1, 12).Draw(t, "m"))
		m, err := NewMonth(y, mo)
		if err != nil {
			t.Fatal(err)
		}
		n := rapid.IntRange(-500, 500).Draw(t, "n")
		o := m.Add(n)
		if o.Year() >= 2 && o.Year() <= 9998 && o.Sub(m) != n {
			t.Fatalf("%s.Add(%d) = %s, Sub = %d", m, n, o, o.Sub(m))
		}
		q := m.Quarter()
		if m.Before(q.First()) || m.After(q.Last()) {
			t.Fatalf("%s not in %s", m, q)
		}
		back, err := ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip %s: %v %v", m, back, err)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2024-08", "0001-01", "9999-12", "2024-13", "", "abcd-ef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			return
		}
		if m.String() != s {
			t.Fatalf("ParseMonth(%q) prints %q", s, m)
		}
	})
}
