package backup_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// exportAlpha exports showroom alpha, with a photo, of a fresh data
// directory, moving since a minute ago, and returns the archive's path.
func exportAlpha(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	reg := openTestRegistry(t, "alpha")
	up, _ := reg.Layout.UploadsDir("alpha")
	os.MkdirAll(up, 0o700)
	if err := os.WriteFile(filepath.Join(up, "0123456789abcdef0123456789abcdef.jpg"), []byte("jpeg"), 0o600); err != nil {
		t.Fatal(err)
	}
	reg.Now = func() time.Time { return time.Now().Add(-time.Minute) }
	if _, err := reg.SetMoving(ctx, "alpha", true); err != nil {
		t.Fatal(err)
	}
	reg.Now = time.Now
	out := filepath.Join(t.TempDir(), "alpha.tar.gz")
	if _, err := backup.Export(ctx, reg, backup.ExportOptions{Slug: "alpha", Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantNothingImported fails unless reg's node holds no trace of alpha: no
// registration, no directory, no staging directory.
func wantNothingImported(t *testing.T, reg *tenants.Registry) {
	t.Helper()
	if _, err := reg.FindTenant(context.Background(), "alpha"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("alpha is registered: %v", err)
	}
	entries, _ := os.ReadDir(reg.Layout.TenantsDir())
	for _, e := range entries {
		if e.Name() != "beta" {
			t.Fatalf("the tenants directory holds %s", e.Name())
		}
	}
}

// An import that fails at any step before its registration commits leaves
// the node as it was, and the same archive imports afterwards.
func TestImport_FailsAtEachStep(t *testing.T) {
	ctx := context.Background()
	archive := exportAlpha(t)
	reg := openTestRegistry(t, "beta")
	for _, step := range []string{"unpacked", "verified", "placed"} {
		restore := backup.SetImportFault(func(s string) error {
			if s == step {
				return errors.New("disk on fire")
			}
			return nil
		})
		_, err := backup.Import(ctx, reg, archive)
		restore()
		if err == nil || !strings.Contains(err.Error(), "disk on fire; nothing was imported") {
			t.Fatalf("failing at %s: %v", step, err)
		}
		wantNothingImported(t, reg)
	}
	if _, err := backup.Import(ctx, reg, archive); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.FindTenant(ctx, "alpha"); err != nil {
		t.Fatal(err)
	}
}

// The database is checked itself, not only its digest: an archive whose
// manifest was rebuilt around a database from a newer version, or a
// damaged one, is refused.
func TestImport_ChecksTheDatabase(t *testing.T) {
	ctx := context.Background()
	archive := exportAlpha(t)
	cases := []struct {
		name   string
		change func(t *testing.T, path string)
		want   string
	}{
		{"newer schema", func(t *testing.T, path string) {
			h := sqldbtest.Open(t, path)
			if _, err := h.Write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 0)`); err != nil {
				t.Fatal(err)
			}
			h.Close()
		}, "its database has schema 99, newer than this version's"},
		{"damaged", func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			for i := 4096 * 2; i < len(b) && i < 4096*3; i++ {
				b[i] = 0xff
			}
			os.WriteFile(path, b, 0o600)
		}, "tenant.db failed its integrity check"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reg := openTestRegistry(t, "beta")
			forged := rebuildArchive(t, archive, tc.change)
			_, err := backup.Import(ctx, reg, forged)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("import: %v, want %q", err, tc.want)
			}
			wantNothingImported(t, reg)
		})
	}
}

// rebuildArchive writes a copy of archive whose tenant.db change has
// altered, with a manifest that describes it, as a forger would.
func rebuildArchive(t *testing.T, archive string, change func(t *testing.T, path string)) string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, _ := gzip.NewReader(f)
	tr := tar.NewReader(gz)
	type entry struct {
		name string
		body []byte
	}
	var entries []entry
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		entries = append(entries, entry{h.Name, body})
	}
	db := filepath.Join(t.TempDir(), "tenant.db")
	os.WriteFile(db, entries[2].body, 0o600)
	change(t, db)
	entries[2].body, _ = os.ReadFile(db)
	var m map[string]any
	json.Unmarshal(entries[0].body, &m)
	for _, e := range m["entries"].([]any) {
		e := e.(map[string]any)
		for _, x := range entries[1:] {
			if x.name == e["path"] {
				sum := sha256.Sum256(x.body)
				e["bytes"], e["sha256"] = len(x.body), hex.EncodeToString(sum[:])
			}
		}
	}
	entries[0].body, _ = json.Marshal(m)

	out := filepath.Join(t.TempDir(), "forged.tar.gz")
	w, _ := os.Create(out)
	gzw := gzip.NewWriter(w)
	tw := tar.NewWriter(gzw)
	for _, e := range entries {
		tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: e.name, Size: int64(len(e.body)), Mode: 0o600})
		tw.Write(e.body)
	}
	tw.Close()
	gzw.Close()
	w.Close()
	return out
}

// What a dead import left is cleaned; what a running one holds is not.
func TestCleanImports(t *testing.T) {
	ctx := context.Background()
	reg := openTestRegistry(t, "beta")
	dead := deadPID(t)
	write := func(path, body string) {
		os.MkdirAll(filepath.Dir(path), 0o700)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	deadStage := reg.Layout.ImportDir(dead + "-abc")
	liveStage := reg.Layout.ImportDir(strconv.Itoa(os.Getpid()) + "-def")
	write(filepath.Join(deadStage, "tenant.db"), "half")
	write(filepath.Join(liveStage, "tenant.db"), "being written")
	// Renamed into place, then the process died before the commit…
	orphan, _ := reg.Layout.TenantDir("orphan")
	write(filepath.Join(orphan, ".importing"), dead)
	// …or after it.
	beta, _ := reg.Layout.TenantDir("beta")
	write(filepath.Join(beta, ".importing"), dead)

	if err := backup.CleanImports(ctx, reg); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{deadStage: false, liveStage: true, orphan: false,
		filepath.Join(beta, ".importing"): false, filepath.Join(beta, "tenant.db"): true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", path, err == nil, want)
		}
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot run a process:", err)
	}
	return strconv.Itoa(cmd.Process.Pid)
}

// An export of a showroom whose move has just begun waits for the sends
// under way, and says how long.
func TestExport_WaitsAfterTheMoveBegan(t *testing.T) {
	reg := openTestRegistry(t, "alpha")
	if _, err := reg.SetMoving(context.Background(), "alpha", true); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var waited time.Duration
	out := filepath.Join(t.TempDir(), "alpha.tar.gz")
	_, err := backup.Export(ctx, reg, backup.ExportOptions{Slug: "alpha", Out: out,
		Waiting: func(d time.Duration) { waited = d; cancel() }})
	if !errors.Is(err, context.Canceled) || waited < 25*time.Second || waited > tenants.MovingSettle {
		t.Fatalf("export: %v after being told to wait %s", err, waited)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a canceled export left its archive")
	}
}

// A move called off while its export waits is not exported: the showroom
// takes changes again, which the archive would not hold.
func TestExport_RefusesAMoveCalledOff(t *testing.T) {
	reg := openTestRegistry(t, "alpha")
	if _, err := reg.SetMoving(context.Background(), "alpha", true); err != nil {
		t.Fatal(err)
	}
	// The move began almost the settling time ago: the export waits 100 ms.
	reg.Now = func() time.Time { return time.Now().Add(tenants.MovingSettle - 100*time.Millisecond) }
	out := filepath.Join(t.TempDir(), "alpha.tar.gz")
	_, err := backup.Export(context.Background(), reg, backup.ExportOptions{Slug: "alpha", Out: out,
		Waiting: func(time.Duration) {
			if _, err := reg.SetMoving(context.Background(), "alpha", false); err != nil {
				t.Error(err)
			}
		}})
	if err == nil || !strings.Contains(err.Error(), "stopped moving during the export") {
		t.Fatalf("export of a move called off: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused export left its archive")
	}
}

// An export killed before its cleanup leaves its working directory, a copy
// of the database, beside --out: the next export there removes it, and
// leaves alone the one of an export still running.
func TestExport_RemovesWhatAKilledExportLeft(t *testing.T) {
	reg := openTestRegistry(t, "alpha")
	dir := t.TempDir()
	dead := filepath.Join(dir, ".autoleads-export-"+deadPID(t)+"-123")
	running := filepath.Join(dir, ".autoleads-export-"+strconv.Itoa(os.Getpid())+"-456")
	for _, d := range []string{dead, running} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "tenant.db"), []byte("a copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := backup.Export(context.Background(), reg, backup.ExportOptions{Slug: "alpha",
		Out: filepath.Join(dir, "alpha.tar.gz"), Live: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a dead export's directory is still there: %v", err)
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("a running export's directory was removed: %v", err)
	}
}
