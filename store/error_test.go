package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"modernc.org/sqlite"

	"github.com/autoleads/autoleads/store"
)

// sqliteCode returns the extended result code of a driver error.
func sqliteCode(tb testing.TB, err error) int {
	tb.Helper()
	var se *sqlite.Error
	if !errors.As(err, &se) {
		tb.Fatalf("%v is not a SQLite error", err)
	}
	return se.Code()
}

// TestErrorCode_Constraints provokes real constraint violations against a
// tenant database and checks they map by extended result code.
func TestErrorCode_Constraints(t *testing.T) {
	db := MustOpenDB(t)
	w := db.Handles().Write
	insertUser := func(id int64, email string) error {
		_, err := w.Exec(`INSERT INTO users (id, name, email, password_hash, role, created_at, updated_at)
			VALUES (?, 'U', ?, 'x', 'owner', 1, 1)`, id, email)
		return err
	}
	if err := insertUser(1, "a@example.com"); err != nil {
		t.Fatal(err)
	}
	leadID := insertLead(t, db, "+6281234567890", "new")

	tests := []struct {
		name     string
		err      error
		sqlite   int
		code     string
		unique   bool
		fragment string // of ErrorMessage
	}{
		{"unique", insertUser(2, "a@example.com"), 2067, store.ECONFLICT, true, "Resource already exists"},
		{"primary key", insertUser(1, "b@example.com"), 1555, store.ECONFLICT, true, "Resource already exists"},
		{"foreign key", func() error {
			_, err := w.Exec(`INSERT INTO messages (lead_id, sender, message, created_at, updated_at)
				VALUES (?, 'customer', 'hi', 1, 1)`, leadID+100)
			return err
		}(), 787, store.EINVALID, false, "Referenced resource does not exist"},
		{"check", func() error {
			_, err := w.Exec(`UPDATE leads SET status = 'bogus' WHERE id = ?`, leadID)
			return err
		}(), 275, store.EINTERNAL, false, "Internal server error"},
		{"not null", func() error {
			_, err := w.Exec(`INSERT INTO leads (customer_phone, created_at, updated_at) VALUES (NULL, 1, 1)`)
			return err
		}(), 1299, store.EINTERNAL, false, "Internal server error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			if got := sqliteCode(t, tt.err); got != tt.sqlite {
				t.Fatalf("extended result code = %d, want %d", got, tt.sqlite)
			}
			for _, err := range []error{tt.err, fmt.Errorf("insert: %w", tt.err), fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", tt.err))} {
				if got := store.ErrorCode(err); got != tt.code {
					t.Errorf("ErrorCode(%v) = %q, want %q", err, got, tt.code)
				}
				if got := store.IsUniqueViolation(err); got != tt.unique {
					t.Errorf("IsUniqueViolation = %v, want %v", got, tt.unique)
				}
				msg := store.ErrorMessage(err)
				if msg != tt.fragment {
					t.Errorf("ErrorMessage = %q, want %q", msg, tt.fragment)
				}
				if strings.Contains(strings.ToLower(msg), "constraint") || strings.Contains(msg, "users") {
					t.Errorf("ErrorMessage leaks driver text: %q", msg)
				}
			}
		})
	}
}

func TestErrorCode(t *testing.T) {
	db := MustOpenDB(t)
	var id int64
	noRows := db.Handles().Read.QueryRow(`SELECT id FROM leads WHERE id = 42`).Scan(&id)
	tests := []struct {
		name    string
		err     error
		code    string
		message string
	}{
		{"nil", nil, "", ""},
		{"no rows", noRows, store.ENOTFOUND, "Not found"},
		{"wrapped no rows", fmt.Errorf("find lead: %w", sql.ErrNoRows), store.ENOTFOUND, "Not found"},
		{"app error", store.Errorf(store.ENOTFOUND, "Car %s not found", "#A01"), store.ENOTFOUND, "Car #A01 not found"},
		{"wrapped app error", fmt.Errorf("ctx: %w", store.Errorf(store.ECONFLICT, "Email taken")), store.ECONFLICT, "Email taken"},
		{"app error wins over no rows", fmt.Errorf("%w: %w", store.Errorf(store.EFORBIDDEN, "No"), sql.ErrNoRows), store.EFORBIDDEN, "No"},
		{"plain error", errors.New("open /srv/data/tenant.db: disk I/O error"), store.EINTERNAL, "Internal server error"},
		{"internal app error", store.Errorf(store.EINTERNAL, "path /srv/data/secret leaked"), store.EINTERNAL, "Internal server error"},
		{"wrapped internal", fmt.Errorf("x: %w", errors.New("password_hash column")), store.EINTERNAL, "Internal server error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := store.ErrorCode(tt.err); got != tt.code {
				t.Fatalf("ErrorCode = %q, want %q", got, tt.code)
			}
			if tt.err == nil {
				return
			}
			if got := store.ErrorMessage(tt.err); got != tt.message {
				t.Fatalf("ErrorMessage = %q, want %q", got, tt.message)
			}
		})
	}
}

func TestValidationError(t *testing.T) {
	if err := store.ValidationError(nil); err != nil {
		t.Fatalf("no details gave %v", err)
	}
	if err := store.ValidationError(map[string]string{}); err != nil {
		t.Fatalf("empty details gave %v", err)
	}
	err := store.ValidationError(map[string]string{"year": "Year is too old", "price": "Price is required"})
	if store.ErrorCode(err) != store.EINVALID || store.ErrorMessage(err) != "Validation failed" {
		t.Fatalf("ValidationError = %v", err)
	}
	d := store.ErrorDetails(fmt.Errorf("wrapped: %w", err))
	if len(d) != 2 || d["year"] != "Year is too old" || d["price"] != "Price is required" {
		t.Fatalf("details = %v", d)
	}
	if store.ErrorDetails(errors.New("x")) != nil || store.ErrorDetails(store.Errorf(store.ENOTFOUND, "x")) != nil {
		t.Fatal("details where there are none")
	}
}

func TestError_Error(t *testing.T) {
	err := store.Errorf(store.ECONFLICT, "Display code %s is taken", "#A01")
	if s := err.Error(); !strings.Contains(s, store.ECONFLICT) || !strings.Contains(s, "Display code #A01 is taken") {
		t.Fatalf("Error() = %q", s)
	}
}
