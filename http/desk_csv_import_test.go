package http_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// importEnv is showroom alpha with an owner signed in, and one car #A01 in
// stock.
type importEnv struct {
	*deskEnv
	ownerS string
}

func newImportEnv(t *testing.T) *importEnv {
	e := &importEnv{deskEnv: newDeskEnv(t)}
	e.ownerS = e.signIn("alpha.test", "owner@alpha.test").Value
	if err := e.db("alpha").CreateCar(t.Context(), &store.Car{DisplayCode: "#A01", Brand: "Toyota", Model: "Avanza",
		Year: 2020, Color: "Hitam", Transmission: "Manual", Km: 1000, Price: 150_000_000}); err != nil {
		t.Fatal(err)
	}
	return e
}

// confirm sends the file back as the preview's hidden field does.
func (e *importEnv) confirm(file string) *response {
	e.t.Helper()
	return e.deskPost("/admin/import/cars/confirm", "alpha.test", e.ownerS, url.Values{"csv": {file}})
}

// The preview writes nothing and shows every row; the import writes them
// all and comes back to the form, which says how many.
func TestDeskImportCars(t *testing.T) {
	e := newImportEnv(t)
	// Excel in Indonesia: semicolons, grouped prices, headers in any case
	// and order, optional columns.
	file := "\uFEFFkode;Merek;Model;Tahun;Warna;Transmisi;Kilometer;Harga;Status;Fitur utama\r\n" +
		"#B01;Honda;Brio;2021;Putih;matic;28.000;Rp 165.000.000;available;\"AC dingin\nKunci serep\"\r\n" +
		"#B02;Honda;HR-V;2022;Putih;Matic;22000;385000000,00;;\r\n"
	res := e.uploadCSV("/admin/import/cars", "alpha.test", e.ownerS, file)
	wantStatusCode(t, "preview", res, http.StatusOK)
	wantFragments(t, "preview", res.Body, "2 baris: 2 siap, 0 bermasalah.", "Impor 2 mobil",
		`action="/admin/import/cars/confirm"`, "<td>#B01</td><td class=\"car\">Honda Brio 2021 Putih</td><td class=\"num\">Rp 165.000.000</td>")
	if n := len(e.cars("alpha")); n != 1 {
		t.Fatalf("the preview wrote: %d cars", n)
	}

	res = e.confirm(file)
	wantStatusCode(t, "import", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin/import/cars?imported=2#result" {
		t.Errorf("Location %q", loc)
	}
	cars := e.cars("alpha")
	if len(cars) != 3 {
		t.Fatalf("%d cars after the import", len(cars))
	}
	b01, b02 := cars[1], cars[2]
	if b01.Transmission != "Matic" || b01.Km != 28000 || b01.Price != 165_000_000 || b01.Status != "available" ||
		strings.Join(b01.KeyFeatures, "|") != "AC dingin|Kunci serep" || b01.Slug != "honda-brio-2021-putih-b01" {
		t.Errorf("#B01 stored as %+v", b01)
	}
	if b02.Price != 385_000_000 || b02.Status != store.CarDraft {
		t.Errorf("#B02 stored as %+v", b02)
	}
	wantFragments(t, "after", e.deskGet("/admin/import/cars?imported=2", "alpha.test", e.ownerS).Body, "2 mobil berhasil diimpor.")
}

