// Package files reads the files responders hold after a breach: delimited
// text (CSV, TSV), JSON Lines and JSON arrays, SQL dumps (mysqldump and
// pg_dump plain format) read without a database, dBase/FoxPro tables with
// their memo files, Excel workbooks (.xlsx), and SQLite databases found
// among them; each plain or gzip-compressed, on disk or inside a zip
// archive.
//
// A source is one file or one folder, scanned recursively, of kind "files".
// Its tables are named by their path relative to the folder (for a single
// file, its own name): padron.csv, 2019/altas.jsonl.gz, export.zip/a.csv;
// a file that holds several tables adds the table's name after a slash:
// dump.sql/personas, libro.xlsx/Hoja1, legacy.db/pacientes. A file that is
// none of these is listed by Skipped with the reason, and a file that looks
// like one but cannot be read (truncated, broken quoting, binary garbage, a
// dump of an unknown dialect) is listed as a table whose Sample fails with
// the reason, so the rest of the folder is still scanned and the failure is
// reported as an unreadable table.
//
// Reading: every format streams. A file is never loaded whole into memory
// (the exceptions are bounded and say so: an .xlsx inside another archive,
// a workbook's shared strings). Sample reads the table once with a
// reservoir (Algorithm L), counting its rows exactly as it goes
// (connectors.Sample.Counted); ReadColumns reads it again, in full. Values
// are decoded (see text.go) and cut to connectors.MaxValueBytes only in
// the rows kept, so a pass over rows that are not kept costs little more
// than parsing them.
//
// Nothing is ever written: files are opened read-only and nothing is
// extracted to disk (a decompressed copy of a breach would be a second
// breach).
package files

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/alcance-mx/alcance/connectors"
)

// kindName is the name this connector registers under.
const kindName = "files"

func init() {
	connectors.Register(kindName, opener{})
}

type opener struct{}

// The optional capabilities the scan engine discovers by type assertion.
var (
	_ connectors.RowCounter   = (*source)(nil)
	_ connectors.ColumnReader = (*source)(nil)
	_ connectors.SkipLister   = (*source)(nil)
	_ connectors.ReadWarner   = (*source)(nil)
)

// argExts are the extensions that make a bare path a files source (each
// may be followed by .gz). .db, .sqlite and .sqlite3 stay the sqlite
// connector's.
var argExts = []string{".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json", ".sql", ".dbf", ".xlsx", ".xlsm", ".zip"}

// Parse recognises a path to a file with one of argExts (optionally
// followed by .gz), and a path to an existing folder.
func (opener) Parse(raw string) (connectors.Spec, bool, error) {
	if raw == "" || strings.Contains(raw, "://") {
		return connectors.Spec{}, false, nil
	}
	isDir := false
	if fi, err := os.Stat(raw); err == nil && fi.IsDir() {
		isDir = true
	} else {
		ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(raw), ".gz")))
		known := false
		for _, e := range argExts {
			known = known || ext == e
		}
		if !known {
			return connectors.Spec{}, false, nil
		}
	}
	abs, err := filepath.Abs(raw)
	if err != nil {
		return connectors.Spec{}, false, fmt.Errorf("files source %q: resolving the path: %w", raw, err)
	}
	name := filepath.Base(abs)
	if !isDir {
		name = stem(name)
	}
	return connectors.Spec{Kind: kindName, Raw: raw, Location: abs, Name: name}, true, nil
}

// stem is a file name without its extensions: padron.csv.gz is padron.
func stem(name string) string {
	for _, ext := range []string{".gz", filepath.Ext(strings.TrimSuffix(name, ".gz"))} {
		if s := strings.TrimSuffix(name, ext); s != "" && ext != "" && strings.HasSuffix(strings.ToLower(name), strings.ToLower(ext)) {
			name = s
		}
	}
	return name
}

