package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// While a showroom moves, everything is read as usual and nothing is
// written: each write answers 503 with Retry-After, as the API's envelope
// or as a page, before the database is touched; Fonnte's webhook gets a
// non-200, so Fonnte delivers the message again later (to the new node).
func TestMovingShowroomIsReadOnly(t *testing.T) {
	ctx := context.Background()
	e := newDeskEnv(t)
	number, fonnte := corpusDevice, "tok-alpha"
	alpha, err := e.Reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: &number, FonnteToken: &fonnte})
	if err != nil {
		t.Fatal(err)
	}
	token := e.login("alpha", "owner@alpha.test")
	session := e.signIn("alpha.test", "owner@alpha.test").Value
	e.webhookText("alpha", "6281200000001", 1) // a lead with a message the owner has not read
	lead := e.count("alpha", `SELECT MAX(id) FROM leads`)
	leads := e.count("alpha", `SELECT COUNT(*) FROM leads`)
	if _, err := e.Reg.SetMoving(ctx, "alpha", true); err != nil {
		t.Fatal(err)
	}
	sessions := e.count("alpha", `SELECT COUNT(*) FROM sessions`)
	rows := e.count("alpha", `SELECT COUNT(*) FROM webhook_events`) + e.count("alpha", `SELECT COUNT(*) FROM leads`)

	reads := []struct{ name, path, token, session string }{
		{"catalogue API", "/api/cars", "", ""},
		{"profile API", "/api/tenant", "", ""},
		{"website", "/", "", ""},
		{"admin API", "/api/admin/cars", token, ""},
		{"sign-in form", "/admin/login", "", ""},
		{"dashboard", "/admin", "", session},
		{"unread lead's page", fmt.Sprintf("/admin/leads/%d", lead), "", session},
	}
	for _, r := range reads {
		var res *response
		if r.session != "" {
			res = e.deskGet(r.path, "alpha.test", r.session)
		} else {
			res = e.do(http.MethodGet, r.path, "alpha.test", r.token, nil)
		}
		wantStatusCode(t, r.name, res, http.StatusOK)
	}

	apiWrites := []struct {
		name, method, path, token string
		body                      any
	}{
		{"car create", http.MethodPost, "/api/admin/cars", token, map[string]any{"brand": "Toyota"}},
		{"car delete", http.MethodDelete, "/api/admin/cars/1", token, nil},
		{"inquiry", http.MethodPost, "/api/leads", "", map[string]any{"name": "Budi", "phone": "081234567890"}},
		{"sign in", http.MethodPost, "/api/admin/auth/login", "", map[string]string{"email": "owner@alpha.test", "password": "password123"}},
	}
	for _, w := range apiWrites {
		res := e.do(w.method, w.path, "alpha.test", w.token, w.body)
		wantMovingRefusal(t, w.name, res)
		wantFragments(t, w.name, res.Body, `"code":"SERVICE_UNAVAILABLE"`, "being moved to another server")
	}

	contentType, body := corpus(t, "text.json")
	res := e.webhook("/webhook/fonnte", "alpha.test", alpha.WebhookToken, contentType, body)
	wantMovingRefusal(t, "webhook", res)
	res = e.webhook("/webhook/fonnte/alpha", "elsewhere.test", alpha.WebhookToken, contentType, body)
	wantMovingRefusal(t, "webhook by slug", res)
	if n := e.count("alpha", `SELECT COUNT(*) FROM webhook_events`) + e.count("alpha", `SELECT COUNT(*) FROM leads`); n != rows {
		t.Fatalf("a refused webhook call left %d rows", n-rows)
	}

	pages := []struct {
		name, path, session string
		form                url.Values
	}{
		{"sign-in form", "/admin/login", "", url.Values{"email": {"owner@alpha.test"}, "password": {"password123"}}},
		{"password change", "/admin/password", session, url.Values{"current": {"password123"}, "password": {"password456"}}},
		{"website inquiry", "/mobil/some-car", "", url.Values{"name": {"Budi"}, "phone": {"081234567890"}}},
	}
	for _, p := range pages {
		res := e.deskPost(p.path, "alpha.test", p.session, p.form)
		wantMovingRefusal(t, p.name, res)
		wantFragments(t, p.name, res.Body, "<html", "Sedang dipindahkan")
		if strings.Contains(res.Body, `"success"`) {
			t.Errorf("%s: a page answered with the API's envelope: %s", p.name, res.Body)
		}
	}
	if n := e.count("alpha", `SELECT COUNT(*) FROM lead_reads`); n != 0 {
		t.Errorf("opening a lead while moving marked it read (%d marks): the mark would be lost with this copy", n)
	}
	if n := e.count("alpha", `SELECT COUNT(*) FROM sessions`); n != sessions {
		t.Errorf("sessions went from %d to %d while moving", sessions, n)
	}

	// A move called off: the same call is taken again, as Fonnte's retry.
	if _, err := e.Reg.SetMoving(ctx, "alpha", false); err != nil {
		t.Fatal(err)
	}
	res = e.webhook("/webhook/fonnte", "alpha.test", alpha.WebhookToken, contentType, body)
	wantStatusCode(t, "webhook after the move was called off", res, http.StatusOK)
	if n := e.count("alpha", `SELECT COUNT(*) FROM leads`); n != leads+1 {
		t.Fatalf("%d leads after the retry, want %d", n, leads+1)
	}
}

// wantMovingRefusal fails unless res refuses a write to a moving showroom.
func wantMovingRefusal(t *testing.T, label string, res *response) {
	t.Helper()
	wantStatusCode(t, label, res, http.StatusServiceUnavailable)
	if got := res.Header.Get("Retry-After"); got != "60" {
		t.Errorf("%s: Retry-After %q, want 60", label, got)
	}
}
