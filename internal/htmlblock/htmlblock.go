// Package htmlblock holds the one list of the elements that start a new
// block of text, shared by the extractor (its text blocks) and the crawler
// (the prose runs it measures to tell articles from listings).
package htmlblock

import "golang.org/x/net/html/atom"

// Atoms are the elements a browser lays out as blocks by default: each
// starts a new block of text and ends the one before.
var Atoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true,
	atom.Caption: true, atom.Html: true, atom.Legend: true,
}
