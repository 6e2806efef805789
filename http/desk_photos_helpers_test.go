package http_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// photosEnv is a car env (alpha's owner, admin and sales; beta's owner)
// with a car of alpha and a dashboard session for each of alpha's users.
type photosEnv struct {
	*carEnv
	desk                *deskEnv
	car                 *store.Car
	owner, admin, sales string // session cookies
}

func newPhotosEnv(t *testing.T) *photosEnv {
	ce := newCarEnv(t)
	e := &photosEnv{carEnv: ce, desk: &deskEnv{testEnv: ce.testEnv}}
	e.car = ce.addCar("alpha", testCar("#P01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	e.owner = e.desk.signIn("alpha.test", "owner@alpha.test").Value
	e.admin = e.desk.signIn("alpha.test", "admin@alpha.test").Value
	e.sales = e.desk.signIn("alpha.test", "sales@alpha.test").Value
	return e
}

// path is the car's photos page, with suffix.
func (e *photosEnv) path(suffix string) string {
	return fmt.Sprintf("/admin/cars/%d/photos%s", e.car.ID, suffix)
}

// upFile is a file chosen in the upload form.
type upFile struct {
	name string
	data []byte
}

// deskUpload posts files as the form's "photo" field from this site with
// session's cookie.
func (e *photosEnv) deskUpload(path, session string, files ...upFile) *response {
	e.t.Helper()
	return e.serve(newDeskUploadRequest(e.t, path, "alpha.test", session, files...))
}

func newDeskUploadRequest(t testing.TB, path, host, session string, files ...upFile) *http.Request {
	t.Helper()
	return newDeskFileRequest(t, path, host, session, "photo", files...)
}

// newDeskFileRequest is a dashboard upload of files in the multipart field.
func newDeskFileRequest(t testing.TB, path, host, session, field string, files ...upFile) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		fw, err := mw.CreateFormFile(field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Host = host
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	}
	return req
}

// action posts a photo list form (move, primary, delete).
func (e *photosEnv) action(name, session string, form url.Values) *response {
	e.t.Helper()
	return e.desk.deskPost(e.path("/"+name), "alpha.test", session, form)
}

// photos returns the car's photos and primary index as stored.
func (e *photosEnv) photos() ([]string, int) {
	e.t.Helper()
	c, err := e.db("alpha").FindCarByID(context.Background(), e.car.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return c.Photos, c.PrimaryPhotoIndex
}

// files counts the files in alpha's uploads directory.
func (e *photosEnv) files() int {
	e.t.Helper()
	dir, err := e.Reg.Layout.UploadsDir("alpha")
	if err != nil {
		e.t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	return len(entries)
}
