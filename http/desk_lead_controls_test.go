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
)

// Closing as lost asks why on the dashboard; the reason then shows on the
// timeline with who made the change.
func TestDeskLeadLostReason(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	res := e.post(id, "status", e.salesS, url.Values{"status": {"lost"}})
	wantStatusCode(t, "no reason", res, http.StatusUnprocessableEntity)
	wantFragments(t, "no reason", res.Body, `id="lost-reason-error"`, "Pilih alasan batal.", `<option value="lost" selected>`)
	if e.lead(id).Status != store.LeadNew {
		t.Fatal("closed without a reason")
	}
	res = e.post(id, "status", e.salesS, url.Values{"status": {"lost"}, "lostReason": {"bogus"}})
	wantStatusCode(t, "unknown reason", res, http.StatusUnprocessableEntity)
	wantFragments(t, "unknown reason", res.Body, `id="lost-reason-error"`)

	page := e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body
	if i, j := strings.Index(page, "Ditolak leasing"), strings.Index(page, "Harga tidak cocok"); i < 0 || j < i {
		t.Error("Ditolak leasing is not the first reason")
	}
	wantRedirect(t, "lost", e.post(id, "status", e.salesS, url.Values{"status": {"lost"}, "lostReason": {"leasing_rejected"}}),
		fmt.Sprintf("/admin/leads/%d#status", id))
	if l := e.lead(id); l.Status != store.LeadLost || l.LostReason != store.LostLeasingRejected {
		t.Fatalf("lead %+v", l)
	}
	page = e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.ownerS).Body
	wantFragments(t, "timeline", page, "Status: Baru → Batal", "Alasan batal: Ditolak leasing", "oleh sales,", "Ditangani sales")
}

func TestDeskLeadFollowUp(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	res := e.post(id, "follow-up", e.salesS, url.Values{"followUpAt": {"2030-01-02T09:30"}})
	wantRedirect(t, "set", res, fmt.Sprintf("/admin/leads/%d#follow-up", id))
	l := e.lead(id)
	if want := time.Date(2030, 1, 2, 2, 30, 0, 0, time.UTC); l.FollowUpAt == nil || !l.FollowUpAt.Equal(want) {
		t.Fatalf("follow-up %v, want %v (09.30 WIB)", l.FollowUpAt, want)
	}
	page := e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body
	wantFragments(t, "page", page, `value="2030-01-02T09:30"`, "Dijadwalkan 2 Jan 2030, 09.30 WIB",
		"Tindak lanjut dijadwalkan 2 Jan 2030, 09.30 WIB")

	res = e.post(id, "follow-up", e.salesS, url.Values{"followUpAt": {"besok pagi"}})
	wantStatusCode(t, "bad", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad", res.Body, `id="follow-up-error"`, `value="besok pagi"`)

	wantRedirect(t, "clear", e.post(id, "follow-up", e.salesS, url.Values{"followUpAt": {"2030-01-02T09:30"}, "clear": {"1"}}),
		fmt.Sprintf("/admin/leads/%d#follow-up", id))
	if e.lead(id).FollowUpAt != nil {
		t.Fatal("not cleared")
	}
}

func TestDeskLeadRetry(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	ctx := context.Background()
	db := e.db("alpha")
	m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: id, Message: "Masih ada", UserID: e.sales.ID})
	if err != nil {
		t.Fatal(err)
	}
	db.ClaimDelivery(ctx, 0)
	if err := db.MarkDeliveryFailed(ctx, m.ID, "nomor tidak aktif"); err != nil {
		t.Fatal(err)
	}
	retry := fmt.Sprintf("messages/%d/retry", m.ID)
	page := e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body
	wantFragments(t, "failed", page, "nomor tidak aktif", fmt.Sprintf(`action="/admin/leads/%d/%s"`, id, retry))
	wantStatusCode(t, "colleague", e.post(id, retry, e.colleagueS, nil), http.StatusNotFound)
	wantRedirect(t, "retry", e.post(id, retry, e.salesS, nil), fmt.Sprintf("/admin/leads/%d#m%d", id, m.ID))
	msgs, _ := db.FindMessages(ctx, id)
	if last := msgs[len(msgs)-1]; last.ID != m.ID || last.DeliveryStatus != store.DeliveryQueued {
		t.Fatalf("not queued again: %+v", last)
	}
	// A second tap finds it queued already and changes nothing.
	wantRedirect(t, "again", e.post(id, retry, e.salesS, nil), fmt.Sprintf("/admin/leads/%d#m%d", id, m.ID))
	wantStatusCode(t, "no such message", e.post(id, "messages/999/retry", e.salesS, nil), http.StatusNotFound)
}

