package scan

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"hash"
	"sync"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
)

// personSet counts distinct people by their CURP without keeping any: each
// valid CURP is reduced to a keyed hash (HMAC-SHA256, truncated to 128
// bits, collisions negligible at national scale). The key is random per
// scan unless the user supplies one (--hash-key-file), which makes hashes
// comparable across scans and shards but is then a secret to guard: with
// the key, anyone could test whether a given CURP was in the data.
type personSet struct {
	mu   sync.Mutex
	key  []byte
	seen map[[16]byte]struct{}
	pool sync.Pool
}

// NewHashKey returns a random 32-byte key.
func NewHashKey() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic("alcance: no system randomness: " + err.Error())
	}
	return k
}

func newPersonSet(key []byte) *personSet {
	if len(key) == 0 {
		key = NewHashKey()
	}
	p := &personSet{key: key, seen: map[[16]byte]struct{}{}}
	p.pool.New = func() any { return hmac.New(sha256.New, p.key) }
	return p
}

// hash returns the keyed hash of a canonical CURP.
func (p *personSet) hash(curp string) [16]byte {
	h := p.pool.Get().(hash.Hash)
	h.Reset()
	h.Write([]byte(curp))
	var sum [32]byte
	h.Sum(sum[:0])
	p.pool.Put(h)
	var out [16]byte
	copy(out[:], sum[:16])
	return out
}

// addAll records a batch of hashes.
func (p *personSet) addAll(hs [][16]byte) {
	p.mu.Lock()
	for _, h := range hs {
		p.seen[h] = struct{}{}
	}
	p.mu.Unlock()
}

func (p *personSet) count() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return int64(len(p.seen))
}

// readCURPs reads the table's CURP columns in full (or uses the sample when
// it holds every row), adds every valid CURP to the person set and returns
// the exact number of rows that hold one. When the source cannot stream
// columns, or the full read fails, it falls back to the sample: the record
// count becomes an estimate, inFull is false, and the sample's CURPs still
// count as persons (they are certainly there). A failed read is returned as
// readErr for the report; it does not fail the table.
func readCURPs(ctx context.Context, cfg Config, src connectors.Source, t connectors.Table, total connectors.RowCount,
	sample *connectors.Sample, cols []connectors.Column, persons *personSet) (records reports.Estimate, inFull bool, readErr error) {
	var rows int64
	var hashes [][16]byte
	visit := func(values []string) {
		found := false
		for _, v := range values {
			if c, r := validate.ParseCURP(v, cfg.Today); r == validate.OK {
				hashes = append(hashes, persons.hash(c.Value))
				found = true
			}
		}
		if found {
			rows++
		}
	}
	fromSampleRows := func() {
		idx := make([]int, 0, len(cols))
		for _, c := range cols {
			for i, sc := range sample.Columns {
				if sc.Name == c.Name {
					idx = append(idx, i)
				}
			}
		}
		values := make([]string, len(idx))
		for r := 0; r < sample.Rows; r++ {
			for j, i := range idx {
				values[j] = sample.Values[i][r]
			}
			visit(values)
		}
	}

	reader, canStream := src.(connectors.ColumnReader)
	if sample.Complete || !canStream {
		fromSampleRows()
		persons.addAll(hashes)
		if sample.Complete {
			return reports.Exact(rows), true, nil
		}
		return exposure.FromSample(int(rows), sample.Rows, total.Value), false, nil
	}
	cfg.Progress("reading CURP columns of %s in full", t.QualifiedName())
	err := reader.ReadColumns(ctx, t, cols, func(values []string) error {
		visit(values)
		return nil
	})
	if err != nil {
		rows, hashes = 0, hashes[:0]
		fromSampleRows()
		persons.addAll(hashes)
		return exposure.FromSample(int(rows), sample.Rows, total.Value), false,
			fmt.Errorf("reading CURP columns in full failed, so its CURP counts are estimates from the sample: %w", err)
	}
	persons.addAll(hashes)
	return reports.Exact(rows), true, nil
}
