package http_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// The owner chooses three photos at once without JavaScript: all are
// processed as every upload (a phone's portrait turned upright, metadata
// gone, copies made), the browser comes back to the list, which shows
// them in order, the first primary, by their small copies.
func TestDeskPhotosUpload(t *testing.T) {
	e := newPhotosEnv(t)
	portrait := phototest.WithExif(phototest.JPEG(phototest.Image(1600, 1200)), 6)
	res := e.deskUpload(e.path(""), e.owner,
		upFile{"IMG_0001.jpg", portrait}, upFile{"layar.png", photoNumber(1)}, upFile{"IMG_0002.jpg", photoJPEG})
	wantRedirect(t, "upload", res, e.path("?added=3#photos"))

	photos, primary := e.photos()
	if len(photos) != 3 || primary != 0 {
		t.Fatalf("photos %v primary %d", photos, primary)
	}
	if b := e.servedJPEG(t, photos[0]).Bounds(); b.Dx() != 1200 || b.Dy() != 1600 {
		t.Errorf("portrait stored as %v, want 1200×1600 upright", b)
	}
	for _, u := range photos {
		if !photoURL.MatchString(u) || !strings.HasSuffix(u, ".jpg") {
			t.Errorf("photo URL %q", u)
		}
	}

	page := e.desk.deskGet(e.path("?added=3"), "alpha.test", e.owner)
	wantStatusCode(t, "page", page, http.StatusOK)
	wantFragments(t, "page", page.Body, "3 foto ditambahkan", "Foto (3 dari maks. 20)",
		`src="`+strings.TrimSuffix(photos[0], ".jpg")+`-320.jpg"`, `alt="Foto 1 dari 3"`,
		`id="photo-0"`, `id="photo-2"`, "Foto utama", `accept="image/*" multiple`,
		`enctype="multipart/form-data"`, `id="photo-list" data-live`)
	if i, j := strings.Index(page.Body, photos[0]), strings.Index(page.Body, photos[2]); i < 0 || j < i {
		t.Errorf("photos out of order on the page")
	}

	// An admin adds photos too; the page is in the user's language.
	res = e.deskUpload(e.path("?lang=en"), e.admin, upFile{"b.png", photoNumber(2)})
	wantRedirect(t, "admin upload", res, e.path("?added=1#photos"))
	page = e.desk.deskGet(e.path("?lang=en"), "alpha.test", e.admin)
	wantFragments(t, "english", page.Body, "Photos (4 of at most 20)", "Make primary")
}

