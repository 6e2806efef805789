package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// RetryMessage queues a failed outgoing message of a lead again, due at
// once with its attempts reset, so the sender (package whatsapp) claims it
// as it claims a new one. It is sent again whole, under a new Fonnte id:
// a failure Fonnte reports by webhook may be of any part of a long message,
// and the sender skips the parts whose ids it holds. Why it failed is
// dropped with the failure.
// With assignedOnlyUser set, the lead must be assigned to that user, as for
// QueueMessage. Errors: ENOTFOUND (no such lead or message of it, or a
// lead the user may not see), EFORBIDDEN (an unassigned lead), EINVALID (a
// message that is not a failed outgoing one).
func (db *DB) RetryMessage(ctx context.Context, leadID, messageID int64, assignedOnlyUser *int64) (*Message, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := checkMessageLead(ctx, tx, leadID, assignedOnlyUser); err != nil {
		return nil, err
	}
	m, err := scanMessage(tx.QueryRowContext(ctx, `SELECT `+messageColumns+` FROM messages
		WHERE id = ? AND lead_id = ?`, messageID, leadID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "Message not found")
	}
	if err != nil {
		return nil, err
	}
	if m.Sender == SenderCustomer || m.DeliveryStatus != DeliveryFailed {
		return nil, Errorf(EINVALID, "Only a failed outgoing message can be sent again")
	}
	meta := map[string]json.RawMessage{}
	json.Unmarshal(m.Metadata, &meta) // a malformed value is replaced
	delete(meta, "reason")
	delete(meta, "fonnteIds")
	m.Metadata = jsonValue(meta)
	now := db.now()
	m.DeliveryStatus, m.Attempts, m.NextAttemptAt, m.UpdatedAt = DeliveryQueued, 0, &now, now
	m.ExternalID = ""
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET delivery_status = ?, attempts = 0, next_attempt_at = ?,
		external_id = NULL, metadata = ?, updated_at = ? WHERE id = ?`,
		m.DeliveryStatus, millis(now), string(m.Metadata), millis(now), m.ID); err != nil {
		return nil, err
	}
	return m, tx.Commit()
}
