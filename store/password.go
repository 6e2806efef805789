package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password length bounds: bcrypt reads at most 72 bytes.
const (
	PasswordMinLen = 8                  // characters
	PasswordMaxLen = 72                 // bytes of UTF-8
	bcryptCost     = bcrypt.DefaultCost // 10, the documented minimum; login stays well under 100 ms
)

// ValidatePassword returns the rule a new password breaks, or "". Every
// place a password is set (the API, the CLI) checks it here. A password is
// typed on keyboards and phones, so it is text: valid UTF-8, no control
// characters (a NUL or an escape is a copy-paste accident, not a secret),
// and not only spaces.
func ValidatePassword(p string) string {
	switch {
	case !utf8.ValidString(p):
		return "Password must be valid UTF-8 text"
	case utf8.RuneCountInString(p) < PasswordMinLen:
		return fmt.Sprintf("Password must be at least %d characters", PasswordMinLen)
	case len(p) > PasswordMaxLen:
		return fmt.Sprintf("Password must be at most %d bytes", PasswordMaxLen)
	case ControlInLine(p):
		return "Password must not contain control characters"
	case strings.TrimSpace(p) == "":
		return "Password must not be only spaces"
	}
	return ""
}

// HashPassword validates and hashes a password with bcrypt.
func HashPassword(p string) (string, error) {
	if msg := ValidatePassword(p); msg != "" {
		return "", ValidationError(map[string]string{"password": msg})
	}
	h, err := bcrypt.GenerateFromPassword([]byte(p), bcryptCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// dummyHash is compared against when the email is unknown, so an unknown
// email and a wrong password cost the same bcrypt work. It is a constant
// (a bcrypt hash at bcryptCost of a throwaway password, checked by a test):
// computing it when the package loads cost every command, and the server's
// start-up, a bcrypt hashing of 60 to 200 ms.
var dummyHash = []byte("$2a$10$bByFUIZlJiWNRWrf0k0d1OEa762QyuexTzAMe4wOnwzwCIIQCXq0W")

// CheckPassword reports whether password matches the user's hash. Every
// call spends one bcrypt comparison, with a nil user too, and then reports
// false for a password over PasswordMaxLen: bcrypt reads only its first 72
// bytes, so it would match by its prefix, and no password that long was
// ever accepted when set. Passwords set under an older, looser rule still
// sign in.
func CheckPassword(u *User, password string) bool {
	hash := dummyHash
	if u != nil {
		hash = []byte(u.PasswordHash)
	}
	match := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
	return u != nil && match && len(password) <= PasswordMaxLen
}
