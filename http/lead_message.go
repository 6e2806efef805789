package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

func (s *Server) registerLeadMessageRoutes(r *routeTable) {
	r.Handler(http.MethodPost, "/api/admin/leads/:id/messages", s.admin(s.handleLeadMessageCreate))
}

// leadMessageRequest is the body of a reply to a lead's customer.
type leadMessageRequest struct {
	Message *string `json:"message"`
}

// handleLeadMessageCreate queues a reply for the customer over WhatsApp
// (docs/api.md, Replies over WhatsApp) and answers at once: the sender worker delivers it, so a slow
// or failing Fonnte never holds the request. Sales users may message only
// the leads assigned to them.
func (s *Server) handleLeadMessageCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req leadMessageRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	if req.Message == nil {
		Error(w, r, store.ValidationError(map[string]string{"message": "Message is required"}))
		return
	}
	m, err := s.queueReply(r, sc, id, *req.Message)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newMessageJSON(m))
}
