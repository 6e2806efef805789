package store

// LeadTotalRemembered reports whether the total of f is remembered for the
// database's current state, so the tests can tell a recount from a hit.
func LeadTotalRemembered(db *DB, f LeadFilter) bool {
	where, args, err := f.where()
	if err != nil {
		return false
	}
	s, ok := readWALStamp(db.h.Path)
	if !ok {
		return false
	}
	_, ok = db.leadCounts.get(s, leadCountKey(where, args))
	return ok
}
