package store

import (
	"context"
	"strings"
)

// exportBatch is how many rows an export reads at a time. Between batches
// no connection is held, so a slow download never keeps a reader busy, and
// memory stays one batch however many rows there are.
const exportBatch = 500

// EachCar calls fn with every car in id order, one batch at a time, and
// stops at fn's first error.
func (db *DB) EachCar(ctx context.Context, fn func(*Car) error) error {
	return eachBatch(ctx, func(after int64) ([]*Car, error) {
		rows, err := db.reader().QueryContext(ctx, `SELECT `+carColumns+` FROM cars WHERE id > ? ORDER BY id LIMIT ?`,
			after, exportBatch)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var cars []*Car
		for rows.Next() {
			c, err := scanCar(rows)
			if err != nil {
				return nil, err
			}
			cars = append(cars, c)
		}
		return cars, rows.Err()
	}, func(c *Car) int64 { return c.ID }, fn)
}

// eachLeadQuery is the query of one batch of EachLead: the arguments it
// returns are followed by the last id of the batch before and the batch's
// size.
func eachLeadQuery(f LeadFilter) (string, []any, error) {
	where, args, err := f.where()
	if err != nil {
		return "", nil, err
	}
	conds := "l.id > ?"
	if where != "" {
		conds = strings.TrimPrefix(where, " WHERE ") + " AND " + conds
	}
	// NOT INDEXED: every batch walks the leads by id from where the last
	// one ended, testing the filters per lead, so the whole export is one
	// pass. Through a status or assignee index each batch would read and
	// sort every lead of the filter again.
	q := strings.Replace(leadSelect, "FROM leads l", "FROM leads l NOT INDEXED", 1)
	return q + ` WHERE ` + conds + ` ORDER BY l.id LIMIT ?`, args, nil
}

// EachLead calls fn with every lead f selects (its filters; its order and
// page are ignored) in id order, with its car and assignee summaries, one
// batch at a time, and stops at fn's first error.
// Errors: EINVALID for an unknown status or source.
func (db *DB) EachLead(ctx context.Context, f LeadFilter, fn func(*Lead) error) error {
	q, args, err := eachLeadQuery(f)
	if err != nil {
		return err
	}
	return eachBatch(ctx, func(after int64) ([]*Lead, error) {
		rows, err := db.reader().QueryContext(ctx, q, append(args[:len(args):len(args)], after, exportBatch)...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var leads []*Lead
		for rows.Next() {
			l, err := scanLead(rows)
			if err != nil {
				return nil, err
			}
			leads = append(leads, l)
		}
		return leads, rows.Err()
	}, func(l *Lead) int64 { return l.ID }, fn)
}

// eachBatch reads batches after the last id seen until one comes back short,
// handing each row to fn.
func eachBatch[T any](ctx context.Context, read func(after int64) ([]T, error), id func(T) int64, fn func(T) error) error {
	var after int64
	for {
		batch, err := read(after)
		if err != nil {
			return err
		}
		for _, row := range batch {
			if err := fn(row); err != nil {
				return err
			}
		}
		if len(batch) < exportBatch {
			return ctx.Err()
		}
		after = id(batch[len(batch)-1])
	}
}
