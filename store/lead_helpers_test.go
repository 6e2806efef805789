package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// leadTestCar inserts a car straight into the table (the cars API is not
// what these tests are about) and returns its id.
func leadTestCar(tb testing.TB, db *store.DB, code, status string) int64 {
	tb.Helper()
	slug := fmt.Sprintf("toyota-avanza-2020-hitam-%s", code)
	res, err := db.Handles().Write.Exec(`INSERT INTO cars (display_code, public_name, slug, brand, model, year,
		color, transmission, km, price, status, created_at, updated_at)
		VALUES (?, ?, ?, 'Toyota', 'Avanza', 2020, 'Hitam', 'Manual', 1000, 150000000, ?, 0, 0)`,
		"#"+code, "Toyota Avanza 2020 Hitam #"+code, slug, status)
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// leadTestUser creates a user of role with a fixed password.
func leadTestUser(tb testing.TB, db *store.DB, email, role string) *store.User {
	tb.Helper()
	u := &store.User{Name: email, Email: email, Role: role}
	if err := db.CreateUser(context.Background(), u, "password123"); err != nil {
		tb.Fatal(err)
	}
	return u
}

// leadTestClock makes db's clock start at start and advance one minute on
// every reading, so rows created one after another have distinct times.
func leadTestClock(db *store.DB, start time.Time) {
	t := start
	db.Now = func() time.Time {
		t = t.Add(time.Minute)
		return t
	}
}

// mustCreateLead creates a lead or fails the test.
func mustCreateLead(tb testing.TB, db *store.DB, l *store.Lead) *store.Lead {
	tb.Helper()
	if err := db.CreateLead(context.Background(), l); err != nil {
		tb.Fatalf("CreateLead(%s): %v", l.CustomerPhone, err)
	}
	return l
}

// wantLeadErrCode fails unless err carries code.
func wantLeadErrCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := store.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func leadPtr[T any](v T) *T { return &v }
