package http

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/tenants/photo"
)

// registerUploadRoutes serves the tenants' car photos and logos.
func (s *Server) registerUploadRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/uploads/:file", s.public(s.handleUpload))
}

// UploadURLPrefix is where photo URLs point; /uploads/<name> serves the
// upload <name> of the tenant the host resolves to.
const UploadURLPrefix = "/uploads/"

// photoTypes maps the content types an uploaded photo may have to the file
// extension a photo stored before photos were processed has (every photo
// is stored as JPEG since).
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

// handleUpload serves GET /uploads/:file: a photo of this host's tenant, or
// one of its copies. A name is its content's hash (a photo stored before
// photos were processed has a random one, never reused), so it is cached for
// a year.
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

// saveUpload stores a processed photo and its copies as photos of the
// scope's tenant and returns its URL.
func (s *Server) saveUpload(sc *scope, p *photo.Processed) (string, error) {
	up, err := s.uploads(sc)
	if err != nil {
		return "", err
	}
	name, err := up.SavePhoto(p)
	if err != nil {
		return "", err
	}
	return UploadURLPrefix + name, nil
}

// PhotoVariant is a resized copy of a photo, for a page's srcset.
type PhotoVariant struct {
	// Width is the width the copy was made for. A photo is never enlarged,
	// so the copy of a width the photo does not reach is the photo itself.
	Width int
	URL   string
}

// PhotoVariants returns the resized copies of a photo URL in a car's
// photos, narrowest first: e.g. /uploads/<hash>-320.jpg for
// /uploads/<hash>.jpg. A URL that is not a processed upload (an external
// photo, a PNG or WebP stored before photos were processed) has none. A
// JPEG stored before has copies only once `autoleads photos reprocess` has
// run (docs/operations.md).
func PhotoVariants(url string) []PhotoVariant {
	name, ok := strings.CutPrefix(url, UploadURLPrefix)
	if !ok || !tenants.ValidPhotoName(name) || !strings.HasSuffix(name, ".jpg") {
		return nil
	}
	vs := make([]PhotoVariant, len(photo.Widths))
	for i, w := range photo.Widths {
		vs[i] = PhotoVariant{Width: w, URL: UploadURLPrefix + photo.CopyName(name, w)}
	}
	return vs
}

// removeUploads deletes the files behind photo or logo URLs of the scope's
// tenant, with their copies, skipping URLs that are not server-made photos
// (external photos, and a copy's URL an admin put among a car's photos: other
// cars' pages use it) and files a car still shows. A failure is logged, not returned: the database
// change it follows has already happened, and an orphan file harms nobody.
func (s *Server) removeUploads(r *http.Request, sc *scope, urls ...string) {
	up, err := s.uploads(sc)
	if err != nil {
		return
	}
	for _, u := range urls {
		name, ok := strings.CutPrefix(u, UploadURLPrefix)
		if !ok || !tenants.ValidPhotoName(name) {
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
