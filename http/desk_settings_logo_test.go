package http_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// postLogo sends the settings page's logo form with one file.
func (e *deskLeadEnv) postLogo(session, file string, data []byte) *response {
	e.t.Helper()
	return e.serve(newDeskFileRequest(e.t, "/admin/settings/logo", "alpha.test", session, "logo", upFile{file, data}))
}

// logoFileGone reports whether alpha's upload behind url is gone.
func (e *deskLeadEnv) logoFileGone(url string) bool {
	e.t.Helper()
	dir, err := e.Reg.Layout.UploadsDir("alpha")
	if err != nil {
		e.t.Fatal(err)
	}
	_, err = os.Stat(filepath.Join(dir, strings.TrimPrefix(url, "/uploads/")))
	return os.IsNotExist(err)
}

func TestDeskSettingsLogo(t *testing.T) {
	e := newDeskLeadEnv(t)
	page := e.deskGet("/admin/settings", "alpha.test", e.ownerS)
	wantFragments(t, "no logo", page.Body, `enctype="multipart/form-data"`, `id="f-logo" name="logo" type="file" accept="image/*"`,
		"Belum ada logo", "Pilih logo")
	if strings.Contains(page.Body, `name="logoUrl"`) || strings.Contains(page.Body, "/admin/settings/logo/delete") {
		t.Fatal("the page still asks for a logo address, or offers to remove a logo it has not")
	}

	wantRedirect(t, "upload", e.postLogo(e.ownerS, "logo.png", transparentLogo(800, 400)), "/admin/settings?saved=logo#logo")
	first := e.tenant().LogoURL
	if !logoURL.MatchString(first) {
		t.Fatalf("logo URL = %q", first)
	}
	page = e.deskGet("/admin/settings?saved=logo", "alpha.test", e.ownerS)
	wantFragments(t, "logo shown", page.Body, "Logo disimpan.", `<img class="settings-logo" src="`+first+`" alt="Logo showroom saat ini">`,
		"Ganti logo", `action="/admin/settings/logo/delete"`)

	// The website's header shows it from the showroom's own host.
	home := e.deskGet("/", "alpha.test", "")
	wantStatusCode(t, "home", home, http.StatusOK)
	if !regexp.MustCompile(`<a class="brand" href="/"><img src="` + regexp.QuoteMeta(first) + `"`).MatchString(home.Body) {
		t.Fatalf("the website's header does not show the logo %s", first)
	}

	// Saving the profile leaves the logo alone.
	wantRedirect(t, "profile", e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(nil)), "/admin/settings?saved=profile#profile")
	if e.tenant().LogoURL != first {
		t.Fatalf("saving the profile changed the logo to %q", e.tenant().LogoURL)
	}

	// Replacing it removes the old file.
	wantRedirect(t, "replace", e.postLogo(e.ownerS, "logo.jpg", photoJPEG), "/admin/settings?saved=logo#logo")
	second := e.tenant().LogoURL
	if second == first || !e.logoFileGone(first) {
		t.Fatalf("replaced: %q → %q, old file gone: %v", first, second, e.logoFileGone(first))
	}

	wantRedirect(t, "remove", e.deskPost("/admin/settings/logo/delete", "alpha.test", e.ownerS, nil), "/admin/settings?saved=logoRemoved#logo")
	if e.tenant().LogoURL != "" || !e.logoFileGone(second) {
		t.Fatalf("removed: logo %q, file gone: %v", e.tenant().LogoURL, e.logoFileGone(second))
	}
	wantFragments(t, "removed", e.deskGet("/admin/settings?saved=logoRemoved", "alpha.test", e.ownerS).Body, "Logo dihapus.")
	if strings.Contains(e.deskGet("/", "alpha.test", "").Body, `class="brand" href="/"><img`) {
		t.Fatal("the website still shows a removed logo")
	}
}

func TestDeskSettingsLogoRefused(t *testing.T) {
	e := newDeskLeadEnv(t)
	whole := phototest.JPEG(phototest.Image(640, 640))
	truncatedJPEG := whole[:len(whole)/2]
	tests := []struct {
		name, file string
		data       []byte
		status     int
		reason     string
	}{
		{"not an image", "logo.png", []byte("<script>alert(1)</script>"), http.StatusUnsupportedMediaType, "Bukan foto. Pilih file JPEG, PNG atau WebP."},
		{"bomb", "bomb.png", phototest.PNGBomb(20_000, 20_000), http.StatusUnprocessableEntity, "Gambar terlalu besar: maksimal 12000 piksel"},
		{"truncated", "cut.jpg", truncatedJPEG, http.StatusUnprocessableEntity, "File foto rusak atau tidak lengkap."},
		{"no file chosen", "", nil, http.StatusUnprocessableEntity, "Pilih file gambar dulu."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := e.postLogo(e.ownerS, tt.file, tt.data)
			wantStatusCode(t, tt.name, res, tt.status)
			wantFragments(t, tt.name, res.Body, `aria-invalid="true"`, `id="f-logo-error">`+tt.reason)
			if e.tenant().LogoURL != "" {
				t.Fatalf("a refused logo was set")
			}
		})
	}

	// A body over the limit is refused before it is read, back to the page.
	big := append(append([]byte{}, photoPNG...), bytes.Repeat([]byte{0}, 11<<20)...)
	wantRedirect(t, "too large", e.postLogo(e.ownerS, "big.png", big), "/admin/settings?refused=size#logo")
	wantFragments(t, "too large", e.deskGet("/admin/settings?refused=size", "alpha.test", e.ownerS).Body,
		`id="f-logo-error">Foto terlalu besar: maksimal 10 MB per foto.`)

	dir, _ := e.Reg.Layout.UploadsDir("alpha")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("refused logos left files: %v", entries)
	}
}

func TestDeskSettingsLogoOwnerOnly(t *testing.T) {
	e := newDeskLeadEnv(t)
	wantRedirect(t, "upload", e.postLogo(e.ownerS, "logo.png", photoPNG), "/admin/settings?saved=logo#logo")
	logo := e.tenant().LogoURL
	e.createUser("alpha", "admin@alpha.test", store.RoleAdmin)
	admin := e.signIn("alpha.test", "admin@alpha.test").Value

	// The admin sees the logo but no control; the server refuses both posts.
	page := e.deskGet("/admin/settings", "alpha.test", admin)
	wantFragments(t, "admin", page.Body, `src="`+logo+`"`)
	if strings.Contains(page.Body, `name="logo"`) || strings.Contains(page.Body, "/admin/settings/logo/delete") {
		t.Fatal("an admin is shown the logo controls")
	}
	for _, session := range []string{admin, e.salesS} {
		wantStatusCode(t, "upload", e.postLogo(session, "other.png", transparentLogo(64, 64)), http.StatusForbidden)
		wantStatusCode(t, "remove", e.deskPost("/admin/settings/logo/delete", "alpha.test", session, nil), http.StatusForbidden)
	}
	if e.tenant().LogoURL != logo || e.logoFileGone(logo) {
		t.Fatal("a refused post changed the logo")
	}
}
