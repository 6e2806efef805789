package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// apiLead is what the dashboard scenarios read of a lead from the admin API.
type apiLead struct {
	ID         int64  `json:"id"`
	Status     string `json:"status"`
	AssignedTo *struct {
		Email string `json:"email"`
	} `json:"assignedTo"`
}

var fonnteTokenOnce sync.Once

// connectWhatsApp gives the demo showroom a Fonnte token, as its owner
// does once, so replies leave (for the suite's stand-in for Fonnte).
func (s *server) connectWhatsApp(t *testing.T) {
	t.Helper()
	fonnteTokenOnce.Do(func() {
		s.admin(t, http.MethodPut, "/api/admin/tenant", map[string]string{"fonnteToken": "e2e-device-token"}, nil)
	})
}

// A salesperson's morning: the inbox shows only their leads and the
// unassigned ones; they take a new customer's lead in one tap, reply from
// its page, and watch the reply's tick turn to sent when Fonnte takes it
// and to read when Fonnte reports it read — without reloading.
func TestDeskSalesTakesAndReplies(t *testing.T) {
	s := site(t)
	s.connectWhatsApp(t)
	id := s.whatsApp(t, "628991231000", "Pak Baru", "Halo, Brio masih ada?", "sales-day-1")
	tab := s.staffTab(t, demoSales.Email)

	var all []apiLead
	s.admin(t, http.MethodGet, "/api/admin/leads?limit=100", nil, &all)
	colleagues := map[string]bool{}
	for _, l := range all {
		if l.AssignedTo != nil && l.AssignedTo.Email != demoSales.Email {
			colleagues[fmt.Sprintf("lead-%d", l.ID)] = true
		}
	}
	if len(colleagues) == 0 {
		t.Fatal("the demo has no lead of another salesperson to hide")
	}
	for _, tabName := range []string{"waiting", "mine", "unassigned", "followup"} {
		do(t, tab, chromedp.Navigate(s.url("/admin/leads?tab="+tabName)), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
		for _, row := range eval[[]string](t, tab, `[...document.querySelectorAll("#inbox-list li.lead")].map(li => li.id)`) {
			if colleagues[row] {
				t.Errorf("tab %s shows %s, a colleague's lead", tabName, row)
			}
		}
	}
	if eval[bool](t, tab, `!!document.querySelector('.inbox-tabs a[href*="tab=all"]')`) {
		t.Error("a salesperson is offered the All tab")
	}

	row := fmt.Sprintf("#lead-%d", id)
	do(t, tab, chromedp.Navigate(s.url("/admin/leads?tab=unassigned")), chromedp.WaitVisible(chromedp.CSS(row)),
		chromedp.Click(chromedp.CSS(row+" .lead-take button")),
		chromedp.WaitVisible(chromedp.CSS("#message")))
	if loc := location(t, tab); !strings.HasSuffix(loc, fmt.Sprintf("/admin/leads/%d", id)) {
		t.Errorf("after Ambil the browser is at %s, not the lead's conversation", loc)
	}
	var l apiLead
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/leads/%d", id), nil, &l)
	if l.AssignedTo == nil || l.AssignedTo.Email != demoSales.Email {
		t.Fatalf("after Ambil the lead is assigned to %+v", l.AssignedTo)
	}

	reply := fmt.Sprintf("Masih ada, Pak. Mau lihat unitnya hari ini? (%d)", id)
	do(t, tab, chromedp.SetValue(chromedp.CSS("#message"), reply),
		chromedp.Click(chromedp.CSS("#reply button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#thread .msg.out .tick")))
	eval[bool](t, tab, `window.noReload = true`)
	sent := s.fonnte.waitSent(t, reply, 30*time.Second)
	if sent.Target != "628991231000" || sent.Token != "e2e-device-token" {
		t.Errorf("Fonnte was asked to send %+v", sent)
	}
	waitTick := func(status string) {
		t.Helper()
		start := time.Now()
		do(t, tab, chromedp.Poll[chromedp.Void](fmt.Sprintf(
			`[...document.querySelectorAll("#thread .msg.out")].some(m => m.querySelector(".text").textContent === %q && m.querySelector(".tick.%s"))`,
			reply, status), chromedp.WithPollingTimeout(10*time.Second)))
		t.Logf("the tick showed %s within %s of looking", status, time.Since(start).Round(10*time.Millisecond))
	}
	waitTick("sent")
	s.delivered(t, sent.ID, "read")
	waitTick("read")
	if !eval[bool](t, tab, `window.noReload === true`) {
		t.Error("the page reloaded instead of updating itself")
	}
}

// A WhatsApp message arrives while the conversation and the inbox are
// open: both show it without a reload, and the tab's title counts the
// conversations waiting for a reply.
func TestDeskLiveMessage(t *testing.T) {
	s := site(t)
	id := s.whatsApp(t, "628991232000", "Bu Live", "Selamat pagi", "live-1")
	lead := s.staffTab(t, demoOwner.Email)
	inbox := s.staffTab(t, demoOwner.Email)
	do(t, lead, chromedp.Navigate(s.url(fmt.Sprintf("/admin/leads/%d", id))), chromedp.WaitVisible(chromedp.CSS("#thread")))
	do(t, inbox, chromedp.Navigate(s.url("/admin/leads?tab=all")), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
	eval[bool](t, lead, `window.noReload = true`)
	eval[bool](t, inbox, `window.noReload = true`)
	// Both pages follow the showroom's changes before the message is sent.
	for _, tab := range []context.Context{lead, inbox} {
		do(t, tab, chromedp.WaitVisible(chromedp.CSS(`body[data-live-state="open"]`)))
	}

	newID := s.whatsApp(t, "628991233000", "Pak Datang", "Ada Avanza 2020?", "live-2")
	message := "Kalau Xenia yang hitam, bisa nego?"
	start := time.Now()
	s.whatsApp(t, "628991232000", "Bu Live", message, "live-3")
	do(t, lead, chromedp.Poll[chromedp.Void](fmt.Sprintf(
		`[...document.querySelectorAll("#thread .msg.in .text")].some(p => p.textContent === %q)`, message),
		chromedp.WithPollingTimeout(10*time.Second)))
	t.Logf("the message showed in the open conversation %s after the webhook answered", time.Since(start).Round(10*time.Millisecond))
	do(t, inbox, chromedp.Poll[chromedp.Void](fmt.Sprintf(`!!document.querySelector("#lead-%d")`, newID),
		chromedp.WithPollingTimeout(10*time.Second)))
	if !eval[bool](t, lead, `window.noReload === true`) || !eval[bool](t, inbox, `window.noReload === true`) {
		t.Error("a page reloaded instead of updating itself")
	}
	if title := eval[string](t, inbox, `document.title`); !strings.HasPrefix(title, "(") {
		t.Errorf("the inbox's title %q does not count the waiting conversations", title)
	}
}

// Signed out, or deactivated while signed in, a user who opens a page of
// the dashboard is sent to the sign-in form.
func TestDeskSignedOutSentToSignIn(t *testing.T) {
	s := site(t)
	anon := newPrivateTab(t, phone{})
	do(t, anon, chromedp.Navigate(s.url("/admin/leads")), chromedp.WaitVisible(chromedp.CSS("input[name=email]")))
	if loc := location(t, anon); !strings.Contains(loc, "/admin/login?next=%2Fadmin%2Fleads") {
		t.Errorf("signed out: at %s", loc)
	}

	email := fmt.Sprintf("sales-%d@showroom-surabaya.com", time.Now().UnixNano())
	var u struct {
		ID int64 `json:"id"`
	}
	s.admin(t, http.MethodPost, "/api/admin/users", map[string]string{"name": "Sales Sementara", "email": email,
		"password": "password123", "role": "sales"}, &u)
	tab := s.staffTab(t, email)
	do(t, tab, chromedp.Navigate(s.url("/admin/leads")), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
	s.admin(t, http.MethodPut, fmt.Sprintf("/api/admin/users/%d", u.ID), map[string]string{"status": "inactive"}, nil)
	do(t, tab, chromedp.Navigate(s.url("/admin/leads")), chromedp.WaitVisible(chromedp.CSS("input[name=email]")))
	if loc := location(t, tab); !strings.Contains(loc, "/admin/login") {
		t.Errorf("deactivated: at %s", loc)
	}
}

// A page of another origin that posts a dashboard form with the user's
// cookie (same site, another port: the cookie goes along) is refused, and
// the lead is unchanged.
func TestDeskCrossOriginPostRefused(t *testing.T) {
	s := site(t)
	id := s.whatsApp(t, "628991234000", "Pak Aman", "Halo", "cross-1")
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><form id=f method=post action=%q><input name=status value=lost><input name=lostReason value=price></form><script>document.getElementById("f").submit()</script>`,
			s.url(fmt.Sprintf("/admin/leads/%d/status", id)))
	}))
	defer evil.Close()
	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(evil.URL), chromedp.Poll[chromedp.Void](
		fmt.Sprintf(`location.href.startsWith(%q)`, s.url("/admin/leads/")), chromedp.WithPollingTimeout(10*time.Second)))
	if body := text(t, tab, "body"); !strings.Contains(body, "403") && !strings.Contains(strings.ToLower(body), "ditolak") {
		t.Errorf("the cross-origin post was answered with %q", body)
	}
	var l apiLead
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/leads/%d", id), nil, &l)
	if l.Status != "new" {
		t.Errorf("the cross-origin post changed the lead to %q", l.Status)
	}
}
