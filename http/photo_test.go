package http_test

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// photoURL is the shape of every URL the upload makes.
var photoURL = regexp.MustCompile(`^/uploads/[0-9a-f]{32}\.(jpg|png|webp)$`)

// uploadsFile is the path of an uploaded photo of tenant slug.
func (e *carEnv) uploadsFile(slug, url string) string {
	e.t.Helper()
	dir, err := e.Reg.Layout.UploadsDir(slug)
	if err != nil {
		e.t.Fatal(err)
	}
	return filepath.Join(dir, strings.TrimPrefix(url, "/uploads/"))
}

func TestPhotoUpload(t *testing.T) {
	env := newCarEnv(t)
	c := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	path := fmt.Sprintf("/api/admin/cars/%d/photos", c.ID)

	// Every type is stored as a JPEG.
	types := []struct {
		name string
		data []byte
	}{
		{"png", photoPNG},
		{"jpeg", photoJPEG},
		{"webp", photoWebP},
	}
	var urls []string
	for i, tt := range types {
		t.Run(tt.name, func(t *testing.T) {
			// The client's file name and extension count for nothing.
			res := env.uploadPhoto(path, "alpha.test", env.admin, "photo", "../../evil.exe", tt.data)
			if res.Code != http.StatusCreated {
				t.Fatalf("status = %d: %s", res.Code, res.Body)
			}
			got := decodeCarAnswer(t, res).Data
			if len(got.Photos) != i+1 {
				t.Fatalf("photos = %v", got.Photos)
			}
			url := got.Photos[i]
			if !photoURL.MatchString(url) || !strings.HasSuffix(url, ".jpg") {
				t.Fatalf("url = %q", url)
			}
			urls = append(urls, url)
			file := env.uploadsFile("alpha", url)
			info, err := os.Stat(file)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("file %s: %v %v", file, info, err)
			}
			if dir, _ := os.Stat(filepath.Dir(file)); dir.Mode().Perm() != 0o700 {
				t.Errorf("uploads dir mode %v", dir.Mode().Perm())
			}
			stored, _ := os.ReadFile(file)
			if _, err := jpeg.Decode(bytes.NewReader(stored)); err != nil {
				t.Fatalf("stored photo is not a JPEG: %v", err)
			}

			served := env.do("GET", url, "alpha.test", "", nil)
			if served.Code != 200 || served.Body != string(stored) {
				t.Fatalf("serve: %d %q", served.Code, served.Body)
			}
			h := served.Header
			if h.Get("Content-Type") != "image/jpeg" || h.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
				h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Last-Modified") == "" {
				t.Fatalf("headers: %v", h)
			}
		})
	}
	// Each photo with its three copies, and no temporary file.
	const filesPerPhoto = 4
	if entries, _ := os.ReadDir(filepath.Dir(env.uploadsFile("alpha", urls[0]))); len(entries) != 3*filesPerPhoto {
		t.Errorf("uploads dir holds %d files (temp files left?)", len(entries))
	}

	t.Run("ConditionalAndRange", func(t *testing.T) {
		req := httptest.NewRequest("GET", urls[0], nil)
		req.Host = "alpha.test"
		req.Header.Set("If-Modified-Since", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
		if res := env.serve(req); res.Code != http.StatusNotModified {
			t.Errorf("If-Modified-Since: %d", res.Code)
		}
		req = httptest.NewRequest("GET", urls[0], nil)
		req.Host = "alpha.test"
		req.Header.Set("Range", "bytes=0-3")
		if res := env.serve(req); res.Code != http.StatusPartialContent || res.Body != "\xff\xd8\xff\xdb" {
			t.Errorf("Range: %d %q", res.Code, res.Body)
		}
	})

	t.Run("Exactly10MiB", func(t *testing.T) {
		limit := env.addCar("alpha", testCar("#L01", "Honda", "Jazz", 2015, 100_000_000, store.CarDraft))
		data := append(append([]byte{}, photoPNG...), bytes.Repeat([]byte{0}, 10<<20-len(photoPNG))...)
		res := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", limit.ID), "alpha.test", env.owner, "photo", "big.png", data)
		if res.Code != http.StatusCreated {
			t.Fatalf("status = %d: %s", res.Code, res.Body)
		}
		if res := env.do("DELETE", fmt.Sprintf("/api/admin/cars/%d", limit.ID), "alpha.test", env.owner, nil); res.Code != 200 {
			t.Fatalf("delete: %d", res.Code)
		}
	})
	big := append(append([]byte{}, photoPNG...), bytes.Repeat([]byte{0}, 10<<20)...)
	refused := []struct {
		name, field, token string
		data               []byte
		status             int
		fragments          []string
	}{
		{"text renamed jpg", "photo", env.owner, []byte("just some text, not a photo at all"), 415, []string{`"UNSUPPORTED_MEDIA_TYPE"`}},
		{"jpeg header only", "photo", env.owner, photoJPEG[:200], 422, []string{`"photo":"Photo could not be read: the file is damaged or incomplete"`}},
		{"gif", "photo", env.owner, []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), 415, nil},
		{"empty", "photo", env.owner, nil, 415, nil},
		{"html", "photo", env.owner, []byte("<html><script>alert(1)</script></html>"), 415, nil},
		{"over 10 MiB", "photo", env.owner, big, 413, []string{`"PAYLOAD_TOO_LARGE"`}},
		{"no photo field", "file", env.owner, photoPNG, 422, []string{`"photo"`}},
		{"sales", "photo", env.sales, photoPNG, 403, []string{`"FORBIDDEN"`}},
		{"no token", "photo", "", photoPNG, 401, nil},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			res := env.uploadPhoto(path, "alpha.test", tt.token, tt.field, "photo.jpg", tt.data)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		})
	}
	if got, _ := env.db("alpha").FindCarByID(t.Context(), c.ID); len(got.Photos) != 3 {
		t.Errorf("refused uploads changed photos: %v", got.Photos)
	}
	if entries, _ := os.ReadDir(filepath.Dir(env.uploadsFile("alpha", urls[0]))); len(entries) != 3*filesPerPhoto {
		t.Errorf("refused uploads left %d files", len(entries))
	}

	t.Run("NotMultipart", func(t *testing.T) {
		if res := env.do("POST", path, "alpha.test", env.owner, map[string]string{"photo": "x"}); res.Code != 400 {
			t.Fatalf("status = %d: %s", res.Code, res.Body)
		}
	})
	t.Run("UnknownCar", func(t *testing.T) {
		if res := env.uploadPhoto("/api/admin/cars/999/photos", "alpha.test", env.owner, "photo", "a.png", photoPNG); res.Code != 404 {
			t.Fatalf("status = %d", res.Code)
		}
		if res := env.uploadPhoto("/api/admin/cars/x/photos", "alpha.test", env.owner, "photo", "a.png", photoPNG); res.Code != 400 {
			t.Fatalf("status = %d", res.Code)
		}
	})
	t.Run("CarOfAnotherTenant", func(t *testing.T) {
		if res := env.uploadPhoto(path, "beta.test", env.betaOwner, "photo", "a.png", photoPNG); res.Code != 404 {
			t.Fatalf("status = %d", res.Code)
		}
	})
	t.Run("TwentyPhotos", func(t *testing.T) {
		full := env.addCar("alpha", testCar("#F01", "Honda", "Jazz", 2015, 100_000_000, store.CarDraft))
		for range store.MaxCarPhotos {
			if _, err := env.db("alpha").AddCarPhoto(t.Context(), full.ID, "https://cdn.example.com/x.jpg"); err != nil {
				t.Fatal(err)
			}
		}
		res := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", full.ID), "alpha.test", env.owner, "photo", "a.png", photoPNG)
		if res.Code != 422 {
			t.Fatalf("21st photo: %d %s", res.Code, res.Body)
		}
	})
}

