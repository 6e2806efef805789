package http_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"regexp"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// logoURL is the shape of an uploaded logo's URL.
var logoURL = regexp.MustCompile(`^/uploads/[0-9a-f]{32}\.png$`)

// transparentLogo is a w×h PNG, transparent but for a red square in the middle.
func transparentLogo(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := h / 4; y < 3*h/4; y++ {
		for x := w / 4; x < 3*w/4; x++ {
			img.Set(x, y, color.NRGBA{R: 200, A: 255})
		}
	}
	return phototest.PNG(img)
}

// logoOf returns alpha's logo URL as stored.
func (e *carEnv) logoOf() string {
	e.t.Helper()
	tn, err := e.Reg.FindTenant(context.Background(), "alpha")
	if err != nil {
		e.t.Fatal(err)
	}
	return tn.LogoURL
}

// uploadedFiles lists alpha's uploads directory.
func (e *carEnv) uploadedFiles() []string {
	e.t.Helper()
	dir, err := e.Reg.Layout.UploadsDir("alpha")
	if err != nil {
		e.t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	return names
}

func TestLogoUpload(t *testing.T) {
	env := newCarEnv(t)
	const path = "/api/admin/tenant/logo"

	// A 1200×600 PNG becomes a PNG of 512×256 that keeps its transparency,
	// served from the showroom's own host.
	res := env.uploadPhoto(path, "alpha.test", env.owner, "logo", "logo.png", transparentLogo(1200, 600))
	wantStatusCode(t, "upload", res, http.StatusOK)
	first := env.logoOf()
	if !logoURL.MatchString(first) {
		t.Fatalf("logo URL = %q", first)
	}
	wantFragments(t, "upload", res.Body, `"logoUrl":"`+first+`"`)
	served := env.do("GET", first, "alpha.test", "", nil)
	wantStatusCode(t, "serve", served, http.StatusOK)
	if ct := served.Header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("Content-Type = %q", ct)
	}
	img, err := png.Decode(bytes.NewReader([]byte(served.Body)))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 256 {
		t.Errorf("logo is %v, want 512×256", b.Size())
	}
	if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
		t.Errorf("corner alpha = %d, want transparent", a)
	}

	// A car photo beside it, which no change of the logo may touch.
	c := env.addCar("alpha", testCar("#G01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	wantStatusCode(t, "car photo", env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", c.ID), "alpha.test", env.owner, "photo", "a.png", photoPNG), http.StatusCreated)
	photos := len(env.uploadedFiles()) - 1

	// Replacing it removes the old file; the new one is a JPEG stored as PNG.
	wantStatusCode(t, "replace", env.uploadPhoto(path, "alpha.test", env.owner, "logo", "logo.jpg", photoJPEG), http.StatusOK)
	second := env.logoOf()
	if !logoURL.MatchString(second) || second == first {
		t.Fatalf("replaced logo URL = %q (was %q)", second, first)
	}
	if _, err := os.Stat(env.uploadsFile("alpha", first)); !os.IsNotExist(err) {
		t.Errorf("the replaced logo's file is still there: %v", err)
	}
	if n := len(env.uploadedFiles()); n != photos+1 {
		t.Errorf("files after replacing: %v", env.uploadedFiles())
	}

	// A logo set by address to a car's photo is not removed with the logo.
	carPhoto := decodeCarAnswer(t, env.do("GET", fmt.Sprintf("/api/admin/cars/%d", c.ID), "alpha.test", env.owner, nil)).Data.Photos[0]
	wantStatusCode(t, "logo by address", env.do("PUT", "/api/admin/tenant", "alpha.test", env.owner, map[string]string{"logoUrl": carPhoto}), http.StatusOK)
	if _, err := os.Stat(env.uploadsFile("alpha", second)); !os.IsNotExist(err) {
		t.Errorf("the logo replaced by an address is still there: %v", err)
	}

	// Deleting clears the logo; the car's photo stays.
	res = env.do("DELETE", path, "alpha.test", env.owner, nil)
	wantStatusCode(t, "delete", res, http.StatusOK)
	wantFragments(t, "delete", res.Body, `"logoUrl":null`)
	if env.logoOf() != "" {
		t.Errorf("logo after delete = %q", env.logoOf())
	}
	if _, err := os.Stat(env.uploadsFile("alpha", carPhoto)); err != nil {
		t.Errorf("removing the logo removed a car's photo: %v", err)
	}
	if n := len(env.uploadedFiles()); n != photos {
		t.Errorf("files after delete: %v", env.uploadedFiles())
	}
	wantStatusCode(t, "delete again", env.do("DELETE", path, "alpha.test", env.owner, nil), http.StatusOK)
}

func TestLogoUploadRefused(t *testing.T) {
	env := newCarEnv(t)
	const path = "/api/admin/tenant/logo"
	big := append(append([]byte{}, photoPNG...), bytes.Repeat([]byte{0}, 10<<20)...)
	tests := []struct {
		name, field, token string
		data               []byte
		status             int
		fragments          []string
	}{
		{"admin", "logo", env.admin, photoPNG, 403, []string{`"FORBIDDEN"`}},
		{"sales", "logo", env.sales, photoPNG, 403, []string{`"FORBIDDEN"`}},
		{"no token", "logo", "", photoPNG, 401, nil},
		{"not an image", "logo", env.owner, []byte("<html><script>alert(1)</script></html>"), 415, []string{`"UNSUPPORTED_MEDIA_TYPE"`, `Logo must be a JPEG, PNG or WebP image`}},
		{"over 10 MiB", "logo", env.owner, big, 413, []string{`"PAYLOAD_TOO_LARGE"`}},
		{"20000×20000 bomb", "logo", env.owner, phototest.PNGBomb(20_000, 20_000), 422, []string{`"logo":"Logo must be at most 12000 pixels on a side`}},
		{"truncated jpeg", "logo", env.owner, photoJPEG[:200], 422, []string{`"logo":"Logo could not be read`}},
		{"no logo field", "photo", env.owner, photoPNG, 422, []string{`"logo":"Logo file is required"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.uploadPhoto(path, "alpha.test", tt.token, tt.field, "logo.png", tt.data)
			wantStatusCode(t, tt.name, res, tt.status)
			wantFragments(t, tt.name, res.Body, append(tt.fragments, `"success":false`)...)
			if env.logoOf() != "" {
				t.Fatalf("a refused logo was set: %q", env.logoOf())
			}
			if files := env.uploadedFiles(); len(files) != 0 {
				t.Fatalf("a refused logo left files: %v", files)
			}
		})
	}
	for _, token := range []string{env.admin, env.sales} {
		wantStatusCode(t, "delete by another role", env.do("DELETE", path, "alpha.test", token, nil), http.StatusForbidden)
	}
}
