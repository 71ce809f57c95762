package scan

import (
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/reports"
)

// A table recorded in a checkpoint is reused only for the same share of
// its rows: a table recorded whole is read again when this run reads a
// part of it, and a part is read again when this run reads another part,
// another split, or the whole table (its size crossed the threshold
// between the runs).
func TestCheckpointReusesOnlyTheSamePart(t *testing.T) {
	recorded := func(p *reports.TablePart) *Checkpoint {
		ct := checkpointTable{Source: 0, Table: reports.Table{Schema: "main", Name: "consultas", Part: p}}
		return &Checkpoint{done: map[string]doneTable{doneKey(0, "main.consultas"): {checkpointTable: ct}}}
	}
	table := func(p *connectors.TablePart) connectors.Table {
		return connectors.Table{Schema: "main", Name: "consultas", Part: p}
	}
	for _, c := range []struct {
		name   string
		was    *reports.TablePart
		now    *connectors.TablePart
		reused bool
	}{
		{"whole, whole", nil, nil, true},
		{"part 1 of 3, part 1 of 3", &reports.TablePart{Index: 1, Count: 3}, &connectors.TablePart{Index: 1, Count: 3}, true},
		{"whole, part", nil, &connectors.TablePart{Index: 0, Count: 3}, false},
		{"part, whole", &reports.TablePart{Index: 0, Count: 3}, nil, false},
		{"part 0, part 1", &reports.TablePart{Index: 0, Count: 3}, &connectors.TablePart{Index: 1, Count: 3}, false},
		{"part 1 of 3, part 1 of 4", &reports.TablePart{Index: 1, Count: 3}, &connectors.TablePart{Index: 1, Count: 4}, false},
	} {
		if _, ok := recorded(c.was).lookup(0, table(c.now)); ok != c.reused {
			t.Errorf("%s: reused %v, want %v", c.name, ok, c.reused)
		}
	}
}
