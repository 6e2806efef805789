package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Car statuses, in their declared order (lists sort by it).
const (
	CarAvailable = "available"
	CarSold      = "sold"
	CarBooking   = "booking"
	CarDraft     = "draft"
)

// Transmissions.
const (
	TransmissionManual = "Manual"
	TransmissionMatic  = "Matic"
)

// Car is one vehicle of a showroom's inventory.
type Car struct {
	ID                int64
	DisplayCode       string
	PublicName        string // computed: PublicName(brand, model, year, color, displayCode)
	Slug              string // computed, unique: CarSlugBase(...) plus -2, -3 … when taken
	Brand             string
	Model             string
	Year              int
	Color             string
	Transmission      string
	Km                int64
	Price             int64 // rupiah
	FuelType          string
	PlateNumber       string
	PlateNumberClean  string // computed: CleanPlate(PlateNumber)
	StockCode         string
	KeyFeatures       []string
	ConditionNotes    string
	Photos            []string // URLs, ordered
	PrimaryPhotoIndex int
	Description       string
	Status            string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	SoldAt            *time.Time
}

// PrimaryPhoto returns the URL of the car's primary photo, or "".
func (c *Car) PrimaryPhoto() string {
	if len(c.Photos) == 0 {
		return ""
	}
	if c.PrimaryPhotoIndex >= 0 && c.PrimaryPhotoIndex < len(c.Photos) {
		return c.Photos[c.PrimaryPhotoIndex]
	}
	return c.Photos[0]
}

// CarUpdate is a partial update of a car's writable fields; nil fields are
// left alone.
type CarUpdate struct {
	DisplayCode       *string
	Brand             *string
	Model             *string
	Year              *int
	Color             *string
	Transmission      *string
	Km                *int64
	Price             *int64
	FuelType          *string
	PlateNumber       *string
	StockCode         *string
	KeyFeatures       *[]string
	ConditionNotes    *string
	Photos            *[]string
	PrimaryPhotoIndex *int
	Description       *string
	Status            *string
}

// CarFilter selects and orders cars. Zero fields do not filter.
type CarFilter struct {
	Statuses     []string // empty: any status
	Brand        string   // case-insensitive equality
	Model        string   // case-insensitive substring
	MinYear      *int64
	MaxYear      *int64
	MinPrice     *int64
	MaxPrice     *int64
	Transmission string
	FuelType     string     // case-insensitive equality
	Search       string     // case-insensitive substring of publicName, brand, model, displayCode, color
	AddedSince   *time.Time // created at or after
	AddedBefore  *time.Time // created before
	SortBy       string     // newest (default), price_asc, price_desc, km_asc, year_desc, status (status order, then newest)
	Offset       int
	Limit        int
}

// setComputed fills the fields the server derives from the others. The slug
// is chosen separately because it needs the database.
func (c *Car) setComputed() {
	c.PublicName = PublicName(c.Brand, c.Model, c.Year, c.Color, c.DisplayCode)
	c.PlateNumberClean = CleanPlate(c.PlateNumber)
}

// errCarNotFound is the error of every lookup of a missing car.
func errCarNotFound() error { return Errorf(ENOTFOUND, "Car not found") }

// displayCodeConflict turns a unique violation into the 409 of a duplicate
// display code. The slug, the only other unique column, is chosen free inside
// the same transaction, so the display code is the only one that can clash.
func displayCodeConflict(err error) error {
	return conflict(err, "Display code already exists",
		map[string]any{"displayCode": "Display code already exists"})
}

// readyToInsert checks a new car against every rule and fills in what the
// store computes (slug base, public name, clean plate) and its times as of
// now. Errors: EINVALID.
func (c *Car) readyToInsert(now time.Time) error {
	if err := ValidationError(ValidateCar(c, now)); err != nil {
		return err
	}
	c.setComputed()
	c.CreatedAt, c.UpdatedAt, c.SoldAt = now, now, nil
	if c.Status == CarSold {
		c.SoldAt = &now
	}
	return nil
}

