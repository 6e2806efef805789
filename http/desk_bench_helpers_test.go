package http_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// deskSession begins a dashboard session of u in showroom slug and
// returns its cookie's value.
func (e *testEnv) deskSession(slug string, u *store.User) string {
	e.t.Helper()
	raw, err := e.db(slug).CreateSession(context.Background(), u.ID, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return raw
}

// getDeskPage asks host for a dashboard page as a browser does (gzip, the
// session cookie) and fails the benchmark unless it is served.
func (e *testEnv) getDeskPage(b *testing.B, host, session, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = host
	req.Header.Set("Accept-Encoding", "gzip")
	req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	rec := httptest.NewRecorder()
	e.Server.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
	}
}
