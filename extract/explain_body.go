package extract

import (
	"fmt"
	"strings"
)

// The reasons of bodyText's steps, recorded by the tracer after each step
// for the blocks whose class it changed. The words say what the step's
// code does; the step itself decides.

// classNeutral is a text block's class while its neighbours decide.
const classNeutral = "neutral"

// classified records classify's judgement of each block: page furniture
// by its rule, else the text's own measures, else a repeat.
func (t *tracer) classified(bs []tblock, title string) {
	normTitle := strings.ToLower(collapse(title))
	for i := range bs {
		b := &bs[i]
		if classOf(bs, i, normTitle) != clsRepeat {
			class, reason := furniture(bs, i, normTitle)
			t.text(b, class, "classify", reason)
			continue
		}
		own := classOfText(b)
		cls, class, reason, figs := textReason(b)
		if cls != own {
			class, reason, figs = stepClass(own), "judged by its length and link density", nil
		}
		if b.class != own {
			class, reason, figs = stepClass(b.class), "said twice nearby: a teaser, a caption or a highlight repeated, not body", nil
		}
		t.text(b, class, "classify", reason, figs...)
	}
}

// stepClass names a block class between steps.
func stepClass(c blockClass) string {
	switch c {
	case clsGood:
		return ClassBody
	case clsBad:
		return ClassDropped
	}
	return classNeutral
}

// furniture says which of classOf's furniture rules holds for block i.
func furniture(bs []tblock, i int, normTitle string) (string, string) {
	b := &bs[i]
	switch {
	case b.heading == 1 && !sectionHeading(bs, i):
		return ClassHeadline, "a top-level heading (h1) not set between the body's paragraphs"
	case normTitle != "" && len(b.text) <= len(normTitle)+80 && isTitleLine(b.text, normTitle):
		return ClassHeadline, "the page's headline, alone or in a kicker line"
	case b.caption:
		return ClassCaption, "in a figure's caption"
	case len(b.text) < 200 && isCredit(b.text):
		return ClassCredit, "a picture credit"
	case i > 0 && len(b.text) <= 80 && len(bs[i-1].text) <= 12 && isCredit(bs[i-1].text):
		return ClassCredit, "the value of a bare credit label"
	case len(b.text) <= 80 && b.heading == 0 && isByline(b.text) && !sentenceEnd(b.text):
		return ClassByline, "a byline: opens with a byline word, ends no sentence"
	case len(b.text) <= 250 && isAdLabel(b.text):
		return ClassAd, "an advertisement's label"
	case len(b.text) <= 250 && isBoilerplate(b.text):
		return ClassBoilerplate, "a line of chrome: a label, a share or sign-up prompt, a counter, a notice"
	case len(b.text) <= 600 && isCookieBanner(b.text):
		return ClassBoilerplate, "a cookie consent banner"
	}
	return ClassDropped, "page furniture"
}

// textReason says which of classOfText's rules holds for block b, with
// the figures it compared.
func textReason(b *tblock) (blockClass, string, string, []Figure) {
	w := float64(textWeight(b.text, b.chars))
	d := b.density()
	ld := func(op string, limit float64) Figure { return fig("link density", d, op, limit) }
	tw := func(op string, limit float64) Figure { return fig("text weight", w, op, limit) }
	switch {
	case d > 0.35 && d < 0.7 && w >= 60 && b.heading == 0 && sentenceEnd(b.text) && strings.Count(b.text, " ") >= 8:
		return clsNeutral, classNeutral, "a sentence rich in links: its neighbours decide", []Figure{ld(">", 0.35), ld("<", 0.7)}
	case d > 0.5 && (b.li || w < 200):
		if b.li {
			return clsBad, ClassLinkDense, "a list item of links", []Figure{ld(">", 0.5)}
		}
		return clsBad, ClassLinkDense, "mostly links", []Figure{ld(">", 0.5), tw("<", 200)}
	case b.heading > 0:
		return clsNeutral, classNeutral, fmt.Sprintf("a heading (h%d): its neighbours decide", b.heading), nil
	case w >= 80 && d < 0.35:
		return clsGood, ClassBody, "a paragraph", []Figure{tw(">=", 80), ld("<", 0.35)}
	case w >= 40 && d < 0.2 && sentenceEnd(b.text):
		return clsGood, ClassBody, "a short paragraph that ends a sentence", []Figure{tw(">=", 40), ld("<", 0.2)}
	case w >= 100 && d < 0.7 && sentenceEnd(b.text):
		return clsNeutral, classNeutral, "a long sentence rich in links: its neighbours decide", []Figure{ld("<", 0.7)}
	case d > 0.3 && (d > 0.5 || !quoted(b.elem) && !linkedSentence(b)):
		return clsBad, ClassLinkDense, "links with a little text", []Figure{ld(">", 0.3)}
	}
	return clsNeutral, classNeutral, "too short to judge alone: its neighbours decide", []Figure{tw("<", 80)}
}

