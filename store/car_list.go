package store

import (
	"context"
	"database/sql"
	"strings"
)

// Car list orders, the values of CarFilter.SortBy. Every order ends with a
// tie-break on id so that pages never overlap or skip a car.
var carOrders = map[string]string{
	"":           "created_at DESC, id DESC",
	"newest":     "created_at DESC, id DESC",
	"price_asc":  "price ASC, id DESC",
	"price_desc": "price DESC, id DESC",
	"km_asc":     "km ASC, id DESC",
	"year_desc":  "year DESC, created_at DESC, id DESC",
	// The admin list: available, sold, booking, draft (status_rank is the
	// declared order), newest first within each.
	"status": "status_rank ASC, created_at DESC, id DESC",
}

// carWhere builds the WHERE clause and arguments of a filter.
// Errors: EINVALID (unknown status or transmission).
func carWhere(f CarFilter) (string, []any, error) {
	errs := map[string]string{}
	var conds []string
	var args []any
	if len(f.Statuses) > 0 {
		marks := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			if !ValidCarStatus(s) {
				errs["status"] = "Status must be available, sold, booking or draft"
			}
			marks[i] = "?"
			args = append(args, s)
		}
		if len(marks) == 1 {
			conds = append(conds, "status = ?")
		} else {
			conds = append(conds, "status IN ("+strings.Join(marks, ", ")+")")
		}
	}
	if f.Brand != "" {
		// COLLATE NOCASE matches the cars_brand_model_year index.
		conds = append(conds, "brand = ? COLLATE NOCASE")
		args = append(args, f.Brand)
	}
	if f.Model != "" {
		conds = append(conds, "model LIKE "+likeParam)
		args = append(args, likeContains(f.Model))
	}
	ranges := []struct {
		cond string
		v    *int64
	}{
		{"year >= ?", f.MinYear}, {"year <= ?", f.MaxYear},
		{"price >= ?", f.MinPrice}, {"price <= ?", f.MaxPrice},
	}
	for _, r := range ranges {
		if r.v != nil {
			conds = append(conds, r.cond)
			args = append(args, *r.v)
		}
	}
	if f.AddedSince != nil {
		conds, args = append(conds, "created_at >= ?"), append(args, millis(*f.AddedSince))
	}
	if f.AddedBefore != nil {
		conds, args = append(conds, "created_at < ?"), append(args, millis(*f.AddedBefore))
	}
	if f.Transmission != "" {
		if !ValidTransmission(f.Transmission) {
			errs["transmission"] = "Transmission must be Manual or Matic"
		}
		conds = append(conds, "transmission = ?")
		args = append(args, f.Transmission)
	}
	if f.FuelType != "" {
		conds = append(conds, "fuel_type = ? COLLATE NOCASE")
		args = append(args, f.FuelType)
	}
	if f.Search != "" {
		conds = append(conds, "(public_name LIKE "+likeParam+" OR brand LIKE "+likeParam+
			" OR model LIKE "+likeParam+" OR display_code LIKE "+likeParam+" OR color LIKE "+likeParam+")")
		p := likeContains(f.Search)
		args = append(args, p, p, p, p, p)
	}
	if _, ok := carOrders[f.SortBy]; !ok {
		errs["sortBy"] = "sortBy must be newest, price_asc, price_desc, km_asc or year_desc"
	}
	if err := ValidationError(errs); err != nil {
		return "", nil, err
	}
	if len(conds) == 0 {
		return "", args, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// likeParam is the right-hand side of a LIKE whose pattern is a parameter.
// With a bare ? SQLite plans the statement again at every run, to see
// whether the new pattern could seek an index (a pattern that starts with %
// never can); as an expression the prepared plan is kept, which saves more
// than a simple query costs.
const likeParam = `?||'' ESCAPE '\'`

// likeContains returns a LIKE pattern matching s anywhere, with LIKE's own
// wildcards in s escaped, so searching "50%" finds "50%" and not "50…".
// SQLite's LIKE ignores case for ASCII letters.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(s)) + "%"
}

