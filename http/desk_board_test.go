package http_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDeskBoard(t *testing.T) {
	e := newDeskLeadEnv(t)
	mine := e.inbound("6281234567890", "Budi", "Halo")
	e.assign(mine, e.sales)
	theirs := e.inbound("6281311112222", "Sari", "Halo")
	e.assign(theirs, e.colleague)
	free := e.inbound("6281399998888", "Tono", "Halo")

	owner := e.deskGet("/admin/board", "alpha.test", e.ownerS)
	wantStatusCode(t, "owner", owner, http.StatusOK)
	wantFragments(t, "owner", owner.Body, `id="col-new" data-live`, `id="col-lost" data-live`, "Budi", "Sari", "Tono",
		`<span class="badge new">Baru</span> <span class="col-count">3</span>`, `id="lead-`+fmt.Sprint(theirs)+`" draggable="true"`,
		`action="/admin/leads/`+fmt.Sprint(mine)+`/status"`, `name="back" value="board"`, `id="lost-dialog"`, "Ditolak leasing")

	sales := e.deskGet("/admin/board", "alpha.test", e.salesS).Body
	wantFragments(t, "sales", sales, "Budi", "Tono", `<span class="col-count">2</span>`,
		fmt.Sprintf(`id="lead-%d" draggable="true"`, mine), fmt.Sprintf(`id="lead-%d">`, free))
	if strings.Contains(sales, "Sari") {
		t.Error("a sales user sees a colleague's lead on the board")
	}
	if strings.Contains(sales, fmt.Sprintf(`action="/admin/leads/%d/status"`, free)) {
		t.Error("a sales user may move an unassigned lead")
	}

	// Moving keeps the board's place; a move to lost without a reason goes
	// to the lead page's status form.
	res := e.post(mine, "status", e.salesS, url.Values{"status": {"hot"}, "back": {"board"}})
	wantRedirect(t, "move", res, fmt.Sprintf("/admin/board#lead-%d", mine))
	if e.lead(mine).Status != store.LeadHot {
		t.Fatal("not moved")
	}
	wantFragments(t, "after move", e.deskGet("/admin/board", "alpha.test", e.salesS).Body,
		`<span class="badge hot">Panas</span> <span class="col-count">1</span>`)
	res = e.post(mine, "status", e.salesS, url.Values{"status": {"lost"}, "back": {"board"}})
	wantRedirect(t, "lost without reason", res, fmt.Sprintf("/admin/leads/%d?status=lost#status", mine))
	wantFragments(t, "status form", e.deskGet(fmt.Sprintf("/admin/leads/%d?status=lost", mine), "alpha.test", e.salesS).Body,
		`<option value="lost" selected>`)
	res = e.post(mine, "status", e.salesS, url.Values{"status": {"lost"}, "lostReason": {"price"}, "back": {"board"}})
	wantRedirect(t, "lost", res, fmt.Sprintf("/admin/board#lead-%d", mine))
	if l := e.lead(mine); l.Status != store.LeadLost || l.LostReason != store.LostPrice {
		t.Fatalf("lead %+v", l)
	}
	wantStatusCode(t, "colleague's", e.post(theirs, "status", e.salesS, url.Values{"status": {"hot"}, "back": {"board"}}), http.StatusNotFound)
	wantRedirect(t, "signed out", e.deskGet("/admin/board", "alpha.test", ""), "/admin/login?next=%2Fadmin%2Fboard")
}

// A column shows the most recent cards and links to the inbox for the rest.
func TestDeskBoardMore(t *testing.T) {
	e := newDeskLeadEnv(t)
	for i := range 21 {
		e.inbound(fmt.Sprintf("62812000000%02d", i), fmt.Sprintf("Pelanggan %02d", i), "Halo")
	}
	body := e.deskGet("/admin/board", "alpha.test", e.ownerS).Body
	wantFragments(t, "board", body, `<span class="col-count">21</span>`, `href="/admin/leads?status=new&amp;tab=all"`, "Pelanggan 20")
	if n := strings.Count(body, `class="card lead-card"`); n != 20 {
		t.Fatalf("%d cards, want 20", n)
	}
	if strings.Contains(body, "Pelanggan 00") {
		t.Error("the oldest lead shows instead of the newest")
	}
}
