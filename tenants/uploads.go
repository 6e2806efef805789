package tenants

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// uploadName is the only file name ever opened or removed in an uploads
// directory: the random name Save gave a file. Nothing else from a request
// reaches a path, so no "..", no directory listing and no other file can be
// named.
var uploadName = regexp.MustCompile(`^[0-9a-f]{32}\.(jpg|png|webp)$`)

// ValidUploadName reports whether name is one Save could have given.
func ValidUploadName(name string) bool { return uploadName.MatchString(name) }

// Uploads is one showroom's uploads directory: its car photos.
type Uploads struct{ dir string }

// Uploads returns the uploads of the showroom slug. The slug must be valid.
func (l Layout) Uploads(slug string) (Uploads, error) {
	dir, err := l.UploadsDir(slug)
	return Uploads{dir: dir}, err
}

// Save writes src as a new upload with extension ext (jpg, png or webp) and
// returns its random name. The bytes go to a temporary file in the same
// directory, are fsynced, and the file is renamed to its final name, so a
// crash never leaves a half-written file under a served name. An error of
// src (a size limit, say) is returned unchanged.
func (u Uploads) Save(src io.Reader, ext string) (name string, err error) {
	var b [16]byte
	rand.Read(b[:])
	name = hex.EncodeToString(b[:]) + "." + ext
	if !ValidUploadName(name) {
		return "", fmt.Errorf("save upload: extension %q is not one of jpg, png, webp", ext)
	}
	if err := os.MkdirAll(u.dir, 0o700); err != nil {
		return "", fmt.Errorf("create uploads directory: %w", err)
	}
	tmp, err := os.CreateTemp(u.dir, ".upload-*") // mode 0600
	if err != nil {
		return "", fmt.Errorf("create upload: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := WriteSynced(tmp, src); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(u.dir, name)); err != nil {
		return "", fmt.Errorf("rename upload: %w", err)
	}
	// Best effort: the file is already readable, and not every file system
	// supports syncing directories.
	SyncDir(u.dir)
	return name, nil
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

// Remove deletes the upload name. A name Save could not have given is never
// looked up: it is an error matching fs.ErrNotExist, as is a missing file.
func (u Uploads) Remove(name string) error {
	if !ValidUploadName(name) {
		return &fs.PathError{Op: "remove", Path: name, Err: fs.ErrNotExist}
	}
	return os.Remove(filepath.Join(u.dir, name))
}
