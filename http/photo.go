package http

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
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

// imagePart returns the part of the multipart field that holds an uploaded
// image; its errors call the image what (e.g. "Photo").
// Errors: EBADREQUEST (not multipart), EINVALID (no such field), ETOOLARGE.
func imagePart(r *http.Request, field, what string) (*multipart.Part, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, store.Errorf(store.EBADREQUEST, "Request must be multipart/form-data with a %s field", field)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, &store.Error{Code: store.EINVALID, Message: what + " is required",
				Details: map[string]any{field: what + " file is required"}}
		}
		if err != nil {
			return nil, uploadError(err)
		}
		if part.FormName() == field {
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
	if err == nil {
		err = carPhotosFull(c)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPhotoBytes+multipartOverhead)
	part, err := imagePart(r, "photo", "Photo")
	if err != nil {
		Error(w, r, err)
		return
	}
	c, err = s.addCarPhoto(r, sc, id, part)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newAdminCarDetail(c))
}

// carPhotosFull refuses one more photo for a car that has MaxCarPhotos.
func carPhotosFull(c *store.Car) error {
	if len(c.Photos) < store.MaxCarPhotos {
		return nil
	}
	return store.ValidationError(map[string]string{
		"photos": fmt.Sprintf("At most %d photos are allowed", store.MaxCarPhotos)})
}

// addCarPhoto reads one uploaded photo from src (at most maxPhotoBytes),
// processes it, stores it and appends it to car id's photos: the one way
// a photo is added, for the API and the dashboard. A photo refused leaves
// the car unchanged and no file behind.
func (s *Server) addCarPhoto(r *http.Request, sc *scope, id int64, src io.Reader) (*store.Car, error) {
	data, err := readUploadedImage(r, src)
	if err != nil {
		return nil, err
	}
	p, err := processImage(r, "photo", "Photo", data, photo.Process)
	if err != nil {
		return nil, err
	}
	url, err := s.saveUpload(sc, p)
	if err != nil {
		return nil, err
	}
	c, err := sc.DB.AddCarPhoto(r.Context(), id, url)
	if err != nil {
		s.removeUploads(r, sc, url)
		return nil, err
	}
	return c, nil
}

// readUploadedImage reads an uploaded image from src: at most
// maxPhotoBytes, more is ETOOLARGE.
func readUploadedImage(r *http.Request, src io.Reader) ([]byte, error) {
	// One allocation for the image's bytes, which the request's length
	// bounds, instead of ReadAll's doublings (as much again in garbage).
	buf := bytes.NewBuffer(make([]byte, 0, min(max(r.ContentLength, 0), maxPhotoBytes)+bytes.MinRead))
	if _, err := buf.ReadFrom(&photoReader{r: src, left: maxPhotoBytes}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// processImage makes an uploaded image ready to store with process
// (photo.Process, photo.ProcessLogo), within the photo budget, turning what
// is wrong with it into the client's errors, on field and naming what: not
// an image by its bytes is 415; too many pixels by its header (a small file
// can claim a huge image) or image data that cannot be decoded is 422. Each
// error also wraps photo's own (ErrUnsupported, ErrTooLarge, ErrDamaged),
// which the dashboard words.
func processImage[T any](r *http.Request, field, what string, data []byte, process func([]byte) (T, error)) (T, error) {
	var none T
	if _, ok := photoTypes[http.DetectContentType(data)]; !ok {
		return none, fmt.Errorf("%w: %w", store.Errorf(store.EUNSUPPORTED, "%s must be a JPEG, PNG or WebP image", what), photo.ErrUnsupported)
	}
	release, err := photoBudget.acquire(r.Context(), data)
	if err != nil {
		return none, err
	}
	p, err := process(data)
	// Processing leaves its size in garbage (the decoded image and its
	// resized steps). Collected now, before the next image is admitted, the
	// heap stays near what the images in progress need; left to the
	// collector's pace it grows to twice that. A collection of a heap of a
	// few large byte slices takes a millisecond or two, against a third of
	// a second for a photo.
	runtime.GC()
	release()
	switch {
	case errors.Is(err, photo.ErrTooLarge):
		msg := fmt.Sprintf("%s must be at most %d pixels on a side and %d megapixels",
			what, photo.MaxSide, photo.MaxPixels/1_000_000)
		return none, fmt.Errorf("%w: %w", store.ValidationError(map[string]string{field: msg}), err)
	case errors.Is(err, photo.ErrUnsupported), errors.Is(err, photo.ErrDamaged):
		msg := what + " could not be read: the file is damaged or incomplete"
		return none, fmt.Errorf("%w: %w", store.ValidationError(map[string]string{field: msg}), err)
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
	c, err := s.removeCarPhoto(r, sc, id, index)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newAdminCarDetail(c))
}

// removeCarPhoto takes the photo at index off car id and, unless another
// car shows it, off the disk: for the API and the dashboard.
func (s *Server) removeCarPhoto(r *http.Request, sc *scope, id int64, index int) (*store.Car, error) {
	c, removed, err := sc.DB.RemoveCarPhoto(r.Context(), id, index)
	if err != nil {
		return nil, err
	}
	s.removeUploads(r, sc, removed)
	return c, nil
}
