package synth

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// WriteSQLite writes every table to a new SQLite file at path. It refuses
// tables whose names differ only in case (SQLite folds them), and refuses
// to overwrite: if path exists it returns an error wrapping os.ErrExist, and
// the caller removes the file first if that is what it wants. A half-written
// file is removed on error.
//
// The load is built for speed, since the corpus can hold millions of rows:
// one transaction, one prepared multi-row INSERT per table, and the journal
// and fsyncs off (a crash mid-write leaves a file to delete, nothing else).
// Dates are stored as YYYY-MM-DD text and timestamps as YYYY-MM-DD HH:MM:SS,
// the forms SQLite's date functions read; declared column types are the
// generic ones (Type.SQL), which SQLite keeps in its catalogue, and the
// tables declare their primary and foreign keys (sqliteCreateSQL).
func (c *Corpus) WriteSQLite(ctx context.Context, path string) (err error) {
	seen := map[string]string{}
	for _, t := range c.Tables {
		if other, ok := seen[strings.ToLower(t.Name)]; ok {
			return fmt.Errorf("synth: tables %s and %s differ only in case, which SQLite does not tell apart: "+
				"write their institutions apart (Corpus.OfInstitution)", other, t.Name)
		}
		seen[strings.ToLower(t.Name)] = t.Name
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	f.Close()
	defer func() {
		if err != nil {
			os.Remove(path)
		}
	}()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer conn.Close()
	for _, pragma := range []string{"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-65536"} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			return fmt.Errorf("synth: %s: %w", pragma, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer tx.Rollback()
	for _, t := range c.Tables {
		if err := writeTable(ctx, tx, t); err != nil {
			return fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return conn.Close()
}

// batchRows is how many rows one INSERT carries: multi-row statements cut
// the per-statement cost that dominates a bulk load through database/sql.
const batchRows = 64

func writeTable(ctx context.Context, tx *sql.Tx, t *Table) error {
	if _, err := tx.ExecContext(ctx, sqliteCreateSQL(t)); err != nil {
		return err
	}
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	insert := func(args []any) error {
		n := len(args) / len(t.Columns)
		s := stmts[n]
		if s == nil {
			var err error
			if s, err = tx.PrepareContext(ctx, insertSQL(t, n)); err != nil {
				return err
			}
			stmts[n] = s
		}
		_, err := s.ExecContext(ctx, args...)
		return err
	}
	return t.inBatches(ctx, batchRows, sqliteValue, insert)
}

// sqliteCreateSQL is the table's CREATE TABLE statement, with its keys.
// SQLite cannot add a key to an existing table, so they are declared here;
// a one-column INTEGER primary key becomes the rowid, which costs nothing
// to load. Foreign keys are not enforced (foreign_keys is off), so the
// tables load in any order.
func sqliteCreateSQL(t *Table) string {
	var defs []string
	for _, c := range t.Columns {
		defs = append(defs, quoteIdent(c.Name)+" "+c.Type.SQL())
	}
	if len(t.PrimaryKey) > 0 {
		defs = append(defs, "PRIMARY KEY ("+quoteIdents(t.PrimaryKey)+")")
	}
	for _, fk := range t.ForeignKeys {
		defs = append(defs, "FOREIGN KEY ("+quoteIdents(fk.Columns)+") REFERENCES "+quoteIdent(fk.RefTable)+" ("+quoteIdents(fk.RefColumns)+")")
	}
	return "CREATE TABLE " + quoteIdent(t.Name) + " (\n  " + strings.Join(defs, ",\n  ") + "\n)"
}

func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

func insertSQL(t *Table, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(t.Name) + " VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.Columns)), ",") + ")"
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	return b.String()
}

// sqliteValue converts a generated value for the driver: dates and
// timestamps become text in the canonical forms.
func sqliteValue(typ Type, v any) any {
	t, ok := v.(time.Time)
	if !ok {
		return v
	}
	if typ.Kind == KindDate {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
