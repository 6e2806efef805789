package store

import (
	"context"
	"database/sql"
)

// Similar cars by price walk the cars_price index through the price range
// and check each car's status: the unary + keeps SQLite from choosing a
// status index instead, which would read every available car and sort them.
// An index of its own (status, price) would serve this query too, but
// SQLite then picks it for the catalogue's brand-and-price list and sorts,
// which is slower for the page every visitor sees.
const similarByPrice = `SELECT ` + carColumns + ` FROM cars
	WHERE +status = 'available' AND price BETWEEN ? AND ? AND id <> ?
	ORDER BY price, id DESC LIMIT ?`

// FindSimilarCars returns up to n available cars a buyer looking at c may
// like instead: of c's brand first, then of a price within a quarter of
// c's, cheapest first; never c itself. Unlike FindCars it counts nothing,
// which a car's page, built for every car a crawler visits, cannot spare.
func (db *DB) FindSimilarCars(ctx context.Context, c *Car, n int) ([]*Car, error) {
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f := CarFilter{Statuses: []string{CarAvailable}, Brand: c.Brand, Limit: n + 1}
	list, _, args, err := carQueries(f)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{c.ID: true}
	var out []*Car
	collect := func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanCar(rows)
			if err != nil {
				return err
			}
			if !seen[o.ID] && len(out) < n {
				seen[o.ID] = true
				out = append(out, o)
			}
		}
		return rows.Err()
	}
	if err := collect(tx.QueryContext(ctx, list, pageArgs(args, f)...)); err != nil {
		return nil, err
	}
	if len(out) < n {
		err := collect(tx.QueryContext(ctx, similarByPrice, c.Price*3/4, c.Price*5/4, c.ID, 2*n))
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
