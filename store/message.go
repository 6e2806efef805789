package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
)

// Message senders.
const (
	SenderCustomer = "customer"
	SenderBot      = "bot"
	SenderSales    = "sales"
	SenderSystem   = "system"
)

// Delivery statuses of outgoing messages.
const (
	DeliveryQueued    = "queued"
	DeliverySent      = "sent"
	DeliveryDelivered = "delivered"
	DeliveryRead      = "read"
	DeliveryFailed    = "failed"
)

// Message is one turn of a lead's conversation. Outgoing ones double as the
// outbox: DeliveryStatus, Attempts and NextAttemptAt drive the sender.
type Message struct {
	ID             int64
	LeadID         int64
	Sender         string
	Message        string
	Metadata       json.RawMessage // a JSON object, or nil
	ExternalID     string          // Fonnte inboxid (incoming) or message id (outgoing)
	DeliveryStatus string          // "" for incoming
	Attempts       int
	NextAttemptAt  *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ValidSender reports whether s is a known message sender.
func ValidSender(s string) bool {
	return s == SenderCustomer || s == SenderBot || s == SenderSales || s == SenderSystem
}

// validDeliveryStatus reports whether s is a known delivery status.
func validDeliveryStatus(s string) bool {
	switch s {
	case DeliveryQueued, DeliverySent, DeliveryDelivered, DeliveryRead, DeliveryFailed:
		return true
	}
	return false
}

// validateMessage returns every rule m breaks, keyed by field name.
func validateMessage(m *Message) map[string]string {
	errs := map[string]string{}
	if !ValidSender(m.Sender) {
		errs["sender"] = "Sender must be customer, bot, sales or system"
	}
	if strings.TrimSpace(m.Message) == "" {
		errs["message"] = "Message is required"
	} else if len(m.Message) > maxMessageLen {
		errs["message"] = "Message must be at most 65536 bytes"
	}
	if len(m.Metadata) > 0 {
		trimmed := bytes.TrimSpace(m.Metadata)
		if !json.Valid(trimmed) || len(trimmed) == 0 || trimmed[0] != '{' {
			errs["metadata"] = "Metadata must be a JSON object"
		}
	}
	if m.DeliveryStatus != "" && !validDeliveryStatus(m.DeliveryStatus) {
		errs["deliveryStatus"] = "Delivery status must be queued, sent, delivered, read or failed"
	}
	return errs
}

// CreateMessage inserts one turn of a lead's conversation from any sender,
// as it is, and fills in ID and the timestamps. A non-zero CreatedAt is kept
// (the demo seed writes a conversation's history); otherwise it is now.
// UpdatedAt equals CreatedAt, and the lead's updated_at moves forward to it
// when it is later. Nothing is sent: queuing for WhatsApp is the outbox's
// job. Errors: EINVALID (details per field), ENOTFOUND (no such lead).
func (db *DB) CreateMessage(ctx context.Context, m *Message) error {
	if err := ValidationError(validateMessage(m)); err != nil {
		return err
	}
	created := db.now()
	if !m.CreatedAt.IsZero() {
		created = m.CreatedAt.UTC().Truncate(time.Millisecond)
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The insert's trigger moves the lead's updated_at.
	if ok, err := exists(ctx, tx, "leads", m.LeadID); err != nil {
		return err
	} else if !ok {
		return Errorf(ENOTFOUND, "Lead not found")
	}
	var metadata any
	if len(m.Metadata) > 0 {
		metadata = string(bytes.TrimSpace(m.Metadata))
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO messages (lead_id, sender, message, metadata, external_id,
		delivery_status, attempts, next_attempt_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.LeadID, m.Sender, m.Message, metadata, nullString(m.ExternalID), nullString(m.DeliveryStatus),
		m.Attempts, nullMillis(m.NextAttemptAt), millis(created), millis(created))
	if err != nil {
		return conflict(err, "Message was already recorded", map[string]any{"externalId": "Already recorded"})
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	m.ID, m.CreatedAt, m.UpdatedAt = id, created, created
	return nil
}

// messageColumns are the columns scanMessage reads, in order.
const messageColumns = `id, lead_id, sender, message, metadata, external_id, delivery_status,
	attempts, next_attempt_at, created_at, updated_at`

func scanMessage(row rowScanner) (*Message, error) {
	var m Message
	var metadata, externalID, delivery sql.NullString
	var next sql.NullInt64
	var created, updated int64
	if err := row.Scan(&m.ID, &m.LeadID, &m.Sender, &m.Message, &metadata, &externalID, &delivery,
		&m.Attempts, &next, &created, &updated); err != nil {
		return nil, err
	}
	if metadata.Valid && metadata.String != "" {
		m.Metadata = json.RawMessage(metadata.String)
	}
	m.ExternalID, m.DeliveryStatus = stringValue(externalID), stringValue(delivery)
	m.NextAttemptAt = timePtr(next)
	m.CreatedAt, m.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &m, nil
}

// FindMessages returns a lead's conversation, oldest first (an empty slice
// for a lead without messages or one that does not exist).
func (db *DB) FindMessages(ctx context.Context, leadID int64) ([]*Message, error) {
	rows, err := db.reader().QueryContext(ctx, `SELECT `+messageColumns+` FROM messages
		WHERE lead_id = ? ORDER BY created_at, id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	msgs := []*Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, m)
	}
	return msgs, rows.Err()
}
