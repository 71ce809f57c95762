package files

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// The formats a file can be read as.
const (
	fmtDelimited = "delimited"
	fmtJSONL     = "jsonl"
	fmtJSON      = "json"
	fmtSQL       = "sql"
	fmtDBF       = "dbf"
	fmtXLSX      = "xlsx"
	fmtSQLite    = "sqlite"
)

// entry is one file found: on disk, or a member of a zip archive.
type entry struct {
	rel    string    // the name tables get: slash-separated, relative to the source
	path   string    // the file on disk (the archive, for a member)
	zf     *zip.File // the member, or nil for a file on disk
	gz     bool      // the content is gzip-compressed
	format string
	memo   *entry // a .dbf's memo file (.fpt, .dbt), when one is beside it
	// mem, when not nil, is the file's content, held in memory (the
	// parsers' fuzz tests).
	mem []byte
}

// open returns the file's content, decompressed.
func (e *entry) open() (io.ReadCloser, error) {
	raw, err := e.openRaw()
	if err != nil {
		return nil, err
	}
	if !e.gz {
		return raw, nil
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(raw, 64<<10))
	if err != nil {
		raw.Close()
		return nil, fmt.Errorf("not a readable gzip file: %w", err)
	}
	return &gzipFile{Reader: zr, raw: raw}, nil
}

func (e *entry) openRaw() (io.ReadCloser, error) {
	if e.mem != nil {
		return io.NopCloser(bytes.NewReader(e.mem)), nil
	}
	if e.zf != nil {
		return e.zf.Open()
	}
	return os.Open(e.path)
}

// gzipFile closes the decompressor and the file under it, and says
// "truncated" for a stream that ends early.
type gzipFile struct {
	*gzip.Reader
	raw io.Closer
}

func (g *gzipFile) Read(p []byte) (int, error) {
	n, err := g.Reader.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("the gzip stream is truncated")
	}
	return n, err
}

func (g *gzipFile) Close() error {
	g.Reader.Close()
	return g.raw.Close()
}

// Magic numbers that decide a file's format before its name does.
var (
	magicGzip   = []byte{0x1f, 0x8b}
	magicZip    = []byte("PK\x03\x04")
	magicSQLite = []byte("SQLite format 3\x00")
	magicPGDMP  = []byte("PGDMP")
	magicOLE    = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
)

// discover finds the files of a source: every regular file under a
// folder, or the one file, with the members of zip archives among them.
// closers close the archives opened.
func discover(root string, isDir bool) (entries []*entry, skipped []connectors.Skipped, closers []func() error, err error) {
	type found struct{ rel, path string }
	var files []found
	if !isDir {
		files = append(files, found{rel: filepath.Base(root), path: root})
	} else {
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if err != nil {
				if p == root {
					return err
				}
				skipped = append(skipped, connectors.Skipped{Path: rel, Reason: "cannot be read: " + errText(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			fi, err := os.Stat(p) // follows a symbolic link to a file
			if err != nil {
				skipped = append(skipped, connectors.Skipped{Path: rel, Reason: "cannot be read: " + errText(err)})
				return nil
			}
			if fi.IsDir() {
				skipped = append(skipped, connectors.Skipped{Path: rel, Reason: "a symbolic link to a folder (not followed)"})
				return nil
			}
			if !fi.Mode().IsRegular() {
				skipped = append(skipped, connectors.Skipped{Path: rel, Reason: fmt.Sprintf("not a regular file (%s)", fi.Mode().Type())})
				return nil
			}
			files = append(files, found{rel: rel, path: p})
			return nil
		})
		if err != nil {
			return nil, nil, nil, err
		}
	}
	var names []string
	for _, f := range files {
		names = append(names, f.rel)
	}
	for _, f := range files {
		head, gz, err := sniffFile(f.path)
		if err != nil {
			skipped = append(skipped, connectors.Skipped{Path: f.rel, Reason: "cannot be read: " + errText(err)})
			continue
		}
		e := &entry{rel: f.rel, path: f.path, gz: gz}
		format, why := classify(f.rel, head, gz, false, names)
		switch {
		case why != "":
			if why != readWithTable {
				skipped = append(skipped, connectors.Skipped{Path: f.rel, Reason: why})
			}
			continue
		case format == "zip":
			zr, err := zip.OpenReader(f.path)
			if err != nil {
				skipped = append(skipped, connectors.Skipped{Path: f.rel, Reason: "not a readable zip archive: " + errText(err)})
				continue
			}
			closers = append(closers, zr.Close)
			es, sk := zipEntries(f.rel, f.path, &zr.Reader)
			entries = append(entries, es...)
			skipped = append(skipped, sk...)
			continue
		}
		e.format = format
		if format == fmtDBF {
			e.memo = memoBeside(f.rel, files, func(m found) *entry { return &entry{rel: m.rel, path: m.path} })
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].rel < entries[j].rel })
	return entries, skipped, closers, nil
}

// memoBeside finds the memo file of a .dbf: the same name with .fpt or
// .dbt, in any case.
func memoBeside[T any](dbf string, files []T, mk func(T) *entry) *entry {
	base := strings.ToLower(strings.TrimSuffix(dbf, path.Ext(dbf)))
	for _, f := range files {
		e := mk(f)
		low := strings.ToLower(e.rel)
		if low == base+".fpt" || low == base+".dbt" {
			return e
		}
	}
	return nil
}

// zipEntries lists the members of a zip archive as entries.
func zipEntries(rel, diskPath string, zr *zip.Reader) (entries []*entry, skipped []connectors.Skipped) {
	var names []string
	for _, zf := range zr.File {
		names = append(names, rel+"/"+zf.Name)
	}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		mrel := rel + "/" + strings.TrimPrefix(zf.Name, "/")
		if zf.Flags&0x1 != 0 {
			skipped = append(skipped, connectors.Skipped{Path: mrel, Reason: "encrypted inside the zip archive"})
			continue
		}
		head, gz, err := sniffMember(zf)
		if err != nil {
			skipped = append(skipped, connectors.Skipped{Path: mrel, Reason: "cannot be read: " + errText(err)})
			continue
		}
		format, why := classify(mrel, head, gz, true, names)
		if why != "" {
			if why != readWithTable {
				skipped = append(skipped, connectors.Skipped{Path: mrel, Reason: why})
			}
			continue
		}
		if format == "zip" {
			skipped = append(skipped, connectors.Skipped{Path: mrel, Reason: "a zip archive inside an archive: extract the outer one to scan it"})
			continue
		}
		e := &entry{rel: mrel, path: diskPath, zf: zf, gz: gz, format: format}
		if format == fmtDBF {
			e.memo = memoBeside(mrel, zr.File, func(m *zip.File) *entry {
				return &entry{rel: rel + "/" + m.Name, path: diskPath, zf: m}
			})
		}
		entries = append(entries, e)
	}
	return entries, skipped
}

