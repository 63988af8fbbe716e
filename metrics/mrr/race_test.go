//go:build race

package mrr

// raceScale stretches time budgets under the race detector, which slows
// code about tenfold.
const raceScale = 10
