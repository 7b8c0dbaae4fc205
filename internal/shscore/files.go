package shscore

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// ReadTruth reads a ground-truth file, {id: {"url": …, "articleBody": …}},
// keeping the file's order (the order in which sh_score.py averages).
// A null or absent articleBody is an empty text.
func ReadTruth(r io.Reader) ([]Truth, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fmt.Errorf("shscore: ground truth: %w", err)
	}
	var out []Truth
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("shscore: ground truth: %w", err)
		}
		id := tok.(string) // object keys are strings
		var e struct {
			URL  string `json:"url"`
			Body string `json:"articleBody"`
		}
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("shscore: ground truth %q: %w", id, err)
		}
		if seen[id] {
			return nil, fmt.Errorf("shscore: ground truth: duplicate id %q", id)
		}
		seen[id] = true
		out = append(out, Truth{ID: id, URL: e.URL, Body: e.Body})
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, fmt.Errorf("shscore: ground truth: %w", err)
	}
	return out, nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("want %q, found %v", d, tok)
	}
	return nil
}

// ReadPredictions reads a prediction file in one of sh_score.py's forms:
// {id: {"articleBody": …}}, {id: "text"} or the wrapped
// {"version": …, "output": {…}}. A null entry or articleBody is an empty
// text (the id still counts as predicted).
func ReadPredictions(r io.Reader) (map[string]string, error) {
	var top map[string]json.RawMessage
	if err := json.NewDecoder(r).Decode(&top); err != nil {
		return nil, fmt.Errorf("shscore: predictions: %w", err)
	}
	if len(top) == 2 && top["version"] != nil && top["output"] != nil {
		var inner map[string]json.RawMessage
		if err := json.Unmarshal(top["output"], &inner); err == nil && inner != nil {
			top = inner
		}
	}
	out := make(map[string]string, len(top))
	for id, raw := range top {
		body, err := bodyOf(raw)
		if err != nil {
			return nil, fmt.Errorf("shscore: prediction %q: %w", id, err)
		}
		out[id] = body
	}
	return out, nil
}

func bodyOf(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case map[string]any:
		switch b := v["articleBody"].(type) {
		case nil:
			return "", nil
		case string:
			return b, nil
		}
		return "", errors.New("articleBody is not a string")
	}
	return "", errors.New("entry is not an object or a string")
}

// WritePredictions writes {id: {"articleBody": text}}, ids sorted, one entry
// a line.
func WritePredictions(w io.Writer, pred map[string]string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{")
	for i, id := range slices.Sorted(maps.Keys(pred)) {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  ")
		k, err := marshal(id)
		if err != nil {
			return err
		}
		v, err := marshal(struct {
			Body string `json:"articleBody"`
		}{pred[id]})
		if err != nil {
			return err
		}
		bw.Write(k)
		bw.WriteString(": ")
		bw.Write(v)
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// marshal is json.Marshal without HTML escaping and without the newline.
func marshal(v any) ([]byte, error) {
	var b jsonBuf
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b[:len(b)-1], nil
}

type jsonBuf []byte

func (b *jsonBuf) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

// WritePerDoc writes per-document scores as sh_score.py's --per-doc TSV:
// a header, then one line per document, lowest F1 first.
func WritePerDoc(w io.Writer, name string, docs []Doc) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "name\tid\tf1\tprecision\trecall\ttruth_tokens\tpred_tokens\turl")
	for _, d := range Worst(docs) {
		fmt.Fprintf(bw, "%s\t%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%s\n",
			name, d.ID, d.F1(), d.Precision(), d.Recall(), d.TruthTokens, d.PredTokens, d.URL)
	}
	return bw.Flush()
}
