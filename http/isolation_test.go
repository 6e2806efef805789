package http_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestIsolation proves that the showrooms sharing one server cannot reach
// each other's data, on every registered route: forged, expired and foreign
// tokens are refused, ids and file names of one showroom are unknown on
// another, and none of these attempts changes anything. The routes come
// from the server's route table, so a route added later is covered or the
// test names it.
func TestIsolation(t *testing.T) {
	e := newIsoEnv(t)
	alpha, beta := e.alpha, e.beta

	// Every registered route has a case and every case a route; the other
	// proofs enumerate routes through their cases.
	registered := map[string]bool{}
	for _, r := range e.Server.Routes() {
		registered[routeKey(r)] = true
		if _, ok := routeCases[routeKey(r)]; !ok {
			t.Errorf("no case for route %s: add it to routeCases", routeKey(r))
		}
	}
	for key, c := range routeCases {
		if !registered[key] {
			t.Errorf("routeCases has %s, which is not a registered route", key)
		}
		if path := strings.SplitN(key, " ", 2)[1]; (c.kind == kindAdmin) != strings.HasPrefix(path, "/api/admin/") && key != "POST /api/admin/auth/login" {
			t.Errorf("%s: admin routes and only they live under /api/admin/", key)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	before := map[string]string{alpha.slug: e.snapshot(alpha), beta.slug: e.snapshot(beta)}

	t.Run("AdminTokens", func(t *testing.T) {
		for _, v := range e.badTokens(t) {
			for _, r := range e.routesOf(kindAdmin) {
				res := e.call(r, alpha, alpha, alpha.host, v.token)
				label := v.name + ": " + routeKey(r)
				wantStatusCode(t, label, res, v.status)
				wantFragments(t, label, res.Body, v.code)
			}
		}
	})

	// A webhook reaches a showroom only with that showroom's own token:
	// not without one, not with another showroom's, not with an admin
	// token, and on the slug route not with the token of the showroom
	// whose host it was sent to.
	t.Run("WebhookTokens", func(t *testing.T) {
		for _, r := range e.routesOf(kindWebhook) {
			for _, v := range []struct {
				name, host, token string
			}{
				{"no token", alpha.host, ""},
				{"wrong token", alpha.host, "wrong"},
				{"other showroom's token", alpha.host, e.webhookToken(beta)},
				{"truncated token", alpha.host, e.webhookToken(alpha)[:20]},
				{"admin token", alpha.host, e.tokenFor(alpha.slug, alpha.owner)},
				{"token of the host's showroom", beta.host, e.webhookToken(beta)},
			} {
				if v.host != alpha.host && !strings.Contains(r.Path, ":slug") {
					continue // the host route: the host picks the showroom
				}
				res := e.call(r, alpha, alpha, v.host, v.token)
				label := v.name + ": " + routeKey(r)
				wantStatusCode(t, label, res, http.StatusForbidden)
				wantFragments(t, label, res.Body, `"code":"FORBIDDEN"`)
			}
		}
	})

	t.Run("UnknownHost", func(t *testing.T) {
		for _, r := range e.routesOf(kindPage, kindDesk) {
			res := e.call(r, alpha, alpha, "nobody.test", e.deskSession(alpha.slug, alpha.owner))
			wantStatusCode(t, routeKey(r), res, http.StatusNotFound)
			wantFragments(t, routeKey(r), res.Body, "Situs ini tidak ditemukan")
		}
		for _, r := range e.routesOf(kindPublic, kindLogin, kindAdmin, kindWebhook) {
			token := e.tokenFor(alpha.slug, alpha.owner)
			if caseFor(t, r).kind == kindWebhook {
				token = e.webhookToken(alpha)
				if strings.Contains(r.Path, ":slug") {
					// The slug route ignores Host: an unknown slug instead.
					res := e.do(r.Method, strings.Replace(r.Path, ":slug", "nobody", 1)+"?token="+token, alpha.host, "", fonnteText(alpha))
					wantStatusCode(t, routeKey(r), res, http.StatusNotFound)
					continue
				}
			}
			res := e.call(r, alpha, alpha, "nobody.test", token)
			wantStatusCode(t, routeKey(r), res, http.StatusNotFound)
			wantFragments(t, routeKey(r), res.Body, "Showroom not found")
		}
	})

	// Every route that names a row does not find alpha's rows on beta's
	// host, with beta's owner signed in. Alpha's ids lie beyond beta's, so
	// a handler reading the wrong database would find them.
	t.Run("IDsOfAnotherShowroom", func(t *testing.T) {
		betaOwner := e.tokenFor(beta.slug, beta.owner)
		n := 0
		for _, r := range e.routesOf(kindPublic, kindAdmin, kindPage) {
			if !strings.Contains(r.Path, ":") {
				continue
			}
			token, notFound := betaOwner, `"code":"NOT_FOUND"`
			switch caseFor(t, r).kind {
			case kindPublic:
				token = ""
			case kindPage:
				token, notFound = "", "Halaman tidak ditemukan"
			}
			res := e.call(r, alpha, beta, beta.host, token)
			wantStatusCode(t, routeKey(r), res, http.StatusNotFound)
			wantFragments(t, routeKey(r), res.Body, notFound)
			n++
		}
		if n == 0 {
			t.Fatal("no route with parameters")
		}
	})

	// Every list and profile of beta shows nothing of alpha.
	t.Run("ListsOfAnotherShowroom", func(t *testing.T) {
		markers := []string{"alpha", alpha.carSlug, alpha.photoFile, strings.TrimPrefix(alpha.phone(0)[:8], "0")}
		token := e.tokenFor(beta.slug, beta.owner)
		for _, r := range e.routesOf(kindPublic, kindAdmin, kindPage) {
			if r.Method != http.MethodGet || strings.Contains(r.Path, ":") {
				continue
			}
			res := e.do(r.Method, r.Path+"?limit=100", beta.host, token, nil)
			wantStatusCode(t, routeKey(r), res, http.StatusOK)
			for _, m := range markers {
				if strings.Contains(strings.ToLower(res.Body), strings.ToLower(m)) {
					t.Errorf("%s on beta shows alpha's %q:\n%s", routeKey(r), m, res.Body)
				}
			}
		}
	})

	// A dashboard session of alpha opens nothing on beta's host: every page
	// that needs one sends the browser to beta's sign-in form (an event
	// stream is refused), and alpha's session is untouched.
	t.Run("DeskSessionOfAnotherShowroom", func(t *testing.T) {
		session := e.deskSession(alpha.slug, alpha.owner)
		n := 0
		for _, r := range e.routesOf(kindDesk) {
			if !caseFor(t, r).signIn {
				continue
			}
			res := e.call(r, alpha, alpha, beta.host, session)
			if caseFor(t, r).stream {
				wantStatusCode(t, routeKey(r), res, http.StatusUnauthorized)
				n++
				continue
			}
			wantStatusCode(t, routeKey(r), res, http.StatusSeeOther)
			if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/admin/login?next=") {
				t.Errorf("%s: Location %q", routeKey(r), loc)
			}
			n++
		}
		if n == 0 {
			t.Fatal("no dashboard route needs a session")
		}
		for _, r := range e.routesOf(kindDesk) {
			if caseFor(t, r).signIn && r.Method == http.MethodGet {
				wantStatusCode(t, "alpha's session on alpha", e.call(r, alpha, alpha, alpha.host, session), http.StatusOK)
			}
		}
	})

	t.Run("NothingChanged", func(t *testing.T) {
		for _, fx := range []*isoTenant{alpha, beta} {
			if after := e.snapshot(fx); after != before[fx.slug] {
				t.Errorf("%s changed:\nbefore %s\nafter  %s", fx.slug, before[fx.slug], after)
			}
		}
	})

	// The refusals above are the routes' own answers, not fixtures that
	// miss: with valid credentials every route succeeds on its showroom.
	// Deletions go last, a car's photos (the API's, then the dashboard's)
	// before the car, and the dashboard's other deletions (a form posted to
	// …/delete, which finds the row gone) after the API's.
	t.Run("ValidCallsSucceed", func(t *testing.T) {
		routes := e.Server.Routes()
		deletion := func(i int) int {
			switch {
			case routes[i].Method == http.MethodDelete, strings.HasSuffix(routes[i].Path, "/photos/delete"):
				return 1
			case strings.HasSuffix(routes[i].Path, "/delete"):
				return 2
			}
			return 0
		}
		sort.SliceStable(routes, func(i, j int) bool {
			di, dj := deletion(i), deletion(j)
			if di != dj {
				return di < dj
			}
			return di > 0 && len(routes[i].Path) > len(routes[j].Path)
		})
		for _, r := range routes {
			token := ""
			switch caseFor(t, r).kind {
			case kindAdmin:
				token = e.freshToken(alpha, alpha.owner)
			case kindWebhook:
				token = e.webhookToken(alpha)
			case kindDesk:
				token = e.deskSession(alpha.slug, alpha.owner)
			}
			res := e.call(r, alpha, alpha, alpha.host, token)
			if caseFor(t, r).form && res.Code == http.StatusSeeOther {
				continue
			}
			if res.Code < 200 || res.Code > 299 {
				t.Errorf("%s with valid credentials: %d %s", routeKey(r), res.Code, res.Body)
			}
		}
	})
}

// badToken is a credential every admin route must refuse.
type badToken struct {
	name   string
	token  string // sent as "Bearer <token>"; "" sends no header
	status int
	code   string
}

// badTokens are alpha's credentials gone wrong: missing, malformed,
// unsigned, expired, edited, signed with another key, a webhook token in
// the wrong place, and beta's valid token (whose owner has the same user id
// as alpha's owner).
func (e *isoEnv) badTokens(t *testing.T) []badToken {
	t.Helper()
	alpha, beta := e.alpha, e.beta
	hs := func(c jwt.MapClaims) string { return signToken(t, jwt.SigningMethodHS256, testSecret, c) }
	owner := e.tokenClaims(alpha.slug, alpha.owner)
	sales := e.tokenClaims(alpha.slug, alpha.sales)
	// A payload edited after signing, the signature kept.
	resign := func(valid, edited jwt.MapClaims) string {
		v, f := strings.Split(hs(valid), "."), strings.Split(hs(edited), ".")
		return v[0] + "." + f[1] + "." + v[2]
	}
	betaClaims := e.tokenClaims(beta.slug, beta.owner)
	past := time.Now().Add(-2 * time.Hour)
	const unauthorized, forbidden = `"code":"UNAUTHORIZED"`, `"code":"FORBIDDEN"`
	if alpha.owner.ID != beta.owner.ID {
		t.Fatalf("want owners with the same id, got %d and %d", alpha.owner.ID, beta.owner.ID)
	}
	return []badToken{
		{"no token", "", http.StatusUnauthorized, unauthorized},
		{"garbage", "garbage", http.StatusUnauthorized, unauthorized},
		{"three garbage segments", "a.b.c", http.StatusUnauthorized, unauthorized},
		{"alg none", signToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, owner), http.StatusUnauthorized, unauthorized},
		{"expired", hs(withClaim(withClaim(owner, "iat", past.Add(-time.Hour).Unix()), "exp", past.Unix())), http.StatusUnauthorized, unauthorized},
		{"role edited to owner", resign(sales, withClaim(sales, "role", "owner")), http.StatusUnauthorized, unauthorized},
		{"subject edited to the owner", resign(sales, withClaim(sales, "sub", owner["sub"])), http.StatusUnauthorized, unauthorized},
		{"tenant edited to alpha", resign(betaClaims, withClaim(withClaim(betaClaims, "tid", alpha.slug), "tenantId", owner["tenantId"])), http.StatusUnauthorized, unauthorized},
		{"other secret", signToken(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-0123"), owner), http.StatusUnauthorized, unauthorized},
		{"own webhook token", e.webhookToken(alpha), http.StatusUnauthorized, unauthorized},
		{"other showroom's webhook token", e.webhookToken(beta), http.StatusUnauthorized, unauthorized},
		{"other showroom's token", hs(betaClaims), http.StatusForbidden, forbidden},
	}
}
