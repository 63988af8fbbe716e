package health

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/shopspring/decimal"
)

// maxExponent bounds the exponent of every reading, normaliser parameter
// and band edge the package accepts: ±1,000, tighter than the library's
// ±1,000,000 because exact sums of points whose denominators have a million
// digits take seconds (their GCDs are quadratic in the digits), and no
// measurement has a thousand decimal places.
const maxExponent = 1_000

// maxParseLen bounds the text ParseValue reads.
const maxParseLen = 4096

// valueScale is the number of decimal places of a Value held inline.
const valueScale = 6

// pow10 holds 10^0 … 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Value is the exact value of one raw signal, in the signal's own unit
// (logins, a share such as 0.35 for 35%, hours, a CSAT of 4.5). A value with
// at most 6 decimal places and a magnitude below about 9.2 × 10^12 (every
// reading in practice) is held inline as an int64 of millionths and costs no
// allocation; any other is held as a decimal. The two forms are the same
// value to every method. The zero Value is 0.
type Value struct {
	big   *decimal.Decimal // the value when not inline; never mutated
	micro int64            // the value in 10^-6 units when big is nil
}

// IntValue returns the whole number n as a Value.
func IntValue(n int64) Value {
	if v, ok := mulCheck(n, pow10[valueScale]); ok {
		return Value{micro: v}
	}
	d := decimal.New(n, 0)
	return Value{big: &d}
}

// DecimalValue returns d as a Value. An exponent beyond ±1,000 returns a
// *metrics.ValueError wrapping metrics.ErrOutOfRange.
func DecimalValue(d decimal.Decimal) (Value, error) {
	if !inRange(d) {
		return Value{}, &metrics.ValueError{Op: "health.DecimalValue", Input: "exponent " + strconv.Itoa(int(d.Exponent())), Err: metrics.ErrOutOfRange}
	}
	if v, ok := micros(d); ok {
		return Value{micro: v}, nil
	}
	return Value{big: &d}, nil
}

// ParseValue reads a plain decimal such as "0.35", "-2" or "1e3". Text longer
// than 4,096 bytes or malformed returns a *metrics.ValueError wrapping
// metrics.ErrInvalid; an exponent beyond ±1,000 one wrapping
// metrics.ErrOutOfRange.
func ParseValue(s string) (Value, error) {
	const op = "health.ParseValue"
	if len(s) > maxParseLen {
		return Value{}, &metrics.ValueError{Op: op, Input: "text of " + strconv.Itoa(len(s)) + " bytes", Err: metrics.ErrInvalid}
	}
	t := strings.TrimSpace(s)
	if t == "" || strings.ContainsAny(t, "_") {
		return Value{}, &metrics.ValueError{Op: op, Input: strconv.Quote(s), Err: metrics.ErrInvalid}
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return Value{}, &metrics.ValueError{Op: op, Input: strconv.Quote(s), Err: metrics.ErrInvalid}
	}
	v, err := DecimalValue(d)
	if err != nil {
		return Value{}, &metrics.ValueError{Op: op, Input: strconv.Quote(s), Err: metrics.ErrOutOfRange}
	}
	return v, nil
}

// inRange reports whether d's exponent lies within ±maxExponent.
func inRange(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -maxExponent && e <= maxExponent
}

// micros returns d in 10^-6 units when that is an exact int64.
func micros(d decimal.Decimal) (int64, bool) { return scaled(d, valueScale) }

// scaled returns d × 10^places when that is an exact int64, whatever d's
// representation (1.5, 1.50 and 150 × 10^-2 alike), so that a value's form
// depends only on the value.
func scaled(d decimal.Decimal, places int64) (int64, bool) {
	nd := d.NumDigits()
	if nd > 18 {
		return scaledBig(d, places, int64(nd))
	}
	c, e := d.CoefficientInt64(), int64(d.Exponent())+places
	switch {
	case c == 0:
		return 0, true
	case e >= 0:
		if e > 18 {
			return 0, false
		}
		return mulCheck(c, pow10[e])
	case e < -18:
		return 0, false
	}
	p := pow10[-e]
	if c%p != 0 {
		return 0, false
	}
	return c / p, true
}

// scaledBig is scaled for a coefficient of nd > 18 digits, in big
// integers; the work is bounded by nd, whatever the exponent.
func scaledBig(d decimal.Decimal, places, nd int64) (int64, bool) {
	e := int64(d.Exponent()) + places
	switch {
	case e == 0:
		c := d.Coefficient()
		return c.Int64(), c.IsInt64()
	case e > 0 || -e >= nd: // |d × 10^places| ≥ 10^19, or a fraction
		return 0, false
	}
	q, r := new(big.Int).QuoRem(d.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(-e), nil), new(big.Int))
	if r.Sign() != 0 || !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// mulCheck returns a × b and whether it fits an int64, for b > 0 (every
// caller multiplies by a power of ten or a positive denominator).
func mulCheck(a, b int64) (int64, bool) {
	p := a * b
	return p, p/b == a
}

// Decimal returns the value as a decimal.
func (v Value) Decimal() decimal.Decimal {
	if v.big != nil {
		return *v.big
	}
	return decimal.New(v.micro, -valueScale)
}

// ratio returns the value as an exact fraction.
func (v Value) ratio() metrics.Ratio {
	if v.big == nil {
		r, _ := metrics.NewRatio(v.micro, pow10[valueScale])
		return r
	}
	r, _ := metrics.RatioOf(*v.big, decimal.New(1, 0)) // in range: checked on construction
	return r
}

// Cmp compares v and o exactly: -1, 0 or +1.
func (v Value) Cmp(o Value) int {
	if v.big == nil && o.big == nil {
		return cmpInt(v.micro, o.micro)
	}
	return v.Decimal().Cmp(o.Decimal())
}

// Sign returns -1, 0 or +1.
func (v Value) Sign() int {
	if v.big != nil {
		return v.big.Sign()
	}
	return cmpInt(v.micro, 0)
}

// Equal reports whether v and o are the same number (1.5 equals 1.50).
func (v Value) Equal(o Value) bool { return v.Cmp(o) == 0 }

// String writes the value exactly, without trailing zeros: "0.35", "-2".
func (v Value) String() string { return formatDecimal(v.Decimal()) }

// formatDecimal writes d exactly in plain notation without trailing zeros
// (never calling decimal.String, which reads package globals).
func formatDecimal(d decimal.Decimal) string {
	c := d.Coefficient()
	e := int(d.Exponent())
	neg := c.Sign() < 0
	digits := new(big.Int).Abs(c).String()
	var s string
	switch {
	case digits == "0":
		return "0"
	case e >= 0:
		s = digits + strings.Repeat("0", e)
	default:
		if len(digits) <= -e {
			digits = strings.Repeat("0", -e-len(digits)+1) + digits
		}
		cut := len(digits) + e
		s = strings.TrimRight(digits[:cut]+"."+digits[cut:], "0")
		s = strings.TrimSuffix(s, ".")
	}
	if neg {
		return "-" + s
	}
	return s
}

// cmpInt compares two int64s: -1, 0 or +1.
func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
