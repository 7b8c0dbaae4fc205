package markup

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraphing turns a run of sibling <p> paragraphs into text separated by
// <br><br> (in a div, or loose in the container), or splits text that
// <br><br> separates into <p>s.
func paragraphing(p *Page, r *rand.Rand) (string, bool) {
	var runs [][]*html.Node
	var split []*html.Node
	for i := 0; i < len(p.paras); i++ {
		n := p.paras[i]
		if i+1 < len(p.paras) && p.paras[i+1] == n && !slices.Contains(split, n) {
			split = append(split, n)
		}
		if n.DataAtom != atom.P || i > 0 && p.paras[i-1] == n {
			continue
		}
		if k := len(runs) - 1; k >= 0 && nextElement(runs[k][len(runs[k])-1]) == n {
			runs[k] = append(runs[k], n)
		} else {
			runs = append(runs, []*html.Node{n})
		}
	}
	runs = slices.DeleteFunc(runs, func(run []*html.Node) bool { return len(run) < 2 })
	if len(split) > 0 && (len(runs) == 0 || r.IntN(2) == 0) {
		n := pick(r, split)
		return fmt.Sprintf("<%s> with <br><br> into %d <p>", n.Data, splitBreaks(p, n)), true
	}
	if len(runs) == 0 {
		return "", false
	}
	run := pick(r, runs)
	if len(run) > 2 && r.IntN(2) == 0 {
		i := r.IntN(len(run) - 1)
		run = run[i : i+2+r.IntN(len(run)-i-1)]
	}
	loose := r.IntN(3) == 0 && blockAround(run)
	joinBreaks(p, run, loose, r)
	return fmt.Sprintf("%d <p> into <br><br> text (loose %v)", len(run), loose), true
}

// nextElement returns the next sibling element of n, skipping white space
// and comments, nil when there is none.
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if !blank(s) {
			if s.Type == html.ElementNode {
				return s
			}
			return nil
		}
	}
	return nil
}

func prevNonBlank(n *html.Node) *html.Node {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if !blank(s) {
			return s
		}
	}
	return nil
}

// blockAround reports whether the run sits among blocks (or at an end of
// its parent), so its text can stand loose without joining a neighbour.
func blockAround(run []*html.Node) bool {
	prev, next := prevNonBlank(run[0]), nextElement(run[len(run)-1])
	ok := func(n *html.Node) bool { return n == nil || n.Type == html.ElementNode && blockTag(n.DataAtom) }
	if last := run[len(run)-1]; next == nil {
		for s := last.NextSibling; s != nil; s = s.NextSibling {
			if !blank(s) {
				return false
			}
		}
	}
	return ok(prev) && ok(next) && flowParent(run[0].Parent)
}

// joinBreaks replaces the run of <p>s by their content separated by
// <br><br>, in a new div or loose in the parent.
func joinBreaks(p *Page, run []*html.Node, loose bool, r *rand.Rand) {
	holder := elem("div")
	if r.IntN(2) == 0 {
		setAttr(holder, "class", randomName(r))
	}
	parent := run[0].Parent
	parent.InsertBefore(holder, run[0])
	for i, n := range run {
		if i > 0 {
			holder.AppendChild(elem("br"))
			if r.IntN(2) == 0 {
				holder.AppendChild(text("\n"))
			}
			holder.AppendChild(elem("br"))
			holder.AppendChild(text("\n"))
		}
		moveChildren(n, holder)
		parent.RemoveChild(n)
	}
	for i, n := range p.paras {
		if slices.Contains(run, n) {
			p.paras[i] = holder
		}
	}
	if loose {
		for i, n := range p.paras {
			if n == holder {
				p.paras[i] = parent
			}
		}
		unwrap(holder)
	}
	p.box = lca(p.paras)
	for p.box != nil && phrasing(p.box) {
		p.box = p.box.Parent
	}
}

// splitBreaks wraps the stretches of n that <br><br> separates in <p>s
// (n becomes a div if it was a <p>) and returns their number.
func splitBreaks(p *Page, n *html.Node) int {
	if n.DataAtom == atom.P || phrasing(n) {
		rename(n, "div")
	}
	var parts [][]*html.Node
	cur := []*html.Node{}
	kids := children(n)
	for i := 0; i < len(kids); i++ {
		c := kids[i]
		if isBr(c) {
			j := i + 1
			for j < len(kids) && blank(kids[j]) {
				j++
			}
			if j < len(kids) && isBr(kids[j]) {
				parts = append(parts, cur)
				cur = []*html.Node{}
				for _, k := range kids[i : j+1] {
					n.RemoveChild(k)
				}
				i = j
				continue
			}
		}
		cur = append(cur, c)
	}
	parts = append(parts, cur)
	var ps []*html.Node
	for _, part := range parts {
		para := elem("p")
		n.InsertBefore(para, part[0])
		for _, c := range part {
			n.RemoveChild(c)
			para.AppendChild(c)
		}
		ps = append(ps, para)
	}
	// Give each paragraph of the record the <p> that now holds it.
	k := 0
	for i, q := range p.paras {
		if q != n {
			continue
		}
		for k < len(ps) && visibleText(ps[k]) == "" {
			k++
		}
		if k < len(ps) {
			p.paras[i] = ps[k]
			k++
		}
	}
	return len(ps)
}

