package metrics

// revenueDefinitions returns the dictionary entries of this family.
func revenueDefinitions() []Definition { return nil }
