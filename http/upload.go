package http

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// registerUploadRoutes serves the tenants' car photos.
func (s *Server) registerUploadRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/uploads/:file", s.public(s.handleUpload))
}

// uploadURLPrefix is where photo URLs point; /uploads/<name> serves the
// upload <name> of the tenant the host resolves to.
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

// uploads are the photos of the scope's tenant.
func (s *Server) uploads(sc *scope) (tenants.Uploads, error) {
	return s.reg.Layout.Uploads(sc.Tenant.Slug)
}

// handleUpload serves GET /uploads/:file: a photo of this host's tenant.
// Photo names are random and never reused, so they are cached for a year.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	up, err := s.uploads(sc)
	if err != nil {
		Error(w, r, err)
		return
	}
	name := param(r, "file")
	f, info, err := up.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		Error(w, r, store.Errorf(store.ENOTFOUND, "Photo not found"))
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", contentTypeOf(name))
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// saveUpload stores src as a new photo of the scope's tenant with extension
// ext and returns its URL.
func (s *Server) saveUpload(sc *scope, src io.Reader, ext string) (string, error) {
	up, err := s.uploads(sc)
	if err != nil {
		return "", err
	}
	name, err := up.Save(src, ext)
	if err != nil {
		return "", err
	}
	return uploadURLPrefix + name, nil
}

// removeUploads deletes the files behind photo URLs of the scope's tenant,
// skipping URLs that are not server-made uploads (external photos) and files
// another car still shows. A failure is logged, not returned: the database
// change it follows has already happened, and an orphan file harms nobody.
func (s *Server) removeUploads(r *http.Request, sc *scope, urls ...string) {
	up, err := s.uploads(sc)
	if err != nil {
		return
	}
	for _, u := range urls {
		name, ok := strings.CutPrefix(u, uploadURLPrefix)
		if !ok || !tenants.ValidUploadName(name) {
			continue
		}
		if used, err := sc.DB.CarPhotoInUse(r.Context(), u); err != nil || used {
			continue
		}
		if err := up.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			logger(r).Warn("remove photo", requestAttrs(r, slog.String("file", name), slog.String("error", err.Error()))...)
		}
	}
}
