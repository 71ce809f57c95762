package postgres

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/jackc/pgx/v5"
)

// noAuto keeps autovacuum from analyzing a test table behind the test's
// back, which would change its row estimate.
const noAuto = " WITH (autovacuum_enabled = false)"

// ---- listing ----

func TestTables(t *testing.T) {
	u := newDB(t, "tables",
		"CREATE TABLE analizada (id int, v text)"+noAuto, fill("analizada", 5000), "ANALYZE analizada",
		"CREATE TABLE nueva (id int, v text)"+noAuto, fill("nueva", 300),
		"CREATE TABLE vacia (id int, v text)"+noAuto, "ANALYZE vacia",
		// Analyzed while empty, filled since: reltuples 0 is stale.
		"CREATE TABLE llenada (id int, v text)"+noAuto, "ANALYZE llenada", fill("llenada", 40),
		"CREATE SCHEMA ventas",
		// Partitioned, with a sub-partitioned partition; never analyzed.
		"CREATE TABLE ventas.part (id int, v text) PARTITION BY RANGE (id)",
		"CREATE TABLE ventas.part_a PARTITION OF ventas.part FOR VALUES FROM (1) TO (1001)"+noAuto,
		"CREATE TABLE ventas.part_b PARTITION OF ventas.part FOR VALUES FROM (1001) TO (100000) PARTITION BY RANGE (id)",
		"CREATE TABLE ventas.part_b1 PARTITION OF ventas.part_b FOR VALUES FROM (1001) TO (100000)"+noAuto,
		fill("ventas.part", 2500),
		// Partitioned and analyzed: its leaves' estimates add up.
		"CREATE TABLE ventas.part2 (id int, v text) PARTITION BY LIST ((id % 2))",
		"CREATE TABLE ventas.part2_par PARTITION OF ventas.part2 FOR VALUES IN (0)"+noAuto,
		"CREATE TABLE ventas.part2_non PARTITION OF ventas.part2 FOR VALUES IN (1)"+noAuto,
		fill("ventas.part2", 3000), "ANALYZE ventas.part2",
		// Old-style inheritance: parent and child are both tables.
		"CREATE TABLE padre (id int, v text)"+noAuto, fill("padre", 10),
		"CREATE TABLE hijo () INHERITS (padre)", "INSERT INTO hijo SELECT g, 'h' FROM generate_series(100, 119) g",
		"CREATE VIEW v_nueva AS SELECT id, v FROM nueva WHERE id <= 100",
		"CREATE MATERIALIZED VIEW mv AS SELECT id FROM nueva",
		// A foreign table is never listed (no FDW needed to declare one).
		"CREATE FOREIGN DATA WRAPPER alcance_dummy",
		"CREATE SERVER alcance_remoto FOREIGN DATA WRAPPER alcance_dummy",
		"CREATE FOREIGN TABLE remota (a int) SERVER alcance_remoto",
		"CREATE INDEX analizada_id ON analizada (id)", // CREATE INDEX sets reltuples too
		"CREATE SEQUENCE folios",
		"CREATE TYPE compuesto AS (a int, b text)",
	)
	names := func(tables []connectors.Table) []string {
		var out []string
		for _, tb := range tables {
			out = append(out, tb.QualifiedName())
		}
		return out
	}
	base := []string{"public.analizada", "public.hijo", "public.llenada", "public.nueva", "public.padre", "public.vacia", "ventas.part", "ventas.part2"}

	s := open(t, u)
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := names(tables); !slices.Equal(got, base) {
		t.Fatalf("tables = %q\nwant     %q", got, base)
	}
	want := map[string]connectors.RowCount{
		"public.hijo":    {Value: 20, Exact: true, Known: true},
		"public.llenada": {Value: 40, Exact: true, Known: true},
		"public.nueva":   {Value: 300, Exact: true, Known: true},
		"public.padre":   {Value: 10, Exact: true, Known: true}, // its own rows, not its child's
		"public.vacia":   {Value: 0, Exact: true, Known: true},
		"ventas.part":    {Value: 2500, Exact: true, Known: true},
	}
	for _, tb := range tables {
		rc := tb.Rows
		switch tb.QualifiedName() {
		case "public.analizada":
			// ANALYZE of a 5,000-row table reads all of it: the estimate is
			// right, but it is an estimate.
			if rc != (connectors.RowCount{Value: 5000, Known: true}) {
				t.Errorf("analizada: rows %+v, want an estimate of 5000", rc)
			}
		case "ventas.part2":
			if rc != (connectors.RowCount{Value: 3000, Known: true}) {
				t.Errorf("part2: rows %+v, want its leaves' estimates, 3000", rc)
			}
		default:
			if rc != want[tb.QualifiedName()] {
				t.Errorf("%s: rows %+v, want %+v", tb.QualifiedName(), rc, want[tb.QualifiedName()])
			}
		}
		if len(tb.Columns) != 2 || tb.Columns[0] != (connectors.Column{Name: "id", Type: "integer", Kind: connectors.KindInteger}) ||
			tb.Columns[1] != (connectors.Column{Name: "v", Type: "text", Kind: connectors.KindText}) {
			t.Errorf("%s: columns %+v", tb.QualifiedName(), tb.Columns)
		}
	}

	// The partitioned table is read once, through its root: every row of
	// every partition, sub-partitions included.
	part := table(t, s, "ventas", "part")
	if n, err := s.CountRows(context.Background(), part); n != 2500 || err != nil {
		t.Errorf("CountRows(part) = %d, %v", n, err)
	}
	smp, err := s.Sample(context.Background(), part, nil, 100)
	if err != nil || smp.Rows != 100 {
		t.Fatalf("Sample(part) = %+v, %v", smp, err)
	}
	distinct(t, column(t, smp, "id"))
	var inB int
	for _, id := range ints(t, column(t, smp, "id")) {
		if id > 1000 {
			inB++
		}
	}
	if inB < 35 || inB > 85 { // 60% of the rows are in part_b1: 60 expected, sd ~4.9
		t.Errorf("%d of 100 sampled rows from the sub-partition holding 60%% of the rows", inB)
	}
	var rows int
	if err := s.ReadColumns(context.Background(), part, nil, func([]string) error { rows++; return nil }); err != nil || rows != 2500 {
		t.Errorf("ReadColumns(part) = %d rows, %v", rows, err)
	}
	// An inheritance parent is read without its children (they are listed).
	padre := table(t, s, "public", "padre")
	if n, err := s.CountRows(context.Background(), padre); n != 10 || err != nil {
		t.Errorf("CountRows(padre) = %d, %v", n, err)
	}
	if smp, err := s.Sample(context.Background(), padre, nil, 100); err != nil || smp.Rows != 10 || !smp.Complete {
		t.Errorf("Sample(padre) = %+v, %v", smp, err)
	}

	// Views and materialized views only when asked for.
	sv := openURL(t, u, views())
	tables, err = sv.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	withViews := append(slices.Clone(base), "public.mv", "public.v_nueva")
	sort.Strings(withViews)
	if got := names(tables); !slices.Equal(got, withViews) {
		t.Fatalf("with views: tables = %q\nwant %q", got, withViews)
	}
	v := table(t, sv, "public", "v_nueva")
	if v.Rows.Known {
		t.Errorf("a view's rows %+v: want unknown", v.Rows)
	}
	if mv := table(t, sv, "public", "mv"); mv.Rows != (connectors.RowCount{Value: 300, Exact: true, Known: true}) {
		t.Errorf("mv rows %+v", mv.Rows)
	}
	smp, err = sv.Sample(context.Background(), v, nil, 1000)
	if err != nil || smp.Rows != 100 || !smp.Complete {
		t.Fatalf("Sample(view) = %+v, %v", smp, err)
	}
	smp, err = sv.Sample(context.Background(), v, nil, 10)
	if err != nil || smp.Rows != 10 || smp.Complete {
		t.Fatalf("Sample(view, 10) = %+v, %v", smp, err)
	}
	distinct(t, column(t, smp, "id"))
	if smp, err := sv.Sample(context.Background(), table(t, sv, "public", "mv"), nil, 50); err != nil || smp.Rows != 50 {
		t.Fatalf("Sample(mv) = %+v, %v", smp, err)
	}

	// A foreign table handed to Sample anyway is refused, with the reason.
	_, err = s.Sample(context.Background(), connectors.Table{Schema: "public", Name: "remota"}, nil, 10)
	if err == nil || !strings.Contains(err.Error(), `sampling table public."remota": a foreign table`) {
		t.Errorf("Sample(foreign) = %v", err)
	}
}

