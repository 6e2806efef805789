// Package backup takes consistent snapshots of a data directory while the
// server keeps serving, and restores them. A backup mirrors the data
// directory (registry.db, tenants/<slug>/tenant.db, tenants/<slug>/uploads/)
// and carries a manifest.json, written last: a directory without one is not
// a finished backup, and restore refuses it.
package backup

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/autoleads/autoleads/tenants"
)

// ManifestName is the file that marks a directory as a finished backup.
const ManifestName = "manifest.json"

// manifestFormat is bumped when the layout of a backup changes
// incompatibly; restore refuses formats it does not know.
const manifestFormat = 1

// Manifest describes one finished backup.
type Manifest struct {
	Format    int    `json:"format"`
	CreatedAt string `json:"createdAt"` // RFC 3339 with milliseconds, UTC
	Version   string `json:"version"`   // of the autoleads binary that made it
	// Complete is true when the backup holds every registered showroom, so
	// it can replace a whole data directory; a --tenant backup cannot.
	Complete bool     `json:"complete"`
	Tenants  []string `json:"tenants"`
	Files    []File   `json:"files"`
}

// File is one database or uploads directory of a backup.
type File struct {
	// Path is slash-separated and relative to the backup directory in the
	// manifest; Create's caller may rebase it for display.
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	// Integrity is "ok" for a database that passed PRAGMA integrity_check,
	// null for an uploads directory.
	Integrity *string `json:"integrity"`
	// SHA256 is the hex digest of a database file (null for uploads), so a
	// restore notices any byte that changed since.
	SHA256 *string `json:"sha256"`
	// Files counts the regular files of an uploads directory (null for a
	// database).
	Files *int `json:"files"`
}

// entry returns the manifest's record of rel, or nil.
func (m *Manifest) entry(rel string) *File {
	for i := range m.Files {
		if m.Files[i].Path == rel {
			return &m.Files[i]
		}
	}
	return nil
}

// hasTenant reports whether the backup holds the showroom slug.
func (m *Manifest) hasTenant(slug string) bool {
	for _, s := range m.Tenants {
		if s == slug {
			return true
		}
	}
	return false
}

// ReadManifest reads and checks the manifest of the backup in dir. Every
// slug it names must be valid, so none can steer a path elsewhere.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not a finished backup (it has no %s)", dir, ManifestName)
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %s is damaged: %w", dir, ManifestName, err)
	}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("%s: backup format %d is not supported by this version (it reads format %d)",
			dir, m.Format, manifestFormat)
	}
	for _, s := range m.Tenants {
		if !tenants.ValidSlug(s) {
			return nil, fmt.Errorf("%s: %s names an invalid showroom slug %q", dir, ManifestName, s)
		}
	}
	return &m, nil
}

// writeManifest writes m into dir and flushes it to disk.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileSync(filepath.Join(dir, ManifestName), append(b, '\n'))
}

// formatTime renders t as the API does: RFC 3339, milliseconds, UTC.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// relPath is path relative to root with forward slashes, as the manifest
// records it.
func relPath(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}
