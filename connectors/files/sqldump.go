package files

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
)

// SQL dumps, read without a database.
//
// Two dialects are read as their tools write them, and the standard one
// their output shares with sqlite3's .dump:
//   - mysqldump / mariadb-dump: backquoted names, strings with backslash
//     escapes, extended INSERTs (many rows per statement), INSERT with a
//     column list (--complete-insert), REPLACE and INSERT IGNORE, LOCK
//     TABLES, /*!NNNNN ... */ comments, _binary and other introducers,
//     0x hex literals (--hex-blob), DELIMITER blocks of triggers and
//     routines, USE of several databases (--databases);
//   - pg_dump plain format: COPY ... FROM stdin blocks (tab-separated, \N
//     for NULL, backslash escapes), INSERTs (--inserts, --column-inserts,
//     --rows-per-insert), E'' strings, dollar-quoted function bodies,
//     nested comments, psql meta-commands (\connect, \restrict), primary and
//     foreign keys added by ALTER TABLE after the data, client_encoding;
//   - standard SQL: '' strings, "names", [names], X'' blobs.
// A dump is recognised by its header comments and statements; a file that
// is none of these (a SQL Server or Oracle script, a binary file named
// .sql) is an error that says which it looks like.
//
// Each table is a table of the report, named after the dump
// (dump.sql/personas, or dump.sql/schema.personas when the dump holds more
// than one schema or database), with its columns' declared types and its
// declared primary and foreign keys. A table with rows but no CREATE
// TABLE (a data-only dump) gets its columns from the first statement that
// inserts into it.
//
// Tables reads the whole dump once, without building values: it learns the
// catalog, counts every table's rows, and notes where each table's rows
// are (runs of statements, by byte offset). Sample and ReadColumns then
// read only those runs: on a plain file they seek to them; in a compressed
// file they decompress up to them without parsing. A dump that ends in the
// middle of a statement gives the table being read an error; the tables
// before it are read as usual.

// dumpTable is what the listing pass learns of one table.
type dumpTable struct {
	schema, name string
	cols         []connectors.Column
	pk           []string
	fks          []dumpFK
	rows         int64
	segs         []segment
	err          error
	created      bool
}

type dumpFK struct {
	cols           []string
	refSchema, ref string
	refCols        []string
}

// segment is a run of statements that insert rows into one table:
// [start, end) in the uncompressed dump.
type segment struct{ start, end int64 }

// dumpState is a dump's catalog, as the listing pass builds it.
type dumpState struct {
	d       dialect
	tables  map[string]*dumpTable
	order   []*dumpTable
	db      string // mysql USE
	schemas map[string]bool
	legacy  *charmap.Charmap
	last    *dumpTable // the table of the last statement that inserted rows
	// failedIn is the table whose rows were being read when the listing
	// failed, or nil when it failed elsewhere.
	failedIn *dumpTable
}

func (s *dumpState) key(schema, name string) string { return schema + "\x00" + name }

func (s *dumpState) get(schema, name string) *dumpTable {
	if schema == "" && s.d == dialectMySQL {
		schema = s.db
	}
	if schema == "" && s.d == dialectPostgres {
		schema = "public"
	}
	k := s.key(schema, name)
	t := s.tables[k]
	if t == nil {
		t = &dumpTable{schema: schema, name: name}
		s.tables[k] = t
		s.order = append(s.order, t)
		s.schemas[schema] = true
	}
	return t
}

// detectDialect reads a dump's first bytes and says which dialect it is
// in, or why it cannot be read.
func detectDialect(head []byte) (dialect, error) {
	h := string(head)
	up := strings.ToUpper(h)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(up, s) {
				return true
			}
		}
		return false
	}
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return dialectStandard, nil // empty: no tables
	case has("-- MYSQL DUMP", "-- MARIADB DUMP", "/*!40101", "/*M!", "LOCK TABLES `", "ENGINE=INNODB", "ENGINE=MYISAM"):
		return dialectMySQL, nil
	case has("-- POSTGRESQL DATABASE DUMP", "PG_CATALOG.", ") FROM STDIN;", "SET STANDARD_CONFORMING_STRINGS", "SET CLIENT_ENCODING"):
		return dialectPostgres, nil
	case has("SET ANSI_NULLS", "SET QUOTED_IDENTIFIER", "SET IDENTITY_INSERT", "[DBO].", "\nGO\n", "\nGO\r\n"):
		return 0, errors.New("a SQL Server script: not a dump dialect alcance reads (mysqldump, pg_dump plain format, sqlite3 .dump); scan the database itself (sqlserver://...)")
	case has("TO_DATE(", "SET DEFINE OFF", "\nREM ", "PROMPT "):
		return 0, errors.New("an Oracle script: not a dump dialect alcance reads (mysqldump, pg_dump plain format, sqlite3 .dump)")
	case strings.Contains(h, "`"):
		return dialectMySQL, nil
	case has("CREATE TABLE", "INSERT INTO", "BEGIN TRANSACTION", "PRAGMA "):
		return dialectStandard, nil
	}
	return 0, errors.New("not a SQL dump alcance recognises: no CREATE TABLE or INSERT INTO near the start, and no mysqldump or pg_dump header")
}

