package http_test

import (
	"net/http/httptest"
	"testing"
)

// Client errors say in plain English what is wrong and what is allowed.
func TestClientErrorMessages(t *testing.T) {
	env := newCarEnv(t)
	tests := []struct {
		name, method, path, token string
		body                      any
		status                    int
		fragments                 []string
	}{
		{"body is an array", "POST", "/api/admin/cars", env.owner, `[[1]]`, 400,
			[]string{`"message":"Request body must be a JSON object"`}},
		{"page beyond the last allowed", "GET", "/api/cars?page=1000001", "", nil, 400,
			[]string{`"message":"Query parameter page must be a whole number from 1 to 1000000"`,
				`"page":"must be a whole number from 1 to 1000000"`}},
		{"page zero", "GET", "/api/admin/leads?page=0", env.owner, nil, 400,
			[]string{`"message":"Query parameter page must be a whole number from 1 to 1000000"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do(tt.method, tt.path, "alpha.test", tt.token, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		})
	}
	t.Run("method without a path", func(t *testing.T) {
		req := httptest.NewRequest("CONNECT", "alpha.test:443", nil)
		res := env.serve(req)
		if res.Code != 404 && res.Code != 405 {
			t.Fatalf("status = %d: %s", res.Code, res.Body)
		}
		wantFragments(t, "CONNECT", res.Body, `"message":"Method CONNECT is not supported"`)
	})
}
