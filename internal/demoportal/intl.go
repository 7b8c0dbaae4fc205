package demoportal

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// intlPage is an article served in a legacy charset that only its <meta>
// declares: the Content-Type header says "text/html" and nothing more.
type intlPage struct {
	Path    string
	Lang    string
	Charset string // as declared
	// MetaHTTPEquiv selects <meta http-equiv="Content-Type"> over
	// <meta charset>.
	MetaHTTPEquiv bool
	Enc           encoding.Encoding
	Title         string
	Date          string
	Paragraphs    []string
	// Want are phrases the record's text must contain, as UTF-8.
	Want []string
}

var intlPages = []intlPage{
	{
		Path: "/intl/marches-paris.html", Lang: "fr", Charset: "windows-1252", Enc: charmap.Windows1252,
		Title: "À Paris, les marchés de Noël font le plein malgré la hausse des prix",
		Date:  "2025-04-17 09:12:00",
		Paragraphs: []string{
			"PARIS (AFP) — Les marchés de Noël de la capitale ont attiré plus de visiteurs que l’an dernier, selon la mairie, malgré une hausse des prix de 8 % sur le vin chaud et les crêpes.",
			"« C’est cher, mais c’est la tradition », résume Élodie, venue de Lyon avec ses deux enfants. Un gobelet de vin chaud coûte désormais 4,50 €, contre 4 € en 2023.",
			"Les commerçants évoquent des coûts d’énergie toujours élevés et une œuvre de longue haleine pour fidéliser une clientèle plus prudente qu’avant la crise.",
			"La préfecture a renforcé la sécurité autour des chalets, où l’on croise des touristes venus d’Espagne, d’Italie et d’Allemagne, souvent équipés de leur téléphone pour payer.",
			"Dans le quartier de la Défense, le plus grand marché d’Île-de-France compte cette année 350 exposants, dont une vingtaine d’artisans qui vendent des santons et des jouets en bois.",
			"Les organisateurs espèrent dépasser le record de fréquentation établi en 2019, soit près de deux millions de visiteurs sur cinq semaines, si la météo reste clémente.",
		},
		Want: []string{"l’an dernier", "« C’est cher", "4,50 €", "œuvre", "Île-de-France"},
	},
	{
		Path: "/intl/beijing-rail.html", Lang: "zh", Charset: "gbk", Enc: simplifiedchinese.GBK,
		Title: "北京新开通两条地铁线路 市民出行更加便利",
		Date:  "2025-04-17 10:30:00",
		Paragraphs: []string{
			"北京（新华社）— 北京市交通委员会星期六宣布，两条新的地铁线路正式开通运营，全市轨道交通总里程超过八百公里。",
			"新线路连接城市东部的居住区和中心商务区，预计每天可以运送乘客三十万人次，高峰时段的发车间隔缩短到三分钟。",
			"许多市民在开通第一天就前来体验。一位在附近工作的王女士说，以前上班需要换乘两次公交车，现在只要二十分钟就能到达公司。",
			"交通部门表示，新线路的车站都安装了无障碍电梯和手机充电设备，并且支持扫码进站，方便老年人和游客使用。",
			"专家认为，地铁网络的扩大有助于减少道路拥堵和空气污染，但城市还需要继续改善公交和地铁之间的换乘衔接。",
		},
		Want: []string{"北京市交通委员会", "三十万人次", "无障碍电梯"},
	},
	{
		Path: "/intl/tokyo-sakura.html", Lang: "ja", Charset: "shift_jis", MetaHTTPEquiv: true, Enc: japanese.ShiftJIS,
		Title: "東京で桜が満開に　公園は花見客でにぎわう",
		Date:  "2025-04-17 11:05:00",
		Paragraphs: []string{
			"東京（共同）― 気象庁は十七日、東京都心で桜が満開になったと発表した。平年より三日早く、昨年より四日遅い満開となった。",
			"上野公園や新宿御苑には朝から多くの花見客が訪れ、家族連れや外国人観光客が写真を撮りながら春の訪れを楽しんでいた。",
			"公園の管理事務所によると、今年は週末に天気が安定する見込みで、来園者は昨年を上回る可能性があるという。",
			"一方で、ごみの持ち帰りや場所取りのルールを守らない人もおり、区は看板を増やして協力を呼びかけている。",
			"気象庁は、今週後半には雨と強い風が予想されるため、花見を予定している人は最新の天気予報を確認するよう注意を促している。",
		},
		Want: []string{"気象庁", "上野公園", "花見客"},
	},
	{
		Path: "/intl/seoul-festival.html", Lang: "ko", Charset: "euc-kr", Enc: korean.EUCKR,
		Title: "서울 한강 공원에서 봄 축제 열려 시민들로 붐벼",
		Date:  "2025-04-17 12:40:00",
		Paragraphs: []string{
			"서울(연합뉴스) ― 서울시는 주말 동안 한강 공원에서 열린 봄 축제에 시민 이십만 명 이상이 다녀갔다고 밝혔다.",
			"축제 기간에는 음악 공연과 전통 음식 장터, 어린이를 위한 체험 행사가 열렸으며 저녁에는 불꽃놀이가 진행되었다.",
			"가족과 함께 공원을 찾은 김 모 씨는 날씨가 따뜻해서 아이들과 오랜만에 밖에서 시간을 보낼 수 있어 좋았다고 말했다.",
			"서울시는 축제 기간 동안 지하철 운행을 늘리고 주변 도로의 교통을 통제했으며 안전 요원을 배치해 사고를 예방했다.",
			"시 관계자는 내년에는 행사 기간을 늘리고 외국인 관광객을 위한 안내 서비스도 확대할 계획이라고 설명했다.",
		},
		Want: []string{"한강 공원", "불꽃놀이", "지하철"},
	},
}
