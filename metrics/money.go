package metrics

import (
	"encoding/json"
	"fmt"
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
type Money struct {
	amount   decimal.Decimal
	currency string
}

// NewMoney returns amount in currency. The currency code is upper-cased; it is
// validated where it matters (ParseMoney, the ledger's row checks), not here.
func NewMoney(amount decimal.Decimal, currency string) Money {
	return Money{amount: amount, currency: strings.ToUpper(currency)}
}

// MoneyFromInt returns a whole amount in currency, such as MoneyFromInt(100, "USD").
func MoneyFromInt(amount int64, currency string) Money {
	return NewMoney(decimal.New(amount, 0), currency)
}

// ParseMoney parses a decimal amount such as "1200.50" in currency, which must
// be a three-letter code (ISO 4217 style, any case).
func ParseMoney(amount, currency string) (Money, error) {
	if !validCurrency(currency) {
		return Money{}, fmt.Errorf("metrics: currency %q: %w", currency, ErrInvalid)
	}
	d, err := parseDecimal(amount)
	if err != nil {
		return Money{}, fmt.Errorf("metrics: amount: %w", err)
	}
	return NewMoney(d, currency), nil
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

// Amount returns the amount as a decimal.
func (m Money) Amount() decimal.Decimal { return m.amount }

// Currency returns the upper-case currency code, or "" for the zero Money.
func (m Money) Currency() string { return m.currency }

// IsZero reports whether the amount is zero (in any currency).
func (m Money) IsZero() bool { return m.amount.Sign() == 0 }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int { return m.amount.Sign() }

// Unit returns UnitMoney.
func (m Money) Unit() Unit { return UnitMoney }

// sameCurrency returns the currency two amounts share, treating "" as "any".
func sameCurrency(a, b Money) (string, error) {
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
	return Money{amount: m.amount.Add(o.amount), currency: cur}, nil
}

// Sub returns m − o, with Add's currency rule.
func (m Money) Sub(o Money) (Money, error) {
	cur, err := sameCurrency(m, o)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: m.amount.Sub(o.amount), currency: cur}, nil
}

// Neg returns −m.
func (m Money) Neg() Money { return Money{amount: m.amount.Neg(), currency: m.currency} }

// Abs returns |m|.
func (m Money) Abs() Money { return Money{amount: m.amount.Abs(), currency: m.currency} }

// Cmp compares m and o: -1, 0 or +1, or ErrCurrencyMismatch.
func (m Money) Cmp(o Money) (int, error) {
	if _, err := sameCurrency(m, o); err != nil {
		return 0, err
	}
	return m.amount.Cmp(o.amount), nil
}

// Equal reports whether m and o are the same amount in the same currency.
// Scale does not matter (1.5 equals 1.50). The zero Money equals any zero
// amount whose currency is "" only; use IsZero to ask "is it zero?".
func (m Money) Equal(o Money) bool {
	return m.currency == o.currency && m.amount.Equal(o.amount)
}

// MulInt returns m × n, exactly.
func (m Money) MulInt(n int64) Money {
	return Money{amount: m.amount.Mul(decimal.New(n, 0)), currency: m.currency}
}

// MulDecimal returns m × d, exactly (a quantity, a price per seat).
func (m Money) MulDecimal(d decimal.Decimal) Money {
	return Money{amount: m.amount.Mul(d), currency: m.currency}
}

// MulRatio returns m × r rounded once with ctx (a ratio is a fraction, so the
// product is a division). The zero Context is DefaultContext.
func (m Money) MulRatio(r Ratio, ctx Context) Money {
	num, den := r.Fraction()
	return Money{amount: ctx.quo(m.amount.Mul(num), den), currency: m.currency}
}

// QuoInt returns m ÷ n rounded once with ctx; n = 0 returns ErrZeroDenominator.
func (m Money) QuoInt(n int64, ctx Context) (Money, error) {
	q, err := ctx.Quo(m.amount, decimal.New(n, 0))
	if err != nil {
		return Money{}, err
	}
	return Money{amount: q, currency: m.currency}, nil
}

// QuoRatio returns m ÷ r rounded once with ctx; a zero ratio returns
// ErrZeroDenominator.
func (m Money) QuoRatio(r Ratio, ctx Context) (Money, error) {
	num, den := r.Fraction()
	q, err := ctx.Quo(m.amount.Mul(den), num)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: q, currency: m.currency}, nil
}

// Ratio returns m ÷ o as an exact Ratio (nothing is rounded). The currencies
// must agree and o must not be zero.
func (m Money) Ratio(o Money) (Ratio, error) {
	if _, err := sameCurrency(m, o); err != nil {
		return Ratio{}, err
	}
	return RatioOf(m.amount, o.amount)
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
	}
	return NewMoney(m.amount.Mul(rate), to), nil
}

// Round returns m rounded once to places with mode.
func (m Money) Round(places int32, mode RoundingMode) Money {
	return Money{amount: NewContext(places, mode).Round(m.amount), currency: m.currency}
}

// String returns the exact amount with at least two decimals and the currency,
// such as "1000.00 USD", or "1000.00" when there is no currency.
func (m Money) String() string {
	s := formatDecimal(m.amount, 2)
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
	return json.Marshal(moneyJSON{Amount: formatDecimal(m.amount, 2), Currency: m.currency})
}

// UnmarshalJSON reads the form MarshalJSON writes. The currency may be empty
// only for a zero amount.
func (m *Money) UnmarshalJSON(b []byte) error {
	var j moneyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	d, err := parseDecimal(j.Amount)
	if err != nil {
		return fmt.Errorf("metrics: money amount: %w", err)
	}
	if j.Currency != "" && !validCurrency(j.Currency) {
		return fmt.Errorf("metrics: money currency %q: %w", j.Currency, ErrInvalid)
	}
	*m = NewMoney(d, j.Currency)
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
