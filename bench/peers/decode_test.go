package peers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"utf-8 undeclared", "<p>Grüße</p>", "<p>Grüße</p>"},
		{"utf-8 with BOM", "\xef\xbb\xbf<p>Grüße</p>", "<p>Grüße</p>"},
		{"windows-1252 undeclared", "<p>Gr\xfc\xdfe</p>", "<p>Grüße</p>"},
		{"latin-1 declared", `<meta charset="iso-8859-1"><p>Gr` + "\xfc\xdf" + `e</p>`, `<meta charset="iso-8859-1"><p>Grüße</p>`},
		{"utf-8 mislabelled latin-1", `<meta charset="iso-8859-1"><p>Grüße</p>`, `<meta charset="iso-8859-1"><p>Grüße</p>`},
		{"shift_jis declared", `<meta charset="shift_jis"><p>` + "\x93\xfa\x96\x7b" + `</p>`, `<meta charset="shift_jis"><p>日本</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, string(Decode([]byte(tt.raw)))); diff != "" {
				t.Errorf("Decode(%q) mismatch (-want +got):\n%s", tt.raw, diff)
			}
		})
	}
}
