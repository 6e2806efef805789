package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/autoleads/autoleads/store/demo"
)

// The demo's staff, as demo.Demo() creates them.
var (
	demoOwner = demo.Demo().Users[0]
	demoSales = demo.Demo().Users[2]
)

// staffTab opens a phone-sized tab with cookies of its own and signs email
// in through the dashboard's form, as a salesperson on the lot does.
func (s *server) staffTab(t *testing.T, email string) context.Context {
	t.Helper()
	tab := newPrivateTab(t, phone{})
	s.signIn(t, tab, email)
	return tab
}

// signIn fills the sign-in form in tab and waits for the dashboard.
func (s *server) signIn(t *testing.T, tab context.Context, email string) {
	t.Helper()
	do(t, tab,
		chromedp.Navigate(s.url("/admin/login")),
		chromedp.SetValue(chromedp.CSS(`input[name=email]`), email),
		chromedp.SetValue(chromedp.CSS(`input[name=password]`), demo.Password),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.tabs`)),
	)
}

// whatsApp posts a customer's message to the showroom's Fonnte webhook,
// as Fonnte does, and returns the lead it went to.
func (s *server) whatsApp(t *testing.T, sender, name, message, inboxID string) int64 {
	t.Helper()
	var got struct {
		LeadID int64 `json:"leadId"`
	}
	s.webhook(t, map[string]string{"device": demo.Showroom().WhatsAppNumber,
		"sender": sender, "name": name, "message": message, "inboxid": inboxID}, &got)
	if got.LeadID == 0 {
		t.Fatal("the webhook answered no lead")
	}
	return got.LeadID
}

// delivered posts Fonnte's report that the message it gave id reached
// status (sent, delivered, read).
func (s *server) delivered(t *testing.T, id, status string) {
	t.Helper()
	s.webhook(t, map[string]string{"id": id, "status": status}, nil)
}

func (s *server) webhook(t *testing.T, body map[string]string, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, s.url("/webhook/fonnte?token="+url.QueryEscape(s.webhookToken(t))),
		bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	s.send(t, req, "", out)
}
