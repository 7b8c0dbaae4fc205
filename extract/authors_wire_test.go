package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestClosingCredit reads the credit lines that close a story, one by one:
// the reporters and writers are authors, the editors never; text of another
// kind is no credit. Every name is invented.
func TestClosingCredit(t *testing.T) {
	o := outlet{site: "Lantern Post", labels: []string{"lanternpost"}}
	for _, tc := range []struct {
		text   string
		want   []string
		credit bool
	}{
		{"(Reporting by Jane Roe and John Doe in Paris; Editing by Max Mustermann)", []string{"Jane Roe", "John Doe"}, true},
		{"Reporting by Jane Roe; Writing by Ann Poe; Editing by Max Mustermann", []string{"Jane Roe", "Ann Poe"}, true},
		{"(Reporting by Jane Roe, Ann Poe, with reporting by Ravi Menon and Ana Sousa, editing by Max Mustermann.)",
			[]string{"Jane Roe", "Ann Poe", "Ravi Menon", "Ana Sousa"}, true},
		{"(Reporting by Jane Roe; with additional reporting by Ravi Menon in Lisbon; Editing by Max Mustermann)",
			[]string{"Jane Roe", "Ravi Menon"}, true},
		{"Additional reporting by Ravi Menon", []string{"Ravi Menon"}, true},
		{"Compiled by Ann Poe", []string{"Ann Poe"}, true},
		{"Written by Ann Poe", []string{"Ann Poe"}, true},
		{"Contributing: Jane Roe, John Doe", []string{"Jane Roe", "John Doe"}, true},
		{"Contributing: Jane Roe and John Doe, Lantern Post", []string{"Jane Roe", "John Doe"}, true},
		{"Jane Roe contributed to this report.", []string{"Jane Roe"}, true},
		{"Jane Roe in Paris and John Doe in Rome contributed reporting.", []string{"Jane Roe", "John Doe"}, true},
		{"Associated Press writers Jane Roe and John Doe contributed to this report.", []string{"Jane Roe", "John Doe"}, true},
		{"(Jane Roe also contributed reporting.)", []string{"Jane Roe"}, true},
		{"— Jane Roe, Associated Press", []string{"Jane Roe"}, true},
		{"— Jane Roe and John Doe, Reuters", []string{"Jane Roe", "John Doe"}, true},
		{"Mitarbeit: Lotte Brandauer", []string{"Lotte Brandauer"}, true},
		{"(Bericht von Lotte Brandauer; redigiert von Paul Ehrenberg)", []string{"Lotte Brandauer"}, true},
		{"Con información de Inés Carvajal", []string{"Inés Carvajal"}, true},
		{"(Reportage Odile Varenne, avec Luc Perrin à Paris; version française Anne Morel, édité par Paul Ehrenberg)",
			[]string{"Odile Varenne", "Luc Perrin"}, true},
		// Credits that name no person end the search with no names.
		{"The Associated Press contributed to this report.", nil, true},
		{"Con información de EFE y AFP", nil, true},
		// Other text.
		{"Editing by Max Mustermann", nil, false},
		{"The paper's reporting by Jane Roe won a prize last year.", nil, false},
		{"— and the council, officials said, will meet again in May", nil, false},
		{"— Jane Roe, the mayor", nil, false},
		{"Jane Roe contributed to the fund for years.", nil, false},
	} {
		got, ok := o.closingCredit(tc.text)
		if ok != tc.credit || !cmp.Equal(got, tc.want, cmpopts.EquateEmpty()) {
			t.Errorf("closingCredit(%q) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.credit)
		}
	}
}

// TestClosingCreditPages runs the whole extractor on invented pages whose
// story closes with a credit in the shapes wire copy prints it: a
// paragraph of its own, the end of the last paragraph, an emphasis that
// ends it, a line after a break. The credit stays in the text in every
// shape, as it does when it is its own paragraph; a paragraph that only
// mentions reporting, or that credits an editor alone, names nobody.
func TestClosingCreditPages(t *testing.T) {
	paras := strings.Repeat(`<p>The council voted on Tuesday to rebuild the old harbour bridge before winter, and the works will close the road to traffic for three months, officials said.</p>`, 6)
	const last = `<p>The ferry will run a longer timetable while the road is closed, the operator said.`
	page := func(tail string) string {
		return `<html lang="en"><head><title>Council votes to rebuild the old bridge</title></head><body><article>` +
			`<h1>Council votes to rebuild the old bridge</h1>` + paras + last + tail + `</article></body></html>`
	}
	const credit = `(Reporting by Jane Roe and John Doe in Paris; Editing by Max Mustermann)`
	for _, tc := range []struct {
		name, tail string
		want       []string
		textEnd    string
	}{
		{"own paragraph", `</p><p>` + credit + `</p>`, []string{"Jane Roe", "John Doe"}, credit},
		{"end of the last paragraph", ` ` + credit + `</p>`, []string{"Jane Roe", "John Doe"}, credit},
		{"emphasis ending the last paragraph", ` <em>` + credit + `</em></p>`, []string{"Jane Roe", "John Doe"}, credit},
		{"brackets around an emphasis", ` (<i>Reporting by Jane Roe; Editing by Max Mustermann</i>)</p>`, []string{"Jane Roe"},
			"(Reporting by Jane Roe; Editing by Max Mustermann)"},
		{"span without brackets ending the paragraph", ` <span>Reporting by Jane Roe; Writing by Ann Poe; Editing by Max Mustermann</span></p>`,
			[]string{"Jane Roe", "Ann Poe"}, "Editing by Max Mustermann"},
		{"line after a break", `<br><br>Reporting by Jane Roe; Editing by Max Mustermann</p>`, []string{"Jane Roe"}, "Editing by Max Mustermann"},
		{"Contributing line", `</p><p>Contributing: Jane Roe, John Doe</p>`, []string{"Jane Roe", "John Doe"}, "Contributing: Jane Roe, John Doe"},
		{"contributed line", `</p><p><i>Jane Roe contributed to this report.</i></p>`, []string{"Jane Roe"}, "Jane Roe contributed to this report."},
		{"agency signature", `</p><p>— Jane Roe, Associated Press</p>`, []string{"Jane Roe"}, "— Jane Roe, Associated Press"},
		{"reporting by mid-sentence", ` Earlier reporting by Jane Roe found the same cracks in the bridge.</p>`, nil, "cracks in the bridge."},
		{"brackets in the middle of the paragraph", ` (Reporting by Jane Roe) The works start in May.</p>`, nil, "start in May."},
		{"editing only", `</p><p>(Editing by Max Mustermann)</p>`, nil, "(Editing by Max Mustermann)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(Options{}).Extract(strings.NewReader(page(tc.tail)), Source{URL: "https://www.lanternpost.example/2025/03/03/bridge.html"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, a.Authors, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("authors mismatch (-want +got):\n%s", diff)
			}
			if !strings.HasSuffix(a.Text, tc.textEnd) {
				t.Errorf("text ends %q, want it to end %q", a.Text[max(0, len(a.Text)-120):], tc.textEnd)
			}
		})
	}
}

