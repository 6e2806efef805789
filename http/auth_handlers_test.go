package http_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/http/ratelimit"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestLogin(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createTenant("beta")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	idle := env.createUser("alpha", "idle@alpha.test", store.RoleSales)
	inactive := store.UserInactive
	if _, err := env.db("alpha").UpdateUser(context.Background(), idle.ID, store.UserUpdate{Status: &inactive}); err != nil {
		t.Fatal(err)
	}
	login := func(host string, body any) *response {
		return env.do("POST", "/api/admin/auth/login", host, "", body)
	}
	const badCredentials = `{"success":false,"error":{"code":"UNAUTHORIZED","message":"Invalid email or password"}}`

	t.Run("OK", func(t *testing.T) {
		res := login("alpha.test", map[string]string{"email": "owner@alpha.test", "password": "password123"})
		wantStatusCode(t, "login", res, http.StatusOK)
		wantFragments(t, "login", res.Body, `"token":"`, `"expiresAt":"`,
			fmt.Sprintf(`"user":{"id":%d,"name":"owner","email":"owner@alpha.test","role":"owner"}`, owner.ID),
			`"tenant":{"id":`, `"name":"Showroom alpha","slug":"alpha"}`)
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control = %q", cc)
		}
		var body struct {
			Data struct {
				Token     string
				ExpiresAt time.Time
			}
		}
		res.decode(t, &body)
		if ttl := time.Until(body.Data.ExpiresAt); ttl < 7*24*time.Hour-time.Minute || ttl > 7*24*time.Hour {
			t.Errorf("token lives %v, want the default 7 days", ttl)
		}
		me := env.do("GET", "/api/admin/auth/me", "alpha.test", body.Data.Token, nil)
		wantStatusCode(t, "me", me, http.StatusOK)
		wantFragments(t, "me", me.Body, `"email":"owner@alpha.test"`, `"role":"owner"`, `"status":"active"`,
			`"phone":null`, `"whatsappNumber":null`, `"createdAt":"`, `"updatedAt":"`)
		if strings.Contains(me.Body, `"lastLoginAt":null`) {
			t.Errorf("login not recorded: %s", me.Body)
		}
		for _, secret := range []string{"passwordHash", "password", "tokenVersion", "$2a$"} {
			if strings.Contains(me.Body, secret) {
				t.Errorf("me shows %q: %s", secret, me.Body)
			}
		}
	})

	t.Run("EmailCaseInsensitive", func(t *testing.T) {
		res := login("alpha.test", map[string]string{"email": "  OWNER@Alpha.Test ", "password": "password123"})
		wantStatusCode(t, "login", res, http.StatusOK)
	})

	t.Run("SameRefusal", func(t *testing.T) {
		for _, tt := range []struct{ name, host, email, password string }{
			{"wrong password", "alpha.test", "owner@alpha.test", "password124"},
			{"password case", "alpha.test", "owner@alpha.test", "PASSWORD123"},
			{"unknown email", "alpha.test", "nobody@alpha.test", "password123"},
			{"inactive user", "alpha.test", "idle@alpha.test", "password123"},
			{"user of another showroom", "beta.test", "owner@alpha.test", "password123"},
			{"overlong password", "alpha.test", "owner@alpha.test", strings.Repeat("p", 100)},
		} {
			res := login(tt.host, map[string]string{"email": tt.email, "password": tt.password})
			wantStatusCode(t, tt.name, res, http.StatusUnauthorized)
			if got := strings.TrimSpace(res.Body); got != badCredentials {
				t.Errorf("%s: body = %s, want %s", tt.name, got, badCredentials)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for _, tt := range []struct {
			name      string
			body      any
			status    int
			fragments []string
		}{
			{"empty object", `{}`, 422, []string{`"code":"VALIDATION_ERROR"`, `"email":"Email is required"`, `"password":"Password is required"`}},
			{"blank email", map[string]string{"email": "  ", "password": "password123"}, 422, []string{`"email":"Email is required"`}},
			{"missing password", map[string]string{"email": "owner@alpha.test"}, 422, []string{`"password":"Password is required"`}},
			{"null fields", `{"email":null,"password":null}`, 422, []string{`"email":`, `"password":`}},
			{"malformed JSON", `{"email":`, 400, []string{`"code":"BAD_REQUEST"`}},
			{"no body", nil, 400, []string{`"code":"BAD_REQUEST"`}},
			{"wrong type", `{"email":1,"password":"x"}`, 400, []string{`"code":"BAD_REQUEST"`}},
			{"unknown key", `{"email":"owner@alpha.test","password":"password123","role":"owner"}`, 400, []string{`"role":`}},
		} {
			res := login("alpha.test", tt.body)
			wantStatusCode(t, tt.name, res, tt.status)
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		}
	})

	t.Run("UnknownHost", func(t *testing.T) {
		res := login("nobody.test", map[string]string{"email": "owner@alpha.test", "password": "password123"})
		wantStatusCode(t, "unknown host", res, http.StatusNotFound)
	})

	t.Run("SuspendedShowroom", func(t *testing.T) {
		env.createTenant("gamma")
		env.createUser("gamma", "owner@gamma.test", store.RoleOwner)
		if _, err := env.Reg.SetStatus(context.Background(), "gamma", tenants.StatusSuspended); err != nil {
			t.Fatal(err)
		}
		res := login("gamma.test", map[string]string{"email": "owner@gamma.test", "password": "password123"})
		wantStatusCode(t, "suspended", res, http.StatusForbidden)
		wantFragments(t, "suspended", res.Body, "Showroom account is suspended")
	})
}

// TestTokenRejected proves every malformed, forged, expired or stale token
// is refused with 401 by the authenticated routes and by verify.
func TestTokenRejected(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	other := env.createUser("alpha", "other@alpha.test", store.RoleOwner)
	valid := env.tokenClaims("alpha", owner)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	hs := func(c jwt.MapClaims) string { return signToken(t, jwt.SigningMethodHS256, testSecret, c) }
	good := hs(valid)
	tampered := good[:len(good)-4] + map[bool]string{true: "AAAA", false: "BBBB"}[!strings.HasSuffix(good, "AAAA")]
	past := time.Now().Add(-2 * time.Hour)

	tests := []struct {
		name   string
		header string // the whole Authorization header; "" sends none
	}{
		{"no header", ""},
		{"empty bearer", "Bearer "},
		{"basic scheme", "Basic b3duZXI6cGFzc3dvcmQ="},
		{"token without scheme", good},
		{"garbage", "Bearer not.a.token"},
		{"random text", "Bearer hello"},
		{"alg none", "Bearer " + signToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid)},
		{"alg none without signature", "Bearer " + strings.Join(strings.Split(
			signToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid), ".")[:2], ".") + "."},
		{"RS256", "Bearer " + signToken(t, jwt.SigningMethodRS256, rsaKey, valid)},
		{"HS384", "Bearer " + signToken(t, jwt.SigningMethodHS384, testSecret, valid)},
		{"HS512", "Bearer " + signToken(t, jwt.SigningMethodHS512, testSecret, valid)},
		{"other secret", "Bearer " + signToken(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-0123"), valid)},
		{"tampered signature", "Bearer " + tampered},
		{"tampered payload", "Bearer " + strings.Split(good, ".")[0] + "." +
			strings.Split(hs(withClaim(valid, "role", "admin")), ".")[1] + "." + strings.Split(good, ".")[2]},
		{"expired", "Bearer " + hs(withClaim(withClaim(valid, "iat", past.Add(-time.Hour).Unix()), "exp", past.Unix()))},
		{"no exp", "Bearer " + hs(withClaim(valid, "exp", nil))},
		{"exp not a number", "Bearer " + hs(withClaim(valid, "exp", "tomorrow"))},
		{"wrong iss", "Bearer " + hs(withClaim(valid, "iss", "someone-else"))},
		{"no iss", "Bearer " + hs(withClaim(valid, "iss", nil))},
		{"wrong aud", "Bearer " + hs(withClaim(valid, "aud", "autoleads-public"))},
		{"no aud", "Bearer " + hs(withClaim(valid, "aud", nil))},
		{"issued in the future", "Bearer " + hs(withClaim(valid, "iat", time.Now().Add(time.Hour).Unix()))},
		{"subject not a number", "Bearer " + hs(withClaim(valid, "sub", "owner"))},
		{"unknown user", "Bearer " + hs(withClaim(valid, "sub", "9999"))},
		{"stale version", "Bearer " + hs(withClaim(valid, "ver", owner.TokenVersion-1))},
		{"future version", "Bearer " + hs(withClaim(valid, "ver", owner.TokenVersion+1))},
		{"no user key (issued before user keys)", "Bearer " + hs(withClaim(valid, "ukey", nil))},
		{"another user's key", "Bearer " + hs(withClaim(valid, "ukey", other.TokenKey))},
	}
	routes := []struct{ method, path string }{
		{"GET", "/api/admin/auth/me"},
		{"POST", "/api/admin/auth/verify"},
		{"PUT", "/api/admin/auth/password"},
		{"GET", "/api/admin/users"},
		{"GET", "/api/admin/tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, rt := range routes {
				req := httpRequest(rt.method, rt.path, "alpha.test", `{}`)
				if tt.header != "" {
					req.Header.Set("Authorization", tt.header)
				}
				res := env.serve(req)
				wantStatusCode(t, rt.method+" "+rt.path, res, http.StatusUnauthorized)
				wantFragments(t, rt.path, res.Body, `"code":"UNAUTHORIZED"`)
			}
		})
	}
	t.Run("ValidControl", func(t *testing.T) {
		wantStatusCode(t, "valid token", env.do("GET", "/api/admin/auth/me", "alpha.test", good, nil), http.StatusOK)
	})
}

