package synth

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"
)

// WritePostgres creates every table of the corpus in the existing, empty
// PostgreSQL database at url (postgres://user[:pass]@host[:port]/db, as
// testdb.Postgres returns) and loads its rows. A table that already exists
// is an error (CREATE TABLE fails), so nothing is ever overwritten; the
// whole load is one transaction, so a failed one leaves no table behind.
//
// Types map to PostgreSQL's: char(n), varchar(n), text, bigint,
// numeric(p,s), date and timestamp (without time zone: the generated
// timestamps are wall clocks). Names are quoted, so the civil registry's
// RCNACIM keeps its upper case, as a legacy system migrated with quoted
// names would have it. PostgreSQL stores text in the database's encoding
// (UTF-8 for the test databases), so Column.Legacy changes nothing here:
// the mojibake some rows carry on purpose is stored as the characters it
// is made of. A value that does not fit its column (too long, say) fails
// the load.
//
// Rows are sent with COPY (pgx's CopyFrom, binary format), pulled from
// each table's generator as COPY consumes them, so memory stays small and
// a corpus of tens of thousands of persons loads in seconds. The tables'
// primary and foreign keys are added once the rows are in
// (postgresKeysSQL). ANALYZE then gives every table fresh statistics, so
// pg_class.reltuples is right.
func (c *Corpus) WritePostgres(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("synth: connecting to postgres: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, t := range c.Tables {
		if _, err := tx.Exec(ctx, postgresCreateSQL(t)); err != nil {
			return fmt.Errorf("synth: creating table %s: %w", t.Name, err)
		}
		if err := loadPostgresTable(ctx, tx, t); err != nil {
			return fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	for _, q := range postgresKeysSQL(c.Tables) {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("synth: %s: %w", q, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	names := make([]string, len(c.Tables))
	for i, t := range c.Tables {
		names[i] = pgx.Identifier{t.Name}.Sanitize()
	}
	if _, err := conn.Exec(ctx, "ANALYZE "+strings.Join(names, ", ")); err != nil {
		return fmt.Errorf("synth: ANALYZE: %w", err)
	}
	return conn.Close(ctx)
}

// postgresType spells a generic type for PostgreSQL.
func postgresType(t Type) string {
	switch t.Kind {
	case KindChar:
		return fmt.Sprintf("char(%d)", t.Size)
	case KindVarchar:
		return fmt.Sprintf("varchar(%d)", t.Size)
	case KindInteger:
		return "bigint"
	case KindDecimal:
		return fmt.Sprintf("numeric(%d,%d)", t.Size, t.Scale)
	case KindDate:
		return "date"
	case KindTimestamp:
		return "timestamp"
	}
	return "text"
}

// postgresCreateSQL is the table's CREATE TABLE statement.
func postgresCreateSQL(t *Table) string {
	defs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		defs[i] = pgx.Identifier{c.Name}.Sanitize() + " " + postgresType(c.Type)
	}
	return "CREATE TABLE " + pgx.Identifier{t.Name}.Sanitize() + " (\n  " + strings.Join(defs, ",\n  ") + "\n)"
}

// postgresKeysSQL declares the tables' keys once their rows are in: every
// primary key first (a foreign key needs the key it references), then
// every foreign key. Each index is then built once from the loaded rows
// and each foreign key checked with one join, rather than row by row
// during COPY, and the tables load in any order.
func postgresKeysSQL(tables []*Table) []string {
	ids := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = pgx.Identifier{n}.Sanitize()
		}
		return strings.Join(q, ", ")
	}
	var out []string
	for _, t := range tables {
		if len(t.PrimaryKey) > 0 {
			out = append(out, "ALTER TABLE "+pgx.Identifier{t.Name}.Sanitize()+" ADD PRIMARY KEY ("+ids(t.PrimaryKey)+")")
		}
	}
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			out = append(out, "ALTER TABLE "+pgx.Identifier{t.Name}.Sanitize()+" ADD FOREIGN KEY ("+ids(fk.Columns)+") REFERENCES "+
				pgx.Identifier{fk.RefTable}.Sanitize()+" ("+ids(fk.RefColumns)+")")
		}
	}
	return out
}

// loadPostgresTable copies the table's rows in. The generated values go to
// pgx as they are: strings, int64, float64 (encoded as exact decimal text
// into numeric, which rounds to the column's scale), time.Time (a date's
// or a timestamp's wall clock) and nil.
func loadPostgresTable(ctx context.Context, tx pgx.Tx, t *Table) error {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Name
	}
	next, stop := iter.Pull(iter.Seq[[]any](t.Generate))
	defer stop()
	rows := 0
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t.Name}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		row, ok := next()
		if !ok {
			return nil, nil
		}
		rows++
		if len(row) != len(t.Columns) {
			return nil, fmt.Errorf("row %d has %d values for %d columns", rows, len(row), len(t.Columns))
		}
		return row, nil
	}))
	if err != nil {
		return err
	}
	if n != int64(t.Rows) || rows != t.Rows {
		return fmt.Errorf("copied %d rows, generated %d, declared %d", n, rows, t.Rows)
	}
	return nil
}
