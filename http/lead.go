package http

import (
	"net/http"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store"
)

// registerLeadRoutes registers the admin lead routes. httprouter v1.3.0
// panics when a static segment sits beside a parameter, so
// /api/admin/leads/stats is served by the /:id route (see
// handleLeadViewOrStats); lead ids are numeric and never "stats".
// POST /api/admin/leads/:id/messages belongs to the outbox.
func (s *Server) registerLeadRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/admin/leads", s.admin(s.handleLeadList))
	r.Handler(http.MethodPost, "/api/admin/leads", s.admin(s.handleLeadCreate))
	r.Handler(http.MethodGet, "/api/admin/leads/:id", s.admin(s.handleLeadViewOrStats))
	r.Handler(http.MethodPut, "/api/admin/leads/:id", notOnLeadStats(s.admin(s.handleLeadUpdate)))
	r.Handler(http.MethodDelete, "/api/admin/leads/:id",
		notOnLeadStats(s.admin(s.handleLeadDelete, store.RoleOwner, store.RoleAdmin)))
	r.Handler(http.MethodPut, "/api/admin/leads/:id/assign", s.admin(s.handleLeadAssign))
	r.Handler(http.MethodPut, "/api/admin/leads/:id/status", s.admin(s.handleLeadStatus))
	r.Handler(http.MethodGet, "/api/admin/leads/:id/events", s.admin(s.handleLeadEvents))
}

// notOnLeadStats answers 405 for a method other than GET on
// /api/admin/leads/stats, as the router would if it could register the
// static path, instead of a misleading "id must be a positive integer".
func notOnLeadStats(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if param(r, "id") == "stats" {
			w.Header().Set("Allow", http.MethodGet)
			methodNotAllowedHandler().ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleLeadList answers GET /api/admin/leads: one page of the leads the
// user may see, filtered, in status order then newest, or by last activity
// (sort=activity), or by follow-up time (followUp=due: due by the end of
// the showroom's day).
func (s *Server) handleLeadList(w http.ResponseWriter, r *http.Request, sc *scope) {
	dueBy := func() time.Time { return endOfShowroomDay(s.reg.Now(), showroomZone(sc.Tenant)) }
	f, p, err := leadListQuery(r.URL.Query(), sc.User, dueBy)
	if err != nil {
		Error(w, r, err)
		return
	}
	leads, total, err := sc.DB.FindLeads(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	items := make([]leadJSON, 0, len(leads))
	for _, l := range leads {
		items = append(items, newLeadJSON(l))
	}
	writeList(w, items, p, total)
}

// handleLeadViewOrStats serves GET /api/admin/leads/:id, where the id
// "stats" is the stats endpoint.
func (s *Server) handleLeadViewOrStats(w http.ResponseWriter, r *http.Request, sc *scope) {
	if param(r, "id") == "stats" {
		s.handleLeadStats(w, r, sc)
		return
	}
	s.handleLeadView(w, r, sc)
}

// handleLeadStats answers GET /api/admin/leads/stats: counts by status and
// source of the leads the user may see.
func (s *Server) handleLeadStats(w http.ResponseWriter, r *http.Request, sc *scope) {
	st, err := sc.DB.FindLeadStats(r.Context(), salesVisibility(sc.User))
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newLeadStatsJSON(st))
}

// handleLeadView answers GET /api/admin/leads/:id: the lead, its car's price
// and its conversation, oldest message first.
func (s *Server) handleLeadView(w http.ResponseWriter, r *http.Request, sc *scope) {
	l, err := s.findVisibleLead(r, sc)
	if err != nil {
		Error(w, r, err)
		return
	}
	msgs, err := sc.DB.FindMessages(r.Context(), l.ID)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newLeadDetailJSON(l, msgs))
}

// leadCreateRequest is the body of POST /api/admin/leads: the only fields a
// manual lead may be given.
type leadCreateRequest struct {
	CustomerPhone string   `json:"customerPhone"`
	CustomerName  string   `json:"customerName"`
	CarID         *int64   `json:"carId"`
	Source        string   `json:"source"`
	Notes         string   `json:"notes"`
	Tags          []string `json:"tags"`
}

// handleLeadCreate answers POST /api/admin/leads: a lead entered by hand,
// 201 with the lead. A sales user's lead is assigned to them. An open lead
// for the phone → 409 with its id in details.leadId.
func (s *Server) handleLeadCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req leadCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	l := &store.Lead{CustomerPhone: req.CustomerPhone, CustomerName: req.CustomerName, CarID: req.CarID,
		Source: req.Source, Notes: req.Notes, Tags: req.Tags}
	if sc.User.Role == store.RoleSales {
		l.AssignedToUserID = &sc.User.ID
	}
	if err := sc.DB.CreateLead(r.Context(), l); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newLeadJSON(l))
}

