package backup

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// Import registers the showroom of an export (archive.go) on this node,
// while servers keep serving; they pick it up within their registry poll.
// Before anything is written it checks the manifest (format, entry names
// and sizes), the schema against this binary's migrations, and that the
// slug, hosts, WhatsApp number and webhook token are free here. The entries
// are then streamed, one at a time, into a staging directory inside the
// data directory, each checked against the manifest's size and SHA-256; the
// database is checked with PRAGMA integrity_check; everything is fsynced.
// Only then is the staging directory renamed into place, inside the
// registry transaction that registers the showroom, not moving. Any failure
// before that commit leaves the node as it was: the staging directory is
// removed (or, if the process dies, by the next import or server start:
// CleanImports). Errors: ECONFLICT naming what is taken, plain errors
// naming what is wrong with the archive.
func Import(ctx context.Context, reg *tenants.Registry, path string) (*ArchiveManifest, error) {
	if err := CleanImports(ctx, reg); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("%s is not an export of autoleads (not gzip-compressed): %w", path, err)
	}
	im := &importer{reg: reg, gz: gz, tr: tar.NewReader(gz)}
	if err := im.run(ctx); err != nil {
		return nil, fmt.Errorf("%s: %w; nothing was imported", path, err)
	}
	return im.m, nil
}

// importFault, set by tests, fails an import at a named step.
var importFault func(step string) error

func failAt(step string) error {
	if importFault == nil {
		return nil
	}
	return importFault(step)
}

// importer reads one export.
type importer struct {
	reg     *tenants.Registry
	gz      *gzip.Reader
	tr      *tar.Reader
	m       *ArchiveManifest
	entries map[string]ArchiveEntry
	t       *tenants.Tenant
	stage   string // the staging directory, once made
}

func (im *importer) run(ctx context.Context) error {
	if err := im.readManifest(); err != nil {
		return err
	}
	if err := im.readRecord(); err != nil {
		return err
	}
	if err := im.reg.CheckImport(ctx, im.t); err != nil {
		return err
	}
	im.stage = im.reg.Layout.ImportDir(strconv.Itoa(os.Getpid()) + "-" + tenants.NewWebhookToken()[:12])
	placed := false
	defer func() {
		if !placed {
			os.RemoveAll(im.stage)
		}
	}()
	if err := os.MkdirAll(filepath.Join(im.stage, "uploads"), 0o700); err != nil {
		return err
	}
	if err := im.writeMarker(); err != nil {
		return err
	}
	if err := im.unpack(); err != nil {
		return err
	}
	if err := im.verifyDatabase(ctx); err != nil {
		return err
	}
	for _, d := range []string{filepath.Join(im.stage, "uploads"), im.stage} {
		if err := tenants.SyncDir(d); err != nil {
			return err
		}
	}
	err := im.reg.ImportTenant(ctx, im.t, func(dir string) (func(), error) {
		mv := &mover{}
		if err := mv.move(im.stage, dir); err != nil {
			return nil, err
		}
		err := tenants.SyncDir(im.reg.Layout.TenantsDir())
		if err == nil {
			err = failAt("placed")
		}
		if err != nil {
			mv.undo()
			return nil, err
		}
		placed = true
		return func() { mv.undo(); placed = false }, nil
	})
	if err != nil {
		return err
	}
	// Registered: the marker has done its work (CleanImports would remove
	// it too, should this process die now).
	dir, _ := im.reg.Layout.TenantDir(im.t.Slug)
	os.Remove(filepath.Join(dir, importMarker))
	return nil
}

// readManifest reads and checks the first entry, the manifest, and the
// schema it announces.
func (im *importer) readManifest() error {
	body, err := im.readSmall(archiveManifestName, maxManifestBytes)
	if err != nil {
		return err
	}
	var m ArchiveManifest
	if err := json.Unmarshal(body, &m); err != nil {
		return fmt.Errorf("the manifest is damaged: %w", err)
	}
	if im.entries, err = m.check(); err != nil {
		return err
	}
	im.m = &m
	return checkSchema(m.Schema)
}

// checkSchema refuses a database made by a newer version of autoleads,
// whose schema this one does not know.
func checkSchema(schema int) error {
	latest, err := sqldb.LatestVersion(store.TenantMigrations())
	if err != nil {
		return err
	}
	if schema > latest {
		return fmt.Errorf("its database has schema %d, newer than this version's (%d): upgrade autoleads on this node first", schema, latest)
	}
	return nil
}

