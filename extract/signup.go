package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A sign-up box — a newsletter's heading, a line of blurb and a form with an
// address field and a button — is set between a story's paragraphs on many
// sites. Its form is what gives it away in any language: prune notes every
// form that holds a field to type into and a control that submits it
// (entryForm) before it drops the fields, and skipEntryBoxes leaves the box
// around each one out of the body.

// entryBoxChars bounds the text of a box around a form (non-space
// characters): a heading and a line or two of blurb, never a story.
// entryBoxPart bounds any one piece of it: a blurb, not a paragraph.
// A box that says nothing of signing up (a search box, a form of unknown
// purpose) holds at most entryBoxPlain: a label, not a short story
// wrapped whole in a page's form.
const (
	entryBoxChars = 300
	entryBoxPart  = 160
	entryBoxPlain = 80
)

// entryForm reports a form a reader types a line into and sends: a text,
// e-mail or search field and a submit control (a <button> not of type
// "button" or "reset", an <input type=submit|image>).
func entryForm(f *html.Node) bool {
	field, submit := false, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !(field && submit); c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Input:
				switch t := strings.ToLower(strings.TrimSpace(attr(c, "type"))); t {
				case "", "text", "email", "search", "tel":
					field = true
				case "submit", "image":
					submit = true
				}
			case atom.Button:
				if t := strings.ToLower(strings.TrimSpace(attr(c, "type"))); t != "button" && t != "reset" {
					submit = true
				}
			}
			walk(c)
		}
	}
	walk(f)
	return field && submit
}

// skipEntryBoxes leaves out of the body the box around each form prune
// noted (p.forms): the form and the wrappers around it, up to the box that
// adds a heading and a blurb to it — as long as the text stays that of a
// box (entryBoxChars in all, no piece over entryBoxPart). A form that holds
// more text than a box (a page wrapped whole in one form) is no box.
func (p *page) skipEntryBoxes(skip map[*html.Node]bool) {
	for _, f := range p.forms {
		box := p.entryBox(f, skip)
		if box == nil {
			continue
		}
		nodes := []*html.Node{box}
		if !entryWords(textOf(box)) {
			// The box says nothing of signing up: its heading and blurb
			// may be set loose before it.
			nodes = append(p.entryLead(box), box)
		}
		for _, n := range nodes {
			if p.tr != nil {
				p.tr.entryBox(n)
			}
			p.drop(n, skip)
		}
	}
	if p.body != nil {
		p.skipSignupBoxes(p.body, skip, nil)
	}
}

// entryBox returns the box around form f, or nil when f holds more text
// than a box or is already left out.
func (p *page) entryBox(f *html.Node, skip map[*html.Node]bool) *html.Node {
	if f.Parent == nil || !p.entrySized(f) {
		return nil
	}
	box := f
	for a := f.Parent; a != nil && a != p.body && a.Type == html.ElementNode; a = a.Parent {
		if skip[a] {
			return nil
		}
		if st := p.stats.get(a); st == nil || st.links > 2 || !p.entrySized(a) {
			break
		}
		if !p.entryBoxParts(a, box) {
			break
		}
		box = a
	}
	return box
}

// entrySized reports whether n holds no more text than a sign-up box:
// entryBoxChars when its text speaks of signing up, else entryBoxPlain.
func (p *page) entrySized(n *html.Node) bool {
	st := p.stats.get(n)
	switch {
	case st == nil || st.chars > entryBoxChars:
		return false
	case st.chars <= entryBoxPlain:
		return true
	}
	return entryWords(textOf(n))
}

// entryBoxParts reports whether the children of a other than box are the
// parts of a sign-up box: none longer than a blurb, none a list of links.
func (p *page) entryBoxParts(a, box *html.Node) bool {
	parts := 0
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c == box {
			continue
		}
		k := 0
		switch c.Type {
		case html.TextNode:
			k = countChars(c.Data)
		case html.ElementNode:
			if st := p.stats.get(c); st != nil {
				k = st.chars
			}
		}
		if k == 0 {
			continue
		}
		parts++
		if k > entryBoxPart || parts > 3 {
			return false
		}
	}
	return true
}

// entryLead returns the loose heading and blurb set just before a box whose
// wrapper holds more than the box (a form set straight in the story's
// flow): the run of at most two short siblings before it, up to the
// farthest that speaks of signing up (entryWords) as a heading does. Without such words
// nothing is taken: a story's short last line before a form stays.
func (p *page) entryLead(box *html.Node) []*html.Node {
	var run []*html.Node
	take := 0
	for s := box.PrevSibling; s != nil && len(run) < 2; s = s.PrevSibling {
		k, text := 0, ""
		switch s.Type {
		case html.TextNode:
			k, text = countChars(s.Data), s.Data
		case html.ElementNode:
			if st := p.stats.get(s); st != nil {
				k = st.chars
			}
			if k > 0 && k <= entryBoxPart {
				text = textOf(s)
			}
		}
		if k == 0 {
			continue
		}
		if k > entryBoxPart || s.Type == html.ElementNode && !isBlock(s) && s.DataAtom != atom.Span {
			break
		}
		run = append(run, s)
		if (headingLevel(s) > 0 || !sentenceEnd(text)) && entryWords(text) {
			// A heading or a line that is no sentence: the box's title,
			// not the story's last line that speaks of signing up.
			take = len(run)
		}
	}
	return run[:take]
}

