package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// Options configure Create.
type Options struct {
	// Out is the directory that receives the timestamped backup folder;
	// default <data-dir>/backups.
	Out string
	// Tenant limits the backup to one showroom, plus the registry so that
	// the showroom can be restored even after it was deleted; "" backs up
	// every registered showroom.
	Tenant string
	// Version is the binary's version, recorded in the manifest.
	Version string
	// Now returns the current time; tests replace it. Default time.Now.
	Now func() time.Time
}

// Result is a finished backup.
type Result struct {
	Dir      string // the backup's directory
	Manifest *Manifest
}

// dirTimeFormat names backup folders: sortable, UTC, no separators a shell
// or Windows would stumble on.
const dirTimeFormat = "20060102T150405Z"

// Create snapshots the registry and every (or one) showroom of reg into a
// new timestamped folder under o.Out, while other processes keep writing.
// Each database is verified with PRAGMA integrity_check and the uploads are
// copied after their database, so every photo a snapshot refers to is in
// the copy. The backup is built in "<folder>.partial" and renamed only once
// complete; on any failure that folder is removed and nothing looks like a
// finished backup. Errors: EINVALID or ENOTFOUND for o.Tenant, else plain
// errors naming the file that failed.
func Create(ctx context.Context, reg *tenants.Registry, o Options) (*Result, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	started := now().UTC()
	if o.Tenant != "" {
		if _, err := reg.FindTenant(ctx, o.Tenant); err != nil {
			return nil, err
		}
	}
	out := o.Out
	if out == "" {
		out = reg.Layout.BackupsDir()
	}
	if err := os.MkdirAll(out, 0o700); err != nil {
		return nil, fmt.Errorf("backup directory %s cannot be created: %w", out, err)
	}
	final := filepath.Join(out, started.Format(dirTimeFormat))
	if found, err := exists(final); err != nil {
		return nil, err
	} else if found {
		return nil, fmt.Errorf("backup %s already exists; try again in a second", final)
	}
	partial := final + ".partial"
	if err := os.Mkdir(partial, 0o700); err != nil {
		return nil, fmt.Errorf("backup directory %s is not writable: %w", out, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(partial)
		}
	}()

	b := &builder{reg: reg, root: partial, dst: tenants.Layout{Root: partial}, m: &Manifest{
		Format: manifestFormat, CreatedAt: formatTime(started), Version: o.Version,
		Complete: o.Tenant == "", Tenants: []string{}, Files: []File{},
	}}
	listed, err := b.registry(ctx)
	if err != nil {
		return nil, err
	}
	slugs := []string{o.Tenant}
	if o.Tenant == "" {
		slugs = listed
	}
	for _, slug := range slugs {
		if err := b.tenant(ctx, slug); err != nil {
			return nil, err
		}
	}
	if err := writeManifest(partial, b.m); err != nil {
		return nil, err
	}
	if err := tenants.SyncDir(partial); err != nil {
		return nil, err
	}
	if err := os.Rename(partial, final); err != nil {
		return nil, err
	}
	done = true
	if err := tenants.SyncDir(out); err != nil {
		return nil, err
	}
	return &Result{Dir: final, Manifest: b.m}, nil
}

// builder fills one backup directory.
type builder struct {
	reg  *tenants.Registry
	root string         // the backup directory being written
	dst  tenants.Layout // its layout, which mirrors the data directory's
	m    *Manifest
}

// registry snapshots the registry through the handle already open and
// returns the showrooms the snapshot lists: those a whole backup holds, not
// those reg's index knew, since another process may have created or deleted
// one meanwhile.
func (b *builder) registry(ctx context.Context) ([]string, error) {
	var slugs []string
	err := b.database(ctx, b.reg.Layout.RegistryPath(), b.reg.Snapshot, b.dst.RegistryPath(), func(path string) (err error) {
		slugs, err = tenants.RegistrySlugs(ctx, path)
		return err
	})
	return slugs, err
}

// tenant snapshots one showroom's database, then copies its uploads.
func (b *builder) tenant(ctx context.Context, slug string) error {
	src, err := b.reg.Layout.TenantDBPath(slug)
	if err != nil {
		return err
	}
	found, err := exists(src)
	if err != nil {
		return err
	}
	if !found {
		// Deleted while the backup ran: it is no longer part of the data.
		if _, err := b.reg.FindTenant(ctx, slug); store.ErrorCode(err) == store.ENOTFOUND {
			return nil
		}
		return fmt.Errorf("the database of showroom %q is missing: %s", slug, src)
	}
	dstDir, _ := b.dst.TenantDir(slug)
	dstDB, _ := b.dst.TenantDBPath(slug)
	if err := os.MkdirAll(dstDir, 0o700); err != nil {
		return err
	}
	t, err := b.reg.FindTenant(ctx, slug)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil // deleted since the registry's snapshot
	} else if err != nil {
		return err
	}
	db, err := b.reg.OpenStore(ctx, t)
	if err != nil {
		return err
	}
	err = b.database(ctx, src, db.Snapshot, dstDB, nil)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}

	srcUp, _ := b.reg.Layout.UploadsDir(slug)
	dstUp, _ := b.dst.UploadsDir(slug)
	n, size, err := copyTree(srcUp, dstUp)
	if err != nil {
		return fmt.Errorf("copy the uploads of showroom %q: %w", slug, err)
	}
	b.m.Files = append(b.m.Files, File{Path: relPath(b.root, dstUp), Bytes: size, Files: &n})
	b.m.Tenants = append(b.m.Tenants, slug)
	return nil
}

// checkedSnapshot takes snapshot into dst, lets read (when set) read the
// copy, checks its integrity (PRAGMA integrity_check), flushes it and
// returns its size and SHA-256 digest. of names the database in errors.
// Backups and exports both take their databases through it.
func checkedSnapshot(ctx context.Context, of string, snapshot func(ctx context.Context, dst string) error,
	dst string, read func(path string) error) (int64, string, error) {
	if err := snapshot(ctx, dst); err != nil {
		return 0, "", err
	}
	if read != nil {
		if err := read(dst); err != nil {
			return 0, "", err
		}
	}
	if err := sqldb.CheckFile(ctx, dst); err != nil {
		return 0, "", fmt.Errorf("the snapshot of %s %w", of, err)
	}
	return syncedFileInfo(dst)
}

// database snapshots the database at src into dst, lets read (when set)
// read the copy, verifies it and records it with its digest: nothing opens
// the copy after that.
func (b *builder) database(ctx context.Context, src string, snapshot func(ctx context.Context, dst string) error,
	dst string, read func(path string) error) error {
	size, sum, err := checkedSnapshot(ctx, src, snapshot, dst, read)
	if err != nil {
		return err
	}
	ok := "ok"
	b.m.Files = append(b.m.Files, File{Path: relPath(b.root, dst), Bytes: size, Integrity: &ok, SHA256: &sum})
	return nil
}
