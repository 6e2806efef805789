package http_test

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/tenants"
)

// The OpenAPI document lists every route the router has registered, with
// the same methods, and nothing the router does not serve.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	reg, err := tenants.Open(t.Context(), t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	s := apphttp.NewServer(apphttp.Config{Registry: reg, Pool: tenants.NewPool(reg), Version: "test", JWTSecret: []byte("x")})

	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /api/openapi.json: %d", rec.Code)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([a-zA-Z]+)`)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range s.Routes() {
		if r.Page {
			continue // the website and the dashboard are HTML, not API
		}
		key := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}")
		registered[key] = true
		if !documented[key] {
			t.Errorf("route %s is not in the OpenAPI document", key)
		}
	}
	// Paths dispatched inside a parameter route (httprouter cannot register
	// a static segment beside a parameter) are documented on their own.
	dispatched := map[string]string{
		"GET /api/cars/facets":       "GET /api/cars/{slug}",
		"GET /api/admin/leads/stats": "GET /api/admin/leads/{id}",
	}
	for key := range documented {
		if !registered[key] && !registered[dispatched[key]] {
			t.Errorf("the OpenAPI document lists %s, which is not routed", key)
		}
	}
}

// The document states the page range the API enforces, so a client learns
// the largest page before being refused it.
func TestOpenAPIPageRange(t *testing.T) {
	env := newTestEnv(t)
	res := env.do("GET", "/api/openapi.json", "anything", "", nil)
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string         `json:"name"`
				Schema map[string]any `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	res.decode(t, &doc)
	for _, path := range []string{"/api/cars", "/api/admin/cars", "/api/admin/leads"} {
		found := false
		for _, p := range doc.Paths[path]["get"].Parameters {
			if p.Name == "page" {
				found = true
				if p.Schema["minimum"] != 1.0 || p.Schema["maximum"] != 1_000_000.0 {
					t.Errorf("GET %s: page schema = %v, want minimum 1 and maximum 1000000", path, p.Schema)
				}
			}
		}
		if !found {
			t.Errorf("GET %s documents no page parameter", path)
		}
	}
}

// The logo upload documents its multipart field, the one the server reads.
func TestOpenAPILogoUpload(t *testing.T) {
	env := newTestEnv(t)
	res := env.do("GET", "/api/openapi.json", "anything", "", nil)
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Schema struct {
						Required []string `json:"required"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Paths["/api/admin/tenant/logo"]["post"].RequestBody.Content["multipart/form-data"].Schema.Required
	if len(got) != 1 || got[0] != "logo" {
		t.Fatalf("logo upload requires %v, want [logo]", got)
	}
}
