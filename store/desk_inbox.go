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

// A search of the inbox looks at the most recent leads first (their
// number is recentLeads), then gathers the ids of at most
// maxSearchCandidates matches, beyond which matches are common enough
// for the list's own walk in its order to fill a page soon.
const (
	recentLeads         = 1000
	maxSearchCandidates = 1000
)

// FindInboxPage is FindLeadsPage for the inbox, whose searches must stay
// fast whether they match many leads, a few or none. The list's walk in
// its order reads each lead's row to test a search: for a name nobody has
// that is a seek for each of 50,000 leads (about 200 ms), while a scan of
// the searched columns' covering index takes a few milliseconds. So a
// search walks the most recent leads first, which fill the page when
// matches are common; else it gathers the ids it matches from the
// covering index and sorts the page out of them alone; and when those
// are too many, the walk in order finds its page soon after all.
func (db *DB) FindInboxPage(ctx context.Context, f LeadFilter) (leads []*Lead, more bool, err error) {
	if strings.TrimSpace(f.Search) == "" || f.Limit <= 0 {
		return db.FindLeadsPage(ctx, f)
	}
	where, args, err := f.where()
	if err != nil {
		return nil, false, err
	}
	if f.SortByActivity && f.FollowUpDue == nil {
		// A full page among the recent leads is the page: the leads left
		// out all come after it in the order.
		recent := where + ` AND l.activity_at >= COALESCE((SELECT activity_at FROM leads INDEXED BY leads_activity
			ORDER BY activity_at DESC, id DESC LIMIT 1 OFFSET ?), -1)`
		leads, err := findLeadPage(ctx, db.reader(), f, recent, append(args, recentLeads), f.Limit+1)
		if err != nil || len(leads) > f.Limit {
			return pageOf(leads, f.Limit, err)
		}
	}
	ids, err := db.searchLeadIDs(ctx, f.Search)
	if err != nil {
		return nil, false, err
	}
	if len(ids) > maxSearchCandidates {
		return db.FindLeadsPage(ctx, f)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, false, err
	}
	leads, err = findLeadPage(ctx, db.reader(), f, where+` AND l.id IN (SELECT value FROM json_each(?))`,
		append(args, string(list)), f.Limit+1)
	return pageOf(leads, f.Limit, err)
}

// pageOf is the page of leads read with one more than limit, and whether
// another page follows.
func pageOf(leads []*Lead, limit int, err error) ([]*Lead, bool, error) {
	if err != nil {
		return nil, false, err
	}
	if len(leads) > limit {
		return leads[:limit], true, nil
	}
	return leads, false, nil
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
