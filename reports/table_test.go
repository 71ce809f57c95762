package reports

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTableGolden(t *testing.T) {
	for _, l := range Langs {
		golden(t, "report."+string(l)+".txt", render(t, "table", sampleIn(l)))
		golden(t, "interrupted."+string(l)+".txt", render(t, "table", localized(interruptedReport(), l)))
	}
}

// The summary must fit a 100-column terminal even when a source has names
// and errors far longer than that, and must not pass control characters
// (escape sequences, line breaks) from a source to the terminal.
func TestTableFitsAndIsClean(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "hostile": hostileReport()} {
		out := string(render(t, "table", r))
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > lineWidth {
				t.Errorf("%s: line %d is %d columns: %q", name, i+1, n, line)
			}
			if strings.TrimRight(line, " ") != line {
				t.Errorf("%s: line %d ends in spaces: %q", name, i+1, line)
			}
		}
		if strings.ContainsAny(out, "\x1b\r\t\u202e") {
			t.Errorf("%s: a control character reached the output:\n%q", name, out)
		}
	}
	// The long error is wrapped, not cut: every word of it is there.
	out := string(render(t, "table", hostileReport()))
	if got := strings.Count(out, "very long error"); got != 20 {
		t.Errorf("the wrapped error shows %d of its 20 phrases:\n%s", got, out)
	}
}

// The headline says whether persons is exact, what its bounds are (not a
// 95% interval: what is certain), and how it was counted.
func TestPersonsHeadline(t *testing.T) {
	for _, c := range []struct {
		p    Figure
		want string
	}{
		{Figure{Estimate: Estimate{Value: 58000, Low: 58000, High: 58000}, Method: "distinct valid CURP"}, "Persons: 58,000, exact (distinct valid CURP)"},
		{Figure{Estimate: Estimate{Value: 58000, Low: 58000, High: 61200}, Method: "distinct valid CURP"}, "Persons: at least 58,000, at most 61,200 (distinct valid CURP)"},
		{Figure{Estimate: Estimate{Value: 58000, Low: 57100, High: 58900}, Method: "sampled CURP"}, "Persons: ~58,000, between 57,100 and 58,900 (sampled CURP)"},
		{Figure{Estimate: Estimate{Value: 58000, Low: 57100, High: 58900}, Method: ""}, "Persons: ~58,000, between 57,100 and 58,900\n"},
		{Figure{}, "Persons: 0, exact\n"},
	} {
		r := emptyReport()
		r.Exposure.Persons = c.p
		if out := string(render(t, "table", r)); !strings.Contains(out, c.want) {
			t.Errorf("persons %+v: want %q in\n%s", c.p, c.want, out)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 58000: "58,000",
		1234567: "1,234,567", -1234: "-1,234", 100000: "100,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// wrap keeps every word, in order, and no line over its width.
func TestWrap(t *testing.T) {
	text := "a bb ccc dddddddddddddddddddddd ee f"
	lines := wrap(text, 5, 8)
	for i, l := range lines {
		if w := map[bool]int{true: 5, false: 8}[i == 0]; utf8.RuneCountInString(l) > w {
			t.Errorf("line %d %q is wider than %d", i, l, w)
		}
	}
	if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(text, " ", "") {
		t.Errorf("wrap lost text: %q", lines)
	}
	if got := wrap("", 10, 10); len(got) != 1 || got[0] != "" {
		t.Errorf("wrap of nothing = %q, want one empty line", got)
	}
}
