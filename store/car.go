package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
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
	FuelType     string // case-insensitive equality
	Search       string // case-insensitive substring of publicName, brand, model, displayCode, color
	SortBy       string // newest (default), price_asc, price_desc, km_asc, year_desc, status (status order, then newest)
	Offset       int
	Limit        int
}

// Limits of a car's fields (SPEC §8). The length caps of the short texts are
// not in the SPEC; they keep one row, its slug and the catalogue bounded.
const (
	MinCarYear        = 1980
	MaxCarPrice       = 999_999_999_999
	MaxCarKm          = 9_999_999
	MaxCarPhotos      = 20
	MaxKeyFeatures    = 10
	MaxDescriptionLen = 5000 // characters; condition notes share the cap

	maxShortTextLen  = 100  // brand, model, color, fuel type
	maxCodeLen       = 50   // display code, plate, stock code
	maxKeyFeatureLen = 200  // one key feature
	maxPhotoURLLen   = 2048 // one photo URL
)

// ValidCarStatus reports whether s is a car status.
func ValidCarStatus(s string) bool {
	return s == CarAvailable || s == CarSold || s == CarBooking || s == CarDraft
}

// ValidTransmission reports whether s is a transmission.
func ValidTransmission(s string) bool { return s == TransmissionManual || s == TransmissionMatic }

// ValidateCar normalises c in place (trims strings, drops empty key features,
// defaults the status to draft) and returns one message per broken rule,
// keyed by the API's camelCase field name; an empty map means c is valid.
// now bounds the year. CreateCar and UpdateCar call it; the HTTP layer calls
// it too so that rules it checks itself (a required number that is absent)
// are reported together with these.
func ValidateCar(c *Car, now time.Time) map[string]string {
	errs := map[string]string{}
	required := func(field, label string, v *string, maxLen int) {
		*v = strings.TrimSpace(*v)
		switch {
		case *v == "":
			errs[field] = label + " is required"
		case utf8.RuneCountInString(*v) > maxLen:
			errs[field] = fmt.Sprintf("%s must be at most %d characters", label, maxLen)
		}
	}
	optional := func(field, label string, v *string, maxLen int) {
		*v = strings.TrimSpace(*v)
		if utf8.RuneCountInString(*v) > maxLen {
			errs[field] = fmt.Sprintf("%s must be at most %d characters", label, maxLen)
		}
	}
	required("displayCode", "Display code", &c.DisplayCode, maxCodeLen)
	required("brand", "Brand", &c.Brand, maxShortTextLen)
	required("model", "Model", &c.Model, maxShortTextLen)
	required("color", "Color", &c.Color, maxShortTextLen)
	optional("fuelType", "Fuel type", &c.FuelType, maxShortTextLen)
	optional("plateNumber", "Plate number", &c.PlateNumber, maxCodeLen)
	optional("stockCode", "Stock code", &c.StockCode, maxCodeLen)
	optional("conditionNotes", "Condition notes", &c.ConditionNotes, MaxDescriptionLen)
	optional("description", "Description", &c.Description, MaxDescriptionLen)

	if maxYear := now.UTC().Year() + 1; c.Year < MinCarYear || c.Year > maxYear {
		errs["year"] = fmt.Sprintf("Year must be between %d and %d", MinCarYear, maxYear)
	}
	c.Transmission = strings.TrimSpace(c.Transmission)
	if c.Transmission == "" {
		errs["transmission"] = "Transmission is required"
	} else if !ValidTransmission(c.Transmission) {
		errs["transmission"] = "Transmission must be Manual or Matic"
	}
	if c.Km < 0 || c.Km > MaxCarKm {
		errs["km"] = "Km must be between 0 and 9,999,999"
	}
	if c.Price < 0 || c.Price > MaxCarPrice {
		errs["price"] = "Price must be between 0 and 999,999,999,999"
	}

	c.KeyFeatures = cleanStrings(c.KeyFeatures)
	if len(c.KeyFeatures) > MaxKeyFeatures {
		errs["keyFeatures"] = fmt.Sprintf("At most %d key features are allowed", MaxKeyFeatures)
	}
	for _, f := range c.KeyFeatures {
		if utf8.RuneCountInString(f) > maxKeyFeatureLen {
			errs["keyFeatures"] = fmt.Sprintf("Each key feature must be at most %d characters", maxKeyFeatureLen)
		}
	}

	if c.Photos == nil {
		c.Photos = []string{}
	}
	for i, p := range c.Photos {
		c.Photos[i] = strings.TrimSpace(p)
		if !validPhotoURL(c.Photos[i]) {
			errs["photos"] = "Each photo must be an /uploads/ path or an http(s) URL"
		}
	}
	if len(c.Photos) > MaxCarPhotos {
		errs["photos"] = fmt.Sprintf("At most %d photos are allowed", MaxCarPhotos)
	}
	if c.PrimaryPhotoIndex < 0 || (len(c.Photos) == 0 && c.PrimaryPhotoIndex != 0) ||
		(len(c.Photos) > 0 && c.PrimaryPhotoIndex >= len(c.Photos)) {
		errs["primaryPhotoIndex"] = "Primary photo index must point at one of the photos"
	}

	c.Status = strings.TrimSpace(c.Status)
	if c.Status == "" {
		c.Status = CarDraft
	}
	if !ValidCarStatus(c.Status) {
		errs["status"] = "Status must be available, sold, booking or draft"
	}
	return errs
}