// What is wrong with a file is said beside the file field, in the user's
// language, with no 500; nothing of a refused file is written, and the
// good files of the same upload still go in.
func TestDeskPhotosBadInput(t *testing.T) {
	e := newPhotosEnv(t)
	full := phototest.JPEG(phototest.Image(400, 300))
	for _, tc := range []struct {
		name   string
		file   upFile
		status int
		want   string
	}{
		{"not an image", upFile{"catatan.txt", []byte("bukan foto, hanya teks")}, http.StatusUnsupportedMediaType,
			"Bukan foto. Pilih file JPEG, PNG atau WebP."},
		{"40 MB", upFile{"besar.jpg", append(bytes.Clone(full), make([]byte, 40<<20)...)}, http.StatusRequestEntityTooLarge,
			"Foto terlalu besar: maksimal 10 MB per foto."},
		{"decompression bomb", upFile{"bom.png", phototest.PNGBomb(20_000, 20_000)}, http.StatusUnprocessableEntity,
			"Gambar terlalu besar: maksimal 12000 piksel per sisi dan 50 megapiksel."},
		{"truncated JPEG", upFile{"putus.jpg", full[:len(full)/2]}, http.StatusUnprocessableEntity,
			"File foto rusak atau tidak lengkap."},
		{"hostile name", upFile{`"><img src=x onerror=alert(1)>.txt`, []byte("<script>alert(1)</script>")}, http.StatusUnsupportedMediaType,
			"<strong>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.txt</strong>: Bukan foto."},
	} {
		res := e.deskUpload(e.path(""), e.owner, tc.file)
		wantStatusCode(t, tc.name, res, tc.status)
		wantFragments(t, tc.name, res.Body, tc.want, `aria-invalid="true"`, `id="photo-files-error"`)
		if strings.Contains(res.Body, "<img src=x") {
			t.Errorf("%s: the file's name is markup on the page", tc.name)
		}
		if photos, _ := e.photos(); len(photos) != 0 {
			t.Fatalf("%s: car has photos %v", tc.name, photos)
		}
		if n := e.files(); n != 0 {
			t.Fatalf("%s: %d files left behind", tc.name, n)
		}
	}

	// English for a user who chose it.
	res := e.deskUpload(e.path("?lang=en"), e.owner, upFile{"x.txt", []byte("text")})
	wantFragments(t, "english", res.Body, "Not a photo. Choose a JPEG, PNG or WebP file.")

	// No file chosen: the browser sends an empty part without a name.
	res = e.deskUpload(e.path(""), e.owner, upFile{"", nil})
	wantStatusCode(t, "no file", res, http.StatusUnprocessableEntity)
	wantFragments(t, "no file", res.Body, "Pilih minimal satu foto.")

	// A good file beside a bad one goes in; the bad one is named.
	res = e.deskUpload(e.path(""), e.owner, upFile{"baik.png", photoNumber(1)}, upFile{"rusak.jpg", full[:len(full)/2]})
	wantStatusCode(t, "mixed", res, http.StatusUnprocessableEntity)
	wantFragments(t, "mixed", res.Body, "<strong>rusak.jpg</strong>: File foto rusak", "1 foto ditambahkan", "Foto (1 dari maks. 20)")
	if photos, _ := e.photos(); len(photos) != 1 {
		t.Fatalf("mixed: photos %v", photos)
	}

	// Not a multipart body at all.
	res = e.desk.deskPost(e.path(""), "alpha.test", e.owner, url.Values{"photo": {"x"}})
	wantStatusCode(t, "not multipart", res, http.StatusBadRequest)
	wantFragments(t, "not multipart", res.Body, "Unggahan tidak terbaca.")

	// More than the form may send at once is refused before it is read:
	// the browser is sent back to the page, which says why.
	res = e.deskUpload(e.path(""), e.owner, upFile{"a.jpg", make([]byte, 30<<20)}, upFile{"b.jpg", make([]byte, 30<<20)})
	wantRedirect(t, "too much at once", res, e.path("?refused=size#upload"))
	page := e.desk.deskGet(e.path("?refused=size"), "alpha.test", e.owner)
	wantFragments(t, "too much at once", page.Body, "Unggahan terlalu besar: maksimal 50 MB sekali unggah.")
	if photos, _ := e.photos(); len(photos) != 1 {
		t.Fatalf("after too much: photos %v", photos)
	}
}

// A car with the most photos allowed refuses one more, beside the field,
// and its page says so instead of offering the upload.
func TestDeskPhotosFull(t *testing.T) {
	e := newPhotosEnv(t)
	for i := range store.MaxCarPhotos {
		if _, err := e.db("alpha").AddCarPhoto(t.Context(), e.car.ID, fmt.Sprintf("https://cdn.example.com/%d.jpg", i)); err != nil {
			t.Fatal(err)
		}
	}
	res := e.deskUpload(e.path(""), e.owner, upFile{"satu.png", photoNumber(1)})
	wantStatusCode(t, "full", res, http.StatusUnprocessableEntity)
	wantFragments(t, "full", res.Body, "Mobil ini sudah punya 20 foto, batas maksimal.", `multiple aria-describedby="photo-files-hint photo-files-error" aria-invalid="true" disabled`)
	if n := e.files(); n != 0 {
		t.Errorf("%d files written for a full car", n)
	}
}

