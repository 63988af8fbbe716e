module github.com/saasmetrics/saasmetrics/examples

go 1.23

require github.com/saasmetrics/saasmetrics v0.0.0

require github.com/shopspring/decimal v1.6.0 // indirect

replace github.com/saasmetrics/saasmetrics => ../
