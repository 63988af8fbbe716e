// Package metrics is the foundation of saasmetrics: exact value types (Money,
// Ratio, Quantity, Context, Month, Quarter), the errors every package
// reports with, the metric dictionary (Definition, Band, Dictionary), and the
// stateless metric functions — revenue, retention, unit economics, funnel,
// product, experience, customer-success operations, balance sheet — each with
// its Definition beside it.
//
// The MRR ledger lives in metrics/mrr, the complete dictionary across every
// package in metrics/catalog.
//
// # Numbers
//
// Amounts are exact decimals, never floats. Division is the only place where
// exactness is lost, and it happens in one place: Context, which rounds once
// to its scale and rounding mode. The zero Context equals DefaultContext: 12
// decimal places, round half to even. Every method that rounds takes a
// Context; Places(n) is n places half to even.
//
// A Ratio is an exact fraction in lowest terms, so a ratio computed by a
// metric function loses nothing until its digits are asked for.
//
// A metric of several amounts of one type takes them in a struct with named
// fields (Movements, Periods, Customers, Goal, UnitEconomics, Efficiency,
// Income, BalanceSheet, Campaign, NPSCounts), so two amounts cannot be passed
// in each other's place.
//
// Every decimal a caller supplies passes one bound: an exponent within
// ±1,000,000 (beyond, aligning it with an ordinary value would need
// gigabytes of digits). Only a zero Money may lack a currency.
//
// # Errors
//
// Functions never panic on input and never return 0 for an undefined value.
// Every error is one of four types, each wrapping one of the sentinels
// (ErrZeroDenominator, ErrNegative, ErrOutOfRange, ...) that errors.Is
// matches:
//
//   - *MismatchError: two amounts in different currencies, naming both;
//   - *ValueError: a value type could not be built or an operation on one
//     failed (ParseMoney, Context.Quo, NewMonth, ...), naming the operation
//     and the input;
//   - *MetricError: a metric function, naming the metric's dictionary ID and
//     the offending input;
//   - *RowError: a bad input record, naming its 1-based record number, its
//     1-based line for text input, the entity and the field.
//
// # Sources of records
//
// Every source of records in the library is an iter.Seq2[T, error] (the CSV
// readers, subscription expansion, and any source a caller writes over
// database/sql or Parquet): errors travel with the data. A source yields a
// bare *RowError for a bad record it can skip, and goes on; any other error
// (one that merely wraps a RowError included) means it cannot go on. A
// consumer in strict mode stops at the first error; in lenient mode it lists
// every *RowError and goes on, and still stops at any other error. No build
// returns a result with a nil error after its source failed.
//
// # The dictionary
//
// Every metric is a typed function and a Definition (formula, unit,
// direction, benchmark bands, owner, cadence, source, version). NewDictionary
// builds a registry from definitions; what it returns are copies, so
// changing them changes nothing inside it. There is no global state.
package metrics
