package http_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// A failed reply is queued again and the sender woken; anything else, or a
// lead the user may not work, is refused.
func TestLeadMessageRetry(t *testing.T) {
	var mu sync.Mutex
	var notified []string
	env := newTestEnv(t, func(c *apphttp.Config) {
		c.OutboxNotify = func(slug string) { mu.Lock(); notified = append(notified, slug); mu.Unlock() }
	})
	users := leadTenant(env, "alpha")
	beta := leadTenant(env, "beta")
	db := env.db("alpha")
	ctx := context.Background()
	if _, err := env.Reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{FonnteToken: ptr("fonnte-token")}); err != nil {
		t.Fatal(err)
	}

	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: leadPhone(1), Message: "Halo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateLead(ctx, in.LeadID, store.LeadUpdate{AssignedToUserID: ptr(&users.ani.ID)}); err != nil {
		t.Fatal(err)
	}
	free, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: leadPhone(2), Message: "Halo"})
	if err != nil {
		t.Fatal(err)
	}
	failed := func(lead int64) int64 {
		t.Helper()
		m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead, Message: "Masih ada", UserID: users.owner.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ClaimDelivery(ctx, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkDeliveryFailed(ctx, m.ID, "Nomor tidak terdaftar di WhatsApp"); err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	mine, unassigned := failed(in.LeadID), failed(free.LeadID)
	path := func(lead, msg int64) string { return fmt.Sprintf("/api/admin/leads/%d/messages/%d/retry", lead, msg) }

	for _, tt := range []struct {
		name, path, host, token string
		status                  int
		fragment                string
	}{
		{"customer message", path(in.LeadID, in.MessageID), "alpha.test", users.tokens["owner"], 422, `"Only a failed outgoing message can be sent again"`},
		{"message of another lead", path(free.LeadID, mine), "alpha.test", users.tokens["owner"], 404, `"Message not found"`},
		{"sales, a colleague's lead", path(in.LeadID, mine), "alpha.test", users.tokens["dika"], 404, `"Lead not found"`},
		{"sales, unassigned lead", path(free.LeadID, unassigned), "alpha.test", users.tokens["ani"], 403, `"code":"FORBIDDEN"`},
		{"bad message id", fmt.Sprintf("/api/admin/leads/%d/messages/x/retry", in.LeadID), "alpha.test", users.tokens["owner"], 400, `"code":"BAD_REQUEST"`},
		{"showroom without Fonnte token", path(1, 1), "beta.test", beta.tokens["owner"], 422, `"fonnteToken":`},
		{"sales, own lead", path(in.LeadID, mine), "alpha.test", users.tokens["ani"], 200, `"deliveryStatus":"queued"`},
		{"already queued", path(in.LeadID, mine), "alpha.test", users.tokens["ani"], 422, `"Only a failed outgoing message can be sent again"`},
		{"owner, any lead", path(free.LeadID, unassigned), "alpha.test", users.tokens["owner"], 200, `"deliveryStatus":"queued"`},
	} {
		res := env.do("POST", tt.path, tt.host, tt.token, nil)
		wantStatusCode(t, tt.name, res, tt.status)
		wantFragments(t, tt.name, res.Body, tt.fragment)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(notified) != 2 || notified[0] != "alpha" {
		t.Errorf("sender woken for %v, want alpha twice", notified)
	}
	if d, err := db.ClaimDelivery(ctx, time.Minute); err != nil || d.MessageID != mine {
		t.Errorf("the sender claims %+v (%v), want the retried message %d", d, err, mine)
	}
}
