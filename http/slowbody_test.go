package http_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
)

// dribble opens a connection to srv and sends the head of a request whose
// body of declared length never fully arrives. It returns once the server's
// handler has started reading the body (the server has answered "100
// Continue"), having sent the first byte of it.
func dribble(t *testing.T, srv *httptest.Server, method, path, host string, length int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", method, path, host, length)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 100") {
		t.Fatalf("%s %s: wanted 100 Continue, got %q %v", method, path, line, err)
	}
	if _, err := c.Write([]byte("{")); err != nil {
		t.Fatal(err)
	}
	return c
}

// Clients that send their bodies slowly hold connections, not the
// showroom's in-flight slots: with every slot's worth of sign-ins and
// inquiries dribbling, the catalogue, a signed-in user and the Fonnte webhook
// are all served.
func TestSlowBodiesDoNotLockTheShowroomOut(t *testing.T) {
	const slots = 4
	env := newTestEnv(t, func(c *apphttp.Config) { c.MaxInflightPerTenant = slots })
	tn := env.whatsAppTenant("alpha", "")
	env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	token := env.login("alpha", "owner@alpha.test")
	srv := httptest.NewServer(env.Server)
	t.Cleanup(srv.Close)

	for range slots {
		dribble(t, srv, "POST", "/api/admin/auth/login", "alpha.test", 1000)
		dribble(t, srv, "POST", "/api/leads", "alpha.test", 1000)
	}

	get := func(path, auth string) int {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Host = "alpha.test"
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := get("/api/cars", ""); code != http.StatusOK {
		t.Errorf("catalogue while bodies dribble: %d", code)
	}
	if code := get("/api/admin/auth/me", token); code != http.StatusOK {
		t.Errorf("signed-in user while bodies dribble: %d", code)
	}
	ct, body := corpus(t, "text.json")
	req, _ := http.NewRequest("POST", srv.URL+"/webhook/fonnte?token="+tn.WebhookToken, strings.NewReader(body))
	req.Host = "alpha.test"
	req.Header.Set("Content-Type", ct)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("Fonnte webhook while bodies dribble: %d", res.StatusCode)
	}
}

// A body declared larger than the route takes is refused before it is read:
// a client that asks "Expect: 100-continue" hears 413, not "go on".
func TestOversizedBodyRefusedBeforeContinue(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	token := env.login("alpha", "owner@alpha.test")
	srv := httptest.NewServer(env.Server)
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		path, auth string
		want       string
	}{
		{"/api/admin/cars", token, "HTTP/1.1 413"},
		{"/api/admin/cars/1/photos", token, "HTTP/1.1 413"},
		{"/api/leads", "", "HTTP/1.1 413"},
		{"/api/admin/auth/login", "", "HTTP/1.1 413"},
		// Strangers are refused before their body is even considered.
		{"/api/admin/cars/1/photos", "", "HTTP/1.1 401"},
	} {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		head := "POST " + tc.path + " HTTP/1.1\r\nHost: alpha.test\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\nExpect: 100-continue\r\n"
		if tc.auth != "" {
			head += "Authorization: Bearer " + tc.auth + "\r\n"
		}
		fmt.Fprint(c, head+"\r\n")
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, err := bufio.NewReader(c).ReadString('\n')
		c.Close()
		if err != nil || !strings.HasPrefix(line, tc.want) {
			t.Errorf("%s (auth %v): first line %q %v, want %s", tc.path, tc.auth != "", line, err, tc.want)
		}
	}
}
