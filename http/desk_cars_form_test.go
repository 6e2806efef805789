package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func formOf(m map[string]string) url.Values {
	v := url.Values{}
	for k, s := range m {
		v.Set(k, s)
	}
	return v
}

// An owner adds a car through the form: it lands on the car's page with
// what the server made of it, its public link and a WhatsApp share link.
func TestDeskCarCreate(t *testing.T) {
	e := newStockEnv(t)
	res := e.deskGet("/admin/cars/baru", "alpha.test", e.ownerS)
	wantStatusCode(t, "new form", res, http.StatusOK)
	wantFragments(t, "new form", res.Body, "<h1>Tambah mobil</h1>", `action="/admin/cars"`, `name="displayCode"`,
		`name="keyFeatures"`, `<option value="draft" selected>Draf</option>`, `<option value="Matic">Matic (otomatis)</option>`)
	wantAbsent(t, "new form", res.Body, "Hapus mobil", "Peminat")

	res = e.deskPost("/admin/cars", "alpha.test", e.ownerS, formOf(deskCarForm("#N01", "available")))
	wantStatusCode(t, "create", res, http.StatusSeeOther)
	cars, _, err := e.db("alpha").FindCars(context.Background(), store.CarFilter{})
	if err != nil || len(cars) != 1 {
		t.Fatalf("cars %v %v", cars, err)
	}
	c := cars[0]
	if loc := res.Header.Get("Location"); loc != carPath(c)+"?saved=1" {
		t.Errorf("Location %q", loc)
	}
	if c.Price != 180_000_000 || c.Km != 40_000 || c.Year != 2019 || len(c.KeyFeatures) != 2 || c.KeyFeatures[1] != "Kamera mundur" ||
		c.PlateNumberClean != "L1234AB" || c.Status != store.CarAvailable || c.Description != "Siap pakai" {
		t.Errorf("car %+v", c)
	}

	res = e.deskGet(carPath(c)+"?saved=1", "alpha.test", e.ownerS)
	wantStatusCode(t, "car page", res, http.StatusOK)
	public := "http://alpha.test/mobil/honda-jazz-rs-2019-putih-n01"
	wantFragments(t, "car page", res.Body, "<h1>Honda Jazz RS 2019 Putih #N01</h1>", `role="status">Tersimpan.`,
		"honda-jazz-rs-2019-putih-n01", `href="`+public+`"`,
		`href="https://wa.me/?text=Honda%20Jazz%20RS%202019%20Putih%20%23N01%20http%3A%2F%2Falpha.test%2Fmobil%2Fhonda-jazz-rs-2019-putih-n01"`,
		`href="`+carPath(c)+`/photos">Foto (0)`, `value="180.000.000"`, "Velg racing\nKamera mundur",
		`action="`+carPath(c)+`"`, `action="`+carPath(c)+`/delete"`, "Belum ada yang menanyakan mobil ini.")

	// The public page is really there.
	wantStatusCode(t, "public page", e.deskGet("/mobil/honda-jazz-rs-2019-putih-n01", "alpha.test", ""), http.StatusOK)
}

