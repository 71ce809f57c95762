package mssql

import (
	"context"

	"github.com/alcance-mx/alcance/connectors"
)

var _ connectors.Fingerprinter = (*source)(nil)

// Fingerprint is the server's version (the first line of @@VERSION), the
// database and the digest of its table list with row counts.
func (s *source) Fingerprint(ctx context.Context, tables []connectors.Table) (connectors.Fingerprint, error) {
	var version, db string
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		return q.QueryRowContext(ctx, "SELECT @@VERSION, DB_NAME()").Scan(&version, &db)
	})
	if err != nil {
		return connectors.Fingerprint{}, err
	}
	return connectors.Fingerprint{ServerVersion: connectors.VersionLine(version), Database: db,
		TablesDigest: connectors.TablesDigest(tables), Tables: len(tables)}, nil
}
