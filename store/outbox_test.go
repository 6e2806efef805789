package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// mustLead records a customer message so a lead exists for phone.
func mustLead(t *testing.T, db *store.DB, phone, inboxID string) int64 {
	t.Helper()
	res, err := db.RecordInboundMessage(context.Background(), store.InboundMessage{
		Phone: phone, Message: "Halo", ExternalID: inboxID})
	if err != nil {
		t.Fatal(err)
	}
	return res.LeadID
}

// messageRow reads the delivery columns of one message.
func messageRow(t *testing.T, db *store.DB, id int64) (status, externalID, metadata string, attempts int) {
	t.Helper()
	var ext, meta *string
	err := db.Handles().Read.QueryRow(`SELECT delivery_status, external_id, metadata, attempts FROM messages WHERE id = ?`, id).
		Scan(&status, &ext, &meta, &attempts)
	if err != nil {
		t.Fatal(err)
	}
	if ext != nil {
		externalID = *ext
	}
	if meta != nil {
		metadata = *meta
	}
	return status, externalID, metadata, attempts
}

func TestDB_QueueMessage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := &store.User{Name: "Ani", Email: "ani@example.com", Role: store.RoleSales}
	if err := db.CreateUser(ctx, u, "password123"); err != nil {
		t.Fatal(err)
	}
	lead := mustLead(t, db, "081234567890", "in-1")

	t.Run("OK", func(t *testing.T) {
		m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "  Masih ada, Pak.  ", UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		if m.ID == 0 || m.Sender != store.SenderSales || m.DeliveryStatus != store.DeliveryQueued || m.Message != "Masih ada, Pak." {
			t.Fatalf("message = %+v", m)
		}
		if got := string(m.Metadata); got != `{"userId":`+jsonInt(u.ID)+`}` {
			t.Fatalf("metadata = %s", got)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: " \n ", UserID: u.ID})
		if store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknownLead", func(t *testing.T) {
		_, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: 999, Message: "x", UserID: u.ID})
		if store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrSalesUnassigned", func(t *testing.T) {
		_, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "x", UserID: u.ID, AssignedOnly: true})
		if store.ErrorCode(err) != store.EFORBIDDEN {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrSalesOtherUsersLead", func(t *testing.T) {
		db.Handles().Write.Exec(`UPDATE leads SET assigned_to_user_id = ? WHERE id = ?`, u.ID, lead)
		_, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "x", UserID: u.ID + 1, AssignedOnly: true})
		if store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
		if _, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "x", UserID: u.ID, AssignedOnly: true}); err != nil {
			t.Fatalf("own lead: %v", err)
		}
	})
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestDB_ClaimDelivery(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Date(2025, 10, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }

	if _, err := db.ClaimDelivery(ctx, time.Minute); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("empty outbox: err = %v", err)
	}
	if _, err := db.NextDeliveryAt(ctx); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("empty outbox: NextDeliveryAt err = %v", err)
	}
	lead := mustLead(t, db, "6281234567890@s.whatsapp.net", "inbox-42")
	first, _ := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "satu", UserID: 1})
	second, _ := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "dua", UserID: 1})

	d, err := db.ClaimDelivery(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if d.MessageID != first.ID || d.Target != "6281234567890" || d.InboxID != "inbox-42" || d.Attempt != 1 || d.Message != "satu" {
		t.Fatalf("delivery = %+v", d)
	}
	// The claimed head is leased: nothing is due, and the next is strictly after it.
	if _, err := db.ClaimDelivery(ctx, time.Minute); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("leased head claimed again: %v", err)
	}
	if at, _ := db.NextDeliveryAt(ctx); !at.Equal(now.Add(time.Minute)) {
		t.Fatalf("NextDeliveryAt = %v", at)
	}

	// A retry waits for its delay and keeps the error; the attempt count grows.
	if err := db.MarkDeliveryRetry(ctx, first.ID, 2*time.Second, "HTTP 502"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Second)
	d, err = db.ClaimDelivery(ctx, time.Minute)
	if err != nil || d.MessageID != first.ID || d.Attempt != 2 {
		t.Fatalf("retry claim = %+v, %v", d, err)
	}
	if err := db.MarkDeliverySent(ctx, first.ID, "8001"); err != nil {
		t.Fatal(err)
	}
	status, ext, meta, _ := messageRow(t, db, first.ID)
	if status != store.DeliverySent || ext != "8001" || meta != `{"fonnteIds":["8001"],"userId":1}` {
		t.Fatalf("sent row = %s %s %s", status, ext, meta)
	}

	// A long message goes out in parts: progress survives a new claim.
	// The second reply in a row quotes nothing.
	d, _ = db.ClaimDelivery(ctx, time.Minute)
	if d.MessageID != second.ID || d.InboxID != "" {
		t.Fatalf("second claim = %+v", d)
	}
	if err := db.MarkDeliveryPartSent(ctx, second.ID, "9001"); err != nil {
		t.Fatal(err)
	}
	d, _ = db.ClaimDelivery(ctx, time.Minute)
	if d.MessageID != second.ID || d.Attempt != 1 || strings.Join(d.SentIDs, ",") != "9001" {
		t.Fatalf("part claim = %+v", d)
	}
	if err := db.MarkDeliveryFailed(ctx, second.ID, "target invalid"); err != nil {
		t.Fatal(err)
	}
	status, ext, meta, _ = messageRow(t, db, second.ID)
	if status != store.DeliveryFailed || ext != "9001" || !strings.Contains(meta, `"reason":"target invalid"`) {
		t.Fatalf("failed row = %s %s %s", status, ext, meta)
	}
	// Marks on a message that is no longer queued change nothing.
	if err := db.MarkDeliverySent(ctx, second.ID, "9002"); err != nil {
		t.Fatal(err)
	}
	if status, _, _, _ = messageRow(t, db, second.ID); status != store.DeliveryFailed {
		t.Fatalf("failed message resurrected: %s", status)
	}

	// A new customer message is quoted by the next reply.
	mustLead(t, db, "081234567890", "inbox-43")
	third, _ := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "tiga", UserID: 1})
	if d, _ = db.ClaimDelivery(ctx, time.Minute); d.MessageID != third.ID || d.InboxID != "inbox-43" {
		t.Fatalf("third claim = %+v", d)
	}
}

