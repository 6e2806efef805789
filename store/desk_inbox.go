package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
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

// maxSearchCandidates bounds the leads a search gathers before it lists
// them: more matches than that are common enough for the list's own walk
// in its order to fill a page soon.
const maxSearchCandidates = 1000

// FindInboxPage is FindLeadsPage for the inbox, whose searches must stay
// fast when they match few leads or none. Walking the inbox's order and
// reading each lead's row to test a search costs a seek per lead, all
// 50,000 of them for a name nobody has (about 200 ms); a scan of the
// searched columns' covering index costs a few milliseconds. So a search
// first gathers the ids it matches there: when they are few, the page is
// sorted out of them alone; when there are many, the walk in order finds
// its page after a few rows, as without a search.
func (db *DB) FindInboxPage(ctx context.Context, f LeadFilter) (leads []*Lead, more bool, err error) {
	if strings.TrimSpace(f.Search) == "" {
		return db.FindLeadsPage(ctx, f)
	}
	ids, err := db.searchLeadIDs(ctx, f.Search)
	if err != nil {
		return nil, false, err
	}
	if len(ids) > maxSearchCandidates {
		return db.FindLeadsPage(ctx, f)
	}
	where, args, err := f.where()
	if err != nil {
		return nil, false, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, false, err
	}
	where += ` AND l.id IN (SELECT value FROM json_each(?))`
	limit := f.Limit
	if limit > 0 {
		limit++ // one more says whether a page follows
	}
	leads, err = findLeadPage(ctx, db.reader(), f, where, append(args, string(list)), limit)
	if err != nil {
		return nil, false, err
	}
	if f.Limit > 0 && len(leads) > f.Limit {
		leads, more = leads[:f.Limit], true
	}
	return leads, more, nil
}

// searchLeadIDs returns the ids of up to maxSearchCandidates+1 leads
// matching search, from the covering index of the searched columns.
func (db *DB) searchLeadIDs(ctx context.Context, search string) ([]int64, error) {
	where, args, err := LeadFilter{Search: search}.where()
	if err != nil {
		return nil, err
	}
	rows, err := db.reader().QueryContext(ctx, `SELECT l.id FROM leads l INDEXED BY leads_status_search`+where+` LIMIT ?`,
		append(args, maxSearchCandidates+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