// CreateCar validates c, computes its public name, slug and clean plate, and
// inserts it, filling in ID and timestamps (and SoldAt when it is sold).
// Errors: EINVALID (every broken rule at once), ECONFLICT (display code taken).
func (db *DB) CreateCar(ctx context.Context, c *Car) error {
	if err := c.readyToInsert(db.now()); err != nil {
		return err
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if c.Slug, err = freeCarSlug(ctx, tx, c, 0); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, insertCar, c.insertArgs()...)
	if err != nil {
		return displayCodeConflict(err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return tx.Commit()
}

// insertCar writes every column of a car but its id, in insertArgs' order.
const insertCar = `INSERT INTO cars (display_code, public_name, slug, brand, model, year,
	color, transmission, km, price, fuel_type, plate_number, plate_number_clean, stock_code,
	key_features, condition_notes, photos, primary_photo_index, description, status,
	created_at, updated_at, sold_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertArgs are c's values for insertCar.
func (c *Car) insertArgs() []any {
	return []any{c.DisplayCode, c.PublicName, c.Slug, c.Brand, c.Model, c.Year,
		c.Color, c.Transmission, c.Km, c.Price, nullString(c.FuelType), nullString(c.PlateNumber),
		nullString(c.PlateNumberClean), nullString(c.StockCode),
		jsonStrings(c.KeyFeatures), nullString(c.ConditionNotes), jsonStrings(c.Photos),
		c.PrimaryPhotoIndex, nullString(c.Description), c.Status,
		millis(c.CreatedAt), millis(c.UpdatedAt), nullMillis(c.SoldAt)}
}

// freeCarSlug returns the first of CarSlugBase, base-2, base-3, … that no car
// other than selfID holds. It runs inside the writing transaction, so no
// other writer can take the slug before the row is written.
//
// The base always contains the four-digit year (validated ≥ 1980), or, when
// long names cut it to MaxSlugLen, is nearly 200 characters long; either way
// a car slug can never be a bare word such as "facets", which the public
// router reserves for GET /api/cars/facets.
func freeCarSlug(ctx context.Context, tx *sql.Tx, c *Car, selfID int64) (string, error) {
	base := CarSlugBase(c.Brand, c.Model, c.Year, c.Color, c.DisplayCode)
	for n := 1; ; n++ {
		candidate := SlugWithSuffix(base, n)
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cars WHERE slug = ? AND id <> ?)`,
			candidate, selfID).Scan(&taken); err != nil {
			return "", err
		}
		if !taken {
			return candidate, nil
		}
	}
}

// carColumns is the column list every car query selects, in scanCar's order.
const carColumns = `id, display_code, public_name, slug, brand, model, year, color, transmission,
	km, price, fuel_type, plate_number, plate_number_clean, stock_code, key_features, condition_notes,
	photos, primary_photo_index, description, status, created_at, updated_at, sold_at`

func scanCar(row rowScanner) (*Car, error) {
	var c Car
	var fuel, plate, plateClean, stock, notes, desc sql.NullString
	var features, photos string
	var created, updated int64
	var sold sql.NullInt64
	if err := row.Scan(&c.ID, &c.DisplayCode, &c.PublicName, &c.Slug, &c.Brand, &c.Model, &c.Year,
		&c.Color, &c.Transmission, &c.Km, &c.Price, &fuel, &plate, &plateClean, &stock, &features,
		&notes, &photos, &c.PrimaryPhotoIndex, &desc, &c.Status, &created, &updated, &sold); err != nil {
		return nil, err
	}
	var err error
	if c.KeyFeatures, err = parseJSONStrings(features); err != nil {
		return nil, fmt.Errorf("car %d key_features: %w", c.ID, err)
	}
	if c.Photos, err = parseJSONStrings(photos); err != nil {
		return nil, fmt.Errorf("car %d photos: %w", c.ID, err)
	}
	c.FuelType, c.PlateNumber, c.PlateNumberClean = stringValue(fuel), stringValue(plate), stringValue(plateClean)
	c.StockCode, c.ConditionNotes, c.Description = stringValue(stock), stringValue(notes), stringValue(desc)
	c.CreatedAt, c.UpdatedAt, c.SoldAt = fromMillis(created), fromMillis(updated), timePtr(sold)
	return &c, nil
}

