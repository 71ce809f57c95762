package files

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
)

// open scans dir (or a file) as a source and lists its tables by name.
func open(t *testing.T, path string) (*source, map[string]connectors.Table) {
	t.Helper()
	spec, ok, err := opener{}.Parse(path)
	if err != nil || !ok {
		t.Fatalf("Parse(%q) = %v, %v", path, ok, err)
	}
	src, err := opener{}.Open(context.Background(), spec, connectors.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	s := src.(*source)
	seed := uint64(1)
	s.seed = &seed
	ts, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]connectors.Table{}
	for _, tb := range ts {
		out[tb.Name] = tb
	}
	return s, out
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// sample reads every row (n large) and returns them row-major.
func sample(t *testing.T, s *source, tb connectors.Table) ([][]string, *connectors.Sample) {
	t.Helper()
	sm, err := s.Sample(context.Background(), tb, nil, 1000)
	if err != nil {
		t.Fatalf("Sample(%s): %v", tb.Name, err)
	}
	rows := make([][]string, sm.Rows)
	for r := range rows {
		for c := range sm.Columns {
			rows[r] = append(rows[r], sm.Values[c][r])
		}
	}
	return rows, sm
}

func colNames(tb connectors.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		out = append(out, c.Name)
	}
	return out
}

func TestParse(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		arg  string
		ok   bool
		name string
	}{
		{"padron.csv", true, "padron"},
		{"padron.CSV.gz", true, "padron"},
		{"dump.sql.gz", true, "dump"},
		{"x.xlsx", true, "x"},
		{"PACIENTE.DBF", true, "PACIENTE"},
		{"export.zip", true, "export"},
		{"legacy.db", false, ""}, // the sqlite connector's
		{"legacy.sqlite3", false, ""},
		{"postgres://h/db", false, ""},
		{"notes.pdf", false, ""},
		{dir, true, filepath.Base(dir)},
	} {
		spec, ok, err := opener{}.Parse(tc.arg)
		if err != nil || ok != tc.ok || ok && spec.Name != tc.name {
			t.Errorf("Parse(%q) = %+v, %v, %v; want ok %v name %q", tc.arg, spec, ok, err, tc.ok, tc.name)
		}
	}
}

func TestCSVDialects(t *testing.T) {
	dir := t.TempDir()
	cp1252, _ := charmap.Windows1252.NewEncoder().String("curp;nombre;municipio\nPEGJ800101HDFRRN03;JOSÉ NUÑEZ;ACUÑA\n")
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "curp\tnombre\r\nPEGJ800101HDFRRN03\tJOSÉ\r\n" {
		utf16 = binary.LittleEndian.AppendUint16(utf16, uint16(r))
	}
	write(t, dir, "a.csv", []byte(cp1252))
	write(t, dir, "b.tsv", utf16)
	write(t, dir, "c.csv.gz", gz([]byte("\xEF\xBB\xBFcurp|nombre\nPEGJ800101HDFRRN03|\"PEREZ | JUAN\"\n")))
	write(t, dir, "d.txt", []byte("PEGJ800101HDFRRN03\nLOMM750312MJCPRR04\n"))
	write(t, dir, "e.csv", []byte("REPORTE MENSUAL,,\n,,\nid,nombre,fecha\n1,JUAN,1980-01-01\n2,ANA,1990-08-25\n"))
	s, ts := open(t, dir)
	for _, tc := range []struct {
		table string
		cols  []string
		rows  [][]string
	}{
		{"a.csv", []string{"curp", "nombre", "municipio"}, [][]string{{"PEGJ800101HDFRRN03", "JOSÉ NUÑEZ", "ACUÑA"}}},
		{"b.tsv", []string{"curp", "nombre"}, [][]string{{"PEGJ800101HDFRRN03", "JOSÉ"}}},
		{"c.csv.gz", []string{"curp", "nombre"}, [][]string{{"PEGJ800101HDFRRN03", "PEREZ | JUAN"}}},
		{"d.txt", []string{"col1"}, [][]string{{"PEGJ800101HDFRRN03"}, {"LOMM750312MJCPRR04"}}},
		{"e.csv", []string{"id", "nombre", "fecha"}, [][]string{{"1", "JUAN", "1980-01-01"}, {"2", "ANA", "1990-08-25"}}},
	} {
		tb, ok := ts[tc.table]
		if !ok {
			t.Errorf("no table %s in %v", tc.table, ts)
			continue
		}
		if got := colNames(tb); !reflect.DeepEqual(got, tc.cols) {
			t.Errorf("%s: columns %q, want %q", tc.table, got, tc.cols)
		}
		rows, sm := sample(t, s, tb)
		if !reflect.DeepEqual(rows, tc.rows) {
			t.Errorf("%s: rows %q, want %q", tc.table, rows, tc.rows)
		}
		if !sm.Complete || sm.Counted != int64(len(tc.rows)) {
			t.Errorf("%s: Complete %v Counted %d", tc.table, sm.Complete, sm.Counted)
		}
	}
	// Kinds are inferred from the values of untyped columns.
	_, sm := sample(t, s, ts["e.csv"])
	if k := []connectors.Kind{sm.Columns[0].Kind, sm.Columns[1].Kind, sm.Columns[2].Kind}; !reflect.DeepEqual(k,
		[]connectors.Kind{connectors.KindInteger, connectors.KindText, connectors.KindDate}) {
		t.Errorf("inferred kinds %v", k)
	}
}

