package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// An inbox row shows its lead's latest message: the newest by time, the
// later insert when two share a millisecond, nothing for a lead without.
func TestDB_FindLastMessages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, leadEpoch)
	a := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000001"})
	b := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000002"})
	quiet := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000003"})
	at := leadEpoch.Add(time.Hour)
	for _, m := range []*store.Message{
		{LeadID: a.ID, Sender: store.SenderCustomer, Message: "Avanza masih ada?", CreatedAt: at},
		{LeadID: a.ID, Sender: store.SenderSales, Message: "Masih, Kak.", DeliveryStatus: store.DeliveryRead, CreatedAt: at.Add(time.Minute)},
		// Written later but sent earlier: not the last.
		{LeadID: a.ID, Sender: store.SenderCustomer, Message: "lama", CreatedAt: at.Add(-time.Minute)},
		{LeadID: b.ID, Sender: store.SenderCustomer, Message: "pertama", CreatedAt: at},
		{LeadID: b.ID, Sender: store.SenderCustomer, Message: "kedua", CreatedAt: at},
	} {
		if err := db.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}

	last, err := db.FindLastMessages(ctx, []int64{a.ID, b.ID, quiet.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 2 || last[quiet.ID] != nil {
		t.Fatalf("got %d entries: %+v", len(last), last)
	}
	if m := last[a.ID]; m.Message != "Masih, Kak." || m.Sender != store.SenderSales ||
		m.DeliveryStatus != store.DeliveryRead || !m.CreatedAt.Equal(at.Add(time.Minute)) {
		t.Errorf("lead a: %+v", m)
	}
	if m := last[b.ID]; m.Message != "kedua" || m.DeliveryStatus != "" {
		t.Errorf("lead b: %+v", m)
	}
	if none, err := db.FindLastMessages(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("no ids: %v %v", none, err)
	}
}
