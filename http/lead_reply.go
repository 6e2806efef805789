package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// queueReply queues text for the customer of lead id through the outbox and
// wakes the sender, for the API and the dashboard alike. A showroom without
// a Fonnte token is refused: its sender holds every message (whatsapp's
// heldReason), so a reply queued then would only wait unseen. Errors:
// EINVALID (text, or details.fonnteToken), ENOTFOUND, EFORBIDDEN (a sales
// user and a lead not assigned to them).
func (s *Server) queueReply(r *http.Request, sc *scope, id int64, text string) (*store.Message, error) {
	if sc.Tenant.FonnteToken == "" {
		return nil, errNoFonnteToken()
	}
	m, err := sc.DB.QueueMessage(r.Context(), store.OutgoingMessage{LeadID: id, Message: text,
		UserID: sc.User.ID, AssignedOnly: sc.User.Role == store.RoleSales})
	if err != nil {
		return nil, err
	}
	if s.cfg.OutboxNotify != nil {
		s.cfg.OutboxNotify(sc.Tenant.Slug)
	}
	return m, nil
}

func errNoFonnteToken() error {
	return &store.Error{Code: store.EINVALID, Message: "WhatsApp is not connected: set the Fonnte token first",
		Details: map[string]any{"fonnteToken": "Fonnte token is not set"}}
}
