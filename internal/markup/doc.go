// Package markup re-renders an article page through random transformations
// of its markup that leave what a reader sees unchanged: the same body
// paragraphs, the same headline, the same link lists with the same link
// targets. It is the generator behind the extractor's metamorphic tests.
//
// A [Page] is a parsed page together with its golden [Record] (the parts of
// the extractor's record the transformations must not change). [Load] finds
// the nodes that carry the record — the body paragraphs and their container,
// the headline, each block's heading and links, the page labels — from the
// record alone, without asking the extractor. Each [Transform] edits the
// tree of a [Page.Clone]; [Page.Render] writes it back as bytes in the page's
// charset, and [Page.Want] is the record the transformed page must give
// (block order and block headings change when blocks move or headings are
// translated; nothing else does).
//
// Everything is driven by a *rand.Rand, so a variant is reproduced from its
// seed. The package is for tests: it panics on nothing, but it is not tuned
// for speed beyond what a few thousand variants a minute need.
package markup
