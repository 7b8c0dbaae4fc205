package warc

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// recoverFile makes a file left open by a crash a closed one: its whole
// records are kept and indexed, the rest cut; with no whole record it is
// set aside as NAME.broken.
func recoverFile(openPath string, log *slog.Logger) error {
	final := strings.TrimSuffix(openPath, openSuffix)
	f, err := os.OpenFile(openPath, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("warc: recovering: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("warc: recovering: %w", err)
	}
	end, entries, records, err := scanWhole(f, info.Size())
	if err != nil {
		return fmt.Errorf("warc: recovering %s: %w", openPath, err)
	}
	if records == 0 {
		f.Close()
		if err := os.Rename(openPath, final+".broken"); err != nil {
			return fmt.Errorf("warc: recovering: %w", err)
		}
		log.Warn("WARC file left open by a crash holds no whole record: set aside", "file", final+".broken", "bytes", info.Size())
		return nil
	}
	if end < info.Size() {
		if err := f.Truncate(end); err != nil {
			return fmt.Errorf("warc: recovering: %w", err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("warc: recovering: %w", err)
	}
	if err := writeIndex(final, entries); err != nil {
		return err
	}
	if err := os.Rename(openPath, final); err != nil {
		return fmt.Errorf("warc: recovering: %w", err)
	}
	log.Warn("WARC file left open by a crash recovered", "file", final, "records", records,
		"kept_bytes", end, "cut_bytes", info.Size()-end)
	return nil
}

// scanWhole reads the records of a file and returns where its whole
// records end, their index entries and their count.
func scanWhole(f *os.File, size int64) (end int64, entries []cdxEntry, records int, err error) {
	r := NewReader(io.NewSectionReader(f, 0, size))
	var offsets []int64
	end = size
	cut := func(at int64) {
		end = at
		for len(offsets) > 0 && offsets[len(offsets)-1] >= at {
			offsets = offsets[:len(offsets)-1]
		}
		for len(entries) > 0 && entries[len(entries)-1].offset >= at {
			entries = entries[:len(entries)-1]
		}
	}
	for {
		rec, err := r.Next()
		var re *RecordError
		if err == io.EOF {
			break
		}
		if errors.As(err, &re) {
			cut(re.Offset)
			break
		}
		if err != nil {
			return 0, nil, 0, err
		}
		e, ok := indexEntry(rec)
		if drain(rec) {
			cut(rec.Offset)
			break
		}
		offsets = append(offsets, rec.Offset)
		if ok {
			entries = append(entries, e)
		}
	}
	k := 0
	for i := range entries {
		for k < len(offsets) && offsets[k] <= entries[i].offset {
			k++
		}
		next := end
		if k < len(offsets) {
			next = offsets[k]
		}
		entries[i].length = next - entries[i].offset
	}
	return end, entries, len(offsets), nil
}

// drain reads the rest of a record's block and tells whether it failed.
func drain(rec *Record) bool {
	_, err := io.Copy(io.Discard, rec.Block)
	return err != nil
}

// indexEntry makes the index entry of a response or revisit record.
func indexEntry(rec *Record) (cdxEntry, bool) {
	t := rec.Type()
	if t != "response" && t != "revisit" {
		return cdxEntry{}, false
	}
	date, _ := rec.Date()
	e := cdxEntry{url: rec.TargetURI(), date: date, offset: rec.Offset, digest: rec.Header.Get("WARC-Payload-Digest")}
	if resp, err := ParseResponse(rec.Block); err == nil {
		e.status = resp.StatusCode
		e.mime = mimeOf(resp.Header.Get("Content-Type"))
	}
	if t == "revisit" {
		e.mime = "warc/revisit"
	}
	return e, true
}
