package http

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

func TestDeskThread(t *testing.T) {
	wib := web.Zone("WIB")
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, wib)
	yesterday := now.Add(-24 * time.Hour)
	msgs := []*store.Message{
		{ID: 1, Sender: store.SenderCustomer, Message: "Halo", CreatedAt: yesterday},
		{ID: 2, Sender: store.SenderBot, Message: "Selamat datang", DeliveryStatus: store.DeliveryRead, CreatedAt: yesterday.Add(time.Minute)},
		{ID: 3, Sender: store.SenderSystem, Message: "Lead ditugaskan", CreatedAt: now.Add(-time.Hour)},
		{ID: 4, Sender: store.SenderSales, Message: "Masih ada", DeliveryStatus: store.DeliveryFailed,
			Metadata: json.RawMessage(`{"userId":2,"reason":"nomor tidak aktif"}`), CreatedAt: now.Add(-time.Minute)},
		{ID: 5, Sender: store.SenderSales, Message: "Halo?", DeliveryStatus: store.DeliveryFailed,
			Metadata: json.RawMessage(`{"lastError":"Fonnte tidak menjawab"}`), CreatedAt: now},
	}
	got := deskThread(msgs, wib, web.Indonesian, now, true)
	want := []deskBubble{
		{ID: 1, Side: "in", Day: "3 Des 2026", Text: "Halo", Time: "10.00"},
		{ID: 2, Side: "out", Text: "Selamat datang", Time: "10.01", By: "Bot", Tick: "read", TickMark: "✓✓", TickLabel: "Dibaca"},
		{ID: 3, Side: "system", Day: "Hari ini", Text: "Lead ditugaskan", Time: "09.00"},
		{ID: 4, Side: "out", Text: "Masih ada", Time: "09.59", Tick: "failed", TickMark: "!", TickLabel: "Gagal terkirim",
			Reason: "nomor tidak aktif", Failed: true, CanRetry: true},
		{ID: 5, Side: "out", Text: "Halo?", Time: "10.00", Tick: "failed", TickMark: "!", TickLabel: "Gagal terkirim",
			Reason: "Fonnte tidak menjawab", Failed: true, CanRetry: true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d bubbles, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bubble %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if b := deskThread(msgs[3:4], wib, web.Indonesian, now, false)[0]; b.CanRetry {
		t.Error("a user who may not change the lead is offered a retry")
	}
}
