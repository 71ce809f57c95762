package reports

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestHTMLGolden(t *testing.T) {
	for _, l := range Langs {
		golden(t, "report."+string(l)+".html", render(t, "html", sampleIn(l)))
		golden(t, "interrupted."+string(l)+".html", render(t, "html", localized(interruptedReport(), l)))
	}
}

// forbidden elements would run code or fetch something.
var forbidden = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "img": true,
	"image": true, "link": true, "base": true, "form": true, "audio": true, "video": true, "source": true,
	"use": true, "foreignobject": true}

// refAttrs are attributes whose value is a URL to fetch or follow.
var refAttrs = map[string]bool{"src": true, "href": true, "action": true, "formaction": true, "srcset": true,
	"poster": true, "data": true, "background": true, "ping": true, "manifest": true, "cite": true}

// walkHTML parses the page as XML (the template writes well-formed markup,
// so a broken tag fails here too) and calls f for every element.
func walkHTML(t *testing.T, page []byte, f func(xml.StartElement)) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			f(e)
		}
	}
}

// The page must load nothing from anywhere and run nothing, whatever the
// source's names: no URL but a #fragment, no script, no event handler.
func TestHTMLSelfContained(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "hostile": hostileReport(),
		"empty": emptyReport(), "failed": failedReport()} {
		page := render(t, "html", r)
		elements := 0
		walkHTML(t, page, func(e xml.StartElement) {
			elements++
			if forbidden[strings.ToLower(e.Name.Local)] {
				t.Errorf("%s: <%s> element", name, e.Name.Local)
			}
			for _, a := range e.Attr {
				n := strings.ToLower(a.Name.Local)
				if refAttrs[n] && !strings.HasPrefix(a.Value, "#") {
					t.Errorf("%s: <%s %s=%q> refers outside the page", name, e.Name.Local, n, a.Value)
				}
				if strings.HasPrefix(n, "on") || a.Name.Space != "" && a.Name.Space != "xmlns" {
					t.Errorf("%s: <%s> has attribute %s:%s", name, e.Name.Local, a.Name.Space, n)
				}
			}
		})
		if elements < 20 {
			t.Errorf("%s: only %d elements parsed; is this the page?", name, elements)
		}
		lower := strings.ToLower(string(page))
		for _, bad := range []string{"url(", "@import", "<script", "javascript:"} {
			if strings.Contains(lower, bad) && !(name == "hostile" && bad == "javascript:") {
				t.Errorf("%s: %q in the page", name, bad)
			}
		}
		if name != "hostile" && (strings.Contains(lower, "http://") || strings.Contains(lower, "https://")) {
			t.Errorf("%s: an http(s) address in the page", name)
		}
	}
}

// Names from the source render as text, escaped, never as markup.
func TestHTMLEscapesHostileText(t *testing.T) {
	page := string(render(t, "html", hostileReport()))
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;|x",
		"x&#34; onmouseover=&#34;alert(1)",
		"@SUM(A1) # injected heading\ufffd[31m red \ufffd", // controls and bidi overrides replaced
	} {
		if !strings.Contains(page, want) {
			t.Errorf("want %q in the page", want)
		}
	}
	if strings.Contains(page, "<b>bold") || strings.ContainsAny(page, "\x1b\u202e") {
		t.Error("source text reached the page unescaped")
	}
}

// The chart has one bar per category and an interval for each estimate.
func TestHTMLChart(t *testing.T) {
	r := sampleIn(English)
	page := string(render(t, "html", r))
	estimates := 0
	for _, e := range r.Exposure.RecordsByCategory {
		if !e.IsExact() {
			estimates++
		}
	}
	if got, want := strings.Count(page, `<rect x="250"`), len(r.Exposure.RecordsByCategory); got != want {
		t.Errorf("%d bars, want %d", got, want)
	}
	if got := strings.Count(page, `<path class="err"`); got != estimates {
		t.Errorf("%d error bars, want %d (one per estimate)", got, estimates)
	}
	for _, want := range []string{`role="img"`, `aria-labelledby="chart-title chart-desc"`, "@media print",
		"official identifier", "sensitive", "financial", "identity and contact"} {
		if !strings.Contains(page, want) {
			t.Errorf("want %q in the page", want)
		}
	}
}