// readRecord reads the second entry, the showroom's registry record.
func (im *importer) readRecord() error {
	body, err := im.readSmall(archiveRecordName, maxRecordBytes)
	if err != nil {
		return err
	}
	n, sum, _ := digest(bytes.NewReader(body))
	if err := im.verify(archiveRecordName, n, sum); err != nil {
		return err
	}
	var rec tenants.Record
	if err := json.Unmarshal(body, &rec); err != nil {
		return fmt.Errorf("%s is damaged: %w", archiveRecordName, err)
	}
	if rec.Slug != im.m.Slug {
		return fmt.Errorf("%s describes showroom %q, the manifest %q", archiveRecordName, rec.Slug, im.m.Slug)
	}
	im.t = rec.Tenant()
	return nil
}

// readSmall reads the next entry, which must be name and at most limit
// bytes, into memory.
func (im *importer) readSmall(name string, limit int64) ([]byte, error) {
	h, err := im.next()
	if err != nil {
		return nil, err
	}
	if h.Name != name {
		return nil, fmt.Errorf("entry %q comes where %s should", h.Name, name)
	}
	if h.Size > limit {
		return nil, fmt.Errorf("entry %s: size %d is out of bounds (at most %d)", name, h.Size, limit)
	}
	body, err := io.ReadAll(im.tr)
	if err != nil {
		return nil, damaged(err)
	}
	return body, nil
}

// next reads the next entry's header; a link, a device or a directory is
// refused, and the end of the archive is io.EOF.
func (im *importer) next() (*tar.Header, error) {
	h, err := im.tr.Next()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		return nil, damaged(err)
	}
	if h.Typeflag != tar.TypeReg {
		return nil, fmt.Errorf("entry %q is not a regular file (links, devices and directories are refused)", h.Name)
	}
	return h, nil
}

// unpack streams every entry after the record into the staging directory,
// checking each against the manifest, until the archive's end; then the
// rest of the gzip stream, whose length and CRC tell a truncated or damaged
// file, and that every entry the manifest lists has come.
func (im *importer) unpack() error {
	seen := map[string]bool{archiveRecordName: true}
	for {
		h, err := im.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		e, ok := im.entries[h.Name]
		switch {
		case !ok:
			return fmt.Errorf("entry %q is not listed in the manifest", h.Name)
		case seen[h.Name]:
			return fmt.Errorf("entry %s comes twice", h.Name)
		case h.Size != e.Bytes:
			return fmt.Errorf("entry %s holds %d bytes, the manifest says %d: the archive was changed", h.Name, h.Size, e.Bytes)
		}
		seen[h.Name] = true
		if err := im.unpackEntry(e); err != nil {
			return err
		}
	}
	if _, err := io.Copy(io.Discard, im.gz); err != nil {
		return damaged(err)
	}
	for _, e := range im.m.Entries {
		if !seen[e.Path] {
			return fmt.Errorf("entry %s is missing: the archive is incomplete", e.Path)
		}
	}
	return failAt("unpacked")
}

// unpackEntry writes the current entry, e, into the staging directory. Its
// name is one check let through: tenant.db or uploads/<photo name>, so the
// path stays inside the staging directory.
func (im *importer) unpackEntry(e ArchiveEntry) error {
	n, sum, err := writeNew(filepath.Join(im.stage, filepath.FromSlash(e.Path)), archiveReader{io.LimitReader(im.tr, e.Bytes+1)})
	if err != nil {
		return err
	}
	return im.verify(e.Path, n, sum)
}

// verify fails unless n bytes of digest sum are what the manifest says of
// the entry name.
func (im *importer) verify(name string, n int64, sum string) error {
	if e := im.entries[name]; n != e.Bytes || sum != e.SHA256 {
		return fmt.Errorf("entry %s does not match the manifest's SHA-256: the archive is damaged or was changed", name)
	}
	return nil
}

// verifyDatabase checks the staged database: its schema (the manifest's
// could be wrong) and PRAGMA integrity_check.
func (im *importer) verifyDatabase(ctx context.Context) error {
	path := filepath.Join(im.stage, archiveDBName)
	_, schema, err := sqldb.FileMigrations(ctx, path)
	if err != nil {
		return fmt.Errorf("%s cannot be read: %w", archiveDBName, err)
	}
	if err := checkSchema(schema); err != nil {
		return err
	}
	if err := sqldb.CheckFile(ctx, path); err != nil {
		return fmt.Errorf("%s %w", archiveDBName, err)
	}
	return failAt("verified")
}

// damaged explains an error reading the archive itself.
func damaged(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the archive is truncated")
	}
	return fmt.Errorf("the archive is damaged: %w", err)
}

// archiveReader reads the archive, telling its errors apart from those of
// the disk being written.
type archiveReader struct{ r io.Reader }

func (a archiveReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err != nil && err != io.EOF {
		err = damaged(err)
	}
	return n, err
}
