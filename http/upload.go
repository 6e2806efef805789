package http

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// registerUploadRoutes serves the tenants' car photos.
func (s *Server) registerUploadRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/uploads/:file", s.public(s.handleUpload))
}

// uploadName is the only file name ever served or removed: the random name
// the server gave a photo. Nothing else from a request reaches a path, so no
// "..", no directory listing and no other file can be named.
var uploadName = regexp.MustCompile(`^[0-9a-f]{32}\.(jpg|png|webp)$`)

// uploadURLPrefix is where photo URLs point; /uploads/<name> serves <name>
// from the uploads directory of the tenant the host resolves to.
const uploadURLPrefix = "/uploads/"

// photoTypes maps the content types a photo may have to its file extension.
var photoTypes = map[string]string{"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}

// contentTypeOf returns the content type of a served photo by its extension.
func contentTypeOf(name string) string {
	for ct, ext := range photoTypes {
		if strings.HasSuffix(name, "."+ext) {
			return ct
		}
	}
	return "application/octet-stream"
}

// uploadsDir is the photo directory of the scope's tenant.
func (s *Server) uploadsDir(sc *scope) (string, error) {
	return s.reg.Layout.UploadsDir(sc.Tenant.Slug)
}

// handleUpload serves GET /uploads/:file: a photo of this host's tenant.
// Photo names are random and never reused, so they are cached for a year.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	name := param(r, "file")
	notFound := store.Errorf(store.ENOTFOUND, "Photo not found")
	if !uploadName.MatchString(name) {
		Error(w, r, notFound)
		return
	}
	dir, err := s.uploadsDir(sc)
	if err != nil {
		Error(w, r, err)
		return
	}
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		Error(w, r, notFound)
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		Error(w, r, notFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentTypeOf(name))
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// saveUpload writes src as a new photo of the scope's tenant with extension
// ext and returns its URL. The bytes go to a temporary file in the same
// directory, are fsynced, and the file is renamed to its random final name,
// so a crash never leaves a half-written photo under a served name.
func (s *Server) saveUpload(sc *scope, src io.Reader, ext string) (url string, err error) {
	dir, err := s.uploadsDir(sc)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create uploads directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*") // mode 0600
	if err != nil {
		return "", fmt.Errorf("create upload: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := io.Copy(tmp, src); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("sync upload: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("close upload: %w", err)
	}
	var b [16]byte
	rand.Read(b[:])
	name := hex.EncodeToString(b[:]) + "." + ext
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return "", fmt.Errorf("rename upload: %w", err)
	}
	syncDir(dir)
	return uploadURLPrefix + name, nil
}

// syncDir makes a rename in dir durable. It is best effort: the photo is
// already readable, and not every file system supports syncing directories.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeUploads deletes the files behind photo URLs of the scope's tenant,
// skipping URLs that are not server-made uploads (external photos) and files
// another car still shows. A failure is logged, not returned: the database
// change it follows has already happened, and an orphan file harms nobody.
func (s *Server) removeUploads(r *http.Request, sc *scope, urls ...string) {
	dir, err := s.uploadsDir(sc)
	if err != nil {
		return
	}
	for _, u := range urls {
		name, ok := strings.CutPrefix(u, uploadURLPrefix)
		if !ok || !uploadName.MatchString(name) {
			continue
		}
		if used, err := sc.DB.CarPhotoInUse(r.Context(), u); err != nil || used {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			logger(r).Warn("remove photo", requestAttrs(r, slog.String("file", name), slog.String("error", err.Error()))...)
		}
	}
}
