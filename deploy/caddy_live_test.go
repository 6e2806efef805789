package deploy_test

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/tenants"
)

// freePort is a loopback port nothing listens on at the moment.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// serveNode serves a data directory with an active showroom alpha and a
// suspended one beta, on a loopback port, and returns its address.
func serveNode(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	reg, err := tenants.Open(ctx, t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close(); reg.Close() })
	for _, slug := range []string{"alpha", "beta"} {
		tn := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro"}
		if err := reg.CreateTenant(ctx, tn, []string{slug + ".test"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := reg.SetStatus(ctx, "beta", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	srv := apphttp.NewServer(apphttp.Config{Registry: reg, Pool: pool, Version: "test",
		JWTSecret: []byte("deploy-test-secret-deploy-test-secret"), NoRateLimit: true,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	return ln.Addr().String()
}

// runCaddy runs deploy/Caddyfile in front of the node at addr, on loopback
// ports of its own with certificates from Caddy's local authority (no
// public one is reachable from a test), and returns its HTTPS port.
func runCaddy(t *testing.T, addr string) int {
	t.Helper()
	data, err := os.ReadFile("Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	httpsPort := freePort(t)
	test := "{\n\thttp_port " + strconv.Itoa(freePort(t)) + "\n\thttps_port " + strconv.Itoa(httpsPort) +
		"\n\tlocal_certs\n\tskip_install_trust\n\tadmin off\n"
	caddyfile := strings.Replace(strings.ReplaceAll(string(data), "127.0.0.1:8080", addr), "{\n", test, 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(path, []byte(caddyfile), 0o644); err != nil {
		t.Fatal(err)
	}
	c := exec.Command(caddyBinary(t), "run", "--adapter", "caddyfile", "--config", path)
	c.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	log, err := os.Create(filepath.Join(dir, "caddy.log"))
	if err != nil {
		t.Fatal(err)
	}
	c.Stdout, c.Stderr = log, log
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Process.Kill()
		c.Wait()
		if t.Failed() {
			out, _ := os.ReadFile(log.Name())
			t.Logf("caddy's log:\n%s", out)
		}
	})
	return httpsPort
}

// Real Caddy, configured by deploy/Caddyfile, asks the node before each
// certificate: a showroom's host gets one and reaches the node, a suspended
// showroom's host and a host no showroom has get none, and the ask endpoint
// is not reachable through the proxy.
func TestCaddyAsksTheNode(t *testing.T) {
	caddyBinary(t)
	port := runCaddy(t, serveNode(t))
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, "127.0.0.1:"+strconv.Itoa(port))
		},
		// Caddy's local authority is not one this machine trusts.
		TLSClientConfig:   &tls.Config{InsecureSkipVerify: true},
		DisableKeepAlives: true,
	}}
	get := func(host, path string) (int, string, error) {
		res, err := client.Get("https://" + host + path)
		if err != nil {
			return 0, "", err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res.StatusCode, string(body), err
	}

	// Caddy starts in its own time: wait for its first answer.
	var status int
	var body string
	err := context.DeadlineExceeded
	for deadline := time.Now().Add(30 * time.Second); err != nil && time.Now().Before(deadline); {
		if status, body, err = get("alpha.test", "/api/tenant"); err != nil {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if err != nil || status != 200 || !strings.Contains(body, `"slug":"alpha"`) {
		t.Fatalf("alpha.test through Caddy: %d %q %v", status, body, err)
	}
	for _, host := range []string{"beta.test", "nobody.test"} {
		if status, _, err := get(host, "/api/tenant"); err == nil {
			t.Errorf("%s got a certificate and answered %d; want the handshake refused", host, status)
		}
	}
	if status, body, err := get("alpha.test", apphttp.TLSAskPath+"?domain=alpha.test"); err != nil || status != 404 || strings.Contains(body, "domain") {
		t.Errorf("the ask endpoint through Caddy: %d %q %v; want Caddy's own 404", status, body, err)
	}
}
