package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

const scanUsage = `Usage: alcance scan [flags] SOURCE...

Scans each SOURCE for personal data, prints a summary and writes reports.
Values never leave alcance complete: reports show masked examples, and
people are counted by keyed hashes of their CURP.

Sources:
  sqlite:///srv/legacy/padron.db, or a path ending in .db, .sqlite, .sqlite3
  postgres://user@host:5432/db?sslmode=require      (password: URL or PGPASSWORD)
  mysql://user@host:3306/db, or mysql://user@host:3306/ for every database the
                                                    user can see (MYSQL_PWD)
  sqlserver://user@host:1433?database=db            (MSSQL_PASSWORD)
alcance only reads: sessions are read-only where the server has them, every
statement has a timeout, and it opens at most --concurrency connections.

Flags:
  -o, --output FILE        write the report to FILE; the format comes from the
                           extension (.json, .html, .md, .csv); repeatable
      --format FORMAT      what goes to stdout: table (default), json, md, csv
      --quiet              print nothing on stdout and no progress on stderr
      --sample-rows N      rows sampled per table (default 10000); CURP columns
                           are still read in full, so the persons count is exact
      --fail-on CATS       the decommission gate: "any", or categories such as
                           curp,health_condition (see 'alcance detectors')
      --hash-key-file FILE key for the hashes that count people (default: a
                           random key per scan); the same key makes counts of
                           separate scans comparable. Keep it secret.
      --concurrency N      tables read at once, and connections opened, per
                           source (default 2: alcance is a guest on the server)
      --include-views      scan views too (default: tables only, so that data
                           reached through a view is not counted twice)
      --connect-timeout D  give up on a server that does not answer within D
                           (default 10s)
      --statement-timeout D
                           give up on any one statement after D (default 5m); a
                           table that times out is listed under errors
` + rulesUsage + `
Exit codes (the first that applies):
  2  bad usage: unknown flag or command, malformed source
  1  nothing could be scanned (every source failed, or every table)
  3  --fail-on given and a finding of those categories was reported
  4  --fail-on given and some table or source could not be scanned, or a
     source listed no tables: the absence of findings cannot be certified
  0  otherwise; what failed is listed under "errors" and on stderr
`

// multiFlag collects a flag given more than once.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// parseArgs parses flags anywhere among the positional arguments, as users
// type them ("alcance scan padron.db -o report.json"); "--" ends flags.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// newFlagSet returns a silent flag set: the commands print their own help
// and errors, so that messages are the same for every mistake.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

type scanFlags struct {
	outputs          multiFlag
	format           string
	quiet            bool
	sampleRows       int
	failOn           string
	hashKeyFile      string
	concurrency      int
	includeViews     bool
	connectTimeout   time.Duration
	statementTimeout time.Duration
}

