package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// The leads file holds the leads the user may see, customers' text kept as
// text: a name that a spreadsheet would run as a formula starts with an
// apostrophe.
func TestDeskExportLeads(t *testing.T) {
	e := newDeskLeadEnv(t)
	formula := `=HYPERLINK("http://evil.test","klik")`
	own := e.inbound("6281200000001", formula, "Avanza masih ada?")
	e.assign(own, e.sales)
	e.inbound("6281200000002", "@SUM(1+1)", "Halo")
	colleagues := e.inbound("6281200000003", "Joko", "Halo")
	e.assign(colleagues, e.colleague)

	res := e.deskGet("/admin/export/leads.csv", "alpha.test", e.salesS)
	wantStatusCode(t, "sales export", res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="prospek-alpha-\d{4}-\d{2}-\d{2}\.csv"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q", cd)
	}
	records := readCSV(t, res)
	if got := records[0][:5]; !slices.Equal(got, []string{"ID", "Nama", "Telepon", "Status", "Sumber"}) {
		t.Errorf("header %q", records[0])
	}
	names := map[string][]string{}
	for _, r := range records[1:] {
		names[r[1]] = r
	}
	if len(records) != 3 || names["'"+formula] == nil || names["'@SUM(1+1)"] == nil {
		t.Fatalf("sales got %q, want their own and the free lead, neutralised", records)
	}
	if r := names["'"+formula]; r[2] != "'+6281200000001" || r[3] != "Baru" || r[4] != "WhatsApp" || r[7] != e.sales.Name {
		t.Errorf("own lead row %q", r)
	}

	wantFragments(t, "inbox", e.deskGet("/admin/leads", "alpha.test", e.salesS).Body,
		`<a href="/admin/export/leads.csv" download>Unduh semua prospek yang bisa Anda lihat (CSV)</a>`)
	all := readCSV(t, e.deskGet("/admin/export/leads.csv?lang=en", "alpha.test", e.ownerS))
	if len(all) != 4 {
		t.Errorf("owner got %d rows, want 3 leads and the header", len(all))
	}
	if all[1][3] != "New" {
		t.Errorf("owner in English: status %q", all[1][3])
	}
}

// The stock file is the back office's: owners and admins download it,
// sales are refused (403) as they are on every write of the stock.
func TestDeskExportCars(t *testing.T) {
	e := newDeskEnv(t)
	e.createUser("alpha", "admin@alpha.test", store.RoleAdmin)
	c := &store.Car{DisplayCode: "#A01", Brand: "Toyota", Model: "Avanza", Year: 2020, Color: "Hitam",
		Transmission: "Manual", Km: 45000, Price: 165_000_000, Status: store.CarAvailable,
		KeyFeatures: []string{"-Velg racing", "Kunci serep"}, Description: "=1+1\nBaris dua"}
	if err := e.db("alpha").CreateCar(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"owner@alpha.test", "admin@alpha.test"} {
		res := e.deskGet("/admin/export/cars.csv", "alpha.test", e.signIn("alpha.test", who).Value)
		wantStatusCode(t, who, res, http.StatusOK)
		records := readCSV(t, res)
		want := []string{"Kode", "Merek", "Model", "Tahun", "Warna", "Transmisi", "Kilometer", "Harga", "Bahan bakar",
			"Nomor polisi", "Kode stok", "Status", "Fitur utama", "Catatan kondisi", "Deskripsi"}
		if !slices.Equal(records[0], want) {
			t.Errorf("header %q", records[0])
		}
		row := strings.Join(records[1], "|")
		if row != "#A01|Toyota|Avanza|2020|Hitam|Manual|45000|165000000||||available|'-Velg racing\nKunci serep||'=1+1\nBaris dua" {
			t.Errorf("row %q", row)
		}
	}
	res := e.deskGet("/admin/export/cars.csv", "alpha.test", e.signIn("alpha.test", "sales@alpha.test").Value)
	wantStatusCode(t, "sales", res, http.StatusForbidden)
	wantRedirect(t, "signed out", e.deskGet("/admin/export/cars.csv", "alpha.test", ""), "/admin/login?next="+url.QueryEscape("/admin/export/cars.csv"))
}