// listDump reads a dump once and lists its tables.
func listDump(ctx context.Context, e *entry) []*table {
	rc, err := e.open()
	if err != nil {
		return []*table{failed(e.rel, err)}
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 256<<10)
	head, _ := br.Peek(sniffBytes)
	if err := checkBinary(head); err != nil {
		return []*table{failed(e.rel, err)}
	}
	d, err := detectDialect(head)
	if err != nil {
		return []*table{failed(e.rel, err)}
	}
	st := &dumpState{d: d, tables: map[string]*dumpTable{}, schemas: map[string]bool{}}
	lx := newLexer(br, d)
	lx.skipValues = true
	listErr := readDump(ctx, lx, st, nil)
	if listErr != nil && errors.Is(listErr, ctx.Err()) {
		return []*table{failed(e.rel, listErr)}
	}
	if listErr != nil && len(st.order) == 0 {
		return []*table{failed(e.rel, fmt.Errorf("line %d: %w", lx.line+1, listErr))}
	}
	var rest *table
	if listErr != nil {
		err := fmt.Errorf("line %d: %w", lx.line+1, listErr)
		if st.failedIn != nil {
			st.failedIn.err = err // its rows may be incomplete
		} else {
			// The tables before are whole; what follows could not be read.
			rest = failed(e.rel, fmt.Errorf("the rest of the dump could not be read: %w", err))
		}
	}
	qualify := len(st.schemas) > 1
	nameOf := func(schema, name string) string {
		if qualify && schema != "" {
			return e.rel + "/" + schema + "." + name
		}
		return e.rel + "/" + name
	}
	var out []*table
	for _, dt := range st.order {
		t := &table{name: nameOf(dt.schema, dt.name), cols: dt.cols, pk: dt.pk, err: dt.err, legacy: st.legacy, untyped: !dt.created}
		if dt.err == nil {
			t.rows = connectors.RowCount{Value: dt.rows, Exact: true, Known: true}
		}
		for _, fk := range dt.fks {
			rs := fk.refSchema
			if rs == "" {
				rs = dt.schema
			}
			t.fks = append(t.fks, connectors.ForeignKey{Columns: fk.cols, RefTable: nameOf(rs, fk.ref), RefColumns: fk.refCols})
		}
		if len(t.cols) == 0 && t.err == nil {
			t.cols = []connectors.Column{{Name: "col1", Type: "", Kind: connectors.KindText}}
		}
		t.convert = dumpConvert(t.cols)
		dt := dt
		t.stream = func(ctx context.Context, need []int, fn func([]string) error) ([]string, error) {
			return streamDump(ctx, e, d, st, dt, len(t.cols), fn)
		}
		out = append(out, t)
	}
	if rest != nil {
		out = append(out, rest)
	}
	return out
}

// sink receives the rows of the table being read, when not nil.
type sink struct {
	want *dumpTable
	ncol int
	row  []string
	fn   func([]string) error
	// mismatched counts rows whose number of values is not the table's.
	mismatched int64
}