// sniffLen is how many leading bytes decide a format.
const sniffLen = 512

// sniffFile reads the first bytes of a file, decompressed when it is gzip.
func sniffFile(p string) (head []byte, gz bool, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	return sniff(f)
}

func sniffMember(zf *zip.File) (head []byte, gz bool, err error) {
	r, err := zf.Open()
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	return sniff(r)
}

func sniff(r io.Reader) (head []byte, gz bool, err error) {
	buf := make([]byte, sniffLen)
	n, err := io.ReadFull(r, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, false, err
	}
	head = buf[:n]
	if !bytes.HasPrefix(head, magicGzip) {
		return head, false, nil
	}
	zr, err := gzip.NewReader(io.MultiReader(bytes.NewReader(head), r))
	if err != nil {
		return head, true, nil // classify says why
	}
	inner := make([]byte, sniffLen)
	n, _ = io.ReadFull(zr, inner)
	return inner[:n], true, nil
}

// readWithTable marks a file that is read as part of another (a memo file
// with its table): neither an entry nor skipped.
const readWithTable = "\x00with its table"

// classify decides a file's format from its first bytes, then its name.
// why is the reason it is skipped, when it is. all holds the relative
// names of the files around it (to find a memo file's table).
func classify(rel string, head []byte, gz, inArchive bool, all []string) (format, why string) {
	name := strings.ToLower(path.Base(rel))
	if gz {
		name = strings.TrimSuffix(name, ".gz")
	}
	ext := path.Ext(name)
	switch {
	case bytes.HasPrefix(head, magicSQLite):
		switch {
		case gz:
			return "", "a compressed SQLite database: decompress it to scan it"
		case inArchive:
			return "", "a SQLite database inside an archive: extract it to scan it"
		}
		return fmtSQLite, ""
	case bytes.HasPrefix(head, magicPGDMP):
		return "", "a PostgreSQL custom-format dump (pg_dump -Fc): turn it into a plain SQL dump with pg_restore -f dump.sql"
	case bytes.HasPrefix(head, magicOLE):
		if ext == ".xls" {
			return "", "an Excel 97-2003 workbook (.xls): alcance reads .xlsx; save it as .xlsx or CSV"
		}
		return "", "a Microsoft compound document (.doc, .xls, .msg or similar), not a format alcance reads"
	case bytes.HasPrefix(head, magicZip):
		switch {
		case ext == ".xlsx" || ext == ".xlsm":
			return fmtXLSX, ""
		case gz:
			return "", "a compressed zip archive: decompress it to scan it"
		case ext == ".docx" || ext == ".pptx" || ext == ".odt" || ext == ".ods" || ext == ".jar":
			return "", "a " + ext + " document, not a format alcance reads"
		}
		return "zip", ""
	}
	switch ext {
	case ".csv", ".tsv", ".txt", ".tab", ".psv":
		return fmtDelimited, ""
	case ".jsonl", ".ndjson":
		return fmtJSONL, ""
	case ".json":
		return fmtJSON, ""
	case ".sql":
		return fmtSQL, ""
	case ".dbf":
		return fmtDBF, ""
	case ".xlsx", ".xlsm":
		return "", "not a readable .xlsx workbook (no zip header)"
	case ".fpt", ".dbt":
		base := strings.ToLower(strings.TrimSuffix(rel, path.Ext(rel)))
		for _, o := range all {
			if strings.ToLower(o) == base+".dbf" {
				return "", readWithTable
			}
		}
		return "", "a dBase/FoxPro memo file without its .dbf table"
	case ".cdx", ".idx", ".mdx", ".ndx", ".ntx":
		return "", "an index of a dBase/FoxPro table: its keys are read from the table itself"
	case ".db", ".sqlite", ".sqlite3", ".db3", ".s3db":
		return "", "not a SQLite database (no SQLite header)"
	case ".xls":
		return "", "an Excel 97-2003 workbook (.xls) not in the usual format: save it as .xlsx or CSV"
	case ".tar", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".zst":
		return "", "an archive format alcance does not read (" + ext + "): extract it to scan it"
	}
	if ext == "" {
		return "", "no extension and no known file header: not a format alcance reads"
	}
	return "", "not a format alcance reads (" + ext + ")"
}

// errText is an error's text without the absolute path the os package
// puts in it (tables and skipped files are named by relative path).
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
