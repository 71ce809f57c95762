package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// allStyles is every style list in one corpus: the catalogues of
// DefaultStyles are what the other lists' keys point at.
func allStyles() []Style {
	var out []Style
	for _, l := range [][]Style{DefaultStyles(), EvalStyles(), BlindStyles(), BlindStylesC()} {
		out = append(out, l...)
	}
	return out
}

// keyText renders one row's values of cols as a key, or reports that one
// of them is NULL.
func keyText(row []any, cols []int) (string, bool) {
	var b strings.Builder
	for _, i := range cols {
		switch v := row[i].(type) {
		case nil:
			return "", false
		case time.Time:
			b.WriteString(v.Format(time.RFC3339))
		default:
			fmt.Fprintf(&b, "%T:%v", v, v)
		}
		b.WriteByte(0)
	}
	return b.String(), true
}

func columnIndexes(t *testing.T, tb *Table, names []string) []int {
	t.Helper()
	var out []int
	for _, n := range names {
		i := tb.Column(n)
		if i < 0 {
			t.Fatalf("%s has no column %s", tb.Name, n)
		}
		out = append(out, i)
	}
	return out
}

// The declared keys hold in the generated rows, at every size: primary key
// values are never NULL and never repeat, and every non-NULL value of a
// foreign key is a value of the primary key it references.
func TestKeysHold(t *testing.T) {
	for _, cfg := range []Config{
		{Seed: 2, Persons: 17}, {Seed: 3, Persons: 300},
		{Seed: 4, Persons: 5000}, {Seed: 5, Persons: 40000},
	} {
		cfg.Styles = allStyles()
		c, err := Generate(cfg)
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]map[string]bool{} // table -> primary key values
		for _, tb := range c.Tables {
			if tb.PrimaryKey == nil {
				continue
			}
			idx := columnIndexes(t, tb, tb.PrimaryKey)
			seen := map[string]bool{}
			tb.Generate(func(row []any) bool {
				k, ok := keyText(row, idx)
				if !ok {
					t.Errorf("%d persons, %s: NULL in the primary key %v", cfg.Persons, tb.Name, tb.PrimaryKey)
					return false
				}
				if seen[k] {
					t.Errorf("%d persons, %s: primary key %v repeats %q", cfg.Persons, tb.Name, tb.PrimaryKey, k)
					return false
				}
				seen[k] = true
				return true
			})
			keys[tb.Name] = seen
		}
		links := 0
		for _, tb := range c.Tables {
			for _, fk := range tb.ForeignKeys {
				idx := columnIndexes(t, tb, fk.Columns)
				ref := keys[fk.RefTable]
				refTable := c.Table(fk.RefTable)
				// The same key text needs the same Go types on both sides.
				for i, j := range columnIndexes(t, refTable, fk.RefColumns) {
					if a, b := tb.Columns[idx[i]].Type, refTable.Columns[j].Type; a.IsText() != b.IsText() || a.Kind == KindInteger != (b.Kind == KindInteger) {
						t.Errorf("%s.%s (%s) points at %s (%s)", tb.Name, fk.Columns[i], a.SQL(), fk.RefTable, b.SQL())
					}
				}
				tb.Generate(func(row []any) bool {
					k, ok := keyText(row, idx)
					if !ok {
						return true
					}
					links++
					if !ref[k] {
						t.Errorf("%d persons, %s%v = %q: not in %s%v", cfg.Persons, tb.Name, fk.Columns, k, fk.RefTable, fk.RefColumns)
						return false
					}
					return true
				})
			}
		}
		if cfg.Persons >= 300 && links == 0 {
			t.Errorf("%d persons: no foreign key value at all", cfg.Persons)
		}
	}
}

// Every key a style declares is kept in a corpus of every style list; in a
// corpus of one list, a foreign key into a table of another is left out.
func TestKeysResolved(t *testing.T) {
	declared := 0
	all, err := Generate(Config{Seed: 1, Persons: 300, Styles: allStyles()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range allStyles() {
		tb := s.Build(all.Pool, rand.New(rand.NewPCG(1, 2)))
		declared += len(tb.ForeignKeys)
		if got := all.Table(s.Name); len(got.ForeignKeys) != len(tb.ForeignKeys) {
			t.Errorf("%s: %d foreign keys in the corpus of every style, %d declared", s.Name, len(got.ForeignKeys), len(tb.ForeignKeys))
		}
	}
	if declared == 0 {
		t.Fatal("no foreign key declared")
	}
	blind, err := Generate(Config{Seed: 1, Persons: 300, Styles: BlindStylesC()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range blind.Tables {
		for _, fk := range tb.ForeignKeys {
			if blind.Table(fk.RefTable) == nil {
				t.Errorf("%s: foreign key into %s, which is not in the corpus", tb.Name, fk.RefTable)
			}
		}
	}
	if est := blind.Table("EST_SALUD_MUNICIPAL_2020"); len(est.ForeignKeys) != 0 || len(est.PrimaryKey) != 2 {
		t.Errorf("EST_SALUD_MUNICIPAL_2020 alone: keys %v %v, want its primary key only", est.PrimaryKey, est.ForeignKeys)
	}
	def, err := Generate(Config{Seed: 1, Persons: 300})
	if err != nil {
		t.Fatal(err)
	}
	if got := def.Table("consultas").ForeignKeys; len(got) != 2 {
		t.Errorf("consultas in the default corpus: foreign keys %v", got)
	}
}

// A key that names a missing column, or that does not reference the other
// table's primary key, is a bug in a style: Generate says so.
func TestKeysChecked(t *testing.T) {
	style := func(name string, pk []string, fks ...ForeignKey) Style {
		return Style{name, func(p *Pool, r *rand.Rand) *Table {
			return &Table{Name: name, Columns: []Column{col("id", Integer), col("ref", Integer), col("txt", Text)},
				PrimaryKey: pk, ForeignKeys: fks, Generate: func(func([]any) bool) {}}
		}}
	}
	parent := style("padre", []string{"id"})
	for _, c := range []struct {
		child Style
		want  string
	}{
		{style("hijo", []string{"nope"}), `primary key column "nope" does not exist`},
		{style("hijo", nil, references("nope", "padre", "id")), `foreign key column "nope" does not exist`},
		{style("hijo", nil, references("ref", "padre", "ref")), "must reference the primary key [id] of padre"},
		{style("hijo", nil, references("txt", "padre", "id")), "cannot hold padre.id"},
	} {
		_, err := Generate(Config{Seed: 1, Persons: 10, Styles: []Style{parent, c.child}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.child, err, c.want)
		}
	}
	c, err := Generate(Config{Seed: 1, Persons: 10, Styles: []Style{parent, style("hijo", nil, references("ref", "padre", "id"), references("ref", "ausente", "id"))}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Table("hijo").ForeignKeys; !slices.EqualFunc(got, []ForeignKey{references("ref", "padre", "id")}, func(a, b ForeignKey) bool {
		return slices.Equal(a.Columns, b.Columns) && a.RefTable == b.RefTable && slices.Equal(a.RefColumns, b.RefColumns)
	}) {
		t.Errorf("foreign keys %+v: want the one into padre only", got)
	}
}
