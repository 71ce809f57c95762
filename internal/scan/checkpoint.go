package scan

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
)

// A checkpoint (--checkpoint FILE) records every table a scan finished:
// its part of the report, what it added to the source's notes, and what
// it added to the person set (keyed hashes only). A re-run with the same
// file, sources and key puts finished tables back without reading them
// again, and scans the rest: an interrupted or killed scan resumes, and
// gives the report it would have given.
//
// Layout: the line "alcance.checkpoint/v1", a line of JSON (checkpointHead),
// then one entry per finished table: 'T', the length of its JSON (u32),
// the JSON (checkpointTable), the length of its raw person records (u64),
// the records, and 'E'. Each entry is synced before the next begins; an
// entry cut short by a crash is dropped on re-run.

const checkpointSchema = "alcance.checkpoint/v1"

// ErrCheckpoint marks a checkpoint that belongs to another scan.
var ErrCheckpoint = errors.New("checkpoint")

type checkpointHead struct {
	KeyID      string   `json:"key_id"`
	Mode       string   `json:"mode"`
	SampleRows int      `json:"sample_rows"`
	Shard      string   `json:"shard,omitempty"`
	Sources    []string `json:"sources"` // kind and location
}

type checkpointTable struct {
	Source    int                  `json:"source"`
	Table     reports.Table        `json:"table"`
	Notes     exposure.SourceNotes `json:"notes"`
	PersonKey bool                 `json:"person_key,omitempty"`
	Rows      int64                `json:"rows_read"`
}

// Checkpoint is an open checkpoint file.
type Checkpoint struct {
	path string
	mu   sync.Mutex
	f    *os.File
	done map[string]doneTable
}

type doneTable struct {
	checkpointTable
	raw    int64 // offset of the raw records in the file
	rawLen int64
}

func doneKey(source int, table string) string { return fmt.Sprint(source, "\x00", table) }

// OpenCheckpoint opens (or creates) the checkpoint of a scan. A file made
// for other sources, another key, mode or shard is refused: resuming from
// it would mix two scans.
func OpenCheckpoint(path string, cfg Config, keyID string) (*Checkpoint, error) {
	head := checkpointHead{KeyID: keyID, Mode: cfg.Mode, SampleRows: cfg.SampleRows}
	if head.Mode == "" {
		head.Mode = "sample"
	}
	if head.SampleRows <= 0 {
		head.SampleRows = 10000
	}
	if cfg.Shards > 1 {
		head.Shard = fmt.Sprintf("%d/%d", cfg.Shard, cfg.Shards)
	}
	for _, s := range cfg.Sources {
		head.Sources = append(head.Sources, s.Kind+" "+s.Location)
	}
	c := &Checkpoint{path: path, done: map[string]doneTable{}}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCheckpoint, err)
	}
	c.f = f
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %v", ErrCheckpoint, err)
	}
	if st.Size() == 0 {
		b, _ := json.Marshal(head)
		if _, err := fmt.Fprintf(f, "%s\n%s\n", checkpointSchema, b); err != nil {
			f.Close()
			return nil, fmt.Errorf("%w: writing %s: %v", ErrCheckpoint, path, err)
		}
		return c, f.Sync()
	}
	if err := c.load(head); err != nil {
		f.Close()
		return nil, err
	}
	return c, nil
}

