package store

import (
	"context"
)

// FindLeadReadBy returns a lead as FindLeadByID does, with its Unread mark
// for userID: the lead page records a visit only when the customer wrote
// since the last one, so that opening a page (and each live refresh of it)
// writes nothing, and tells no open page, when there is nothing new.
// Errors: ENOTFOUND.
func (db *DB) FindLeadReadBy(ctx context.Context, id, userID int64) (*Lead, error) {
	return oneLead(db.reader().QueryRowContext(ctx, leadSelectReadBy+` WHERE l.id = ?`, userID, id))
}