func TestHeaderDetection(t *testing.T) {
	for _, tc := range []struct {
		rows          string
		header, start int
	}{
		{"curp,nombre\nPEGJ800101HDFRRN03,JUAN\nLOMM750312MJCPRR04,MARIA", 0, 1},
		// Data first: a CURP is not a column's name, and the first row
		// must not become one.
		{"PEGJ800101HDFRRN03,JUAN PEREZ\nLOMM750312MJCPRR04,MARIA LOPEZ", -1, 0},
		{"JUAN,PEREZ,GARCIA\nMARIA,LOPEZ,MARTINEZ\nANA,NUÑEZ,PARRA", -1, 0},
		{"nombre,apellido_paterno\nJUAN,PEREZ\nMARIA,LOPEZ", 0, 1},
		{"C01,C02,C03\n1,PEGJ800101HDFRRN03,5512345678\n2,LOMM750312MJCPRR04,3398765432", 0, 1},
		{"PADRON 2019,,\n,,\nid,curp,monto\n1,PEGJ800101HDFRRN03,100.5", 2, 3},
		{"1,2,3\n4,5,6", -1, 0},
	} {
		var rows [][]string
		for _, l := range strings.Split(tc.rows, "\n") {
			rows = append(rows, strings.Split(l, ","))
		}
		h, s := findHeader(rows)
		if h != tc.header || s != tc.start {
			t.Errorf("findHeader(%q) = %d, %d; want %d, %d", tc.rows, h, s, tc.header, tc.start)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2,5;3\n", ';'},
		{"a\tb\n1\t2\n", '\t'},
		{"a|b\n\"x|y\"|2\n", '|'},
		{"solo una columna\notra linea\n", 0},
	} {
		if got := sniffDelimiter([]byte(tc.text), false); got != tc.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestLegacyCodePages(t *testing.T) {
	text := "JOSÉ NUÑEZ PEÑA, CALLE ÁLAMO, SAN JUAN DE LOS LAGOS; NIÑO; MUÑOZ"
	b850, _ := charmap.CodePage850.NewEncoder().String(text)
	b1252, _ := charmap.Windows1252.NewEncoder().String(text)
	if cm := guessLegacy([]byte(b850)); cm != charmap.CodePage850 {
		t.Errorf("CP850 text guessed as %v", cm)
	}
	if cm := guessLegacy([]byte(b1252)); cm != charmap.Windows1252 {
		t.Errorf("Windows-1252 text guessed as %v", cm)
	}
	// Per value: UTF-8 stays, other bytes are the file's code page, and a
	// read that meets both warns.
	d := newDecoder(&table{legacy: charmap.CodePage850})
	if got := d.value(0, b850); got != text {
		t.Errorf("legacy value %q", got)
	}
	if got := d.value(0, "MUÑOZ  "); got != "MUÑOZ" {
		t.Errorf("UTF-8 value %q", got)
	}
	if len(d.warnings()) != 1 {
		t.Errorf("warnings %q", d.warnings())
	}
	long := strings.Repeat("Ñ", connectors.MaxValueBytes)
	if got := d.value(0, long); len(got) > connectors.MaxValueBytes || !strings.HasPrefix(long, got) {
		t.Errorf("a long value is cut to %d bytes, at a character boundary", len(got))
	}
}

func TestRaggedRowsWarn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "r.csv", []byte("a,b,c\n1,2,3\n4,5\n6,7,8,9\n"))
	s, ts := open(t, dir)
	rows, _ := sample(t, s, ts["r.csv"])
	want := [][]string{{"1", "2", "3"}, {"4", "5", ""}, {"6", "7", "8"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q", rows)
	}
	if w := s.ReadWarnings(); len(w) != 2 || !strings.HasPrefix(w[0], "r.csv: ") {
		t.Errorf("warnings %q", w)
	}
}

func TestJSONShapes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.jsonl", []byte(`{"curp":"X1","dom":{"calle":"REFORMA 1","cp":"06600"},"tels":["55","33"]}`+"\n"+`{"curp":"X2","extra":true,"n":1.5}`+"\n"))
	write(t, dir, "b.json", []byte(`{"total":2,"data":[{"a":1},{"a":2,"b":null}],"meta":{"x":1}}`))
	write(t, dir, "c.json", []byte(`[{"a":"x"},"y"]`))
	write(t, dir, "d.json", []byte(`{"curp":"X3","nombre":"ANA"}`))
	s, ts := open(t, dir)
	for _, tc := range []struct {
		table string
		cols  []string
		rows  [][]string
	}{
		{"a.jsonl", []string{"curp", "dom.calle", "dom.cp", "tels", "extra", "n"},
			[][]string{{"X1", "REFORMA 1", "06600", `["55","33"]`, "", ""}, {"X2", "", "", "", "true", "1.5"}}},
		{"b.json/data", []string{"a", "b"}, [][]string{{"1", ""}, {"2", ""}}},
		{"c.json", []string{"a", "value"}, [][]string{{"x", ""}, {"", "y"}}},
		{"d.json", []string{"curp", "nombre"}, [][]string{{"X3", "ANA"}}},
	} {
		tb, ok := ts[tc.table]
		if !ok {
			t.Errorf("no table %s in %v", tc.table, ts)
			continue
		}
		if got := colNames(tb); !reflect.DeepEqual(got, tc.cols) {
			t.Errorf("%s: columns %q, want %q", tc.table, got, tc.cols)
		}
		if rows, _ := sample(t, s, tb); !reflect.DeepEqual(rows, tc.rows) {
			t.Errorf("%s: rows %q, want %q", tc.table, rows, tc.rows)
		}
	}
}

func TestDumpCatalog(t *testing.T) {
	s, ts := open(t, "../../testdata/files/dumps")
	p := ts["legacy_mysqldump.sql/personas"]
	if !reflect.DeepEqual(p.PrimaryKey, []string{"id"}) || p.Rows != (connectors.RowCount{Value: 4, Exact: true, Known: true}) {
		t.Errorf("personas: pk %v rows %+v", p.PrimaryKey, p.Rows)
	}
	if p.Columns[1].Type != "char(18)" || p.Columns[5].Kind != connectors.KindBinary || p.Columns[3].Kind != connectors.KindDate {
		t.Errorf("personas columns %+v", p.Columns)
	}
	c := ts["legacy_mysqldump.sql/consultas"]
	wantFK := []connectors.ForeignKey{{Columns: []string{"id_persona"}, RefTable: "legacy_mysqldump.sql/personas", RefColumns: []string{"id"}}}
	if !reflect.DeepEqual(c.ForeignKeys, wantFK) {
		t.Errorf("consultas foreign keys %+v", c.ForeignKeys)
	}
	n := ts["expediente_pg_dump.sql/notas"]
	wantFK = []connectors.ForeignKey{{Columns: []string{"paciente_id"}, RefTable: "expediente_pg_dump.sql/pacientes", RefColumns: []string{"id"}}}
	if !reflect.DeepEqual(n.ForeignKeys, wantFK) || !reflect.DeepEqual(n.PrimaryKey, []string{"id"}) {
		t.Errorf("notas keys %v %+v", n.PrimaryKey, n.ForeignKeys)
	}
	rows, _ := sample(t, s, p)
	// The blob column is not read: "" as in every connector.
	want := []string{"1", "SAMO850605MOCNRL00", "OLGA SÁNCHEZ MORENO", "1985-06-05", "CALLE O'HIGGINS 12, COL. CENTRO", ""}
	if !reflect.DeepEqual(rows[0], want) {
		t.Errorf("personas row 1 %q", rows[0])
	}
	if rows[1][4] != `AV. REFORMA 1500 "B", COL. JUÁREZ` || rows[2][4] != "PRIV. LAS ROSAS 7;\nCOL. SAN FELIPE" {
		t.Errorf("escapes: %q, %q", rows[1][4], rows[2][4])
	}
	rows, _ = sample(t, s, ts["expediente_pg_dump.sql/pacientes"])
	if rows[0][6] != "2024-02-01 10:00:00" || rows[2][6] != "2024-02-03" || rows[1][5] != "" {
		t.Errorf("pacientes %q", rows)
	}
	rows, _ = sample(t, s, ts["expediente_pg_dump.sql/notas"])
	if rows[0][2] != "Control de diabetes.\tSin cambios." || rows[1][2] != "Asma; usa inhalador\nrevisar en 3 meses" {
		t.Errorf("COPY escapes %q", rows)
	}
	// Only the mysql consultas table's rows, read from its own segment.
	rows, _ = sample(t, s, c)
	if len(rows) != 3 || rows[2][3] != "J45.0" || rows[0][2] != "2023-02-01 09:30:00" || rows[1][2] != "2023-05-17" {
		t.Errorf("consultas %q", rows)
	}
}

func TestDumpDialects(t *testing.T) {
	for _, tc := range []struct {
		head string
		want dialect
		err  string
	}{
		{"-- MySQL dump 10.13\n", dialectMySQL, ""},
		{"-- MariaDB dump 10.19\n", dialectMySQL, ""},
		{"--\n-- PostgreSQL database dump\n--\n", dialectPostgres, ""},
		{"PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t(a);\n", dialectStandard, ""},
		{"SET ANSI_NULLS ON\nGO\nINSERT [dbo].[t] VALUES (1)\n", 0, "SQL Server"},
		{"SET DEFINE OFF;\nInsert into T (A) values (to_date('01/01/80','DD/MM/RR'));\n", 0, "Oracle"},
		{"hola mundo\n", 0, "not a SQL dump"},
	} {
		d, err := detectDialect([]byte(tc.head))
		if d != tc.want || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("detectDialect(%q) = %v, %v", tc.head, d, err)
		}
	}
}

