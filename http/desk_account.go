package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// deskAccount is the account page: who is signed in, the password form
// with what went wrong by field, and whether the password was just changed.
// Manage links the showroom's team and settings, for owners and admins.
type deskAccount struct {
	Name, Email, Role string
	PasswordChanged   bool
	Manage            bool
	Errors            map[string]string
}

// handleDeskAccount serves GET /admin/account.
func (s *Server) handleDeskAccount(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.renderDeskAccount(w, r, sc, http.StatusOK, &deskAccount{PasswordChanged: r.URL.Query().Get("saved") == "password"})
}

func (s *Server) renderDeskAccount(w http.ResponseWriter, r *http.Request, sc *scope, status int, a *deskAccount) {
	a.Name, a.Email, a.Role = sc.User.Name, sc.User.Email, deskLang(r).T("desk.role."+sc.User.Role)
	a.Manage = sc.User.Role != store.RoleSales
	s.renderDesk(w, r, sc, status, deskPageOf{name: "account", section: sectionAccount,
		titleKey: "desk.account.title", content: a})
}

// handleDeskPassword serves POST /admin/password with the API's rules and
// limits (changePassword). The change ends every session of the user, so
// this browser is given a new one and stays signed in; the others are not.
func (s *Server) handleDeskPassword(w http.ResponseWriter, r *http.Request, sc *scope) {
	if err := r.ParseForm(); err != nil {
		Error(w, r, store.Errorf(store.EBADREQUEST, "The form could not be read"))
		return
	}
	current, next := r.PostFormValue("currentPassword"), r.PostFormValue("newPassword")
	u, ok, err := s.changePassword(w, r, sc, current, next)
	if !ok {
		return
	}
	if store.ErrorCode(err) == store.EINVALID {
		lang := deskLang(r)
		a := &deskAccount{Errors: map[string]string{}}
		for field := range store.ErrorDetails(err) {
			switch {
			case field == "currentPassword" && current == "":
				a.Errors[field] = lang.T("desk.password.currentRequired")
			case field == "currentPassword":
				a.Errors[field] = lang.T("desk.password.currentWrong")
			case next == current:
				a.Errors[field] = lang.T("desk.password.same")
			default:
				a.Errors[field] = lang.T("desk.password.rule", store.PasswordMinLen)
			}
		}
		s.renderDeskAccount(w, r, sc, http.StatusUnprocessableEntity, a)
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	s.beginSession(w, r, sc, u, deskPath+"/account?saved=password")
}