// Each bad file is answered with its problem in the page, in the user's
// language, with a 422, and nothing is written.
func TestDeskImportRefused(t *testing.T) {
	e := newImportEnv(t)
	row := func(code string) string { return code + ",Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n" }
	many := func(n int) string {
		var b strings.Builder
		b.WriteString(csvHeader)
		for i := range n {
			b.WriteString(row(fmt.Sprintf("#G%05d", i)))
		}
		return b.String()
	}
	// Row 812 repeats row 2's code: a spreadsheet's row numbers, header
	// as row 1.
	dup := many(810) + row("#G00000")
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"no file", "", []string{"Pilih file CSV"}},
		{"a wrong header", "Code,Merek,Model,Tahun,Warna,Transmisi,Kilometer,Harga,Merek\n" + row("#B01"),
			[]string{"Kolom tidak dikenal: “Code”.", "Kolom “Merek” muncul dua kali.", "Kolom wajib tidak ada: “Kode”."}},
		{"only a header", csvHeader, []string{"File hanya berisi judul kolom"}},
		{"10,000 rows", many(10000), []string{"File berisi lebih dari 2.000 baris mobil."}},
		{"too large", csvHeader + row("#B01") + strings.Repeat(" ", 2<<20), []string{"File lebih dari 2 MB."}},
		{"not UTF-8", csvHeader + "#B01,Citro\xebn,C3,2020,Hitam,Manual,1000,150000000\n", []string{"File bukan UTF-8."}},
		{"not CSV", csvHeader + "#B01,\"Toyota,Avanza\n", []string{"File tidak terbaca sebagai CSV mulai baris 2"}},
		{"a bad price", csvHeader + row("#B01") + "#B02,Toyota,Avanza,2020,Hitam,Manual,1000,150jt\n" +
			"#B03,Toyota,Avanza,2020,Hitam,Manual,1000,1.50\n" + "#B04,Toyota,Avanza,2020,Hitam,Manual,1000,-5\n",
			[]string{"4 baris: 1 siap, 3 bermasalah.", "<tr><td>3</td><td>Harga</td><td class=\"field-error\">Harga harus angka bulat",
				"<tr><td>4</td><td>Harga</td>", "<tr><td>5</td><td>Harga</td>"}},
		{"a duplicate code on row 812", dup, []string{"811 baris: 810 siap, 1 bermasalah.",
			"<tr><td>812</td><td>Kode</td><td class=\"field-error\">Kode sama dengan baris 2.</td></tr>"}},
		{"a code already in stock", csvHeader + row("#a01"), []string{"<tr><td>2</td><td>Kode</td><td class=\"field-error\">Kode sudah dipakai mobil lain di stok.</td></tr>"}},
		{"rules of the store", csvHeader + ",Toyota,Avanza,1970,Hitam,CVT,,1\n" + "#B09,Toyota,Avanza,2020,Hitam,Manual,1000,1,extra\n",
			[]string{"<tr><td>2</td><td>Kode</td><td class=\"field-error\">Wajib diisi.</td></tr>",
				"<tr><td>2</td><td>Tahun</td><td class=\"field-error\">Tahun harus angka antara 1980",
				"<tr><td>2</td><td>Transmisi</td><td class=\"field-error\">Transmisi harus Manual atau Matic.",
				"<tr><td>2</td><td>Kilometer</td><td class=\"field-error\">Wajib diisi.",
				"<tr><td>3</td><td><span class=\"muted\">seluruh baris</span></td><td class=\"field-error\">Baris ini punya lebih dari 8 sel"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.uploadCSV("/admin/import/cars", "alpha.test", e.ownerS, tc.file)
			wantStatusCode(t, "preview", res, http.StatusUnprocessableEntity)
			wantFragments(t, tc.name, res.Body, tc.want...)
			if strings.Contains(res.Body, "/admin/import/cars/confirm") {
				t.Error("a file with problems is offered for import")
			}
			// The preview is not trusted: the same file sent to be written
			// is checked again and refused.
			wantStatusCode(t, "confirm", e.confirm(tc.file), http.StatusUnprocessableEntity)
			if n := len(e.cars("alpha")); n != 1 {
				t.Fatalf("%d cars after a refused file", n)
			}
		})
	}
	// A body beyond twice the file limit is refused before it is read,
	// with a page that says why.
	res := e.uploadCSV("/admin/import/cars", "alpha.test", e.ownerS, csvHeader+strings.Repeat(" ", 5<<20))
	wantStatusCode(t, "a 5 MB file", res, http.StatusRequestEntityTooLarge)
	wantFragments(t, "a 5 MB file", res.Body, "<h1>Terlalu besar</h1>")
	if n := len(e.cars("alpha")); n != 1 {
		t.Fatalf("%d cars after a refused file", n)
	}
	res = e.uploadCSV("/admin/import/cars?lang=en", "alpha.test", e.ownerS, csvHeader+"#B02,Toyota,Avanza,2020,Hitam,Manual,1000,150jt\n")
	wantFragments(t, "English", res.Body, "The price must be a whole number of rupiah")
}

