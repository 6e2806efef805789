package http

import (
	"context"
	"errors"
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// Lead permissions (docs/api.md, Roles). Owners and admins see and change every lead.
// A sales user sees leads assigned to them or to nobody, and changes only
// leads assigned to them; a lead they may not see is answered 404, as if it
// did not exist, so ids of colleagues' leads reveal nothing.

// salesVisibility is the user id a lead query must be narrowed to, or nil
// for a user who sees every lead.
func salesVisibility(u *store.User) *int64 {
	if u.Role == store.RoleSales {
		return &u.ID
	}
	return nil
}

// isUser reports whether the optional id is u's.
func isUser(id *int64, u *store.User) bool { return id != nil && *id == u.ID }

// leadVisible reports whether u may see l.
func leadVisible(u *store.User, l *store.Lead) bool {
	return u.Role != store.RoleSales || l.AssignedToUserID == nil || isUser(l.AssignedToUserID, u)
}

func errLeadNotFound() error { return store.Errorf(store.ENOTFOUND, "Lead not found") }

// checkLeadModify allows u to change l: 404 when u may not see it, 403 when
// u may see it but it is not theirs to change (an unassigned lead).
func checkLeadModify(u *store.User, l *store.Lead) error {
	if !leadVisible(u, l) {
		return errLeadNotFound()
	}
	if u.Role == store.RoleSales && !isUser(l.AssignedToUserID, u) {
		return store.Errorf(store.EFORBIDDEN, "Only the salesperson assigned to this lead can change it")
	}
	return nil
}

// checkLeadUpdate is the Check of an update u makes to a lead: what
// checkLeadModify allows, and a sales user may not hand the lead to
// someone else.
func checkLeadUpdate(u *store.User, upd store.LeadUpdate) func(*store.Lead) error {
	reassigns := upd.AssignedToUserID != nil && !isUser(*upd.AssignedToUserID, u)
	return func(l *store.Lead) error {
		if err := checkLeadModify(u, l); err != nil {
			return err
		}
		if reassigns && u.Role == store.RoleSales {
			return store.Errorf(store.EFORBIDDEN, "Sales users cannot assign leads to others")
		}
		return nil
	}
}

// findVisibleLead loads the lead of the request's :id if the user may see
// it. Errors: EBADREQUEST (id), ENOTFOUND.
func (s *Server) findVisibleLead(r *http.Request, sc *scope) (*store.Lead, error) {
	return s.findVisibleLeadBy(r, sc, sc.DB.FindLeadByID)
}

// findVisibleLeadBy is findVisibleLead reading the lead with find (the
// dashboard's, which marks what the user has not read).
func (s *Server) findVisibleLeadBy(r *http.Request, sc *scope, find func(context.Context, int64) (*store.Lead, error)) (*store.Lead, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, err
	}
	l, err := find(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !leadVisible(sc.User, l) {
		return nil, errLeadNotFound()
	}
	return l, nil
}

// renameDetail moves a validation detail from one key to another, for a
// route whose request names a field differently from the store.
func renameDetail(err error, from, to string) error {
	var e *store.Error
	if !errors.As(err, &e) || e.Details[from] == nil {
		return err
	}
	details := make(map[string]any, len(e.Details))
	for k, v := range e.Details {
		details[k] = v
	}
	details[to] = details[from]
	delete(details, from)
	return &store.Error{Code: e.Code, Message: e.Message, Details: details}
}
