package http_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// carEnv is a server with two showrooms: alpha, with an owner, an admin and
// a sales user, and beta, with an owner; the fields are their tokens.
type carEnv struct {
	*testEnv
	owner, admin, sales, betaOwner string
}

func newCarEnv(t testing.TB) *carEnv {
	t.Helper()
	e := &carEnv{testEnv: newTestEnv(t)}
	e.createTenant("alpha")
	e.createTenant("beta")
	for _, u := range []struct {
		slug, email, role string
		token             *string
	}{
		{"alpha", "owner@alpha.test", store.RoleOwner, &e.owner},
		{"alpha", "admin@alpha.test", store.RoleAdmin, &e.admin},
		{"alpha", "sales@alpha.test", store.RoleSales, &e.sales},
		{"beta", "owner@beta.test", store.RoleOwner, &e.betaOwner},
	} {
		e.createUser(u.slug, u.email, u.role)
		*u.token = e.login(u.slug, u.email)
	}
	return e
}

// addCar inserts a car into a tenant's store directly.
func (e *carEnv) addCar(slug string, c *store.Car) *store.Car {
	e.t.Helper()
	if err := e.db(slug).CreateCar(context.Background(), c); err != nil {
		e.t.Fatalf("create car %s: %v", c.DisplayCode, err)
	}
	return c
}

// testCar returns a valid car with the given identity.
func testCar(code, brand, model string, year int, price int64, status string) *store.Car {
	return &store.Car{DisplayCode: code, Brand: brand, Model: model, Year: year, Color: "Hitam",
		Transmission: store.TransmissionMatic, Km: 30000, Price: price, FuelType: "Bensin", Status: status}
}

// Small real photos of each accepted type, each a different picture.
var (
	photoPNG  = phototest.PNG(phototest.Image(40, 30))
	photoJPEG = phototest.JPEG(phototest.Image(30, 40))
	photoWebP = phototest.WebP
)

// photoNumber returns a small PNG photo that differs from every other n's:
// photos are named by their content, so tests that need separate files
// upload separate pictures.
func photoNumber(n int) []byte { return phototest.PNG(phototest.Image(50+n, 30)) }

// uploadPhoto posts data as the multipart field field.
func (e *carEnv) uploadPhoto(path, host, token, field, filename string, data []byte) *response {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		e.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Host = host
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.serve(req)
}

// carAnswer decodes the data of a single-car answer.
type carAnswer struct {
	Data struct {
		ID                int64    `json:"id"`
		Slug              string   `json:"slug"`
		PublicName        string   `json:"publicName"`
		Status            string   `json:"status"`
		SoldAt            *string  `json:"soldAt"`
		Photos            []string `json:"photos"`
		PrimaryPhoto      *string  `json:"primaryPhoto"`
		PrimaryPhotoIndex int      `json:"primaryPhotoIndex"`
	} `json:"data"`
}

func decodeCarAnswer(t testing.TB, res *response) carAnswer {
	t.Helper()
	var d carAnswer
	res.decode(t, &d)
	return d
}
