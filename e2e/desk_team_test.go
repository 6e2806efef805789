package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/autoleads/autoleads/store/demo"
)

// The owner adds a salesperson from the phone, leaving the password to be
// generated; the new salesperson signs in with it in a tab of their own.
func TestDeskTeamAddSales(t *testing.T) {
	s := site(t)
	owner := s.staffTab(t, demoOwner.Email)
	do(t, owner, chromedp.Navigate(s.url("/admin/account")),
		chromedp.Click(chromedp.CSS(`a[href="/admin/team"]`)), chromedp.WaitVisible(chromedp.CSS("#add")),
		chromedp.SetValue(chromedp.CSS("#add-name"), "Sari Baru"),
		chromedp.SetValue(chromedp.CSS("#add-email"), "sari@showroom-surabaya.com"),
		chromedp.SetValue(chromedp.CSS("#add-role"), "sales"),
		chromedp.Click(chromedp.CSS("#add button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#password-value")))
	password := text(t, owner, "#password-value")
	if len(password) < 20 {
		t.Fatalf("generated password %q", password)
	}

	sari := newPrivateTab(t, phone{})
	do(t, sari, chromedp.Navigate(s.url("/admin/login")),
		chromedp.SetValue(chromedp.CSS(`input[name=email]`), "sari@showroom-surabaya.com"),
		chromedp.SetValue(chromedp.CSS(`input[name=password]`), password),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.tabs`)),
		chromedp.Navigate(s.url("/admin/account")), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := eval[bool](t, sari, `document.querySelector('a[href="/admin/team"]') === null`); !got {
		t.Error("a salesperson is offered the team page")
	}
}

// The owner sets the Fonnte token and finds the webhook URL to paste into
// Fonnte, with its copy button; the token is never shown back.
func TestDeskSettingsFonnteToken(t *testing.T) {
	s := site(t)
	owner := s.staffTab(t, demoOwner.Email)
	const token = "e2e-device-token" // the one connectWhatsApp sets, so the order of the tests does not matter
	do(t, owner, chromedp.Navigate(s.url("/admin/settings")), chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SetValue(chromedp.CSS("#fonnteToken"), token),
		chromedp.Click(chromedp.CSS("#token button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#whatsapp .notice")))
	webhook := eval[string](t, owner, `document.getElementById("webhook-url").value`)
	if !strings.Contains(webhook, "/webhook/fonnte?token="+url.QueryEscape(s.webhookToken(t))) {
		t.Errorf("webhook URL %q", webhook)
	}
	if !eval[bool](t, owner, `!document.querySelector("button[data-copy=webhook-url]").hidden`) {
		t.Error("no copy button")
	}
	if eval[bool](t, owner, `document.documentElement.outerHTML.includes(`+"`"+token+"`"+`)`) {
		t.Error("the Fonnte token is shown back")
	}
}

// An admin reads the settings and adds sales users, but is offered none of
// the owner's controls (the server's refusals are tested in package http).
func TestDeskAdminNoOwnerControls(t *testing.T) {
	s := site(t)
	admin := newPrivateTab(t, phone{})
	do(t, admin, chromedp.Navigate(s.url("/admin/login")),
		chromedp.SetValue(chromedp.CSS(`input[name=email]`), demo.Demo().Users[1].Email),
		chromedp.SetValue(chromedp.CSS(`input[name=password]`), demo.Password),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.tabs`)),
		chromedp.Navigate(s.url("/admin/settings")), chromedp.WaitVisible(chromedp.CSS("#webhook-url")))
	if eval[int](t, admin, `document.querySelectorAll("main form").length`) != 0 {
		t.Error("an admin is offered the settings' forms")
	}
	do(t, admin, chromedp.Navigate(s.url("/admin/team")), chromedp.WaitVisible(chromedp.CSS("#add")))
	if eval[bool](t, admin, `document.querySelector('option[value=owner], form[action$="/role"]') !== null`) {
		t.Error("an admin is offered to make owners")
	}
}
