package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// LastMessage is the latest turn of a lead's conversation, as an inbox row
// shows it.
type LastMessage struct {
	Sender         string
	Message        string
	DeliveryStatus string // "" for incoming
	CreatedAt      time.Time
}

// lastMessagesQuery reads the latest message of each lead of a JSON array
// of ids in one statement: each lead's is one step down messages_lead from
// its end, so a page of rows costs one query and a few index seeks per
// row, however long the conversations.
const lastMessagesQuery = `SELECT m.lead_id, m.sender, m.message, m.delivery_status, m.created_at
FROM messages m
WHERE m.id IN (SELECT (SELECT x.id FROM messages x WHERE x.lead_id = j.value
	ORDER BY x.created_at DESC, x.id DESC LIMIT 1) FROM json_each(?) j)`

// FindLastMessages returns the latest message of each of the leads, by
// lead id; a lead without messages has no entry.
func (db *DB) FindLastMessages(ctx context.Context, leadIDs []int64) (map[int64]*LastMessage, error) {
	last := make(map[int64]*LastMessage, len(leadIDs))
	if len(leadIDs) == 0 {
		return last, nil
	}
	ids, err := json.Marshal(leadIDs)
	if err != nil {
		return nil, err
	}
	rows, err := db.reader().QueryContext(ctx, lastMessagesQuery, string(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var leadID, created int64
		var m LastMessage
		var delivery sql.NullString
		if err := rows.Scan(&leadID, &m.Sender, &m.Message, &delivery, &created); err != nil {
			return nil, err
		}
		m.DeliveryStatus, m.CreatedAt = stringValue(delivery), fromMillis(created)
		last[leadID] = &m
	}
	return last, rows.Err()
}
