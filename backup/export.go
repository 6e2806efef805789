package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// ExportOptions configure Export.
type ExportOptions struct {
	Slug string
	// Out is the archive's path; it must not exist.
	Out string
	// WithFonnteToken puts the showroom's Fonnte token in the archive.
	WithFonnteToken bool
	// Live allows the export of a showroom that is not moving: a copy
	// taken while it keeps taking changes, which the copy will not have.
	Live bool
	// Version is the binary's version, recorded in the manifest.
	Version string
	// Waiting, when set, hears how long Export waits, before its snapshot,
	// for the sends of a showroom whose move has just begun.
	Waiting func(time.Duration)
}

// ExportResult is a finished export.
type ExportResult struct {
	Path     string           `json:"path"`
	Bytes    int64            `json:"bytes"` // the archive's size
	Manifest *ArchiveManifest `json:"manifest"`
	// Skipped are the files of the uploads directory left out: not a name
	// the server serves (a leftover temporary file), or not a regular file.
	Skipped []string `json:"skipped"`
}

// Export writes one showroom to one archive (see archive.go) while servers
// keep serving: an online snapshot of its database (the backup's,
// verified with PRAGMA integrity_check), then its registry record and every
// photo the server can serve. A showroom that is not moving is refused
// unless o.Live; one whose move began less than tenants.MovingSettle ago
// is waited for, so that the snapshot holds the outcome of every send.
// The archive is written 0600 to a temporary file beside o.Out, fsynced and
// renamed, so o.Out is a whole archive or nothing.
// Errors: EINVALID, ENOTFOUND for the slug; plain errors naming the file.
func Export(ctx context.Context, reg *tenants.Registry, o ExportOptions) (*ExportResult, error) {
	t, err := reg.FindTenant(ctx, o.Slug)
	if err != nil {
		return nil, err
	}
	if !t.Moving() && !o.Live {
		return nil, fmt.Errorf("showroom %s is not moving: run `autoleads tenant moving %s on` first, "+
			"or pass --live for a copy while it keeps taking changes", t.Slug, t.Slug)
	}
	if t.Moving() {
		if err := settle(ctx, reg, t, o.Waiting); err != nil {
			return nil, err
		}
		if t, err = stillMoving(ctx, reg, t.Slug); err != nil {
			return nil, err
		}
	}
	if found, err := exists(o.Out); err != nil {
		return nil, err
	} else if found {
		return nil, fmt.Errorf("%s already exists; choose another --out or remove it", o.Out)
	}
	dir := filepath.Dir(o.Out)
	removeDeadExports(dir)
	work, err := os.MkdirTemp(dir, exportWorkPrefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("export directory %s is not writable: %w", dir, err)
	}
	defer os.RemoveAll(work)

	x := &exporter{reg: reg, t: t, files: map[string]string{}, m: &ArchiveManifest{Format: archiveFormat, Slug: t.Slug,
		CreatedAt: formatTime(reg.Now()), Version: o.Version, Live: !t.Moving(), FonnteToken: o.WithFonnteToken}}
	if x.record, err = json.MarshalIndent(tenants.NewRecord(t, o.WithFonnteToken), "", "  "); err != nil {
		return nil, err
	}
	recordSize, recordSum, err := digest(bytes.NewReader(x.record))
	if err != nil {
		return nil, err
	}
	x.m.Entries = append(x.m.Entries, ArchiveEntry{Path: archiveRecordName, Bytes: recordSize, SHA256: recordSum})
	if err := x.snapshot(ctx, filepath.Join(work, archiveDBName)); err != nil {
		return nil, err
	}
	if !x.m.Live {
		if _, err := stillMoving(ctx, reg, t.Slug); err != nil {
			return nil, err
		}
	}
	skipped, err := x.listUploads()
	if err != nil {
		return nil, err
	}
	size, err := x.write(o.Out)
	if err != nil {
		return nil, err
	}
	return &ExportResult{Path: o.Out, Bytes: size, Manifest: x.m, Skipped: skipped}, nil
}

// settle waits until t's move began tenants.MovingSettle ago.
func settle(ctx context.Context, reg *tenants.Registry, t *tenants.Tenant, waiting func(time.Duration)) error {
	wait := tenants.MovingSettle - reg.Now().Sub(*t.MovingSince)
	if wait <= 0 {
		return nil
	}
	if waiting != nil {
		waiting(wait)
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// exportWorkPrefix names an export's working directory beside its --out,
// followed by the exporting process's id: it holds a copy of the database.
const exportWorkPrefix = ".autoleads-export-"

// removeDeadExports removes the working directories that exports killed
// before their cleanup left in dir: each holds a whole copy of a
// showroom's database. An export running meanwhile keeps its own.
func removeDeadExports(dir string) {
	left, _ := filepath.Glob(filepath.Join(dir, exportWorkPrefix+"*"))
	for _, path := range left {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(path), exportWorkPrefix), "-")
		if !tenants.ProcessAlive(pid) {
			os.RemoveAll(path)
		}
	}
}

