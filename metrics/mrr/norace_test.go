//go:build !race

package mrr

// raceScale stretches time budgets under the race detector (not enabled).
const raceScale = 1