// load reads the finished tables of an existing checkpoint and leaves the
// file positioned after the last whole entry.
func (c *Checkpoint) load(want checkpointHead) error {
	r := bufio.NewReader(c.f)
	line, err := r.ReadString('\n')
	if err != nil || line != checkpointSchema+"\n" {
		return fmt.Errorf("%w: %s is not an alcance checkpoint", ErrCheckpoint, c.path)
	}
	headLine, err := r.ReadBytes('\n')
	var got checkpointHead
	if err != nil || json.Unmarshal(headLine, &got) != nil {
		return fmt.Errorf("%w: %s: its header is not readable", ErrCheckpoint, c.path)
	}
	switch {
	case got.KeyID != want.KeyID:
		return fmt.Errorf("%w: %s was made with another --hash-key-file", ErrCheckpoint, c.path)
	case got.Mode != want.Mode || got.SampleRows != want.SampleRows || got.Shard != want.Shard:
		return fmt.Errorf("%w: %s was made by a scan with other settings (mode %s, %d sample rows, shard %q)",
			ErrCheckpoint, c.path, got.Mode, got.SampleRows, got.Shard)
	case !slices.Equal(got.Sources, want.Sources):
		return fmt.Errorf("%w: %s was made for other sources", ErrCheckpoint, c.path)
	}
	offset := int64(len(line) + len(headLine))
	good := offset
	for {
		t, err := r.ReadByte()
		if err != nil || t != 'T' {
			break
		}
		var n32 [4]byte
		if _, err := io.ReadFull(r, n32[:]); err != nil {
			break
		}
		js := make([]byte, binary.LittleEndian.Uint32(n32[:]))
		if _, err := io.ReadFull(r, js); err != nil {
			break
		}
		var n64 [8]byte
		if _, err := io.ReadFull(r, n64[:]); err != nil {
			break
		}
		rawLen := int64(binary.LittleEndian.Uint64(n64[:]))
		raw := offset + 1 + 4 + int64(len(js)) + 8
		if _, err := r.Discard(int(rawLen)); err != nil {
			break
		}
		if e, err := r.ReadByte(); err != nil || e != 'E' {
			break
		}
		var ct checkpointTable
		if json.Unmarshal(js, &ct) != nil {
			break
		}
		c.done[doneKey(ct.Source, ct.Table.QualifiedName())] = doneTable{checkpointTable: ct, raw: raw, rawLen: rawLen}
		offset = raw + rawLen + 1
		good = offset
	}
	// A crash may have cut the last entry: drop it, and append after the
	// last whole one.
	if err := c.f.Truncate(good); err != nil {
		return fmt.Errorf("%w: %v", ErrCheckpoint, err)
	}
	if _, err := c.f.Seek(good, io.SeekStart); err != nil {
		return fmt.Errorf("%w: %v", ErrCheckpoint, err)
	}
	return nil
}

// Finished returns how many tables the checkpoint holds.
func (c *Checkpoint) Finished() int { return len(c.done) }

// Close closes the file.
func (c *Checkpoint) Close() error {
	if c == nil {
		return nil
	}
	return c.f.Close()
}

// lookup returns a finished table, if the checkpoint has it.
func (c *Checkpoint) lookup(source int, t connectors.Table) (doneTable, bool) {
	if c == nil {
		return doneTable{}, false
	}
	d, ok := c.done[doneKey(source, t.QualifiedName())]
	if ok && !samePart(d.Table.Part, t.Part) {
		// The table was split differently when it was recorded (its size
		// crossed the split threshold since): what was read then is not
		// this run's share of it, so it is read again.
		return doneTable{}, false
	}
	return d, ok
}

// samePart reports whether a recorded table covers the share of rows this
// run reads of it: the whole table in both, or the same part of as many.
func samePart(recorded *reports.TablePart, now *connectors.TablePart) bool {
	if recorded == nil || now == nil {
		return recorded == nil && now == nil
	}
	return recorded.Index == now.Index && recorded.Count == now.Count
}

// replay puts a finished table's person records back into the store.
func (c *Checkpoint) replay(d doneTable, store *exposure.Store) error {
	return store.Replay(io.NewSectionReader(c.f, d.raw, d.rawLen))
}

// spool is where a table's person records wait while the table is
// scanned: appended to the checkpoint only if the table finishes.
func (c *Checkpoint) spool() (*os.File, error) {
	return os.CreateTemp(filepath.Dir(c.path), "."+filepath.Base(c.path)+".*")
}

// record appends a finished table: its entry, with the records spooled.
func (c *Checkpoint) record(ct checkpointTable, spool *os.File) error {
	js, err := json.Marshal(ct)
	if err != nil {
		return err
	}
	size, err := spool.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	w := bufio.NewWriterSize(c.f, 256<<10)
	head := []byte{'T'}
	head = binary.LittleEndian.AppendUint32(head, uint32(len(js)))
	head = append(head, js...)
	head = binary.LittleEndian.AppendUint64(head, uint64(size))
	if _, err := w.Write(head); err != nil {
		return err
	}
	if _, err := io.Copy(w, spool); err != nil {
		return err
	}
	if err := w.WriteByte('E'); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return c.f.Sync()
}
