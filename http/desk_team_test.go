package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// shownPassword is the generated password a team page shows once.
func shownPassword(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`<code id="password-value">([^<]+)</code>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no password shown:\n%s", body)
	}
	return m[1]
}

// signInWith signs email in through the form with password, and reports
// whether the dashboard let them in.
func (e *deskEnv) signInWith(email, password string) bool {
	e.t.Helper()
	res := e.deskPost("/admin/login", "alpha.test", "", url.Values{"email": {email}, "password": {password}})
	return res.Code == http.StatusSeeOther && sessionCookieOf(res) != nil
}

func TestDeskTeam(t *testing.T) {
	e := newDeskLeadEnv(t)
	lead := e.inbound("081234567001", "Budi", "Avanza masih ada?")
	if _, err := e.db("alpha").UpdateLead(context.Background(), lead, store.LeadUpdate{AssignedToUserID: ptr(&e.sales.ID)}); err != nil {
		t.Fatal(err)
	}

	page := e.deskGet("/admin/team", "alpha.test", e.ownerS)
	wantStatusCode(t, "team", page, http.StatusOK)
	wantFragments(t, "team", page.Body, "Tim showroom", "sales@alpha.test", "Lead bulan ini",
		fmt.Sprintf(`action="/admin/users/%d/role"`, e.sales.ID), fmt.Sprintf(`action="/admin/users/%d/status"`, e.sales.ID),
		fmt.Sprintf(`action="/admin/users/%d/password"`, e.sales.ID), `<option value="owner">Pemilik</option>`, `action="/admin/team"`)
	if got := regexp.MustCompile(`(?s)id="u` + fmt.Sprint(e.sales.ID) + `".*?Lead bulan ini</dt><dd>(\d+)</dd>`).FindStringSubmatch(page.Body); got == nil || got[1] != "1" {
		t.Errorf("the sales user's month: %v", got)
	}
	if strings.Contains(page.Body, fmt.Sprintf(`action="/admin/users/%d/status"`, e.owner.ID)) {
		t.Error("the owner is offered to deactivate themselves")
	}

	t.Run("AddWithGeneratedPassword", func(t *testing.T) {
		res := e.deskPost("/admin/team", "alpha.test", e.ownerS, url.Values{"name": {"Dewi"}, "email": {"Dewi@Alpha.test"}, "role": {"sales"}})
		wantStatusCode(t, "add", res, http.StatusOK)
		wantFragments(t, "add", res.Body, "Kata sandi Dewi (dewi@alpha.test):", "Hanya ditampilkan sekali")
		pw := shownPassword(t, res.Body)
		if len(pw) < 20 || !e.signInWith("dewi@alpha.test", pw) {
			t.Fatalf("the new member cannot sign in with %q", pw)
		}
		if again := e.deskGet("/admin/team", "alpha.test", e.ownerS).Body; strings.Contains(again, pw) {
			t.Error("the password is shown again")
		}
	})

	t.Run("AddWithTypedPassword", func(t *testing.T) {
		res := e.deskPost("/admin/team", "alpha.test", e.ownerS, url.Values{"name": {"Eko"}, "email": {"eko@alpha.test"},
			"role": {"admin"}, "password": {"rahasia-eko-1"}})
		u, err := e.db("alpha").FindUserByEmail(context.Background(), "eko@alpha.test")
		if err != nil || u.Role != store.RoleAdmin {
			t.Fatalf("eko: %+v %v", u, err)
		}
		wantRedirect(t, "add", res, fmt.Sprintf("/admin/team?saved=1#u%d", u.ID))
		if !e.signInWith("eko@alpha.test", "rahasia-eko-1") {
			t.Fatal("eko cannot sign in")
		}
	})

	t.Run("AddErrorsBesideFields", func(t *testing.T) {
		res := e.deskPost("/admin/team", "alpha.test", e.ownerS, url.Values{"name": {""}, "email": {"bukan-email"},
			"role": {"boss"}, "password": {"pendek"}})
		wantStatusCode(t, "bad add", res, http.StatusUnprocessableEntity)
		wantFragments(t, "bad add", res.Body, `id="add-name-error"`, `id="add-email-error">Isi alamat email yang benar.`,
			`id="add-role-error">Pilih peran`, `id="add-password-error">Kata sandi baru minimal 8 karakter`, `value="bukan-email"`)
		res = e.deskPost("/admin/team", "alpha.test", e.ownerS, url.Values{"name": {"Lagi"}, "email": {"sales@alpha.test"}, "role": {"sales"}})
		wantStatusCode(t, "taken", res, http.StatusConflict)
		wantFragments(t, "taken", res.Body, `id="add-email-error">Email ini sudah dipakai anggota lain.`)
		res = e.deskPost("/admin/team", "alpha.test", e.ownerS, url.Values{"name": {"<script>alert(1)</script>"}, "email": {"x@alpha.test"}, "role": {"sales"}})
		wantStatusCode(t, "hostile name", res, http.StatusOK)
		if strings.Contains(res.Body, "<script>alert(1)") {
			t.Error("a member's name is not escaped")
		}
	})

	t.Run("RoleStatusAndPassword", func(t *testing.T) {
		id := fmt.Sprint(e.colleague.ID)
		wantRedirect(t, "role", e.deskPost("/admin/users/"+id+"/role", "alpha.test", e.ownerS, url.Values{"role": {"admin"}}),
			"/admin/team?saved=1#u"+id)
		if u, _ := e.db("alpha").FindUserByID(context.Background(), e.colleague.ID); u.Role != store.RoleAdmin {
			t.Fatalf("role not changed: %s", u.Role)
		}
		wantSignInRedirect(t, "a new role ends the sessions", e.deskGet("/admin", "alpha.test", e.colleagueS))
		wantRedirect(t, "deactivate", e.deskPost("/admin/users/"+id+"/status", "alpha.test", e.ownerS, url.Values{"status": {"inactive"}}),
			"/admin/team?saved=1#u"+id)
		if e.signInWith("rina@alpha.test", "password123") {
			t.Fatal("an inactive member signs in")
		}
		wantFragments(t, "inactive", e.deskGet("/admin/team", "alpha.test", e.ownerS).Body, "Nonaktif", "Aktifkan lagi")
		wantRedirect(t, "reactivate", e.deskPost("/admin/users/"+id+"/status", "alpha.test", e.ownerS, url.Values{"status": {"active"}}),
			"/admin/team?saved=1#u"+id)
		res := e.deskPost("/admin/users/"+id+"/password", "alpha.test", e.ownerS, nil)
		wantStatusCode(t, "reset", res, http.StatusOK)
		pw := shownPassword(t, res.Body)
		if e.signInWith("rina@alpha.test", "password123") || !e.signInWith("rina@alpha.test", pw) {
			t.Fatal("the reset password is not the one that signs in")
		}
	})

	t.Run("LastOwner", func(t *testing.T) {
		id := fmt.Sprint(e.owner.ID)
		res := e.deskPost("/admin/users/"+id+"/role", "alpha.test", e.ownerS, url.Values{"role": {"admin"}})
		wantStatusCode(t, "demote the last owner", res, http.StatusUnprocessableEntity)
		wantFragments(t, "demote the last owner", res.Body, `id="role-`+id+`-error">Showroom harus punya minimal satu pemilik yang aktif.`)
		res = e.deskPost("/admin/users/"+id+"/status", "alpha.test", e.ownerS, url.Values{"status": {"inactive"}})
		wantStatusCode(t, "deactivate oneself", res, http.StatusUnprocessableEntity)
		wantFragments(t, "deactivate oneself", res.Body, "Perubahan tidak disimpan.")
		if u, _ := e.db("alpha").FindUserByID(context.Background(), e.owner.ID); u.Role != store.RoleOwner || u.Status != store.UserActive {
			t.Fatalf("the owner changed: %+v", u)
		}
	})

	t.Run("Admin", func(t *testing.T) {
		e.createUser("alpha", "admin@alpha.test", store.RoleAdmin)
		admin := e.signIn("alpha.test", "admin@alpha.test").Value
		page := e.deskGet("/admin/team", "alpha.test", admin)
		wantStatusCode(t, "admin team", page, http.StatusOK)
		if strings.Contains(page.Body, `<option value="owner"`) || strings.Contains(page.Body, fmt.Sprintf(`action="/admin/users/%d/`, e.owner.ID)) {
			t.Error("an admin is offered owner-only controls")
		}
		wantFragments(t, "admin team", page.Body, fmt.Sprintf(`action="/admin/users/%d/password"`, e.sales.ID))
		res := e.deskPost("/admin/team", "alpha.test", admin, url.Values{"name": {"Bos"}, "email": {"bos@alpha.test"}, "role": {"owner"}})
		wantStatusCode(t, "admin adds an owner", res, http.StatusForbidden)
		wantFragments(t, "admin adds an owner", res.Body, `id="add-role-error">Admin hanya bisa menambah dan mengelola sales.`)
		for path, form := range map[string]url.Values{
			fmt.Sprintf("/admin/users/%d/role", e.sales.ID):     {"role": {"owner"}},
			fmt.Sprintf("/admin/users/%d/status", e.owner.ID):   {"status": {"inactive"}},
			fmt.Sprintf("/admin/users/%d/password", e.owner.ID): nil,
		} {
			wantStatusCode(t, "admin "+path, e.deskPost(path, "alpha.test", admin, form), http.StatusForbidden)
		}
		if _, err := e.db("alpha").FindUserByEmail(context.Background(), "bos@alpha.test"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("an admin created an owner: %v", err)
		}
		if !e.signInWith("owner@alpha.test", "password123") {
			t.Fatal("an admin reset the owner's password")
		}
	})

	t.Run("SalesAndOtherSites", func(t *testing.T) {
		wantStatusCode(t, "sales team", e.deskGet("/admin/team", "alpha.test", e.salesS), http.StatusForbidden)
		for _, path := range []string{"/admin/team", fmt.Sprintf("/admin/users/%d/role", e.sales.ID),
			fmt.Sprintf("/admin/users/%d/status", e.sales.ID), fmt.Sprintf("/admin/users/%d/password", e.sales.ID)} {
			form := url.Values{"name": {"x"}, "email": {"x@y.test"}, "role": {"owner"}, "status": {"inactive"}}
			wantStatusCode(t, "sales "+path, e.deskPost(path, "alpha.test", e.salesS, form), http.StatusForbidden)
			req := newFormRequest(path, "alpha.test", form)
			req.Header.Set("Origin", "https://evil.example")
			req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
			wantStatusCode(t, "cross-site "+path, e.serve(req), http.StatusForbidden)
		}
		wantStatusCode(t, "bad id", e.deskPost("/admin/users/x/status", "alpha.test", e.ownerS, nil), http.StatusBadRequest)
		wantStatusCode(t, "unknown id", e.deskPost("/admin/users/999/status", "alpha.test", e.ownerS, url.Values{"status": {"inactive"}}), http.StatusNotFound)
	})
}

func TestDeskAccountManageLinks(t *testing.T) {
	e := newDeskLeadEnv(t)
	wantFragments(t, "owner", e.deskGet("/admin/account", "alpha.test", e.ownerS).Body,
		"Kelola showroom", `href="/admin/team"`, `href="/admin/settings"`)
	if strings.Contains(e.deskGet("/admin/account", "alpha.test", e.salesS).Body, `href="/admin/team"`) {
		t.Error("a sales user is offered the team page")
	}
}