// streamDump reads the segments of one table, handing its rows to fn.
func streamDump(ctx context.Context, e *entry, d dialect, st *dumpState, dt *dumpTable, ncol int, fn func([]string) error) ([]string, error) {
	if dt.err != nil {
		return nil, dt.err
	}
	rc, err := e.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var seekable io.ReadSeeker
	if f, ok := rc.(*os.File); ok {
		seekable = f
	}
	sk := &sink{want: dt, ncol: ncol, row: make([]string, ncol), fn: fn}
	var pos int64
	for _, seg := range dt.segs {
		if seekable != nil {
			if _, err := seekable.Seek(seg.start, io.SeekStart); err != nil {
				return nil, err
			}
		} else if _, err := io.CopyN(io.Discard, rc, seg.start-pos); err != nil {
			return nil, fmt.Errorf("reaching the rows of %s: %w", dt.name, err)
		}
		pos = seg.end
		lx := newLexer(io.LimitReader(rc, seg.end-seg.start), d)
		if err := readDump(ctx, lx, st, sk); err != nil {
			return nil, err
		}
	}
	var ws []string
	if sk.mismatched > 0 {
		ws = append(ws, fmt.Sprintf("%d rows have a number of values different from the table's %d columns", sk.mismatched, ncol))
	}
	return ws, nil
}

// readDump reads statements to the end of lx. Without a sink it builds
// the catalog in st; with one, it hands the rows of sk.want to sk.fn.
func readDump(ctx context.Context, lx *lexer, st *dumpState, sk *sink) error {
	for n := 0; ; n++ {
		if n&255 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// Leading space and comments are not part of the statement, so a
		// segment starts at its first word.
		if err := lx.skipSpace(true); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		start := lx.off
		t, err := lx.token(true)
		if err != nil {
			return err
		}
		if t.kind == tkEOF {
			return nil
		}
		if t.kind == tkEnd {
			continue
		}
		var dt *dumpTable
		switch {
		case t.is("INSERT") || t.is("REPLACE"):
			dt, err = readInsert(lx, st, sk)
		case t.is("COPY"):
			dt, err = readCopy(lx, st, sk)
		case sk != nil:
			err = lx.skipStatement()
		case t.is("CREATE"):
			err = readCreate(lx, st)
		case t.is("ALTER"):
			err = readAlter(lx, st)
		case t.is("USE") && st.d == dialectMySQL:
			var toks []token
			if toks, err = lx.statement(nil); err == nil && len(toks) > 0 {
				st.db = toks[0].text
			}
		case t.is("SET"):
			var toks []token
			if toks, err = lx.statement(nil); err == nil {
				readSet(toks, st)
			}
		default:
			if t.kind != tkWord {
				return fmt.Errorf("unexpected %q where a statement should start: not SQL, or a dialect alcance does not read", t.text)
			}
			err = lx.skipStatement()
		}
		if err != nil {
			st.failedIn = dt
			return err
		}
		if sk != nil {
			continue
		}
		if dt == nil {
			if !(t.is("SET") || t.is("LOCK") || t.is("UNLOCK")) {
				st.last = nil // a statement between runs of rows ends a run
			}
			continue
		}
		if st.last == dt && len(dt.segs) > 0 {
			dt.segs[len(dt.segs)-1].end = lx.off
		} else {
			dt.segs = append(dt.segs, segment{start, lx.off})
		}
		st.last = dt
	}
}

// readSet notes a pg_dump's client_encoding.
func readSet(toks []token, st *dumpState) {
	if len(toks) >= 3 && toks[0].is("client_encoding") {
		switch strings.ToUpper(strings.ReplaceAll(toks[2].text, "_", "")) {
		case "LATIN1", "ISO88591":
			st.legacy = charmap.Windows1252
		case "WIN1252":
			st.legacy = charmap.Windows1252
		case "LATIN9", "ISO885915":
			st.legacy = charmap.ISO8859_15
		case "WIN1250":
			st.legacy = charmap.Windows1250
		}
	}
}

// qname reads a possibly qualified name: a, s.a, `db`.`a`, "s"."a".
func qname(lx *lexer, first token) (schema, name string, err error) {
	parts := []string{identText(first, lx.d)}
	for {
		t, err := lx.next()
		if err != nil {
			return "", "", err
		}
		if !t.punct(".") {
			lx.unread(t)
			break
		}
		p, err := lx.next()
		if err != nil {
			return "", "", err
		}
		parts = append(parts, identText(p, lx.d))
	}
	if len(parts) == 1 {
		return "", parts[0], nil
	}
	return parts[len(parts)-2], parts[len(parts)-1], nil
}

// identText is an identifier as the database knows it: PostgreSQL folds
// unquoted names to lower case.
func identText(t token, d dialect) string {
	if t.kind == tkWord && d == dialectPostgres {
		return strings.ToLower(t.text)
	}
	return t.text
}

