package synth

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkGenerate measures producing every row of a 20,000-person corpus
// (pool and plans built once, outside the timer).
func BenchmarkGenerate(b *testing.B) {
	c, err := Generate(Config{Seed: 1, Persons: 20000})
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	b.ResetTimer()
	for b.Loop() {
		for _, tb := range c.Tables {
			tb.Generate(func([]any) bool { rows++; return true })
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPool measures building the person pool and the table plans.
func BenchmarkPool(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Config{Seed: 1, Persons: 100000}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(100000*b.N)/b.Elapsed().Seconds(), "persons/s")
}

// BenchmarkWriteSQLite measures the whole load of a 20,000-person corpus.
func BenchmarkWriteSQLite(b *testing.B) {
	c, err := Generate(Config{Seed: 1, Persons: 20000})
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := c.WriteSQLite(context.Background(), filepath.Join(dir, string(rune('a'+i%26))+itoa(i)+".db")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			return s
		}
	}
}
