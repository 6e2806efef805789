package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/autoleads/autoleads/store"
)

// registerDeskLeadRoutes registers one lead's page and its forms. Each form
// posts to its own action and is sent back (303) to its section of the
// page; POST /admin/leads/:id/take belongs to the inbox.
func (s *Server) registerDeskLeadRoutes(r *routeTable) {
	r.Page(http.MethodGet, "/admin/leads/:id", s.deskSignedIn(s.handleDeskLead))
	for _, form := range []struct {
		action string
		h      deskLeadAction
	}{
		{"reply", s.deskLeadReply},
		{"status", s.deskLeadStatus},
		{"assign", s.deskLeadAssign},
		{"notes", s.deskLeadNotes},
		{"tags", s.deskLeadTags},
		{"car", s.deskLeadCar},
		{"follow-up", s.deskLeadFollowUp},
		{"messages/:messageId/retry", s.deskLeadRetry},
	} {
		r.Page(http.MethodPost, "/admin/leads/:id/"+form.action, s.deskPost(s.deskSignedIn(s.deskLeadForm(form.h))))
	}
}

// handleDeskLead serves GET /admin/leads/:id. Opening it marks the
// customer's messages read for the user, when there are new ones.
func (s *Server) handleDeskLead(w http.ResponseWriter, r *http.Request, sc *scope) {
	l, err := s.findVisibleLeadBy(r, sc, func(ctx context.Context, id int64) (*store.Lead, error) {
		return sc.DB.FindLeadReadBy(ctx, id, sc.User.ID)
	})
	// A moving showroom's database takes no writes: the mark would be lost
	// with the old node's copy anyway.
	if err == nil && l.Unread && !sc.Tenant.Moving() {
		err = sc.DB.MarkLeadRead(r.Context(), sc.User.ID, l.ID)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := &deskLeadFormState{CarQuery: q.Get("car"), Status: q.Get("status"), Template: q.Get("template")}
	s.renderDeskLead(w, r, sc, http.StatusOK, l, f)
}

// deskLeadAction reads one form of the lead page and applies it to lead id.
// It returns where on the page to go back to, or the errors to show beside
// the form's fields (EINVALID) with what was typed kept.
type deskLeadAction func(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (section string, err error)

// deskLeadForm adapts an action: a success goes back to the page's section
// (303), errors of the form are shown beside its fields (422), anything
// else is an error page (a lead the user may not see: 404; one they may
// see but not change: 403).
func (s *Server) deskLeadForm(action deskLeadAction) scopedHandler {
	return func(w http.ResponseWriter, r *http.Request, sc *scope) {
		id, err := idParam(r, "id")
		if err != nil {
			Error(w, r, err)
			return
		}
		if err := r.ParseForm(); err != nil {
			Error(w, r, store.Errorf(store.EBADREQUEST, "The form could not be read"))
			return
		}
		f := &deskLeadFormState{Errors: map[string]string{}}
		section, err := action(r, sc, id, f)
		if err == nil {
			http.Redirect(w, r, deskLeadBack(r, id, section), http.StatusSeeOther)
			return
		}
		// A refusal that names no field has no place beside one: an error
		// page says it.
		if store.ErrorCode(err) != store.EINVALID || len(store.ErrorDetails(err)) == 0 {
			Error(w, r, err)
			return
		}
		// The board's small form has no room for errors (a move to lost
		// needs a reason): the lead page's status form takes over.
		if r.PostFormValue("back") == "board" {
			http.Redirect(w, r, deskLeadPath(id)+"?status="+url.QueryEscape(f.Status)+"#status", http.StatusSeeOther)
			return
		}
		l, ferr := s.findVisibleLead(r, sc)
		if ferr != nil {
			Error(w, r, ferr)
			return
		}
		lang := deskLang(r)
		for field := range store.ErrorDetails(err) {
			f.Errors[field] = deskFieldError(lang, field)
		}
		s.renderDeskLead(w, r, sc, http.StatusUnprocessableEntity, l, f)
	}
}

// deskLeadBack is where a form of the lead page returns: the page's
// section, or the board when the form came from it.
func deskLeadBack(r *http.Request, id int64, section string) string {
	if r.PostFormValue("back") == "board" {
		return deskPath + "/board#lead-" + strconv.FormatInt(id, 10)
	}
	return deskLeadPath(id) + "#" + section
}

func deskLeadPath(id int64) string { return deskPath + "/leads/" + strconv.FormatInt(id, 10) }
