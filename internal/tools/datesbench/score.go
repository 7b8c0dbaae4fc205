package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsclip/newsclip/internal/corpus"
)

// truth is one page of the dates benchmark: its id, address and the
// publication day a person found on it.
type truth struct {
	ID, URL, Date string
}

// readTruth reads dir/ground-truth.json, {id: {"url": …, "date": "YYYY-MM-DD"}},
// sorted by id as dates_score.py lists them. When the file is absent the
// error wraps corpus.ErrAbsent.
func readTruth(dir string) ([]truth, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s (it is not part of the repository)", corpus.ErrAbsent, dir)
	}
	if err != nil {
		return nil, err
	}
	var m map[string]struct{ URL, Date string }
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("ground truth: %w", err)
	}
	out := make([]truth, 0, len(m))
	for id, e := range m {
		out = append(out, truth{ID: id, URL: e.URL, Date: e.Date})
	}
	slices.SortFunc(out, func(a, b truth) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out, nil
}

// prediction is one entry of dates_score.py's PRED.json; a nil Date is no
// date given.
type prediction struct {
	Date *string `json:"date"`
}

func writePredictions(w io.Writer, pred map[string]string) error {
	out := make(map[string]prediction, len(pred))
	for id, d := range pred {
		var p prediction
		if d != "" {
			p.Date = &d
		}
		out[id] = p
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// readPredictions reads a prediction file in dates_score.py's format, id →
// date ("" for null or no date).
func readPredictions(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]prediction
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("predictions %s: %w", path, err)
	}
	out := make(map[string]string, len(m))
	for id, p := range m {
		if p.Date != nil {
			out[id] = *p.Date
		}
	}
	return out, nil
}

// failure is a page scored wrong or missing.
type failure struct {
	ID, URL, Got, Want string
}

// result holds dates_score.py's figures.
type result struct {
	Pages, Right   int
	Wrong, Missing []failure
}

func (r result) accuracy() float64 { return ratio(r.Right, r.Pages) }
func (r result) missing() float64  { return ratio(len(r.Missing), r.Pages) }
func (r result) wrong() float64    { return ratio(len(r.Wrong), r.Pages) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// summary is dates_score.py's first line.
func (r result) summary() string {
	return fmt.Sprintf("pages %d  accuracy %.3f  missing %.3f  wrong %.3f", r.Pages, r.accuracy(), r.missing(), r.wrong())
}

// score compares pred (id → date, "" for none) with the truth as
// dates_score.py does.
func score(truths []truth, pred map[string]string) result {
	r := result{Pages: len(truths)}
	for _, t := range truths {
		p := pred[t.ID]
		switch {
		case p == "":
			r.Missing = append(r.Missing, failure{t.ID, t.URL, "", t.Date})
		case sameDay(p, t.Date):
			r.Right++
		default:
			r.Wrong = append(r.Wrong, failure{t.ID, t.URL, p, t.Date})
		}
	}
	return r
}

// sameDay is dates_score.py's test: the day as written is the truth's, or p
// is a time with a zone whose instant falls on the truth's day in some zone
// from UTC-12 to UTC+14 (whole hours).
func sameDay(p, day string) bool {
	if len(p) >= 10 && p[:10] == day || p == day {
		return true
	}
	if len(p) <= 10 {
		return false
	}
	var t time.Time
	var err error
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err = time.Parse(layout, p); err == nil {
			break
		}
	}
	if err != nil {
		return false
	}
	u := t.UTC()
	for h := -12; h <= 14; h++ {
		if u.Add(time.Duration(h)*time.Hour).Format(time.DateOnly) == day {
			return true
		}
	}
	return false
}
