package http

import (
	"net/http"

	"github.com/autoleads/autoleads/http/web"
)

// deskHome is the dashboard's first page: who is signed in, where.
type deskHome struct {
	Name, Showroom, Role string
}

// handleDeskHome serves GET /admin.
func (s *Server) handleDeskHome(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := s.deskLang(w, r)
	s.renderPage(w, r, http.StatusOK, "desk/home", &web.Page{Lang: lang, NoIndex: true,
		Title: lang.T("desk.home.title") + " — " + sc.Tenant.Name,
		Data:  deskHome{Name: sc.User.Name, Showroom: sc.Tenant.Name, Role: lang.T("desk.role." + sc.User.Role)}})
}
