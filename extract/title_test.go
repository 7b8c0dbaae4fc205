package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStripSite(t *testing.T) {
	for _, tc := range []struct {
		title, site, want string
	}{
		{"Title | Section | Site", "", "Title"},
		{"Title | Section | Site", "Site", "Title"},
		{"Quanta Magazine_Health_Site", "", "Quanta Magazine"},
		{"Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - VG247", "VG247",
			"Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars"},
		{"Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - VG247", "",
			"Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars"},
		{"Valley Chronicle :: News :: Food bank needs volunteers as demand climbs", "", "Food bank needs volunteers as demand climbs"},
		{"Opinion | Republicans are following the mayor nowhere - The Harbor Times", "The Harbor Times", "Republicans are following the mayor nowhere"},
		{"Storm closes the harbour for two days | Harbor Herald", "Harbor Herald", "Storm closes the harbour for two days"},
		{"Storm closes the harbour for two days - harborherald.example", "Harbor Herald", "Storm closes the harbour for two days"},
		{"Storm closes the harbour - www.harborherald.example", "harborherald.example", "Storm closes the harbour"},
		{"各地陆续推出发放消费券等举措_财经_东方财经网", "东方财经网", "各地陆续推出发放消费券等举措"},
		{"各地陆续推出发放消费券等举措_财经_东方财经网", "", "各地陆续推出发放消费券等举措"},
		{"【速報】東京で大雪、交通に乱れ｜みなと新報", "みなと新報", "東京で大雪、交通に乱れ"},
		{"【速報】東京で大雪、交通に乱れ｜みなと新報", "", "東京で大雪、交通に乱れ"},
		{"東京で大雪、交通に乱れ | 社会 | みなと新報", "", "東京で大雪、交通に乱れ"},
		{"Kabinett beschließt Förderprogramm für Lastenräder – Stadtblatt", "", "Kabinett beschließt Förderprogramm für Lastenräder"},
		{"Власти Москвы открыли новую линию метро — Городские новости", "", "Власти Москвы открыли новую линию метро"},
		// A separator inside the headline stays when both sides are long.
		{"Диета Аткинса (14 дней) - потеря веса до 10 кг. Отзывы", "", "Диета Аткинса (14 дней) - потеря веса до 10 кг. Отзывы"},
		{"Apple iOS 18.2: What to know about top features", "", "Apple iOS 18.2: What to know about top features"},
		{"Headline without any separator", "Site", "Headline without any separator"},
	} {
		if got := stripSite(tc.title, tc.site); got != tc.want {
			t.Errorf("stripSite(%q, %q) = %q, want %q", tc.title, tc.site, got, tc.want)
		}
	}
}

