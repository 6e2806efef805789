package tenants

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/tenants/photo"
)

// photoName is the name of a photo in an uploads directory: 32 hex digits of
// its content's hash and .jpg since photos are processed; .png or .webp, and
// random, for a photo stored before.
var photoName = regexp.MustCompile(`^[0-9a-f]{32}\.(jpg|png|webp)$`)

// uploadName is the only file name ever opened or removed in an uploads
// directory: a photo's name, or the name of one of its copies (e.g.
// <hash>-640.jpg). Nothing else from a request reaches a path, so no "..",
// no directory listing and no other file can be named.
var uploadName = regexp.MustCompile(`^[0-9a-f]{32}(\.(jpg|png|webp)|-(` + copyWidths() + `)\.jpg)$`)

// copyWidths is the alternation of photo.Widths, e.g. "320|640|1280".
func copyWidths() string {
	ws := make([]string, len(photo.Widths))
	for i, w := range photo.Widths {
		ws[i] = strconv.Itoa(w)
	}
	return strings.Join(ws, "|")
}

// ValidUploadName reports whether name is a photo's or a copy's name.
func ValidUploadName(name string) bool { return uploadName.MatchString(name) }

// ValidPhotoName reports whether name is a photo's name, not a copy's.
func ValidPhotoName(name string) bool { return photoName.MatchString(name) }

// Uploads is one showroom's uploads directory: its car photos and its logo.
type Uploads struct{ dir string }

// Uploads returns the uploads of the showroom slug. The slug must be valid.
func (l Layout) Uploads(slug string) (Uploads, error) {
	dir, err := l.UploadsDir(slug)
	return Uploads{dir: dir}, err
}

// SavePhoto writes a processed photo and its copies and returns the photo's
// name (p.Name()). Each file goes to a temporary file in the same directory,
// is fsynced and renamed to its final name, so a crash never leaves a
// half-written file under a served name; the copies come first, so a photo
// whose name exists has its copies. A name is its content's: saving the
// same photo again rewrites the same bytes.
func (u Uploads) SavePhoto(p *photo.Processed) (string, error) {
	name := p.Name()
	if err := os.MkdirAll(u.dir, 0o700); err != nil {
		return "", fmt.Errorf("create uploads directory: %w", err)
	}
	for _, c := range p.Copies {
		if err := u.write(photo.CopyName(name, c.Width), c.Data); err != nil {
			return "", err
		}
	}
	if err := u.write(name, p.Full); err != nil {
		return "", err
	}
	// Best effort: the files are already readable, and not every file
	// system supports syncing directories.
	SyncDir(u.dir)
	return name, nil
}

// SaveLogo writes a processed logo (photo.ProcessLogo) as SavePhoto writes
// a photo, and returns its name (photo.LogoNameOf). A logo has no copies.
func (u Uploads) SaveLogo(logo []byte) (string, error) {
	name := photo.LogoNameOf(logo)
	if err := os.MkdirAll(u.dir, 0o700); err != nil {
		return "", fmt.Errorf("create uploads directory: %w", err)
	}
	if err := u.write(name, logo); err != nil {
		return "", err
	}
	SyncDir(u.dir)
	return name, nil
}

// write durably writes data as the upload name.
func (u Uploads) write(name string, data []byte) (err error) {
	if !ValidUploadName(name) {
		return fmt.Errorf("save upload: %q is not an upload name", name)
	}
	tmp, err := os.CreateTemp(u.dir, ".upload-*") // mode 0600
	if err != nil {
		return fmt.Errorf("create upload: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := WriteSynced(tmp, bytes.NewReader(data)); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(u.dir, name)); err != nil {
		return fmt.Errorf("rename upload: %w", err)
	}
	return nil
}

// Open opens the upload name for reading and returns it with its file
// information. A name Save could not have given, a missing file, or one
// that is not a regular file or cannot be looked at, is an error matching
// fs.ErrNotExist.
func (u Uploads) Open(name string) (*os.File, fs.FileInfo, error) {
	if !ValidUploadName(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := os.Open(filepath.Join(u.dir, name))
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f, info, nil
}

// Remove deletes the photo name and its copies (a photo stored before
// photos were processed has none). A name SavePhoto could not have written
// is never looked up: it is an error matching fs.ErrNotExist, as is a
// missing photo.
func (u Uploads) Remove(name string) error {
	if !ValidUploadName(name) {
		return &fs.PathError{Op: "remove", Path: name, Err: fs.ErrNotExist}
	}
	err := os.Remove(filepath.Join(u.dir, name))
	if ValidPhotoName(name) && strings.HasSuffix(name, ".jpg") {
		for _, w := range photo.Widths {
			if cerr := os.Remove(filepath.Join(u.dir, photo.CopyName(name, w))); !errors.Is(cerr, fs.ErrNotExist) && err == nil {
				err = cerr
			}
		}
	}
	return err
}