// TestBylineTopicLink: a box the markup calls a byline that also links the
// story's topic gives the name, never the topic's words.
func TestBylineTopicLink(t *testing.T) {
	paras := strings.Repeat(`<p>The council voted on Tuesday to rebuild the old harbour bridge before winter, and the works will close the road to traffic for three months, officials said.</p>`, 3)
	for _, tc := range []struct {
		name, box string
		want      []string
	}{
		{"topic link then a bare name", `<div class="byline"><a href="/topics/harbour">Harbour and coastal works</a> Mara Quinlan</div>`, []string{"Mara Quinlan"}},
		{"topic link then a name in a span", `<div class="byline"><a href="/topics/harbour">Harbour and coastal works</a> <span>Mara Quinlan</span></div>`, []string{"Mara Quinlan"}},
		{"topic link then a linked name", `<div class="byline"><a href="/topics/harbour">Harbour and coastal works</a> <a href="/people/mara">Mara Quinlan</a></div>`, []string{"Mara Quinlan"}},
		{"capitalised section link", `<p class="byline"><a href="/section/harbour/">Harbour Works</a> | Mara Quinlan</p>`, []string{"Mara Quinlan"}},
		{"two names in one link stay", `<div class="byline">By <a href="/people/team">Mara Quinlan and Theo Barnaby</a></div>`, []string{"Mara Quinlan", "Theo Barnaby"}},
		{"name and place in one link after By stay", `<div class="byline">By <a href="/people/mara">Mara Quinlan in Lisbon</a></div>`, []string{"Mara Quinlan"}},
		{"name and role in one link stay", `<div class="byline"><a href="/people/mara">Mara Quinlan, senior reporter</a></div>`, []string{"Mara Quinlan"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html lang="en"><head><title>Council votes to rebuild the old bridge</title></head><body><article><h1>Council votes to rebuild the old bridge</h1>` +
				tc.box + paras + `</article></body></html>`
			checkPageAuthors(t, "https://www.lanternpost.example/2025/03/03/bridge.html", page, tc.want)
		})
	}
}
