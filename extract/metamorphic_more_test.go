package extract

import "testing"

// TestFindDateForms reads the visible date in the forms sites of the ten
// languages print it, with and without seconds: the day and the time kept,
// no zone invented.
func TestFindDateForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025/04/17 14:27", "2025-04-17T14:27:00"},
		{"17.04.2025, 14:27:32 Uhr", "2025-04-17T14:27:32"},
		{"2025年4月17日 14:27", "2025-04-17T14:27:00"},
		{"2025年4月17日 14:27:32", "2025-04-17T14:27:32"},
		{"2025. 4. 17. 14:27:32", "2025-04-17T14:27:32"},
		{"2025. 4. 17. 14:27", "2025-04-17T14:27:00"},
		{"2025.04.17. 09:05", "2025-04-17T09:05:00"},
		{"April 17, 2025 14:27:32", "2025-04-17T14:27:32"},
		{"17. April 2025, 14:27 Uhr", "2025-04-17T14:27:00"},
		{"17 avril 2025 à 14:27:32", "2025-04-17T14:27:32"},
		{"17 de abril de 2025, 14:27", "2025-04-17T14:27:00"},
		{"17 de abril de 2025 14:27:32", "2025-04-17T14:27:32"},
		{"17 aprile 2025 14:27", "2025-04-17T14:27:00"},
		{"17 апреля 2025, 14:27:32", "2025-04-17T14:27:32"},
		{"1 марта 2025, 09:05", "2025-03-01T09:05:00"},
		{"3 février 2025 à 08:00", "2025-02-03T08:00:00"},
		{"5 août 2025 à 23:59:01", "2025-08-05T23:59:01"},
		{"12 março 2025 10:00", "2025-03-12T10:00:00"},
		// Negative: a Korean day alone keeps no time; a number after the
		// day that is no time is not read as one.
		{"2025. 4. 17.", "2025-04-17"},
		{"2025. 4. 17. 3 comments", "2025-04-17"},
		{"2025. 4. 17. 14", "2025-04-17"},
	} {
		if got, _, _ := findDate(tc.in, false); got.value != tc.want || got.zone {
			t.Errorf("findDate(%q) = %q (zone %v), want %q (no zone)", tc.in, got.value, got.zone, tc.want)
		}
	}
}

// TestIsMoreLabel: the label of a link to the rest of a list, in the ten
// languages, said in words the vocabulary has not listed whole; headlines,
// section names and lone verbs or nouns are none.
func TestIsMoreLabel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Alle anzeigen", true},
		{"Alle Artikel", true},
		{"Alle Nachrichten »", true},
		{"Voir tout", true},
		{"Voir toutes les actualités", true},
		{"Ver más", true},
		{"Ver todas las noticias", true},
		{"Ver mais", true},
		{"Veja mais notícias", true},
		{"Vedi tutti", true},
		{"Vedi tutte le notizie", true},
		{"Все новости", true},
		{"Показать все", true},
		{"もっと見る", true},
		{"すべて見る", true},
		{"記事一覧へ", true},
		{"더보기", true},
		{"전체보기", true},
		{"뉴스 더보기", true},
		{"查看更多", true},
		{"更多>>", true},
		{"查看全部新闻", true},
		{"Show all stories", true},
		{"View all »", true},
		// Negative.
		{"News", false},
		{"Read", false},
		{"Anzeigen", false},
		{"Sport", false},
		{"新闻", false},
		{"All the president's men return to the stage", false},
		{"Mehr Geld für die Schulen der Stadt", false},
		{"Plus de pluie attendue ce week-end", false},
		{"更多城市开通地铁", false},
		{"もっと知りたい日本の城", false},
		{"Tout savoir sur la réforme des retraites", false},
	} {
		if got := isMoreLabel(tc.in); got != tc.want {
			t.Errorf("isMoreLabel(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
