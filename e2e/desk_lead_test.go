package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Hostile names and messages sent through the webhook show as text on the
// lead page, the board, the inbox and the home page: nothing they hold
// becomes an element.
func TestDeskHostileMessagesInert(t *testing.T) {
	s := site(t)
	hostile := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`}
	var ids []int64
	for i, h := range hostile {
		ids = append(ids, s.whatsApp(t, fmt.Sprintf("6289912300%02d", i), h, h, fmt.Sprintf("hostile-%d", i)))
	}
	tab := s.staffTab(t, demoOwner.Email)
	inert := `document.querySelectorAll('img[src="x"], main script, a[href^="javascript:"]').length === 0`
	for i, id := range ids {
		do(t, tab, chromedp.Navigate(s.url(fmt.Sprintf("/admin/leads/%d", id))), chromedp.WaitVisible(chromedp.CSS("#thread")))
		if !eval[bool](t, tab, inert) {
			t.Errorf("lead %d: a hostile string became an element", id)
		}
		if got := text(t, tab, "main h1"); got != hostile[i] {
			t.Errorf("lead %d: heading %q, want the name as text %q", id, got, hostile[i])
		}
		if got := text(t, tab, "#thread .msg.in .text"); got != hostile[i] {
			t.Errorf("lead %d: message %q, want it as text %q", id, got, hostile[i])
		}
	}
	for _, page := range []struct{ path, ready string }{
		{"/admin/board", ".board"}, {"/admin/leads?tab=all", "#inbox-list"}, {"/admin", "main h1"},
	} {
		do(t, tab, chromedp.Navigate(s.url(page.path)), chromedp.WaitVisible(chromedp.CSS(page.ready)))
		if !eval[bool](t, tab, inert) {
			t.Errorf("%s: a hostile string became an element", page.path)
		}
	}
	do(t, tab, chromedp.Navigate(s.url("/admin/leads?tab=all")), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
	for _, h := range hostile {
		if !eval[bool](t, tab, fmt.Sprintf(`[...document.querySelectorAll("#inbox-list .lead-name")].some(n => n.textContent.includes(%q))`, h)) {
			t.Errorf("the inbox does not show the name %q as text", h)
		}
	}
}

// The owner moves a lead on the board with the card's own control, by drag
// and to lost through the dialog that asks why; a follow-up set on the lead
// page then shows as due on the board.
func TestDeskBoardMoveAndFollowUp(t *testing.T) {
	s := site(t)
	id := s.whatsApp(t, "628991230100", "Pak Papan", "Halo, Xenia masih ada?", "board-1")
	card := fmt.Sprintf("#lead-%d", id)
	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(s.url("/admin/board")), chromedp.WaitVisible(chromedp.CSS("#col-new "+card)),
		chromedp.SetValue(chromedp.CSS(fmt.Sprintf("#move-%d", id)), "hot"),
		chromedp.Click(chromedp.CSS(card+" .move button")),
		chromedp.WaitVisible(chromedp.CSS("#col-hot "+card)))

	// A drag to Hangat posts the same form in the background.
	eval[bool](t, tab, fmt.Sprintf(`(() => {
		const dt = new DataTransfer(), c = document.querySelector(%q), col = document.querySelector("#col-warm .cards");
		c.dispatchEvent(new DragEvent("dragstart", {dataTransfer: dt, bubbles: true}));
		col.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		col.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		c.dispatchEvent(new DragEvent("dragend", {dataTransfer: dt, bubbles: true}));
		return true })()`, card))
	do(t, tab, chromedp.WaitVisible(chromedp.CSS("#col-warm "+card)))
	do(t, tab, chromedp.Navigate(s.url("/admin/board")), chromedp.WaitVisible(chromedp.CSS("#col-warm "+card)))

	// A follow-up already due shows on the lead page and on its card.
	do(t, tab, chromedp.Navigate(s.url(fmt.Sprintf("/admin/leads/%d", id))), chromedp.WaitVisible(chromedp.CSS("#follow-up-at")),
		chromedp.SetValue(chromedp.CSS("#follow-up-at"), time.Now().Add(-time.Hour).In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02T15:04")),
		chromedp.Click(chromedp.CSS("#follow-up button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".follow-up-now.due")),
		chromedp.Navigate(s.url("/admin/board")), chromedp.WaitVisible(chromedp.CSS(card+" .badge.hot")))

	// Lost asks why before the card moves.
	do(t, tab, chromedp.SetValue(chromedp.CSS(fmt.Sprintf("#move-%d", id)), "lost"),
		chromedp.Click(chromedp.CSS(card+" .move button")),
		chromedp.WaitVisible(chromedp.CSS("#lost-dialog-reason")),
		chromedp.SetValue(chromedp.CSS("#lost-dialog-reason"), "leasing_rejected"),
		chromedp.Click(chromedp.CSS("#lost-dialog button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#col-lost "+card)))
	var got struct{ Status, LostReason string }
	s.admin(t, "GET", fmt.Sprintf("/api/admin/leads/%d", id), nil, &got)
	if got.Status != "lost" || got.LostReason != "leasing_rejected" {
		t.Fatalf("lead after the dialog: %+v", got)
	}
}
