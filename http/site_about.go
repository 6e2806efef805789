package http

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/tenants"
)

// siteHours is one weekday of the business hours as the page shows it.
type siteHours struct {
	DayKey, Hours string
	Closed, Today bool
}

// siteAbout is the data of the showroom's about page.
type siteAbout struct {
	Frame       siteFrame
	Place       string // the address, with the city unless it names it
	MapsURL     string
	Email       string
	Hours       []siteHours
	Zone        string
	Open, Known bool
}

// handleSiteAbout serves GET /tentang: where the showroom is, how to reach
// it, its business hours and whether it is open now in its time zone.
func (s *Server) handleSiteAbout(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := siteLang(r)
	t := sc.Tenant
	loc := showroomZone(t)
	now := s.reg.Now()
	d := siteAbout{Frame: newSiteFrame(t, lang), Place: placeOf(t), MapsURL: t.MapsURL, Email: t.Email, Zone: loc.String()}
	d.Open, d.Known = web.OpenNow(t.BusinessHours, now, loc)
	for _, day := range web.Weekdays {
		h, ok := t.BusinessHours[day]
		if !ok {
			continue
		}
		d.Hours = append(d.Hours, siteHours{DayKey: "day." + day, Hours: h, Closed: h == "closed",
			Today: web.IsToday(day, now, loc)})
	}
	w.Header().Set("Cache-Control", "no-cache")
	s.renderPage(w, r, http.StatusOK, "site/about", &web.Page{Lang: lang, Data: d,
		Title:          lang.T("about.title", t.Name),
		Description:    lang.T("about.description", t.Name),
		Canonical:      s.siteURL(r, "/tentang"),
		StructuredData: autoDealerData(t, s.siteURL(r, "/")),
	})
}

// placeOf is where the showroom is: its address, followed by its city
// unless the address already names it ("Jl. Raya Darmo No. 123,
// Surabaya").
func placeOf(t *tenants.Tenant) string {
	addr, city := strings.TrimSpace(t.Address), strings.TrimSpace(t.City)
	switch {
	case city == "" || strings.Contains(strings.ToLower(addr), strings.ToLower(city)):
		return addr
	case addr == "":
		return city
	}
	return addr + ", " + city
}

// showroomZone is the time zone a showroom's settings name ("timeZone":
// "WIB", "WITA" or "WIT"); WIB, the zone of most showrooms, otherwise.
func showroomZone(t *tenants.Tenant) *time.Location {
	var settings struct {
		TimeZone string `json:"timeZone"`
	}
	json.Unmarshal(t.Settings, &settings) // validated as an object when set
	return web.Zone(settings.TimeZone)
}
