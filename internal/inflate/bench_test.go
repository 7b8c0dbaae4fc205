package inflate

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"syscall"
	"testing"
	"time"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/newsclip/newsclip/internal/corpus"
)

// BenchmarkGunzip decodes the ScrapingHub pages, each its own gzip member
// (Go's default level), with this package and with the streaming decoders
// of klauspost/compress and the standard library, in the same run.
//
//	go test -run '^$' -bench Gunzip -count 3 ./internal/inflate
func BenchmarkGunzip(b *testing.B) {
	docs, err := corpus.Load(corpus.DefaultDir())
	if err != nil {
		if corpus.IsAbsent(err) {
			b.Skipf("skipped: %v", err)
		}
		b.Fatal(err)
	}
	var members [][]byte
	for _, d := range docs {
		members = append(members, gzipLevel(b, d.HTML, stdgzip.DefaultCompression, ""))
	}
	size := corpus.Bytes(docs)
	b.Run("inflate", func(b *testing.B) {
		b.SetBytes(size)
		var d Decoder
		var out []byte
		defer reportCPU(b, size, cpuTime())
		for b.Loop() {
			for _, m := range members {
				var err error
				if out, _, err = d.Append(out[:0], m, 64<<20); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	var kz kgzip.Reader
	var sz stdgzip.Reader
	b.Run("klauspost", func(b *testing.B) {
		streamed(b, members, size, func(m []byte) (io.Reader, error) { return &kz, kz.Reset(bytes.NewReader(m)) })
	})
	b.Run("stdlib", func(b *testing.B) {
		streamed(b, members, size, func(m []byte) (io.Reader, error) { return &sz, sz.Reset(bytes.NewReader(m)) })
	})
}

// streamed decodes every member with a stream decoder that open resets.
func streamed(b *testing.B, members [][]byte, size int64, open func([]byte) (io.Reader, error)) {
	b.SetBytes(size)
	var out bytes.Buffer
	defer reportCPU(b, size, cpuTime())
	for b.Loop() {
		for _, m := range members {
			zr, err := open(m)
			if err != nil {
				b.Fatal(err)
			}
			out.Reset()
			if _, err := out.ReadFrom(zr); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// reportCPU reports the MB decoded per second of the process's CPU time
// since start (less sensitive to a shared machine than wall time).
func reportCPU(b *testing.B, size int64, start time.Duration) {
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
