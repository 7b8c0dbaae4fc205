package crawl

import (
	"net/url"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"HTTP://Example.COM:80/a/b", "http://example.com/a/b"},
		{"https://example.com:443/", "https://example.com/"},
		{"https://example.com:8443/x", "https://example.com:8443/x"},
		{"http://example.com", "http://example.com/"},
		{"http://example.com/a/./b/../c/", "http://example.com/a/c/"},
		{"http://example.com/a#frag", "http://example.com/a"},
		{"http://user:pw@example.com/a", "http://example.com/a"},
		{"http://example.com/a?utm_source=x&b=2&a=1&fbclid=zz&gclid=1", "http://example.com/a?a=1&b=2"},
		{"http://example.com/a?UTM_Medium=x&id=7", "http://example.com/a?id=7"},
		{"http://example.com/story.php?id=7&PHPSESSID=abc", "http://example.com/story.php?id=7"},
		{"http://example.com/a;jsessionid=ABC123?x=1", "http://example.com/a?x=1"},
		{"http://example.com/%7euser/%2fx", "http://example.com/~user/%2Fx"},
		{"http://example.com/a?q=%7e%2f", "http://example.com/a?q=~%2F"},
		{"http://example.com/a?", "http://example.com/a"},
		{"http://bücher.example/", "http://xn--bcher-kva.example/"},
		{"http://[::1]:80/", "http://[::1]/"},
		{"http://example.com/INVEST/../invest/", "http://example.com/invest/"},
		// Spellings of one page.
		{"http://example.com/world/index.html", "http://example.com/world/"},
		{"http://example.com/index.php?p=7", "http://example.com/?p=7"},
		{"http://example.com/News/Default.ASPX", "http://example.com/News/"},
		{"http://example.com/a/index.htm#top", "http://example.com/a/"},
		{"http://example.com//a//./b/", "http://example.com/a/b/"},
		{"http://example.com/a/index.html.bak", "http://example.com/a/index.html.bak"},
		{"http://example.com/a?b=%2f&a=1", "http://example.com/a?a=1&b=%2F"},
		// Session ids in every spelling; a short sid is a section id.
		{"http://example.com/a?sid=3f9c0a7b1d2e4f5a6b7c8d9e&x=1", "http://example.com/a?x=1"},
		{"http://example.com/a?SID=Zq81kLmN0pQr5sTu", "http://example.com/a"},
		{"http://example.com/a?sid=3", "http://example.com/a?sid=3"},
		{"http://example.com/a?sid=sports-and-leisure", "http://example.com/a?sid=sports-and-leisure"},
		{"http://example.com/a?ASPSESSIONIDQQGGQGPG=KJHGFDSA&id=1", "http://example.com/a?id=1"},
		{"http://example.com/a?sessid=1&id=1", "http://example.com/a?id=1"},
		{"http://example.com/a;phpsessid=abc/b;v=1", "http://example.com/a/b;v=1"},
		{"http://example.com/a;sid=0a1b2c3d4e5f6a7b8c9d?x=1", "http://example.com/a?x=1"},
		{"http://example.com/(S(lit3py55t21z5v55vlm25s55))/news/story.aspx?id=4", "http://example.com/news/story.aspx?id=4"},
		{"http://example.com/(X(1)S(ab12cd34ef))/news/", "http://example.com/news/"},
		{"http://example.com/%28S%28ab12cd34ef%29%29/a", "http://example.com/a"},
		{"http://example.com/(S(ab12cd34ef))", "http://example.com/"},
		// Parentheses that are not a session stay.
		{"http://example.com/wiki/Paris_(France)/", "http://example.com/wiki/Paris_(France)/"},
		{"http://example.com/(2024)/a", "http://example.com/(2024)/a"},
		// A repeated key keeps the order of its values.
		{"http://example.com/a?sort=z&b=1&sort=a", "http://example.com/a?b=1&sort=z&sort=a"},
	} {
		got, err := Canonicalize(c.in)
		if err != nil || got != c.want {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"mailto:a@b.c", "ftp://example.com/", "/relative", "javascript:void(0)", "http:///x"} {
		if got, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q) = %q, want an error", bad, got)
		}
	}
}

// TestCanonicalizeSpelling: the exact spelling, for telling redirect
// loops, keeps index files and every parameter.
func TestCanonicalizeSpelling(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"HTTP://Example.COM:80/a/index.html?sid=0a1b2c3d4e5f6a7b8c9d", "http://example.com/a/index.html?sid=0a1b2c3d4e5f6a7b8c9d"},
		{"http://example.com/a/?b=1&a=2&utm_source=x", "http://example.com/a/?a=2&b=1&utm_source=x"},
	} {
		u, _ := url.Parse(c.in)
		if err := canonicalize(u, false); err != nil || u.String() != c.want {
			t.Errorf("canonicalize(%q, false) = %q, %v; want %q", c.in, u, err, c.want)
		}
	}
}

func TestIsToken(t *testing.T) {
	for v, want := range map[string]bool{
		"3f9c0a7b1d2e4f5a": true, "Zq81kLmN0pQr5sTu": true, "a1b2-c3d4_e5f6-g7h8": true,
		"17": false, "world-and-sports": false, "abcdefabcdefabcd": false, "2025041712000000": false,
		"abc def 123456789012": false,
	} {
		if got := isToken(v); got != want {
			t.Errorf("isToken(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestVisitKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"http://example.com/", "http://example.com/"},
		{"http://example.com/a/", "http://example.com/a"},
		{"http://example.com/a", "http://example.com/a"},
		{"http://example.com/a/?x=1", "http://example.com/a?x=1"},
		{"http://example.com/?x=1", "http://example.com/?x=1"},
	} {
		if got := visitKey(c.in); got != c.want {
			t.Errorf("visitKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestURLPattern(t *testing.T) {
	same := [][2]string{
		{"http://h/calendar/2025/04/", "http://h/calendar/1999/12/"},
		{"http://h/world/?sort=a&order=b", "http://h/world/?order=x&sort=y"},
		{"http://h/story.php?id=1", "http://h/story.php?id=20000"},
	}
	for _, c := range same {
		a, _ := url.Parse(c[0])
		b, _ := url.Parse(c[1])
		if urlPattern(a) != urlPattern(b) {
			t.Errorf("patterns differ: %s %s", urlPattern(a), urlPattern(b))
		}
	}
	a, _ := url.Parse("http://h/calendar/2025/04/")
	b, _ := url.Parse("http://h/world/page/2/")
	if urlPattern(a) == urlPattern(b) {
		t.Errorf("calendar and pagination share a pattern")
	}
}

func TestPathTrap(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"http://h/a/b/c/", ""},
		{"http://h/deep/more/more/", ""},
		{"http://h/deep/more/more/more/", "path-repeat"},
		{"http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17", "path-depth"},
	} {
		u, _ := url.Parse(c.in)
		if got := pathTrap(u, c.in, 2048, 16); got != c.want {
			t.Errorf("pathTrap(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"http://Example.com/a/../b?utm_x=1&b=2#f", "https://h:443/%7e?a=%2f", "http://[::1]:8080/x;jsessionid=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonicalize(s)
		if err != nil {
			return
		}
		// Idempotent: a canonical URL is its own canonical form.
		c2, err := Canonicalize(c)
		if err != nil || c2 != c {
			t.Fatalf("Canonicalize(%q) = %q, then %q, %v", s, c, c2, err)
		}
	})
}
