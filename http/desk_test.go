package http_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/http/ratelimit"
	"github.com/autoleads/autoleads/store"
)

// deskEnv is a server with showroom alpha, its owner and a sales user.
type deskEnv struct {
	*testEnv
	owner, sales *store.User
}

func newDeskEnv(t *testing.T, configure ...func(*apphttp.Config)) *deskEnv {
	e := &deskEnv{testEnv: newTestEnv(t, configure...)}
	e.createTenant("alpha")
	e.owner = e.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	e.sales = e.createUser("alpha", "sales@alpha.test", store.RoleSales)
	return e
}

// deskPost sends a same-origin form post to host, with a session cookie
// when session is not "".
func (e *deskEnv) deskPost(path, host, session string, form url.Values) *response {
	e.t.Helper()
	req := newFormRequest(path, host, form)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	}
	return e.serve(req)
}

// newFormRequest is a form post to host, with no word on where it came from.
func newFormRequest(path, host string, form url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Host = host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// deskGet asks host for path with a session cookie when session is not "".
func (e *deskEnv) deskGet(path, host, session string) *response {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = host
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	}
	return e.serve(req)
}

// signIn signs email in through the form and returns the session cookie.
func (e *deskEnv) signIn(host, email string) *http.Cookie {
	e.t.Helper()
	res := e.deskPost("/admin/login", host, "", url.Values{"email": {email}, "password": {"password123"}})
	wantStatusCode(e.t, "sign in", res, http.StatusSeeOther)
	c := sessionCookieOf(res)
	if c == nil || c.Value == "" {
		e.t.Fatalf("sign in set no session cookie: %v", res.Header)
	}
	return c
}

func sessionCookieOf(res *response) *http.Cookie {
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "al_session" {
			return c
		}
	}
	return nil
}

// wantSignInRedirect fails unless res sends the browser to the sign-in form.
func wantSignInRedirect(t *testing.T, label string, res *response) {
	t.Helper()
	wantStatusCode(t, label, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin/login?next=%2Fadmin" {
		t.Fatalf("%s: Location %q", label, loc)
	}
}

func TestDeskSignIn(t *testing.T) {
	e := newDeskEnv(t)

	form := e.deskGet("/admin/login", "alpha.test", "")
	wantStatusCode(t, "form", form, http.StatusOK)
	wantFragments(t, "form", form.Body, `name="email"`, `autocomplete="username"`, `name="password"`,
		`autocomplete="current-password"`, ">Masuk</button>", `content="noindex`)
	if cc := form.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("form Cache-Control %q", cc)
	}

	res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"Sales@Alpha.test"}, "password": {"password123"}})
	wantStatusCode(t, "sign in", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin" {
		t.Errorf("Location %q", loc)
	}
	c := sessionCookieOf(res)
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/admin" || c.Secure {
		t.Fatalf("session cookie %+v", c)
	}

	home := e.deskGet("/admin", "alpha.test", c.Value)
	wantStatusCode(t, "home", home, http.StatusOK)
	wantFragments(t, "home", home.Body, "Halo, sales", "Showroom alpha", `href="/admin/leads"`,
		`href="/admin/account"`, `content="noindex`)
	account := e.deskGet("/admin/account", "alpha.test", c.Value)
	wantStatusCode(t, "account", account, http.StatusOK)
	wantFragments(t, "account", account.Body, "sales@alpha.test", "Sales", `action="/admin/password"`,
		`action="/admin/logout"`, `action="/admin/logout-everywhere"`)
	if cc := home.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("home Cache-Control %q", cc)
	}

	// A trusted proxy that says the visit came over TLS makes the cookie Secure.
	e2 := newDeskEnv(t, withRates(nil, "192.0.2.0/24"))
	req := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader("email=owner%40alpha.test&password=password123"))
	req.Host, req.RemoteAddr = "alpha.test", "192.0.2.1:1000"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-Proto", "https")
	if c := sessionCookieOf(e2.serve(req)); c == nil || !c.Secure {
		t.Fatalf("cookie over TLS %+v", c)
	}
}

