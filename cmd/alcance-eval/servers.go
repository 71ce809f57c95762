package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"

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
// tests), each institution into a database of its own, and returns them
// as targets.
func serverTargets(ctx context.Context, parts []part, slug string) ([]target, error) {
	var out []target
	for _, srv := range []struct {
		name, env string
		load      func(ctx context.Context, gen *synth.Corpus, admin, db string) (target, error)
	}{{"postgres", "ALCANCE_TEST_POSTGRES", postgresTarget}, {"mariadb", "ALCANCE_TEST_MYSQL", mysqlTarget}} {
		admin := os.Getenv(srv.env)
		if admin == "" {
			continue
		}
		tg := target{name: srv.name}
		for _, p := range parts {
			db := "alcance_eval_" + slug
			if p.institution != "" {
				db += "_" + strings.ToLower(p.institution)
			}
			t, err := srv.load(ctx, p.corpus, admin, db)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", srv.name, err)
			}
			tg.specs = append(tg.specs, t.specs...)
			tg.institutions = append(tg.institutions, p.institution)
		}
		out = append(out, tg)
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
	return target{name: "mariadb", specs: []connectors.Spec{spec}}, nil
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
	return target{name: "postgres", specs: []connectors.Spec{spec}}, nil
}
