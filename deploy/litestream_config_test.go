package deploy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// unitDataDir is the data directory deploy/autoleads.service serves.
func unitDataDir(t *testing.T) string {
	t.Helper()
	dir, ok := strings.CutPrefix(readUnit(t, "autoleads.service").one(t, "Environment"), "AUTOLEADS_DATA_DIR=")
	if !ok {
		t.Fatal("autoleads.service sets no AUTOLEADS_DATA_DIR")
	}
	return dir
}

// litestream.yml replicates the databases where the unit's server keeps
// them: its registry, and every showroom's database under tenants/, watched
// so that a showroom created later is replicated too.
func TestLitestreamConfigNamesTheDatabases(t *testing.T) {
	data, err := os.ReadFile("litestream.yml")
	if err != nil {
		t.Fatal(err)
	}
	layout := tenants.Layout{Root: unitDataDir(t)}
	db, err := layout.TenantDBPath("x")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			lines[strings.TrimPrefix(line, "- ")] = true
		}
	}
	for _, want := range []string{
		"path: " + layout.RegistryPath(),
		"dir: " + layout.TenantsDir(),
		"pattern: " + filepath.Base(db),
		"recursive: true",
		"watch: true",
	} {
		if !lines[want] {
			t.Errorf("litestream.yml has no line %q", want)
		}
	}
}

// The Litestream unit runs as the server's user, may write the data
// directory (Litestream's bookkeeping lives beside each database) and the
// replica, and nothing else.
func TestLitestreamUnit(t *testing.T) {
	u := readUnit(t, "litestream.service")
	for key, want := range map[string]string{
		"User": "autoleads", "Group": "autoleads",
		"ExecStart":       "/usr/local/bin/litestream replicate -config /etc/litestream.yml",
		"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
		"CapabilityBoundingSet": "", "UMask": "0077",
		"ReadWritePaths": unitDataDir(t) + " /var/backups/litestream",
	} {
		if got := u.one(t, key); got != want {
			t.Errorf("litestream.service: [Service] %s=%q, want %q", key, got, want)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed")
	}
	// verify wants ExecStart's program to exist: any executable will do.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("litestream.service")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "litestream.service")
	unit := strings.Replace(string(data), "ExecStart=/usr/local/bin/litestream", "ExecStart="+self, 1)
	if err := os.WriteFile(path, []byte(unit), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(analyze, "verify", path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}
