package metrics

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/shopspring/decimal"
)

// Ratio is a dimensionless quantity — churn, NRR, GRR, conversion, win rate,
// coverage, LTV:CAC — stored as an exact fraction in lowest terms, never as
// money and never as a float. It is shown as a percent ("105%") or a multiple
// ("3.2x"); 1.05, 105% and 21/20 are the same Ratio.
//
// Because the fraction is exact, a metric that divides loses nothing until its
// digits are requested: Decimal, Round and the String methods round once,
// with the Context the caller gives. Arithmetic keeps the fraction in lowest
// terms, so adding 1/3 a thousand times leaves a denominator of 3. The zero
// value is 0.
type Ratio struct {
	num *big.Int // numerator; nil means 0; never mutated once set
	den *big.Int // denominator > 1 with gcd(num, den) = 1; nil means 1
}

// one is the big.Int 1 (never mutated).
var one = big.NewInt(1)

// makeRatio returns num/den in lowest terms, taking ownership of both
// (den ≠ 0).
func makeRatio(num, den *big.Int) Ratio {
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	if num.Sign() == 0 {
		return Ratio{}
	}
	if den.Cmp(one) != 0 {
		g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(num), den)
		if g.Cmp(one) != 0 {
			num.Quo(num, g)
			den.Quo(den, g)
		}
	}
	if den.Cmp(one) == 0 {
		return Ratio{num: num}
	}
	return Ratio{num: num, den: den}
}

// ratioOfDecimals returns a/b exactly (b ≠ 0, both within the exponent
// bound).
func ratioOfDecimals(a, b decimal.Decimal) Ratio {
	num, den := a.Coefficient(), b.Coefficient()
	switch e := int64(a.Exponent()) - int64(b.Exponent()); {
	case e > 0:
		num.Mul(num, pow10Big(e))
	case e < 0:
		den.Mul(den, pow10Big(-e))
	}
	return makeRatio(num, den)
}

// pow10Big returns 10^e as a new big.Int.
func pow10Big(e int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil) }

// RatioFromInt returns the ratio n (an integer multiple: 3 means 3x, 300%).
func RatioFromInt(n int64) Ratio {
	if n == 0 {
		return Ratio{}
	}
	return Ratio{num: big.NewInt(n)}
}

// Percent returns the ratio p/100 for a whole percent: Percent(90) is 0.9.
// For a fractional percent use ParseRatio("12.5%") or RatioOf.
func Percent(p int64) Ratio { return makeRatio(big.NewInt(p), big.NewInt(100)) }

// NewRatio returns num/den for integers, such as NewRatio(15, 500) for 15
// lost of 500 (3%); den = 0 returns a *ValueError wrapping
// ErrZeroDenominator.
func NewRatio(num, den int64) (Ratio, error) {
	if den == 0 {
		return Ratio{}, valueErr("NewRatio", strconv.FormatInt(num, 10)+"/0", ErrZeroDenominator)
	}
	return makeRatio(big.NewInt(num), big.NewInt(den)), nil
}

// RatioOf returns num/den exactly for decimals; den = 0 returns
// ErrZeroDenominator, and an exponent beyond ±1,000,000 (a value no metric
// has) ErrOutOfRange, each in a *ValueError.
func RatioOf(num, den decimal.Decimal) (Ratio, error) {
	if den.Sign() == 0 {
		return Ratio{}, valueErr("RatioOf", "den 0", ErrZeroDenominator)
	}
	if !dec.InRange(num) || !dec.InRange(den) {
		return Ratio{}, valueErr("RatioOf", "", dec.ErrExponent)
	}
	return ratioOfDecimals(num, den), nil
}

// ParseRatio parses "1.05" (a fraction), "105%" (a percent), "3.2x" (a
// multiple) or "1/3" (an exact fraction of integers, as MarshalJSON writes
// a ratio that has no finite decimal form). Errors are *ValueError values
// wrapping ErrInvalid, ErrOutOfRange or ErrZeroDenominator.
func ParseRatio(s string) (Ratio, error) {
	const op = "ParseRatio"
	t := strings.TrimSpace(s)
	if n, d, ok := strings.Cut(t, "/"); ok {
		num, okN := new(big.Int).SetString(strings.TrimSpace(n), 10)
		den, okD := new(big.Int).SetString(strings.TrimSpace(d), 10)
		switch {
		case len(t) > dec.MaxParseLen || !okN || !okD:
			return Ratio{}, valueErr(op, strconv.Quote(s), ErrInvalid)
		case den.Sign() == 0:
			return Ratio{}, valueErr(op, strconv.Quote(s), ErrZeroDenominator)
		}
		return makeRatio(num, den), nil
	}
	scale := decimal.New(1, 0)
	switch {
	case strings.HasSuffix(t, "%"):
		t, scale = t[:len(t)-1], decimal.New(100, 0)
	case strings.HasSuffix(t, "x"), strings.HasSuffix(t, "X"):
		t = t[:len(t)-1]
	}
	d, err := dec.Parse(t)
	if err != nil {
		return Ratio{}, valueErr(op, strconv.Quote(s), err)
	}
	return ratioOfDecimals(d, scale), nil
}

