package markup

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// urlAttrs are the attributes that hold a URL resolved against the base.
var urlAttrs = map[atom.Atom]string{
	atom.A: "href", atom.Area: "href", atom.Link: "href", atom.Img: "src", atom.Script: "src",
	atom.Iframe: "src", atom.Source: "src", atom.Embed: "src", atom.Form: "action", atom.Video: "src",
	atom.Audio: "src", atom.Input: "src",
}

// baseHref sets a <base href> to another directory of the site and writes
// every URL of the page relative to it (absolute, scheme-relative,
// root-relative or path-relative, at random), so that each still points
// where it did.
func baseHref(p *Page, r *rand.Rand) (string, bool) {
	dir := pick(r, []string{"/", "/static/", "/templets/default/", "/a/b/c/"})
	if r.IntN(3) == 0 {
		dir = "/" + randomName(r) + "/" + randomName(r) + "/"
	}
	nb := &url.URL{Scheme: p.url.Scheme, Host: p.url.Host, Path: dir}
	count := 0
	walk(p.doc, func(n *html.Node) bool {
		key, ok := urlAttrs[n.DataAtom]
		if !ok || n.Type != html.ElementNode || n.DataAtom == atom.Base {
			return true
		}
		for i, a := range n.Attr {
			if a.Key != key {
				continue
			}
			target, err := p.base.Parse(strings.TrimSpace(a.Val))
			if err != nil || target.Scheme != "http" && target.Scheme != "https" {
				continue
			}
			n.Attr[i].Val = relative(target, nb, r)
			count++
		}
		return true
	})
	if h := head(p.doc); h != nil {
		for _, old := range elements(h) {
			if old.DataAtom == atom.Base {
				old.Parent.RemoveChild(old)
			}
		}
		written := relative(nb, p.url, r)
		b := elem("base", "href", written)
		if r.IntN(3) == 0 {
			setAttr(b, "target", "_blank")
		}
		at := h.FirstChild
		for c := h.FirstChild; c != nil && r.IntN(2) == 0; c = c.NextSibling {
			if c.DataAtom == atom.Meta || c.DataAtom == atom.Title {
				at = c.NextSibling
			}
		}
		h.InsertBefore(b, at)
		p.base = nb
		return fmt.Sprintf("base %q = %s, %d URLs rewritten", written, nb, count), true
	}
	return "", false
}

// relative writes target as a reference that resolves to it against base,
// in a form picked at random among those that do.
func relative(target, base *url.URL, r *rand.Rand) string {
	abs := target.String()
	forms := []string{abs}
	if target.Scheme == base.Scheme || target.Host != "" {
		forms = append(forms, strings.TrimPrefix(abs, target.Scheme+":"))
	}
	if target.Scheme == base.Scheme && target.Host == base.Host {
		rooted := *target
		rooted.Scheme, rooted.Host, rooted.User = "", "", nil
		forms = append(forms, rooted.String(), pathRelative(target, base), pathRelative(target, base))
	}
	for {
		i := r.IntN(len(forms))
		f := forms[i]
		if u, err := base.Parse(f); err == nil && u.String() == abs && f != "" {
			return f
		}
		forms = append(forms[:i], forms[i+1:]...)
		if len(forms) == 0 {
			return abs
		}
	}
}

// pathRelative writes target's path relative to base's directory
// ("../x/y.html").
func pathRelative(target, base *url.URL) string {
	from := strings.Split(strings.TrimSuffix(path.Dir(base.EscapedPath()+"x"), "/"), "/")
	to := strings.Split(target.EscapedPath(), "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	rel := strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(strings.SplitN(rel, "/", 2)[0], ":") {
		rel = "./" + rel
	}
	if target.RawQuery != "" || target.ForceQuery {
		rel += "?" + target.RawQuery
	}
	if target.Fragment != "" {
		rel += "#" + target.EscapedFragment()
	}
	return rel
}
