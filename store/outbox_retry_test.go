package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// A failed message is queued again and claimed like a new one, whole;
// nothing else can be retried, and a sales user only on their own lead.
func TestDB_RetryMessage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	budi := leadTestUser(t, db, "budi@example.com", store.RoleAdmin)
	lead := mustLead(t, db, "081234567890", "in-1")
	if _, err := db.UpdateLead(ctx, lead, store.LeadUpdate{AssignedToUserID: leadPtr(&ani.ID)}); err != nil {
		t.Fatal(err)
	}
	other := mustLead(t, db, "081234567891", "in-2")

	m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "Masih ada", UserID: ani.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RetryMessage(ctx, lead, m.ID, nil); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("retrying a queued message: %v, want EINVALID", err)
	}
	d, err := db.ClaimDelivery(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDeliveryPartSent(ctx, d.MessageID, "f-1"); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDeliveryFailed(ctx, d.MessageID, "Nomor tidak terdaftar"); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name      string
		lead, msg int64
		user      *int64
		code      string
	}{
		{"customer message", lead, 1, nil, store.EINVALID},
		{"message of another lead", other, m.ID, nil, store.ENOTFOUND},
		{"no such message", lead, 999, nil, store.ENOTFOUND},
		{"no such lead", 999, m.ID, nil, store.ENOTFOUND},
		{"sales on a colleague's lead", lead, m.ID, &budi.ID, store.ENOTFOUND},
		{"sales on an unassigned lead", other, m.ID, &ani.ID, store.EFORBIDDEN},
	} {
		if _, err := db.RetryMessage(ctx, tt.lead, tt.msg, tt.user); store.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}

	got, err := db.RetryMessage(ctx, lead, m.ID, &ani.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DeliveryStatus != store.DeliveryQueued || got.Attempts != 0 || got.NextAttemptAt == nil {
		t.Fatalf("retried = %+v", got)
	}
	status, ext, meta, attempts := messageRow(t, db, m.ID)
	if status != store.DeliveryQueued || ext != "" || attempts != 0 ||
		strings.Contains(meta, "reason") || strings.Contains(meta, "fonnteIds") || !strings.Contains(meta, "userId") {
		t.Fatalf("stored: %s %q %s %d", status, ext, meta, attempts)
	}
	d, err = db.ClaimDelivery(ctx, time.Minute)
	if err != nil {
		t.Fatalf("the sender does not claim the retried message: %v", err)
	}
	if d.MessageID != m.ID || d.Attempt != 1 || len(d.SentIDs) != 0 {
		t.Fatalf("claimed %+v, want the whole message again, first attempt", d)
	}
}
