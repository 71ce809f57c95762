package files

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// SQLite databases found among the files are read by the sqlite connector,
// through the registry (this package knows nothing of how): each of their
// tables is a table of this source, named file/table.

func listSQLite(ctx context.Context, e *entry, opts connectors.Options) (ts []*table, skip string, closer func() error) {
	src, err := connectors.Open(ctx, connectors.Spec{Kind: "sqlite", Location: e.path,
		Name: strings.TrimSuffix(filepath.Base(e.path), filepath.Ext(e.path))}, opts)
	if errors.Is(err, connectors.ErrMalformed) {
		return nil, "a SQLite database, and this build of alcance has no SQLite connector", nil
	}
	if err != nil {
		return []*table{failed(e.rel, err)}, "", nil
	}
	inner, err := src.Tables(ctx)
	if err != nil {
		src.Close()
		return []*table{failed(e.rel, err)}, "", nil
	}
	for _, it := range inner {
		name := e.rel + "/" + it.Name
		t := &table{name: name, cols: it.Columns, rows: it.Rows, pk: it.PrimaryKey, inner: src, innerTable: it}
		for _, fk := range it.ForeignKeys {
			fk.RefSchema, fk.RefTable = "", e.rel+"/"+fk.RefTable
			t.fks = append(t.fks, fk)
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		ts = append(ts, failed(e.rel, fmt.Errorf("the SQLite database lists no tables")))
	}
	return ts, "", src.Close
}
