package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// TestCreate_WhileWriting takes a backup while four writers keep recording
// messages through another handle, as a serving process would. The snapshot
// must pass its integrity check and hold, for every writer, an unbroken
// prefix of its messages at least as long as what was committed before the
// backup began.
func TestCreate_WhileWriting(t *testing.T) {
	ctx := context.Background()
	reg := openTestRegistry(t, "alpha")
	db := openTestStore(t, reg.Layout, "alpha")

	const writers = 4
	var committed atomic.Int64
	stop := make(chan struct{})
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				in := store.InboundMessage{Phone: fmt.Sprintf("08120000000%d", w), Message: strconv.Itoa(i)}
				if _, err := db.RecordInboundMessage(ctx, in); err != nil {
					errs <- err
					return
				}
				committed.Add(1)
			}
		}()
	}
	for committed.Load() < 40 && len(errs) == 0 {
		time.Sleep(time.Millisecond)
	}
	before := committed.Load()
	res, err := backup.Create(ctx, reg, backup.Options{Out: t.TempDir()})
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	after := committed.Load()

	snap := openTestStore(t, tenants.Layout{Root: res.Dir}, "alpha")
	rows, err := sqldbtest.Open(t, snap.Path()).Read.Query(`SELECT l.customer_phone, m.message FROM messages m
		JOIN leads l ON l.id = m.lead_id ORDER BY m.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	next := map[string]int{}
	var total int64
	for rows.Next() {
		var phone, msg string
		if err := rows.Scan(&phone, &msg); err != nil {
			t.Fatal(err)
		}
		if msg != strconv.Itoa(next[phone]) {
			t.Fatalf("writer %s: message %q follows %d messages; the snapshot is not a prefix", phone, msg, next[phone])
		}
		next[phone]++
		total++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if total < before || total > after {
		t.Fatalf("snapshot holds %d messages; %d were committed before the backup began and %d in all", total, before, after)
	}
	for _, f := range res.Manifest.Files {
		if f.SHA256 != nil && (f.Integrity == nil || *f.Integrity != "ok") {
			t.Fatalf("%s: integrity %v", f.Path, f.Integrity)
		}
	}
}

// TestCreate_FailureLeavesNothing checks that a backup that fails halfway
// (a registered showroom's database is gone) leaves no folder behind that
// could pass for a backup, not even a .partial one.
func TestCreate_FailureLeavesNothing(t *testing.T) {
	reg := openTestRegistry(t, "alpha", "beta")
	path, _ := reg.Layout.TenantDBPath("beta")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	_, err := backup.Create(context.Background(), reg, backup.Options{Out: out})
	if err == nil || !strings.Contains(err.Error(), `database of showroom "beta" is missing`) {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("a failed backup left %v", entries)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the backup recreated the missing database: %v", err)
	}
}

// TestCreate_Timestamped checks the folder name and the manifest's header.
func TestCreate_Timestamped(t *testing.T) {
	reg := openTestRegistry(t, "alpha")
	at := time.Date(2026, 11, 25, 12, 30, 0, 0, time.FixedZone("WIB", 7*3600))
	res, err := backup.Create(context.Background(), reg, backup.Options{
		Version: "1.2.3", Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(reg.Layout.BackupsDir(), "20261125T053000Z"); res.Dir != want {
		t.Fatalf("backup in %s, want %s", res.Dir, want)
	}
	m, err := backup.ReadManifest(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.CreatedAt != "2026-11-25T05:30:00.000Z" || m.Version != "1.2.3" || !m.Complete ||
		strings.Join(m.Tenants, ",") != "alpha" || len(m.Files) != 3 {
		t.Fatalf("manifest %+v", m)
	}
	// A second backup in the same second must not touch the first.
	if _, err := backup.Create(context.Background(), reg, backup.Options{Now: func() time.Time { return at }}); err == nil {
		t.Fatal("a second backup with the same timestamp succeeded")
	}
}

// TestCreate_MirrorsItsRegistry checks that a whole backup holds exactly the
// showrooms its registry snapshot lists, even when the registry handle it is
// given has not yet seen what another process changed: a showroom created
// elsewhere is backed up with its files, one deleted elsewhere is not
// listed.
func TestCreate_MirrorsItsRegistry(t *testing.T) {
	ctx := context.Background()
	reg := openTestRegistry(t, "alpha", "gone")
	other, err := tenants.Open(ctx, reg.Layout.Root, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	late := &tenants.Tenant{Slug: "late", Name: "Late", Status: tenants.StatusActive, Plan: "pro"}
	if err := other.CreateTenant(ctx, late, []string{"late.test"}); err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteTenant(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	res, err := backup.Create(ctx, reg, backup.Options{Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Manifest.Tenants, ","); got != "alpha,late" {
		t.Fatalf("backup holds %s, want alpha,late", got)
	}
	path, _ := tenants.Layout{Root: res.Dir}.TenantDBPath("late")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the late showroom's database is not in the backup: %v", err)
	}
}
