package mysql

import (
	"context"
	"fmt"
	"slices"

	"github.com/alcance-mx/alcance/connectors"
)

var _ connectors.Fingerprinter = (*source)(nil)

// Fingerprint is the server's version, the database (or, for a server-wide
// scan, the databases its tables were listed from) and the digest of the
// table list with row counts.
func (s *source) Fingerprint(ctx context.Context, tables []connectors.Table) (connectors.Fingerprint, error) {
	var version string
	if err := s.db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
		return connectors.Fingerprint{}, fmt.Errorf("fingerprinting %s: %w", s.info.Location, scrub(err, s.pass))
	}
	db := s.t.db
	if db == "" {
		var dbs []string
		for _, t := range tables {
			if !slices.Contains(dbs, t.Schema) {
				dbs = append(dbs, t.Schema)
			}
		}
		slices.Sort(dbs)
		db = fmt.Sprint(dbs)
	}
	return connectors.Fingerprint{ServerVersion: "MySQL/MariaDB " + connectors.VersionLine(version), Database: db,
		TablesDigest: connectors.TablesDigest(tables), Tables: len(tables)}, nil
}
