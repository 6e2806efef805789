package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/http/web"
)

// An answer kept gzipped reads the same to a client that accepts gzip, to
// one that does not, and to a revisit holding its ETag.
func TestAnswer(t *testing.T) {
	body := []byte(strings.Repeat("<p>Toyota Avanza 2020 Hitam #A01</p>\n", 100))
	a := web.NewAnswer(http.StatusOK, "text/html; charset=utf-8", body)
	if a.Size() >= len(body)/2 {
		t.Errorf("kept %d bytes of a %d-byte body that compresses well", a.Size(), len(body))
	}
	get := func(headers ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		a.Write(rec, req)
		return rec
	}
	plain := get()
	if !bytes.Equal(plain.Body.Bytes(), body) || plain.Header().Get("Content-Length") != "3700" {
		t.Errorf("unzipped: %d bytes, Content-Length %q", plain.Body.Len(), plain.Header().Get("Content-Length"))
	}
	zipped := get("Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil || zipped.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzipped: %v %v", err, zipped.Header())
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, body) {
		t.Error("gzipped body differs")
	}
	for _, rec := range []*httptest.ResponseRecorder{plain, zipped} {
		revisit := get("If-None-Match", rec.Header().Get("ETag"), "Accept-Encoding", rec.Header().Get("Content-Encoding"))
		if revisit.Code != http.StatusNotModified || revisit.Body.Len() != 0 {
			t.Errorf("revisit with %q: %d", rec.Header().Get("ETag"), revisit.Code)
		}
	}
	if plain.Header().Get("ETag") == zipped.Header().Get("ETag") {
		t.Error("the gzipped and the plain body share an ETag")
	}
}
