package http_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// csvHeader is the header of a minimal import: the required columns.
const csvHeader = "Kode,Merek,Model,Tahun,Warna,Transmisi,Kilometer,Harga\n"

// uploadCSV posts file to host as the upload of the import form,
// same-origin, with the session.
func (e *deskEnv) uploadCSV(path, host, session, file string) *response {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "stok.csv")
	if err != nil {
		e.t.Fatal(err)
	}
	fw.Write([]byte(file))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Host = host
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	return e.serve(req)
}

// readCSV parses a downloaded file, which must start with the UTF-8 byte
// order mark.
func readCSV(t *testing.T, res *response) [][]string {
	t.Helper()
	body, ok := strings.CutPrefix(res.Body, "\uFEFF")
	if !ok {
		t.Fatalf("no byte order mark: %.60q", res.Body)
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	return records
}

// cars returns every car of showroom slug, oldest first.
func (e *deskEnv) cars(slug string) []*store.Car {
	e.t.Helper()
	var cars []*store.Car
	if err := e.db(slug).EachCar(context.Background(), func(c *store.Car) error {
		cars = append(cars, c)
		return nil
	}); err != nil {
		e.t.Fatal(err)
	}
	return cars
}
