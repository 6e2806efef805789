package http_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/autoleads/autoleads/store"
)

// tokenClaims are the claims a valid admin token of user u on tenant slug
// carries; tests change or delete entries to forge bad tokens.
func (e *testEnv) tokenClaims(slug string, u *store.User) jwt.MapClaims {
	e.t.Helper()
	t, err := e.Reg.Lookup(slug)
	if err != nil {
		e.t.Fatal(err)
	}
	now := time.Now()
	return jwt.MapClaims{
		"sub":      strconv.FormatInt(u.ID, 10),
		"tid":      slug,
		"tenantId": t.ID,
		"ukey":     u.TokenKey,
		"role":     u.Role,
		"ver":      u.TokenVersion,
		"iss":      "autoleads",
		"aud":      "autoleads-admin",
		"iat":      now.Unix(),
		"exp":      now.Add(time.Hour).Unix(),
	}
}

// signToken signs claims with method and key.
func signToken(tb testing.TB, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	tb.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// tokenFor mints a valid token for u on tenant slug without a login, so
// tests spend no bcrypt time on it.
func (e *testEnv) tokenFor(slug string, u *store.User) string {
	e.t.Helper()
	return signToken(e.t, jwt.SigningMethodHS256, testSecret, e.tokenClaims(slug, u))
}

// withClaim returns a copy of claims with key set to v, or removed when v is nil.
func withClaim(claims jwt.MapClaims, key string, v any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, val := range claims {
		out[k] = val
	}
	if v == nil {
		delete(out, key)
	} else {
		out[key] = v
	}
	return out
}

// wantStatusCode fails unless res has status want.
func wantStatusCode(tb testing.TB, label string, res *response, want int) {
	tb.Helper()
	if res.Code != want {
		tb.Fatalf("%s: status = %d, want %d: %s", label, res.Code, want, res.Body)
	}
}