// A refused form comes back as typed, each error beside its field in the
// user's language; nothing is written.
func TestDeskCarFormErrors(t *testing.T) {
	e := newStockEnv(t)
	taken := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)

	bad := deskCarForm("#N01", "available")
	bad["brand"], bad["year"], bad["price"], bad["transmission"], bad["keyFeatures"] = " ", "dua ribu", "murah", "CVT", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk"
	res := e.deskPost("/admin/cars", "alpha.test", e.ownerS, formOf(bad))
	wantStatusCode(t, "bad create", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad create", res.Body, `role="alert">Ada isian yang perlu diperbaiki`,
		`id="f-brand-error">Isi merek`, `id="f-year-error">Tulis tahun 1980`, `value="dua ribu"`,
		`id="f-price-error">Tulis harga dalam angka`, `value="murah"`, `id="f-transmission-error">Pilih Manual atau Matic.`,
		`id="f-keyFeatures-error">Maksimal 10 fitur`, `aria-describedby="f-price-hint f-price-error"`, `value="#N01"`)
	wantAbsent(t, "bad create", res.Body, `id="f-model-error"`, `id="f-km-error"`)

	dup := deskCarForm(" #A01 ", "available")
	res = e.deskPost("/admin/cars?lang=en", "alpha.test", e.ownerS, formOf(dup))
	wantStatusCode(t, "duplicate code", res, http.StatusUnprocessableEntity)
	wantFragments(t, "duplicate code", res.Body, `id="f-displayCode-error">Another car already has this code.`)
	if n := e.count("alpha", "SELECT COUNT(*) FROM cars"); n != 1 {
		t.Errorf("%d cars after refused forms", n)
	}

	// An edit with a bad number names the store's broken rules too.
	edit := deskCarForm("#A01", "available")
	edit["km"], edit["color"] = "-", ""
	res = e.deskPost(carPath(taken), "alpha.test", e.ownerS, formOf(edit))
	wantStatusCode(t, "bad edit", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad edit", res.Body, `id="f-km-error">Tulis kilometer`, `id="f-color-error">Isi warna`,
		"<h1>Toyota Model #A01 2020 Hitam #A01</h1>")
	if got, _ := e.db("alpha").FindCarByID(context.Background(), taken.ID); got.Brand != "Toyota" || got.Km != 30000 {
		t.Errorf("the refused edit wrote: %+v", got)
	}

	// A price grouped wrongly is asked about, not read as 150 rupiah or
	// 15 million; grouped as a spreadsheet shows it, it is taken.
	edit = deskCarForm("#A01", "available")
	edit["price"] = "1.50"
	res = e.deskPost(carPath(taken), "alpha.test", e.ownerS, formOf(edit))
	wantStatusCode(t, "price 1.50", res, http.StatusUnprocessableEntity)
	wantFragments(t, "price 1.50", res.Body, `id="f-price-error">Tulis harga dalam angka`)
	edit["price"] = "Rp 172,500,000"
	wantStatusCode(t, "price with commas", e.deskPost(carPath(taken), "alpha.test", e.ownerS, formOf(edit)), http.StatusSeeOther)
	if got, _ := e.db("alpha").FindCarByID(context.Background(), taken.ID); got.Price != 172_500_000 {
		t.Errorf("price %d after Rp 172,500,000", got.Price)
	}
}

// An edit writes every field but the photos; the slug follows the name.
func TestDeskCarUpdate(t *testing.T) {
	e := newStockEnv(t)
	c := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)
	photos := []string{"https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"}
	one := 1
	if _, err := e.db("alpha").UpdateCar(context.Background(), c.ID, store.CarUpdate{Photos: &photos, PrimaryPhotoIndex: &one}); err != nil {
		t.Fatal(err)
	}
	form := deskCarForm("#A01", "booking")
	form["price"] = "155000000"
	form["keyFeatures"] = ""
	res := e.deskPost(carPath(c), "alpha.test", e.ownerS, formOf(form))
	wantStatusCode(t, "update", res, http.StatusSeeOther)
	got, err := e.db("alpha").FindCarByID(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Price != 155_000_000 || got.Brand != "Honda" || got.Status != store.CarBooking || len(got.KeyFeatures) != 0 ||
		len(got.Photos) != 2 || got.PrimaryPhotoIndex != 1 || got.Slug != "honda-jazz-rs-2019-putih-a01" {
		t.Errorf("after update %+v", got)
	}
	res = e.deskGet(carPath(c), "alpha.test", e.ownerS)
	wantFragments(t, "booked car", res.Body, "Tampil di website setelah status Tersedia.", `src="https://cdn.example.com/b.jpg"`, "Foto (2)")
	wantAbsent(t, "booked car", res.Body, "wa.me")
	// Its photos page, which the car page links, belongs to the Stok tab.
	res = e.deskGet(carPath(c)+"/photos", "alpha.test", e.ownerS)
	wantStatusCode(t, "photos page", res, http.StatusOK)
	wantFragments(t, "photos page", res.Body, `<a href="/admin/cars" aria-current="page">`)

	wantStatusCode(t, "missing car", e.deskGet("/admin/cars/999", "alpha.test", e.ownerS), http.StatusNotFound)
	wantStatusCode(t, "bad id", e.deskGet("/admin/cars/abc", "alpha.test", e.ownerS), http.StatusNotFound)
	wantStatusCode(t, "update missing", e.deskPost("/admin/cars/999", "alpha.test", e.ownerS, formOf(form)), http.StatusNotFound)
}

