package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The outbox is the messages table itself: an outgoing message is stored
// with delivery_status queued, and the sender (package whatsapp) claims the
// oldest one, sends it through Fonnte and records the result. Nothing is
// held in memory, so a restart loses nothing.
//
// Metadata keys the outbox writes on a message:
//   userId    the user who wrote it
//   fonnteIds the Fonnte id of every part sent so far, in order (a text over
//             4096 characters is sent in parts; external_id holds the first)
//   lastError why the last attempt failed and will be retried
//   reason    why delivery failed for good
// Staff read both with the lead's conversation, so they are plain words (a
// fixed phrase, or Fonnte's own reason), never an error's text: that names
// the gateway's address, and the sender only logs it.

// OutgoingMessage is a reply a user writes to a lead's customer.
type OutgoingMessage struct {
	LeadID  int64
	Message string
	UserID  int64
	// AssignedOnly restricts the user to leads assigned to them (the sales
	// role): another user's lead is ENOTFOUND, an unassigned one EFORBIDDEN.
	AssignedOnly bool
}

// QueueMessage stores out as a sales message with delivery_status queued,
// due at once. Errors: EINVALID (empty, too long, or with control
// characters), ENOTFOUND (no such lead, or not one the user may see),
// EFORBIDDEN (a lead not assigned to them).
func (db *DB) QueueMessage(ctx context.Context, out OutgoingMessage) (*Message, error) {
	text := strings.TrimSpace(out.Message)
	errs := map[string]string{}
	switch {
	case text == "":
		errs["message"] = "Message is required"
	case len(text) > maxMessageLen:
		errs["message"] = "Message must be at most 65536 bytes"
	}
	CheckText(errs, "message", "Message", text)
	if err := ValidationError(errs); err != nil {
		return nil, err
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var assignedOnly *int64
	if out.AssignedOnly {
		assignedOnly = &out.UserID
	}
	if err := checkMessageLead(ctx, tx, out.LeadID, assignedOnly); err != nil {
		return nil, err
	}
	now := db.now()
	m := &Message{LeadID: out.LeadID, Sender: SenderSales, Message: text,
		Metadata:       json.RawMessage(fmt.Sprintf(`{"userId":%d}`, out.UserID)),
		DeliveryStatus: DeliveryQueued, NextAttemptAt: &now, CreatedAt: now, UpdatedAt: now}
	r, err := tx.ExecContext(ctx, `INSERT INTO messages (lead_id, sender, message, metadata, delivery_status,
		attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
		m.LeadID, m.Sender, m.Message, string(m.Metadata), m.DeliveryStatus, millis(now), millis(now), millis(now))
	if err != nil {
		return nil, err
	}
	if m.ID, err = r.LastInsertId(); err != nil {
		return nil, err
	}
	return m, tx.Commit()
}

// checkMessageLead checks that the lead exists and, with assignedOnlyUser
// set (the sales role), is assigned to that user: another user's lead is
// ENOTFOUND, an unassigned one EFORBIDDEN.
func checkMessageLead(ctx context.Context, q querier, leadID int64, assignedOnlyUser *int64) error {
	var assigned sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT assigned_to_user_id FROM leads WHERE id = ?`, leadID).Scan(&assigned)
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(ENOTFOUND, "Lead not found")
	}
	if err != nil {
		return err
	}
	if assignedOnlyUser != nil {
		if !assigned.Valid {
			return Errorf(EFORBIDDEN, "You can only message customers of leads assigned to you")
		}
		if assigned.Int64 != *assignedOnlyUser {
			return Errorf(ENOTFOUND, "Lead not found")
		}
	}
	return nil
}

// Delivery is a queued outgoing message claimed by the sender.
type Delivery struct {
	MessageID int64
	LeadID    int64
	Target    string // the customer's number as Fonnte's send API takes it: digits, "62…"
	Message   string
	InboxID   string   // Fonnte inboxid of the customer message this one answers, or ""
	Attempt   int      // this attempt's number, from 1
	SentIDs   []string // Fonnte ids of the parts of a long message already sent
}

