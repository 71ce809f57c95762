package connectors

import (
	"math/rand/v2"
	"reflect"
	"testing"
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
