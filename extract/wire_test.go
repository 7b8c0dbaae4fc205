package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWireCreditForms(t *testing.T) {
	type credit struct{ Agency, Dateline string }
	for _, tc := range []struct {
		in   string
		want credit
	}{
		// A place, then the agency in brackets.
		{"HAYWARD, Calif. (AP) — The Latest on a stabbing on a commuter train:", credit{"AP", "HAYWARD, Calif."}},
		{"ST. PAUL, Minn. (AP) — Lawmakers adjourned early on Monday.", credit{"AP", "ST. PAUL, Minn."}},
		{"COLUMBIA, S.C. (AP) — About a dozen owners gathered on Tuesday.", credit{"AP", "COLUMBIA, S.C."}},
		{"SANTA FE, N.M. (AP) — A cat missing for five years was found.", credit{"AP", "SANTA FE, N.M."}},
		{"KYIV, Ukraine (Reuters) - Air raid sirens sounded across the country.", credit{"Reuters", "KYIV, Ukraine"}},
		{"NEW YORK (Reuters) - Oil prices fell on Tuesday.", credit{"Reuters", "NEW YORK"}},
		{"WASHINGTON (AFP) - The Senate voted late on Thursday.", credit{"AFP", "WASHINGTON"}},
		{"BERLIN, 17. April (Reuters) - Die Bundesregierung hat beschlossen.", credit{"Reuters", "BERLIN"}},
		{"Berlin (dpa) - Die Bundesregierung hat am Mittwoch beschlossen.", credit{"dpa", "Berlin"}},
		{"Düsseldorf (dpa/lnw) - Der Landtag berät am Donnerstag.", credit{"dpa", "Düsseldorf"}},
		{"Frankfurt am Main (epd) - Die Kirchen rufen zu Spenden auf.", credit{"epd", "Frankfurt am Main"}},
		{"Frankfurt/Main (dpa) - Der Dax schloss im Plus.", credit{"dpa", "Frankfurt/Main"}},
		{"Frankfurt a.M. (epd) - Die Kirchen rufen zu Spenden auf.", credit{"epd", "Frankfurt a.M."}},
		{"Halle (Saale) (dpa) - Die Stadt plant.", credit{"dpa", "Halle (Saale)"}},
		{"Rio de Janeiro (EFE) - El gobierno.", credit{"EFE", "Rio de Janeiro"}},
		{"Wien (APA) - Die Regierung hat sich geeinigt.", credit{"APA", "Wien"}},
		{"LONDON (PA) - Rail fares will rise in March.", credit{"PA", "LONDON"}},
		{"МОСКВА (ТАСС) — Президент подписал указ.", credit{"TASS", "МОСКВА"}},
		{"МОСКВА, 17 апреля (РИА Новости) — Власти сообщили.", credit{"RIA Novosti", "МОСКВА"}},
		{"КИЕВ (Интерфакс) - Парламент принял закон.", credit{"Interfax", "КИЕВ"}},
		{"LONDON, March 3 (Reuters) - British house prices rose.", credit{"Reuters", "LONDON"}},
		{"SAN JOSE, Calif., Nov. 18, 2019 (Reuters) - Shares rose.", credit{"Reuters", "SAN JOSE, Calif."}},
		{"LONDON/PARIS (Reuters) - European shares rose.", credit{"Reuters", "LONDON/PARIS"}},
		{"New Delhi [India], March 3 (ANI): The government said.", credit{"ANI", "New Delhi"}},
		{"NEW DELHI, Mar 3 (PTI) The Supreme Court ruled.", credit{"PTI", "NEW DELHI"}},
		{"Madrid, 17 abr (EFE).- El Gobierno aprobó el plan.", credit{"EFE", "Madrid"}},
		{"Lisboa, 17 abr 2025 (Lusa) - O Governo aprovou.", credit{"Lusa", "Lisboa"}},
		{"BEIJING, April 17 (Xinhua) -- China's economy grew.", credit{"Xinhua", "BEIJING"}},
		{"SEOUL, April 17 (Yonhap) -- North Korea fired a missile.", credit{"Yonhap", "SEOUL"}},
		{"TOKYO (Kyodo) -- The government decided.", credit{"Kyodo", "TOKYO"}},
		{"SYDNEY (AAP) - Rain is forecast.", credit{"AAP", "SYDNEY"}},
		{"ROME (ANSA) - The government said.", credit{"ANSA", "ROME"}},
		{"Bonn (KNA) - Die Bischöfe tagen.", credit{"KNA", "Bonn"}},
		{"Zürich (SDA) - Der Franken legte zu.", credit{"SDA", "Zürich"}},
		{"Washington (CNN)President Biden said on Monday.", credit{"CNN", "Washington"}},
		{"HONG KONG (Bloomberg) -- Stocks fell.", credit{"Bloomberg", "HONG KONG"}},
		{"WASHINGTON (UPI) -- The Senate voted.", credit{"UPI", "WASHINGTON"}},
		{"MOSCOW (Interfax) - Officials said.", credit{"Interfax", "MOSCOW"}},
		{"WASHINGTON (AP) _ The Senate voted.", credit{"AP", "WASHINGTON"}},
		{"Paris (AFP) : Le gouvernement a annoncé.", credit{"AFP", "Paris"}},
		{"CAIRO (The Associated Press) — Officials said.", credit{"AP", "CAIRO"}},
		{"  MOSCOW (AP) — Leading spaces.", credit{"AP", "MOSCOW"}},
		// The agency alone.
		{"(AP) — A cat missing for five years was found.", credit{"AP", ""}},
		{"(Reuters) — The attorney general is investigating the company.", credit{"Reuters", ""}},
		{"(CNN)The president said on Monday.", credit{"CNN", ""}},
		{"(Bloomberg) -- Stocks fell.", credit{"Bloomberg", ""}},
		{"(dpa) Die Regierung hat beschlossen.", credit{"dpa", ""}},
		// The agency first, then the place and date.
		{"(ANSA) - ROMA, 17 APR - Il governo ha approvato.", credit{"ANSA", "ROMA"}},
		// Place and date, then the agency.
		{"МОСКВА, 17 апр — РИА Новости. Власти сообщили.", credit{"RIA Novosti", "МОСКВА"}},
		{"MOSCOW, April 17 - RIA Novosti. Officials said.", credit{"RIA Novosti", "MOSCOW"}},
		{"МОСКВА, 17 апреля. /ТАСС/. Президент подписал указ.", credit{"TASS", "МОСКВА"}},
		{"MOSCOW, April 17. /TASS/. The president signed.", credit{"TASS", "MOSCOW"}},
		// CJK.
		{"新华社北京4月17日电 随着气温回升", credit{"Xinhua", "北京"}},
		{"新华社北京3月5日电（记者张三）随着气温回升", credit{"Xinhua", "北京"}},
		{"新华社记者张小明北京4月17日电 随着", credit{"Xinhua", "北京"}},
		{"中新网上海4月17日电 上海市", credit{"China News Service", "上海"}},
		{"（中央社記者王小明台北17日電）行政院", credit{"CNA", "台北"}},
		{"路透北京4月17日 - 中国", credit{"Reuters", "北京"}},
		{"北京（新华社）— 北京市交通委员会宣布", credit{"Xinhua", "北京"}},
		{"北京（新华社）北京市交通委员会宣布", credit{"Xinhua", "北京"}},
		{"【ワシントン共同】米政府は", credit{"Kyodo", "ワシントン"}},
		{"【北京時事】中国政府は", credit{"Jiji", "北京"}},
		{"【共同】大手旅行会社", credit{"Kyodo", ""}},
		{"【AFP=時事】フランス政府は", credit{"AFP", ""}},
		{"東京（共同）― 気象庁は", credit{"Kyodo", "東京"}},
		{"［東京　１７日　ロイター］ - 日経平均は", credit{"Reuters", "東京"}},
		{"(서울=연합뉴스) 정부는", credit{"Yonhap", "서울"}},
		{"(서울=연합뉴스) 홍길동 기자 = 정부는", credit{"Yonhap", "서울"}},
		{"[서울=뉴시스] 정부는", credit{"Newsis", "서울"}},
		{"서울(연합뉴스) = 서울시는", credit{"Yonhap", "서울"}},
		{"서울(연합뉴스) ― 서울시는", credit{"Yonhap", "서울"}},
		// A staff dateline: no agency.
		{"本报北京4月17日电（记者张三）随着气温回升", credit{"", "北京"}},
		{"【ニューヨーク＝山田太郎】米株式市場は", credit{"", "ニューヨーク"}},
		{"BUFFALO, N.Y. — Hours before the game, the coach spoke.", credit{"", "BUFFALO, N.Y."}},
		{"DUBAI, United Arab Emirates — The airline finalized a deal.", credit{"", "DUBAI, United Arab Emirates"}},
		{"BERLIN -- The space agency says.", credit{"", "BERLIN"}},
		{"MADRID — Rafael Nadal kept hopes alive.", credit{"", "MADRID"}},
		// No credit.
		{"The minister said on Monday (AP) that", credit{}},
		{"He told The Associated Press (AP) — in an interview — that", credit{}},
		{"The World Health Organization (WHO) — the UN agency — said", credit{}},
		{"Officials met on Monday (17.04.2025) — the third time", credit{}},
		{"NASA (National Aeronautics and Space Administration) — said", credit{}},
		{"Lawmakers (ap) - lower case is a word", credit{}},
		{"(AP Photo/Jane Doe) The harbor at dawn.", credit{}},
		{"By Jane Doe, Associated Press", credit{}},
		{"By JANE DOE — Associated Press", credit{}},
		{"BREAKING — The Senate voted.", credit{}},
		{"UPDATE — This story was updated.", credit{}},
		{"NASA — The agency said.", credit{}},
		{"Rockledge 14 11 6 15 — 44", credit{}},
		{"Dekalb, Ill. — Mike Glass threw for three touchdowns.", credit{}},
		{"Toyota is displaying a hybrid — the top seller — at the show.", credit{}},
		{"Fun as that might sound — the late neurologist wrote", credit{}},
		{"LONDON - a plain hyphen after capitals is a label too often", credit{}},
		{"The company (Reuters reported) fell", credit{}},
		{"Reuters reported (Reuters) - that", credit{}},
		{"新华社发布的数据显示", credit{}},
		{"北京市（新华社报道称）", credit{}},
		{"", credit{}},
	} {
		ag, dl := wireCredit(tc.in)
		if diff := cmp.Diff(tc.want, credit{ag, dl}); diff != "" {
			t.Errorf("wireCredit(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
}

// TestPortalCredits reads the credits of the demo portal's own pages
// (testdata/portal/pages): English wire copy and the CJK credits of its
// legacy-charset pages.
func TestPortalCredits(t *testing.T) {
	type credit struct{ Agency, Dateline string }
	for _, tc := range []struct {
		file string
		want credit
	}{
		{"farm.html", credit{"AFP", "TOKYO"}},
		{"farmx.html", credit{"AP", "CAIRO"}},
		{"news.html", credit{"Reuters", "SEOUL"}},
		{"malformed.html", credit{"AP", "HARBORTON"}},
		{"intl-windows-1252.html", credit{"AFP", "PARIS"}},
		{"intl-gbk.html", credit{"Xinhua", "北京"}},
		{"intl-shift_jis.html", credit{"Kyodo", "東京"}},
		{"intl-euc-kr.html", credit{"Yonhap", "서울"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "portal", "pages", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := New(Options{}).ExtractBytes(raw, Source{URL: "http://127.0.0.1/story"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, credit{a.Agency, a.Dateline}); diff != "" {
				t.Errorf("credit mismatch (-want +got):\n%s", diff)
			}
			if first, _, _ := strings.Cut(a.Text, "\n"); !strings.HasPrefix(first, tc.want.Dateline) {
				t.Errorf("text does not open with the dateline: %.60q", a.Text)
			}
		})
	}
}
