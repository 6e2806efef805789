package tenants

import (
	"io"
	"os"
)

// These two are exported because backup writes its own files (snapshots,
// copies, the manifest) by the same durability rules as the data directory.

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
