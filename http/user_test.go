package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// TestUserRoles walks every cell of the roles table's "users: manage" row (docs/api.md, Roles) — owner: all
// roles, admin: sales only, sales: nothing — through the real routes.
func TestUserRoles(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	users := map[string]*store.User{}
	for _, u := range []struct{ key, role string }{
		{"owner", store.RoleOwner}, {"admin", store.RoleAdmin}, {"sales", store.RoleSales},
		{"sales1", store.RoleSales}, {"sales2", store.RoleSales}, {"sales3", store.RoleSales},
		{"sales4", store.RoleSales}, {"admin2", store.RoleAdmin}, {"owner2", store.RoleOwner},
	} {
		users[u.key] = env.createUser("alpha", u.key+"@alpha.test", u.role)
	}
	tokens := map[string]string{}
	for _, actor := range []string{"owner", "admin", "sales"} {
		tokens[actor] = env.tokenFor("alpha", users[actor])
	}
	path := func(key string) string { return fmt.Sprintf("/api/admin/users/%d", users[key].ID) }
	newUser := func(email, role string) map[string]string {
		return map[string]string{"name": "New " + role, "email": email, "password": "password123", "role": role}
	}

	// Rows run in order; a row's forbidden cells change nothing, so the
	// cells that succeed come last within a target.
	tests := []struct {
		name, actor, method, path string
		body                      any
		status                    int
	}{
		{"sales lists", "sales", "GET", "/api/admin/users", nil, 403},
		{"admin lists", "admin", "GET", "/api/admin/users", nil, 200},
		{"owner lists", "owner", "GET", "/api/admin/users", nil, 200},

		{"sales creates sales", "sales", "POST", "/api/admin/users", newUser("s-by-sales@alpha.test", "sales"), 403},
		{"admin creates sales", "admin", "POST", "/api/admin/users", newUser("s-by-admin@alpha.test", "sales"), 201},
		{"owner creates sales", "owner", "POST", "/api/admin/users", newUser("s-by-owner@alpha.test", "sales"), 201},
		{"sales creates admin", "sales", "POST", "/api/admin/users", newUser("a-by-sales@alpha.test", "admin"), 403},
		{"admin creates admin", "admin", "POST", "/api/admin/users", newUser("a-by-admin@alpha.test", "admin"), 403},
		{"owner creates admin", "owner", "POST", "/api/admin/users", newUser("a-by-owner@alpha.test", "admin"), 201},
		{"sales creates owner", "sales", "POST", "/api/admin/users", newUser("o-by-sales@alpha.test", "owner"), 403},
		{"admin creates owner", "admin", "POST", "/api/admin/users", newUser("o-by-admin@alpha.test", "owner"), 403},
		{"owner creates owner", "owner", "POST", "/api/admin/users", newUser("o-by-owner@alpha.test", "owner"), 201},
		{"admin creates bad role", "admin", "POST", "/api/admin/users", newUser("x-by-admin@alpha.test", "boss"), 422},

		{"sales updates sales", "sales", "PUT", path("sales1"), map[string]string{"name": "By Sales"}, 403},
		{"sales updates self", "sales", "PUT", path("sales"), map[string]string{"name": "Me"}, 403},
		{"admin updates sales", "admin", "PUT", path("sales1"), map[string]string{"name": "By Admin", "phone": "031-1"}, 200},
		{"admin resets sales password", "admin", "PUT", path("sales1"), map[string]string{"password": "password789"}, 200},
		{"admin deactivates sales", "admin", "PUT", path("sales1"), map[string]string{"status": "inactive"}, 200},
		{"admin reactivates sales", "admin", "PUT", path("sales1"), map[string]string{"status": "active", "role": "sales"}, 200},
		{"owner updates sales", "owner", "PUT", path("sales1"), map[string]string{"name": "By Owner"}, 200},

		{"sales promotes sales", "sales", "PUT", path("sales4"), map[string]string{"role": "admin"}, 403},
		{"admin promotes sales to admin", "admin", "PUT", path("sales4"), map[string]string{"role": "admin"}, 403},
		{"admin promotes sales to owner", "admin", "PUT", path("sales4"), map[string]string{"role": "owner"}, 403},
		{"owner promotes sales", "owner", "PUT", path("sales4"), map[string]string{"role": "admin"}, 200},

		{"sales updates admin", "sales", "PUT", path("admin2"), map[string]string{"name": "X"}, 403},
		{"admin updates admin", "admin", "PUT", path("admin2"), map[string]string{"name": "X"}, 403},
		{"admin updates self", "admin", "PUT", path("admin"), map[string]string{"name": "X"}, 403},
		{"admin demotes admin", "admin", "PUT", path("admin2"), map[string]string{"role": "sales"}, 403},
		{"owner updates admin", "owner", "PUT", path("admin2"), map[string]string{"name": "Renamed Admin"}, 200},

		{"sales updates owner", "sales", "PUT", path("owner2"), map[string]string{"name": "X"}, 403},
		{"admin updates owner", "admin", "PUT", path("owner2"), map[string]string{"status": "inactive"}, 403},
		{"owner updates owner", "owner", "PUT", path("owner2"), map[string]string{"name": "Co-owner"}, 200},

		{"sales deletes sales", "sales", "DELETE", path("sales2"), nil, 403},
		{"admin deletes sales", "admin", "DELETE", path("sales2"), nil, 200},
		{"owner deletes sales", "owner", "DELETE", path("sales3"), nil, 200},
		{"sales deletes admin", "sales", "DELETE", path("admin2"), nil, 403},
		{"admin deletes admin", "admin", "DELETE", path("admin2"), nil, 403},
		{"owner deletes admin", "owner", "DELETE", path("admin2"), nil, 200},
		{"sales deletes owner", "sales", "DELETE", path("owner2"), nil, 403},
		{"admin deletes owner", "admin", "DELETE", path("owner2"), nil, 403},
		{"owner deletes owner", "owner", "DELETE", path("owner2"), nil, 200},

		{"sales deletes unknown", "sales", "DELETE", "/api/admin/users/9999", nil, 403},
		{"admin deletes unknown", "admin", "DELETE", "/api/admin/users/9999", nil, 404},
		{"owner updates unknown", "owner", "PUT", "/api/admin/users/9999", map[string]string{"name": "X"}, 404},
	}
	for _, tt := range tests {
		res := env.do(tt.method, tt.path, "alpha.test", tokens[tt.actor], tt.body)
		wantStatusCode(t, tt.name, res, tt.status)
		if tt.status == 403 {
			wantFragments(t, tt.name, res.Body, `"code":"FORBIDDEN"`)
		}
	}

	// The forbidden cells changed nothing; the allowed ones took effect.
	ctx := context.Background()
	db := env.db("alpha")
	if u, _ := db.FindUserByID(ctx, users["sales1"].ID); u.Name != "By Owner" || u.Phone != "031-1" ||
		u.Status != store.UserActive || !store.CheckPassword(u, "password789") {
		t.Errorf("sales1 = %+v", u)
	}
	if u, _ := db.FindUserByID(ctx, users["sales4"].ID); u.Role != store.RoleAdmin {
		t.Errorf("sales4 role = %s, want admin", u.Role)
	}
	for _, key := range []string{"sales2", "sales3", "admin2", "owner2"} {
		if _, err := db.FindUserByID(ctx, users[key].ID); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("%s not deleted: %v", key, err)
		}
	}
	for _, email := range []string{"s-by-sales", "a-by-sales", "a-by-admin", "o-by-sales", "o-by-admin", "x-by-admin"} {
		if _, err := db.FindUserByEmail(ctx, email+"@alpha.test"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("forbidden create of %s happened", email)
		}
	}
	if u, _ := db.FindUserByEmail(ctx, "o-by-owner@alpha.test"); u == nil || u.Role != store.RoleOwner {
		t.Errorf("owner-created owner = %+v", u)
	}
}