func TestStandardDump(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "s.sql", []byte("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE \"p\" (id INTEGER PRIMARY KEY, curp TEXT, foto BLOB);\n"+
		"INSERT INTO \"p\" VALUES(1,'PEGJ800101HDFRRN03',X'FFD8');\nINSERT INTO p VALUES(2,'O''HIGGINS',NULL);\nCOMMIT;\n"))
	s, ts := open(t, dir)
	p := ts["s.sql/p"]
	if !reflect.DeepEqual(p.PrimaryKey, []string{"id"}) {
		t.Errorf("pk %v", p.PrimaryKey)
	}
	rows, _ := sample(t, s, p)
	if len(rows) != 2 || rows[1][1] != "O'HIGGINS" {
		t.Errorf("rows %q", rows)
	}
}

func TestBrokenFilesAreTableErrors(t *testing.T) {
	s, ts := open(t, "../../testdata/files/broken")
	for name, want := range map[string]string{
		"unclosed_quote.csv":       "never closed",
		"binary.csv":               "binary data",
		"datos.json":               "truncated",
		"truncated_dump.sql/pagos": "truncated",
		"oracle_export.sql":        "Oracle",
	} {
		tb, ok := ts[name]
		if !ok {
			t.Errorf("no table %s", name)
			continue
		}
		if _, err := s.Sample(context.Background(), tb, nil, 10); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one about %q", name, err, want)
		}
	}
}

func TestTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	full := gz([]byte(strings.Repeat("PEGJ800101HDFRRN03,JUAN PEREZ\n", 5000)))
	write(t, dir, "cut.csv.gz", full[:len(full)/2])
	s, ts := open(t, dir)
	if _, err := s.Sample(context.Background(), ts["cut.csv.gz"], nil, 10); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("error %v, want truncated", err)
	}
}

func TestSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x.pdf", []byte("%PDF-1.4"))
	write(t, dir, "dump.backup", []byte("PGDMP\x01\x0e"))
	write(t, dir, "sub/t.FPT", []byte("memo"))
	write(t, dir, "z.dbf", []byte("too short"))
	s, ts := open(t, dir)
	got := map[string]string{}
	for _, sk := range s.Skipped() {
		got[sk.Path] = sk.Reason
	}
	for path, want := range map[string]string{"x.pdf": ".pdf", "dump.backup": "pg_restore", "sub/t.FPT": "without its .dbf"} {
		if !strings.Contains(got[path], want) {
			t.Errorf("skipped %s: %q, want %q", path, got[path], want)
		}
	}
	if _, ok := ts["z.dbf"]; !ok {
		t.Errorf("a damaged .dbf is a table whose read fails, not a skipped file")
	}
}

func TestDBFValues(t *testing.T) {
	f := func(typ byte, n int) dbfField { return dbfField{typ: typ, len: n} }
	le32 := func(v int32) string { b := binary.LittleEndian.AppendUint32(nil, uint32(v)); return string(b) }
	for _, tc := range []struct {
		f    dbfField
		raw  string
		want string
	}{
		{f('C', 10), "JUAN      ", "JUAN"},
		{f('N', 8), "   12.50", "12.50"},
		{f('N', 5), "*****", ""},
		{f('D', 8), "19800101", "1980-01-01"},
		{f('D', 8), "        ", ""},
		{f('L', 1), "T", "1"},
		{f('L', 1), "?", ""},
		{f('I', 4), le32(-42), "-42"},
		{f('T', 8), le32(2444240) + le32(0), "1980-01-01"},
		{f('T', 8), le32(2444240) + le32(3600000*13+60000*5), "1980-01-01 13:05:00"},
		{f('Y', 8), string(binary.LittleEndian.AppendUint64(nil, 123456)), "12.3456"},
	} {
		got, err := dbfValue(tc.f, tc.raw, &memoFile{missing: true})
		if err != nil || got != tc.want {
			t.Errorf("dbfValue(%c, %q) = %q, %v; want %q", tc.f.typ, tc.raw, got, err, tc.want)
		}
	}
}

