package store

import "context"

// CountAwaiting counts the open leads whose customer spoke last (the
// Awaiting filter), of those visibleTo may see when set. It reads only the
// small index of waiting leads, and its total is remembered like the
// lead list's, so a tab title may ask on every change.
func (db *DB) CountAwaiting(ctx context.Context, visibleTo *int64) (int64, error) {
	where, args, err := LeadFilter{Awaiting: true, VisibleTo: visibleTo}.where()
	if err != nil {
		return 0, err
	}
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	return db.countLeadsRemembered(ctx, db.h.ReadStmts.Tx(tx), where, args)
}

// maxCustomerLeads bounds the earlier leads shown beside a lead.
const maxCustomerLeads = 20

// FindCustomerLeads returns the other leads of the customer with phone,
// newest first, at most 20, of those visibleTo may see when set.
// Errors: EINVALID for a phone that is not one.
func (db *DB) FindCustomerLeads(ctx context.Context, phone string, exceptID int64, visibleTo *int64) ([]*Lead, error) {
	e164, err := NormalizePhone(phone)
	if err != nil {
		return nil, ruleError(map[string]string{"customerPhone": errInvalidPhone})
	}
	where, args, err := LeadFilter{VisibleTo: visibleTo}.where()
	if err != nil {
		return nil, err
	}
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	where += "l.customer_phone = ? AND l.id <> ?"
	return queryLeads(ctx, db.reader(), leadSelect+where+` ORDER BY l.created_at DESC, l.id DESC LIMIT ?`,
		append(args, e164, exceptID, maxCustomerLeads)...)
}
