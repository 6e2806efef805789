package http_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// Every GET route answers HEAD as GET without the body: the same status and
// headers, Content-Length included, so monitors, caches and link checkers
// work.
func TestHeadAnswersAsGetWithoutBody(t *testing.T) {
	env := newCarEnv(t)
	car := env.addCar("alpha", testCar("A01", "Toyota", "Avanza", 2019, 150_000_000, store.CarAvailable))
	up := env.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", car.ID), "alpha.test", env.owner, "photo", "a.png", photoPNG)
	if up.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", up.Code, up.Body)
	}
	photo := decodeCarAnswer(t, up).Data.Photos[0]
	srv := httptest.NewServer(env.Server)
	t.Cleanup(srv.Close)

	send := func(method, path, token string) (*http.Response, string) {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		req.Host = "alpha.test"
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	for _, tc := range []struct{ path, token string }{
		{"/health", ""},
		{"/api/cars", ""},
		{"/api/cars/" + decodeCarAnswer(t, env.do("GET", fmt.Sprintf("/api/admin/cars/%d", car.ID), "alpha.test", env.owner, nil)).Data.Slug, ""},
		{"/api/tenant", ""},
		{photo, ""},
		{"/api/admin/auth/me", env.owner},
		{"/api/admin/cars/999", env.owner},
	} {
		get, getBody := send("GET", tc.path, tc.token)
		head, headBody := send("HEAD", tc.path, tc.token)
		if head.StatusCode != get.StatusCode {
			t.Errorf("HEAD %s: %d, GET %d", tc.path, head.StatusCode, get.StatusCode)
		}
		if headBody != "" {
			t.Errorf("HEAD %s sent a body: %q", tc.path, headBody)
		}
		if ct := head.Header.Get("Content-Type"); ct != get.Header.Get("Content-Type") {
			t.Errorf("HEAD %s: Content-Type %q, GET %q", tc.path, ct, get.Header.Get("Content-Type"))
		}
		if head.ContentLength != int64(len(getBody)) {
			t.Errorf("HEAD %s: Content-Length %d, GET body %d bytes", tc.path, head.ContentLength, len(getBody))
		}
	}
	// HEAD where only POST exists is still refused, and says what is allowed.
	res, _ := send("HEAD", "/api/admin/auth/login", "")
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "POST") {
		t.Errorf("HEAD on a POST route: %d Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

// OPTIONS without a CORS preflight answers which methods the path has, as
// its Allow header always claimed.
func TestOptionsListsAllowedMethods(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	for path, want := range map[string][]string{
		"/api/cars":         {"GET", "HEAD", "OPTIONS"},
		"/api/admin/cars/1": {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"},
		"/health":           {"GET", "HEAD", "OPTIONS"},
	} {
		r := httptest.NewRequest("OPTIONS", path, nil)
		r.Host = "alpha.test"
		res := env.serve(r)
		if res.Code != http.StatusNoContent {
			t.Errorf("OPTIONS %s: %d %s", path, res.Code, res.Body)
		}
		allow := res.Header.Get("Allow")
		for _, m := range want {
			if !strings.Contains(allow, m) {
				t.Errorf("OPTIONS %s: Allow %q lacks %s", path, allow, m)
			}
		}
	}
	r := httptest.NewRequest("OPTIONS", "/no/such/route", nil)
	r.Host = "alpha.test"
	if res := env.serve(r); res.Code != http.StatusNotFound {
		t.Errorf("OPTIONS on an unknown path: %d", res.Code)
	}
}