// A table with more rows than the bounded count reaches, never analyzed:
// its count is an estimate, not the bound.
func TestTablesBeyondCountBound(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 1.3 million rows")
	}
	u := newDB(t, "bound", "CREATE TABLE grande (id int)"+noAuto,
		"INSERT INTO grande SELECT g FROM generate_series(1, 1300000) g")
	s := open(t, u)
	tb := table(t, s, "public", "grande")
	if tb.Rows.Exact || !tb.Rows.Known || tb.Rows.Value < 1_000_001 || tb.Rows.Value > 1_700_000 {
		t.Fatalf("rows %+v, want an estimate near 1,300,000", tb.Rows)
	}
	smp, err := s.Sample(context.Background(), tb, nil, 500)
	if err != nil || smp.Rows != 500 {
		t.Fatalf("Sample = %+v, %v", smp, err)
	}
	distinct(t, column(t, smp, "id"))
}

// Hostile names, in a hostile schema: every statement quotes them.
func TestHostileNames(t *testing.T) {
	schema := `Sch "x" 'y' año`
	names := []string{`we"ird`, `it's`, `with space`, `select`, `user`, `año`, `MiXeD`, `"`}
	cols := []string{`col"q`, `it's`, `with space`, `select`, `user`, `año`, `MiXeD`}
	q := func(parts ...string) string { return pgx.Identifier(parts).Sanitize() }
	stmts := []string{"CREATE SCHEMA " + q(schema)}
	var defs []string
	for i, c := range cols {
		typ := "text"
		if i == 1 {
			typ = "integer"
		}
		defs = append(defs, q(c)+" "+typ)
	}
	for _, n := range names {
		stmts = append(stmts,
			"CREATE TABLE "+q(schema, n)+" ("+strings.Join(defs, ", ")+")",
			"INSERT INTO "+q(schema, n)+" VALUES ('a', 1, 'b', 'c', 'd', 'ñ', 'e'), ('f''g\"', 2, NULL, NULL, NULL, 'Ñ', NULL)")
	}
	s := open(t, newDB(t, "hostile", stmts...))
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		if tb.Schema != schema {
			t.Errorf("table %q in schema %q", tb.Name, tb.Schema)
		}
		got = append(got, tb.Name)
	}
	want := slices.Clone(names)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("tables = %q, want %q", got, want)
	}
	for _, tb := range tables {
		var gotCols []string
		for _, c := range tb.Columns {
			gotCols = append(gotCols, c.Name)
		}
		if !slices.Equal(gotCols, cols) || tb.Rows != (connectors.RowCount{Value: 2, Exact: true, Known: true}) {
			t.Errorf("table %q: columns %q rows %+v", tb.Name, gotCols, tb.Rows)
		}
		smp, err := s.Sample(context.Background(), tb, nil, 10)
		if err != nil {
			t.Fatalf("Sample(%q): %v", tb.Name, err)
		}
		v := column(t, smp, `col"q`)
		sort.Strings(v)
		if !smp.Complete || !slices.Equal(v, []string{"a", `f'g"`}) {
			t.Errorf("Sample(%q) = %+v", tb.Name, smp)
		}
		var rows []string
		err = s.ReadColumns(context.Background(), tb, tb.Columns[5:6], func(v []string) error {
			rows = append(rows, v[0])
			return nil
		})
		sort.Strings(rows)
		if err != nil || !slices.Equal(rows, []string{"Ñ", "ñ"}) {
			t.Errorf("ReadColumns(%q) = %q, %v", tb.Name, rows, err)
		}
		if n, err := s.CountRows(context.Background(), tb); n != 2 || err != nil {
			t.Errorf("CountRows(%q) = %d, %v", tb.Name, n, err)
		}
	}
	// Messages name the table as SQL would.
	_, err = s.Sample(context.Background(), connectors.Table{Schema: schema, Name: `no"pe`}, nil, 10)
	if err == nil || err.Error() != `sampling table "Sch ""x"" 'y' año"."no""pe": no such table` {
		t.Errorf("Sample(missing) = %v", err)
	}
	_, err = s.Sample(context.Background(), connectors.Table{Schema: schema, Name: "año", Columns: []connectors.Column{{Name: "gone"}}}, nil, 10)
	if err == nil || !strings.Contains(err.Error(), `column "gone" does not exist`) {
		t.Errorf("Sample(missing column) = %v", err)
	}
}

