package metrics

// funnelDefinitions returns the dictionary entries of this family.
func funnelDefinitions() []Definition { return nil }
