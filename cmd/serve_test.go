package cmd_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestServeEndToEnd sets a showroom up with the command line on an empty
// data directory, serves it, and changes it from "another process" while
// the server runs.
func TestServeEndToEnd(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.runStdin("password123\n", "user", "create", "--tenant", "alpha", "--email", "owner@alpha.example",
		"--name", "Owner", "--role", "owner", "--password-stdin")
	c.run("seed", "--tenant", "alpha")
	s := c.serve()

	body := s.waitFor("/api/tenant", "alpha.example.com", 200, 5*time.Second)
	wantContains(t, body, `"slug":"alpha"`, `"name":"Showroom alpha"`)
	code, body := s.get("/api/tenant", "unknown.example.com")
	if code != 404 || !strings.Contains(body, `"code":"NOT_FOUND"`) || !strings.Contains(body, "Showroom not found") {
		t.Fatalf("unknown host: %d %s", code, body)
	}

	// Suspending with a separate command (its own registry handle, like
	// another process) locks the showroom out within 5 s, without a restart.
	c.run("tenant", "suspend", "alpha")
	body = s.waitFor("/api/tenant", "alpha.example.com", 403, 5*time.Second)
	wantContains(t, body, "Showroom account is suspended")
	c.run("tenant", "activate", "alpha")
	s.waitFor("/api/tenant", "alpha.example.com", 200, 5*time.Second)

	// A host added while serving reaches the showroom too.
	c.run("tenant", "add-host", "alpha", "alpha.example.org")
	s.waitFor("/api/tenant", "alpha.example.org", 200, 5*time.Second)
	// The proxy on this machine may now get its certificate.
	s.waitFor("/internal/tls-ask?domain=alpha.example.org", "127.0.0.1", 200, 5*time.Second)
	s.stop()
}

func TestServeDemo(t *testing.T) {
	c := newCLI(t)
	s := c.serve("--demo")
	out := s.stdout.String()
	wantContains(t, out, "Created the demo showroom showroom-surabaya", "15 cars, 3 users, 6 leads",
		s.base, "password123", "owner@showroom-surabaya.com", "budi@showroom-surabaya.com", "ani@showroom-surabaya.com",
		"curl "+s.base+"/api/tenant", "Staff dashboard: "+s.base+"/admin\n")
	for _, host := range []string{"localhost", "127.0.0.1", "showroom-surabaya.localhost"} {
		body := s.waitFor("/api/tenant", host, 200, 5*time.Second)
		wantContains(t, body, `"name":"Showroom Mobil Surabaya"`, `"whatsappNumber":"628123456789"`,
			`"city":"Surabaya"`, `"address":"Jl. Raya Darmo No. 123, Surabaya"`, `"phone":"031-1234567"`)
	}
	// The public catalogue shows the twelve available cars.
	code, body := s.get("/api/cars?limit=100", "localhost")
	var cars struct {
		Data []struct{ DisplayCode string }
		Meta struct{ Total int }
	}
	decode(t, body, &cars)
	if code != 200 || cars.Meta.Total != 12 || len(cars.Data) != 12 {
		t.Fatalf("GET /api/cars: %d, total %d, %d cars; want 12", code, cars.Meta.Total, len(cars.Data))
	}
	// The printed logins work.
	for _, email := range []string{"owner@showroom-surabaya.com", "budi@showroom-surabaya.com", "ani@showroom-surabaya.com"} {
		code, body := s.do("POST", "/api/admin/auth/login", "showroom-surabaya.localhost",
			`{"email":"`+email+`","password":"password123"}`)
		if code != 200 || !strings.Contains(body, `"token":"`) {
			t.Fatalf("login %s: %d %s", email, code, body)
		}
	}
	s.stop()
	v := c.show("showroom-surabaya")
	if v.Status != "active" || v.Plan != "pro" || len(v.BusinessHours) != 7 {
		t.Fatalf("demo showroom = %+v", v)
	}
	checkDemo(t, c.tenantDB("showroom-surabaya"))

	// A second start changes nothing and prints the logins again.
	s = c.serve("--demo")
	out = s.stdout.String()
	wantContains(t, out, "already exists; nothing was changed", "owner@showroom-surabaya.com", "password123")
	s.waitFor("/api/tenant", "localhost", 200, 5*time.Second)
	s.stop()
	if again := c.show("showroom-surabaya"); again.WebhookToken != v.WebhookToken {
		t.Fatal("a second serve --demo changed the showroom")
	}
	checkDemo(t, c.tenantDB("showroom-surabaya"))
}

// Flags that would only fail later, message after message or request after
// request, stop serve before it starts. (A serve that starts anyway is
// stopped after a while and fails the test.)
func TestServeRefusesBadFlags(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct{ want, flag, value string }{
		{"--fonnte-url must be an http(s) URL", "--fonnte-url", "api.fonnte.com"},
		{"--fonnte-url must be an http(s) URL", "--fonnte-url", "ftp://api.fonnte.com"},
		{"--fonnte-min-interval must be positive", "--fonnte-min-interval", "0s"},
		{"--trusted-proxies", "--trusted-proxies", "not-an-ip"},
		{"--log-format", "--log-format", "xml"},
		{"--tls-ask-secret (AUTOLEADS_TLS_ASK_SECRET) must be at least 16 bytes", "--tls-ask-secret", "short"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		r := c.exec(ctx, "", "serve", "--addr", "127.0.0.1:0", tt.flag, tt.value)
		cancel()
		if r.err == nil || !strings.Contains(r.err.Error(), tt.want) {
			t.Errorf("serve %s %s: %v, want an error containing %q", tt.flag, tt.value, r.err, tt.want)
		}
	}
}