// Open checks that the path exists and is a readable file or folder; the
// files are found and their catalogs read by Tables.
func (opener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	path := spec.Location
	if path == "" {
		return nil, errors.New("opening files source: empty path")
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("opening files source %s: no such file or folder", path)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("opening files source %s: permission denied", path)
	case err != nil:
		return nil, fmt.Errorf("opening files source %s: %w", path, err)
	case !fi.IsDir() && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("opening files source %s: not a regular file or folder (%s)", path, fi.Mode().Type())
	}
	if !fi.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("opening files source %s: %w", path, err)
		}
		f.Close()
	}
	name := spec.Name
	if name == "" {
		name = filepath.Base(path)
	}
	return &source{
		info:  connectors.Info{Kind: kindName, Name: name, Location: path},
		root:  path,
		isDir: fi.IsDir(),
		opts:  opts,
	}, nil
}

// source is an opened file or folder.
type source struct {
	info  connectors.Info
	root  string
	isDir bool
	opts  connectors.Options
	// seed, when non-nil, makes sampling deterministic (tests only).
	seed *uint64

	mu       sync.Mutex
	tables   map[string]*table // by name, after Tables
	skipped  []connectors.Skipped
	warnings map[string][]string // by table name
	closers  []func() error      // open archives and SQLite sources
}

func (s *source) Info() connectors.Info { return s.info }

// Close closes the archives and the SQLite databases Tables opened.
func (s *source) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, c := range s.closers {
		if err := c(); err != nil {
			errs = append(errs, err)
		}
	}
	s.closers = nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("closing files source %s: %w", s.root, err)
	}
	return nil
}

// Tables finds the files (every file under a folder, recursively), reads
// each one's catalog, and lists its tables sorted by name. A file that
// could not be listed is still a table, with no columns, whose Sample
// returns why; files of no format alcance reads go to Skipped.
func (s *source) Tables(ctx context.Context) ([]connectors.Table, error) {
	entries, skipped, closers, err := discover(s.root, s.isDir)
	s.mu.Lock()
	s.closers = append(s.closers, closers...)
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("listing files of %s: %w", s.root, err)
	}
	var all []*table
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("listing files of %s: %w", s.root, err)
		}
		ts, skip, closer := s.list(ctx, e)
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("listing files of %s: %w", s.root, err)
		}
		if closer != nil {
			s.mu.Lock()
			s.closers = append(s.closers, closer)
			s.mu.Unlock()
		}
		if skip != "" {
			skipped = append(skipped, connectors.Skipped{Path: e.rel, Reason: skip})
			continue
		}
		all = append(all, ts...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	byName := map[string]*table{}
	out := make([]connectors.Table, 0, len(all))
	for _, t := range all {
		// Two tables of one name (a dump that creates a table twice) would
		// be indistinguishable in the report: the second gets a suffix.
		base := t.name
		for i := 2; byName[t.name] != nil; i++ {
			t.name = fmt.Sprintf("%s (%d)", base, i)
		}
		byName[t.name] = t
		out = append(out, t.connectorsTable())
	}
	s.mu.Lock()
	s.tables = byName
	s.skipped = skipped
	s.mu.Unlock()
	return out, nil
}

// list reads the catalog of one file: its tables, or why it is skipped.
// closer, when not nil, releases what the tables keep open.
func (s *source) list(ctx context.Context, e *entry) (ts []*table, skip string, closer func() error) {
	switch e.format {
	case fmtDelimited:
		return []*table{listDelimited(e)}, "", nil
	case fmtJSONL, fmtJSON:
		return listJSON(ctx, e), "", nil
	case fmtSQL:
		return listDump(ctx, e), "", nil
	case fmtDBF:
		t, closer := listDBF(e)
		return []*table{t}, "", closer
	case fmtXLSX:
		ts, closer := listXLSX(ctx, e)
		return ts, "", closer
	case fmtSQLite:
		return listSQLite(ctx, e, s.opts)
	}
	return nil, "not a file format alcance reads", nil
}

// lookup finds a listed table.
func (s *source) lookup(t connectors.Table) (*table, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ft := s.tables[t.Name]
	if ft == nil {
		return nil, fmt.Errorf("no table %q in %s (list the tables first)", t.Name, s.root)
	}
	return ft, nil
}

