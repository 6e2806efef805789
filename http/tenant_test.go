package http_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/tenants"
)

// createTenantWith registers a tenant reachable at slug+".test" after
// configure has set its fields.
func (e *testEnv) createTenantWith(slug string, configure func(*tenants.Tenant)) *tenants.Tenant {
	e.t.Helper()
	t := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro"}
	configure(t)
	if err := e.Reg.CreateTenant(context.Background(), t, []string{slug + ".test"}); err != nil {
		e.t.Fatal(err)
	}
	return t
}

// getTenant asks for the public profile with extra request headers.
func (e *testEnv) getTenant(host string, headers map[string]string) *response {
	e.t.Helper()
	req := httptest.NewRequest("GET", "/api/tenant", nil)
	req.Host = host
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return e.serve(req)
}

func TestTenantView(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	past, future := time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour)
	profile := env.createTenantWith("showroom-surabaya", func(t *tenants.Tenant) {
		t.Name = "Showroom Mobil Surabaya"
		t.Phone, t.WhatsAppNumber, t.Email = "031-1234567", "628123456789", "info@example.com"
		t.Address, t.City, t.MapsURL = "Jl. Raya Darmo No. 123, Surabaya", "Surabaya", "https://maps.example.com/x"
		t.PrimaryColor, t.BusinessHours = "#112233", map[string]string{"monday": "08:00-17:00", "sunday": "closed"}
		t.FonnteToken = "fonnte-secret-token"
	})
	if err := env.Reg.AddHost(ctx, "showroom-surabaya", "[::1]"); err != nil {
		t.Fatal(err)
	}
	env.createTenant("plain")
	env.createTenantWith("suspended", func(t *tenants.Tenant) { t.Status = tenants.StatusSuspended })
	env.createTenantWith("expired", func(t *tenants.Tenant) { t.Status = tenants.StatusExpired })
	env.createTenantWith("plan-expired", func(t *tenants.Tenant) { t.PlanExpiresAt = &past })
	env.createTenantWith("trial-ended", func(t *tenants.Tenant) { t.Status, t.Plan, t.TrialEndsAt = tenants.StatusTrial, "trial", &past })
	env.createTenantWith("trial-valid", func(t *tenants.Tenant) { t.Status, t.Plan, t.TrialEndsAt = tenants.StatusTrial, "trial", &future })
	env.createTenantWith("trial-open", func(t *tenants.Tenant) { t.Status, t.Plan = tenants.StatusTrial, "trial" })

	tests := []struct {
		name, host string
		status     int
		slug       string // X-Tenant-Slug, "" for none
		fragments  []string
	}{
		{"profile", "showroom-surabaya.test", 200, "showroom-surabaya", []string{
			`"success":true`, `"slug":"showroom-surabaya"`, `"name":"Showroom Mobil Surabaya"`, `"logoUrl":null`,
			`"primaryColor":"#112233"`, `"secondaryColor":"#000000"`, `"phone":"031-1234567"`,
			`"whatsappNumber":"628123456789"`, `"email":"info@example.com"`, `"address":"Jl. Raya Darmo No. 123, Surabaya"`,
			`"city":"Surabaya"`, `"mapsUrl":"https://maps.example.com/x"`,
			`"businessHours":{"monday":"08:00-17:00","sunday":"closed"}`}},
		{"empty optional fields", "plain.test", 200, "plain", []string{
			`"phone":null`, `"whatsappNumber":null`, `"email":null`, `"mapsUrl":null`, `"businessHours":{}`}},
		{"port and case", "SHOWROOM-Surabaya.TEST:8080", 200, "showroom-surabaya", nil},
		{"trailing dot", "showroom-surabaya.test.", 200, "showroom-surabaya", nil},
		{"ipv6 with port", "[::1]:8080", 200, "showroom-surabaya", nil},
		{"unknown host", "nobody.test", 404, "", []string{`"success":false`, `"code":"NOT_FOUND"`, `"message":"Showroom not found"`}},
		{"empty host", "", 404, "", []string{`"message":"Showroom not found"`}},
		{"host with a path", "plain.test/x", 404, "", []string{`"message":"Showroom not found"`}},
		{"suspended", "suspended.test", 403, "suspended", []string{`"code":"FORBIDDEN"`, `"message":"Showroom account is suspended"`}},
		{"expired", "expired.test", 403, "expired", []string{`"code":"FORBIDDEN"`, `"message":"Showroom subscription has expired"`}},
		{"plan expired", "plan-expired.test", 403, "plan-expired", []string{`"message":"Showroom subscription has expired"`}},
		{"trial ended", "trial-ended.test", 403, "trial-ended", []string{`"message":"Trial period has expired"`}},
		{"valid trial", "trial-valid.test", 200, "trial-valid", []string{`"slug":"trial-valid"`}},
		{"open-ended trial", "trial-open.test", 200, "trial-open", []string{`"slug":"trial-open"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("GET", "/api/tenant", tt.host, "", nil)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			if got := res.Header.Get("X-Tenant-Slug"); got != tt.slug {
				t.Errorf("X-Tenant-Slug = %q, want %q", got, tt.slug)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
			for _, secret := range []string{profile.WebhookToken, "fonnte-secret-token", "webhook", "fonnte", "settings", "status", "plan"} {
				if tt.status == 200 && strings.Contains(strings.ToLower(res.Body), strings.ToLower(secret)) {
					t.Errorf("profile reveals %q: %s", secret, res.Body)
				}
			}
		})
	}
}

func TestTenantView_TenantHeader(t *testing.T) {
	t.Run("IgnoredByDefault", func(t *testing.T) {
		env := newTestEnv(t)
		env.createTenant("alpha")
		env.createTenant("beta")
		res := env.getTenant("alpha.test", map[string]string{"X-Tenant-Domain": "beta.test"})
		if res.Code != 200 || res.Header.Get("X-Tenant-Slug") != "alpha" {
			t.Fatalf("header honoured without --trust-tenant-header: %d %s", res.Code, res.Body)
		}
		res = env.getTenant("proxy.internal", map[string]string{"X-Tenant-Domain": "beta.test"})
		if res.Code != 404 {
			t.Fatalf("unknown host with header: %d %s", res.Code, res.Body)
		}
	})

	t.Run("Trusted", func(t *testing.T) {
		env := newTestEnv(t, func(c *apphttp.Config) { c.TrustTenantHeader = true })
		env.createTenant("alpha")
		env.createTenant("beta")
		tests := []struct {
			host, header string
			status       int
			slug         string
		}{
			{"proxy.internal", "beta.test", 200, "beta"},
			{"alpha.test", "BETA.test:443", 200, "beta"},
			{"alpha.test", "", 200, "alpha"},
			{"alpha.test", "nobody.test", 404, ""},
		}
		for _, tt := range tests {
			headers := map[string]string{}
			if tt.header != "" {
				headers["X-Tenant-Domain"] = tt.header
			}
			res := env.getTenant(tt.host, headers)
			if res.Code != tt.status || res.Header.Get("X-Tenant-Slug") != tt.slug {
				t.Fatalf("Host %s, X-Tenant-Domain %q: %d %q %s", tt.host, tt.header, res.Code,
					res.Header.Get("X-Tenant-Slug"), res.Body)
			}
		}
	})
}

func TestTenantView_StatusChanges(t *testing.T) {
	ctx := context.Background()
	status := func(env *testEnv) int { return env.do("GET", "/api/tenant", "alpha.test", "", nil).Code }

	t.Run("SameProcess", func(t *testing.T) {
		env := newTestEnv(t)
		env.createTenant("alpha")
		if got := status(env); got != 200 {
			t.Fatalf("active: %d", got)
		}
		if _, err := env.Reg.SetStatus(ctx, "alpha", tenants.StatusSuspended); err != nil {
			t.Fatal(err)
		}
		if got := status(env); got != 403 {
			t.Fatalf("next request after suspension: %d", got)
		}
		if _, err := env.Reg.SetStatus(ctx, "alpha", tenants.StatusActive); err != nil {
			t.Fatal(err)
		}
		if got := status(env); got != 200 {
			t.Fatalf("next request after activation: %d", got)
		}
	})

	t.Run("TrialRunsOut", func(t *testing.T) {
		env := newTestEnv(t)
		ends := time.Now().Add(time.Hour)
		env.createTenantWith("alpha", func(t *tenants.Tenant) { t.Status, t.TrialEndsAt = tenants.StatusTrial, &ends })
		if got := status(env); got != 200 {
			t.Fatalf("during the trial: %d", got)
		}
		env.Reg.Now = func() time.Time { return ends.Add(time.Second) }
		res := env.do("GET", "/api/tenant", "alpha.test", "", nil)
		if res.Code != 403 {
			t.Fatalf("after the trial: %d %s", res.Code, res.Body)
		}
		wantFragments(t, "after the trial", res.Body, `"Trial period has expired"`)
	})

	t.Run("OtherProcess", func(t *testing.T) {
		// The CLI suspends a tenant while the server runs: the server
		// locks it out within the promised 5 seconds.
		env := newTestEnv(t)
		env.createTenant("alpha")
		watchCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { env.Reg.Watch(watchCtx); close(done) }()
		t.Cleanup(func() { stop(); <-done })
		cli, err := tenants.Open(ctx, env.Reg.Layout.Root, tenants.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cli.Close() })

		if _, err := cli.SetStatus(ctx, "alpha", tenants.StatusSuspended); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for status(env) != http.StatusForbidden {
			if time.Now().After(deadline) {
				t.Fatal("suspension by another process not honoured within 5 s")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
