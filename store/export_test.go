package store

import "github.com/autoleads/autoleads/store/sqldb"

// Handles exposes the database's pools to the store's own tests, for
// fixtures and assertions written in SQL.
func (db *DB) Handles() *sqldb.Handles { return db.h }
