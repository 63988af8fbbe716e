package metrics

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/dec"
	"github.com/saasmetrics/saasmetrics/metrics/internal/fixed"
	"github.com/shopspring/decimal"
)

// Money is an exact amount in one currency. The zero value is zero with no
// currency yet: it is the identity of Add, so a fold over an empty slice
// starts from Money{} and adopts the currency of the first amount added.
// Only a zero amount may lack a currency: every constructor and decoder
// refuses a nonzero amount without one. Combining two different currencies
// is a *MismatchError (errors.Is ErrCurrencyMismatch); convert explicitly
// with Convert first.
//
// Equal values at different scales are equal: 10.5 USD equals 10.50 USD.
//
// An amount with at most 12 decimal places and less than about 9.2 million
// in magnitude (every per-customer MRR in practice, and every quotient the
// zero Context rounds in that range) is held inline as an int64 of 10^-12
// units and costs no allocation to make, add or compare; any other amount is
// held as a decimal. The two forms are the same value to every method. Every
// Money's exponent lies within ±1,000,000: the constructors refuse others.
type Money struct {
	big      *decimal.Decimal // the amount when it is not held inline; never mutated
	pico     int64            // the amount in 10^-12 units when big is nil; 0 when big is set
	currency string
}

// moneyOf returns d in currency cur (already checked), inline when it fits.
func moneyOf(d decimal.Decimal, cur string) Money {
	if v, ok := fixed.FromDecimal(d); ok {
		return Money{pico: v, currency: cur}
	}
	p := new(decimal.Decimal) // not &d: d would then escape on every call
	*p = d
	return Money{big: p, currency: cur}
}

