package tenants_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/tenants/photo"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
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
	p, err := photo.Process(phototest.JPEG(phototest.Image(1600, 1200)))
	if err != nil {
		t.Fatal(err)
	}
	name, err := up.SavePhoto(p)
	if err != nil {
		t.Fatal(err)
	}
	if name != p.Name() || !tenants.ValidUploadName(name) {
		t.Fatalf("name = %q, want %q", name, p.Name())
	}
	// The same photo again is the same name and the same files.
	if again, err := up.SavePhoto(p); err != nil || again != name {
		t.Fatalf("second save: %q %v", again, err)
	}

	// The photo and its copies survive, private, in a private directory,
	// with nothing else (no temporary file) beside them.
	files := map[string][]byte{name: p.Full}
	for _, c := range p.Copies {
		files[photo.CopyName(name, c.Width)] = c.Data
	}
	for file, data := range files {
		info, err := os.Stat(filepath.Join(dir, file))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("saved file %s: %v %v", file, info, err)
		}
		f, info, err := up.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(f)
		f.Close()
		if err != nil || !bytes.Equal(got, data) || info.Size() != int64(len(data)) {
			t.Fatalf("opened %s (size %d): %v", file, info.Size(), err)
		}
	}
	if d, err := os.Stat(dir); err != nil || d.Mode().Perm() != 0o700 {
		t.Fatalf("uploads dir: %v %v", d, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1+len(photo.Widths) {
		t.Fatalf("uploads dir holds %d entries", len(entries))
	}

	// Removing the photo removes its copies.
	if err := up.Remove(name); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("removal left %d files", len(entries))
	}
	if _, _, err := up.Open(name); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("open removed: %v", err)
	}
	if err := up.Remove(name); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("remove again: %v", err)
	}
}

func TestUploadNames(t *testing.T) {
	hex := "0123456789abcdef0123456789abcdef"
	tests := []struct {
		name string
		ok   bool
	}{
		{hex + ".jpg", true},
		{hex + ".png", true}, // stored before photos were processed
		{hex + ".webp", true},
		{hex + "-320.jpg", true},
		{hex + "-640.jpg", true},
		{hex + "-1280.jpg", true},
		{hex + "-641.jpg", false},
		{hex + "-640.png", false},
		{hex + "-.jpg", false},
		{hex + "-640-320.jpg", false},
		{hex[:31] + "-640.jpg", false},
		{hex + ".exe", false},
		{"../" + hex + ".jpg", false},
	}
	for _, tt := range tests {
		if got := tenants.ValidUploadName(tt.name); got != tt.ok {
			t.Errorf("ValidUploadName(%q) = %v", tt.name, got)
		}
		isCopy := strings.Contains(tt.name, "-")
		if got := tenants.ValidPhotoName(tt.name); got != (tt.ok && !isCopy) {
			t.Errorf("ValidPhotoName(%q) = %v", tt.name, got)
		}
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
	t.Run("unwritable directory", func(t *testing.T) {
		up, dir := uploadsOf(t, "alpha")
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir, nil, 0o600); err != nil { // a file where the directory goes
			t.Fatal(err)
		}
		p, err := photo.Process(phototest.WebP)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := up.SavePhoto(p); err == nil {
			t.Fatal("saved into a file")
		}
	})
	t.Run("invalid slug", func(t *testing.T) {
		if _, err := (tenants.Layout{Root: t.TempDir()}).Uploads("../x"); err == nil {
			t.Fatal("uploads of an invalid slug")
		}
	})
}

func TestUploadsSaveLogo(t *testing.T) {
	up, dir := uploadsOf(t, "alpha")
	logo, err := photo.ProcessLogo(phototest.PNG(phototest.Image(600, 300)))
	if err != nil {
		t.Fatal(err)
	}
	name, err := up.SaveLogo(logo)
	if err != nil || name != photo.LogoNameOf(logo) || !tenants.ValidPhotoName(name) {
		t.Fatalf("SaveLogo = %q %v, want %q", name, err, photo.LogoNameOf(logo))
	}
	f, _, err := up.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, logo) {
		t.Fatal("stored logo differs from what was saved")
	}
	if err := up.Remove(name); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left after removing the logo: %v", entries)
	}
}
