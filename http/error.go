package http

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// apiError is the body of a failed API answer.
type apiError struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}

type errorBody struct {
	Success bool     `json:"success"`
	Error   apiError `json:"error"`
}

// statusOf maps store error codes to HTTP statuses and API codes.
var statusOf = map[string]struct {
	status int
	code   string
}{
	store.EBADREQUEST:   {http.StatusBadRequest, "BAD_REQUEST"},
	store.EUNAUTHORIZED: {http.StatusUnauthorized, "UNAUTHORIZED"},
	store.EFORBIDDEN:    {http.StatusForbidden, "FORBIDDEN"},
	store.ENOTFOUND:     {http.StatusNotFound, "NOT_FOUND"},
	store.ECONFLICT:     {http.StatusConflict, "CONFLICT"},
	store.ETOOLARGE:     {http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE"},
	store.EUNSUPPORTED:  {http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"},
	store.EINVALID:      {http.StatusUnprocessableEntity, "VALIDATION_ERROR"},
	store.ERATELIMIT:    {http.StatusTooManyRequests, "RATE_LIMIT_EXCEEDED"},
	store.EUNAVAILABLE:  {http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE"},
	store.EINTERNAL:     {http.StatusInternalServerError, "INTERNAL_ERROR"},
}

// Error renders err as the error envelope. Client errors carry their own
// message; anything else is logged with the request's context and shown
// only as "Internal server error".
func Error(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// The client went away or the server is shutting down: not a bug.
		err = store.Errorf(store.EUNAVAILABLE, "Request was canceled")
	}
	m, ok := statusOf[store.ErrorCode(err)]
	if !ok {
		m = statusOf[store.EINTERNAL]
	}
	if m.status == http.StatusInternalServerError {
		logger(r).Error("request failed", requestAttrs(r, slog.String("error", err.Error()))...)
	}
	if page := errorPageOf(r); page != nil {
		page(w, r, m.status, err)
		return
	}
	body := errorBody{Error: apiError{Code: m.code, Message: store.ErrorMessage(err), Details: store.ErrorDetails(err)}}
	if m.status == http.StatusInternalServerError {
		body.Error.Message, body.Error.Details = "Internal server error", nil
	}
	writeJSON(w, m.status, body)
}

// notFoundHandler answers unknown routes under any prefix with JSON. A
// request without a path (CONNECT's target is a host) names only its method.
func notFoundHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" {
			Error(w, r, store.Errorf(store.ENOTFOUND, "Method %s is not supported", r.Method))
			return
		}
		Error(w, r, store.Errorf(store.ENOTFOUND, "Route %s %s not found", r.Method, r.URL.Path))
	})
}

// methodNotAllowedHandler answers a known path with the wrong method.
func methodNotAllowedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: apiError{
			Code: "METHOD_NOT_ALLOWED", Message: "Method " + r.Method + " is not allowed on " + r.URL.Path}})
	})
}
