package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store/demo"
)

// car is what the suite reads of a car from the admin API.
type car struct {
	ID          int64  `json:"id"`
	DisplayCode string `json:"displayCode"`
	Slug        string `json:"slug"`
	PublicName  string `json:"publicName"`
	Brand       string `json:"brand"`
	Model       string `json:"model"`
	Year        int    `json:"year"`
	Price       int64  `json:"price"`
	Status      string `json:"status"`
	PhotoCount  int    `json:"photoCount"`
}

// lead is what the suite reads of a lead from the admin API.
type lead struct {
	ID           int64  `json:"id"`
	CustomerName string `json:"customerName"`
	Source       string `json:"source"`
	Car          *struct {
		ID int64 `json:"id"`
	} `json:"car"`
}

var (
	tokenOnce sync.Once
	token     string
)

// ownerToken signs the demo's owner in once for the whole suite.
func (s *server) ownerToken(t *testing.T) string {
	t.Helper()
	tokenOnce.Do(func() {
		var out struct {
			Token string `json:"token"`
		}
		s.call(t, "", http.MethodPost, "/api/admin/auth/login", map[string]string{
			"email": demo.Demo().Users[0].Email, "password": demo.Password}, &out)
		token = out.Token
	})
	if token == "" {
		t.Fatal("the demo owner could not sign in")
	}
	return token
}

// admin calls the admin API as the demo's owner with a JSON body (nil for
// none) and decodes the envelope's data into out (nil to ignore it).
func (s *server) admin(t *testing.T, method, path string, body, out any) {
	t.Helper()
	s.call(t, s.ownerToken(t), method, path, body, out)
}

func (s *server) call(t *testing.T, bearer, method, path string, body, out any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.url(path), r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	s.send(t, req, bearer, out)
}

// send sends req, signed with bearer unless it is "", and decodes the
// envelope's data into out; any answer but 2xx fails the test.
func (s *server) send(t *testing.T, req *http.Request, bearer string, out any) {
	t.Helper()
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, raw)
	}
	if out == nil {
		return
	}
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s: %v: %s", req.Method, req.URL.Path, err, raw)
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		t.Fatalf("%s %s: %v: %s", req.Method, req.URL.Path, err, raw)
	}
}

// carByCode finds a car of the showroom by its display code.
func (s *server) carByCode(t *testing.T, code string) car {
	t.Helper()
	var cars []car
	s.admin(t, http.MethodGet, "/api/admin/cars?limit=100&search="+url.QueryEscape(code), nil, &cars)
	for _, c := range cars {
		if c.DisplayCode == code {
			return c
		}
	}
	t.Fatalf("no car %s among %d", code, len(cars))
	return car{}
}

// setStatus changes a car's status as the dashboard does.
func (s *server) setStatus(t *testing.T, id int64, status string) {
	t.Helper()
	s.admin(t, http.MethodPut, fmt.Sprintf("/api/admin/cars/%d", id), map[string]string{"status": status}, nil)
}

// uploadPhoto adds a generated JPEG of one colour to a car's photos.
func (s *server) uploadPhoto(t *testing.T, id int64, c color.RGBA) car {
	t.Helper()
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	part, err := form.CreateFormFile("photo", "photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(part, photoOf(c), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	form.Close()
	req, err := http.NewRequest(http.MethodPost, s.url(fmt.Sprintf("/api/admin/cars/%d/photos", id)), &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	var out car
	s.send(t, req, s.ownerToken(t), &out)
	return out
}

// photoOf is a 1600×1200 picture: a band of c fading over a dark road, so
// that two photos are told apart on a screenshot.
func photoOf(c color.RGBA) image.Image {
	const w, h = 1600, 1200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if y > h*2/3 {
				img.SetRGBA(x, y, color.RGBA{60, 60, 64, 255})
				continue
			}
			f := uint8(255 * x / w / 3)
			img.SetRGBA(x, y, color.RGBA{c.R - min(c.R, f), c.G - min(c.G, f), c.B - min(c.B, f), 255})
		}
	}
	return img
}

// leadsNamed are the leads the admin API finds for a search.
func (s *server) leadsNamed(t *testing.T, search string) []lead {
	t.Helper()
	var leads []lead
	s.admin(t, http.MethodGet, "/api/admin/leads?search="+url.QueryEscape(search), nil, &leads)
	return leads
}

var (
	galleryOnce sync.Once
	galleryCar  car
)

// carWithPhotos is a demo car on sale that has two photos, uploaded once
// for the whole suite.
func carWithPhotos(t *testing.T) car {
	t.Helper()
	s := site(t)
	galleryOnce.Do(func() {
		c := s.carByCode(t, "#A01")
		s.uploadPhoto(t, c.ID, color.RGBA{200, 40, 40, 255})
		galleryCar = s.uploadPhoto(t, c.ID, color.RGBA{40, 90, 200, 255})
	})
	if galleryCar.PhotoCount < 2 {
		t.Fatalf("car #A01 has %d photos after two uploads", galleryCar.PhotoCount)
	}
	return galleryCar
}
