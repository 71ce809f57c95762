package connectors

import (
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
