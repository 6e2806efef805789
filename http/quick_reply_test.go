package http_test

import (
	"fmt"
	"strings"
	"testing"
)

// Every staff role reads the quick replies; only owners and admins manage
// them, with each rule broken named by its field.
func TestQuickReplies(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	beta := leadTenant(env, "beta")
	owner, admin, ani := users.tokens["owner"], users.tokens["admin"], users.tokens["ani"]
	do := func(method, path, token string, body any) *response {
		return env.do(method, path, "alpha.test", token, body)
	}

	res := do("POST", "/api/admin/quick-replies", owner, map[string]any{"title": "Salam", "body": "Halo {nama}, ada yang bisa kami bantu?"})
	wantStatusCode(t, "owner creates", res, 201)
	wantFragments(t, "owner creates", res.Body, `"title":"Salam"`, `"body":"Halo {nama}, ada yang bisa kami bantu?"`, `"position":1`, `"createdAt":"`)
	var first struct{ ID int64 }
	leadData(t, res, &first)
	res = do("POST", "/api/admin/quick-replies", admin, map[string]any{"title": "Harga", "body": "{mobil}: {harga}", "position": 0})
	wantStatusCode(t, "admin creates", res, 201)
	one := fmt.Sprintf("/api/admin/quick-replies/%d", first.ID)

	for _, tt := range []struct {
		name, method, path, token string
		body                      any
		status                    int
		fragment                  string
	}{
		{"sales lists", "GET", "/api/admin/quick-replies", ani, nil, 200, `"title":"Salam"`},
		{"sales cannot create", "POST", "/api/admin/quick-replies", ani, map[string]any{"title": "x", "body": "y"}, 403, `"code":"FORBIDDEN"`},
		{"sales cannot update", "PUT", one, ani, map[string]any{"title": "x"}, 403, `"code":"FORBIDDEN"`},
		{"sales cannot delete", "DELETE", one, ani, nil, 403, `"code":"FORBIDDEN"`},
		{"no token", "GET", "/api/admin/quick-replies", "", nil, 401, `"code":"UNAUTHORIZED"`},
		{"no title", "POST", "/api/admin/quick-replies", owner, map[string]any{"body": "y"}, 422, `"title":"Title is required"`},
		{"long title", "POST", "/api/admin/quick-replies", owner, map[string]any{"title": strings.Repeat("a", 61), "body": "y"}, 422, `"title":"Title must be at most 60 characters"`},
		{"long body", "POST", "/api/admin/quick-replies", owner, map[string]any{"title": "x", "body": strings.Repeat("a", 1001)}, 422, `"body":"Body must be at most 1000 characters"`},
		{"control character", "POST", "/api/admin/quick-replies", owner, map[string]any{"title": "x", "body": "a\u0007b"}, 422, `"body":"Body must not contain control characters`},
		{"unknown field", "POST", "/api/admin/quick-replies", owner, map[string]any{"title": "x", "body": "y", "id": 7}, 400, `"code":"BAD_REQUEST"`},
		{"null body on update", "PUT", one, owner, map[string]any{"body": nil}, 422, `"body":"Body cannot be null"`},
		{"negative position", "PUT", one, owner, map[string]any{"position": -1}, 422, `"position":"Position must be 0 or more"`},
		{"update", "PUT", one, admin, map[string]any{"title": "Salam pembuka"}, 200, `"title":"Salam pembuka"`},
		{"unknown id", "PUT", "/api/admin/quick-replies/999", owner, map[string]any{"title": "x"}, 404, `"Quick reply not found"`},
		{"bad id", "DELETE", "/api/admin/quick-replies/x", owner, nil, 400, `"code":"BAD_REQUEST"`},
		{"delete", "DELETE", one, owner, nil, 200, `"message":"Quick reply deleted"`},
		{"deleted", "DELETE", one, owner, nil, 404, `"Quick reply not found"`},
	} {
		res := do(tt.method, tt.path, tt.token, tt.body)
		wantStatusCode(t, tt.name, res, tt.status)
		wantFragments(t, tt.name, res.Body, tt.fragment)
	}
	// Another showroom has its own replies.
	res = env.do("GET", "/api/admin/quick-replies", "beta.test", beta.tokens["owner"], nil)
	wantStatusCode(t, "beta lists", res, 200)
	wantFragments(t, "beta lists", res.Body, `"data":[]`)
}
