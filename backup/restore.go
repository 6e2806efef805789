package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// RestoreOptions configure Restore.
type RestoreOptions struct {
	// From is the backup directory (the one holding manifest.json).
	From string
	// Tenant restores only this showroom; "" restores the whole data
	// directory.
	Tenant string
	// Replace moves existing data aside instead of refusing to touch it.
	Replace bool
	// Now returns the current time; tests replace it. Default time.Now.
	Now func() time.Time
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	Tenants []string `json:"tenants"` // the showrooms restored
	// RegistryRestored is true when a registry row came from the backup:
	// the whole registry, or the row of a showroom that had been deleted.
	RegistryRestored bool `json:"registryRestored"`
	// Previous is where the data that was replaced now lives, or "" when
	// nothing was replaced. It is kept until the operator deletes it.
	Previous string `json:"previous"`
}

// Restore copies the backup o.From into dataDir: the whole data directory,
// or with o.Tenant one showroom. Every database is copied into a staging
// directory inside dataDir and verified there (PRAGMA integrity_check and
// the manifest's SHA-256) before anything live is touched; then the live
// files are renamed aside and the staged ones renamed into place, so a
// failure leaves the data directory as it was. It refuses to run while
// another process has the registry open (ErrInUse), and to replace
// existing data unless o.Replace.
func Restore(ctx context.Context, dataDir string, o RestoreOptions) (*RestoreResult, error) {
	m, err := ReadManifest(o.From)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	r := &restorer{m: m, from: o.From, src: tenants.Layout{Root: o.From}, live: tenants.Layout{Root: dataDir},
		stamp: now().UTC().Format(dirTimeFormat)}
	if o.Tenant == "" {
		return r.all(ctx, o.Replace)
	}
	return r.one(ctx, o.Tenant, o.Replace)
}

// restorer carries one restore.
type restorer struct {
	m     *Manifest
	from  string
	src   tenants.Layout // the backup
	live  tenants.Layout // the data directory
	stamp string         // names the staging and set-aside directories
}

// all replaces the whole data directory with the backup.
func (r *restorer) all(ctx context.Context, replace bool) (*RestoreResult, error) {
	if !r.m.Complete {
		return nil, fmt.Errorf("backup %s holds only showroom %s; restore it with --tenant",
			r.from, strings.Join(r.m.Tenants, ", "))
	}
	occupied, err := r.occupied()
	if err != nil {
		return nil, err
	}
	previous := r.live.ReplacedDir(r.stamp)
	if occupied && !replace {
		return nil, fmt.Errorf("data directory %s already holds data; pass --yes to move it aside into %s and restore",
			r.live.Root, previous)
	}
	if found, err := exists(r.live.RegistryPath()); err != nil {
		return nil, err
	} else if found {
		lock, err := lockRegistry(ctx, r.live)
		if err != nil {
			return nil, err
		}
		// Released before the files move: a connection must not outlive
		// the rename of its file.
		lock.Close()
	}
	if err := os.MkdirAll(r.live.Root, 0o700); err != nil {
		return nil, err
	}
	staging := r.live.RestoreDir(r.stamp)
	if err := os.Mkdir(staging, 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w", r.live.Root, err)
	}
	defer os.RemoveAll(staging)
	st := tenants.Layout{Root: staging}
	if err := r.stageDB(ctx, r.src.RegistryPath(), st.RegistryPath()); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(st.TenantsDir(), 0o700); err != nil {
		return nil, err
	}
	for _, slug := range r.m.Tenants {
		if err := r.stageTenant(ctx, st, slug); err != nil {
			return nil, err
		}
	}

	mv := &mover{}
	res := &RestoreResult{Tenants: r.m.Tenants, RegistryRestored: true}
	if occupied {
		if err := os.Mkdir(previous, 0o700); err != nil {
			return nil, err
		}
		aside := tenants.Layout{Root: previous}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := mv.moveIfExists(r.live.RegistryPath()+suffix, aside.RegistryPath()+suffix); err != nil {
				mv.undo()
				return nil, err
			}
		}
		if err := mv.moveIfExists(r.live.TenantsDir(), aside.TenantsDir()); err != nil {
			mv.undo()
			return nil, err
		}
		res.Previous = previous
	} else if err := os.Remove(r.live.TenantsDir()); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if err := mv.move(st.RegistryPath(), r.live.RegistryPath()); err != nil {
		mv.undo()
		return nil, err
	}
	if err := mv.move(st.TenantsDir(), r.live.TenantsDir()); err != nil {
		mv.undo()
		return nil, err
	}
	return res, tenants.SyncDir(r.live.Root)
}

// occupied reports whether the data directory already holds a registry or
// any showroom directory.
func (r *restorer) occupied() (bool, error) {
	if found, err := exists(r.live.RegistryPath()); err != nil || found {
		return found, err
	}
	entries, err := os.ReadDir(r.live.TenantsDir())
	if os.IsNotExist(err) {
		return false, nil
	}
	return len(entries) > 0, err
}