func TestUploadServing(t *testing.T) {
	env := newCarEnv(t)
	a := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	b := env.addCar("beta", testCar("#B01", "Honda", "Brio", 2019, 135_000_000, store.CarAvailable))
	upload := func(slug, token string, id int64) string {
		res := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", id), slug+".test", token, "photo", "p.png", photoNumber(int(slug[0])))
		if res.Code != 201 {
			t.Fatalf("upload: %d %s", res.Code, res.Body)
		}
		return decodeCarAnswer(t, res).Data.Photos[0]
	}
	alphaURL := upload("alpha", env.owner, a.ID)
	betaURL := upload("beta", env.betaOwner, b.ID)
	// A file with a valid-looking name outside the uploads directory.
	os.WriteFile(filepath.Join(env.Reg.Layout.Root, "0123456789abcdef0123456789abcdef.png"), photoPNG, 0o600)

	tests := []struct {
		name, path, host string
		status           int
	}{
		{"own photo", alphaURL, "alpha.test", 200},
		{"other tenant's photo", betaURL, "alpha.test", 404},
		{"other tenant on its host", betaURL, "beta.test", 200},
		{"registry", "/uploads/../registry.db", "alpha.test", 404},
		{"escaped registry", "/uploads/..%2fregistry.db", "alpha.test", 404},
		{"escaped tenant db", "/uploads/..%2f..%2fbeta%2ftenant.db", "alpha.test", 404},
		{"encoded slash name", "/uploads/0123456789abcdef0123456789abcdef.png%2f", "alpha.test", 404},
		{"file outside uploads", "/uploads/..%2f..%2f0123456789abcdef0123456789abcdef.png", "alpha.test", 404},
		{"listing", "/uploads/", "alpha.test", 404},
		{"dot", "/uploads/.", "alpha.test", 404},
		{"upper-case hex", strings.ToUpper(alphaURL), "alpha.test", 404},
		{"wrong extension", strings.TrimSuffix(alphaURL, ".jpg") + ".png", "alpha.test", 404},
		{"copy", strings.TrimSuffix(alphaURL, ".jpg") + "-320.jpg", "alpha.test", 200},
		{"copy of a width never made", strings.TrimSuffix(alphaURL, ".jpg") + "-480.jpg", "alpha.test", 404},
		{"temp file name", "/uploads/.upload-123", "alpha.test", 404},
		{"unknown host", alphaURL, "nobody.test", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil) // parsed as net/http parses a request line
			req.Host = tt.host
			res := env.serve(req)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			if tt.status == 404 && !strings.Contains(res.Body, `"NOT_FOUND"`) {
				t.Errorf("404 is not JSON: %s", res.Body)
			}
			if stored, _ := os.ReadFile(env.uploadsFile(strings.TrimSuffix(tt.host, ".test"), tt.path)); tt.status == 200 && res.Body != string(stored) {
				t.Errorf("wrong bytes served")
			}
		})
	}
}