// TestTokenOfAnotherShowroom proves a token never crosses tenants: 403 on
// every admin route of this area, even when the other tenant has a user
// with the same id.
func TestTokenOfAnotherShowroom(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createTenant("beta")
	alphaOwner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	betaOwner := env.createUser("beta", "owner@beta.test", store.RoleOwner)
	if alphaOwner.ID != betaOwner.ID {
		t.Fatalf("want colliding ids, got %d and %d", alphaOwner.ID, betaOwner.ID)
	}
	token := env.tokenFor("alpha", alphaOwner)
	id := strconv.FormatInt(betaOwner.ID, 10)
	for _, rt := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/admin/auth/me", nil},
		{"POST", "/api/admin/auth/verify", nil},
		{"PUT", "/api/admin/auth/password", map[string]string{"currentPassword": "password123", "newPassword": "password456"}},
		{"GET", "/api/admin/users", nil},
		{"POST", "/api/admin/users", map[string]string{"name": "X", "email": "x@beta.test", "password": "password123", "role": "sales"}},
		{"PUT", "/api/admin/users/" + id, map[string]string{"name": "Hijacked"}},
		{"DELETE", "/api/admin/users/" + id, nil},
		{"GET", "/api/admin/tenant", nil},
		{"PUT", "/api/admin/tenant", map[string]string{"name": "Hijacked"}},
	} {
		res := env.do(rt.method, rt.path, "beta.test", token, rt.body)
		wantStatusCode(t, rt.method+" "+rt.path, res, http.StatusForbidden)
		wantFragments(t, rt.path, res.Body, `"code":"FORBIDDEN"`, "Token belongs to another showroom")
	}
	// Nothing of beta changed.
	u, err := env.db("beta").FindUserByID(context.Background(), betaOwner.ID)
	if err != nil || u.Name != betaOwner.Name || u.TokenVersion != betaOwner.TokenVersion {
		t.Fatalf("beta owner changed: %+v, %v", u, err)
	}
	if tn, _ := env.Reg.Lookup("beta"); tn.Name != "Showroom beta" {
		t.Fatalf("beta renamed to %q", tn.Name)
	}
}

