package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// stockEnv is the lead page's showroom (owner, sales user, colleague, the
// real webhook) with cars added through the store.
type stockEnv struct {
	*deskLeadEnv
}

func newStockEnv(t *testing.T) *stockEnv { return &stockEnv{newDeskLeadEnv(t)} }

// car adds a car that came in daysAgo days ago.
func (e *stockEnv) car(code, brand string, price int64, status string, daysAgo int) *store.Car {
	e.t.Helper()
	db := e.db("alpha")
	at := time.Now().AddDate(0, 0, -daysAgo)
	db.Now = func() time.Time { return at }
	defer func() { db.Now = time.Now }()
	c := testCar(code, brand, "Model "+code, 2020, price, status)
	if err := db.CreateCar(context.Background(), c); err != nil {
		e.t.Fatal(err)
	}
	return c
}

// asksAbout posts a customer's WhatsApp message naming the car's display
// code, which links the lead to it, and assigns the lead to u (nil: nobody).
func (e *stockEnv) asksAbout(c *store.Car, phone, name string, u *store.User) int64 {
	e.t.Helper()
	id := e.inbound(phone, name, "Halo, "+c.DisplayCode+" masih ada?")
	e.assign(id, u)
	return id
}

func carPath(c *store.Car) string { return fmt.Sprintf("/admin/cars/%d", c.ID) }

// The stock is a grid of cards: code, name, price in Rupiah, status,
// days in stock coloured by age, and the leads asking about each car,
// counted within what the user may see.
func TestDeskCarsGrid(t *testing.T) {
	e := newStockEnv(t)
	fresh := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 2)
	old := e.car("#B01", "Honda", 135_000_000, store.CarBooking, 65)
	e.car("#C01", "Daihatsu", 145_000_000, store.CarAvailable, 100)
	e.asksAbout(fresh, "6281200000001", "Budi", e.sales)
	e.asksAbout(fresh, "6281200000002", "Siti", nil)
	e.asksAbout(fresh, "6281200000003", "Joko", e.colleague)

	res := e.deskGet("/admin/cars", "alpha.test", e.ownerS)
	wantStatusCode(t, "owner stock", res, http.StatusOK)
	wantFragments(t, "owner stock", res.Body, `aria-current="page"><svg`, ">Stok</span>", "3 mobil",
		fmt.Sprintf(`id="car-%d"`, fresh.ID), "#A01", "Toyota Model #A01 2020 Hitam #A01", "Rp 165.000.000",
		`class="badge car-available">Tersedia`, "2 hari di stok", "3 peminat",
		fmt.Sprintf(`class="card stock-card age-60" id="car-%d"`, old.ID), `class="badge car-booking">Booking`,
		"age-90", `href="/admin/cars/baru"`, `href="/admin/export/cars.csv"`, `href="/admin/import/cars"`,
		fmt.Sprintf(`action="/admin/cars/%d/status"`, fresh.ID), `data-live`)

	// Sales read the stock: no write control, and lead counts within
	// their own and unassigned leads.
	res = e.deskGet("/admin/cars", "alpha.test", e.salesS)
	wantStatusCode(t, "sales stock", res, http.StatusOK)
	wantFragments(t, "sales stock", res.Body, "#A01", "2 peminat", "Rp 135.000.000")
	wantAbsent(t, "sales stock", res.Body, "/status", "/admin/cars/baru", "cars.csv", "/admin/import/cars", "3 peminat")

	res = e.deskGet("/admin/cars", "alpha.test", "")
	if loc := res.Header.Get("Location"); res.Code != http.StatusSeeOther || loc != "/admin/login?next=%2Fadmin%2Fcars" {
		t.Errorf("signed out: %d %q", res.Code, loc)
	}
}

// Filters narrow the grid by status, brand, price and age, and a search
// by code or name; what cannot be used is named beside its field.
func TestDeskCarsFilters(t *testing.T) {
	e := newStockEnv(t)
	e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 2)
	e.car("#B01", "Honda", 135_000_000, store.CarBooking, 40)
	e.car("#C01", "Daihatsu", 245_000_000, store.CarSold, 100)
	for _, tc := range []struct {
		query         string
		want, notWant []string
	}{
		{"status=booking", []string{"#B01"}, []string{"#A01", "#C01"}},
		{"brand=honda", []string{"#B01"}, []string{"#A01", "#C01"}},
		{"minPrice=150.000.000&maxPrice=Rp+200.000.000", []string{"#A01"}, []string{"#B01", "#C01"}},
		{"age=0", []string{"#A01"}, []string{"#B01", "#C01"}},
		{"age=30", []string{"#B01"}, []string{"#A01", "#C01"}},
		{"age=90", []string{"#C01"}, []string{"#A01", "#B01"}},
		{"q=c01", []string{"#C01"}, []string{"#A01", "#B01"}},
		{"q=zzz", []string{"Tidak ada mobil yang cocok."}, []string{"#A01"}},
	} {
		res := e.deskGet("/admin/cars?"+tc.query, "alpha.test", e.salesS)
		wantStatusCode(t, tc.query, res, http.StatusOK)
		wantFragments(t, tc.query, res.Body, tc.want...)
		wantAbsent(t, tc.query, res.Body, tc.notWant...)
	}

	res := e.deskGet("/admin/cars?minPrice=murah&status=dijual&age=7&lang=en", "alpha.test", e.ownerS)
	wantStatusCode(t, "bad filters", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad filters", res.Body, `id="minPrice-error">Type the price in figures`, `value="murah"`,
		`id="status-error">Choose a status`, `id="age-error">Choose a time in stock`, "#A01", "#B01")
}

