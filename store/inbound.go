package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// InboundMessage is a customer's message arriving from WhatsApp or from the
// website's inquiry form.
type InboundMessage struct {
	Phone      string // as received; normalised here
	Name       string // the customer's name when known
	Source     string // SourceWhatsApp or SourceWeb: the source of a new lead
	CarID      *int64 // the car asked about, when known
	Message    string
	Metadata   json.RawMessage // a JSON object, or nil
	ExternalID string          // Fonnte inboxid; "" when there is none
}

// InboundResult says what RecordInboundMessage did.
type InboundResult struct {
	LeadID      int64
	MessageID   int64
	LeadCreated bool
	// Duplicate is true when ExternalID was already stored: nothing was
	// written and the ids are those of the first delivery.
	Duplicate bool
}

// Maximum sizes of inbound text, far above what WhatsApp allows.
const (
	maxNameLen    = 100
	maxMessageLen = 65536
)

// RecordInboundMessage stores a customer's message on their open lead,
// creating the lead (status new) when they have none, all in one
// transaction. A message whose ExternalID is already stored is a retry and
// changes nothing. Errors: EINVALID (phone, empty message, unknown car).
func (db *DB) RecordInboundMessage(ctx context.Context, in InboundMessage) (*InboundResult, error) {
	return db.queueInbound(ctx, nil, in)
}

// prepareInbound validates in, defaults its source, and returns its
// normalised phone and trimmed name. Errors: EINVALID.
func prepareInbound(in *InboundMessage) (phone, name string, err error) {
	phone, err = NormalizePhone(in.Phone)
	if err != nil {
		return "", "", &Error{Code: EINVALID, Message: "Invalid phone number format",
			Details: map[string]any{"phone": "Invalid phone number format"}}
	}
	name = strings.TrimSpace(in.Name)
	if utf8.RuneCountInString(name) > maxNameLen {
		name = string([]rune(name)[:maxNameLen])
	}
	if strings.TrimSpace(in.Message) == "" && len(in.Metadata) == 0 {
		return "", "", &Error{Code: EINVALID, Message: "Message is empty",
			Details: map[string]any{"message": "Message is required"}}
	}
	if len(in.Message) > maxMessageLen {
		return "", "", &Error{Code: EINVALID, Message: "Message is too long",
			Details: map[string]any{"message": "Message must be at most 65536 bytes"}}
	}
	if in.Source == "" {
		in.Source = SourceWhatsApp
	}
	return phone, name, nil
}

func recordInbound(ctx context.Context, tx querier, in InboundMessage, phone, name string, now int64) (*InboundResult, error) {
	res := &InboundResult{}
	if in.ExternalID != "" {
		err := tx.QueryRowContext(ctx, `SELECT id, lead_id FROM messages
			WHERE sender = 'customer' AND external_id = ?`, in.ExternalID).Scan(&res.MessageID, &res.LeadID)
		if err == nil {
			res.Duplicate = true
			return res, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	if in.CarID != nil {
		ok, err := exists(ctx, tx, "cars", *in.CarID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &Error{Code: EINVALID, Message: "Car not found", Details: map[string]any{"carId": "Car not found"}}
		}
	}
	if in.CarID == nil {
		var err error
		if in.CarID, err = carNamedIn(ctx, tx, in.Message); err != nil {
			return nil, err
		}
	}

	var existingName sql.NullString
	var existingCar sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT id, customer_name, car_id FROM leads
		WHERE customer_phone = ? AND status NOT IN ('closed', 'lost')`, phone).Scan(&res.LeadID, &existingName, &existingCar)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r, err := tx.ExecContext(ctx, `INSERT INTO leads (customer_phone, customer_name, car_id, status, source,
			tags, created_at, updated_at) VALUES (?, ?, ?, 'new', ?, '[]', ?, ?)`,
			phone, nullString(name), nullInt64(in.CarID), in.Source, now, now)
		if err != nil {
			return nil, err
		}
		if res.LeadID, err = r.LastInsertId(); err != nil {
			return nil, err
		}
		res.LeadCreated = true
	case err != nil:
		return nil, err
	default:
		// A lead that had no name gets one; a lead without a car gets the
		// one asked about. Neither overwrites what a salesperson entered.
		if existingName.String != "" {
			name = existingName.String
		}
		carID := int64Ptr(existingCar)
		if carID == nil {
			carID = in.CarID
		}
		// When neither changes, the usual case of a running conversation,
		// no UPDATE runs: the message's own trigger moves updated_at.
		if name != existingName.String || (!existingCar.Valid && carID != nil) {
			if _, err := tx.ExecContext(ctx, `UPDATE leads SET customer_name = ?, car_id = ?, updated_at = ? WHERE id = ?`,
				nullString(name), nullInt64(carID), now, res.LeadID); err != nil {
				return nil, err
			}
		}
	}

	var metadata any
	if len(in.Metadata) > 0 {
		metadata = string(in.Metadata)
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO messages (lead_id, sender, message, metadata, external_id,
		created_at, updated_at) VALUES (?, 'customer', ?, ?, ?, ?, ?)`,
		res.LeadID, in.Message, metadata, nullString(in.ExternalID), now, now)
	if err != nil {
		return nil, err
	}
	res.MessageID, err = r.LastInsertId()
	return res, err
}
