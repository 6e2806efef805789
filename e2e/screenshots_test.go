package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScreenshots saves the catalogue, a car page (its top and its
// inquiry form) and the thank-you page on a phone and on a desktop, into
// $E2E_SCREENSHOTS or a temporary directory it prints, for a person to
// look at: a test cannot tell a cramped or misaligned page.
func TestScreenshots(t *testing.T) {
	s := site(t)
	c := carWithPhotos(t)
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "autoleads-screenshots-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)

	shots := []struct {
		name, path, wait, scrollTo string
	}{
		{"home", "/", "ul.cards", ""},
		{"car", "/mobil/" + c.Slug, ".gallery img", ""},
		{"car-form", "/mobil/" + c.Slug, "#tanya", "#tanya"},
		{"thanks", "/mobil/" + c.Slug + "/terima-kasih", "section.thanks", ""},
	}
	for _, dev := range []struct {
		name string
		dev  chromedp.Device
	}{{"phone", phone{}}, {"desktop", desktop{}}} {
		tab := newTab(t, dev.dev)
		for _, shot := range shots {
			steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(s.url(shot.path)), chromedp.WaitVisible(chromedp.CSS(shot.wait))}
			if shot.scrollTo != "" {
				steps = append(steps, chromedp.Evaluate[chromedp.Void](`document.querySelector("`+shot.scrollTo+`").scrollIntoView()`))
			}
			// Every image in view has loaded, so none is caught half drawn.
			steps = append(steps, chromedp.Poll[chromedp.Void](
				`[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)`,
				chromedp.WithPollingTimeout(10*time.Second)))
			do(t, tab, steps...)
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "site-"+shot.name+"-"+dev.name+".png")
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
