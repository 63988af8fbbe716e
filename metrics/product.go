package metrics

// productDefinitions returns the dictionary entries of this family.
func productDefinitions() []Definition { return nil }
