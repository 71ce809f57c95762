package synth

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/jackc/pgx/v5"
)

// pgExpected writes one generated row as PostgreSQL's text output of it
// should read: NULL marked, CHAR padding gone (bpchar::text drops it),
// numerics at the column's scale, dates and timestamps in ISO form.
func pgExpected(t *Table, row []any) string {
	var b strings.Builder
	for i, v := range row {
		if i > 0 {
			b.WriteByte('|')
		}
		typ := t.Columns[i].Type
		switch x := v.(type) {
		case nil:
			b.WriteString("\x00NULL")
		case string:
			if typ.Kind == KindChar {
				x = strings.TrimRight(x, " ")
			}
			b.WriteString(x)
		case int64:
			b.WriteString(strconv.FormatInt(x, 10))
		case float64:
			b.WriteString(strconv.FormatFloat(x, 'f', typ.Scale, 64))
		case time.Time:
			if typ.Kind == KindDate {
				b.WriteString(x.Format("2006-01-02"))
			} else {
				b.WriteString(x.Format("2006-01-02 15:04:05"))
			}
		default:
			fmt.Fprintf(&b, "%T?%v", v, v)
		}
	}
	return b.String()
}

func pgConnect(t *testing.T, u string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// The corpus loads into PostgreSQL with every table, row and value intact,
// the declared types as mapped, and statistics fresh.
func TestWritePostgres(t *testing.T) {
	u := testdb.Postgres(t, "alcance_synth_pg")
	c, err := Generate(Config{Seed: 2026, Persons: 3000})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.WritePostgres(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	t.Logf("WritePostgres: %d tables, %d rows in %v", len(c.Tables), rows, time.Since(start).Round(time.Millisecond))

	ctx := context.Background()
	conn := pgConnect(t, u)
	for _, tb := range c.Tables {
		id := pgx.Identifier{tb.Name}.Sanitize()
		// Row count, and the statistics ANALYZE left (exact for a table
		// ANALYZE reads whole: up to 30,000 rows with the default target).
		var n int
		var reltuples float64
		if err := conn.QueryRow(ctx, "SELECT count(*), (SELECT reltuples FROM pg_class WHERE oid = $1::regclass) FROM "+id, id).
			Scan(&n, &reltuples); err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		if n != tb.Rows {
			t.Errorf("%s: %d rows in the database, %d declared", tb.Name, n, tb.Rows)
		}
		if tb.Rows <= 30000 && int(reltuples) != tb.Rows {
			t.Errorf("%s: reltuples %v after ANALYZE, want %d", tb.Name, reltuples, tb.Rows)
		}

		// Declared types.
		var types []string
		rs, err := conn.Query(ctx, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute
			WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, id)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var s string
			if err := rs.Scan(&s); err != nil {
				t.Fatal(err)
			}
			types = append(types, s)
		}
		rs.Close()
		var want []string
		for _, col := range tb.Columns {
			want = append(want, map[Kind]string{
				KindText: "text", KindInteger: "bigint", KindDate: "date", KindTimestamp: "timestamp without time zone",
				KindChar:    fmt.Sprintf("character(%d)", col.Type.Size),
				KindVarchar: fmt.Sprintf("character varying(%d)", col.Type.Size),
				KindDecimal: fmt.Sprintf("numeric(%d,%d)", col.Type.Size, col.Type.Scale),
			}[col.Type.Kind])
		}
		if !slices.Equal(types, want) {
			t.Errorf("%s: types %q, want %q", tb.Name, types, want)
		}

		// Every value, as a multiset of rows (no ORDER BY needed).
		var exprs []string
		for _, col := range tb.Columns {
			q := pgx.Identifier{col.Name}.Sanitize()
			exprs = append(exprs, "coalesce("+q+"::text, E'\\\\x00NULL')")
		}
		rs, err = conn.Query(ctx, "SELECT "+strings.Join(exprs, " || '|' || ")+" FROM "+id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rs.Next() {
			var s string
			if err := rs.Scan(&s); err != nil {
				t.Fatal(err)
			}
			got = append(got, strings.ReplaceAll(s, `\x00NULL`, "\x00NULL"))
		}
		rs.Close()
		var exp []string
		tb.Generate(func(row []any) bool {
			exp = append(exp, pgExpected(tb, row))
			return true
		})
		slices.Sort(got)
		slices.Sort(exp)
		if !slices.Equal(got, exp) {
			for i := range min(len(got), len(exp)) {
				if got[i] != exp[i] {
					t.Errorf("%s: first difference:\n got %q\nwant %q", tb.Name, got[i], exp[i])
					break
				}
			}
			t.Errorf("%s: %d rows differ from the generated ones (%d)", tb.Name, len(got), len(exp))
		}
	}

	// Spot checks of what the full comparison covers, for a reader: the
	// upper-case civil registry, its CHAR padding on disk, dates, and Ñ.
	var nom string
	var octets int
	if err := conn.QueryRow(ctx, `SELECT "NOMCOMP", octet_length("NOMCOMP"::bytea) FROM "RCNACIM" LIMIT 1`).Scan(&nom, &octets); err != nil {
		t.Fatal(err)
	}
	if len([]rune(nom)) != 50 || !strings.HasSuffix(nom, " ") {
		t.Errorf("RCNACIM.NOMCOMP = %q: want CHAR(50), padded", nom)
	}
	var born time.Time
	if err := conn.QueryRow(ctx, `SELECT fecha_nacimiento FROM padron_beneficiarios WHERE fecha_nacimiento IS NOT NULL LIMIT 1`).Scan(&born); err != nil {
		t.Fatal(err)
	}
	if born.Year() < 1900 || born.Year() > 2026 {
		t.Errorf("fecha_nacimiento %v", born)
	}
	var enes, enesWant int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM padron_beneficiarios WHERE primer_apellido LIKE '%Ñ%'`).Scan(&enes); err != nil {
		t.Fatal(err)
	}
	tb := c.Table("padron_beneficiarios")
	k := tb.Column("primer_apellido")
	tb.Generate(func(row []any) bool {
		if s, ok := row[k].(string); ok && strings.Contains(s, "Ñ") {
			enesWant++
		}
		return true
	})
	if enes == 0 || enes != enesWant {
		t.Errorf("%d surnames with Ñ in the database, %d generated", enes, enesWant)
	}

	// Loading again fails (the tables exist) and changes nothing.
	if err := c.WritePostgres(ctx, u); err == nil {
		t.Error("second load succeeded")
	}
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM "RCNACIM"`).Scan(&n); err != nil || n != c.Table("RCNACIM").Rows {
		t.Errorf("after a refused second load: %d rows, %v", n, err)
	}
}

// A load cancelled half-way leaves no table behind: it is one
// transaction. The second table's generator cancels the context after a
// few rows, once the first table is loaded.
func TestWritePostgresCancelled(t *testing.T) {
	u := testdb.Postgres(t, "alcance_synth_pg_cancel")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	corte := func(p *Pool, r *rand.Rand) *Table {
		tb := &Table{Name: "corte", Columns: []Column{col("id", Integer)}, Rows: 100_000}
		tb.Generate = func(yield func([]any) bool) {
			for i := range tb.Rows {
				if i == 1000 {
					cancel()
				}
				if !yield([]any{int64(i)}) {
					return
				}
			}
		}
		return tb
	}
	c, err := Generate(Config{Seed: 1, Persons: 500, Styles: []Style{{"padron_beneficiarios", buildPadron}, {"corte", corte}}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.WritePostgres(ctx, u)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a load cancelled half-way: %v, want context.Canceled", err)
	}
	var n int
	if err := pgConnect(t, u).QueryRow(context.Background(),
		`SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("after a cancelled load: %d relations, %v", n, err)
	}
}

// A 20,000-person corpus loads in a few seconds.
func TestWritePostgresSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a 20,000-person corpus")
	}
	u := testdb.Postgres(t, "alcance_synth_pg_speed")
	c, err := Generate(Config{Seed: 7, Persons: 20000})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.WritePostgres(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	t.Logf("WritePostgres: 20000 persons, %d tables, %d rows in %v (%.0f rows/s)",
		len(c.Tables), rows, el.Round(time.Millisecond), float64(rows)/el.Seconds())
	if el > 20*time.Second {
		t.Errorf("took %v, want a few seconds", el)
	}
}
