package store

import "context"

// FindSimilarCars returns up to n available cars a buyer looking at c may
// like instead: of c's brand first, then of a price within a quarter of
// c's, cheapest first; never c itself. Unlike FindCars it counts nothing,
// which a car's page, built for every car a crawler visits, cannot spare.
func (db *DB) FindSimilarCars(ctx context.Context, c *Car, n int) ([]*Car, error) {
	lo, hi := c.Price*3/4, c.Price*5/4
	filters := []CarFilter{
		{Statuses: []string{CarAvailable}, Brand: c.Brand, Limit: n + 1},
		{Statuses: []string{CarAvailable}, MinPrice: &lo, MaxPrice: &hi, SortBy: "price_asc", Limit: 2*n + 1},
	}
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	seen := map[int64]bool{c.ID: true}
	var out []*Car
	for _, f := range filters {
		list, _, args, err := carQueries(f)
		if err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, list, pageArgs(args, f)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			o, err := scanCar(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[o.ID] && len(out) < n {
				seen[o.ID] = true
				out = append(out, o)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
