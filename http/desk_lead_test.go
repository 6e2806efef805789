package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestDeskLeadPage(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi Santoso", "Halo, Avanza masih ada?")
	ctx := context.Background()
	db := e.db("alpha")
	e.assign(id, e.sales)
	sent, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: id, Message: "Masih, Pak", UserID: e.sales.ID})
	if err != nil {
		t.Fatal(err)
	}
	db.ClaimDelivery(ctx, 0)
	if err := db.MarkDeliveryFailed(ctx, sent.ID, "nomor tidak terdaftar di WhatsApp"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: id, Message: "Bisa lihat besok?", UserID: e.sales.ID}); err != nil {
		t.Fatal(err)
	}

	path := fmt.Sprintf("/admin/leads/%d", id)
	for _, session := range []string{e.ownerS, e.salesS} {
		res := e.deskGet(path, "alpha.test", session)
		wantStatusCode(t, "lead page", res, http.StatusOK)
		wantFragments(t, "lead page", res.Body, "<h1>Budi Santoso</h1>", `href="https://wa.me/6281234567890"`,
			`href="tel:&#43;6281234567890"`, "0812-3456-7890", `class="msg in"`, "Halo, Avanza masih ada?",
			`class="msg out"`, `class="tick failed"`, "nomor tidak terdaftar di WhatsApp", `class="tick queued"`,
			`id="thread" data-live`, `action="/admin/leads/`+fmt.Sprint(id)+`/reply"`, `action="/admin/leads/`+fmt.Sprint(id)+`/status"`,
			"Ditangani sales", "Hari ini")
	}
	owner := e.deskGet(path, "alpha.test", e.ownerS).Body
	sales := e.deskGet(path, "alpha.test", e.salesS).Body
	if !strings.Contains(owner, `action="/admin/leads/`+fmt.Sprint(id)+`/assign"`) || strings.Contains(sales, "/assign\"") {
		t.Error("only owners and admins assign")
	}
	// A colleague's lead does not exist for a sales user; without a session
	// the page asks to sign in.
	wantStatusCode(t, "colleague", e.deskGet(path, "alpha.test", e.colleagueS), http.StatusNotFound)
	wantStatusCode(t, "no such lead", e.deskGet("/admin/leads/999", "alpha.test", e.ownerS), http.StatusNotFound)
	wantStatusCode(t, "bad id", e.deskGet("/admin/leads/x", "alpha.test", e.ownerS), http.StatusBadRequest)
	res := e.deskGet(path, "alpha.test", "")
	wantStatusCode(t, "signed out", res, http.StatusSeeOther)

	// An unassigned lead offers a sales user the take button, not the controls.
	other := e.inbound("6281311112222", "", "Ada Brio?")
	body := e.deskGet(fmt.Sprintf("/admin/leads/%d", other), "alpha.test", e.salesS).Body
	wantFragments(t, "unassigned", body, fmt.Sprintf(`action="/admin/leads/%d/take"`, other), "0813-1111-2222")
	if strings.Contains(body, "/status\"") || !strings.Contains(body, "<textarea id=\"message\" name=\"message\" rows=\"3\" disabled") {
		t.Errorf("a sales user can change an unassigned lead:\n%s", body)
	}
}

func TestDeskLeadEnglish(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	res := e.deskGet(fmt.Sprintf("/admin/leads/%d?lang=en", id), "alpha.test", e.ownerS)
	wantFragments(t, "English", res.Body, "Open WhatsApp", "Save status", "Today")
}

func TestDeskLeadReply(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	res := e.post(id, "reply", e.salesS, url.Values{"message": {"Selamat siang, Pak Budi"}})
	wantRedirect(t, "reply", res, fmt.Sprintf("/admin/leads/%d#reply", id))
	msgs, _ := e.db("alpha").FindMessages(context.Background(), id)
	if last := msgs[len(msgs)-1]; last.Message != "Selamat siang, Pak Budi" || last.DeliveryStatus != store.DeliveryQueued {
		t.Fatalf("reply not queued: %+v", last)
	}

	res = e.post(id, "reply", e.salesS, url.Values{"message": {"  "}})
	wantStatusCode(t, "empty reply", res, http.StatusUnprocessableEntity)
	wantFragments(t, "empty reply", res.Body, `id="message-error"`, "Tulis balasan")

	// Without a Fonnte token nothing is queued, and the page says why.
	empty := ""
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{FonnteToken: &empty}); err != nil {
		t.Fatal(err)
	}
	res = e.post(id, "reply", e.salesS, url.Values{"message": {"Halo lagi"}})
	wantStatusCode(t, "no token", res, http.StatusUnprocessableEntity)
	wantFragments(t, "no token", res.Body, "token Fonnte showroom belum diisi", ">Halo lagi</textarea>")
	if n := e.count("alpha", `SELECT COUNT(*) FROM messages WHERE message = 'Halo lagi'`); n != 0 {
		t.Fatalf("%d replies queued without a token", n)
	}
	wantFragments(t, "page without token", e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body,
		`class="banner" role="alert"`, "WhatsApp belum tersambung")
}