// TestUserLastOwner proves the showroom can never be left without an
// active owner, and that nobody locks themselves out.
func TestUserLastOwner(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	token := env.tokenFor("alpha", owner)
	self := fmt.Sprintf("/api/admin/users/%d", owner.ID)

	for _, tt := range []struct {
		name, method string
		body         any
		fragment     string
	}{
		{"demote", "PUT", map[string]string{"role": "admin"}, "The last active owner cannot be demoted"},
		{"demote to sales", "PUT", map[string]string{"role": "sales"}, "The last active owner cannot be demoted"},
		{"deactivate", "PUT", map[string]string{"status": "inactive"}, "You cannot deactivate your own account"},
		{"delete", "DELETE", nil, "You cannot delete your own account"},
	} {
		res := env.do(tt.method, self, "alpha.test", token, tt.body)
		wantStatusCode(t, tt.name, res, http.StatusUnprocessableEntity)
		wantFragments(t, tt.name, res.Body, `"code":"VALIDATION_ERROR"`, tt.fragment)
	}
	if u, _ := env.db("alpha").FindUserByID(context.Background(), owner.ID); u.Role != store.RoleOwner ||
		u.Status != store.UserActive || u.TokenVersion != owner.TokenVersion {
		t.Fatalf("owner changed: %+v", u)
	}

	// With a second active owner, one may step down to admin (which revokes
	// their token, as every role change does), and the other is then the
	// last one.
	other := env.createUser("alpha", "other@alpha.test", store.RoleOwner)
	res := env.do("PUT", self, "alpha.test", token, map[string]string{"role": "admin"})
	wantStatusCode(t, "step down", res, http.StatusOK)
	wantFragments(t, "step down", res.Body, `"role":"admin"`)
	wantStatusCode(t, "old token after role change", env.do("GET", "/api/admin/auth/me", "alpha.test", token, nil), http.StatusUnauthorized)

	otherToken := env.tokenFor("alpha", other)
	res = env.do("PUT", fmt.Sprintf("/api/admin/users/%d", other.ID), "alpha.test", otherToken, map[string]string{"role": "sales"})
	wantStatusCode(t, "demote the new last owner", res, http.StatusUnprocessableEntity)
	// An inactive owner is not an active one.
	res = env.do("PUT", self, "alpha.test", otherToken, map[string]string{"role": "owner", "status": "inactive"})
	wantStatusCode(t, "inactive owner", res, http.StatusOK)
	res = env.do("PUT", fmt.Sprintf("/api/admin/users/%d", other.ID), "alpha.test", otherToken, map[string]string{"role": "admin"})
	wantStatusCode(t, "demote beside an inactive owner", res, http.StatusUnprocessableEntity)
	res = env.do("DELETE", self, "alpha.test", otherToken, nil)
	wantStatusCode(t, "delete the inactive owner", res, http.StatusOK)
}

