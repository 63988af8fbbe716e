package metrics

// experienceDefinitions returns the dictionary entries of this family.
func experienceDefinitions() []Definition { return nil }
