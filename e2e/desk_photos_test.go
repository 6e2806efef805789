package e2e

import (
	"context"
	"fmt"
	"image/color"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// carPhotos is what the suite reads of a car's photos from the admin API.
type carPhotos struct {
	Photos            []string `json:"photos"`
	PrimaryPhotoIndex int      `json:"primaryPhotoIndex"`
}

// On a phone, the owner uploads three photos from files to a car (a
// portrait JPEG stored on its side with EXIF orientation 6, a PNG and a
// landscape JPEG), each with its own progress bar, moves the last one up,
// makes the second primary, drags the first to the end; the portrait
// shows upright on the public page.
func TestDeskPhotosFromPhone(t *testing.T) {
	s := site(t)
	c := s.carByCode(t, "#C03")
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "IMG_0001.jpg"), filepath.Join(dir, "layar.png"), filepath.Join(dir, "IMG_0002.jpg")}
	for i, data := range [][]byte{
		phototest.WithExif(phototest.JPEG(phototest.Image(1600, 1200)), 6),
		phototest.PNG(phototest.Image(800, 600)),
		phototest.JPEG(photoOf(color.RGBA{40, 160, 90, 255})),
	} {
		if err := os.WriteFile(files[i], data, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	tab := s.staffTab(t, demoOwner.Email)
	page := s.url(fmt.Sprintf("/admin/cars/%d/photos", c.ID))
	do(t, tab, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#photo-files")))
	// The page reloads when the uploads are done: the bars are counted as
	// they appear, in storage that outlives the page.
	eval[bool](t, tab, `(() => { sessionStorage.removeItem("bars");
		new MutationObserver(() => sessionStorage.setItem("bars", document.querySelectorAll("#upload-progress progress").length))
			.observe(document.getElementById("upload-progress"), {childList: true, subtree: true}); return true })()`)
	do(t, tab, chromedp.SetUploadFiles(chromedp.CSS("#photo-files"), files),
		chromedp.Click(chromedp.CSS("#upload button[type=submit]")))
	if !settles(tab, `location.search === "?added=3" && document.querySelectorAll("#photo-list .photo").length === 3`, 30*time.Second) {
		t.Fatalf("the three photos did not show (at %s)", location(t, tab))
	}
	if bars := eval[string](t, tab, `sessionStorage.getItem("bars") || ""`); bars != "3" {
		t.Errorf("%q progress bars, want one per photo", bars)
	}
	var got carPhotos
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/cars/%d", c.ID), nil, &got)
	if len(got.Photos) != 3 {
		t.Fatalf("car has photos %v", got.Photos)
	}
	portrait, png, landscape := got.Photos[0], got.Photos[1], got.Photos[2]

	// The third moves up with its keyboard-reachable button, then the
	// second becomes primary.
	do(t, tab, chromedp.Click(chromedp.CSS(`#photo-2 button[aria-label="Geser foto 3 ke atas"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#photo-1 img[src*="`+thumbKey(landscape)+`"]`)),
		chromedp.Click(chromedp.CSS(`#photo-1 button[aria-label="Jadikan utama: foto 2"]`)),
		chromedp.WaitVisible(chromedp.CSS("#photo-1 .badge.primary")))
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/cars/%d", c.ID), nil, &got)
	if strings.Join(got.Photos, " ") != strings.Join([]string{portrait, landscape, png}, " ") || got.PrimaryPhotoIndex != 1 {
		t.Fatalf("photos %v primary %d, want the portrait, the landscape (primary), the PNG", got.Photos, got.PrimaryPhotoIndex)
	}

	// A drag of the first photo onto the last moves it there; the primary
	// stays the same picture.
	eval[bool](t, tab, `(() => {
		const dt = new DataTransfer(), from = document.querySelector("#photo-0"), to = document.querySelector("#photo-2");
		from.dispatchEvent(new DragEvent("dragstart", {dataTransfer: dt, bubbles: true}));
		to.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		to.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		from.dispatchEvent(new DragEvent("dragend", {dataTransfer: dt, bubbles: true}));
		return true })()`)
	do(t, tab, chromedp.WaitVisible(chromedp.CSS(`#photo-2 img[src*="`+thumbKey(portrait)+`"]`)))
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/cars/%d", c.ID), nil, &got)
	if strings.Join(got.Photos, " ") != strings.Join([]string{landscape, png, portrait}, " ") || got.PrimaryPhotoIndex != 0 {
		t.Fatalf("after the drag: photos %v primary %d, want the landscape (primary), the PNG, the portrait", got.Photos, got.PrimaryPhotoIndex)
	}

	// The public page shows the portrait standing up.
	do(t, tab, chromedp.Navigate(s.url("/mobil/"+c.Slug)), chromedp.WaitVisible(chromedp.CSS(".gallery")))
	sel := `.gallery img[src*="` + thumbKey(portrait) + `"]`
	eval[bool](t, tab, `(() => { const i = document.querySelector('`+sel+`'); i.loading = "eager"; i.scrollIntoView(); return true })()`)
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector('`+sel+`');
		return i.complete && i.naturalWidth > 0 })()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the portrait did not load on the public page: %v", err)
	}
	size := eval[struct{ W, H int }](t, tab, `(() => { const i = document.querySelector('`+sel+`'); return {w: i.naturalWidth, h: i.naturalHeight} })()`)
	if size.W >= size.H {
		t.Errorf("the portrait shows %d×%d on the public page, not upright", size.W, size.H)
	}
}

// thumbKey is the part of a photo's URL that its copies share.
func thumbKey(url string) string { return strings.TrimSuffix(url, ".jpg") }

// settles reports whether expr comes true in tab within timeout, across
// the page's own navigations (which interrupt a chromedp.Poll).
func settles(tab context.Context, expr string, timeout time.Duration) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return true
		}
	}
	return false
}

// A file that is not a photo, chosen with a good one, is named with its
// reason beside its bar; the good one is added and the list shows it
// without leaving the page.
func TestDeskPhotosRefusedOnPhone(t *testing.T) {
	s := site(t)
	c := s.carByCode(t, "#C04")
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "IMG_0003.jpg"), filepath.Join(dir, "catatan.jpg")
	if err := os.WriteFile(good, phototest.JPEG(photoOf(color.RGBA{200, 160, 40, 255})), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("bukan foto, hanya catatan"), 0o600); err != nil {
		t.Fatal(err)
	}
	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(s.url(fmt.Sprintf("/admin/cars/%d/photos", c.ID))), chromedp.WaitVisible(chromedp.CSS("#photo-files")),
		chromedp.SetUploadFiles(chromedp.CSS("#photo-files"), []string{good, bad}),
		chromedp.Click(chromedp.CSS("#upload button[type=submit]")))
	if !settles(tab, `document.querySelectorAll("#photo-list .photo").length === 1 &&
		document.querySelectorAll("#upload-progress .upload-state.done").length === 1`, 30*time.Second) {
		t.Fatal("the good photo was not added to the list")
	}
	if got := text(t, tab, "#upload-progress .upload-state.failed"); got != "Bukan foto. Pilih file JPEG, PNG atau WebP." {
		t.Errorf("the refused file's reason is %q", got)
	}
	if loc := location(t, tab); strings.Contains(loc, "added=") {
		t.Errorf("the page was left for %s: the reason is gone", loc)
	}
}