// A code taken between the preview and the import is found when the file
// comes back, and nothing of it is written.
func TestDeskImportStockChanged(t *testing.T) {
	e := newImportEnv(t)
	file := csvHeader + "#B01,Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n#B02,Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n"
	wantStatusCode(t, "preview", e.uploadCSV("/admin/import/cars", "alpha.test", e.ownerS, file), http.StatusOK)
	if err := e.db("alpha").CreateCar(t.Context(), &store.Car{DisplayCode: "#B02", Brand: "Honda", Model: "Jazz",
		Year: 2019, Color: "Merah", Transmission: "Matic", Km: 1, Price: 1}); err != nil {
		t.Fatal(err)
	}
	res := e.confirm(file)
	wantStatusCode(t, "import", res, http.StatusUnprocessableEntity)
	wantFragments(t, "import", res.Body, "Ada yang berubah sejak pratinjau", "<tr><td>3</td><td>Kode</td>")
	if n := len(e.cars("alpha")); n != 2 {
		t.Errorf("%d cars, want #A01 and the #B02 added meanwhile", n)
	}
}

// Sales see the stock read-only: the import is refused them, as it is to a
// post from another site.
func TestDeskImportRoles(t *testing.T) {
	e := newImportEnv(t)
	salesS := e.signIn("alpha.test", "sales@alpha.test").Value
	file := csvHeader + "#B01,Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n"
	wantStatusCode(t, "sales form", e.deskGet("/admin/import/cars", "alpha.test", salesS), http.StatusForbidden)
	wantStatusCode(t, "sales preview", e.uploadCSV("/admin/import/cars", "alpha.test", salesS, file), http.StatusForbidden)
	wantStatusCode(t, "sales import", e.deskPost("/admin/import/cars/confirm", "alpha.test", salesS, url.Values{"csv": {file}}), http.StatusForbidden)
	for _, path := range []string{"/admin/import/cars", "/admin/import/cars/confirm"} {
		req := newFormRequest(path, "alpha.test", url.Values{"csv": {file}})
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
		wantStatusCode(t, "cross-site "+path, e.serve(req), http.StatusForbidden)
	}
	if n := len(e.cars("alpha")); n != 1 {
		t.Errorf("%d cars after refused imports", n)
	}
	form := e.deskGet("/admin/import/cars", "alpha.test", e.ownerS)
	wantStatusCode(t, "owner form", form, http.StatusOK)
	wantFragments(t, "owner form", form.Body, `enctype="multipart/form-data"`, `<input id="file" name="file" type="file"`,
		`href="/admin/export/cars.csv"`, "Maksimal 2.000 baris dan 2 MB per file.")
}

// What a file holds is data: hostile cells show escaped in the preview.
func TestDeskImportHostileCells(t *testing.T) {
	e := newImportEnv(t)
	file := csvHeader + `"<script>alert(1)</script>","""><img src=x onerror=alert(1)>",javascript:alert(1),2020,Hitam,Manual,1000,150000000` + "\n"
	res := e.uploadCSV("/admin/import/cars", "alpha.test", e.ownerS, file)
	wantStatusCode(t, "preview", res, http.StatusOK)
	for _, bad := range []string{"<script>alert", "<img src=x", `"><img`} {
		if strings.Contains(res.Body, bad) {
			t.Errorf("preview holds %q unescaped", bad)
		}
	}
	wantFragments(t, "preview", res.Body, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; javascript:alert(1) 2020 Hitam")
}