func TestDBFWithMemo(t *testing.T) {
	s, ts := open(t, "../../testdata/files/foxpro")
	tb := ts["PACIENTE.DBF"]
	rows, sm := sample(t, s, tb)
	if len(rows) != 6 || sm.Counted != 6 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[2][2] != "NUÑEZ" || rows[0][4] != "1980-01-01" || rows[0][5] != "DIABETES MELLITUS TIPO 2 (E11.9), EN CONTROL" || rows[1][5] != "" {
		t.Errorf("rows %q", rows)
	}
	if len(s.Skipped()) != 0 {
		t.Errorf("the memo file is read with its table, not skipped: %v", s.Skipped())
	}
}

func TestXLSX(t *testing.T) {
	s, ts := open(t, "../../testdata/files/libro.xlsx")
	tb := ts["libro.xlsx/contactos"]
	rows, _ := sample(t, s, tb)
	if len(rows) != 6 || rows[0][3] != "2023-01-10 09:30:00" || rows[0][2] != "55 1234 5678" {
		t.Errorf("rows %q", rows)
	}
	for _, tc := range []struct {
		code string
		date bool
	}{{"dd/mm/yyyy", true}, {"[$-409]d-mmm-yy", true}, {"hh:mm:ss", false}, {`"Día" 0`, false}, {"0.00", false}, {"[Red]#,##0", false}} {
		if isDateFormat(tc.code) != tc.date {
			t.Errorf("isDateFormat(%q) = %v", tc.code, !tc.date)
		}
	}
	if got := excelDate(23101, false); got != "1963-03-31" {
		t.Errorf("serial 23101 = %s", got)
	}
	if got := excelDate(0.5+29221, false); got != "1980-01-01 12:00:00" {
		t.Errorf("serial 29221.5 = %s", got)
	}
}

