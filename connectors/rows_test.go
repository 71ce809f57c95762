package connectors

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRows(t *testing.T) {
	r := NewRows(2, 1)
	if r.Len() != 0 {
		t.Fatalf("Len of new Rows = %d", r.Len())
	}
	buf := []string{"1", "ana"}
	r.Add(buf)
	buf[0], buf[1] = "2", "luis" // Add copies: reusing the row is safe
	r.Add(buf)
	r.Add([]string{"3", "eva"})
	r.Set(1, []string{"4", "sofía"})
	r.Complete = true
	if r.Len() != 3 {
		t.Fatalf("Len = %d, want 3", r.Len())
	}

	cols := []Column{
		{Name: "nombre", Kind: KindText},
		{Name: "foto", Kind: KindBinary},
		{Name: "id", Kind: KindInteger},
	}
	got := r.Sample(cols, []int{1, -1, 0})
	want := &Sample{
		Columns: cols,
		Values: [][]string{
			{"ana", "sofía", "eva"},
			{"", "", ""},
			{"1", "4", "3"},
		},
		Rows:     3,
		Complete: true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sample = %+v, want %+v", got, want)
	}
}

// With no column read (every one binary), rows are still counted.
func TestRowsNoColumnRead(t *testing.T) {
	r := NewRows(0, 4)
	r.Add(nil)
	r.Add(nil)
	cols := []Column{{Name: "blob", Kind: KindBinary}}
	got := r.Sample(cols, []int{-1})
	if got.Rows != 2 || got.Complete || !reflect.DeepEqual(got.Values, [][]string{{"", ""}}) {
		t.Errorf("Sample = %+v", got)
	}
}

func TestRowsAddUpTo(t *testing.T) {
	r := NewRows(1, 4)
	rng := rand.New(rand.NewPCG(1, 2))
	r.AddUpTo([][]string{{"a"}, {"b"}}, 5, rng)
	batch := [][]string{{"c"}, {"d"}, {"e"}, {"f"}, {"g"}, {"h"}}
	r.AddUpTo(batch, 5, rng)
	if r.Len() != 5 {
		t.Fatalf("kept %d rows, want 5", r.Len())
	}
	// Over many draws, every row of an over-full batch is kept sometimes:
	// the cut is random, not the front of the batch.
	kept := map[string]int{}
	for range 300 {
		r := NewRows(1, 2)
		r.AddUpTo([][]string{{"c"}, {"d"}, {"e"}, {"f"}}, 2, rng)
		for _, v := range r.Sample([]Column{{Name: "x"}}, []int{0}).Values[0] {
			kept[v]++
		}
	}
	for _, v := range []string{"c", "d", "e", "f"} {
		if kept[v] < 100 || kept[v] > 200 {
			t.Errorf("%s kept %d times in 300 draws of 2 of 4", v, kept[v])
		}
	}
}

// Values over the limit are cut as they are kept, and their column is
// marked; the others are kept whole.
func TestRowsTruncate(t *testing.T) {
	long := strings.Repeat("ñ", MaxValueBytes) // 2 bytes each: twice the limit
	r := NewRows(2, 2)
	r.Add([]string{"corto", long})
	r.Add([]string{"otro", "breve"})
	cols := []Column{{Name: "a"}, {Name: "foto", Kind: KindBinary}, {Name: "nota"}}
	s := r.Sample(cols, []int{0, -1, 1})
	if !reflect.DeepEqual(s.Truncated, []bool{false, false, true}) {
		t.Errorf("Truncated = %v, want only nota", s.Truncated)
	}
	if v := s.Values[2][0]; len(v) > MaxValueBytes || !utf8.ValidString(v) || !strings.HasPrefix(long, v) || len(v) < MaxValueBytes-1 {
		t.Errorf("the long value kept is %d bytes (valid UTF-8: %v), want a prefix of at most %d", len(v), utf8.ValidString(v), MaxValueBytes)
	}
	r.SetValueLimit(3)
	r.Set(1, []string{"larguísimo", "x"})
	if s := r.Sample(cols, []int{0, -1, 1}); s.Values[0][1] != "lar" || !s.Truncated[0] {
		t.Errorf("with a limit of 3: %q, truncated %v", s.Values[0][1], s.Truncated)
	}
	if s := NewRows(1, 1).Sample([]Column{{Name: "a"}}, []int{0}); s.Truncated != nil {
		t.Errorf("Truncated of a sample with nothing cut = %v, want nil", s.Truncated)
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"}, {"abc", 2, "ab"}, {"añb", 2, "a"}, {"añb", 3, "añ"}, {"ñ", 1, ""},
	} {
		if got := Clip(c.s, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestBudget(t *testing.T) {
	for _, c := range []struct{ n, textCols, rows, value int }{
		{10000, 0, 10000, MaxValueBytes},
		{10000, 5, 10000, MaxValueBytes},
		{10000, 50, 10000, MaxSampleBytes / (10000 * 50)},
		{10000, 500, MaxSampleBytes / (minValueBytes * 500), minValueBytes},
		{1, 1 << 20, 1, minValueBytes},
	} {
		rows, value := Budget(c.n, c.textCols)
		if rows != c.rows || value != c.value {
			t.Errorf("Budget(%d, %d) = %d rows of %d bytes, want %d of %d", c.n, c.textCols, rows, value, c.rows, c.value)
		}
		if c.textCols > 0 && rows > 1 && rows*c.textCols*value > MaxSampleBytes {
			t.Errorf("Budget(%d, %d) exceeds MaxSampleBytes", c.n, c.textCols)
		}
	}
}
