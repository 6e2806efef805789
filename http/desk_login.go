package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// deskLoginForm is the sign-in form: what was typed (never the password),
// where it leads, and what went wrong, in the user's language.
type deskLoginForm struct {
	Email  string
	Next   string
	Error  string            // the form's message (wrong email or password)
	Errors map[string]string // by field
}

// handleDeskLoginForm serves GET /admin/login.
func (s *Server) handleDeskLoginForm(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.renderDeskLogin(w, r, sc, http.StatusOK, &deskLoginForm{Next: deskNext(r.URL.Query().Get("next"))})
}

func (s *Server) renderDeskLogin(w http.ResponseWriter, r *http.Request, sc *scope, status int, f *deskLoginForm) {
	s.renderDesk(w, r, sc, status, deskPageOf{name: "login", titleKey: "desk.login.title", content: f})
}

// handleDeskLogin serves POST /admin/login with the API's checks and
// limits (see checkLogin). Success begins a session and goes where the
// form leads (303); a missing field (422) or a wrong email or password
// (401) shows the form again with the email kept.
func (s *Server) handleDeskLogin(w http.ResponseWriter, r *http.Request, sc *scope) {
	if err := r.ParseForm(); err != nil {
		Error(w, r, store.Errorf(store.EBADREQUEST, "The form could not be read"))
		return
	}
	f := &deskLoginForm{Email: r.PostFormValue("email"), Next: deskNext(r.PostFormValue("next"))}
	u, ok, err := s.checkLogin(w, r, sc, f.Email, r.PostFormValue("password"))
	if !ok {
		return
	}
	if err != nil {
		lang := deskLang(r)
		switch store.ErrorCode(err) {
		case store.EUNAUTHORIZED:
			f.Error = lang.T("desk.login.invalid")
			s.renderDeskLogin(w, r, sc, http.StatusUnauthorized, f)
		case store.EINVALID:
			f.Errors = map[string]string{}
			for field := range store.ErrorDetails(err) {
				f.Errors[field] = lang.T("desk.login." + field + "Required")
			}
			s.renderDeskLogin(w, r, sc, http.StatusUnprocessableEntity, f)
		default:
			Error(w, r, err)
		}
		return
	}
	s.beginSession(w, r, sc, u, f.Next)
}

// beginSession gives this browser a new session of u and sends it to next.
func (s *Server) beginSession(w http.ResponseWriter, r *http.Request, sc *scope, u *store.User, next string) {
	raw, err := sc.DB.CreateSession(r.Context(), u.ID, r.UserAgent())
	if err != nil {
		Error(w, r, err)
		return
	}
	s.setSessionCookie(w, r, raw)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// handleDeskLogout serves POST /admin/logout: it ends this browser's
// session, if any.
func (s *Server) handleDeskLogout(w http.ResponseWriter, r *http.Request, sc *scope) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := sc.DB.DeleteSession(r.Context(), c.Value); err != nil {
			Error(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, deskPath+"/login", http.StatusSeeOther)
}

// handleDeskLogoutEverywhere serves POST /admin/logout-everywhere: it bumps
// the user's token version, which ends every session and API token of
// theirs, on every device.
func (s *Server) handleDeskLogoutEverywhere(w http.ResponseWriter, r *http.Request, sc *scope) {
	if _, err := sc.DB.UpdateUser(r.Context(), sc.User.ID, store.UserUpdate{RevokeTokens: true}); err != nil {
		Error(w, r, err)
		return
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, deskPath+"/login", http.StatusSeeOther)
}