// The showroom's quick replies are filled with the lead's name, car and
// price; without JavaScript a link fills the reply box.
func TestDeskLeadQuickReplies(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(id, e.sales)
	car := leadInsertCar(t, e.db("alpha"), "A01", store.CarAvailable)
	carID := &car
	if _, err := e.db("alpha").UpdateLead(context.Background(), id, store.LeadUpdate{CarID: &carID}); err != nil {
		t.Fatal(err)
	}
	q := &store.QuickReply{Title: "Masih ada", Body: "Halo Kak {nama}, {mobil} masih ada, harga {harga}."}
	if err := e.db("alpha").CreateQuickReply(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	filled := "Halo Kak Budi, Toyota Avanza 2020 Hitam #A01 masih ada, harga Rp 165.000.000."
	page := e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body
	wantFragments(t, "chips", page, fmt.Sprintf(`href="/admin/leads/%d?template=%d#reply"`, id, q.ID), `data-fill="`+filled+`"`, ">Masih ada</a>")
	page = e.deskGet(fmt.Sprintf("/admin/leads/%d?template=%d", id, q.ID), "alpha.test", e.salesS).Body
	wantFragments(t, "prefilled", page, `rows="3">`+filled+`</textarea>`)
}

// Opening a lead marks the customer's messages read for that user only,
// and writes nothing when there is nothing new.
func TestDeskLeadMarksRead(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	reads := func() int { return e.count("alpha", `SELECT COUNT(*) FROM lead_reads WHERE lead_id = ?`, id) }
	e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.ownerS)
	if n := reads(); n != 1 {
		t.Fatalf("%d read marks", n)
	}
	l, err := e.db("alpha").FindLeadReadBy(context.Background(), id, e.owner.ID)
	if err != nil || l.Unread {
		t.Fatalf("still unread: %v", err)
	}
	if l, _ := e.db("alpha").FindLeadReadBy(context.Background(), id, e.sales.ID); !l.Unread {
		t.Fatal("read for another user")
	}
}

// The customer's other leads are listed, within the user's scope.
func TestDeskLeadEarlierLeads(t *testing.T) {
	e := newDeskLeadEnv(t)
	first := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(first, e.sales)
	lost, reason := store.LeadLost, store.LostPrice
	if _, err := e.db("alpha").UpdateLead(context.Background(), first, store.LeadUpdate{Status: &lost, LostReason: &reason}); err != nil {
		t.Fatal(err)
	}
	second := e.inbound("6281234567890", "Budi", "Halo lagi")
	if second == first {
		t.Fatal("a closed lead took the new message")
	}
	link := fmt.Sprintf(`href="/admin/leads/%d"`, first)
	wantFragments(t, "owner", e.deskGet(fmt.Sprintf("/admin/leads/%d", second), "alpha.test", e.ownerS).Body, link)
	if body := e.deskGet(fmt.Sprintf("/admin/leads/%d", second), "alpha.test", e.colleagueS).Body; strings.Contains(body, link) {
		t.Error("a colleague sees another salesperson's earlier lead")
	}
}

// Reopening a lead beside the customer's open one is refused beside the
// status field, as the store refuses a second open lead for a phone.
func TestDeskLeadReopenConflict(t *testing.T) {
	e := newDeskLeadEnv(t)
	first := e.inbound("6281234567890", "Budi", "Halo")
	lost, reason := store.LeadLost, store.LostPrice
	if _, err := e.db("alpha").UpdateLead(context.Background(), first, store.LeadUpdate{Status: &lost, LostReason: &reason}); err != nil {
		t.Fatal(err)
	}
	e.inbound("6281234567890", "Budi", "Halo lagi")
	res := e.post(first, "status", e.ownerS, url.Values{"status": {"hot"}})
	wantStatusCode(t, "reopen", res, http.StatusUnprocessableEntity)
	wantFragments(t, "reopen", res.Body, `id="status-error"`, "sudah punya lead lain yang masih terbuka")
}

// A sales user takes an unassigned lead from its page and is back on it,
// now with its controls.
func TestDeskLeadTake(t *testing.T) {
	e := newDeskLeadEnv(t)
	id := e.inbound("6281234567890", "Budi", "Halo")
	page := fmt.Sprintf("/admin/leads/%d", id)
	body := e.deskGet(page, "alpha.test", e.salesS).Body
	wantFragments(t, "before", body, `action="`+page+`/take"`)
	res := e.post(id, "take", e.salesS, url.Values{})
	wantRedirect(t, "take", res, page)
	wantFragments(t, "after", e.deskGet(page, "alpha.test", e.salesS).Body, fmt.Sprintf(`action="%s/status"`, page), "Ditangani sales")
}
