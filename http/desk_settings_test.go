package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// profileForm is a valid profile of the settings page, with changes.
func profileForm(changes map[string]string) url.Values {
	form := url.Values{"name": {"Mobil Jaya"}, "phone": {"031-555-1234"}, "whatsappNumber": {corpusDevice},
		"email": {"halo@mobiljaya.test"}, "address": {"Jl. Ahmad Yani 10"}, "city": {"Surabaya"},
		"mapsUrl": {"https://maps.example/jaya"}, "primaryColor": {"#0a7d32"}, "secondaryColor": {"#111111"},
		"open-monday": {"08:00"}, "close-monday": {"17:00"}, "closed-sunday": {"1"}}
	for k, v := range changes {
		form.Set(k, v)
	}
	return form
}

func (e *deskLeadEnv) tenant() *tenants.Tenant {
	e.t.Helper()
	tn, err := e.Reg.FindTenant(context.Background(), "alpha")
	if err != nil {
		e.t.Fatal(err)
	}
	return tn
}

func TestDeskSettingsProfile(t *testing.T) {
	e := newDeskLeadEnv(t)
	page := e.deskGet("/admin/settings", "alpha.test", e.ownerS)
	wantStatusCode(t, "settings", page, http.StatusOK)
	wantFragments(t, "settings", page.Body, `action="/admin/settings"`, `name="open-monday"`, `name="closed-sunday"`,
		`type="color"`, `name="logo" type="file" accept="image/*"`, `href="/admin/quick-replies"`)

	wantRedirect(t, "save", e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(nil)), "/admin/settings?saved=profile#profile")
	tn := e.tenant()
	if tn.Name != "Mobil Jaya" || tn.City != "Surabaya" || tn.PrimaryColor != "#0a7d32" || tn.MapsURL != "https://maps.example/jaya" ||
		len(tn.BusinessHours) != 2 || tn.BusinessHours["monday"] != "08:00-17:00" || tn.BusinessHours["sunday"] != "closed" {
		t.Fatalf("not saved: %+v %v", tn, tn.BusinessHours)
	}
	if tn.FonnteToken != "fonnte-token" {
		t.Fatal("saving the profile touched the Fonnte token")
	}
	page = e.deskGet("/admin/settings?saved=profile", "alpha.test", e.ownerS)
	wantFragments(t, "saved", page.Body, "Pengaturan tersimpan.", `value="Mobil Jaya"`, `id="open-monday" name="open-monday" type="time" value="08:00"`,
		`name="closed-sunday" value="1" checked`)
	wantFragments(t, "website", e.deskGet("/", "alpha.test", "").Body, "Mobil Jaya", "Surabaya")

	res := e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(map[string]string{"name": " ", "email": "bukan-email",
		"mapsUrl": "javascript:alert(1)", "primaryColor": "merah", "open-tuesday": "09:00", "whatsappNumber": "12"}))
	wantStatusCode(t, "bad", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad", res.Body, `id="f-name-error">Isi nama showroom`, `id="f-email-error">Isi alamat email yang benar.`,
		`id="f-mapsUrl-error">Isi link yang diawali https://.`, `id="f-primaryColor-error">Pilih warna`,
		`id="hours-error">Isi jam buka dan jam tutup`, `id="f-whatsappNumber-error">Nomor WhatsApp tidak valid`,
		`value="bukan-email"`, `id="open-tuesday" name="open-tuesday" type="time" value="09:00"`)
	if e.tenant().Name != "Mobil Jaya" {
		t.Fatal("a refused form changed the profile")
	}

	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr("")}); err != nil {
		t.Fatal(err)
	}
	e.whatsAppTenant("beta", "")
	res = e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(nil))
	wantStatusCode(t, "number taken", res, http.StatusConflict)
	wantFragments(t, "number taken", res.Body, `id="f-whatsappNumber-error">Nomor WhatsApp ini sudah dipakai showroom lain.`)
}

