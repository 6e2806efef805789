package backup

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/autoleads/autoleads/tenants"
)

// An export is one showroom in one file, to move it to another node
// (Export, Import): a tar stream, gzip-compressed, whose entries are, in
// this order,
//
//	manifest.json   what the archive holds (ArchiveManifest)
//	tenant.json     the showroom's registry record (tenants.Record)
//	tenant.db       an online snapshot of its database
//	uploads/<name>  every photo and copy the server can serve
//
// The manifest comes first, so an import checks the format, the schema and
// whether the slug, hosts and number are free before it unpacks anything,
// and knows each entry's size and digest before reading it.
//
// Why gzip: the database is most of an archive's bytes besides the photos
// and shrinks to a fraction, which is what copying it between nodes costs;
// photos are JPEG already and pass through gzip's fastest level for little
// CPU. Gzip also ends with the length and CRC-32 of the whole stream, so a
// truncated or damaged file is refused even where tar alone could not tell.

// archiveFormat is bumped when the layout of an export changes
// incompatibly; an import refuses formats it does not know.
const archiveFormat = 1

// Names of an archive's entries.
const (
	archiveManifestName = "manifest.json"
	archiveRecordName   = "tenant.json"
	archiveDBName       = "tenant.db"
	archiveUploadsDir   = "uploads/"
)

// Bounds an import holds an archive to before reading an entry, so a
// hostile or damaged file cannot make it fill the disk or the memory.
const (
	maxManifestBytes = 16 << 20 // read into memory
	maxRecordBytes   = 1 << 20  // read into memory
	maxDatabaseBytes = 256 << 30
	maxUploadBytes   = 64 << 20 // a photo is at most 10 MiB when uploaded
	maxEntries       = 1_000_000
)

// ArchiveManifest describes one export.
type ArchiveManifest struct {
	Format    int    `json:"format"`
	Slug      string `json:"slug"`
	CreatedAt string `json:"createdAt"` // RFC 3339 with milliseconds, UTC
	Version   string `json:"version"`   // of the autoleads binary that made it
	// Live is true for an export of a showroom that was not moving, taken
	// while it kept taking changes: a copy, not a move.
	Live bool `json:"live"`
	// FonnteToken tells whether tenant.json carries the Fonnte token.
	FonnteToken bool `json:"fonnteToken"`
	// Schema is the number of the database's newest migration, Migrations
	// the names of all it applied, oldest first.
	Schema     int            `json:"schema"`
	Migrations []string       `json:"migrations"`
	Entries    []ArchiveEntry `json:"entries"`
}

// ArchiveEntry is one file of an export, after the manifest.
type ArchiveEntry struct {
	Path   string `json:"path"` // slash-separated, as in the tar stream
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"` // hex
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// check refuses a manifest this version cannot import: an unknown format,
// an invalid slug, or an entry whose name, size or digest is not one an
// export writes. It returns the entries by path.
func (m *ArchiveManifest) check() (map[string]ArchiveEntry, error) {
	if m.Format != archiveFormat {
		return nil, fmt.Errorf("export format %d is not supported by this version (it reads format %d)", m.Format, archiveFormat)
	}
	if !tenants.ValidSlug(m.Slug) {
		return nil, fmt.Errorf("the manifest names an invalid showroom slug %q", m.Slug)
	}
	if len(m.Entries) > maxEntries {
		return nil, fmt.Errorf("the manifest lists %d entries, more than %d", len(m.Entries), maxEntries)
	}
	byPath := make(map[string]ArchiveEntry, len(m.Entries))
	for _, e := range m.Entries {
		limit, ok := entryLimit(e.Path)
		switch {
		case !ok:
			return nil, fmt.Errorf("the manifest lists an entry %q that no export holds", e.Path)
		case e.Bytes < 0 || e.Bytes > limit:
			return nil, fmt.Errorf("entry %s: size %d is out of bounds (at most %d)", e.Path, e.Bytes, limit)
		case !sha256Hex.MatchString(e.SHA256):
			return nil, fmt.Errorf("entry %s: %q is not a SHA-256 digest", e.Path, e.SHA256)
		}
		if _, dup := byPath[e.Path]; dup {
			return nil, fmt.Errorf("the manifest lists entry %s twice", e.Path)
		}
		byPath[e.Path] = e
	}
	for _, name := range []string{archiveRecordName, archiveDBName} {
		if _, ok := byPath[name]; !ok {
			return nil, fmt.Errorf("the manifest lists no %s", name)
		}
	}
	return byPath, nil
}

// entryLimit is the largest size an entry named path may have; false for a
// name no export writes. Only these names are ever unpacked, so no entry
// can name a path outside the showroom's directory.
func entryLimit(path string) (int64, bool) {
	switch {
	case path == archiveRecordName:
		return maxRecordBytes, true
	case path == archiveDBName:
		return maxDatabaseBytes, true
	case strings.HasPrefix(path, archiveUploadsDir) && tenants.ValidUploadName(strings.TrimPrefix(path, archiveUploadsDir)):
		return maxUploadBytes, true
	}
	return 0, false
}