// English is chosen by the browser's preference or by the user, who is
// then remembered.
func TestDeskLanguage(t *testing.T) {
	e := newDeskEnv(t)
	req := httptest.NewRequest(http.MethodGet, "/admin/login", nil)
	req.Host = "alpha.test"
	req.Header.Set("Accept-Language", "en-US,en;q=0.9")
	wantFragments(t, "Accept-Language", e.serve(req).Body, ">Sign in</button>", `lang="en"`)

	res := e.deskGet("/admin/login?lang=en", "alpha.test", "")
	wantFragments(t, "?lang=en", res.Body, ">Sign in</button>")
	var lang *http.Cookie
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "lang" {
			lang = c
		}
	}
	if lang == nil || lang.Value != "en" {
		t.Fatalf("no lang cookie: %v", res.Header)
	}
	req = httptest.NewRequest(http.MethodGet, "/admin/login", nil)
	req.Host = "alpha.test"
	req.AddCookie(lang)
	wantFragments(t, "cookie", e.serve(req).Body, ">Sign in</button>")

	// A signed-in page, whose handler and layout both ask for the
	// language, remembers the choice once.
	res = e.deskGet("/admin/leads?lang=en", "alpha.test", e.signIn("alpha.test", "owner@alpha.test").Value)
	wantFragments(t, "inbox ?lang=en", res.Body, `lang="en"`)
	langs := 0
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "lang" {
			langs++
		}
	}
	if langs != 1 {
		t.Fatalf("%d lang cookies set: %v", langs, res.Header["Set-Cookie"])
	}
}

func TestDeskSignInRefused(t *testing.T) {
	e := newDeskEnv(t)
	res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"wrong-password"}})
	wantStatusCode(t, "wrong password", res, http.StatusUnauthorized)
	wantFragments(t, "wrong password", res.Body, "Email atau kata sandi salah.", `value="sales@alpha.test"`)
	if sessionCookieOf(res) != nil {
		t.Fatal("a refused sign-in set a session")
	}

	res = e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}})
	wantStatusCode(t, "no password", res, http.StatusUnprocessableEntity)
	wantFragments(t, "no password", res.Body, "Isi kata sandi Anda.", `value="sales@alpha.test"`)

	// An English user reads the message in English.
	req := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader("email=sales%40alpha.test&password=nope"))
	req.Host = "alpha.test"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
	wantFragments(t, "English", e.serve(req).Body, "Wrong email or password.")

	// Another site's page cannot post the form.
	for _, h := range [][]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
		req := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader("email=sales%40alpha.test&password=password123"))
		req.Host = "alpha.test"
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(h[0], h[1])
		res := e.serve(req)
		wantStatusCode(t, "cross-origin "+h[0], res, http.StatusForbidden)
		if sessionCookieOf(res) != nil || strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("cross-origin %s: %v %s", h[0], res.Header, res.Body)
		}
	}
}

// A sign-in leads to the dashboard page it was asked from, never to
// another site.
func TestDeskSignInNext(t *testing.T) {
	e := newDeskEnv(t)
	for next, want := range map[string]string{
		"/admin":                  "/admin",
		"/admin/leads?status=hot": "/admin/leads?status=hot",
		"https://evil.example":    "/admin",
		"//evil.example/admin":    "/admin",
		"/\\evil.example":         "/admin",
		"/admin@evil.example":     "/admin",
		"/adminx":                 "/admin",
		"/mobil/x":                "/admin",
		"":                        "/admin",
	} {
		res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"},
			"password": {"password123"}, "next": {next}})
		wantStatusCode(t, next, res, http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != want {
			t.Errorf("next %q: Location %q, want %q", next, loc, want)
		}
	}
	form := e.deskGet("/admin/login?next="+url.QueryEscape("https://evil.example"), "alpha.test", "")
	if strings.Contains(form.Body, "evil.example") {
		t.Errorf("the form carries a foreign next:\n%s", form.Body)
	}
}

func TestDeskSignInRateLimited(t *testing.T) {
	e := newDeskEnv(t, withRates(map[string]ratelimit.Limit{
		apphttp.ClassLogin: {N: 2, Period: time.Hour, Burst: 2},
	}))
	for range 2 {
		res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"guess"}})
		wantStatusCode(t, "guess", res, http.StatusUnauthorized)
	}
	res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"password123"}})
	wantStatusCode(t, "third attempt", res, http.StatusTooManyRequests)
	if res.Header.Get("Retry-After") == "" || sessionCookieOf(res) != nil {
		t.Fatalf("third attempt: %v", res.Header)
	}
	wantFragments(t, "third attempt", res.Body, "<html")
	// The API's sign-in draws on the same bucket.
	api := e.do("POST", "/api/admin/auth/login", "alpha.test", "", map[string]string{"email": "sales@alpha.test", "password": "password123"})
	wantStatusCode(t, "API", api, http.StatusTooManyRequests)
}