func isBr(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == atom.Br }

// noise inserts one to three pieces of page furniture between body
// paragraphs: scripts, ad slots with a label, iframes, share bars.
func noise(p *Page, r *rand.Rand) (string, bool) {
	gaps := p.paraGaps() // insert before these
	if len(gaps) == 0 {
		return "", false
	}
	var notes []string
	for range 1 + r.IntN(3) {
		at := pick(r, gaps)
		kind := pick(r, []string{"script", "adsense", "ad-label", "iframe", "share", "video", "pixel"})
		at.Parent.InsertBefore(p.furniture(kind, r), at)
		notes = append(notes, kind)
	}
	return strings.Join(notes, ", "), true
}

// furniture builds one piece of page furniture of the given kind.
func (p *Page) furniture(kind string, r *rand.Rand) *html.Node {
	cls := func(meaningful string) string {
		if r.IntN(2) == 0 {
			return meaningful
		}
		return randomName(r)
	}
	div := elem("div", "class", cls(kind))
	switch kind {
	case "script":
		s := elem("script", "type", "text/javascript")
		s.AppendChild(text(fmt.Sprintf(`document.write('<div id="slot-%d"></div>');`, r.IntN(1000))))
		return s
	case "adsense":
		div.AppendChild(elem("ins", "class", "adsbygoogle", "style", "display:block", "data-ad-slot", fmt.Sprint(r.IntN(1e9))))
		s := elem("script")
		s.AppendChild(text("(adsbygoogle = window.adsbygoogle || []).push({});"))
		div.AppendChild(s)
	case "ad-label":
		lbl := elem(pick(r, []string{"span", "p", "div"}))
		lbl.AppendChild(text(word(labelWords, "ad", pick(r, Languages), r)))
		div.AppendChild(lbl)
		div.AppendChild(elem("iframe", "src", "https://ads.example.net/slot?id="+randomName(r), "width", "300", "height", "250"))
	case "iframe":
		return elem("iframe", "src", "https://ads.example.net/show?slot="+randomName(r), "width", "728", "height", "90", "frameborder", "0")
	case "share":
		page := url.QueryEscape(p.url.String())
		div.AppendChild(text(word(labelWords, "share", pick(r, Languages), r) + " "))
		for i, s := range [][2]string{
			{"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + page},
			{"X", "https://twitter.com/intent/tweet?url=" + page},
			{"WhatsApp", "https://wa.me/?text=" + page},
			{"Email", "mailto:?body=" + page},
		} {
			if i > 0 {
				div.AppendChild(text(" | "))
			}
			a := elem("a", "href", s[1], "target", "_blank")
			a.AppendChild(text(s[0]))
			div.AppendChild(a)
		}
	case "video":
		div.AppendChild(elem("iframe", "src", "https://www.youtube.com/embed/"+randomName(r), "width", "640", "height", "360", "allowfullscreen", ""))
	case "pixel":
		ns := elem("noscript")
		ns.AppendChild(elem("img", "src", "https://stats.example.net/p.gif?id="+randomName(r), "width", "1", "height", "1", "alt", ""))
		return ns
	}
	return div
}

// translate writes the block headings and the page labels in another
// language: one language for the page, or (one time in four) one per
// heading.
func translate(p *Page, r *rand.Rand) (string, bool) {
	lang := pick(r, Languages)
	mixed := r.IntN(4) == 0
	var notes []string
	for _, b := range p.blocks {
		if b.heading == nil {
			continue
		}
		l := lang
		if mixed {
			l = pick(r, Languages)
		}
		h := word(headingWords, p.rec.Blocks[b.idx].Kind, l, r)
		setText(b.heading, h)
		b.want = collapse(h)
		notes = append(notes, fmt.Sprintf("%q", h))
	}
	for _, lb := range p.labels {
		l := lang
		if mixed {
			l = pick(r, Languages)
		}
		to := labelWords[lb.concept][l][0]
		i := labelAt(lb.node.Data, lb.form, lb.concept == "views")
		if i < 0 {
			continue
		}
		rest := lb.node.Data[i+len(lb.form):]
		if r, _ := utf8.DecodeLastRuneInString(to); (unicode.IsLetter(r) || r == ':') && rest != "" {
			if r0, _ := utf8.DecodeRuneInString(rest); !isSpace(r0) && !strings.HasSuffix(to, "：") {
				rest = " " + rest
			}
		}
		lb.node.Data = lb.node.Data[:i] + to + rest
		lb.form = to
		notes = append(notes, fmt.Sprintf("%s %q", lb.concept, to))
	}
	if len(notes) == 0 {
		return "", false
	}
	return fmt.Sprintf("%s%s: %s", lang, map[bool]string{true: "+mixed"}[mixed], strings.Join(notes, ", ")), true
}