func TestVerify(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	sales := env.createUser("alpha", "sales@alpha.test", store.RoleSales)
	claims := env.tokenClaims("alpha", sales)
	token := signToken(t, jwt.SigningMethodHS256, testSecret, claims)
	res := env.do("POST", "/api/admin/auth/verify", "alpha.test", token, nil)
	wantStatusCode(t, "verify", res, http.StatusOK)
	wantFragments(t, "verify", res.Body, fmt.Sprintf(
		`{"valid":true,"payload":{"userId":%d,"tenantSlug":"alpha","role":"sales","exp":%d}}`, sales.ID, claims["exp"]))
}

// TestRevocation proves that deactivation, a role change and a password
// change take effect on the very next request of an existing token.
func TestRevocation(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	owner := env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	sales := env.createUser("alpha", "sales@alpha.test", store.RoleSales)
	admin := env.createUser("alpha", "admin@alpha.test", store.RoleAdmin)
	ownerToken := env.tokenFor("alpha", owner)
	me := func(token string) *response { return env.do("GET", "/api/admin/auth/me", "alpha.test", token, nil) }

	t.Run("Deactivated", func(t *testing.T) {
		token := env.tokenFor("alpha", sales)
		wantStatusCode(t, "before", me(token), http.StatusOK)
		res := env.do("PUT", fmt.Sprintf("/api/admin/users/%d", sales.ID), "alpha.test", ownerToken,
			map[string]string{"status": "inactive"})
		wantStatusCode(t, "deactivate", res, http.StatusOK)
		wantStatusCode(t, "after", me(token), http.StatusUnauthorized)
		wantStatusCode(t, "verify after", env.do("POST", "/api/admin/auth/verify", "alpha.test", token, nil), http.StatusUnauthorized)
	})

	t.Run("RoleChanged", func(t *testing.T) {
		token := env.tokenFor("alpha", admin)
		wantStatusCode(t, "before", me(token), http.StatusOK)
		res := env.do("PUT", fmt.Sprintf("/api/admin/users/%d", admin.ID), "alpha.test", ownerToken,
			map[string]string{"role": "sales"})
		wantStatusCode(t, "demote", res, http.StatusOK)
		wantStatusCode(t, "after", me(token), http.StatusUnauthorized)
	})

	t.Run("PasswordChanged", func(t *testing.T) {
		old := env.login("alpha", "owner@alpha.test")
		change := func(body any) *response {
			return env.do("PUT", "/api/admin/auth/password", "alpha.test", old, body)
		}
		for _, tt := range []struct {
			name      string
			body      any
			status    int
			fragments []string
		}{
			{"wrong current", map[string]string{"currentPassword": "password124", "newPassword": "password456"}, 422,
				[]string{`"message":"Current password is incorrect"`, `"currentPassword":"Current password is incorrect"`}},
			{"missing fields", `{}`, 422, []string{`"currentPassword":"Current password is required"`, `"newPassword":"Password must be at least 8 characters"`}},
			{"short new", map[string]string{"currentPassword": "password123", "newPassword": "1234567"}, 422, []string{`"newPassword":"Password must be at least 8 characters"`}},
			{"long new", map[string]string{"currentPassword": "password123", "newPassword": strings.Repeat("x", 73)}, 422, []string{`"newPassword":"Password must be at most 72 bytes"`}},
			{"same as current", map[string]string{"currentPassword": "password123", "newPassword": "password123"}, 422, []string{`"newPassword":"New password must differ`}},
			{"unknown key", `{"currentPassword":"password123","newPassword":"password456","userId":1}`, 400, []string{`"userId":`}},
		} {
			res := change(tt.body)
			wantStatusCode(t, tt.name, res, tt.status)
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		}
		wantStatusCode(t, "refusals keep the token", me(old), http.StatusOK)

		res := change(map[string]string{"currentPassword": "password123", "newPassword": "a-new-password!"})
		wantStatusCode(t, "change", res, http.StatusOK)
		var body struct {
			Data struct {
				Token     string
				ExpiresAt string
			}
		}
		res.decode(t, &body)
		if body.Data.Token == "" || body.Data.ExpiresAt == "" {
			t.Fatalf("no new token: %s", res.Body)
		}
		wantStatusCode(t, "old token", me(old), http.StatusUnauthorized)
		wantStatusCode(t, "old minted token", me(ownerToken), http.StatusUnauthorized)
		wantStatusCode(t, "new token", me(body.Data.Token), http.StatusOK)

		login := func(pw string) *response {
			return env.do("POST", "/api/admin/auth/login", "alpha.test", "", map[string]string{"email": "owner@alpha.test", "password": pw})
		}
		wantStatusCode(t, "login with old password", login("password123"), http.StatusUnauthorized)
		wantStatusCode(t, "login with new password", login("a-new-password!"), http.StatusOK)
	})
}

