package testdb

import (
	"database/sql"
	"testing"
)

// TestDatabasesOfTheirOwn checks the helpers against the live servers:
// a fresh database is created, reachable, and named as asked.
func TestDatabasesOfTheirOwn(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		u := Postgres(t, "alcance_testdb_pg")
		db, err := sql.Open("pgx", u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var name string
		if err := db.QueryRow("SELECT current_database()").Scan(&name); err != nil || name != "alcance_testdb_pg" {
			t.Fatalf("current_database() = %q, %v", name, err)
		}
	})
	t.Run("mysql", func(t *testing.T) {
		u := MySQL(t, "alcance_testdb_my")
		db, err := sql.Open("mysql", MySQLDriverDSN(t, u))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var name string
		if err := db.QueryRow("SELECT DATABASE()").Scan(&name); err != nil || name != "alcance_testdb_my" {
			t.Fatalf("DATABASE() = %q, %v", name, err)
		}
	})
}