// stillMoving reads the showroom again and refuses it when its move was
// called off meanwhile: it takes changes again, which the archive of a move
// must not miss.
func stillMoving(ctx context.Context, reg *tenants.Registry, slug string) (*tenants.Tenant, error) {
	t, err := reg.FindTenant(ctx, slug)
	if err == nil && !t.Moving() {
		err = fmt.Errorf("showroom %s stopped moving during the export (tenant moving %s off): nothing was exported", slug, slug)
	}
	return t, err
}

// exporter gathers one showroom's export.
type exporter struct {
	reg    *tenants.Registry
	t      *tenants.Tenant
	m      *ArchiveManifest
	record []byte
	files  map[string]string // entry path → file to read it from
}

// snapshot takes the online snapshot of the showroom's database into path,
// verifies it and records it with its schema.
func (x *exporter) snapshot(ctx context.Context, path string) error {
	db, err := x.reg.OpenStore(ctx, x.t)
	if err != nil {
		return err
	}
	n, sum, err := checkedSnapshot(ctx, "showroom "+x.t.Slug, db.Snapshot, path, func(path string) (err error) {
		x.m.Migrations, x.m.Schema, err = sqldb.FileMigrations(ctx, path)
		return err
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	x.m.Entries = append(x.m.Entries, ArchiveEntry{Path: archiveDBName, Bytes: n, SHA256: sum})
	x.files[archiveDBName] = path
	return nil
}

// listUploads records every photo and copy of the showroom's uploads
// directory, in name order, after the snapshot: every photo the snapshot
// refers to is there. It returns what it left out.
func (x *exporter) listUploads() ([]string, error) {
	dir, _ := x.reg.Layout.UploadsDir(x.t.Slug)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []string{}, nil // a showroom without photos
	}
	if err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	skipped := []string{}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() || !tenants.ValidUploadName(e.Name()) {
			skipped = append(skipped, path)
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		n, sum, err := digest(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		name := archiveUploadsDir + e.Name()
		x.m.Entries = append(x.m.Entries, ArchiveEntry{Path: name, Bytes: n, SHA256: sum})
		x.files[name] = path
	}
	return skipped, nil
}

// write streams the archive into a temporary file beside out, flushes it
// and renames it to out; it returns the archive's size.
func (x *exporter) write(out string) (int64, error) {
	manifest, err := json.MarshalIndent(x.m, "", "  ")
	if err != nil {
		return 0, err
	}
	err = tenants.ReplaceFile(out, 0o600, func(w io.Writer) error {
		gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		tw := tar.NewWriter(gz)
		modTime := x.reg.Now()
		if err := writeEntry(tw, archiveManifestName, int64(len(manifest)), modTime, bytes.NewReader(manifest), ""); err != nil {
			return err
		}
		for _, e := range x.m.Entries {
			var err error
			if e.Path == archiveRecordName {
				err = writeEntry(tw, e.Path, e.Bytes, modTime, bytes.NewReader(x.record), e.SHA256)
			} else {
				err = writeFileEntry(tw, e, modTime, x.files[e.Path])
			}
			if err != nil {
				return err
			}
		}
		if err := tw.Close(); err != nil {
			return err
		}
		return gz.Close()
	})
	if err != nil {
		return 0, err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// writeFileEntry writes the file at path as entry e.
func writeFileEntry(tw *tar.Writer, e ArchiveEntry, modTime time.Time, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s changed while it was exported: %w", path, err)
	}
	defer f.Close()
	return writeEntry(tw, e.Path, e.Bytes, modTime, f, e.SHA256)
}

// writeEntry writes one regular file of size bytes from r; with want set,
// the bytes must have that SHA-256, so a file that changed since it was
// listed (a photo replaced in a live export) fails the export instead of
// making an archive its manifest does not describe.
func writeEntry(tw *tar.Writer, name string, size int64, modTime time.Time, r io.Reader, want string) error {
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o600,
		ModTime: modTime, Format: tar.FormatPAX}); err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(r, size))
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if n != size || (want != "" && hex.EncodeToString(h.Sum(nil)) != want) {
		return fmt.Errorf("%s changed while it was exported; export again", name)
	}
	return nil
}
