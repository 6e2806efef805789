package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

func TestBackup_Command(t *testing.T) {
	dir := seedBackupFixture(t)
	out := mustRunBackupCLI(t, dir, "backup", "--json")
	var files []backup.File
	if err := json.Unmarshal([]byte(out), &files); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	bk := onlyBackup(t, filepath.Join(dir, "backups"))

	t.Run("Files", func(t *testing.T) {
		want := map[string]bool{"registry.db": true, "tenants/alpha/tenant.db": true, "tenants/alpha/uploads": true,
			"tenants/beta/tenant.db": true, "tenants/beta/uploads": true}
		for _, f := range files {
			rel, err := filepath.Rel(bk, f.Path)
			if err != nil || !want[filepath.ToSlash(rel)] {
				t.Fatalf("unexpected file %s in the output", f.Path)
			}
			delete(want, filepath.ToSlash(rel))
			if strings.HasSuffix(rel, ".db") {
				st, err := os.Stat(f.Path)
				if err != nil {
					t.Fatal(err)
				}
				if f.Integrity == nil || *f.Integrity != "ok" || f.SHA256 == nil || st.Size() != f.Bytes {
					t.Fatalf("%s: integrity %v, sha256 %v, %d bytes listed, %d on disk", rel, f.Integrity, f.SHA256, f.Bytes, st.Size())
				}
			} else if f.Files == nil || *f.Files != len(backupFixtureUploads) || f.Integrity != nil {
				t.Fatalf("%s: files %v integrity %v, want %d files and no integrity", rel, f.Files, f.Integrity, len(backupFixtureUploads))
			}
		}
		if len(want) != 0 {
			t.Fatalf("missing from the output: %v", want)
		}
		if _, err := backup.ReadManifest(bk); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ModesAndNoSidecars", func(t *testing.T) {
		err := filepath.WalkDir(bk, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			switch {
			case d.IsDir() && info.Mode().Perm() != 0o700:
				t.Errorf("%s: mode %v, want 0700", path, info.Mode().Perm())
			case d.Type().IsRegular() && info.Mode().Perm() != 0o600:
				t.Errorf("%s: mode %v, want 0600", path, info.Mode().Perm())
			case !d.IsDir() && !d.Type().IsRegular():
				t.Errorf("%s: %v copied; symlinks must be skipped", path, d.Type())
			case strings.HasSuffix(path, "-wal") || strings.HasSuffix(path, "-shm"):
				t.Errorf("%s: a snapshot must be one self-contained file", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(filepath.Join(bk, "tenants", "alpha", "uploads", "passwd.jpg")); !os.IsNotExist(err) {
			t.Fatalf("the symlink was followed or copied: %v", err)
		}
	})

	t.Run("Content", func(t *testing.T) {
		for _, slug := range []string{"alpha", "beta"} {
			if got, want := countBackupRows(t, bk, slug), countBackupRows(t, dir, slug); got != want {
				t.Fatalf("%s: snapshot holds %+v, data directory %+v", slug, got, want)
			}
			for name, body := range backupFixtureUploads {
				b, err := os.ReadFile(filepath.Join(bk, "tenants", slug, "uploads", filepath.FromSlash(name)))
				if err != nil || string(b) != body {
					t.Fatalf("%s upload %s: %q, %v", slug, name, b, err)
				}
			}
		}
	})

	t.Run("OneTenantAsText", func(t *testing.T) {
		outDir := filepath.Join(t.TempDir(), "offsite")
		out := mustRunBackupCLI(t, dir, "backup", "--out", outDir, "--tenant", "beta")
		for _, frag := range []string{"registry.db", filepath.Join("tenants", "beta", "tenant.db") + "\t", "integrity ok",
			"2 files", "backup complete: " + outDir} {
			if !strings.Contains(out, frag) {
				t.Errorf("output lacks %q:\n%s", frag, out)
			}
		}
		if strings.Contains(out, "alpha") {
			t.Fatalf("a --tenant beta backup holds alpha:\n%s", out)
		}
		m, err := backup.ReadManifest(onlyBackup(t, outDir))
		if err != nil {
			t.Fatal(err)
		}
		if m.Complete || len(m.Tenants) != 1 || m.Tenants[0] != "beta" {
			t.Fatalf("manifest: complete %v, tenants %v", m.Complete, m.Tenants)
		}
	})
}

func TestRestore_IntoEmptyDataDir(t *testing.T) {
	ctx := context.Background()
	dir := seedBackupFixture(t)
	bkRoot := filepath.Join(t.TempDir(), "backups")
	mustRunBackupCLI(t, dir, "backup", "--out", bkRoot)
	bk := onlyBackup(t, bkRoot)

	restored := filepath.Join(t.TempDir(), "restored")
	out := mustRunBackupCLI(t, restored, "restore", "--from", bk)
	for _, frag := range []string{"restored showroom alpha", "restored showroom beta", "restored the registry"} {
		if !strings.Contains(out, frag) {
			t.Errorf("output lacks %q:\n%s", frag, out)
		}
	}
	entries, err := os.ReadDir(restored)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Name() != "registry.db" || entries[1].Name() != "tenants" {
		t.Fatalf("restored data directory holds %v, want registry.db and tenants", entries)
	}

	for _, slug := range []string{"alpha", "beta"} {
		if got, want := countBackupRows(t, restored, slug), countBackupRows(t, dir, slug); got != want {
			t.Fatalf("%s: restored %+v, original %+v", slug, got, want)
		}
		for name, body := range backupFixtureUploads {
			up, _ := tenants.Layout{Root: restored}.UploadsDir(slug)
			b, err := os.ReadFile(filepath.Join(up, filepath.FromSlash(name)))
			if err != nil || string(b) != body {
				t.Fatalf("%s upload %s: %q, %v", slug, name, b, err)
			}
		}
	}
	code, body := serveBackupRequest(t, restored, "POST", "/api/admin/auth/login", "alpha.test",
		`{"email":"owner@alpha.test","password":"password123"}`)
	if code != 200 || !strings.Contains(body, `"token"`) {
		t.Fatalf("the owner cannot sign in after the restore: %d %s", code, body)
	}

	for _, host := range []string{"alpha.test", "www.beta.test"} {
		wantCode, wantBody := serveBackupRequest(t, dir, "GET", "/api/tenant", host, "")
		code, body := serveBackupRequest(t, restored, "GET", "/api/tenant", host, "")
		if wantCode != 200 || code != wantCode || body != wantBody {
			t.Fatalf("GET /api/tenant on %s: restored %d %s, original %d %s", host, code, body, wantCode, wantBody)
		}
	}
	regA, err := tenants.Open(ctx, dir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer regA.Close()
	regB, err := tenants.Open(ctx, restored, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer regB.Close()
	a, _ := regA.FindTenant(ctx, "alpha")
	b, _ := regB.FindTenant(ctx, "alpha")
	if a.WebhookToken != b.WebhookToken || a.ID != b.ID {
		t.Fatalf("restored registry row differs: %+v vs %+v", b, a)
	}
}

func TestRestore_OneTenant(t *testing.T) {
	ctx := context.Background()
	dir := seedBackupFixture(t)
	bkRoot := filepath.Join(t.TempDir(), "backups")
	mustRunBackupCLI(t, dir, "backup", "--out", bkRoot)
	bk := onlyBackup(t, bkRoot)
	backedUp := map[string]backupCounts{"alpha": countBackupRows(t, dir, "alpha"), "beta": countBackupRows(t, dir, "beta")}

	// Both showrooms change after the backup.
	for _, slug := range []string{"alpha", "beta"} {
		db := openBackupStore(t, dir, slug)
		addBackupMessages(t, db, 2, 100)
		db.Close()
	}
	changedAlpha, changedBeta := countBackupRows(t, dir, "alpha"), countBackupRows(t, dir, "beta")

	t.Run("RefusesWithoutYes", func(t *testing.T) {
		_, err := runBackupCLI(t, dir, "restore", "--from", bk, "--tenant", "alpha")
		if err == nil || !strings.Contains(err.Error(), "--yes") {
			t.Fatalf("err = %v, want a refusal naming --yes", err)
		}
		if got := countBackupRows(t, dir, "alpha"); got != changedAlpha {
			t.Fatalf("alpha changed to %+v", got)
		}
	})

	t.Run("ReplacesOnlyThatTenant", func(t *testing.T) {
		out := mustRunBackupCLI(t, dir, "restore", "--from", bk, "--tenant", "alpha", "--yes")
		if !strings.Contains(out, "restored showroom alpha") || !strings.Contains(out, ".old-alpha-") {
			t.Fatalf("output:\n%s", out)
		}
		if got := countBackupRows(t, dir, "alpha"); got != backedUp["alpha"] {
			t.Fatalf("alpha holds %+v, want the backup's %+v", got, backedUp["alpha"])
		}
		if got := countBackupRows(t, dir, "beta"); got != changedBeta {
			t.Fatalf("beta holds %+v, want its own %+v untouched", got, changedBeta)
		}
		old, err := filepath.Glob(filepath.Join(dir, "tenants", ".old-alpha-*"))
		if err != nil || len(old) != 1 {
			t.Fatalf("set-aside copies: %v %v", old, err)
		}
		db, err := store.Open(ctx, filepath.Join(old[0], "tenant.db"), sqldb.DurabilityNormal)
		if err != nil {
			t.Fatal(err)
		}
		var leads int
		sqldbtest.Open(t, db.Path()).Read.QueryRow(`SELECT COUNT(*) FROM leads`).Scan(&leads)
		db.Close()
		if leads != changedAlpha.Leads {
			t.Fatalf("the set-aside copy holds %d leads, want %d", leads, changedAlpha.Leads)
		}
		if staged, _ := filepath.Glob(filepath.Join(dir, "tenants", ".restore-*")); len(staged) != 0 {
			t.Fatalf("staging left behind: %v", staged)
		}
	})

	t.Run("DeletedTenantIsRegisteredAgain", func(t *testing.T) {
		reg, err := tenants.Open(ctx, dir, tenants.Options{})
		if err != nil {
			t.Fatal(err)
		}
		before, err := reg.FindTenant(ctx, "beta")
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.DeleteTenant(ctx, "beta"); err != nil {
			t.Fatal(err)
		}
		reg.Close()

		out := mustRunBackupCLI(t, dir, "restore", "--from", bk, "--tenant", "beta")
		if !strings.Contains(out, "registered showroom beta again") {
			t.Fatalf("output:\n%s", out)
		}
		reg, err = tenants.Open(ctx, dir, tenants.Options{})
		if err != nil {
			t.Fatal(err)
		}
		after, err := reg.FindTenant(ctx, "beta")
		reg.Close()
		if err != nil {
			t.Fatal(err)
		}
		if after.WebhookToken != before.WebhookToken || strings.Join(after.Hosts, ",") != strings.Join(before.Hosts, ",") ||
			after.WhatsAppNumber != before.WhatsAppNumber || after.Name != before.Name {
			t.Fatalf("registered again as %+v, was %+v", after, before)
		}
		if got := countBackupRows(t, dir, "beta"); got != backedUp["beta"] {
			t.Fatalf("beta holds %+v, want the backup's %+v", got, backedUp["beta"])
		}
		if code, body := serveBackupRequest(t, dir, "GET", "/api/tenant", "www.beta.test", ""); code != 200 || !strings.Contains(body, `"slug":"beta"`) {
			t.Fatalf("GET /api/tenant: %d %s", code, body)
		}
	})
}

func TestBackupRestore_Refusals(t *testing.T) {
	ctx := context.Background()
	dir := seedBackupFixture(t)
	bkRoot := filepath.Join(t.TempDir(), "backups")
	mustRunBackupCLI(t, dir, "backup", "--out", bkRoot)
	bk := onlyBackup(t, bkRoot)
	betaRoot := filepath.Join(t.TempDir(), "beta-only")
	mustRunBackupCLI(t, dir, "backup", "--out", betaRoot, "--tenant", "beta")
	betaOnly := onlyBackup(t, betaRoot)

	corrupt := filepath.Join(t.TempDir(), "corrupt")
	copyBackupDir(t, bk, corrupt)
	corruptBackupFile(t, filepath.Join(corrupt, "tenants", "alpha", "tenant.db"))
	tampered := filepath.Join(t.TempDir(), "tampered")
	copyBackupDir(t, bk, tampered)
	// A changed byte inside a row is invisible to integrity_check; the
	// manifest's checksum catches it.
	flipRowByte(t, filepath.Join(tampered, "tenants", "beta", "tenant.db"), "Masih ada mobilnya?")

	notABackup := t.TempDir()
	aFile := filepath.Join(t.TempDir(), "file")
	writeBackupFile(t, aFile, "not a directory")
	emptyTarget := filepath.Join(t.TempDir(), "empty")

	for _, tc := range []struct {
		name    string
		dataDir string
		args    []string
		want    string
	}{
		{"BackupUnknownTenant", dir, []string{"backup", "--tenant", "gamma"}, "Showroom not found"},
		{"BackupInvalidSlug", dir, []string{"backup", "--tenant", "../alpha"}, "Invalid showroom slug"},
		{"BackupOutNotWritable", dir, []string{"backup", "--out", filepath.Join(aFile, "sub")}, "cannot be created"},
		{"BackupNotADataDir", emptyTarget, []string{"backup"}, "no registry.db"},
		{"RestoreWithoutFrom", emptyTarget, []string{"restore"}, `"from" not set`},
		{"RestoreNotABackup", emptyTarget, []string{"restore", "--from", notABackup}, "not a finished backup"},
		{"RestorePartialBackupWhole", emptyTarget, []string{"restore", "--from", betaOnly}, "--tenant"},
		{"RestoreUnknownTenant", dir, []string{"restore", "--from", bk, "--tenant", "gamma"}, `has no showroom "gamma"`},
		{"RestoreInvalidSlug", dir, []string{"restore", "--from", bk, "--tenant", "../x"}, "Invalid showroom slug"},
		{"RestoreOverExisting", dir, []string{"restore", "--from", bk}, "already holds data; pass --yes"},
		{"RestoreTenantWithoutRegistry", emptyTarget, []string{"restore", "--from", bk, "--tenant", "alpha"}, "has no registry.db"},
		{"RestoreCorruptWhole", emptyTarget, []string{"restore", "--from", corrupt}, "failed its integrity check"},
		{"RestoreCorruptOverExisting", dir, []string{"restore", "--from", corrupt, "--yes"}, "failed its integrity check"},
		{"RestoreCorruptTenant", dir, []string{"restore", "--from", corrupt, "--tenant", "alpha", "--yes"}, "failed its integrity check"},
		{"RestoreTamperedTenant", dir, []string{"restore", "--from", tampered, "--tenant", "beta", "--yes"}, "SHA-256 mismatch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := runBackupCLI(t, tc.dataDir, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}

	t.Run("RestoreWhileServing", func(t *testing.T) {
		reg, err := tenants.Open(ctx, dir, tenants.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer reg.Close()
		for _, args := range [][]string{{"restore", "--from", bk, "--yes"}, {"restore", "--from", bk, "--tenant", "alpha", "--yes"}} {
			if _, err := runBackupCLI(t, dir, args...); err == nil || !strings.Contains(err.Error(), "in use") {
				t.Fatalf("%v: err = %v, want the data directory in use", args, err)
			}
		}
	})

	t.Run("NothingChanged", func(t *testing.T) {
		if got := countBackupRows(t, dir, "alpha"); got != (backupCounts{Users: 1, Leads: 3, Messages: 3}) {
			t.Fatalf("alpha holds %+v", got)
		}
		for _, pattern := range []string{".old-*", ".restore-*", "tenants/.old-*", "tenants/.restore-*"} {
			if left, _ := filepath.Glob(filepath.Join(dir, pattern)); len(left) != 0 {
				t.Fatalf("left behind: %v", left)
			}
		}
		if entries, _ := os.ReadDir(emptyTarget); len(entries) != 0 {
			t.Fatalf("a refused restore left %v in an empty data directory", entries)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "backups")); len(entries) != 0 {
			t.Fatalf("a refused backup left %v", entries)
		}
	})
}

// flipRowByte changes the first byte of text, a value of an unindexed
// column stored in the file at path: a change no index and no b-tree check
// can see.
func flipRowByte(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(text))
	if i < 0 {
		t.Fatalf("%s does not hold %q", path, text)
	}
	b[i] ^= 0x20 // flips the letter's case
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
