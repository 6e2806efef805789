package e2e

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// On a phone, the owner uploads a logo with a transparent background from
// a file; the settings page shows it, the website's header loads it from
// the showroom's own host (its CSP allows no other), and the owner
// removes it again.
func TestDeskSettingsLogoFromPhone(t *testing.T) {
	s := site(t)
	img := image.NewNRGBA(image.Rect(0, 0, 900, 300))
	for y := 60; y < 240; y++ {
		for x := 60; x < 840; x++ {
			img.Set(x, y, color.NRGBA{R: 180, G: 20, B: 30, A: 255})
		}
	}
	file := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(file, phototest.PNG(img), 0o600); err != nil {
		t.Fatal(err)
	}

	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(s.url("/admin/settings#logo")), chromedp.WaitVisible(chromedp.CSS("#f-logo")),
		chromedp.SetUploadFiles(chromedp.CSS("#f-logo"), []string{file}),
		chromedp.Click(chromedp.CSS(`#logo form[action="/admin/settings/logo"] button[type=submit]`)))
	if !settles(tab, `location.search === "?saved=logo" && !!document.querySelector("#logo img.settings-logo")`, 20*time.Second) {
		t.Fatalf("the uploaded logo did not show (at %s)", location(t, tab))
	}
	src := eval[string](t, tab, `document.querySelector("#logo img.settings-logo").getAttribute("src")`)
	if !strings.HasPrefix(src, "/uploads/") || !strings.HasSuffix(src, ".png") {
		t.Fatalf("logo src %q", src)
	}

	do(t, tab, chromedp.Navigate(s.url("/")), chromedp.WaitVisible(chromedp.CSS(".brand")))
	if !settles(tab, `(() => { const i = document.querySelector('.brand img[src="`+src+`"]'); return !!i && i.complete && i.naturalWidth === 512 })()`, 10*time.Second) {
		t.Fatalf("the website's header did not load the logo %s", src)
	}

	do(t, tab, chromedp.Navigate(s.url("/admin/settings#logo")),
		chromedp.Click(chromedp.CSS(`#logo form[action="/admin/settings/logo/delete"] button`)))
	if !settles(tab, `location.search === "?saved=logoRemoved" && !document.querySelector("#logo img")`, 10*time.Second) {
		t.Fatalf("the logo was not removed (at %s)", location(t, tab))
	}
}