func findCar(ctx context.Context, q querier, where string, arg any) (*Car, error) {
	c, err := scanCar(q.QueryRowContext(ctx, `SELECT `+carColumns+` FROM cars WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errCarNotFound()
	}
	return c, err
}

// FindCarByID returns a car of any status. Errors: ENOTFOUND.
func (db *DB) FindCarByID(ctx context.Context, id int64) (*Car, error) {
	return findCar(ctx, db.reader(), "id = ?", id)
}

// FindCarBySlug returns a car of any status; the public catalogue checks
// that it is available. Errors: ENOTFOUND.
func (db *DB) FindCarBySlug(ctx context.Context, slug string) (*Car, error) {
	return findCar(ctx, db.reader(), "slug = ?", slug)
}

// UpdateCar applies upd to a car and re-validates the result as a whole. The
// public name and slug are recomputed only when brand, model, year, color or
// display code change, so an unrelated edit never moves a car's URL.
// Becoming sold sets SoldAt; leaving sold clears it.
// Errors: ENOTFOUND, EINVALID, ECONFLICT (display code taken).
func (db *DB) UpdateCar(ctx context.Context, id int64, upd CarUpdate) (*Car, error) {
	return db.withCar(ctx, id, func(tx *sql.Tx, old *Car) (*Car, error) {
		c := upd.apply(*old)
		now := db.now()
		if err := ValidationError(ValidateCar(&c, now)); err != nil {
			return nil, err
		}
		c.setComputed()
		if c.Brand != old.Brand || c.Model != old.Model || c.Year != old.Year ||
			c.Color != old.Color || c.DisplayCode != old.DisplayCode {
			var err error
			if c.Slug, err = freeCarSlug(ctx, tx, &c, id); err != nil {
				return nil, err
			}
		}
		switch {
		case c.Status == CarSold && old.Status != CarSold:
			c.SoldAt = &now
		case c.Status != CarSold:
			c.SoldAt = nil
		}
		c.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE cars SET display_code = ?, public_name = ?, slug = ?,
		brand = ?, model = ?, year = ?, color = ?, transmission = ?, km = ?, price = ?, fuel_type = ?,
		plate_number = ?, plate_number_clean = ?, stock_code = ?, key_features = ?, condition_notes = ?,
		photos = ?, primary_photo_index = ?, description = ?, status = ?, updated_at = ?, sold_at = ?
		WHERE id = ?`,
			c.DisplayCode, c.PublicName, c.Slug, c.Brand, c.Model, c.Year, c.Color, c.Transmission,
			c.Km, c.Price, nullString(c.FuelType), nullString(c.PlateNumber), nullString(c.PlateNumberClean),
			nullString(c.StockCode), jsonStrings(c.KeyFeatures), nullString(c.ConditionNotes),
			jsonStrings(c.Photos), c.PrimaryPhotoIndex, nullString(c.Description), c.Status,
			millis(c.UpdatedAt), nullMillis(c.SoldAt), id); err != nil {
			return nil, displayCodeConflict(err)
		}
		return &c, nil
	})
}

// withCar loads car id in one write transaction, lets change write to it
// there, and commits; the car change returns is the answer.
// Errors: ENOTFOUND, and change's.
func (db *DB) withCar(ctx context.Context, id int64, change func(tx *sql.Tx, c *Car) (*Car, error)) (*Car, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCar(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if c, err = change(tx, c); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

// apply returns c with the fields of upd that are set.
func (upd CarUpdate) apply(c Car) Car {
	setIfGiven(&c.DisplayCode, upd.DisplayCode)
	setIfGiven(&c.Brand, upd.Brand)
	setIfGiven(&c.Model, upd.Model)
	setIfGiven(&c.Color, upd.Color)
	setIfGiven(&c.Transmission, upd.Transmission)
	setIfGiven(&c.FuelType, upd.FuelType)
	setIfGiven(&c.PlateNumber, upd.PlateNumber)
	setIfGiven(&c.StockCode, upd.StockCode)
	setIfGiven(&c.ConditionNotes, upd.ConditionNotes)
	setIfGiven(&c.Description, upd.Description)
	setIfGiven(&c.Status, upd.Status)
	setIfGiven(&c.Year, upd.Year)
	setIfGiven(&c.Km, upd.Km)
	setIfGiven(&c.Price, upd.Price)
	setIfGiven(&c.KeyFeatures, upd.KeyFeatures)
	setIfGiven(&c.Photos, upd.Photos)
	setIfGiven(&c.PrimaryPhotoIndex, upd.PrimaryPhotoIndex)
	return c
}

// DeleteCar removes a car and returns it, so the caller can remove its photo
// files. Its leads stay, with car_id set to NULL by the foreign key.
// Errors: ENOTFOUND.
func (db *DB) DeleteCar(ctx context.Context, id int64) (*Car, error) {
	return db.withCar(ctx, id, func(tx *sql.Tx, c *Car) (*Car, error) {
		_, err := tx.ExecContext(ctx, `DELETE FROM cars WHERE id = ?`, id)
		return c, err
	})
}
