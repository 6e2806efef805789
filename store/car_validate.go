package store

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a car's fields (docs/api.md, Inventory). The length caps of the short texts are
// not in the API's first specification; they keep one row, its slug and the catalogue bounded.
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
	// Each text field names its control-character rule: CheckText where
	// line breaks belong, CheckLine elsewhere.
	required := func(field, label string, v *string, maxLen int, control TextRule) {
		checkRequiredText(errs, field, label, v, maxLen, control)
	}
	optional := func(field, label string, v *string, maxLen int, control TextRule) {
		*v = strings.TrimSpace(*v)
		if utf8.RuneCountInString(*v) > maxLen {
			errs[field] = fmt.Sprintf("%s must be at most %d characters", label, maxLen)
		}
		control(errs, field, label, *v)
	}
	required("displayCode", "Display code", &c.DisplayCode, maxCodeLen, CheckLine)
	required("brand", "Brand", &c.Brand, maxShortTextLen, CheckLine)
	required("model", "Model", &c.Model, maxShortTextLen, CheckLine)
	required("color", "Color", &c.Color, maxShortTextLen, CheckLine)
	optional("fuelType", "Fuel type", &c.FuelType, maxShortTextLen, CheckLine)
	optional("plateNumber", "Plate number", &c.PlateNumber, maxCodeLen, CheckLine)
	optional("stockCode", "Stock code", &c.StockCode, maxCodeLen, CheckLine)
	optional("conditionNotes", "Condition notes", &c.ConditionNotes, MaxDescriptionLen, CheckText)
	optional("description", "Description", &c.Description, MaxDescriptionLen, CheckText)

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
	checkStringList(errs, "keyFeatures", "key feature", "key features", c.KeyFeatures, MaxKeyFeatures, maxKeyFeatureLen)
	for _, f := range c.KeyFeatures {
		CheckLine(errs, "keyFeatures", "Key features", f)
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
	if s == "" || len(s) > maxPhotoURLLen || strings.ContainsAny(s, " \"'<>\\") || ControlInLine(s) {
		return false
	}
	if strings.HasPrefix(s, "/uploads/") {
		return !strings.Contains(s, "..")
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// checkRequiredText trims *v and records in errs when it is empty, longer
// than maxLen characters, or breaks control.
func checkRequiredText(errs map[string]string, field, label string, v *string, maxLen int, control TextRule) {
	*v = strings.TrimSpace(*v)
	switch {
	case *v == "":
		errs[field] = label + " is required"
	case utf8.RuneCountInString(*v) > maxLen:
		errs[field] = fmt.Sprintf("%s must be at most %d characters", label, maxLen)
	}
	control(errs, field, label, *v)
}
