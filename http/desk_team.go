package http

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// The team page: owners manage everyone, admins add and manage sales
// users, as on the API (http/user.go); sales users have no team page.
func (s *Server) registerDeskTeamRoutes(r *routeTable) {
	managers := []string{store.RoleOwner, store.RoleAdmin}
	r.Page(http.MethodGet, "/admin/team", s.deskSignedIn(s.handleDeskTeam, managers...))
	r.Page(http.MethodPost, "/admin/team", s.deskPost(s.deskSignedIn(s.handleDeskTeamAdd, managers...)))
	r.Page(http.MethodPost, "/admin/users/:id/role", s.deskPost(s.deskSignedIn(s.handleDeskTeamRole, managers...)))
	r.Page(http.MethodPost, "/admin/users/:id/status", s.deskPost(s.deskSignedIn(s.handleDeskTeamStatus, managers...)))
	r.Page(http.MethodPost, "/admin/users/:id/password", s.deskPost(s.deskSignedIn(s.handleDeskTeamPassword, managers...)))
}

// deskTeam is the data of the team page. Editing names the member whose
// form came back with Errors (0: the new member's form, which keeps what
// was typed in Add).
type deskTeam struct {
	Members []teamMember
	// Roles are those the signed-in user may give: every role for an
	// owner, sales only for an admin.
	Roles   []roleOption
	Add     teamAddForm
	Editing int64
	Errors  map[string]string
	// Password is a password generated just now, shown this once.
	Password *shownPassword
	Saved    bool
}

// teamMember is a user as the team page lists them, with their month.
type teamMember struct {
	*store.User
	RoleLabel string
	// Manage: the signed-in user may change this one; Self: it is them.
	Manage, Self bool
	// The month's figures as shown; FirstResponse is "" when none.
	Assigned, Closed, FirstResponse string
}

type roleOption struct{ Value, Label string }

type teamAddForm struct{ Name, Email, Role, Phone string }

type shownPassword struct{ Name, Email, Password string }

// handleDeskTeam serves GET /admin/team.
func (s *Server) handleDeskTeam(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.renderDeskTeam(w, r, sc, http.StatusOK, &deskTeam{Saved: r.URL.Query().Get("saved") != ""})
}

func (s *Server) renderDeskTeam(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskTeam) {
	lang := deskLang(r)
	users, err := sc.DB.FindUsers(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	day := showroomDay(time.Now(), showroomZone(sc.Tenant))
	stats, err := sc.DB.FindTeamStats(r.Context(), monthStart(day))
	if err != nil {
		Error(w, r, err)
		return
	}
	for _, u := range users {
		m := teamMember{User: u, RoleLabel: lang.T("desk.role." + u.Role), Self: u.ID == sc.User.ID,
			Manage: mayManage(sc.User, u, nil) == nil, Assigned: "0", Closed: "0"}
		if st := stats[u.ID]; st != nil {
			m.Assigned, m.Closed = web.Number(st.Assigned), web.Number(st.Closed)
			if st.Responded > 0 {
				m.FirstResponse = web.Duration(st.MedianFirstResponse, lang)
			}
		}
		p.Members = append(p.Members, m)
	}
	for _, role := range []string{store.RoleSales, store.RoleAdmin, store.RoleOwner} {
		if sc.User.Role == store.RoleOwner || role == store.RoleSales {
			p.Roles = append(p.Roles, roleOption{Value: role, Label: lang.T("desk.role." + role)})
		}
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "team", section: sectionAccount,
		titleKey: "desk.team.title", content: p})
}

