package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// The lifetime of a dashboard session: it ends after SessionIdle without a
// request, and SessionMaxAge after it began however busy it is.
const (
	SessionIdle   = 7 * 24 * time.Hour
	SessionMaxAge = 30 * 24 * time.Hour
	// sessionTouch is how stale last_seen_at may grow before a request
	// moves it, so a busy user does not write on every request.
	sessionTouch = time.Minute
	// maxUserAgentLen bounds the stored user agent, which only helps a
	// person recognise their devices.
	maxUserAgentLen = 200
)

// sessionTokenEncoding spells a session's token in a cookie.
var sessionTokenEncoding = base64.RawURLEncoding

// sessionHash is what the table keeps of a token.
func sessionHash(raw string) []byte {
	sum := sha256.Sum256([]byte(raw))
	return sum[:]
}

// CreateSession begins a session of user userID and returns its token,
// which only the caller ever sees. The user's sessions that are over go,
// so browsers that never came back do not pile up. Errors: ENOTFOUND (no
// such user).
func (db *DB) CreateSession(ctx context.Context, userID int64, userAgent string) (string, error) {
	var b [32]byte
	rand.Read(b[:])
	raw := sessionTokenEncoding.EncodeToString(b[:])
	now := db.now()
	if _, err := db.h.Write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR last_seen_at <= ?)`,
		userID, millis(now), millis(now.Add(-SessionIdle))); err != nil {
		return "", err
	}
	res, err := db.h.Write.ExecContext(ctx, `INSERT INTO sessions
		(id_hash, user_id, token_key, token_version, user_agent, created_at, last_seen_at, expires_at)
		SELECT ?, id, token_key, token_version, ?, ?, ?, ? FROM users WHERE id = ?`,
		sessionHash(raw), trimUserAgent(userAgent), millis(now), millis(now), millis(now.Add(SessionMaxAge)), userID)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", Errorf(ENOTFOUND, "User not found")
	}
	return raw, nil
}

// trimUserAgent keeps the first maxUserAgentLen bytes of a user agent,
// cut on a character boundary, without control characters.
func trimUserAgent(s string) string {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "")))
	for len(s) > maxUserAgentLen {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// FindSession returns the user of the session rawToken names, and moves
// its last activity to now. A session is refused when it is idle or too
// old, when its user is inactive, or when the user's token key or version
// changed since it began (a password change, a deactivation, "sign out
// everywhere"); a refused session is deleted. A deleted user's sessions
// went with them. Errors: ENOTFOUND (no such session), EUNAUTHORIZED.
func (db *DB) FindSession(ctx context.Context, rawToken string) (*User, error) {
	u, lastSeen, err := db.session(ctx, rawToken)
	if err != nil {
		return nil, err
	}
	if now := db.now(); now.Sub(lastSeen) >= sessionTouch {
		if _, err := db.h.Write.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`,
			millis(now), sessionHash(rawToken)); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// CheckSession is FindSession without moving the session's last activity:
// an open page re-checking its live updates on a timer is no use of the
// session, and writes nothing while the session holds. Errors as
// FindSession's.
func (db *DB) CheckSession(ctx context.Context, rawToken string) (*User, error) {
	u, _, err := db.session(ctx, rawToken)
	return u, err
}

// session returns the user of the session rawToken names and its last
// activity, deleting the session when it is refused (see FindSession).
func (db *DB) session(ctx context.Context, rawToken string) (*User, time.Time, error) {
	var key string
	var version, lastSeen, expires int64
	// Every dashboard request finds its session: a prepared statement.
	row := db.reader().QueryRowContext(ctx, `SELECT s.token_key, s.token_version, s.last_seen_at, s.expires_at, u.*
		FROM sessions s JOIN (SELECT `+userColumns+` FROM users) u ON u.id = s.user_id
		WHERE s.id_hash = ?`, sessionHash(rawToken))
	u, err := scanUser(leadingColumns{row, []any{&key, &version, &lastSeen, &expires}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, Errorf(ENOTFOUND, "Session not found")
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	if refusal := sessionRefusal(u, key, version, fromMillis(lastSeen), fromMillis(expires), db.now()); refusal != "" {
		if err := db.DeleteSession(ctx, rawToken); err != nil {
			return nil, time.Time{}, err
		}
		return nil, time.Time{}, Errorf(EUNAUTHORIZED, "%s", refusal)
	}
	return u, fromMillis(lastSeen), nil
}

// sessionRefusal says why a session of u, begun with token key and version,
// last seen at lastSeen and ending at expires, is refused at now; "" when
// it is accepted.
func sessionRefusal(u *User, key string, version int64, lastSeen, expires, now time.Time) string {
	switch {
	case !now.Before(expires):
		return "Session has expired"
	case now.Sub(lastSeen) >= SessionIdle:
		return "Session has expired after a week without use"
	case u.Status != UserActive:
		return "User account is inactive"
	case u.TokenKey != key || u.TokenVersion != version:
		return "Session has been revoked"
	}
	return ""
}

// leadingColumns scans the first columns of a row into dest, and passes
// the rest to the scanner it is handed to (scanUser).
type leadingColumns struct {
	row  rowScanner
	dest []any
}

func (l leadingColumns) Scan(rest ...any) error { return l.row.Scan(append(l.dest, rest...)...) }

// DeleteSession ends the session rawToken names; an unknown token is no
// error, so signing out twice is harmless.
func (db *DB) DeleteSession(ctx context.Context, rawToken string) error {
	_, err := db.h.Write.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, sessionHash(rawToken))
	return err
}
