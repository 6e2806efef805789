package http_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestShowroomRoles(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	tokens := map[string]string{}
	for _, role := range []string{store.RoleOwner, store.RoleAdmin, store.RoleSales} {
		tokens[role] = env.tokenFor("alpha", env.createUser("alpha", role+"@alpha.test", role))
	}
	for _, tt := range []struct {
		actor, method string
		status        int
	}{
		{"owner", "GET", 200}, {"admin", "GET", 200}, {"sales", "GET", 403},
		{"sales", "PUT", 403}, {"admin", "PUT", 403}, {"owner", "PUT", 200},
	} {
		var body any
		if tt.method == "PUT" {
			body = map[string]string{"name": "Renamed by " + tt.actor}
		}
		res := env.do(tt.method, "/api/admin/tenant", "alpha.test", tokens[tt.actor], body)
		wantStatusCode(t, tt.actor+" "+tt.method, res, tt.status)
	}
	if tn, _ := env.Reg.Lookup("alpha"); tn.Name != "Renamed by owner" {
		t.Fatalf("name = %q", tn.Name)
	}
	wantStatusCode(t, "no token", env.do("GET", "/api/admin/tenant", "alpha.test", "", nil), http.StatusUnauthorized)
}

func TestShowroomView(t *testing.T) {
	env := newTestEnv(t)
	tn := env.createTenant("alpha", "showroom-alpha.autoleads.id")
	token := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	res := env.do("GET", "/api/admin/tenant", "alpha.test", token, nil)
	wantStatusCode(t, "view", res, http.StatusOK)
	wantFragments(t, "view", res.Body, `"slug":"alpha"`, `"name":"Showroom alpha"`, `"primaryColor":"#FF5722"`,
		`"secondaryColor":"#000000"`, `"businessHours":{}`, `"logoUrl":null`, `"phone":null`,
		`"status":"active"`, `"plan":"pro"`, `"trialEndsAt":null`, `"planExpiresAt":null`, `"settings":{}`,
		`"hosts":["alpha.test","showroom-alpha.autoleads.id"]`, `"fonnteTokenSet":false`,
		`"webhookUrl":"https://alpha.test/webhook/fonnte?token=`+url.QueryEscape(tn.WebhookToken)+`"`,
		`"whatsappConnection":null`, `"createdAt":"`, `"updatedAt":"`, `"movingSince":null`)
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q", res.Header.Get("Cache-Control"))
	}

	t.Run("PublicURL", func(t *testing.T) {
		env := newTestEnv(t, func(c *apphttp.Config) { c.PublicURL = "https://app.autoleads.id" })
		tn := env.createTenant("beta")
		token := env.tokenFor("beta", env.createUser("beta", "admin@beta.test", store.RoleAdmin))
		res := env.do("GET", "/api/admin/tenant", "beta.test", token, nil)
		wantStatusCode(t, "view", res, http.StatusOK)
		wantFragments(t, "view", res.Body,
			`"webhookUrl":"https://app.autoleads.id/webhook/fonnte/beta?token=`+url.QueryEscape(tn.WebhookToken)+`"`)
	})
}