// ---- kinds ----

func TestResolve(t *testing.T) {
	const (
		text, varchar, bpchar, qchar, name, int2, int4, int8, oid = 25, 1043, 1042, 18, 19, 21, 23, 20, 26
		numeric, float4, float8, money, date, ts, tstz, boolean   = 1700, 700, 701, 790, 1082, 1114, 1184, 16
		json, jsonb, bytea, uuid, textArr, intArr                 = 114, 3802, 17, 2950, 1009, 1007
		citext, citextArr, enum, enumArr, dom, dom2, lo, domArr   = 9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008
		domDate, cycle, point                                     = 9009, 9010, 600
	)
	cat := func(n string) typeRow { return typeRow{name: n, schema: "pg_catalog", typtype: "b", category: "X"} }
	types := map[uint32]typeRow{
		text: cat("text"), varchar: cat("varchar"), bpchar: cat("bpchar"), qchar: cat("char"), name: cat("name"),
		int2: cat("int2"), int4: cat("int4"), int8: cat("int8"), oid: cat("oid"),
		numeric: cat("numeric"), float4: cat("float4"), float8: cat("float8"), money: cat("money"),
		date: cat("date"), ts: cat("timestamp"), tstz: cat("timestamptz"), boolean: cat("bool"),
		json: cat("json"), jsonb: cat("jsonb"), bytea: cat("bytea"), uuid: cat("uuid"), point: cat("point"),
		textArr:   {name: "_text", schema: "pg_catalog", typtype: "b", category: "A", elem: text},
		intArr:    {name: "_int4", schema: "pg_catalog", typtype: "b", category: "A", elem: int4},
		citext:    {name: "citext", schema: "public", typtype: "b", category: "S"},
		citextArr: {name: "_citext", schema: "public", typtype: "b", category: "A", elem: citext},
		enum:      {name: "mood", schema: "public", typtype: "e", category: "E"},
		enumArr:   {name: "_mood", schema: "public", typtype: "b", category: "A", elem: enum},
		dom:       {name: "curp_t", schema: "public", typtype: "d", category: "S", base: bpchar},
		dom2:      {name: "curp2", schema: "public", typtype: "d", category: "S", base: dom},
		lo:        {name: "lo", schema: "public", typtype: "d", category: "N", base: oid},
		domArr:    {name: "_curp_t", schema: "public", typtype: "b", category: "A", elem: dom},
		domDate:   {name: "fecha", schema: "public", typtype: "d", category: "D", base: date},
		cycle:     {name: "loop", schema: "public", typtype: "d", base: cycle},
	}
	cases := []struct {
		oid  uint32
		kind connectors.Kind
		read readMode
	}{
		{text, connectors.KindText, readText}, {varchar, connectors.KindText, readText},
		{bpchar, connectors.KindText, readText}, {qchar, connectors.KindText, readText}, {name, connectors.KindText, readText},
		{int2, connectors.KindInteger, readText}, {int4, connectors.KindInteger, readText}, {int8, connectors.KindInteger, readText},
		{numeric, connectors.KindDecimal, readText}, {float4, connectors.KindDecimal, readFloat4},
		{float8, connectors.KindDecimal, readFloat8}, {money, connectors.KindDecimal, readMoney},
		{date, connectors.KindDate, readDate}, {ts, connectors.KindTimestamp, readTimestamp},
		{tstz, connectors.KindTimestamp, readTimestamptz}, {boolean, connectors.KindBool, readBool},
		{json, connectors.KindJSON, readJSON}, {jsonb, connectors.KindJSON, readJSON},
		{bytea, connectors.KindBinary, readNone}, {oid, connectors.KindBinary, readNone}, {lo, connectors.KindBinary, readNone},
		{uuid, connectors.KindOther, readText}, {point, connectors.KindOther, readText},
		{textArr, connectors.KindText, readTextArray}, {citextArr, connectors.KindText, readTextArray},
		{enumArr, connectors.KindText, readTextArray}, {domArr, connectors.KindText, readTextArray},
		{intArr, connectors.KindOther, readText},
		{citext, connectors.KindText, readText}, {enum, connectors.KindText, readText},
		{dom, connectors.KindText, readText}, {dom2, connectors.KindText, readText},
		{domDate, connectors.KindDate, readDate},
		{cycle, connectors.KindOther, readText}, {12345, connectors.KindOther, readText},
	}
	for _, c := range cases {
		if k, r := resolve(types, c.oid, 0); k != c.kind || r != c.read {
			t.Errorf("resolve(%d %s) = %v, %d; want %v, %d", c.oid, types[c.oid].name, k, r, c.kind, c.read)
		}
	}
	// A type of that name outside pg_catalog is not the built-in one.
	types[9100] = typeRow{name: "date", schema: "public", typtype: "c", category: "C"}
	if k, _ := resolve(types, 9100, 0); k != connectors.KindOther {
		t.Errorf("a composite called date: %v", k)
	}
}

