package http_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// The home page sums up the user's day in their scope, each lead figure
// linking to the inbox that lists it.
func TestDeskHomeFigures(t *testing.T) {
	e := newInboxEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	owner := e.signIn("alpha.test", "owner@alpha.test").Value
	e.say(e.free, store.SenderCustomer, "Halo", 30*time.Minute)
	e.say(e.colleagues, store.SenderCustomer, "Halo", 30*time.Minute)
	e.say(e.own, store.SenderSales, "Siang, Kak", 0)

	res := e.deskGet("/admin", "alpha.test", sales)
	wantStatusCode(t, "sales home", res, http.StatusOK)
	wantFragments(t, "sales home", res.Body, "Halo, sales",
		`<a class="figure urgent" href="/admin/leads?tab=waiting"><strong>1</strong><span>Belum dibalas`,
		`href="/admin/leads?tab=mine&amp;new=today"><strong>2</strong><span>Lead baru hari ini`,
		"Lead saya yang masih jalan", `href="/admin/leads?status=new&amp;tab=mine"><strong>1</strong>`,
		`href="/admin/leads?tab=followup"`, "median dari 1 lead yang sudah dibalas", `id="home-today" data-live`)
	res = e.deskGet("/admin", "alpha.test", owner)
	wantFragments(t, "owner home", res.Body, `href="/admin/leads?tab=waiting"><strong>2</strong>`,
		`href="/admin/leads?tab=all&amp;new=today"><strong>3</strong>`, "Lead yang masih jalan",
		`href="/admin/leads?status=new&amp;tab=all"><strong>3</strong>`)
}

// A red banner says when the showroom cannot answer on WhatsApp: no Fonnte
// token, or a device Fonnte reported disconnected; owners and admins are
// told how to mend it.
func TestDeskHomeWhatsAppBanner(t *testing.T) {
	e := newDeskEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	owner := e.signIn("alpha.test", "owner@alpha.test").Value

	res := e.deskGet("/admin", "alpha.test", sales)
	wantFragments(t, "no token", res.Body, `class="banner" role="alert">WhatsApp belum tersambung`)
	wantAbsent(t, "no token, sales", res.Body, "pengelola AutoLeads")
	wantFragments(t, "no token, owner", e.deskGet("/admin", "alpha.test", owner).Body, "pengelola AutoLeads")

	number, token := corpusDevice, "fonnte-token"
	tn, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{WhatsAppNumber: &number, FonnteToken: &token})
	if err != nil {
		t.Fatal(err)
	}
	wantAbsent(t, "token, nothing reported", e.deskGet("/admin", "alpha.test", sales).Body, `class="banner"`)

	ct, body := corpus(t, "device_disconnect.form")
	wantStatusCode(t, "disconnect", e.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body), http.StatusOK)
	wantFragments(t, "disconnected", e.deskGet("/admin", "alpha.test", sales).Body, "Perangkat WhatsApp showroom terputus")

	ct, body = corpus(t, "device_connect.json")
	wantStatusCode(t, "connect", e.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body), http.StatusOK)
	wantAbsent(t, "connected again", e.deskGet("/admin", "alpha.test", sales).Body, `class="banner"`)
}
