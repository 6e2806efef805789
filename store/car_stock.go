package store

import (
	"context"
	"strings"
)

// CountCarLeads returns how many leads name each of the cars ids, in one
// query, counting only the leads a sales user may see when visibleTo is set
// (LeadFilter.VisibleTo). Cars no lead names are absent from the map.
func (db *DB) CountCarLeads(ctx context.Context, ids []int64, visibleTo *int64) (map[int64]int64, error) {
	counts := make(map[int64]int64, len(ids))
	if len(ids) == 0 {
		return counts, nil
	}
	where, args, err := LeadFilter{VisibleTo: visibleTo}.where()
	if err != nil {
		return nil, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	cond := "l.car_id IN (" + marks + ")"
	if where == "" {
		where = " WHERE " + cond
	} else {
		where += " AND " + cond
	}
	for _, id := range ids {
		args = append(args, id)
	}
	// INDEXED BY: with a sales user's OR on the assignee, SQLite would
	// rather walk the assignee index over every lead than the few each
	// car has.
	rows, err := db.h.Read.QueryContext(ctx, `SELECT l.car_id, COUNT(*) FROM leads l INDEXED BY leads_car`+where+
		` GROUP BY l.car_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		counts[id] = n
	}
	return counts, rows.Err()
}

// FindCarBrands returns every brand of the inventory, whatever the cars'
// status, once each however it is capitalised (as the brand filter treats
// them), by name: the choices of the stock page's brand filter.
func (db *DB) FindCarBrands(ctx context.Context) ([]string, error) {
	rows, err := db.h.Read.QueryContext(ctx, `SELECT MIN(brand) FROM cars
		GROUP BY brand COLLATE NOCASE ORDER BY MIN(brand) COLLATE NOCASE`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	brands := []string{}
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		brands = append(brands, b)
	}
	return brands, rows.Err()
}
