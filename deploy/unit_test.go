// Package deploy_test checks the files an operator installs from deploy/:
// the systemd unit and the Caddyfile, against the binary they run and each
// other, and with systemd's and Caddy's own tools where they are installed.
package deploy_test

import (
	"bufio"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/cmd"
)

// unit is a systemd unit file: section → key → every value it is given, in
// order (a key may repeat, as SystemCallFilter does).
type unit map[string]map[string][]string

func readUnit(t *testing.T, path string) unit {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			u[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a key=value of a section: %q", path, n, line)
			}
			u[section][k] = append(u[section][k], v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return u
}

// one is the single value of a [Service] key; a key missing or given twice
// fails the test.
func (u unit) one(t *testing.T, key string) string {
	t.Helper()
	v := u["Service"][key]
	if len(v) != 1 {
		t.Fatalf("[Service] %s is given %d times, want once: %q", key, len(v), v)
	}
	return v[0]
}

// serveArgs are the arguments of the unit's `autoleads serve`.
func serveArgs(t *testing.T, u unit) []string {
	t.Helper()
	args := strings.Fields(u.one(t, "ExecStart"))
	if len(args) < 2 || filepath.Base(args[0]) != "autoleads" || args[1] != "serve" {
		t.Fatalf("ExecStart does not run autoleads serve: %q", args)
	}
	return args[2:]
}

// flagValue is the value of --name in args (as --name value or --name=value).
func flagValue(t *testing.T, args []string, name string) string {
	t.Helper()
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
		if a == "--"+name && i+1 < len(args) {
			return args[i+1]
		}
	}
	t.Fatalf("serve is started without --%s: %q", name, args)
	return ""
}

func TestUnitIsHardened(t *testing.T) {
	u := readUnit(t, "autoleads.service")
	for key, want := range map[string]string{
		"User": "autoleads", "Group": "autoleads",
		"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
		"PrivateDevices": "yes", "MemoryDenyWriteExecute": "yes", "RestrictSUIDSGID": "yes",
		"RestrictNamespaces": "yes", "LockPersonality": "yes", "ProtectKernelTunables": "yes",
		"ProtectKernelModules": "yes", "ProtectControlGroups": "yes", "SystemCallArchitectures": "native",
		"UMask": "0077", "StateDirectoryMode": "0700",
		// Empty: no capability at all, as it binds an unprivileged port.
		"CapabilityBoundingSet": "", "AmbientCapabilities": "",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
		"EnvironmentFile":         "-/etc/autoleads/env",
	} {
		if got := u.one(t, key); got != want {
			t.Errorf("[Service] %s=%q, want %q", key, got, want)
		}
	}
	if filters := u["Service"]["SystemCallFilter"]; len(filters) == 0 || filters[0] != "@system-service" {
		t.Errorf("SystemCallFilter = %q, want @system-service first", filters)
	}

	// The one writable path is the data directory the server is told to use.
	dataDir, ok := strings.CutPrefix(u.one(t, "Environment"), "AUTOLEADS_DATA_DIR=")
	if !ok {
		t.Fatalf("Environment=%q, want AUTOLEADS_DATA_DIR=…", u.one(t, "Environment"))
	}
	if rw := u.one(t, "ReadWritePaths"); rw != dataDir {
		t.Errorf("ReadWritePaths=%q, want only the data directory %q", rw, dataDir)
	}
	if state := "/var/lib/" + u.one(t, "StateDirectory"); state != dataDir {
		t.Errorf("StateDirectory makes %s, but the data directory is %s", state, dataDir)
	}

	// It listens on loopback, where only the proxy reaches it, and believes
	// forwarded headers from loopback alone.
	args := serveArgs(t, u)
	host, _, err := net.SplitHostPort(flagValue(t, args, "addr"))
	if a, perr := netip.ParseAddr(host); err != nil || perr != nil || !a.IsLoopback() {
		t.Errorf("--addr %q is not a loopback address", flagValue(t, args, "addr"))
	}
	if p := flagValue(t, args, "trusted-proxies"); p != "127.0.0.1/32" {
		t.Errorf("--trusted-proxies %q, want only 127.0.0.1/32", p)
	}

	// The stop timeout outlasts serve's own shutdown timeout, so systemd
	// never kills a server still closing its databases.
	stop, err := strconv.Atoi(strings.TrimSuffix(u.one(t, "TimeoutStopSec"), "s"))
	if err != nil || stop <= 30 {
		t.Errorf("TimeoutStopSec=%q, want more than serve's 30 s --shutdown-timeout", u.one(t, "TimeoutStopSec"))
	}
}

// Every flag of ExecStart is one `autoleads serve` knows, with a value it
// parses: a renamed flag would stop the service at its next start.
func TestUnitFlagsExist(t *testing.T) {
	args := serveArgs(t, readUnit(t, "autoleads.service"))
	root := cmd.NewRootCommand(strings.NewReader(""), io.Discard, io.Discard, func(string) string { return "" })
	serve, _, err := root.Find([]string{"serve"})
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.ParseFlags(args); err != nil {
		t.Fatalf("serve does not take the unit's flags %q: %v", args, err)
	}
	if rest := serve.Flags().Args(); len(rest) > 0 {
		t.Fatalf("the unit passes serve arguments it takes none of: %q", rest)
	}
}

// systemd's own check, when systemd-analyze is installed: the unit has no
// unknown key or bad value, and systemd rates its exposure low.
func TestUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed; TestUnitIsHardened still checks the unit")
	}
	data, err := os.ReadFile("autoleads.service")
	if err != nil {
		t.Fatal(err)
	}
	// verify wants ExecStart's program to exist: any executable will do.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "autoleads.service")
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), "ExecStart=/usr/local/bin/autoleads", "ExecStart="+self, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", path).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, _ = exec.Command(analyze, "security", "--offline=true", path).CombinedOutput()
	m := regexp.MustCompile(`Overall exposure level for autoleads\.service: ([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Skipf("this systemd-analyze cannot rate a unit offline: %s", out)
	}
	if level, _ := strconv.ParseFloat(string(m[1]), 64); level > 2 {
		t.Fatalf("systemd rates the unit's exposure %s, want at most 2 (of 10):\n%s", m[1], out)
	}
}
