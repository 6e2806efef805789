package http_test

import (
	"context"
	"net/http/httptest"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/tenants"
)

// askFrom sends Caddy's on-demand TLS question from peer with headers.
func (e *testEnv) askFrom(peer, query string, headers map[string]string) *response {
	req := httptest.NewRequest("GET", apphttp.TLSAskPath+query, nil)
	req.RemoteAddr = peer
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return e.serve(req)
}

func TestTLSAskFromLoopback(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	env.createTenant("alpha", "mobilalpha.co.id")
	env.createTenant("beta")
	env.createTenant("gamma")
	if _, err := env.Reg.SetStatus(ctx, "beta", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Reg.SetMoving(ctx, "gamma", true); err != nil {
		t.Fatal(err)
	}
	const v4, v6 = "127.0.0.1:50000", "[::1]:50000"
	tests := []struct {
		name, peer, query string
		headers           map[string]string
		status            int
		fragment          string
	}{
		{"active showroom's host", v4, "?domain=mobilalpha.co.id", nil, 200, `"domain":"mobilalpha.co.id"`},
		{"host as typed, any case and a trailing dot", v6, "?domain=MobilAlpha.co.id.", nil, 200, `"domain":"mobilalpha.co.id"`},
		{"moving showroom keeps its certificate", v4, "?domain=gamma.test", nil, 200, `"domain":"gamma.test"`},
		{"suspended showroom", v4, "?domain=beta.test", nil, 403, "suspended"},
		{"unknown host", v4, "?domain=evil.example", nil, 404, "No showroom is served on this host"},
		{"no domain", v4, "", nil, 400, "domain is required"},
		{"another machine", "203.0.113.7:4000", "?domain=alpha.test", nil, 403, "Only the proxy"},
		{"a visitor relayed by the local proxy", v4, "?domain=alpha.test", map[string]string{"X-Forwarded-For": "203.0.113.7"}, 403, "Only the proxy"},
		{"relayed with Forwarded", v4, "?domain=alpha.test", map[string]string{"Forwarded": "for=203.0.113.7"}, 403, "Only the proxy"},
		{"a secret is not needed when none is configured", v4, "?domain=alpha.test&secret=x", nil, 200, `"domain":"alpha.test"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.askFrom(tt.peer, tt.query, tt.headers)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", res.Header.Get("Cache-Control"))
			}
			wantFragments(t, tt.name, res.Body, tt.fragment)
		})
	}
}

// With a secret, the proxy may be another machine, and the secret alone
// decides: loopback without it is refused too.
func TestTLSAskWithSecret(t *testing.T) {
	const secret = "ask-secret-0123456789abcdef"
	env := newTestEnv(t, func(c *apphttp.Config) { c.TLSAskSecret = secret })
	env.createTenant("alpha")
	tests := []struct {
		name, peer, query string
		status            int
	}{
		{"right secret from the proxy's machine", "10.0.0.5:4000", "?domain=alpha.test&secret=" + secret, 200},
		{"right secret, unknown host", "10.0.0.5:4000", "?domain=nobody.test&secret=" + secret, 404},
		{"wrong secret", "10.0.0.5:4000", "?domain=alpha.test&secret=" + secret[:len(secret)-1] + "X", 403},
		{"a prefix of the secret", "10.0.0.5:4000", "?domain=alpha.test&secret=" + secret[:8], 403},
		{"no secret from loopback", "127.0.0.1:4000", "?domain=alpha.test", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res := env.askFrom(tt.peer, tt.query, nil); res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
		})
	}
}
