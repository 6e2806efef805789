package backup

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/autoleads/autoleads/tenants"
)

// syncedFileInfo flushes the file at path to disk and returns its size
// and SHA-256 digest. SQLite does not fsync a VACUUM INTO target, and a
// backup that vanishes in a power cut is no backup.
func syncedFileInfo(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return 0, "", err
	}
	return digest(f)
}

// digest reads r to its end and returns its size and SHA-256 digest.
func digest(r io.Reader) (int64, string, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// copyFile copies the regular file src to dst (created 0600, must not
// exist), flushes it to disk and returns its size and SHA-256 digest.
func copyFile(src, dst string) (int64, string, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, "", err
	}
	defer in.Close()
	n, sum, err := writeNew(dst, in)
	if err != nil {
		return 0, "", fmt.Errorf("copy %s: %w", src, err)
	}
	return n, sum, nil
}

// writeNew writes r to the new file dst (created 0600, must not exist),
// flushes it to disk and returns its size and SHA-256 digest.
func writeNew(dst string, r io.Reader) (int64, string, error) {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	n, err := tenants.WriteSynced(out, io.TeeReader(r, h))
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// copyTree copies the regular files under src into dst (directories 0700,
// files 0600) and returns how many files and bytes it copied. Symbolic
// links are skipped, never followed, so a link planted in an uploads
// directory cannot pull other files into a backup. A missing src yields an
// empty dst: a showroom without photos.
func copyTree(src, dst string) (files int, bytes int64, err error) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return 0, 0, err
	}
	dirs := []string{dst}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == src && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			dirs = append(dirs, target)
			return os.MkdirAll(target, 0o700)
		case d.Type().IsRegular():
			n, _, err := copyFile(path, target)
			if err != nil {
				return err
			}
			files++
			bytes += n
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	for _, d := range dirs {
		if err := tenants.SyncDir(d); err != nil {
			return 0, 0, err
		}
	}
	return files, bytes, nil
}

// writeFileSync writes data to a new 0600 file and flushes it to disk.
func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = tenants.WriteSynced(f, bytes.NewReader(data))
	return err
}

// exists reports whether path exists (without following a final symlink).
func exists(path string) (bool, error) {
	_, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
