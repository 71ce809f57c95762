package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
)

const mergeUsage = `Usage: alcance merge -o OUT.json PART.json...

Combines reports of scans made apart into the report one scan of every
source would have given. Each institution scans its own systems with the
same --hash-key-file and --persons-out, and hands over only its JSON report
and persons file (keyed hashes, no personal value); merge recomputes every
person figure, so a person found in two institutions counts once and in
persons_in_several_sources. The parts of one sharded scan (--shard I/N)
merge the same way, into the report of one scan of the whole. Each part's
persons file is the one its report names, relative to the report's folder.

Flags:
  -o, --output FILE   write the merged report to FILE (.json, .html, .md,
                      .csv); repeatable; at least one

Exit codes: 0 merged; 2 bad usage, a part that cannot be read, parts made
with different keys, a persons file that does not match its report, a
shard given twice, a table in two reports (a source scanned twice), or a
split table whose parts do not add up (shards that disagreed on splitting
it: one read it whole, or none read a part and none says it failed).
`

func runMerge(args []string, stdout, stderr io.Writer) (int, error) {
	var outputs multiFlag
	fs := newFlagSet("merge")
	fs.Var(&outputs, "o", "")
	fs.Var(&outputs, "output", "")
	parts, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, mergeUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	if len(outputs) == 0 {
		return exitUsage, usagef("merge needs -o OUT.json")
	}
	if len(parts) == 0 {
		return exitUsage, usagef("merge needs at least one PART.json")
	}
	for _, o := range outputs {
		if _, err := reports.FormatForFile(o); err != nil {
			return exitUsage, usagef("%v", err)
		}
	}
	var in []exposure.Part
	for _, p := range parts {
		f, err := os.Open(p)
		if err != nil {
			return exitUsage, usagef("reading %s: %v", p, err)
		}
		rep, err := reports.ReadJSON(f)
		f.Close()
		if err != nil {
			return exitUsage, usagef("%s: %v", p, err)
		}
		in = append(in, exposure.Part{Report: rep, Dir: filepath.Dir(p), Name: p})
	}
	merged, err := exposure.Merge(in, exposure.StoreOptions{}, version)
	if errors.Is(err, exposure.ErrMerge) {
		return exitUsage, usagef("%v", err)
	}
	if err != nil {
		return exitNothing, err
	}
	for _, o := range outputs {
		if err := writeReportFile(o, merged); err != nil {
			return exitNothing, err
		}
	}
	return exitOK, nil
}
