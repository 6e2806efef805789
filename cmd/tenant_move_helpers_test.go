package cmd_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// movePhotos are the files of a fixture showroom's uploads directory that
// the server serves, by name.
var movePhotos = map[string]string{
	"0123456789abcdef0123456789abcdef.jpg":     "jpeg bytes of a photo",
	"0123456789abcdef0123456789abcdef-640.jpg": "jpeg bytes of its 640 px copy",
}

// moveFixture gives showroom slug (created with createTenant) a WhatsApp
// number, a Fonnte token, an owner, a lead with a customer's message and a
// reply still queued, the photos of movePhotos and a leftover temporary
// file the server never serves.
func (c *cli) moveFixture(slug, whatsapp string) {
	c.t.Helper()
	ctx := context.Background()
	c.createTenant(slug)
	c.run("tenant", "update", slug, "--whatsapp", whatsapp, "--city", "Malang")
	c.runStdin("tok-"+slug+"\n", "tenant", "update", slug, "--fonnte-token-stdin")
	c.runStdin("password123\n", "user", "create", "--tenant", slug, "--email", "owner@"+slug+".test",
		"--name", "Owner", "--role", "owner", "--password-stdin")
	db := c.tenantDB(slug)
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567890", Name: "Budi",
		Message: "Avanza masih ada?", ExternalID: "in-1"})
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: in.LeadID, Message: "Masih, Pak", UserID: 1}); err != nil {
		c.t.Fatal(err)
	}
	up, _ := tenants.Layout{Root: c.dir}.UploadsDir(slug)
	if err := os.MkdirAll(up, 0o700); err != nil {
		c.t.Fatal(err)
	}
	files := map[string]string{".upload-123": "half a photo"}
	for name, body := range movePhotos {
		files[name] = body
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(up, name), []byte(body), 0o600); err != nil {
			c.t.Fatal(err)
		}
	}
}

// startMove puts slug in the moving state as if it had begun a minute ago,
// so an export need not wait for sends under way.
func (c *cli) startMove(slug string) {
	c.t.Helper()
	reg := c.registry()
	reg.Now = func() time.Time { return time.Now().Add(-time.Minute) }
	if _, err := reg.SetMoving(context.Background(), slug, true); err != nil {
		c.t.Fatal(err)
	}
}

// archiveEntry is one entry of an export, read back.
type archiveEntry struct {
	name string
	mode int64
	body []byte
	link string // a symbolic link's target: the entry is a link
}

// readArchive reads an export whole (test archives are small).
func readArchive(t *testing.T, path string) []archiveEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out []archiveEntry
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, archiveEntry{name: h.Name, mode: h.Mode, body: body})
	}
}

// writeArchive writes entries as an export would, gzip-compressed.
func writeArchive(t *testing.T, path string, entries []archiveEntry) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Typeflag: tar.TypeReg, Name: e.name, Size: int64(len(e.body)), Mode: 0o600}
		if e.link != "" {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.body)
	}
	for _, err := range []error{tw.Close(), gz.Close(), f.Close()} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// entryNames lists the names of entries, in order.
func entryNames(entries []archiveEntry) string {
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.name
	}
	return strings.Join(names, " ")
}

// wantRows fails unless query, a COUNT on slug's database, counts want.
func (c *cli) wantRows(slug string, want int, query string) {
	c.t.Helper()
	if n := c.countRows(slug, query); n != want {
		c.t.Fatalf("%s on %s: %d, want %d", query, slug, n, want)
	}
}

// countRows is what a COUNT query finds in slug's database.
func (c *cli) countRows(slug, query string) int {
	c.t.Helper()
	path, _ := tenants.Layout{Root: c.dir}.TenantDBPath(slug)
	var n int
	if err := sqldbtest.Open(c.t, path).Read.QueryRow(query).Scan(&n); err != nil {
		c.t.Fatal(err)
	}
	return n
}
