package http_test

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// The stock file goes back in as it came out: exported from one showroom
// and imported into an empty one, it gives the same cars, every field of
// the file (photos are not in it) and the computed name and slug alike.
func TestDeskCSVRoundTrip(t *testing.T) {
	e := newDeskEnv(t)
	e.createTenant("beta")
	e.createUser("beta", "owner@beta.test", store.RoleOwner)
	cars := []*store.Car{
		{DisplayCode: "#A01", Brand: "Toyota", Model: "Avanza", Year: 2020, Color: "Hitam", Transmission: "Manual",
			Km: 45000, Price: 165_000_000, Status: store.CarAvailable},
		{DisplayCode: "=A02", Brand: "Daihatsu", Model: "Xenia 1.5 R", Year: 2021, Color: "Abu-abu", Transmission: "Matic",
			Km: 0, Price: 0, FuelType: "Bensin", PlateNumber: "L 1234 AB", StockCode: "-STK-002", Status: store.CarSold,
			KeyFeatures:    []string{"@AC double blower", "Velg 16\", \"racing\"", "'Kunci serep"},
			ConditionNotes: "Baris satu\nBaris dua; tiga, \"empat\"", Description: "+62 812 3456 7890\n\n=HYPERLINK(\"x\")"},
		{DisplayCode: "ŠK-03", Brand: "Škoda", Model: "Octavia", Year: 2019, Color: "Putih", Transmission: "Matic",
			Km: 9_999_999, Price: 999_999_999_999, Status: store.CarDraft, Description: "<script>alert(1)</script>"},
		{DisplayCode: "#A04", Brand: "Honda", Model: "Brio", Year: 2022, Color: "Merah", Transmission: "Manual",
			Km: 12, Price: 135_000_000, Status: store.CarBooking},
	}
	for _, c := range cars {
		if err := e.db("alpha").CreateCar(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	res := e.deskGet("/admin/export/cars.csv", "alpha.test", e.signIn("alpha.test", "owner@alpha.test").Value)
	wantStatusCode(t, "export", res, http.StatusOK)

	betaS := e.signIn("beta.test", "owner@beta.test").Value
	wantStatusCode(t, "preview", e.uploadCSV("/admin/import/cars", "beta.test", betaS, res.Body), http.StatusOK)
	wantStatusCode(t, "import", e.deskPost("/admin/import/cars/confirm", "beta.test", betaS, url.Values{"csv": {res.Body}}), http.StatusSeeOther)

	got := e.cars("beta")
	if len(got) != len(cars) {
		t.Fatalf("%d cars imported, want %d", len(got), len(cars))
	}
	for i, want := range e.cars("alpha") {
		g := *got[i]
		w := *want
		g.ID, g.CreatedAt, g.UpdatedAt, g.SoldAt = w.ID, w.CreatedAt, w.UpdatedAt, w.SoldAt
		if !reflect.DeepEqual(g, w) {
			t.Errorf("car %d:\n got %+v\nwant %+v", i, g, w)
		}
		if (got[i].SoldAt != nil) != (want.SoldAt != nil) {
			t.Errorf("car %d: sold at %v, want %v", i, got[i].SoldAt, want.SoldAt)
		}
	}
}
