package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/reports"
)

// TestCheckpointResumesAKilledScan kills a shard of a full-mode scan while
// it runs (SIGKILL: nothing of it can clean up), runs it again with its
// checkpoint, and merges: the report equals the one of a scan never
// killed, and the re-run read again only what the first did not finish.
func TestCheckpointResumesAKilledScan(t *testing.T) {
	dir := t.TempDir()
	a, b := institutions(t, dir)
	key := filepath.Join(dir, "k")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	bin := buildCLI(t)
	args := func(i int, ck string) []string {
		out := []string{"scan", "--mode", "full", "--concurrency", "1", "--hash-key-file", key,
			"--shard", fmt.Sprintf("%d/2", i), "--persons-out", filepath.Join(dir, fmt.Sprintf("p%d.persons", i)),
			"-o", filepath.Join(dir, fmt.Sprintf("p%d.json", i))}
		if ck != "" {
			out = append(out, "--checkpoint", ck)
		}
		return append(out, a, b)
	}
	// The reference: both shards, never killed.
	for i := range 2 {
		if out, err := exec.Command(bin, args(i, "")...).CombinedOutput(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, out)
		}
	}
	mergeTo := func(name string) *reports.Report {
		out := filepath.Join(dir, name)
		if o, err := exec.Command(bin, "merge", "-o", out, filepath.Join(dir, "p0.json"), filepath.Join(dir, "p1.json")).CombinedOutput(); err != nil {
			t.Fatalf("merge: %v\n%s", err, o)
		}
		return loadReport(t, out)
	}
	want := mergeTo("reference.json")

	// Shard 0 again, killed after a few tables.
	ck := filepath.Join(dir, "p0.checkpoint")
	cmd := exec.Command(bin, args(0, ck)...)
	pipe, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	started := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "scanning") {
			started++
			if started == 6 {
				cmd.Process.Kill()
				break
			}
		}
	}
	cmd.Wait()
	if started < 6 {
		t.Fatalf("the scan ended before it could be killed (%d tables started)", started)
	}
	out, err := exec.Command(bin, args(0, ck)...).CombinedOutput()
	if err != nil {
		t.Fatalf("resumed shard: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "resuming") || !strings.Contains(string(out), "restored") {
		t.Errorf("the re-run did not resume from the checkpoint:\n%s", out)
	}
	got := mergeTo("resumed.json")
	for _, f := range []struct {
		name       string
		want, have reports.Figure
	}{
		{"persons", want.Exposure.Persons, got.Exposure.Persons},
		{"persons_with_health", want.Exposure.PersonsWithHealth, got.Exposure.PersonsWithHealth},
		{"minors", want.Exposure.Minors, got.Exposure.Minors},
		{"identity_kit", want.Exposure.IdentityKit, got.Exposure.IdentityKit},
		{"financial", want.Exposure.Financial, got.Exposure.Financial},
		{"persons_in_several_sources", want.Exposure.PersonsInSeveralSources, got.Exposure.PersonsInSeveralSources},
	} {
		if f.want.Estimate != f.have.Estimate {
			t.Errorf("%s: resumed %+v, never killed %+v", f.name, f.have.Estimate, f.want.Estimate)
		}
	}
	for c, e := range want.Exposure.RecordsByCategory {
		if got.Exposure.RecordsByCategory[c] != e {
			t.Errorf("records %s: resumed %+v, never killed %+v", c, got.Exposure.RecordsByCategory[c], e)
		}
	}
	if fmt.Sprint(findingsOf(want)) != fmt.Sprint(findingsOf(got)) {
		t.Errorf("findings differ")
	}
	// A checkpoint of another scan is refused.
	other := append(args(1, ck)[:0:0], args(1, ck)...)
	if o, err := exec.Command(bin, other...).CombinedOutput(); err == nil || !strings.Contains(string(o), "checkpoint") {
		t.Errorf("shard 1 with shard 0's checkpoint: %v\n%s", err, o)
	}
}
