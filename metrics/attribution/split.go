package attribution

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
)

// MinorUnit is the unit credits are made of: 10^−places of the currency.
// The zero value means the currency's ISO 4217 minor unit (ISOPlaces: cents
// for USD and EUR, whole yen for JPY, 2 places for a currency the table does
// not know); Places(n) sets n places whatever the currency. A value must be
// a whole number of its unit.
type MinorUnit struct {
	places uint8
	set    bool
}

// MaxPlaces bounds Places: credits of at most 18 decimal places.
const MaxPlaces = 18

// Places returns the unit of n decimal places of any currency: Places(2)
// for cents, Places(0) for whole units, Places(4) for hundredths of a cent.
// n above MaxPlaces is refused when the unit is used (metrics.ErrOutOfRange).
func Places(n uint8) MinorUnit { return MinorUnit{places: n, set: true} }

// For returns the number of decimal places of the unit in currency.
func (u MinorUnit) For(currency string) uint8 {
	if u.set {
		return u.places
	}
	return ISOPlaces(currency)
}

// String returns "ISO 4217" for the zero value and "n places" otherwise.
func (u MinorUnit) String() string {
	if !u.set {
		return "ISO 4217"
	}
	return strconv.Itoa(int(u.places)) + " places"
}

// ISOPlaces returns the number of decimal places of currency's minor unit
// by ISO 4217 (the SIX Group's current list, table A.1): 0 for BIF, CLP,
// DJF, GNF, ISK, JPY, KMF, KRW, PYG, RWF, UGX, UYI, VND, VUV, XAF, XOF and
// XPF; 3 for BHD, IQD, JOD, KWD, LYD, OMR and TND; 4 for CLF and UYW; 2 for
// every other code, including the ones the standard does not list (which is
// the documented default).
func ISOPlaces(currency string) uint8 {
	switch currency {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	case "CLF", "UYW":
		return 4
	}
	return 2
}

// splitter holds the scratch space of largest-remainder splits.
type splitter struct {
	rem  []uint64
	idx  []int32
	brem []*big.Int
	bq   []*big.Int
}

// selectScan is the number of parts up to which leftover units are handed
// out by repeated scans rather than a sort (both take the largest remainders
// first, the lower index on ties).
const selectScan = 16

// int64s sets out[i] = v·w[i]/d rounded by largest remainder: every part
// gets the floor of its exact share, and the units left over (fewer than
// len(w)) go one each to the parts with the largest remainders, the lower
// index first on ties. So the parts sum to v exactly and each is within one
// unit of its exact share. v ≥ 0, every w[i] ≥ 0, d = Σ w > 0; out has
// len(w) elements.
func (s *splitter) int64s(v int64, w []int64, d int64, out []int64) {
	s.rem = slices.Grow(s.rem[:0], len(w))[:len(w)]
	left := v
	for i, wi := range w {
		hi, lo := bits.Mul64(uint64(v), uint64(wi))
		q, r := bits.Div64(hi, lo, uint64(d)) // q ≤ v < 2^63 since wi ≤ d: no overflow
		out[i], s.rem[i] = int64(q), r
		left -= int64(q)
	}
	if left == 0 {
		return
	}
	if len(w) <= selectScan {
		for ; left > 0; left-- {
			best := 0
			for i := 1; i < len(w); i++ {
				if s.rem[i] > s.rem[best] {
					best = i
				}
			}
			out[best]++
			s.rem[best] = 0 // more than left parts have a remainder > 0, so a taken one is not taken again
		}
		return
	}
	s.idx = slices.Grow(s.idx[:0], len(w))[:len(w)]
	for i := range s.idx {
		s.idx[i] = int32(i)
	}
	slices.SortFunc(s.idx, func(a, b int32) int {
		if c := cmp.Compare(s.rem[b], s.rem[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, i := range s.idx[:left] {
		out[i]++
	}
}

// bigInts is int64s for big integers: out[i] (existing big.Ints, overwritten) =
// v·w[i]/d by largest remainder, ties to the lower index.
func (s *splitter) bigInts(v *big.Int, w []*big.Int, d *big.Int, out []*big.Int) {
	n := len(w)
	s.brem = growBig(s.brem, n)
	left := new(big.Int).Set(v)
	for i, wi := range w {
		out[i].Mul(v, wi)
		out[i].QuoRem(out[i], d, s.brem[i])
		left.Sub(left, out[i])
	}
	if left.Sign() == 0 {
		return
	}
	s.idx = slices.Grow(s.idx[:0], n)[:n]
	for i := range s.idx {
		s.idx[i] = int32(i)
	}
	slices.SortFunc(s.idx, func(a, b int32) int {
		if c := s.brem[b].Cmp(s.brem[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	k := left.Int64() // fewer than n leftover units
	for _, i := range s.idx[:k] {
		out[i].Add(out[i], big.NewInt(1))
	}
}
