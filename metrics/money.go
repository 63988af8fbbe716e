package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an exact amount in one currency. The zero value is zero with no
// currency yet: it is the identity of Add, so a fold over an empty slice
// starts from Money{} and adopts the currency of the first amount added.
// Combining two different currencies is an error (ErrCurrencyMismatch);
// convert explicitly with Convert first.
//
// Equal values at different scales are equal: 10.5 USD equals 10.50 USD.
//
// An amount with at most 12 decimal places and less than about 9.2 million
// in magnitude (every per-customer MRR in practice, and every quotient the
// zero Context rounds in that range) is held inline as an int64 of 10^-12
// units and costs no allocation to make, add or compare; any other amount is
// held as a decimal. The two forms are the same value to every method.
type Money struct {
	big      *decimal.Decimal // the amount when it is not held inline; never mutated
	pico     int64            // the amount in 10^-12 units when big is nil; 0 when big is set
	currency string
}

// moneyScale is the number of decimal places of an inline amount.
const moneyScale = 12

// pow10 holds 10^0 … 10^18.
var pow10 = [19]int64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
	10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
	1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000}

// toPico returns c × 10^exp in 10^-12 units, and whether that is an exact
// int64.
func toPico(c int64, exp int32) (int64, bool) {
	e := int(exp) + moneyScale
	switch {
	case e == 0:
		return c, true
	case e > 0 && e <= 18:
		return mulCheck(c, pow10[e])
	case e < 0 && e >= -18:
		if p := pow10[-e]; c%p == 0 {
			return c / p, true
		}
	}
	return 0, false
}

// decimalToPico returns d in 10^-12 units, and whether that is an exact
// int64. It does not allocate.
func decimalToPico(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	return toPico(d.CoefficientInt64(), d.Exponent())
}

// mulCheck returns c × p and whether it fits an int64 (p > 0).
func mulCheck(c, p int64) (int64, bool) {
	neg := c < 0
	u := uint64(c)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, uint64(p))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

// moneyOf returns d in currency cur (already upper-case), inline when it
// fits.
func moneyOf(d decimal.Decimal, cur string) Money {
	if v, ok := decimalToPico(d); ok {
		return Money{pico: v, currency: cur}
	}
	p := new(decimal.Decimal) // not &d: d would then escape on every call
	*p = d
	return Money{big: p, currency: cur}
}

// moneyOfInt returns c × 10^exp in currency cur (already upper-case), inline
// when it fits.
func moneyOfInt(c int64, exp int32, cur string) Money {
	if v, ok := toPico(c, exp); ok {
		return Money{pico: v, currency: cur}
	}
	d := decimal.New(c, exp)
	return Money{big: &d, currency: cur}
}

// dec returns the amount as a decimal (allocating when it is held inline).
func (m Money) dec() decimal.Decimal {
	if m.big != nil {
		return *m.big
	}
	return decimal.New(m.pico, -moneyScale)
}

// NewMoney returns amount in currency. The currency code is upper-cased; it is
// validated where it matters (ParseMoney, the ledger's row checks), not here.
// An amount whose exponent lies beyond ±1,000,000 (no parser produces one) is
// refused with ErrOutOfRange by every method and metric that returns an
// error; Equal and String handle it exactly; the other methods (MulInt,
// MulDecimal, MulRatio, Round) do not check and may take time and memory
// proportional to the exponent, as shopspring's arithmetic does.
func NewMoney(amount decimal.Decimal, currency string) Money {
	return moneyOf(amount, upperCurrency(currency))
}

// MoneyFromInt returns a whole amount in currency, such as MoneyFromInt(100, "USD").
func MoneyFromInt(amount int64, currency string) Money {
	return moneyOfInt(amount, 0, upperCurrency(currency))
}

