package http_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/http/ratelimit"
)

// withRates turns rate limiting on with the given overrides.
func withRates(overrides map[string]ratelimit.Limit, trusted ...string) func(*apphttp.Config) {
	return func(c *apphttp.Config) {
		c.NoRateLimit = false
		c.RateLimits = overrides
		for _, p := range trusted {
			c.TrustedProxies = append(c.TrustedProxies, netip.MustParsePrefix(p))
		}
	}
}

func TestPublicRateLimitPerClientIP(t *testing.T) {
	env := newTestEnv(t, withRates(map[string]ratelimit.Limit{
		apphttp.ClassPublic: {N: 3, Period: time.Minute, Burst: 3},
	}, "127.0.0.1/32"))
	env.createTenant("alpha")
	get := func(peer, xff string) *response {
		r := httptest.NewRequest("GET", "/api/tenant", nil)
		r.Host, r.RemoteAddr = "alpha.test", peer
		if xff != "" {
			r.Header.Set("X-Forwarded-For", xff)
		}
		return env.serve(r)
	}
	for i := range 3 {
		res := get("203.0.113.1:1000", "")
		if res.Code != 200 || res.Header.Get("X-RateLimit-Limit") != "3" || res.Header.Get("X-RateLimit-Remaining") != string(rune('2'-i)) {
			t.Fatalf("request %d: %d %v", i, res.Code, res.Header)
		}
	}
	res := get("203.0.113.1:1000", "")
	if res.Code != 429 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth request: %d %v %s", res.Code, res.Header, res.Body)
	}
	wantFragments(t, "429", res.Body, `"code":"RATE_LIMIT_EXCEEDED"`)

	// A client cannot escape its bucket with its own X-Forwarded-For.
	if res := get("203.0.113.1:1001", "198.51.100.1"); res.Code != 429 {
		t.Fatalf("spoofed X-Forwarded-For from an untrusted peer escaped the limit: %d", res.Code)
	}
	// Another client has its own bucket.
	if res := get("203.0.113.2:1000", ""); res.Code != 200 {
		t.Fatalf("another client was limited: %d", res.Code)
	}
	// Behind a trusted proxy, each forwarded client has its own bucket.
	for i := range 3 {
		if res := get("127.0.0.1:2000", "198.51.100."+string(rune('1'+i))); res.Code != 200 {
			t.Fatalf("client %d behind the proxy limited: %d", i, res.Code)
		}
	}
	// /health is never limited.
	for range 5 {
		r := httptest.NewRequest("GET", "/health", nil)
		r.RemoteAddr = "203.0.113.1:1000"
		if res := env.serve(r); res.Code != 200 {
			t.Fatalf("/health limited: %d", res.Code)
		}
	}
}

// One IPv6 host commonly owns a whole /64, so every per-IP limit counts a
// /64 as one client; an IPv4-mapped address is its IPv4 address.
func TestIPv6ClientsLimitedPerSlash64(t *testing.T) {
	const n = 3
	classes := []struct{ class, method, path, body string }{
		{apphttp.ClassPublic, "GET", "/api/tenant", ""},
		{apphttp.ClassInquiry, "POST", "/api/leads", "{}"},
		{apphttp.ClassLoginIP, "POST", "/api/admin/auth/login", "{}"},
	}
	for _, c := range classes {
		t.Run(c.class, func(t *testing.T) {
			env := newTestEnv(t, withRates(map[string]ratelimit.Limit{
				c.class: {N: n, Period: time.Hour, Burst: n},
			}, "127.0.0.1/32"))
			env.createTenant("alpha")
			send := func(client string) *response {
				var r *http.Request
				if c.body == "" {
					r = httptest.NewRequest(c.method, c.path, nil)
				} else {
					r = httpRequest(c.method, c.path, "", c.body)
				}
				r.Host, r.RemoteAddr = "alpha.test", "127.0.0.1:2000"
				r.Header.Set("X-Forwarded-For", client)
				return env.serve(r)
			}
			for i := 1; i <= n; i++ {
				if res := send(fmt.Sprintf("2001:db8:1:2::%d", i)); res.Code == 429 {
					t.Fatalf("address %d of the /64 limited early: %s", i, res.Body)
				}
			}
			res := send("2001:db8:1:2:ffff:ffff:ffff:ffff")
			wantStatusCode(t, "another address of the same /64", res, 429)
			if res := send("2001:db8:1:3::1"); res.Code == 429 {
				t.Fatalf("another /64 shares the allowance: %s", res.Body)
			}

			for range n {
				send("198.51.100.7")
			}
			wantStatusCode(t, "IPv4-mapped form of a spent IPv4 client", send("::ffff:198.51.100.7"), 429)
		})
	}
}