func runScan(args []string, stdout, stderr io.Writer) (int, error) {
	var f scanFlags
	fs := newFlagSet("scan")
	fs.Var(&f.outputs, "o", "")
	fs.Var(&f.outputs, "output", "")
	fs.StringVar(&f.format, "format", "table", "")
	fs.BoolVar(&f.quiet, "quiet", false, "")
	fs.IntVar(&f.sampleRows, "sample-rows", 10000, "")
	fs.StringVar(&f.failOn, "fail-on", "", "")
	fs.StringVar(&f.hashKeyFile, "hash-key-file", "", "")
	fs.IntVar(&f.concurrency, "concurrency", 2, "")
	fs.BoolVar(&f.includeViews, "include-views", false, "")
	fs.DurationVar(&f.connectTimeout, "connect-timeout", connectors.DefaultOptions().ConnectTimeout, "")
	fs.DurationVar(&f.statementTimeout, "statement-timeout", connectors.DefaultOptions().StatementTimeout, "")
	rulesFile := rulesFlag(fs)
	sources, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, scanUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	cfg, failOn, err := f.config(sources)
	if err != nil {
		return exitUsage, err
	}
	if err := useRulesFlag(*rulesFile); err != nil {
		return exitUsage, err
	}
	if !f.quiet {
		cfg.Progress = func(format string, a ...any) { fmt.Fprintf(stderr, "alcance: "+format+"\n", a...) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, out := scan.Run(ctx, cfg)
	rep.Scan.FailOn = failOn
	return finish(rep, out, f, failOn, stdout, stderr)
}

// config checks every flag and source before anything is opened: bad
// usage exits 2 and writes no file.
func (f *scanFlags) config(sources []string) (scan.Config, []string, error) {
	cfg := scan.Config{Connect: connectors.DefaultOptions(), SampleRows: f.sampleRows, Version: version}
	if len(sources) == 0 {
		return cfg, nil, usagef("scan needs at least one SOURCE")
	}
	if f.sampleRows < 1 {
		return cfg, nil, usagef("--sample-rows must be at least 1, not %d", f.sampleRows)
	}
	if f.concurrency < 1 || f.concurrency > 64 {
		return cfg, nil, usagef("--concurrency must be between 1 and 64, not %d", f.concurrency)
	}
	cfg.Concurrency = f.concurrency
	cfg.Connect.MaxConns = f.concurrency
	cfg.Connect.IncludeViews = f.includeViews
	if f.connectTimeout <= 0 || f.statementTimeout <= 0 {
		return cfg, nil, usagef("--connect-timeout and --statement-timeout must be positive durations such as 10s or 5m")
	}
	cfg.Connect.ConnectTimeout = f.connectTimeout
	cfg.Connect.StatementTimeout = f.statementTimeout
	if _, ok := reports.Formats[f.format]; !ok || f.format == "html" {
		return cfg, nil, usagef("--format must be table, json, md or csv, not %q", f.format)
	}
	for _, o := range f.outputs {
		if _, err := reports.FormatForFile(o); err != nil {
			return cfg, nil, usagef("%v", err)
		}
	}
	failOn, err := parseFailOn(f.failOn)
	if err != nil {
		return cfg, nil, err
	}
	if f.hashKeyFile != "" {
		key, err := os.ReadFile(f.hashKeyFile)
		if err != nil {
			return cfg, nil, usagef("--hash-key-file: %v", err)
		}
		key = bytes.TrimRight(key, "\r\n")
		if len(key) < 16 {
			return cfg, nil, usagef("--hash-key-file: the key must be at least 16 bytes, %s has %d", f.hashKeyFile, len(key))
		}
		cfg.HashKey = key
	}
	for _, s := range sources {
		spec, err := connectors.Parse(s)
		if err != nil {
			return cfg, nil, usagef("%v", err)
		}
		cfg.Sources = append(cfg.Sources, spec)
	}
	return cfg, failOn, nil
}

// parseFailOn reads --fail-on: "any" or a list of category ids.
func parseFailOn(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	if s == "any" {
		return []string{"any"}, nil
	}
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		if _, ok := taxonomy.Lookup(c); !ok {
			return nil, usagef("--fail-on: unknown category %q (use \"any\" or ids from 'alcance detectors')", c)
		}
		out = append(out, c)
	}
	return out, nil
}

// finish writes the reports and stdout, and decides the exit code.
func finish(rep *reports.Report, out scan.Outcome, f scanFlags, failOn []string, stdout, stderr io.Writer) (int, error) {
	var firstErr error
	for _, o := range f.outputs {
		if err := writeReportFile(o, rep); err != nil {
			fmt.Fprintf(stderr, "alcance: %v\n", err)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	if !f.quiet {
		if err := reports.Formats[f.format].Write(stdout, rep); err != nil {
			fmt.Fprintf(stderr, "alcance: writing the summary: %v\n", err)
		}
	}
	for _, e := range rep.Errors() {
		where := e.Source
		if e.Table != "" {
			where += ": " + e.Table
		}
		fmt.Fprintf(stderr, "alcance: not scanned: %s: %s\n", where, e.Error.Error)
	}
	code := exitCode(rep, out, failOn)
	if firstErr != nil && code == exitOK {
		code = exitNothing // a requested report could not be written
	}
	return code, nil
}

// exitCode applies docs/contract.md: the first match wins.
func exitCode(rep *reports.Report, out scan.Outcome, failOn []string) int {
	switch {
	case out.NothingScanned():
		return exitNothing
	case len(failOn) > 0 && hasFinding(rep, failOn):
		return exitFound
	case len(failOn) > 0 && out.Incomplete():
		return exitIncomplete
	}
	return exitOK
}

func hasFinding(rep *reports.Report, failOn []string) bool {
	any := slices.Contains(failOn, "any")
	for _, s := range rep.Sources {
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					if any || slices.Contains(failOn, f.Category) {
						return true
					}
				}
			}
		}
	}
	return false
}

// writeReportFile writes one -o file atomically: a reader never sees half a
// report, and a failed write leaves any earlier report in place.
func writeReportFile(path string, rep *reports.Report) error {
	format, err := reports.FormatForFile(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reports.Formats[format].Write(&buf, rep); err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
