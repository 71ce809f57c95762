package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// flagGiven says whether a flag was set on the command line, even to "".
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			given = true
		}
	})
	return given
}

// parseFailOn reads --fail-on: "any" or a list of category ids. Given
// empty or blank (an unset variable in a script), it is bad usage: the
// gate must never be switched off silently.
func parseFailOn(s string, given bool) ([]string, error) {
	if !given {
		return nil, nil
	}
	if strings.TrimSpace(s) == "" {
		return nil, usagef(`--fail-on is empty: give "any" or category ids such as curp,health_condition (an unset variable in a script?)`)
	}
	if strings.TrimSpace(s) == "any" {
		return []string{"any"}, nil
	}
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			return nil, usagef("--fail-on %q: an empty category in the list", s)
		}
		if _, ok := taxonomy.Lookup(c); !ok {
			return nil, usagef("--fail-on: unknown category %q (use \"any\" or ids from 'alcance detectors')", c)
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// checkFiles checks every file the scan will write before anything is
// opened: -o reports, the annex, the certificate and the JSON report
// beside it.
func (f *scanFlags) checkFiles() error {
	kinds := map[string]string{}
	var paths []string
	add := func(p, kind string) {
		paths = append(paths, p)
		kinds[p] = kind
	}
	for _, o := range f.outputs {
		add(o, "-o")
	}
	if f.annex != "" {
		if err := documentPath("annex", f.annex); err != nil {
			return err
		}
		add(f.annex, "--annex")
	}
	if f.certificate != "" {
		if err := documentPath("certificate", f.certificate); err != nil {
			return err
		}
		add(f.certificate, "--certificate")
		add(besideJSON(f.certificate), "the certificate's JSON report")
	}
	return checkOutputs(paths, kinds)
}

// finish writes the reports, the annex and (when the gate passes) the
// certificate, prints the summary, explains the exit code on stderr and
// returns it.
func finish(rep *reports.Report, out scan.Outcome, f scanFlags, failOn []string, stdout, stderr io.Writer) (int, error) {
	lang, err := reports.ParseLang(f.lang)
	if err != nil {
		lang = reports.Spanish
	}
	reports.Localize(rep, lang)
	var written []string
	var firstErr error
	fail := func(err error) {
		fmt.Fprintf(stderr, "alcance: %s\n", reports.Clean(err.Error()))
		if firstErr == nil {
			firstErr = err
		}
	}
	for _, o := range f.outputs {
		if err := writeReportFile(o, rep); err != nil {
			fail(err)
		} else {
			written = append(written, o)
		}
	}
	if f.annex != "" {
		if err := writeDocument(f.annex, func(w io.Writer, format string) error {
			return reports.WriteAnnex(w, format, rep)
		}); err != nil {
			fail(err)
		} else {
			written = append(written, f.annex)
		}
	}
	code := exitCode(rep, out, failOn)
	if f.certificate != "" {
		if why := noCertificate(rep, code, failOn); why != "" {
			fmt.Fprintf(stderr, "alcance: no certificate written: %s\n", why)
		} else if paths, err := writeCertificate(f.certificate, rep, failOn); err != nil {
			fail(err)
		} else {
			written = append(written, paths...)
		}
	}
	if !f.quiet {
		var b bytes.Buffer
		if err := reports.Formats[f.format].Write(&b, rep); err != nil {
			fmt.Fprintf(stderr, "alcance: writing the summary: %v\n", err)
		}
		if f.format == "table" && len(written) > 0 {
			b.WriteString("\n" + lang.T("out.written", strings.Join(written, ", ")) + "\n")
		}
		stdout.Write(b.Bytes())
	}
	for _, e := range rep.Errors() {
		where := e.Source
		if e.Table != "" {
			where += ": " + e.Table
		}
		fmt.Fprintf(stderr, "alcance: not scanned: %s: %s\n", reports.Clean(where), reports.Clean(e.Error.Error))
	}
	explainGate(stderr, rep, out, failOn, code)
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
	case len(failOn) > 0 && len(gateHits(rep, failOn)) > 0:
		return exitFound
	case len(failOn) > 0 && incomplete(rep, out):
		return exitIncomplete
	}
	return exitOK
}