// columnList reads ( a, b, c ) after its opening parenthesis was read.
func columnList(lx *lexer) ([]string, error) {
	var out []string
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.punct(")"):
			return out, nil
		case t.punct(","):
		case t.kind == tkWord || t.kind == tkIdent:
			out = append(out, identText(t, lx.d))
		case t.kind == tkEOF || t.kind == tkEnd:
			return nil, errTruncated
		}
	}
}

// readInsert reads INSERT [IGNORE] INTO name [(cols)] VALUES (...), ...;
func readInsert(lx *lexer, st *dumpState, sk *sink) (*dumpTable, error) {
	var t token
	var err error
	for {
		if t, err = lx.next(); err != nil {
			return nil, err
		}
		if t.kind != tkWord || !(t.is("INTO") || t.is("IGNORE") || t.is("LOW_PRIORITY") || t.is("DELAYED") || t.is("HIGH_PRIORITY") || t.is("OR")) {
			break
		}
		if t.is("OR") { // INSERT OR REPLACE (sqlite)
			lx.next()
		}
	}
	schema, name, err := qname(lx, t)
	if err != nil {
		return nil, err
	}
	var dt *dumpTable
	if sk == nil {
		dt = st.get(schema, name)
	} else {
		dt = sk.want
	}
	var cols []string
	t, err = lx.next()
	if err != nil {
		return dt, err
	}
	if t.punct("(") {
		if cols, err = columnList(lx); err != nil {
			return dt, err
		}
		if t, err = lx.next(); err != nil {
			return dt, err
		}
	}
	if !(t.is("VALUES") || t.is("VALUE")) {
		// INSERT ... SELECT, or DEFAULT VALUES: no literal rows.
		return dt, lx.skipStatement()
	}
	var pos []int // where each value goes, for a column list
	if sk != nil && cols != nil {
		pos = positions(dt.cols, cols)
	}
	var vals []string
	for {
		t, err := lx.next()
		if err != nil {
			return dt, err
		}
		if t.kind == tkEnd {
			return dt, nil
		}
		if t.kind == tkEOF {
			return dt, errTruncated
		}
		if t.punct(",") {
			continue
		}
		if t.is("ON") { // ON DUPLICATE KEY UPDATE ..., ON CONFLICT ...
			return dt, lx.skipStatement()
		}
		if !t.punct("(") {
			return dt, fmt.Errorf("unexpected %q in the VALUES of an INSERT into %s", t.text, name)
		}
		if vals, err = tuple(lx, vals[:0]); err != nil {
			return dt, err
		}
		if sk == nil {
			dt.rows++
			if len(dt.cols) == 0 {
				dt.cols = inferColumns(cols, len(vals))
			}
			continue
		}
		if err := sk.emit(vals, pos); err != nil {
			return dt, err
		}
	}
}

// tuple reads the values of ( ... ) after its opening parenthesis. A value
// that is not a literal (a function call, a cast) is kept as its text.
func tuple(lx *lexer, vals []string) ([]string, error) {
	var expr []string
	depth := 0
	flush := func() {
		vals = append(vals, strings.Join(expr, ""))
		expr = expr[:0]
	}
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tkEOF || t.kind == tkEnd:
			return nil, errTruncated
		case depth == 0 && t.punct(")"):
			flush()
			return vals, nil
		case depth == 0 && t.punct(","):
			flush()
		case t.punct("("):
			depth++
			expr = append(expr, "(")
		case t.punct(")"):
			depth--
			expr = append(expr, ")")
		case t.is("NULL") && len(expr) == 0:
			// "" is NULL in a Sample; the next token ends the value.
		case t.punct("::"):
			// A cast ('2020-01-01'::date): the value is what precedes it.
			if _, err := lx.next(); err != nil {
				return nil, err
			}
		case t.kind == tkWord && (strings.EqualFold(t.text, "TRUE") || strings.EqualFold(t.text, "FALSE")) && len(expr) == 0:
			if strings.EqualFold(t.text, "TRUE") {
				expr = append(expr, "1")
			} else {
				expr = append(expr, "0")
			}
		default:
			expr = append(expr, t.text)
		}
	}
}

// positions maps a statement's column list onto the table's columns.
func positions(cols []connectors.Column, list []string) []int {
	idx := map[string]int{}
	for i, c := range cols {
		idx[strings.ToLower(c.Name)] = i
	}
	out := make([]int, len(list))
	for i, n := range list {
		j, ok := idx[strings.ToLower(n)]
		if !ok {
			j = -1
		}
		out[i] = j
	}
	return out
}

