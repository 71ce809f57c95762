// Command alcance-eval measures alcance's accuracy: it generates the
// labelled synthetic corpus, scans it, and prints precision, recall and F1
// per category, the calibration of confidences, findings on hard-negative
// tables and the persons figure against the truth. It exits 1 when the
// accuracy the project promises is not met. `make eval` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/eval"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
)

func main() {
	persons := flag.Int("persons", 20000, "size of the person pool")
	seed := flag.Uint64("seed", 7, "generator seed")
	dir := flag.String("dir", "eval", "where to write the corpus")
	sampleRows := flag.Int("sample-rows", 10000, "rows sampled per table")
	minF1 := flag.Float64("min-f1", 0.95, "fail below this overall F1")
	flag.Parse()

	if err := run(*persons, *seed, *dir, *sampleRows, *minF1); err != nil {
		fmt.Fprintf(os.Stderr, "alcance-eval: %v\n", err)
		os.Exit(1)
	}
}

func run(persons int, seed uint64, dir string, sampleRows int, minF1 float64) error {
	ctx := context.Background()
	start := time.Now()
	corpus, err := synth.Generate(synth.Config{Seed: seed, Persons: persons})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dbPath := filepath.Join(dir, "corpus.db")
	os.Remove(dbPath)
	if err := corpus.WriteSQLite(ctx, dbPath); err != nil {
		return err
	}
	fmt.Printf("corpus: %d persons, seed %d, %d tables, written in %s\n\n", persons, seed, len(corpus.Tables), time.Since(start).Round(time.Millisecond))

	spec, err := connectors.Parse(dbPath)
	if err != nil {
		return err
	}
	labels := corpus.Labels()
	failed := false
	for _, target := range []struct {
		name string
		spec connectors.Spec
	}{{"sqlite", spec}} {
		t0 := time.Now()
		rep, _ := scan.Run(ctx, scan.Config{
			Sources: []connectors.Spec{target.spec}, Connect: connectors.DefaultOptions(),
			SampleRows: sampleRows, Version: "eval",
		})
		res := eval.Score(rep, labels)
		res.Print(os.Stdout, fmt.Sprintf("%s (scanned in %s)", target.name, time.Since(t0).Round(time.Millisecond)))
		if f1 := res.Overall.F1(); f1 < minF1 {
			fmt.Printf("FAIL %s: overall F1 %.3f below %.2f\n", target.name, f1, minF1)
			failed = true
		}
		if len(res.HardNegatives) > 0 {
			fmt.Printf("FAIL %s: findings on hard-negative tables\n", target.name)
			failed = true
		}
		if res.PersonsFound != int64(res.PersonsTrue) {
			fmt.Printf("FAIL %s: persons %d, true %d\n", target.name, res.PersonsFound, res.PersonsTrue)
			failed = true
		}
	}
	if failed {
		return fmt.Errorf("accuracy below target")
	}
	return nil
}
