// Package tenants is the registry of showrooms: which exist, which hosts and
// WhatsApp numbers reach them, whether they may be served, where their files
// live, and the pool of their open databases.
package tenants

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

// Tenant statuses.
const (
	StatusActive    = "active"
	StatusTrial     = "trial"
	StatusSuspended = "suspended"
	StatusExpired   = "expired"
)

// Plans a tenant can be on.
var plans = []string{"trial", "free", "starter", "growth", "pro"}

// Tenant is one showroom as the registry knows it.
type Tenant struct {
	ID             int64
	Slug           string
	Name           string
	Status         string
	Plan           string
	TrialEndsAt    *time.Time
	PlanExpiresAt  *time.Time
	Phone          string
	WhatsAppNumber string // Fonnte device number, digits 62…
	Email          string
	Address        string
	City           string
	MapsURL        string
	LogoURL        string
	PrimaryColor   string
	SecondaryColor string
	BusinessHours  map[string]string
	Settings       json.RawMessage // a JSON object
	WebhookToken   string
	FonnteToken    string // secret; never shown
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Hosts          []string
}

// Access reports whether the tenant may be served at now: nil, or an
// EFORBIDDEN error whose message the API shows.
func (t *Tenant) Access(now time.Time) error {
	switch {
	case t.Status == StatusSuspended:
		return store.Errorf(store.EFORBIDDEN, "Showroom account is suspended")
	case t.Status == StatusExpired, t.PlanExpiresAt != nil && t.PlanExpiresAt.Before(now):
		return store.Errorf(store.EFORBIDDEN, "Showroom subscription has expired")
	case t.Status == StatusTrial && t.TrialEndsAt != nil && t.TrialEndsAt.Before(now):
		return store.Errorf(store.EFORBIDDEN, "Trial period has expired")
	}
	return nil
}

var (
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	hoursPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
	weekdays     = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
		"friday": true, "saturday": true, "sunday": true}
)

// validate trims and checks every field, collecting each broken rule.
func (t *Tenant) validate() error {
	errs := map[string]string{}
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
	if !validPlan(t.Plan) {
		errs["plan"] = "Plan must be one of " + strings.Join(plans, ", ")
	}
	if t.WhatsAppNumber != "" {
		n, err := store.NormalizeWhatsAppNumber(t.WhatsAppNumber)
		if err != nil {
			errs["whatsappNumber"] = "Invalid phone number format"
		}
		t.WhatsAppNumber = n
	}
	t.MapsURL, t.LogoURL = strings.TrimSpace(t.MapsURL), strings.TrimSpace(t.LogoURL)
	// Every showroom's profile lives in the memory of every server (the
	// registry index), so no field may grow without bound.
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
	}
	if a, err := mail.ParseAddress(t.Email); t.Email != "" && errs["email"] == "" && (err != nil || a.Address != t.Email) {
		errs["email"] = "Email is not a valid address"
	}
	if !validFonnteToken(t.FonnteToken) {
		errs["fonnteToken"] = fmt.Sprintf("Fonnte token must be at most %d characters, without spaces or line breaks", maxFonnteToken)
	}
	// Both URLs end up in href/src attributes of dealer sites: only web
	// addresses, never javascript: or data: URLs.
	if !validWebURL(t.MapsURL) {
		errs["mapsUrl"] = "Maps URL must be an http(s) address or a path starting with /"
	}
	if !validWebURL(t.LogoURL) {
		errs["logoUrl"] = "Logo URL must be an http(s) address or a path starting with /"
	}
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
	return store.ValidationError(errs)
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

func validPlan(p string) bool {
	for _, q := range plans {
		if p == q {
			return true
		}
	}
	return false
}

// NormalizeHost lower-cases a host, drops a port and a trailing dot, as
// SPEC §5 resolves them. Only a numeric port is dropped: "http://x" or
// "x:abc" are left whole, so validation refuses them instead of taking
// "http" or "x" for the host.
func NormalizeHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if strings.HasPrefix(h, "[") { // IPv6 literal, maybe with a port
		if i := strings.IndexByte(h, ']'); i > 0 && isPortSuffix(h[i+1:]) {
			h = h[:i+1]
		}
	} else if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 && isPortSuffix(h[i:]) {
		h = h[:i]
	}
	return strings.TrimSuffix(h, ".")
}

// isPortSuffix reports whether s is empty or a colon and digits, the only
// thing a Host header may carry after the host (RFC 9110 §7.2).
func isPortSuffix(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

var hostPattern = regexp.MustCompile(`^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$`)

// validHost reports whether h (already normalised) is a host name or IP
// literal that a Host header can carry.
func validHost(h string) bool { return len(h) <= 253 && hostPattern.MatchString(h) }