// The grid comes in pages, their links keeping the filters.
func TestDeskCarsPages(t *testing.T) {
	e := newStockEnv(t)
	for i := range 30 {
		e.car(fmt.Sprintf("#P%02d", i), "Toyota", 100_000_000, store.CarAvailable, 30-i)
	}
	res := e.deskGet("/admin/cars?brand=Toyota", "alpha.test", e.ownerS)
	wantFragments(t, "page 1", res.Body, "30 mobil", "#P29", "Halaman 1 dari 2", `href="/admin/cars?brand=Toyota&amp;page=2" rel="next"`)
	wantAbsent(t, "page 1", res.Body, "#P05", `rel="prev"`)
	res = e.deskGet("/admin/cars?brand=Toyota&page=2", "alpha.test", e.ownerS)
	wantFragments(t, "page 2", res.Body, "#P05", "#P00", "Halaman 2 dari 2", `href="/admin/cars?brand=Toyota" rel="prev"`)
	wantAbsent(t, "page 2", res.Body, "#P29", `rel="next"`)
}

// One tap marks a car sold: the public catalogue drops it at once, the
// card shows a notice whose Undo brings it back.
func TestDeskCarsMarkSoldAndUndo(t *testing.T) {
	e := newStockEnv(t)
	c := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)
	onSite := func() bool {
		t.Helper()
		res := e.deskGet("/", "alpha.test", "")
		wantStatusCode(t, "catalogue", res, http.StatusOK)
		return strings.Contains(res.Body, "/mobil/"+c.Slug)
	}
	if !onSite() { // and now the catalogue page is in the response cache
		t.Fatal("the available car is not in the catalogue")
	}

	back := "/admin/cars?brand=Toyota"
	status := fmt.Sprintf("/admin/cars/%d/status", c.ID)
	res := e.deskPost(status, "alpha.test", e.ownerS, url.Values{"status": {"sold"}, "back": {back}})
	wantStatusCode(t, "mark sold", res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	if want := fmt.Sprintf("/admin/cars?brand=Toyota&changed=%d&was=available#car-%d", c.ID, c.ID); loc != want {
		t.Fatalf("Location %q, want %q", loc, want)
	}
	if onSite() {
		t.Error("the sold car is still in the catalogue")
	}
	page, _, _ := strings.Cut(loc, "#") // a browser keeps the fragment
	res = e.deskGet(page, "alpha.test", e.ownerS)
	wantFragments(t, "notice", res.Body, `class="notice stock-notice" role="status">#A01 sekarang Terjual.`,
		`name="status" value="available"`, `name="undo" value="1"`, "Urungkan (kembali Tersedia)", `class="badge car-sold">Terjual`)

	res = e.deskPost(status, "alpha.test", e.ownerS, url.Values{"status": {"available"}, "undo": {"1"}, "back": {back}})
	wantStatusCode(t, "undo", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != fmt.Sprintf("/admin/cars?brand=Toyota#car-%d", c.ID) {
		t.Errorf("undo Location %q", loc)
	}
	if !onSite() {
		t.Error("the car is back for sale but not in the catalogue")
	}
	if got, _ := e.db("alpha").FindCarByID(context.Background(), c.ID); got.Status != store.CarAvailable || got.SoldAt != nil {
		t.Errorf("after undo: %s %v", got.Status, got.SoldAt)
	}

	// A back address off the stock, and a missing status, are refused.
	res = e.deskPost(status, "alpha.test", e.ownerS, url.Values{"status": {"booking"}, "back": {"https://evil.example/"}})
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/admin/cars?changed=") {
		t.Errorf("foreign back: Location %q", loc)
	}
	res = e.deskPost(status, "alpha.test", e.ownerS, url.Values{})
	wantStatusCode(t, "no status", res, http.StatusBadRequest)
}

// Sales cannot change the stock: every write is refused by the server,
// not only hidden; and no write comes from another site.
func TestDeskCarsWritesRefused(t *testing.T) {
	e := newStockEnv(t)
	c := e.car("#A01", "Toyota", 165_000_000, store.CarAvailable, 3)
	form := url.Values{}
	for k, v := range deskCarForm("#Z01", "available") {
		form.Set(k, v)
	}
	posts := []struct {
		path string
		form url.Values
	}{
		{"/admin/cars", form},
		{carPath(c), form},
		{carPath(c) + "/status", url.Values{"status": {"sold"}}},
		{carPath(c) + "/delete", url.Values{"confirm": {"yes"}}},
	}
	for _, p := range posts {
		wantStatusCode(t, "sales "+p.path, e.deskPost(p.path, "alpha.test", e.salesS, p.form), http.StatusForbidden)
		req := newFormRequest(p.path, "alpha.test", p.form)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
		wantStatusCode(t, "cross-site "+p.path, e.serve(req), http.StatusForbidden)
	}
	wantStatusCode(t, "sales new form", e.deskGet("/admin/cars/baru", "alpha.test", e.salesS), http.StatusForbidden)
	if got, _ := e.db("alpha").FindCarByID(context.Background(), c.ID); got.Status != store.CarAvailable || got.DisplayCode != "#A01" {
		t.Errorf("the car changed: %+v", got)
	}
	if n := e.count("alpha", "SELECT COUNT(*) FROM cars"); n != 1 {
		t.Errorf("%d cars", n)
	}
}
