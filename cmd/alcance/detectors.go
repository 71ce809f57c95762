package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

const detectorsUsage = `Usage: alcance detectors [--rules FILE]

Lists the categories alcance reports (the ids --fail-on takes), what it
validates in each, and the column names it recognises; with --rules, also
the custom rules of FILE (and it exits 2 if FILE has a mistake).

Flags:
` + rulesUsage

func runDetectors(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlagSet("detectors")
	rulesFile := rulesFlag(fs)
	rest, err := parseArgs(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, detectorsUsage)
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	if len(rest) > 0 {
		return exitUsage, usagef("detectors takes no arguments, got %q", rest)
	}
	custom, err := loadRules(*rulesFile)
	if err != nil {
		return exitUsage, err
	}
	names := map[string][]string{}
	hints := map[vocab.Hint][]string{}
	for _, r := range vocab.Rules {
		n := r.Name
		if r.Prefix {
			n += "*"
		}
		if r.Category != "" {
			names[r.Category] = append(names[r.Category], n)
		} else {
			hints[r.Hint] = append(hints[r.Hint], n)
		}
	}
	fmt.Fprintln(stdout, "CATEGORIES (ids for --fail-on and reports)")
	fmt.Fprintln(stdout)
	for _, c := range taxonomy.Categories {
		fmt.Fprintf(stdout, "%s — %s (%s)\n", c.ID, c.Label, c.Class)
		fmt.Fprintf(stdout, "  validates: %s\n", wrap(detectors.Validation[c.ID], 96, "             "))
		if n := names[c.ID]; len(n) > 0 {
			sort.Strings(n)
			fmt.Fprintf(stdout, "  column names: %s\n", wrap(strings.Join(n, " "), 96, "                "))
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintln(stdout, "TIERS")
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, t := range []struct{ id, when string }{
		{taxonomy.TierCritical, "an official identifier or a person's name with sensitive (health) data, in the table or linked to it"},
		{taxonomy.TierHigh, "an official identifier or financial data; or health data about people without identifiers"},
		{taxonomy.TierMedium, "a person's name with birthdate, address, phone or e-mail"},
		{taxonomy.TierLow, "contact or address data alone"},
		{taxonomy.TierNone, "no finding"},
	} {
		fmt.Fprintf(tw, "  %s\t%s\n", t.id, t.when)
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "COLUMN NAMES THAT ARE NOT CATEGORIES (used as context)")
	var hs []string
	for h := range hints {
		hs = append(hs, string(h))
	}
	sort.Strings(hs)
	for _, h := range hs {
		n := hints[vocab.Hint(h)]
		sort.Strings(n)
		fmt.Fprintf(stdout, "  %s: %s\n", h, wrap(strings.Join(n, " "), 96, "    "))
	}
	fmt.Fprintln(stdout)
	if len(custom) > 0 {
		printRules(stdout, *rulesFile, custom)
	}
	fmt.Fprintln(stdout, "Names are compared lower-cased, without accents and separators, with prefixes such as")
	fmt.Fprintln(stdout, "cve_/id_/num_ and suffixes such as _pac/_benef removed; * matches longer names too.")
	return exitOK, nil
}

// wrap folds text at width, indenting continuation lines.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if line+1+len(w) > width-len(indent) {
				b.WriteString("\n" + indent)
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
