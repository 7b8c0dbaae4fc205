package warc_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsclip/newsclip/warc"
)

// A WARC file of two records, each its own gzip member, read record by
// record: type, target and offset, and the page of the response.
func ExampleNewReader() {
	page := "<html><p>The ferry leaves at six.</p></html>"
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	var file bytes.Buffer
	for _, r := range []struct{ typ, block string }{
		{"request", "GET /ferry HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		{"response", resp},
	} {
		zw := gzip.NewWriter(&file)
		fmt.Fprintf(zw, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: http://news.example/ferry\r\n"+
			"WARC-Date: 2025-01-02T03:04:05Z\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", r.typ, len(r.block), r.block)
		zw.Close()
	}

	r := warc.NewReader(&file)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err) // a *warc.RecordError: the next call goes on
			continue
		}
		fmt.Println(rec.Type(), rec.TargetURI(), "at", rec.Offset)
		if rec.Type() == "response" {
			resp, _ := warc.ParseResponse(rec.Block)
			body, _ := warc.Payload(resp)
			b, _ := io.ReadAll(body)
			fmt.Println(resp.StatusCode, string(b))
		}
	}
	// Output:
	// request http://news.example/ferry at 0
	// response http://news.example/ferry at 164
	// 200 <html><p>The ferry leaves at six.</p></html>
}

// A response stored as received: chunked and gzip-encoded. Payload gives
// the page.
func ExamplePayload() {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte("<p>Fähre</p>"))
	zw.Close()
	block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n",
		z.Len(), z.String())

	resp, err := warc.ParseResponse(strings.NewReader(block))
	if err != nil {
		panic(err)
	}
	body, err := warc.Payload(resp)
	if err != nil {
		panic(err)
	}
	b, _ := io.ReadAll(body)
	fmt.Println(string(b))
	// Output: <p>Fähre</p>
}

// Writing an exchange: a warcinfo, a response and a request record, and
// a CDXJ index once the file is closed.
func ExampleOpenWriter() {
	dir, _ := os.MkdirTemp("", "warc-example")
	defer os.RemoveAll(dir)
	w, err := warc.OpenWriter(dir, warc.WriterOptions{Prefix: "example"})
	if err != nil {
		panic(err)
	}
	u, _ := url.Parse("http://news.example/ferry")
	err = w.Write(&warc.Exchange{
		Request: &http.Request{Method: "GET", URL: u, Header: http.Header{"User-Agent": {"example"}}},
		Response: &http.Response{Proto: "HTTP/1.1", StatusCode: 200, Status: "200 OK",
			Header: http.Header{"Content-Type": {"text/html"}}},
		Body: []byte("<p>The ferry leaves at six.</p>"),
	})
	if err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	for _, f := range w.Files() {
		file, err := os.Open(f)
		if err != nil {
			panic(err)
		}
		r := warc.NewReader(file)
		for rec, err := r.Next(); err == nil; rec, err = r.Next() {
			fmt.Println(rec.Type(), rec.Header.Get("WARC-Payload-Digest") != "")
		}
		file.Close()
		index, _ := os.ReadFile(f + ".cdxj")
		fmt.Println(strings.Fields(string(index))[0])
		fmt.Println(strings.HasPrefix(filepath.Base(f), "example-"))
	}
	// Output:
	// warcinfo false
	// response true
	// request true
	// example,news)/ferry
	// true
}

func ExampleSURT() {
	fmt.Println(warc.SURT("https://www.News.example/world/story.html?b=2&a=1"))
	// Output: example,news)/world/story.html?a=1&b=2
}
