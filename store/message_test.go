package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

func TestDB_CreateMessage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, leadEpoch)
	l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000001", CreatedAt: leadEpoch.Add(-time.Hour)})

	t.Run("OK", func(t *testing.T) {
		at := leadEpoch.Add(-30 * time.Minute)
		history := []*store.Message{
			{LeadID: l.ID, Sender: store.SenderCustomer, Message: "Halo, Avanza masih ada?", CreatedAt: at},
			{LeadID: l.ID, Sender: store.SenderBot, Message: "Masih, Kak.", CreatedAt: at.Add(time.Minute),
				Metadata: json.RawMessage(` {"type":"text"} `)},
			{LeadID: l.ID, Sender: store.SenderSales, Message: "Bisa test drive Sabtu.", DeliveryStatus: store.DeliverySent,
				ExternalID: "fonnte-1", CreatedAt: at.Add(2 * time.Minute)},
			{LeadID: l.ID, Sender: store.SenderSystem, Message: "Lead assigned"}, // now
		}
		for _, m := range history {
			if err := db.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
			if m.ID == 0 || m.CreatedAt.IsZero() || !m.UpdatedAt.Equal(m.CreatedAt) {
				t.Fatalf("message = %+v", m)
			}
		}
		if !history[0].CreatedAt.Equal(at) {
			t.Fatalf("createdAt %v, want %v", history[0].CreatedAt, at)
		}
		msgs, err := db.FindMessages(ctx, l.ID)
		if err != nil || len(msgs) != 4 {
			t.Fatalf("FindMessages = %d, %v", len(msgs), err)
		}
		for i, m := range msgs {
			if m.ID != history[i].ID {
				t.Fatalf("order: message %d is %d, want %d", i, m.ID, history[i].ID)
			}
		}
		if string(msgs[1].Metadata) != `{"type":"text"}` || msgs[0].Metadata != nil {
			t.Fatalf("metadata = %s / %s", msgs[1].Metadata, msgs[0].Metadata)
		}
		if msgs[2].DeliveryStatus != store.DeliverySent || msgs[2].ExternalID != "fonnte-1" || msgs[0].DeliveryStatus != "" {
			t.Fatalf("delivery = %+v", msgs[2])
		}
		got, _ := db.FindLeadByID(ctx, l.ID)
		if got.MessageCount != 4 || got.LastMessageAt == nil || !got.LastMessageAt.Equal(history[3].CreatedAt) ||
			!got.UpdatedAt.Equal(history[3].CreatedAt) {
			t.Fatalf("lead after messages: count %d last %v updated %v", got.MessageCount, got.LastMessageAt, got.UpdatedAt)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: "robot", Message: "  ",
			Metadata: json.RawMessage(`[1]`), DeliveryStatus: "lost"})
		wantLeadErrCode(t, err, store.EINVALID)
		for _, k := range []string{"sender", "message", "metadata", "deliveryStatus"} {
			if store.ErrorDetails(err)[k] == nil {
				t.Errorf("details lack %s: %v", k, store.ErrorDetails(err))
			}
		}
	})

	t.Run("ErrUnknownLead", func(t *testing.T) {
		err := db.CreateMessage(ctx, &store.Message{LeadID: 999, Sender: store.SenderBot, Message: "hi"})
		wantLeadErrCode(t, err, store.ENOTFOUND)
	})

	t.Run("NoMessages", func(t *testing.T) {
		msgs, err := db.FindMessages(ctx, 12345)
		if err != nil || msgs == nil || len(msgs) != 0 {
			t.Fatalf("FindMessages = %v, %v", msgs, err)
		}
	})
}