func TestUserCRUD(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	sales := env.createUser("alpha", "sales@alpha.test", store.RoleSales)
	token := env.tokenFor("alpha", owner)
	salesPath := fmt.Sprintf("/api/admin/users/%d", sales.ID)

	tests := []struct {
		name, method, path string
		body               any
		status             int
		fragments          []string
	}{
		{"create", "POST", "/api/admin/users", map[string]string{"name": " Ani Wijaya ", "email": "Ani@Alpha.test",
			"password": "password123", "role": "sales", "phone": "031-1234567", "whatsappNumber": "0812-3456-7890"}, 201,
			[]string{`"name":"Ani Wijaya"`, `"email":"ani@alpha.test"`, `"phone":"031-1234567"`,
				`"whatsappNumber":"6281234567890"`, `"role":"sales"`, `"status":"active"`, `"lastLoginAt":null`}},
		{"duplicate email", "POST", "/api/admin/users", map[string]string{"name": "Again", "email": "ANI@alpha.test",
			"password": "password123", "role": "sales"}, 409, []string{`"code":"CONFLICT"`, `"email":"Email is already registered"`}},
		{"invalid", "POST", "/api/admin/users", map[string]string{"email": "not-an-email", "password": "short", "role": "boss",
			"whatsappNumber": "12"}, 422, []string{`"name":`, `"email":`, `"password":`, `"role":`, `"whatsappNumber":`}},
		{"missing role", "POST", "/api/admin/users", map[string]string{"name": "X", "email": "x@alpha.test", "password": "password123"}, 422,
			[]string{`"role":"Role must be owner, admin or sales"`}},
		{"create with status", "POST", "/api/admin/users", `{"name":"X","email":"x@alpha.test","password":"password123","role":"sales","status":"inactive"}`, 400,
			[]string{`"status":"Unknown or read-only field"`}},
		{"create with hash", "POST", "/api/admin/users", `{"name":"X","email":"x@alpha.test","password":"password123","role":"sales","passwordHash":"x"}`, 400,
			[]string{`"passwordHash":`}},
		{"create with id", "POST", "/api/admin/users", `{"id":1,"name":"X","email":"x@alpha.test","password":"password123","role":"sales"}`, 400, nil},
		{"create malformed", "POST", "/api/admin/users", `{"name":`, 400, []string{`"code":"BAD_REQUEST"`}},

		{"update", "PUT", salesPath, map[string]string{"name": "Ani", "whatsappNumber": "+62 812 0000 1111"}, 200,
			[]string{`"name":"Ani"`, `"whatsappNumber":"6281200001111"`, `"email":"sales@alpha.test"`}},
		{"update clears phone", "PUT", salesPath, `{"whatsappNumber":null,"phone":""}`, 200,
			[]string{`"whatsappNumber":null`, `"phone":null`, `"name":"Ani"`}},
		{"update email is read-only", "PUT", salesPath, map[string]string{"email": "new@alpha.test"}, 400, []string{`"email":`}},
		{"update token version", "PUT", salesPath, `{"tokenVersion":1}`, 400, nil},
		{"update invalid", "PUT", salesPath, map[string]string{"name": " ", "role": "boss", "status": "gone", "password": "short"}, 422,
			[]string{`"name":`, `"role":`, `"status":`, `"password":`}},
		{"update long phone", "PUT", salesPath, map[string]string{"phone": strings.Repeat("1", 51)}, 422,
			[]string{`"phone":"Phone must be at most 50 characters"`}},
		{"update null name", "PUT", salesPath, `{"name":null}`, 422, []string{`"name":"Name is required"`}},
		{"update null status", "PUT", salesPath, `{"status":null}`, 422, []string{`"status":`}},
		{"update wrong type", "PUT", salesPath, `{"name":5}`, 400, []string{`"name":`}},
		{"update bad id", "PUT", "/api/admin/users/abc", map[string]string{"name": "X"}, 400, nil},
		{"update zero id", "PUT", "/api/admin/users/0", map[string]string{"name": "X"}, 400, nil},
		{"delete bad id", "DELETE", "/api/admin/users/-1", nil, 400, nil},
		{"delete", "DELETE", salesPath, nil, 200, []string{`"message":"User deleted"`}},
		{"delete again", "DELETE", salesPath, nil, 404, []string{`"User not found"`}},
		{"list", "GET", "/api/admin/users", nil, 200, []string{`"data":[{"id":1,"name":"owner"`, `"email":"ani@alpha.test"`}},
	}
	for _, tt := range tests {
		res := env.do(tt.method, tt.path, "alpha.test", token, tt.body)
		wantStatusCode(t, tt.name, res, tt.status)
		wantFragments(t, tt.name, res.Body, tt.fragments...)
		for _, secret := range []string{"passwordHash", "tokenVersion", "$2a$", "password123"} {
			if tt.status < 300 && strings.Contains(res.Body, secret) {
				t.Errorf("%s: answer shows %q: %s", tt.name, secret, res.Body)
			}
		}
	}
	if _, err := env.db("alpha").FindUserByEmail(context.Background(), "x@alpha.test"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("a refused create stored a user: %v", err)
	}
}