// signupWords speak of signing up for a newsletter or of what it brings,
// in the ten languages of the news (lower case).
var signupWords = []string{
	"newsletter", "subscribe", "sign up", "signup", "inbox", "mailing list",
	"abonnieren", "anmelden", "postfach", "abonnez", "inscrivez", "s'inscrire", "boîte mail", "boite mail",
	"suscríbe", "suscribe", "boletín", "tu correo", "assine", "inscreva", "assinar", "seu e-mail", "seu email",
	"iscriviti", "iscriversi", "casella di posta", "подпиш", "подпис", "рассылк", "на почту", "вашу почту",
	"订阅", "訂閱", "简报", "邮箱", "郵箱", "ニュースレター", "メルマガ", "登録", "メールで",
	"구독", "뉴스레터", "메일로",
}

// entryWords reports a line that speaks of signing up (signupWords).
func entryWords(s string) bool {
	var buf lowerBuf
	return signupSet.in(lowerInto(&buf, s))
}

var signupSet = newPhraseSet(signupWords)

// hasCall reports whether box e holds what signupBox takes for a call to
// sign up, read from the measures alone: without one, no text need be
// built.
func (p *page) hasCall(e *html.Node, cta map[*html.Node]bool) bool {
	if cta[e] {
		return true
	}
	for c := e.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if cs := p.stats.get(c); cs != nil && (cta[c] && cs.chars == 0 ||
			cs.chars > 0 && cs.links == 1 && cs.linkChars == cs.chars && cs.chars <= 30) {
			return true
		}
	}
	return false
}

// A sign-up box may have no form: a heading, a line of blurb and a link or
// a button that leads to the sign-up page. skipSignupBoxes leaves out of
// the body every box (signupBox) under n, the largest one it finds; cta is
// the set of elements that held a <button>, made on first need.
func (p *page) skipSignupBoxes(n *html.Node, skip map[*html.Node]bool, cta map[*html.Node]bool) map[*html.Node]bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skip[c] {
			continue
		}
		st := p.stats.get(c)
		if st == nil || st.chars == 0 {
			continue
		}
		if st.chars <= entryBoxChars {
			if cta == nil {
				cta = make(map[*html.Node]bool, len(p.buttons))
				for _, b := range p.buttons {
					cta[b] = true
				}
			}
			if p.signupBox(c, cta) {
				if p.tr != nil {
					p.tr.add(c, ClassBoilerplate, "skipSignupBoxes", "a sign-up box without a form: a heading or blurb that speaks of signing up and a link or button")
				}
				p.drop(c, skip)
				continue
			}
		}
		cta = p.skipSignupBoxes(c, skip, cta)
	}
	return cta
}

// signupBox reports a box of two to four short parts, none a paragraph of
// a story — a heading, a line of blurb — and a call to sign up: a part
// that is a link alone, or a button (cta: the elements that held one).
// Its heading or its call speaks of signing up (signupWords). A paragraph
// that mentions a newsletter is no box: a <p>, or one run of text with its
// link inline, whose sentence is no heading.
func (p *page) signupBox(e *html.Node, cta map[*html.Node]bool) bool {
	st := p.stats.get(e)
	if !isBlock(e) || e.DataAtom == atom.P || e.DataAtom == atom.Li || headingLevel(e) > 0 ||
		st.links > 2 || e == p.body || !p.hasCall(e, cta) {
		return false
	}
	parts, calls, said, block := 0, cta[e], false, false
	if calls {
		parts = 1 // the button, gone from the tree
	}
	for c := e.FirstChild; c != nil; c = c.NextSibling {
		k, text := 0, ""
		switch c.Type {
		case html.TextNode:
			k, text = countChars(c.Data), c.Data
		case html.ElementNode:
			if cs := p.stats.get(c); cs != nil {
				k = cs.chars
				if cta[c] && cs.chars == 0 {
					calls = true // a button alone
					parts++
				}
				if k > 0 && cs.links == 1 && cs.linkChars == cs.chars && k <= 30 {
					calls = true // a link alone: the call
					said = said || entryWords(textOf(c))
					parts++
					continue
				}
			}
			if k > 0 && k <= entryBoxPart {
				text = textOf(c)
			}
		}
		if k == 0 {
			continue
		}
		parts++
		if k > entryBoxPart || parts > 4 {
			return false
		}
		block = block || isBlock(c)
		if !said && c.Type == html.ElementNode && (headingLevel(c) > 0 || !sentenceEnd(text)) && entryWords(text) {
			said = true // a heading or a line that is no sentence
		}
	}
	// Parts set as blocks, or a line that is no sentence: a box, not a
	// paragraph with a link in its flow.
	return calls && said && parts >= 2 && (block || !sentenceEnd(textOf(e)))
}
