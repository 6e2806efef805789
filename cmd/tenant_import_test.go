package cmd_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeFonnte counts the sends a node makes, answering each with success.
type fakeFonnte struct {
	*httptest.Server
	mu    sync.Mutex
	sends []string // the Authorization header of each
}

func newFakeFonnte(t *testing.T) *fakeFonnte {
	f := &fakeFonnte{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.sends = append(f.sends, r.Header.Get("Authorization"))
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"detail":"success! message in queue","id":["101"],"process":"pending","status":true}`))
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeFonnte) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sends)
}

// A showroom moves from node A to node B, both serving: while it moves A
// sends none of its queued messages; B serves it within 5 s of the import,
// at the same hosts, with its users and webhook token, and sends the
// message A had queued, once.
func TestTenantMove(t *testing.T) {
	a, b := newCLI(t), newCLI(t)
	a.moveFixture("alpha", "6281100000001")
	a.startMove("alpha")
	fonnteA, fonnteB := newFakeFonnte(t), newFakeFonnte(t)
	srvA := a.serve("--fonnte-url", fonnteA.URL)
	b.createTenant("beta")
	srvB := b.serve("--fonnte-url", fonnteB.URL)
	token := a.show("alpha").WebhookToken

	archive := filepath.Join(t.TempDir(), "alpha.tar.gz")
	a.run("tenant", "export", "alpha", "--out", archive, "--with-fonnte-token")
	if code, _ := srvB.get("/api/tenant", "alpha.example.com"); code != http.StatusNotFound {
		t.Fatalf("B serves alpha before the import: %d", code)
	}
	out := b.run("tenant", "import", archive)
	wantContains(t, out, "Imported showroom alpha (Showroom alpha)", "2 photo files", "Hosts: alpha.example.com")

	srvB.waitFor("/api/tenant", "alpha.example.com", http.StatusOK, 5*time.Second)
	v := b.show("alpha")
	if v.WebhookToken != token || v.Status != "active" || v.WhatsAppNumber == nil || *v.WhatsAppNumber != "6281100000001" || !v.FonnteTokenSet {
		t.Fatalf("imported record %+v", v)
	}
	if code, body := srvB.do(http.MethodPost, "/api/admin/auth/login", "alpha.example.com",
		`{"email":"owner@alpha.test","password":"password123"}`); code != http.StatusOK {
		t.Fatalf("the owner cannot sign in on B: %d %s", code, body)
	}
	hook := `{"device":"6281100000001","sender":"6281234567890","message":"Jadi lihat besok","inboxid":"in-2"}`
	if code, body := srvB.do(http.MethodPost, "/webhook/fonnte?token="+token, "alpha.example.com", hook); code != http.StatusOK {
		t.Fatalf("B refuses alpha's webhook: %d %s", code, body)
	}
	if code, _ := srvA.do(http.MethodPost, "/webhook/fonnte?token="+token, "alpha.example.com", hook); code != http.StatusServiceUnavailable {
		t.Fatalf("A, where alpha is moving, answers the webhook %d, want 503", code)
	}
	b.wantRows("alpha", 1, `SELECT COUNT(*) FROM leads`)
	b.wantRows("alpha", 1, `SELECT COUNT(*) FROM users`)

	// The sender records a message sent once Fonnte has answered: wait
	// for the record, not only for Fonnte's count.
	const sent = `SELECT COUNT(*) FROM messages WHERE delivery_status = 'sent'`
	deadline := time.Now().Add(30 * time.Second)
	for (fonnteB.count() == 0 || b.countRows("alpha", sent) == 0) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	b.wantRows("alpha", 1, sent)
	if fonnteB.count() != 1 || fonnteA.count() != 0 {
		t.Fatalf("sends: A %d, B %d; want the queued message sent once, by B", fonnteA.count(), fonnteB.count())
	}

	for name, body := range movePhotos {
		path := filepath.Join(b.dir, "tenants", "alpha", "uploads", name)
		if got, err := os.ReadFile(path); err != nil || string(got) != body {
			t.Fatalf("photo %s on B: %q, %v", name, got, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(b.dir, "tenants", "*", ".importing")); len(left) != 0 {
		t.Fatalf("the import left its marker: %v", left)
	}
	a.run("tenant", "delete", "alpha", "--yes")
}

// Every archive that cannot be imported is refused with one clear line,
// and the node is left exactly as it was.
func TestTenantImportRefusals(t *testing.T) {
	a := newCLI(t)
	a.moveFixture("alpha", "6281100000001")
	a.startMove("alpha")
	good := filepath.Join(t.TempDir(), "alpha.tar.gz")
	a.run("tenant", "export", "alpha", "--out", good)
	entries := readArchive(t, good)

	b := newCLI(t)
	b.createTenant("beta")
	b.run("tenant", "update", "beta", "--whatsapp", "6281100000009")
	dir := t.TempDir()
	write := func(name string, change func([]archiveEntry) []archiveEntry) string {
		copied := make([]archiveEntry, len(entries))
		for i, e := range entries {
			copied[i] = archiveEntry{name: e.name, mode: e.mode, body: append([]byte(nil), e.body...)}
		}
		path := filepath.Join(dir, name)
		writeArchive(t, path, change(copied))
		return path
	}
	replace := func(name, old, new string) func([]archiveEntry) []archiveEntry {
		return func(es []archiveEntry) []archiveEntry {
			for i := range es {
				if es[i].name == name {
					es[i].body = []byte(strings.Replace(string(es[i].body), old, new, 1))
				}
			}
			return es
		}
	}
	truncated := filepath.Join(dir, "truncated.tar.gz")
	whole, _ := os.ReadFile(good)
	os.WriteFile(truncated, whole[:len(whole)*2/3], 0o600)
	notGzip := filepath.Join(dir, "notes.txt")
	os.WriteFile(notGzip, []byte("hello"), 0o600)

	cases := []struct {
		name, path, want string
	}{
		{"truncated", truncated, "the archive is truncated"},
		{"not an export", notGzip, "is not an export of autoleads"},
		{"photo tampered with", write("photo.tar.gz", replace("uploads/0123456789abcdef0123456789abcdef.jpg", "jpeg", "JPEG")),
			"entry uploads/0123456789abcdef0123456789abcdef.jpg does not match the manifest's SHA-256"},
		{"record tampered with", write("record.tar.gz", replace("tenant.json", `"city": "Malang"`, `"city": "Batu"  `)),
			"entry tenant.json does not match the manifest's SHA-256"},
		{"entry missing", write("missing.tar.gz", func(es []archiveEntry) []archiveEntry { return es[:len(es)-1] }),
			"entry uploads/0123456789abcdef0123456789abcdef.jpg is missing"},
		{"newer schema", write("schema.tar.gz", replace("manifest.json", `"schema": `, `"schema": 9`)),
			"newer than this version's"},
		{"unknown format", write("format.tar.gz", replace("manifest.json", `"format": 1`, `"format": 7`)),
			"export format 7 is not supported"},
		{"path escaping", write("escape.tar.gz", replace("manifest.json", `"path": "uploads/0123456789abcdef0123456789abcdef.jpg"`, `"path": "../../registry.db"`)),
			`the manifest lists an entry "../../registry.db" that no export holds`},
		{"absurd size", write("size.tar.gz", replace("manifest.json", `"bytes": 21`, `"bytes": 99999999999`)),
			"is out of bounds"},
		{"entry not listed", write("extra.tar.gz", func(es []archiveEntry) []archiveEntry {
			return append(es, archiveEntry{name: "uploads/ffffffffffffffffffffffffffffffff.jpg", body: []byte("x")})
		}), `entry "uploads/ffffffffffffffffffffffffffffffff.jpg" is not listed in the manifest`},
		{"link", write("link.tar.gz", func(es []archiveEntry) []archiveEntry {
			es[len(es)-1] = archiveEntry{name: es[len(es)-1].name, link: "/etc/passwd"}
			return es
		}), "is not a regular file (links, devices and directories are refused)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := b.with(t)
			before := b.nodeState()
			b.fail("", tc.want, "tenant", "import", tc.path)
			if after := b.nodeState(); after != before {
				t.Fatalf("the node changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}

	t.Run("taken", func(t *testing.T) {
		b := b.with(t)
		b.run("tenant", "add-host", "beta", "alpha.example.com")
		b.run("tenant", "update", "beta", "--whatsapp", "6281100000001")
		before := b.nodeState()
		line := b.fail("", "host alpha.example.com is used by another showroom", "tenant", "import", good)
		wantContains(t, line, `Showroom "alpha" cannot be imported here`, "WhatsApp number 6281100000001 is used by another showroom")
		if after := b.nodeState(); after != before {
			t.Fatalf("the node changed:\nbefore %s\nafter  %s", before, after)
		}
		b.run("tenant", "remove-host", "beta", "alpha.example.com")
		b.run("tenant", "update", "beta", "--whatsapp", "6281100000009")
	})

	t.Run("imported twice", func(t *testing.T) {
		b := b.with(t)
		b.run("tenant", "import", good)
		b.fail("", `showroom "alpha" already exists`, "tenant", "import", good)
	})
}

// nodeState is what an import may change: the registry's showrooms and
// the entries of the tenants directory.
func (c *cli) nodeState() string {
	c.t.Helper()
	names, err := os.ReadDir(filepath.Join(c.dir, "tenants"))
	if err != nil {
		c.t.Fatal(err)
	}
	var dirs []string
	for _, e := range names {
		dirs = append(dirs, e.Name())
	}
	return c.run("tenant", "list", "--json") + strings.Join(dirs, " ")
}
