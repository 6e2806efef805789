package http

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/whatsapp"
)

// The showroom's settings page: its profile, website colours, business
// hours and WhatsApp wiring. Owners change them; admins read them (they
// need the webhook URL and the device's state), as on the API
// (http/showroom.go); sales users have no settings page.
func (s *Server) registerDeskSettingsRoutes(r *routeTable) {
	r.Page(http.MethodGet, "/admin/settings", s.deskSignedIn(s.handleDeskSettings, store.RoleOwner, store.RoleAdmin))
	r.Page(http.MethodPost, "/admin/settings", s.deskPost(s.deskSignedIn(s.handleDeskSettingsSave, store.RoleOwner)))
	r.Page(http.MethodPost, "/admin/settings/fonnte-token", s.deskPost(s.deskSignedIn(s.handleDeskFonnteToken, store.RoleOwner)))
	r.Page(http.MethodPost, "/admin/settings/test-message", s.deskPost(s.deskSignedIn(s.handleDeskTestMessage, store.RoleOwner)))
	r.Page(http.MethodPost, "/admin/settings/logo", s.deskPost(s.deskUploads(photoBodyLimit, logoRefusedSize, s.handleDeskLogoUpload, store.RoleOwner)))
	r.Page(http.MethodPost, "/admin/settings/logo/delete", s.deskPost(s.deskSignedIn(s.handleDeskLogoDelete, store.RoleOwner)))
}

// deskSettings is the data of the settings page. Errors hold the reasons
// beside the fields of the form that came back, by field.
type deskSettings struct {
	CanEdit bool
	Profile settingsProfile
	// Fields are the profile's fields as the page shows them.
	Fields []settingsField
	Zones  []deskOption
	Hours  []settingsDay
	Errors map[string]string
	// Saved names what was just saved: "profile", "token", "logo" or
	// "logoRemoved".
	Saved      string
	LogoURL    string
	WebhookURL string
	TokenSet   bool
	Connection *settingsConnection
	TestNumber string
}

// settingsProfile holds the profile form's fields, as stored or as typed.
type settingsProfile struct {
	Name, Phone, Email, Address, City, MapsURL, WhatsAppNumber, PrimaryColor, SecondaryColor string
	// TimeZone is WIB, WITA or WIT: the dashboard's times, the board's
	// days and the exports follow it.
	TimeZone string
}

// settingsField is a field of the profile form: its name (the API's),
// input type, label, value and the reason it was refused.
type settingsField struct {
	Name, Type, Label, Hint, Value, Error string
}

// settingsDay is one weekday's business hours: open and close times, or
// closed all day; all empty when not given.
type settingsDay struct {
	Day, Label, Open, Close string
	Closed                  bool
}

// settingsConnection is the WhatsApp device's state Fonnte last reported.
type settingsConnection struct {
	Connected            bool
	Device, Reason, When string
}

// handleDeskSettings serves GET /admin/settings.
func (s *Server) handleDeskSettings(w http.ResponseWriter, r *http.Request, sc *scope) {
	p := &deskSettings{Saved: r.URL.Query().Get("saved"), Profile: settingsOf(sc.Tenant)}
	if r.URL.Query().Get("refused") == "size" {
		p.Errors = map[string]string{"logo": deskLang(r).T("desk.photos.refused.size", maxPhotoBytes>>20)}
	}
	s.renderDeskSettings(w, r, sc, http.StatusOK, p, sc.Tenant.BusinessHours)
}

func (s *Server) renderDeskSettings(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskSettings, hours map[string]string) {
	lang := deskLang(r)
	c, err := whatsapp.LatestConnection(r.Context(), sc.DB)
	if err != nil {
		Error(w, r, err)
		return
	}
	if c != nil {
		p.Connection = &settingsConnection{Connected: c.Connected(), Device: c.Device,
			Reason: c.Reason, When: web.DateTime(c.UpdatedAt, showroomZone(sc.Tenant), lang)}
	}
	p.CanEdit, p.TokenSet = sc.User.Role == store.RoleOwner, sc.Tenant.FonnteToken != ""
	p.WebhookURL, p.LogoURL = sc.Tenant.WebhookURL(s.cfg.PublicURL), sc.Tenant.LogoURL
	f := p.Profile
	for _, field := range []settingsField{
		{Name: "name", Type: "text", Value: f.Name}, {Name: "phone", Type: "tel", Value: f.Phone},
		{Name: "whatsappNumber", Type: "tel", Value: f.WhatsAppNumber}, {Name: "email", Type: "email", Value: f.Email},
		{Name: "address", Type: "text", Value: f.Address}, {Name: "city", Type: "text", Value: f.City},
		{Name: "mapsUrl", Type: "url", Value: f.MapsURL},
		{Name: "primaryColor", Type: "color", Value: f.PrimaryColor}, {Name: "secondaryColor", Type: "color", Value: f.SecondaryColor},
	} {
		field.Label, field.Error = lang.T("desk.settings.field."+field.Name), p.Errors[field.Name]
		if hint := "desk.settings.hint." + field.Name; lang.T(hint) != hint {
			field.Hint = lang.T(hint)
		}
		p.Fields = append(p.Fields, field)
	}
	for _, z := range web.ZoneNames {
		p.Zones = append(p.Zones, deskOption{Value: z, Label: lang.T("desk.settings.zone." + z), Selected: z == f.TimeZone})
	}
	for _, day := range web.Weekdays {
		d := settingsDay{Day: day, Label: lang.T("day." + day)}
		if h := hours[day]; h == "closed" {
			d.Closed = true
		} else {
			d.Open, d.Close, _ = strings.Cut(h, "-")
		}
		p.Hours = append(p.Hours, d)
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "settings", section: sectionAccount,
		titleKey: "desk.settings.title", live: true, content: p})
}

