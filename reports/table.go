package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/taxonomy"
)

func init() { register("table", TableWriter{}) }

// lineWidth is the most columns a line of the summary takes.
const lineWidth = 100

// TableWriter writes the human summary printed on stdout after a scan:
// headline, records per category, tables with findings by tier, errors
// last (where a terminal leaves them in view). Tables with no finding are
// counted, not listed: the md, html and csv reports list every table.
// Plain text, no colour; text from a source is cleaned of control
// characters, so a table name cannot drive the terminal.
type TableWriter struct{}

func (TableWriter) Write(w io.Writer, r *Report) error {
	s := summarize(r)
	var b bytes.Buffer
	sc := r.Scan
	head := fmt.Sprintf("%s %s: %s scan", clean(r.Tool.Name), clean(r.Tool.Version), clean(sc.Mode))
	if sc.Mode == "sample" {
		head += fmt.Sprintf(", %s rows sampled per table", thousands(int64(sc.SampleRows)))
	}
	para(&b, head, "  ")
	started := "Started " + when(sc.StartedAt)
	if d := took(sc); d != "" {
		started += ", took " + d
	}
	para(&b, started, "  ")
	b.WriteByte('\n')
	if s.Sources == 0 {
		b.WriteString("No sources were scanned.\n")
	}
	para(&b, "Persons: "+personsText(s), "  ")
	para(&b, "Records holding personal data: "+estimateText(s.Records), "  ")
	fmt.Fprintf(&b, "Tables: %s scanned in %s, %s with findings\n",
		thousands(int64(s.Tables)), plural(s.Sources, "source", "sources"), thousands(int64(s.TablesWithFindings)))
	if len(s.Errors) > 0 {
		para(&b, "INCOMPLETE: "+notScanned(s.Errors)+" could not be scanned (listed at the end); "+
			"the absence of personal data there cannot be certified.", "  ")
	}

	if len(s.Categories) > 0 {
		b.WriteString("\nRecords by category\n")
		var rows [][]string
		for _, c := range s.Categories {
			bnd := "exact"
			if !c.Records.IsExact() {
				bnd = bounds(c.Records)
			}
			rows = append(rows, []string{clean(c.Label), c.Class.String(), approx(c.Records), bnd})
		}
		aligned(&b, []string{"CATEGORY", "CLASS", "RECORDS", "95% BOUNDS"}, rows, nil)
	}

	var rows [][]string
	none := 0
	for _, t := range s.Ranked {
		if !hasFindings(t.Table) {
			none++
			continue
		}
		rows = append(rows, []string{clean(t.Table.Exposure.Tier), approx(t.Table.Exposure.Records),
			clean(t.Source.Name), clean(t.Table.QualifiedName()),
			clean(strings.Join(t.Table.Exposure.Categories, ", "))})
	}
	if len(rows) > 0 {
		b.WriteString("\nTables with findings, most serious tier first\n")
		aligned(&b, []string{"TIER", "RECORDS", "SOURCE", "TABLE", "CATEGORIES"}, rows, []int{8, 14, 16, 32})
	}
	if none > 0 {
		fmt.Fprintf(&b, "\nTables with no finding (tier %s): %s\n", taxonomy.TierNone, thousands(int64(none)))
	}

	if len(s.Errors) > 0 {
		fmt.Fprintf(&b, "\nCould not be scanned (%d): no finding there does not mean no personal data\n", len(s.Errors))
		var rows [][]string
		for _, e := range s.Errors {
			rows = append(rows, []string{clean(e.Source), clean(errTable(e.Error)), clean(e.Error.Error)})
		}
		aligned(&b, []string{"SOURCE", "TABLE", "ERROR"}, rows, []int{16, 32})
	}
	_, err := w.Write(b.Bytes())
	return err
}

// para writes text wrapped to lineWidth, continuation lines indented.
func para(b *bytes.Buffer, text, indent string) {
	for i, l := range wrap(text, lineWidth, lineWidth-len(indent)) {
		if i > 0 {
			b.WriteString(indent)
		}
		b.WriteString(l + "\n")
	}
}

// aligned writes rows under a header in aligned columns. Every column but
// the last is cut to its cap (caps[i], when given); the last is wrapped
// into what is left of lineWidth, its continuation lines under itself.
func aligned(b *bytes.Buffer, header []string, rows [][]string, caps []int) {
	const pad = 2
	last := len(header) - 1
	all := append([][]string{header}, rows...)
	used := 0
	for i := range last {
		wid := 0
		for _, r := range all {
			if i < len(caps) {
				r[i] = cut(r[i], caps[i])
			}
			wid = max(wid, utf8.RuneCountInString(r[i]))
		}
		used += wid + pad
	}
	room := max(lineWidth-used, 20)
	tw := tabwriter.NewWriter(b, 0, 8, pad, ' ', 0)
	for _, r := range all {
		if r[last] == "" {
			r[last] = "-" // an empty last cell would leave trailing spaces
		}
		for i, l := range wrap(r[last], room, room) {
			if i == 0 {
				fmt.Fprintln(tw, strings.Join(r[:last], "\t")+"\t"+l)
			} else {
				fmt.Fprintln(tw, strings.Repeat("\t", last)+l)
			}
		}
	}
	tw.Flush()
}

// cut shortens s to at most n runes, ending in "…" when it was cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// wrap breaks text at spaces into lines of at most first runes (the first
// line) and rest runes (the others); a word longer than a line is split.
func wrap(text string, first, rest int) []string {
	var lines []string
	line, width := "", first
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > width {
			if line != "" {
				lines, line, width = append(lines, line), "", rest
				continue
			}
			r := []rune(word)
			lines, word, width = append(lines, string(r[:width])), string(r[width:]), rest
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines, line, width = append(lines, line), word, rest
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
