package http

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo"
)

// deskPhotosBodyLimit bounds an upload of the photos page. Its script sends
// each photo on its own request; without JavaScript the form sends all that
// were chosen at once, and the body is held in memory while it is read, so
// the limit is a few phone photos, each still at most maxPhotoBytes.
var deskPhotosBodyLimit = bodyLimit{max: 5*maxPhotoBytes + multipartOverhead, tooLarge: errPhotoTooLarge}

// deskUploads adapts an upload of the dashboard as deskSignedIn does a
// page, with limit. An upload refused whole for its size, before h runs,
// is sent back to the page refusedTo names, which says why beside the file
// field, instead of to the general error page.
func (s *Server) deskUploads(limit bodyLimit, refusedTo func(*http.Request) string, h scopedHandler, roles ...string) http.Handler {
	identify := s.deskSession(toSignIn)
	return s.deskStaff(func(w http.ResponseWriter, r *http.Request) {
		general := errorPageOf(r)
		r = withErrorPage(r, func(w http.ResponseWriter, r *http.Request, status int, err error) {
			if status == http.StatusRequestEntityTooLarge {
				http.Redirect(w, r, refusedTo(r), http.StatusSeeOther)
				return
			}
			general(w, r, status, err)
		})
		s.asStaff(w, r, limit, identify, roles, h)
	})
}

// photosRefusedSize is where an upload of the photos page refused whole for
// its size is sent.
func photosRefusedSize(r *http.Request) string { return r.URL.Path + "?refused=size#upload" }

// handleDeskPhotoUpload serves POST /admin/cars/:id/photos: every file of
// the multipart field "photo" is added as the API adds one, in order. A
// file refused is named with its reason and the rest still go in; the page
// comes back with the list when any was refused, else the browser is sent
// back to it (303).
func (s *Server) handleDeskPhotoUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	c, err := sc.DB.FindCarByID(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	lang := deskLang(r)
	var added int
	var refused []deskPhotoRefused
	status := http.StatusUnprocessableEntity
	refuse := func(file string, err error) bool {
		reason, ok := deskPhotoRefusal(lang, err)
		if ok {
			refused = append(refused, deskPhotoRefused{File: file, Reason: reason})
			if m, known := statusOf[store.ErrorCode(err)]; known && len(refused) == 1 {
				status = m.status
			}
		}
		return ok
	}
	mr, err := r.MultipartReader()
	for err == nil {
		var part *multipart.Part
		if part, err = mr.NextPart(); err != nil {
			break
		}
		// A form sent with no file chosen has an empty part without a name.
		if part.FormName() != "photo" || part.FileName() == "" {
			continue
		}
		if full := carPhotosFull(c); full != nil {
			refuse(part.FileName(), full)
			continue
		}
		next, addErr := s.addCarPhoto(r, sc, id, part)
		if addErr != nil && !refuse(part.FileName(), addErr) {
			Error(w, r, addErr)
			return
		}
		if addErr == nil {
			c, added = next, added+1
		}
	}
	if !errors.Is(err, io.EOF) {
		refuse("", uploadError(err))
	}
	if added == 0 && len(refused) == 0 {
		refused = []deskPhotoRefused{{Reason: lang.T("desk.photos.refused.none")}}
	}
	if len(refused) > 0 {
		s.renderDeskPhotos(w, r, sc, status, &deskPhotosPage{Added: added, Refused: refused})
		return
	}
	http.Redirect(w, r, photosPath(id, "?added="+strconv.Itoa(added)+"#photos"), http.StatusSeeOther)
}

// deskPhotoRefusal words why a photo was not added, in the user's
// language: false for a failure that is not the photo's (the disk, the
// database), which is an error page.
func deskPhotoRefusal(lang web.Lang, err error) (string, bool) {
	switch {
	case errors.Is(err, photo.ErrTooLarge):
		return lang.T("desk.photos.refused.pixels", photo.MaxSide, photo.MaxPixels/1_000_000), true
	case errors.Is(err, photo.ErrUnsupported):
		return lang.T("desk.photos.refused.type"), true
	case errors.Is(err, photo.ErrDamaged):
		return lang.T("desk.photos.refused.damaged"), true
	}
	switch store.ErrorCode(err) {
	case store.ETOOLARGE:
		return lang.T("desk.photos.refused.size", maxPhotoBytes>>20), true
	case store.EBADREQUEST:
		return lang.T("desk.photos.refused.unreadable"), true
	case store.EINVALID:
		if _, full := store.ErrorDetails(err)["photos"]; full {
			return lang.T("desk.photos.refused.full", store.MaxCarPhotos), true
		}
	}
	return "", false
}
