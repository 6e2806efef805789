package http_test

import (
	"net/http"
	"testing"
)

func TestPlatformRoutes(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	tests := []struct {
		name, method, path, host string
		status                   int
		fragments                []string
	}{
		{"health", "GET", "/health", "anything", 200, []string{`"status":"ok"`, `"connected":true`, `"registered":1`}},
		{"api info", "GET", "/api", "anything", 200, []string{`"success":true`, `"openapi":"/api/openapi.json"`}},
		{"tenant profile", "GET", "/api/tenant", "alpha.test", 200, []string{`"slug":"alpha"`, `"primaryColor":"#FF5722"`, `"logoUrl":null`}},
		{"tenant host with port and case", "GET", "/api/tenant", "ALPHA.test:8080", 200, []string{`"slug":"alpha"`}},
		{"unknown host", "GET", "/api/tenant", "nobody.test", 404, []string{`"code":"NOT_FOUND"`, `"Showroom not found"`}},
		{"unknown api route", "GET", "/api/nothing-here", "alpha.test", 404, []string{`"code":"NOT_FOUND"`}},
		{"wrong method", "DELETE", "/health", "alpha.test", 405, []string{`"code":"METHOD_NOT_ALLOWED"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do(tt.method, tt.path, tt.host, "", nil)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if res.Header.Get("X-Request-Id") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("missing standard headers: %v", res.Header)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		})
	}
}

func TestRequestID(t *testing.T) {
	env := newTestEnv(t)
	req := func(id string) string {
		r, _ := http.NewRequest("GET", "/health", nil)
		if id != "" {
			r.Header.Set("X-Request-Id", id)
		}
		return env.serve(r).Header.Get("X-Request-Id")
	}
	if got := req("abc-123-def-456"); got != "abc-123-def-456" {
		t.Errorf("sane incoming id not kept: %q", got)
	}
	if got := req("<script>"); got == "<script>" || len(got) != 36 {
		t.Errorf("insane incoming id kept or bad uuid: %q", got)
	}
	if a, b := req(""), req(""); a == b {
		t.Errorf("two requests share id %q", a)
	}
}
