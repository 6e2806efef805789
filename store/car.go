package store

import "time"

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
