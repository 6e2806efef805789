package http_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

func TestLeadMessageCreate(t *testing.T) {
	var mu sync.Mutex
	var notified []string
	env := newTestEnv(t, func(c *apphttp.Config) {
		c.OutboxNotify = func(slug string) { mu.Lock(); notified = append(notified, slug); mu.Unlock() }
	})
	env.whatsAppTenant("alpha", "fonnte-token")
	env.createTenant("beta")
	ani := env.createUser("alpha", "ani@alpha.test", store.RoleSales)
	owner := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	sales := env.tokenFor("alpha", ani)
	otherSales := env.tokenFor("alpha", env.createUser("alpha", "budi@alpha.test", store.RoleSales))
	betaOwner := env.tokenFor("beta", env.createUser("beta", "owner@beta.test", store.RoleOwner))

	ctx := context.Background()
	newLead := func(slug, phone string) int64 {
		res, err := env.db(slug).RecordInboundMessage(ctx, store.InboundMessage{Phone: phone, Message: "Halo"})
		if err != nil {
			t.Fatal(err)
		}
		return res.LeadID
	}
	unassigned := newLead("alpha", "081200000001")
	anis := newLead("alpha", "081200000002")
	sqldbtest.Open(t, env.db("alpha").Path()).Write.Exec(`UPDATE leads SET assigned_to_user_id = ? WHERE id = ?`, ani.ID, anis)
	betaLead := newLead("beta", "081200000003")
	path := func(id int64) string { return fmt.Sprintf("/api/admin/leads/%d/messages", id) }
	msg := map[string]string{"message": "Selamat siang, mobilnya masih ada."}

	tests := []struct {
		name, path, host, token string
		body                    any
		status                  int
		fragments               []string
	}{
		{"owner any lead", path(unassigned), "alpha.test", owner, msg, 201, []string{`"sender":"sales"`,
			`"deliveryStatus":"queued"`, `"message":"Selamat siang, mobilnya masih ada."`, `"metadata":{"userId":`, `"createdAt":"`}},
		{"sales own lead", path(anis), "alpha.test", sales, msg, 201, []string{`"deliveryStatus":"queued"`}},
		{"sales unassigned lead", path(unassigned), "alpha.test", sales, msg, 403, []string{`"code":"FORBIDDEN"`}},
		{"sales another's lead", path(anis), "alpha.test", otherSales, msg, 404, []string{`"Lead not found"`}},
		{"unknown lead", path(999), "alpha.test", owner, msg, 404, []string{`"Lead not found"`}},
		{"bad id", "/api/admin/leads/abc/messages", "alpha.test", owner, msg, 400, []string{`"code":"BAD_REQUEST"`}},
		{"empty message", path(unassigned), "alpha.test", owner, map[string]string{"message": "  "}, 422, []string{`"message":"Message is required"`}},
		{"missing message", path(unassigned), "alpha.test", owner, map[string]string{}, 422, []string{`"message":"Message is required"`}},
		{"unknown field", path(unassigned), "alpha.test", owner, map[string]string{"message": "x", "sender": "bot"}, 400, []string{`"code":"BAD_REQUEST"`}},
		{"malformed JSON", path(unassigned), "alpha.test", owner, `{"message":`, 400, []string{`"code":"BAD_REQUEST"`}},
		{"no token", path(unassigned), "alpha.test", "", msg, 401, []string{`"code":"UNAUTHORIZED"`}},
		{"token of another showroom", path(unassigned), "alpha.test", betaOwner, msg, 403, nil},
		{"showroom without Fonnte token", path(betaLead), "beta.test", betaOwner, msg, 422, []string{
			`"WhatsApp is not connected: set the Fonnte token first"`, `"fonnteToken":`}},
		{"long message is kept whole", path(unassigned), "alpha.test", owner, map[string]string{"message": strings.Repeat("a", 5000)}, 201, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("POST", tt.path, tt.host, tt.token, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		})
	}
	if got := env.count("alpha", `SELECT COUNT(*) FROM messages WHERE sender = 'sales' AND delivery_status = 'queued'`); got != 3 {
		t.Errorf("queued = %d, want 3", got)
	}
	// The conversation shows the reply, queued, after the customer's message.
	res := env.do("GET", fmt.Sprintf("/api/admin/leads/%d", anis), "alpha.test", sales, nil)
	wantFragments(t, "lead view", res.Body, `"sender":"customer"`,
		`"sender":"sales","message":"Selamat siang, mobilnya masih ada.","metadata":{"userId":`, `"deliveryStatus":"queued"`)
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(notified, ",") != "alpha,alpha,alpha" {
		t.Errorf("notified = %v", notified)
	}
}
