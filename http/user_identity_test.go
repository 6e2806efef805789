package http_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// A deleted user's token must stay dead even when a new user is created
// after them: SQLite would hand the new user the deleted id, and a token
// names its user by id.
func TestTokenOfDeletedUserNotRevivedByNewUser(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))

	res := env.do("POST", "/api/admin/users", "alpha.test", owner,
		map[string]string{"name": "Sales", "email": "sales@alpha.test", "password": "password123", "role": "sales"})
	wantStatusCode(t, "create sales", res, http.StatusCreated)
	var created struct{ Data struct{ ID int64 } }
	res.decode(t, &created)
	salesToken := env.login("alpha", "sales@alpha.test")
	me := func() *response { return env.do("GET", "/api/admin/auth/me", "alpha.test", salesToken, nil) }
	wantStatusCode(t, "sales before delete", me(), http.StatusOK)

	res = env.do("DELETE", fmt.Sprintf("/api/admin/users/%d", created.Data.ID), "alpha.test", owner, nil)
	wantStatusCode(t, "delete sales", res, http.StatusOK)
	wantStatusCode(t, "sales after delete", me(), http.StatusUnauthorized)

	res = env.do("POST", "/api/admin/users", "alpha.test", owner,
		map[string]string{"name": "Second Owner", "email": "owner2@alpha.test", "password": "password123", "role": "owner"})
	wantStatusCode(t, "create owner", res, http.StatusCreated)
	var second struct{ Data struct{ ID int64 } }
	res.decode(t, &second)
	if second.Data.ID == created.Data.ID {
		t.Errorf("the new owner got the deleted user's id %d", second.Data.ID)
	}

	wantStatusCode(t, "old sales token on /auth/me", me(), http.StatusUnauthorized)
	res = env.do("PUT", "/api/admin/tenant", "alpha.test", salesToken, map[string]string{"name": "Hijacked"})
	wantStatusCode(t, "old sales token on PUT /api/admin/tenant", res, http.StatusUnauthorized)
}
