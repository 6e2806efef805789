package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// testEnv is a real server over a real data directory in a temp dir.
type testEnv struct {
	t      testing.TB
	Reg    *tenants.Registry
	Pool   *tenants.Pool
	Server *apphttp.Server
	Config apphttp.Config
}

// testSecret signs the test tokens.
var testSecret = []byte("test-secret-test-secret-test-secret-0123")

// newTestEnv opens a data directory under t.TempDir() and a server on it.
// Rate limits are off (scenario tables send many requests from one
// address); configure, when given, adjusts the config before the server is
// built, e.g. to turn them back on.
func newTestEnv(t testing.TB, configure ...func(*apphttp.Config)) *testEnv {
	t.Helper()
	ctx := context.Background()
	reg, err := tenants.Open(ctx, t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close(); reg.Close() })
	cfg := apphttp.Config{
		Registry: reg, Pool: pool, Version: "test", JWTSecret: testSecret,
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		NoRateLimit: true,
	}
	for _, f := range configure {
		f(&cfg)
	}
	srv := apphttp.NewServer(cfg)
	// As cmd/serve.go wires it: the server hears every showroom's changes.
	t.Cleanup(pool.Changes().Subscribe(srv.Changed))
	return &testEnv{t: t, Reg: reg, Pool: pool, Config: cfg, Server: srv}
}

// createTenant registers an active tenant reachable at slug+".test" and any
// extra hosts.
func (e *testEnv) createTenant(slug string, hosts ...string) *tenants.Tenant {
	e.t.Helper()
	t := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro"}
	if err := e.Reg.CreateTenant(context.Background(), t, append([]string{slug + ".test"}, hosts...)); err != nil {
		e.t.Fatal(err)
	}
	return t
}

// db returns the open store of a tenant.
func (e *testEnv) db(slug string) *store.DB {
	e.t.Helper()
	t, err := e.Reg.Lookup(slug)
	if err != nil {
		e.t.Fatal(err)
	}
	db, release, err := e.Pool.Acquire(context.Background(), t)
	if err != nil {
		e.t.Fatal(err)
	}
	release()
	return db
}

// createUser adds a user with password "password123" to a tenant.
func (e *testEnv) createUser(slug, email, role string) *store.User {
	e.t.Helper()
	u := &store.User{Name: strings.Split(email, "@")[0], Email: email, Role: role}
	if err := e.db(slug).CreateUser(context.Background(), u, "password123"); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// login signs a user in through the API and returns the token.
func (e *testEnv) login(slug, email string) string {
	e.t.Helper()
	res := e.do("POST", "/api/admin/auth/login", slug+".test", "",
		map[string]string{"email": email, "password": "password123"})
	if res.Code != http.StatusOK {
		e.t.Fatalf("login %s on %s: %d %s", email, slug, res.Code, res.Body)
	}
	var body struct {
		Data struct{ Token string } `json:"data"`
	}
	res.decode(e.t, &body)
	return body.Data.Token
}

// response is a recorded answer.
type response struct {
	Code   int
	Header http.Header
	Body   string
}

// decode unmarshals the body into v.
func (r *response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decode %q: %v", r.Body, err)
	}
}

// do sends one request through the server. body may be nil, a string (sent
// as is) or a value (sent as JSON).
func (e *testEnv) do(method, path, host, token string, body any) *response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, rd)
	req.Host = host
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.serve(req)
}

// serve runs a prepared request through the server.
func (e *testEnv) serve(req *http.Request) *response {
	rec := httptest.NewRecorder()
	e.Server.ServeHTTP(rec, req)
	return &response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
}

// wantFragments fails unless body contains every fragment.
func wantFragments(t testing.TB, label, body string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(body, f) {
			t.Errorf("%s: body lacks %q:\n%s", label, f, body)
		}
	}
}