// numer returns the numerator (never nil).
func (r Ratio) numer() *big.Int {
	if r.num == nil {
		return new(big.Int)
	}
	return r.num
}

// denom returns the denominator (never nil).
func (r Ratio) denom() *big.Int {
	if r.den == nil {
		return one
	}
	return r.den
}

// Fraction returns the exact numerator and positive denominator, in lowest
// terms, as integer decimals.
func (r Ratio) Fraction() (num, den decimal.Decimal) {
	return decimal.NewFromBigInt(r.numer(), 0), decimal.NewFromBigInt(r.denom(), 0)
}

// Unit returns UnitRatio.
func (r Ratio) Unit() Unit { return UnitRatio }

// Sign returns -1, 0 or +1.
func (r Ratio) Sign() int {
	if r.num == nil {
		return 0
	}
	return r.num.Sign()
}

// IsZero reports whether r is 0.
func (r Ratio) IsZero() bool { return r.Sign() == 0 }

// Cmp compares r and o exactly: -1, 0 or +1.
func (r Ratio) Cmp(o Ratio) int {
	if r.den == nil && o.den == nil {
		return r.numer().Cmp(o.numer())
	}
	a := new(big.Int).Mul(r.numer(), o.denom())
	return a.Cmp(new(big.Int).Mul(o.numer(), r.denom()))
}

// cmpDecimal compares r with the plain number d exactly.
func (r Ratio) cmpDecimal(d decimal.Decimal) int {
	return r.Cmp(ratioOfDecimals(d, decimal.New(1, 0)))
}

// Equal reports whether r and o are the same number: 1.05, 105% and 21/20 are
// equal.
func (r Ratio) Equal(o Ratio) bool {
	return r.numer().Cmp(o.numer()) == 0 && r.denom().Cmp(o.denom()) == 0 // lowest terms: one form per value
}

// Add returns r + o exactly, in lowest terms.
func (r Ratio) Add(o Ratio) Ratio {
	a, b := r.numer(), r.denom()
	c, d := o.numer(), o.denom()
	if b.Cmp(d) == 0 {
		return makeRatio(new(big.Int).Add(a, c), new(big.Int).Set(b))
	}
	num := new(big.Int).Mul(a, d)
	num.Add(num, new(big.Int).Mul(c, b))
	return makeRatio(num, new(big.Int).Mul(b, d))
}

// Sub returns r − o exactly.
func (r Ratio) Sub(o Ratio) Ratio { return r.Add(o.Neg()) }

// Neg returns −r.
func (r Ratio) Neg() Ratio {
	if r.num == nil {
		return r
	}
	return Ratio{num: new(big.Int).Neg(r.num), den: r.den}
}

// Mul returns r × o exactly.
func (r Ratio) Mul(o Ratio) Ratio {
	return makeRatio(new(big.Int).Mul(r.numer(), o.numer()), new(big.Int).Mul(r.denom(), o.denom()))
}

// MulInt returns r × n exactly.
func (r Ratio) MulInt(n int64) Ratio {
	return makeRatio(new(big.Int).Mul(r.numer(), big.NewInt(n)), new(big.Int).Set(r.denom()))
}

// Quo returns r ÷ o exactly; a zero o returns a *ValueError wrapping
// ErrZeroDenominator.
func (r Ratio) Quo(o Ratio) (Ratio, error) {
	if o.IsZero() {
		return Ratio{}, valueErr("Ratio.Quo", "0", ErrZeroDenominator)
	}
	return makeRatio(new(big.Int).Mul(r.numer(), o.denom()), new(big.Int).Mul(r.denom(), o.numer())), nil
}

