package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Roles of a showroom's users.
const (
	RoleOwner = "owner"
	RoleAdmin = "admin"
	RoleSales = "sales"
)

// User statuses.
const (
	UserActive   = "active"
	UserInactive = "inactive"
)

// User is a person who signs in to a showroom's back office.
type User struct {
	ID             int64
	Name           string
	Email          string
	Phone          string
	WhatsAppNumber string
	PasswordHash   string
	Role           string
	Status         string
	TokenVersion   int64
	TokenKey       string // random, never reused: a token names its user by id and key
	LastLoginAt    *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// UserUpdate is a partial update of a user; nil fields are left alone.
type UserUpdate struct {
	Name           *string
	Phone          *string
	WhatsAppNumber *string
	Role           *string
	Status         *string
	Password       *string
	// RevokeTokens bumps the token version even when nothing else changes:
	// "sign out everywhere" ends every session and API token of the user.
	RevokeTokens bool

	// Check, when set, is called inside the update's transaction with the
	// user as they are before the change; an error aborts the update and is
	// returned as is. Permission rules that depend on the target's role (an
	// admin manages sales users only) use it, so a concurrent promotion
	// cannot slip in between the check and the write.
	Check UserCheck
}

// UserCheck vets a change to a user, seen as they are inside the change's
// transaction.
type UserCheck func(current *User) error

// maxUserPhoneLen bounds a user's phone, which is free text ("031-1234567
// ext. 12").
const maxUserPhoneLen = 50

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool { return r == RoleOwner || r == RoleAdmin || r == RoleSales }

// NormalizeEmail lower-cases and trims an address; emails compare
// case-insensitively.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validateUser(u *User) map[string]string {
	errs := map[string]string{}
	u.Name = strings.TrimSpace(u.Name)
	u.Email = NormalizeEmail(u.Email)
	u.Phone = strings.TrimSpace(u.Phone)
	u.WhatsAppNumber = strings.TrimSpace(u.WhatsAppNumber)
	if u.Name == "" {
		errs["name"] = "Name is required"
	} else if utf8.RuneCountInString(u.Name) > 100 {
		errs["name"] = "Name must be at most 100 characters"
	}
	if u.Email == "" {
		errs["email"] = "Email is required"
	} else if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > 254 {
		errs["email"] = "Email is not a valid address"
	}
	if !ValidRole(u.Role) {
		errs["role"] = "Role must be owner, admin or sales"
	}
	if u.Status != UserActive && u.Status != UserInactive {
		errs["status"] = "Status must be active or inactive"
	}
	if utf8.RuneCountInString(u.Phone) > maxUserPhoneLen {
		errs["phone"] = fmt.Sprintf("Phone must be at most %d characters", maxUserPhoneLen)
	}
	CheckLine(errs, "name", "Name", u.Name)
	CheckLine(errs, "email", "Email", u.Email)
	CheckLine(errs, "phone", "Phone", u.Phone)
	if u.WhatsAppNumber != "" {
		n, err := NormalizeWhatsAppNumber(u.WhatsAppNumber)
		if err != nil {
			errs["whatsappNumber"] = "Invalid phone number format"
		}
		u.WhatsAppNumber = n
	}
	return errs
}

// CreateUser validates u, hashes password and inserts the user, filling in
// ID and timestamps. Errors: EINVALID, ECONFLICT (email taken).
func (db *DB) CreateUser(ctx context.Context, u *User, password string) error {
	if u.Status == "" {
		u.Status = UserActive // the default only on creation: an update to "" is refused
	}
	errs := validateUser(u)
	if msg := ValidatePassword(password); msg != "" {
		errs["password"] = msg
	}
	if err := ValidationError(errs); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	now := db.now()
	u.PasswordHash, u.TokenVersion, u.CreatedAt, u.UpdatedAt = hash, 1, now, now
	// The schema gives the new user its id and token key.
	err = db.h.Write.QueryRowContext(ctx, `INSERT INTO users
		(name, email, phone, whatsapp_number, password_hash, role, status, token_version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, token_key`,
		u.Name, u.Email, nullString(u.Phone), nullString(u.WhatsAppNumber), u.PasswordHash,
		u.Role, u.Status, u.TokenVersion, millis(now), millis(now)).Scan(&u.ID, &u.TokenKey)
	if err != nil {
		return conflict(err, "Email is already registered", map[string]any{"email": "Email is already registered"})
	}
	return nil
}

