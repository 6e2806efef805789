package store

import "context"

// MarkLeadRead records that the user opened the lead now: its customer's
// messages until now are read for them (Lead.Unread). Errors: ENOTFOUND
// when the lead does not exist.
func (db *DB) MarkLeadRead(ctx context.Context, userID, leadID int64) error {
	res, err := db.h.Write.ExecContext(ctx, `INSERT INTO lead_reads (user_id, lead_id, read_at)
		SELECT ?, id, ? FROM leads WHERE id = ?
		ON CONFLICT (user_id, lead_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`,
		userID, millis(db.now()), leadID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return Errorf(ENOTFOUND, "Lead not found")
	}
	return nil
}
