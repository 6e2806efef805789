package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shot is one page to capture: where, what shows it is ready, and what to
// scroll into view first ("" for the top).
type shot struct {
	name, path, wait, scrollTo string
}

// devices are the two sizes every page is captured at.
var devices = []struct {
	name string
	dev  chromedp.Device
}{{"phone", phone{}}, {"desktop", desktop{}}}

// TestScreenshots saves the catalogue, a car page (its top and its
// inquiry form) and the thank-you page on a phone and on a desktop, into
// $E2E_SCREENSHOTS (screenshotDir), for a person to look at: a test cannot
// tell a cramped or misaligned page.
func TestScreenshots(t *testing.T) {
	s := site(t)
	c := carWithPhotos(t)
	dir := screenshotDir(t)
	for _, dev := range devices {
		tab := newTab(t, dev.dev)
		for _, sh := range []shot{
			{"home", "/", "ul.cards", ""},
			{"car", "/mobil/" + c.Slug, ".gallery img", ""},
			{"car-form", "/mobil/" + c.Slug, "#tanya", "#tanya"},
			{"thanks", "/mobil/" + c.Slug + "/terima-kasih", "section.thanks", ""},
		} {
			capture(t, tab, s, sh, filepath.Join(dir, "site-"+sh.name+"-"+dev.name+".png"))
		}
	}
}

// screenshotDir is $E2E_SCREENSHOTS, kept for a person to look at, or a
// temporary directory removed after the test: the pages are still loaded
// and drawn whole.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// capture opens sh in tab, waits until it is ready and every image in view
// has loaded (so none is caught half drawn), and saves the screen to file.
func capture(t *testing.T, tab context.Context, s *server, sh shot, file string) {
	t.Helper()
	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(s.url(sh.path)), chromedp.WaitVisible(chromedp.CSS(sh.wait))}
	if sh.scrollTo != "" {
		steps = append(steps, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, sh.scrollTo)))
	}
	steps = append(steps, chromedp.Poll[chromedp.Void](
		`[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)`,
		chromedp.WithPollingTimeout(10*time.Second)))
	do(t, tab, steps...)
	shoot(t, tab, file)
}

// shoot saves what tab shows to file.
func shoot(t *testing.T, tab context.Context, file string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
