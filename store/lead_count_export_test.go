package store

import "context"

// LeadTotalRemembered reports whether the total of f is remembered for the
// database's current lead generation, so the tests can tell a recount from
// a hit.
func LeadTotalRemembered(db *DB, f LeadFilter) bool {
	where, args, err := f.where()
	if err != nil {
		return false
	}
	var gen int64
	if err := db.h.Read.QueryRowContext(context.Background(), `SELECT n FROM lead_generation`).Scan(&gen); err != nil {
		return false
	}
	_, ok := db.leadCounts.get(gen, leadCountKey(where, args))
	return ok
}
