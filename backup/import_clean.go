package backup

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// An import that dies (kill -9, a power cut) leaves one of two things: its
// staging directory, tenants/.import-<pid>-<random>, or — between renaming
// it into place and committing the registration — a showroom directory
// that still holds the marker file the staging directory was given, naming
// the importing process. CleanImports, run by every import and at every
// server start, removes the first, and decides the second by the registry:
// a showroom registered keeps its directory (only the marker goes), one not
// registered loses it. Only what a dead process left is touched, so an
// import running meanwhile is safe.

// importMarker marks a directory an import has not finished; it holds the
// importing process's id.
const importMarker = ".importing"

// writeMarker marks the staging directory as this process's.
func (im *importer) writeMarker() error {
	_, _, err := writeNew(filepath.Join(im.stage, importMarker), strings.NewReader(strconv.Itoa(os.Getpid())))
	return err
}

// CleanImports removes what dead imports left in reg's data directory.
func CleanImports(ctx context.Context, reg *tenants.Registry) error {
	staged, err := reg.Layout.ImportDirs()
	if err != nil {
		return err
	}
	for _, dir := range staged {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(dir), ".import-"), "-")
		if !tenants.ProcessAlive(pid) {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
		}
	}
	entries, err := os.ReadDir(reg.Layout.TenantsDir())
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && tenants.ValidSlug(e.Name()) {
			if err := cleanPlaced(ctx, reg, e.Name()); err != nil {
				return err
			}
		}
	}
	return nil
}

// cleanPlaced finishes or undoes the import of showroom slug when a dead
// process left its directory marked.
func cleanPlaced(ctx context.Context, reg *tenants.Registry, slug string) error {
	dir, _ := reg.Layout.TenantDir(slug)
	marker := filepath.Join(dir, importMarker)
	pid, err := os.ReadFile(marker)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && tenants.ProcessAlive(string(pid))) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = reg.FindTenant(ctx, slug)
	switch store.ErrorCode(err) {
	case "":
		return os.Remove(marker)
	case store.ENOTFOUND:
		return os.RemoveAll(dir)
	}
	return err
}