// A session ends when the user signs out, signs out everywhere, changes
// password or is deactivated: the next request goes to the sign-in form.
func TestDeskSessionEnds(t *testing.T) {
	e := newDeskEnv(t)
	inactive := store.UserInactive
	for _, tc := range []struct {
		name string
		end  func(session string)
	}{
		{"sign out", func(session string) {
			res := e.deskPost("/admin/logout", "alpha.test", session, nil)
			wantStatusCode(t, "sign out", res, http.StatusSeeOther)
			if c := sessionCookieOf(res); res.Header.Get("Location") != "/admin/login" || c == nil || c.MaxAge >= 0 {
				t.Fatalf("sign out: %v", res.Header)
			}
		}},
		{"sign out everywhere", func(session string) {
			res := e.deskPost("/admin/logout-everywhere", "alpha.test", session, nil)
			wantStatusCode(t, "sign out everywhere", res, http.StatusSeeOther)
			if res.Header.Get("Location") != "/admin/login" {
				t.Fatalf("sign out everywhere: %v", res.Header)
			}
		}},
		{"password changed through the API", func(string) {
			res := e.do("PUT", "/api/admin/auth/password", "alpha.test", e.login("alpha", "sales@alpha.test"),
				map[string]string{"currentPassword": "password123", "newPassword": "password456"})
			wantStatusCode(t, "password", res, http.StatusOK)
			pw := "password123"
			if _, err := e.db("alpha").UpdateUser(context.Background(), e.sales.ID, store.UserUpdate{Password: &pw}); err != nil {
				t.Fatal(err)
			}
		}},
		{"deactivated", func(string) {
			if _, err := e.db("alpha").UpdateUser(context.Background(), e.sales.ID, store.UserUpdate{Status: &inactive}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			active := store.UserActive
			if _, err := e.db("alpha").UpdateUser(context.Background(), e.sales.ID, store.UserUpdate{Status: &active}); err != nil {
				t.Fatal(err)
			}
			session := e.signIn("alpha.test", "sales@alpha.test").Value
			other := e.signIn("alpha.test", "owner@alpha.test").Value
			wantStatusCode(t, "before", e.deskGet("/admin", "alpha.test", session), http.StatusOK)
			tc.end(session)
			res := e.deskGet("/admin", "alpha.test", session)
			wantSignInRedirect(t, "after", res)
			if c := sessionCookieOf(res); c == nil || c.MaxAge >= 0 {
				t.Errorf("the ended session's cookie was not cleared: %v", res.Header)
			}
			wantStatusCode(t, "another user's session", e.deskGet("/admin", "alpha.test", other), http.StatusOK)
		})
	}
}

// A session unused for more than a week is over; one used within a week
// lives on.
func TestDeskSessionIdle(t *testing.T) {
	e := newDeskEnv(t)
	now := time.Now()
	e.db("alpha").Now = func() time.Time { return now }
	session := e.signIn("alpha.test", "sales@alpha.test").Value
	now = now.Add(6 * 24 * time.Hour)
	wantStatusCode(t, "six days later", e.deskGet("/admin", "alpha.test", session), http.StatusOK)
	now = now.Add(8 * 24 * time.Hour)
	wantSignInRedirect(t, "eight days idle", e.deskGet("/admin", "alpha.test", session))
}

func TestDeskNeedsSession(t *testing.T) {
	e := newDeskEnv(t)
	wantSignInRedirect(t, "no cookie", e.deskGet("/admin", "alpha.test", ""))
	wantSignInRedirect(t, "forged cookie", e.deskGet("/admin", "alpha.test", "forged"))
	res := e.deskPost("/admin/logout-everywhere", "alpha.test", "", nil)
	wantSignInRedirect(t, "sign out everywhere without a session", res)
}

// A session of one showroom opens nothing on another's host, nor on an
// unknown host.
func TestDeskSessionOfAnotherShowroom(t *testing.T) {
	e := newDeskEnv(t)
	e.createTenant("beta")
	e.createUser("beta", "owner@beta.test", store.RoleOwner)
	alpha := e.signIn("alpha.test", "owner@alpha.test").Value
	wantSignInRedirect(t, "alpha's session on beta", e.deskGet("/admin", "beta.test", alpha))
	// The same email on beta's host signs in beta's user, not alpha's.
	res := e.deskPost("/admin/login", "beta.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"password123"}})
	wantStatusCode(t, "alpha's user on beta", res, http.StatusUnauthorized)
	unknown := e.deskGet("/admin", "nobody.test", alpha)
	wantStatusCode(t, "unknown host", unknown, http.StatusNotFound)
	wantFragments(t, "unknown host", unknown.Body, "Situs ini tidak ditemukan")
	wantStatusCode(t, "alpha's session still works on alpha", e.deskGet("/admin", "alpha.test", alpha), http.StatusOK)
}