// MoneyFromMinor returns amount × 10^−places in currency: MoneyFromMinor(2999,
// 2, "USD") is 29.99 USD and MoneyFromMinor(500, 0, "JPY") is 500 JPY. An
// amount held inline (see Money) costs no allocation, so this is the cheapest
// way to feed amounts kept as integer cents to the ledger.
func MoneyFromMinor(amount int64, places uint8, currency string) Money {
	if places <= moneyScale && amount <= picoLimit[places] && amount >= -picoLimit[places] && isUpperCode(currency) { // inline, without a call
		return Money{pico: amount * pow10[moneyScale-places], currency: currency}
	}
	return moneyOfInt(amount, -int32(places), upperCurrency(currency))
}

// picoLimit[p] is the largest amount of p decimal places held inline by
// MoneyFromMinor's first branch: MaxInt64 ÷ 10^(12−p).
var picoLimit = [moneyScale + 1]int64{
	math.MaxInt64 / 1_000_000_000_000, math.MaxInt64 / 100_000_000_000, math.MaxInt64 / 10_000_000_000,
	math.MaxInt64 / 1_000_000_000, math.MaxInt64 / 100_000_000, math.MaxInt64 / 10_000_000, math.MaxInt64 / 1_000_000,
	math.MaxInt64 / 100_000, math.MaxInt64 / 10_000, math.MaxInt64 / 1_000, math.MaxInt64 / 100, math.MaxInt64 / 10,
	math.MaxInt64,
}

// upperCurrency upper-cases a currency code, returning an upper-case
// three-letter code as it is without scanning it in a loop.
func upperCurrency(c string) string {
	if isUpperCode(c) {
		return c
	}
	return strings.ToUpper(c)
}

// isUpperCode reports whether c is three upper-case ASCII letters.
func isUpperCode(c string) bool {
	return len(c) == 3 && c[0]-'A' < 26 && c[1]-'A' < 26 && c[2]-'A' < 26
}

// ParseMoney parses a decimal amount such as "1200.50" in currency, which must
// be a three-letter code (ISO 4217 style, any case).
func ParseMoney(amount, currency string) (Money, error) {
	if !validCurrency(currency) {
		return Money{}, fmt.Errorf("metrics: currency %q: %w", currency, ErrInvalid)
	}
	m, err := parseMoneyAmount(amount)
	if err != nil {
		return Money{}, fmt.Errorf("metrics: amount: %w", err)
	}
	m.currency = upperCurrency(currency)
	return m, nil
}

// parseMoneyAmount parses an amount with parseDecimal's rules, holding a plain
// amount of at most 18 digits ("-1200.50") inline without allocating. Any
// other form goes to parseDecimal, which accepts or rejects it.
func parseMoneyAmount(s string) (Money, error) {
	if c, e, ok := parseSmallDecimal(strings.TrimSpace(s)); ok {
		return moneyOfInt(c, e, ""), nil
	}
	d, err := parseDecimal(s)
	if err != nil {
		return Money{}, err
	}
	return moneyOf(d, ""), nil
}

// parseSmallDecimal parses -?digits(.digits)? with at most 18 digits into
// coefficient and exponent; ok is false for any other form.
func parseSmallDecimal(s string) (coef int64, exp int32, ok bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	digits, point := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			if digits > 18 {
				return 0, 0, false
			}
			coef = coef*10 + int64(c-'0')
		case c == '.' && point < 0 && i > 0 && i < len(s)-1:
			point = i
		default:
			return 0, 0, false
		}
	}
	if digits == 0 {
		return 0, 0, false
	}
	if point >= 0 {
		exp = -int32(len(s) - 1 - point)
	}
	if neg {
		coef = -coef
	}
	return coef, exp, true
}

