package http

import (
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

func TestDeskEventText(t *testing.T) {
	users := map[string]string{"2": "Ani", "3": "Dika"}
	wib := web.Zone("WIB")
	for _, tc := range []struct {
		kind, from, to string
		want           string
	}{
		{store.EventStatus, "new", "hot", "Status: Baru → Panas"},
		{store.EventLostReason, "", "leasing_rejected", "Alasan batal: Ditolak leasing"},
		{store.EventLostReason, "price", "", "Alasan batal dihapus (Harga tidak cocok)"},
		{store.EventAssigned, "", "2", "Diserahkan ke Ani"},
		{store.EventAssigned, "2", "3", "Dipindah dari Ani ke Dika"},
		{store.EventAssigned, "3", "", "Dika tidak lagi menangani"},
		{store.EventAssigned, "", "9", "Diserahkan ke pengguna yang sudah dihapus"},
		{store.EventFollowUp, "", "2026-12-05T02:30:00.000Z", "Tindak lanjut dijadwalkan 5 Des 2026, 09.30 WIB"},
		{store.EventFollowUp, "2026-12-05T02:30:00.000Z", "", "Jadwal tindak lanjut 5 Des 2026, 09.30 WIB dihapus"},
		{store.EventTags, "[]", `["kredit","tukar tambah"]`, "Label: kredit, tukar tambah"},
		{store.EventTags, `["kredit"]`, "[]", "Label dihapus (kredit)"},
		{store.EventNotes, "a", "b", "Catatan diubah"},
		{store.EventCar, "", "4", "Mobil yang diminati diganti"},
	} {
		ev := &store.LeadEvent{Kind: tc.kind, From: tc.from, To: tc.to, CreatedAt: time.Now()}
		if got := deskEventText(ev, users, wib, web.Indonesian); got != tc.want {
			t.Errorf("%s %q → %q: %q, want %q", tc.kind, tc.from, tc.to, got, tc.want)
		}
	}
}