// ClaimDelivery claims the oldest queued message if it is due: it counts an
// attempt and hides the message from other claims for lease, after which a
// crashed sender's claim is retried. Messages leave strictly in order, so a
// message waiting for a retry holds back the ones queued after it.
// Errors: ENOTFOUND when no message is due.
func (db *DB) ClaimDelivery(ctx context.Context, lease time.Duration) (*Delivery, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := db.now()
	d := &Delivery{}
	var metadata sql.NullString
	var next sql.NullInt64
	var phone string
	err = tx.QueryRowContext(ctx, `SELECT m.id, m.lead_id, m.message, m.metadata, m.attempts, m.next_attempt_at,
		l.customer_phone FROM messages m JOIN leads l ON l.id = m.lead_id
		WHERE m.delivery_status = 'queued' ORDER BY m.id LIMIT 1`).
		Scan(&d.MessageID, &d.LeadID, &d.Message, &metadata, &d.Attempt, &next, &phone)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && next.Valid && next.Int64 > millis(now)) {
		return nil, Errorf(ENOTFOUND, "No outgoing message is due")
	}
	if err != nil {
		return nil, err
	}
	d.Attempt++
	d.Target = PhoneDigits(phone)
	var meta struct {
		FonnteIDs []string `json:"fonnteIds"`
	}
	if metadata.Valid {
		json.Unmarshal([]byte(metadata.String), &meta) // a malformed value only loses the progress
	}
	d.SentIDs = meta.FonnteIDs
	// The first reply after the customer's latest message quotes it (Fonnte
	// sends it as a reply to that inboxid); later ones in a row do not, so
	// a conversation does not turn into a chain of quotes.
	var inbox sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT external_id FROM messages WHERE lead_id = ?1 AND sender = 'customer'
		AND external_id IS NOT NULL AND id < ?2 AND id > (SELECT COALESCE(MAX(id), 0) FROM messages
			WHERE lead_id = ?1 AND sender <> 'customer' AND id < ?2)
		ORDER BY id DESC LIMIT 1`, d.LeadID, d.MessageID).Scan(&inbox)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	d.InboxID = inbox.String
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET attempts = ?, next_attempt_at = ?, updated_at = ?
		WHERE id = ?`, d.Attempt, millis(now.Add(lease)), millis(now), d.MessageID); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// NextDeliveryAt is when the oldest queued message is due (maybe already
// past). Errors: ENOTFOUND when nothing is queued.
func (db *DB) NextDeliveryAt(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	err := db.h.Read.QueryRowContext(ctx, `SELECT next_attempt_at FROM messages
		WHERE delivery_status = 'queued' ORDER BY id LIMIT 1`).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, Errorf(ENOTFOUND, "No outgoing message is queued")
	}
	if err != nil {
		return time.Time{}, err
	}
	if !next.Valid {
		return db.now(), nil
	}
	return fromMillis(next.Int64), nil
}

// MarkDeliveryPartSent records the Fonnte id of one part of a long message
// that has more parts to send: the message stays queued, due at once, with
// its attempts reset for the next part.
func (db *DB) MarkDeliveryPartSent(ctx context.Context, id int64, fonnteID string) error {
	return db.updateDelivery(ctx, id, deliveryChange{status: DeliveryQueued, sent: true, fonnteID: fonnteID})
}

// MarkDeliverySent records the Fonnte id of the last (or only) part and
// marks the message sent; the first part's id becomes its external id.
func (db *DB) MarkDeliverySent(ctx context.Context, id int64, fonnteID string) error {
	return db.updateDelivery(ctx, id, deliveryChange{status: DeliverySent, sent: true, fonnteID: fonnteID})
}

// MarkDeliveryRetry schedules another attempt after delay, keeping why this
// one failed in words staff may read.
func (db *DB) MarkDeliveryRetry(ctx context.Context, id int64, delay time.Duration, reason string) error {
	return db.updateDelivery(ctx, id, deliveryChange{status: DeliveryQueued, delay: delay, lastError: reason})
}

// MarkDeliveryFailed gives up on a message, keeping the reason in words
// staff may read.
func (db *DB) MarkDeliveryFailed(ctx context.Context, id int64, reason string) error {
	return db.updateDelivery(ctx, id, deliveryChange{status: DeliveryFailed, reason: reason})
}

// deliveryChange is the outcome of one delivery attempt.
type deliveryChange struct {
	status    string        // queued (try again), sent or failed
	delay     time.Duration // when queued: the next attempt is due after delay
	sent      bool          // a part went out: fonnteID is appended, attempts reset
	fonnteID  string
	lastError string // why a retried attempt failed
	reason    string // why delivery failed for good
}

