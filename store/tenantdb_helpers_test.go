package store_test

import (
	"database/sql"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// Raw-SQL fixtures for schema-level tests: they write through the writer
// pool directly, so they test the schema rather than the store's methods.

// insertCar adds an available car with the given display code.
func insertCar(tb testing.TB, db *store.DB, code string) int64 {
	tb.Helper()
	return mustInsert(tb, db, `INSERT INTO cars (display_code, public_name, slug, brand, model, year, color,
		transmission, km, price, status, created_at, updated_at)
		VALUES (?, 'Toyota Avanza 2020 Hitam '||?, 'toyota-avanza-'||?, 'Toyota', 'Avanza', 2020, 'Hitam',
		'Manual', 1000, 150000000, 'available', 1, 1)`, code, code, code)
}

// insertLead adds a lead for phone in status.
func insertLead(tb testing.TB, db *store.DB, phone, status string) int64 {
	tb.Helper()
	id, err := tryInsertLead(db, phone, status)
	if err != nil {
		tb.Fatalf("insert lead %s/%s: %v", phone, status, err)
	}
	return id
}

// tryInsertLead adds a lead and returns the driver's error untouched.
func tryInsertLead(db *store.DB, phone, status string) (int64, error) {
	res, err := db.Handles().Write.Exec(`INSERT INTO leads (customer_phone, status, source, created_at, updated_at)
		VALUES (?, ?, 'wa', 1, 1)`, phone, status)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// insertMessage adds a message to a lead created at ms.
func insertMessage(tb testing.TB, db *store.DB, leadID int64, sender string, createdAt int64) int64 {
	tb.Helper()
	return mustInsert(tb, db, `INSERT INTO messages (lead_id, sender, message, created_at, updated_at)
		VALUES (?, ?, 'hello', ?, ?)`, leadID, sender, createdAt, createdAt)
}

// mustInsert runs an INSERT and returns the new row's id.
func mustInsert(tb testing.TB, db *store.DB, query string, args ...any) int64 {
	tb.Helper()
	res, err := db.Handles().Write.Exec(query, args...)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// queryInt runs a query returning one integer through the reader pool.
func queryInt(tb testing.TB, db *store.DB, query string, args ...any) int64 {
	tb.Helper()
	var n sql.NullInt64
	if err := db.Handles().Read.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// leadRow is a lead as stored, for assertions.
type leadRow struct {
	Phone         string
	Name          sql.NullString
	CarID         sql.NullInt64
	Status        string
	Source        string
	MessageCount  int64
	LastMessageAt sql.NullInt64
}

// readLead reads one lead's stored columns.
func readLead(tb testing.TB, db *store.DB, id int64) leadRow {
	tb.Helper()
	var l leadRow
	err := db.Handles().Read.QueryRow(`SELECT customer_phone, customer_name, car_id, status, source,
		message_count, last_message_at FROM leads WHERE id = ?`, id).Scan(&l.Phone, &l.Name, &l.CarID,
		&l.Status, &l.Source, &l.MessageCount, &l.LastMessageAt)
	if err != nil {
		tb.Fatalf("read lead %d: %v", id, err)
	}
	return l
}

// wantStoreCode fails unless err carries the store error code want.
func wantStoreCode(tb testing.TB, label string, err error, want string) {
	tb.Helper()
	if got := store.ErrorCode(err); got != want {
		tb.Fatalf("%s: code = %q (%v), want %q", label, got, err, want)
	}
}
