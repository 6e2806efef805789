package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// leadAssignRequest is the body of PUT /api/admin/leads/:id/assign; a null
// userId unassigns.
type leadAssignRequest struct {
	UserID optional[int64] `json:"userId"`
}

// handleLeadAssign answers PUT /api/admin/leads/:id/assign with {id,
// assignedTo}. Owners and admins assign to any active user of the showroom
// or unassign; a sales user may only claim an unassigned lead for
// themselves. A user not in this showroom or inactive → 422.
func (s *Server) handleLeadAssign(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req leadAssignRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	if !req.UserID.Set {
		Error(w, r, store.ValidationError(map[string]string{"userId": "userId is required (null unassigns)"}))
		return
	}
	l, err := sc.DB.UpdateLead(r.Context(), id, assignUpdate(sc.User, *optionalID(req.UserID)))
	if err != nil {
		Error(w, r, renameDetail(err, "assignedToUserId", "userId"))
		return
	}
	writeData(w, http.StatusOK, struct {
		ID         int64        `json:"id"`
		AssignedTo *userSummary `json:"assignedTo"`
	}{l.ID, newUserSummary(l.AssignedTo)})
}

// assignUpdate is the update that assigns a lead to target (nil
// unassigns) on u's behalf, with the rule of who may: owners and admins
// assign anyone; a sales user may only claim an unassigned lead they can
// see for themselves, checked against the lead as it is in the update's
// transaction, so two claims of one lead cannot both win.
func assignUpdate(u *store.User, target *int64) store.LeadUpdate {
	upd := store.LeadUpdate{AssignedToUserID: &target, By: &u.ID}
	if u.Role == store.RoleSales {
		upd.Check = func(l *store.Lead) error {
			if !leadVisible(u, l) {
				return errLeadNotFound()
			}
			if l.AssignedToUserID != nil || !isUser(target, u) {
				return store.Errorf(store.EFORBIDDEN, "Sales users can only claim unassigned leads for themselves")
			}
			return nil
		}
	}
	return upd
}

// leadStatusRequest is the body of PUT /api/admin/leads/:id/status: the
// status, and with it the lost reason and the next follow-up a desk sets
// when it moves a lead.
type leadStatusRequest struct {
	Status     *string          `json:"status"`
	LostReason optional[string] `json:"lostReason"`
	FollowUpAt optional[string] `json:"followUpAt"`
}

// handleLeadStatus answers PUT /api/admin/leads/:id/status with {id,
// status, closedAt}; closing sets closedAt, reopening clears it.
func (s *Server) handleLeadStatus(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req leadStatusRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	errs := map[string]string{}
	if req.Status == nil {
		errs["status"] = "Status is required"
	}
	followUp := optionalFollowUp(errs, req.FollowUpAt)
	if err := store.ValidationError(errs); err != nil {
		Error(w, r, err)
		return
	}
	l, err := sc.DB.UpdateLead(r.Context(), id, store.LeadUpdate{Status: req.Status, By: &sc.User.ID,
		LostReason: req.LostReason.ptr(), FollowUpAt: followUp,
		Check: func(l *store.Lead) error { return checkLeadModify(sc.User, l) }})
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, struct {
		ID         int64      `json:"id"`
		Status     string     `json:"status"`
		ClosedAt   *timestamp `json:"closedAt"`
		LostReason *string    `json:"lostReason"`
		FollowUpAt *timestamp `json:"followUpAt"`
	}{l.ID, l.Status, timestampPtr(l.ClosedAt), nullableString(l.LostReason), timestampPtr(l.FollowUpAt)})
}