// emit hands one row to the sink, placing its values by the statement's
// column list when it has one.
func (sk *sink) emit(vals []string, pos []int) error {
	switch {
	case pos != nil:
		clear(sk.row)
		for i, v := range vals {
			if i < len(pos) && pos[i] >= 0 {
				sk.row[pos[i]] = v
			}
		}
		if len(vals) != len(pos) {
			sk.mismatched++
		}
	case len(vals) == sk.ncol:
		return sk.fn(vals)
	default:
		sk.mismatched++
		clear(sk.row)
		copy(sk.row, vals)
	}
	return sk.fn(sk.row)
}

// inferColumns names the columns of a table whose CREATE TABLE the dump
// does not hold.
func inferColumns(list []string, n int) []connectors.Column {
	if list != nil {
		return textColumns(uniqueNames(list), "")
	}
	names := make([]string, n)
	return textColumns(uniqueNames(names), "")
}

// readCopy reads COPY name (cols) FROM stdin; and its data lines.
func readCopy(lx *lexer, st *dumpState, sk *sink) (*dumpTable, error) {
	t, err := lx.next()
	if err != nil {
		return nil, err
	}
	schema, name, err := qname(lx, t)
	if err != nil {
		return nil, err
	}
	var cols []string
	if t, err = lx.next(); err != nil {
		return nil, err
	}
	if t.punct("(") {
		if cols, err = columnList(lx); err != nil {
			return nil, err
		}
		t, err = lx.next()
		if err != nil {
			return nil, err
		}
	}
	fromStdin := false
	if t.is("FROM") {
		if t2, err := lx.next(); err == nil && t2.is("stdin") {
			fromStdin = true
		}
	}
	// The rest of the statement: WITH options, then ';'.
	if err := lx.skipStatement(); err != nil {
		return nil, err
	}
	if !fromStdin {
		return nil, nil // COPY ... TO, or from a server file: no rows here
	}
	// The data starts on the next line.
	if err := lx.skipLine(); err != nil && err != io.EOF {
		return nil, err
	}
	var dt *dumpTable
	if sk == nil {
		dt = st.get(schema, name)
		if len(dt.cols) == 0 && cols != nil {
			dt.cols = inferColumns(cols, len(cols))
		}
	} else {
		dt = sk.want
	}
	var pos []int
	if sk != nil && cols != nil {
		pos = positions(dt.cols, cols)
	}
	var vals []string
	for {
		line, err := lx.r.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) {
			var more []byte
			more, err = lx.r.ReadSlice('\n')
			line = append(append([]byte(nil), line...), more...)
			if len(line) > maxRecordBytes {
				return dt, errRecordTooLong
			}
		}
		lx.off += int64(len(line))
		if err != nil && err != io.EOF {
			return dt, err
		}
		if bytes.HasSuffix(line, []byte("\n")) {
			lx.line++
		}
		trimmed := bytes.TrimRight(line, "\r\n")
		if bytes.Equal(trimmed, []byte(`\.`)) {
			return dt, nil
		}
		if err == io.EOF && len(line) == 0 {
			return dt, errors.New("the dump ends inside the COPY data of " + name + ": the file is truncated")
		}
		if sk == nil {
			dt.rows++
			if len(dt.cols) == 0 {
				dt.cols = inferColumns(nil, bytes.Count(trimmed, []byte{'\t'})+1)
			}
		} else {
			vals = copyFields(trimmed, vals[:0])
			if err := sk.emit(vals, pos); err != nil {
				return dt, err
			}
		}
		if err == io.EOF {
			return dt, errors.New("the dump ends inside the COPY data of " + name + ": the file is truncated")
		}
	}
}

// copyFields splits a COPY text line on tabs and undoes its escapes; \N
// (NULL) becomes "".
func copyFields(line []byte, out []string) []string {
	for {
		i := bytes.IndexByte(line, '\t')
		f := line
		if i >= 0 {
			f = line[:i]
		}
		switch {
		case len(f) == 2 && f[0] == '\\' && f[1] == 'N':
			out = append(out, "")
		case bytes.IndexByte(f, '\\') < 0:
			out = append(out, string(f))
		default:
			out = append(out, copyUnescape(f))
		}
		if i < 0 {
			return out
		}
		line = line[i+1:]
	}
}

