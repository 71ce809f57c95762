package synth

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"sync"
	"testing"
	"time"
)

var (
	shared     *Corpus
	sharedErr  error
	sharedOnce sync.Once
)

// corpus is the corpus most tests share: 5,000 persons, seed 42.
func corpus(t testing.TB) *Corpus {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = Generate(Config{Seed: 42, Persons: 5000}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func mustTable(t testing.TB, c *Corpus, name string) *Table {
	t.Helper()
	tb := c.Table(name)
	if tb == nil {
		t.Fatalf("no table %s", name)
	}
	return tb
}

// rows collects a table's rows (fine at test sizes).
func rows(t *Table) [][]any {
	var out [][]any
	t.Generate(func(r []any) bool { out = append(out, r); return true })
	return out
}

// column collects one column's values.
func column(t testing.TB, tb *Table, name string) []any {
	t.Helper()
	i := tb.Column(name)
	if i < 0 {
		t.Fatalf("%s has no column %s", tb.Name, name)
	}
	var out []any
	tb.Generate(func(r []any) bool { out = append(out, r[i]); return true })
	return out
}

// writeValue feeds one value to a hash with its type, so "1" and 1 differ.
func writeValue(h hash.Hash, v any) {
	switch x := v.(type) {
	case nil:
		fmt.Fprint(h, "N|")
	case string:
		fmt.Fprintf(h, "S%d:%s|", len(x), x)
	case int64:
		fmt.Fprintf(h, "I%d|", x)
	case float64:
		fmt.Fprintf(h, "F%v|", x)
	case time.Time:
		fmt.Fprintf(h, "T%s|", x.Format(time.RFC3339Nano))
	default:
		fmt.Fprintf(h, "?%T|", x)
	}
}

// tableHash hashes every row a table generates.
func tableHash(tb *Table) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|", tb.Name, tb.Rows)
	tb.Generate(func(r []any) bool {
		for _, v := range r {
			writeValue(h, v)
		}
		h.Write([]byte{'\n'})
		return true
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}