// carQueries returns the SELECT of one page of f, ending in LIMIT ? OFFSET ?,
// the COUNT of every car f selects, and the arguments of the WHERE clause both
// share. Errors: EINVALID.
func carQueries(f CarFilter) (list, count string, args []any, err error) {
	where, args, err := carWhere(f)
	if err != nil {
		return "", "", nil, err
	}
	order := carOrders[f.SortBy]
	if f.SortBy == "status" && len(f.Statuses) == 1 {
		// Every car selected has the same rank: the order is the newest
		// first, which the status index walks, so LIMIT stops early instead
		// of sorting every match (the stock page filtered by a status).
		order = carOrders["newest"]
	}
	list = `SELECT ` + carColumns + ` FROM cars` + where + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	return list, `SELECT COUNT(*) FROM cars` + where, args, nil
}

// pageArgs appends the LIMIT and OFFSET of f to the WHERE arguments.
func pageArgs(args []any, f CarFilter) []any {
	limit := f.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	return append(args[:len(args):len(args)], limit, max(f.Offset, 0))
}

// FindCars returns one page of the cars f selects, in f's order, and how many
// cars f selects in all. A zero Limit returns every car. Both queries read
// one snapshot, so the total matches the page.
// Errors: EINVALID (unknown status, transmission or sortBy).
func (db *DB) FindCars(ctx context.Context, f CarFilter) ([]*Car, int64, error) {
	list, count, args, err := carQueries(f)
	if err != nil {
		return nil, 0, err
	}
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, list, pageArgs(args, f)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	cars := []*Car{}
	for rows.Next() {
		c, err := scanCar(rows)
		if err != nil {
			return nil, 0, err
		}
		cars = append(cars, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	total := int64(len(cars))
	// A first page shorter than the limit holds every match: no COUNT needed.
	if f.Offset > 0 || (f.Limit > 0 && len(cars) == f.Limit) {
		if err := tx.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return cars, total, nil
}

// BrandCount is one brand of the catalogue and how many cars it has.
type BrandCount struct {
	Brand string
	Count int64
}

// CarFacets summarise the available cars for the catalogue's filters. The
// ranges are nil when no car is available.
type CarFacets struct {
	Brands        []BrandCount // most cars first, then by name
	MinYear       *int64
	MaxYear       *int64
	MinPrice      *int64
	MaxPrice      *int64
	Transmissions []string
}

// FindCarFacets summarises the available cars: brands with counts (brands
// differing only in case count as one, as the brand filter treats them),
// year and price ranges, and the transmissions present.
func (db *DB) FindCarFacets(ctx context.Context) (*CarFacets, error) {
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f := &CarFacets{Brands: []BrandCount{}, Transmissions: []string{}}
	rows, err := tx.QueryContext(ctx, `SELECT MIN(brand), COUNT(*) FROM cars WHERE status = 'available'
		GROUP BY brand COLLATE NOCASE ORDER BY COUNT(*) DESC, MIN(brand) COLLATE NOCASE, MIN(brand)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var b BrandCount
		if err := rows.Scan(&b.Brand, &b.Count); err != nil {
			return nil, err
		}
		f.Brands = append(f.Brands, b)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var minYear, maxYear, minPrice, maxPrice sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MIN(year), MAX(year), MIN(price), MAX(price)
		FROM cars WHERE status = 'available'`).Scan(&minYear, &maxYear, &minPrice, &maxPrice); err != nil {
		return nil, err
	}
	f.MinYear, f.MaxYear = int64Ptr(minYear), int64Ptr(maxYear)
	f.MinPrice, f.MaxPrice = int64Ptr(minPrice), int64Ptr(maxPrice)
	trows, err := tx.QueryContext(ctx, `SELECT DISTINCT transmission FROM cars
		WHERE status = 'available' ORDER BY transmission`)
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var t string
		if err := trows.Scan(&t); err != nil {
			return nil, err
		}
		f.Transmissions = append(f.Transmissions, t)
	}
	return f, trows.Err()
}
