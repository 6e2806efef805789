package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

func (s *Server) registerLeadMessageRoutes(r *routeTable) {
	r.Handler(http.MethodPost, "/api/admin/leads/:id/messages", s.admin(s.handleLeadMessageCreate))
	r.Handler(http.MethodPost, "/api/admin/leads/:id/messages/:messageId/retry", s.admin(s.handleLeadMessageRetry))
}

// errNoFonnteToken refuses to queue a message a showroom without a Fonnte
// token could never send.
func errNoFonnteToken() error {
	return &store.Error{Code: store.EINVALID, Message: "WhatsApp is not connected: set the Fonnte token first",
		Details: map[string]any{"fonnteToken": "Fonnte token is not set"}}
}

// notifyOutbox wakes the sender for the showroom's queued message.
func (s *Server) notifyOutbox(sc *scope) {
	if s.cfg.OutboxNotify != nil {
		s.cfg.OutboxNotify(sc.Tenant.Slug)
	}
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

// handleLeadMessageRetry queues a failed reply again (docs/api.md, Replies
// over WhatsApp), whole, and answers with it. Sales users may retry only on
// the leads assigned to them.
func (s *Server) handleLeadMessageRetry(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	messageID, err := idParam(r, "messageId")
	if err != nil {
		Error(w, r, err)
		return
	}
	m, err := s.retryReply(r, sc, id, messageID)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newMessageJSON(m))
}
