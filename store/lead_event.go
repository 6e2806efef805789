package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"
)

// Kinds of a lead's timeline events: the fields whose changes it records.
const (
	EventStatus     = "status"
	EventAssigned   = "assigned"
	EventFollowUp   = "follow_up"
	EventCar        = "car"
	EventNotes      = "notes"
	EventTags       = "tags"
	EventLostReason = "lost_reason"
)

// LeadEvent is one change on a lead's timeline. From and To are the values
// as text, "" for none: a status or lost reason, a user or car id, an RFC
// 3339 time (follow_up), the notes, or the tags as a JSON array.
type LeadEvent struct {
	ID     int64
	LeadID int64
	Kind   string
	From   string
	To     string
	// UserID made the change (nil: the system, or a user since deleted);
	// UserName is their name.
	UserID    *int64
	UserName  string
	CreatedAt time.Time
}

// leadChange is one field's change, not yet stored.
type leadChange struct{ kind, from, to string }

// leadChanges lists the timeline's fields that differ between before and
// after, in a fixed order.
func leadChanges(before, after *Lead) []leadChange {
	var out []leadChange
	add := func(kind, from, to string) {
		if from != to {
			out = append(out, leadChange{kind, from, to})
		}
	}
	add(EventStatus, before.Status, after.Status)
	add(EventLostReason, before.LostReason, after.LostReason)
	add(EventAssigned, idText(before.AssignedToUserID), idText(after.AssignedToUserID))
	add(EventFollowUp, timeText(before.FollowUpAt), timeText(after.FollowUpAt))
	add(EventCar, idText(before.CarID), idText(after.CarID))
	add(EventNotes, before.Notes, after.Notes)
	if !slices.Equal(before.Tags, after.Tags) {
		out = append(out, leadChange{EventTags, jsonStrings(before.Tags), jsonStrings(after.Tags)})
	}
	return out
}

func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func timeText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(TimestampLayout)
}

// insertLeadEvents stores changes on lead id's timeline, made by user by at now.
func insertLeadEvents(ctx context.Context, tx querier, id int64, by *int64, now time.Time, changes []leadChange) error {
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO lead_events (lead_id, user_id, kind, from_value, to_value, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, id, nullInt64(by), c.kind, nullString(c.from), nullString(c.to), millis(now)); err != nil {
			return err
		}
	}
	return nil
}

// FindLeadEvents returns a lead's timeline, oldest first (empty for a lead
// without changes or one that does not exist; callers check the lead).
func (db *DB) FindLeadEvents(ctx context.Context, leadID int64) ([]*LeadEvent, error) {
	rows, err := db.reader().QueryContext(ctx, `SELECT e.id, e.lead_id, e.kind, e.from_value, e.to_value,
		e.user_id, u.name, e.created_at
		FROM lead_events e LEFT JOIN users u ON u.id = e.user_id
		WHERE e.lead_id = ? ORDER BY e.id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	events := []*LeadEvent{}
	for rows.Next() {
		var e LeadEvent
		var from, to, name sql.NullString
		var user sql.NullInt64
		var created int64
		if err := rows.Scan(&e.ID, &e.LeadID, &e.Kind, &from, &to, &user, &name, &created); err != nil {
			return nil, err
		}
		e.From, e.To, e.UserName = from.String, to.String, name.String
		e.UserID, e.CreatedAt = int64Ptr(user), fromMillis(created)
		events = append(events, &e)
	}
	return events, rows.Err()
}
