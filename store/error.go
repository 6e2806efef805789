package store

import (
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// Error codes. Each maps 1:1 to an API status and error code in package http.
const (
	EINVALID      = "invalid"      // 422: well-formed input that breaks a rule
	EBADREQUEST   = "bad_request"  // 400: malformed input
	ENOTFOUND     = "not_found"    // 404
	ECONFLICT     = "conflict"     // 409: duplicate unique value
	EUNAUTHORIZED = "unauthorized" // 401
	EFORBIDDEN    = "forbidden"    // 403
	ETOOLARGE     = "too_large"    // 413
	EUNSUPPORTED  = "unsupported"  // 415
	ERATELIMIT    = "rate_limited" // 429
	EUNAVAILABLE  = "unavailable"  // 503
	EINTERNAL     = "internal"     // 500
)

// Error is an application error: a code from the list above, a message fit for
// the API client, and optional per-field details.
type Error struct {
	Code    string
	Message string
	Details map[string]any
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("autoleads error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ValidationError returns an EINVALID error carrying one message per field.
// It returns nil when details is empty, so callers can collect every broken
// rule and return the result unconditionally.
func ValidationError(details map[string]string) error {
	if len(details) == 0 {
		return nil
	}
	d := make(map[string]any, len(details))
	for k, v := range details {
		d[k] = v
	}
	return &Error{Code: EINVALID, Message: "Validation failed", Details: d}
}

// ErrorCode returns the code of the first *Error in err's chain, ENOTFOUND for
// sql.ErrNoRows, the mapped code of a SQLite constraint violation, and
// EINTERNAL for anything else. A nil error has no code.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ENOTFOUND
	}
	if code := constraintCode(err); code != "" {
		return code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-facing message of err. Internal errors never
// leak their text, not even an *Error coded EINTERNAL.
func ErrorMessage(err error) string {
	code := ErrorCode(err)
	var e *Error
	if code != EINTERNAL && errors.As(err, &e) {
		return e.Message
	}
	switch code {
	case ENOTFOUND:
		return "Not found"
	case ECONFLICT:
		return "Resource already exists"
	case EINVALID:
		return "Referenced resource does not exist"
	}
	return "Internal server error"
}

// ErrorDetails returns the per-field details of err, or nil.
func ErrorDetails(err error) map[string]any {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}

// SQLite extended result codes that carry meaning for the API. They are
// matched by number, never by message text, which differs between versions.
const (
	sqliteConstraintUnique     = 2067
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintForeignKey = 787
)

// constraintCode maps a driver error to an application code, or "".
func constraintCode(err error) string {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Code() {
	case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
		return ECONFLICT
	case sqliteConstraintForeignKey:
		return EINVALID
	}
	return ""
}

// IsUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY violation.
func IsUniqueViolation(err error) bool {
	return constraintCode(err) == ECONFLICT
}

// conflict wraps a unique violation into a conflict error with a clear
// message; other errors pass through unchanged.
func conflict(err error, message string, details map[string]any) error {
	if IsUniqueViolation(err) {
		return &Error{Code: ECONFLICT, Message: message, Details: details}
	}
	return err
}
