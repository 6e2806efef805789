package store_test

import (
	"context"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDB_RecordInboundWebhook(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	in := store.InboundMessage{Phone: "6281234567890", Name: "Budi", Message: "Halo", ExternalID: "abc"}
	ev := store.WebhookEvent{Kind: store.WebhookKindMessage, ContentType: "application/json", Body: `{"sender":"6281234567890"}`}
	res, err := db.RecordInboundWebhook(ctx, ev, in)
	if err != nil {
		t.Fatal(err)
	}
	if !res.LeadCreated || res.Event.Outcome != store.WebhookProcessed || *res.Event.LeadID != res.LeadID ||
		*res.Event.MessageID != res.MessageID || res.Event.ID == 0 {
		t.Fatalf("first: %+v", res)
	}
	res2, err := db.RecordInboundWebhook(ctx, store.WebhookEvent{Kind: store.WebhookKindMessage, Body: "retry"}, in)
	if err != nil {
		t.Fatal(err)
	}
	if !res2.Duplicate || res2.LeadID != res.LeadID || res2.MessageID != res.MessageID || res2.Event.Outcome != store.WebhookDuplicate {
		t.Fatalf("retry: %+v", res2)
	}
	var events, messages int
	db.Handles().Read.QueryRow(`SELECT COUNT(*) FROM webhook_events`).Scan(&events)
	db.Handles().Read.QueryRow(`SELECT COUNT(*) FROM messages`).Scan(&messages)
	if events != 2 || messages != 1 {
		t.Fatalf("events %d messages %d", events, messages)
	}
	bad := store.WebhookEvent{Kind: store.WebhookKindMessage, Body: "bad"}
	if _, err := db.RecordInboundWebhook(ctx, bad, store.InboundMessage{Phone: "12", Message: "x"}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("bad phone: %v", err)
	}
}

func TestDB_LatestDeviceEvent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.LatestDeviceEvent(ctx); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("none: %v", err)
	}
	for _, ev := range []store.WebhookEvent{
		{Kind: store.WebhookKindDevice, Body: "connect", Outcome: store.WebhookProcessed},
		{Kind: store.WebhookKindDevice, Body: "disconnect", Outcome: store.WebhookProcessed},
		{Kind: store.WebhookKindDevice, Body: "other device", Outcome: store.WebhookRejected},
	} {
		if _, err := db.RecordWebhookEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	ev, err := db.LatestDeviceEvent(ctx)
	if err != nil || ev.Body != "disconnect" || ev.ReceivedAt.IsZero() {
		t.Fatalf("latest = %+v, %v", ev, err)
	}
}
