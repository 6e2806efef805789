package store

import "database/sql"

// reader runs reads with cached statements on the reader pool.
func (db *DB) reader() querier { return db.h.ReadStmts.Pool() }

// inWrite runs a write transaction's statements with the writer's cached
// statements.
func (db *DB) inWrite(tx *sql.Tx) querier { return db.h.WriteStmts.Tx(tx) }
