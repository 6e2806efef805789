package store

import (
	"context"
	"database/sql"
)

// BulkLoad writes many rows in one transaction, each kind through a
// statement prepared once: generated data (`autoleads generate`) of tens of
// thousands of leads loads in seconds, and a failure leaves nothing
// half-written. Rows are written as given, timestamps included, without the
// checks of CreateCar and CreateLead: the caller generates them by the
// store's rules (ValidateCar, one open lead per phone).
type BulkLoad struct {
	cars, leads, messages *sql.Stmt
}

// BulkLoad runs fn with a BulkLoad and commits what it added when fn
// returns nil. Errors: what fn returns, or the driver's error untouched
// (IsUniqueViolation tells a duplicate).
func (db *DB) BulkLoad(ctx context.Context, fn func(b *BulkLoad) error) error {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	b := &BulkLoad{}
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&b.cars, insertCar},
		{&b.leads, `INSERT INTO leads (customer_phone, customer_name, car_id, status, source,
			assigned_to_user_id, notes, tags, follow_up_at, lost_reason, created_at, updated_at, closed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.messages, `INSERT INTO messages (lead_id, sender, message, external_id,
			delivery_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`},
	} {
		if *p.dst, err = tx.PrepareContext(ctx, p.q); err != nil {
			return err
		}
		defer (*p.dst).Close()
	}
	if err := fn(b); err != nil {
		return err
	}
	return tx.Commit()
}

// AddCar inserts c with its public name, slug and clean plate computed
// (the slug without a suffix: a generated display code is unique) and
// fills in c.ID.
func (b *BulkLoad) AddCar(ctx context.Context, c *Car) error {
	c.setComputed()
	c.Slug = CarSlugBase(c.Brand, c.Model, c.Year, c.Color, c.DisplayCode)
	res, err := b.cars.ExecContext(ctx, c.insertArgs()...)
	if err != nil {
		return err
	}
	c.ID, err = res.LastInsertId()
	return err
}

// AddLead inserts l as given and fills in l.ID.
func (b *BulkLoad) AddLead(ctx context.Context, l *Lead) error {
	res, err := b.leads.ExecContext(ctx, l.CustomerPhone, nullString(l.CustomerName), nullInt64(l.CarID),
		l.Status, l.Source, nullInt64(l.AssignedToUserID), nullString(l.Notes), jsonStrings(l.Tags),
		nullMillis(l.FollowUpAt), nullString(l.LostReason), millis(l.CreatedAt), millis(l.UpdatedAt), nullMillis(l.ClosedAt))
	if err != nil {
		return err
	}
	l.ID, err = res.LastInsertId()
	return err
}

// AddMessage inserts m, created and updated at m.CreatedAt, and fills in
// m.ID.
func (b *BulkLoad) AddMessage(ctx context.Context, m *Message) error {
	res, err := b.messages.ExecContext(ctx, m.LeadID, m.Sender, m.Message, nullString(m.ExternalID),
		nullString(m.DeliveryStatus), millis(m.CreatedAt), millis(m.CreatedAt))
	if err != nil {
		return err
	}
	m.ID, err = res.LastInsertId()
	return err
}