// handleDeskSettingsSave serves POST /admin/settings: the profile,
// colours and business hours, through the API's update.
func (s *Server) handleDeskSettingsSave(w http.ResponseWriter, r *http.Request, sc *scope) {
	f := settingsProfile{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
		Address: r.PostFormValue("address"), City: r.PostFormValue("city"), MapsURL: r.PostFormValue("mapsUrl"),
		WhatsAppNumber: r.PostFormValue("whatsappNumber"),
		PrimaryColor:   r.PostFormValue("primaryColor"), SecondaryColor: r.PostFormValue("secondaryColor"),
		TimeZone: r.PostFormValue("timeZone")}
	hours := formHours(r)
	if f.TimeZone == "" { // a page loaded before the field existed: the zone stays
		f.TimeZone = showroomZone(sc.Tenant).String()
	}
	zone, _ := json.Marshal(f.TimeZone) // a string always encodes
	upd := showroomUpdateRequest{Name: given(f.Name), Phone: given(f.Phone),
		Email: given(f.Email), Address: given(f.Address), City: given(f.City), MapsURL: given(f.MapsURL),
		WhatsAppNumber: given(f.WhatsAppNumber), PrimaryColor: given(f.PrimaryColor),
		SecondaryColor: given(f.SecondaryColor), BusinessHours: given(hours)}.update()
	upd.Setting = map[string]json.RawMessage{"timeZone": zone}
	if _, err := s.updateShowroom(r, sc, upd); err != nil {
		// The form's one setting is the time zone: refused, it is named there.
		s.deskSettingsFailed(w, r, sc, &deskSettings{Profile: f}, hours, renameDetail(err, "settings", "timeZone"))
		return
	}
	http.Redirect(w, r, deskPath+"/settings?saved=profile#profile", http.StatusSeeOther)
}

// formHours reads the business hours of the form: per weekday "closed",
// or its open and close times joined as the API takes them; a day with
// neither is left out (not given). The registry checks the result.
func formHours(r *http.Request) map[string]string {
	hours := map[string]string{}
	for _, day := range web.Weekdays {
		open, closes := r.PostFormValue("open-"+day), r.PostFormValue("close-"+day)
		switch {
		case r.PostFormValue("closed-"+day) != "":
			hours[day] = "closed"
		case open != "" || closes != "":
			hours[day] = open + "-" + closes
		}
	}
	return hours
}

// given is a field of a partial update that is set to v.
func given[T any](v T) optional[T] { return optional[T]{Set: true, Value: v} }

// deskSettingsFailed answers a refused form of the settings page: the
// page again with the reasons beside the fields in the user's language,
// and the API's status. Other errors answer an error page.
func (s *Server) deskSettingsFailed(w http.ResponseWriter, r *http.Request, sc *scope, p *deskSettings, hours map[string]string, err error) {
	status := http.StatusUnprocessableEntity
	switch store.ErrorCode(err) {
	case store.EINVALID:
	case store.ECONFLICT:
		status = http.StatusConflict
	default:
		Error(w, r, err)
		return
	}
	lang := deskLang(r)
	p.Errors = map[string]string{}
	for field := range store.ErrorDetails(err) {
		p.Errors[field] = catalogueText(lang, "desk.settings.invalid."+field, "desk.lead.invalid")
	}
	if status == http.StatusConflict {
		p.Errors["whatsappNumber"] = lang.T("desk.settings.numberTaken")
	}
	s.renderDeskSettings(w, r, sc, status, p, hours)
}

// settingsOf is the profile form as t stores it.
func settingsOf(t *tenants.Tenant) settingsProfile {
	return settingsProfile{Name: t.Name, Phone: t.Phone, Email: t.Email, Address: t.Address, City: t.City,
		MapsURL: t.MapsURL, WhatsAppNumber: t.WhatsAppNumber,
		PrimaryColor: t.PrimaryColor, SecondaryColor: t.SecondaryColor, TimeZone: showroomZone(t).String()}
}
