package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"

	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/mysql"
	_ "github.com/alcance-mx/alcance/connectors/postgres"
	"github.com/alcance-mx/alcance/internal/synth"
)

// serverTargets loads the corpus into the database servers whose admin
// DSNs are set (ALCANCE_TEST_POSTGRES, ALCANCE_TEST_MYSQL, as for the
// tests), each into a database of its own, and returns them as targets.
func serverTargets(ctx context.Context, gen *synth.Corpus, slug string) ([]target, error) {
	var out []target
	if admin := os.Getenv("ALCANCE_TEST_POSTGRES"); admin != "" {
		t, err := postgresTarget(ctx, gen, admin, "alcance_eval_"+slug)
		if err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		out = append(out, t)
	}
	if admin := os.Getenv("ALCANCE_TEST_MYSQL"); admin != "" {
		t, err := mysqlTarget(ctx, gen, admin, "alcance_eval_"+slug)
		if err != nil {
			return nil, fmt.Errorf("mariadb: %w", err)
		}
		out = append(out, t)
	}
	return out, nil
}

func mysqlTarget(ctx context.Context, gen *synth.Corpus, admin, db string) (target, error) {
	u, err := url.Parse(admin)
	if err != nil {
		return target{}, err
	}
	auth := u.User.Username()
	if p, ok := u.User.Password(); ok {
		auth += ":" + p
	}
	conn, err := sql.Open("mysql", fmt.Sprintf("%s@tcp(%s)/", auth, u.Host))
	if err != nil {
		return target{}, err
	}
	defer conn.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS `" + db + "`", "CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return target{}, err
		}
	}
	u.Path = "/" + db
	t0 := time.Now()
	if err := gen.WriteMySQL(ctx, u.String()); err != nil {
		return target{}, err
	}
	fmt.Printf("loaded into MariaDB/MySQL %s in %s\n", db, time.Since(t0).Round(time.Millisecond))
	spec, err := connectors.Parse(u.String())
	if err != nil {
		return target{}, err
	}
	return target{name: "mariadb", spec: spec}, nil
}

func postgresTarget(ctx context.Context, gen *synth.Corpus, admin, db string) (target, error) {
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		return target{}, err
	}
	defer conn.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + db + " WITH (FORCE)",
		"CREATE DATABASE " + db + " ENCODING 'UTF8' TEMPLATE template0"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return target{}, err
		}
	}
	u, err := url.Parse(admin)
	if err != nil {
		return target{}, err
	}
	u.Path = "/" + db
	t0 := time.Now()
	if err := gen.WritePostgres(ctx, u.String()); err != nil {
		return target{}, err
	}
	fmt.Printf("loaded into PostgreSQL %s in %s\n", db, time.Since(t0).Round(time.Millisecond))
	spec, err := connectors.Parse(u.String())
	if err != nil {
		return target{}, err
	}
	return target{name: "postgres", spec: spec}, nil
}