// validPhotoURL accepts a path of this site's uploads or an absolute http(s)
// URL. Anything else (javascript:, data:, relative junk) could turn a
// dashboard's <img src> into an attack, so it is refused.
func validPhotoURL(s string) bool {
	if s == "" || len(s) > maxPhotoURLLen || strings.ContainsAny(s, " \t\r\n\"'<>\\") {
		return false
	}
	if strings.HasPrefix(s, "/uploads/") {
		return !strings.Contains(s, "..")
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
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

// CreateCar validates c, computes its public name, slug and clean plate, and
// inserts it, filling in ID and timestamps (and SoldAt when it is sold).
// Errors: EINVALID (every broken rule at once), ECONFLICT (display code taken).
func (db *DB) CreateCar(ctx context.Context, c *Car) error {
	now := db.now()
	if err := ValidationError(ValidateCar(c, now)); err != nil {
		return err
	}
	c.setComputed()
	c.CreatedAt, c.UpdatedAt, c.SoldAt = now, now, nil
	if c.Status == CarSold {
		c.SoldAt = &now
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if c.Slug, err = freeCarSlug(ctx, tx, c, 0); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO cars (display_code, public_name, slug, brand, model, year,
		color, transmission, km, price, fuel_type, plate_number, plate_number_clean, stock_code,
		key_features, condition_notes, photos, primary_photo_index, description, status,
		created_at, updated_at, sold_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.DisplayCode, c.PublicName, c.Slug, c.Brand, c.Model, c.Year,
		c.Color, c.Transmission, c.Km, c.Price, nullString(c.FuelType), nullString(c.PlateNumber),
		nullString(c.PlateNumberClean), nullString(c.StockCode),
		jsonStrings(c.KeyFeatures), nullString(c.ConditionNotes), jsonStrings(c.Photos),
		c.PrimaryPhotoIndex, nullString(c.Description), c.Status,
		millis(c.CreatedAt), millis(c.UpdatedAt), nullMillis(c.SoldAt))
	if err != nil {
		return displayCodeConflict(err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return tx.Commit()
}

// freeCarSlug returns the first of CarSlugBase, base-2, base-3, … that no car
// other than selfID holds. It runs inside the writing transaction, so no
// other writer can take the slug before the row is written.
//
// The base always contains the year (validated ≥ 1980) unless it was cut to
// MaxSlugLen, so a car slug can never be a bare word such as "facets", which
// the public router reserves.
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
	return findCar(ctx, db.h.Read, "id = ?", id)
}

// FindCarBySlug returns a car of any status; the public catalogue checks
// that it is available. Errors: ENOTFOUND.
func (db *DB) FindCarBySlug(ctx context.Context, slug string) (*Car, error) {
	return findCar(ctx, db.h.Read, "slug = ?", slug)
}

// UpdateCar applies upd to a car and re-validates the result as a whole. The
// public name and slug are recomputed only when brand, model, year, color or
// display code change, so an unrelated edit never moves a car's URL.
// Becoming sold sets SoldAt; leaving sold clears it.
// Errors: ENOTFOUND, EINVALID, ECONFLICT (display code taken).
func (db *DB) UpdateCar(ctx context.Context, id int64, upd CarUpdate) (*Car, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := findCar(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	c := upd.apply(*old)
	now := db.now()
	if err := ValidationError(ValidateCar(&c, now)); err != nil {
		return nil, err
	}
	c.setComputed()
	if c.Brand != old.Brand || c.Model != old.Model || c.Year != old.Year ||
		c.Color != old.Color || c.DisplayCode != old.DisplayCode {
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
	return &c, tx.Commit()
}

// apply returns c with the fields of upd that are set.
func (upd CarUpdate) apply(c Car) Car {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&c.DisplayCode, upd.DisplayCode)
	set(&c.Brand, upd.Brand)
	set(&c.Model, upd.Model)
	set(&c.Color, upd.Color)
	set(&c.Transmission, upd.Transmission)
	set(&c.FuelType, upd.FuelType)
	set(&c.PlateNumber, upd.PlateNumber)
	set(&c.StockCode, upd.StockCode)
	set(&c.ConditionNotes, upd.ConditionNotes)
	set(&c.Description, upd.Description)
	set(&c.Status, upd.Status)
	if upd.Year != nil {
		c.Year = *upd.Year
	}
	if upd.Km != nil {
		c.Km = *upd.Km
	}
	if upd.Price != nil {
		c.Price = *upd.Price
	}
	if upd.KeyFeatures != nil {
		c.KeyFeatures = *upd.KeyFeatures
	}
	if upd.Photos != nil {
		c.Photos = *upd.Photos
	}
	if upd.PrimaryPhotoIndex != nil {
		c.PrimaryPhotoIndex = *upd.PrimaryPhotoIndex
	}
	return c
}

// DeleteCar removes a car and returns it, so the caller can remove its photo
// files. Its leads stay, with car_id set to NULL by the foreign key.
// Errors: ENOTFOUND.
func (db *DB) DeleteCar(ctx context.Context, id int64) (*Car, error) {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCar(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM cars WHERE id = ?`, id); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}
