package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Kinds of webhook events, told apart by the shape of Fonnte's body.
const (
	WebhookKindMessage       = "message"        // a customer's message
	WebhookKindDevice        = "device"         // the device connected or disconnected
	WebhookKindMessageStatus = "message_status" // delivery state of an outgoing message
	WebhookKindUnknown       = "unknown"        // a body of no known shape
)

// Outcomes of webhook events.
const (
	WebhookProcessed = "processed" // stored or applied
	WebhookDuplicate = "duplicate" // a retry of an inboxid already stored
	WebhookIgnored   = "ignored"   // understood, deliberately not acted on (groups, broadcasts, unknown ids)
	WebhookInvalid   = "invalid"   // malformed or breaking a rule: answered 400/422
	WebhookRejected  = "rejected"  // right token, wrong device: answered 403
)

// WebhookEvent is one webhook call whose token was right, as received: the
// audit trail, and the way to replay an event after a bug.
type WebhookEvent struct {
	ID          int64
	Kind        string
	ContentType string
	Body        string
	Outcome     string
	Detail      string
	LeadID      *int64
	MessageID   *int64
	ReceivedAt  time.Time
}

// RecordWebhookEvent stores ev on its own, for events whose outcome the
// caller knows and which touch nothing else (ignored, invalid, rejected,
// device status). It returns ev as stored: with its id and, when ev had
// none, its time of arrival.
func (db *DB) RecordWebhookEvent(ctx context.Context, ev WebhookEvent) (WebhookEvent, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return WebhookEvent{}, err
	}
	defer tx.Rollback()
	if err := db.insertWebhookEvent(ctx, tx, &ev); err != nil {
		return WebhookEvent{}, err
	}
	if err := tx.Commit(); err != nil {
		return WebhookEvent{}, err
	}
	return ev, nil
}

// InboundOutcome is what RecordInboundWebhook did: the message's result, and
// the event as stored with it (its id, outcome processed or duplicate, and
// the lead and message ids).
type InboundOutcome struct {
	InboundResult
	Event WebhookEvent
}

// RecordInboundWebhook stores a customer's WhatsApp message exactly like
// RecordInboundMessage and, in the same transaction, the webhook event that
// carried it, so the audit trail never disagrees with the conversation.
// Calls that arrive together are committed together (group commit); each
// returns once its message is committed. Errors: EINVALID, as
// RecordInboundMessage; ev is then not stored.
func (db *DB) RecordInboundWebhook(ctx context.Context, ev WebhookEvent, in InboundMessage) (InboundOutcome, error) {
	res, err := db.queueInbound(ctx, &ev, in)
	if err != nil {
		return InboundOutcome{}, err
	}
	return InboundOutcome{InboundResult: *res, Event: ev}, nil
}

// LatestDeviceEvent returns the most recent processed device event: the
// WhatsApp connection state Fonnte last reported. Errors: ENOTFOUND.
func (db *DB) LatestDeviceEvent(ctx context.Context) (*WebhookEvent, error) {
	// The kind is written out: webhook_events_device holds only these rows,
	// which SQLite can tell from a literal, not from a parameter.
	row := db.reader().QueryRowContext(ctx, `SELECT `+webhookEventColumns+` FROM webhook_events
		WHERE kind = 'device' AND outcome = ? ORDER BY id DESC LIMIT 1`, WebhookProcessed)
	ev, err := scanWebhookEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "No device event received yet")
	}
	return ev, err
}

const webhookEventColumns = `id, kind, content_type, body, outcome, detail, lead_id, message_id, received_at`

func scanWebhookEvent(row interface{ Scan(...any) error }) (*WebhookEvent, error) {
	ev := &WebhookEvent{}
	var detail sql.NullString
	var leadID, messageID sql.NullInt64
	var received int64
	if err := row.Scan(&ev.ID, &ev.Kind, &ev.ContentType, &ev.Body, &ev.Outcome, &detail,
		&leadID, &messageID, &received); err != nil {
		return nil, err
	}
	ev.Detail = detail.String
	ev.LeadID, ev.MessageID = int64Ptr(leadID), int64Ptr(messageID)
	ev.ReceivedAt = fromMillis(received)
	return ev, nil
}

func (db *DB) insertWebhookEvent(ctx context.Context, tx querier, ev *WebhookEvent) error {
	if ev.ReceivedAt.IsZero() {
		ev.ReceivedAt = db.now()
	}
	if ev.Kind == "" {
		ev.Kind = WebhookKindUnknown
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO webhook_events (kind, content_type, body, outcome, detail,
		lead_id, message_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.Kind, ev.ContentType, ev.Body, ev.Outcome, nullString(ev.Detail),
		nullInt64(ev.LeadID), nullInt64(ev.MessageID), millis(ev.ReceivedAt))
	if err != nil {
		return err
	}
	ev.ID, err = r.LastInsertId()
	return err
}