func TestDB_UpdateDeliveryByExternalID(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	lead := mustLead(t, db, "081234567890", "")
	m, _ := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "x", UserID: 1})

	apply := func(status string) store.WebhookEvent {
		t.Helper()
		ev, err := db.UpdateDeliveryByExternalID(ctx, "777", status, store.WebhookEvent{Kind: store.WebhookKindMessageStatus, Body: "{}"})
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	if ev := apply(store.DeliveryRead); ev.Outcome != store.WebhookIgnored || ev.MessageID != nil {
		t.Fatalf("unknown id: %+v", ev)
	}
	db.ClaimDelivery(ctx, time.Minute)
	db.MarkDeliverySent(ctx, m.ID, "777")
	steps := []struct{ report, want, outcome string }{
		{store.DeliveryDelivered, store.DeliveryDelivered, store.WebhookProcessed},
		{store.DeliverySent, store.DeliveryDelivered, store.WebhookIgnored}, // never backwards
		{store.DeliveryRead, store.DeliveryRead, store.WebhookProcessed},
		{store.DeliveryFailed, store.DeliveryRead, store.WebhookIgnored}, // failed only from queued/sent
	}
	for _, s := range steps {
		ev := apply(s.report)
		status, _, _, _ := messageRow(t, db, m.ID)
		if status != s.want || ev.Outcome != s.outcome || ev.MessageID == nil || *ev.MessageID != m.ID || ev.ID == 0 {
			t.Fatalf("after %s: status %s, event %+v", s.report, status, ev)
		}
	}
	if _, err := db.UpdateDeliveryByExternalID(ctx, "777", "bogus", store.WebhookEvent{}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("bogus status: %v", err)
	}
}
