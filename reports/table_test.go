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

// The headline gives the figure to report and says its bounds in plain
// words: what is certain, what may be more, and when there is no upper
// bound at all (never "0, exact" for a lower bound).
func TestPersonsHeadline(t *testing.T) {
	for _, c := range []struct {
		e    Estimate
		want []string
	}{
		{Exact(58000), []string{"Figure to report: 58,000 people", "This figure is exact"}},
		{est(58000, 58000, 61200), []string{"Figure to report: 58,000 people", "58,000 people are certain; the true number is at most 61,200"}},
		{est(58000, 57100, 58900), []string{"Figure to report: ~58,000 people", "between 57,100 and 58,900"}},
		{Exact(58000).Opened(), []string{"Figure to report: ≥58,000 people", "lower bound: at least 58,000", "no upper bound"}},
		{Exact(0).Opened(), []string{"Figure to report: ≥0 people", "at least 0"}},
		{Estimate{}, []string{"Figure to report: 0 people", "This figure is exact"}},
	} {
		for _, format := range []string{"table", "md", "html"} {
			r := emptyReport()
			r.Exposure.Persons = Figure{Estimate: c.e, MethodID: "persons.identity"}
			Localize(r, English)
			out := string(render(t, format, r))
			for _, want := range c.want {
				if !strings.Contains(out, want) {
					t.Errorf("%s, persons %+v: want %q in\n%s", format, c.e, want, out)
				}
			}
			if c.e.Open && c.e.Value > 0 && strings.Contains(out, "exactly "+thousands(c.e.Value)) {
				t.Errorf("%s: an open figure is called exact", format)
			}
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
