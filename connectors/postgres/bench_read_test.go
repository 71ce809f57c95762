package postgres

import (
	"context"
	"testing"
)

// BenchmarkReadColumns: every row of the 200,000-row benchmark table, all
// columns, as the engine reads identifier columns in full; with
// BenchmarkPlainRead (10,000 rows) it shows the cost per row of the
// connector's safety (rendering, cutting, the socket watchdog).
func BenchmarkReadColumns(b *testing.B) {
	_, s, tb := benchDB(b)
	rows := 0
	for b.Loop() {
		err := s.ReadColumns(context.Background(), tb, nil, func([]string) error { rows++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
