package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// inboxEnv is the desk's showroom with a colleague of the sales user and
// three leads: the sales user's, nobody's and the colleague's.
type inboxEnv struct {
	*deskEnv
	colleague             *store.User
	own, free, colleagues *store.Lead
}

func newInboxEnv(t *testing.T) *inboxEnv {
	e := &inboxEnv{deskEnv: newDeskEnv(t)}
	e.colleague = e.createUser("alpha", "rina@alpha.test", store.RoleSales)
	e.own = e.lead("081200000001", "Budi Santoso", e.sales)
	e.free = e.lead("081200000002", "Siti Aminah", nil)
	e.colleagues = e.lead("081200000003", "Joko Widodo", e.colleague)
	return e
}

// lead creates an open lead of alpha assigned to u (nil: nobody).
func (e *inboxEnv) lead(phone, name string, u *store.User) *store.Lead {
	e.t.Helper()
	l := &store.Lead{CustomerPhone: phone, CustomerName: name, Source: store.SourceWhatsApp}
	if u != nil {
		l.AssignedToUserID = &u.ID
	}
	if err := e.db("alpha").CreateLead(context.Background(), l); err != nil {
		e.t.Fatal(err)
	}
	return l
}

// say adds a message to a lead's conversation, at seconds ago.
func (e *inboxEnv) say(l *store.Lead, sender, text string, ago time.Duration) {
	e.t.Helper()
	m := &store.Message{LeadID: l.ID, Sender: sender, Message: text, CreatedAt: time.Now().Add(-ago)}
	if err := e.db("alpha").CreateMessage(context.Background(), m); err != nil {
		e.t.Fatal(err)
	}
}

// A sales user's inbox holds their own and unassigned leads, never a
// colleague's, in every tab and search; owners see every lead in All.
func TestDeskInboxScope(t *testing.T) {
	e := newInboxEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	owner := e.signIn("alpha.test", "owner@alpha.test").Value

	for _, tc := range []struct {
		path          string
		want, notWant []string
	}{
		{"/admin/leads?tab=mine", []string{"Budi Santoso"}, []string{"Siti Aminah", "Joko Widodo"}},
		{"/admin/leads?tab=unassigned", []string{"Siti Aminah"}, []string{"Budi Santoso", "Joko Widodo"}},
		// Sales have no All tab: they get their default one.
		{"/admin/leads?tab=all", []string{"Budi Santoso"}, []string{"Joko Widodo", `href="/admin/leads?tab=all"`}},
		{"/admin/leads?tab=mine&q=joko", []string{"Tidak ada lead yang cocok."}, []string{"Joko Widodo"}},
		{"/admin/leads?tab=unassigned&q=0812-0000-0003", []string{"Tidak ada lead yang cocok."}, []string{"Joko Widodo"}},
	} {
		res := e.deskGet(tc.path, "alpha.test", sales)
		wantStatusCode(t, tc.path, res, http.StatusOK)
		wantFragments(t, tc.path, res.Body, tc.want...)
		wantAbsent(t, tc.path, res.Body, tc.notWant...)
	}

	res := e.deskGet("/admin/leads?tab=all", "alpha.test", owner)
	wantStatusCode(t, "owner all", res, http.StatusOK)
	wantFragments(t, "owner all", res.Body, "Budi Santoso", "Siti Aminah", "Joko Widodo", `aria-current="page">Semua`,
		`>rina</span>`, `>sales</span>`, "Belum diambil")
	res = e.deskGet("/admin/leads?tab=mine", "alpha.test", owner)
	wantFragments(t, "owner mine", res.Body, "Anda belum punya lead.")

	wantSignInRedirect(t, "signed out", e.deskGet("/admin", "alpha.test", ""))
	res = e.deskGet("/admin/leads", "alpha.test", "")
	if loc := res.Header.Get("Location"); res.Code != http.StatusSeeOther || loc != "/admin/login?next=%2Fadmin%2Fleads" {
		t.Errorf("signed out inbox: %d %q", res.Code, loc)
	}
}

