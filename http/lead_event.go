package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// leadEventJSON is one change on a lead's timeline.
type leadEventJSON struct {
	ID        int64              `json:"id"`
	Kind      string             `json:"kind"`
	From      *string            `json:"from"`
	To        *string            `json:"to"`
	User      *leadEventUserJSON `json:"user"`
	CreatedAt timestamp          `json:"createdAt"`
}

// leadEventUserJSON is who made a change.
type leadEventUserJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func newLeadEventJSON(e *store.LeadEvent) leadEventJSON {
	out := leadEventJSON{ID: e.ID, Kind: e.Kind, From: nullableString(e.From), To: nullableString(e.To),
		CreatedAt: timestamp(e.CreatedAt)}
	if e.UserID != nil {
		out.User = &leadEventUserJSON{ID: *e.UserID, Name: e.UserName}
	}
	return out
}

// handleLeadEvents answers GET /api/admin/leads/:id/events: the lead's
// timeline, oldest first, for a user who may see the lead.
func (s *Server) handleLeadEvents(w http.ResponseWriter, r *http.Request, sc *scope) {
	l, err := s.findVisibleLead(r, sc)
	if err != nil {
		Error(w, r, err)
		return
	}
	events, err := sc.DB.FindLeadEvents(r.Context(), l.ID)
	if err != nil {
		Error(w, r, err)
		return
	}
	out := make([]leadEventJSON, 0, len(events))
	for _, e := range events {
		out = append(out, newLeadEventJSON(e))
	}
	writeData(w, http.StatusOK, out)
}
