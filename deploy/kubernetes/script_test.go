package kubernetes

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeAlcance writes an alcance that records its arguments, one per line,
// in argsFile.
func fakeAlcance(t *testing.T) (bin, argsFile string) {
	t.Helper()
	dir := t.TempDir()
	bin, argsFile = filepath.Join(dir, "alcance"), filepath.Join(dir, "args")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + argsFile + "'\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, argsFile
}

// runMergeScript runs merge-parts.sh with /bin/sh, as the merge Job does,
// with bin as alcance.
func runMergeScript(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("/bin/sh", append([]string{"merge-parts.sh"}, args...)...)
	cmd.Env = append(os.Environ(), "ALCANCE="+bin)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// TestMergeScriptListsExactlyTheShardsParts: parts 0 to N-1 in order, a
// stale part-N from a run with more shards left out.
func TestMergeScriptListsExactlyTheShardsParts(t *testing.T) {
	bin, argsFile := fakeAlcance(t)
	dir := t.TempDir()
	for _, p := range []string{"part-0.json", "part-1.json", "part-2.json", "part-3.json", "part-10.json"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := runMergeScript(t, bin, "3", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	got := strings.Split(strings.TrimSpace(string(mustRead(t, argsFile))), "\n")
	want := []string{"merge", "-o", dir + "/merged.json", "-o", dir + "/merged.html",
		dir + "/part-0.json", dir + "/part-1.json", dir + "/part-2.json"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("alcance ran with\n%q\nwant\n%q", got, want)
	}
}

// TestMergeScriptRefusesMissingPartsAndBadCounts: exit 2 (bad usage, which
// the merge Job does not retry) and alcance never runs.
func TestMergeScriptRefusesMissingPartsAndBadCounts(t *testing.T) {
	bin, argsFile := fakeAlcance(t)
	dir := t.TempDir()
	for _, p := range []string{"part-0.json", "part-2.json"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		args []string
		say  string
	}{
		{[]string{"3", dir}, "part-1.json is missing"},
		{[]string{"0", dir}, "whole number from 1"},
		{[]string{"", dir}, "whole number from 1"},
		{[]string{"$(SHARD_COUNT)", dir}, "whole number from 1"}, // a variable Kubernetes did not expand
		{[]string{"03", dir}, "whole number from 1"},
		{[]string{"3"}, "usage"},
	}
	for _, c := range cases {
		out, code := runMergeScript(t, bin, c.args...)
		if code != 2 || !strings.Contains(out, c.say) {
			t.Errorf("merge-parts.sh %q: exit %d, %q; want exit 2 saying %q", c.args, code, out, c.say)
		}
		if _, err := os.Stat(argsFile); err == nil {
			t.Fatalf("merge-parts.sh %q ran alcance", c.args)
		}
	}
}
