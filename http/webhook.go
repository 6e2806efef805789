package http

import (
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/whatsapp"
)

// Fonnte's webhook (docs/api.md, The Fonnte webhook). Fonnte counts only HTTP 200 as
// delivered and retries anything else up to 15 times, once a minute, so the
// handler answers from the tenant database alone (nothing outbound happens
// in the request), answers 200 for what it deliberately ignores, and keeps
// 4xx for bodies that no retry can fix.

func (s *Server) registerWebhookRoutes(r *routeTable) {
	// The host route finds the showroom by Host like every tenant route; the
	// slug route serves one domain fronting many showrooms and ignores Host.
	r.Handler(http.MethodPost, "/webhook/fonnte", s.webhook(s.resolveTenant))
	r.Handler(http.MethodPost, "/webhook/fonnte/:slug", s.webhook(func(r *http.Request) (*tenants.Tenant, error) {
		return s.reg.Lookup(param(r, "slug"))
	}))
}

// webhook adapts the webhook handler: the tenant comes from resolve, and
// the webhook token and the showroom's webhook rate limit are checked
// before the tenant's database is touched.
func (s *Server) webhook(resolve func(*http.Request) (*tenants.Tenant, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		t, err := resolve(r)
		if err != nil {
			Error(w, r, err)
			return
		}
		setTenantSlug(r, t.Slug)
		if !webhookTokenOK(r, t) {
			Error(w, r, store.Errorf(store.EFORBIDDEN, "Invalid webhook token"))
			return
		}
		// Limited per showroom after the token check, so strangers cannot
		// spend the budget of Fonnte's real calls.
		if !s.allow(w, r, ClassWebhook, t.Slug) {
			return
		}
		s.withTenant(t, w, r, laneStaff, s.handleFonnteWebhook)
	})
}

// webhookTokenOK compares the token of `?token=` (or, without one, of the
// X-Webhook-Token header) with the tenant's in constant time.
func webhookTokenOK(r *http.Request, t *tenants.Tenant) bool {
	got := r.URL.Query().Get("token")
	if got == "" {
		got = r.Header.Get("X-Webhook-Token")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(t.WebhookToken)) == 1
}

// webhookResult is the data of a webhook answer.
type webhookResult struct {
	LeadID    *int64 `json:"leadId,omitempty"`
	MessageID *int64 `json:"messageId,omitempty"`
	Status    string `json:"status"` // processed, duplicate or ignored
	Detail    string `json:"detail,omitempty"`
}

// ignoredBody answers an event that is deliberately not acted on. Fonnte's
// integrations expect {"status":"ignored"}, and every API answer is wrapped
// in the envelope, so the body is both: the envelope with a top-level status
// too (docs/api.md, The Fonnte webhook).
type ignoredBody struct {
	Success bool          `json:"success"`
	Status  string        `json:"status"`
	Data    webhookResult `json:"data"`
}

// maxContentTypeLen bounds the Content-Type kept with an event.
const maxContentTypeLen = 200

func (s *Server) handleFonnteWebhook(w http.ResponseWriter, r *http.Request, sc *scope) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			Error(w, r, store.Errorf(store.ETOOLARGE, "Request body is larger than %d bytes", maxErr.Limit))
			return
		}
		Error(w, r, store.Errorf(store.EBADREQUEST, "Request body could not be read"))
		return
	}
	ct := r.Header.Get("Content-Type")
	p, err := whatsapp.DecodePayload(ct, body)
	ev := store.WebhookEvent{Kind: p.Kind, ContentType: truncateBytes(ct, maxContentTypeLen),
		Body: whatsapp.RedactToken(string(body), p.Token)}
	if err != nil {
		s.refuseWebhook(w, r, sc.DB, ev, store.WebhookInvalid, err)
		return
	}
	if err := p.CheckDevice(sc.Tenant.WhatsAppNumber); err != nil {
		s.refuseWebhook(w, r, sc.DB, ev, store.WebhookRejected, err)
		return
	}
	var res webhookResult
	switch p.Kind {
	case store.WebhookKindMessage:
		res, err = webhookMessage(r.Context(), sc.DB, ev, p)
	case store.WebhookKindMessageStatus:
		res, err = webhookMessageStatus(r.Context(), sc.DB, ev, p)
	default: // a device event: recorded, and shown as the connection state
		ev.Outcome, ev.Detail = store.WebhookProcessed, "Device "+p.Status
		res = webhookResult{Status: store.WebhookProcessed}
		_, err = sc.DB.RecordWebhookEvent(r.Context(), ev)
	}
	if store.ErrorCode(err) == store.EINVALID {
		s.refuseWebhook(w, r, sc.DB, ev, store.WebhookInvalid, err)
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	if res.Status == store.WebhookIgnored {
		writeJSON(w, http.StatusOK, ignoredBody{Success: true, Status: res.Status, Data: res})
		return
	}
	writeData(w, http.StatusOK, res)
}

// webhookMessage stores a customer's message and its event in one
// transaction, or records a group or broadcast message as ignored.
func webhookMessage(ctx context.Context, db *store.DB, ev store.WebhookEvent, p *whatsapp.Payload) (webhookResult, error) {
	if p.Ignore != "" {
		ev.Outcome, ev.Detail = store.WebhookIgnored, p.Ignore
		_, err := db.RecordWebhookEvent(ctx, ev)
		return webhookResult{Status: store.WebhookIgnored, Detail: p.Ignore}, err
	}
	out, err := db.RecordInboundWebhook(ctx, ev, p.Inbound())
	if err != nil {
		return webhookResult{}, err
	}
	return webhookResult{LeadID: out.Event.LeadID, MessageID: out.Event.MessageID, Status: out.Event.Outcome}, nil
}

// webhookMessageStatus applies a delivery state to the outgoing message
// Fonnte names, recording the event in the same transaction.
func webhookMessageStatus(ctx context.Context, db *store.DB, ev store.WebhookEvent, p *whatsapp.Payload) (webhookResult, error) {
	if p.Delivery == "" {
		ev.Outcome, ev.Detail = store.WebhookIgnored, "Nothing to record for status "+truncateBytes(strings.TrimSpace(p.Status+" "+p.State), 100)
		_, err := db.RecordWebhookEvent(ctx, ev)
		return webhookResult{Status: store.WebhookIgnored, Detail: ev.Detail}, err
	}
	stored, err := db.UpdateDeliveryByExternalID(ctx, p.ID, p.Delivery, ev)
	if err != nil {
		return webhookResult{}, err
	}
	return webhookResult{MessageID: stored.MessageID, Status: stored.Outcome, Detail: stored.Detail}, nil
}

// refuseWebhook records an event that is answered with an error, then
// answers it. When even recording fails, that failure is the answer (500),
// so Fonnte retries once the database is back.
func (s *Server) refuseWebhook(w http.ResponseWriter, r *http.Request, db *store.DB, ev store.WebhookEvent, outcome string, cause error) {
	ev.Outcome, ev.Detail = outcome, store.ErrorMessage(cause)
	if _, err := db.RecordWebhookEvent(r.Context(), ev); err != nil {
		Error(w, r, err)
		return
	}
	Error(w, r, cause)
}

// truncateBytes cuts s to at most n bytes on a rune boundary.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
