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
