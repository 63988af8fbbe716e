package dec

// A slow, obviously correct reference for ParseSmall and Format: shopspring's
// own parser and big.Rat.

import (
	"strings"

	"github.com/shopspring/decimal"
)

// parseSmallSlow is ParseSmall through shopspring's parser: the same result
// for every text ParseSmall accepts.
func parseSmallSlow(s string) (decimal.Decimal, bool) {
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// formatSlow is Format(d, 0) through big.Rat: the exact value written with
// the decimal's own number of places, then trailing zeros trimmed.
func formatSlow(d decimal.Decimal) string {
	s := d.Rat().FloatString(int(max(-d.Exponent(), 0)))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