// httpRequest builds a request with a JSON body for a host.
func httpRequest(method, path, host, body string) *http.Request {
	req, _ := http.NewRequest(method, path, strings.NewReader(body))
	req.Host = host
	req.Header.Set("Content-Type", "application/json")
	return req
}

func TestLoginRateLimit(t *testing.T) {
	env := newTestEnv(t, withRates(map[string]ratelimit.Limit{
		apphttp.ClassLogin:   {N: 2, Period: time.Hour, Burst: 2},
		apphttp.ClassLoginIP: {N: 6, Period: time.Hour, Burst: 6},
	}))
	env.createTenant("alpha")
	env.createTenant("beta")
	env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	login := func(host, peer, email, password string) *response {
		req := httpRequest("POST", "/api/admin/auth/login", host,
			fmt.Sprintf(`{"email":%q,"password":%q}`, email, password))
		req.RemoteAddr = peer
		return env.serve(req)
	}
	const peer = "203.0.113.1:1000"

	// Per showroom and email: two guesses, then 429 even for the right
	// password and another spelling of the address.
	wantStatusCode(t, "guess 1", login("alpha.test", peer, "owner@alpha.test", "guess-one"), 401)
	wantStatusCode(t, "guess 2", login("alpha.test", peer, "owner@alpha.test", "guess-two"), 401)
	res := login("alpha.test", peer, "OWNER@alpha.test", "password123")
	wantStatusCode(t, "guess 3", res, 429)
	wantFragments(t, "guess 3", res.Body, `"code":"RATE_LIMIT_EXCEEDED"`)
	if res.Header.Get("Retry-After") == "" {
		t.Errorf("no Retry-After: %v", res.Header)
	}
	// Validation failures spend nothing; other accounts have their own bucket.
	wantStatusCode(t, "blank password", login("alpha.test", peer, "owner@alpha.test", ""), 422)
	wantStatusCode(t, "other email", login("alpha.test", peer, "sales@alpha.test", "guess"), 401)
	wantStatusCode(t, "same email, other showroom", login("beta.test", peer, "owner@alpha.test", "guess"), 401)

	// Per client IP: this peer has used its six; another peer has not.
	wantStatusCode(t, "peer exhausted", login("alpha.test", peer, "someone@alpha.test", "guess"), 429)
	wantStatusCode(t, "other peer", login("alpha.test", "203.0.113.2:1000", "someone@alpha.test", "guess"), 401)

	t.Run("PasswordChange", func(t *testing.T) {
		env := newTestEnv(t, withRates(map[string]ratelimit.Limit{
			apphttp.ClassLogin: {N: 2, Period: time.Hour, Burst: 2},
		}))
		env.createTenant("alpha")
		token := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
		change := func() *response {
			return env.do("PUT", "/api/admin/auth/password", "alpha.test", token,
				map[string]string{"currentPassword": "guess-guess", "newPassword": "password456"})
		}
		wantStatusCode(t, "guess 1", change(), 422)
		wantStatusCode(t, "guess 2", change(), 422)
		wantStatusCode(t, "guess 3", change(), 429)
	})
}

// A showroom deleted and registered again under the same slug starts its
// user ids and token versions afresh; the old showroom's tokens must not
// open the new one.
func TestTokenOfRecreatedShowroom(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("gamma")
	old := env.tokenFor("gamma", env.createUser("gamma", "owner@gamma.test", store.RoleOwner))
	if err := env.Reg.DeleteTenant(context.Background(), "gamma"); err != nil {
		t.Fatal(err)
	}
	env.createTenant("gamma")
	env.createUser("gamma", "owner@gamma.test", store.RoleOwner)
	res := env.do("GET", "/api/admin/auth/me", "gamma.test", old, nil)
	if res.Code != 403 {
		t.Fatalf("old token on the re-created showroom: %d %s", res.Code, res.Body)
	}
}