// handleDeskTeamAdd serves POST /admin/team: a new user with the password
// typed, or a generated one shown once on the page that answers.
func (s *Server) handleDeskTeamAdd(w http.ResponseWriter, r *http.Request, sc *scope) {
	form := teamAddForm{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Role: r.PostFormValue("role"), Phone: r.PostFormValue("phone")}
	password, generated := r.PostFormValue("password"), false
	if password == "" {
		password, generated = rand.Text(), true
	}
	u := &store.User{Name: form.Name, Email: form.Email, Role: form.Role, Phone: form.Phone}
	if err := createUser(r, sc, u, password); err != nil {
		s.deskTeamFailed(w, r, sc, &deskTeam{Add: form}, err)
		return
	}
	if !generated {
		http.Redirect(w, r, deskPath+"/team?saved=1#u"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
		return
	}
	s.renderDeskTeam(w, r, sc, http.StatusOK, &deskTeam{Password: &shownPassword{Name: u.Name, Email: u.Email, Password: password}})
}

// handleDeskTeamRole serves POST /admin/users/:id/role.
func (s *Server) handleDeskTeamRole(w http.ResponseWriter, r *http.Request, sc *scope) {
	role := r.PostFormValue("role")
	s.deskTeamUpdate(w, r, sc, store.UserUpdate{Role: &role})
}

// handleDeskTeamStatus serves POST /admin/users/:id/status: deactivating
// ends the user's sessions (the store revokes their tokens).
func (s *Server) handleDeskTeamStatus(w http.ResponseWriter, r *http.Request, sc *scope) {
	status := r.PostFormValue("status")
	s.deskTeamUpdate(w, r, sc, store.UserUpdate{Status: &status})
}

// handleDeskTeamPassword serves POST /admin/users/:id/password: a new
// generated password, shown once, which ends the user's sessions.
func (s *Server) handleDeskTeamPassword(w http.ResponseWriter, r *http.Request, sc *scope) {
	password := rand.Text()
	if u, ok := s.deskTeamChange(w, r, sc, store.UserUpdate{Password: &password}); ok {
		s.renderDeskTeam(w, r, sc, http.StatusOK, &deskTeam{Password: &shownPassword{Name: u.Name, Email: u.Email, Password: password}})
	}
}

// deskTeamUpdate applies upd to the member of the path and answers with
// the team page at their card.
func (s *Server) deskTeamUpdate(w http.ResponseWriter, r *http.Request, sc *scope, upd store.UserUpdate) {
	if u, ok := s.deskTeamChange(w, r, sc, upd); ok {
		http.Redirect(w, r, deskPath+"/team?saved=1#u"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
	}
}

// deskTeamChange applies upd to the member of the path with the API's
// rules; when it fails, the page has answered and ok is false.
func (s *Server) deskTeamChange(w http.ResponseWriter, r *http.Request, sc *scope, upd store.UserUpdate) (u *store.User, ok bool) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return nil, false
	}
	if u, err = updateUser(r, sc, id, upd); err != nil {
		s.deskTeamFailed(w, r, sc, &deskTeam{Editing: id}, err)
		return nil, false
	}
	return u, true
}

// deskTeamFailed answers a refused form of the team page: the page again
// with the reasons beside the form's fields, in the user's language, and
// the API's status (422 invalid, 409 email taken, 403 beyond an admin's
// reach). Other errors answer an error page.
func (s *Server) deskTeamFailed(w http.ResponseWriter, r *http.Request, sc *scope, p *deskTeam, err error) {
	lang := deskLang(r)
	p.Errors = map[string]string{}
	status := http.StatusUnprocessableEntity
	switch store.ErrorCode(err) {
	case store.EINVALID:
		for field := range store.ErrorDetails(err) {
			p.Errors[field] = deskTeamFieldError(lang, field, err)
		}
	case store.ECONFLICT:
		status, p.Errors["email"] = http.StatusConflict, lang.T("desk.team.emailTaken")
	case store.EFORBIDDEN:
		status, p.Errors["role"] = http.StatusForbidden, lang.T("desk.team.salesOnly")
	default:
		Error(w, r, err)
		return
	}
	s.renderDeskTeam(w, r, sc, status, p)
}

// deskTeamFieldError is the catalogue's text for a field the store
// refused; the rule that keeps an active owner names the role field.
func deskTeamFieldError(lang web.Lang, field string, err error) string {
	switch {
	case field == "role" && strings.Contains(store.ErrorMessage(err), "last active owner"):
		return lang.T("desk.team.lastOwner")
	case field == "password":
		return lang.T("desk.password.rule", store.PasswordMinLen)
	}
	return catalogueText(lang, "desk.team.invalid."+field, "desk.lead.invalid")
}
