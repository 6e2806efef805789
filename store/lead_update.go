package store

import (
	"context"
	"time"
)

// UpdateLead applies upd to a lead in one transaction and returns the lead as
// stored. The phone is normalised again; a car or assignee id that changes
// must exist in this showroom (an assignee must be active). Entering closed
// or lost from an open status sets closedAt; moving between closed and lost
// keeps it; reopening clears it. A status other than lost clears the lost
// reason. Each change of status, assignee, follow-up, car, notes, tags or
// lost reason is written to the lead's timeline (lead_event.go), by
// upd.By, in the same transaction. Errors: ENOTFOUND, EINVALID (details per
// field), ECONFLICT when the change would give the phone a second open lead
// (details.leadId is the other one), or whatever upd.Check returns.
func (db *DB) UpdateLead(ctx context.Context, id int64, upd LeadUpdate) (*Lead, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	l, err := findLead(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if upd.Check != nil {
		if err := upd.Check(l); err != nil {
			return nil, err
		}
	}
	before := *l
	wasOpen, oldPhone := IsOpenLeadStatus(l.Status), l.CustomerPhone
	newCar, newUser := upd.apply(l)
	errs := validateLead(l)
	checkLeadText(errs, upd.CustomerName, upd.Notes, upd.Tags)
	if err := checkLeadRefs(ctx, tx, newCar, newUser, errs); err != nil {
		return nil, err
	}
	if err := ruleError(errs); err != nil {
		return nil, err
	}

	now := db.now()
	isOpen := IsOpenLeadStatus(l.Status)
	switch {
	case isOpen:
		l.ClosedAt = nil
	case wasOpen || l.ClosedAt == nil:
		l.ClosedAt = &now
	}
	if isOpen && (!wasOpen || l.CustomerPhone != oldPhone) {
		if err := ensureNoOtherOpenLead(ctx, tx, l.CustomerPhone, id); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET customer_phone = ?, customer_name = ?, car_id = ?,
		status = ?, source = ?, assigned_to_user_id = ?, notes = ?, tags = ?, follow_up_at = ?,
		lost_reason = ?, updated_at = ?, closed_at = ?
		WHERE id = ?`,
		l.CustomerPhone, nullString(l.CustomerName), nullInt64(l.CarID), l.Status, l.Source,
		nullInt64(l.AssignedToUserID), nullString(l.Notes), jsonStrings(l.Tags), nullMillis(l.FollowUpAt),
		nullString(l.LostReason), millis(now), nullMillis(l.ClosedAt), id); err != nil {
		return nil, mapOpenLeadViolation(ctx, tx, err, l.CustomerPhone, id)
	}
	if err := insertLeadEvents(ctx, tx, id, upd.By, now, leadChanges(&before, l)); err != nil {
		return nil, err
	}
	updated, err := findLead(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return updated, tx.Commit()
}

// apply copies the fields set in u onto l. It returns the car and assignee
// ids that change to a new value, the ones to check for existence: an
// unchanged reference stays valid even if, say, its user became inactive.
func (u LeadUpdate) apply(l *Lead) (newCar, newUser *int64) {
	if u.CustomerPhone != nil {
		l.CustomerPhone = *u.CustomerPhone
	}
	if u.CustomerName != nil {
		l.CustomerName = *u.CustomerName
	}
	if u.CarID != nil {
		if !sameID(l.CarID, *u.CarID) {
			newCar = *u.CarID
		}
		l.CarID = *u.CarID
	}
	if u.Status != nil {
		l.Status = *u.Status
	}
	if u.Source != nil {
		l.Source = *u.Source
	}
	if u.AssignedToUserID != nil {
		if !sameID(l.AssignedToUserID, *u.AssignedToUserID) {
			newUser = *u.AssignedToUserID
		}
		l.AssignedToUserID = *u.AssignedToUserID
	}
	if u.Notes != nil {
		l.Notes = *u.Notes
	}
	if u.Tags != nil {
		l.Tags = *u.Tags
	}
	if u.FollowUpAt != nil {
		l.FollowUpAt = nil
		if t := *u.FollowUpAt; t != nil {
			at := t.UTC().Truncate(time.Millisecond)
			l.FollowUpAt = &at
		}
	}
	if u.LostReason != nil {
		l.LostReason = *u.LostReason
	} else if l.Status != LeadLost {
		l.LostReason = ""
	}
	return newCar, newUser
}

// sameID reports whether two optional ids are equal.
func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// DeleteLead removes a lead and, by cascade, its messages.
// Errors: ENOTFOUND.
func (db *DB) DeleteLead(ctx context.Context, id int64) error {
	res, err := db.h.Write.ExecContext(ctx, `DELETE FROM leads WHERE id = ?`, id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return Errorf(ENOTFOUND, "Lead not found")
	}
	return nil
}
