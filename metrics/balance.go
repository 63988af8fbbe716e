package metrics

// balanceDefinitions returns the dictionary entries of this family.
func balanceDefinitions() []Definition { return nil }