func copyUnescape(f []byte) string {
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '\\' || i+1 == len(f) {
			b = append(b, c)
			continue
		}
		i++
		switch e := f[i]; e {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'v':
			b = append(b, '\v')
		case 'x':
			v, n := 0, 0
			for n < 2 && i+1 < len(f) && hexVal(f[i+1]) >= 0 {
				i++
				n++
				v = v*16 + hexVal(f[i])
			}
			if n == 0 {
				b = append(b, 'x')
			} else {
				b = append(b, byte(v))
			}
		default:
			if e >= '0' && e <= '7' {
				v := int(e - '0')
				for k := 0; k < 2 && i+1 < len(f) && f[i+1] >= '0' && f[i+1] <= '7'; k++ {
					i++
					v = v*8 + int(f[i]-'0')
				}
				b = append(b, byte(v))
			} else {
				b = append(b, e)
			}
		}
	}
	return string(b)
}

// readCreate reads CREATE TABLE; other CREATE statements are skipped.
func readCreate(lx *lexer, st *dumpState) error {
	var t token
	var err error
	for {
		if t, err = lx.next(); err != nil {
			return err
		}
		if t.kind != tkWord || t.is("TABLE") {
			break
		}
		switch {
		case t.is("TEMPORARY"), t.is("TEMP"), t.is("UNLOGGED"), t.is("GLOBAL"), t.is("LOCAL"), t.is("OR"), t.is("REPLACE"):
			continue
		}
		return lx.skipStatement() // a view, index, function, sequence, database...
	}
	if !t.is("TABLE") {
		return lx.skipStatement()
	}
	toks, err := lx.statement(nil)
	if err != nil {
		return err
	}
	// IF NOT EXISTS name ( ... ) options
	i := 0
	if i+2 < len(toks) && toks[i].is("IF") && toks[i+1].is("NOT") && toks[i+2].is("EXISTS") {
		i += 3
	}
	if i >= len(toks) {
		return nil
	}
	parts := []string{identText(toks[i], st.d)}
	i++
	for i+1 < len(toks) && toks[i].punct(".") {
		parts = append(parts, identText(toks[i+1], st.d))
		i += 2
	}
	schema, name := "", parts[len(parts)-1]
	if len(parts) > 1 {
		schema = parts[len(parts)-2]
	}
	dt := st.get(schema, name)
	if i >= len(toks) || !toks[i].punct("(") {
		return nil // CREATE TABLE ... AS SELECT, PARTITION OF: columns come with the rows
	}
	elems := splitTop(toks[i+1:])
	var cols []connectors.Column
	for _, el := range elems {
		if len(el) == 0 {
			continue
		}
		switch {
		case el[0].is("CONSTRAINT") && len(el) > 2:
			tableConstraint(el[2:], dt, st.d)
		case el[0].is("PRIMARY") || el[0].is("FOREIGN"):
			tableConstraint(el, dt, st.d)
		case el[0].is("UNIQUE") || el[0].is("KEY") || el[0].is("INDEX") || el[0].is("FULLTEXT") ||
			el[0].is("SPATIAL") || el[0].is("CHECK") || el[0].is("EXCLUDE") || el[0].is("LIKE") || el[0].is("PERIOD"):
		default:
			c, pk, fk := columnDef(el, st.d)
			cols = append(cols, c)
			if pk {
				dt.pk = []string{c.Name}
			}
			if fk != nil {
				dt.fks = append(dt.fks, *fk)
			}
		}
	}
	if len(cols) > 0 {
		dt.cols = cols
		dt.created = true
	}
	return nil
}

