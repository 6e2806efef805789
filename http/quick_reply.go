package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// Quick replies are the showroom's reply templates: every staff member
// reads them to answer customers, owners and admins manage them.
func (s *Server) registerQuickReplyRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/admin/quick-replies", s.admin(s.handleQuickReplyList))
	r.Handler(http.MethodPost, "/api/admin/quick-replies",
		s.admin(s.handleQuickReplyCreate, store.RoleOwner, store.RoleAdmin))
	r.Handler(http.MethodPut, "/api/admin/quick-replies/:id",
		s.admin(s.handleQuickReplyUpdate, store.RoleOwner, store.RoleAdmin))
	r.Handler(http.MethodDelete, "/api/admin/quick-replies/:id",
		s.admin(s.handleQuickReplyDelete, store.RoleOwner, store.RoleAdmin))
}

// quickReplyJSON is a quick reply as the API shows it.
type quickReplyJSON struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Position  int       `json:"position"`
	CreatedAt timestamp `json:"createdAt"`
	UpdatedAt timestamp `json:"updatedAt"`
}

func newQuickReplyJSON(q *store.QuickReply) quickReplyJSON {
	return quickReplyJSON{ID: q.ID, Title: q.Title, Body: q.Body, Position: q.Position,
		CreatedAt: timestamp(q.CreatedAt), UpdatedAt: timestamp(q.UpdatedAt)}
}

// quickReplyCreateRequest is the body of POST; without a position the
// reply goes last.
type quickReplyCreateRequest struct {
	Title    string `json:"title"`
	Body     string `json:"body"`
	Position int    `json:"position"`
}

// quickReplyRequest is the body of PUT: every field is optional, and none
// may be null.
type quickReplyRequest struct {
	Title    optional[string] `json:"title"`
	Body     optional[string] `json:"body"`
	Position optional[int]    `json:"position"`
}

// update converts the request to a store update. Errors: EINVALID for null.
func (req quickReplyRequest) update() (store.QuickReplyUpdate, error) {
	errs := map[string]string{}
	if req.Title.Null {
		errs["title"] = "Title cannot be null"
	}
	if req.Body.Null {
		errs["body"] = "Body cannot be null"
	}
	if req.Position.Null {
		errs["position"] = "Position cannot be null"
	}
	return store.QuickReplyUpdate{Title: req.Title.ptr(), Body: req.Body.ptr(), Position: req.Position.ptr()},
		store.ValidationError(errs)
}

// handleQuickReplyList answers GET /api/admin/quick-replies, in the
// showroom's order.
func (s *Server) handleQuickReplyList(w http.ResponseWriter, r *http.Request, sc *scope) {
	replies, err := sc.DB.FindQuickReplies(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	out := make([]quickReplyJSON, 0, len(replies))
	for _, q := range replies {
		out = append(out, newQuickReplyJSON(q))
	}
	writeData(w, http.StatusOK, out)
}

// handleQuickReplyCreate answers POST /api/admin/quick-replies with 201
// and the reply.
func (s *Server) handleQuickReplyCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req quickReplyCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	q := &store.QuickReply{Title: req.Title, Body: req.Body, Position: req.Position}
	if err := sc.DB.CreateQuickReply(r.Context(), q); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newQuickReplyJSON(q))
}

// handleQuickReplyUpdate answers PUT /api/admin/quick-replies/:id, a
// partial update.
func (s *Server) handleQuickReplyUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req quickReplyRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	upd, err := req.update()
	if err != nil {
		Error(w, r, err)
		return
	}
	q, err := sc.DB.UpdateQuickReply(r.Context(), id, upd)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newQuickReplyJSON(q))
}

// handleQuickReplyDelete answers DELETE /api/admin/quick-replies/:id.
func (s *Server) handleQuickReplyDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	if err := sc.DB.DeleteQuickReply(r.Context(), id); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, map[string]string{"message": "Quick reply deleted"})
}
