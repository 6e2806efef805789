package http

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// The showroom profile is the owner's to change; admins may read it (they
// need the webhook URL and the WhatsApp state); sales users may not.
func (s *Server) registerShowroomRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/admin/tenant", s.admin(s.handleShowroomView, store.RoleOwner, store.RoleAdmin))
	r.Handler(http.MethodPut, "/api/admin/tenant", s.admin(s.handleShowroomUpdate, store.RoleOwner))
}

// ShowroomView is a showroom as its staff and its operator see it: the
// public profile plus its account state, settings and hosts. It carries no
// secret, so it can be listed: the webhook URL (which holds the webhook
// token) is added by the views that may show it, and the Fonnte token is
// write-only and shows only as fonnteTokenSet.
type ShowroomView struct {
	tenantProfile
	Status         string          `json:"status"`
	Plan           string          `json:"plan"`
	TrialEndsAt    *timestamp      `json:"trialEndsAt"`
	PlanExpiresAt  *timestamp      `json:"planExpiresAt"`
	Settings       json.RawMessage `json:"settings"`
	Hosts          []string        `json:"hosts"`
	FonnteTokenSet bool            `json:"fonnteTokenSet"`
	CreatedAt      timestamp       `json:"createdAt"`
	UpdatedAt      timestamp       `json:"updatedAt"`
	// MovingSince is when a move to another server began: until it ends,
	// every change is refused (503).
	MovingSince *timestamp `json:"movingSince"`
}

// NewShowroomView renders t.
func NewShowroomView(t *tenants.Tenant) ShowroomView {
	settings := t.Settings
	if len(settings) == 0 {
		settings = json.RawMessage("{}")
	}
	return ShowroomView{
		tenantProfile: newTenantProfile(t),
		Status:        t.Status, Plan: t.Plan,
		TrialEndsAt: timestampPtr(t.TrialEndsAt), PlanExpiresAt: timestampPtr(t.PlanExpiresAt),
		Settings: settings, Hosts: nonNil(t.Hosts), FonnteTokenSet: t.FonnteToken != "",
		CreatedAt: timestamp(t.CreatedAt), UpdatedAt: timestamp(t.UpdatedAt),
		MovingSince: timestampPtr(t.MovingSince),
	}
}

// showroomProfile is the admin API's view of the showroom: what its staff
// see, its webhook URL and its WhatsApp wiring.
type showroomProfile struct {
	ShowroomView
	WebhookURL string `json:"webhookUrl"`
	// WhatsAppConnection is the last device state Fonnte reported
	// (docs/api.md, The Fonnte webhook); null until device events are recorded.
	WhatsAppConnection *whatsappConnection `json:"whatsappConnection"`
}

func (s *Server) newShowroomProfile(ctx context.Context, t *tenants.Tenant, db *store.DB) (showroomProfile, error) {
	conn, err := whatsappConnectionOf(ctx, db)
	return showroomProfile{
		ShowroomView: NewShowroomView(t),
		WebhookURL:   t.WebhookURL(s.cfg.PublicURL), WhatsAppConnection: conn,
	}, err
}

func (s *Server) handleShowroomView(w http.ResponseWriter, r *http.Request, sc *scope) {
	p, err := s.newShowroomProfile(r.Context(), sc.Tenant, sc.DB)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, p)
}

// showroomUpdateRequest holds the fields a dealer may change. Status, plan,
// hosts, slug and the webhook token are the operator's (CLI) and are refused
// here as unknown fields. Null or "" clears an optional text field (and the
// Fonnte token); for a colour it restores the default; null settings or
// business hours become {}.
type showroomUpdateRequest struct {
	Name           optional[string]            `json:"name"`
	Phone          optional[string]            `json:"phone"`
	Email          optional[string]            `json:"email"`
	Address        optional[string]            `json:"address"`
	City           optional[string]            `json:"city"`
	MapsURL        optional[string]            `json:"mapsUrl"`
	LogoURL        optional[string]            `json:"logoUrl"`
	PrimaryColor   optional[string]            `json:"primaryColor"`
	SecondaryColor optional[string]            `json:"secondaryColor"`
	BusinessHours  optional[map[string]string] `json:"businessHours"`
	Settings       optional[json.RawMessage]   `json:"settings"`
	WhatsAppNumber optional[string]            `json:"whatsappNumber"`
	FonnteToken    optional[string]            `json:"fonnteToken"`
}

func (req showroomUpdateRequest) update() tenants.TenantUpdate {
	upd := tenants.TenantUpdate{
		Name: req.Name.ptr(), Phone: req.Phone.ptr(), Email: req.Email.ptr(), Address: req.Address.ptr(),
		City: req.City.ptr(), MapsURL: req.MapsURL.ptr(), LogoURL: req.LogoURL.ptr(),
		PrimaryColor: req.PrimaryColor.ptr(), SecondaryColor: req.SecondaryColor.ptr(),
		Settings: req.Settings.ptr(), WhatsAppNumber: req.WhatsAppNumber.ptr(), FonnteToken: req.FonnteToken.ptr(),
		BusinessHours: req.BusinessHours.ptr(),
	}
	if upd.BusinessHours != nil && *upd.BusinessHours == nil {
		upd.BusinessHours = &map[string]string{}
	}
	if upd.FonnteToken != nil {
		token := strings.TrimSpace(*upd.FonnteToken)
		upd.FonnteToken = &token
	}
	return upd
}

// handleShowroomUpdate applies a partial update through the registry, which
// validates it (422) and refuses a WhatsApp number another showroom uses
// (409). The answer is the profile as stored.
func (s *Server) handleShowroomUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req showroomUpdateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	t, err := s.updateShowroom(r, sc, req.update())
	if err != nil {
		Error(w, r, err)
		return
	}
	p, err := s.newShowroomProfile(r.Context(), t, sc.DB)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, p)
}

// updateShowroom applies upd to the showroom of sc, for the API and the
// dashboard. A logo uploaded before that is replaced or cleared leaves the
// disk (removeUploads keeps a file a car shows).
// Errors: EINVALID, ECONFLICT (WhatsApp number taken).
func (s *Server) updateShowroom(r *http.Request, sc *scope, upd tenants.TenantUpdate) (*tenants.Tenant, error) {
	if err := checkTimeZone(upd); err != nil {
		return nil, err
	}
	t, err := s.reg.UpdateTenant(r.Context(), sc.Tenant.Slug, upd)
	if err == nil && t.LogoURL != sc.Tenant.LogoURL {
		s.removeUploads(r, sc, sc.Tenant.LogoURL)
	}
	return t, err
}

// checkTimeZone refuses a settings.timeZone that names no zone of
// Indonesia: the dashboard would quietly show its times in WIB. The
// registry checks the rest of the settings (a JSON object, its size).
func checkTimeZone(upd tenants.TenantUpdate) error {
	zone, given := upd.Setting["timeZone"]
	if upd.Settings != nil {
		var settings struct {
			TimeZone json.RawMessage `json:"timeZone"`
		}
		if json.Unmarshal(*upd.Settings, &settings) == nil && settings.TimeZone != nil {
			zone, given = settings.TimeZone, true
		}
	}
	var name string
	if !given || (json.Unmarshal(zone, &name) == nil && web.KnownZone(name)) {
		return nil
	}
	return store.ValidationError(map[string]string{"settings": "settings.timeZone must be WIB, WITA or WIT"})
}