// splitTop splits the tokens of ( ... ) at its top-level commas, up to its
// closing parenthesis.
func splitTop(toks []token) [][]token {
	var out [][]token
	var cur []token
	depth := 0
	for _, t := range toks {
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			if depth == 0 {
				return append(out, cur)
			}
			depth--
		case t.punct(",") && depth == 0:
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	return append(out, cur)
}

// columnConstraint words end a column's type.
var columnConstraint = map[string]bool{
	"NOT": true, "NULL": true, "DEFAULT": true, "PRIMARY": true, "REFERENCES": true, "CHARACTER": true,
	"CHARSET": true, "COLLATE": true, "AUTO_INCREMENT": true, "COMMENT": true, "UNIQUE": true, "CHECK": true,
	"GENERATED": true, "CONSTRAINT": true, "ON": true, "AS": true, "STORED": true, "VIRTUAL": true,
	"INVISIBLE": true, "VISIBLE": true, "IDENTITY": true, "AUTOINCREMENT": true, "KEY": true,
	"COLUMN_FORMAT": true, "STORAGE": true, "SRID": true,
}

// columnDef reads name type [constraints].
func columnDef(el []token, d dialect) (c connectors.Column, pk bool, fk *dumpFK) {
	c.Name = identText(el[0], d)
	i := 1
	var typ strings.Builder
	depth := 0
	for ; i < len(el); i++ {
		t := el[i]
		if depth == 0 && t.kind == tkWord && columnConstraint[strings.ToUpper(t.text)] {
			// CHARACTER VARYING and CHARACTER(n) are types, not CHARACTER SET.
			if t.is("CHARACTER") && !(i+1 < len(el) && el[i+1].is("SET")) {
				goto typeToken
			}
			break
		}
	typeToken:
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
		}
		text := t.text
		if t.kind == tkString {
			text = "'" + strings.ReplaceAll(t.text, "'", "''") + "'"
		}
		if typ.Len() > 0 && !t.punct("(") && !t.punct(")") && !t.punct(",") && !t.punct("[") && !t.punct("]") && !strings.HasSuffix(typ.String(), "(") && !strings.HasSuffix(typ.String(), ",") {
			typ.WriteByte(' ')
		}
		typ.WriteString(text)
	}
	c.Type = typ.String()
	c.Kind = dumpKind(c.Type)
	for ; i < len(el); i++ {
		switch {
		case el[i].is("PRIMARY"):
			pk = true
		case el[i].is("REFERENCES") && i+1 < len(el):
			f := references(el[i+1:], d)
			f.cols = []string{c.Name}
			fk = &f
		}
	}
	return c, pk, fk
}

// references reads name [(cols)] after REFERENCES.
func references(el []token, d dialect) dumpFK {
	var f dumpFK
	parts := []string{identText(el[0], d)}
	i := 1
	for i+1 < len(el) && el[i].punct(".") {
		parts = append(parts, identText(el[i+1], d))
		i += 2
	}
	f.ref = parts[len(parts)-1]
	if len(parts) > 1 {
		f.refSchema = parts[len(parts)-2]
	}
	if i < len(el) && el[i].punct("(") {
		f.refCols = identList(el[i+1:], d)
	}
	return f
}

// identList reads names up to a closing parenthesis.
func identList(el []token, d dialect) []string {
	var out []string
	for _, t := range el {
		if t.punct(")") {
			break
		}
		if t.kind == tkWord || t.kind == tkIdent {
			out = append(out, identText(t, d))
		}
	}
	return out
}

// tableConstraint reads PRIMARY KEY (cols) or FOREIGN KEY (cols)
// REFERENCES t (cols).
func tableConstraint(el []token, dt *dumpTable, d dialect) {
	if len(el) < 3 {
		return
	}
	open := func(from int) int {
		for i := from; i < len(el); i++ {
			if el[i].punct("(") {
				return i
			}
		}
		return -1
	}
	switch {
	case el[0].is("PRIMARY"):
		if i := open(1); i >= 0 {
			dt.pk = identList(el[i+1:], d)
		}
	case el[0].is("FOREIGN"):
		i := open(1)
		if i < 0 {
			return
		}
		cols := identList(el[i+1:], d)
		for j := i; j < len(el); j++ {
			if el[j].is("REFERENCES") && j+1 < len(el) {
				f := references(el[j+1:], d)
				f.cols = cols
				dt.fks = append(dt.fks, f)
				return
			}
		}
	}
}

