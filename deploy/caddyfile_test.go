package deploy_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
)

// caddyBinary is Debian's caddy from the PATH (requireTool).
func caddyBinary(t *testing.T) string { return requireTool(t, "caddy", "apt-get install caddy") }

// requireTool is the path of the program name on the PATH. Without it a
// test is skipped on a developer's machine but fails under CI, which
// installs it with install.
func requireTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed, and CI must run this test: %s", name, install)
		}
		t.Skipf("%s is not installed (%s)", name, install)
	}
	return path
}

// caddyValidate runs `caddy validate` on a Caddyfile: Caddy adapts it and
// provisions every module, without listening or getting a certificate.
func caddyValidate(t *testing.T, path string) {
	t.Helper()
	c := exec.Command(caddyBinary(t), "validate", "--adapter", "caddyfile", "--config", path)
	home := t.TempDir() // Caddy's storage and config, not the developer's
	c.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("caddy validate %s: %v\n%s", path, err, out)
	}
}

func TestCaddyfileValidates(t *testing.T) {
	caddyValidate(t, "Caddyfile")
}

// What `autoleads caddy routes` writes for several nodes validates too: the
// caddy package proves testdata/two-nodes.caddy is its output byte for byte.
func TestGeneratedRoutesValidate(t *testing.T) {
	caddyValidate(t, "../caddy/testdata/two-nodes.caddy")
}

// The Caddyfile asks the endpoint the server routes, and proxies to the
// address the unit makes the server listen on.
func TestCaddyfileMatchesTheUnit(t *testing.T) {
	data, err := os.ReadFile("Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	caddyfile := string(data)
	addr := flagValue(t, serveArgs(t, readUnit(t, "autoleads.service")), "addr")
	for _, want := range []string{
		"ask http://" + addr + apphttp.TLSAskPath + "\n",
		"reverse_proxy " + addr + " {",
		"respond /internal/* 404",
		"header_up -X-Tenant-Domain",
		"on_demand\n",
	} {
		if !strings.Contains(caddyfile, want) {
			t.Errorf("deploy/Caddyfile lacks %q", want)
		}
	}
	if !strings.HasPrefix(apphttp.TLSAskPath, "/internal/") {
		t.Errorf("the ask endpoint %s is outside /internal/, which the Caddyfile keeps from the public", apphttp.TLSAskPath)
	}
	if n := len(regexp.MustCompile(`(?m)^\s*reverse_proxy `).FindAllString(caddyfile, -1)); n != 1 {
		t.Errorf("deploy/Caddyfile proxies %d times, want once", n)
	}
}
