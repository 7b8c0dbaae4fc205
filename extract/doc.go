// Package extract turns one HTML page into one [Article] record: the body
// text alone, the page's metadata (title, section trail, publication time,
// authors, wire agency and dateline, language, images), the link-list blocks
// (Related, Ranking, Recommendation, ...) kept as data, reaction counters and
// a SimHash fingerprint of the body.
//
// The package is pure: it never fetches, logs or keeps global state. An
// [Extractor] is immutable and safe for concurrent use.
//
// Contract:
//
//   - Input is read up to Options.MaxBytes (default [DefaultMaxBytes]);
//     longer input fails with [ErrTooLarge] and nothing else is done.
//   - The charset is taken from a BOM, else the Content-Type given in
//     [Source], else a <meta> declaration in the first 16 KiB; without one,
//     UTF-8 when the bytes are valid UTF-8, else windows-1252. A single-byte
//     charset declared for bytes that are valid multi-byte UTF-8 is taken
//     for the mislabel it is. Output is always valid UTF-8.
//   - Empty and binary input fails with [ErrNotHTML]; a page in which no
//     article body can be found fails with [ErrNoArticle], distinct from
//     both. Every error is prefixed "extract:" and wraps its cause.
//   - Nesting deeper than the parser's limit (512) is flattened: the text is
//     kept, the excess tags are dropped.
//
// The body is found from signals that generalise across markup: text and
// link density, paragraph structure, position, repeated item shapes,
// schema.org JSON-LD and headings in many languages; class names only weigh
// in, they never decide. go-readability (codeberg.org/readeck/go-readability,
// the maintained successor of github.com/go-shiori/go-readability) is used as
// a second opinion on pages where the primary method finds little.
package extract
