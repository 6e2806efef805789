package http

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants/photo"
)

// registerPhotoRoutes registers the photo management of admin cars.
func (s *Server) registerPhotoRoutes(r *routeTable) {
	write := []string{store.RoleOwner, store.RoleAdmin}
	r.Handler(http.MethodPost, "/api/admin/cars/:id/photos", s.adminBody(photoBodyLimit, s.handlePhotoUpload, write...))
	r.Handler(http.MethodDelete, "/api/admin/cars/:id/photos/:index", s.admin(s.handlePhotoDelete, write...))
}

// Photo upload limits (docs/operations.md, Limits): the photo itself, plus room in the request
// body for the multipart boundaries and part headers around it.
const (
	maxPhotoBytes     = 10 << 20
	multipartOverhead = 64 << 10
)

// photoBodyLimit is the limit of an upload's whole request body.
var photoBodyLimit = bodyLimit{max: maxPhotoBytes + multipartOverhead, tooLarge: errPhotoTooLarge}

func errPhotoTooLarge() error {
	return store.Errorf(store.ETOOLARGE, "Photo must be at most 10 MiB")
}

// photoReader reads an uploaded photo and turns the client's failures into
// client errors: more than maxPhotoBytes is 413, a body cut off or malformed
// is 400. Errors of the disk it is copied to stay internal.
type photoReader struct {
	r    io.Reader
	left int64
}

func (p *photoReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.left -= int64(n)
	if p.left < 0 {
		return n, errPhotoTooLarge()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return n, uploadError(err)
	}
	return n, err
}

// uploadError classifies an error of reading the request body.
func uploadError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return errPhotoTooLarge()
	}
	return store.Errorf(store.EBADREQUEST, "Upload is not a valid multipart/form-data body")
}

// photoPart returns the reader of the multipart field "photo".
// Errors: EBADREQUEST (not multipart), EINVALID (no photo field), ETOOLARGE.
func photoPart(r *http.Request) (io.Reader, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, store.Errorf(store.EBADREQUEST, "Request must be multipart/form-data with a photo field")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, &store.Error{Code: store.EINVALID, Message: "Photo is required",
				Details: map[string]any{"photo": "Photo file is required"}}
		}
		if err != nil {
			return nil, uploadError(err)
		}
		if part.FormName() == "photo" {
			return part, nil
		}
	}
}

// handlePhotoUpload serves POST /api/admin/cars/:id/photos: one photo in the
// multipart field "photo", at most 10 MiB, JPEG, PNG or WebP by its bytes
// (the name and declared type are ignored). It is processed (photo.Process:
// upright, no metadata, resized copies), stored under its content's name and
// its URL appended to the car's photos.
func (s *Server) handlePhotoUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	// Refuse early, before reading megabytes, what would be refused anyway.
	c, err := sc.DB.FindCarByID(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	if len(c.Photos) >= store.MaxCarPhotos {
		Error(w, r, store.ValidationError(map[string]string{
			"photos": fmt.Sprintf("At most %d photos are allowed", store.MaxCarPhotos)}))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPhotoBytes+multipartOverhead)
	part, err := photoPart(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	data, err := io.ReadAll(&photoReader{r: part, left: maxPhotoBytes})
	if err != nil {
		Error(w, r, err)
		return
	}
	p, err := processPhoto(r, data)
	if err != nil {
		Error(w, r, err)
		return
	}
	url, err := s.saveUpload(sc, p)
	if err != nil {
		Error(w, r, err)
		return
	}
	c, err = sc.DB.AddCarPhoto(r.Context(), id, url)
	if err != nil {
		s.removeUploads(r, sc, url)
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newAdminCarDetail(c))
}

// photoSlots bounds the photos processed at once to one per core: a phone
// photo takes about 55 MB and a core for a third of a second, so a burst of
// uploads queues instead of exhausting memory.
var photoSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// processPhoto makes an uploaded photo ready to store, turning what is wrong
// with it into the client's errors: not a photo by its bytes is 415; too many
// pixels by its header (a small file can claim a huge image) or image data
// that cannot be decoded is 422.
func processPhoto(r *http.Request, data []byte) (*photo.Processed, error) {
	if _, ok := photoTypes[http.DetectContentType(data)]; !ok {
		return nil, store.Errorf(store.EUNSUPPORTED, "Photo must be a JPEG, PNG or WebP image")
	}
	select {
	case photoSlots <- struct{}{}:
		defer func() { <-photoSlots }()
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	p, err := photo.Process(data)
	switch {
	case errors.Is(err, photo.ErrTooLarge):
		msg := fmt.Sprintf("Photo must be at most %d pixels on a side and %d megapixels",
			photo.MaxSide, photo.MaxPixels/1_000_000)
		return nil, store.ValidationError(map[string]string{"photo": msg})
	case errors.Is(err, photo.ErrUnsupported), errors.Is(err, photo.ErrDamaged):
		return nil, store.ValidationError(map[string]string{"photo": "Photo could not be read: the file is damaged or incomplete"})
	}
	return p, err
}

// handlePhotoDelete serves DELETE /api/admin/cars/:id/photos/:index: the
// photo leaves the car and, unless another car shows it, the disk.
func (s *Server) handlePhotoDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	index, err := strconv.Atoi(param(r, "index"))
	if err != nil || index < 0 {
		Error(w, r, store.Errorf(store.EBADREQUEST, "Path parameter index must be a whole number from 0"))
		return
	}
	c, removed, err := sc.DB.RemoveCarPhoto(r.Context(), id, index)
	if err != nil {
		Error(w, r, err)
		return
	}
	s.removeUploads(r, sc, removed)
	writeData(w, http.StatusOK, newAdminCarDetail(c))
}
