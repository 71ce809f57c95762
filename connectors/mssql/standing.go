package mssql

import (
	"context"
	"database/sql"
	"fmt"
)

// Warnings says when this login may not see every table of the database
// (connectors.Warner): SQL Server lists only the tables a login holds
// some permission on, so what the login cannot read does not fail, it
// vanishes. See databaseSelectQuery and deniesQuery for what is checked.
func (s *source) Warnings(ctx context.Context) ([]string, error) {
	wrap := func(err error) error {
		return fmt.Errorf("checking whether this login may read every table of %s: %w", s.info.Name, err)
	}
	var hasPerms, reader, owner sql.NullInt64
	standing := func(query string) error {
		return s.run(ctx, func(ctx context.Context, q querier) error {
			return q.QueryRowContext(ctx, query).Scan(&hasPerms, &reader, &owner)
		})
	}
	err := standing(databaseSelectQuery)
	if err != nil && missingCatalog(ctx, err) {
		// A server without HAS_PERMS_BY_NAME: the roles alone.
		err = standing(rolesOnlyQuery)
	}
	if err != nil {
		return nil, wrap(err)
	}
	var warnings []string
	if hasPerms.Int64 != 1 && reader.Int64 != 1 && owner.Int64 != 1 {
		warnings = append(warnings, fmt.Sprintf("this login does not hold SELECT on the whole of database %s (its user is not a member of db_datareader): SQL Server hides from a login the tables it may not read, so tables may be missing from this scan; make the user a member of db_datareader to scan them all", s.info.Name))
	}

	var objects, schemas int64
	err = s.run(ctx, func(ctx context.Context, q querier) error {
		return q.QueryRowContext(ctx, deniesQuery).Scan(&objects, &schemas)
	})
	if err != nil {
		return warnings, wrap(err)
	}
	if objects > 0 || schemas > 0 {
		warnings = append(warnings, fmt.Sprintf("SELECT is denied to this login (or a role it belongs to) on %s and %s of database %s: SQL Server hides such tables from the listing unless the login may view their definition, so they may be missing from this scan", plural(objects, "table or view", "tables or views"), plural(schemas, "schema", "schemas"), s.info.Name))
	}
	return warnings, nil
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
