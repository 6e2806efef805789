package cmd_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/cmd"
	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// runBackupCLI runs autoleads with args on dataDir and returns its stdout
// and the error that would make it exit non-zero.
func runBackupCLI(t *testing.T, dataDir string, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	root := cmd.NewRootCommand(strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	root.SetArgs(append([]string{"--data-dir", dataDir}, args...))
	err := root.ExecuteContext(context.Background())
	return stdout.String(), err
}

// mustRunBackupCLI is runBackupCLI that fails the test on an error.
func mustRunBackupCLI(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	out, err := runBackupCLI(t, dataDir, args...)
	if err != nil {
		t.Fatalf("autoleads %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// backupFixtureUploads are the photos every fixture showroom holds, by path
// under its uploads directory.
var backupFixtureUploads = map[string]string{
	"car-1.jpg":         "jpeg bytes of car 1",
	"cars/2/front.webp": "webp bytes of car 2",
}

// seedBackupFixture fills a new data directory under t.TempDir() with two
// showrooms, "alpha" and "beta", each with an owner, leads with messages
// (alpha 3 leads, beta 1) and photos, plus a symlink in alpha's uploads that
// a backup must not follow. It returns the data directory.
func seedBackupFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	reg, err := tenants.Open(ctx, dir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	for i, slug := range []string{"alpha", "beta"} {
		tn := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro",
			City: "Surabaya", WhatsAppNumber: fmt.Sprintf("62811000000%d", i)}
		if err := reg.CreateTenant(ctx, tn, []string{slug + ".test", "www." + slug + ".test"}); err != nil {
			t.Fatal(err)
		}
		db := openBackupStore(t, dir, slug)
		u := &store.User{Name: "Owner " + slug, Email: "owner@" + slug + ".test", Role: store.RoleOwner}
		if err := db.CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
		addBackupMessages(t, db, 3-2*i, 0)
		db.Close()
		up, _ := reg.Layout.UploadsDir(slug)
		for name, body := range backupFixtureUploads {
			writeBackupFile(t, filepath.Join(up, name), body)
		}
	}
	up, _ := reg.Layout.UploadsDir("alpha")
	if err := os.Symlink("/etc/passwd", filepath.Join(up, "passwd.jpg")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openBackupStore opens a showroom's database in dataDir through the
// production opener.
func openBackupStore(t *testing.T, dataDir, slug string) *store.DB {
	t.Helper()
	path, err := tenants.Layout{Root: dataDir}.TenantDBPath(slug)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// addBackupMessages records one message from each of n customers, whose
// phone numbers start at first.
func addBackupMessages(t *testing.T, db *store.DB, n, first int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		in := store.InboundMessage{Phone: fmt.Sprintf("0812%08d", i), Name: "Customer",
			Message: "Masih ada mobilnya?"}
		if _, err := db.RecordInboundMessage(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
}

// writeBackupFile writes body to path, creating its directory.
func writeBackupFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// backupCounts are the row counts that tell one showroom's data from another.
type backupCounts struct{ Users, Leads, Messages int }

// countBackupRows counts a showroom's rows in dataDir.
func countBackupRows(t *testing.T, dataDir, slug string) backupCounts {
	t.Helper()
	db := openBackupStore(t, dataDir, slug)
	defer db.Close()
	var c backupCounts
	for table, dst := range map[string]*int{"users": &c.Users, "leads": &c.Leads, "messages": &c.Messages} {
		if err := sqldbtest.Open(t, db.Path()).Read.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// serveBackupRequest answers one request from a server over dataDir, built
// as `serve` builds it, and returns the status and body. body, when not
// empty, is sent as JSON.
func serveBackupRequest(t *testing.T, dataDir, method, path, host, body string) (int, string) {
	t.Helper()
	ctx := context.Background()
	reg, err := tenants.Open(ctx, dataDir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	pool := tenants.NewPool(reg)
	defer pool.Close()
	srv := apphttp.NewServer(apphttp.Config{Registry: reg, Pool: pool, Version: "test",
		JWTSecret: []byte("backup-test-secret-backup-test-secret-01"),
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil))})
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Host = host
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// onlyBackup returns the single finished backup folder in dir.
func onlyBackup(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || strings.HasSuffix(entries[0].Name(), ".partial") {
		t.Fatalf("%s holds %v, want one finished backup", dir, entries)
	}
	return filepath.Join(dir, entries[0].Name())
}

// copyBackupDir copies the regular files of src into dst.
func copyBackupDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeBackupFile(t, filepath.Join(dst, rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// corruptBackupFile overwrites 64 bytes at the start of the second page of
// a database (a b-tree page header), damage PRAGMA integrity_check reports.
func corruptBackupFile(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 64), 4096); err != nil {
		t.Fatal(err)
	}
}
