package tenants_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// uploadsOf returns the uploads of showroom slug in a fresh data directory,
// and that directory's path.
func uploadsOf(t *testing.T, slug string) (tenants.Uploads, string) {
	t.Helper()
	l := tenants.Layout{Root: t.TempDir()}
	up, err := l.Uploads(slug)
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := l.UploadsDir(slug)
	return up, dir
}

func TestUploadsSaveOpenRemove(t *testing.T) {
	up, dir := uploadsOf(t, "alpha")
	data := []byte("\x89PNG not really")
	name, err := up.Save(bytes.NewReader(data), "png")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}\.png$`).MatchString(name) || !tenants.ValidUploadName(name) {
		t.Fatalf("name = %q", name)
	}
	other, err := up.Save(bytes.NewReader(data), "png")
	if err != nil || other == name {
		t.Fatalf("second save: %q %v", other, err)
	}

	// The file survives, private, in a private directory, with nothing
	// else (no temporary file) beside it.
	info, err := os.Stat(filepath.Join(dir, name))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v %v", info, err)
	}
	if d, err := os.Stat(dir); err != nil || d.Mode().Perm() != 0o700 {
		t.Fatalf("uploads dir: %v %v", d, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("uploads dir holds %d entries", len(entries))
	}

	f, info, err := up.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(f)
	f.Close()
	if err != nil || !bytes.Equal(got, data) || info.Size() != int64(len(data)) {
		t.Fatalf("opened %q (size %d): %v", got, info.Size(), err)
	}

	if err := up.Remove(name); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("removed file: %v", err)
	}
	if _, _, err := up.Open(name); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("open removed: %v", err)
	}
	if err := up.Remove(name); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("remove again: %v", err)
	}
}

func TestUploadsRefuseOtherNames(t *testing.T) {
	up, dir := uploadsOf(t, "alpha")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Files that exist but were not named by Save, and a directory that has
	// an upload's name.
	for _, name := range []string{"notes.txt", "ABCDEF0123456789abcdef0123456789.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(filepath.Dir(filepath.Dir(dir)), "secret.png")
	if err := os.WriteFile(secret, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	dirLike := strings.Repeat("a", 32) + ".jpg"
	if err := os.Mkdir(filepath.Join(dir, dirLike), 0o700); err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"notes.txt", "ABCDEF0123456789abcdef0123456789.png", "../../secret.png",
		"../tenant.db", "", ".", "..", dirLike, strings.Repeat("0", 32) + ".exe", strings.Repeat("0", 32) + ".png/"} {
		if f, _, err := up.Open(name); !errors.Is(err, fs.ErrNotExist) {
			if f != nil {
				f.Close()
			}
			t.Errorf("Open(%q) = %v, want not exist", name, err)
		}
		if name != dirLike {
			if err := up.Remove(name); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Remove(%q) = %v, want not exist", name, err)
			}
		}
	}
	for _, path := range []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "ABCDEF0123456789abcdef0123456789.png"), secret} {
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s was removed: %v", path, err)
		}
	}
}

func TestUploadsSave(t *testing.T) {
	t.Run("source error", func(t *testing.T) {
		up, dir := uploadsOf(t, "alpha")
		tooLarge := errors.New("too large")
		src := io.MultiReader(strings.NewReader("partial"), &failingReader{tooLarge})
		if _, err := up.Save(src, "jpg"); err != tooLarge {
			t.Fatalf("err = %v, want the source's error unchanged", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("a failed save left %d files", len(entries))
		}
	})
	t.Run("unknown extension", func(t *testing.T) {
		up, dir := uploadsOf(t, "alpha")
		if _, err := up.Save(strings.NewReader("x"), "exe"); err == nil {
			t.Fatal("saved an .exe")
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("uploads dir: %v", err)
		}
	})
	t.Run("invalid slug", func(t *testing.T) {
		if _, err := (tenants.Layout{Root: t.TempDir()}).Uploads("../x"); err == nil {
			t.Fatal("uploads of an invalid slug")
		}
	})
}

type failingReader struct{ err error }

func (r *failingReader) Read([]byte) (int, error) { return 0, r.err }