// The list is ordered with up and down forms, a photo is made primary and
// one deleted, each back at the list (303) at that photo; the primary
// stays the same picture when others move. A form from a stale page names
// a place that no longer holds a photo: the current list, saying so.
func TestDeskPhotosOrder(t *testing.T) {
	e := newPhotosEnv(t)
	res := e.deskUpload(e.path(""), e.owner, upFile{"a.png", photoNumber(1)}, upFile{"b.png", photoNumber(2)}, upFile{"c.png", photoNumber(3)})
	wantRedirect(t, "upload", res, e.path("?added=3#photos"))
	start, _ := e.photos()
	a, b, c := start[0], start[1], start[2]

	for _, step := range []struct {
		name        string
		action      string
		form        url.Values
		location    string
		want        []string
		wantPrimary int
	}{
		{"down", "move", url.Values{"index": {"0"}, "to": {"1"}}, "#photo-1", []string{b, a, c}, 1},
		{"up", "move", url.Values{"index": {"2"}, "to": {"1"}}, "#photo-1", []string{b, c, a}, 2},
		{"primary", "primary", url.Values{"index": {"1"}}, "#photo-1", []string{b, c, a}, 1},
		{"delete", "delete", url.Values{"index": {"0"}}, "#photos", []string{c, a}, 0},
	} {
		res := e.action(step.action, e.owner, step.form)
		wantRedirect(t, step.name, res, e.path(step.location))
		photos, primary := e.photos()
		if strings.Join(photos, " ") != strings.Join(step.want, " ") || primary != step.wantPrimary {
			t.Fatalf("%s: photos %v primary %d, want %v primary %d", step.name, photos, primary, step.want, step.wantPrimary)
		}
	}
	// The deleted photo's file and copies are gone; the others' stay.
	if n := e.files(); n != 2*4 {
		t.Errorf("%d files, want the two photos' 8", n)
	}
	page := e.desk.deskGet(e.path(""), "alpha.test", e.owner)
	wantFragments(t, "page", page.Body, `name="to" value="1"`, "Geser foto 1 ke bawah", "Geser foto 2 ke atas", "Jadikan utama: foto 2", "Hapus foto 2")

	for _, tc := range []struct {
		name, action string
		form         url.Values
	}{
		{"move beyond the end", "move", url.Values{"index": {"5"}, "to": {"0"}}},
		{"move to beyond the end", "move", url.Values{"index": {"0"}, "to": {"5"}}},
		{"primary of a deleted photo", "primary", url.Values{"index": {"2"}}},
		{"delete twice", "delete", url.Values{"index": {"2"}}},
		{"not a number", "delete", url.Values{"index": {"satu"}}},
		{"no index", "primary", url.Values{}},
	} {
		res := e.action(tc.action, e.owner, tc.form)
		wantStatusCode(t, tc.name, res, http.StatusConflict)
		wantFragments(t, tc.name, res.Body, "Foto itu sudah dipindah atau dihapus orang lain.", "Foto (2 dari maks. 20)")
	}
	if photos, _ := e.photos(); len(photos) != 2 {
		t.Errorf("stale forms changed the photos: %v", photos)
	}
}

// Sales see the photos without a control, and the server refuses their
// posts; a car that is not there (or is another showroom's) is 404; a post
// from another site is 403.
func TestDeskPhotosRoles(t *testing.T) {
	e := newPhotosEnv(t)
	wantRedirect(t, "upload", e.deskUpload(e.path(""), e.owner, upFile{"a.png", photoNumber(1)}, upFile{"b.png", photoNumber(2)}), e.path("?added=2#photos"))
	before, _ := e.photos()

	page := e.desk.deskGet(e.path(""), "alpha.test", e.sales)
	wantStatusCode(t, "sales page", page, http.StatusOK)
	wantFragments(t, "sales page", page.Body, "Hanya pemilik dan admin yang bisa mengubah foto.", "Foto (2 dari maks. 20)", before[1])
	for _, control := range []string{"<form method=\"post\" action=\"/admin/cars/", `type="file"`, "draggable", "data-move"} {
		if strings.Contains(page.Body, control) {
			t.Errorf("sales page offers %q", control)
		}
	}
	wantStatusCode(t, "sales upload", e.deskUpload(e.path(""), e.sales, upFile{"c.png", photoNumber(3)}), http.StatusForbidden)
	for _, action := range []string{"move", "primary", "delete"} {
		res := e.action(action, e.sales, url.Values{"index": {"1"}, "to": {"0"}})
		wantStatusCode(t, "sales "+action, res, http.StatusForbidden)
	}
	if after, primary := e.photos(); strings.Join(after, " ") != strings.Join(before, " ") || primary != 0 {
		t.Errorf("sales changed the photos: %v primary %d", after, primary)
	}

	missing := fmt.Sprintf("/admin/cars/%d/photos", e.car.ID+100)
	wantStatusCode(t, "missing car", e.desk.deskGet(missing, "alpha.test", e.owner), http.StatusNotFound)
	wantStatusCode(t, "missing car upload", e.deskUpload(missing, e.owner, upFile{"c.png", photoNumber(3)}), http.StatusNotFound)
	wantStatusCode(t, "missing car delete", e.desk.deskPost(missing+"/delete", "alpha.test", e.owner, url.Values{"index": {"0"}}), http.StatusNotFound)
	wantStatusCode(t, "not an id", e.desk.deskGet("/admin/cars/abc/photos", "alpha.test", e.owner), http.StatusBadRequest)

	req := newDeskUploadRequest(t, e.path(""), "alpha.test", e.owner, upFile{"c.png", photoNumber(3)})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	wantStatusCode(t, "cross-site upload", e.serve(req), http.StatusForbidden)
	req = newFormRequest(e.path("/delete"), "alpha.test", url.Values{"index": {"0"}})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: "al_session", Value: e.owner})
	wantStatusCode(t, "cross-site delete", e.serve(req), http.StatusForbidden)
	if after, _ := e.photos(); len(after) != 2 {
		t.Errorf("refused posts changed the photos: %v", after)
	}
	wantSignInRedirect(t, "signed out", e.desk.deskGet("/admin", "alpha.test", ""))
}
