package whatsapp_test

import (
	"context"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

// The connection state is the latest processed device event's, whether
// Fonnte posted it as JSON or as a form; a refused event changes nothing.
func TestLatestConnection(t *testing.T) {
	ctx := context.Background()
	db := newFixture(t, okAnswer).db
	if c, err := whatsapp.LatestConnection(ctx, db); c != nil || err != nil {
		t.Fatalf("before any event: %+v, %v", c, err)
	}
	for _, ev := range []store.WebhookEvent{
		{Kind: store.WebhookKindDevice, Outcome: store.WebhookProcessed, ContentType: "application/json",
			Body: `{"device":"628123456789","status":"connect"}`},
		{Kind: store.WebhookKindDevice, Outcome: store.WebhookProcessed, ContentType: "application/x-www-form-urlencoded",
			Body: "device=628123456789&status=disconnect&reason=logged+out+from+phone"},
		{Kind: store.WebhookKindDevice, Outcome: store.WebhookRejected, ContentType: "application/json",
			Body: `{"device":"6281111111111","status":"connect"}`},
	} {
		if _, err := db.RecordWebhookEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	c, err := whatsapp.LatestConnection(ctx, db)
	if err != nil || c.Status != "disconnect" || c.Device != "628123456789" || c.Reason != "logged out from phone" || c.UpdatedAt.IsZero() {
		t.Fatalf("latest = %+v, %v", c, err)
	}
}
