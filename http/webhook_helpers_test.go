package http_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// The showroom's Fonnte device number in the testdata corpus.
const corpusDevice = "628123456789"

// whatsAppTenant registers an active tenant at slug+".test" with the corpus
// device number and, when fonnteToken is set, a Fonnte token.
func (e *testEnv) whatsAppTenant(slug, fonnteToken string) *tenants.Tenant {
	e.t.Helper()
	e.createTenant(slug)
	number := corpusDevice
	t, err := e.Reg.UpdateTenant(context.Background(), slug, tenants.TenantUpdate{WhatsAppNumber: &number, FonnteToken: &fonnteToken})
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// webhook posts body to path on host with a content type; the token, when
// set, travels in the query string.
func (e *testEnv) webhook(path, host, token, contentType, body string) *response {
	e.t.Helper()
	if token != "" {
		path += "?token=" + token
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Host = host
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return e.serve(req)
}

// corpus reads a payload of testdata/fonnte and the content type its
// extension stands for.
func corpus(t testing.TB, name string) (contentType, body string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fonnte", name))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(name, ".form") {
		return "application/x-www-form-urlencoded", string(b)
	}
	return "application/json", string(b)
}

// corpusFiles lists the corpus.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "fonnte"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// count runs a COUNT query on a tenant's database.
func (e *testEnv) count(slug, query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := sqldbtest.Open(e.t, e.db(slug).Path()).Read.QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}
