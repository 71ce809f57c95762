package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/alcance-mx/alcance/reports"
)

// chromium finds Debian's headless-capable Chromium. The browser test is
// skipped without it, except in CI (CI=true), where it must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("ALCANCE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI=true requires the browser test (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium): the browser test did not run")
	return ""
}

// TestDemoReportInBrowser renders the demo's HTML report in headless
// Chromium and checks what a reader gets: the headline figures in the DOM
// equal the JSON report's, the page requests nothing, it prints in at most
// 12 pages on A4 and on Letter, and at 400 px nothing runs off the screen.
// With ALCANCE_SCREENSHOTS=DIR it also saves the README's screenshots.
func TestDemoReportInBrowser(t *testing.T) {
	exe := chromium(t)
	dir := t.TempDir()
	if code, _, stderr := runCLI("demo", "--dir", dir); code != exitOK {
		t.Fatalf("demo: exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	pageURL := "file://" + filepath.Join(dir, "report.html")

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser and must not carry a timeout; the
	// work after it does.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var requests []string
	events := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		}
	}()
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL), chromedp.WaitReady("#headline")); err != nil {
		t.Fatal(err)
	}

	// The headline figures, as the DOM holds them.
	attr := func(sel string) string {
		r, err := chromedp.Run(tctx, chromedp.AttributeValue(sel, "data-value"))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return r.Value
	}
	headline, err := chromedp.Run(tctx, chromedp.Text("#fig-persons"))
	if err != nil {
		t.Fatal(err)
	}
	var sumRecords int64
	for _, s := range rep.Sources {
		for _, tb := range s.Tables {
			sumRecords += tb.Exposure.Records.Value
		}
	}
	for sel, want := range map[string]int64{
		"#fig-persons": rep.Exposure.Persons.Value, "#fig-health": rep.Exposure.PersonsWithHealth.Value,
		"#fig-minors": rep.Exposure.Minors.Value, "#fig-records": sumRecords,
		"#fig-notscanned": int64(len(rep.Errors())),
	} {
		if got := attr(sel); got != strconv.FormatInt(want, 10) {
			t.Errorf("%s in the DOM = %q, the JSON report says %d", sel, got, want)
		}
	}
	if want := reports.Spanish.T("head.report", thousands(rep.Exposure.Persons.Value)); !strings.Contains(headline, want) &&
		!strings.Contains(headline, "~"+thousands(rep.Exposure.Persons.Value)) {
		t.Errorf("the headline reads %q, want %q", headline, want)
	}

	// Printed: at most 12 pages on A4 and on Letter.
	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}} {
		pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size), chromedp.PDFPrintBackground()))
		if err != nil {
			t.Fatal(err)
		}
		if shots := os.Getenv("ALCANCE_SCREENSHOTS"); shots != "" {
			os.WriteFile(filepath.Join(shots, "report-"+strings.ToLower(paper.name)+".pdf"), pdf, 0o644)
		}
		n := pdfPages(pdf)
		t.Logf("%s: %d printed pages", paper.name, n)
		if n < 1 || n > 12 {
			t.Errorf("%s: the demo prints in %d pages, want at most 12", paper.name, n)
		}
	}

	shots := os.Getenv("ALCANCE_SCREENSHOTS")
	shot := func(name string) {
		if shots == "" {
			return
		}
		png, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(shots, name), png, 0o644)
	}
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1200, 1400)); err != nil {
		t.Fatal(err)
	}
	shot("report-desktop.png")

	// At 400 px nothing runs off the screen (wide tables scroll inside
	// their own box, or turn into one block per row).
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(400, 860, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth, out = [];
		if (document.documentElement.scrollWidth > w) out.push("document " + document.documentElement.scrollWidth + " > " + w);
		for (const el of document.body.querySelectorAll("*")) {
			if (el.closest(".scroll")) continue;
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className + " right " + Math.round(r.right));
		}
		return out.slice(0, 10);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(overflow) > 0 {
		t.Errorf("at 400 px, content runs off the screen: %q", overflow)
	}
	shot("report-phone.png")

	mu.Lock()
	defer mu.Unlock()
	for _, u := range requests {
		if u != pageURL {
			t.Errorf("the page requested %s", u)
		}
	}
	if len(requests) == 0 {
		t.Error("no request seen at all: is the network listener working?")
	}
}

// pdfPages counts the page objects of a PDF.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, out...), ",")
}