// The car's page lists the leads that asked about it within the user's
// scope; sales get the car's details to read, without a form.
func TestDeskCarLeadsAndSalesView(t *testing.T) {
	e := newStockEnv(t)
	c := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)
	own := e.asksAbout(c, "6281200000001", "Budi Santoso", e.sales)
	free := e.asksAbout(c, "6281200000002", "Siti Aminah", nil)
	e.asksAbout(c, "6281200000003", "Joko Widodo", e.colleague)

	res := e.deskGet(carPath(c), "alpha.test", e.ownerS)
	wantFragments(t, "owner", res.Body, "Peminat mobil ini (3)", "Budi Santoso", "Siti Aminah", "Joko Widodo")

	res = e.deskGet(carPath(c), "alpha.test", e.salesS)
	wantStatusCode(t, "sales", res, http.StatusOK)
	wantFragments(t, "sales", res.Body, "Peminat mobil ini (2)", fmt.Sprintf(`href="/admin/leads/%d">Budi Santoso`, own),
		fmt.Sprintf(`href="/admin/leads/%d">Siti Aminah`, free), "<dt>Harga (Rp)</dt><dd>165.000.000</dd>",
		"<dt>Transmisi</dt><dd>Matic (otomatis)</dd>", "Bagikan ke WhatsApp")
	wantAbsent(t, "sales", res.Body, "Joko Widodo", "<form", "Hapus mobil")
}

// Deleting asks for a tick first; then the car goes, its leads stay.
func TestDeskCarDelete(t *testing.T) {
	e := newStockEnv(t)
	c := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)
	lead := e.asksAbout(c, "6281200000001", "Budi", nil)
	res := e.deskPost(carPath(c)+"/delete", "alpha.test", e.ownerS, url.Values{})
	wantStatusCode(t, "unconfirmed", res, http.StatusUnprocessableEntity)
	wantFragments(t, "unconfirmed", res.Body, `id="confirm-error">Centang dulu untuk memastikan.`, `aria-invalid="true" aria-describedby="confirm-error"`)

	res = e.deskPost(carPath(c)+"/delete", "alpha.test", e.ownerS, url.Values{"confirm": {"yes"}})
	wantStatusCode(t, "delete", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin/cars?deleted=1" {
		t.Errorf("Location %q", loc)
	}
	wantFragments(t, "stock", e.deskGet("/admin/cars?deleted=1", "alpha.test", e.ownerS).Body, "Mobil sudah dihapus.", "Belum ada mobil.")
	wantStatusCode(t, "gone", e.deskGet(carPath(c), "alpha.test", e.ownerS), http.StatusNotFound)
	if _, err := e.db("alpha").FindLeadByID(context.Background(), lead); err != nil {
		t.Errorf("the lead went with the car: %v", err)
	}
	// A second tap finds it gone: done.
	wantStatusCode(t, "again", e.deskPost(carPath(c)+"/delete", "alpha.test", e.ownerS, url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
}

// What customers write reaches the car's page only as text, and so does
// what staff type into a car.
func TestDeskCarHostile(t *testing.T) {
	e := newStockEnv(t)
	hostile := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`}
	form := deskCarForm("#H01", "available")
	form["model"], form["description"], form["keyFeatures"] = "Jazz <b>", hostile[0], hostile[1]
	res := e.deskPost("/admin/cars", "alpha.test", e.ownerS, formOf(form))
	wantStatusCode(t, "hostile car", res, http.StatusSeeOther)
	cars, _, _ := e.db("alpha").FindCars(context.Background(), store.CarFilter{})
	c := cars[0]
	for i, h := range hostile {
		e.asksAbout(c, fmt.Sprintf("62812000000%02d", i), h, nil)
	}
	for _, path := range []string{carPath(c), "/admin/cars"} {
		body := e.deskGet(path, "alpha.test", e.ownerS).Body
		for _, bad := range []string{"<script>alert", "<img src=x", `"><img`, `href="javascript:`, "<b>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s holds %q unescaped", path, bad)
			}
		}
	}
	wantFragments(t, "car page", e.deskGet(carPath(c), "alpha.test", e.ownerS).Body,
		"&lt;script&gt;alert(1)&lt;/script&gt;</a>", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</a>", ">javascript:alert(1)</a>")
}
