package e2e

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/chromedp/chromedp"
)

// onSale are the display codes of the demo's cars on sale that match keep.
func onSale(keep func(store.Car) bool) []string {
	var codes []string
	for _, c := range demo.Demo().Cars {
		if c.Status == store.CarAvailable && keep(c) {
			codes = append(codes, c.DisplayCode)
		}
	}
	slices.Sort(codes)
	return codes
}

// cardCodes are the display codes the catalogue's cards show, each card's
// name ending with its car's code.
func cardCodes(t *testing.T, tab context.Context) []string {
	t.Helper()
	names := eval[[]string](t, tab, `[...document.querySelectorAll("ul.cards .card-name")].map(e => e.textContent)`)
	codes := make([]string, 0, len(names))
	for _, n := range names {
		codes = append(codes, n[strings.LastIndex(n, " ")+1:])
	}
	slices.Sort(codes)
	return codes
}

// The catalogue lists every car on sale; its search narrows the cards to a
// brand and a price, and the result is a URL a customer can share.
func TestCatalogueFilter(t *testing.T) {
	s := site(t)
	tab := newTab(t, phone{})
	do(t, tab, chromedp.Navigate(s.url("/")), chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	if got, want := cardCodes(t, tab), onSale(func(store.Car) bool { return true }); !slices.Equal(got, want) {
		t.Fatalf("the catalogue shows %v, want the %d cars on sale %v", got, len(want), want)
	}

	const maxPrice = 300_000_000
	do(t, tab,
		chromedp.Click(chromedp.CSS("details.filters > summary")),
		chromedp.WaitVisible(chromedp.CSS(`select[name="brand"]`)),
		chromedp.SetValue(chromedp.CSS(`select[name="brand"]`), "Toyota"),
		chromedp.SetValue(chromedp.CSS(`select[name="maxPrice"]`), strconv.Itoa(maxPrice)),
		chromedp.Click(chromedp.CSS(`.filter-actions button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.filter-actions a[href="/"]`)), // the reset link of a filtered page
	)
	shared := location(t, tab)
	u, err := url.Parse(shared)
	if err != nil {
		t.Fatal(err)
	}
	if q := u.Query(); u.Path != "/" || q.Get("brand") != "Toyota" || q.Get("maxPrice") != strconv.Itoa(maxPrice) {
		t.Fatalf("the search went to %s, want /?brand=Toyota&maxPrice=%d", shared, maxPrice)
	}
	want := onSale(func(c store.Car) bool { return c.Brand == "Toyota" && c.Price <= maxPrice })
	if len(want) == 0 {
		t.Fatal("the demo has no Toyota under the price: pick another filter")
	}
	if got := cardCodes(t, tab); !slices.Equal(got, want) {
		t.Fatalf("filtered catalogue shows %v, want %v", got, want)
	}

	// The shared URL opens the same search in another customer's browser.
	other := newTab(t, phone{})
	do(t, other, chromedp.Navigate(shared), chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	if got := cardCodes(t, other); !slices.Equal(got, want) {
		t.Fatalf("the shared URL shows %v, want %v", got, want)
	}
	if v := eval[string](t, other, `document.querySelector('select[name="brand"]').value`); v != "Toyota" {
		t.Errorf("the shared URL's form shows brand %q, want Toyota", v)
	}
}
