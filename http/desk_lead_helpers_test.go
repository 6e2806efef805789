package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// deskLeadEnv is showroom alpha with WhatsApp connected (a Fonnte token),
// its owner, a sales user and their colleague, each signed in.
type deskLeadEnv struct {
	*deskEnv
	tn                         *tenants.Tenant
	colleague                  *store.User
	ownerS, salesS, colleagueS string // session cookies
	inbox                      int
}

func newDeskLeadEnv(t *testing.T) *deskLeadEnv {
	e := &deskLeadEnv{deskEnv: &deskEnv{testEnv: newTestEnv(t)}}
	e.tn = e.whatsAppTenant("alpha", "fonnte-token")
	e.owner = e.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	e.sales = e.createUser("alpha", "sales@alpha.test", store.RoleSales)
	e.colleague = e.createUser("alpha", "rina@alpha.test", store.RoleSales)
	e.ownerS = e.signIn("alpha.test", "owner@alpha.test").Value
	e.salesS = e.signIn("alpha.test", "sales@alpha.test").Value
	e.colleagueS = e.signIn("alpha.test", "rina@alpha.test").Value
	return e
}

// inbound posts a customer's WhatsApp message through the real webhook and
// returns the lead it landed on.
func (e *deskLeadEnv) inbound(phone, name, text string) int64 {
	e.t.Helper()
	e.inbox++
	body, _ := json.Marshal(map[string]any{"device": corpusDevice, "sender": phone, "name": name,
		"message": text, "inboxid": fmt.Sprint(e.inbox)})
	res := e.webhook("/webhook/fonnte", "alpha.test", e.tn.WebhookToken, "application/json", string(body))
	wantStatusCode(e.t, "webhook", res, http.StatusOK)
	var out struct {
		Data struct{ LeadID int64 } `json:"data"`
	}
	res.decode(e.t, &out)
	if out.Data.LeadID == 0 {
		e.t.Fatalf("webhook made no lead: %s", res.Body)
	}
	return out.Data.LeadID
}

// assign gives lead id to u (nil: nobody) through the store.
func (e *deskLeadEnv) assign(id int64, u *store.User) {
	e.t.Helper()
	var to *int64
	if u != nil {
		to = &u.ID
	}
	if _, err := e.db("alpha").UpdateLead(context.Background(), id, store.LeadUpdate{AssignedToUserID: &to}); err != nil {
		e.t.Fatal(err)
	}
}

// lead reads lead id from the store.
func (e *deskLeadEnv) lead(id int64) *store.Lead {
	e.t.Helper()
	l, err := e.db("alpha").FindLeadByID(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

// post sends a same-origin form of the lead page.
func (e *deskLeadEnv) post(id int64, action, session string, form url.Values) *response {
	e.t.Helper()
	return e.deskPost(fmt.Sprintf("/admin/leads/%d/%s", id, action), "alpha.test", session, form)
}

// wantRedirect fails unless res is a 303 to location.
func wantRedirect(t *testing.T, label string, res *response, location string) {
	t.Helper()
	wantStatusCode(t, label, res, http.StatusSeeOther)
	if got := res.Header.Get("Location"); got != location {
		t.Fatalf("%s: Location %q, want %q", label, got, location)
	}
}