func TestPhotoRemoval(t *testing.T) {
	env := newCarEnv(t)
	c := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	path := fmt.Sprintf("/api/admin/cars/%d/photos", c.ID)
	var urls []string
	for _, data := range [][]byte{photoPNG, photoJPEG, photoWebP} {
		res := env.uploadPhoto(path, "alpha.test", env.owner, "photo", "p", data)
		if res.Code != 201 {
			t.Fatalf("upload: %d %s", res.Code, res.Body)
		}
		urls = decodeCarAnswer(t, res).Data.Photos
	}
	if res := env.do("PUT", fmt.Sprintf("/api/admin/cars/%d", c.ID), "alpha.test", env.owner,
		map[string]any{"primaryPhotoIndex": 2}); res.Code != 200 {
		t.Fatalf("set primary: %d %s", res.Code, res.Body)
	}
	// Another car shows the first photo too: removing it from #A01 keeps the file.
	other := testCar("#A02", "Toyota", "Avanza", 2021, 185_000_000, store.CarAvailable)
	other.Photos = []string{urls[0]}
	env.addCar("alpha", other)

	steps := []struct {
		name       string
		index      string
		status     int
		primary    string
		goneFile   string // a file that must be gone afterwards
		keptFile   string // a file that must still exist
		photoCount int
	}{
		{"bad index", "x", 400, "", "", "", 0},
		{"negative index", "-1", 400, "", "", "", 0},
		{"out of range", "3", 404, "", "", "", 0},
		{"shared photo", "0", 200, urls[2], "", urls[0], 2},
		{"before primary", "0", 200, urls[2], urls[1], "", 1},
		{"the primary", "0", 200, "", urls[2], "", 0},
		{"none left", "0", 404, "", "", "", 0},
	}
	for _, s := range steps {
		res := env.do("DELETE", path+"/"+s.index, "alpha.test", env.admin, nil)
		if res.Code != s.status {
			t.Fatalf("%s: status = %d, want %d: %s", s.name, res.Code, s.status, res.Body)
		}
		if s.status != 200 {
			continue
		}
		got := decodeCarAnswer(t, res).Data
		primary := ""
		if got.PrimaryPhoto != nil {
			primary = *got.PrimaryPhoto
		}
		if len(got.Photos) != s.photoCount || primary != s.primary {
			t.Fatalf("%s: photos %v primary %q", s.name, got.Photos, primary)
		}
		if s.goneFile != "" {
			if _, err := os.Stat(env.uploadsFile("alpha", s.goneFile)); !os.IsNotExist(err) {
				t.Errorf("%s: file %s still there", s.name, s.goneFile)
			}
		}
		if s.keptFile != "" {
			if _, err := os.Stat(env.uploadsFile("alpha", s.keptFile)); err != nil {
				t.Errorf("%s: shared file removed: %v", s.name, err)
			}
		}
	}
}

