package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/tenants"
)

// apiClient calls a running server over TCP.
type apiClient struct {
	base string
	c    *http.Client
}

func newAPIClient(p *serverProcess) *apiClient {
	return &apiClient{base: "http://" + p.Addr, c: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// call sends one request; body is nil or a value sent as JSON. It returns
// the status and body, or the transport error (a dead server).
func (a *apiClient) call(method, path, host, token string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Host = host
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := a.c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// mustCall is call that fails the test unless the answer has status want,
// and decodes the envelope's data into data when it is not nil.
func (a *apiClient) mustCall(t testing.TB, method, path, host, token string, body any, want int, data any) {
	t.Helper()
	code, b, err := a.call(method, path, host, token, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if code != want {
		t.Fatalf("%s %s on %s: status %d, want %d: %s", method, path, host, code, want, b)
	}
	if data != nil {
		if err := decodeData(b, data); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

// decodeData decodes the data of a success envelope into v.
func decodeData(body []byte, v any) error {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return err
	}
	return json.Unmarshal(env.Data, v)
}

// login signs a user in through the API and returns the token.
func (a *apiClient) login(t testing.TB, slug, email string) string {
	t.Helper()
	var d struct{ Token string }
	a.mustCall(t, "POST", "/api/admin/auth/login", slug+".test", "",
		map[string]string{"email": email, "password": "password123"}, http.StatusOK, &d)
	return d.Token
}

// addOwner gives a showroom an owner "owner@<slug>.test" with password
// "password123" through `autoleads user create`, before the server starts.
// The binary hashes the password at full speed even when the tests run
// under the race detector, which slows bcrypt tenfold.
func addOwner(t *testing.T, dataDir, slug string) {
	t.Helper()
	c := exec.Command(buildBinary(t), "--data-dir", dataDir, "user", "create", "--tenant", slug,
		"--email", ownerEmail(slug), "--name", "Owner "+slug, "--role", "owner", "--password-stdin")
	c.Stdin = strings.NewReader("password123\n")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}
}

// webhookTokens reads the showrooms' webhook tokens from the registry.
func webhookTokens(t *testing.T, dataDir string, slugs []string) map[string]string {
	t.Helper()
	reg, err := tenants.Open(context.Background(), dataDir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	out := map[string]string{}
	for _, slug := range slugs {
		tn, err := reg.Lookup(slug)
		if err != nil {
			t.Fatal(err)
		}
		out[slug] = tn.WebhookToken
	}
	return out
}

// fonnteText is a customer's text message as Fonnte posts it to the
// webhook.
func fonnteText(phone, message string, inboxID int) map[string]any {
	return map[string]any{"sender": "62" + phone[1:], "name": "Pelanggan", "message": message,
		"inboxid": inboxID, "type": "text"}
}

func ownerEmail(slug string) string { return "owner@" + slug + ".test" }

// phoneOf returns a distinct valid Indonesian phone number for worker w's
// n-th write.
func phoneOf(w, n int) string { return fmt.Sprintf("0813%03d%05d", w, n) }
