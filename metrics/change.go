package metrics

// contextDefinitions returns the dictionary entries of this family.
func contextDefinitions() []Definition { return nil }
