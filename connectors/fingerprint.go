package connectors

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Fingerprinter is implemented by sources that can identify the state they
// were scanned in, for a decommission certificate: a file by its SHA-256;
// a server by its version, the database and a digest of its table list
// with row counts. tables is what Tables listed (before any include or
// exclude pattern), so the digest covers what the source holds, not what
// was chosen. It reads only; it never changes the source.
type Fingerprinter interface {
	Fingerprint(ctx context.Context, tables []Table) (Fingerprint, error)
}

// Fingerprint identifies a source's state. Fields that do not apply to a
// kind of source are empty.
type Fingerprint struct {
	SHA256        string // of a file's bytes
	Size          int64  // a file's size in bytes
	ServerVersion string // as the server reports it
	Database      string // the database (or databases) listed
	TablesDigest  string // TablesDigest of the listed tables
	Tables        int    // how many tables the digest covers
}

// TablesDigest is the SHA-256, in hex, of a table list: one line per
// table, sorted, "schema.name<TAB>rows<TAB>exact" (rows -1 when the
// catalog did not know). Names are length-prefixed, so no name can forge
// another line. The same tables with the same counts give the same digest
// whatever order they were listed in.
func TablesDigest(tables []Table) string {
	lines := make([]string, 0, len(tables))
	for _, t := range tables {
		rows := int64(-1)
		if t.Rows.Known {
			rows = t.Rows.Value
		}
		q := t.QualifiedName()
		lines = append(lines, fmt.Sprintf("%d:%s\t%d\t%t\n", len(q), q, rows, t.Rows.Exact))
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileSHA256 hashes a file's bytes and gives its size, reading it once
// and read-only. ctx is checked between blocks, so a large file can be
// abandoned.
func FileSHA256(ctx context.Context, path string) (sum string, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("fingerprinting %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return "", 0, fmt.Errorf("fingerprinting %s: %w", path, err)
		}
		n, rerr := f.Read(buf)
		h.Write(buf[:n])
		size += int64(n)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return "", 0, fmt.Errorf("fingerprinting %s: %w", path, rerr)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), size, nil
}

// VersionLine keeps the first line of a server's version banner (SQL
// Server's @@VERSION runs to several).
func VersionLine(v string) string {
	v, _, _ = strings.Cut(strings.TrimSpace(v), "\n")
	return strings.TrimSpace(v)
}
