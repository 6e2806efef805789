package tenants

import (
	"io"
	"os"
	"path/filepath"
)

// These are exported because backup and the command line write their own
// files (snapshots, copies, archives, Caddy's routes) by the same
// durability rules as the data directory.

// WriteSynced copies src into f, flushes f to disk and closes it, and
// returns how many bytes it wrote. f is closed whatever fails; the first
// error wins, an error of src unchanged.
func WriteSynced(f *os.File, src io.Reader) (int64, error) {
	n, err := io.Copy(f, src)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// SyncDir flushes a directory's entries, so a rename or a new file in it
// survives a power cut.
func SyncDir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// ReplaceFile writes path whole or not at all: fill writes into a
// temporary file beside it (".<name>.tmp-…", mode perm), which is flushed
// and renamed over path, and the directory flushed. A reader never sees
// half a file, and a failure or crash leaves path as it was.
func ReplaceFile(path string, perm os.FileMode, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return SyncDir(dir)
}
