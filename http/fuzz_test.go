package http_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
)

// The fuzz targets drive the real router over real tenant files: whatever
// bytes arrive as a body or a query string, the answer is a client error or
// a success in the API's envelope, never a 500 or a panic (a panic is turned
// into a 500 by the recover middleware, so the status check catches both).
// Seed corpora live in testdata/fuzz/<FuzzName>/; `go test` runs the seeds,
// `go test -fuzz FuzzName ./http` searches further.

// fuzzBoundary is the multipart boundary of fuzzed photo uploads, so seeds
// can hold well-formed multipart bodies.
const fuzzBoundary = "fuzzboundary"

// FuzzAdminJSONBodies sends each input as the body of every admin POST and
// PUT route (the photo upload as multipart), signed in as the owner.
func FuzzAdminJSONBodies(f *testing.F) {
	e := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		e := e.with(t)
		for _, r := range e.routesOf(kindAdmin) {
			if r.Method != http.MethodPost && r.Method != http.MethodPut {
				continue
			}
			e.fuzzBody(r, body, e.freshToken(e.alpha, e.alpha.owner))
		}
	})
}

// FuzzPublicJSONBodies sends each input as the body of every POST and PUT
// route that needs no token: the inquiry form and the login.
func FuzzPublicJSONBodies(f *testing.F) {
	e := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		e := e.with(t)
		for _, r := range e.routesOf(kindPublic, kindLogin) {
			if r.Method == http.MethodPost || r.Method == http.MethodPut {
				e.fuzzBody(r, body, "")
			}
		}
	})
}

// FuzzWebhookBodies sends each input to every webhook route with the
// showroom's token, as JSON or, when form is set, as a form: whatever
// Fonnte (or anyone holding the URL) posts is stored, ignored or refused
// with a 4xx that Fonnte will not retry in vain.
func FuzzWebhookBodies(f *testing.F) {
	e := newFuzzEnv(f)
	token := e.webhookToken(e.alpha)
	f.Fuzz(func(t *testing.T, form bool, body []byte) {
		e := e.with(t)
		for _, r := range e.routesOf(kindWebhook) {
			req := httptest.NewRequest(r.Method, e.alpha.fill(t, r)+"?token="+token, bytes.NewReader(body))
			req.Host = e.alpha.host
			req.Header.Set("Content-Type", "application/json")
			if form {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			wantEnvelope(t, routeKey(r), caseFor(t, r), e.serve(req))
		}
	})
}

// FuzzQueryParams sends each input as the query string of every GET route,
// with the owner's token on admin routes: pagination, filters, sort orders
// and dates either parse or answer 400/422.
func FuzzQueryParams(f *testing.F) {
	e := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, query string) {
		e := e.with(t)
		for _, r := range e.Server.Routes() {
			if r.Method != http.MethodGet {
				continue
			}
			c := caseFor(t, r)
			req := httptest.NewRequest(r.Method, e.alpha.fill(t, r), nil)
			req.URL.RawQuery = query
			req.Host = e.alpha.host
			if c.kind == kindAdmin {
				req.Header.Set("Authorization", "Bearer "+e.freshToken(e.alpha, e.alpha.owner))
			}
			wantEnvelope(t, routeKey(r)+"?"+query, c, e.serve(req))
		}
	})
}

// newFuzzEnv is a server with showroom alpha and a row of each kind.
func newFuzzEnv(f *testing.F) *isoEnv {
	e := &isoEnv{testEnv: newTestEnv(f)}
	e.alpha = e.fixture("alpha", 1, 1)
	return e
}

// with returns the environment reporting to t, as a fuzz target's body
// must not report to its *testing.F.
func (e *isoEnv) with(t *testing.T) *isoEnv {
	te := *e.testEnv
	te.t = t
	return &isoEnv{testEnv: &te, alpha: e.alpha, beta: e.beta}
}

// fuzzBody sends body raw to route r on alpha and checks the answer.
func (e *isoEnv) fuzzBody(r apphttp.Route, body []byte, token string) {
	t := e.t
	t.Helper()
	c := caseFor(t, r)
	req := httptest.NewRequest(r.Method, e.alpha.fill(t, r), bytes.NewReader(body))
	req.Host = e.alpha.host
	req.Header.Set("Content-Type", "application/json")
	if c.upload {
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+fuzzBoundary)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	wantEnvelope(t, routeKey(r), c, e.serve(req))
}

// wantEnvelope fails unless res is below 500 and, when it is JSON, is the
// API's envelope: success true with data, or success false with an error
// code and message. Platform routes answer JSON of their own shape, and a
// served photo is not JSON.
func wantEnvelope(t testing.TB, label string, c routeCase, res *response) {
	t.Helper()
	if res.Code >= 500 {
		t.Fatalf("%s: status %d: %s", label, res.Code, res.Body)
	}
	if c.kind == kindPage || c.kind == kindAsset || c.kind == kindDesk {
		if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s: a page answered JSON: %s", label, res.Body)
		}
		return
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if res.Code != http.StatusOK || c.kind != kindPublic {
			t.Fatalf("%s: %d answered %q, not JSON: %q", label, res.Code, res.Header.Get("Content-Type"), res.Body)
		}
		return
	}
	if c.kind == kindPlatform && res.Code == http.StatusOK {
		if !json.Valid([]byte(res.Body)) {
			t.Fatalf("%s: invalid JSON: %s", label, res.Body)
		}
		return
	}
	var env struct {
		Success *bool           `json:"success"`
		Data    json.RawMessage `json:"data"`
		Error   *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(res.Body), &env); err != nil || env.Success == nil {
		t.Fatalf("%s: %d is not an envelope (%v): %s", label, res.Code, err, res.Body)
	}
	switch {
	case *env.Success && (res.Code >= 300 || env.Data == nil):
		t.Fatalf("%s: success with status %d or without data: %s", label, res.Code, res.Body)
	case !*env.Success && (res.Code < 400 || env.Error == nil || env.Error.Code == "" || env.Error.Message == ""):
		t.Fatalf("%s: failure with status %d or without code and message: %s", label, res.Code, res.Body)
	}
}