// incomplete is true when the absence of findings cannot be certified:
// something could not be scanned, a source listed no tables, a source
// warns that the login may not see everything, or the scan was stopped.
func incomplete(rep *reports.Report, out scan.Outcome) bool {
	if out.Incomplete() || rep.Scan.Interrupted || len(rep.Errors()) > 0 {
		return true
	}
	for _, s := range rep.Sources {
		if len(s.Warnings) > 0 {
			return true
		}
	}
	return false
}

// gateHit is a table holding categories the gate fails on.
type gateHit struct {
	source, table string
	categories    []string
}

func gateHits(rep *reports.Report, failOn []string) []gateHit {
	any := slices.Contains(failOn, "any")
	var hits []gateHit
	for _, s := range rep.Sources {
		for _, t := range s.Tables {
			var cats []string
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					if (any || slices.Contains(failOn, f.Category)) && !slices.Contains(cats, f.Category) {
						cats = append(cats, f.Category)
					}
				}
			}
			if len(cats) > 0 {
				hits = append(hits, gateHit{s.Name, t.QualifiedName(), cats})
			}
		}
	}
	return hits
}

// explainGate says on stderr which categories and tables tripped exit 3,
// and what could not be scanned for exit 4.
func explainGate(stderr io.Writer, rep *reports.Report, out scan.Outcome, failOn []string, code int) {
	gate := "--fail-on " + strings.Join(failOn, ",")
	switch code {
	case exitFound:
		hits := gateHits(rep, failOn)
		var cats []string
		for _, h := range hits {
			for _, c := range h.categories {
				if !slices.Contains(cats, c) {
					cats = append(cats, c)
				}
			}
		}
		slices.SortFunc(cats, func(a, b string) int { return taxonomy.Order(a) - taxonomy.Order(b) })
		fmt.Fprintf(stderr, "alcance: exit 3: %s: found %s in %d table(s):\n", gate, strings.Join(cats, ", "), len(hits))
		for _, h := range hits {
			fmt.Fprintf(stderr, "alcance:   %s: %s: %s\n", reports.Clean(h.source), reports.Clean(h.table), strings.Join(h.categories, ", "))
		}
	case exitIncomplete:
		fmt.Fprintf(stderr, "alcance: exit 4: %s: the absence of findings cannot be certified:\n", gate)
		if rep.Scan.Interrupted {
			fmt.Fprintf(stderr, "alcance:   the scan was interrupted\n")
		}
		for _, e := range rep.Errors() {
			fmt.Fprintf(stderr, "alcance:   not scanned: %s: %s\n", reports.Clean(e.Source), reports.Clean(orWhole(e.Table)))
		}
		for _, s := range rep.Sources {
			for _, w := range s.Warnings {
				fmt.Fprintf(stderr, "alcance:   warning: %s: %s\n", reports.Clean(s.Name), reports.Clean(w))
			}
		}
	}
}

func orWhole(table string) string {
	if table == "" {
		return "the whole source"
	}
	return table
}

// noCertificate says why no certificate may be written, or "".
func noCertificate(rep *reports.Report, code int, failOn []string) string {
	switch {
	case rep.Scan.Interrupted:
		return "the scan was interrupted; a certificate never covers what was not looked at"
	case code == exitFound:
		return "findings of the certified categories remain (exit 3)"
	case code == exitIncomplete:
		return "something could not be scanned (exit 4); a certificate never covers what was not looked at"
	case code != exitOK:
		return fmt.Sprintf("the scan did not succeed (exit %d)", code)
	}
	if err := reports.Certifiable(rep, failOn); err != nil {
		return err.Error()
	}
	return ""
}

// writeCertificate writes the JSON report beside the certificate, then the
// certificate stating that file's SHA-256.
func writeCertificate(path string, rep *reports.Report, failOn []string) ([]string, error) {
	jsonPath := besideJSON(path)
	data, err := render(jsonPath, rep)
	if err != nil {
		return nil, err
	}
	if err := writeFile(jsonPath, data); err != nil {
		return nil, err
	}
	c := reports.Certificate{Report: rep, JSONPath: jsonPath, JSONSHA256: sha256Hex(data), Gate: failOn}
	if err := writeDocument(path, func(w io.Writer, format string) error {
		return reports.WriteCertificate(w, format, c)
	}); err != nil {
		return nil, err
	}
	return []string{path, jsonPath}, nil
}

// writeDocument renders an annex or certificate into path, atomically.
func writeDocument(path string, write func(io.Writer, string) error) error {
	format, err := reports.DocumentFormat(path)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := write(&b, format); err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	return writeFile(path, b.Bytes())
}