// readAlter reads ALTER TABLE [ONLY] [IF EXISTS] name ADD [CONSTRAINT c]
// PRIMARY KEY / FOREIGN KEY ..., as pg_dump writes keys after the data.
func readAlter(lx *lexer, st *dumpState) error {
	toks, err := lx.statement(nil)
	if err != nil {
		return err
	}
	if len(toks) < 2 || !toks[0].is("TABLE") {
		return nil
	}
	i := 1
	for i < len(toks) && (toks[i].is("ONLY") || toks[i].is("IF") || toks[i].is("EXISTS")) {
		i++
	}
	if i >= len(toks) {
		return nil
	}
	parts := []string{identText(toks[i], st.d)}
	i++
	for i+1 < len(toks) && toks[i].punct(".") {
		parts = append(parts, identText(toks[i+1], st.d))
		i += 2
	}
	schema, name := "", parts[len(parts)-1]
	if len(parts) > 1 {
		schema = parts[len(parts)-2]
	}
	var dt *dumpTable
	for _, action := range splitTop(append(toks[i:], token{kind: tkPunct, text: ")"})) {
		if len(action) < 2 || !action[0].is("ADD") {
			continue
		}
		a := action[1:]
		if a[0].is("CONSTRAINT") && len(a) > 2 {
			a = a[2:]
		}
		if a[0].is("PRIMARY") || a[0].is("FOREIGN") {
			if dt == nil {
				dt = st.get(schema, name)
			}
			tableConstraint(a, dt, st.d)
		}
	}
	return nil
}

// dumpKind maps a declared MySQL or PostgreSQL type to a Kind.
func dumpKind(typ string) connectors.Kind {
	t := strings.ToLower(typ)
	if i := strings.IndexAny(t, "( "); i >= 0 && !strings.HasPrefix(t, "double precision") &&
		!strings.HasPrefix(t, "character varying") && !strings.HasPrefix(t, "timestamp") && !strings.HasPrefix(t, "time ") && !strings.HasPrefix(t, "bit varying") {
		t = t[:i]
	}
	if strings.HasSuffix(t, "[]") {
		return connectors.KindText // a PostgreSQL array: {a,b} text
	}
	switch {
	case t == "":
		return connectors.KindText
	case strings.HasPrefix(t, "timestamp"), t == "datetime", t == "smalldatetime", t == "datetime2":
		return connectors.KindTimestamp
	case strings.HasPrefix(t, "character varying"), strings.HasPrefix(t, "bit varying"):
		if strings.HasPrefix(t, "bit") {
			return connectors.KindOther
		}
		return connectors.KindText
	case strings.HasPrefix(t, "double precision"):
		return connectors.KindDecimal
	}
	switch t {
	case "char", "character", "varchar", "nchar", "nvarchar", "tinytext", "text", "mediumtext", "longtext",
		"enum", "set", "citext", "string", "clob", "varchar2", "name", "bpchar", "uuid":
		return connectors.KindText
	case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "int2", "int4", "int8",
		"serial", "bigserial", "smallserial", "year":
		return connectors.KindInteger
	case "decimal", "numeric", "float", "double", "real", "float4", "float8", "money", "number":
		return connectors.KindDecimal
	case "date":
		return connectors.KindDate
	case "json", "jsonb":
		return connectors.KindJSON
	case "bool", "boolean":
		return connectors.KindBool
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bytea", "bit", "image",
		"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
		"geometrycollection", "geography", "vector", "tsvector":
		return connectors.KindBinary
	}
	return connectors.KindOther
}

// dumpConvert renders a dump's dates and timestamps as the other
// connectors do (a timestamp at midnight as its date, fractions and zones
// dropped) and its booleans as 1 and 0.
func dumpConvert(cols []connectors.Column) func(int, string) (string, error) {
	kinds := make([]connectors.Kind, len(cols))
	any := false
	for i, c := range cols {
		kinds[i] = c.Kind
		any = any || c.Kind == connectors.KindDate || c.Kind == connectors.KindTimestamp || c.Kind == connectors.KindBool
	}
	if !any {
		return nil
	}
	return func(col int, v string) (string, error) {
		switch kinds[col] {
		case connectors.KindDate, connectors.KindTimestamp:
			return renderDateTime(v), nil
		case connectors.KindBool:
			switch strings.ToLower(v) {
			case "t", "true", "1", "y", "yes":
				return "1", nil
			case "f", "false", "0", "n", "no":
				return "0", nil
			}
		}
		return v, nil
	}
}

// renderDateTime turns YYYY-MM-DD[ T]HH:MM:SS[.frac][zone] into
// YYYY-MM-DD HH:MM:SS, or YYYY-MM-DD at midnight; anything else (a zero
// date, infinity) is returned as it is.
func renderDateTime(v string) string {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return v
	}
	if len(v) == 10 {
		return v
	}
	if len(v) >= 19 && (v[10] == ' ' || v[10] == 'T') && v[13] == ':' && v[16] == ':' {
		if v[11:19] == "00:00:00" {
			return v[:10]
		}
		return v[:10] + " " + v[11:19]
	}
	return v
}
