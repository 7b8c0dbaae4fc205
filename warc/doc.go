// Package warc reads and writes WARC files (ISO 28500, WARC 1.0 and 1.1),
// the web's archive format: Common Crawl's CC-NEWS, the Internet Archive,
// Heritrix, wget --warc-file and Browsertrix all write it, and a newsclip
// crawl can keep what it fetched in it, to extract again later.
//
// Reading: [NewReader] iterates over the records of a stream, plain or
// gzip-compressed (one gzip member per record, as is usual, or several
// records compressed together). It holds one record at a time: memory does
// not grow with the file, and a record's block is read as a stream, never
// held by the reader. Each [Record] tells where it starts in the file (the
// offset CDX indexes give), so a record can be found again. A truncated or
// corrupt record gives a [*RecordError] and the reader goes on with the
// next whole record. [ParseResponse] and [Payload] read the HTTP response
// of a response record: status, headers, the body with chunked transfer
// coding and Content-Encoding (gzip, deflate, br) undone.
//
// Writing: a [Writer] appends HTTP exchanges ([Exchange]) to WARC 1.1
// files in a directory as request and response records (a 304 as a
// revisit), each gzip-compressed on its own, with WARC-Block-Digest and
// WARC-Payload-Digest (SHA-1, base 32), a warcinfo record opening each
// file, files rotated at a size, and a CDXJ index beside each closed file
// (as pywb reads them). A file being written has the suffix .open; a Writer
// opened on a directory where a crash left such a file keeps its whole
// records, cuts the rest, and closes it (see [OpenWriter]).
//
// Records are built and serialised with github.com/nlnwa/gowarc/v3 (the
// National Library of Norway's WARC library). Reading does not go through
// it: its parser copies and digests every block before handing it out
// (measured at 17 % of the extraction time of a page) and cannot read
// records compressed together in one gzip member; the reader here streams
// blocks instead. A gzip member held whole in the reader's buffer (most
// records: up to the buffer's 256 KiB compressed, 8 MiB of content) is decoded at once
// by internal/inflate, about 1.5 times as fast as a stream decoder; any
// other member, and any member that one refuses, is streamed by
// klauspost/compress, whose verdict on a damaged member stands. The tests read every file this package writes with
// gowarc too, and check the digests without either library.
package warc
