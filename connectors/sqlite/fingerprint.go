package sqlite

import (
	"context"

	"github.com/alcance-mx/alcance/connectors"
)

var _ connectors.Fingerprinter = (*source)(nil)

// Fingerprint is the database file's SHA-256 and size, with the digest of
// its table list: the file as it was scanned, for a certificate. A WAL
// file beside it is not hashed; the certificate names the main file.
func (s *source) Fingerprint(ctx context.Context, tables []connectors.Table) (connectors.Fingerprint, error) {
	sum, size, err := connectors.FileSHA256(ctx, s.info.Location)
	if err != nil {
		return connectors.Fingerprint{}, err
	}
	var version string
	if err := s.db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&version); err == nil {
		version = "SQLite " + version
	}
	return connectors.Fingerprint{SHA256: sum, Size: size, ServerVersion: version,
		TablesDigest: connectors.TablesDigest(tables), Tables: len(tables)}, nil
}