// hasExtension says whether the server can create an extension (contrib
// may be missing), creating it in u when it can.
func hasExtension(t *testing.T, u, ext string) bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS "+ext); err != nil {
		t.Logf("extension %s not available: %v", ext, err)
		return false
	}
	return true
}

func col(name, typ string, k connectors.Kind) connectors.Column {
	return connectors.Column{Name: name, Type: typ, Kind: k}
}

func TestKinds(t *testing.T) {
	u := newDB(t, "kinds",
		"CREATE TYPE mood AS ENUM ('triste', 'feliz')",
		"CREATE DOMAIN curp_t AS character(18)",
		"CREATE DOMAIN curp2 AS curp_t",
		"CREATE DOMAIN fecha AS date",
		`CREATE TABLE k (
			c_text text, c_varchar varchar(20), c_char char(18), c_qchar "char", c_name name,
			c_enum mood, c_dom curp_t, c_dom2 curp2, c_fecha fecha,
			c_int2 smallint, c_int4 integer, c_int8 bigint, c_serial serial,
			c_num numeric(12,2), c_real real, c_double double precision, c_money money,
			c_date date, c_ts timestamp, c_tstz timestamptz, c_bool boolean, c_json json, c_jsonb jsonb,
			c_textarr text[], c_vcarr varchar(10)[], c_enumarr mood[], c_intarr int[],
			c_bytea bytea, c_oid oid, c_uuid uuid, c_interval interval, c_time time
		)`)
	want := []connectors.Column{
		col("c_text", "text", connectors.KindText), col("c_varchar", "character varying(20)", connectors.KindText),
		col("c_char", "character(18)", connectors.KindText), col("c_qchar", `"char"`, connectors.KindText),
		col("c_name", "name", connectors.KindText), col("c_enum", "mood", connectors.KindText),
		col("c_dom", "curp_t", connectors.KindText), col("c_dom2", "curp2", connectors.KindText),
		col("c_fecha", "fecha", connectors.KindDate),
		col("c_int2", "smallint", connectors.KindInteger), col("c_int4", "integer", connectors.KindInteger),
		col("c_int8", "bigint", connectors.KindInteger), col("c_serial", "integer", connectors.KindInteger),
		col("c_num", "numeric(12,2)", connectors.KindDecimal), col("c_real", "real", connectors.KindDecimal),
		col("c_double", "double precision", connectors.KindDecimal), col("c_money", "money", connectors.KindDecimal),
		col("c_date", "date", connectors.KindDate), col("c_ts", "timestamp without time zone", connectors.KindTimestamp),
		col("c_tstz", "timestamp with time zone", connectors.KindTimestamp), col("c_bool", "boolean", connectors.KindBool),
		col("c_json", "json", connectors.KindJSON), col("c_jsonb", "jsonb", connectors.KindJSON),
		col("c_textarr", "text[]", connectors.KindText), col("c_vcarr", "character varying(10)[]", connectors.KindText),
		col("c_enumarr", "mood[]", connectors.KindText), col("c_intarr", "integer[]", connectors.KindOther),
		col("c_bytea", "bytea", connectors.KindBinary), col("c_oid", "oid", connectors.KindBinary),
		col("c_uuid", "uuid", connectors.KindOther), col("c_interval", "interval", connectors.KindOther),
		col("c_time", "time without time zone", connectors.KindOther),
	}
	if hasExtension(t, u, "citext") {
		run(t, u, "ALTER TABLE k ADD COLUMN c_citext citext, ADD COLUMN c_citextarr citext[]")
		want = append(want, col("c_citext", "citext", connectors.KindText),
			col("c_citextarr", "citext[]", connectors.KindText))
	}
	if hasExtension(t, u, "lo") {
		run(t, u, "ALTER TABLE k ADD COLUMN c_lo lo")
		want = append(want, col("c_lo", "lo", connectors.KindBinary))
	}
	run(t, u, "ALTER TABLE k DROP COLUMN c_time", "ALTER TABLE k ADD COLUMN c_after text") // a dropped column is not listed
	want = slices.DeleteFunc(want, func(c connectors.Column) bool { return c.Name == "c_time" })
	want = append(want, col("c_after", "text", connectors.KindText))
	s := open(t, u)
	if got := table(t, s, "public", "k").Columns; !slices.Equal(got, want) {
		t.Errorf("columns:\n got %v\nwant %v", got, want)
	}
}