// stepReasons say what each step does to the blocks whose class it changes.
var stepReasons = map[string]string{
	"joinLines":      "lines cut by <br> in one element read as one text, or a line of a paragraph that has a body line",
	"captionPost":    "a caption that reads as text, in a post with no paragraph of its own: its text",
	"dropLoneTeaser": "a teaser of another story after the body: the page's only headline link set as a heading, and what follows it",
	"dropAuthorBio":  "a closing paragraph naming the author, outside the body's container: an author's bio",
}

// step records the blocks whose class the step changed.
func (t *tracer) step(bs []tblock, rule string) {
	for i := range bs {
		b := &bs[i]
		if nt := t.texts[b.id]; nt != nil && nt.cls != b.class {
			t.text(b, stepClass(b.class), rule, stepReasons[rule])
		}
	}
}

// listing records the blocks of a section's list of stories.
func (t *tracer) listing(bs []tblock) {
	for i := range bs {
		t.text(&bs[i], ClassDropped, "listingRun", "a section's list of stories, each paragraph under its headline link: no article")
	}
}

// segments records the blocks keepMainSegments leaves out, by segment.
func (t *tracer) segments(bs []tblock) {
	kept := keepMainSegments(bs)
	if len(kept) == len(bs) {
		return
	}
	keep := make(map[int32]bool, len(kept))
	for i := range kept {
		keep[kept[i].id] = true
	}
	segs := cutSegments(bs)
	main := mainSegment(bs, segs)
	for si, sg := range segs {
		for i := sg.from; i < sg.to; i++ {
			b := &bs[i]
			if keep[b.id] || b.class == clsBad && i != sg.from {
				continue
			}
			class, reason := ClassDropped, ""
			var figs []Figure
			switch {
			case i == sg.from && sg.headed && closingLine(b):
				reason = fmt.Sprintf("a closing heading (%q): what follows is not the article", b.text)
			case i == sg.from && sg.headed && isAdLabel(b.text):
				class, reason = ClassAd, "an advertisement's label: it cuts the text"
			case i == sg.from && sg.headed:
				reason = fmt.Sprintf("a block heading (%q): it cuts the text", b.text)
			case si == main:
				reason = "under a block heading, before body text resumes: the heading's list"
			case sg.closing:
				reason = "after a closing heading (comments, the next post, an About box)"
			case teaserRun(bs[sg.from:sg.to]):
				reason = "a list of teasers, each excerpt under its headline link"
			case si < main:
				reason = "before the main text, under a block heading, and small beside it"
				figs = []Figure{fig("body text weight", float64(sg.good*10), "<", float64(segs[main].good))}
			default:
				reason = "a part cut off from the main text (by a heading or a run of link lines), small beside it"
				figs = []Figure{fig("body text weight ×4", float64(sg.good*4), "<", float64(segs[main].good))}
			}
			if b.class == clsBad && t.class(b) != ClassDropped {
				continue // already out by its own rule
			}
			t.text(b, class, "keepMainSegments", reason, figs...)
		}
	}
}

// selected records the selection of the body's text: blocks taken for
// the body by rule, and those it leaves out.
func (t *tracer) selected(bs []tblock, sel []int, rule string) {
	in := make(map[int]bool, len(sel))
	for _, i := range sel {
		in[i] = true
	}
	first, last := goodSpan(bs)
	for i := range bs {
		b := &bs[i]
		cur := t.class(b)
		switch {
		case in[i] && cur == ClassBody:
		case in[i] && first < 0:
			t.text(b, ClassBody, rule, "no paragraph qualifies on its own: the blocks not left out make the text together")
		case in[i] && i < first:
			t.text(b, ClassBody, rule, "before the first paragraph: it leads into the body (a sentence, or a line in the body's container)")
		case in[i] && i > last:
			t.text(b, ClassBody, rule, "after the last paragraph: a sentence, or a list set in the body's container")
		case in[i]:
			t.text(b, ClassBody, rule, "between the body's first and last paragraphs")
		case rule == "checkAgainst" && cur == ClassBody:
			t.text(b, ClassDropped, rule, "the page's JSON-LD articleBody vouches for the body's other paragraphs, not for this one")
		case cur != ClassBody && cur != classNeutral:
			// Out by an earlier rule.
		case b.heading > 0 && b.class == clsBad:
			t.text(b, ClassDropped, rule, "a heading over blocks left out: it heads them, not the body")
		case i < first:
			t.text(b, ClassDropped, rule, "before the first paragraph, and no lead-in: a heading, a byline, a date, a short line in a box of its own")
		default:
			t.text(b, ClassDropped, rule, "after the last paragraph: no sentence, not a list in the body's container")
		}
	}
}
