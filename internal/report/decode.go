package report

import (
	"encoding/json"
	"io"
	"runtime"
)

// Decoding records is most of a report's work: it runs on every core, in
// batches of lines, and the records reach the report in input order.

const batchLines = 256

type batch struct {
	buf   []byte // the lines, copied
	ends  []int  // end of each line in buf
	recs  []lean // decoded
	ok    []bool // recs[i] is a record
	ready chan struct{}
}

// decodeRecords calls each with every record of rd in order, and with nil
// for each line that is not a record.
func decodeRecords(rd io.Reader, each func(*lean)) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	work := make(chan *batch, workers)
	order := make(chan *batch, 2*workers)
	for range workers {
		go func() {
			for b := range work {
				b.decode()
			}
		}()
	}
	// Batches go round: 3 per worker, reused once their records are
	// handed on (each keeps nothing of them).
	free := make(chan *batch, 3*workers)
	for range cap(free) {
		free <- &batch{ends: make([]int, 0, batchLines), recs: make([]lean, batchLines), ok: make([]bool, batchLines)}
	}
	errc := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(work)
		b := (<-free).reset()
		send := func() {
			work <- b
			order <- b
			b = (<-free).reset()
		}
		err := eachLine(rd, func(line []byte) {
			b.buf = append(b.buf, line...)
			b.ends = append(b.ends, len(b.buf))
			if len(b.ends) == batchLines {
				send()
			}
		})
		if len(b.ends) > 0 {
			send()
		}
		errc <- err
	}()
	for b := range order {
		<-b.ready
		for i := range b.ends {
			if b.ok[i] {
				each(&b.recs[i])
			} else {
				each(nil)
			}
		}
		free <- b
	}
	return <-errc
}

func (b *batch) reset() *batch {
	b.buf, b.ends, b.ready = b.buf[:0], b.ends[:0], make(chan struct{})
	return b
}

func (b *batch) decode() {
	start := 0
	for i, end := range b.ends {
		b.recs[i] = lean{}
		b.ok[i] = json.Unmarshal(b.buf[start:end], &b.recs[i]) == nil && b.recs[i].Schema != 0
		start = end
	}
	close(b.ready)
}
