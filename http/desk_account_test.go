package http_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A user changes their password in the dashboard: mistakes are shown
// beside their fields in the user's language; success keeps this browser
// signed in and ends every other session.
func TestDeskPasswordChange(t *testing.T) {
	e := newDeskEnv(t)
	session := e.signIn("alpha.test", "sales@alpha.test").Value
	other := e.signIn("alpha.test", "sales@alpha.test").Value

	for _, tc := range []struct {
		name, current, next, want string
	}{
		{"no current password", "", "password456", "Isi kata sandi saat ini."},
		{"wrong current password", "password999", "password456", "Kata sandi saat ini salah."},
		{"too short", "password123", "short", "Kata sandi baru minimal 8 karakter"},
		{"unchanged", "password123", "password123", "Kata sandi baru harus berbeda"},
	} {
		res := e.deskPost("/admin/password", "alpha.test", session,
			url.Values{"currentPassword": {tc.current}, "newPassword": {tc.next}})
		wantStatusCode(t, tc.name, res, http.StatusUnprocessableEntity)
		wantFragments(t, tc.name, res.Body, tc.want, `aria-invalid="true"`)
	}
	wantStatusCode(t, "still signed in after mistakes", e.deskGet("/admin", "alpha.test", session), http.StatusOK)

	res := e.deskPost("/admin/password", "alpha.test", session,
		url.Values{"currentPassword": {"password123"}, "newPassword": {"password456"}})
	wantStatusCode(t, "change", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin/account?saved=password" {
		t.Fatalf("Location %q", loc)
	}
	fresh := sessionCookieOf(res)
	if fresh == nil || fresh.Value == "" || !fresh.HttpOnly {
		t.Fatalf("no new session cookie: %v", res.Header)
	}
	page := e.deskGet("/admin/account?saved=password", "alpha.test", fresh.Value)
	wantStatusCode(t, "this browser", page, http.StatusOK)
	wantFragments(t, "this browser", page.Body, "Kata sandi sudah diganti")
	wantSignInRedirect(t, "the old cookie", e.deskGet("/admin", "alpha.test", session))
	wantSignInRedirect(t, "another device", e.deskGet("/admin", "alpha.test", other))

	// The new password signs in; the old one no longer does.
	res = e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"password456"}})
	wantStatusCode(t, "new password", res, http.StatusSeeOther)
	res = e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"password123"}})
	wantStatusCode(t, "old password", res, http.StatusUnauthorized)
}

// The password form refuses a post from another site.
func TestDeskPasswordCrossOrigin(t *testing.T) {
	e := newDeskEnv(t)
	session := e.signIn("alpha.test", "sales@alpha.test").Value
	req := newFormRequest("/admin/password", "alpha.test", url.Values{"currentPassword": {"password123"}, "newPassword": {"password456"}})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	wantStatusCode(t, "cross-site", e.serve(req), http.StatusForbidden)
	res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {"sales@alpha.test"}, "password": {"password123"}})
	wantStatusCode(t, "password unchanged", res, http.StatusSeeOther)
}

// The manifest names the showroom and points at icons that are served.
func TestDeskManifest(t *testing.T) {
	e := newDeskEnv(t)
	res := e.deskGet("/admin/manifest.webmanifest", "alpha.test", "")
	wantStatusCode(t, "manifest", res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var m struct {
		Name     string
		StartURL string `json:"start_url"`
		Icons    []struct{ Src, Sizes string }
	}
	if err := json.Unmarshal([]byte(res.Body), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "Showroom alpha" || m.StartURL != "/admin" || len(m.Icons) < 2 {
		t.Fatalf("manifest %+v", m)
	}
	if !strings.Contains(res.Body, `"display":"standalone"`) {
		t.Errorf("manifest %s", res.Body)
	}
	for _, i := range m.Icons {
		icon := e.deskGet(i.Src, "alpha.test", "")
		wantStatusCode(t, i.Src, icon, http.StatusOK)
		if ct := icon.Header.Get("Content-Type"); ct != "image/png" {
			t.Errorf("%s: Content-Type %q", i.Src, ct)
		}
	}
}