// moneyOfCoef returns c × 10^exp in currency cur (already checked), inline
// when it fits.
func moneyOfCoef(c int64, exp int32, cur string) Money {
	if v, ok := fixed.FromCoef(c, exp); ok {
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
	return fixed.Decimal(m.pico)
}

// checkCode returns the currency code upper-cased, or a *ValueError: a code
// must be three ASCII letters, and may be empty only for a zero amount.
func checkCode(op, code string, zero bool) (string, error) {
	if isUpperCode(code) {
		return code, nil
	}
	if code == "" {
		if zero {
			return "", nil
		}
		return "", valueErr(op, `currency ""`, ErrMissing)
	}
	if !validCurrency(code) {
		return "", valueErr(op, "currency "+strconv.Quote(code), ErrInvalid)
	}
	return strings.ToUpper(code), nil
}

// NewMoney returns amount in currency, a three-letter code in any case
// (upper-cased). A malformed code is ErrInvalid, an empty one for a nonzero
// amount ErrMissing, and an amount whose exponent lies beyond ±1,000,000
// ErrOutOfRange, each in a *ValueError.
func NewMoney(amount decimal.Decimal, currency string) (Money, error) {
	if !dec.InRange(amount) {
		return Money{}, valueErr("NewMoney", dec.Format(amount, 0), dec.ErrExponent)
	}
	cur, err := checkCode("NewMoney", currency, amount.Sign() == 0)
	if err != nil {
		return Money{}, err
	}
	return moneyOf(amount, cur), nil
}

// MoneyFromInt returns a whole amount in currency, such as
// MoneyFromInt(100, "USD"), with NewMoney's currency rules.
func MoneyFromInt(amount int64, currency string) (Money, error) {
	cur, err := checkCode("MoneyFromInt", currency, amount == 0)
	if err != nil {
		return Money{}, err
	}
	return moneyOfCoef(amount, 0, cur), nil
}

// MoneyFromMinor returns amount × 10^−places in currency: MoneyFromMinor(2999,
// 2, "USD") is 29.99 USD and MoneyFromMinor(500, 0, "JPY") is 500 JPY, with
// NewMoney's currency rules. An amount held inline (see Money) costs no
// allocation, so this is the cheapest way to feed amounts kept as integer
// cents to the ledger.
func MoneyFromMinor(amount int64, places uint8, currency string) (Money, error) {
	if places <= fixed.Scale && amount <= fixed.MinorLimit[places] && amount >= -fixed.MinorLimit[places] && isUpperCode(currency) { // inline, without a call
		return Money{pico: amount * fixed.Pow10[fixed.Scale-places], currency: currency}, nil
	}
	cur, err := checkCode("MoneyFromMinor", currency, amount == 0)
	if err != nil {
		return Money{}, err
	}
	return moneyOfCoef(amount, -int32(places), cur), nil
}

// isUpperCode reports whether c is three upper-case ASCII letters.
func isUpperCode(c string) bool {
	return len(c) == 3 && c[0]-'A' < 26 && c[1]-'A' < 26 && c[2]-'A' < 26
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

// ParseMoney parses a decimal amount such as "1200.50" in currency, a
// three-letter code in any case. The amount is a plain decimal ("-12.50",
// "1e3") of at most 4,096 characters with an exponent within ±1,000; the
// currency follows NewMoney's rules. Errors are *ValueError values wrapping
// ErrInvalid, ErrOutOfRange or ErrMissing.
func ParseMoney(amount, currency string) (Money, error) {
	m, err := parseMoneyAmount(amount)
	if err != nil {
		return Money{}, valueErr("ParseMoney", strconv.Quote(amount), err)
	}
	if m.currency, err = checkCode("ParseMoney", currency, m.Sign() == 0); err != nil {
		return Money{}, err
	}
	return m, nil
}

// parseMoneyAmount parses an amount with dec.Parse's rules, holding a plain
// amount of at most 18 digits ("-1200.50") inline without allocating.
func parseMoneyAmount(s string) (Money, error) {
	if c, e, ok := dec.ParseSmall(s); ok {
		return moneyOfCoef(c, e, ""), nil
	}
	d, err := dec.Parse(s)
	if err != nil {
		return Money{}, err
	}
	return moneyOf(d, ""), nil
}

// Amount returns the exact amount as a decimal. Its exponent is not part of
// the value (1.5 and 1.50 are one amount; compare with Cmp or Equal): an
// amount held inline comes back in its shortest form, 29.99 as 2999 × 10^-2.
func (m Money) Amount() decimal.Decimal {
	if m.big != nil {
		return *m.big
	}
	c, e := m.pico, int32(-fixed.Scale)
	for e < 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return decimal.New(c, e)
}

// Minor returns the amount in units of 10^-places of the currency (cents for
// places 2) and whether that is an exact int64: 29.99 USD gives 2999, true
// for places 2 and false for places 1. Minor(12) of an amount held inline is
// a field read, which is how the ledger reads amounts.
func (m Money) Minor(places uint8) (int64, bool) {
	if places == fixed.Scale { // a decimal amount never fits: it would be inline
		return m.pico, m.big == nil
	}
	return m.minorSlow(places)
}

// minorSlow is Minor's general case.
func (m Money) minorSlow(places uint8) (int64, bool) {
	if m.big == nil {
		if places < fixed.Scale {
			p := fixed.Pow10[fixed.Scale-places]
			if m.pico%p != 0 {
				return 0, false
			}
			return m.pico / p, true
		}
		if places-fixed.Scale > 18 {
			return 0, m.pico == 0
		}
		return fixed.MulCheck(m.pico, fixed.Pow10[places-fixed.Scale])
	}
	d := m.big.Shift(int32(places))
	if d.Exponent() > 18 { // |d| ≥ 10^19 unless zero: beyond an int64
		return 0, d.Sign() == 0
	}
	if d.Exponent() < 0 && !d.Equal(d.Truncate(0)) {
		return 0, false
	}
	c := d.BigInt() // the integer value, also when the exponent is positive (Truncate(0) keeps it)
	if !c.IsInt64() {
		return 0, false
	}
	return c.Int64(), true
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
// or a *MismatchError.
func sameCurrency(a, b Money) (string, error) {
	switch {
	case a.currency == b.currency, b.currency == "":
		return a.currency, nil
	case a.currency == "":
		return b.currency, nil
	}
	return "", &MismatchError{A: a.currency, B: b.currency}
}

// Add returns m + o. An operand without a currency (the zero Money) adopts the
// other's; two different currencies return a *MismatchError.
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
		if s, ok := fixed.AddCheck(m.pico, o.pico); ok {
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

// Cmp compares m and o: -1, 0 or +1, or a *MismatchError.
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
	return dec.Equal(m.dec(), o.dec())
}

// MulInt returns m × n, exactly.
func (m Money) MulInt(n int64) Money {
	if m.big == nil {
		if v, ok := mulInt64(m.pico, n); ok {
			return Money{pico: v, currency: m.currency}
		}
	}
	return moneyOf(m.dec().Mul(decimal.New(n, 0)), m.currency)
}

// mulInt64 returns a × b and whether it fits an int64.
func mulInt64(a, b int64) (int64, bool) {
	if b >= 0 {
		return fixed.MulCheck(a, b)
	}
	if b == math.MinInt64 {
		return 0, a == 0
	}
	v, ok := fixed.MulCheck(a, -b)
	if !ok || v == math.MinInt64 {
		return 0, false
	}
	return -v, true
}

// MulDecimal returns m × d, exactly (a quantity, a price per seat). A d or
// a product whose exponent lies beyond ±1,000,000 returns a *ValueError
// wrapping ErrOutOfRange.
func (m Money) MulDecimal(d decimal.Decimal) (Money, error) {
	if !dec.InRange(d) {
		return Money{}, valueErr("Money.MulDecimal", dec.Format(d, 0), dec.ErrExponent)
	}
	p := m.dec().Mul(d)
	if !dec.InRange(p) {
		return Money{}, valueErr("Money.MulDecimal", dec.Format(d, 0), dec.ErrExponent)
	}
	return moneyOf(p, m.currency), nil
}

// MulRatio returns m × r rounded once with ctx (a ratio is a fraction, so the
// product is a division).
func (m Money) MulRatio(r Ratio, ctx Context) Money {
	num, den := r.Fraction()
	return moneyOf(ctx.quo(m.dec().Mul(num), den), m.currency)
}

// QuoInt returns m ÷ n rounded once with ctx; n = 0 returns a *ValueError
// wrapping ErrZeroDenominator.
func (m Money) QuoInt(n int64, ctx Context) (Money, error) {
	if n == 0 {
		return Money{}, valueErr("Money.QuoInt", "0", ErrZeroDenominator)
	}
	return moneyOf(ctx.quo(m.dec(), decimal.New(n, 0)), m.currency), nil
}

// QuoRatio returns m ÷ r rounded once with ctx; a zero ratio returns a
// *ValueError wrapping ErrZeroDenominator.
func (m Money) QuoRatio(r Ratio, ctx Context) (Money, error) {
	if r.IsZero() {
		return Money{}, valueErr("Money.QuoRatio", "0", ErrZeroDenominator)
	}
	num, den := r.Fraction()
	return moneyOf(ctx.quo(m.dec().Mul(den), num), m.currency), nil
}

// Ratio returns m ÷ o as an exact Ratio (nothing is rounded). The currencies
// must agree (*MismatchError) and o must not be zero (a *ValueError wrapping
// ErrZeroDenominator).
func (m Money) Ratio(o Money) (Ratio, error) {
	if _, err := sameCurrency(m, o); err != nil {
		return Ratio{}, err
	}
	if o.Sign() == 0 {
		return Ratio{}, valueErr("Money.Ratio", o.String(), ErrZeroDenominator)
	}
	return ratioOfDecimals(m.dec(), o.dec()), nil
}

// Convert returns m in currency to, at rate units of to per unit of m's
// currency, exactly (no rounding). A rate ≤ 0 returns ErrOutOfRange (a
// negative one ErrNegative), a malformed code ErrInvalid, and a rate or
// result with an exponent beyond ±1,000,000 ErrOutOfRange, each in a
// *ValueError.
func (m Money) Convert(to string, rate decimal.Decimal) (Money, error) {
	const op = "Money.Convert"
	switch {
	case !dec.InRange(rate):
		return Money{}, valueErr(op, "rate "+dec.Format(rate, 0), dec.ErrExponent)
	case rate.Sign() < 0:
		return Money{}, valueErr(op, "rate "+dec.Format(rate, 0), ErrNegative)
	case rate.Sign() == 0:
		return Money{}, valueErr(op, "rate 0", ErrOutOfRange)
	}
	p := m.dec().Mul(rate)
	if !dec.InRange(p) {
		return Money{}, valueErr(op, "rate "+dec.Format(rate, 0), dec.ErrExponent)
	}
	cur, err := checkCode(op, to, false)
	if err != nil {
		return Money{}, err
	}
	return moneyOf(p, cur), nil
}

// Round returns m rounded once with ctx: m.Round(metrics.Places(2)) rounds
// half to even to cents.
func (m Money) Round(ctx Context) Money {
	if m.big == nil && ctx.Scale() >= fixed.Scale {
		return m
	}
	return moneyOf(ctx.round(m.dec()), m.currency)
}

// String returns the exact amount with at least two decimals and the currency,
// such as "1000.00 USD", or "0.00" for the zero Money.
func (m Money) String() string {
	s := dec.Format(m.dec(), 2)
	if m.currency == "" {
		return s
	}
	return s + " " + m.currency
}

// MarshalText writes String's form, "1000.00 USD".
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "1000.00 USD" (amount, one space, currency) or, for
// zero only, a bare amount; a nonzero amount without a currency is refused
// (ErrMissing), as are malformed amounts and codes (ErrInvalid).
func (m *Money) UnmarshalText(b []byte) error {
	amount, code, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	v, err := ParseMoney(amount, strings.TrimSpace(code))
	if err != nil {
		return err
	}
	*m = v
	return nil
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
	return json.Marshal(moneyJSON{Amount: dec.Format(m.dec(), 2), Currency: m.currency})
}

// UnmarshalJSON reads the form MarshalJSON writes. The currency may be empty
// only for a zero amount (else ErrMissing).
func (m *Money) UnmarshalJSON(b []byte) error {
	var j moneyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return valueErr("Money.UnmarshalJSON", "", errors.Join(ErrInvalid, err))
	}
	v, err := ParseMoney(j.Amount, j.Currency)
	if err != nil {
		return err
	}
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
