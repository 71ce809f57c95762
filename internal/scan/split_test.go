package scan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	_ "modernc.org/sqlite"
)

// splitFake is a SQLite source whose Split fails with splitFakeErr: the
// "splitfake:" kind, registered for these tests only.
type splitFake struct {
	fullSource
}

type fullSource interface {
	connectors.Source
	connectors.ColumnReader
	connectors.RowCounter
}

var splitFakeErr error

func (splitFake) Split(context.Context, connectors.Table, int) ([]connectors.TablePart, error) {
	return nil, splitFakeErr
}

type splitFakeOpener struct{}

func (splitFakeOpener) Parse(raw string) (connectors.Spec, bool, error) {
	path, ok := strings.CutPrefix(raw, "splitfake:")
	if !ok {
		return connectors.Spec{}, false, nil
	}
	return connectors.Spec{Raw: raw, Location: path, Name: "fake"}, true, nil
}

func (splitFakeOpener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	inner, err := connectors.Parse(spec.Location)
	if err != nil {
		return nil, err
	}
	src, err := connectors.Open(ctx, inner, opts)
	if err != nil {
		return nil, err
	}
	return splitFake{src.(fullSource)}, nil
}

func init() { connectors.Register("splitfake", splitFakeOpener{}) }

// splitCorpus is a SQLite file with one table of 300 people.
func splitCorpus(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "split.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE personas (id INTEGER PRIMARY KEY, nombre TEXT, curp TEXT)`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 300)
		 INSERT INTO personas SELECT i, 'PERSONA ' || i, 'GOMC850312HDFRRL0' || (i % 10) FROM c`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// shards scans source as n shards and returns, per shard, the rows it
// read of the table personas (-1: not scanned) and its errors.
func shards(t *testing.T, source string, n int) (rows []int64, errs [][]string) {
	t.Helper()
	spec, err := connectors.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		rep, _ := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(),
			Mode: "full", Shard: i, Shards: n, HashKey: []byte("0123456789abcdef")})
		r := int64(-1)
		for _, tb := range rep.Sources[0].Tables {
			if tb.Name == "personas" {
				r = tb.Rows.Value
			}
		}
		var e []string
		for _, x := range rep.Sources[0].Errors {
			e = append(e, x.Table+": "+x.Error)
		}
		rows, errs = append(rows, r), append(errs, e)
	}
	return rows, errs
}

// A table above the threshold is split: every shard reads a part, the
// parts add up to the table. Below it, or when the source has no key to
// split by, one shard reads it whole. When splitting fails otherwise,
// every shard reports the table as not scanned: none reads it whole,
// which would count its rows twice beside the parts others read.
func TestShardsSplitLargeTables(t *testing.T) {
	path := splitCorpus(t)
	sum := func(rows []int64) (s int64, readers int) {
		for _, r := range rows {
			if r >= 0 {
				s, readers = s+r, readers+1
			}
		}
		return s, readers
	}
	rows, errs := shards(t, path, 3)
	if s, readers := sum(rows); s != 300 || readers != 1 {
		t.Errorf("below the threshold: shards read %v (errors %v), want one shard all 300 rows", rows, errs)
	}
	defer SetSplitRows(100)()
	rows, errs = shards(t, path, 3)
	if s, readers := sum(rows); s != 300 || readers != 3 || fmt.Sprint(errs) != "[[] [] []]" {
		t.Errorf("split: shards read %v (errors %v), want parts of 300 rows in all 3", rows, errs)
	}
	splitFakeErr = fmt.Errorf("no integer key: %w", connectors.ErrCannotSplit)
	rows, errs = shards(t, "splitfake:"+path, 3)
	if s, readers := sum(rows); s != 300 || readers != 1 || fmt.Sprint(errs) != "[[] [] []]" {
		t.Errorf("cannot split: shards read %v (errors %v), want one shard all 300 rows", rows, errs)
	}
	splitFakeErr = errors.New("the connection was reset")
	rows, errs = shards(t, "splitfake:"+path, 3)
	for i := range rows {
		if rows[i] != -1 || len(errs[i]) != 1 || !strings.Contains(errs[i][0], "main.personas: ") || !strings.Contains(errs[i][0], "the connection was reset") {
			t.Errorf("a failed split: shard %d read %d rows, errors %q; want the table failed with the reason", i, rows[i], errs[i])
		}
	}
}