const userColumns = `id, name, email, phone, whatsapp_number, password_hash, role, status,
	token_version, token_key, last_login_at, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanUser(row rowScanner) (*User, error) {
	var u User
	var phone, wa sql.NullString
	var lastLogin sql.NullInt64
	var created, updated int64
	if err := row.Scan(&u.ID, &u.Name, &u.Email, &phone, &wa, &u.PasswordHash, &u.Role, &u.Status,
		&u.TokenVersion, &u.TokenKey, &lastLogin, &created, &updated); err != nil {
		return nil, err
	}
	u.Phone, u.WhatsAppNumber = stringValue(phone), stringValue(wa)
	u.LastLoginAt = timePtr(lastLogin)
	u.CreatedAt, u.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &u, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// exists reports whether table (one of the schema's, never input) has a
// row with this id.
func exists(ctx context.Context, q querier, table string, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

func findUser(ctx context.Context, q querier, where string, arg any) (*User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "User not found")
	}
	return u, err
}

// FindUserByID returns a user. Errors: ENOTFOUND.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*User, error) {
	// Every authenticated request reloads its user: a prepared statement.
	return findUser(ctx, db.reader(), "id = ?", id)
}

// FindUserByEmail returns a user by email, compared case-insensitively.
// Errors: ENOTFOUND.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*User, error) {
	return findUser(ctx, db.h.Read, "email = ?", NormalizeEmail(email))
}

// FindUsers returns every user, owners first, then by name.
func (db *DB) FindUsers(ctx context.Context) ([]*User, error) {
	rows, err := db.reader().QueryContext(ctx, `SELECT `+userColumns+` FROM users
		ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	users := []*User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// UpdateUser applies upd to a user. A new password bumps token_version, which
// revokes every token issued before. So does deactivation. The last active
// owner cannot be demoted or deactivated. Errors: ENOTFOUND, EINVALID.
func (db *DB) UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error) {
	// The hash is computed before the write transaction, so bcrypt never
	// holds the writer; a bad password is reported with the other errors.
	var newHash, passwordErr string
	if upd.Password != nil {
		if passwordErr = ValidatePassword(*upd.Password); passwordErr == "" {
			h, err := HashPassword(*upd.Password)
			if err != nil {
				return nil, err
			}
			newHash = h
		}
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, err := findUser(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if upd.Check != nil {
		if err := upd.Check(u); err != nil {
			return nil, err
		}
	}
	wasActiveOwner := u.Role == RoleOwner && u.Status == UserActive
	revoke := upd.RevokeTokens
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.Phone != nil {
		u.Phone = *upd.Phone
	}
	if upd.WhatsAppNumber != nil {
		u.WhatsAppNumber = *upd.WhatsAppNumber
	}
	if upd.Role != nil && *upd.Role != u.Role {
		u.Role = *upd.Role
		revoke = true
	}
	if upd.Status != nil && *upd.Status != u.Status {
		u.Status = *upd.Status
		revoke = true
	}
	if newHash != "" {
		u.PasswordHash = newHash
		revoke = true
	}
	errs := validateUser(u)
	if passwordErr != "" {
		errs["password"] = passwordErr
	}
	if err := ValidationError(errs); err != nil {
		return nil, err
	}
	if wasActiveOwner && (u.Role != RoleOwner || u.Status != UserActive) {
		if err := ensureAnotherActiveOwner(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	if revoke {
		u.TokenVersion++
	}
	u.UpdatedAt = db.now()
	if _, err := tx.ExecContext(ctx, `UPDATE users SET name = ?, phone = ?, whatsapp_number = ?,
		password_hash = ?, role = ?, status = ?, token_version = ?, updated_at = ? WHERE id = ?`,
		u.Name, nullString(u.Phone), nullString(u.WhatsAppNumber), u.PasswordHash, u.Role, u.Status,
		u.TokenVersion, millis(u.UpdatedAt), id); err != nil {
		return nil, err
	}
	return u, tx.Commit()
}

// DeleteUser removes a user; their leads become unassigned. The last active
// owner cannot be deleted. check, when not nil, vets the user inside the
// transaction, as UserUpdate.Check does. Errors: ENOTFOUND, EINVALID, or
// what check returns.
func (db *DB) DeleteUser(ctx context.Context, id int64, check UserCheck) error {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, err := findUser(ctx, tx, "id = ?", id)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(u); err != nil {
			return err
		}
	}
	if u.Role == RoleOwner && u.Status == UserActive {
		if err := ensureAnotherActiveOwner(ctx, tx, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id); err != nil {
		return err
	}
	return tx.Commit()
}

func ensureAnotherActiveOwner(ctx context.Context, q querier, id int64) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users
		WHERE role = 'owner' AND status = 'active' AND id <> ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &Error{Code: EINVALID, Message: "The last active owner cannot be demoted, deactivated or deleted",
			Details: map[string]any{"role": "At least one active owner is required"}}
	}
	return nil
}

// RecordLogin stores the time of a successful login.
func (db *DB) RecordLogin(ctx context.Context, id int64) error {
	_, err := db.h.Write.ExecContext(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, millis(db.now()), id)
	return err
}