func TestCarDeleteRemovesPhotos(t *testing.T) {
	env := newCarEnv(t)
	c := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	path := fmt.Sprintf("/api/admin/cars/%d", c.ID)
	var urls []string
	for i := range 3 {
		res := env.uploadPhoto(path+"/photos", "alpha.test", env.owner, "photo", "p.jpg", photoNumber(i))
		if res.Code != 201 {
			t.Fatalf("upload: %d %s", res.Code, res.Body)
		}
		urls = decodeCarAnswer(t, res).Data.Photos
	}
	// A new photo list without the third upload deletes its file; an
	// external URL is not a file of ours and is left alone.
	dropped := urls[2]
	urls = urls[:2]
	if res := env.do("PUT", path, "alpha.test", env.owner,
		map[string]any{"photos": []string{urls[1], urls[0], "https://cdn.example.com/x.jpg"}}); res.Code != 200 {
		t.Fatalf("replace photos: %d %s", res.Code, res.Body)
	}
	if _, err := os.Stat(env.uploadsFile("alpha", dropped)); !os.IsNotExist(err) {
		t.Errorf("dropped photo's file still there: %v", err)
	}
	for _, u := range urls {
		if _, err := os.Stat(env.uploadsFile("alpha", u)); err != nil {
			t.Errorf("kept photo's file gone: %v", err)
		}
	}
	// A lead about the car survives it, without the car.
	lead, err := env.db("alpha").RecordInboundMessage(t.Context(),
		store.InboundMessage{Phone: "081234567890", Message: "Masih ada?", CarID: &c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res := env.do("DELETE", path, "alpha.test", env.owner, nil); res.Code != 200 {
		t.Fatalf("delete: %d %s", res.Code, res.Body)
	}
	for _, u := range urls {
		if _, err := os.Stat(env.uploadsFile("alpha", u)); !os.IsNotExist(err) {
			t.Errorf("file of %s still there", u)
		}
		if res := env.do("GET", u, "alpha.test", "", nil); res.Code != 404 {
			t.Errorf("%s still served: %d", u, res.Code)
		}
	}
	var carID *int64
	if err := sqldbtest.Open(t, env.db("alpha").Path()).Read.QueryRow(`SELECT car_id FROM leads WHERE id = ?`, lead.LeadID).Scan(&carID); err != nil || carID != nil {
		t.Fatalf("lead car_id = %v, err %v", carID, err)
	}
}
