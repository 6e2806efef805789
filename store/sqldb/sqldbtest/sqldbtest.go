// Package sqldbtest gives tests outside the store their own handle on a
// database file, for fixtures written in SQL and for assertions on rows no
// method returns. Production code has no raw handle on a database.
package sqldbtest

import (
	"testing"

	"github.com/autoleads/autoleads/store/sqldb"
)

// Open opens the database file at path through the engine's opener and
// closes it when the test ends. Its writes come from another connection, as
// another process's would: the commit listeners of the store holding the
// file open do not hear of them.
func Open(tb testing.TB, path string) *sqldb.Handles {
	tb.Helper()
	h, err := sqldb.Open(path, sqldb.DurabilityNormal, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	return h
}
