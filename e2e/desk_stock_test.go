package e2e

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// On a phone the owner adds a car from the stock page, finds it in the
// grid, marks it sold with one tap (the public catalogue drops it), undoes
// that, and deletes it; a salesperson sees the stock without a control
// that changes it.
func TestDeskStockOnPhone(t *testing.T) {
	s := site(t)
	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(s.url("/admin")), chromedp.Click(chromedp.CSS(`nav.tabs a[href="/admin/cars"]`)),
		chromedp.WaitVisible(chromedp.CSS(".stock")), chromedp.Click(chromedp.CSS(`a[href="/admin/cars/baru"]`)),
		chromedp.WaitVisible(chromedp.CSS("#car-form")))
	for field, value := range map[string]string{"displayCode": "#E2E", "brand": "Suzuki", "model": "Ertiga GX",
		"year": "2021", "color": "Abu-abu", "km": "21.000", "price": "Rp 189.000.000", "fuelType": "Bensin",
		"keyFeatures": "Kamera mundur\nJok kulit", "description": "Tangan pertama"} {
		do(t, tab, chromedp.SetValue(chromedp.CSS("#f-"+field), value))
	}
	do(t, tab, chromedp.SetValue(chromedp.CSS("#f-transmission"), "Matic"), chromedp.SetValue(chromedp.CSS("#f-status"), "available"),
		chromedp.Click(chromedp.CSS("#car-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".notice")))
	if got := text(t, tab, "main h1"); got != "Suzuki Ertiga GX 2021 Abu-abu #E2E" {
		t.Fatalf("car page heading %q", got)
	}
	const slug = "suzuki-ertiga-gx-2021-abu-abu-e2e"
	if !eval[bool](t, tab, `document.querySelector('a[href^="https://wa.me/?text="]') !== null && document.querySelector('a[href$="/mobil/`+slug+`"]') !== null`) {
		t.Error("the car page has no public link or WhatsApp share link")
	}
	if !catalogueShows(t, s, slug) {
		t.Fatal("the new available car is not in the public catalogue")
	}

	do(t, tab, chromedp.Navigate(s.url("/admin/cars?q=%23E2E")), chromedp.WaitVisible(chromedp.CSS(".stock-card")))
	do(t, tab,
		chromedp.Click(chromedp.CSS(`.stock-card .stock-marks form:last-child button`)),
		chromedp.WaitVisible(chromedp.CSS(".stock-notice")))
	if got := text(t, tab, ".stock-card .badge"); got != "Terjual" {
		t.Errorf("badge after the tap %q", got)
	}
	if catalogueShows(t, s, slug) {
		t.Error("the sold car is still in the public catalogue")
	}
	do(t, tab, chromedp.Click(chromedp.CSS(".stock-notice button")), chromedp.WaitNotPresent(chromedp.CSS(".stock-notice")))
	if got := text(t, tab, ".stock-card .badge"); got != "Tersedia" {
		t.Errorf("badge after undo %q", got)
	}
	if !catalogueShows(t, s, slug) {
		t.Error("the car is for sale again but not in the public catalogue")
	}

	sales := s.staffTab(t, demoSales.Email)
	do(t, sales, chromedp.Navigate(s.url("/admin/cars?q=%23E2E")), chromedp.WaitVisible(chromedp.CSS(".stock-card")))
	if eval[bool](t, sales, `document.querySelector('main form[method=post], a[href="/admin/cars/baru"]') !== null`) {
		t.Error("a salesperson sees a control that changes the stock")
	}

	do(t, tab, chromedp.Click(chromedp.CSS(".stock-open")), chromedp.WaitVisible(chromedp.CSS("#delete")),
		chromedp.Click(chromedp.CSS(`#delete input[name=confirm]`)), chromedp.Click(chromedp.CSS("#delete button")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if catalogueShows(t, s, slug) {
		t.Error("the deleted car is still in the public catalogue")
	}
}

// catalogueShows reports whether the public catalogue's first page, newest
// cars first, links the car slug.
func catalogueShows(t *testing.T, s *server, slug string) bool {
	t.Helper()
	res, err := http.Get(s.url("/"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(b), "/mobil/"+slug)
}