func TestDeskSettingsWhatsApp(t *testing.T) {
	e := newDeskLeadEnv(t)
	page := e.deskGet("/admin/settings", "alpha.test", e.ownerS)
	wantFragments(t, "whatsapp", page.Body, html.EscapeString(e.tn.WebhookURL("")), "<strong>Webhook</strong>",
		"<strong>Webhook Connect</strong>", "<strong>Webhook Status</strong>", `data-copy="webhook-url"`,
		"Token Fonnte sudah tersimpan.", "Fonnte belum pernah mengabarkan", `action="/admin/settings/fonnte-token"`)

	// What Fonnte reports is data: a hostile reason renders inert.
	ct, body := corpus(t, "device_disconnect.form")
	body = strings.Replace(body, "reason=logged+out+from+phone", "reason="+url.QueryEscape(`"><img src=x onerror=alert(1)><script>alert(1)</script>`), 1)
	wantStatusCode(t, "disconnect", e.webhook("/webhook/fonnte", "alpha.test", e.tn.WebhookToken, ct, body), http.StatusOK)
	page = e.deskGet("/admin/settings", "alpha.test", e.ownerS)
	wantFragments(t, "disconnected", page.Body, "Terputus", "Kabar terakhir dari Fonnte", "Alasan: &#34;&gt;&lt;img src=x")
	wantAbsent(t, "disconnected", page.Body, "<img src=x", "<script>alert")

	const secret = "Rahasia-Fonnte-123"
	wantRedirect(t, "token", e.deskPost("/admin/settings/fonnte-token", "alpha.test", e.ownerS, url.Values{"fonnteToken": {" " + secret + " "}}),
		"/admin/settings?saved=token#whatsapp")
	if e.tenant().FonnteToken != secret {
		t.Fatalf("token %q", e.tenant().FonnteToken)
	}
	page = e.deskGet("/admin/settings?saved=token", "alpha.test", e.ownerS)
	wantFragments(t, "token saved", page.Body, "Token Fonnte tersimpan.", "Ganti token Fonnte")
	wantAbsent(t, "token never shown", page.Body, secret)
	for _, bad := range []string{"", "   ", "dua kata"} {
		res := e.deskPost("/admin/settings/fonnte-token", "alpha.test", e.ownerS, url.Values{"fonnteToken": {bad}})
		wantStatusCode(t, "bad token "+bad, res, http.StatusUnprocessableEntity)
		wantFragments(t, "bad token "+bad, res.Body, `id="fonnteToken-error">Isi token perangkat dari Fonnte`)
		wantAbsent(t, "bad token "+bad, res.Body, secret)
	}
	if e.tenant().FonnteToken != secret {
		t.Fatal("a refused token changed the stored one")
	}

	// A test message opens a lead for a new number, or joins the number's
	// open lead, and waits in the outbox like a reply.
	for _, number := range []string{"0812-7777-0001", "081234567002"} {
		if number == "081234567002" {
			e.inbound(number, "Budi", "Halo")
		}
		res := e.deskPost("/admin/settings/test-message", "alpha.test", e.ownerS, url.Values{"testNumber": {number}})
		wantStatusCode(t, "test "+number, res, http.StatusSeeOther)
		var lead, msg int64
		if _, err := fmt.Sscanf(res.Header.Get("Location"), "/admin/leads/%d#m%d", &lead, &msg); err != nil {
			t.Fatalf("test %s: Location %q", number, res.Header.Get("Location"))
		}
		msgs, err := e.db("alpha").FindMessages(context.Background(), lead)
		if err != nil || msgs[len(msgs)-1].ID != msg || msgs[len(msgs)-1].DeliveryStatus != store.DeliveryQueued ||
			!strings.Contains(msgs[len(msgs)-1].Message, "Pesan uji dari") {
			t.Fatalf("test %s: messages %+v %v", number, msgs, err)
		}
		if l, _ := e.db("alpha").FindLeadByID(context.Background(), lead); number == "081234567002" && l.CustomerName != "Budi" {
			t.Fatalf("the number's open lead was not used: %+v", l)
		}
	}
	res := e.deskPost("/admin/settings/test-message", "alpha.test", e.ownerS, url.Values{"testNumber": {"12ab"}})
	wantStatusCode(t, "bad number", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad number", res.Body, `id="testNumber-error">Nomor HP tidak valid.`, `value="12ab"`)
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{FonnteToken: ptr("")}); err != nil {
		t.Fatal(err)
	}
	res = e.deskPost("/admin/settings/test-message", "alpha.test", e.ownerS, url.Values{"testNumber": {"0812-7777-0003"}})
	wantStatusCode(t, "no token", res, http.StatusUnprocessableEntity)
	wantFragments(t, "no token", res.Body, `id="testNumber-error">Simpan token Fonnte dulu`)
	if leads, _ := e.db("alpha").FindCustomerLeads(context.Background(), "0812-7777-0003", 0, nil); len(leads) != 0 {
		t.Fatal("a test without a token opened a lead")
	}
}

