package metrics

// Slow, obviously correct references for the fast paths of package metrics,
// compared with them in the property tests.

// slowGrowthSlope is the least-squares slope of rates against 0 … n−1,
// computed the textbook way: Σ (i − ī)(rᵢ − r̄) ÷ Σ (i − ī)², with every mean
// an exact fraction.
func slowGrowthSlope(rates []Ratio) Ratio {
	n := int64(len(rates))
	meanI, _ := NewRatio(n-1, 2) // mean of 0 … n−1
	var sumR Ratio
	for _, r := range rates {
		sumR = sumR.Add(r)
	}
	meanR, _ := sumR.Quo(RatioFromInt(n))
	var num, den Ratio
	for i, r := range rates {
		di := RatioFromInt(int64(i)).Sub(meanI)
		num = num.Add(di.Mul(r.Sub(meanR)))
		den = den.Add(di.Mul(di))
	}
	slope, _ := num.Quo(den)
	return slope
}

// slowTrendDirection reads a slope at tolerance 0.
func slowTrendDirection(slope Ratio) TrendDirection {
	switch {
	case slope.Sign() > 0:
		return TrendAccelerating
	case slope.Sign() < 0:
		return TrendDecelerating
	}
	return TrendStable
}
