// Package whatsapp delivers the showrooms' outgoing WhatsApp messages
// through Fonnte's send API: a client for the API and the sender worker
// that drains every showroom's outbox (SPEC §9.3).
package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
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
// will not.
type SendError struct {
	Reason    string
	Temporary bool
}

// Error implements the error interface.
func (e *SendError) Error() string { return "fonnte send: " + e.Reason }

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
		return "", &SendError{Reason: err.Error()}
	}
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hreq.Header.Set("Authorization", req.Token) // Fonnte takes the bare token, no "Bearer"
	res, err := c.HTTP.Do(hreq)
	if err != nil {
		return "", &SendError{Reason: err.Error(), Temporary: true}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return "", &SendError{Reason: "reading Fonnte's answer: " + err.Error(), Temporary: true}
	}
	var ans sendAnswer
	decodeErr := json.Unmarshal(body, &ans)
	switch {
	case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests:
		return "", &SendError{Reason: fmt.Sprintf("Fonnte answered HTTP %d", res.StatusCode), Temporary: true}
	case res.StatusCode >= 300:
		reason := fmt.Sprintf("Fonnte answered HTTP %d", res.StatusCode)
		if ans.Reason+ans.Detail != "" {
			reason += ": " + ans.reason()
		}
		return "", &SendError{Reason: reason}
	case decodeErr != nil:
		return "", &SendError{Reason: "Fonnte's answer is not JSON", Temporary: true}
	case !ans.ok():
		return "", &SendError{Reason: ans.reason()}
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

func (a *sendAnswer) reason() string {
	switch {
	case a.Reason != "":
		return a.Reason
	case a.Detail != "":
		return a.Detail
	}
	return "Fonnte refused the message without a reason"
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
