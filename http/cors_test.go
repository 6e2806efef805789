package http_test

import (
	"net/http/httptest"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
)

func TestCORS(t *testing.T) {
	env := newTestEnv(t, func(c *apphttp.Config) {
		c.CORSOrigins = []string{"https://dashboard.example.com", " https://www.example.com/ "}
	})
	env.createTenant("alpha")
	send := func(method, origin, requestMethod string) *response {
		r := httptest.NewRequest(method, "/api/cars", nil)
		r.Host = "alpha.test"
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		if requestMethod != "" {
			r.Header.Set("Access-Control-Request-Method", requestMethod)
			r.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		}
		return env.serve(r)
	}
	t.Run("preflight from an allowed origin", func(t *testing.T) {
		res := send("OPTIONS", "https://dashboard.example.com", "PUT")
		if res.Code != 204 {
			t.Fatalf("status %d", res.Code)
		}
		h := res.Header
		if h.Get("Access-Control-Allow-Origin") != "https://dashboard.example.com" ||
			h.Get("Access-Control-Allow-Methods") == "" || h.Get("Access-Control-Allow-Headers") == "" ||
			h.Get("Vary") != "Origin" {
			t.Fatalf("headers %v", h)
		}
	})
	t.Run("configured origin with a trailing slash matches", func(t *testing.T) {
		if got := send("GET", "https://www.example.com", "").Header.Get("Access-Control-Allow-Origin"); got != "https://www.example.com" {
			t.Fatalf("Allow-Origin %q", got)
		}
	})
	t.Run("preflight from another origin gets no grant", func(t *testing.T) {
		res := send("OPTIONS", "https://evil.example", "PUT")
		if res.Code != 204 || res.Header.Get("Access-Control-Allow-Origin") != "" || res.Header.Get("Access-Control-Allow-Methods") != "" {
			t.Fatalf("%d %v", res.Code, res.Header)
		}
	})
	t.Run("simple request from an allowed origin", func(t *testing.T) {
		res := send("GET", "https://dashboard.example.com", "")
		if res.Code != 200 || res.Header.Get("Access-Control-Allow-Origin") != "https://dashboard.example.com" ||
			res.Header.Get("Access-Control-Expose-Headers") == "" {
			t.Fatalf("%d %v", res.Code, res.Header)
		}
	})
	t.Run("same-origin request carries no CORS headers but the security ones", func(t *testing.T) {
		res := send("GET", "", "")
		h := res.Header
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("Allow-Origin without Origin: %v", h)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
			"Referrer-Policy": "strict-origin-when-cross-origin", "X-Tenant-Slug": "alpha",
		} {
			if h.Get(k) != want {
				t.Errorf("%s = %q, want %q", k, h.Get(k), want)
			}
		}
	})
	t.Run("no origins configured: nothing cross-origin", func(t *testing.T) {
		env := newTestEnv(t)
		env.createTenant("beta")
		r := httptest.NewRequest("OPTIONS", "/api/cars", nil)
		r.Host = "beta.test"
		r.Header.Set("Origin", "https://dashboard.example.com")
		r.Header.Set("Access-Control-Request-Method", "GET")
		if res := env.serve(r); res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("granted without configuration: %v", res.Header)
		}
	})
}