// Skipped lists the files found that are not a source alcance reads.
func (s *source) Skipped() []connectors.Skipped {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]connectors.Skipped(nil), s.skipped...)
}

// ReadWarnings lists what the reads so far noticed and worked around, each
// naming its table, in table order.
func (s *source) ReadWarnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.warnings))
	for n := range s.warnings {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		for _, w := range s.warnings[n] {
			out = append(out, n+": "+w)
		}
	}
	return out
}

// warn records the warnings of one read of a table, replacing those of an
// earlier read (a Sample and a ReadColumns see the same file).
func (s *source) warn(t *table, ws []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warnings == nil {
		s.warnings = map[string][]string{}
	}
	if len(ws) == 0 && len(s.warnings[t.name]) > 0 {
		return
	}
	s.warnings[t.name] = ws
}

// Sample reads the table once, keeping a uniform random sample of n rows
// and counting every row.
func (s *source) Sample(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	ft, err := s.lookup(t)
	if err != nil {
		return nil, err
	}
	wrap := func(err error) error { return fmt.Errorf("reading %s: %w", ft.name, err) }
	if n <= 0 {
		return nil, wrap(fmt.Errorf("sample size %d: must be positive", n))
	}
	if ft.err != nil {
		return nil, wrap(ft.err)
	}
	if ft.inner != nil {
		return ft.inner.Sample(ctx, ft.innerTable, cols, n)
	}
	if cols == nil {
		cols = ft.cols
	}
	index, err := ft.index(cols)
	if err != nil {
		return nil, wrap(err)
	}
	rows, count, ws, err := reservoir(ctx, ft, index, n, s.rand(ft))
	if err != nil {
		return nil, wrap(err)
	}
	s.warn(ft, ws)
	ft.setCount(count)
	direct := make([]int, len(cols))
	for i := range direct {
		direct[i] = i
	}
	out := rows.Sample(cols, direct)
	out.Counted = count
	if ft.untyped {
		out.Columns = inferKinds(cols, out.Values)
	}
	return out, nil
}

// CountRows returns the count the last full pass saw (the Sample before
// it, as a rule), or reads the table once to count it.
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	ft, err := s.lookup(t)
	if err != nil {
		return 0, err
	}
	if ft.err != nil {
		return 0, fmt.Errorf("counting rows of %s: %w", ft.name, ft.err)
	}
	if ft.inner != nil {
		rc, ok := ft.inner.(connectors.RowCounter)
		if !ok {
			return 0, fmt.Errorf("counting rows of %s: the source cannot count", ft.name)
		}
		return rc.CountRows(ctx, ft.innerTable)
	}
	if n, ok := ft.count(); ok {
		return n, nil
	}
	var n int64
	_, err = ft.each(ctx, []int{}, func([]string) error { n++; return nil })
	if err != nil {
		return 0, fmt.Errorf("counting rows of %s: %w", ft.name, err)
	}
	ft.setCount(n)
	return n, nil
}

// ReadColumns streams cols of every row, in file order.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	ft, err := s.lookup(t)
	if err != nil {
		return err
	}
	wrap := func(err error) error { return fmt.Errorf("reading %s: %w", ft.name, err) }
	if ft.err != nil {
		return wrap(ft.err)
	}
	if ft.inner != nil {
		cr, ok := ft.inner.(connectors.ColumnReader)
		if !ok {
			return wrap(errors.New("the source cannot stream columns"))
		}
		return cr.ReadColumns(ctx, ft.innerTable, cols, fn)
	}
	if cols == nil {
		cols = ft.cols
	}
	index, err := ft.index(cols)
	if err != nil {
		return wrap(err)
	}
	values := make([]string, len(cols))
	var fnErr error
	var n int64
	dec := newDecoder(ft)
	ws, err := ft.each(ctx, index, func(row []string) error {
		n++
		for i, j := range index {
			values[i] = dec.value(j, row[j])
		}
		if err := fn(values); err != nil {
			fnErr = err
			return err
		}
		return dec.err
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return wrap(err)
	}
	s.warn(ft, append(ws, dec.warnings()...))
	ft.setCount(n)
	return nil
}
