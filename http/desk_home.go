package http

import (
	"net/http"
	"net/url"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

// deskHome is the dashboard's first page: the signed-in user's day at a
// glance, each lead figure linking to the inbox that lists it.
type deskHome struct {
	Name string
	// Alerts are the showroom's WhatsApp troubles (catalogue keys); Fix
	// says how to mend them, for those who may.
	Alerts []string
	Fix    bool
	// Mine: the open leads counted are the user's own (sales), not all.
	Mine bool
	// Awaiting counts the conversations whose customer spoke last, as
	// the title does.
	Awaiting int64
	*store.DeskSummary
	Open []homeStatus
	// MedianFirstResponse is the week's median as people say it, or "".
	MedianFirstResponse string
}

// homeStatus is one status of the open leads, with the inbox listing them.
type homeStatus struct {
	Status, Label, URL string
	Count              int64
}

// handleDeskHome serves GET /admin.
func (s *Server) handleDeskHome(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := deskLang(r)
	now := time.Now()
	day := showroomDay(now, showroomZone(sc.Tenant))
	mine := sc.User.Role == store.RoleSales
	of := store.DeskSummaryOf{VisibleTo: salesVisibility(sc.User), Now: now, DayStart: day,
		WeekStart: day.AddDate(0, 0, -(int(day.Weekday())+6)%7), MonthStart: monthStart(day)}
	if mine {
		of.Mine = &sc.User.ID
	}
	sum, err := sc.DB.FindDeskSummary(r.Context(), of)
	if err != nil {
		Error(w, r, err)
		return
	}
	h := &deskHome{Name: sc.User.Name, Mine: mine, DeskSummary: sum,
		Fix: sc.User.Role != store.RoleSales}
	if h.Awaiting, err = s.deskWaiting(r, sc, nil); err != nil {
		Error(w, r, err)
		return
	}
	if h.Alerts, err = whatsappAlerts(r, sc); err != nil {
		Error(w, r, err)
		return
	}
	tab := tabAll
	if mine {
		tab = tabMine
	}
	for _, st := range store.LeadStatuses {
		if store.IsOpenLeadStatus(st) {
			h.Open = append(h.Open, homeStatus{Status: st, Label: lang.T("desk.status." + st), Count: sum.OpenByStatus[st],
				URL: inboxURL(url.Values{"tab": {tab}, "status": {st}})})
		}
	}
	if sum.Responded > 0 {
		h.MedianFirstResponse = web.Duration(sum.MedianFirstResponse, lang)
	}
	s.renderDesk(w, r, sc, http.StatusOK, deskPageOf{name: "home", section: sectionHome,
		titleKey: "desk.home.title", live: true, content: h, waiting: &h.Awaiting})
}

// showroomDay is the start of the showroom's day that now falls in.
func showroomDay(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// monthStart is the first day of day's month.
func monthStart(day time.Time) time.Time { return day.AddDate(0, 0, 1-day.Day()) }

// whatsappAlerts names what keeps the showroom from answering on
// WhatsApp: no Fonnte token to send with, or a device Fonnte last
// reported disconnected.
func whatsappAlerts(r *http.Request, sc *scope) ([]string, error) {
	var alerts []string
	if sc.Tenant.FonnteToken == "" {
		alerts = append(alerts, "desk.home.noToken")
	}
	c, err := whatsapp.LatestConnection(r.Context(), sc.DB)
	if err != nil {
		return nil, err
	}
	if c != nil && !c.Connected() {
		alerts = append(alerts, "desk.home.disconnected")
	}
	return alerts, nil
}