func TestSQLiteInFolder(t *testing.T) {
	// The test binary registers the sqlite connector (the external tests
	// import it): a SQLite file found in the folder is read through it.
	dir := t.TempDir()
	b, err := os.ReadFile("../../testdata/files/legacy.db")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "legacy.db", b)
	s, ts := open(t, dir)
	tb, ok := ts["legacy.db/PACIENTE"]
	if !ok || tb.Rows.Value != 6 {
		t.Fatalf("tables %v", ts)
	}
	rows, _ := sample(t, s, tb)
	if len(rows) != 6 || rows[2][2] != "NUÑEZ" {
		t.Errorf("rows %q", rows)
	}
	var n int
	err = s.ReadColumns(context.Background(), tb, tb.Columns[:1], func([]string) error { n++; return nil })
	if err != nil || n != 6 {
		t.Errorf("ReadColumns: %d rows, %v", n, err)
	}
}

func TestReservoirIsUniform(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("n\n")
	const rows = 2000
	for i := 0; i < rows; i++ {
		b.WriteString("r" + strings.Repeat("x", i%7) + "\n")
	}
	write(t, dir, "u.csv", []byte(b.String()))
	s, ts := open(t, dir)
	tb := ts["u.csv"]
	seen := map[int]int{}
	for k := 0; k < 200; k++ {
		seed := uint64(k)
		s.seed = &seed
		sm, err := s.Sample(context.Background(), tb, nil, 100)
		if err != nil {
			t.Fatal(err)
		}
		if sm.Rows != 100 || sm.Complete || sm.Counted != rows {
			t.Fatalf("rows %d complete %v counted %d", sm.Rows, sm.Complete, sm.Counted)
		}
		for _, v := range sm.Values[0] {
			seen[len(v)-1]++
		}
	}
	// Each length is 1/7 of the rows: 20000 draws give about 2857 each.
	for l := 0; l < 7; l++ {
		if seen[l] < 2500 || seen[l] > 3200 {
			t.Errorf("length %d drawn %d times of 20000", l, seen[l])
		}
	}
	if n, err := s.CountRows(context.Background(), tb); err != nil || n != rows {
		t.Errorf("CountRows = %d, %v", n, err)
	}
}
