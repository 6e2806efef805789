package cmd_test

import (
	"net/http"
	"testing"
	"time"
)

// A running server makes a showroom read-only within 5 s of `tenant moving
// on`, and takes its changes again within 5 s of `off`; other showrooms are
// untouched, and so are its status and plan.
func TestTenantMoving(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.createTenant("beta")
	srv := c.serve()
	inquiry := `{"name":"Budi","phone":"081234567890"}`

	out := c.run("tenant", "moving", "alpha", "on")
	wantContains(t, out, "Showroom alpha is moving since", "read-only", "autoleads tenant export alpha")
	var v struct {
		Status      string  `json:"status"`
		MovingSince *string `json:"movingSince"`
	}
	decode(t, c.run("tenant", "show", "alpha", "--json"), &v)
	if v.MovingSince == nil || v.Status != "active" {
		t.Fatalf("tenant show: status %s, movingSince %v; want active and a time", v.Status, v.MovingSince)
	}
	wantContains(t, c.run("tenant", "show", "alpha"), "Moving since:")
	wantContains(t, c.run("tenant", "list"), "active, moving")

	waitStatus(t, srv, http.MethodPost, "/api/leads", "alpha.example.com", inquiry, http.StatusServiceUnavailable)
	if code, body := srv.get("/api/cars", "alpha.example.com"); code != http.StatusOK {
		t.Fatalf("catalogue of a moving showroom: %d %s", code, body)
	}
	if code, body := srv.do(http.MethodPost, "/api/leads", "beta.example.com", inquiry); code != http.StatusCreated {
		t.Fatalf("inquiry to another showroom: %d %s", code, body)
	}

	wantContains(t, c.run("tenant", "moving", "alpha", "off"), "Showroom alpha is no longer moving")
	waitStatus(t, srv, http.MethodPost, "/api/leads", "alpha.example.com", inquiry, http.StatusCreated)

	c.fail("", "the second argument must be on or off", "tenant", "moving", "alpha", "yes")
	c.fail("", "Showroom not found", "tenant", "moving", "nobody", "on")
}

// waitStatus repeats a request until it answers want, failing after 5 s,
// the time a running server has to apply a registry change.
func waitStatus(t *testing.T, srv *server, method, path, host, body string, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, got := srv.do(method, path, host, body)
		if code == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s %s on %s answers %d after 5 s, want %d: %s", method, path, host, code, want, got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
