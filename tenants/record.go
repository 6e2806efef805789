package tenants

import (
	"encoding/json"
	"time"
)

// Record is a showroom's registry entry as an export carries it to another
// node: everything that makes it the same showroom there — its hosts, its
// WhatsApp number and webhook token (so Fonnte's calls keep working), its
// account state and settings. Its id is this registry's own and is not
// carried; nor is the moving state, which ends with the move. The Fonnte
// token travels only when asked for.
type Record struct {
	Slug           string            `json:"slug"`
	Name           string            `json:"name"`
	Status         string            `json:"status"`
	Plan           string            `json:"plan"`
	TrialEndsAt    *time.Time        `json:"trialEndsAt"`
	PlanExpiresAt  *time.Time        `json:"planExpiresAt"`
	Phone          string            `json:"phone"`
	WhatsAppNumber string            `json:"whatsappNumber"`
	Email          string            `json:"email"`
	Address        string            `json:"address"`
	City           string            `json:"city"`
	MapsURL        string            `json:"mapsUrl"`
	LogoURL        string            `json:"logoUrl"`
	PrimaryColor   string            `json:"primaryColor"`
	SecondaryColor string            `json:"secondaryColor"`
	BusinessHours  map[string]string `json:"businessHours"`
	Settings       json.RawMessage   `json:"settings"`
	WebhookToken   string            `json:"webhookToken"`
	FonnteToken    string            `json:"fonnteToken,omitempty"`
	Hosts          []string          `json:"hosts"`
	CreatedAt      time.Time         `json:"createdAt"`
	UpdatedAt      time.Time         `json:"updatedAt"`
}

// NewRecord is t's record, with its Fonnte token only when withFonnteToken.
func NewRecord(t *Tenant, withFonnteToken bool) Record {
	rec := Record{Slug: t.Slug, Name: t.Name, Status: t.Status, Plan: t.Plan, TrialEndsAt: t.TrialEndsAt,
		PlanExpiresAt: t.PlanExpiresAt, Phone: t.Phone, WhatsAppNumber: t.WhatsAppNumber, Email: t.Email,
		Address: t.Address, City: t.City, MapsURL: t.MapsURL, LogoURL: t.LogoURL, PrimaryColor: t.PrimaryColor,
		SecondaryColor: t.SecondaryColor, BusinessHours: t.BusinessHours, Settings: t.Settings,
		WebhookToken: t.WebhookToken, Hosts: t.Hosts, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
	if withFonnteToken {
		rec.FonnteToken = t.FonnteToken
	}
	return rec
}

// Tenant is the showroom rec describes, not yet registered.
func (rec Record) Tenant() *Tenant {
	return &Tenant{Slug: rec.Slug, Name: rec.Name, Status: rec.Status, Plan: rec.Plan, TrialEndsAt: rec.TrialEndsAt,
		PlanExpiresAt: rec.PlanExpiresAt, Phone: rec.Phone, WhatsAppNumber: rec.WhatsAppNumber, Email: rec.Email,
		Address: rec.Address, City: rec.City, MapsURL: rec.MapsURL, LogoURL: rec.LogoURL, PrimaryColor: rec.PrimaryColor,
		SecondaryColor: rec.SecondaryColor, BusinessHours: rec.BusinessHours, Settings: rec.Settings,
		WebhookToken: rec.WebhookToken, FonnteToken: rec.FonnteToken, Hosts: rec.Hosts,
		CreatedAt: rec.CreatedAt.UTC(), UpdatedAt: rec.UpdatedAt.UTC()}
}
