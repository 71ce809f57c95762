package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

func init() { register("md", MarkdownWriter{}) }

// MarkdownWriter writes the report for a ticket or a regulator's annex: the
// stdout summary's content, every table (tier none included) and each
// table's column findings. Text from a source goes through mdText or
// mdCode, so a hostile table name cannot break the document.
type MarkdownWriter struct{}

func (MarkdownWriter) Write(w io.Writer, r *Report) error {
	s := summarize(r)
	var b bytes.Buffer
	sc := r.Scan
	b.WriteString("# alcance report\n\n")
	meta := fmt.Sprintf("%s %s · %s scan", mdText(r.Tool.Name), mdText(r.Tool.Version), mdText(sc.Mode))
	if sc.Mode == "sample" {
		meta += fmt.Sprintf(", %s rows sampled per table", thousands(int64(sc.SampleRows)))
	}
	meta += " · started " + when(sc.StartedAt)
	if d := took(sc); d != "" {
		meta += ", took " + d
	}
	if len(sc.FailOn) > 0 {
		meta += " · gate " + mdCode("--fail-on "+strings.Join(sc.FailOn, ","))
	}
	b.WriteString(meta + "\n\n## Summary\n\n")
	if s.Sources == 0 {
		b.WriteString("No sources were scanned.\n\n")
	}
	fmt.Fprintf(&b, "- **Distinct persons:** %s\n", personsFigure(s.Persons))
	if s.PersonsMethod != "" {
		fmt.Fprintf(&b, "- **How persons were counted:** %s\n", mdText(s.PersonsMethod))
	}
	fmt.Fprintf(&b, "- **Records holding personal data:** %s\n", estimateText(s.Records))
	fmt.Fprintf(&b, "- **Tables scanned:** %s in %s, %s with findings\n",
		thousands(int64(s.Tables)), plural(s.Sources, "source", "sources"), thousands(int64(s.TablesWithFindings)))
	if len(s.Errors) > 0 {
		fmt.Fprintf(&b, "- **Incomplete:** %s could not be scanned; the absence of personal data there cannot be certified.\n",
			notScanned(s.Errors))
		b.WriteString("\n## Could not be scanned\n\n")
		var rows [][]string
		for _, e := range s.Errors {
			rows = append(rows, []string{mdText(e.Source), mdText(errTable(e.Error)), mdText(e.Error.Error)})
		}
		mdTable(&b, []string{"Source", "Table", "Error"}, "lll", rows)
	}

	if s.Sources > 0 {
		b.WriteString("\n## Sources\n\n")
		var rows [][]string
		for _, src := range r.Sources {
			rows = append(rows, []string{mdText(src.Name), mdText(src.Kind), mdCode(src.Location),
				thousands(int64(len(src.Tables))), thousands(int64(len(src.Errors)))})
		}
		mdTable(&b, []string{"Source", "Kind", "Location", "Tables", "Errors"}, "lllrr", rows)
	}

	if len(s.Categories) > 0 {
		b.WriteString("\n## Records by category\n\n")
		var rows [][]string
		for _, c := range s.Categories {
			rows = append(rows, []string{mdText(c.Label), mdCode(c.ID), c.Class.String(), approx(c.Records), mdBounds(c.Records)})
		}
		mdTable(&b, []string{"Category", "Id", "Class", "Records", "95% bounds"}, "lllrr", rows)
	}

	if len(s.Ranked) > 0 {
		b.WriteString("\n## Tables by tier\n\n")
		var rows [][]string
		for _, t := range s.Ranked {
			x := t.Table.Exposure
			rows = append(rows, []string{mdText(x.Tier), mdText(t.Source.Name), mdText(t.Table.QualifiedName()),
				rowsText(t.Table.Rows), approx(x.Records), mdBounds(x.Records), mdCodes(x.Categories)})
		}
		mdTable(&b, []string{"Tier", "Source", "Table", "Rows", "Records", "95% bounds", "Categories"}, "lllrrrl", rows)
		b.WriteString("\nTiers: ")
		for i, t := range tiersSeen(s.Ranked) {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "**%s**: %s", mdText(t), meaningOf(t))
		}
		b.WriteString(".\n\n## Table details\n")
		for _, t := range s.Ranked {
			mdDetails(&b, t)
		}
	}
	b.WriteString("\n## How to read this report\n\n")
	for _, p := range howToRead {
		b.WriteString("- " + p + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// mdDetails writes one table's figures and its column findings.
func mdDetails(b *bytes.Buffer, t tableRef) {
	tb, x := t.Table, t.Table.Exposure
	fmt.Fprintf(b, "\n### %s · %s\n\n", mdText(t.Source.Name), mdText(tb.QualifiedName()))
	rows := "exact"
	if !tb.Rows.Exact {
		rows = "estimated"
	}
	fmt.Fprintf(b, "- **Tier:** %s (%s)\n", mdText(x.Tier), meaningOf(x.Tier))
	fmt.Fprintf(b, "- **Rows:** %s (%s), %s read for classification\n", rowsText(tb.Rows), rows, thousands(int64(tb.SampledRows)))
	fmt.Fprintf(b, "- **Records holding personal data:** %s\n", estimateText(x.Records))
	if x.Method != "" {
		fmt.Fprintf(b, "- **How records were counted:** %s\n", mdText(x.Method))
	}
	var rs [][]string
	var quiet []string
	for _, c := range tb.Columns {
		if len(c.Findings) == 0 {
			quiet = append(quiet, mdText(c.Name))
		}
		for _, f := range c.Findings {
			evidence := mdCodes(f.Evidence)
			if f.NameOnly {
				evidence += " (name only)"
			}
			rs = append(rs, []string{mdText(c.Name), mdText(c.Type), mdCode(f.Category), ratio(f.Confidence),
				percent(f.MatchRate), evidence, mdCodes(f.Examples)})
		}
	}
	if len(quiet) > 0 {
		fmt.Fprintf(b, "- **Columns with no finding:** %s\n", strings.Join(quiet, ", "))
	}
	if len(rs) > 0 {
		b.WriteByte('\n')
		mdTable(b, []string{"Column", "Type", "Category", "Confidence", "Match rate", "Evidence", "Masked examples"}, "lllrrll", rs)
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

func mdBounds(e Estimate) string {
	if e.IsExact() {
		return "exact"
	}
	return bounds(e)
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
