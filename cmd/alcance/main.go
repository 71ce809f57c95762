// Command alcance scans databases and dumps for personal data of Mexican
// citizens and answers the first question after a breach: whose data was in
// there, and how many people. See docs/contract.md for the promises its
// command line, exit codes and JSON report keep.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/files"
	_ "github.com/alcance-mx/alcance/connectors/mssql"
	_ "github.com/alcance-mx/alcance/connectors/mysql"
	_ "github.com/alcance-mx/alcance/connectors/postgres"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/reports"
)

// version is the tool version written into reports; release builds set it
// with -ldflags "-X main.version=...".
var version = "0.1.0"

// Exit codes (docs/contract.md), first match wins.
const (
	exitOK         = 0
	exitNothing    = 1 // nothing could be scanned
	exitUsage      = 2 // bad usage: unknown flag or command, malformed source, empty --fail-on, unwritable output
	exitFound      = 3 // --fail-on categories were found
	exitIncomplete = 4 // --fail-on given, and something could not be scanned
	// A signal stopped the scan: its reports are written, marked interrupted.
	exitInterrupted = 130 // SIGINT
	exitTerminated  = 143 // SIGTERM
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `alcance: find personal data of Mexican citizens in databases and dumps,
and count the people it belongs to.

Usage:
  alcance scan [flags] SOURCE...   scan, print a summary, write reports
  alcance merge -o OUT.json PART.json...
                                   combine reports of institutions or shards scanned apart
  alcance report [--lang L] -o FILE REPORT.json
                                   render a saved report in any format and language
  alcance diff [--format text|json|md] [--lang L] [--fail-on-new] OLD.json NEW.json
                                   what appeared, disappeared or changed between two reports
  alcance demo [--dir DIR]         build a synthetic legacy database in DIR and scan it
  alcance detectors                list categories, validators and column-name rules
  alcance version                  print the version (also --version)
  alcance help [COMMAND]           print a command's help

A SOURCE is a SQLite file (sqlite:///srv/padron.db, or a path ending in
.db, .sqlite or .sqlite3), a PostgreSQL, MySQL/MariaDB or SQL Server URL
(postgres://, mysql://, sqlserver://), or a dump or export file (CSV, JSON,
SQL dump, dBase, xlsx, gzip, zip) or a folder of them.

Run 'alcance help scan' for the scan flags and exit codes.
`

// scrubArgs removes from msg the passwords any argument carries and
// anything else that looks like one: a message about a mistyped argument
// (a source that is not one, a URL given to the wrong flag) may quote it
// before any connector has parsed it.
func scrubArgs(msg string, args []string) string {
	var secrets []string
	for _, a := range args {
		secrets = append(secrets, connectors.Secrets(a)...)
	}
	return connectors.ScrubCredentials(connectors.Scrub(msg, secrets))
}

// usageError is bad usage: the CLI prints it and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var code int
	var err error
	switch args[0] {
	case "scan":
		code, err = runScan(args[1:], stdout, stderr)
	case "demo":
		code, err = runDemo(args[1:], stdout, stderr)
	case "merge":
		code, err = runMerge(args[1:], stdout, stderr)
	case "detectors":
		code, err = runDetectors(args[1:], stdout, stderr)
	case "report":
		code, err = runReport(args[1:], stdout, stderr)
	case "diff":
		code, err = runDiff(args[1:], stdout, stderr)
	case "version", "--version":
		code, err = runVersion(args[1:], stdout)
	case "help":
		code, err = runHelp(args[1:], stdout)
	case "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q", args[0])
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "alcance: %s\n", reports.Clean(scrubArgs(err.Error(), args)))
		fmt.Fprintf(stderr, "Run 'alcance --help' for usage.\n")
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "alcance: %s\n", reports.Clean(scrubArgs(err.Error(), args)))
		if code == exitOK {
			code = exitNothing
		}
	}
	return code
}
