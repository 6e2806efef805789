package http_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// servedJPEG gets url from alpha's host, checks it is an immutable JPEG
// without metadata, and decodes it.
func (e *carEnv) servedJPEG(t *testing.T, url string) image.Image {
	t.Helper()
	res := e.do("GET", url, "alpha.test", "", nil)
	if res.Code != 200 {
		t.Fatalf("GET %s: %d %s", url, res.Code, res.Body)
	}
	if res.Header.Get("Content-Type") != "image/jpeg" || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("GET %s: headers %v", url, res.Header)
	}
	body := []byte(res.Body)
	// APP1 holds EXIF (and XMP); 0xFF 0xE1 cannot occur in a JPEG's entropy-coded data.
	if bytes.Contains(body, []byte{0xFF, 0xE1}) || bytes.Contains(body, []byte("Exif")) ||
		bytes.Contains(body, []byte(phototest.GPSMarker)) {
		t.Fatalf("GET %s: the photo carries metadata", url)
	}
	img, err := jpeg.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return img
}

// near reports whether c is within JPEG's loss of want.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { return int(x>>8)-int(y) < 24 && int(y)-int(x>>8) < 24 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestPhotoUploadIsUprightWithoutMetadata(t *testing.T) {
	env := newCarEnv(t)
	c := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	// A phone held upright stores its 1600×1200 sensor image on its side,
	// with Orientation 6 (turn a quarter right) and where it was taken.
	camera := phototest.WithExif(phototest.JPEG(phototest.Image(1600, 1200)), 6)
	res := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", c.ID), "alpha.test", env.admin, "photo", "IMG_0001.jpg", camera)
	if res.Code != 201 {
		t.Fatalf("upload: %d %s", res.Code, res.Body)
	}
	url := decodeCarAnswer(t, res).Data.Photos[0]

	img := env.servedJPEG(t, url)
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 1600 {
		t.Fatalf("served photo is %v, want 1200×1600 upright", b)
	}
	// The sensor's top-left corner is the upright photo's top-right.
	if got := img.At(1190, 10); !near(got, phototest.TopLeft) {
		t.Errorf("top-right pixel %v, want the sensor's top-left %v", got, phototest.TopLeft)
	}
	if got := img.At(10, 1590); !near(got, phototest.BottomRight) {
		t.Errorf("bottom-left pixel %v, want the sensor's bottom-right %v", got, phototest.BottomRight)
	}

	// The copies a page's srcset lists: never wider than the photo.
	variants := apphttp.PhotoVariants(url)
	want := []struct{ width, w, h int }{{320, 320, 427}, {640, 640, 853}, {1280, 1200, 1600}}
	if len(variants) != len(want) {
		t.Fatalf("variants = %v", variants)
	}
	for i, v := range variants {
		if v.Width != want[i].width || v.URL != strings.TrimSuffix(url, ".jpg")+fmt.Sprintf("-%d.jpg", v.Width) {
			t.Fatalf("variant %d = %+v", i, v)
		}
		b := env.servedJPEG(t, v.URL).Bounds()
		if b.Dx() != want[i].w || b.Dy() != want[i].h {
			t.Errorf("copy %d is %v, want %d×%d", v.Width, b, want[i].w, want[i].h)
		}
	}
	if got := apphttp.PhotoVariants("https://cdn.example.com/0123456789abcdef0123456789abcdef.jpg"); got != nil {
		t.Errorf("variants of an external photo: %v", got)
	}
}

func TestPhotoUploadRefusesDecompressionBomb(t *testing.T) {
	env := newCarEnv(t)
	c := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	path := fmt.Sprintf("/api/admin/cars/%d/photos", c.ID)
	// 20,000×20,000 pixels in a few dozen bytes: decoding it would take 1.6 GB.
	bomb := phototest.PNGBomb(20_000, 20_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := env.uploadPhoto(path, "alpha.test", env.admin, "photo", "bomb.png", bomb)
	runtime.ReadMemStats(&after)
	if res.Code != 422 {
		t.Fatalf("status = %d: %s", res.Code, res.Body)
	}
	wantFragments(t, "bomb", res.Body, `"photo":"Photo must be at most 12000 pixels on a side and 50 megapixels"`)
	// The request's own work (multipart, JSON) takes a few hundred KB.
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("refusing the bomb allocated %d bytes: it was decoded", n)
	}
	if dir, _ := env.Reg.Layout.UploadsDir("alpha"); func() bool { _, err := os.Stat(dir); return err == nil }() {
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a refused photo left %d files", len(entries))
		}
	}
}

func TestPhotoUploadSamePhotoSameName(t *testing.T) {
	env := newCarEnv(t)
	a := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	b := env.addCar("alpha", testCar("#A02", "Toyota", "Avanza", 2021, 185_000_000, store.CarAvailable))
	upload := func(id int64) []string {
		res := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", id), "alpha.test", env.admin, "photo", "p.jpg", photoJPEG)
		if res.Code != 201 {
			t.Fatalf("upload: %d %s", res.Code, res.Body)
		}
		return decodeCarAnswer(t, res).Data.Photos
	}
	upload(a.ID)
	twice := upload(a.ID)
	other := upload(b.ID)
	if len(twice) != 2 || twice[0] != twice[1] || other[0] != twice[0] {
		t.Fatalf("photos %v and %v", twice, other)
	}
	dir := filepath.Dir(env.uploadsFile("alpha", twice[0]))
	files := func() int { entries, _ := os.ReadDir(dir); return len(entries) }
	if n := files(); n != 4 {
		t.Fatalf("uploads dir holds %d files, want one photo and its 3 copies", n)
	}
	// The files go, copies with them, only when no car shows the photo.
	steps := []struct {
		path  string
		files int
	}{
		{fmt.Sprintf("/api/admin/cars/%d/photos/0", a.ID), 4},
		{fmt.Sprintf("/api/admin/cars/%d/photos/0", a.ID), 4},
		{fmt.Sprintf("/api/admin/cars/%d/photos/0", b.ID), 0},
	}
	for _, s := range steps {
		if res := env.do("DELETE", s.path, "alpha.test", env.admin, nil); res.Code != 200 {
			t.Fatalf("DELETE %s: %d %s", s.path, res.Code, res.Body)
		}
		if n := files(); n != s.files {
			t.Fatalf("after DELETE %s: %d files, want %d", s.path, n, s.files)
		}
	}
}
