// Package dec reads and writes shopspring decimals exactly, without ever
// consulting shopspring's package globals, and bounds what a caller may hand
// the library: every decimal whose exponent lies beyond ±MaxExponent is
// refused, because aligning it with an ordinary value would need gigabytes of
// digits.
package dec

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/saasmetrics/saasmetrics/metrics/internal/sentinel"
	"github.com/shopspring/decimal"
)

// MaxExponent bounds the exponent of every decimal the library accepts.
const MaxExponent = 1_000_000

// MaxParseScale bounds the exponent of a parsed decimal ("1e-1000").
const MaxParseScale = 1000

// MaxParseLen bounds the text Parse accepts and the length of the plain
// (non-scientific) form of any value it returns, so hostile input cannot ask
// for a huge allocation and every accepted value prints back to text that
// parses again (a JSON round trip).
const MaxParseLen = 4096

// InRange reports whether d's exponent lies within ±MaxExponent.
func InRange(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -MaxExponent && e <= MaxExponent
}

// ErrExponent is the error for a decimal beyond InRange.
var ErrExponent = fmt.Errorf("%w: exponent beyond ±%d", sentinel.OutOfRange, MaxExponent)

// Format writes d exactly, with at least minPlaces decimal places and no
// trailing zeros beyond them, never in scientific notation. Equal values
// print the same text whatever their scale: 1.5 and 1.50 both print "1.5"
// (minPlaces 0). A value beyond InRange is written as coefficient "e"
// exponent ("1e-2000000000") instead of a billion zeros.
func Format(d decimal.Decimal, minPlaces int32) string {
	if !InRange(d) {
		return d.Coefficient().String() + "e" + strconv.FormatInt(int64(d.Exponent()), 10)
	}
	places := max(-d.Exponent(), 0)
	s := d.StringFixed(places) // exact: places covers every digit
	if places > 0 {
		dot := strings.IndexByte(s, '.')
		keep := len(s)
		for keep > dot+1+int(minPlaces) && s[keep-1] == '0' {
			keep--
		}
		if keep == dot+1 {
			keep = dot
		}
		s = s[:keep]
		places = int32(max(keep-dot-1, 0))
	}
	if places < minPlaces {
		if places == 0 {
			s += "."
		}
		s += strings.Repeat("0", int(minPlaces-places))
	}
	return s
}

// Parse parses a plain decimal such as "-12.50" or "1e3". It rejects empty
// text and text over MaxParseLen bytes or not a number (sentinel.Invalid),
// and exponents beyond ±MaxParseScale or values whose plain form is longer
// than MaxParseLen (sentinel.OutOfRange).
func Parse(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if c, e, ok := ParseSmall(s); ok {
		return decimal.New(c, e), nil
	}
	switch {
	case s == "":
		return decimal.Decimal{}, fmt.Errorf("%w: empty number", sentinel.Invalid)
	case len(s) > MaxParseLen:
		return decimal.Decimal{}, fmt.Errorf("%w: number longer than %d characters", sentinel.Invalid, MaxParseLen)
	}
	d, err := parseExp(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	e := d.Exponent()
	if e > MaxParseScale || e < -MaxParseScale {
		return decimal.Decimal{}, fmt.Errorf("%w: exponent of %q beyond ±%d", sentinel.OutOfRange, s, MaxParseScale)
	}
	if d.NumDigits()+int(max(e, -e))+2 > MaxParseLen {
		return decimal.Decimal{}, fmt.Errorf("%w: %q written out is longer than %d characters", sentinel.OutOfRange, s, MaxParseLen)
	}
	return d, nil
}

// parseExp parses s with shopspring's parser for the digits only: an
// exponent ("1.5e3") is read and bounded here, so the answer never depends on
// shopspring's MaxDecodeExponent global.
func parseExp(s string) (decimal.Decimal, error) {
	mant, exp, hasExp := strings.Cut(s, "e")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(s, "E")
	}
	d, err := decimal.NewFromString(mant)
	if err != nil || strings.ContainsAny(mant, "eE") {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not a decimal number", sentinel.Invalid, s)
	}
	if !hasExp {
		return d, nil
	}
	x, err := strconv.ParseInt(exp, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return decimal.Decimal{}, fmt.Errorf("%w: exponent of %q beyond ±%d", sentinel.OutOfRange, s, MaxParseScale)
	case err != nil:
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not a decimal number", sentinel.Invalid, s)
	}
	if e := int64(d.Exponent()) + x; e > MaxParseScale || e < -MaxParseScale {
		return decimal.Decimal{}, fmt.Errorf("%w: exponent of %q beyond ±%d", sentinel.OutOfRange, s, MaxParseScale)
	}
	return d.Shift(int32(x)), nil
}

// ParseSmall parses -?digits(.digits)? with at most 18 digits into a
// coefficient and exponent without allocating; ok is false for any other
// form (which Parse then reads the slow way).
func ParseSmall(s string) (coef int64, exp int32, ok bool) {
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

// Equal is a.Equal(b) for any exponents: beyond the range it compares the
// values' shortest forms (coefficient without trailing zeros, and exponent)
// instead of aligning them.
func Equal(a, b decimal.Decimal) bool {
	if InRange(a) && InRange(b) {
		return a.Equal(b)
	}
	ca, ea := shortest(a)
	cb, eb := shortest(b)
	return ea == eb && ca.Cmp(cb) == 0
}

// shortest returns d as coefficient × 10^exponent with no trailing zero in
// the coefficient (0 × 10^0 for zero).
func shortest(d decimal.Decimal) (*big.Int, int64) {
	c, e := d.Coefficient(), int64(d.Exponent())
	if c.Sign() == 0 {
		return c, 0
	}
	ten, q, r := big.NewInt(10), new(big.Int), new(big.Int)
	for {
		q.QuoRem(c, ten, r)
		if r.Sign() != 0 {
			return c, e
		}
		c.Set(q)
		e++
	}
}
