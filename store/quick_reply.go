package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// QuickReply is one of the showroom's reply templates. Its body may hold
// the placeholders {nama}, {mobil} and {harga} (the customer's name, the
// car of interest and its price), which the dashboard fills in before the
// reply is sent; the store keeps them as typed.
type QuickReply struct {
	ID        int64
	Title     string
	Body      string
	Position  int // the list's order, then id
	CreatedAt time.Time
	UpdatedAt time.Time
}

// QuickReplyUpdate is a partial update of a quick reply; nil fields are
// left alone.
type QuickReplyUpdate struct {
	Title    *string
	Body     *string
	Position *int
}

// Limits of quick replies: a title fits a chip on a phone, a body one
// WhatsApp message a customer reads, and the list one screen's scroll.
const (
	maxQuickReplyTitleLen = 60
	maxQuickReplyBodyLen  = 1000
	MaxQuickReplies       = 50
)

// validateQuickReply trims r's text in place and returns every rule it
// breaks, keyed by API field name.
func validateQuickReply(r *QuickReply) map[string]string {
	errs := map[string]string{}
	checkRequiredText(errs, "title", "Title", &r.Title, maxQuickReplyTitleLen, CheckLine)
	checkRequiredText(errs, "body", "Body", &r.Body, maxQuickReplyBodyLen, CheckText)
	if r.Position < 0 {
		errs["position"] = "Position must be 0 or more"
	}
	return errs
}

const quickReplyColumns = `id, title, body, position, created_at, updated_at`

func scanQuickReply(row rowScanner) (*QuickReply, error) {
	var r QuickReply
	var created, updated int64
	if err := row.Scan(&r.ID, &r.Title, &r.Body, &r.Position, &created, &updated); err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &r, nil
}

// FindQuickReplies returns the showroom's quick replies in their order.
func (db *DB) FindQuickReplies(ctx context.Context) ([]*QuickReply, error) {
	rows, err := db.reader().QueryContext(ctx, `SELECT `+quickReplyColumns+` FROM quick_replies ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*QuickReply{}
	for rows.Next() {
		r, err := scanQuickReply(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func findQuickReply(ctx context.Context, q querier, id int64) (*QuickReply, error) {
	r, err := scanQuickReply(q.QueryRowContext(ctx, `SELECT `+quickReplyColumns+` FROM quick_replies WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "Quick reply not found")
	}
	return r, err
}

// FindQuickReplyByID returns one quick reply. Errors: ENOTFOUND.
func (db *DB) FindQuickReplyByID(ctx context.Context, id int64) (*QuickReply, error) {
	return findQuickReply(ctx, db.h.Read, id)
}

// CreateQuickReply validates and stores r, then fills it as stored. A zero
// Position puts it after the others. Errors: EINVALID (details per field,
// or the showroom already has MaxQuickReplies).
func (db *DB) CreateQuickReply(ctx context.Context, r *QuickReply) error {
	if err := ruleError(validateQuickReply(r)); err != nil {
		return err
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n, last int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(position), 0) FROM quick_replies`).Scan(&n, &last); err != nil {
		return err
	}
	if n >= MaxQuickReplies {
		return Errorf(EINVALID, "A showroom keeps at most %d quick replies", MaxQuickReplies)
	}
	if r.Position == 0 {
		r.Position = last + 1
	}
	now := db.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO quick_replies (title, body, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, r.Title, r.Body, r.Position, millis(now), millis(now))
	if err != nil {
		return err
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	r.CreatedAt, r.UpdatedAt = now, now
	return tx.Commit()
}

// UpdateQuickReply applies upd and returns the quick reply as stored.
// Errors: ENOTFOUND, EINVALID (details per field).
func (db *DB) UpdateQuickReply(ctx context.Context, id int64, upd QuickReplyUpdate) (*QuickReply, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := findQuickReply(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if upd.Title != nil {
		r.Title = *upd.Title
	}
	if upd.Body != nil {
		r.Body = *upd.Body
	}
	if upd.Position != nil {
		r.Position = *upd.Position
	}
	if err := ruleError(validateQuickReply(r)); err != nil {
		return nil, err
	}
	r.UpdatedAt = db.now()
	if _, err := tx.ExecContext(ctx, `UPDATE quick_replies SET title = ?, body = ?, position = ?, updated_at = ?
		WHERE id = ?`, r.Title, r.Body, r.Position, millis(r.UpdatedAt), id); err != nil {
		return nil, err
	}
	return r, tx.Commit()
}

// DeleteQuickReply removes a quick reply. Errors: ENOTFOUND.
func (db *DB) DeleteQuickReply(ctx context.Context, id int64) error {
	res, err := db.h.Write.ExecContext(ctx, `DELETE FROM quick_replies WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return Errorf(ENOTFOUND, "Quick reply not found")
	}
	return nil
}
