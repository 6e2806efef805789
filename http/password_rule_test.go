package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// bcrypt reads only a password's first 72 bytes: a longer one must not
// sign in, nor pass as the current password, because its prefix matches.
func TestPasswordBeyond72Bytes(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	password := strings.Repeat("x", 72)
	longer := password + "yyy"
	u := &store.User{Name: "Owner", Email: "owner@alpha.test", Role: store.RoleOwner}
	if err := env.db("alpha").CreateUser(context.Background(), u, password); err != nil {
		t.Fatal(err)
	}
	login := func(pw string) *response {
		return env.do("POST", "/api/admin/auth/login", "alpha.test", "",
			map[string]string{"email": "owner@alpha.test", "password": pw})
	}
	wrong := login("wrong-password")
	wantStatusCode(t, "wrong password", wrong, http.StatusUnauthorized)
	res := login(longer)
	wantStatusCode(t, "72 matching bytes and more", res, http.StatusUnauthorized)
	if res.Body != wrong.Body {
		t.Errorf("a too long password answers otherwise than a wrong one:\n%s\n%s", res.Body, wrong.Body)
	}
	wantStatusCode(t, "the password", login(password), http.StatusOK)

	token := env.tokenFor("alpha", u)
	res = env.do("PUT", "/api/admin/auth/password", "alpha.test", token,
		map[string]string{"currentPassword": longer, "newPassword": "a-new-password"})
	wantStatusCode(t, "change with a too long current password", res, http.StatusUnprocessableEntity)
	wantFragments(t, "change", res.Body, `"currentPassword":"Current password is incorrect"`)
	wantStatusCode(t, "the password still signs in", login(password), http.StatusOK)
}

// A password of spaces or control characters is refused wherever one is
// set: creating a user, a manager's reset, and the user's own change.
func TestPasswordRuleOnEveryRoute(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	sales := env.createUser("alpha", "sales@alpha.test", store.RoleSales)
	token := env.tokenFor("alpha", owner)
	for _, tt := range []struct{ name, password, message string }{
		{"ten spaces", strings.Repeat(" ", 10), "Password must not be only spaces"},
		{"ten NUL bytes", strings.Repeat("\x00", 10), "Password must not contain control characters"},
		{"escape", "pass\x1b[2Jword", "Password must not contain control characters"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("POST", "/api/admin/users", "alpha.test", token, map[string]string{
				"name": "New", "email": "new@alpha.test", "password": tt.password, "role": "sales"})
			wantStatusCode(t, "create", res, http.StatusUnprocessableEntity)
			wantFragments(t, "create", res.Body, `"password":"`+tt.message+`"`)

			res = env.do("PUT", fmt.Sprintf("/api/admin/users/%d", sales.ID), "alpha.test", token,
				map[string]string{"password": tt.password})
			wantStatusCode(t, "reset", res, http.StatusUnprocessableEntity)
			wantFragments(t, "reset", res.Body, `"password":"`+tt.message+`"`)

			res = env.do("PUT", "/api/admin/auth/password", "alpha.test", token,
				map[string]string{"currentPassword": "password123", "newPassword": tt.password})
			wantStatusCode(t, "change", res, http.StatusUnprocessableEntity)
			wantFragments(t, "change", res.Body, `"newPassword":"`+tt.message+`"`)
		})
	}
}
