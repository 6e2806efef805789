package web

import "testing"

func TestFillQuickReply(t *testing.T) {
	all := QuickReplyValues{Name: "Budi", Car: "Toyota Avanza 2020 #A01", Price: "Rp 165.000.000"}
	for _, tc := range []struct {
		body string
		v    QuickReplyValues
		want string
	}{
		{"Halo Kak {nama}, {mobil} masih ada. Harganya {harga}.", all,
			"Halo Kak Budi, Toyota Avanza 2020 #A01 masih ada. Harganya Rp 165.000.000."},
		{"Halo Kak {nama}, terima kasih.", QuickReplyValues{}, "Halo Kak, terima kasih."},
		{"{nama}, mobilnya {mobil} {harga}", QuickReplyValues{Name: "Sari"}, "Sari, mobilnya"},
		{"{nama} {nama}", all, "Budi Budi"},
		{"Tanpa isian", all, "Tanpa isian"},
		{"{Nama} {name} {mobil", all, "{Nama} {name} {mobil"},
		{"Halo {nama}", QuickReplyValues{Name: "{mobil}"}, "Halo {mobil}"},
	} {
		if got := FillQuickReply(tc.body, tc.v); got != tc.want {
			t.Errorf("FillQuickReply(%q, %+v) = %q, want %q", tc.body, tc.v, got, tc.want)
		}
	}
}