// Inverse returns 1 ÷ r exactly; a zero r returns a *ValueError wrapping
// ErrZeroDenominator.
func (r Ratio) Inverse() (Ratio, error) {
	if r.IsZero() {
		return Ratio{}, valueErr("Ratio.Inverse", "0", ErrZeroDenominator)
	}
	return makeRatio(new(big.Int).Set(r.denom()), new(big.Int).Set(r.numer())), nil
}

// Decimal returns r as a decimal fraction rounded once with ctx; the zero
// Context gives 12 places, half to even, which is exact when r has at most
// 12 decimals.
func (r Ratio) Decimal(ctx Context) decimal.Decimal {
	num, den := r.Fraction()
	if r.den == nil {
		return ctx.round(num)
	}
	return ctx.quo(num, den)
}

// Round returns r rounded once with ctx as a Ratio: Round(Places(4)) of 1/3
// is 0.3333.
func (r Ratio) Round(ctx Context) Ratio {
	return ratioOfDecimals(r.Decimal(ctx), decimal.New(1, 0))
}

// Percent returns r × 100 rounded once with ctx: 1.05 gives 105.
func (r Ratio) Percent(ctx Context) decimal.Decimal {
	num, den := r.Fraction()
	return ctx.quo(num.Mul(decimal.New(100, 0)), den)
}

// StringPercent returns r as a percent rounded once with ctx, trailing zeros
// trimmed: StringPercent(Places(1)) gives "105%" or "11.5%".
func (r Ratio) StringPercent(ctx Context) string {
	return dec.Format(r.Percent(ctx), 0) + "%"
}

// StringMultiple returns r as a multiple rounded once with ctx, trailing
// zeros trimmed: StringMultiple(Places(2)) gives "3.2x".
func (r Ratio) StringMultiple(ctx Context) string {
	return dec.Format(r.Decimal(ctx), 0) + "x"
}

// String returns r as a percent to 10 places (the fraction's 12), trailing
// zeros trimmed: "105%", "33.3333333333%".
func (r Ratio) String() string { return r.StringPercent(Places(DefaultScale - 2)) }

// exactMaxBits bounds the denominators exact examines: one that divides
// 10^dec.MaxParseScale has at most this many bits (10^1000 < 2^3322).
const exactMaxBits = 3322

// exact returns r's finite decimal form and true when its denominator has no
// prime factor other than 2 and 5 and the form has at most
// dec.MaxParseScale places (so that ParseRatio reads it back).
func (r Ratio) exact() (decimal.Decimal, bool) {
	if r.denom().BitLen() > exactMaxBits { // also keeps the divisions below cheap
		return decimal.Decimal{}, false
	}
	den := new(big.Int).Set(r.denom())
	places := int32(0)
	m := new(big.Int)
	for _, f := range []*big.Int{big.NewInt(2), big.NewInt(5)} {
		n := int32(0)
		for {
			q := new(big.Int)
			q.QuoRem(den, f, m)
			if m.Sign() != 0 {
				break
			}
			den, n = q, n+1
		}
		places = max(places, n)
	}
	if den.Cmp(one) != 0 || places > dec.MaxParseScale {
		return decimal.Decimal{}, false
	}
	num, d := r.Fraction()
	q, _ := num.Shift(places).QuoRem(d, 0) // exact: d divides num × 10^places
	return q.Shift(-places), true
}

// MarshalText writes r exactly: a plain decimal fraction ("1.05") when it has
// one of at most 1,000 places (what ParseRatio reads), else
// numerator/denominator ("1/3"), so every Ratio whose text fits ParseRatio's
// 4,096 characters round-trips.
func (r Ratio) MarshalText() ([]byte, error) {
	if d, ok := r.exact(); ok {
		return []byte(dec.Format(d, 0)), nil
	}
	return []byte(r.numer().String() + "/" + r.denom().String()), nil
}

// UnmarshalText reads any form ParseRatio accepts.
func (r *Ratio) UnmarshalText(b []byte) error {
	v, err := ParseRatio(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON writes MarshalText's form as a quoted string: "1.05", "1/3".
func (r Ratio) MarshalJSON() ([]byte, error) {
	b, _ := r.MarshalText()
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a quoted fraction ("1.05"), percent ("105%"),
// multiple ("3.2x") or exact fraction ("1/3").
func (r *Ratio) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return valueErr("Ratio.UnmarshalJSON", "", ErrInvalid)
	}
	return r.UnmarshalText([]byte(s))
}
