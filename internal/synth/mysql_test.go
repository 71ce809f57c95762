package synth

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// fingerprint writes one row as text the way it should come back from the
// server: NULL marked, CHAR padding gone (MariaDB strips it on reading),
// decimals at the column's scale, dates and timestamps in their text forms.
func fingerprint(t *Table, row []any) string {
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

// The corpus loads into MariaDB with every table, row and value intact:
// latin1 text (Ñ, and the mojibake some rows carry) and utf8mb4 text alike
// come back exactly through a utf8mb4 connection.
func TestWriteMySQL(t *testing.T) {
	u := testdb.MySQL(t, "alcance_synth_my")
	c, err := Generate(Config{Seed: 2026, Persons: 3000})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.WriteMySQL(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	t.Logf("WriteMySQL: %d tables, %d rows in %v", len(c.Tables), rows, time.Since(start).Round(time.Millisecond))

	db, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u)+"&charset=utf8mb4")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	legacyTables := 0
	for _, tb := range c.Tables {
		// The character set: latin1 for tables with legacy text only.
		var collation string
		if err := db.QueryRow(`SELECT TABLE_COLLATION FROM information_schema.TABLES
			WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, tb.Name).Scan(&collation); err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		wantLatin1 := mysqlLegacy(tb)
		if wantLatin1 {
			legacyTables++
		}
		if strings.HasPrefix(collation, "latin1_") != wantLatin1 || (!wantLatin1 && !strings.HasPrefix(collation, "utf8mb4_")) {
			t.Errorf("%s: collation %s, legacy %v", tb.Name, collation, wantLatin1)
		}

		// Every row, as a multiset: the server may return them in any order.
		want := map[string]int{}
		tb.Generate(func(r []any) bool { want[fingerprint(tb, r)]++; return true })
		rs, err := db.Query("SELECT * FROM " + mysqlQuote(tb.Name))
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]sql.NullString, len(tb.Columns))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rs.Next() {
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				if !v.Valid {
					b.WriteString("\x00NULL")
				} else {
					b.WriteString(v.String)
				}
			}
			fp := b.String()
			if want[fp] == 0 {
				if n < 3 {
					t.Errorf("%s: row read back that was not written: %q", tb.Name, fp)
				}
				n++
				continue
			}
			want[fp]--
			n++
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		rs.Close()
		if n != tb.Rows {
			t.Errorf("%s: %d rows in the database, %d declared", tb.Name, n, tb.Rows)
		}
		for fp, k := range want {
			if k != 0 {
				t.Errorf("%s: row written but not read back (%d times): %q", tb.Name, k, fp)
				break
			}
		}
	}
	if legacyTables == 0 {
		t.Fatal("no legacy table in the corpus: the latin1 path was not exercised")
	}

	// Ñ in the civil registry is stored as latin1's single byte D1, not as
	// UTF-8's C3 91: the round trip above went through the server's
	// conversion.
	rc := c.Table("RCNACIM")
	if rc == nil || !mysqlLegacy(rc) {
		t.Fatal("RCNACIM missing, or not legacy")
	}
	col := rc.Column("NOMCOMP")
	withN, damaged := 0, 0 // Ñ, and the mojibake Ã‘, whose latin1 (cp1252) bytes are C3 91
	rc.Generate(func(r []any) bool {
		if s, ok := r[col].(string); ok && strings.Contains(s, "Ñ") {
			withN++
		}
		if s, ok := r[col].(string); ok && strings.Contains(s, "Ã‘") {
			damaged++
		}
		return true
	})
	var stored, utf8Bytes int
	if err := db.QueryRow("SELECT COUNT(*) FROM RCNACIM WHERE INSTR(CAST(NOMCOMP AS BINARY), X'D1') > 0").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM RCNACIM WHERE INSTR(CAST(NOMCOMP AS BINARY), X'C391') > 0").Scan(&utf8Bytes); err != nil {
		t.Fatal(err)
	}
	if withN == 0 || stored != withN || utf8Bytes != damaged {
		t.Errorf("NOMCOMP: %d generated values hold Ñ and %d Ã‘; %d stored with byte D1, %d with bytes C3 91",
			withN, damaged, stored, utf8Bytes)
	}
	t.Logf("RCNACIM.NOMCOMP: %d values with Ñ, stored as latin1", withN)

	// Declared types.
	for _, c := range []struct{ table, column, want string }{
		{"RCNACIM", "CURP", "char(18)"},
		{"RCNACIM", "OFICIALIA", "bigint(20)"},
	} {
		var typ string
		if err := db.QueryRow(`SELECT COLUMN_TYPE FROM information_schema.COLUMNS
			WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`, c.table, c.column).Scan(&typ); err != nil {
			t.Fatal(err)
		}
		if typ != c.want && !(c.want == "bigint(20)" && typ == "bigint") { // MySQL 8.0.19+ drops display widths
			t.Errorf("%s.%s: %s, want %s", c.table, c.column, typ, c.want)
		}
	}

	// The tables exist now: a second load refuses rather than add to them.
	if err := c.WriteMySQL(context.Background(), u); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second load: %v, want an error saying the table exists", err)
	}
}

func TestMySQLTypes(t *testing.T) {
	for typ, want := range map[Type]string{
		Text: "TEXT", Char(18): "CHAR(18)", Varchar(60): "VARCHAR(60)", Integer: "BIGINT",
		Decimal(12, 2): "DECIMAL(12,2)", Date: "DATE", Timestamp: "DATETIME",
	} {
		if got := mysqlType(typ); got != want {
			t.Errorf("mysqlType(%+v) = %s, want %s", typ, got, want)
		}
	}
	tb := &Table{Name: "X`Y", Columns: []Column{{Name: "a b", Type: Char(2), Legacy: true}, {Name: "n", Type: Integer}}}
	want := "CREATE TABLE `X``Y` (\n  `a b` CHAR(2),\n  `n` BIGINT\n) ENGINE=InnoDB DEFAULT CHARSET=latin1"
	if got := mysqlCreateSQL(tb); got != want {
		t.Errorf("legacy table:\n%s\nwant\n%s", got, want)
	}
	tb.Columns[0].Legacy = false
	if got := mysqlCreateSQL(tb); !strings.HasSuffix(got, "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci") {
		t.Errorf("modern table: %s", got)
	}
	for _, bad := range []string{"postgres://u@h/db", "mysql://u:secret@h", "mysql://u:secret@h/", "mysql:///db"} {
		if _, err := mysqlLoadConfig(bad); err == nil || strings.Contains(err.Error(), "secret") {
			t.Errorf("mysqlLoadConfig(%q) = %v", bad, err)
		}
	}
}

// BenchmarkWriteMySQL measures the whole load of a 20,000-person corpus.
func BenchmarkWriteMySQL(b *testing.B) {
	c, err := Generate(Config{Seed: 1, Persons: 20000})
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		u := testdb.MySQL(b, "alcance_synth_my_bench")
		b.StartTimer()
		if err := c.WriteMySQL(context.Background(), u); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows), "rows")
}