func TestBestTitleAgreement(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    pageMeta
		want string
	}{
		{"visible headline inside the title, with a dash of its own",
			pageMeta{title: "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - VG247",
				h1s:        []string{"Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars"},
				ldHeadline: "Star Wars Jedi: Fallen Order review &#8211; shoots for the moon, lands among the stars", siteName: "VG247"},
			"Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars"},
		{"the logo h1 is no headline, the second h1 is",
			pageMeta{title: "Is football violence a crime? - Daily Ledger", h1s: []string{"The Daily LedgerOpinion", "Is football violence a crime?"}},
			"Is football violence a crime?"},
		{"a logo h1 alone: the title without the site",
			pageMeta{title: "Harbor reopens after storm - Daily Ledger", h1s: []string{"Daily Ledger"}, siteName: "Daily Ledger"},
			"Harbor reopens after storm"},
		{"an h1 of another story: the title",
			pageMeta{title: "Early reviews of the streaming platform are not great - Linkfeed", h1s: []string{"Why don't you go fight for the reindeer?"}},
			"Early reviews of the streaming platform are not great"},
		{"the visible headline edited from the SEO title",
			pageMeta{title: "Prison guards charged in connection with inmate's death", ogTitle: "Prison guards charged in connection with inmate's death",
				h1s: []string{"Two federal prison officers charged with falsifying records in connection with inmate's death"}},
			"Two federal prison officers charged with falsifying records in connection with inmate's death"},
		{"typographic quotes and a closing full stop",
			pageMeta{title: "Streaming service doesn't run at a stable 60fps.", h1s: []string{"Streaming service doesn’t run at a stable 60fps"}},
			"Streaming service doesn’t run at a stable 60fps"},
		{"headline in bold in a font, no h1",
			pageMeta{title: "Council approves ferry route | Harbor Herald", heads: []string{"Harbor Herald", "Latest", "Council approves ferry route"}},
			"Council approves ferry route"},
		{"CJK title in lenticular brackets",
			pageMeta{title: "【速報】東京で大雪、交通に乱れ｜みなと新報", h1s: []string{"東京で大雪、交通に乱れ"}},
			"東京で大雪、交通に乱れ"},
		{"CJK, no h1, the site known",
			pageMeta{title: "北京新开通两条地铁线路_社会_东方日报", siteName: "东方日报"},
			"北京新开通两条地铁线路"},
		{"German, en dash",
			pageMeta{title: "Kabinett beschließt Förderprogramm für Lastenräder – Stadtblatt", h1s: []string{"Kabinett beschließt Förderprogramm für Lastenräder"}},
			"Kabinett beschließt Förderprogramm für Lastenräder"},
		{"Russian, stems of a rewritten headline",
			pageMeta{title: "Самые популярные кулинарные блоги по версии журнала — www.zhurnal.example", ogTitle: "Самые популярные кулинарные блоги по версии журнала",
				h1s: []string{"Мастера вкуса: самых популярных кулинарных блогеров по версии журнала"}},
			"Мастера вкуса: самых популярных кулинарных блогеров по версии журнала"},
		{"no statements: the h1",
			pageMeta{h1s: []string{"Storm closes the harbour"}},
			"Storm closes the harbour"},
		{"JSON-LD and og agree without a visible headline",
			pageMeta{title: "Home", ogTitle: "Prices rise again | City Times", ldHeadline: "Prices rise again", siteName: "City Times"},
			"Prices rise again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.bestTitle(); got != tc.want {
				t.Errorf("bestTitle() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestTitleMarkup finds the visible headline whatever element holds it.
func TestTitleMarkup(t *testing.T) {
	const body = `<p>The harbor authority said on Thursday that the night ferry would run four nights a week through the summer, with a fifth crossing on holiday weekends.</p>
<p>Residents of the islands had complained for years that the only evening connection to the mainland was a small water taxi that did not run in bad weather.</p>`
	for _, tc := range []struct {
		name, title, headline, want string
	}{
		{"h1", "Night ferry returns - Harbor Herald", `<h1>Night ferry returns</h1>`, "Night ferry returns"},
		{"font and bold", "Night ferry returns to the harbor - Harbor Herald",
			`<table><tr><td><font size="5"><b>Night ferry returns to the harbor</b></font></td></tr></table>`, "Night ferry returns to the harbor"},
		{"styled div and span", "Night ferry returns to the harbor | Harbor Herald",
			`<div style="font-size: 26px"><span>Night ferry returns to the harbor</span></div>`, "Night ferry returns to the harbor"},
		{"headline class", "Harbor Herald | Night ferry returns to the harbor after two years",
			`<div class="x9-headline">Night ferry returns to the harbor after two years</div>`, "Night ferry returns to the harbor after two years"},
		{"itemprop headline on h2", "Night ferry returns to the harbor · Harbor Herald",
			`<h2 itemprop="headline">Night ferry returns to the harbor</h2>`, "Night ferry returns to the harbor"},
		{"logo h1 and a bold headline", "Night ferry returns to the harbor - Harbor Herald",
			`<h1><a href="/">Harbor Herald</a></h1><p><strong>Night ferry returns to the harbor</strong></p>`, "Night ferry returns to the harbor"},
		{"Japanese", "夜行フェリーが2年ぶりに運航再開｜みなと新報",
			`<div class="midashi"><span style="font-size:1.6em">夜行フェリーが2年ぶりに運航再開</span></div>`, "夜行フェリーが2年ぶりに運航再開"},
		{"no visible headline", "Night ferry returns to the harbor after two years | Harbor Herald", ``, "Night ferry returns to the harbor after two years"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body>
<div class="top"><a href="/">Harbor Herald</a> <a href="/news/">News</a></div><div class="story">%s%s</div></body></html>`, tc.title, tc.headline, body)
			a, err := New(Options{}).ExtractBytes([]byte(page), Source{URL: "https://harbor.example/news/1"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, a.Title); diff != "" {
				t.Errorf("title mismatch (-want +got):\n%s", diff)
			}
			if tc.headline != "" && strings.Contains(a.Text, tc.want) {
				t.Errorf("the headline is in the body: %.80q", a.Text)
			}
		})
	}
}
