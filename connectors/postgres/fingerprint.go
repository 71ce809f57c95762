package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/alcance-mx/alcance/connectors"
)

var _ connectors.Fingerprinter = (*source)(nil)

// Fingerprint is the server's version, the database and the digest of its
// table list with row counts, read in a read-only transaction.
func (s *source) Fingerprint(ctx context.Context, tables []connectors.Table) (connectors.Fingerprint, error) {
	var version, db string
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, "SELECT version(), current_database()").Scan(&version, &db)
	})
	if err != nil {
		return connectors.Fingerprint{}, fmt.Errorf("fingerprinting %s: %s", s.info.Location, s.scrub(err.Error()))
	}
	return connectors.Fingerprint{ServerVersion: connectors.VersionLine(version), Database: db,
		TablesDigest: connectors.TablesDigest(tables), Tables: len(tables)}, nil
}
