package tenants

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

var (
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	hoursPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
	weekdays     = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
		"friday": true, "saturday": true, "sunday": true}
)

// validate trims and checks every field, collecting each broken rule.
func (t *Tenant) validate() error {
	errs := map[string]string{}
	t.validateAccount(errs)
	t.validateContact(errs)
	t.validateBranding(errs)
	return store.ValidationError(errs)
}

// validateAccount checks what identifies the showroom and what the operator
// sells it: slug, name, status, plan, and its WhatsApp wiring.
func (t *Tenant) validateAccount(errs map[string]string) {
	if !ValidSlug(t.Slug) {
		errs["slug"] = "Slug must be 1-63 lower-case letters, digits or dashes, not starting or ending with a dash"
	}
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		errs["name"] = "Name is required"
	} else if utf8.RuneCountInString(t.Name) > 200 {
		errs["name"] = "Name must be at most 200 characters"
	}
	switch t.Status {
	case StatusActive, StatusTrial, StatusSuspended, StatusExpired:
	default:
		errs["status"] = "Status must be active, trial, suspended or expired"
	}
	store.CheckLine(errs, "name", "Name", t.Name)
	if !slices.Contains(plans, t.Plan) {
		errs["plan"] = "Plan must be one of " + strings.Join(plans, ", ")
	}
	if t.WhatsAppNumber != "" {
		n, err := store.NormalizeWhatsAppNumber(t.WhatsAppNumber)
		if err != nil {
			errs["whatsappNumber"] = "Invalid phone number format"
		}
		t.WhatsAppNumber = n
	}
	if !validFonnteToken(t.FonnteToken) {
		errs["fonnteToken"] = fmt.Sprintf("Fonnte token must be at most %d characters, without spaces or line breaks", maxFonnteToken)
	}
}

// validateContact checks the contact details a dealer site shows. Every
// showroom's profile lives in the memory of every server (the registry
// index), so no field may grow without bound.
func (t *Tenant) validateContact(errs map[string]string) {
	for _, f := range []struct {
		key, label string
		value      *string
		max        int
	}{
		{"phone", "Phone", &t.Phone, 50}, {"email", "Email", &t.Email, 254},
		{"address", "Address", &t.Address, 500}, {"city", "City", &t.City, 100},
	} {
		*f.value = strings.TrimSpace(*f.value)
		if utf8.RuneCountInString(*f.value) > f.max {
			errs[f.key] = fmt.Sprintf("%s must be at most %d characters", f.label, f.max)
		}
		store.CheckLine(errs, f.key, f.label, *f.value)
	}
	if a, err := mail.ParseAddress(t.Email); t.Email != "" && errs["email"] == "" && (err != nil || a.Address != t.Email) {
		errs["email"] = "Email is not a valid address"
	}
	// Both URLs end up in href/src attributes of dealer sites: only web
	// addresses, never javascript: or data: URLs.
	t.MapsURL, t.LogoURL = strings.TrimSpace(t.MapsURL), strings.TrimSpace(t.LogoURL)
	if !validWebURL(t.MapsURL) {
		errs["mapsUrl"] = "Maps URL must be an http(s) address or a path starting with /"
	}
	if !validWebURL(t.LogoURL) {
		errs["logoUrl"] = "Logo URL must be an http(s) address or a path starting with /"
	}
	store.CheckLine(errs, "mapsUrl", "Maps URL", t.MapsURL)
	store.CheckLine(errs, "logoUrl", "Logo URL", t.LogoURL)
}

// validateBranding checks colours, business hours and settings, filling in
// their defaults.
func (t *Tenant) validateBranding(errs map[string]string) {
	if t.PrimaryColor == "" {
		t.PrimaryColor = "#FF5722"
	}
	if t.SecondaryColor == "" {
		t.SecondaryColor = "#000000"
	}
	if !colorPattern.MatchString(t.PrimaryColor) {
		errs["primaryColor"] = "Color must be #RRGGBB"
	}
	if !colorPattern.MatchString(t.SecondaryColor) {
		errs["secondaryColor"] = "Color must be #RRGGBB"
	}
	if t.BusinessHours == nil {
		// Stored as an object, never as JSON null.
		t.BusinessHours = map[string]string{}
	}
	for day, h := range t.BusinessHours {
		if !weekdays[day] || (h != "closed" && !hoursPattern.MatchString(h)) {
			errs["businessHours"] = `Business hours map a weekday (monday..sunday) to "HH:MM-HH:MM" or "closed"`
		}
	}
	if len(t.Settings) == 0 {
		t.Settings = json.RawMessage("{}")
	}
	var obj map[string]json.RawMessage
	if len(t.Settings) > maxSettings {
		errs["settings"] = fmt.Sprintf("Settings must be at most %d bytes of JSON", maxSettings)
	} else if json.Unmarshal(t.Settings, &obj) != nil || obj == nil {
		errs["settings"] = "Settings must be a JSON object"
	}
}

// Bounds of the settings object and of a Fonnte token.
const (
	maxSettings    = 16 << 10
	maxFonnteToken = 256
)

// validFonnteToken reports whether token is empty or can travel as the
// Authorization header of a send: visible ASCII only, bounded.
func validFonnteToken(token string) bool {
	if len(token) > maxFonnteToken {
		return false
	}
	for i := 0; i < len(token); i++ {
		if token[i] <= ' ' || token[i] > '~' {
			return false
		}
	}
	return true
}

// validWebURL reports whether s is empty, an absolute http(s) URL with a
// host, or a path on this server ("/uploads/logo.png", not "//host").
func validWebURL(s string) bool {
	if s == "" {
		return true
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > 2048 {
		return false
	}
	if u.Scheme == "" && u.Host == "" {
		return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
