package exposure

import "sync"

// Rows are processed in chunks, on several goroutines when the plan has
// workers (SetWorkers): the reader fills a chunk and hands it on, workers
// turn its rows into records, and one collector hands each chunk's records
// to the batch row by row and adds up its tally, in the order the chunks
// were read. The batch therefore receives exactly what one goroutine
// processing the rows in order would have given it, to the byte and in the
// same flushes, whatever the number of workers; and
// at most a few chunks per worker are in flight, so memory stays bounded
// however large the table.

// chunkRows is how many rows a chunk holds: enough that handing chunks
// between goroutines costs nothing next to processing them.
const chunkRows = 256

// chunk is a run of rows: values of the full read, or a range of the
// sample.
type chunk struct {
	vals   []string // full read: len(read) values per row, row after row
	n      int      // full read: rows in vals
	lo, hi int      // sample: rows lo to hi
	sample bool
	recs   records
	ends   []recordEnds // per row, where its records end in recs
	tally  tally
	done   chan struct{}
}

// recordEnds are the lengths of a records' lists after one row.
type recordEnds struct{ obs, aliases, claims int32 }

// pipeline runs chunks through workers and a collector.
type pipeline struct {
	p       *Plan
	jobs    chan *chunk // to the workers
	order   chan *chunk // to the collector, in reading order
	free    chan *chunk // chunks collected, for reuse
	workers sync.WaitGroup
	merged  chan struct{}
}

func (p *Plan) startPipeline() *pipeline {
	depth := 2 * p.workers
	q := &pipeline{p: p, jobs: make(chan *chunk, depth), order: make(chan *chunk, depth),
		free: make(chan *chunk, depth+2), merged: make(chan struct{})}
	for range p.workers {
		q.workers.Add(1)
		go func() {
			defer q.workers.Done()
			w := p.newWork()
			for c := range q.jobs {
				p.processChunk(w, c)
				close(c.done)
			}
		}()
	}
	go func() {
		defer close(q.merged)
		for c := range q.order {
			<-c.done
			p.tally.add(&c.tally)
			var from recordEnds
			for _, to := range c.ends {
				p.batch.takeRow(&c.recs, from, to)
				from = to
			}
			select {
			case q.free <- c:
			default:
			}
		}
	}()
	return q
}

// chunk returns an empty chunk to fill.
func (q *pipeline) chunk() *chunk {
	var c *chunk
	select {
	case c = <-q.free:
	default:
		c = &chunk{}
	}
	c.vals, c.n, c.ends, c.tally = c.vals[:0], 0, c.ends[:0], tally{}
	c.done = make(chan struct{})
	return c
}

// submit hands a filled chunk on; it blocks while the workers are a few
// chunks behind.
func (q *pipeline) submit(c *chunk) {
	q.order <- c
	q.jobs <- c
}

// finish waits until every chunk submitted is collected.
func (q *pipeline) finish() {
	close(q.jobs)
	close(q.order)
	q.workers.Wait()
	<-q.merged
}

func (p *Plan) processChunk(w *rowWork, c *chunk) {
	end := func() {
		c.ends = append(c.ends, recordEnds{int32(len(w.recs.obs)), int32(len(w.recs.aliases)), int32(len(w.recs.claims))})
	}
	if c.sample {
		for r := c.lo; r < c.hi; r++ {
			p.sampleRow(w, &c.tally, r)
			end()
		}
	} else {
		width := len(p.read)
		for i := range c.n {
			p.fullRow(w, &c.tally, c.vals[i*width:(i+1)*width])
			end()
		}
	}
	c.recs = moveRecords(c.recs, &w.recs)
}

// moveRecords hands the records a worker made to its chunk, and gives the
// worker the chunk's emptied slices to fill next.
func moveRecords(dst records, src *records) records {
	out := *src
	*src = records{obs: dst.obs[:0], aliases: dst.aliases[:0], claims: dst.claims[:0]}
	return out
}

func (p *Plan) readSampleParallel() {
	q := p.startPipeline()
	for lo := 0; lo < p.t.SampleRows; lo += chunkRows {
		c := q.chunk()
		c.sample, c.lo, c.hi = true, lo, min(lo+chunkRows, p.t.SampleRows)
		q.submit(c)
	}
	q.finish()
}

// Read processes the rows of the full read: read calls row once per row
// with the row's values of Columns(), in order. The slice may be reused
// between calls; the strings in it must not change. Read returns what read
// returns, once every row it delivered has been processed (the persons of
// the rows read before a failure are certain).
func (p *Plan) Read(read func(row func(values []string) error) error) error {
	if p.workers <= 1 {
		return read(func(values []string) error {
			p.Row(values)
			return nil
		})
	}
	q := p.startPipeline()
	width := len(p.read)
	c := q.chunk()
	err := read(func(values []string) error {
		if len(values) >= width {
			c.vals = append(c.vals, values[:width]...)
		} else {
			c.vals = append(c.vals, values...)
			for range width - len(values) {
				c.vals = append(c.vals, "")
			}
		}
		c.n++
		if c.n == chunkRows {
			q.submit(c)
			c = q.chunk()
		}
		return nil
	})
	if c.n > 0 {
		q.submit(c)
	}
	q.finish()
	return err
}
