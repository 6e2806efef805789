// Package tenants is the registry of showrooms: which exist, which hosts
// reach them, their WhatsApp wiring, whether they may be served, where their
// files live, and the pool of their open databases.
package tenants

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

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
	// MovingSince is when the showroom was put in the moving state (see
	// moving.go), nil when it is not moving.
	MovingSince *time.Time
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

// NormalizeHost lower-cases a host, drops a port and a trailing dot, as
// docs/api.md (Showrooms and hosts) resolves them. Only a numeric port is dropped: "http://x" or
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

// ValidHost reports whether h (already normalised) is a host name or IP
// literal that a Host header can carry.
func ValidHost(h string) bool { return len(h) <= 253 && hostPattern.MatchString(h) }
