package http

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// bodyLimit is the largest request body a route takes and what a client
// that sends more is told.
type bodyLimit struct {
	max      int64
	tooLarge func() error
}

// jsonBodyLimit is the limit of every route but the photo upload.
var jsonBodyLimit = bodyLimit{max: maxJSONBody, tooLarge: errBodyTooLarge}

func errBodyTooLarge() error {
	return store.Errorf(store.ETOOLARGE, "Request body is larger than %d bytes", maxJSONBody)
}

// readBody reads the whole request body into memory before the request
// takes one of its showroom's in-flight slots, so a client that sends its
// body slowly holds a connection until the read timeout, never a slot that
// staff or the webhook need. A declared Content-Length over the limit is
// refused before anything is read: a client that asked "Expect:
// 100-continue" gets 413 instead of 100 Continue. A refused request has been
// answered.
func readBody(w http.ResponseWriter, r *http.Request, limit bodyLimit) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	if r.ContentLength > limit.max {
		Error(w, r, limit.tooLarge())
		return false
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit.max))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			Error(w, r, limit.tooLarge())
		} else {
			Error(w, r, store.Errorf(store.EBADREQUEST, "Request body could not be read"))
		}
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(buf.Bytes()))
	return true
}
