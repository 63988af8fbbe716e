package metrics

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// formatDecimal writes d exactly, with at least minPlaces decimal places and
// no trailing zeros beyond them, never in scientific notation and never
// depending on shopspring's package globals. Equal values print the same text
// whatever their scale: 1.5 and 1.50 both print "1.5" (minPlaces 0).
//
// A value whose exponent lies beyond ±1,000,000 (no amount or ratio has one;
// Money and Ratio methods with an error result refuse it) is written as
// coefficient "e" exponent, such as "1e-2000000000", instead of a billion
// zeros.
func formatDecimal(d decimal.Decimal, minPlaces int32) string {
	if !exponentInRange(d) {
		return d.Coefficient().String() + "e" + fmt.Sprint(d.Exponent())
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

// maxParseLen bounds the text parseDecimal accepts and the length of the
// plain (non-scientific) form of any value it returns, so hostile input
// cannot ask for a huge allocation and every accepted value prints back to
// text that parses again (a JSON round trip).
const maxParseLen = 4096

// parseDecimal parses a plain decimal such as "-12.50" or "1e3". It rejects
// empty text, text over maxParseLen bytes, and exponents beyond ±MaxScale.
func parseDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Decimal{}, fmt.Errorf("%w: empty number", ErrInvalid)
	}
	if len(s) > maxParseLen {
		return decimal.Decimal{}, fmt.Errorf("%w: number longer than %d characters", ErrInvalid, maxParseLen)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not a decimal number", ErrInvalid, s)
	}
	e := d.Exponent()
	if e > MaxScale || e < -MaxScale {
		return decimal.Decimal{}, fmt.Errorf("%w: exponent of %q beyond ±%d", ErrOutOfRange, s, MaxScale)
	}
	if d.NumDigits()+int(max(e, -e))+2 > maxParseLen {
		return decimal.Decimal{}, fmt.Errorf("%w: %q written out is longer than %d characters", ErrOutOfRange, s, maxParseLen)
	}
	return d, nil
}
