package metrics

// csopsDefinitions returns the dictionary entries of this family.
func csopsDefinitions() []Definition { return nil }