// validCurrency reports whether code is three ASCII letters.
func validCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		c := code[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Amount returns the exact amount as a decimal. Its exponent is not part of
// the value (1.5 and 1.50 are one amount; compare with Cmp or Equal): an
// amount held inline comes back in its shortest form, 29.99 as 2999 × 10^-2.
func (m Money) Amount() decimal.Decimal {
	if m.big != nil {
		return *m.big
	}
	c, e := m.pico, int32(-moneyScale)
	for e < 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return decimal.New(c, e)
}

// Currency returns the upper-case currency code, or "" for the zero Money.
func (m Money) Currency() string { return m.currency }

// IsZero reports whether the amount is zero (in any currency).
func (m Money) IsZero() bool { return m.Sign() == 0 }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int {
	if m.big != nil {
		return m.big.Sign()
	}
	return cmpInt64(m.pico, 0)
}

// Unit returns UnitMoney.
func (m Money) Unit() Unit { return UnitMoney }

// sameCurrency returns the currency two amounts share, treating "" as "any",
// after checking that both exponents are within range (inRange).
func sameCurrency(a, b Money) (string, error) {
	if !a.inRange() || !b.inRange() {
		return "", errExponent
	}
	switch {
	case a.currency == b.currency, b.currency == "":
		return a.currency, nil
	case a.currency == "":
		return b.currency, nil
	}
	return "", fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, a.currency, b.currency)
}

// Add returns m + o. An operand without a currency (the zero Money) adopts the
// other's; two different currencies return ErrCurrencyMismatch.
func (m Money) Add(o Money) (Money, error) {
	cur, err := sameCurrency(m, o)
	if err != nil {
		return Money{}, err
	}
	switch {
	case o.Sign() == 0: // exact: the value is m's (scale is not part of the value)
		m.currency = cur
		return m, nil
	case m.Sign() == 0:
		o.currency = cur
		return o, nil
	}
	if m.big == nil && o.big == nil {
		if s := m.pico + o.pico; (s >= 0) == (m.pico >= 0) || (m.pico >= 0) != (o.pico >= 0) {
			return Money{pico: s, currency: cur}, nil
		}
	}
	return moneyOf(m.dec().Add(o.dec()), cur), nil
}

// Sub returns m − o, with Add's currency rule.
func (m Money) Sub(o Money) (Money, error) {
	return m.Add(o.Neg())
}

// Neg returns −m.
func (m Money) Neg() Money {
	if m.big == nil && m.pico != math.MinInt64 {
		m.pico = -m.pico
		return m
	}
	return moneyOf(m.dec().Neg(), m.currency)
}

// Abs returns |m|.
func (m Money) Abs() Money {
	if m.Sign() < 0 {
		return m.Neg()
	}
	return m
}

// Cmp compares m and o: -1, 0 or +1, or ErrCurrencyMismatch.
func (m Money) Cmp(o Money) (int, error) {
	if _, err := sameCurrency(m, o); err != nil {
		return 0, err
	}
	if m.big == nil && o.big == nil {
		return cmpInt64(m.pico, o.pico), nil
	}
	return m.dec().Cmp(o.dec()), nil
}

// Equal reports whether m and o are the same amount in the same currency.
// Scale does not matter (1.5 equals 1.50). The zero Money equals any zero
// amount whose currency is "" only; use IsZero to ask "is it zero?".
func (m Money) Equal(o Money) bool {
	if m.currency != o.currency {
		return false
	}
	if m.big == nil && o.big == nil {
		return m.pico == o.pico
	}
	return decimalEqual(m.dec(), o.dec())
}

// MulInt returns m × n, exactly.
func (m Money) MulInt(n int64) Money {
	return moneyOf(m.dec().Mul(decimal.New(n, 0)), m.currency)
}

// MulDecimal returns m × d, exactly (a quantity, a price per seat).
func (m Money) MulDecimal(d decimal.Decimal) Money {
	return moneyOf(m.dec().Mul(d), m.currency)
}

// MulRatio returns m × r rounded once with ctx (a ratio is a fraction, so the
// product is a division). The zero Context is DefaultContext.
func (m Money) MulRatio(r Ratio, ctx Context) Money {
	num, den := r.Fraction()
	return moneyOf(ctx.quo(m.dec().Mul(num), den), m.currency)
}

