package tenants

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// slugPattern is the only shape a tenant slug may have. It is checked before
// a slug is ever joined into a path, so "../x" can never name a directory.
var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// ValidSlug reports whether s is a well-formed tenant slug.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

func checkSlug(slug string) error {
	if !ValidSlug(slug) {
		return &store.Error{Code: store.EINVALID, Message: "Invalid showroom slug",
			Details: map[string]any{"slug": "Slug must be 1-63 lower-case letters, digits or dashes, not starting or ending with a dash"}}
	}
	return nil
}

// Layout names every file of a data directory. It is the only place that
// builds paths.
type Layout struct{ Root string }

// RegistryPath is the registry database.
func (l Layout) RegistryPath() string { return filepath.Join(l.Root, "registry.db") }

// TenantsDir holds one directory per tenant.
func (l Layout) TenantsDir() string { return filepath.Join(l.Root, "tenants") }

// BackupsDir is the default target of backups.
func (l Layout) BackupsDir() string { return filepath.Join(l.Root, "backups") }

// TenantDir is one tenant's directory. The slug must be valid.
func (l Layout) TenantDir(slug string) (string, error) {
	if err := checkSlug(slug); err != nil {
		return "", err
	}
	return filepath.Join(l.TenantsDir(), slug), nil
}

// TenantDBPath is one tenant's database file.
func (l Layout) TenantDBPath(slug string) (string, error) {
	dir, err := l.TenantDir(slug)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "tenant.db"), nil
}

// UploadsDir is one tenant's photo directory.
func (l Layout) UploadsDir(slug string) (string, error) {
	dir, err := l.TenantDir(slug)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "uploads"), nil
}

// A restore stages what it copies, and keeps what it replaces, in the data
// directory itself, so its final renames stay on one file system. These
// names start with a dot, which no slug may, so none can ever be taken for a
// showroom's directory. stamp names the restore.

// RestoreDir is where a restore of the whole data directory stages it.
func (l Layout) RestoreDir(stamp string) string { return filepath.Join(l.Root, ".restore-"+stamp) }

// ReplacedDir keeps the registry and showrooms a whole restore replaced.
func (l Layout) ReplacedDir(stamp string) string { return filepath.Join(l.Root, ".old-"+stamp) }

// TenantRestoreDir is where a restore of one showroom stages it. The slug
// must be valid.
func (l Layout) TenantRestoreDir(slug string) (string, error) {
	if err := checkSlug(slug); err != nil {
		return "", err
	}
	return filepath.Join(l.TenantsDir(), ".restore-"+slug), nil
}

// TenantReplacedDir keeps the directory of one showroom a restore replaced.
// The slug must be valid.
func (l Layout) TenantReplacedDir(slug, stamp string) (string, error) {
	if err := checkSlug(slug); err != nil {
		return "", err
	}
	return filepath.Join(l.TenantsDir(), ".old-"+slug+"-"+stamp), nil
}

// An import (backup.Import) stages a showroom in the tenants directory, so
// that the rename that puts it in place stays on one file system. tag names
// the import and the process that runs it.

// ImportDir is where an import stages a showroom.
func (l Layout) ImportDir(tag string) string { return filepath.Join(l.TenantsDir(), ".import-"+tag) }

// DeletedDir is where a deleted showroom's directory goes while this
// process removes its files: a name no slug can take, in the same file
// system, with this process's id.
func (l Layout) DeletedDir(tag string) string {
	return filepath.Join(l.TenantsDir(), deletedPrefix+strconv.Itoa(os.Getpid())+"-"+tag)
}

const deletedPrefix = ".deleted-"

// RemoveDeleted removes what deletes that died before the end left of the
// showrooms they deleted (DeletedDir); a delete still running keeps its own.
func (l Layout) RemoveDeleted() error {
	left, err := filepath.Glob(filepath.Join(l.TenantsDir(), deletedPrefix+"*"))
	if err != nil {
		return err
	}
	for _, dir := range left {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(dir), deletedPrefix), "-")
		if !ProcessAlive(pid) {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
		}
	}
	return nil
}

// ImportDirs lists the staging directories of imports, finished or not.
func (l Layout) ImportDirs() ([]string, error) {
	return filepath.Glob(filepath.Join(l.TenantsDir(), ".import-*"))
}