func TestDeskLeadForms(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	car := leadInsertCar(t, e.db("alpha"), "A01", store.CarAvailable)
	back := func(section string) string { return fmt.Sprintf("/admin/leads/%d#%s", id, section) }
	page := fmt.Sprintf("/admin/leads/%d", id)

	wantRedirect(t, "status", e.post(id, "status", e.salesS, url.Values{"status": {"hot"}}), back("status"))
	wantRedirect(t, "notes", e.post(id, "notes", e.salesS, url.Values{"notes": {"Mau kredit 3 tahun"}}), back("notes"))
	wantRedirect(t, "tags", e.post(id, "tags", e.salesS, url.Values{"tags": {"kredit, tukar tambah,, "}}), back("tags"))
	wantRedirect(t, "car", e.post(id, "car", e.salesS, url.Values{"carId": {fmt.Sprint(car)}}), back("car"))
	wantRedirect(t, "assign", e.post(id, "assign", e.ownerS, url.Values{"userId": {fmt.Sprint(e.colleague.ID)}}), back("assign"))
	l := e.lead(id)
	if l.Status != store.LeadHot || l.Notes != "Mau kredit 3 tahun" || strings.Join(l.Tags, "|") != "kredit|tukar tambah" ||
		l.CarID == nil || *l.CarID != car || !isUserID(l.AssignedToUserID, e.colleague.ID) {
		t.Fatalf("lead after the forms: %+v", l)
	}
	res := e.deskGet(page, "alpha.test", e.ownerS)
	wantStatusCode(t, "after", res, http.StatusOK)
	body := res.Body
	wantFragments(t, "after", body, "Toyota Avanza 2020 Hitam #A01", "Rp 165.000.000", "kredit, tukar tambah",
		"Mau kredit 3 tahun", `<option value="hot" selected>Panas</option>`)
	wantRedirect(t, "clear car", e.post(id, "car", e.colleagueS, url.Values{"carId": {""}}), back("car"))
	wantRedirect(t, "unassign", e.post(id, "assign", e.ownerS, url.Values{"userId": {""}}), back("assign"))
	if l := e.lead(id); l.CarID != nil || l.AssignedToUserID != nil {
		t.Fatalf("not cleared: %+v", l)
	}

	// A search of the stock lists cars for sale or booked, never sold ones.
	leadInsertCar(t, e.db("alpha"), "S01", store.CarSold)
	res = e.deskGet(page+"?car=Avanza", "alpha.test", e.ownerS)
	wantFragments(t, "car search", res.Body, fmt.Sprintf(`name="carId" value="%d"`, car))
	if strings.Contains(res.Body, "#S01") {
		t.Error("a sold car is offered")
	}
}

func isUserID(id *int64, want int64) bool { return id != nil && *id == want }

func TestDeskLeadFormErrors(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	for _, tc := range []struct {
		action string
		form   url.Values
		want   []string
	}{
		{"status", url.Values{"status": {"maybe"}}, []string{`id="status-error"`, "Pilih status dari daftar."}},
		{"tags", url.Values{"tags": {strings.Repeat("x", 51)}}, []string{`id="tags-error"`, `value="` + strings.Repeat("x", 51) + `"`}},
		{"notes", url.Values{"notes": {"a\x00b"}}, []string{`id="notes-error"`}},
		{"car", url.Values{"carId": {"999"}}, []string{`id="car-error"`}},
		{"car", url.Values{"carId": {"x"}}, []string{`id="car-error"`}},
		{"assign", url.Values{"userId": {"999"}}, []string{`id="assign-error"`}},
	} {
		session := e.salesS
		if tc.action == "assign" {
			session = e.ownerS
		}
		res := e.post(id, tc.action, session, tc.form)
		wantStatusCode(t, tc.action, res, http.StatusUnprocessableEntity)
		wantFragments(t, tc.action, res.Body, tc.want...)
	}
}

// The forms follow the API's rules: a sales user changes only their own
// lead (an unassigned one: 403), cannot see a colleague's (404), cannot
// assign; another site cannot post them.
func TestDeskLeadFormsRefused(t *testing.T) {
	e := newDeskLeadEnv(t)
	mine := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(mine, e.sales)
	theirs := e.inbound("6281311112222", "Sari", "Halo")
	e.assign(theirs, e.colleague)
	free := e.inbound("6281399998888", "Tono", "Halo")
	forms := map[string]url.Values{
		"reply": {"message": {"Halo"}}, "status": {"status": {"hot"}}, "notes": {"notes": {"x"}},
		"tags": {"tags": {"x"}}, "car": {"carId": {""}}, "assign": {"userId": {""}},
		"follow-up": {"clear": {"1"}}, "messages/1/retry": {},
	}
	for action, form := range forms {
		wantStatusCode(t, action+" colleague's", e.post(theirs, action, e.salesS, form), http.StatusNotFound)
		wantStatusCode(t, action+" unassigned", e.post(free, action, e.salesS, form), http.StatusForbidden)
		req := newFormRequest(fmt.Sprintf("/admin/leads/%d/%s", mine, action), "alpha.test", form)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
		wantStatusCode(t, action+" cross-site", e.serve(req), http.StatusForbidden)
	}
	wantStatusCode(t, "sales assigns", e.post(mine, "assign", e.salesS, url.Values{"userId": {fmt.Sprint(e.colleague.ID)}}), http.StatusForbidden)
	if l := e.lead(mine); l.Status != store.LeadNew || !isUserID(l.AssignedToUserID, e.sales.ID) {
		t.Fatalf("a refused form changed the lead: %+v", l)
	}
	if n := e.count("alpha", `SELECT COUNT(*) FROM messages WHERE sender = 'sales'`); n != 0 {
		t.Fatalf("%d refused replies queued", n)
	}
}
