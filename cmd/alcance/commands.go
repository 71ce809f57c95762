package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/alcance-mx/alcance/reports"
)

const reportUsage = `Usage: alcance report [--lang es|en] -o FILE REPORT.json

Renders a saved JSON report again, in the format FILE's extension names
(.json, .html, .md, .csv) and in the language --lang gives (default es):
a re-scan's figures for a regulator, or an English copy. -o may be given
more than once. Nothing is scanned.
`

const diffUsage = `Usage: alcance diff [--format text|json|md] [--lang es|en] [--fail-on-new] OLD.json NEW.json

Shows what changed between two saved reports of the same sources: findings
that appeared, disappeared or changed, tables and errors that appeared or
disappeared, and the figures (people, records per category, each table's
records) that changed.

      --format F      text (default), json or md, on stdout
      --lang L        es (default) or en, for text and md
      --fail-on-new   exit 3 when a finding appeared (for CI)

Exit codes: 2 bad usage or a file that is not a report; 3 with
--fail-on-new when a finding appeared; 0 otherwise.
`

const versionUsage = `Usage: alcance version (or alcance --version)

Prints alcance's version.
`

// readReport reads a saved JSON report.
func readReport(path string) (*reports.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("%v", err)
	}
	r, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil {
		return nil, usagef("%s: %v", path, err)
	}
	return r, nil
}

func runReport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlagSet("report")
	var outputs multiFlag
	fs.Var(&outputs, "o", "")
	fs.Var(&outputs, "output", "")
	lang := fs.String("lang", string(reports.Spanish), "")
	rest, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, reportUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	if len(rest) != 1 {
		return exitUsage, usagef("report needs exactly one REPORT.json, got %d", len(rest))
	}
	if len(outputs) == 0 {
		return exitUsage, usagef("report needs -o FILE: where to write the report")
	}
	l, err := reports.ParseLang(*lang)
	if err != nil {
		return exitUsage, usagef("--lang: %v", err)
	}
	kinds := map[string]string{}
	for _, o := range outputs {
		if _, err := reports.FormatForFile(o); err != nil {
			return exitUsage, usagef("%v", err)
		}
		kinds[o] = "-o"
	}
	if err := checkOutputs(outputs, kinds); err != nil {
		return exitUsage, err
	}
	rep, err := readReport(rest[0])
	if err != nil {
		return exitUsage, err
	}
	reports.Localize(rep, l)
	for _, o := range outputs {
		if err := writeReportFile(o, rep); err != nil {
			return exitNothing, err
		}
	}
	return exitOK, nil
}

func runDiff(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlagSet("diff")
	format := fs.String("format", "text", "")
	lang := fs.String("lang", string(reports.Spanish), "")
	failOnNew := fs.Bool("fail-on-new", false, "")
	rest, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, diffUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	if len(rest) != 2 {
		return exitUsage, usagef("diff needs OLD.json and NEW.json, got %d argument(s)", len(rest))
	}
	switch *format {
	case "text", "json", "md":
	default:
		return exitUsage, usagef("--format must be text, json or md, not %q", *format)
	}
	l, err := reports.ParseLang(*lang)
	if err != nil {
		return exitUsage, usagef("--lang: %v", err)
	}
	old, err := readReport(rest[0])
	if err != nil {
		return exitUsage, err
	}
	cur, err := readReport(rest[1])
	if err != nil {
		return exitUsage, err
	}
	d := reports.Compare(old, cur)
	if err := reports.WriteDiff(stdout, *format, l, d); err != nil {
		return exitNothing, err
	}
	if *failOnNew && len(d.FindingsNew) > 0 {
		fmt.Fprintf(stderr, "alcance: exit 3: --fail-on-new: %d finding(s) appeared\n", len(d.FindingsNew))
		return exitFound, nil
	}
	return exitOK, nil
}

func runVersion(args []string, stdout io.Writer) (int, error) {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, versionUsage)
		return exitOK, nil
	}
	if len(args) > 0 {
		return exitUsage, usagef("version takes no arguments, got %q", args)
	}
	fmt.Fprintf(stdout, "alcance %s\n", version)
	return exitOK, nil
}

// runHelp prints the help of a command, or the general usage.
func runHelp(args []string, stdout io.Writer) (int, error) {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return exitOK, nil
	}
	if len(args) > 1 {
		return exitUsage, usagef("help takes one COMMAND, got %q", args)
	}
	help, ok := map[string]string{"scan": scanUsage, "report": reportUsage, "diff": diffUsage, "demo": demoUsage,
		"version": versionUsage, "detectors": detectorsUsage, "merge": mergeUsage, "help": usage}[args[0]]
	if !ok {
		return exitUsage, usagef("unknown command %q", args[0])
	}
	fmt.Fprint(stdout, help)
	return exitOK, nil
}
