package synth

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"testing"
)

func corpusHashes(t *testing.T, cfg Config) (map[string]string, []byte) {
	t.Helper()
	c, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, tb := range c.Tables {
		out[tb.Name] = tableHash(tb)
	}
	var labels bytes.Buffer
	if err := c.WriteLabels(&labels); err != nil {
		t.Fatal(err)
	}
	return out, labels.Bytes()
}

// The same seed gives the same rows and labels; another seed, other rows;
// and each call of Table.Generate replays the same rows.
func TestDeterminism(t *testing.T) {
	a, la := corpusHashes(t, Config{Seed: 9, Persons: 3000})
	b, lb := corpusHashes(t, Config{Seed: 9, Persons: 3000})
	d, ld := corpusHashes(t, Config{Seed: 10, Persons: 3000})
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s: same seed, different rows", name)
		}
	}
	if !bytes.Equal(la, lb) {
		t.Error("same seed, different labels")
	}
	if bytes.Equal(la, ld) {
		t.Error("different seeds, same labels")
	}
	for _, name := range []string{"padron_beneficiarios", "consultas", "RCNACIM", "EXP_PROV_2019", "cat_productos", "facturas"} {
		if a[name] == d[name] {
			t.Errorf("%s: different seeds, same rows", name)
		}
	}
	c := corpus(t)
	for _, tb := range c.Tables {
		if tableHash(tb) != tableHash(tb) {
			t.Errorf("%s: two calls of Generate differ", tb.Name)
		}
	}
}

// Tables draw from their own streams: removing a table changes no other.
func TestTablesIndependent(t *testing.T) {
	all := DefaultStyles()
	var some []Style
	for _, s := range all {
		if s.Name != "padron_beneficiarios" && s.Name != "cat_productos" {
			some = append(some, s)
		}
	}
	a, _ := corpusHashes(t, Config{Seed: 3, Persons: 2000, Styles: all})
	b, _ := corpusHashes(t, Config{Seed: 3, Persons: 2000, Styles: some})
	for name, h := range b {
		if a[name] != h {
			t.Errorf("%s changed when other tables were left out", name)
		}
	}
}

// Tiny and odd sizes still work.
func TestSmallPools(t *testing.T) {
	for _, n := range []int{1, 2, 17, 300} {
		c, err := Generate(Config{Seed: 1, Persons: n})
		if err != nil {
			t.Fatalf("%d persons: %v", n, err)
		}
		for _, tb := range c.Tables {
			k := 0
			tb.Generate(func([]any) bool { k++; return true })
			if k != tb.Rows {
				t.Errorf("%d persons, %s: %d rows, want %d", n, tb.Name, k, tb.Rows)
			}
		}
	}
	if _, err := Generate(Config{Persons: 0}); err == nil {
		t.Error("0 persons accepted")
	}
}

// The pool is built in parallel chunks, each with its own stream: the
// result does not depend on how many goroutines ran.
func TestPoolIndependentOfParallelism(t *testing.T) {
	hash := func() string {
		c, err := Generate(Config{Seed: 5, Persons: 3*poolChunk + 123, Styles: []Style{}})
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		for i := range int32(c.Pool.Len()) {
			ps := c.Pool.Person(i)
			fmt.Fprintf(h, "%s|%s|%s|%s|%s|%s\n", ps.CURP, ps.RegistryName(), ps.Address.StreetLine(), ps.Address.PostalCode, ps.Phone, ps.Email)
		}
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	many := hash()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if one := hash(); one != many {
		t.Error("pool differs with GOMAXPROCS=1")
	}
}