// QuoInt returns m ÷ n rounded once with ctx; n = 0 returns ErrZeroDenominator.
func (m Money) QuoInt(n int64, ctx Context) (Money, error) {
	q, err := ctx.Quo(m.dec(), decimal.New(n, 0))
	if err != nil {
		return Money{}, err
	}
	return moneyOf(q, m.currency), nil
}

// QuoRatio returns m ÷ r rounded once with ctx; a zero ratio returns
// ErrZeroDenominator.
func (m Money) QuoRatio(r Ratio, ctx Context) (Money, error) {
	if !m.inRange() || !r.inRange() {
		return Money{}, errExponent
	}
	num, den := r.Fraction()
	q, err := ctx.Quo(m.dec().Mul(den), num)
	if err != nil {
		return Money{}, err
	}
	return moneyOf(q, m.currency), nil
}

// Ratio returns m ÷ o as an exact Ratio (nothing is rounded). The currencies
// must agree and o must not be zero.
func (m Money) Ratio(o Money) (Ratio, error) {
	if _, err := sameCurrency(m, o); err != nil {
		return Ratio{}, err
	}
	return RatioOf(m.dec(), o.dec())
}

// Convert returns m in currency to, at rate units of to per unit of m's
// currency, exactly (no rounding). A negative rate returns ErrNegative; a
// zero rate ErrOutOfRange.
func (m Money) Convert(to string, rate decimal.Decimal) (Money, error) {
	switch {
	case rate.Sign() < 0:
		return Money{}, fmt.Errorf("metrics: rate %s: %w", formatDecimal(rate, 0), ErrNegative)
	case rate.Sign() == 0:
		return Money{}, fmt.Errorf("metrics: rate 0: %w", ErrOutOfRange)
	case !m.inRange() || !exponentInRange(rate):
		return Money{}, errExponent
	}
	return NewMoney(m.dec().Mul(rate), to), nil
}

// Round returns m rounded once to places with mode.
func (m Money) Round(places int32, mode RoundingMode) Money {
	return moneyOf(NewContext(places, mode).Round(m.dec()), m.currency)
}

// String returns the exact amount with at least two decimals and the currency,
// such as "1000.00 USD", or "1000.00" when there is no currency.
func (m Money) String() string {
	s := formatDecimal(m.dec(), 2)
	if m.currency == "" {
		return s
	}
	return s + " " + m.currency
}

// moneyJSON is Money's JSON form.
type moneyJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON writes {"amount":"1000.00","currency":"USD"}: the amount quoted,
// exact, with at least two decimals and no trailing zeros beyond them, so equal
// values always marshal alike and no shopspring global is consulted.
func (m Money) MarshalJSON() ([]byte, error) {
	if !m.inRange() {
		return nil, errExponent
	}
	return json.Marshal(moneyJSON{Amount: formatDecimal(m.dec(), 2), Currency: m.currency})
}

// UnmarshalJSON reads the form MarshalJSON writes. The currency may be empty
// only for a zero amount.
func (m *Money) UnmarshalJSON(b []byte) error {
	var j moneyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	v, err := parseMoneyAmount(j.Amount)
	if err != nil {
		return fmt.Errorf("metrics: money amount: %w", err)
	}
	if j.Currency != "" && !validCurrency(j.Currency) {
		return fmt.Errorf("metrics: money currency %q: %w", j.Currency, ErrInvalid)
	}
	v.currency = upperCurrency(j.Currency)
	*m = v
	return nil
}

// Sum adds amounts, which must share one currency (the zero Money excepted).
// An empty list sums to Money{}.
func Sum(amounts ...Money) (Money, error) {
	var total Money
	for _, a := range amounts {
		var err error
		if total, err = total.Add(a); err != nil {
			return Money{}, err
		}
	}
	return total, nil
}

// cmpInt64 returns -1, 0 or +1 as a is less than, equal to or greater than b.
func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