// updateDelivery records ch on a still-queued message. A message no longer
// queued (a status webhook marked it failed meanwhile) is left alone.
func (db *DB) updateDelivery(ctx context.Context, id int64, ch deliveryChange) error {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var metadata sql.NullString
	var attempts int
	err = tx.QueryRowContext(ctx, `SELECT metadata, attempts FROM messages WHERE id = ? AND delivery_status = 'queued'`,
		id).Scan(&metadata, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	m := map[string]json.RawMessage{}
	if metadata.Valid {
		json.Unmarshal([]byte(metadata.String), &m) // a malformed value is replaced
	}
	delete(m, "lastError")
	if ch.sent {
		var ids []string
		json.Unmarshal(m["fonnteIds"], &ids)
		m["fonnteIds"] = jsonValue(append(ids, ch.fonnteID))
		attempts = 0
	}
	if ch.lastError != "" {
		m["lastError"] = jsonValue(ch.lastError)
	}
	if ch.reason != "" {
		m["reason"] = jsonValue(ch.reason)
	}
	now := db.now()
	var next any
	if ch.status == DeliveryQueued {
		next = millis(now.Add(ch.delay))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET delivery_status = ?, metadata = ?, attempts = ?,
		next_attempt_at = ?, external_id = COALESCE(external_id, ?), updated_at = ? WHERE id = ?`,
		ch.status, string(jsonValue(m)), attempts, next, nullString(ch.fonnteID), millis(now), id); err != nil {
		return err
	}
	return tx.Commit()
}

// jsonValue encodes a value that always encodes.
func jsonValue(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// deliveryRank orders the positive delivery states: a status webhook never
// moves a message backwards (a late "sent" after "read").
var deliveryRank = map[string]int{DeliverySent: 1, DeliveryDelivered: 2, DeliveryRead: 3}

// UpdateDeliveryByExternalID applies a delivery state Fonnte reported for the
// outgoing message it knows as externalID: sent, delivered and read only move
// forward from sent; failed applies to a queued or sent message. The event
// that reported it, ev, is stored in the same transaction and returned as
// stored, with its outcome (processed, or ignored when no message matches or
// the state changes nothing), detail and ids. Errors: EINVALID for an
// unknown status.
func (db *DB) UpdateDeliveryByExternalID(ctx context.Context, externalID, status string, ev WebhookEvent) (WebhookEvent, error) {
	if _, ok := deliveryRank[status]; !ok && status != DeliveryFailed {
		return WebhookEvent{}, Errorf(EINVALID, "Unknown delivery status %q", status)
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return WebhookEvent{}, err
	}
	defer tx.Rollback()
	outcome, detail, ids, err := db.applyDeliveryStatus(ctx, tx, externalID, status)
	if err != nil {
		return WebhookEvent{}, err
	}
	ev.Outcome, ev.Detail = outcome, detail
	if ids != nil {
		ev.MessageID, ev.LeadID = &ids[0], &ids[1]
	}
	if err := db.insertWebhookEvent(ctx, tx, &ev); err != nil {
		return WebhookEvent{}, err
	}
	if err := tx.Commit(); err != nil {
		return WebhookEvent{}, err
	}
	return ev, nil
}

// applyDeliveryStatus returns the outcome, a detail and the message and lead
// ids (nil when no message matched).
func (db *DB) applyDeliveryStatus(ctx context.Context, tx *sql.Tx, externalID, status string) (string, string, []int64, error) {
	var id, leadID int64
	var current string
	err := tx.QueryRowContext(ctx, `SELECT id, lead_id, delivery_status FROM messages
		WHERE sender <> 'customer' AND external_id = ? ORDER BY id DESC LIMIT 1`, externalID).Scan(&id, &leadID, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return WebhookIgnored, fmt.Sprintf("No outgoing message has Fonnte id %q", externalID), nil, nil
	}
	if err != nil {
		return "", "", nil, err
	}
	ids := []int64{id, leadID}
	var apply bool
	if status == DeliveryFailed {
		apply = current == DeliveryQueued || current == DeliverySent
	} else {
		// A queued message with an id is a long one still being sent in
		// parts; the sender marks it sent when its last part has gone.
		cur, ok := deliveryRank[current]
		apply = ok && deliveryRank[status] > cur
	}
	if !apply {
		return WebhookIgnored, fmt.Sprintf("Message %d stays %s (reported %s)", id, current, status), ids, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET delivery_status = ?, next_attempt_at = NULL, updated_at = ?
		WHERE id = ?`, status, millis(db.now()), id); err != nil {
		return "", "", nil, err
	}
	return WebhookProcessed, fmt.Sprintf("Message %d is %s", id, status), ids, nil
}
