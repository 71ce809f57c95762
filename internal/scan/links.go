package scan

import (
	"strings"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/exposure"
)

// tableLinks are the links of one table, by column name: those that leave
// it (its rows belong to the person of the row they point at) and the key
// columns other tables point at.
type tableLinks struct {
	out  []outLink
	keys [][]string
}

type outLink struct {
	columns []string
	target  string // qualified name
	id      uint16
}

// linkTables finds the links between a source's tables (declared foreign
// keys, and keys evident from names) and registers them with the person
// set. Every table a link may point at has its key read in full, so that
// rows pointing at it find their person.
func (s *scan) linkTables(source int, tables []connectors.Table) []tableLinks {
	schemas := make([]exposure.TableSchema, len(tables))
	for i, t := range tables {
		ts := exposure.TableSchema{Schema: t.Schema, Name: t.Name, PrimaryKey: t.PrimaryKey}
		for _, c := range t.Columns {
			if c.Kind != connectors.KindBinary {
				ts.Columns = append(ts.Columns, c.Name)
			}
		}
		for _, fk := range t.ForeignKeys {
			ts.ForeignKeys = append(ts.ForeignKeys, exposure.ForeignKey{Columns: fk.Columns, RefSchema: fk.RefSchema, RefTable: fk.RefTable, RefColumns: fk.RefColumns})
		}
		schemas[i] = ts
	}
	out := make([]tableLinks, len(tables))
	s.mu.Lock()
	base := s.groups
	s.mu.Unlock()
	maxGroup := -1
	for _, l := range exposure.Links(schemas) {
		id := s.persons.AddLink(!l.Declared, base+l.Group)
		maxGroup = max(maxGroup, l.Group)
		from, to := tables[l.From], tables[l.To]
		out[l.From].out = append(out[l.From].out, outLink{columns: l.FromColumns, target: to.QualifiedName(), id: id})
		if !hasKey(out[l.To].keys, l.ToColumns) {
			out[l.To].keys = append(out[l.To].keys, l.ToColumns)
		}
		s.mu.Lock()
		s.links = append(s.links, sourceLink{source: source, declared: l.Declared, fromTable: from.QualifiedName(), group: base + l.Group,
			from: from.QualifiedName() + "." + strings.Join(l.FromColumns, ","),
			to:   to.QualifiedName() + "." + strings.Join(l.ToColumns, ",")})
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.groups = base + maxGroup + 1
	s.mu.Unlock()
	return out
}

func hasKey(keys [][]string, cols []string) bool {
	for _, k := range keys {
		if strings.Join(k, "\x00") == strings.Join(cols, "\x00") {
			return true
		}
	}
	return false
}

// indices maps column names to their places among cols (-1 when absent).
func indices(cols []connectors.Column, names []string) ([]int, bool) {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = -1
		for j, c := range cols {
			if c.Name == n {
				out[i] = j
				break
			}
		}
		if out[i] < 0 {
			return nil, false
		}
	}
	return out, true
}