// leadUpdateRequest is the body of PUT /api/admin/leads/:id: every field is
// optional, and null clears the nullable ones.
type leadUpdateRequest struct {
	CustomerPhone    optional[string]   `json:"customerPhone"`
	CustomerName     optional[string]   `json:"customerName"`
	CarID            optional[int64]    `json:"carId"`
	Status           optional[string]   `json:"status"`
	Source           optional[string]   `json:"source"`
	Notes            optional[string]   `json:"notes"`
	Tags             optional[[]string] `json:"tags"`
	AssignedToUserID optional[int64]    `json:"assignedToUserId"`
	FollowUpAt       optional[string]   `json:"followUpAt"`
	LostReason       optional[string]   `json:"lostReason"`
}

// update converts the request to a store update. Errors: EINVALID for null
// on a field that cannot be empty.
func (req leadUpdateRequest) update() (store.LeadUpdate, error) {
	errs := map[string]string{}
	if req.CustomerPhone.Null {
		errs["customerPhone"] = "Customer phone cannot be null"
	}
	if req.Status.Null {
		errs["status"] = "Status cannot be null"
	}
	if req.Source.Null {
		errs["source"] = "Source cannot be null"
	}
	upd := store.LeadUpdate{
		CustomerPhone: req.CustomerPhone.ptr(), CustomerName: req.CustomerName.ptr(),
		Status: req.Status.ptr(), Source: req.Source.ptr(), Notes: req.Notes.ptr(), Tags: req.Tags.ptr(),
		CarID: optionalID(req.CarID), AssignedToUserID: optionalID(req.AssignedToUserID),
		FollowUpAt: optionalFollowUp(errs, req.FollowUpAt), LostReason: req.LostReason.ptr(),
	}
	return upd, store.ValidationError(errs)
}

// optionalFollowUp converts an optional follow-up time, RFC 3339 with its
// offset: nil when absent, a pointer to nil when null. A time that does not
// parse is recorded in errs.
func optionalFollowUp(errs map[string]string, o optional[string]) **time.Time {
	if !o.Set {
		return nil
	}
	var at *time.Time
	if !o.Null {
		t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(o.Value))
		if err != nil {
			errs["followUpAt"] = "Follow-up must be an RFC 3339 time, like 2026-03-02T10:30:00+07:00, or null"
			return nil
		}
		at = &t
	}
	return &at
}

// optionalID converts an optional reference: nil when absent, a pointer to
// nil when null.
func optionalID(o optional[int64]) **int64 {
	if !o.Set {
		return nil
	}
	var id *int64
	if !o.Null {
		id = &o.Value
	}
	return &id
}

// handleLeadUpdate answers PUT /api/admin/leads/:id, a partial update. A
// sales user may update only leads assigned to them and may not hand one to
// someone else.
func (s *Server) handleLeadUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req leadUpdateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	upd, err := req.update()
	if err != nil {
		Error(w, r, err)
		return
	}
	upd.By = &sc.User.ID
	upd.Check = checkLeadUpdate(sc.User, upd)
	l, err := sc.DB.UpdateLead(r.Context(), id, upd)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newLeadJSON(l))
}

// handleLeadDelete answers DELETE /api/admin/leads/:id (owner and admin);
// the lead's messages go with it.
func (s *Server) handleLeadDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	if err := sc.DB.DeleteLead(r.Context(), id); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, map[string]string{"message": "Lead deleted"})
}
