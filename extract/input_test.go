package extract

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// decodeString decodes raw as Extract does and returns the UTF-8 text.
func decodeString(t *testing.T, raw []byte, contentType string) string {
	t.Helper()
	b, err := io.ReadAll(decode(raw, contentType).reader())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDecodeMislabelled(t *testing.T) {
	const text = "北京新开通两条地铁线路 東京で桜が満開 서울 봄 축제 À Paris, « C’est cher » — 4,50 €"
	for _, tc := range []struct {
		name, meta, contentType string
	}{
		{"gb2312 in meta", `<meta charset="gb2312">`, "text/html"},
		{"gbk in http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, ""},
		{"shift_jis", `<meta charset="Shift_JIS">`, ""},
		{"euc-jp", `<meta charset="euc-jp">`, ""},
		{"euc-kr", `<meta charset="euc-kr">`, ""},
		{"big5", `<meta charset="big5">`, ""},
		{"windows-1252", `<meta charset="windows-1252">`, ""},
		{"iso-8859-1", `<meta charset="iso-8859-1">`, ""},
		{"koi8-r", `<meta charset="koi8-r">`, ""},
		{"legacy charset in the header", ``, "text/html; charset=gb2312"},
		{"iso-8859-1 in the header", ``, "text/html; charset=ISO-8859-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := fmt.Sprintf("<html><head>%s<title>t</title></head><body><p>%s</p></body></html>", tc.meta, text)
			if got := decodeString(t, []byte(page), tc.contentType); !strings.Contains(got, text) {
				t.Errorf("decoded text garbled: %q", got)
			}
		})
	}
}

// TestDecodeLegacy: pages really in a legacy charset still decode by their
// declaration.
func TestDecodeLegacy(t *testing.T) {
	for _, tc := range []struct {
		charset string
		enc     encoding.Encoding
		text    string
	}{
		{"gb2312", simplifiedchinese.GBK, "北京新开通两条地铁线路，市民出行更加便利。"},
		{"gbk", simplifiedchinese.GBK, "中"},
		{"gb18030", simplifiedchinese.GB18030, "多地推出春季消费新举措"},
		{"shift_jis", japanese.ShiftJIS, "東京で桜が満開に　公園は花見客でにぎわう"},
		{"shift_jis", japanese.ShiftJIS, "ｱｲｳ 半角カナ"},
		{"euc-jp", japanese.EUCJP, "気象庁は十七日に発表した"},
		{"euc-kr", korean.EUCKR, "서울 한강 공원에서 봄 축제"},
		{"big5", traditionalchinese.Big5, "行政院今天宣布"},
		{"windows-1252", charmap.Windows1252, "À Paris, « C’est cher » — 4,50 €"},
		{"iso-8859-1", charmap.ISO8859_1, "Ça coûte très cher, dit Élodie"},
		{"windows-1251", charmap.Windows1251, "Москва, 17 апреля"},
		{"koi8-r", charmap.KOI8R, "Москва, 17 апреля"},
	} {
		t.Run(tc.charset+" "+tc.text, func(t *testing.T) {
			body, err := tc.enc.NewEncoder().String(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			page := fmt.Sprintf(`<html><head><meta charset="%s"><title>t</title></head><body><p>%s</p></body></html>`, tc.charset, body)
			if got := decodeString(t, []byte(page), ""); !strings.Contains(got, tc.text) {
				t.Errorf("decoded %q, want it to contain %q", got, tc.text)
			}
		})
	}
}

func TestUnclosedTitle(t *testing.T) {
	const body = `<div class="story"><h1>Night ferry returns to the harbor</h1>
<p>HARBORTON (AP) — The night ferry between Harborton and the islands sailed again on Thursday, two years after the harbor authority suspended the service for repairs to the old pier.</p>
<p>The harbor authority said the ferry would run four nights a week through the summer, with a fifth crossing added on holiday weekends if demand holds up.</p>
<p>Residents of the islands had complained that the only evening connection to the mainland was a small water taxi that did not run in bad weather, leaving nurses and restaurant workers stranded after late shifts.</p>
<p>Engineers replaced the pilings under the pier and installed new lighting along the boarding ramp, according to the authority's budget report for the year.</p></div>`
	for _, tc := range []struct {
		name, head string
	}{
		{"never closed", `<title>Night ferry returns to the harbor - Northwind Gazette
<meta name="description" content="The ferry is back.">
</head>`},
		{"closed with a misspelt tag", `<TITLE>Night ferry returns to the harbor - Northwind Gazette</TITEL></HEAD>`},
		{"never closed, no head end", `<title>Night ferry returns to the harbor - Northwind Gazette`},
		{"closed", `<title>Night ferry returns to the harbor - Northwind Gazette</title></head>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head>" + tc.head + "\n<body>" + body + "</body></html>"
			a, err := New(Options{}).ExtractBytes([]byte(page), Source{URL: "https://northwind.example/story/1"})
			if err != nil {
				t.Fatal(err)
			}
			type rec struct{ Title, Agency, First string }
			first, _, _ := strings.Cut(a.Text, "\n")
			const opening = "HARBORTON (AP) — The night ferry"
			got := rec{a.Title, a.Agency, first[:min(len(first), len(opening))]}
			want := rec{"Night ferry returns to the harbor", "AP", opening}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Extract mismatch (-want +got):\n%s", diff)
			}
			if strings.Count(a.Text, "\n\n") != 3 {
				t.Errorf("want 4 paragraphs, got %q", a.Text)
			}
		})
	}
}

// TestLongTitleKept: a long title with markup-like text in it, closed, is
// left as it is.
func TestLongTitleKept(t *testing.T) {
	title := "Why &lt;/div&gt; matters: " + strings.Repeat("a very long title about markup ", 20)
	page := "<html><head><title>" + title + "</title></head><body><p>" + strings.Repeat("Text of the page about markup and its end tags. ", 10) + "</p></body></html>"
	doc, _, err := parse([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if swallowedByTitle(doc) {
		t.Error("a closed title taken for one that swallowed the page")
	}
	p := newPage(doc)
	if !strings.HasPrefix(p.title, "Why </div> matters") || p.body == nil {
		t.Errorf("title %q, body %v", p.title, p.body != nil)
	}
}
