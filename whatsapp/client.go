// Package whatsapp is what AutoLeads knows of Fonnte, its WhatsApp gateway:
// the decoding of what Fonnte posts to the webhook (docs/api.md, The Fonnte webhook), and the
// delivery of the showrooms' outgoing messages through Fonnte's send API, a
// client for the API and the sender worker that drains every showroom's
// outbox (docs/api.md, Replies over WhatsApp).
package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is Fonnte's API.
const DefaultBaseURL = "https://api.fonnte.com"

// Client calls Fonnte's send API.
type Client struct {
	BaseURL string       // e.g. DefaultBaseURL; tests point it at a fake
	HTTP    *http.Client // its Timeout bounds every call
}

// NewClient returns a client of the API at baseURL whose calls give up
// after timeout.
func NewClient(baseURL string, timeout time.Duration) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), HTTP: &http.Client{Timeout: timeout}}
}

// SendRequest is one text to one WhatsApp number.
type SendRequest struct {
	Token   string // the showroom's Fonnte device token
	Target  string // digits, "62…"
	Message string
	InboxID string // Fonnte inboxid of the message this one replies to, or ""
}

// SendError is a send that did not succeed. Temporary errors (network
// errors, timeouts, HTTP 429 and 5xx, an unreadable answer) may succeed if
// tried again; the others (Fonnte's {"status":false}, other HTTP errors)
// will not. Its Error text is for the log only: a network error names the
// gateway's address. failureReason words it for staff.
type SendError struct {
	Temporary bool
	Status    int    // the HTTP status of Fonnte's answer; 0 when none came
	Refusal   string // Fonnte's own reason for refusing the message, as it gave it
	Err       error  // the network or decoding failure, if any
}

// Error implements the error interface.
func (e *SendError) Error() string {
	switch {
	case e.Err != nil:
		return "fonnte send: " + e.Err.Error()
	case e.Status >= 300 && e.Refusal != "":
		return fmt.Sprintf("fonnte send: HTTP %d: %s", e.Status, e.Refusal)
	case e.Status >= 300:
		return fmt.Sprintf("fonnte send: HTTP %d", e.Status)
	}
	return fmt.Sprintf("fonnte send: refused: %q", e.Refusal)
}

// Unwrap returns the network or decoding failure.
func (e *SendError) Unwrap() error { return e.Err }

// errNotJSON is an answer Fonnte sent that cannot be decoded.
var errNotJSON = errors.New("the answer is not JSON")

// maxAnswer bounds how much of Fonnte's answer is read.
const maxAnswer = 1 << 20

// Send sends req and returns the id Fonnte gave the message ("" when it
// gave none). Fonnte answers HTTP 200 even when it refuses a message, so
// only {"status":true} is success. Errors: *SendError.
func (c *Client) Send(ctx context.Context, req SendRequest) (string, error) {
	form := url.Values{"target": {req.Target}, "message": {req.Message}}
	if req.InboxID != "" {
		form.Set("inboxid", req.InboxID)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/send", strings.NewReader(form.Encode()))
	if err != nil {
		return "", &SendError{Err: err}
	}
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hreq.Header.Set("Authorization", req.Token) // Fonnte takes the bare token, no "Bearer"
	res, err := c.HTTP.Do(hreq)
	if err != nil {
		return "", &SendError{Err: err, Temporary: true}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return "", &SendError{Status: res.StatusCode, Err: fmt.Errorf("reading the answer: %w", err), Temporary: true}
	}
	var ans sendAnswer
	decodeErr := json.Unmarshal(body, &ans)
	switch {
	case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests:
		return "", &SendError{Status: res.StatusCode, Temporary: true}
	case res.StatusCode >= 300:
		return "", &SendError{Status: res.StatusCode, Refusal: ans.reason()}
	case decodeErr != nil:
		return "", &SendError{Status: res.StatusCode, Err: fmt.Errorf("%w: %v", errNotJSON, decodeErr), Temporary: true}
	case !ans.ok():
		return "", &SendError{Status: res.StatusCode, Refusal: ans.reason()}
	}
	return ans.firstID(), nil
}

// sendAnswer is Fonnte's answer to a send: {"status":true,"id":["…"],…} or
// {"status":false,"reason":"…"}. Types are read leniently (a boolean or a
// string status; ids as strings or numbers, in a list or alone).
type sendAnswer struct {
	Status json.RawMessage `json:"status"`
	Reason string          `json:"reason"`
	Detail string          `json:"detail"`
	ID     json.RawMessage `json:"id"`
}

func (a *sendAnswer) ok() bool {
	s := strings.Trim(string(bytes.TrimSpace(a.Status)), `"`)
	return s == "true"
}

// reason is Fonnte's reason for a refusal, or "" when it gave none.
func (a *sendAnswer) reason() string {
	if a.Reason != "" {
		return a.Reason
	}
	return a.Detail
}

func (a *sendAnswer) firstID() string {
	var list []json.RawMessage
	if json.Unmarshal(a.ID, &list) != nil {
		list = []json.RawMessage{a.ID}
	}
	for _, raw := range list {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return n.String()
		}
	}
	return ""
}
