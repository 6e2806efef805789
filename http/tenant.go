package http

import (
	"net/http"

	"github.com/autoleads/autoleads/tenants"
)

func (s *Server) registerTenantRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/tenant", s.public(s.handleTenantView))
}

// tenantProfile is the public face of a showroom.
type tenantProfile struct {
	ID             int64             `json:"id"`
	Slug           string            `json:"slug"`
	Name           string            `json:"name"`
	LogoURL        *string           `json:"logoUrl"`
	PrimaryColor   string            `json:"primaryColor"`
	SecondaryColor string            `json:"secondaryColor"`
	Phone          *string           `json:"phone"`
	WhatsAppNumber *string           `json:"whatsappNumber"`
	Email          *string           `json:"email"`
	Address        *string           `json:"address"`
	City           *string           `json:"city"`
	MapsURL        *string           `json:"mapsUrl"`
	BusinessHours  map[string]string `json:"businessHours"`
}

func (s *Server) handleTenantView(w http.ResponseWriter, r *http.Request, sc *scope) {
	writeData(w, http.StatusOK, newTenantProfile(sc.Tenant))
}

// newTenantProfile builds the public profile; the admin showroom view
// extends it.
func newTenantProfile(t *tenants.Tenant) tenantProfile {
	return tenantProfile{
		ID: t.ID, Slug: t.Slug, Name: t.Name, LogoURL: nullableString(t.LogoURL),
		PrimaryColor: t.PrimaryColor, SecondaryColor: t.SecondaryColor,
		Phone: nullableString(t.Phone), WhatsAppNumber: nullableString(t.WhatsAppNumber),
		Email: nullableString(t.Email), Address: nullableString(t.Address), City: nullableString(t.City),
		MapsURL: nullableString(t.MapsURL), BusinessHours: t.BusinessHours,
	}
}
