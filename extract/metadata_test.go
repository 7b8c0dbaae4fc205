package extract

import (
	"testing"

	"golang.org/x/net/html"

	"github.com/google/go-cmp/cmp"
)

func TestBestTitle(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    pageMeta
		want string
	}{
		{"site after a dash", pageMeta{title: "Russia’s minister will visit North Korea -LegacyBuild Academy", h1: "Russia’s minister will visit North Korea"}, "Russia’s minister will visit North Korea"},
		{"pipe, no h1", pageMeta{title: "Storm closes the harbour for two days | Harbor Herald", siteName: "Harbor Herald"}, "Storm closes the harbour for two days"},
		{"underscores", pageMeta{title: "各地陆续推出发放消费券等举措_财经_东方财经网", siteName: "东方财经网", h1: "各地陆续推出发放消费券等举措"}, "各地陆续推出发放消费券等举措"},
		{"site first", pageMeta{title: "Valley Chronicle - Food bank needs volunteers as demand climbs", siteName: "Valley Chronicle"}, "Food bank needs volunteers as demand climbs"},
		{"og title with site", pageMeta{ogTitle: "Council approves the new budget | City Times", siteName: "City Times", h1: "Council approves the new budget"}, "Council approves the new budget"},
		{"JSON-LD agrees with h1", pageMeta{title: "Home", ldHeadline: "Prices rise again", h1: "Prices rise again"}, "Prices rise again"},
		{"a colon inside the headline stays", pageMeta{title: "Apple iOS 18.2: What to know about top features", h1: "Apple iOS 18.2: What to know about top features"}, "Apple iOS 18.2: What to know about top features"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.bestTitle(); got != tc.want {
				t.Errorf("bestTitle() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCleanAuthors(t *testing.T) {
	for _, tc := range []struct {
		raw  []string
		site string
		want []string
	}{
		{[]string{"By Jane Doe and John Roe"}, "", []string{"Jane Doe", "John Roe"}},
		{[]string{"By Maria Lopez · May 21, 2024, 4:05 p.m. EDT"}, "", []string{"Maria Lopez"}},
		{[]string{"Jane Doe, John Roe & Ann Lee"}, "", []string{"Jane Doe", "John Roe", "Ann Lee"}},
		{[]string{"https://www.facebook.com/jane.doe"}, "", nil},
		{[]string{"Email the author"}, "", nil},
		{[]string{"Submitted"}, "", nil},
		{[]string{"The Associated Press"}, "", nil},
		{[]string{"City Times"}, "City Times", nil},
		{[]string{"Finian Cunningham. Sputnik International"}, "Sputnik International", []string{"Finian Cunningham"}},
		{[]string{"Von Anna Schmidt und Jan Meyer"}, "", []string{"Anna Schmidt", "Jan Meyer"}},
		{[]string{"Marcus de Guzman"}, "", []string{"Marcus de Guzman"}},
		{[]string{"staff writers"}, "", nil},
	} {
		if got := cleanAuthors(tc.raw, tc.site); !cmp.Equal(got, tc.want) {
			t.Errorf("cleanAuthors(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

func TestParseStamp(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want stamp
	}{
		{"2025-04-17 14:27:32", stamp{"2025-04-17T14:27:32", false}},
		{"2019-11-18T23:04:24-05:00", stamp{"2019-11-18T23:04:24-05:00", true}},
		{"2019-11-19T02:46:42.471Z", stamp{"2019-11-19T02:46:42Z", true}},
		{"2024-03-05 10:20", stamp{"2024-03-05T10:20:00", false}},
		{"2024年3月5日 10:20", stamp{"2024-03-05T10:20:00", false}},
		{"March 3, 2024 3:04 PM EST", stamp{"2024-03-03T15:04:00-05:00", true}},
		{"Nov. 19, 2019 8:21 am ET", stamp{"2019-11-19T08:21:00", false}},
		{"17.04.2025 14:27", stamp{"2025-04-17T14:27:00", false}},
		{"3. März 2024", stamp{"2024-03-03", false}},
		{"2024-02-30T25:61:00", stamp{}},
		{"2024-02-31", stamp{}},
		{"2019-11-18 3:04 PM", stamp{"2019-11-18T15:04:00", false}},
		{"November 18, 2019 12:30 and more", stamp{"2019-11-18T12:30:00", false}},
		{"© 2019 All rights reserved", stamp{}},
	} {
		if got := parseStamp(tc.in); got != tc.want {
			t.Errorf("parseStamp(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestWireCredit(t *testing.T) {
	for _, tc := range []struct {
		in, agency, dateline string
	}{
		{"MOSCOW (AP) — Russia’s foreign minister will visit", "AP", "MOSCOW"},
		{"LONDON, March 3 (Reuters) - British house prices rose", "Reuters", "LONDON"},
		{"Berlin (dpa) - Die Bundesregierung", "dpa", "Berlin"},
		{"PARIS (AFP) - France said", "AFP", "PARIS"},
		{"New Delhi [India], March 3 (ANI): The government", "ANI", "New Delhi"},
		{"NEW DELHI, Mar 3 (PTI) The Supreme Court", "PTI", "NEW DELHI"},
		{"新华社北京3月5日电 随着气温回升", "Xinhua", "北京"},
		{"【ワシントン共同】米政府は", "Kyodo", "ワシントン"},
		{"(서울=연합뉴스) 정부는", "Yonhap", "서울"},
		{"The minister said on Monday (AP) that", "", ""},
	} {
		ag, dl := wireCredit(tc.in)
		if ag != tc.agency || dl != tc.dateline {
			t.Errorf("wireCredit(%q) = %q, %q; want %q, %q", tc.in, ag, dl, tc.agency, tc.dateline)
		}
	}
}

func TestHeadingKindWholeWords(t *testing.T) {
	for _, tc := range []struct{ heading, want string }{
		{"Related", KindRelated},
		{"Related stories", KindRelated},
		{"Foreign relations", ""},
		{"Frank talk on the economy", ""},
		{"Krankenkasse erhöht Beiträge", ""},
		{"Most read", KindRanking},
		{"Rankings", KindRanking},
		{"Hot", KindRanking},
		{"Photographers shoot in the heat", ""},
		{"Recommended for you", KindRecommendation},
		{"Ideas for your kitchen", ""},
		{"Meistgelesen", KindRanking},
		{"相关新闻", KindRelated},
		{"おすすめ記事", KindRecommendation},
	} {
		if got := headingKind(tc.heading); got != tc.want {
			t.Errorf("headingKind(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

func TestSiteFromTitleCaseFolding(t *testing.T) {
	// Lower-casing changes the byte length of İ, Ⱥ and ẞ: the headline is
	// not cut out by its offsets (no panic, no broken UTF-8), and the site
	// is the title's last short segment.
	for _, tc := range []struct {
		title string
		heads []string
		want  string
	}{
		{"İstanbul'da deprem korkusu | Haber Merkezi", []string{"istanbul'da deprem korkusu"}, "Haber Merkezi"},
		{"Ⱥⱥ headline of the day - Site", []string{"ⱥⱥ headline of the day"}, "Site"},
		{"ẞ Straße gesperrt – Stadtblatt", []string{"ß straße gesperrt"}, "Stadtblatt"},
		// Lengths kept by lower-casing: the headline is cut out, wherever
		// it stands.
		{"Stadtblatt – Straße gesperrt wegen Bauarbeiten", []string{"straße gesperrt wegen bauarbeiten"}, "Stadtblatt"},
	} {
		if got := siteFromTitle(tc.title, tc.heads); got != tc.want {
			t.Errorf("siteFromTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestCommentClasses(t *testing.T) {
	for _, tc := range []struct {
		class string
		want  bool
	}{
		{"comments", true}, {"comment-list", true}, {"post_comments", true}, {"disqus_thread", true},
		{"commentary", false}, {"table-responsive", false}, {"embed-responsive-item", false},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: tc.class}}}
		if got := isComments(n); got != tc.want {
			t.Errorf("isComments(class=%q) = %v, want %v", tc.class, got, tc.want)
		}
	}
}

func TestSplitTitle(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Headline here -LegacyBuild Academy", []string{"Headline here", "LegacyBuild Academy"}},
		{"Headline | Site", []string{"Headline", "Site"}},
		{"标题_财经_网站", []string{"标题", "财经", "网站"}},
		{"Site :: Section :: Headline", []string{"Site", "Section", "Headline"}},
		{"Raiders fire coordinator after 2-7 start — Sports Daily", []string{"Raiders fire coordinator after 2-7 start", "Sports Daily"}},
		{"Apple iOS 18.2: What to know", []string{"Apple iOS 18.2: What to know"}},
		{"Site » News » Headline", []string{"Site", "News", "Headline"}},
	} {
		if got := splitTitle(tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("splitTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
