// Package catalog assembles the complete metric dictionary of the library:
// every package that defines metrics exports its definitions, and New
// gathers them into one metrics.Dictionary, so one call lists every metric
// the library computes, whatever package computes it. It is a leaf: no
// package of the library imports it.
//
// metrics/DICTIONARY.md is generated from New by
//
//	go generate ./metrics/catalog
//
// and a test fails when it is stale. The golden file testdata/definitions.golden
// pins every definition's (ID, version, formula, bands): a test refuses a
// change of formula or band without a version bump.
package catalog

//go:generate go test -run TestDictionaryFiles -update

import (
	"github.com/saasmetrics/saasmetrics/cohort"
	"github.com/saasmetrics/saasmetrics/forecast"
	"github.com/saasmetrics/saasmetrics/health"
	"github.com/saasmetrics/saasmetrics/metrics"
	"github.com/saasmetrics/saasmetrics/metrics/attribution"
	"github.com/saasmetrics/saasmetrics/metrics/mrr"
)

// New returns a fresh dictionary of every definition in the library, package
// by package in the order metrics, mrr, cohort, health, attribution, forecast. Each
// call builds a new one; there is no global registry. The error (a *metrics.MetricError naming the
// definition) is never expected: a test builds the dictionary on every run.
func New() (metrics.Dictionary, error) {
	return metrics.NewDictionary(
		metrics.Definitions(),
		mrr.Definitions(),
		cohort.Definitions(),
		health.Definitions(),
		attribution.Definitions(),
		forecast.Definitions(),
	)
}
