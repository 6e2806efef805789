package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// The outbox's two doors, shared by the API and the dashboard. A showroom
// without a Fonnte token is refused: its sender holds every message
// (whatsapp's heldReason), so one queued then would only wait unseen.

// queueReply queues text for the customer of lead id and wakes the sender.
// Errors: EINVALID (text, or details.fonnteToken), ENOTFOUND, EFORBIDDEN (a
// sales user and a lead not assigned to them).
func (s *Server) queueReply(r *http.Request, sc *scope, id int64, text string) (*store.Message, error) {
	if sc.Tenant.FonnteToken == "" {
		return nil, errNoFonnteToken()
	}
	m, err := sc.DB.QueueMessage(r.Context(), store.OutgoingMessage{LeadID: id, Message: text,
		UserID: sc.User.ID, AssignedOnly: sc.User.Role == store.RoleSales})
	if err != nil {
		return nil, err
	}
	s.notifyOutbox(sc)
	return m, nil
}

// retryReply queues failed message mid of lead id again and wakes the
// sender. Errors: EINVALID (not a failed reply, or details.fonnteToken),
// ENOTFOUND, EFORBIDDEN, as for queueReply.
func (s *Server) retryReply(r *http.Request, sc *scope, id, mid int64) (*store.Message, error) {
	if sc.Tenant.FonnteToken == "" {
		return nil, errNoFonnteToken()
	}
	m, err := sc.DB.RetryMessage(r.Context(), id, mid, salesVisibility(sc.User))
	if err != nil {
		return nil, err
	}
	s.notifyOutbox(sc)
	return m, nil
}