// ---- values ----

func TestJSONText(t *testing.T) {
	cases := map[string]string{
		`{"nombre": "Peña", "curp": "GOMC800101HDFRRL09"}`: `{"nombre": "Peña", "curp": "GOMC800101HDFRRL09"}`,
		`"hola  "`:         "hola",
		`"\u00d1o\u00f1o"`: "Ñoño",
		`null`:             "",
		` {} `:             "",
		`[]`:               "",
		`12`:               "12",
		`{"a": "x"`:        `{"a": "x"`, // damaged: its text
	}
	for doc, want := range cases {
		if got := jsonText(doc); got != want {
			t.Errorf("jsonText(%s) = %q, want %q", doc, got, want)
		}
	}
}

func TestRendering(t *testing.T) {
	u := newDB(t, "values",
		"ALTER DATABASE alcance_pgconn_values SET timezone = 'America/Mexico_City'",
		"CREATE TYPE mood AS ENUM ('triste', 'feliz')",
		`CREATE TABLE v (k int, c_char char(10), c_text text, c_date date, c_ts timestamp, c_tstz timestamptz,
			c_num numeric, c_num2 numeric(12,2), c_float8 float8, c_float4 float4, c_money money, c_bool bool,
			c_json json, c_jsonb jsonb, c_textarr text[], c_chararr char(3)[], c_bytea bytea, c_enum mood,
			c_int8 bigint, c_uuid uuid)`,
		`INSERT INTO v VALUES (1, 'ABC', 'Peña  ', '1985-07-23', '2020-01-02 03:04:05', '1980-05-01 00:00:00-06',
			1e20, 12.5, 1e20, 1.1, '$1,234.56', true,
			'{"nombre": "Peña", "n": 5, "curp": "GOMC800101HDFRRL09", "x": [1, "a", {"b": "c"}], "t": true, "z": null}',
			'{"nombre": "Peña", "n": 5, "curp": "GOMC800101HDFRRL09", "x": [1, "a", {"b": "c"}], "t": true, "z": null}',
			'{{a,b},{c,NULL}}', '{ab,c}', '\x00ff', 'feliz', 9007199254740993, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')`,
		`INSERT INTO v (k) VALUES (2)`,
		`INSERT INTO v VALUES (3, '', 'Ñoño año', 'infinity', '2020-01-02 03:04:05.678', '2020-01-02 09:04:05+00',
			0.000001, -0.5, 0.1, -2.5e-7, '-$0.99', false, '"hola"', '["\u00d1"]', '{"Peña ", "", NULL}', '{}', '', 'triste', -5, NULL)`,
		`INSERT INTO v VALUES (4, 'x         ', '', '0044-03-15', '2021-03-04 00:00:00', '-infinity',
			'NaN', 0, 'Infinity', 'NaN', 0, NULL, 'null', '{}', NULL, NULL, NULL, NULL, 0, NULL)`)
	want := map[string][]string{ // by k
		"c_char":   {"ABC", "", "", "x"},
		"c_text":   {"Peña", "", "Ñoño año", ""},
		"c_date":   {"1985-07-23", "", "infinity", "0044-03-15"},
		"c_ts":     {"2020-01-02 03:04:05", "", "2020-01-02 03:04:05", "2021-03-04"},
		"c_tstz":   {"1980-05-01", "", "2020-01-02 03:04:05", "-infinity"}, // the wall clock in Mexico City
		"c_num":    {"100000000000000000000", "", "0.000001", "NaN"},
		"c_num2":   {"12.50", "", "-0.50", "0.00"},
		"c_float8": {"100000000000000000000", "", "0.1", "Infinity"},
		"c_float4": {"1.1", "", "-0.00000025", "NaN"},
		"c_money":  {"1234.56", "", "-0.99", "0.00"},
		"c_bool":   {"1", "", "0", ""},
		"c_json": {`{"nombre": "Peña", "n": 5, "curp": "GOMC800101HDFRRL09", "x": [1, "a", {"b": "c"}], "t": true, "z": null}`,
			"", "hola", ""},
		// jsonb stores a normalised document: keys ordered shorter first.
		"c_jsonb":   {`{"n": 5, "t": true, "x": [1, "a", {"b": "c"}], "z": null, "curp": "GOMC800101HDFRRL09", "nombre": "Peña"}`, "", `["Ñ"]`, ""},
		"c_textarr": {"a b c", "", "Peña", ""},
		"c_chararr": {"ab c", "", "", ""},
		"c_bytea":   {"", "", "", ""}, // never read
		"c_enum":    {"feliz", "", "triste", ""},
		"c_int8":    {"9007199254740993", "", "-5", "0"},
		"c_uuid":    {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "", "", ""},
	}
	s := open(t, u)
	tb := table(t, s, "public", "v")
	check := func(how string, byK map[string][]string) {
		t.Helper()
		for col, w := range want {
			if !slices.Equal(byK[col], w) {
				t.Errorf("%s: %s = %q, want %q", how, col, byK[col], w)
			}
		}
	}
	smp, err := s.Sample(context.Background(), tb, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !smp.Complete || smp.Rows != 4 {
		t.Fatalf("sample of a 4-row table: %d rows, complete %v", smp.Rows, smp.Complete)
	}
	keys := ints(t, column(t, smp, "k"))
	byK := map[string][]string{}
	for name := range want {
		vals := column(t, smp, name)
		ordered := make([]string, 4)
		for r, k := range keys {
			ordered[k-1] = vals[r]
		}
		byK[name] = ordered
	}
	check("Sample", byK)

	byK = map[string][]string{}
	var ks []string
	err = s.ReadColumns(context.Background(), tb, nil, func(v []string) error {
		ks = append(ks, v[0])
		for i, c := range tb.Columns {
			byK[c.Name] = append(byK[c.Name], v[i])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ks, []string{"1", "2", "3", "4"}) {
		t.Fatalf("ReadColumns order %q", ks) // storage order is k order here
	}
	check("ReadColumns", byK)

	// The bytea column is left out of the SELECT list, not read and dropped.
	err = s.readTx(context.Background(), func(tx pgx.Tx) error {
		rel, err := s.lookup(context.Background(), tx, tb, true)
		if err != nil {
			return err
		}
		rp, err := rel.plan(tb, nil, 100)
		if strings.Contains(rp.list, `"c_bytea"`) || !strings.Contains(rp.list, `"c_uuid"::text, 4097)`) {
			t.Errorf("SELECT list %q: want c_uuid and not c_bytea", rp.list)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A SQL_ASCII database (common in legacy systems) hands back Latin-1 bytes
// as they were stored; they are read as Windows-1252.
func TestLegacyEncoding(t *testing.T) {
	admin := testdb.PostgresAdmin(t)
	const name = "alcance_pgconn_sqlascii"
	drop := "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
	run(t, admin, drop, "CREATE DATABASE "+name+" ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, admin); err == nil {
			conn.Exec(ctx, drop)
			conn.Close(ctx)
		}
	})
	p, _ := url.Parse(admin)
	p.Path = "/" + name
	u := p.String()
	run(t, u, `CREATE TABLE p (nombre char(12), arr text[])`,
		`INSERT INTO p VALUES (E'MU\xd1OZ', ARRAY[E'PE\xd1A', E'A\xf1O'])`)
	s := open(t, u)
	smp, err := s.Sample(context.Background(), table(t, s, "public", "p"), nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := column(t, smp, "nombre"); !slices.Equal(got, []string{"MUÑOZ"}) {
		t.Errorf("nombre = %q, want MUÑOZ", got)
	}
	if got := column(t, smp, "arr"); !slices.Equal(got, []string{"PEÑA AñO"}) {
		t.Errorf("arr = %q", got)
	}
}

// ---- keys ----

// Declared keys come back with the listing: in key order and constraint
// order (not the referenced table's column order), named as declared,
// across schemas, with self-references, and once for a key that involves
// partitioned tables (PostgreSQL also stores a copy per partition).
func TestKeys(t *testing.T) {
	schema := `Sch "x" 'y' año`
	q := func(parts ...string) string { return pgx.Identifier(parts).Sanitize() }
	par, ch := `pa"dre año`, `hi jo's`
	u := newDB(t, "keys",
		"CREATE SCHEMA "+q(schema),
		"CREATE TABLE "+q(schema, par)+" ("+q(`b "x"`)+" text, "+q("Año")+" int, extra text, PRIMARY KEY ("+q("Año")+", "+q(`b "x"`)+"))",
		"CREATE TABLE "+q(ch)+" (id int PRIMARY KEY, "+q("a ñ")+" int, "+q(`b'`)+" text, padre int REFERENCES "+q(ch)+", "+
			"CONSTRAINT z_compuesta FOREIGN KEY ("+q(`b'`)+", "+q("a ñ")+") REFERENCES "+q(schema, par)+" ("+q(`b "x"`)+", "+q("Año")+"))",
		"CREATE TABLE sinclave (a text)",
		"CREATE TABLE ventas (id int, region text, PRIMARY KEY (region, id)) PARTITION BY LIST (region)",
		"CREATE TABLE ventas_n PARTITION OF ventas FOR VALUES IN ('N')",
		"CREATE TABLE ventas_s PARTITION OF ventas FOR VALUES IN ('S')",
		"CREATE TABLE pagos (folio int PRIMARY KEY, region text, venta int, FOREIGN KEY (region, venta) REFERENCES ventas)",
		"CREATE TABLE lineas (region text, venta int, n int, FOREIGN KEY (region, venta) REFERENCES ventas) PARTITION BY LIST (region)",
		"CREATE TABLE lineas_n PARTITION OF lineas FOR VALUES IN ('N')",
		"CREATE VIEW v AS SELECT * FROM pagos",
	)
	s := openURL(t, u, views())
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fk := func(cols []string, schema, table string, ref []string) connectors.ForeignKey {
		return connectors.ForeignKey{Columns: cols, RefSchema: schema, RefTable: table, RefColumns: ref}
	}
	type keys struct {
		pk  []string
		fks []connectors.ForeignKey
	}
	want := map[string]keys{
		schema + "." + par: {pk: []string{"Año", `b "x"`}},
		"public." + ch: {pk: []string{"id"}, fks: []connectors.ForeignKey{
			fk([]string{"padre"}, "public", ch, []string{"id"}), // hi jo's_padre_fkey sorts first
			fk([]string{`b'`, "a ñ"}, schema, par, []string{`b "x"`, "Año"}),
		}},
		"public.sinclave": {},
		"public.ventas":   {pk: []string{"region", "id"}},
		"public.pagos":    {pk: []string{"folio"}, fks: []connectors.ForeignKey{fk([]string{"region", "venta"}, "public", "ventas", []string{"region", "id"})}},
		"public.lineas":   {fks: []connectors.ForeignKey{fk([]string{"region", "venta"}, "public", "ventas", []string{"region", "id"})}},
		"public.v":        {},
	}
	if len(tables) != len(want) {
		t.Errorf("%d tables listed, want %d", len(tables), len(want))
	}
	for _, tb := range tables {
		w, ok := want[tb.QualifiedName()]
		if !ok {
			t.Errorf("unexpected table %s", tb.QualifiedName())
			continue
		}
		if !slices.Equal(tb.PrimaryKey, w.pk) {
			t.Errorf("%s: primary key %q, want %q", tb.QualifiedName(), tb.PrimaryKey, w.pk)
		}
		if !reflect.DeepEqual(tb.ForeignKeys, w.fks) {
			t.Errorf("%s: foreign keys\n%+v\nwant\n%+v", tb.QualifiedName(), tb.ForeignKeys, w.fks)
		}
	}
}

// A user who may not read the catalog of constraints still gets the
// listing, without keys.
func TestKeysDenied(t *testing.T) {
	const db, user = "alcance_pgconn_keysdenied", "alcance_pgconn_keys"
	admin := newDB(t, "keysdenied",
		"CREATE TABLE p (id int PRIMARY KEY)", "CREATE TABLE c (id int REFERENCES p)",
		"REVOKE SELECT ON pg_catalog.pg_constraint FROM PUBLIC")
	role(t, admin, user, "LOGIN")
	run(t, admin, "GRANT SELECT ON p, c TO "+user)
	t.Cleanup(func() { run(t, testdb.PostgresAdmin(t), "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)") })

	for _, who := range []string{"", user} {
		u := admin
		if who != "" {
			u = withUser(t, admin, who, "")
		}
		tables, err := open(t, u).Tables(context.Background())
		if err != nil {
			t.Fatalf("%q: %v", who, err)
		}
		if len(tables) != 2 || len(tables[0].Columns) != 1 || !tables[1].Rows.Known {
			t.Fatalf("%q: tables %+v", who, tables)
		}
		withKeys := tables[0].ForeignKeys != nil && tables[1].PrimaryKey != nil
		if withKeys != (who == "") {
			t.Errorf("%q: keys %+v, %+v; want them only for the superuser", who, tables[0], tables[1])
		}
	}
}

// The keys query leaves out the per-partition copies of a key only where
// the catalog has the column that marks them (PostgreSQL 11 and later).
func TestKeysSQL(t *testing.T) {
	for major, copies := range map[int]bool{0: false, 9: false, 10: false, 11: true, 17: true} {
		q := keysSQL(major)
		if got := strings.Contains(q, "conparentid = 0"); got != copies {
			t.Errorf("keysSQL(%d) leaves copies out: %v, want %v", major, got, copies)
		}
		for _, want := range []string{"conrelid = ANY($1::oid[])", "contype IN ('p', 'f')", "WITH ORDINALITY", "ORDER BY c.conrelid, c.contype, c.conname"} {
			if !strings.Contains(q, want) {
				t.Errorf("keysSQL(%d) lacks %q", major, want)
			}
		}
	}
}
