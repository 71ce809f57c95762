package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

func init() { register("md", MarkdownWriter{}) }

// MarkdownWriter writes the report for a ticket or a regulator's file: the
// headline, how to read it, what could not be scanned, the person figures
// (per source too, grouped by institution), records per category, tables
// by tier with their column findings, tables with no finding in one list,
// methods and a glossary. Text from a source goes through mdText or mdCode,
// so a hostile table name cannot break the document.
type MarkdownWriter struct{}

func (MarkdownWriter) Write(w io.Writer, r *Report) error {
	s := summarize(r)
	l := s.L
	var b bytes.Buffer
	sc := r.Scan
	b.WriteString("# " + l.T("meta.title") + "\n\n")
	meta := fmt.Sprintf("%s %s · %s", mdText(r.Tool.Name), mdText(r.Tool.Version), mdText(modeText(l, sc)))
	meta += " · " + l.T("meta.startedline", when(l, sc.StartedAt))
	if d := took(sc); d != "" {
		meta += ", " + l.T("meta.took", d)
	}
	if len(sc.FailOn) > 0 {
		meta += " · " + l.T("meta.gate") + " " + mdCode("--fail-on "+strings.Join(sc.FailOn, ","))
	}
	b.WriteString(meta + "\n\n")
	if s.Interrupted {
		b.WriteString("> **" + l.T("head.interrupted") + "**\n\n")
	}
	writeMarkdownHeadline(&b, s)
	b.WriteString("\n## " + l.T("sec.howto") + "\n\n")
	for _, k := range howToRead {
		b.WriteString("- " + l.T(k) + "\n")
	}
	if len(s.Errors) > 0 {
		b.WriteString("\n## " + l.T("sec.notscanned") + "\n\n" + l.T("t.incomplete") + "\n\n")
		var rows [][]string
		for _, e := range s.Errors {
			rows = append(rows, []string{mdText(e.Source), mdText(errTable(l, e.Error)), mdText(e.Error.Error)})
		}
		mdTable(&b, []string{l.T("col.source"), l.T("col.table"), l.T("col.why")}, "lll", rows)
	}
	if len(s.Warnings) > 0 {
		b.WriteString("\n## " + l.T("sec.warnings") + "\n\n")
		for _, w := range s.Warnings {
			b.WriteString("- " + mdText(w.Source) + ": " + mdText(w.Text) + "\n")
		}
	}

	b.WriteString("\n## " + l.T("sec.people") + "\n\n")
	var rows [][]string
	figs := s.Figures
	if s.Several != nil {
		figs = append(figs[:len(figs):len(figs)], *s.Several)
	}
	for _, f := range figs {
		rows = append(rows, []string{f.Label(l), approx(f.F().Estimate), mdText(figureText(l, f.F().Estimate)),
			mdText(f.F().Method)})
	}
	mdTable(&b, []string{l.T("col.figure"), l.T("col.value"), l.T("col.bounds"), l.T("col.method")}, "lrll", rows)

	if s.Sources > 0 {
		b.WriteString("\n## " + l.T("sec.sources") + "\n")
		for _, in := range s.Institutions {
			if s.grouped() {
				if in.Name != "" {
					b.WriteString("\n### " + mdText(l.T("sec.institution", in.Name)) + "\n")
				} else {
					b.WriteString("\n### " + l.T("sec.noinstitution") + "\n")
				}
			}
			var rows [][]string
			for _, src := range in.Sources {
				p, h, m := "", "", ""
				if x := src.Exposure; x != nil {
					p, h, m = approx(x.Persons.Estimate), approx(x.PersonsWithHealth.Estimate), approx(x.Minors.Estimate)
				}
				rows = append(rows, []string{mdText(s.name(src)), mdText(src.Kind), mdCode(src.Location),
					thousands(int64(len(src.Tables))), thousands(int64(len(src.Errors))), p, h, m})
			}
			b.WriteByte('\n')
			mdTable(&b, []string{l.T("col.source"), l.T("col.kind"), l.T("col.location"), l.T("col.tables"),
				l.T("col.errors"), l.T("col.persons"), l.T("col.health"), l.T("col.minors")}, "lllrrrrr", rows)
			for _, src := range in.Sources {
				if fp := fingerprintText(l, src.Fingerprint); fp != "" {
					b.WriteString("\n- " + l.T("col.fingerprint") + " " + mdText(s.name(src)) + ": " + mdText(fp) + "\n")
				}
			}
		}
	}

	if len(s.Categories) > 0 {
		b.WriteString("\n## " + l.T("sec.records") + "\n\n")
		var rows [][]string
		for _, c := range s.Categories {
			rows = append(rows, []string{mdText(c.Label), mdCode(c.ID), className(l, c.Class), approx(c.Records),
				boundsText(l, c.Records)})
		}
		mdTable(&b, []string{l.T("col.category"), l.T("col.id"), l.T("col.class"), l.T("col.records"),
			l.T("col.interval")}, "lllrr", rows)
	}

	var found []tableRef
	for _, t := range s.Ranked {
		if hasFindings(t.Table) {
			found = append(found, t)
		}
	}
	if len(found) > 0 {
		b.WriteString("\n## " + l.T("sec.tiers") + "\n\n")
		var rows [][]string
		for _, t := range found {
			x := t.Table.Exposure
			rows = append(rows, []string{mdText(tierName(l, x.Tier)), mdText(s.name(t.Source)), mdText(t.Table.QualifiedName()),
				rowsText(t.Table.Rows), approx(x.Records), boundsText(l, x.Records), mdCodes(x.Categories)})
		}
		mdTable(&b, []string{l.T("col.tier"), l.T("col.source"), l.T("col.table"), l.T("col.rows"),
			l.T("col.records"), l.T("col.interval"), l.T("col.category")}, "lllrrrl", rows)
		b.WriteString("\n")
		for i, t := range tiersSeen(found) {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "**%s**: %s", mdText(tierName(l, t)), meaningOf(l, t))
		}
		b.WriteString(".\n")
	}
	if quiet := quietTables(s.Ranked); len(quiet) > 0 {
		b.WriteString("\n## " + l.T("sec.nofinding") + "\n\n" + l.T("t.nofinding", thousands(int64(len(quiet)))) + " ")
		for i, t := range quiet {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(mdText(s.name(t.Source)) + " · " + mdText(t.Table.QualifiedName()))
		}
		b.WriteString(".\n")
	}
	if len(found) > 0 {
		b.WriteString("\n## " + l.T("sec.details") + "\n")
		for _, t := range found {
			mdDetails(&b, l, s, t)
		}
	}
	if len(s.Links) > 0 {
		b.WriteString("\n## " + l.T("sec.links") + "\n\n")
		var rows [][]string
		for _, k := range s.Links {
			d := l.T("t.inferred")
			if k.Declared {
				d = l.T("t.declared")
			}
			rows = append(rows, []string{mdText(k.Source), mdCode(k.From), mdCode(k.To), d})
		}
		mdTable(&b, []string{l.T("col.source"), l.T("col.from"), l.T("col.to"), l.T("col.declared")}, "llll", rows)
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\n## " + l.T("sec.skipped") + "\n\n")
		var rows [][]string
		for _, k := range s.Skipped {
			rows = append(rows, []string{mdText(k.Source), mdCode(k.Path), mdText(k.Reason)})
		}
		mdTable(&b, []string{l.T("col.source"), l.T("col.path"), l.T("col.reason")}, "lll", rows)
	}
	b.WriteString("\n## " + l.T("sec.methods") + "\n\n")
	for _, k := range methodNotes {
		b.WriteString("- " + mdText(l.T(k)) + "\n")
	}
	if r.Exposure.KeyID != "" {
		b.WriteString("- " + l.T("meta.key") + ": " + mdCode(r.Exposure.KeyID) + "\n")
	}
	if pf := r.Exposure.PersonsFile; pf != nil {
		b.WriteString("- " + l.T("meta.personsfile") + ": " + mdCode(pf.Path) + ", SHA-256 " + mdCode(pf.SHA256) + "\n")
	}
	b.WriteString("\n## " + l.T("sec.glossary") + "\n\n")
	for _, g := range glossary {
		b.WriteString("- **" + mdText(l.T("gl."+g)) + "**: " + mdText(l.T("gl."+g+".d")) + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeMarkdownHeadline writes the figure to report with its bounds in
// plain words, people with health data, minors, records and what could
// not be scanned.
func writeMarkdownHeadline(b *bytes.Buffer, s summary) {
	l := s.L
	if s.Sources == 0 {
		b.WriteString(l.T("head.nosources") + "\n\n")
	}
	p := s.Figures[0].F()
	b.WriteString("**" + l.T("head.report", headValue(p.Estimate)) + "**. " + headlineText(l, p.Estimate) + "\n\n")
	fmt.Fprintf(b, "- **%s:** %s\n", s.Figures[1].Label(l), figureText(l, s.Figures[1].F().Estimate))
	fmt.Fprintf(b, "- **%s:** %s\n", s.Figures[2].Label(l), figureText(l, s.Figures[2].F().Estimate))
	fmt.Fprintf(b, "- **%s:** %s\n", l.T("head.records"), estimateText(l, s.Records))
	fmt.Fprintf(b, "- **%s:** %s\n", l.T("head.tables"), l.T("head.tablesin", thousands(int64(s.Tables)),
		plural(l, s.Sources, "source"), thousands(int64(s.TablesWithFindings))))
	if len(s.Errors) > 0 {
		fmt.Fprintf(b, "- **%s:** %s\n", l.T("head.notscanned"), l.T("head.incomplete", notScanned(l, s.Errors)))
	} else if s.Sources > 0 {
		fmt.Fprintf(b, "- **%s:** %s\n", l.T("head.notscanned"), l.T("head.nothingleft"))
	}
}

// mdDetails writes one table's figures and its column findings.
func mdDetails(b *bytes.Buffer, l Lang, s summary, t tableRef) {
	tb, x := t.Table, t.Table.Exposure
	fmt.Fprintf(b, "\n### %s · %s\n\n", mdText(s.name(t.Source)), mdText(tb.QualifiedName()))
	rows := l.T("t.rowsexact")
	if !tb.Rows.Exact {
		rows = l.T("t.rowsest")
	}
	fmt.Fprintf(b, "- **%s:** %s (%s)\n", l.T("col.tier"), mdText(tierName(l, x.Tier)), meaningOf(l, x.Tier))
	fmt.Fprintf(b, "- **%s:** %s\n", l.T("col.rows"), l.T("t.rowsline", rowsText(tb.Rows), rows, thousands(int64(tb.SampledRows))))
	fmt.Fprintf(b, "- **%s:** %s\n", l.T("t.recordsline"), estimateText(l, x.Records))
	if x.Method != "" {
		fmt.Fprintf(b, "- **%s:** %s\n", l.T("t.howcounted"), mdText(x.Method))
	}
	var rs [][]string
	var quiet []string
	for _, c := range tb.Columns {
		if len(c.Findings) == 0 {
			quiet = append(quiet, mdText(c.Name))
		}
		name := mdText(c.Name)
		if c.Truncated {
			name += " " + l.T("t.truncated")
		}
		for _, f := range c.Findings {
			evidence := mdCodes(f.Evidence)
			if f.NameOnly {
				evidence += " " + l.T("t.nameonly")
			}
			rs = append(rs, []string{name, mdText(c.Type), mdText(label(l, f.Category)), ratio(f.Confidence),
				percent(f.MatchRate), evidence, mdCodes(f.Examples)})
		}
	}
	if len(quiet) > 0 {
		fmt.Fprintf(b, "- **%s:** %s\n", l.T("t.quiet"), strings.Join(quiet, ", "))
	}
	if len(rs) > 0 {
		b.WriteByte('\n')
		mdTable(b, []string{l.T("col.column"), l.T("col.type"), l.T("col.category"), l.T("col.confidence"),
			l.T("col.matchrate"), l.T("col.evidence"), l.T("col.examples")}, "lllrrll", rs)
	}
}

// tiersSeen lists the tier ids of the ranked tables, once each, in order.
func tiersSeen(ranked []tableRef) []string {
	var out []string
	for _, t := range ranked {
		if tier := t.Table.Exposure.Tier; len(out) == 0 || out[len(out)-1] != tier {
			out = append(out, tier)
		}
	}
	return out
}

// mdTable writes a GFM table; align has one letter per column, l or r.
// Cells must already be escaped.
func mdTable(b *bytes.Buffer, header []string, align string, rows [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for _, a := range align {
		if a == 'r' {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteByte('\n')
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}

// mdText escapes text from a source for Markdown. Every character that can
// start an inline construct (emphasis, code, links, raw HTML, entities,
// strikethrough, math, table cells, headings) gets a backslash, which
// CommonMark allows before any ASCII punctuation; a leading list or
// heading marker does too; line breaks become spaces (clean), so nothing
// can start a new block.
func mdText(s string) string {
	rs := []rune(clean(s))
	var b strings.Builder
	digits := true // only digits so far: "1. " would start a list
	for i, r := range rs {
		listEnd := digits && i > 0 && (r == '.' || r == ')') && (i+1 == len(rs) || rs[i+1] == ' ')
		if strings.ContainsRune("\\`*_[]<>|#~&$!", r) || i == 0 && strings.ContainsRune("+-=", r) || listEnd {
			b.WriteByte('\\')
		}
		digits = digits && r >= '0' && r <= '9'
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode shows s as a code span, where nothing is interpreted; text a code
// span cannot hold (a backtick, or a pipe, which splits a table cell even
// inside code) is escaped as plain text instead.
func mdCode(s string) string {
	s = clean(s)
	if s == "" || strings.ContainsAny(s, "`|") {
		return mdText(s)
	}
	return "`" + s + "`"
}

func mdCodes(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = mdCode(s)
	}
	return strings.Join(out, ", ")
}

// MarkdownText is mdText for other packages' tests and tools: s escaped
// for Markdown.
func MarkdownText(s string) string { return mdText(s) }