// Each row shows the customer, the car, the last message in one line, its
// age, the status, the assignee and, until the user opens it, an unread
// mark; rows come by last activity.
func TestDeskInboxRows(t *testing.T) {
	e := newInboxEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	nameless := e.lead("081200000009", "", nil)
	e.say(e.own, store.SenderCustomer, "Avanza hitam\nmasih ada?", 2*time.Hour)
	e.say(e.own, store.SenderSales, "Masih, Kak. Mau lihat kapan?", 5*time.Minute)
	e.say(e.free, store.SenderCustomer, "Bisa kredit?", 20*time.Minute)

	res := e.deskGet("/admin/leads?tab=mine", "alpha.test", sales)
	wantFragments(t, "own row", res.Body, `id="lead-`+fmt.Sprint(e.own.ID)+`"`, `href="/admin/leads/`+fmt.Sprint(e.own.ID)+`"`,
		"0812-0000-0001", "Anda:</span> Masih, Kak. Mau lihat kapan?", ">5 mnt</time>", `class="badge new">Baru`, ">Anda</span>")
	wantAbsent(t, "own row", res.Body, "Ambil", "avanza hitam\nmasih")

	res = e.deskGet("/admin/leads?tab=unassigned", "alpha.test", sales)
	wantFragments(t, "unassigned rows", res.Body, "Bisa kredit?", ">20 mnt</time>", "Pesan baru", "Belum dibalas",
		`action="/admin/leads/`+fmt.Sprint(e.free.ID)+`/take"`, "0812-0000-0009", "Belum ada pesan")
	// Newest activity first: the nameless lead, created now and silent,
	// before the free lead's message of 20 minutes ago.
	if a, b := strings.Index(res.Body, fmt.Sprintf(`id="lead-%d"`, nameless.ID)), strings.Index(res.Body, fmt.Sprintf(`id="lead-%d"`, e.free.ID)); a < 0 || b < 0 || a > b {
		t.Errorf("order: nameless at %d, free at %d", a, b)
	}

	// Opening the lead reads it.
	if err := e.db("alpha").MarkLeadRead(context.Background(), e.sales.ID, e.free.ID); err != nil {
		t.Fatal(err)
	}
	res = e.deskGet("/admin/leads?tab=unassigned", "alpha.test", sales)
	wantAbsent(t, "after reading", res.Body, "Pesan baru")
}

// The tabs Waiting for reply and Follow-up due, the status filter, the
// search by phone, the pages, and the number waiting in the title and
// the navigation.
func TestDeskInboxTabs(t *testing.T) {
	e := newInboxEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	ctx := context.Background()

	// Nothing waits: the inbox opens on the user's own leads, and the
	// navigation's count is there, empty.
	res := e.deskGet("/admin/leads", "alpha.test", sales)
	wantFragments(t, "nothing waits", res.Body, `aria-current="page">Punya saya`, `<title>Inbox — Showroom alpha</title>`,
		`<span class="count" id="nav-waiting" data-live></span>`)

	e.say(e.free, store.SenderCustomer, "Halo", time.Minute)
	e.say(e.colleagues, store.SenderCustomer, "Halo", time.Minute)
	res = e.deskGet("/admin/leads", "alpha.test", sales)
	wantFragments(t, "one waits", res.Body, `aria-current="page">Belum dibalas`, "<title>(1) Inbox — Showroom alpha</title>",
		`id="nav-waiting" data-live>1<`, "Siti Aminah")
	wantAbsent(t, "one waits", res.Body, "Budi Santoso", "Joko Widodo")
	home := e.deskGet("/admin/account", "alpha.test", sales)
	wantFragments(t, "title elsewhere", home.Body, "<title>(1) Akun saya — Showroom alpha</title>")

	due := time.Now().Add(-time.Hour)
	duep := &due
	if _, err := e.db("alpha").UpdateLead(ctx, e.own.ID, store.LeadUpdate{FollowUpAt: &duep}); err != nil {
		t.Fatal(err)
	}
	hot := store.LeadHot
	if _, err := e.db("alpha").UpdateLead(ctx, e.free.ID, store.LeadUpdate{Status: &hot}); err != nil {
		t.Fatal(err)
	}
	res = e.deskGet("/admin/leads?tab=followup", "alpha.test", sales)
	wantFragments(t, "follow-up", res.Body, "Budi Santoso", `class="badge overdue">Tindak lanjut`)
	wantAbsent(t, "follow-up", res.Body, "Siti Aminah")
	res = e.deskGet("/admin/leads?tab=unassigned&status=hot", "alpha.test", sales)
	wantFragments(t, "hot", res.Body, "Siti Aminah", `<option value="hot" selected>`)
	res = e.deskGet("/admin/leads?tab=unassigned&status=new", "alpha.test", sales)
	wantAbsent(t, "new", res.Body, "Siti Aminah")
	res = e.deskGet("/admin/leads?tab=mine&q=0812-0000-0001", "alpha.test", sales)
	wantFragments(t, "phone search", res.Body, "Budi Santoso", `value="0812-0000-0001"`)

	// Bad input is named beside its field, and the list still shows.
	res = e.deskGet("/admin/leads?tab=mine&status=bogus&q="+strings.Repeat("x", 101), "alpha.test", sales)
	wantStatusCode(t, "bad filters", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad filters", res.Body, `id="status-error">Pilih status dari daftar.`,
		`id="q-error">Pencarian maksimal 100 karakter.`, `aria-invalid="true"`)

	// Pages of 25, older and newer, without a total.
	for i := range 30 {
		e.lead(fmt.Sprintf("0813000000%02d", i), fmt.Sprintf("Pembeli %02d", i), e.sales)
	}
	res = e.deskGet("/admin/leads?tab=mine", "alpha.test", sales)
	wantFragments(t, "page 1", res.Body, "Pembeli 29", `href="/admin/leads?page=2&amp;tab=mine" rel="next"`)
	wantAbsent(t, "page 1", res.Body, `rel="prev"`, "Budi Santoso")
	res = e.deskGet("/admin/leads?tab=mine&page=2", "alpha.test", sales)
	wantFragments(t, "page 2", res.Body, "Budi Santoso", "Pembeli 00", `href="/admin/leads?tab=mine" rel="prev"`)
	wantAbsent(t, "page 2", res.Body, `rel="next"`, "Pembeli 29")
}

