package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// A car the staff mark sold leaves the catalogue on the next load and keeps
// its page, marked sold.
func TestSoldCarLeavesCatalogue(t *testing.T) {
	s := site(t)
	c := s.carByCode(t, "#A02")
	card := fmt.Sprintf(`ul.cards a[href="/mobil/%s"]`, c.Slug)
	tab := newTab(t, phone{})
	do(t, tab, chromedp.Navigate(s.url("/")), chromedp.WaitVisible(chromedp.CSS(card)))

	s.setStatus(t, c.ID, store.CarSold)
	t.Cleanup(func() { s.setStatus(t, c.ID, store.CarAvailable) })
	do(t, tab, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("p.count")))
	if eval[bool](t, tab, fmt.Sprintf(`!!document.querySelector(%q)`, card)) {
		t.Errorf("the catalogue still shows %s after it was sold", c.DisplayCode)
	}

	do(t, tab, chromedp.Navigate(s.url("/mobil/"+c.Slug)), chromedp.WaitVisible(chromedp.CSS(".car-head h1")))
	if badge := text(t, tab, ".car-head .badge"); badge != "Terjual" {
		t.Errorf("the sold car's badge is %q, want Terjual", badge)
	}
	if eval[bool](t, tab, `!!document.querySelector("#tanya, .car-head a.wa")`) {
		t.Error("the sold car's page still offers the inquiry form or the WhatsApp button about it")
	}
}

// A car whose texts hold HTML shows them as text: no script of theirs
// runs, and the page's structured data stays valid JSON.
func TestHostileCarContent(t *testing.T) {
	s := site(t)
	const model = `"><img src=x onerror="window.__xss=2">`
	const description = `<script>window.__xss=1</script>`
	var c car
	s.admin(t, http.MethodPost, "/api/admin/cars", map[string]any{"displayCode": "#X01", "brand": "Toyota",
		"model": model, "year": 2020, "color": "Hitam", "transmission": "Manual", "km": 10000,
		"price": 150_000_000, "status": store.CarAvailable, "description": description}, &c)
	t.Cleanup(func() { s.admin(t, http.MethodDelete, fmt.Sprintf("/api/admin/cars/%d", c.ID), nil, nil) })

	tab := newTab(t, phone{})
	for _, path := range []string{"/mobil/" + c.Slug, "/", "/?brand=Toyota"} {
		do(t, tab, chromedp.Navigate(s.url(path)), chromedp.WaitReady(chromedp.CSS("main")))
		if v := eval[string](t, tab, `typeof window.__xss`); v != "undefined" {
			t.Errorf("%s: the car's texts ran as script (window.__xss is %s)", path, eval[string](t, tab, `String(window.__xss)`))
		}
	}
	do(t, tab, chromedp.Navigate(s.url("/mobil/"+c.Slug)), chromedp.WaitVisible(chromedp.CSS(".car-head h1")))
	if got := eval[string](t, tab, `document.querySelector(".specs tr:nth-child(2) td").textContent`); got != model {
		t.Errorf("the model shows as %q, want the text %q", got, model)
	}
	if got := text(t, tab, "p.text"); got != description {
		t.Errorf("the description shows as %q, want the text %q", got, description)
	}
	var ld struct {
		Model       string `json:"model"`
		Description string `json:"description"`
	}
	raw := eval[string](t, tab, `document.querySelector('script[type="application/ld+json"]').textContent`)
	if err := json.Unmarshal([]byte(raw), &ld); err != nil {
		t.Fatalf("the structured data is no JSON: %v: %s", err, raw)
	}
	if ld.Model != model || ld.Description != description {
		t.Errorf("the structured data says model %q, description %q", ld.Model, ld.Description)
	}
}

// The website loads nothing from another host: no fonts, scripts,
// trackers or images of third parties, so a page costs a customer's data
// plan only what the showroom serves.
func TestNoThirdPartyRequests(t *testing.T) {
	s := site(t)
	c := carWithPhotos(t)
	tab := newTab(t, phone{})
	var mu sync.Mutex
	var requested []string
	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	do(t, tab,
		chromedp.Navigate(s.url("/")), chromedp.WaitVisible(chromedp.CSS("ul.cards")),
		chromedp.Navigate(s.url("/mobil/"+c.Slug)), chromedp.WaitVisible(chromedp.CSS(".gallery img")),
		chromedp.ScrollIntoView(chromedp.CSS("#tanya")),
		chromedp.Navigate(s.url("/mobil/"+c.Slug+"/terima-kasih")), chromedp.WaitVisible(chromedp.CSS("section.thanks")),
	)
	own, _ := url.Parse(s.base)
	mu.Lock()
	defer mu.Unlock()
	var foreign []string
	for _, r := range requested {
		u, err := url.Parse(r)
		if err != nil || u.Scheme != "data" && u.Host != own.Host {
			foreign = append(foreign, r)
		}
	}
	if len(foreign) > 0 {
		t.Errorf("the pages requested other hosts: %s", strings.Join(foreign, ", "))
	}
	if !slices.ContainsFunc(requested, func(r string) bool { return strings.Contains(r, "/uploads/") }) {
		t.Errorf("no photo was requested, so the check saw too little: %v", requested)
	}
}
