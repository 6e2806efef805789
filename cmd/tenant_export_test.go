package cmd_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportManifest is the part of an export's manifest the tests read.
type exportManifest struct {
	Format      int      `json:"format"`
	Slug        string   `json:"slug"`
	CreatedAt   string   `json:"createdAt"`
	Live        bool     `json:"live"`
	FonnteToken bool     `json:"fonnteToken"`
	Schema      int      `json:"schema"`
	Migrations  []string `json:"migrations"`
	Entries     []struct {
		Path   string `json:"path"`
		Bytes  int64  `json:"bytes"`
		SHA256 string `json:"sha256"`
	} `json:"entries"`
}

func TestTenantExport(t *testing.T) {
	c := newCLI(t)
	c.moveFixture("alpha", "6281100000001")
	out := filepath.Join(t.TempDir(), "alpha.tar.gz")

	c.fail("", "showroom alpha is not moving: run `autoleads tenant moving alpha on` first, or pass --live",
		"tenant", "export", "alpha", "--out", out)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a refused export left %s: %v", out, err)
	}

	c.startMove("alpha")
	r := c.exec(t.Context(), "", "tenant", "export", "alpha", "--out", out)
	if r.err != nil {
		t.Fatalf("export: %v\n%s", r.err, r.stderr)
	}
	wantContains(t, r.stdout, "Exported showroom alpha to "+out, "2 photo files", "autoleads tenant import")
	wantContains(t, r.stderr, "left out", ".upload-123")
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("archive: %v, mode %v; want 0600", err, fi.Mode())
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) != 0 {
		t.Fatalf("the export left temporary files: %v", left)
	}

	entries := readArchive(t, out)
	if got, want := entryNames(entries), "manifest.json tenant.json tenant.db uploads/0123456789abcdef0123456789abcdef-640.jpg uploads/0123456789abcdef0123456789abcdef.jpg"; got != want {
		t.Fatalf("entries %q, want %q", got, want)
	}
	var m exportManifest
	decode(t, string(entries[0].body), &m)
	if m.Format != 1 || m.Slug != "alpha" || m.Live || m.FonnteToken || m.Schema < 7 || len(m.Migrations) != m.Schema || m.CreatedAt == "" {
		t.Fatalf("manifest %+v", m)
	}
	for i, e := range m.Entries {
		if e.Path != entries[i+1].name || e.Bytes != int64(len(entries[i+1].body)) || len(e.SHA256) != 64 {
			t.Fatalf("manifest entry %+v does not describe entry %s (%d bytes)", e, entries[i+1].name, len(entries[i+1].body))
		}
	}
	var rec map[string]any
	decode(t, string(entries[1].body), &rec)
	if rec["slug"] != "alpha" || rec["whatsappNumber"] != "6281100000001" || rec["webhookToken"] == "" ||
		rec["status"] != "active" || rec["city"] != "Malang" {
		t.Fatalf("registry record %v", rec)
	}
	if _, ok := rec["fonnteToken"]; ok {
		t.Fatal("the Fonnte token was exported without --with-fonnte-token")
	}
	if string(entries[3].body) != movePhotos["0123456789abcdef0123456789abcdef-640.jpg"] {
		t.Fatalf("photo copy holds %q", entries[3].body)
	}
	if !strings.HasPrefix(string(entries[2].body), "SQLite format 3\x00") {
		t.Fatal("tenant.db is not a SQLite database")
	}

	c.fail("", "already exists", "tenant", "export", "alpha", "--out", out)

	// With the flag, the token travels; --json prints the manifest.
	out2 := filepath.Join(t.TempDir(), "alpha-token.tar.gz")
	var res struct {
		Path     string         `json:"path"`
		Bytes    int64          `json:"bytes"`
		Manifest exportManifest `json:"manifest"`
		Skipped  []string       `json:"skipped"`
	}
	jsonOut := c.run("tenant", "export", "alpha", "--out", out2, "--with-fonnte-token", "--json")
	wantContains(t, jsonOut, `"path": "`+out2+`"`, `"manifest": {`, `"skipped": [`)
	decode(t, jsonOut, &res)
	if fi, _ := os.Stat(out2); res.Bytes != fi.Size() || len(res.Skipped) != 1 {
		t.Fatalf("--json: %d bytes (file %d), skipped %v", res.Bytes, fi.Size(), res.Skipped)
	}
	decode(t, string(readArchive(t, out2)[1].body), &rec)
	if rec["fonnteToken"] != "tok-alpha" || !res.Manifest.FonnteToken {
		t.Fatalf("with --with-fonnte-token: record token %v, manifest %v", rec["fonnteToken"], res.Manifest.FonnteToken)
	}

	// --live copies a showroom that keeps taking changes, and says so.
	c.run("tenant", "moving", "alpha", "off")
	live := filepath.Join(t.TempDir(), "alpha-live.tar.gz")
	c.run("tenant", "export", "alpha", "--out", live, "--live")
	decode(t, string(readArchive(t, live)[0].body), &m)
	if !m.Live {
		t.Fatal("a --live export is not marked live")
	}

	c.fail("", "Showroom not found", "tenant", "export", "nobody", "--out", filepath.Join(t.TempDir(), "x.tar.gz"), "--live")
	c.fail("", "not writable", "tenant", "export", "alpha", "--out", filepath.Join(t.TempDir(), "missing", "x.tar.gz"), "--live")
}
