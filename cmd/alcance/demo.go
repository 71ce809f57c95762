package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

const demoUsage = `Usage: alcance demo [--dir DIR]

Builds a synthetic legacy government database (SQLite, invented people
only) in DIR (default "demo"), scans it, prints the summary and writes
DIR/report.json, DIR/report.html and the notification annex DIR/annex.html. DIR/labels.json holds the ground
truth the generator wrote, for comparison.
`

// demoPersons keeps the demo quick (a few seconds) while every table has
// thousands of rows, so sampling and bounds show as they would on real data.
const demoPersons = 5000

func runDemo(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlagSet("demo")
	dir := fs.String("dir", "demo", "")
	rest, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, demoUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	if len(rest) > 0 {
		return exitUsage, usagef("demo takes no arguments, got %q", rest)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return exitNothing, fmt.Errorf("creating %s: %w", *dir, err)
	}
	dbPath := filepath.Join(*dir, "legacy.db")
	fmt.Fprintf(stderr, "alcance: generating a synthetic legacy database of %d invented people in %s\n", demoPersons, dbPath)
	corpus, err := synth.Generate(synth.Config{Seed: 2026, Persons: demoPersons})
	if err != nil {
		return exitNothing, fmt.Errorf("generating the demo database: %w", err)
	}
	os.Remove(dbPath)
	ctx := context.Background()
	if err := corpus.WriteSQLite(ctx, dbPath); err != nil {
		return exitNothing, fmt.Errorf("writing the demo database: %w", err)
	}
	lf, err := os.Create(filepath.Join(*dir, "labels.json"))
	if err != nil {
		return exitNothing, err
	}
	if err := corpus.WriteLabels(lf); err != nil {
		lf.Close()
		return exitNothing, fmt.Errorf("writing labels: %w", err)
	}
	if err := lf.Close(); err != nil {
		return exitNothing, err
	}
	spec, err := connectors.Parse(dbPath)
	if err != nil {
		return exitNothing, err
	}
	cfg := scan.Config{
		Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000,
		Version: version, Today: time.Now().UTC(),
	}
	f := scanFlags{format: "table", lang: string(reports.Spanish), annex: filepath.Join(*dir, "annex.html"),
		outputs: multiFlag{filepath.Join(*dir, "report.json"), filepath.Join(*dir, "report.html")}}
	done := f.progress(&cfg, stderr)
	rep, out := scan.Run(ctx, cfg)
	done()
	code, err := finish(rep, out, f, nil, stdout, stderr)
	return code, err
}
