package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store"
)

// maxJSONBody caps every JSON request body (1 MiB, docs/api.md, Request bodies).
const maxJSONBody = 1 << 20

// successBody is the envelope of every successful API answer.
type successBody struct {
	Success bool      `json:"success"`
	Data    any       `json:"data"`
	Meta    *pageMeta `json:"meta,omitempty"`
}

// pageMeta describes one page of a list.
type pageMeta struct {
	Page       int   `json:"page"`
	Limit      int   `json:"limit"`
	Total      int64 `json:"total"`
	TotalPages int64 `json:"totalPages"`
}

// writeJSON writes v as the JSON body with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header()["Content-Type"] = headerJSON
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeData writes a success envelope around data.
func writeData(w http.ResponseWriter, status int, data any) {
	writeJSON(w, status, successBody{Success: true, Data: data})
}

// writeList writes one page of a list with its meta and X-Total-Count.
func writeList(w http.ResponseWriter, data any, p page, total int64) {
	w.Header().Set("X-Total-Count", strconv.FormatInt(total, 10))
	writeJSON(w, http.StatusOK, successBody{Success: true, Data: data, Meta: &pageMeta{
		Page: p.Page, Limit: p.Limit, Total: total,
		TotalPages: (total + int64(p.Limit) - 1) / int64(p.Limit),
	}})
}

// decodeJSON reads one JSON value of r's body into dst. Request types hold
// only the fields a client may write, and unknown keys are refused, so no
// id, slug, timestamp or tenant can be assigned from a body. A key must be
// spelled exactly as documented and given once (checkJSONKeys): a body
// means one thing or is refused.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return jsonError(err)
	}
	if ke := checkJSONKeys(body, reflect.TypeOf(dst)); ke != nil {
		return ke.clientError()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return store.Errorf(store.EBADREQUEST, "Request body must hold a single JSON value")
	}
	return nil
}

// jsonError turns a decoding failure into a client error that says what is
// wrong without echoing internals.
func jsonError(err error) error {
	var maxErr *http.MaxBytesError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return store.Errorf(store.ETOOLARGE, "Request body is larger than %d bytes", maxErr.Limit)
	case errors.Is(err, io.EOF):
		return store.Errorf(store.EBADREQUEST, "Request body is required")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return store.Errorf(store.EBADREQUEST, "Request body is not valid JSON")
	case errors.As(err, &syntaxErr):
		return store.Errorf(store.EBADREQUEST, "Request body is not valid JSON (at byte %d)", syntaxErr.Offset)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return store.Errorf(store.EBADREQUEST, "Request body must be %s", jsonKind(typeErr.Type.Kind().String()))
		}
		return &store.Error{Code: store.EBADREQUEST, Message: fmt.Sprintf("Field %s must be %s", typeErr.Field, jsonKind(typeErr.Type.String())),
			Details: map[string]any{typeErr.Field: "Wrong JSON type"}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return unknownFieldError(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
	}
	var e *store.Error
	if errors.As(err, &e) {
		return e
	}
	return store.Errorf(store.EBADREQUEST, "Request body is not valid JSON")
}

// unknownFieldError refuses a key no field of the request is spelled as.
func unknownFieldError(field string) error {
	return &store.Error{Code: store.EBADREQUEST, Message: fmt.Sprintf("Unknown or read-only field %q", field),
		Details: map[string]any{field: "Unknown or read-only field"}}
}

// jsonKind names a Go type the way a JSON client thinks of it.
func jsonKind(goType string) string {
	switch {
	case strings.Contains(goType, "int"), strings.Contains(goType, "float"):
		return "a number"
	case strings.Contains(goType, "string"):
		return "a string"
	case strings.Contains(goType, "bool"):
		return "true or false"
	case strings.HasPrefix(goType, "[]"), goType == "slice":
		return "a JSON array"
	}
	return "a JSON object"
}

// timestamp renders a time as RFC 3339 UTC with milliseconds, the API's one
// time format: 2025-10-23T09:00:00.000Z.
type timestamp time.Time

const timestampLayout = store.TimestampLayout

// MarshalJSON implements json.Marshaler.
func (t timestamp) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(timestampLayout)+2)
	b = append(b, '"')
	b = time.Time(t).UTC().AppendFormat(b, timestampLayout)
	return append(b, '"'), nil
}

// timestampPtr converts an optional time; nil renders as null.
func timestampPtr(t *time.Time) *timestamp {
	if t == nil {
		return nil
	}
	ts := timestamp(*t)
	return &ts
}

// nullableString renders "" as null, for optional text fields.
func nullableString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