func TestDeskSettingsRoles(t *testing.T) {
	e := newDeskLeadEnv(t)
	e.createUser("alpha", "admin@alpha.test", store.RoleAdmin)
	admin := e.signIn("alpha.test", "admin@alpha.test").Value
	page := e.deskGet("/admin/settings", "alpha.test", admin)
	wantStatusCode(t, "admin", page, http.StatusOK)
	wantFragments(t, "admin", page.Body, "Hanya pemilik yang bisa mengubah", html.EscapeString(e.tn.WebhookURL("")), "<dt>Kota</dt>")
	for _, control := range []string{`action="/admin/settings"`, `action="/admin/settings/fonnte-token"`, `action="/admin/settings/test-message"`} {
		wantAbsent(t, "admin", page.Body, control)
	}
	wantStatusCode(t, "sales", e.deskGet("/admin/settings", "alpha.test", e.salesS), http.StatusForbidden)
	for _, path := range []string{"/admin/settings", "/admin/settings/fonnte-token", "/admin/settings/test-message"} {
		form := profileForm(map[string]string{"fonnteToken": "x", "testNumber": "081277770009"})
		wantStatusCode(t, "admin "+path, e.deskPost(path, "alpha.test", admin, form), http.StatusForbidden)
		wantStatusCode(t, "sales "+path, e.deskPost(path, "alpha.test", e.salesS, form), http.StatusForbidden)
		req := newFormRequest(path, "alpha.test", form)
		req.Header.Set("Origin", "https://evil.example")
		req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
		wantStatusCode(t, "cross-site "+path, e.serve(req), http.StatusForbidden)
	}
	if tn := e.tenant(); tn.Name == "Mobil Jaya" || tn.FonnteToken != "fonnte-token" {
		t.Fatalf("a refused post changed the showroom: %+v", tn)
	}
}

// The owner picks the showroom's time zone; it is kept in the settings
// beside whatever else they hold, and a value not among Indonesia's three
// zones is refused beside the field with nothing saved.
func TestDeskSettingsTimeZone(t *testing.T) {
	e := newDeskLeadEnv(t)
	settings := json.RawMessage(`{"theme":"dark","timeZone":"WIB"}`)
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{Settings: &settings}); err != nil {
		t.Fatal(err)
	}
	page := e.deskGet("/admin/settings", "alpha.test", e.ownerS)
	wantFragments(t, "settings", page.Body, `<select id="f-timeZone" name="timeZone"`, `<option value="WIB" selected>WIB (UTC&#43;7) — Jakarta`,
		`<option value="WITA">WITA (UTC&#43;8) — Bali, Makassar`)

	wantRedirect(t, "WITA", e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(map[string]string{"timeZone": "WITA"})),
		"/admin/settings?saved=profile#profile")
	var saved map[string]string
	if err := json.Unmarshal(e.tenant().Settings, &saved); err != nil || saved["timeZone"] != "WITA" || saved["theme"] != "dark" {
		t.Fatalf("settings after saving WITA: %s (%v)", e.tenant().Settings, err)
	}
	wantFragments(t, "saved", e.deskGet("/admin/settings", "alpha.test", e.ownerS).Body, `<option value="WITA" selected>`)

	res := e.deskPost("/admin/settings", "alpha.test", e.ownerS, profileForm(map[string]string{"timeZone": "Mars", "name": "Mobil Mars"}))
	wantStatusCode(t, "Mars", res, http.StatusUnprocessableEntity)
	wantFragments(t, "Mars", res.Body, `id="f-timeZone-error">Pilih WIB, WITA, atau WIT.`, `aria-invalid="true"`)
	if tn := e.tenant(); tn.Name == "Mobil Mars" || !strings.Contains(string(tn.Settings), `"timeZone":"WITA"`) {
		t.Fatalf("a refused zone saved %q %s", tn.Name, tn.Settings)
	}

	// A form from before the field keeps the zone.
	form := profileForm(nil)
	form.Del("timeZone")
	wantRedirect(t, "no zone", e.deskPost("/admin/settings", "alpha.test", e.ownerS, form), "/admin/settings?saved=profile#profile")
	if !strings.Contains(string(e.tenant().Settings), `"timeZone":"WITA"`) {
		t.Fatalf("a form without the zone changed it: %s", e.tenant().Settings)
	}
}