// one restores a single showroom, registering it again from the backup's
// registry when it was deleted since.
func (r *restorer) one(ctx context.Context, slug string, replace bool) (*RestoreResult, error) {
	liveDir, err := r.live.TenantDir(slug)
	if err != nil {
		return nil, err
	}
	previous, _ := r.live.TenantReplacedDir(slug, r.stamp)
	staging, _ := r.live.TenantRestoreDir(slug)
	if !r.m.hasTenant(slug) {
		return nil, fmt.Errorf("backup %s has no showroom %q", r.from, slug)
	}
	if found, err := exists(r.live.RegistryPath()); err != nil {
		return nil, err
	} else if !found {
		return nil, fmt.Errorf("%s has no registry.db; restore the whole backup first (autoleads restore --from %s)",
			r.live.Root, r.from)
	}
	lock, err := lockRegistry(ctx, r.live)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	present, err := exists(liveDir)
	if err != nil {
		return nil, err
	}
	if present && !replace {
		return nil, fmt.Errorf("showroom %q already has data in %s; pass --yes to replace it (the current data is kept in %s)",
			slug, liveDir, previous)
	}
	registered, err := lock.HasTenant(ctx, slug)
	if err != nil {
		return nil, err
	}

	// The staging directory sits beside the live one, on the same file
	// system, so the final renames are atomic. A leftover of an interrupted
	// restore is ours to remove.
	if err := os.RemoveAll(staging); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(r.live.TenantsDir(), 0o700); err != nil {
		return nil, err
	}
	if err := os.Mkdir(staging, 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w", r.live.Root, err)
	}
	defer os.RemoveAll(staging)
	st := tenants.Layout{Root: staging}
	if err := r.stageTenant(ctx, st, slug); err != nil {
		return nil, err
	}

	res := &RestoreResult{Tenants: []string{slug}}
	place := func() (func(), error) {
		mv := &mover{}
		if present {
			if err := mv.move(liveDir, previous); err != nil {
				return nil, err
			}
			res.Previous = previous
		}
		stagedDir, _ := st.TenantDir(slug)
		if err := mv.move(stagedDir, liveDir); err != nil {
			mv.undo()
			return nil, err
		}
		return mv.undo, nil
	}
	if registered {
		_, err = place()
	} else {
		res.RegistryRestored = true
		if err = r.stageDB(ctx, r.src.RegistryPath(), st.RegistryPath()); err == nil {
			err = lock.ImportTenant(ctx, st.RegistryPath(), slug, place)
		}
	}
	if err != nil {
		return nil, err
	}
	return res, tenants.SyncDir(r.live.TenantsDir())
}

// stageTenant copies and verifies one showroom's database and uploads from
// the backup into the staging layout st.
func (r *restorer) stageTenant(ctx context.Context, st tenants.Layout, slug string) error {
	src, _ := r.src.TenantDBPath(slug)
	dir, _ := st.TenantDir(slug)
	dst, _ := st.TenantDBPath(slug)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := r.stageDB(ctx, src, dst); err != nil {
		return err
	}
	srcUp, _ := r.src.UploadsDir(slug)
	dstUp, _ := st.UploadsDir(slug)
	want := r.m.entry(relPath(r.from, srcUp))
	if want == nil || want.Files == nil {
		return fmt.Errorf("backup %s does not list the uploads of showroom %q", r.from, slug)
	}
	n, size, err := copyTree(srcUp, dstUp)
	if err != nil {
		return fmt.Errorf("copy the uploads of showroom %q: %w", slug, err)
	}
	if n != *want.Files || size != want.Bytes {
		return fmt.Errorf("the uploads of showroom %q in %s are incomplete: %d files, %d bytes where the backup recorded %d files, %d bytes",
			slug, r.from, n, size, *want.Files, want.Bytes)
	}
	return nil
}

// stageDB copies one database of the backup to dst and verifies the copy:
// integrity_check first (it names what is broken), then the manifest's
// SHA-256 (it notices any changed byte, even one integrity_check cannot).
func (r *restorer) stageDB(ctx context.Context, src, dst string) error {
	rel := relPath(r.from, src)
	want := r.m.entry(rel)
	if want == nil || want.SHA256 == nil {
		return fmt.Errorf("backup %s does not list %s", r.from, rel)
	}
	size, sum, err := copyFile(src, dst)
	if err != nil {
		return err
	}
	if err := sqldb.CheckFile(ctx, dst); err != nil {
		return fmt.Errorf("backup %s is damaged: %s %w", r.from, rel, err)
	}
	if sum != *want.SHA256 || size != want.Bytes {
		return fmt.Errorf("backup %s is damaged: %s changed after the backup was made (SHA-256 mismatch)", r.from, rel)
	}
	return nil
}

// mover renames paths and can put them all back, so a swap that fails
// halfway leaves the data directory as it was.
type mover struct{ done [][2]string }

func (mv *mover) move(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	mv.done = append(mv.done, [2]string{from, to})
	return nil
}

// moveIfExists moves from when it exists.
func (mv *mover) moveIfExists(from, to string) error {
	if found, err := exists(from); err != nil || !found {
		return err
	}
	return mv.move(from, to)
}

// undo reverses every move, newest first.
func (mv *mover) undo() {
	for i := len(mv.done) - 1; i >= 0; i-- {
		os.Rename(mv.done[i][1], mv.done[i][0])
	}
	mv.done = nil
}

// ErrInUse is returned by Restore when another process (a running server,
// most likely) has the data directory's registry open.
var ErrInUse = errors.New("the data directory is in use: stop `autoleads serve` (and any other autoleads command) before restoring")

// lockRegistry takes the exclusive lock of l's registry for a restore.
// Errors: ErrInUse.
func lockRegistry(ctx context.Context, l tenants.Layout) (*tenants.RegistryLock, error) {
	lock, err := tenants.LockRegistry(ctx, l)
	if errors.Is(err, tenants.ErrRegistryInUse) {
		return nil, ErrInUse
	}
	return lock, err
}
