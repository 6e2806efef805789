package http

import (
	"net/http"
)

// deskHome is the dashboard's first page.
type deskHome struct {
	Name string
}

// handleDeskHome serves GET /admin.
func (s *Server) handleDeskHome(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.renderDesk(w, r, sc, http.StatusOK, deskPageOf{name: "home", section: sectionHome,
		titleKey: "desk.home.title", live: true, content: deskHome{Name: sc.User.Name}})
}
