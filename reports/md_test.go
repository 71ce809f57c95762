package reports

import (
	"strings"
	"testing"
)

func TestMarkdownGolden(t *testing.T) {
	for _, l := range Langs {
		golden(t, "report."+string(l)+".md", render(t, "md", sampleIn(l)))
		golden(t, "interrupted."+string(l)+".md", render(t, "md", localized(interruptedReport(), l)))
	}
}

func TestMdText(t *testing.T) {
	for in, want := range map[string]string{
		"public.beneficiarios":  "public.beneficiarios",
		"a|b":                   `a\|b`,
		"`x`":                   "\\`x\\`",
		"# head":                `\# head`,
		"*bold* _it_":           `\*bold\* \_it\_`,
		"<script>":              `\<script\>`,
		"[l](u)":                `\[l\](u)`,
		"&amp;":                 `\&amp;`,
		`back\slash`:            `back\\slash`,
		"- item":                `\- item`,
		"1. item":               `1\. item`,
		"0.3.0":                 "0.3.0", // not a list: no space after the dot
		"a\n# injected":         `a \# injected`,
		"GOMC******HDFRRL0*":    `GOMC\*\*\*\*\*\*HDFRRL0\*`,
		"**/**/1963":            `\*\*/\*\*/1963`,
		"H******** G***** J***": `H\*\*\*\*\*\*\*\* G\*\*\*\*\* J\*\*\*`,
	} {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"GOMC******HDFRRL0*": "`GOMC******HDFRRL0*`",
		"a|b":                `a\|b`, // a pipe splits a table cell even inside code
		"a`b":                "a\\`b",
	} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// cellBoundaries counts the pipes of a table row that are not escaped.
func cellBoundaries(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // the next character is escaped
		case '|':
			n++
		}
	}
	return n
}

// A hostile name must not add table cells, start a heading, open raw HTML
// or emphasis anywhere in the document.
func TestMarkdownEscapesHostileText(t *testing.T) {
	out := string(render(t, "md", hostileReport()))
	lines := strings.Split(out, "\n")
	cells := -1
	for i, line := range lines {
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		n := cellBoundaries(line)
		if cells >= 0 && n != cells {
			t.Errorf("line %d has %d cell boundaries, its table %d: %s", i+1, n, cells, line)
		}
		cells = n
	}
	// Headings are the catalogue's section titles, or a table's name
	// (escaped) under ###.
	titles := map[string]bool{"# " + Spanish.T("meta.title"): true}
	for k := range catalog {
		if strings.HasPrefix(k, "sec.") {
			titles["## "+Spanish.T(k)] = true
		}
	}
	for i, line := range lines {
		if strings.HasPrefix(line, "#") && !titles[line] && !strings.HasPrefix(line, "### ") {
			t.Errorf("line %d is an unexpected heading: %s", i+1, line)
		}
	}
	for _, raw := range []string{evilTable, "<script>", "<b>", "`x`", "`tick`", "*y*", "_z_", "[l]", ") # injected", "\x1b", "\u202e"} {
		if strings.Contains(out, raw) {
			t.Errorf("%q reached the Markdown unescaped", raw)
		}
	}
	for _, want := range []string{`\<script\>alert(1)\</script\>\|x`, `\# injected heading`} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in the Markdown (escaped, not dropped)", want)
		}
	}
}