// A sales user takes an unassigned lead in one tap and lands on its
// conversation; a colleague's lead is not found, a taken one is not theirs to take,
// and a post from another site is refused.
func TestDeskInboxTake(t *testing.T) {
	e := newInboxEnv(t)
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	take := func(l *store.Lead) *response {
		return e.deskPost(fmt.Sprintf("/admin/leads/%d/take", l.ID), "alpha.test", sales, url.Values{})
	}

	res := take(e.free)
	wantStatusCode(t, "take", res, http.StatusSeeOther)
	if loc, want := res.Header.Get("Location"), fmt.Sprintf("/admin/leads/%d", e.free.ID); loc != want {
		t.Errorf("Location %q, want %q", loc, want)
	}
	l, err := e.db("alpha").FindLeadByID(context.Background(), e.free.ID)
	if err != nil || l.AssignedToUserID == nil || *l.AssignedToUserID != e.sales.ID {
		t.Fatalf("after take: %+v %v", l, err)
	}
	events, err := e.db("alpha").FindLeadEvents(context.Background(), e.free.ID)
	if err != nil || len(events) != 1 || events[0].Kind != "assigned" || events[0].UserID == nil || *events[0].UserID != e.sales.ID {
		t.Errorf("timeline %+v %v", events, err)
	}
	wantFragments(t, "now mine", e.deskGet("/admin/leads?tab=mine", "alpha.test", sales).Body, "Siti Aminah")

	// A second tap finds it theirs already. An owner may take any lead (the
	// API's rule), after which it is out of the sales user's sight.
	wantStatusCode(t, "taken again", take(e.free), http.StatusSeeOther)
	owner := e.signIn("alpha.test", "owner@alpha.test").Value
	ownerTakes := e.deskPost(fmt.Sprintf("/admin/leads/%d/take", e.own.ID), "alpha.test", owner, url.Values{})
	wantStatusCode(t, "owner takes", ownerTakes, http.StatusSeeOther)
	e.own.AssignedToUserID = &e.owner.ID
	wantStatusCode(t, "the owner's lead", take(e.own), http.StatusNotFound)
	wantStatusCode(t, "colleague's", take(e.colleagues), http.StatusNotFound)
	wantStatusCode(t, "no such lead", take(&store.Lead{ID: 999999}), http.StatusNotFound)

	other := e.lead("081200000005", "Dewi", nil)
	req := newFormRequest(fmt.Sprintf("/admin/leads/%d/take", other.ID), "alpha.test", url.Values{})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: "al_session", Value: sales})
	wantStatusCode(t, "cross-site", e.serve(req), http.StatusForbidden)
	if l, _ := e.db("alpha").FindLeadByID(context.Background(), other.ID); l.AssignedToUserID != nil {
		t.Errorf("a cross-site take assigned the lead")
	}
}

// Whatever a customer writes through WhatsApp is shown as text.
func TestDeskInboxHostileText(t *testing.T) {
	e := newInboxEnv(t)
	number, token := corpusDevice, "fonnte-token"
	tn, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{WhatsAppNumber: &number, FonnteToken: &token})
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`} {
		body := fmt.Sprintf(`{"device":%q,"sender":"62812555000%d","message":%q,"name":%q,"inboxid":"h%d","timestamp":1729674000}`,
			corpusDevice, i, text, text, i)
		wantStatusCode(t, "webhook", e.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, "application/json", body), http.StatusOK)
	}
	owner := e.signIn("alpha.test", "owner@alpha.test").Value
	for _, path := range []string{"/admin/leads?tab=all", "/admin/leads?tab=waiting", "/admin"} {
		res := e.deskGet(path, "alpha.test", owner)
		wantStatusCode(t, path, res, http.StatusOK)
		wantAbsent(t, path, res.Body, "<script>alert", "<img src=x", `href="javascript:`)
	}
	res := e.deskGet("/admin/leads?tab=all", "alpha.test", owner)
	wantFragments(t, "escaped", res.Body, "&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;", "javascript:alert(1)")
}
