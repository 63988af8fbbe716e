package metrics

// economicsDefinitions returns the dictionary entries of this family.
func economicsDefinitions() []Definition { return nil }
