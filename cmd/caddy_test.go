package cmd_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listTo writes what `tenant list --json` prints on c's node to a file, as
// an operator copies it to the proxy, and returns the file's path.
func (c *cli) listTo(name string) string {
	c.t.Helper()
	path := filepath.Join(c.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(c.run("tenant", "list", "--json")), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return path
}

// A showroom's route follows it through a move, regenerated from the two
// nodes' listings at each step; a step that cannot be routed leaves the
// proxy's file as it was.
func TestCaddyRoutesFollowAMove(t *testing.T) {
	a, b := newCLI(t), newCLI(t)
	a.createTenant("alpha")
	a.createTenant("beta")
	out := filepath.Join(t.TempDir(), "autoleads-routes.caddy")
	routes := func() string {
		t.Helper()
		return a.run("caddy", "routes", "--node", "10.0.0.2:8080="+a.listTo("a.json"),
			"--node", "10.0.0.3:8080="+b.listTo("b.json"), "--out", out)
	}
	routed := func(slug, addr string) {
		t.Helper()
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		wantContains(t, string(data), "# "+slug+" on "+addr+"\n"+slug+".example.com {\n", "reverse_proxy "+addr+" {")
	}

	wantContains(t, routes(), "Routed 2 hosts of 2 showrooms to 2 nodes in "+out)
	routed("alpha", "10.0.0.2:8080")
	routed("beta", "10.0.0.2:8080")
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("routes file: %v %v, want mode 0644 for Caddy's user", fi, err)
	}

	// Imported on B while A still serves it: refused, the file untouched.
	b.createTenant("alpha")
	before, _ := os.ReadFile(out)
	a.fail("", "showroom alpha is served by 2 nodes (10.0.0.2:8080, 10.0.0.3:8080)",
		"caddy", "routes", "--node", "10.0.0.2:8080="+a.listTo("a.json"), "--node", "10.0.0.3:8080="+b.listTo("b.json"), "--out", out)
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatalf("a refused run changed the routes:\n%s", after)
	}

	// Moving on A, live on B: B gets it. Deleted from A: still B.
	a.run("tenant", "moving", "alpha", "on")
	routes()
	routed("alpha", "10.0.0.3:8080")
	routed("beta", "10.0.0.2:8080")
	a.run("tenant", "delete", "alpha", "--yes")
	routes()
	routed("alpha", "10.0.0.3:8080")

	// Without --out, the file is the standard output, and nothing else is.
	stdout := a.run("caddy", "routes", "--node", "10.0.0.2:8080="+a.listTo("a.json"))
	if !strings.HasPrefix(stdout, "# The routes of AutoLeads showrooms") || strings.Contains(stdout, "Routed") {
		t.Fatalf("stdout is not just the Caddyfile: %q", stdout)
	}
}

func TestCaddyRoutesRefusesBadNodes(t *testing.T) {
	c := newCLI(t)
	list := c.listTo("a.json")
	c.fail("", `--node "10.0.0.2:8080" must be ADDR=FILE`, "caddy", "routes", "--node", "10.0.0.2:8080")
	c.fail("", "must be HOST:PORT", "caddy", "routes", "--node", "10.0.0.2="+list)
	c.fail("", "no such file", "caddy", "routes", "--node", "10.0.0.2:8080="+list+".missing")
	c.fail("", `required flag(s) "node" not set`, "caddy", "routes")
}