func TestShowroomUpdate(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createTenant("beta")
	betaNumber := "628111222333"
	if _, err := env.Reg.UpdateTenant(context.Background(), "beta", tenants.TenantUpdate{WhatsAppNumber: &betaNumber}); err != nil {
		t.Fatal(err)
	}
	token := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	const fonnte = "fonnte-SECRET-token-value"
	put := func(body any) *response { return env.do("PUT", "/api/admin/tenant", "alpha.test", token, body) }

	tests := []struct {
		name      string
		body      any
		status    int
		fragments []string
	}{
		{"profile", map[string]any{"name": " Showroom Alpha Jaya ", "phone": "031-1234567", "email": "info@alpha.test",
			"address": "Jl. Raya Darmo No. 1", "city": "Surabaya", "mapsUrl": "https://maps.example.com/?q=alpha",
			"logoUrl": "https://cdn.example.com/logo.png", "primaryColor": "#123abc", "secondaryColor": "#FFFFFF",
			"businessHours": map[string]string{"monday": "08:00-17:00", "sunday": "closed"},
			"settings":      map[string]any{"autoReply": true, "greeting": "Halo"}, "whatsappNumber": "0812-9999-0000"}, 200,
			[]string{`"name":"Showroom Alpha Jaya"`, `"phone":"031-1234567"`, `"email":"info@alpha.test"`,
				`"city":"Surabaya"`, `"primaryColor":"#123abc"`, `"secondaryColor":"#FFFFFF"`,
				`"businessHours":{"monday":"08:00-17:00","sunday":"closed"}`, `"settings":{"autoReply":true,"greeting":"Halo"}`,
				`"whatsappNumber":"6281299990000"`, `"mapsUrl":"https://maps.example.com/?q=alpha"`}},
		{"partial keeps the rest", map[string]string{"city": "Sidoarjo"}, 200,
			[]string{`"city":"Sidoarjo"`, `"name":"Showroom Alpha Jaya"`, `"phone":"031-1234567"`, `"primaryColor":"#123abc"`}},
		{"set fonnte token", map[string]string{"fonnteToken": fonnte}, 200, []string{`"fonnteTokenSet":true`}},
		{"empty body", `{}`, 200, []string{`"fonnteTokenSet":true`, `"city":"Sidoarjo"`}},
		{"null clears", `{"phone":null,"email":"","businessHours":null,"settings":null,"primaryColor":null}`, 200,
			[]string{`"phone":null`, `"email":null`, `"businessHours":{}`, `"settings":{}`, `"primaryColor":"#FF5722"`}},

		{"bad color", map[string]string{"primaryColor": "red"}, 422, []string{`"primaryColor":"Color must be #RRGGBB"`}},
		{"short color", map[string]string{"secondaryColor": "#FFF"}, 422, []string{`"secondaryColor":`}},
		{"bad hours", map[string]any{"businessHours": map[string]string{"monday": "9-5"}}, 422, []string{`"businessHours":`}},
		{"hours out of range", map[string]any{"businessHours": map[string]string{"monday": "08:00-24:30"}}, 422, []string{`"businessHours":`}},
		{"unknown day", map[string]any{"businessHours": map[string]string{"funday": "closed"}}, 422, []string{`"businessHours":`}},
		{"settings not an object", `{"settings":[1,2]}`, 422, []string{`"settings":"Settings must be a JSON object"`}},
		{"settings a string", `{"settings":"x"}`, 422, []string{`"settings":`}},
		{"time zone", `{"settings":{"timeZone":"WITA","theme":"dark"}}`, 200, []string{`"settings":{"timeZone":"WITA","theme":"dark"}`}},
		{"unknown time zone", `{"settings":{"timeZone":"Mars"}}`, 422, []string{`"settings":"settings.timeZone must be WIB, WITA or WIT"`}},
		{"time zone not a string", `{"settings":{"timeZone":8}}`, 422, []string{`"settings":"settings.timeZone must be WIB, WITA or WIT"`}},
		{"blank name", map[string]string{"name": "  "}, 422, []string{`"name":"Name is required"`}},
		{"null name", `{"name":null}`, 422, []string{`"name":"Name is required"`}},
		{"bad whatsapp", map[string]string{"whatsappNumber": "12"}, 422, []string{`"whatsappNumber":"Invalid phone number format"`}},
		{"javascript maps URL", map[string]string{"mapsUrl": "javascript:alert(1)"}, 422, []string{`"mapsUrl":`}},
		{"data logo URL", map[string]string{"logoUrl": "data:text/html,<script>alert(1)</script>"}, 422, []string{`"logoUrl":`}},
		{"bad email", map[string]string{"email": "not an email"}, 422, []string{`"email":`}},
		// Every showroom's profile is held in each server's memory: bounded.
		{"long address", map[string]string{"address": strings.Repeat("Jl. Raya ", 100)}, 422, []string{`"address":"Address must be at most 500 characters"`}},
		{"long city", map[string]string{"city": strings.Repeat("x", 101)}, 422, []string{`"city":`}},
		{"long phone", map[string]string{"phone": strings.Repeat("1", 51)}, 422, []string{`"phone":`}},
		{"long email", map[string]string{"email": strings.Repeat("a", 250) + "@x.test"}, 422, []string{`"email":`}},
		{"large settings", map[string]any{"settings": map[string]string{"blob": strings.Repeat("x", 20000)}}, 422,
			[]string{`"settings":"Settings must be at most 16384 bytes of JSON"`}},
		// The token travels in an HTTP header: a pasted line break or space
		// would make every send fail.
		{"fonnte token with a space", map[string]string{"fonnteToken": "abc def"}, 422, []string{`"fonnteToken":`}},
		{"fonnte token with a line break", map[string]string{"fonnteToken": "abc\ndef"}, 422, []string{`"fonnteToken":`}},
		{"long fonnte token", map[string]string{"fonnteToken": strings.Repeat("x", 257)}, 422, []string{`"fonnteToken":`}},
		{"whatsapp of another showroom", map[string]string{"whatsappNumber": "+62 811 1222 333"}, 409,
			[]string{`"code":"CONFLICT"`, `"whatsappNumber":"WhatsApp number is already used by another showroom"`}},

		{"status is operator-only", map[string]string{"status": "active"}, 400, []string{`"status":"Unknown or read-only field"`}},
		{"slug is operator-only", map[string]string{"slug": "other"}, 400, []string{`"slug":`}},
		{"plan is operator-only", map[string]string{"plan": "pro"}, 400, []string{`"plan":`}},
		{"hosts are operator-only", map[string]any{"hosts": []string{"evil.test"}}, 400, []string{`"hosts":`}},
		{"webhook token is operator-only", map[string]string{"webhookToken": "x"}, 400, []string{`"webhookToken":`}},
		{"id is read-only", map[string]int{"id": 2}, 400, []string{`"id":`}},
		{"hours wrong type", `{"businessHours":{"monday":9}}`, 400, []string{`"code":"BAD_REQUEST"`}},
		{"name wrong type", `{"name":["x"]}`, 400, []string{`"code":"BAD_REQUEST"`}},
		{"malformed", `{"name":`, 400, []string{`"code":"BAD_REQUEST"`}},
	}
	for _, tt := range tests {
		res := put(tt.body)
		wantStatusCode(t, tt.name, res, tt.status)
		wantFragments(t, tt.name, res.Body, tt.fragments...)
		if strings.Contains(res.Body, fonnte) {
			t.Errorf("%s: answer shows the Fonnte token: %s", tt.name, res.Body)
		}
	}

	// The refused updates changed nothing; the token is stored but never read back.
	res := env.do("GET", "/api/admin/tenant", "alpha.test", token, nil)
	wantStatusCode(t, "view", res, http.StatusOK)
	wantFragments(t, "view", res.Body, `"fonnteTokenSet":true`, `"city":"Sidoarjo"`, `"whatsappNumber":"6281299990000"`,
		`"status":"active"`, `"slug":"alpha"`, `"hosts":["alpha.test"]`)
	if strings.Contains(res.Body, fonnte) {
		t.Fatalf("view shows the Fonnte token: %s", res.Body)
	}
	stored, err := env.Reg.FindTenant(context.Background(), "alpha")
	if err != nil {
		t.Fatal(err)
	}
	if stored.FonnteToken != fonnte || stored.Name != "Showroom Alpha Jaya" {
		t.Fatalf("stored = %+v", stored)
	}
	public := env.do("GET", "/api/tenant", "alpha.test", "", nil)
	wantFragments(t, "public profile", public.Body, `"name":"Showroom Alpha Jaya"`, `"city":"Sidoarjo"`)
	for _, private := range []string{fonnte, "fonnteTokenSet", "webhook", "settings", `"status"`} {
		if strings.Contains(public.Body, private) {
			t.Errorf("public profile shows %q: %s", private, public.Body)
		}
	}

	for _, clear := range []string{`{"fonnteToken":null}`, `{"fonnteToken":"  "}`} {
		put(map[string]string{"fonnteToken": fonnte})
		res := put(clear)
		wantStatusCode(t, clear, res, http.StatusOK)
		wantFragments(t, clear, res.Body, `"fonnteTokenSet":false`)
	}
}
