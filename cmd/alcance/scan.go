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
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/reports"
)

const scanUsage = `Usage: alcance scan [flags] SOURCE...

Scans each SOURCE for personal data, prints a summary and writes reports.
Values never leave alcance complete: reports show masked examples, and
people are counted by keyed hashes (of a CURP, or of a full name with a
birthdate).

Sources:
  sqlite:///srv/legacy/padron.db, or a path ending in .db, .sqlite, .sqlite3
  postgres://user@host:5432/db?sslmode=require      (password: --password-file,
                                                    PGPASSWORD or the URL)
  mysql://user@host:3306/db, or mysql://user@host:3306/ for every database the
                                                    user can see (MYSQL_PWD)
  sqlserver://user@host:1433?database=db            (MSSQL_PASSWORD)
  a .csv .tsv .txt .jsonl .json .sql .dbf .xlsx file (optionally .gz), a .zip,
  or a folder of them, scanned recursively as one source
alcance only reads: sessions are read-only where the server has them, every
statement has a timeout, and it opens at most --concurrency connections.

Flags:
  -o, --output FILE        write the report to FILE; the format comes from the
                           extension (.json, .html, .md, .csv); repeatable
      --format FORMAT      what goes to stdout: table (default), json, md, csv
      --quiet              print nothing on stdout and no progress on stderr
      --mode MODE          sample (default): classification reads a random
                           sample per table, and the columns that identify
                           and link people are read in full, so the person
                           figures are exact; full: every row of every
                           column that matters, so every figure is exact
      --sample-rows N      rows sampled per table (default 10000)
      --fail-on CATS       the decommission gate: "any", or categories such as
                           curp,health_condition (see 'alcance detectors')
      --hash-key-file FILE key for the hashes that count people (default: a
                           random key per scan); the same key makes counts of
                           separate scans comparable. Keep it secret.
      --persons-out FILE   also write the people found as keyed hashes, for
                           'alcance merge' (needs --hash-key-file)
      --shard I/N          scan only part I (from 0) of N disjoint parts of the
                           work, for 'alcance merge' (Kubernetes' Indexed Jobs:
                           JOB_COMPLETION_INDEX is I); needs --persons-out
      --checkpoint FILE    record every finished table in FILE; a re-run with
                           the same FILE skips them and gives the same report
                           (needs --hash-key-file)
      --concurrency N      tables read at once, and connections opened, per
                           source (default 2: alcance is a guest on the server)
      --include-views      scan views too (default: tables only, so that data
                           reached through a view is not counted twice)
      --password-file FILE password for every source given without one (its
                           trailing newline ignored); safer than a password in
                           the URL, which other users may read in the process list
      --connect-timeout D  give up on a server that does not answer within D
                           (default 10s)
      --statement-timeout D
                           give up on any one statement after D (default 5m), and
                           on a connection that stays silent longer than D plus
                           the connect timeout; a table that times out is listed
                           under errors
      --table-timeout D    give up on one table's whole work after D (default 30m)
      --lang es|en         language of every report and of the summary
                           (default es); JSON keys and ids do not change
      --annex FILE         also write the breach-notification annex (.html or
                           .md): the elements a notification carries, filled
                           with what the scan measured, for the officer to
                           complete
      --certificate FILE   also write the decommission certificate (.html or
                           .md) and, beside it, the JSON report whose SHA-256
                           it states; implies --fail-on any unless --fail-on
                           is given; written only when the scan exits 0
      --inventory FILE     read sources from a YAML file (name, institution,
                           url, password_env or password_file, include and
                           exclude table patterns); results are grouped by
                           institution
` + rulesUsage + `
Every file to write is checked before the scan starts: a missing folder or
one alcance cannot write to is bad usage (exit 2), and nothing is scanned.

Exit codes (the first that applies):
  2  bad usage: unknown flag or command, malformed source, an empty
     --fail-on, an output that cannot be written
  130, 143  interrupted by SIGINT or SIGTERM: the reports are written, marked
     interrupted, figures as lower bounds; a second signal quits at once
  1  nothing could be scanned (every source failed, or every table)
  3  --fail-on given and a finding of those categories was reported (stderr
     lists the categories and tables)
  4  --fail-on given and some table or source could not be scanned, or a
     source listed no tables: the absence of findings cannot be certified
     (stderr lists what)
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
	lang             string
	annex            string
	certificate      string
	inventory        string
	failOnGiven      bool
	format           string
	quiet            bool
	sampleRows       int
	failOn           string
	hashKeyFile      string
	concurrency      int
	includeViews     bool
	connectTimeout   time.Duration
	statementTimeout time.Duration
	mode             string
	personsOut       string
	shard            string
	checkpoint       string
	tableTimeout     time.Duration
	passwordFile     string
}

func runScan(args []string, stdout, stderr io.Writer) (int, error) {
	var f scanFlags
	fs := newFlagSet("scan")
	fs.Var(&f.outputs, "o", "")
	fs.Var(&f.outputs, "output", "")
	fs.StringVar(&f.format, "format", "table", "")
	fs.BoolVar(&f.quiet, "quiet", false, "")
	fs.IntVar(&f.sampleRows, "sample-rows", 10000, "")
	fs.StringVar(&f.mode, "mode", "sample", "")
	fs.StringVar(&f.personsOut, "persons-out", "", "")
	fs.StringVar(&f.shard, "shard", "", "")
	fs.StringVar(&f.checkpoint, "checkpoint", "", "")
	fs.StringVar(&f.failOn, "fail-on", "", "")
	fs.StringVar(&f.hashKeyFile, "hash-key-file", "", "")
	fs.IntVar(&f.concurrency, "concurrency", 2, "")
	fs.BoolVar(&f.includeViews, "include-views", false, "")
	fs.DurationVar(&f.connectTimeout, "connect-timeout", connectors.DefaultOptions().ConnectTimeout, "")
	fs.DurationVar(&f.statementTimeout, "statement-timeout", connectors.DefaultOptions().StatementTimeout, "")
	fs.StringVar(&f.lang, "lang", string(reports.Spanish), "")
	fs.StringVar(&f.annex, "annex", "", "")
	fs.StringVar(&f.certificate, "certificate", "", "")
	fs.StringVar(&f.inventory, "inventory", "", "")
	fs.DurationVar(&f.tableTimeout, "table-timeout", scan.DefaultTableTimeout, "")
	fs.StringVar(&f.passwordFile, "password-file", "", "")
	rulesFile := rulesFlag(fs)
	sources, err := parseArgs(fs, args)
	f.failOnGiven = flagGiven(fs, "fail-on")
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
	if err := f.checkFiles(); err != nil {
		return exitUsage, err
	}
	if cfg.Rules, err = loadRules(*rulesFile); err != nil {
		return exitUsage, err
	}
	if f.checkpoint != "" {
		ck, err := scan.OpenCheckpoint(f.checkpoint, cfg, exposure.NewKeyer(cfg.HashKey).KeyID())
		if err != nil {
			return exitUsage, usagef("--checkpoint: %v", err)
		}
		defer ck.Close()
		if n := ck.Finished(); n > 0 && !f.quiet {
			fmt.Fprintf(stderr, "alcance: resuming: %d tables finished before come from %s\n", n, f.checkpoint)
		}
		cfg.Checkpoint = ck
	}
	done := f.progress(&cfg, stderr)
	ctx, signalled, stop := trapSignals(stderr)
	defer stop()
	rep, out := scan.Run(ctx, cfg)
	done()
	rep.Scan.FailOn = failOn
	code, err := finish(rep, out, f, failOn, stdout, stderr)
	if sig := signalled(); sig != 0 && err == nil {
		return sig, nil // 130 or 143 (docs/contract.md): the reports are written, marked interrupted
	}
	return code, err
}

// trapSignals cancels the returned context on SIGINT or SIGTERM, so the
// scan stops promptly (every statement in flight is cancelled) and its
// reports are written marked interrupted; signalled then returns the exit
// code the signal asks (130, 143), or 0. A second signal exits at once.
func trapSignals(stderr io.Writer) (ctx context.Context, signalled func() int, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var code atomic.Int32
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			c := exitSignalCode(sig)
			code.Store(int32(c))
			fmt.Fprintf(stderr, "alcance: %s: stopping; the reports will say what was scanned (a second signal quits at once)\n", signalName(sig))
			cancel()
			select {
			case sig := <-sigs:
				fmt.Fprintf(stderr, "alcance: %s again: quitting without reports\n", signalName(sig))
				os.Exit(exitSignalCode(sig))
			case <-quit:
			}
		case <-quit:
		}
	}()
	return ctx, func() int { return int(code.Load()) }, func() {
		signal.Stop(sigs)
		close(quit)
		cancel()
	}
}

func exitSignalCode(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

func signalName(sig os.Signal) string {
	if sig == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// config checks every flag and source before anything is opened: bad
// usage exits 2 and writes no file.
func (f *scanFlags) config(sources []string) (scan.Config, []string, error) {
	cfg := scan.Config{Connect: connectors.DefaultOptions(), SampleRows: f.sampleRows, Version: version}
	if f.sampleRows < 1 {
		return cfg, nil, usagef("--sample-rows must be at least 1, not %d", f.sampleRows)
	}
	if f.concurrency < 1 || f.concurrency > 64 {
		return cfg, nil, usagef("--concurrency must be between 1 and 64, not %d", f.concurrency)
	}
	cfg.Concurrency = f.concurrency
	if f.mode != "sample" && f.mode != "full" {
		return cfg, nil, usagef("--mode must be sample or full, not %q", f.mode)
	}
	cfg.Mode = f.mode
	cfg.Connect.MaxConns = f.concurrency
	cfg.Connect.IncludeViews = f.includeViews
	if f.connectTimeout <= 0 || f.statementTimeout <= 0 || f.tableTimeout <= 0 {
		return cfg, nil, usagef("--connect-timeout, --statement-timeout and --table-timeout must be positive durations such as 10s or 5m")
	}
	cfg.Connect.ConnectTimeout = f.connectTimeout
	cfg.Connect.StatementTimeout = f.statementTimeout
	cfg.TableTimeout = f.tableTimeout
	if _, ok := reports.Formats[f.format]; !ok || f.format == "html" {
		return cfg, nil, usagef("--format must be table, json, md or csv, not %q", f.format)
	}
	for _, o := range f.outputs {
		if _, err := reports.FormatForFile(o); err != nil {
			return cfg, nil, usagef("%v", err)
		}
	}
	if _, err := reports.ParseLang(f.lang); err != nil {
		return cfg, nil, usagef("--lang: %v", err)
	}
	failOn, err := parseFailOn(f.failOn, f.failOnGiven)
	if err != nil {
		return cfg, nil, err
	}
	if f.certificate != "" && !f.failOnGiven {
		failOn = []string{"any"} // a certificate implies the strictest gate
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
	if f.shard != "" {
		var i, n int
		if _, err := fmt.Sscanf(f.shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 0 || i >= n || fmt.Sprintf("%d/%d", i, n) != f.shard {
			return cfg, nil, usagef("--shard must be I/N with 0 <= I < N (Kubernetes' JOB_COMPLETION_INDEX for I), not %q", f.shard)
		}
		if f.personsOut == "" {
			return cfg, nil, usagef("--shard needs --persons-out (and --hash-key-file): a part's persons are only counted merged with the other parts")
		}
		cfg.Shard, cfg.Shards = i, n
	}
	if f.checkpoint != "" && f.hashKeyFile == "" {
		return cfg, nil, usagef("--checkpoint needs --hash-key-file: a re-run must hash people with the same key")
	}
	if f.personsOut != "" {
		if f.hashKeyFile == "" {
			return cfg, nil, usagef("--persons-out needs --hash-key-file: a persons file is only of use merged with others made with the same key")
		}
		if st, err := os.Stat(filepath.Dir(f.personsOut)); err != nil || !st.IsDir() {
			return cfg, nil, usagef("--persons-out: the folder of %s does not exist", f.personsOut)
		}
		cfg.PersonsOut = f.personsOut
	}
	password, err := readPasswordFile(f.passwordFile)
	if err != nil {
		return cfg, nil, err
	}
	for _, s := range sources {
		spec, err := connectors.Parse(s)
		if err != nil {
			return cfg, nil, usagef("%v", err)
		}
		// Each connector uses it only when its argument carries no
		// password of its own.
		spec.Password = password
		cfg.Sources = append(cfg.Sources, spec)
	}
	if f.inventory != "" {
		specs, err := readInventory(f.inventory)
		if err != nil {
			return cfg, nil, usagef("--inventory %s: %v", f.inventory, err)
		}
		cfg.Sources = append(cfg.Sources, specs...)
	}
	if len(cfg.Sources) == 0 {
		return cfg, nil, usagef("scan needs at least one SOURCE (or --inventory)")
	}
	return cfg, failOn, nil
}

// readPasswordFile reads --password-file: the file's content without its
// trailing newline ("" when the flag is not given). A file that cannot be
// read or holds no password is bad usage: scanning without the password the
// user meant to give would only fail later, at every source.
func readPasswordFile(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", usagef("--password-file: %v", err)
	}
	pw := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	if pw == "" {
		return "", usagef("--password-file: %s holds no password (it is empty, or only a newline)", path)
	}
	return pw, nil
}
